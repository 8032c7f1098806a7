"""The Python side is a package: named and versioned with the npm package, installable offline
with Debian's pip into a virtual environment, with its console command."""

import json
import os
import shutil
import subprocess
import sys
import tomllib

import curi_report

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")


def test_name_and_version_are_the_npm_packages():
    with open(os.path.join(ROOT, "package.json"), encoding="utf-8") as f:
        npm = json.load(f)
    with open(os.path.join(ROOT, "python", "pyproject.toml"), "rb") as f:
        project = tomllib.load(f)["project"]
    assert project["name"] == npm["name"] == "curi-report"
    assert curi_report.__version__ == npm["version"]


def test_pip_installs_it_offline_into_a_venv_with_its_command(tmp_path):
    """The README's install, as a user on Debian 12 runs it (no PyPI here): a venv that sees
    Debian's packages, then pip --no-build-isolation. The venv is made --without-pip and runs
    Debian's pip 23 (the one ensurepip would copy in, without its 20 s); --no-index proves that
    nothing is fetched."""
    source = tmp_path / "src"
    shutil.copytree(os.path.join(ROOT, "python"), source, ignore=shutil.ignore_patterns("tests", "build", "*.egg-info", "__pycache__"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-build-isolation", "--no-index", str(source)], check=True)
    curifactory = os.environ.get("CURIFACTORY_PATH") or os.path.dirname(os.path.dirname(__import__("curifactory").__file__))
    env = {**os.environ, "PYTHONPATH": curifactory}
    shown = subprocess.run(
        [python, "-c", "import curi_report, importlib.metadata as m; print(curi_report.__file__, m.version('curi-report'))"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert shown == [str(venv / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages" / "curi_report" / "__init__.py"), curi_report.__version__]
    command = str(venv / "bin" / "curi-report-run")
    assert "usage: curi-report-run <experiment>" in subprocess.run([command, "--help"], env=env, capture_output=True, text=True, check=True).stdout
    bare = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    missing = subprocess.run([command, "iris", "-p", "iris"], env=bare, capture_output=True, text=True, cwd=tmp_path)
    assert missing.returncode == 127
    assert "needs curifactory 0.20 or newer, which is not importable" in missing.stderr


def test_statuses_are_the_schemas():
    """The run statuses the exporter writes are the run format's: one list, in schema/run.schema.json."""
    from conftest import SCHEMA_PATH

    from curi_report.runinfo import STATUSES

    with open(SCHEMA_PATH, encoding="utf-8") as f:
        schema = json.load(f)
    assert list(STATUSES) == schema["definitions"]["runStatus"]["enum"]

"""How curi-report-run finds curi-report (Node.js), and what it says when it cannot: exactly what
to install, never the bare registry name (curi-report is not on the npm registry)."""

import os
import shutil

import pytest

from curi_report import locate as loc
from curi_report.run import EXIT_MISSING, build_site


@pytest.fixture
def bare_path(tmp_path, monkeypatch):
    """A PATH with node (when given) and nothing else; no $CURI_REPORT."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.delenv(loc.ENV_VAR, raising=False)

    def add(name, target=None):
        link = bin_dir / name
        link.symlink_to(target or shutil.which(name, path=os.defpath + ":/usr/local/bin") or "/bin/true")
        return str(link)

    return add


def test_without_node_it_says_to_install_node_then_curi_report(tmp_path, bare_path):
    with pytest.raises(loc.NotFound) as missing:
        loc.locate(None, str(tmp_path))
    text = str(missing.value)
    assert "Node.js is not on PATH" in text and "20.19 or newer" in text
    assert "npm install curi-report" not in text
    assert "npm pack" in text and f"npm install {loc.own_checkout()}" in text


def test_without_curi_report_it_says_how_to_install_it_from_its_repository(tmp_path, bare_path, capsys):
    bare_path("node")
    with pytest.raises(loc.NotFound) as missing:
        loc.locate(None, str(tmp_path))
    text = str(missing.value)
    assert "not on the npm registry" in text and "npm install curi-report" not in text
    assert f"--curi-report {loc.own_checkout()}" in text
    assert build_site({"--runs-dir": "runs", "--out": "site", "--curi-report": None, "--open": False}) == EXIT_MISSING
    assert "Then build it with: npx curi-report runs --out site" in capsys.readouterr().err


def test_order_configured_then_the_project_then_path(tmp_path, bare_path, monkeypatch):
    node = bare_path("node")
    checkout = tmp_path / "checkout"
    (checkout / "bin").mkdir(parents=True)
    (checkout / "bin" / "curi-report.js").write_text("")
    with pytest.raises(loc.NotFound, match="is not built; run `npm ci && npm run build` there"):
        loc.locate(str(checkout), str(tmp_path))
    (checkout / "dist" / "src" / "cli").mkdir(parents=True)
    (checkout / "dist" / "src" / "cli" / "main.js").write_text("")
    assert loc.locate(str(checkout), str(tmp_path)).command == [node, str(checkout / "bin" / "curi-report.js")]
    monkeypatch.setenv(loc.ENV_VAR, str(checkout))
    assert loc.locate(None, str(tmp_path)).source.startswith("$CURI_REPORT")
    monkeypatch.delenv(loc.ENV_VAR)
    with pytest.raises(loc.NotFound, match="where there is no curi-report"):
        loc.locate(str(tmp_path / "nowhere"), str(tmp_path))

    on_path = bare_path("curi-report", "/bin/true")
    assert loc.locate(None, str(tmp_path)).command == [on_path]
    project = tmp_path / "project"
    (project / "node_modules" / ".bin").mkdir(parents=True)
    (project / "node_modules" / ".bin" / "curi-report").write_text("")
    (project / "sub").mkdir()
    npx = bare_path("npx", "/bin/true")
    assert loc.locate(None, str(project / "sub")).command == [npx, "--no-install", "curi-report"]

"""pytest setup: curi_report from this repository; curifactory from PYTHONPATH (CI unpacks the
vendored 0.20.2 and exports it). Each test that runs curifactory gets its own project folder."""

import json
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import matplotlib  # noqa: E402

matplotlib.use("Agg")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """An empty curifactory project (config only) as the working directory."""
    (tmp_path / "curifactory_config.json").write_text(json.dumps({"manager_cache_path": "data/", "cache_path": "data/cache"}))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def manager(project):
    """A live ArtifactManager (status LIVE) that logs nowhere."""
    import curifactory as cf

    return cf.ArtifactManager("unit", suppress_live_log=True)


def strict_json(path):
    """Reads JSON refusing NaN/Infinity, which Python's json would otherwise accept."""

    def refuse(name):
        raise ValueError(f"{path}: non-JSON constant {name}")

    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_constant=refuse)

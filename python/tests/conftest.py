"""pytest setup: curi_report from this repository; curifactory from PYTHONPATH (CI unpacks the
vendored 0.20.2 and exports it). Each test that runs curifactory gets its own project folder."""

import functools
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


#: The run format's contract, shared with the TypeScript reader (schema/run.schema.json).
SCHEMA_PATH = os.path.join(os.path.dirname(__file__), "..", "..", "schema", "run.schema.json")


@functools.lru_cache(maxsize=1)
def run_validator():
    """A Draft 7 validator of run.json (python3-jsonschema), built once."""
    import jsonschema

    with open(SCHEMA_PATH, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def schema_problems(document):
    """Every place where ``document`` breaks the schema, as ``/pointer: message`` lines."""
    errors = sorted(run_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    return ["/" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message[:300] for e in errors]


def strict_json(path):
    """Reads JSON refusing NaN/Infinity, which Python's json would otherwise accept; a run.json
    must also pass the run schema: a field the exporter writes that the schema does not allow
    fails here."""

    def refuse(name):
        raise ValueError(f"{path}: non-JSON constant {name}")

    with open(path, encoding="utf-8") as f:
        document = json.load(f, parse_constant=refuse)
    if os.path.basename(path) == "run.json":
        problems = schema_problems(document)
        assert problems == [], f"{path} breaks schema/run.schema.json:\n" + "\n".join(problems[:20])
    return document

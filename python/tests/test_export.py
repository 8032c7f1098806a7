"""export_run on real curifactory managers (live, in-process: fast, no subprocess)."""

import os
from dataclasses import dataclass, field

import curifactory as cf
import numpy as np
import pandas as pd
import pytest
from curifactory import reporting as rp

import curi_report
from conftest import strict_json


@dataclass
class Params(cf.ExperimentParameters):
    size: int = 3
    shape: tuple = (1, 2)
    workers: int = 2
    extra: dict = field(default_factory=dict)
    hash_representations: dict = cf.set_hash_functions(workers=None)


class Broken(rp.Reportable):
    def html(self):
        raise RuntimeError("html() exploded")


@cf.stage(inputs=None, outputs=["numbers"])
def load(record):
    size = record.params.size
    frame = pd.DataFrame({"i": np.arange(size), "f": [0.5, np.nan, np.inf][:size], "s": ["x", "y", "z"][:size]})
    record.report(rp.DFReporter(frame, name="frame", float_prec=2))
    record.report(rp.JsonReporter({"tuple": (1, 2), "nan": float("nan")}, name="same"))
    record.report(rp.JsonReporter([1], name="same"))
    record.report(Broken(name="broken"))
    return list(range(size))


@cf.stage(inputs=["numbers"], outputs=["total"])
def total(record, numbers):
    return sum(numbers)


def test_a_live_run_exports_every_record_artifact_and_reportable(manager, project):
    first = total(load(cf.Record(manager, Params(name="first"))))
    hidden = first.make_copy(add_to_manager=False)
    total(hidden)
    folder = curi_report.export_run(manager, runs_dir="runs")

    assert folder == os.path.join("runs", manager.get_reference_name())
    assert (project / "runs" / "latest").read_text().strip() == manager.get_reference_name()
    run = strict_json(os.path.join(folder, "run.json"))
    assert run["schema_version"] == 2
    assert run["run_info"]["status"] == "LIVE"
    assert run["run_info"]["params"] == {"(live)": [["first", first.params.hash]]}

    assert [r["name"] for r in run["records"]] == ["Record 0 (first)", "Record 1 (first)"]
    assert run["records"][1]["in_manager"] is False and "in_manager" not in run["records"][0]
    assert run["records"][1]["input_records"] == [0]
    assert run["records"][0]["stage_outputs"] == [[0], [1]]
    assert run["records"][1]["stage_outputs"] == [[2]]
    assert [a["record"] for a in run["artifacts"]] == [0, 0, 1]
    assert run["artifacts"][0]["string"] == "(list) [0, 1, 2] len: 3"

    args = run["args"][0]
    assert args["ignored"] == ["workers"]
    assert args["reprs"]["shape"] == "(1, 2)" and args["values"]["shape"] == [1, 2]


def test_tables_keep_types_and_non_finite_cells(manager, project):
    load(cf.Record(manager, Params(name="t")))
    run = strict_json(os.path.join(curi_report.export_run(manager, "runs"), "run.json"))
    table = next(r for r in run["reportables"] if r["kind"] == "table")["data"]
    assert table["column_types"] == ["int", "float", "string"]
    assert table["rows"][1] == [1, {"$float": "NaN"}, "y"]
    assert table["rows"][2][1] == {"$float": "Infinity"}
    assert table["float_precision"] == 2


def test_duplicate_names_are_kept_and_a_broken_reportable_is_named_not_fatal(manager, project):
    load(cf.Record(manager, Params(name="d")))
    run = strict_json(os.path.join(curi_report.export_run(manager, "runs"), "run.json"))
    names = [r["qualified_name"] for r in run["reportables"]]
    assert names.count("d_load_same") == 2
    broken = next(r for r in run["reportables"] if r["qualified_name"] == "d_load_broken")
    assert broken["kind"] == "html"
    text = broken["data"]["html"]
    assert "d_load_broken" in text and "record 0" in text and "load" in text and "html() exploded" in text


def test_export_replaces_an_earlier_export_of_the_same_run(manager, project):
    record = load(cf.Record(manager, Params(name="r")))
    first = curi_report.export_run(manager, "runs")
    total(record)
    second = curi_report.export_run(manager, "runs")
    assert first == second
    assert strict_json(os.path.join(second, "run.json"))["records"][0]["stages"] == ["load", "total"]
    assert sorted(os.listdir(project / "runs")) == ["latest", manager.get_reference_name()]


def test_install_exports_on_generate_report_even_when_curifactory_report_crashes(project):
    curi_report.install(runs_dir="exported")
    manager = cf.ArtifactManager("hooked", suppress_live_log=True)
    total(load(cf.Record(manager, Params(name="h"))))
    curi_report.log_metric(manager, "runs", 1)
    # The Broken reportable makes curifactory's own report fail (its defect B8).
    with pytest.raises(RuntimeError, match="html\\(\\) exploded"):
        manager.generate_report()
    run = strict_json(os.path.join("exported", manager.get_reference_name(), "run.json"))
    # Issue 20 point 5: the run said COMPLETE while the command failed. It is exported again as
    # an error, with the whole error and where it was raised.
    assert run["run_info"]["status"] == "error"
    assert run["run_info"]["error"] == "RuntimeError - html() exploded"
    assert "in generate_report" in run["run_info"]["traceback"] and "in html" in run["run_info"]["traceback"]
    info = run["records"][0]["stage_info"]
    assert [i["cached"] for i in info] == [False, False]
    assert all(isinstance(i["duration_ms"], float) for i in info)
    assert run["metrics"] == {"runs": 1.0}
    assert not os.path.isfile(os.path.join("reports", manager.get_reference_name(), "index.html"))

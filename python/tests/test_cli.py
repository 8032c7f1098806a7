import sys

from curi_report.__main__ import main

from conftest import strict_json


def test_usage_errors_exit_2_and_help_exits_0(capsys):
    assert main([]) == 2
    assert "usage: python3 -m curi_report" in capsys.readouterr().err
    assert main(["report"]) == 2
    assert main(["--runs-dir"]) == 2
    assert main(["--help"]) == 0
    assert "experiment <name>" in capsys.readouterr().out


HOSTILE_EXPERIMENT = '''
import curifactory as cf
from curifactory import reporting as rp
from dataclasses import dataclass, field


class Member:
    def __hash__(self):
        return 1

    def __repr__(self):
        raise ValueError("repr refused")


@dataclass
class Params(cf.ExperimentParameters):
    members: set = field(default_factory=lambda: {Member()})
    hash_representations: dict = cf.set_hash_functions(members=None)


def get_params():
    return [Params(name="odd")]


@cf.stage(inputs=None, outputs=[])
def hostile(record):
    loop = []
    loop.append(loop)
    loop.append(loop)
    record.report(rp.JsonReporter({"loop": loop}, name="loop"))
    record.report(rp.JsonReporter({"name": "\\udcff"}, name="lone"))


def run(param_sets, manager):
    for p in param_sets:
        hostile(cf.Record(manager, p))
'''


def test_the_cli_exports_hostile_values_prints_them_and_keeps_cli_flags_out_of_args(project, capfd):
    """Issue 23 point 7 through curifactory's own CLI (each case exited 0 with no run and nothing
    printed), and issue 20 point 3: --overwrite is how the run was started, not an arg."""
    for package in ("experiments", "params"):
        (project / package).mkdir()
        (project / package / "__init__.py").write_text("")
        (project / package / "cli_hostile.py").write_text(HOSTILE_EXPERIMENT)
    # curifactory's own report then fails on the loop (json.dumps: circular reference): the
    # command exits 1 as curifactory does, and the exported run says error, not complete.
    assert main(["experiment", "cli_hostile", "-p", "cli_hostile", "--overwrite", "--plain"]) == 1
    reference = (project / "runs" / "latest").read_text().strip()
    run = strict_json(project / "runs" / reference / "run.json")
    err = capfd.readouterr().err
    assert (run["run_info"]["status"], run["run_info"]["error"]) == ("error", "ValueError - Circular reference detected")
    assert "in generate_report" in run["run_info"]["traceback"]
    assert "--overwrite" in run["run_info"]["cli"]
    assert run["args"][0]["values"] == {
        "name": "odd",
        "members": ["could not be represented: str() of a Member raised ValueError: repr refused"],
    }
    values = {r["name"]: r["data"]["value"] for r in run["reportables"]}
    assert values["loop"] == {"loop": ["could not be represented: a list that contains itself (a recursive structure)"] * 2}
    assert values["lone"] == {"name": "\\xff"}
    assert "values could not be represented" in err
    assert "args set 'odd', field 'members'" in err and "reportable 'odd_hostile_loop'" in err


RAISING_EXPERIMENT = '''
import curifactory as cf
from dataclasses import dataclass


@dataclass
class Params(cf.ExperimentParameters):
    rate: float = 0.1


def get_params():
    return [Params(name="fine"), Params(name="explodes", rate=-1.0)]


@cf.stage(inputs=None, outputs=["model"])
def train(record):
    if record.params.rate < 0:
        raise ValueError("rate must be positive")
    return record.params.rate


def run(param_sets, manager):
    for p in param_sets:
        train(cf.Record(manager, p))
'''


def test_the_one_command_fails_when_a_stage_raised_although_curifactory_exits_0(project, capfd, monkeypatch):
    """curifactory logs a stage's error, marks the run error and exits 0; curi-report-run must not
    pass a failed experiment in CI, and says which error failed it."""
    from curi_report.run import main as run_main

    for cached in [m for m in sys.modules if m.split(".")[0] in ("experiments", "params")]:
        monkeypatch.delitem(sys.modules, cached)  # another test's project was imported under these names
    monkeypatch.syspath_prepend(str(project))  # and its folder stays on sys.path before this one

    for package in ("experiments", "params"):
        (project / package).mkdir()
        (project / package / "__init__.py").write_text("")
        (project / package / "raising.py").write_text(RAISING_EXPERIMENT)
    assert main(["experiment", "raising", "-p", "raising", "--plain"]) == 0  # curifactory's own status
    assert run_main(["raising", "-p", "raising", "--plain", "--no-build"]) == 1
    err = capfd.readouterr().err
    assert "curi-report-run: the experiment failed: ValueError - rate must be positive" in err
    reference = (project / "runs" / "latest").read_text().strip()
    run = strict_json(project / "runs" / reference / "run.json")
    assert run["run_info"]["status"] == "error"

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

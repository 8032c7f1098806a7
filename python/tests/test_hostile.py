"""The exporter never loses a run to the user's objects (issue 23 point 7): each bad value becomes
"could not be represented: …" in a run that passes the schema, and each is printed with the
record, stage and reportable (or args set and field) it came from."""

import os

import pytest
from dataclasses import dataclass, field

import curifactory as cf
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from curifactory import reporting as rp

import curi_report
from curi_report import tables
from conftest import strict_json


class Member:
    """A set member whose ``__repr__`` (and so its default ``__str__``) raises."""

    def __hash__(self):
        return id(self)

    def __repr__(self):
        raise ValueError("repr refused")


@dataclass
class Odd(cf.ExperimentParameters):
    members: set = field(default_factory=lambda: {Member(), Member()})
    # Not hashed (curifactory would call repr on it): a value only the exporter reads.
    hash_representations: dict = cf.set_hash_functions(members=None)


class Unsaveable:
    """A figure whose savefig fails half-way, leaving a partial file."""

    def savefig(self, path, **kwargs):
        with open(path, "w") as out:
            out.write("<svg")
        raise OSError("disk full")


class Guide(rp.Reportable):
    """The user guide's example of a custom reportable, with a non-UTF-8 file name beside it."""

    def render(self):
        with open(f"{self.path}{self.name}.png", "wb") as out:
            out.write(b"\x89PNG")
        with open(os.path.join(self.path, os.fsdecode(b"bad\xff.txt")), "w") as out:
            out.write("x")

    def html(self):
        return f"<img src='{self.path}{self.name}.png'>"


def hostile_stage(record):
    loop = []
    loop.append(loop)
    loop.append(loop)
    record.report(rp.JsonReporter({"loop": loop}, name="loop"))
    record.report(rp.JsonReporter({"file": os.fsdecode(b"caf\xe9.csv"), "lone": "\ud800"}, name=os.fsdecode(b"n\xffme")))
    record.report(rp.JsonReporter({"markup": "<script>alert(1)</script>", "escape": "\x1b[2J\x1b[31mred"}, name="text"))
    record.report(rp.DFReporter(pd.DataFrame({"a": np.arange(3_000), "b": np.ones(3_000)}), name="huge"))
    fig = Unsaveable()
    record.report(rp.FigureReporter(fig, name="unsaveable"))
    record.report(Guide(name="guide"))
    fig2, ax = plt.subplots()
    ax.plot([1, 2])
    record.report(rp.FigureReporter(fig2, name="fine"))
    plt.close(fig2)


def test_every_bad_value_is_a_stand_in_and_printed(manager, project, capfd, monkeypatch):
    monkeypatch.setattr(tables, "MAX_TABLE_CELLS", 2_500)  # a "huge" frame, small enough to be quick
    @cf.stage(inputs=None, outputs=[])
    def hostile(record):
        hostile_stage(record)

    hostile(cf.Record(manager, Odd(name="odd")))
    folder = curi_report.export_run(manager, "runs")
    run = strict_json(os.path.join(folder, "run.json"))  # valid UTF-8 and schema-valid
    err = capfd.readouterr().err
    by_name = {r["name"]: r for r in run["reportables"]}

    loop = by_name["loop"]["data"]["value"]["loop"]
    assert loop == ["could not be represented: a list that contains itself (a recursive structure)"] * 2
    surrogates = by_name["n\\xffme"]["data"]["value"]
    assert surrogates == {"file": "caf\\xe9.csv", "lone": "\\ud800"}
    assert by_name["text"]["data"]["value"] == {"markup": "<script>alert(1)</script>", "escape": "\x1b[2J\x1b[31mred"}
    members = run["args"][0]["values"]["members"]
    assert members == ["could not be represented: str() of a Member raised ValueError: repr refused"] * 2

    huge = by_name["huge"]["data"]
    assert len(huge["rows"]) == 1_251 and huge["rows"][0] == [None, None] and huge["rows"][1] == [0, 1.0]
    assert huge["index"][0].startswith("could not be represented: a DataFrame of 3,000 rows × 2 columns")

    unsaveable = by_name["unsaveable"]
    assert unsaveable["kind"] == "html" and "OSError: disk full" in unsaveable["data"]["html"]
    assert "white-space:pre-wrap" in unsaveable["data"]["html"]  # the message wraps, never cut off
    assert by_name["fine"]["file"] == "reportables/odd_hostile_fine.svg"
    assert sorted(os.listdir(os.path.join(folder, "reportables"))) == ["odd_hostile_fine.svg"]

    # The user guide's image lands beside reportables/, where its html() points; the file with a
    # non-UTF-8 name is left out (run.json could not name it).
    assert by_name["guide"]["files"] == ["reportablesguide.png"]
    assert os.path.isfile(os.path.join(folder, "reportablesguide.png"))

    assert "\x1b" not in err  # the user's terminal escapes are printed escaped
    for where in (
        "reportable 'odd_hostile_loop' (JsonReporter) of record 0, stage 'hostile': a list that contains itself",
        "args set 'odd', field 'members': str() of a Member raised ValueError: repr refused",
        "reportable 'odd_hostile_unsaveable' (FigureReporter) of record 0, stage 'hostile': OSError: disk full",
        "reportable 'odd_hostile_huge' (DFReporter) of record 0, stage 'hostile': a DataFrame of 3,000 rows",
        "reportable 'odd_hostile_guide' (Guide) of record 0, stage 'hostile': render() wrote 'reportables/bad\\udcff.txt'",
        "reportable 'odd_hostile_n\\udcffme' of record 0, stage 'hostile' (/reportables/1/name): text that is not valid Unicode",
    ):
        assert where in err, f"not printed: {where}\n--- stderr:\n{err}"


class ReprRaises:
    """A value whose ``__repr__`` (and so its default ``__str__``) raises."""

    def __repr__(self):
        raise RuntimeError("no repr for you")


class Shouty:
    """A value whose ``str()`` is markup and terminal escapes (clear screen, red, a title set)."""

    def __str__(self):
        return "<script>alert(1)</script>\x1b[2J\x1b[31m\x1b]0;owned\x07"


def _branching_dict():
    d = {}
    d["a"] = d
    d["b"] = d
    return d


#: Hostile values a JSON reportable may hold: (case id, value, the stand-in or text expected in
#: run.json, what the printed problem must say; None when the value is representable as it is).
RECURSIVE_DICT = "could not be represented: a dict that contains itself (a recursive structure)"
HOSTILE_OBJECTS = [
    (
        "repr-raises",
        ReprRaises(),
        "could not be represented: str() of a ReprRaises raised RuntimeError: no repr for you",
        "RuntimeError: no repr for you",
    ),
    ("dict-contains-itself-twice", _branching_dict(), {"a": RECURSIVE_DICT, "b": RECURSIVE_DICT}, "a dict that contains itself"),
    ("str-is-markup-and-escapes", Shouty(), "<script>alert(1)</script>\x1b[2J\x1b[31m\x1b]0;owned\x07", None),
    ("lone-surrogate-key", {"k\ud800": 1}, {"k\\ud800": 1}, "not valid Unicode"),
]


@pytest.mark.parametrize("case, value, shown, printed", HOSTILE_OBJECTS, ids=[c[0] for c in HOSTILE_OBJECTS])
def test_hostile_objects_become_notes_in_a_valid_run(manager, project, capfd, case, value, shown, printed):
    """Each hostile object as a JSON reportable's value leaves a schema-valid run whose reportable
    shows the value or its "could not be represented" note, and the problem printed with the
    record, stage and reportable; the terminal never gets the user's escapes. (Not as a stage
    output: curifactory itself calls repr() on those, before any export.)"""

    @cf.stage(inputs=None, outputs=[])
    def hostile(record):
        record.report(rp.JsonReporter({"v": value}, name="value"))

    hostile(cf.Record(manager, None))
    folder = curi_report.export_run(manager, "runs")
    run = strict_json(os.path.join(folder, "run.json"))
    err = capfd.readouterr().err
    (reportable,) = [r for r in run["reportables"] if r["name"] == "value"]
    assert reportable["data"]["value"] == {"v": shown}
    assert "\x1b" not in err
    if printed is not None:
        line = next((x for x in err.splitlines() if printed in x), "")
        assert "reportable 'hostile_value'" in line and "of record 0, stage 'hostile'" in line, err

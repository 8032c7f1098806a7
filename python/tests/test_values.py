import math
from dataclasses import dataclass

import numpy as np

import json

from curi_report import values
from curi_report.problems import collecting
from curi_report.values import MAX_DEPTH, MAX_STRING, MAX_VALUES, json_value, non_finite, to_json


def test_non_finite_numbers_are_tagged_at_any_depth():
    value, exact = to_json({"a": [math.nan, {"b": math.inf}], "c": -math.inf, "d": np.float64("nan")})
    assert exact
    assert value == {"a": [{"$float": "NaN"}, {"b": {"$float": "Infinity"}}], "c": {"$float": "-Infinity"}, "d": {"$float": "NaN"}}


def test_lossy_values_are_flagged():
    @dataclass
    class Inner:
        x: int = 1

    assert to_json((1, 2)) == ([1, 2], False)
    assert to_json(np.array([[1, 2], [3, 4]])) == ([[1, 2], [3, 4]], False)
    assert to_json(Inner()) == ({"x": 1}, False)
    assert to_json({1: "a"}) == ({"1": "a"}, False)
    assert to_json(len) == ("len", False)
    assert to_json([1, "a", None, True]) == ([1, "a", None, True], True)


def test_numpy_scalars_become_plain_numbers():
    assert to_json(np.int64(3)) == (3, True)
    assert type(to_json(np.int64(3))[0]) is int
    assert to_json(np.float32(0.5)) == (0.5, True)
    assert to_json(np.bool_(True)) == (True, True)


def test_hostile_str_becomes_a_noted_stand_in():
    class Hostile:
        def __str__(self):
            raise RuntimeError("no")

    with collecting() as problems:
        assert json_value(Hostile()) == "could not be represented: str() of a Hostile raised RuntimeError: no"
    assert [p.message for p in problems] == ["str() of a Hostile raised RuntimeError: no"]
    assert non_finite(-math.inf) == {"$float": "-Infinity"}


def test_a_list_holding_itself_twice_is_converted_at_once():
    """Issue 23 point 7: the depth guard alone followed 2^40 paths and never finished."""
    loop = []
    loop.append(loop)
    loop.append(loop)
    with collecting() as problems:
        value, exact = to_json({"loop": loop})
    stand_in = "could not be represented: a list that contains itself (a recursive structure)"
    assert (value, exact) == ({"loop": [stand_in, stand_in]}, False)
    assert len(problems) == 1  # one problem, however often it repeats in the value


def test_sharing_without_a_cycle_is_bounded_by_the_value_budget(monkeypatch):
    monkeypatch.setattr(values, "MAX_VALUES", 5_000)  # the same walk as at 200,000, 40 times faster
    shared = [1]
    for _ in range(60):  # 2^60 paths, no cycle
        shared = [shared, shared]
    with collecting() as problems:
        value, exact = to_json(shared)
    assert not exact
    assert any(p.message.startswith("more than 5,000 values") for p in problems)
    assert any(p.message == f"nested deeper than {MAX_DEPTH} levels" for p in problems)
    assert len(json.dumps(value)) < 50 * 5_000


def test_a_set_whose_members_repr_raises_still_converts():
    class Member:
        def __repr__(self):
            raise ValueError("repr refused")

    with collecting() as problems:
        value, exact = to_json({Member(), Member()})
    assert exact is False
    assert value == ["could not be represented: str() of a Member raised ValueError: repr refused"] * 2
    assert len(problems) == 2  # str() of each member: safe_str notes each call


def test_huge_arrays_and_strings_are_cut_with_a_note():
    with collecting() as problems:
        big, _ = to_json(np.zeros(MAX_VALUES + 1))
        text, _ = to_json("x" * (MAX_STRING + 5))
    assert big.startswith("could not be represented: an array of 200,001 values")
    assert len(text) < MAX_STRING + 200 and text.endswith("are kept)")
    assert len(problems) == 2

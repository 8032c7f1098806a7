import math
from dataclasses import dataclass

import numpy as np

from curi_report.values import json_value, non_finite, to_json


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


def test_cycles_and_hostile_str_never_raise():
    loop = []
    loop.append(loop)
    assert isinstance(json_value(loop), list)

    class Hostile:
        def __str__(self):
            raise RuntimeError("no")

    assert json_value(Hostile()).startswith("<unprintable Hostile")
    assert non_finite(-math.inf) == {"$float": "-Infinity"}

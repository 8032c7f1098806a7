"""Python values -> run.json values.

JSON has no NaN or Infinity, no tuples, no numpy, no callables. Schema version 2 writes a
non-finite number as ``{"$float": "NaN" | "Infinity" | "-Infinity"}`` and keeps curifactory's
own string form of any value JSON cannot hold exactly (``reprs``), so nothing is lost silently.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import math
from collections.abc import Callable, Mapping
from typing import Any

#: Nesting depth after which a value is written as its string form (guards cycles).
MAX_DEPTH = 40


def non_finite(value: float) -> dict[str, str]:
    """The v2 tagged form of a float that JSON cannot hold."""
    if math.isnan(value):
        return {"$float": "NaN"}
    return {"$float": "Infinity" if value > 0 else "-Infinity"}


def number(value: Any) -> Any:
    """A finite int/float as itself, a non-finite float as its tagged form; ``None`` stays."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    f = float(value)
    if math.isfinite(f):
        return int(f) if _is_numpy_int(value) else f
    return non_finite(f)


def _is_numpy_int(value: Any) -> bool:
    kind = getattr(getattr(value, "dtype", None), "kind", None)
    return kind in ("i", "u")


def _numpy_scalar(value: Any) -> tuple[bool, Any]:
    """numpy scalars expose ``item()``; returns (is_scalar, python value)."""
    if type(value).__module__ == "numpy" and hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
        return True, value.item()
    return False, None


def to_json(value: Any, depth: int = 0) -> tuple[Any, bool]:
    """Converts ``value`` to a JSON-ready value; the flag is False when the conversion lost
    something (the caller then keeps a string form beside it)."""
    if depth > MAX_DEPTH:
        return _safe_str(value), False
    if value is None or isinstance(value, (bool, str)):
        return value, True
    if isinstance(value, int):
        return value, True
    if isinstance(value, float):
        return (value if math.isfinite(value) else non_finite(value)), True
    scalar, item = _numpy_scalar(value)
    if scalar:
        converted, _ = to_json(item, depth + 1)
        return converted, True
    if isinstance(value, enum.Enum):
        converted, _ = to_json(value.value, depth + 1)
        return converted, False
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat(), False
    if isinstance(value, Mapping):
        return _mapping(value, depth)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out, _ = _mapping({f.name: getattr(value, f.name) for f in dataclasses.fields(value)}, depth)
        return out, False
    if isinstance(value, (list, tuple, set, frozenset)) or _is_array(value):
        return _sequence(value, depth)
    if isinstance(value, Callable):
        return getattr(value, "__qualname__", _safe_str(value)), False
    return _safe_str(value), False


def _is_array(value: Any) -> bool:
    return type(value).__module__.startswith(("numpy", "pandas")) and hasattr(value, "tolist")


def _mapping(value: Mapping, depth: int) -> tuple[dict, bool]:
    exact = True
    out: dict[str, Any] = {}
    for key, item in value.items():
        if not isinstance(key, str):
            exact = False
            key = _safe_str(key)
        out[key], ok = to_json(item, depth + 1)
        exact = exact and ok
    return out, exact


def _sequence(value: Any, depth: int) -> tuple[list, bool]:
    exact = isinstance(value, list)
    if _is_array(value):
        value = value.tolist()
        exact = False
    elif isinstance(value, (set, frozenset)):
        value = sorted(value, key=repr)
    out = []
    for item in value:
        converted, ok = to_json(item, depth + 1)
        out.append(converted)
        exact = exact and ok
    return out, exact


def _safe_str(value: Any) -> str:
    """``str(value)`` that never raises (a hostile ``__str__`` becomes a placeholder)."""
    try:
        return str(value)
    except Exception as error:  # noqa: BLE001 -- any __str__ may raise; the export must go on
        return f"<unprintable {type(value).__name__}: {type(error).__name__}>"


def json_value(value: Any) -> Any:
    """The JSON form of ``value``, whatever was lost (JsonReporter's ``default=str`` behaviour)."""
    return to_json(value)[0]

"""Python values -> run.json values.

JSON has no NaN or Infinity, no tuples, no numpy, no callables. Schema version 2 writes a
non-finite number as ``{"$float": "NaN" | "Infinity" | "-Infinity"}`` and keeps curifactory's
own string form of any value JSON cannot hold exactly (``reprs``), so nothing is lost silently.

A value is the user's object and may be hostile: a ``__repr__``/``__str__`` that raises, a list
that holds itself (twice: 2^depth paths), sharing that multiplies without a cycle, a huge array or
string. Each such part becomes ``could not be represented: …`` (see problems.py) and the
conversion goes on; it never raises and its work is bounded by ``MAX_VALUES`` and ``MAX_DEPTH``.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import math
from collections.abc import Callable, Mapping
from typing import Any

from .problems import UNREPRESENTABLE, describe_error, note

#: Nesting depth past which a value is not followed (guards deep and cyclic structures).
MAX_DEPTH = 40
#: Values (numbers, strings, containers) converted of one value at most; the rest is noted.
MAX_VALUES = 200_000
#: Characters kept of one string; longer ones are cut with a note.
MAX_STRING = 1_000_000


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


class _Walk:
    """One conversion: the values left to spend and the containers on the current path."""

    def __init__(self) -> None:
        self.left = MAX_VALUES
        self.path: set[int] = set()
        self.noted: set[str] = set()

    def note(self, message: str) -> str:
        """The stand-in for one part; a problem repeated within the value is recorded once."""
        if message in self.noted:
            return f"{UNREPRESENTABLE}: {message}"
        self.noted.add(message)
        return note(message)

    def spend(self) -> bool:
        """Takes one value from the budget; False (and one note) once it is spent."""
        if self.left > 0:
            self.left -= 1
            return True
        self.note(f"more than {MAX_VALUES:,} values in one value; the rest is left out")
        return False


def to_json(value: Any, depth: int = 0) -> tuple[Any, bool]:
    """Converts ``value`` to a JSON-ready value; the flag is False when the conversion lost
    something (the caller then keeps a string form beside it). Never raises."""
    return _convert(value, depth, _Walk())


def _convert(value: Any, depth: int, walk: _Walk) -> tuple[Any, bool]:
    if depth > MAX_DEPTH:
        return walk.note(f"nested deeper than {MAX_DEPTH} levels"), False
    try:
        return _convert_unsafe(value, depth, walk)
    except Exception as error:  # noqa: BLE001 -- any user object may raise anywhere
        return walk.note(f"a {_type_name(value)} whose conversion raised {describe_error(error)}"), False


def _convert_unsafe(value: Any, depth: int, walk: _Walk) -> tuple[Any, bool]:
    if value is None or isinstance(value, bool):
        return value, True
    if isinstance(value, str):
        return cut_text(value), True
    if isinstance(value, int):
        return value, True
    if isinstance(value, float):
        return (value if math.isfinite(value) else non_finite(value)), True
    scalar, item = _numpy_scalar(value)
    if scalar:
        converted, _ = _convert(item, depth + 1, walk)
        return converted, True
    if isinstance(value, enum.Enum):
        converted, _ = _convert(value.value, depth + 1, walk)
        return converted, False
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat(), False
    if isinstance(value, Mapping) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        return _container(value, depth, walk, _mapping)
    if isinstance(value, (list, tuple, set, frozenset)) or _is_array(value):
        return _container(value, depth, walk, _sequence)
    if isinstance(value, Callable):
        return getattr(value, "__qualname__", None) or safe_str(value), False
    return safe_str(value), False


def _container(value: Any, depth: int, walk: _Walk, convert: Callable) -> tuple[Any, bool]:
    """Follows a container once per path: a container already on the path is a cycle."""
    key = id(value)
    if key in walk.path:
        return walk.note(f"a {_type_name(value)} that contains itself (a recursive structure)"), False
    walk.path.add(key)
    try:
        return convert(value, depth, walk)
    finally:
        walk.path.discard(key)


def _is_array(value: Any) -> bool:
    return type(value).__module__.startswith(("numpy", "pandas")) and hasattr(value, "tolist")


def _mapping(value: Any, depth: int, walk: _Walk) -> tuple[dict, bool]:
    exact = isinstance(value, Mapping)
    items = value.items() if exact else ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value))
    out: dict[str, Any] = {}
    for key, item in items:
        if not walk.spend():
            return out, False
        if not isinstance(key, str):
            exact = False
            key = safe_str(key)
        out[cut_text(key)], ok = _convert(item, depth + 1, walk)
        exact = exact and ok
    return out, exact


def _sequence(value: Any, depth: int, walk: _Walk) -> tuple[list, bool]:
    exact = isinstance(value, list)
    if _is_array(value):
        size = int(getattr(value, "size", 0) or 0)
        if size > walk.left:
            shape = getattr(value, "shape", None)
            return note(f"an array of {size:,} values (shape {shape}) is over the {MAX_VALUES:,} a run keeps of one value"), False
        value, exact = value.tolist(), False
    elif isinstance(value, (set, frozenset)):
        value = sorted(value, key=_order_key)
    out = []
    for item in value:
        if not walk.spend():
            return out, False
        converted, ok = _convert(item, depth + 1, walk)
        out.append(converted)
        exact = exact and ok
    return out, exact


def _order_key(value: Any) -> tuple[str, str]:
    """Sort key of a set member: its type and ``repr``, or only its type when ``repr`` raises."""
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 -- a hostile __repr__ only costs the members' order
        text = ""
    return (type(value).__qualname__, text)


def _type_name(value: Any) -> str:
    return type(value).__name__


def cut_text(text: str) -> str:
    """``text``, or its first ``MAX_STRING`` characters and a note when it is longer."""
    if len(text) <= MAX_STRING:
        return text
    return text[:MAX_STRING] + f"… ({note(f'a string of {len(text):,} characters; the first {MAX_STRING:,} are kept')})"


def safe_str(value: Any) -> str:
    """``str(value)`` that never raises: a hostile ``__str__`` becomes a noted stand-in."""
    if isinstance(value, str):
        return cut_text(value)
    try:
        text = str(value)
    except Exception as error:  # noqa: BLE001 -- any __str__ may raise; the export must go on
        return note(f"str() of a {_type_name(value)} raised {describe_error(error)}")
    return cut_text(text)


#: The name the modules of this package have used for ``safe_str``.
_safe_str = safe_str


def json_value(value: Any) -> Any:
    """The JSON form of ``value``, whatever was lost (JsonReporter's ``default=str`` behaviour)."""
    return to_json(value)[0]

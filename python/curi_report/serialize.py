"""run.json's text, whatever the document holds.

The converters already make every value JSON; this is the net below them. When the text cannot
be made as it is (a lone surrogate from a non-UTF-8 file name cannot be written as UTF-8, a NaN
or an object that slipped through), the document is repaired in one walk: each bad value becomes
a noted stand-in named by its place in the run (the reportable, record, args set or field).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .problems import at, note, printable
from .values import non_finite, safe_str

_SURROGATE = re.compile("[\ud800-\udfff]")


def run_json_text(document: dict[str, Any]) -> str:
    """The document as run.json text (UTF-8 clean, no NaN), repairing it first when needed."""
    try:
        return _dump(document)
    except (ValueError, TypeError, UnicodeError, RecursionError):
        return _dump(repair(document))


def _dump(document: Any) -> str:
    text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)
    text.encode("utf-8")  # raises on a lone surrogate, which a UTF-8 file cannot hold
    return text


def escape_surrogates(text: str) -> str:
    """Lone surrogates as visible escapes: ``\\xff`` for a byte of a non-UTF-8 file name (Python's
    surrogateescape), ``\\ud800`` for any other."""

    def escape(match: re.Match) -> str:
        code = ord(match.group())
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"

    return _SURROGATE.sub(escape, text)


def repair(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``document`` in which every value JSON or UTF-8 cannot hold is a noted stand-in.
    Walked with a stack, not recursion (the document may be deep); each value keeps a link to its
    parent's crumb, and its path is spelled out only for a problem."""
    holder: list[Any] = [None]
    stack: list[tuple[Any, Any, Any, tuple | None]] = [(document, holder, 0, None)]
    while stack:
        source, parent, key, crumb = stack.pop()
        if isinstance(source, dict):
            value: Any = {}
            for k, item in source.items():
                name = k if isinstance(k, str) else safe_str(k)
                if _SURROGATE.search(name):
                    name = _leaf(name, document, (name, crumb))
                stack.append((item, value, name, (name, crumb)))
        elif isinstance(source, (list, tuple)):
            value = [None] * len(source)
            stack.extend((item, value, i, (i, crumb)) for i, item in enumerate(source))
        else:
            value = _leaf(source, document, crumb)
        parent[key] = value
    return holder[0]


def _path(crumb: tuple | None) -> tuple:
    parts = []
    while crumb is not None:
        parts.append(crumb[0])
        crumb = crumb[1]
    return tuple(reversed(parts))


def _leaf(value: Any, document: dict[str, Any], crumb: tuple | None) -> Any:
    """A scalar as JSON can hold it."""
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else non_finite(value)
    if isinstance(value, str) and not _SURROGATE.search(value):
        return value
    with at(place(document, _path(crumb))):
        if isinstance(value, str):
            note("text that is not valid Unicode (a lone surrogate, e.g. a non-UTF-8 file name); written with \\x escapes")
            return escape_surrogates(value)
        return escape_surrogates(note(f"a {type(value).__name__}: {escape_surrogates(safe_str(value))}"))


def place(document: dict[str, Any], path: tuple) -> str:
    """Names the place of ``path`` in the run the way its author knows it."""
    field = "/".join(str(p) for p in path)
    if len(path) >= 2 and path[0] == "reportables" and isinstance(path[1], int):
        r = _item(document, "reportables", path[1])
        return f"reportable {printable(r.get('qualified_name'))} of record {r.get('record')}, stage {printable(r.get('stage'))} (/{field})"
    if len(path) >= 2 and path[0] == "args" and isinstance(path[1], int):
        return f"args set {printable(_item(document, 'args', path[1]).get('name'))} (/{field})"
    if len(path) >= 2 and path[0] in ("records", "artifacts") and isinstance(path[1], int):
        item = _item(document, path[0], path[1])
        owner = item.get("name") if path[0] == "records" else f"artifact {item.get('name')!s} of record {item.get('record')}"
        return f"{escape_surrogates(str(owner))} (/{field})"
    return f"/{field}"


def _item(document: dict[str, Any], section: str, index: int) -> dict[str, Any]:
    items = document.get(section)
    item = items[index] if isinstance(items, list) and index < len(items) else None
    return item if isinstance(item, dict) else {}

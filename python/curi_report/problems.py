"""What the exporter could not represent, and where: a value of the user's that raised, looped,
nested too deep, was too big or was not valid Unicode becomes ``could not be represented: …`` in
the run, and each such problem is printed when the export ends (``report``), naming the record,
stage and reportable (or args set and field) it came from.

The place is kept in a context variable that the exporter sets (``at``) while it converts one
part of the run, so the value converters deep below need no location argument.
"""

from __future__ import annotations

import contextvars
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TextIO

#: The words every stand-in value starts with, so a reader of the run can search for them.
UNREPRESENTABLE = "could not be represented"


@dataclass(frozen=True)
class Problem:
    """One value that was replaced: where it was, and why."""

    where: str
    message: str


#: Problems printed one by one; past this, only their number.
MAX_PRINTED = 50

_problems: contextvars.ContextVar[list[Problem] | None] = contextvars.ContextVar("curi_report_problems", default=None)
_where: contextvars.ContextVar[str] = contextvars.ContextVar("curi_report_where", default="the run")


@contextmanager
def collecting() -> Iterator[list[Problem]]:
    """Collects the problems noted inside the block (the list is filled as they happen)."""
    found: list[Problem] = []
    token = _problems.set(found)
    try:
        yield found
    finally:
        _problems.reset(token)


@contextmanager
def at(where: str) -> Iterator[None]:
    """Names the part of the run converted inside the block (``reportable 'x' of record 0, …``)."""
    token = _where.set(where)
    try:
        yield
    finally:
        _where.reset(token)


def note(message: str, where: str | None = None) -> str:
    """Records a problem at the current place and returns the stand-in text for the value."""
    found = _problems.get()
    if found is not None:
        found.append(Problem(_where.get() if where is None else where, message))
    return f"{UNREPRESENTABLE}: {message}"


def describe_error(error: BaseException) -> str:
    """``Class: message`` of an exception whose own ``str()`` may raise too."""
    try:
        text = str(error)
    except Exception:  # noqa: BLE001 -- a hostile exception must not stop the export
        text = "(its message could not be read)"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


#: Characters a terminal acts on (C0 and C1 controls but tab and newline, DEL) and lone surrogates.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def terminal_safe(text: str) -> str:
    """``text`` with every control character and lone surrogate written as a ``\\x..``/``\\u....``
    escape, so a name or message of the user's cannot drive the terminal it is printed on."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def report(problems: list[Problem], reference: str, stream: TextIO | None = None) -> None:
    """Prints every problem of one export (stderr by default): the stand-ins are in the run, and
    the person who ran it learns what was replaced and where."""
    if not problems:
        return
    out = sys.stderr if stream is None else stream
    count = len(problems)
    lines = [
        f"curi-report: run {terminal_safe(reference)}: {count} value{'s' if count != 1 else ''} {UNREPRESENTABLE}"
        f" (each is marked \"{UNREPRESENTABLE}: …\" in the run):"
    ]
    lines += [f"  - {terminal_safe(p.where)}: {terminal_safe(p.message)}" for p in problems[:MAX_PRINTED]]
    if count > MAX_PRINTED:
        lines.append(f"  … and {count - MAX_PRINTED:,} more")
    print("\n".join(lines), file=out, flush=True)


def printable(value: Any) -> str:
    """A short quoted form of a name for messages (``repr`` of a cut string; never raises)."""
    text = value if isinstance(value, str) else f"<{type(value).__name__}>"
    return repr(text if len(text) <= 120 else text[:117] + "…")

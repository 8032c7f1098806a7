"""What curifactory does not keep, caught while it runs: stage timings, cached/computed, the
exception of a failed stage, and metrics. Stored beside curifactory's objects (weak references),
never on them, so a pickled record or a cached reportable is unchanged."""

from __future__ import annotations

import logging
import time
import traceback
import weakref
from dataclasses import dataclass, field
from typing import Any


@dataclass
class StageFact:
    """One finished stage invocation: how long it took and whether it ran."""

    duration_ms: float
    cached: bool


@dataclass
class Facts:
    """Everything the hooks learned about one record or manager."""

    stages: list[StageFact] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    #: ``declare_metrics`` on a manager: run.json's metric_goals, primary_metric, metric_tolerances.
    declared: dict[str, Any] = field(default_factory=dict)


#: True once install() has hooked curifactory (timings are then known for every stage).
INSTALLED = False

_facts: "weakref.WeakKeyDictionary[Any, Facts]" = weakref.WeakKeyDictionary()
_errors: "weakref.WeakKeyDictionary[Any, tuple[str, str]]" = weakref.WeakKeyDictionary()
_last_error: list[tuple[str, str]] = []
_managers: "weakref.WeakSet[Any]" = weakref.WeakSet()
_started: "weakref.WeakKeyDictionary[Any, float]" = weakref.WeakKeyDictionary()


def facts(owner: Any) -> Facts:
    """The facts kept for a record or manager (created empty on first use)."""
    found = _facts.get(owner)
    if found is None:
        found = Facts()
        _facts[owner] = found
    return found


def known_facts(owner: Any) -> Facts | None:
    """The facts of ``owner`` when any were kept, else None (nothing is created)."""
    return _facts.get(owner)


def stage_finished(record: Any, pre_start: float, pre_end: float, exec_start: float, exec_end: float, post_end: float) -> None:
    """Called with curifactory's own perf_counter stamps at the end of every stage."""
    ran = not (exec_start == 0 and exec_end == 0)
    end = post_end if ran and post_end else pre_end
    facts(record).stages.append(StageFact(duration_ms=max(0.0, (end - pre_start) * 1000.0), cached=not ran))


def error_logged(error: BaseException) -> None:
    """curifactory logs the exception object (``logging.error(e)``) inside its except block:
    keep its class, message and traceback for the run and the stage that raised."""
    _last_error[:] = [failure_of(error)]


def failure_of(error: BaseException) -> tuple[str, str]:
    """(``Class - message``, as curifactory writes a run's error, and the full traceback) of an
    exception whose message or traceback may fail to print (it never raises)."""
    try:
        message = str(error)
    except Exception:  # noqa: BLE001 -- a hostile exception must not break curifactory's logging
        message = "(its message could not be read)"
    try:
        tb = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    except Exception:  # noqa: BLE001
        tb = f"{type(error).__name__}: {message}"
    return f"{type(error).__name__} - {message}", tb


def last_error() -> tuple[str, str] | None:
    """The last exception curifactory logged in this process, as (``Class - message``, traceback)."""
    return _last_error[0] if _last_error else None


def manager_created(manager: Any) -> None:
    """Remembers a manager (weakly) so the CLI can export runs that made no report."""
    _managers.add(manager)
    _started[manager] = time.perf_counter()


def managers() -> list[Any]:
    """Managers created since install(), oldest first."""
    return sorted(_managers, key=lambda m: _started.get(m, 0.0))


def started(manager: Any) -> float | None:
    """perf_counter when the manager was created, if install() saw it."""
    return _started.get(manager)


class ErrorFilter(logging.Filter):
    """A root-logger filter (survives curifactory's ``handlers = []``) that notices exceptions."""

    def filter(self, record: logging.LogRecord) -> bool:  # noqa: A003 -- logging's name
        if isinstance(record.msg, BaseException):
            error_logged(record.msg)
        return True

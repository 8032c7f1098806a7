"""``install()``: hooks curifactory 0.20.2 so every run reaches curi-report.

- ``ArtifactManager.generate_report`` exports the run first (so a crash in curifactory's own
  report, its B8, never costs the export), then makes curifactory's report as before; when that
  report raises, the run is exported again as an error with the whole error, since the command
  that ran it fails;
- ``staging._log_stats`` (called by curifactory at the end of every stage with its own
  perf_counter stamps) records each stage's duration and whether it ran or came from cache;
- a root-logger filter keeps the exception curifactory logs when a stage raises, with its traceback;
- ``ArtifactManager.__init__`` remembers managers, so the CLI can export runs made with --no-report.
"""

from __future__ import annotations

import functools
import logging
import sys
import weakref
from typing import Any

from . import hooks
from .problems import terminal_safe

_state: dict[str, Any] = {"runs_dir": "runs", "done": False}
_exported: "weakref.WeakKeyDictionary[Any, str]" = weakref.WeakKeyDictionary()
#: Managers whose export was tried (once is enough: a failed one is printed, not retried).
_attempted: "weakref.WeakSet[Any]" = weakref.WeakSet()
#: Managers exported again as an error because the command failed after the run.
_failed: "weakref.WeakSet[Any]" = weakref.WeakSet()
log = logging.getLogger("curi_report")


def installed_runs_dir() -> str:
    """Where hooked managers export (``install(runs_dir=...)``; default ``runs``)."""
    return _state["runs_dir"]


def exported_folder(manager: Any) -> str | None:
    """The run folder the hooks exported ``manager`` to, or None."""
    return _exported.get(manager)


def export_once(manager: Any, failure: tuple[str, str | None] | None = None) -> str | None:
    """Exports ``manager`` unless it is dry, only mapped (--map-only), a parallel child, or already exported;
    a failure is printed, never raised (the experiment's own outcome comes first). ``failure``
    exports it again as an error: the command failed after the run (see ``export_run``)."""
    from .export import export_run

    # A run that failed while curifactory mapped its stages (a bad stage signature) is still exported.
    mapping_only = manager.map_mode and manager.status != "error"
    if manager.dry or mapping_only or manager.parallel_mode:
        return None
    if failure is None and (manager in _exported or manager in _attempted):
        return None
    if failure is not None and (manager in _failed or manager.status == "error"):
        return _exported.get(manager)
    _attempted.add(manager)
    try:
        folder = export_run(manager, _state["runs_dir"], failure=failure)
    except Exception as error:  # noqa: BLE001 -- an export problem must not fail the experiment
        print_export_error(manager, error)
        return None
    _exported[manager] = folder
    if failure is not None:
        _failed.add(manager)
    log.info("curi-report: exported run to %s", folder)
    return folder


def print_export_error(manager: Any, error: BaseException) -> None:
    """Prints why a run could not be exported, with the traceback (curifactory may have removed
    every logging handler, so a log record alone could go nowhere)."""
    try:
        reference = manager.get_reference_name()
    except Exception:  # noqa: BLE001
        reference = "(unknown reference)"
    text, tb = hooks.failure_of(error)
    print(terminal_safe(f"curi-report: could not export run {reference}: {text}\n{tb}").rstrip(), file=sys.stderr, flush=True)


def forget(manager: Any) -> None:
    """Lets a live manager export again (it may report again after more stages)."""
    _exported.pop(manager, None)
    _attempted.discard(manager)
    _failed.discard(manager)


def install(runs_dir: str = "runs") -> None:
    """Hooks curifactory (idempotent; a later call only changes ``runs_dir``)."""
    _state["runs_dir"] = runs_dir
    if _state["done"]:
        return
    from curifactory import manager as manager_module
    from curifactory import staging

    _hook_stats(staging)
    _hook_manager(manager_module.ArtifactManager)
    logging.getLogger().addFilter(hooks.ErrorFilter())
    hooks.INSTALLED = True
    _state["done"] = True


def _hook_stats(staging: Any) -> None:
    original = staging._log_stats

    @functools.wraps(original)
    def log_stats(record, pre_start, pre_end, pre_mem, post_mem, exec_start=0, exec_end=0, post_start=0, post_end=0, *rest, **kw):
        hooks.stage_finished(record, pre_start, pre_end, exec_start, exec_end, post_end)
        return original(record, pre_start, pre_end, pre_mem, post_mem, exec_start, exec_end, post_start, post_end, *rest, **kw)

    staging._log_stats = log_stats


def _hook_manager(cls: Any) -> None:
    init, generate = cls.__init__, cls.generate_report

    @functools.wraps(init)
    def __init__(self, *args, **kwargs):
        hooks.manager_created(self)
        init(self, *args, **kwargs)

    @functools.wraps(generate)
    def generate_report(self, *args, **kwargs):
        if not (self.dry or self.map_mode):
            forget(self)  # a live manager may report again after more stages
            export_once(self)
        try:
            return generate(self, *args, **kwargs)
        except Exception as error:
            # curifactory's own report failed after the run (e.g. an image it must copy is gone):
            # the command fails, so the exported run says so, with the whole error.
            if self in _exported:
                export_once(self, failure=hooks.failure_of(error))
            raise

    cls.__init__ = __init__
    cls.generate_report = generate_report

"""``install()``: hooks curifactory 0.20.2 so every run reaches curi-report.

- ``ArtifactManager.generate_report`` exports the run first (so a crash in curifactory's own
  report, its B8, never costs the export), then makes curifactory's report as before;
- ``staging._log_stats`` (called by curifactory at the end of every stage with its own
  perf_counter stamps) records each stage's duration and whether it ran or came from cache;
- a root-logger filter keeps the exception curifactory logs when a stage raises, with its traceback;
- ``ArtifactManager.__init__`` remembers managers, so the CLI can export runs made with --no-report.
"""

from __future__ import annotations

import functools
import logging
import weakref
from typing import Any

from . import hooks

_state: dict[str, Any] = {"runs_dir": "runs", "done": False}
_exported: "weakref.WeakKeyDictionary[Any, str]" = weakref.WeakKeyDictionary()
log = logging.getLogger("curi_report")


def installed_runs_dir() -> str:
    """Where hooked managers export (``install(runs_dir=...)``; default ``runs``)."""
    return _state["runs_dir"]


def exported_folder(manager: Any) -> str | None:
    """The run folder the hooks exported ``manager`` to, or None."""
    return _exported.get(manager)


def export_once(manager: Any) -> str | None:
    """Exports ``manager`` unless it is dry, only mapped (--map-only), a parallel child, or already exported;
    a failure is logged, never raised (the experiment's own outcome comes first)."""
    from .export import export_run

    # A run that failed while curifactory mapped its stages (a bad stage signature) is still exported.
    mapping_only = manager.map_mode and manager.status != "error"
    if manager in _exported or manager.dry or mapping_only or manager.parallel_mode:
        return None
    try:
        folder = export_run(manager, _state["runs_dir"])
    except Exception as error:  # noqa: BLE001 -- an export problem must not fail the experiment
        log.error("curi-report: could not export run %s: %s: %s", manager.get_reference_name(), type(error).__name__, error)
        return None
    _exported[manager] = folder
    log.info("curi-report: exported run to %s", folder)
    return folder


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
            _exported.pop(self, None)  # a live manager may report again after more stages
            export_once(self)
        return generate(self, *args, **kwargs)

    cls.__init__ = __init__
    cls.generate_report = generate_report

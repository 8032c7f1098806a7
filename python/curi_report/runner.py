"""Runs curifactory's own experiment CLI in this process with the exporter installed, and makes
sure every run it made is exported with a status that agrees with the command's exit status."""

from __future__ import annotations

import sys
import traceback

from . import hooks
from .installer import export_once, exported_folder, install


def run_experiment_cli(args: list[str], runs_dir: str) -> tuple[int, list[str], list[str]]:
    """``experiment <args>`` as curifactory's CLI runs it; returns its exit status, the run
    folders exported (oldest first) and the errors of the runs that failed. The exit status is
    curifactory's: 0, its ``sys.exit`` code, or 1 when an exception escaped (printed here as Python
    would). A stage that raises does not change it: curifactory logs the error, marks the run
    ``error`` and exits 0, which is why the failed runs' errors are returned apart."""
    install(runs_dir)
    from curifactory import cli

    earlier = {id(m) for m in hooks.managers()}
    argv, sys.argv = sys.argv, ["experiment", *args]
    code, failure = 0, None
    try:
        cli.main()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if code != 0:
            failure = hooks.last_error() or (f"SystemExit - the experiment command exited with status {code}", None)
    except Exception as error:  # noqa: BLE001 -- reported as Python would, then the runs are exported
        traceback.print_exc()
        code, failure = 1, hooks.failure_of(error)
    finally:
        sys.argv = argv
    folders: list[str] = []
    errors: list[str] = []
    for manager in [m for m in hooks.managers() if id(m) not in earlier]:
        folder = exported_folder(manager) or export_once(manager)
        if folder is not None and failure is not None:
            folder = export_once(manager, failure=failure) or folder
        if folder is not None:
            print(f"curi-report: exported {folder}", file=sys.stderr)
            folders.append(folder)
        if failure is not None or getattr(manager, "status", None) == "error":
            errors.append(str(getattr(manager, "error", None) or (failure or ("the run failed",))[0]))
    return code, folders, errors

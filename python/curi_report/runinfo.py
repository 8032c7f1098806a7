"""curifactory's run_info block, rebuilt from the manager so a live or failed run has it too."""

from __future__ import annotations

import subprocess
from datetime import datetime
from typing import Any

from . import hooks
from .values import safe_str

#: Statuses the run format knows; curifactory may leave others in odd states.
STATUSES = ("complete", "incomplete", "error", "LIVE")


def error_texts(manager: Any, failure: tuple[str, str] | None) -> tuple[str, str | None]:
    """(``Class - message``, traceback) of the run's error: ``failure`` when the caller saw the
    command fail after the run (curifactory's own report raised), else the manager's error with
    the traceback the hooks kept of it."""
    if failure is not None:
        return failure
    text = manager.error if isinstance(manager.error, str) else safe_str(manager.error or "")
    seen = hooks.last_error()
    traceback = seen[1] if seen is not None and seen[0] == text else None
    return text, traceback


def _commit(stored: str) -> str:
    """curifactory cuts the last hex digit of the commit (its B9); restore it from git when the
    working directory's HEAD starts with what it stored."""
    if not stored or len(stored) != 39:
        return stored
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return stored
    return head if head.startswith(stored) and len(head) == 40 else stored


def _params(manager: Any, records: list[Any]) -> dict[str, list[list[str]]]:
    """Parameter file -> [name, hash] pairs; sets not from a file (a live manager) under "(live)"."""
    files = manager.param_file_param_sets or {}
    params = {safe_str(k): [[safe_str(n), safe_str(h)] for n, h in v] for k, v in files.items()}
    listed = {h for pairs in params.values() for _n, h in pairs}
    live = []
    for record in records:
        p = record.params
        if p is not None and safe_str(p.hash) not in listed:
            listed.add(safe_str(p.hash))
            live.append([safe_str(p.name), safe_str(p.hash)])
    if live:
        params["(live)"] = live
    return params


def run_info(manager: Any, records: list[Any], error: tuple[str, str | None], failed: bool) -> dict[str, Any]:
    """The run_info entry; ``failed`` marks the run an error whatever the manager says (the
    command that ran it failed), so status and exit status agree."""
    stored = dict(manager.run_info or {})
    status = manager.status if manager.status in STATUSES else "incomplete"
    if failed:
        status = "error"
    info: dict[str, Any] = {
        "reference": manager.get_reference_name(),
        "experiment_name": safe_str(manager.experiment_name),
        "run_number": int(manager.experiment_run_number),
        "timestamp": manager.get_str_timestamp(),
        "commit": _commit(safe_str(stored.get("commit", manager.git_commit_hash) or "")),
        "workdir_dirty": bool(stored.get("workdir_dirty", manager.git_workdir_dirty)),
        "param_files": None if manager.parameter_files is None else [safe_str(f) for f in manager.parameter_files],
        "params": _params(manager, records),
        "full_store": bool(manager.store_full),
        "status": status,
        "cli": safe_str(manager.run_line or ""),
        "hostname": safe_str(manager.hostname),
        "notes": None if manager.notes is None else safe_str(manager.notes),
    }
    if manager.store_full and (manager.reproduction_line or stored.get("reproduce")):
        info["reproduce"] = safe_str(manager.reproduction_line or stored["reproduce"])
    if status == "error":
        info["error"] = error[0]
        if error[1]:
            info["traceback"] = error[1]
    info["duration_s"] = round(max(0.0, (datetime.now() - manager.run_timestamp).total_seconds()), 3)
    return info

"""``export_run(manager)``: a finished (or failed) curifactory ArtifactManager -> a run folder
``runs/<reference>/`` (run.json schema version 2, reportable files, log.txt) and ``runs/latest``.

The folder is written beside its final place and renamed in, so a reader never sees half a run,
and an earlier export of the same run is replaced only once the new one is complete.
"""

from __future__ import annotations

import html
import json
import logging
import os
import shutil
import subprocess
import tempfile
from datetime import datetime
from typing import Any

from . import hooks
from .args import args_entry
from .files import ReportableFiles
from .metrics import metrics_json
from .records import all_records, artifact_entry, failed_stage, record_entry
from .reportables import convert
from .values import _safe_str

#: The run.json version this exporter writes (readers accept 1 and 2).
SCHEMA_VERSION = 2
#: Statuses the run format knows; curifactory may leave others in odd states.
STATUSES = ("complete", "incomplete", "error", "LIVE")

log = logging.getLogger("curi_report")


class ExportError(Exception):
    """The run could not be written (e.g. the runs folder is not writable)."""


def export_run(manager: Any, runs_dir: str = "runs") -> str:
    """Writes ``<runs_dir>/<reference>/`` for ``manager`` and points ``<runs_dir>/latest`` at it.

    Works for a finished, failed or live manager. Returns the run folder's path. A reportable
    that cannot be exported becomes a visible note in its place (and a warning on the log); it
    never stops the export.
    """
    reference = manager.get_reference_name()
    os.makedirs(runs_dir, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=f".{reference[:80]}.", dir=runs_dir)
    try:
        document = build_document(manager, staging)
        text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)
        with open(os.path.join(staging, "run.json"), "w", encoding="utf-8") as out:
            out.write(text + "\n")
        final = os.path.join(runs_dir, reference)
        _swap_in(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _write_latest(runs_dir, reference)
    return final


def _swap_in(staging: str, final: str) -> None:
    """Renames the new folder into place; an older export of the same run goes only after."""
    old = None
    if os.path.lexists(final):
        old = f"{final}.old-{os.getpid()}"
        os.rename(final, old)
    os.rename(staging, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _write_latest(runs_dir: str, reference: str) -> None:
    target = os.path.join(runs_dir, "latest")
    if os.path.isdir(target) and not os.path.islink(target):
        log.warning("curi-report: %s is a folder; not replacing it with the latest marker", target)
        return
    temp = f"{target}.{os.getpid()}.tmp"
    with open(temp, "w", encoding="utf-8") as out:
        out.write(reference + "\n")
    os.replace(temp, target)


def build_document(manager: Any, run_dir: str) -> dict[str, Any]:
    """The whole run.json for ``manager``; reportable files are written under ``run_dir``."""
    reference = manager.get_reference_name()
    records = all_records(manager)
    lookup = {id(r): i for i, r in enumerate(records)}
    in_manager = {id(r) for r in manager.records}
    error = _error_texts(manager)
    context = {"reference": reference, "failure": failed_stage(manager, records), "error": error}
    record_entries = [
        record_entry(r, i, lookup, manager, {**context, "in_manager": id(r) in in_manager}) for i, r in enumerate(records)
    ]
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "run_info": run_info(manager, records, error),
        "args": _args(records),
        "records": record_entries,
        "artifacts": [artifact_entry(a, lookup, manager) for a in manager.artifacts],
        "reportables": _reportables(manager, lookup, run_dir),
        "log": _copy_log(manager, run_dir),
    }
    manager_facts = hooks.known_facts(manager)
    if manager_facts is not None and manager_facts.metrics:
        document["metrics"] = metrics_json(manager_facts.metrics)
    return document


def _error_texts(manager: Any) -> tuple[str, str | None]:
    """(``Class - message``, traceback) of the run's error, the traceback when the hooks saw it."""
    text = manager.error if isinstance(manager.error, str) else _safe_str(manager.error or "")
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


def run_info(manager: Any, records: list[Any], error: tuple[str, str | None]) -> dict[str, Any]:
    """curifactory's run_info block, rebuilt from the manager so a live or failed run has it too."""
    stored = dict(manager.run_info or {})
    params = {str(k): [[_safe_str(n), str(h)] for n, h in v] for k, v in (manager.param_file_param_sets or {}).items()}
    listed = {h for pairs in params.values() for _n, h in pairs}
    live = []
    for record in records:
        p = record.params
        if p is not None and str(p.hash) not in listed:
            listed.add(str(p.hash))
            live.append([_safe_str(p.name), str(p.hash)])
    if live:
        params["(live)"] = live
    status = manager.status if manager.status in STATUSES else "incomplete"
    info: dict[str, Any] = {
        "reference": manager.get_reference_name(),
        "experiment_name": _safe_str(manager.experiment_name),
        "run_number": int(manager.experiment_run_number),
        "timestamp": manager.get_str_timestamp(),
        "commit": _commit(str(stored.get("commit", manager.git_commit_hash) or "")),
        "workdir_dirty": bool(stored.get("workdir_dirty", manager.git_workdir_dirty)),
        "param_files": None if manager.parameter_files is None else [str(f) for f in manager.parameter_files],
        "params": params,
        "full_store": bool(manager.store_full),
        "status": status,
        "cli": _safe_str(manager.run_line or ""),
        "hostname": _safe_str(manager.hostname),
        "notes": None if manager.notes is None else _safe_str(manager.notes),
    }
    if manager.store_full and (manager.reproduction_line or stored.get("reproduce")):
        info["reproduce"] = manager.reproduction_line or stored["reproduce"]
    if status == "error":
        info["error"] = error[0]
        if error[1]:
            info["traceback"] = error[1]
    info["duration_s"] = round(max(0.0, (datetime.now() - manager.run_timestamp).total_seconds()), 3)
    return info


def _args(records: list[Any]) -> list[dict[str, Any]]:
    """One args entry per distinct param set hash, in record order (curifactory's report order)."""
    entries, seen = [], set()
    for record in records:
        p = record.params
        if p is not None and str(p.hash) not in seen:
            seen.add(str(p.hash))
            entries.append(args_entry(p))
    return entries


def _reportables(manager: Any, lookup: dict[int, int], run_dir: str) -> list[dict[str, Any]]:
    files = ReportableFiles(run_dir)
    out = []
    for r in manager.reportables:
        if r.record is None or id(r.record) not in lookup:
            log.warning("curi-report: reportable %r has no record; it was not exported", getattr(r, "qualified_name", r))
            continue
        out.append(_reportable(r, lookup[id(r.record)], files))
    return out


def _reportable(r: Any, record_index: int, files: ReportableFiles) -> dict[str, Any]:
    qualified = _safe_str(r.qualified_name)
    stage = _safe_str(r.stage)
    try:
        kind, data, file, extra = convert(r, files)
    except Exception as error:  # noqa: BLE001 -- one bad reportable costs one note, not the run
        where = f"reportable {qualified!r} ({type(r).__name__}) of record {record_index}, stage {stage!r}"
        log.warning("curi-report: could not export %s: %s: %s", where, type(error).__name__, error)
        kind, data, file, extra = "html", {"html": _failure_html(where, error)}, None, []
    name = r.name if r.name is not None else qualified.rsplit("_", 1)[-1]
    entry: dict[str, Any] = {
        "qualified_name": qualified,
        "name": _safe_str(name),
        "group": None if r.group is None else _safe_str(r.group),
        "record": record_index,
        "stage": stage,
        "kind": kind,
        "data": data,
        "file": file,
    }
    if extra:
        entry["files"] = extra
    return entry


def _failure_html(where: str, error: BaseException) -> str:
    message = f"{type(error).__name__}: {_safe_str(error)}"
    return (
        "<p style='color:#b00020;font-family:sans-serif'><strong>curi-report could not export "
        f"{html.escape(where)}</strong></p><pre>{html.escape(message)}</pre>"
    )


def _copy_log(manager: Any, run_dir: str) -> str | None:
    """The run's log (curifactory's logs/<reference>.log) as log.txt, or None without one."""
    source = os.path.join(manager.logs_path or "logs", f"{manager.get_reference_name()}.log")
    if not os.path.isfile(source):
        return None
    shutil.copyfile(source, os.path.join(run_dir, "log.txt"))
    return "log.txt"

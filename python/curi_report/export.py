"""``export_run(manager)``: a finished (or failed) curifactory ArtifactManager -> a run folder
``runs/<reference>/`` (run.json schema version 2, reportable files, log.txt) and ``runs/latest``.

The folder is written beside its final place and renamed in, so a reader never sees half a run,
and an earlier export of the same run is replaced only once the new one is complete. Whatever
the user's objects do, the run is written: a value that cannot be represented becomes a noted
stand-in, and every such problem is printed when the export ends (problems.py).
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import tempfile
from typing import Any

from . import hooks
from .args import args_entry
from .files import ReportableFiles
from .metrics import declarations_json, metrics_json
from .problems import at, collecting, describe_error, note, printable, report
from .records import all_records, artifact_entry, failed_stage, fallback_artifact, fallback_record, record_entry
from .reportables import convert
from .runinfo import error_texts, run_info
from .serialize import run_json_text
from .values import safe_str

#: The run.json version this exporter writes (readers accept 1 and 2).
SCHEMA_VERSION = 2

log = logging.getLogger("curi_report")


class ExportError(Exception):
    """The run could not be written (e.g. the runs folder is not writable)."""


def export_run(manager: Any, runs_dir: str = "runs", failure: tuple[str, str] | None = None) -> str:
    """Writes ``<runs_dir>/<reference>/`` for ``manager`` and points ``<runs_dir>/latest`` at it.

    Works for a finished, failed or live manager. Returns the run folder's path. A value or
    reportable that cannot be exported becomes a visible stand-in in its place, printed to stderr
    with where it was; it never stops the export. ``failure`` (``Class - message``, traceback)
    marks the run an error: the command that ran it failed after the run (curifactory's report).
    """
    reference = manager.get_reference_name()
    os.makedirs(runs_dir, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=f".{reference[:80]}.", dir=runs_dir)
    with collecting() as problems:
        try:
            text = run_json_text(build_document(manager, staging, failure))
            with open(os.path.join(staging, "run.json"), "w", encoding="utf-8") as out:
                out.write(text + "\n")
            final = os.path.join(runs_dir, reference)
            _swap_in(staging, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            report(problems, reference)
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


def build_document(manager: Any, run_dir: str, failure: tuple[str, str] | None = None) -> dict[str, Any]:
    """The whole run.json for ``manager``; reportable files are written under ``run_dir``."""
    reference = manager.get_reference_name()
    records = all_records(manager)
    lookup = {id(r): i for i, r in enumerate(records)}
    in_manager = {id(r) for r in manager.records}
    failed = failure is not None and manager.status != "error"
    error = error_texts(manager, failure if failed else None)
    context = {"reference": reference, "failure": failed_stage(manager, records), "error": error}
    record_entries = []
    for i, r in enumerate(records):
        with at(f"record {i}"):
            try:
                record_entries.append(record_entry(r, i, lookup, manager, {**context, "in_manager": id(r) in in_manager}))
            except Exception as error:  # noqa: BLE001 -- one unreadable record costs its entry, not the run
                record_entries.append(fallback_record(i, note(describe_error(error))))
    artifacts = []
    for i, a in enumerate(manager.artifacts):
        with at(f"artifact {i} of the run"):
            try:
                artifacts.append(artifact_entry(a, lookup, manager))
            except Exception as error:  # noqa: BLE001 -- likewise for an artifact representation
                artifacts.append(fallback_artifact(note(describe_error(error))))
    with at("run info"):
        info = run_info(manager, records, error, failed)
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "run_info": info,
        "args": _args(records),
        "records": record_entries,
        "artifacts": artifacts,
        "reportables": _reportables(manager, lookup, run_dir),
        "log": _copy_log(manager, run_dir),
    }
    manager_facts = hooks.known_facts(manager)
    if manager_facts is not None and manager_facts.metrics:
        document["metrics"] = metrics_json(manager_facts.metrics)
    if manager_facts is not None:
        document.update(declarations_json(manager_facts.declared))
    return document


def _args(records: list[Any]) -> list[dict[str, Any]]:
    """One args entry per distinct param set hash, in record order (curifactory's report order)."""
    entries, seen = [], set()
    for record in records:
        p = record.params
        if p is not None and safe_str(p.hash) not in seen:
            seen.add(safe_str(p.hash))
            entries.append(args_entry(p))
    return entries


def _reportables(manager: Any, lookup: dict[int, int], run_dir: str) -> list[dict[str, Any]]:
    files = ReportableFiles(run_dir)
    out = []
    for r in manager.reportables:
        if r.record is None or id(r.record) not in lookup:
            with at(f"reportable {printable(safe_str(getattr(r, 'qualified_name', None)))}"):
                note("it has no record of this run, so it was left out")
            continue
        out.append(_reportable(r, lookup[id(r.record)], files))
    return out


def _reportable(r: Any, record_index: int, files: ReportableFiles) -> dict[str, Any]:
    qualified = safe_str(r.qualified_name) or note("an empty qualified name")
    stage = safe_str(r.stage)
    where = f"reportable {printable(qualified)} ({type(r).__name__}) of record {record_index}, stage {printable(stage)}"
    with at(where):
        try:
            kind, data, file, extra = convert(r, files)
        except Exception as error:  # noqa: BLE001 -- one bad reportable costs one note, not the run
            message = note(describe_error(error))
            kind, data, file, extra = "html", {"html": _failure_html(where, message)}, None, []
        name = r.name if r.name is not None else qualified.rsplit("_", 1)[-1]
        entry: dict[str, Any] = {
            "qualified_name": qualified,
            "name": safe_str(name),
            "group": None if r.group is None else safe_str(r.group),
            "record": record_index,
            "stage": stage,
            "kind": kind,
            "data": data,
            "file": file,
        }
    if extra:
        entry["files"] = extra
    return entry


def _failure_html(where: str, message: str) -> str:
    """The stand-in of a reportable that could not be exported; the message wraps (a long one
    was cut off at the frame's edge)."""
    return (
        "<p style='color:#b00020;font-family:sans-serif'><strong>curi-report could not export "
        f"{html.escape(where)}</strong></p>"
        f"<pre style='white-space:pre-wrap;overflow-wrap:anywhere'>{html.escape(message)}</pre>"
    )


def _copy_log(manager: Any, run_dir: str) -> str | None:
    """The run's log (curifactory's logs/<reference>.log) as log.txt, or None without one."""
    source = os.path.join(manager.logs_path or "logs", f"{manager.get_reference_name()}.log")
    if not os.path.isfile(source):
        return None
    shutil.copyfile(source, os.path.join(run_dir, "log.txt"))
    return "log.txt"

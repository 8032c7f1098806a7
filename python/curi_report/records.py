"""curifactory records and artifact representations -> run.json records and artifacts."""

from __future__ import annotations

from typing import Any

from . import hooks
from .metrics import metrics_json
from .values import json_value, safe_str


def all_records(manager: Any) -> list[Any]:
    """manager.records in order, then every record outside it that still matters: records made
    with ``make_copy(add_to_manager=False)`` that own artifacts or reportables, and their inputs."""
    ordered = list(manager.records)
    seen = {id(r) for r in ordered}
    pending = [owner(a, manager) for a in manager.artifacts] + [r.record for r in manager.reportables]
    while pending:
        record = pending.pop(0)
        if record is None or id(record) in seen:
            continue
        seen.add(id(record))
        ordered.append(record)
        pending.extend(record.input_records)
    for record in list(ordered):
        for source in record.input_records:
            if id(source) not in seen:
                seen.add(id(source))
                ordered.append(source)
    return ordered


def owner(artifact: Any, manager: Any) -> Any:
    """The record an artifact representation belongs to. A run that failed while curifactory was
    mapping its stages (before any ran) holds MapArtifactRepresentations, which keep an index."""
    if hasattr(artifact, "init_record"):
        return artifact.init_record
    index = getattr(artifact, "record_index", -1)
    return manager.records[index] if 0 <= index < len(manager.records) else None


def failed_stage(manager: Any, records: list[Any]) -> tuple[Any, int] | None:
    """(record, stage index) of the stage that raised: curifactory leaves ``stage_active`` set
    and ``current_stage_name`` naming it when an exception leaves a stage."""
    if manager.status != "error" or not manager.stage_active:
        return None
    name = manager.current_stage_name
    candidates = [r for r in records if r.stages and r.stages[-1] == name]
    timed = [r for r in candidates if hooks.INSTALLED and _finished(r) == len(r.stages) - 1]
    chosen = (timed or candidates or [None])[-1]
    return None if chosen is None else (chosen, len(chosen.stages) - 1)


def _finished(record: Any) -> int:
    known = hooks.known_facts(record)
    return 0 if known is None else len(known.stages)


def _inferred_cached(record: Any, stage: int, manager: Any, reference: str) -> bool:
    """Without hooks: a stage was cached when all its outputs came with metadata of another run."""
    outputs = record.stage_outputs[stage] if stage < len(record.stage_outputs) else []
    if not outputs:
        return False
    for index in outputs:
        metadata = manager.artifacts[index].metadata if 0 <= index < len(manager.artifacts) else None
        if not isinstance(metadata, dict):
            return False
        run = metadata.get("manager_run_info") or {}
        if run.get("reference") in (None, reference):
            return False
    return True


def stage_info(record: Any, manager: Any, reference: str, failure: tuple[Any, int] | None, error: tuple[str, str | None]) -> list[dict]:
    """Per stage: duration (when the hooks timed it), cached, and the error of the stage that raised."""
    known = hooks.known_facts(record)
    timed = known.stages if known is not None else []
    info = []
    for i in range(len(record.stages)):
        if known is not None and i < len(timed):
            entry = {"duration_ms": round(timed[i].duration_ms, 3), "cached": timed[i].cached}
        else:
            entry = {"duration_ms": None, "cached": _inferred_cached(record, i, manager, reference)}
        if failure is not None and failure[0] is record and failure[1] == i:
            entry = {"duration_ms": None, "cached": False, "error": error[0], "traceback": error[1]}
        info.append(entry)
    return info


def record_entry(record: Any, index: int, lookup: dict[int, int], manager: Any, context: dict) -> dict[str, Any]:
    """One record with every list curifactory keeps on it, plus stage facts and metrics."""
    params = record.params
    entry: dict[str, Any] = {
        "index": index,
        "name": f"Record {index} ({safe_str(params.name) if params is not None else 'None'})",
        "args_hash": None if params is None or params.hash is None else safe_str(params.hash),
        "args_name": None if params is None else safe_str(params.name),
        "is_aggregate": bool(record.is_aggregate),
        "combo_hash": None if record.combo_hash is None else safe_str(record.combo_hash),
        "input_records": [lookup[id(r)] for r in record.input_records if id(r) in lookup],
        "stages": [safe_str(s) for s in record.stages],
        "stage_inputs": [[int(i) for i in inputs] for inputs in record.stage_inputs],
        "stage_outputs": [[int(i) for i in outputs] for outputs in record.stage_outputs],
        "state_artifact_reps": {safe_str(k): int(v) for k, v in record.state_artifact_reps.items()},
        "stored_paths": [safe_str(p) for p in record.stored_paths],
        "stage_info": stage_info(record, manager, context["reference"], context["failure"], context["error"]),
    }
    if not context["in_manager"]:
        entry["in_manager"] = False
    known = hooks.known_facts(record)
    if known is not None and known.metrics:
        entry["metrics"] = metrics_json(known.metrics)
    return entry


def artifact_entry(artifact: Any, lookup: dict[int, int], manager: Any) -> dict[str, Any]:
    """One ArtifactRepresentation: owner, name, preview string, cache path, metadata."""
    path = getattr(artifact, "file", "no file")
    metadata = artifact.metadata
    preview = getattr(artifact, "string", None)
    if preview is None:  # a MapArtifactRepresentation: never computed in this run
        preview = metadata.get("preview", "(not computed)") if isinstance(metadata, dict) else "(not computed)"
    return {
        "record": lookup.get(id(owner(artifact, manager)), 0),
        "name": safe_str(artifact.name),
        "string": safe_str(preview),
        "path": None if path in (None, "no file") else safe_str(path),
        "metadata": json_value(metadata) if isinstance(metadata, dict) else None,
    }


def fallback_record(index: int, message: str) -> dict[str, Any]:
    """The entry of a record that could not be read: its place kept, what went wrong as its name."""
    return {
        "index": index,
        "name": f"Record {index} ({message})",
        "args_hash": None,
        "args_name": None,
        "is_aggregate": False,
        "combo_hash": None,
        "input_records": [],
        "stages": [],
        "stage_inputs": [],
        "stage_outputs": [],
        "state_artifact_reps": {},
        "stored_paths": [],
    }


def fallback_artifact(message: str) -> dict[str, Any]:
    """The entry of an artifact representation that could not be read (its index is kept)."""
    return {"record": 0, "name": message, "string": message, "path": None, "metadata": None}

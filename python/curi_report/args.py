"""curifactory parameter sets -> run.json ``args`` entries (schema v2: ``ignored``, ``reprs``)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from curifactory import hashing

from .values import _safe_str, to_json

#: Fields of ExperimentParameters that are curifactory's bookkeeping, not the user's values:
#: ``hash`` is the entry's own ``hash``; ``hash_representations`` holds functions.
BOOKKEEPING = ("hash", "hash_representations")


def args_entry(params: Any) -> dict[str, Any]:
    """One args entry: every field as JSON, curifactory's string form where JSON is lossy, and
    the fields curifactory leaves out of the hash (its IGNORED_PARAMS) named apart."""
    try:
        reps = hashing.param_set_string_hash_representations(params)
    except Exception as error:  # noqa: BLE001 -- a user hash function may raise; keep the values
        reps = {"IGNORED_PARAMS": {}, "__error__": f"{type(error).__name__}: {error}"}
    ignored_reps = reps.get("IGNORED_PARAMS", {}) or {}
    values: dict[str, Any] = {}
    reprs: dict[str, str] = {}
    # curifactory expects a dataclass; anything else is read from its attributes all the same.
    names = [f.name for f in dataclasses.fields(params)] if dataclasses.is_dataclass(params) else list(vars(params))
    for name in names:
        if name in BOOKKEEPING:
            continue
        value = getattr(params, name, None)
        values[name], exact = to_json(value)
        if not exact:
            reprs[name] = _string_form(name, value, reps, ignored_reps)
    entry: dict[str, Any] = {"name": _safe_str(params.name), "hash": str(params.hash), "values": values}
    ignored = [name for name in ignored_reps if name not in BOOKKEEPING]
    if ignored:
        entry["ignored"] = ignored
    if reprs:
        entry["reprs"] = reprs
    return entry


def _string_form(name: str, value: Any, reps: dict, ignored: dict) -> str:
    """curifactory's own string of a field (its hash representation), else ``repr``."""
    rep = reps.get(name, ignored.get(name))
    if isinstance(rep, dict):
        return json.dumps(rep, default=str)
    if isinstance(rep, str):
        return rep
    try:
        return repr(value)
    except Exception:  # noqa: BLE001 -- a hostile __repr__ must not stop the export
        return _safe_str(value)

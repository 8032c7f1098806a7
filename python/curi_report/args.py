"""curifactory parameter sets -> run.json ``args`` entries (schema v2: ``ignored``, ``reprs``)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from curifactory import hashing

from .problems import at, describe_error, note, printable
from .values import safe_str, to_json

#: Fields of ExperimentParameters that are curifactory's bookkeeping, not the user's values:
#: ``hash`` is the entry's own ``hash``; ``hash_representations`` holds functions.
BOOKKEEPING = ("hash", "hash_representations")
#: Fields curifactory sets from its command line, not from the parameter file: ``--overwrite``
#: sets ``overwrite`` on every set. They are how the run was started (run_info's ``cli`` keeps
#: the flag), not the user's parameters: as args they showed as a changed parameter.
CLI_ONLY = ("overwrite",)


def args_entry(params: Any) -> dict[str, Any]:
    """One args entry: every field as JSON, curifactory's string form where JSON is lossy, and
    the fields curifactory leaves out of the hash (its IGNORED_PARAMS) named apart. A field that
    cannot be read or converted becomes a noted stand-in; the entry is always written."""
    name = safe_str(getattr(params, "name", None))
    try:
        reps = hashing.param_set_string_hash_representations(params)
    except Exception as error:  # noqa: BLE001 -- a user hash function may raise; keep the values
        with at(f"args set {printable(name)}"):
            note(f"curifactory's hash representations raised {describe_error(error)}")
        reps = {"IGNORED_PARAMS": {}}
    ignored_reps = reps.get("IGNORED_PARAMS", {}) or {}
    values: dict[str, Any] = {}
    reprs: dict[str, str] = {}
    for field in _field_names(params, name):
        if field in BOOKKEEPING or field in CLI_ONLY:
            continue
        with at(f"args set {printable(name)}, field {printable(field)}"):
            try:
                value = getattr(params, field)
            except Exception as error:  # noqa: BLE001 -- a property may raise
                values[field] = note(f"reading it raised {describe_error(error)}")
                continue
            values[field], exact = to_json(value)
            if not exact:
                reprs[field] = _string_form(field, value, reps, ignored_reps)
    entry: dict[str, Any] = {"name": name, "hash": safe_str(params.hash), "values": values}
    ignored = [field for field in ignored_reps if field not in BOOKKEEPING and field not in CLI_ONLY]
    if ignored:
        entry["ignored"] = ignored
    if reprs:
        entry["reprs"] = reprs
    return entry


def _field_names(params: Any, name: str) -> list[str]:
    """The dataclass's fields (curifactory expects one), else the object's attributes."""
    try:
        if dataclasses.is_dataclass(params):
            return [f.name for f in dataclasses.fields(params)]
        return [str(key) for key in vars(params)]
    except Exception as error:  # noqa: BLE001 -- an odd object still gets an entry
        with at(f"args set {printable(name)}"):
            note(f"its fields could not be listed: {describe_error(error)}")
        return ["name"]


def _string_form(name: str, value: Any, reps: dict, ignored: dict) -> str:
    """curifactory's own string of a field (its hash representation), else ``repr``."""
    rep = reps.get(name, ignored.get(name))
    if isinstance(rep, dict):
        return json.dumps(rep, default=safe_str)
    if isinstance(rep, str):
        return safe_str(rep)
    try:
        return safe_str(repr(value))
    except Exception as error:  # noqa: BLE001 -- a hostile __repr__ must not stop the export
        return note(f"repr() of a {type(value).__qualname__} raised {describe_error(error)}")

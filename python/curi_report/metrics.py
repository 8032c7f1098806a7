"""Metrics logged from Python: ``log_metric(record, "accuracy", 0.93)`` inside a stage, a step
series with ``step=``, or run-level metrics on the manager. ``export_run`` writes them into the
run's ``metrics`` (schema v2), the same fields the TypeScript ``record.logMetric`` writes."""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import Any

from .hooks import facts


def _value(name: str, value: Any) -> float:
    if isinstance(value, bool):
        raise TypeError(f"metric {name!r}: {value!r} is a bool; log a number")
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise TypeError(f"metric {name!r}: {value!r} is not a number") from error
    return number


def log_metric(target: Any, name: str, value: Any, step: int | None = None) -> None:
    """Logs one metric on a record (or, for a run-level metric, on the manager).

    Without ``step`` the metric is one number (a later call replaces it); with ``step`` it is a
    series of ``{step, value}`` points. NaN and ±Infinity are kept as such.
    """
    if not isinstance(name, str) or name == "":
        raise TypeError(f"metric name must be a non-empty string, got {name!r}")
    number = _value(name, value)
    kept = facts(target).metrics
    if step is None:
        if isinstance(kept.get(name), list):
            raise ValueError(f"metric {name!r} is a step series; pass step= to add a point")
        kept[name] = number
        return
    if isinstance(step, bool) or not isinstance(step, numbers.Integral):
        raise TypeError(f"metric {name!r}: step {step!r} is not an integer")
    series = kept.setdefault(name, [])
    if not isinstance(series, list):
        raise ValueError(f"metric {name!r} is a single number; log it without step")
    series.append({"step": int(step), "value": number})


def log_metrics(target: Any, values: Mapping[str, Any], step: int | None = None) -> None:
    """Logs several metrics at once (each as :func:`log_metric` would)."""
    for name, value in values.items():
        log_metric(target, name, value, step=step)


def metrics_json(kept: Mapping[str, Any]) -> dict[str, Any]:
    """The wire form: numbers, NonFinite tags, and step series sorted by step."""
    from .values import number

    out: dict[str, Any] = {}
    for name, value in kept.items():
        if isinstance(value, list):
            points = sorted(value, key=lambda p: p["step"])
            out[name] = [{"step": p["step"], "value": number(p["value"])} for p in points]
        else:
            out[name] = number(value)
    return out

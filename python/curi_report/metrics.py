"""Metrics logged from Python: ``log_metric(record, "accuracy", 0.93)`` inside a stage, a step
series with ``step=``, or run-level metrics on the manager. ``export_run`` writes them into the
run's ``metrics`` (schema v2), the same fields the TypeScript ``record.logMetric`` writes."""

from __future__ import annotations

import math
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


def declare_metrics(
    manager: Any,
    primary: str | None = None,
    goals: Mapping[str, str] | None = None,
    tolerances: Mapping[str, Mapping[str, float]] | None = None,
) -> None:
    """Declares the run's metrics once, as the TypeScript ``manager.declareMetrics`` does.

    ``primary`` ranks records and leads comparisons; ``goals`` maps a metric name to ``"min"``
    (lower is better) or ``"max"``; ``tolerances`` maps a name to ``{"abs": …, "rel": …}`` (a
    change within it is noise). A declaration wins over curi-report.config.json and over a goal
    guessed from the name; a later one of the same name replaces it. Bad values raise naming the metric.
    """
    if primary is not None and (not isinstance(primary, str) or primary == ""):
        raise TypeError(f"the primary metric must be a metric's name, not {primary!r}")
    checked_goals: dict[str, str] = {}
    for name, goal in (goals or {}).items():
        if goal not in ("min", "max"):
            raise ValueError(f"metric {name!r}: goal {goal!r} is not 'min' or 'max'")
        checked_goals[str(name)] = goal
    checked_tolerances = {str(name): _tolerance(name, t) for name, t in (tolerances or {}).items()}
    declared = facts(manager).declared
    declared.setdefault("metric_goals", {}).update(checked_goals)
    declared.setdefault("metric_tolerances", {}).update(checked_tolerances)
    if primary is not None:
        declared["primary_metric"] = primary


def _tolerance(name: str, t: Any) -> dict[str, float]:
    """A tolerance checked: ``abs`` and/or ``rel``, each a finite number >= 0."""
    if not isinstance(t, Mapping) or len(t) == 0:
        raise TypeError(f"metric {name!r}: a tolerance is {{'abs': …}} and/or {{'rel': …}}, not {t!r}")
    out: dict[str, float] = {}
    for key, value in t.items():
        if key not in ("abs", "rel"):
            raise ValueError(f"metric {name!r}: tolerance field {key!r} is not 'abs' or 'rel'")
        number = _value(name, value)
        if not math.isfinite(number) or number < 0:
            raise ValueError(f"metric {name!r}: tolerance {key} {value!r} is not a finite number >= 0")
        out[key] = number
    return out


def declarations_json(declared: Mapping[str, Any]) -> dict[str, Any]:
    """run.json's declaration fields, in the schema's key order; empty ones left out."""
    out: dict[str, Any] = {}
    for key in ("metric_goals", "primary_metric", "metric_tolerances"):
        if declared.get(key):
            out[key] = declared[key]
    return out


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

import math

import pytest

from curi_report import log_metric, log_metrics
from curi_report.hooks import facts
from curi_report.metrics import metrics_json


class Owner:
    """Any weak-referenceable object stands in for a record here."""


def test_scalar_and_step_series():
    owner = Owner()
    log_metric(owner, "accuracy", 0.9)
    log_metric(owner, "accuracy", 0.95)
    log_metric(owner, "loss", 0.5, step=2)
    log_metric(owner, "loss", 0.7, step=1)
    log_metrics(owner, {"nan": math.nan, "inf": -math.inf})
    assert metrics_json(facts(owner).metrics) == {
        "accuracy": 0.95,
        "loss": [{"step": 1, "value": 0.7}, {"step": 2, "value": 0.5}],
        "nan": {"$float": "NaN"},
        "inf": {"$float": "-Infinity"},
    }


def test_bad_metrics_are_refused_with_the_name():
    owner = Owner()
    with pytest.raises(TypeError, match="'acc'.*not a number"):
        log_metric(owner, "acc", "high")
    with pytest.raises(TypeError, match="bool"):
        log_metric(owner, "flag", True)
    log_metric(owner, "loss", 1.0, step=0)
    with pytest.raises(ValueError, match="step series"):
        log_metric(owner, "loss", 1.0)
    with pytest.raises(TypeError, match="not an integer"):
        log_metric(owner, "loss", 1.0, step=1.5)


def test_declare_metrics_writes_run_json_fields_in_schema_order():
    from curi_report import declare_metrics
    from curi_report.metrics import declarations_json

    manager = Owner()
    declare_metrics(manager, goals={"final_val": "min"}, tolerances={"final_val": {"rel": 0.01}})
    declare_metrics(manager, primary="final_val", goals={"__proto__": "max"})
    assert list(declarations_json(facts(manager).declared).items()) == [
        ("metric_goals", {"final_val": "min", "__proto__": "max"}),
        ("primary_metric", "final_val"),
        ("metric_tolerances", {"final_val": {"rel": 0.01}}),
    ]
    assert declarations_json(facts(Owner()).declared) == {}


def test_declare_metrics_refuses_bad_values_naming_the_metric():
    from curi_report import declare_metrics

    with pytest.raises(ValueError, match="'final_val'.*'lower'"):
        declare_metrics(Owner(), goals={"final_val": "lower"})
    with pytest.raises(ValueError, match="'loss'.*-1"):
        declare_metrics(Owner(), tolerances={"loss": {"abs": -1}})
    with pytest.raises(TypeError, match="primary"):
        declare_metrics(Owner(), primary="")

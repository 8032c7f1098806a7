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

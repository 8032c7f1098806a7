"""A run whose second stage raises: the run is exported with status error and the stage's error.
Each record logs a metric first, so the failed record also has a row in the results table."""

import curifactory as cf
import curi_report
from curifactory import reporting as rp


@cf.stage(inputs=None, outputs=["numbers"])
def load(record):
    record.report(rp.JsonReporter({"size": record.params.size}, name="loaded"))
    curi_report.log_metric(record, "accuracy", record.params.size / 10)
    return list(range(record.params.size))


@cf.stage(inputs=["numbers"], outputs=["total"])
def explode(record, numbers):
    if record.params.size > 4:
        raise ValueError("deliberate failure for <status=error> probe")
    return sum(numbers)


def run(param_sets, manager):
    for p in param_sets:
        explode(load(cf.Record(manager, p)))

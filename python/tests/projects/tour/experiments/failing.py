"""A run whose second stage raises: the run is exported with status error and the stage's error."""

import curifactory as cf
from curifactory import reporting as rp


@cf.stage(inputs=None, outputs=["numbers"])
def load(record):
    record.report(rp.JsonReporter({"size": record.params.size}, name="loaded"))
    return list(range(record.params.size))


@cf.stage(inputs=["numbers"], outputs=["total"])
def explode(record, numbers):
    if record.params.size > 4:
        raise ValueError("deliberate failure for <status=error> probe")
    return sum(numbers)


def run(param_sets, manager):
    for p in param_sets:
        explode(load(cf.Record(manager, p)))

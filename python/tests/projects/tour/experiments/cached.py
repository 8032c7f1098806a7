"""Cached stages: run it twice and the second run loads every output (and reportable) from cache."""

import curifactory as cf
from curifactory import reporting as rp
from curifactory.caching import JsonCacher, PickleCacher


@cf.stage(inputs=None, outputs=["numbers"], cachers=[JsonCacher])
def load(record):
    record.report(rp.JsonReporter({"size": record.params.size}, name="loaded"))
    return list(range(record.params.size))


@cf.stage(inputs=["numbers"], outputs=["total"], cachers=[PickleCacher])
def total(record, numbers):
    path = record.get_path("numbers.txt")
    with open(path, "w") as out:
        out.write(",".join(str(n) for n in numbers))
    return sum(numbers)


@cf.aggregate(inputs=["total"], outputs=["grand"], cachers=[PickleCacher])
def grand(record, records, total):
    record.report(rp.JsonReporter({"grand": sum(total.values())}, name="grand"))
    return sum(total.values())


def run(param_sets, manager):
    records = [total(load(cf.Record(manager, p))) for p in param_sets]
    grand(cf.Record(manager, None), records)

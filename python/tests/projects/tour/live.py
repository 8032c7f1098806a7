"""A live manager in a script (status LIVE): curi_report.install() exports on generate_report()."""

import curifactory as cf
import curi_report
from curifactory import reporting as rp
from params.small import Params


@cf.stage(inputs=None, outputs=["numbers"])
def load(record):
    record.report(rp.JsonReporter({"size": record.params.size}, name="loaded"))
    curi_report.log_metric(record, "size", record.params.size)
    return list(range(record.params.size))


curi_report.install()
manager = cf.ArtifactManager("live")
load(cf.Record(manager, Params(name="live_set", size=4)))
curi_report.log_metric(manager, "records", 1)
manager.generate_report()

"""Real curifactory 0.20.2 runs of N records: curifactory's own report time beside the export to
curi-report's run format and the curi-report build, all measured in the same run.

The experiment is the scale experiment of the report anatomy (§8): N param sets, each
s1 -> s2 -> s3 -> s4 with 2 outputs per stage (PickleCacher), and one aggregate reporting one
JsonReporter and one LinePlotReporter per record. Targets: export + build at least 10x faster
than curifactory's report (issue 9), 30x at 1,000 records (issue 22); the export adds at most 10%
to the run's own time.

    PYTHONPATH=<curifactory>:python /usr/bin/python3 bench/python/curifactory_bench.py [N ...]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))
#: The CLI measured: the bench's snapshot of the package when run from npm run bench.
BIN = os.environ.get("CURI_REPORT_BIN", os.path.join(ROOT, "bin", "curi-report.js"))

EXPERIMENT = '''
import curifactory as cf
from curifactory import reporting as rp
from curifactory.caching import PickleCacher


@cf.stage(inputs=None, outputs=["s1_a", "s1_b"], cachers=[PickleCacher, PickleCacher])
def s1(record):
    return [record.params.n] * 10, {"n": record.params.n, "stage": "s1"}


@cf.stage(inputs=["s1_a"], outputs=["s2_a", "s2_b"], cachers=[PickleCacher, PickleCacher])
def s2(record, s1_a):
    return s1_a, {"n": record.params.n, "stage": "s2"}


@cf.stage(inputs=["s2_a"], outputs=["s3_a", "s3_b"], cachers=[PickleCacher, PickleCacher])
def s3(record, s2_a):
    return s2_a, {"n": record.params.n, "stage": "s3"}


@cf.stage(inputs=["s3_a"], outputs=["s4_a", "s4_b"], cachers=[PickleCacher, PickleCacher])
def s4(record, s3_a):
    return s3_a, {"n": record.params.n, "stage": "s4"}


@cf.aggregate(inputs=["s4_b"], outputs=["summary"])
def summarize(record, records, s4_b):
    for r, value in s4_b.items():
        record.report(rp.JsonReporter(value, name=f"json_{r.params.name}"))
        record.report(rp.LinePlotReporter(y=[value["n"], value["n"] + 1, value["n"] * 2], name=f"plot_{r.params.name}"))
    return len(s4_b)


def run(param_sets, manager):
    records = [s4(s3(s2(s1(cf.Record(manager, p))))) for p in param_sets]
    summarize(cf.Record(manager, None), records)
'''

PARAMS = '''
from dataclasses import dataclass
import os
import curifactory as cf


@dataclass
class Params(cf.ExperimentParameters):
    n: int = 0


def get_params():
    return [Params(name=f"p{i}", n=i) for i in range(int(os.environ["BENCH_N"]))]
'''


def make_project(where: str) -> None:
    os.makedirs(os.path.join(where, "experiments"))
    os.makedirs(os.path.join(where, "params"))
    for package in ("experiments", "params"):
        open(os.path.join(where, package, "__init__.py"), "w").close()
    with open(os.path.join(where, "experiments", "scale.py"), "w") as f:
        f.write(EXPERIMENT)
    with open(os.path.join(where, "params", "scale.py"), "w") as f:
        f.write(PARAMS)
    with open(os.path.join(where, "curifactory_config.json"), "w") as f:
        json.dump({"manager_cache_path": "data/", "cache_path": "data/cache"}, f)


def measure(n: int) -> dict[str, float]:
    """One fresh project: run (no report), curifactory's report, export, curi-report build."""
    from curifactory import experiment

    import curi_report

    with tempfile.TemporaryDirectory(prefix="curi-bench-py-") as project:
        make_project(project)
        os.chdir(project)
        sys.path.insert(0, project)
        os.environ["BENCH_N"] = str(n)
        for module in [m for m in sys.modules if m.split(".")[0] in ("experiments", "params")]:
            del sys.modules[module]
        t0 = time.perf_counter()
        _results, manager = experiment.run_experiment("scale", ["scale"], log=False, report=False, quiet=True)
        t1 = time.perf_counter()
        manager.generate_report()
        t2 = time.perf_counter()
        folder = curi_report.export_run(manager, os.path.join(project, "runs"))
        t3 = time.perf_counter()
        subprocess.run(["node", BIN, folder, "--out", os.path.join(project, "site"), "--quiet", "--full"], check=True)
        t4 = time.perf_counter()
        os.chdir(ROOT)
        sys.path.remove(project)
        return {"run": t1 - t0, "report": t2 - t1, "export": t3 - t2, "build": t4 - t3, "records": len(manager.records)}


def main(sizes: list[int]) -> int:
    import logging

    logging.getLogger().setLevel(logging.ERROR)  # curifactory's warnings (no git, no CSS) are not results
    print("curifactory (Python) runs: curifactory's report vs export + curi-report build, same run")
    print(f"{'N':>6} {'records':>8} {'run s':>8} {'cf report s':>12} {'export s':>9} {'build s':>8} {'speed-up':>9} {'export/run':>11}  targets: >= 10x (30x at 1,000), <= 10%")
    missed = 0
    for n in sizes:
        m = measure(n)
        ours = m["export"] + m["build"]
        speedup = m["report"] / ours if ours > 0 else float("inf")
        share = m["export"] / m["run"] if m["run"] > 0 else 0.0
        ok = speedup >= (30 if n >= 1000 else 10) and share <= 0.10
        missed += 0 if ok else 1
        print(
            f"{n:>6} {m['records']:>8} {m['run']:>8.2f} {m['report']:>12.2f} {m['export']:>9.2f} {m['build']:>8.2f} "
            f"{speedup:>8.1f}x {share * 100:>10.1f}%  {'met' if ok else 'MISSED'}"
        )
        sys.stdout.flush()
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [200, 1000]))

"""The small runs people make every day: curifactory 0.20.2's own examples (iris, lazy,
reload-reportables, newsgroups), each re-run with its stages cached, as a user re-runs an
experiment. For each, curifactory's own report (``manager.generate_report()``) beside the export
to curi-report's run format plus the curi-report build of that run (a whole ``node`` process),
measured in the same rounds. Figures are CPU seconds (user + system, child processes included:
curifactory runs Graphviz's ``dot`` for its graphs, curi-report's build is a process), the median
of the rounds, with wall seconds beside them. The first round also fills curi-report's render
caches (Graphviz layouts, SVG and Markdown in $XDG_CACHE_HOME/curi-report), as a user's first
build of a pipeline does; its build is printed as "first build".

The examples come unchanged from ../shared/vendor/curifactory-0.20.2-examples.tar.gz. newsgroups
downloads a data set, which cannot work offline: run this with test/python/offline on PYTHONPATH
(its sitecustomize.py stands in for scikit-learn's download with data of the same shape).

    PYTHONPATH=test/python/offline:<curifactory>:python /usr/bin/python3 bench/python/examples_bench.py EXAMPLES_TARBALL [ROUNDS]
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))
#: The CLI measured: the bench's snapshot of the package when run from npm run bench.
BIN = os.environ.get("CURI_REPORT_BIN", os.path.join(ROOT, "bin", "curi-report.js"))
EXAMPLES = ["iris", "lazy", "reload-reportables", "newsgroups"]
#: The config `curifactory init` writes (as test/python/curifactory.ts does).
CONFIG = {
    "experiments_module_name": "experiments",
    "params_module_name": "params",
    "manager_cache_path": "data/",
    "cache_path": "data/cache/",
    "runs_path": "data/runs/",
    "logs_path": "logs/",
    "notebooks_path": "notebooks/",
    "reports_path": "reports/",
    "report_css_path": "reports/style.css",
}


def cpu_now() -> float:
    """CPU seconds used so far by this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(work):
    """Runs ``work()``; returns its value, its CPU seconds and its wall seconds."""
    cpu, wall = cpu_now(), time.perf_counter()
    value = work()
    return value, cpu_now() - cpu, time.perf_counter() - wall


def one_round(name: str, project: str, site: str) -> dict[str, float]:
    """Runs example ``name`` (cached stages after the first round) and times its three reports."""
    from curifactory import experiment

    import curi_report

    _results, manager = experiment.run_experiment(name, None, log=False, report=False, quiet=True)
    _, cf_cpu, cf_wall = timed(manager.generate_report)
    folder, export_cpu, export_wall = timed(lambda: curi_report.export_run(manager, os.path.join(project, "runs")))
    build = ["node", BIN, folder, "--out", site, "--quiet", "--full"]
    # curi-report's caches in the project's own folder: the first round starts them empty.
    env = {**os.environ, "XDG_CACHE_HOME": os.path.join(project, ".cache")}
    _, build_cpu, build_wall = timed(lambda: subprocess.run(build, check=True, env=env))
    return {
        "cf_cpu": cf_cpu,
        "cf_wall": cf_wall,
        "ours_cpu": export_cpu + build_cpu,
        "ours_wall": export_wall + build_wall,
        "build_cpu": build_cpu,
        "reportables": len(manager.reportables),
        "records": len(manager.records),
    }


def measure(name: str, examples: str, rounds: int) -> dict[str, float]:
    """``rounds`` rounds of one example in a fresh project; the medians, and the first build's CPU."""
    with tempfile.TemporaryDirectory(prefix="curi-bench-example-") as project:
        shutil.copytree(os.path.join(examples, "examples"), project, dirs_exist_ok=True)
        with open(os.path.join(project, "curifactory_config.json"), "w") as f:
            json.dump(CONFIG, f, indent=4)
        here = os.getcwd()
        os.chdir(project)
        sys.path.insert(0, project)
        try:
            # The first run computes the stages (untimed as a report); every round re-runs them cached.
            runs = [one_round(name, project, os.path.join(project, f"site{i}")) for i in range(rounds + 1)]
        finally:
            os.chdir(here)
            sys.path.remove(project)
            for module in [m for m in sys.modules if m.split(".")[0] in ("experiments", "params")]:
                del sys.modules[module]
    timed_rounds = runs[1:]
    median = {k: statistics.median(r[k] for r in timed_rounds) for k in timed_rounds[0]}
    return {**median, "first_build_cpu": runs[0]["build_cpu"]}


def main(tarball: str, rounds: int) -> int:
    import logging

    logging.getLogger().setLevel(logging.ERROR)  # curifactory's warnings (no git, no CSS) are not results
    print(f"curifactory's own examples, re-run with cached stages: curifactory's report vs export + curi-report build (CPU s, median of {rounds}; wall in brackets)")
    print(f"{'example':<20} {'records':>7} {'reportables':>11} {'curifactory':>16} {'export + build':>16} {'ratio':>7} {'first build':>12}  target: >= 1x")
    missed = 0
    with tempfile.TemporaryDirectory(prefix="curifactory-examples-") as unpacked:
        subprocess.run(["tar", "-xzf", tarball, "-C", unpacked], check=True)
        examples = os.path.join(unpacked, "curifactory-0.20.2-examples")
        for name in EXAMPLES:
            m = measure(name, examples, rounds)
            ratio = m["cf_cpu"] / m["ours_cpu"] if m["ours_cpu"] > 0 else float("inf")
            missed += 0 if ratio >= 1 else 1
            print(
                f"{name:<20} {m['records']:>7.0f} {m['reportables']:>11.0f} "
                f"{m['cf_cpu']:>6.2f} ({m['cf_wall']:>5.2f} s) {m['ours_cpu']:>6.2f} ({m['ours_wall']:>5.2f} s) "
                f"{ratio:>6.2f}x {m['first_build_cpu']:>10.2f} s  {'met' if ratio >= 1 else 'MISSED'}"
            )
            sys.stdout.flush()
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3))

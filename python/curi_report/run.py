"""``curi-report-run <experiment> -p <params> [curifactory flags] [--out site]``: one command
that runs a curifactory experiment, exports the run, builds the report site with curi-report,
checks it, and prints where it is (also ``python3 -m curi_report run …``)."""

from __future__ import annotations

import os
import subprocess
import sys
import webbrowser
from pathlib import Path

from .locate import NotFound, locate
from .problems import terminal_safe

USAGE = """usage: curi-report-run <experiment> [-p PARAMS] [any flag of curifactory's experiment CLI]
                       [--runs-dir DIR] [--out DIR] [--curi-report PATH] [--no-build] [--open]

Runs a curifactory experiment with its own CLI (every flag of `experiment` works), exports the run
to <runs-dir>/<reference>/, builds the report site with curi-report, checks it, and prints where
the site is. Run it in the curifactory project (where curifactory_config.json is).

  --runs-dir DIR      where runs are exported (default: runs)
  --out DIR           where the site is built (default: site; curifactory's own reports/ stays its own)
  --curi-report PATH  the curi-report to use: a checkout, its bin/curi-report.js or an executable
                      (default: $CURI_REPORT, then `npx --no-install curi-report` in this project,
                      then curi-report on PATH)
  --no-build          only run and export (build later: npx curi-report <runs-dir> --out <out>)
  --open              open the run's page in the web browser when the site is checked
  -h, --help          show this help

Exit status: the experiment's when it failed (the run is still exported and built), and 1 when a
stage raised (curifactory's own command exits 0 then; the run's status is error); else 0 when
the site is built and checked, curi-report's own status when building or checking failed, and 127
when curifactory, Node.js or curi-report is missing (the message says what to install).

Example:
  curi-report-run iris -p iris --store-full
"""

#: Our options that take a value, and those that do not; everything else is curifactory's.
VALUE_OPTIONS = ("--runs-dir", "--out", "--curi-report")
FLAG_OPTIONS = ("--no-build", "--open")
#: Exit status when a run failed although curifactory's command exited 0 (a stage raised).
EXIT_FAILED_RUN = 1
#: Exit status when Node.js or curi-report cannot be found (a shell's "command not found").
EXIT_MISSING = 127


class UsageError(Exception):
    """A command line we cannot use; the message says why."""


def parse(argv: list[str]) -> tuple[dict, list[str]]:
    """Splits our options from curifactory's arguments (which keep their order)."""
    options: dict = {"--runs-dir": "runs", "--out": "site", "--curi-report": None, "--no-build": False, "--open": False}
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, value = arg.partition("=")
        if name in VALUE_OPTIONS:
            if not eq:
                if i + 1 >= len(argv):
                    raise UsageError(f"{name} needs a value")
                i, value = i + 1, argv[i + 1]
            options[name] = value
        elif arg in FLAG_OPTIONS:
            options[arg] = True
        else:
            rest.append(arg)
        i += 1
    if not rest or rest[0].startswith("-"):
        raise UsageError("name the experiment first (e.g. curi-report-run iris -p iris)")
    return options, rest


def main(argv: list[str] | None = None) -> int:
    """The console command: run, export, build, check; returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    if any(a in ("-h", "--help") for a in argv):
        print(USAGE)
        return 0
    try:
        options, experiment_args = parse(argv)
    except UsageError as error:
        print(f"curi-report-run: {error}\n\n{USAGE}", file=sys.stderr)
        return 2
    from ._requires import require_curifactory

    try:
        require_curifactory()
    except ImportError as missing:
        print(f"curi-report-run: {missing}", file=sys.stderr)
        return EXIT_MISSING
    from .runner import run_experiment_cli

    code, folders, errors = run_experiment_cli(experiment_args, options["--runs-dir"])
    if code == 0 and errors:
        # curifactory exits 0 when a stage raised; a CI step that runs this must fail all the same.
        code = EXIT_FAILED_RUN
    if not (options["--no-build"] or not folders):
        built = build_site(options)
        code = code if code != 0 else built
    for error in errors:
        print(f"curi-report-run: the experiment failed: {terminal_safe(error)}", file=sys.stderr)
    return code


def build_site(options: dict) -> int:
    """Builds and checks the site of every run in the runs folder; prints where it is."""
    runs, out = options["--runs-dir"], options["--out"]
    try:
        found = locate(options["--curi-report"], os.getcwd())
    except NotFound as missing:
        print(f"curi-report-run: the run is exported, but the site cannot be built.\n{missing}", file=sys.stderr)
        print(f"Then build it with: npx curi-report {runs} --out {out}", file=sys.stderr)
        return EXIT_MISSING
    for step in (["build", runs, "--out", out, "--quiet"], ["check", out]):
        done = subprocess.run([*found.command, *step], check=False)
        if done.returncode != 0:
            what = "build the site" if step[0] == "build" else "check the site"
            print(f"curi-report-run: curi-report ({found.source}) could not {what} (exit {done.returncode})", file=sys.stderr)
            return done.returncode
    page = _run_page(runs, out)
    print(f"curi-report-run: site {os.path.join(out, 'index.html')}")
    print(f"curi-report-run: this run {page}")
    if options["--open"]:
        webbrowser.open(Path(page).resolve().as_uri())
    return 0


def _run_page(runs: str, out: str) -> str:
    """The built page of the newest run (runs/latest names it)."""
    try:
        reference = Path(runs, "latest").read_text(encoding="utf-8").strip()
    except OSError:
        return os.path.join(out, "latest", "index.html")
    return terminal_safe(os.path.join(out, reference, "index.html"))

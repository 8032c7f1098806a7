"""``python3 -m curi_report run <experiment> …`` (the ``curi-report-run`` command: run, export,
build and check the site) or ``python3 -m curi_report experiment <name> -p <params> [flags]``
(run and export only).

Both run curifactory's own experiment CLI with the exporter installed; the run is exported to
``runs/<reference>/`` when it ends, also when a stage raises. The exit status is curifactory's.
"""

from __future__ import annotations

import sys

USAGE = """usage: python3 -m curi_report run <experiment> [-p PARAMS] [curifactory flags] [--out DIR] …
       python3 -m curi_report [--runs-dir DIR] experiment <name> [-p PARAMS] [curifactory flags]

  run          run the experiment, export it, build the report site and check it (the
               curi-report-run command; `python3 -m curi_report run --help` for its options)
  experiment   run curifactory's experiment CLI and export the run to runs/<reference>/ only;
               build the report later: npx curi-report runs --out site
  --runs-dir DIR   where runs are exported (default: runs)
  -h, --help       show this help

Example:
  python3 -m curi_report run iris -p iris --store-full
"""


def main(argv: list[str]) -> int:
    """Dispatches to ``run`` or ``experiment``; usage errors exit 2."""
    runs_dir = "runs"
    args = list(argv)
    if args and args[0] == "run":
        from .run import main as run_main

        return run_main(args[1:])
    while args and args[0] in ("--runs-dir", "-h", "--help"):
        if args[0] in ("-h", "--help"):
            print(USAGE)
            return 0
        if len(args) < 2:
            print("curi_report: --runs-dir needs a folder\n" + USAGE, file=sys.stderr)
            return 2
        runs_dir, args = args[1], args[2:]
    if not args or args[0] != "experiment":
        print(USAGE, file=sys.stderr)
        return 2
    from ._requires import require_curifactory

    try:
        require_curifactory()
    except ImportError as missing:
        print(f"curi_report: {missing}", file=sys.stderr)
        return 127
    from .runner import run_experiment_cli

    return run_experiment_cli(args[1:], runs_dir)[0]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

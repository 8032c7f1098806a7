"""``python3 -m curi_report experiment <name> -p <params> [curifactory flags]``

Runs curifactory's own experiment CLI with the exporter installed; the run is exported to
``runs/<reference>/`` when it ends, also when a stage raises. The exit status is curifactory's.
"""

from __future__ import annotations

import sys

USAGE = """usage: python3 -m curi_report [--runs-dir DIR] experiment <name> [-p PARAMS] [any flag of curifactory's experiment CLI]

Runs curifactory's experiment CLI (curifactory 0.20.2) and exports the run for curi-report:
runs/<reference>/run.json plus runs/latest. Then build the report: npx curi-report runs/latest

  --runs-dir DIR   where runs are exported (default: runs)
  -h, --help       show this help

Example:
  python3 -m curi_report experiment iris -p iris --store-full
"""


def main(argv: list[str]) -> int:
    """Parses our one option, then hands the rest to curifactory's CLI."""
    runs_dir = "runs"
    args = list(argv)
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
    return run_experiment_cli(args[1:], runs_dir)


def run_experiment_cli(args: list[str], runs_dir: str) -> int:
    """curifactory.cli.main() with the hooks in place; exports whatever it did not report."""
    from . import hooks
    from .install import export_once, exported_folder, install

    install(runs_dir)
    from curifactory import cli

    sys.argv = ["experiment", *args]
    code: int = 0
    try:
        cli.main()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    finally:
        for manager in hooks.managers():
            folder = exported_folder(manager) or export_once(manager)
            if folder is not None:
                print(f"curi-report: exported {folder}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

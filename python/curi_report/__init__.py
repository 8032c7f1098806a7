"""curi_report: export curifactory (Python) runs into curi-report's run format.

``curi-report-run <experiment> -p <params>`` (or ``python3 -m curi_report run …``) runs curifactory's
own experiment CLI with the exporter installed, exports the run to ``runs/<reference>/`` and builds
and checks the report site with curi-report. In a notebook or script, ``install()`` makes every
manager export when curifactory generates its report, and ``export_run(manager)`` exports one
manager at any time (``run.json`` schema version 2).

The names below are imported on first use, so the command can say what is missing (curifactory
0.20 or newer) instead of failing on import.
"""

from __future__ import annotations

import importlib
from typing import Any

# The npm package's version (package.json): python/tests/test_package.py fails when they differ.
__version__ = "0.1.0"

#: Public name -> the module that defines it.
_EXPORTS = {
    "SCHEMA_VERSION": "export",
    "ExportError": "export",
    "export_run": "export",
    "install": "installer",
    "installed_runs_dir": "installer",
    "declare_metrics": "metrics",
    "log_metric": "metrics",
    "log_metrics": "metrics",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Imports a public name's module when it is first used (after checking curifactory)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'curi_report' has no attribute {name!r}")
    from ._requires import require_curifactory

    require_curifactory()
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value

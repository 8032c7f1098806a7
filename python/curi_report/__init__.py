"""curi_report: export curifactory (Python) runs into curi-report's run format.

``export_run(manager)`` writes ``runs/<reference>/run.json`` (schema version 2) for a finished,
failed or live ArtifactManager; ``install()`` makes every manager export when curifactory
generates its report; ``python3 -m curi_report experiment <name> -p <params>`` runs curifactory's
own experiment CLI with the exporter installed. Build the report with ``curi-report runs/latest``.
"""

from .export import SCHEMA_VERSION, ExportError, export_run
from .install import install, installed_runs_dir
from .metrics import log_metric, log_metrics

__all__ = ["SCHEMA_VERSION", "ExportError", "export_run", "install", "installed_runs_dir", "log_metric", "log_metrics"]
__version__ = "0.1.0"

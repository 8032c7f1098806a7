"""The one requirement curi_report cannot do without: curifactory 0.20 or newer, importable."""

from __future__ import annotations

import re

#: Oldest curifactory the exporter is written for (tested against 0.20.2).
MIN_CURIFACTORY = (0, 20)


def require_curifactory() -> None:
    """Raises ImportError saying what to install when curifactory is missing or too old."""
    try:
        import curifactory
    except ImportError as error:
        raise ImportError(
            "curi_report exports curifactory runs and needs curifactory 0.20 or newer, which is not importable:"
            " install it in this environment (pip install curifactory) or put it on PYTHONPATH"
        ) from error
    version = str(getattr(curifactory, "__version__", "0"))
    found = tuple(int(n) for n in re.findall(r"\d+", version)[:2])
    if found < MIN_CURIFACTORY:
        raise ImportError(
            f"curi_report needs curifactory 0.20 or newer; this one is {version}: upgrade it (pip install -U curifactory)"
        )

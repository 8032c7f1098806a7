"""curifactory reportables -> run.json reportables, one converter per built-in kind.

Built-ins are read from their data (a DataFrame stays a table, a line plot stays data drawn at
build time); anything else (a custom Reportable, or a subclass of a built-in) keeps curifactory's
contract: ``render()`` writes into ``path`` and ``html()`` links to ``reportables/...``; those
files are listed in ``files`` so the report copies them beside its HTML.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

from curifactory import reporting

from .files import ReportableFiles
from .values import _safe_str, json_value, number

#: matplotlib savefig formats a browser shows, and their run.json format name and extension.
FIGURE_FORMATS = {"svg": ("svg", ".svg"), "png": ("png", ".png"), "jpg": ("jpeg", ".jpg"), "jpeg": ("jpeg", ".jpg"), "webp": ("webp", ".webp")}
#: Image file extensions a browser shows, as run.json image formats.
IMAGE_FORMATS = {".svg": "svg", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif", ".webp": "webp"}


class Unconvertible(Exception):
    """Data a built-in converter cannot represent (e.g. a line plot with text x values)."""


def convert(r: Any, files: ReportableFiles) -> tuple[str, dict[str, Any], str | None, list[str]]:
    """(kind, data, file, extra files) of one reportable; raises whatever the data raises."""
    kind = type(r)
    if kind is reporting.HTMLReporter:
        return "html", {"html": _html_text(r.html_string)}, None, []
    if kind is reporting.JsonReporter:
        return "json", {"value": json_value(r.data)}, None, []
    if kind is reporting.DFReporter:
        return "table", table_data(r.df, r.float_prec), None, []
    if kind is reporting.LatexTableReporter:
        return "latex", {"latex": r.df.style.to_latex(**r.kwargs)}, None, []
    if kind is reporting.LinePlotReporter:
        try:
            return "lineplot", lineplot_data(r), None, []
        except Unconvertible:
            return _rendered_figure(r, files)
    if kind is reporting.FigureReporter:
        return _figure(r, files)
    if kind is reporting.ImageReporter:
        return _image(r, files)
    return _custom(r, files)


def _html_text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "".join(_safe_str(v) for v in value)
    return "" if value is None else _safe_str(value)


def _column_type(series: Any) -> str:
    kind = series.dtype.kind
    if kind in "iu":
        return "int"
    if kind == "f":
        return "float"
    if kind == "b":
        return "bool"
    values = [v for v in series.tolist() if v is not None and v == v]
    if all(isinstance(v, str) for v in values):
        return "string"
    if all(isinstance(v, bool) for v in values):
        return "bool"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "int"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "float"
    return "mixed" if kind == "O" else "string"


def _cell(value: Any, column_type: str) -> Any:
    if value is None:
        return None
    if column_type in ("int", "float"):
        if value != value:  # NaN, pd.NA-free: keep it visible as NaN
            return {"$float": "NaN"}
        return number(value)
    if column_type == "bool":
        return bool(value)
    if column_type == "string":
        return _safe_str(value)
    converted = json_value(value)
    return converted if isinstance(converted, (str, int, float, bool, dict)) or converted is None else _safe_str(value)


def table_data(df: Any, float_prec: Any) -> dict[str, Any]:
    """A DataFrame as table data: column types kept (ints stay ints, unlike curifactory's B13)."""
    types = [_column_type(df.iloc[:, i]) for i in range(df.shape[1])]
    columns = [list(df.iloc[:, i].tolist()) for i in range(df.shape[1])]
    rows = [[_cell(columns[c][r], types[c]) for c in range(len(types))] for r in range(df.shape[0])]
    return {
        "columns": [_safe_str(c) for c in df.columns],
        "column_types": types,
        "index": [_safe_str(i) for i in df.index],
        "rows": rows,
        "float_precision": int(float_prec),
    }


def _numbers(values: Any, what: str) -> list[Any]:
    if hasattr(values, "tolist"):
        values = values.tolist()
    out = []
    for v in list(values):
        if v is None:
            out.append(None)
        elif isinstance(v, bool) or not isinstance(v, (int, float)):
            raise Unconvertible(f"{what} holds {type(v).__name__} values")
        else:
            out.append(number(v))
    return out


def _series(name: Any, y: Any, x: Any, kwargs: dict) -> dict[str, Any]:
    ys = _numbers(y, "y")
    xs = None if x is None else _numbers(x, "x")
    if xs is not None and (len(xs) != len(ys) or any(v is None or isinstance(v, dict) for v in xs)):
        raise Unconvertible("x does not give one finite number per y value")
    marker = kwargs.get("marker")
    linestyle = kwargs.get("linestyle", kwargs.get("ls"))
    return {
        "name": None if name is None else _safe_str(name),
        "y": ys,
        "x": xs,
        "marker": None if marker in (None, "", "None") else _safe_str(marker),
        "linestyle": None if linestyle in (None, "") else _safe_str(linestyle),
    }


def lineplot_data(r: Any) -> dict[str, Any]:
    """LinePlotReporter's data: one series per dict key (its legend label), or one series."""
    kwargs = dict(r.plot_kwargs or {})
    label = kwargs.get("label")
    if isinstance(r.y, dict):
        xs = r.x if isinstance(r.x, dict) else {}
        series = [_series(key, r.y[key], xs.get(key) if r.x is not None else None, kwargs) for key in r.y]
    else:
        series = [_series(label, r.y, r.x, kwargs)]
    if not series:
        raise Unconvertible("the plot has no lines")
    return {"title": None, "x_label": None, "y_label": None, "series": series}


def _figure(r: Any, files: ReportableFiles) -> tuple[str, dict, str, list[str]]:
    """A matplotlib figure saved as SVG (unless a browser format was asked for)."""
    kwargs = dict(r.kwargs)
    asked = str(kwargs.get("format") or "svg").lower()
    fmt, ext = FIGURE_FORMATS.get(asked, FIGURE_FORMATS["svg"])
    kwargs["format"] = "jpeg" if fmt == "jpeg" else fmt
    rel, path = files.claim(r.qualified_name, ext)
    r.fig.savefig(path, **kwargs)
    return "figure", {"format": fmt, "alt": None}, rel, []


def _rendered_figure(r: Any, files: ReportableFiles) -> tuple[str, dict, str, list[str]]:
    """A line plot whose data is not numbers: curifactory's own PNG, drawn by its render()."""
    import tempfile

    saved = (r.path, dict(r.savefig_kwargs))
    with tempfile.TemporaryDirectory() as tmp:
        r.path = tmp
        r.render()
        fmt_asked = str(r.savefig_kwargs.get("format", "png")).lower()
        produced = os.path.join(tmp, f"{r.qualified_name}.{fmt_asked}")
        fmt, ext = FIGURE_FORMATS.get(fmt_asked, ("png", ".png"))
        rel, path = files.claim(r.qualified_name, ext)
        shutil.copyfile(produced, path)
    r.path, r.savefig_kwargs = saved[0], saved[1]
    return "figure", {"format": fmt, "alt": None}, rel, []


def _image(r: Any, files: ReportableFiles) -> tuple[str, dict, str, list[str]]:
    """ImageReporter: the image it copied into the cache (or its source), converted to PNG when
    a browser cannot show its format (e.g. TIFF)."""
    source = r.cache_path if getattr(r, "copied", False) and r.cache_path and os.path.exists(r.cache_path) else r.image_path
    ext = os.path.splitext(str(r.image_path))[1].lower()
    fmt = IMAGE_FORMATS.get(ext)
    if fmt is None:
        from PIL import Image

        rel, path = files.claim(r.qualified_name, ".png")
        with Image.open(source) as image:
            image.save(path, format="PNG")
        fmt = "png"
    else:
        rel, path = files.claim(r.qualified_name, ".jpg" if fmt == "jpeg" else f".{fmt}")
        shutil.copyfile(source, path)
    return "image", {"format": fmt, "alt": None, "source_name": os.path.basename(str(r.image_path))}, rel, []


def _custom(r: Any, files: ReportableFiles) -> tuple[str, dict, None, list[str]]:
    """Any other reportable: its render() writes under reportables/, its html() is kept."""
    saved = r.path
    before = files.snapshot()
    try:
        r.path = files.dir
        r.render()
        written = files.written_since(before)
        r.path = "reportables"
        html = _html_text(r.html())
    finally:
        r.path = saved
    return "html", {"html": html}, None, written

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
from .lineplots import Unconvertible, lineplot_data
from .tables import table_data
from .values import json_value, safe_str

#: matplotlib savefig formats a browser shows, and their run.json format name and extension.
FIGURE_FORMATS = {"svg": ("svg", ".svg"), "png": ("png", ".png"), "jpg": ("jpeg", ".jpg"), "jpeg": ("jpeg", ".jpg"), "webp": ("webp", ".webp")}
#: Image file extensions a browser shows, as run.json image formats.
IMAGE_FORMATS = {".svg": "svg", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif", ".webp": "webp"}


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
        return "".join(safe_str(v) for v in value)
    return "" if value is None else safe_str(value)


def _figure(r: Any, files: ReportableFiles) -> tuple[str, dict, str, list[str]]:
    """A matplotlib figure saved as SVG (unless a browser format was asked for)."""
    kwargs = dict(r.kwargs)
    asked = str(kwargs.get("format") or "svg").lower()
    fmt, ext = FIGURE_FORMATS.get(asked, FIGURE_FORMATS["svg"])
    kwargs["format"] = "jpeg" if fmt == "jpeg" else fmt
    rel, path = files.claim(r.qualified_name, ext)
    try:
        r.fig.savefig(path, **kwargs)
    except BaseException:
        if os.path.exists(path):
            os.remove(path)  # a half-written figure is no file of the run
        raise
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
    source = _image_source(r)
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


def _image_source(r: Any) -> str:
    """Where an ImageReporter's bytes are. Its render() copies the image into the cache, at
    ``record.get_path(qualified_name + ext)`` of its stage, but curifactory pickles reportables
    for a cached re-run before any render(): the reloaded one says ``copied=False``. When the
    image it names is gone since, the copy of the earlier run is in the cache: use it."""
    if getattr(r, "copied", False) and r.cache_path and os.path.exists(r.cache_path):
        return r.cache_path
    if os.path.exists(r.image_path) or r.record is None:
        return r.image_path
    ext = os.path.splitext(str(r.image_path))[1]
    cached = r.record.get_path(f"{r.qualified_name}{ext}", stage_name=r.stage, track=False)
    return cached if os.path.isfile(cached) else r.image_path


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

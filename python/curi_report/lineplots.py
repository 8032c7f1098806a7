"""LinePlotReporter -> run.json line plot data: one series per line curifactory would draw, with
the colour matplotlib gives that line (the user's ``axes.prop_cycle`` and ``plot_kwargs``), so the
plot in the report matches the one in the user's notebook."""

from __future__ import annotations

from typing import Any

from .values import MAX_VALUES, number, safe_str

#: Points of one line a run keeps; a longer line keeps curifactory's own picture of the plot.
MAX_POINTS = MAX_VALUES


class Unconvertible(Exception):
    """Data a built-in converter cannot represent (e.g. a line plot with text x values)."""


def _numbers(values: Any, what: str) -> list[Any]:
    if hasattr(values, "tolist"):
        values = values.tolist()
    values = list(values)
    if len(values) > MAX_POINTS:
        raise Unconvertible(f"{what} holds {len(values):,} values, more than the {MAX_POINTS:,} a run keeps of a line")
    out = []
    for v in values:
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
        "name": None if name is None else safe_str(name),
        "y": ys,
        "x": xs,
        "marker": None if marker in (None, "", "None") else safe_str(marker),
        "linestyle": None if linestyle in (None, "") else safe_str(linestyle),
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
    for line, color in zip(series, matplotlib_colors(r, len(series))):
        if color is not None:
            line["color"] = color
    return {"title": None, "x_label": None, "y_label": None, "series": series}


#: One matplotlib Axes for every plot's colours (see matplotlib_colors): making a Figure and an
#: Axes per plot cost ~15 ms each, 83 % of exporting a 200-record run with a line plot a record.
_AXES: list[Any] = []


def _blank_axes() -> Any:
    """The shared Axes, its lines removed and its colour cycle restarted from the rcParams now in
    force, as a new Axes would start (``set_prop_cycle(None)``)."""
    if not _AXES:
        from matplotlib.figure import Figure

        _AXES.append(Figure().add_subplot())
    axes = _AXES[0]
    for line in list(axes.lines):
        line.remove()
    axes.set_prop_cycle(None)
    return axes


def matplotlib_colors(r: Any, count: int) -> list[str | None]:
    """The colour matplotlib gives each line of ``r`` (``#rrggbb``), found by making the same
    ``plot()`` calls as LinePlotReporter.render(), without data, on an Axes nobody draws whose
    colour cycle starts afresh: the user's rcParams ``axes.prop_cycle`` (a style sheet too) and a
    ``color`` in ``plot_kwargs`` decide it as they do in curifactory's picture. None for each line
    when matplotlib refuses the calls (curifactory's own render() would fail the same way)."""
    try:
        from matplotlib.colors import to_hex

        axes = _blank_axes()
        kwargs = dict(r.plot_kwargs or {})
        keys = list(r.y) if isinstance(r.y, dict) else [None]
        lines = []
        for key in keys:
            lines.extend(axes.plot([], [], **kwargs) if key is None else axes.plot([], [], label=key, **kwargs))
        colors = [to_hex(line.get_color()) for line in lines]
    except Exception:  # noqa: BLE001 -- the renderer's own colours are the fallback
        return [None] * count
    return colors if len(colors) == count else [None] * count

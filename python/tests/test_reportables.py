"""Each built-in reportable kind and a custom one, converted from real curifactory objects."""

import math
import os

import curifactory as cf
import matplotlib
import matplotlib.pyplot as plt
from cycler import cycler
from matplotlib.colors import to_hex
from curifactory import reporting as rp
from PIL import Image

import curi_report
from conftest import strict_json


class Custom(rp.Reportable):
    def render(self):
        with open(os.path.join(self.path, f"{self.qualified_name}.txt"), "w") as out:
            out.write("hello")

    def html(self):
        return f"<a href='{self.path}/{self.qualified_name}.txt'>text</a>"


def export(manager, stage_body):
    @cf.stage(inputs=None, outputs=[])
    def go(record):
        stage_body(record)

    go(cf.Record(manager, None))
    run = strict_json(os.path.join(curi_report.export_run(manager, "runs"), "run.json"))
    return {r["name"]: r for r in run["reportables"]}, os.path.join("runs", manager.get_reference_name())


def test_line_plots_keep_labels_markers_and_non_finite_values(manager, project):
    def body(record):
        record.report(rp.LinePlotReporter(y={"a": [1, math.nan], "b": [math.inf, 2]}, x={"a": [0, 1], "b": [0, 1]}, plot_kwargs={"marker": "^", "ls": ":"}, name="two"))
        record.report(rp.LinePlotReporter(y=[3, 4], plot_kwargs={"label": "solo"}, name="one"))
        record.report(rp.LinePlotReporter(y=[1, 2], x=["mon", "tue"], name="words"))

    found, folder = export(manager, body)
    two = found["two"]["data"]["series"]
    assert [s["name"] for s in two] == ["a", "b"]
    assert two[0] == {"name": "a", "y": [1, {"$float": "NaN"}], "x": [0, 1], "marker": "^", "linestyle": ":", "color": "#1f77b4"}
    assert two[1]["y"][0] == {"$float": "Infinity"}
    assert found["one"]["data"]["series"][0]["name"] == "solo"
    words = found["words"]
    assert (words["kind"], words["data"]["format"]) == ("figure", "png")
    assert os.path.getsize(os.path.join(folder, words["file"])) > 0


def test_figures_images_and_custom_files(manager, project):
    Image.new("RGB", (4, 4)).save(project / "pic.bmp")
    Image.new("RGB", (4, 4)).save(project / "pic.gif")

    def body(record):
        fig, ax = plt.subplots()
        ax.plot([1, 2])
        record.report(rp.FigureReporter(fig, name="vector"))
        record.report(rp.FigureReporter(fig, name="pdf", format="pdf"))
        plt.close(fig)
        record.report(rp.ImageReporter(str(project / "pic.bmp"), name="bmp"))
        record.report(rp.ImageReporter(str(project / "pic.gif"), name="gif"))
        record.report(Custom(name="custom"))

    found, folder = export(manager, body)
    assert (found["vector"]["data"]["format"], found["pdf"]["data"]["format"]) == ("svg", "svg")
    with open(os.path.join(folder, found["vector"]["file"]), encoding="utf-8") as svg:
        assert "<svg" in svg.read()
    assert found["bmp"]["data"] == {"format": "png", "alt": None, "source_name": "pic.bmp"}
    assert found["gif"]["file"].endswith(".gif")
    custom = found["custom"]
    assert custom["kind"] == "html" and custom["files"] == ["reportables/go_custom.txt"]
    assert "href='reportables/go_custom.txt'" in custom["data"]["html"]
    with open(os.path.join(folder, "reportables", "go_custom.txt")) as text:
        assert text.read() == "hello"


def test_line_colours_are_the_ones_matplotlib_draws(manager, project):
    """Issue 20 point 7: from the third series on the report used its own palette. Each series
    now carries the colour matplotlib gives that line: its default cycle (tab10), a colour in
    plot_kwargs, or the user's rcParams prop_cycle (in force when curifactory renders the plot)."""
    four = {k: [i, i + 1] for i, k in enumerate("abcd")}
    user_cycle = {"axes.prop_cycle": cycler(color=["#000000", "#abcdef"])}

    @cf.stage(inputs=None, outputs=[])
    def plots(record):
        record.report(rp.LinePlotReporter(y=four, name="default"))
        record.report(rp.LinePlotReporter(y=four, plot_kwargs={"color": "xkcd:salmon"}, name="fixed"))
        record.report(rp.LinePlotReporter(y=four, name="again"))

    plots(cf.Record(manager, None))
    found = {r["name"]: r for r in strict_json(os.path.join(curi_report.export_run(manager, "runs"), "run.json"))["reportables"]}
    with matplotlib.rc_context(user_cycle):
        styled = strict_json(os.path.join(curi_report.export_run(manager, "runs"), "run.json"))["reportables"][0]

    def colours(r):
        return [s["color"] for s in r["data"]["series"]]

    assert colours(found["default"]) == ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"]
    assert colours(found["fixed"]) == [to_hex("xkcd:salmon")] * 4
    # Each plot's cycle starts afresh, as each of curifactory's pictures does: none carries on from the last.
    assert colours(found["again"]) == colours(found["default"])
    assert colours(styled) == ["#000000", "#abcdef", "#000000", "#abcdef"]

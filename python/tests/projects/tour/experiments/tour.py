"""Every reportable kind, an aggregate, make_copy (also add_to_manager=False), metrics and
non-finite numbers: the experiment curi-report's exporter is tested against."""

import math
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from PIL import Image  # noqa: E402

import curifactory as cf  # noqa: E402
import curi_report  # noqa: E402
from curifactory import reporting as rp  # noqa: E402
from curifactory.caching import PickleCacher  # noqa: E402
from params.tour import Params  # noqa: E402


class Gallery(rp.Reportable):
    """A custom reportable whose render() writes two files that its html() links to."""

    def __init__(self, values, name=None, group=None):
        self.values = list(values)
        super().__init__(name=name, group=group)

    def render(self):
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.bar(range(len(self.values)), self.values)
        fig.savefig(os.path.join(self.path, f"{self.qualified_name}_bars.png"))
        plt.close(fig)
        with open(os.path.join(self.path, f"{self.qualified_name}.csv"), "w") as out:
            out.write("i,value\n" + "".join(f"{i},{v}\n" for i, v in enumerate(self.values)))

    def html(self):
        return [
            "<p>Gallery of <b>bars</b></p>",
            f"<img src='{self.path}/{self.qualified_name}_bars.png' alt='bars'>",
            f"<p><a href='{self.path}/{self.qualified_name}.csv'>values.csv</a></p>",
        ]


class GuideFigure(rp.Reportable):
    """curifactory's user guide's custom reportable, as written there: no separator after
    ``self.path``, so its image lands beside ``reportables/`` (issue 20 point 2)."""

    def __init__(self, fig, name=None, group=None):
        self.fig = fig
        super().__init__(name=name, group=group)

    def render(self):
        self.fig.savefig(f"{self.path}{self.name}.png")

    def html(self):
        return f"<img src='{self.path}{self.name}.png'>"


@cf.stage(inputs=None, outputs=["frame", "curve"], cachers=[PickleCacher, PickleCacher])
def make_data(record):
    p = record.params
    rng = np.random.default_rng(int(p.seed) + p.n)
    frame = pd.DataFrame(
        {
            "step": np.arange(p.n),
            "value": rng.normal(size=p.n),
            "label": [f"row<{i}>" for i in range(p.n)],
            "even": [i % 2 == 0 for i in range(p.n)],
        }
    )
    frame.loc[1, "value"] = np.nan
    frame.loc[2, "value"] = np.inf
    curve = [1.0 / (i + 1) for i in range(p.n)]
    record.report(rp.DFReporter(frame.head(6), name="frame", float_prec=3, group="data"))
    record.report(
        rp.JsonReporter(
            {"nan": math.nan, "inf": math.inf, "ninf": -math.inf, "pair": (1, 2), "np": np.float32(0.5), "text": "a<b & café"},
            name="summary",
            group="data",
        )
    )
    record.report(rp.HTMLReporter("<h2>Hello</h2>" + "<p>line</p>" * 30 + "<script>parent.document.title='pwned'</script>", name="html"))
    record.report(rp.HTMLReporter(["<b>unnamed</b>", " list form"]))
    return frame, curve


@cf.stage(inputs=["frame", "curve"], outputs=["model"])
def fit(record, frame, curve):
    p = record.params
    losses = [1.0 / (i + 1) + p.rate for i in range(8)]
    losses[3] = math.nan
    record.report(
        rp.LinePlotReporter(
            y={"train": losses, "test": [v * 1.1 for v in losses]}, plot_kwargs={"marker": "o", "linestyle": "--"}, name="curves"
        )
    )
    record.report(rp.LinePlotReporter(y=np.array(curve), x=np.arange(len(curve)) * 2, name="single", plot_kwargs={"label": "curve"}))
    record.report(rp.LinePlotReporter(y=[1, 2, 3], x=["a", "b", "c"], name="text_x"))
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot(curve)
    record.report(rp.FigureReporter(fig, name="fig_svg"))
    record.report(rp.FigureReporter(fig, name="fig_jpg", format="jpg"))
    plt.close(fig)
    record.report(rp.LatexTableReporter(frame.head(3), name="latex"))
    for ext in ("png", "gif", "webp", "jpg", "bmp"):
        path = record.get_path(f"swatch.{ext}")
        Image.new("RGB", (24, 12), (200, 40, 90)).save(path)
        record.report(rp.ImageReporter(path, name=f"image_{ext}", group="images"))
    record.report(Gallery(curve[:5], name="gallery"))
    record.report(rp.JsonReporter({"first": 1}, name="dup"))
    record.report(rp.JsonReporter({"second": 2}, name="dup"))
    accuracy = 0.9 - p.rate
    curi_report.log_metric(record, "accuracy", accuracy)
    for step, loss in enumerate(losses):
        curi_report.log_metric(record, "loss", loss, step=step)
    curi_report.log_metrics(record, {"worst": -math.inf, "rate": p.rate})
    return {"accuracy": accuracy}


@cf.aggregate(inputs=["model"], outputs=["scores"])
def compare(record, records, model):
    scores = {r.params.name if r.params is not None else "None": m["accuracy"] for r, m in model.items()}
    record.report(rp.JsonReporter(scores, name="scores"))
    record.report(rp.LinePlotReporter(y={k: [v, v * 2] for k, v in scores.items()}, name="score_lines"))
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.bar(range(len(scores)), list(scores.values()))
    record.report(GuideFigure(fig, name="guide"))
    plt.close(fig)
    curi_report.log_metric(record.manager, "best", max(scores.values()))
    return scores


def run(param_sets, manager):
    records = []
    for p in param_sets:
        records.append(fit(make_data(cf.Record(manager, p))))
    copied = records[0].make_copy(Params(name="copied", n=12))
    records.append(fit(copied))
    hidden = records[1].make_copy(add_to_manager=False)
    fit(hidden)
    compare(cf.Record(manager, None), records)

"""Fit polynomials of several degrees to a noisy sine and compare them.

The example behind docs/from-curifactory.md: a plain curifactory 0.20.2 experiment that knows
nothing of curi-report. Run it with `python3 -m curi_report experiment sine -p sine`.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import curifactory as cf  # noqa: E402
from curifactory import reporting as rp  # noqa: E402
from curifactory.caching import PandasCsvCacher, PickleCacher  # noqa: E402


@cf.stage(inputs=None, outputs=["samples"], cachers=[PandasCsvCacher])
def sample(record):
    p = record.params
    rng = np.random.default_rng(p.seed)
    x = np.linspace(0, 2 * np.pi, p.samples)
    frame = pd.DataFrame({"x": x, "y": np.sin(x) + rng.normal(scale=p.noise, size=p.samples)})
    record.report(rp.DFReporter(frame.describe(), name="describe", float_prec=3))
    return frame


@cf.stage(inputs=["samples"], outputs=["coefficients", "error"], cachers=[PickleCacher, PickleCacher])
def fit(record, samples):
    coefficients = np.polyfit(samples.x, samples.y, record.params.degree)
    fitted = np.polyval(coefficients, samples.x)
    error = float(np.sqrt(np.mean((fitted - np.sin(samples.x)) ** 2)))
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.scatter(samples.x, samples.y, s=6, label="samples")
    ax.plot(samples.x, fitted, color="C1", label=f"degree {record.params.degree}")
    ax.legend()
    record.report(rp.FigureReporter(fig, name="fit"))
    plt.close(fig)
    record.report(rp.JsonReporter({"rmse": error, "coefficients": coefficients}, name="result", group="results"))
    return coefficients, error


@cf.aggregate(inputs=["error"], outputs=["ranking"])
def compare(record, records, error):
    ranking = {r.params.name: e for r, e in sorted(error.items(), key=lambda item: item[1])}
    record.report(rp.JsonReporter(ranking, name="ranking", group="results"))
    record.report(rp.LinePlotReporter(y={name: [e] * 2 for name, e in ranking.items()}, name="errors"))
    record.report(rp.HTMLReporter(f"<p>Best fit: <b>{next(iter(ranking))}</b></p>", name="best"))
    return ranking


def run(param_sets, manager):
    records = [fit(sample(cf.Record(manager, p))) for p in param_sets]
    compare(cf.Record(manager, None), records)

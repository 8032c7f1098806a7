"""Notebook-style use of curi_report, cell by cell as in Jupyter, never through curifactory's CLI:
a live ArtifactManager runs curifactory's own iris stages (examples/experiments/iris.py, imported
from the example project this file is copied into), then ``export_run`` exports it as it stands.
Run by test/python/examples.test.ts."""

import curifactory as cf
from experiments.iris import Params, load_data, test_models, train_model
from sklearn.linear_model import LogisticRegression

import curi_report

# Cell 1: a live manager, as a notebook makes one.
manager = cf.ArtifactManager("notebook")

# Cell 2: the example's stages on two parameter sets of our own, then its aggregate.
records = [
    train_model(load_data(cf.Record(manager, Params(name=f"nb_lr_{seed}", model_type=LogisticRegression, seed=seed))))
    for seed in (3, 4)
]
test_models(cf.Record(manager, None), records)
curi_report.log_metric(manager, "records", len(manager.records))

# Cell 3: export what the notebook holds now (no generate_report, no CLI).
print(curi_report.export_run(manager))

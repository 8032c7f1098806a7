"""Offline stand-in for scikit-learn's ``fetch_20newsgroups_vectorized``, for the end-to-end test
of curifactory's own ``newsgroups`` example (test/python/examples.test.ts), which downloads the
20 newsgroups data set: this machine has no network. Python imports this file at start-up when
its folder is on PYTHONPATH, which that test sets for that one run only.

Same shape as the real data: a Bunch whose ``data`` is a sparse CSR matrix of word weights (rows:
posts, 500 columns, as many as the example keeps) and whose ``target`` holds one of 20 labels per
post; smaller (600 posts), so the example's five MLPs train in a moment. Seeded: same data each run.
"""

import numpy as np
import scipy.sparse
import sklearn.datasets
from sklearn.utils import Bunch


def fetch_20newsgroups_vectorized(*args, **kwargs):
    rng = np.random.default_rng(20)
    target = rng.integers(0, 20, size=600)
    data = scipy.sparse.random(600, 500, density=0.05, format="csr", random_state=20, dtype=np.float64)
    # Tie a few columns to the label, so the classifiers learn something, as on the real posts.
    data = (data + scipy.sparse.csr_matrix((np.ones(600), (np.arange(600), target)), shape=(600, 500))).tocsr()
    names = [f"newsgroup.{i}" for i in range(20)]
    return Bunch(data=data, target=target, target_names=names, DESCR="offline stand-in (curi-report tests)")


sklearn.datasets.fetch_20newsgroups_vectorized = fetch_20newsgroups_vectorized

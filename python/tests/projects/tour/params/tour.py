"""Parameter sets of every awkward type curifactory users write."""

from dataclasses import dataclass, field

import numpy as np

import curifactory as cf


@dataclass
class Inner:
    depth: int = 2
    rate: float = 0.5


def square(x):
    return x * x


@dataclass
class Params(cf.ExperimentParameters):
    n: int = 12
    rate: float = 0.1
    shape: tuple = (3, 4)
    weights: np.ndarray = field(default_factory=lambda: np.array([0.25, 0.5, 0.25]))
    fn: object = square
    inner: Inner = field(default_factory=Inner)
    tags: list = field(default_factory=lambda: ["a", "b"])
    not_a_number: float = float("nan")
    ceiling: float = float("inf")
    keyed: dict = field(default_factory=lambda: {1: "one", "two": 2.0})
    seed: np.int64 = np.int64(7)
    label: str = "it's <b>bold</b> & café"
    gpus: int = 1
    hash_representations: dict = cf.set_hash_functions(gpus=None)


def get_params():
    return [Params(name="baseline"), Params(name="wide", n=16, rate=0.2, shape=(5,), gpus=4)]

"""A small grid: two learning rates over two decades, two weight decays, three seeds each."""

from dataclasses import dataclass

import curifactory as cf


@dataclass
class Params(cf.ExperimentParameters):
    lr: float = 0.01
    weight_decay: float = 0.0
    seed: int = 0


def get_params():
    return [
        Params(name=f"lr{lr}_wd{wd}_s{seed}", lr=lr, weight_decay=wd, seed=seed)
        for lr in (0.001, 0.1)
        for wd in (0.0, 0.01)
        for seed in (0, 1, 2)
    ]

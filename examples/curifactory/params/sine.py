from dataclasses import dataclass

import curifactory as cf


@dataclass
class Params(cf.ExperimentParameters):
    degree: int = 3
    noise: float = 0.1
    samples: int = 60
    seed: int = 1


def get_params():
    return [Params(name="cubic", degree=3), Params(name="quintic", degree=5), Params(name="noisy", degree=3, noise=0.4)]

from dataclasses import dataclass

import curifactory as cf


@dataclass
class Params(cf.ExperimentParameters):
    size: int = 5


def get_params():
    return [Params(name="one", size=3), Params(name="two", size=6)]

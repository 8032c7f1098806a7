"""A sweep whose truth is known: accuracy depends strongly on lr, a little on weight decay, and
the seed adds noise. Each record logs its accuracy through curi_report's log_metric."""

import math
import random

import curifactory as cf

from curi_report import log_metric


@cf.stage(inputs=None, outputs=["accuracy"])
def train(record):
    p = record.params
    noise = random.Random(p.seed).gauss(0, 0.002)
    accuracy = 0.9 - 0.1 * abs(math.log10(p.lr) + 1) - 2 * p.weight_decay + noise
    log_metric(record, "accuracy", accuracy)
    return accuracy


def run(param_sets, manager):
    for p in param_sets:
        train(cf.Record(manager, p))

"""A document's mean tone without numpy equals numpy's, bit for bit."""

from __future__ import annotations

import random

import numpy as np

from newstone.corpus.batch import numpy_sum, tone_aggregates


def _reference(compounds):
    values = np.asarray(compounds, dtype="float64")
    n = len(compounds)
    if n == 0:
        return 0.0, 0.0, 0.0, 0.0
    negative = int((values <= -0.05).sum())
    positive = int((values >= 0.05).sum())
    return float(values.sum() / n), negative / n, (n - negative - positive) / n, positive / n


def _lists():
    rng = random.Random(16)
    special = [1e16, -1e16, 1.0, -0.0, 0.0, 0.1, 3e-17, -1.5, -0.05, 0.05, 0.0499, -0.0501]
    for t in range(30000):
        n = rng.randint(0, 300) if t % 10 == 0 else rng.randint(0, 140)
        kind = t % 3
        if kind == 0:
            yield [round(rng.uniform(-1, 1), 4) for _ in range(n)]
        elif kind == 1:
            yield [rng.choice(special) for _ in range(n)]
        else:
            yield [rng.uniform(-1, 1) * 10 ** rng.randint(-20, 20) for _ in range(n)]
    yield [-0.0] * 9
    yield [1, 2, 3]  # ints from an odd scorer


def test_sum_and_aggregates_equal_numpy_bit_for_bit():
    for values in _lists():
        expected = float(np.asarray(values, dtype="float64").sum())
        assert repr(numpy_sum(values)) == repr(expected), values
        assert [repr(x) for x in tone_aggregates(values)] == [repr(x) for x in _reference(values)], values

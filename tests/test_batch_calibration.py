"""Calibrated compounds through the per-process memory equal numpy's direct application, bit for bit."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np

from newstone.corpus import batch
from newstone.tone.calibrate import load_calibrations


def direct(calibration, raw):
    return [round(c, 4) for c in calibration.apply(raw).tolist()]


def same_bits(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(x == y and math.copysign(1, x) == math.copysign(1, y) for x, y in zip(a, b))


def test_every_scorer_calibration_equals_the_direct_map():
    rng = random.Random(3)
    for name, calibration in load_calibrations().items():
        for _ in range(3):  # later batches mostly hit the memory
            raw = [round(rng.uniform(-1, 1), 4) for _ in range(3000)] + [0.0, -0.0, 1.0, -1.0, 0.9999, -0.0001]
            rng.shuffle(raw)
            assert same_bits(batch.calibrated_compounds(calibration, raw), direct(calibration, raw)), name
        assert batch.calibrated_compounds(calibration, []) == []


def test_a_full_memory_is_emptied_and_stays_exact(monkeypatch):
    monkeypatch.setattr(batch, "_CALIBRATED_VALUES", 50)
    calibration = load_calibrations()["vader"]
    rng = random.Random(5)
    for _ in range(5):
        raw = [round(rng.uniform(-1, 1), 2) for _ in range(40)]
        assert same_bits(batch.calibrated_compounds(calibration, raw), direct(calibration, raw))
        assert len(batch._calibration_memory(calibration)) <= 50


@dataclass(frozen=True)
class SignedZero:
    """A calibration that keeps the sign of zero: a dict keyed by floats cannot."""

    def apply(self, raw):
        return np.asarray(list(raw), dtype=float) * 0.5


@dataclass
class Unhashable:
    def apply(self, raw):
        return np.asarray(list(raw), dtype=float) * 0.25


def test_sign_of_zero_nan_and_unhashable_calibrations_go_the_direct_way():
    raw = [0.0, -0.0, 0.5, -0.5, 0.0]
    assert same_bits(batch.calibrated_compounds(SignedZero(), raw), [0.0, -0.0, 0.25, -0.25, 0.0])
    assert batch._calibration_memory(SignedZero()) is None
    assert same_bits(batch.calibrated_compounds(Unhashable(), raw), [0.0, -0.0, 0.125, -0.125, 0.0])
    calibration = load_calibrations()["vader"]
    with_nan = [0.5, float("nan"), -0.25]
    got = batch.calibrated_compounds(calibration, with_nan)
    want = direct(calibration, with_nan)
    assert got[0] == want[0] and got[2] == want[2] and math.isnan(got[1]) == math.isnan(want[1])

"""One tone scale for every scorer: a monotone map from a scorer's own compound to people's.

Why: scorers spread their compounds differently (VADER's reach +-0.9 on a mild sentence, the
trained heads crowd around zero), so a fixed +-0.05 neutral band and words such as "slightly
negative" meant different things for each.  For every scorer an isotonic regression
(scikit-learn) maps its raw compound to the people's mean rating / 4, fitted on the training
split of the VADER-format snippets only (each dataset weighing the same); then the scorer's own
neutral band ``b`` (chosen on the same training split to agree best with people's neutral,
a mean rating within +-0.2 of 0 on -4..4) is stretched linearly onto +-0.05.  Every calibrated
compound is therefore read the same way: below -0.05 people would call it negative, above +0.05
positive, and otherwise neutral; clipped to -1..1.  The knots live in ``data/calibration.json``
(`python -m newstone.evaluate.train --only calibration`); applying them needs numpy only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Sequence

import numpy as np

CALIBRATION_FILE = "calibration.json"
SHARED_BAND = 0.05  # the neutral band on the calibrated scale, for every scorer
PEOPLE_NEUTRAL = 0.05  # people's neutral: |mean rating / 4| below this
BAND_GRID = tuple(round(0.005 * k, 3) for k in range(1, 61))  # candidate bands, 0.005 .. 0.30


@dataclass(frozen=True)
class Calibration:
    """An increasing piecewise-linear map (centred isotonic knots) and the scorer's neutral band on it."""

    scorer: str
    x: tuple[float, ...]
    y: tuple[float, ...]
    band: float
    fitted_on: str = ""

    def expected_rating(self, raw: Iterable[float]) -> np.ndarray:
        """People's expected mean rating / 4 for raw compounds (flat beyond the end knots)."""
        return np.interp(np.asarray(list(raw), dtype=float), self.x, self.y)

    def apply(self, raw: Iterable[float]) -> np.ndarray:
        """Calibrated compounds: the expected rating with the band stretched onto +-0.05."""
        return stretch_band(self.expected_rating(raw), self.band)

    def raw_band(self) -> tuple[float, float]:
        """The raw compounds between which this scorer's sentences read neutral."""
        xs = np.linspace(min(self.x), max(self.x), 4001)
        inside = xs[np.abs(self.expected_rating(xs)) < self.band]
        if inside.size == 0:
            return (0.0, 0.0)
        return (float(inside.min()), float(inside.max()))

    def to_json(self) -> dict[str, Any]:
        return {"x": [round(v, 5) for v in self.x], "y": [round(v, 5) for v in self.y],
                "band": self.band, "fitted_on": self.fitted_on}


def stretch_band(values: np.ndarray, band: float, shared: float = SHARED_BAND) -> np.ndarray:
    """Map [-band, band] linearly onto [-shared, shared] and the rest onto the remaining range."""
    v = np.clip(np.asarray(values, dtype=float), -1.0, 1.0)
    a = np.abs(v)
    inner = a * (shared / band)
    outer = shared + (a - band) * (1.0 - shared) / (1.0 - band)
    return np.clip(np.sign(v) * np.where(a < band, inner, outer), -1.0, 1.0)


def fit_calibration(scorer: str, raw: Sequence[float], ratings: Sequence[float],
                    weights: Sequence[float] | None = None, fitted_on: str = "") -> Calibration:
    """Isotonic raw compound -> rating / 4, then the band that agrees best with people's neutral."""
    from sklearn.isotonic import IsotonicRegression

    x = np.asarray(raw, dtype=float)
    target = np.asarray(ratings, dtype=float) / 4.0
    w = None if weights is None else np.asarray(weights, dtype=float)
    iso = IsotonicRegression(y_min=-1.0, y_max=1.0, increasing=True, out_of_bounds="clip").fit(x, target, sample_weight=w)
    knots_x, knots_y = centred_knots(iso.X_thresholds_, iso.y_thresholds_)
    cal = Calibration(scorer, knots_x, knots_y, SHARED_BAND)
    band = choose_band(cal.expected_rating(x), target, w)
    return Calibration(scorer, cal.x, cal.y, band, fitted_on)


def centred_knots(xs: Sequence[float], ys: Sequence[float]) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """One knot per isotonic block, at the block's centre ("centred isotonic regression"):
    strictly increasing between the end knots, so no range of raw scores collapses onto one
    calibrated value and ties keep their order."""
    out_x: list[float] = []
    out_y: list[float] = []
    i = 0
    while i < len(xs):
        j = i
        while j + 1 < len(xs) and ys[j + 1] == ys[i]:
            j += 1
        out_x.append(float((xs[i] + xs[j]) / 2.0))
        out_y.append(float(ys[i]))
        i = j + 1
    return tuple(out_x), tuple(out_y)


def _classes(values: np.ndarray, band: float) -> np.ndarray:
    return np.where(values >= band, 2, np.where(values <= -band, 0, 1))


def choose_band(expected: np.ndarray, target: np.ndarray, weights: np.ndarray | None = None) -> float:
    """The band on the expected-rating scale with the best macro-F1 against people's classes."""
    from sklearn.metrics import f1_score

    people = _classes(np.where(np.abs(target) < PEOPLE_NEUTRAL, 0.0, target), PEOPLE_NEUTRAL)
    scores = [f1_score(people, _classes(expected, b), labels=[0, 1, 2], average="macro", sample_weight=weights,
                       zero_division=0) for b in BAND_GRID]
    return float(BAND_GRID[int(np.argmax(scores))])


def calibrations_json(calibrations: Iterable[Calibration], **extra: Any) -> dict[str, Any]:
    return {"format": "newstone-calibration/1", **extra, "scorers": {c.scorer: c.to_json() for c in calibrations}}


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Any]:
    ref = resources.files("newstone").joinpath("data", CALIBRATION_FILE)
    return json.loads(ref.read_text(encoding="utf-8")) if ref.is_file() else {}


def load_calibrations(spec: dict[str, Any] | None = None) -> dict[str, Calibration]:
    """The shipped calibrations by scorer name ({} when the artefact is absent)."""
    spec = _shipped() if spec is None else spec
    return {name: Calibration(name, tuple(c["x"]), tuple(c["y"]), float(c["band"]), c.get("fitted_on", ""))
            for name, c in spec.get("scorers", {}).items()}


class CalibratedScorer:
    """A scorer whose sentence compounds are on the shared scale; neg/neu/pos stay the scorer's own.

    Tone about an actor from a target-aware scorer is left as it is: it is already placed so that
    +-0.05 gives the most likely class (`scorers.target_compound`)."""

    def __init__(self, raw: Any, calibration: Calibration | None):
        self.raw = raw
        self.name = raw.name
        self.calibration = calibration
        self.note: str | None = None  # set when this scorer stands in for one not installed
        if hasattr(raw, "target_scores_many"):
            self.target_scores_many = raw.target_scores_many

    def _map(self, rows: list[dict[str, float]]) -> list[dict[str, float]]:
        if self.calibration is None or not rows:
            return rows
        mapped = self.calibration.apply(r["compound"] for r in rows)
        return [{**r, "compound": round(float(c), 4)} for r, c in zip(rows, mapped)]

    def score_many(self, texts: Iterable[str]) -> list[dict[str, float]]:
        return self._map(list(self.raw.score_many(list(texts))))

    def polarity_scores(self, text: str) -> dict[str, float]:
        return self.score_many([text])[0]

    def score_tuples(self, texts: Iterable[str]) -> list[tuple[float, float, float, float]]:
        """(neg, neu, pos, compound) per text, the raw scorer's fast path when it has one."""
        texts = list(texts)
        if hasattr(self.raw, "score_tuples"):
            rows = list(self.raw.score_tuples(texts))
        else:
            rows = [(r["neg"], r["neu"], r["pos"], r["compound"]) for r in self.raw.score_many(texts)]
        if self.calibration is None or not rows:
            return rows
        mapped = np.round(self.calibration.apply(r[3] for r in rows), 4)
        return [(a, b, c, float(m)) for (a, b, c, _), m in zip(rows, mapped)]

    def raw_scores(self, texts: Iterable[str]) -> list[dict[str, float]]:
        """The scorer's uncalibrated scores (for comparisons and the evaluation's 'before')."""
        return list(self.raw.score_many(list(texts)))

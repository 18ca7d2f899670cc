"""newstone.tone.calibrate: one monotone tone scale, fitted on training splits only."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from newstone.tone import calibrate as cb
from newstone.tone import sentiment


def _toy(seed: int = 0, n: int = 600):
    rng = np.random.default_rng(seed)
    raw = rng.uniform(-1, 1, n)
    ratings = np.clip(4 * (0.5 * raw + 0.1) + rng.normal(0, 0.4, n), -4, 4)
    return raw, ratings


def test_fitted_map_is_monotone_clipped_and_puts_the_band_on_005():
    raw, ratings = _toy()
    cal = cb.fit_calibration("toy", raw, ratings)
    grid = np.linspace(-3, 3, 2001)
    out = cal.apply(grid)
    assert np.all(np.diff(out) >= -1e-12)
    assert out.min() >= -1 and out.max() <= 1
    expected = cal.expected_rating(grid)
    inside = np.abs(expected) < cal.band
    assert np.all(np.abs(out[inside]) < cb.SHARED_BAND + 1e-12)
    assert np.all(np.abs(out[~inside]) >= cb.SHARED_BAND - 1e-12)
    # the toy scorer reads 0.1 too low: its raw zero is a little positive for people
    assert cal.expected_rating([0.0])[0] > 0
    lo, hi = cal.raw_band()
    assert lo < hi and hi < 0.2


def test_stretch_band_keeps_order_and_ends():
    v = np.linspace(-1, 1, 401)
    out = cb.stretch_band(v, 0.02)
    assert np.all(np.diff(out) > 0) and out[0] == -1 and out[-1] == 1
    assert cb.stretch_band(np.array([0.02 - 1e-9]), 0.02)[0] < 0.05


def test_shipped_calibrations_are_monotone_and_from_the_train_split():
    cals = cb.load_calibrations()
    assert {"vader", "vader-news", "lexicon"} <= set(cals)
    grid = np.linspace(-1, 1, 501)
    for name, cal in cals.items():
        out = cal.apply(grid)
        assert np.all(np.diff(out) >= -1e-12), name
        assert -1 <= out.min() and out.max() <= 1, name
        assert 0 < cal.band <= max(cb.BAND_GRID), name
        assert "train split" in cal.fitted_on, name


def test_calibration_is_fitted_on_the_training_split_only(monkeypatch):
    """train_calibration sees the train part of the snippets and nothing else."""
    from newstone.evaluate import train_calibration

    seen: list[str] = []

    class Recorder:
        name = "vader"

        def score_many(self, texts):
            seen.extend(texts)
            return [{"compound": (len(t) % 7 - 3) / 3.0} for t in texts]

    monkeypatch.setattr(sentiment, "get_scorer", lambda name: Recorder())
    raw, ratings = _toy(n=60)
    tr = pd.DataFrame({"dataset": ["a", "b"] * 30, "id": [str(i) for i in range(60)],
                       "rating": ratings, "text": [f"train text {i}" for i in range(60)]})
    te = tr.assign(text=[f"HELD OUT {i}" for i in range(60)])
    obj = train_calibration.train_calibration({"snippets_train": tr, "snippets_test": te, "news_fit": None, "news_val": None},
                                              names=("vader",))
    assert set(seen) == set(tr["text"]) and not any("HELD OUT" in t for t in seen)
    assert "vader" in obj["scorers"] and "train split" in obj["scorers"]["vader"]["fitted_on"]


def test_calibrated_scorer_keeps_raw_parts_and_maps_compound():
    vader = sentiment.get_scorer("vader")
    resolved = sentiment.resolve_scorer("vader")
    text = "The attack was horrible."
    raw, cal = vader.polarity_scores(text), resolved.polarity_scores(text)
    assert cal["neg"] == raw["neg"] and cal["pos"] == raw["pos"]
    assert cal["compound"] == pytest.approx(float(resolved.calibration.apply([raw["compound"]])[0]), abs=1e-4)
    assert resolved.raw_scores([text])[0] == raw
    assert sentiment.resolve_scorer(resolved) is resolved  # resolving twice is a no-op


def test_minilm_falls_back_to_lexicon_when_its_extra_is_missing(monkeypatch):
    real = sentiment.scorer_installed
    monkeypatch.setattr(sentiment, "scorer_installed", lambda n: False if n == "minilm" else real(n))
    resolved = sentiment.resolve_scorer("minilm")
    assert resolved.name == "lexicon"
    assert "pip install" in resolved.note and "scored with lexicon" in resolved.note
    assert sentiment.resolve_scorer("vader").note is None


def test_report_words_follow_the_shared_band():
    assert sentiment.describe_tone(0.04) == "neutral"
    assert sentiment.describe_tone(-0.06) == "slightly negative"
    assert sentiment.tone_label(cb.SHARED_BAND) == "positive"

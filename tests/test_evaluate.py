"""newstone.evaluate.metrics, .datasets and .tone: metrics on hand-made cases, loaders on small files, VADER's published figures."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from newstone.evaluate import datasets as ds
from newstone.evaluate import metrics as mt
from newstone.evaluate import tone as ev

NEG, NEU, POS = "negative", "neutral", "positive"
TRUE = [NEG, NEG, NEU, POS, POS, POS]
PRED = [NEG, NEU, NEU, POS, POS, NEG]


# --- metrics -----------------------------------------------------------------------------------


def test_confusion_matrix_rows_are_true_labels():
    m = mt.confusion_matrix(TRUE, PRED)
    assert m.to_numpy().tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 2]]
    assert list(m.index) == list(mt.LABELS) and list(m.columns) == list(mt.LABELS)


def test_f1_figures_by_hand():
    # negative: P 1/2 R 1/2 -> 0.5; neutral: P 1/2 R 1 -> 2/3; positive: P 1 R 2/3 -> 0.8
    per = mt.f1_per_class(TRUE, PRED)
    assert per[NEG] == pytest.approx(0.5)
    assert per[NEU] == pytest.approx(2 / 3)
    assert per[POS] == pytest.approx(0.8)
    assert mt.f1_macro(TRUE, PRED) == pytest.approx((0.5 + 2 / 3 + 0.8) / 3)
    assert mt.f1_weighted(TRUE, PRED) == pytest.approx((0.5 * 2 + 2 / 3 * 1 + 0.8 * 3) / 6)
    assert mt.accuracy(TRUE, PRED) == pytest.approx(4 / 6)
    report = mt.classification_report(TRUE, PRED)
    assert report.loc[POS, "precision"] == pytest.approx(1.0)
    assert report.loc[POS, "recall"] == pytest.approx(2 / 3)
    assert report["support"].tolist() == [2, 1, 3]


def test_f1_absent_class_counts_as_zero_in_macro():
    true = [NEG, POS, POS]
    pred = [NEG, POS, NEG]
    # negative P 1/2 R 1 -> 2/3; neutral 0 (no support, never predicted); positive P 1 R 1/2 -> 2/3
    assert mt.f1_macro(true, pred) == pytest.approx((2 / 3 + 0 + 2 / 3) / 3)
    assert mt.f1_weighted(true, pred) == pytest.approx((2 / 3 * 1 + 2 / 3 * 2) / 3)


def test_metrics_agree_with_scikit_learn_when_it_is_there():
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(0)
    t = rng.choice(mt.LABELS, 200).tolist()
    p = rng.choice(mt.LABELS, 200).tolist()
    assert mt.f1_weighted(t, p) == pytest.approx(metrics.f1_score(t, p, average="weighted"))
    assert mt.f1_macro(t, p) == pytest.approx(metrics.f1_score(t, p, average="macro"))
    assert mt.accuracy(t, p) == pytest.approx(metrics.accuracy_score(t, p))


def test_pearson_r():
    assert mt.pearson_r([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert mt.pearson_r([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert mt.pearson_r([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    assert mt.pearson_r([1, 1, 1], [1, 2, 3]) is None
    assert mt.pearson_r([1], [2]) is None
    with pytest.raises(ValueError):
        mt.pearson_r([1, 2], [1, 2, 3])


def test_tone_and_rating_labels():
    assert mt.tone_labels([0.05, -0.05, 0.0499, -0.0499, 0.9]) == [POS, NEG, NEU, NEU, POS]
    assert mt.tone_labels([0.1, -0.1, 0.0], (-0.2, 0.2)) == [NEU, NEU, NEU]
    # the paper's rule: the sign of the mean rating
    assert mt.rating_labels([0.1, -0.1, 0.0]) == [POS, NEG, NEU]
    # the band rule: rating / 4 cut at +-0.05, i.e. +-0.2 on the rating scale
    assert mt.rating_labels([0.1, -0.1, 0.2, -0.2], "band") == [NEU, NEU, POS, NEG]
    with pytest.raises(ValueError):
        mt.rating_labels([1.0], "other")


# --- loaders -----------------------------------------------------------------------------------


def _write_ground_truth(path, rows):
    text = "\r\n".join(f"{i}\t{r}\t{t}" for i, r, t in rows) + "\r\n"
    path.write_bytes(("\ufeff" + text).encode("utf-8"))


def test_load_vader_ground_truth_file_and_folder(tmp_path):
    _write_ground_truth(tmp_path / "a_GroundTruth.txt", [(1, 2.5, "Great day!"), (2, -1.25, "Bad\tnews, naïve")])
    _write_ground_truth(tmp_path / "b_GroundTruth.txt", [(7, 0, "Officials met.")])
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    one = ds.load_vader_ground_truth(tmp_path / "a_GroundTruth.txt")
    assert list(one.columns) == ["dataset", "id", "rating", "text"]
    assert one["dataset"].tolist() == ["a", "a"]
    assert one["id"].tolist() == ["1", "2"]
    assert one["rating"].tolist() == [2.5, -1.25]
    assert one["text"].tolist() == ["Great day!", "Bad\tnews, naïve"]  # CRLF and BOM gone, inner tab kept
    both = ds.load_vader_ground_truth(tmp_path)
    assert both["dataset"].tolist() == ["a", "a", "b"]


def test_load_vader_ground_truth_errors(tmp_path):
    bad = tmp_path / "x_GroundTruth.txt"
    bad.write_text("1\tnot-a-number\ttext\n", encoding="utf-8")
    with pytest.raises(ValueError, match="x_GroundTruth.txt:1"):
        ds.load_vader_ground_truth(bad)
    bad.write_text("1 only one column\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected id"):
        ds.load_vader_ground_truth(bad)
    with pytest.raises(FileNotFoundError):
        ds.load_vader_ground_truth(tmp_path / "missing.txt")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(FileNotFoundError):
        ds.load_vader_ground_truth(empty)


NEWS_LINES = [
    {"primary_gid": "s1", "sentence_normalized": "Smith praised Jones, but Brown attacked him.",
     "targets": [{"from": 0, "to": 5, "mention": "Smith", "polarity": 4.0},
                 {"from": 14, "to": 19, "mention": "Jones", "polarity": 6.0},
                 {"from": 25, "to": 30, "mention": "Brown", "polarity": 2.0}]},
    {"primary_gid": "s2", "sentence_normalized": "Officials met Smith on Tuesday.",
     "targets": [{"from": 14, "to": 19, "mention": "Smith", "polarity": 4.0}]},
]


def _write_news(path, lines=NEWS_LINES):
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


def test_load_newsmtsc_one_row_per_target(tmp_path):
    frame = ds.load_newsmtsc(_write_news(tmp_path / "n.jsonl"))
    assert list(frame.columns) == ["sentence_id", "sentence", "start", "end", "mention", "label"]
    assert frame["label"].tolist() == [NEU, POS, NEG, NEU]
    assert frame["sentence_id"].tolist() == ["s1", "s1", "s1", "s2"]
    for row in frame.itertuples():
        assert row.sentence[row.start : row.end] == row.mention


def test_load_newsmtsc_bad_polarity(tmp_path):
    line = {"sentence_normalized": "x", "targets": [{"from": 0, "to": 1, "mention": "x", "polarity": 5.0}]}
    with pytest.raises(ValueError, match="polarity"):
        ds.load_newsmtsc(_write_news(tmp_path / "bad.jsonl", [line]))


# --- evaluations with stand-in scorers -----------------------------------------------------------


class TableScorer:
    """Returns a fixed compound per text (0 for unknown texts)."""

    name = "table"

    def __init__(self, table):
        self.table = table

    def polarity_scores(self, text):
        c = self.table.get(text, 0.0)
        return {"neg": max(-c, 0), "neu": 1 - abs(c), "pos": max(c, 0), "compound": c}

    def score_many(self, texts):
        return [self.polarity_scores(t) for t in texts]


def test_evaluate_vader_format_exact(tmp_path):
    rows = [(1, 2.0, "good"), (2, -2.0, "bad"), (3, 1.0, "fine"), (4, -1.0, "meh")]
    _write_ground_truth(tmp_path / "t_GroundTruth.txt", rows)
    scorer = TableScorer({"good": 0.5, "bad": -0.5, "fine": 0.0, "meh": 0.3})
    m, preds = ev.evaluate_vader_format(tmp_path, scorer, return_predictions=True)
    assert m["n"] == 4
    assert m["pearson_r"] == pytest.approx(mt.pearson_r([0.5, -0.5, 0.0, 0.3], [2, -2, 1, -1]))
    # sign rule: people say pos, neg, pos, neg; the scorer says pos, neg, neu, pos
    assert preds["label"].tolist() == [POS, NEG, POS, NEG]
    assert preds["predicted"].tolist() == [POS, NEG, NEU, POS]
    assert m["accuracy"] == pytest.approx(0.5)
    assert m["f1_weighted"] == pytest.approx(mt.f1_weighted([POS, NEG, POS, NEG], [POS, NEG, NEU, POS]))
    assert m["sentences_per_second"] > 0
    band = ev.evaluate_vader_format(tmp_path, scorer, rating_classes="band")
    assert band["accuracy"] == pytest.approx(0.5)  # ratings +-1 are +-0.25 after / 4: still outside the band
    by = ev.evaluate_vader_by_dataset(tmp_path, scorer)
    assert by["dataset"].tolist() == ["t"] and by.loc[0, "n"] == 4


def test_evaluate_newsmtsc_with_plain_and_target_aware_scorers(tmp_path):
    path = _write_news(tmp_path / "n.jsonl")

    class Aware(TableScorer):
        target_thresholds = (-0.5, 0.5)

        def target_scores(self, sentence, start, end):
            c = {"Smith": 0.1, "Jones": 0.9, "Brown": -0.9}[sentence[start:end]]
            return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": c}

    m, preds = ev.evaluate_newsmtsc(path, Aware({}), return_predictions=True)
    assert m["pearson_r"] is None
    assert preds["predicted"].tolist() == [NEU, POS, NEG, NEU]
    assert m["f1_macro"] == pytest.approx(1.0) and m["accuracy"] == pytest.approx(1.0)
    assert preds.attrs["thresholds"] == (-0.5, 0.5)

    # a plain scorer is asked about the clause of the mention (target_context), not the sentence
    from newstone.people.targets import target_context

    sentence = NEWS_LINES[0]["sentence_normalized"]
    brown = target_context(sentence, 25, 30)
    plain = TableScorer({brown: -0.8})
    preds = ev.predict_newsmtsc(path, plain)
    assert preds.loc[2, "context"] == brown and preds.loc[2, "predicted"] == NEG
    assert ev.target_tone(plain, sentence, 25, 30)["compound"] == -0.8


def test_worst_misses_order():
    preds = pd.DataFrame({"text": ["a", "b", "c"], "rating": [4.0, 0.0, -4.0], "compound": [0.9, 0.5, 0.9],
                          "label": [POS, NEU, NEG], "predicted": [POS, POS, POS]})
    worst = ev.worst_misses(preds, 2)
    assert worst["text"].tolist() == ["c", "b"]
    assert worst["miss"].tolist() == pytest.approx([1.9, 0.5])
    labels_only = pd.DataFrame({"compound": [-0.9, 0.2, 0.8], "label": [POS, POS, POS], "predicted": [NEG, POS, POS]})
    assert ev.worst_misses(labels_only, 1)["compound"].tolist() == [-0.9]


def test_holdout_mask_is_fixed_and_near_its_fraction():
    keys = [f"k{i}" for i in range(4000)]
    a = ds.holdout_mask(keys, 0.3, "salt")
    assert (a == ds.holdout_mask(list(reversed(keys)), 0.3, "salt")[::-1]).all()
    assert 0.27 < a.mean() < 0.33
    assert not (a == ds.holdout_mask(keys, 0.3, "other")).all()


def test_scoring_speed_positive():
    assert ev.scoring_speed(TableScorer({}), ["a", "b"], min_seconds=0.01) > 0


def test_one_evaluation_command_table_and_file(tmp_path, capsys):
    from newstone.cli import main

    data = tmp_path / "data"
    (data / "vader").mkdir(parents=True)
    (data / "newsmtsc").mkdir()
    _write_ground_truth(data / "vader" / "t_GroundTruth.txt", [(1, 2.0, "A wonderful result."), (2, -2.0, "A terrible loss.")])
    _write_news(data / "newsmtsc" / "devtest_mt.jsonl")
    assert main(["eval", "--data", str(data), "--scorer", "vader", "--all-snippets"]) == 0
    out = capsys.readouterr().out
    assert "| vader | t | 2 |" in out and "| vader | newsmtsc/devtest_mt | 4 |" in out
    assert main(["eval", str(data / "vader" / "t_GroundTruth.txt"), "--scale", "raw", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["scale"] == "raw"
    assert main(["eval", "--data", str(data), "--scorer", "no-such-scorer"]) == 2
    assert main(["eval", "--data", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err
    assert "needs the shared data set" in err and "devtest_mt.jsonl" in err


def test_table_skips_scorers_whose_extra_is_missing(tmp_path, capsys, monkeypatch):
    from newstone.tone import sentiment
    from newstone.cli import main

    real = sentiment.scorer_installed
    monkeypatch.setattr(sentiment, "scorer_installed", lambda n: False if n == "minilm" else real(n))
    (tmp_path / "vader").mkdir()
    _write_ground_truth(tmp_path / "vader" / "t_GroundTruth.txt", [(1, 2.0, "A wonderful result."), (2, -2.0, "A terrible loss.")])
    assert main(["eval", "--data", str(tmp_path), "--all-snippets"]) == 0
    captured = capsys.readouterr()
    assert "skipped minilm: not installed" in captured.err
    assert "| lexicon | t |" in captured.out and "| minilm |" not in captured.out


# --- the reference on the shared data ------------------------------------------------------------

# Hutto & Gilbert (2014), table 3: VADER's correlation with the mean rating and classification F1.
PUBLISHED = {
    "tweets": (0.881, 0.96),
    "amazonReviewSnippets": (0.565, 0.63),
    "movieReviewSnippets": (0.451, 0.61),
}
# What nltk's VADER with the vadersentiment 3.3.2 lexicon gives today (guards against drift).
MEASURED = {
    "tweets": (0.878, 0.958),
    "amazonReviewSnippets": (0.571, 0.615),
    "movieReviewSnippets": (0.422, 0.588),
}


def test_vader_reproduces_published_figures(shared_data):
    table = ev.evaluate_vader_by_dataset(shared_data / "vader", "vader").set_index("dataset")
    for name, (r, f1) in MEASURED.items():
        assert table.loc[name, "pearson_r"] == pytest.approx(r, abs=0.002), name
        assert table.loc[name, "f1_weighted"] == pytest.approx(f1, abs=0.002), name
    for name in ("tweets", "amazonReviewSnippets"):
        r, f1 = PUBLISHED[name]
        assert abs(table.loc[name, "pearson_r"] - r) <= 0.02, name
        assert abs(table.loc[name, "f1_weighted"] - f1) <= 0.02, name
    # Movie reviews: today's lexicon and rules (nltk 3.9+ or vaderSentiment 3.3.2 alike) give
    # r 0.42-0.43, not the 2014 release's 0.451; F1 is 0.022 below. See benchmarks/ACCURACY.md.
    r, f1 = PUBLISHED["movieReviewSnippets"]
    assert abs(table.loc["movieReviewSnippets", "pearson_r"] - r) <= 0.03
    assert abs(table.loc["movieReviewSnippets", "f1_weighted"] - f1) <= 0.025


def test_vader_on_newsmtsc_devtest(shared_data):
    m = ev.evaluate_newsmtsc(shared_data / "newsmtsc" / "devtest_mt.jsonl", "vader")
    assert m["n"] == 1476
    assert 0.50 <= m["f1_macro"] <= 0.56  # ~0.51 reported for sentence-level VADER; 0.534 on the clause


def test_splits_are_disjoint_and_fixed(shared_data):
    frame = ds.load_vader_ground_truth(shared_data / "vader")
    train, test = ds.vader_format_split(frame)
    assert len(train) + len(test) == len(frame)
    keys = set(zip(train["dataset"], train["id"]))
    assert not keys & set(zip(test["dataset"], test["id"]))
    assert len(test) == 5514  # fixed by hashing: changing it would mix trained-on snippets into the test

from __future__ import annotations

import zipfile

import pandas as pd
import pytest

from newstone.tone.explain import document_drivers, sentence_drivers
from newstone.tone.sentiment import (
    UnknownScorerError,
    available_scorers,
    document_tone,
    get_scorer,
    score_sentences,
    tone_label,
    vader_lexicon_text,
)

SENTENCES = [
    "The Taliban attacked with full force and showed their true colors.",
    "We welcomed the statement by the religious leaders.",
    "The plan is NOT good at all!!!",
    "It was very, very bad, but the rescue was wonderful :)",
    "Officials met on Tuesday.",
    "",
]


@pytest.fixture(scope="module")
def nltk_reference(tmp_path_factory):
    """nltk's own SentimentIntensityAnalyzer(), loading the same lexicon through nltk.data."""
    import nltk
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    root = tmp_path_factory.mktemp("nltk_data")
    (root / "sentiment").mkdir()
    with zipfile.ZipFile(root / "sentiment" / "vader_lexicon.zip", "w") as zf:
        zf.writestr("vader_lexicon/vader_lexicon.txt", vader_lexicon_text())
    nltk.data.path.insert(0, str(root))
    try:
        yield SentimentIntensityAnalyzer()
    finally:
        nltk.data.path.remove(str(root))


def test_vader_equals_nltk_to_four_decimals(nltk_reference, seed_path):
    ours = get_scorer("vader")
    texts = SENTENCES + seed_path.read_text(encoding="utf-8").splitlines()
    for text, fast in zip(texts, ours.score_many(texts)):
        a, b = ours.polarity_scores(text), nltk_reference.polarity_scores(text)
        for key in ("neg", "neu", "pos", "compound"):
            assert round(a[key], 4) == round(b[key], 4), (text, key)
            assert round(fast[key], 4) == round(b[key], 4), (text, key)


def test_vader_equals_nltk_on_shared_data(nltk_reference, shared_data):
    ours = get_scorer("vader")
    lines = (shared_data / "vader" / "tweets_GroundTruth.txt").read_text(encoding="utf-8").splitlines()
    texts = [line.split("\t", 2)[2] for line in lines if line.count("\t") >= 2][:1500]
    assert len(texts) >= 1000
    mismatches = [t for t in texts if round(ours.polarity_scores(t)["compound"], 4) != round(nltk_reference.polarity_scores(t)["compound"], 4)]
    assert mismatches == []
    # Batch scoring (the fast path reports use) gives the same numbers.
    batch = ours.score_many(texts)
    assert [round(b["compound"], 4) for b in batch] == [round(nltk_reference.polarity_scores(t)["compound"], 4) for t in texts]


def test_scorers_are_looked_up_by_name():
    assert "vader" in available_scorers()
    assert get_scorer("vader") is get_scorer("vader")
    with pytest.raises(UnknownScorerError, match="unknown scorer 'nope'; available: vader"):
        get_scorer("nope")


def test_tone_labels_use_the_usual_thresholds():
    assert tone_label(0.05) == "positive"
    assert tone_label(0.0499) == "neutral"
    assert tone_label(-0.05) == "negative"


def test_score_sentences_and_document_tone():
    frame = pd.DataFrame({"text": ["Great news!", "Terrible, deadly attack.", "They met on Monday."]})
    scored = score_sentences(frame)
    assert list(scored.columns) == ["text", "neg", "neu", "pos", "compound", "tone"]
    assert list(scored["tone"]) == ["positive", "negative", "neutral"]
    tone = document_tone(scored)
    assert tone["n_sentences"] == 3
    assert tone["share_negative"] == tone["share_positive"] == tone["share_neutral"] == pytest.approx(1 / 3)
    assert tone["compound"] == pytest.approx(scored["compound"].mean())
    assert document_tone(scored.iloc[0:0])["n_sentences"] == 0


def test_drivers_follow_vader_rules():
    drivers = {d["word"]: d["valence"] for d in sentence_drivers("The plan is not good.")}
    assert drivers["good"] < 0  # negated: 1.9 * -0.74
    assert drivers["good"] == pytest.approx(1.9 * -0.74, abs=1e-4)
    boosted = {d["word"]: d["valence"] for d in sentence_drivers("The plan is very good.")}
    assert boosted["good"] > 1.9
    caps = {d["word"]: d["valence"] for d in sentence_drivers("The plan is GOOD for us.")}
    assert caps["GOOD"] > 1.9
    but = {d["word"]: d["valence"] for d in sentence_drivers("The food was good but the service was awful.")}
    assert but["good"] == pytest.approx(1.9 * 0.5, abs=1e-4) and but["awful"] == pytest.approx(-2.0 * 1.5, abs=1e-4)


def test_document_drivers_sum_words():
    frame = pd.DataFrame({"text": ["Attack after attack.", "A good day."]})
    frame["drivers"] = [sentence_drivers(t) for t in frame["text"]]
    table = document_drivers(frame)
    top = table.iloc[0]
    assert top["word"] == "attack" and top["count"] == 2
    assert list(table.columns) == ["word", "count", "total_valence", "mean_valence"]

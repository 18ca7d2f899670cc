"""Explanations for every scorer: occlusion points at the words that change the score."""

from __future__ import annotations

import pandas as pd
import pytest

from newstone.tone import explain
from newstone.tone.sentiment import resolve_scorer, scorer_installed

WORDS = {"wonderful": 0.6, "horrible": -0.7, "not": 0.0}


class Toy:
    """A scorer whose compound is the sum of a few word weights: the truth is known."""

    name = "toy"

    def __init__(self):
        self.calls = 0

    def score_many(self, texts):
        self.calls += 1
        out = []
        for t in texts:
            c = sum(WORDS.get(w.strip(".,!").lower(), 0.0) for w in t.split())
            out.append({"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": max(-1.0, min(1.0, c))})
        return out


def test_occlusion_finds_exactly_the_words_that_move_the_score():
    toy = Toy()
    drivers = explain.occlusion_drivers(["A wonderful day, then a horrible night.", "Officials met on Tuesday."], toy)
    assert {d["word"]: d["valence"] for d in drivers[0]} == {"wonderful": pytest.approx(0.6), "horrible": pytest.approx(-0.7)}
    assert drivers[1] == []
    assert toy.calls == 1  # the sentences and every masked variant in one batch


def test_occlusion_batches_all_sentences_in_one_call():
    toy = Toy()
    texts = [f"Sentence {i} was wonderful for everyone involved." for i in range(40)]
    explain.occlusion_drivers(texts, toy, compounds=[0.6] * 40)
    assert toy.calls == 1


class Counting(Toy):
    def score_many(self, texts):
        self.seen = len(texts)
        return super().score_many(texts)


def test_a_long_sentence_tries_only_its_first_content_words_and_a_run_on_line_none():
    toy = Counting()
    text = " ".join(["wonderful"] + [f"word{i}" for i in range(300)] + ["horrible"])
    drivers = explain.occlusion_drivers([text], toy, compounds=[-0.1])
    assert toy.seen == explain.MAX_OCCLUDED
    assert [d["word"] for d in drivers[0]] == ["wonderful"]  # "horrible" lies past the words tried
    run_on = " ".join(["wonderful"] + [f"word{i}" for i in range(5000)])
    assert explain.occlusion_drivers([run_on], Counting(), compounds=[0.6]) == [[]]


def test_methods_per_scorer():
    assert explain.explanation_method(resolve_scorer("vader")) == "valence"
    assert explain.explanation_method(resolve_scorer("vader-news")) == "valence"
    assert explain.explanation_method(resolve_scorer("lexicon")) == "occlusion"
    assert explain.explanation_method(Toy()) == "occlusion"


SCORERS = ["vader", "vader-news", "lexicon"] + (["minilm"] if scorer_installed("minilm") else [])


@pytest.mark.parametrize("name", SCORERS)
def test_every_scorer_explains_and_its_top_word_moves_the_score(name):
    scorer = resolve_scorer(name)
    text = "The officials said the attack was horrible and cruel."
    drivers = explain.sentence_drivers(text, scorer)
    assert drivers, name
    top = drivers[0]["word"].lower()
    assert top in {"horrible", "cruel", "attack"}, (name, drivers)
    assert drivers[0]["valence"] < 0
    # leaving the top word out really moves the score the way the explanation says
    raw = scorer.raw  # explanations are the model's own changes, on its raw scale
    full = raw.score_many([text])[0]["compound"]
    without = raw.score_many([text.replace(drivers[0]["word"], "", 1)])[0]["compound"]
    assert without > full


def test_add_drivers_records_the_method_for_the_report():
    frame = pd.DataFrame({"text": ["A wonderful plan."], "compound": [0.6]})
    out = explain.add_drivers(frame, Toy())
    assert out.attrs["explanation"] == "occlusion"
    assert explain.document_drivers(out).attrs["explanation"] == "occlusion"

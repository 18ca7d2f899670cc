"""The attribution metrics of `newstone eval --format polnear`, on hand-made articles."""

from __future__ import annotations

import json

import pytest

from newstone.cli import main
from newstone.evaluate.polnear import (
    Gold, Pred, evaluate_polnear, gold_of, match_article, name_words, newstone_engine, score_attribution,
)


def test_half_inside_rule_for_predictions_and_half_of_shorter_for_gold():
    gold = [Gold(((0, 100),), "direct", "Ann Lee")]
    inside = Pred(40, 120, "direct", "Lee")  # 60 of its 80 characters inside
    outside = Pred(90, 200, "indirect", None)  # 10 of 110 inside
    m = match_article(gold, [inside, outside])
    assert m["right"] == [True, False]
    assert m["found"] == [0]


def test_scores_direct_quotes_recall_and_speakers():
    text_gold = [
        Gold(((0, 50),), "direct", "Ann Lee"),
        Gold(((60, 120),), "indirect", "the ministry"),
        Gold(((130, 170),), "direct", None),  # no named source: not in speaker accuracy
    ]
    preds = [Pred(2, 48, "direct", "Lee"), Pred(62, 118, "indirect", "Defense Ministry"), Pred(300, 340, "direct", "X")]
    r = score_attribution([(text_gold, preds)])
    assert r["direct_precision"] == pytest.approx(1 / 2)
    assert r["direct_recall"] == pytest.approx(1 / 2)
    assert r["direct_f1"] == pytest.approx(1 / 2)
    assert r["precision"] == pytest.approx(2 / 3)
    assert r["recall"] == pytest.approx(2 / 3)
    assert r["indirect_recall"] == 1.0
    assert r["speaker_accuracy"] == 1.0 and r["speaker_pairs"] == 2


def test_name_words_ignore_articles_titles_and_pronouns():
    assert name_words("the Rep. Joe Wilson’s office") == {"joe", "wilson", "office"}
    assert name_words("he") == set() and name_words(None) == set()


def _article(path, text, quotes):
    path.write_text(json.dumps({"id": "a1", "text": text, "quotes": quotes}) + "\n", encoding="utf-8")


def test_eval_polnear_end_to_end(tmp_path, capsys):
    text = "“We will win the vote,” Ann Lee said.\nThe ministry said the talks would resume in May."
    q1 = text.index("We")
    q2 = text.index("the talks")
    _article(tmp_path / "p.jsonl", text, [
        {"kind": "direct", "speaker": "Ann Lee", "speaker_resolved": "Ann Lee", "content_spans": [[q1, q1 + 20]]},
        {"kind": "indirect", "speaker": "The ministry", "speaker_resolved": "The ministry",
         "content_spans": [[q2, len(text) - 1]]},
    ])
    r = evaluate_polnear(tmp_path / "p.jsonl", newstone_engine())
    assert r["direct_f1"] == 1.0 and r["recall"] == 1.0 and r["speaker_accuracy"] == 1.0
    assert main(["eval", str(tmp_path / "p.jsonl"), "--format", "polnear"]) == 0
    out = capsys.readouterr().out
    assert "speaker accuracy" in out and "1.000" in out


def test_eval_polnear_bad_line_is_one_clear_error(tmp_path, capsys):
    (tmp_path / "bad.jsonl").write_text('{"text": "no quotes key"}\n', encoding="utf-8")
    assert main(["eval", str(tmp_path / "bad.jsonl"), "--format", "polnear"]) != 0
    err = capsys.readouterr().err
    assert "bad.jsonl" in err and "line 1" in err and "Traceback" not in err


def test_speaker_accuracy_is_split_by_how_the_source_was_written():
    # a pronoun's gold source is the dataset's guess (nearest named source), kept apart
    gold = [Gold(((0, 50),), "direct", "Ann Lee"),
            Gold(((60, 120),), "direct", "Ann Lee", written_as_name=False)]
    preds = [Pred(0, 50, "direct", "Ann Lee"), Pred(60, 120, "direct", "Bob Ray")]
    r = score_attribution([(gold, preds)])
    assert r["speaker_accuracy"] == 0.5 and r["speaker_pairs"] == 2
    assert r["speaker_accuracy_named"] == 1.0 and r["speaker_accuracy_pronoun"] == 0.0
    assert r["speaker_pairs_pronoun"] == 1


def test_a_pronoun_source_is_marked_as_the_datasets_guess():
    article = {"text": "x" * 200, "quotes": [
        {"content_spans": [[0, 50]], "kind": "direct", "speaker": "he", "speaker_resolved": "Bob Ray"},
        {"content_spans": [[60, 90]], "kind": "direct", "speaker": "Ann Lee", "speaker_resolved": "Ann Lee"}]}
    assert [g.written_as_name for g in gold_of(article)] == [False, True]

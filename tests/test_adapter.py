"""newstone.tone.adapter's pure helpers: what the fine-tuned actor model reads."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")

from newstone.tone.adapter import CROP_WIDTH, crop_around, pair_inputs  # noqa: E402


def test_pair_inputs_mark_the_mention_and_keep_its_span():
    sentence = "Smith praised Jones, but Brown attacked him."
    mentions, marked, spans = pair_inputs([(sentence, 25, 30)])
    assert mentions == ["Brown"]
    assert marked == ["Smith praised Jones, but [Brown] attacked him."]
    a, b = spans[0]
    assert marked[0][a:b] == "Brown"


def test_long_sentences_are_cropped_around_the_mention():
    sentence = "word " * 1000 + "the Taliban spokesman" + " word" * 1000
    start = sentence.index("Taliban")
    s, a, b = crop_around(sentence, start, start + 7)
    assert s[a:b] == "Taliban" and len(s) <= 2 * CROP_WIDTH + 7
    short = "The Taliban said so."
    assert crop_around(short, 4, 11) == (short, 4, 11)

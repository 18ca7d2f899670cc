"""Every report says how far to trust it: the scorer, its held-out figures, what tone misses."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from newstone.tone import trust
from newstone.analyze import analyze_path


def test_shipped_figures_match_accuracy_md():
    figures = trust.accuracy_figures()["scorers"]
    assert {"vader", "vader-news", "lexicon", "minilm"} <= set(figures)
    doc = (ROOT / "benchmarks" / "ACCURACY.md").read_text(encoding="utf-8")
    numbers = set(re.findall(r"\d\.\d{3}", doc))
    for name, fig in figures.items():
        for key, value in fig.items():
            if isinstance(value, float):
                assert f"{value:.3f}" in numbers, (name, key, value)


@pytest.fixture(scope="module")
def analysis(seed_path=ROOT / "seeds" / "000_4054172739a3b017.txt"):
    return analyze_path(seed_path, scorer="lexicon")


def test_statement_names_scorer_figures_band_method_and_limits(analysis):
    text = " ".join(trust.statement(analysis))
    fig = trust.accuracy_figures()["scorers"]["lexicon"]
    assert "lexicon" in text and f"{fig['newsmtsc_macro_f1']:.2f}" in text
    assert "neutral" in text and "occlusion" in text
    assert "does not say whether a claim is true" in text


def test_quote_and_sentence_tone_agree_or_the_report_says_why(analysis):
    from newstone.tone.sentiment import tone_label

    diffs = trust.quote_differences(analysis)
    note = trust.quote_note(analysis)
    for d in diffs:
        assert tone_label(d["quote_compound"]) != tone_label(d["sentence_compound"])
    assert (note is None) == (not diffs)
    if note:
        assert "speaker's own words" in note


def test_summary_html_carries_the_statement_escaped(analysis):
    from newstone.reports import views

    html = str(views.summary(analysis))
    assert "How far to trust this" in html and "occlusion" in html
    assert "“forces were killed”" in html

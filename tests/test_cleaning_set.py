"""Cleaning judged line by line on the labelled scraped pages of tests/data/cleaning/ (see its README).

The pages are written for this project; `benchmarks/cleaning.py` prints the same judgement per
page. An article line lost is the worse error: no page may lose one. Furniture kept is allowed
up to the figure recorded in benchmarks/README.md ("Cleaning"), so a change that keeps more of it
shows up here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from newstone.text.clean import clean_text

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "data" / "cleaning"
_spec = importlib.util.spec_from_file_location("cleaning_benchmark", ROOT / "benchmarks" / "cleaning.py")
bench = sys.modules["cleaning_benchmark"] = importlib.util.module_from_spec(_spec)  # dataclasses look it up
_spec.loader.exec_module(bench)

ALL = sorted(PAGES.glob("*.txt")) + sorted((PAGES / "heldout").glob("*.txt")) + sorted((PAGES / "heldout2").glob("*.txt"))


def test_the_set_is_large_and_varied():
    assert len(sorted(PAGES.glob("*.txt"))) >= 30
    labels = [label for path in ALL for label, _ in bench.read_page(path) if label]
    assert labels.count("T") == len(ALL) and labels.count("A") > 300 and labels.count("F") > 500


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_no_page_loses_an_article_line_and_the_headline_is_the_title(path):
    result = bench.judge(path)
    assert result.lost == []
    assert result.title == result.headline


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_every_removed_piece_is_page_text_with_a_reason(path):
    text = "\n".join(line for _, line in bench.read_page(path))
    for removed in clean_text(text).removed:
        assert removed.text in text and len(removed.reason) > 5


@pytest.mark.parametrize("folder, kept_at_most", [(PAGES, 42), (PAGES / "heldout", 21), (PAGES / "heldout2", 5)])
def test_furniture_kept_stays_at_the_recorded_figure(folder, kept_at_most):
    results = [bench.judge(path) for path in sorted(folder.glob("*.txt"))]
    assert sum(len(r.kept) for r in results) <= kept_at_most


def test_the_alignment_tells_a_removed_share_from_a_kept_share_prices_line():
    flags = bench.kept_flags(["Share", "Share prices fell.", "Share"], ["Share prices fell."], lambda s: (s, None))
    assert flags == [False, True, False]
    flags = bench.kept_flags(["Talks end", "in Geneva", "Share"], ["Talks end in Geneva"], lambda s: (s, None))
    assert flags == [True, True, False]

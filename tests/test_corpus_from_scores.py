"""The corpus report reads `newstone score` tables as they are, without rescoring."""

from __future__ import annotations

import shutil

from conftest import ROOT, SEED
from newstone.cli import main
from newstone.corpus.summary import is_scored_folder, load_corpus
from newstone.reports.render import render_reports


import pytest


@pytest.fixture
def scored(tmp_path, capsys):
    """`newstone score` over the seed and a small CSV."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / SEED.name)
    shutil.copy(ROOT / "tests" / "fixtures" / "corpus.csv", src / "corpus.csv")
    out = tmp_path / "scored"
    main(["score", str(src), "--out", str(out), "--no-progress", "--jobs", "1"])
    capsys.readouterr()
    return src, out


def test_corpus_report_from_score_tables(tmp_path, scored):
    src, out = scored
    assert is_scored_folder(out) and not is_scored_folder(src)
    corpus = load_corpus(str(out))
    assert len(corpus.documents) == 4 and corpus.errors  # the seed and three CSV rows; the empty row is an error
    reports = tmp_path / "reports"
    results = render_reports([out], reports, notebook=ROOT / "notebooks" / "corpus.ipynb", jobs=1)
    assert [r.status for r in results] == ["rendered"], results[0].error
    html = (reports / "corpus-scored.html").read_text(encoding="utf-8")
    assert "Port reopens after storm" in html and "The leader of Afghanistan" in html
    assert "row 3" in html and "<script" not in html.lower()
    assert "Actors across documents" not in html  # scored without --actors: no empty actor section


def test_explore_picks_articles_from_a_scored_corpus(scored):
    from newstone.reports.explore import Explorer

    _, out = scored
    ui = Explorer(str(out), actor="Taliban")
    assert len(ui.choices) == 4 and ui.choices[0].endswith(f"#{SEED.name}")  # most negative first
    analysis = ui.analysis
    assert len(analysis.paragraphs) == 9 and "Taliban" in set(analysis.actors["name"])
    assert "What the text says about Taliban" in str(ui.view())
    port = Explorer(str(out), article="corpus.csv#a1")
    assert "Port reopens after storm" in str(port.view())

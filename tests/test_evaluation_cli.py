"""`newstone eval` (the CLI contract) and the evaluation report, on small data written here."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from newstone.cli import main

VADER_LINES = [
    ("1", "3.1", "What a wonderful, generous and brilliant plan."),
    ("2", "-3.4", "A horrible, cruel and deadly attack on civilians."),
    ("3", "2.2", "The rescue was a great success."),
    ("4", "-2.0", "The talks failed and anger grew."),
    ("5", "0.1", "The committee meets on Tuesday."),
    ("6", "-1.5", "Critics called the decision a disgrace."),
]
NEWS = [
    {"sentence_normalized": "Critics attacked Smith for the disastrous plan.", "targets": [{"from": 17, "to": 22, "mention": "Smith", "polarity": 2.0}]},
    {"sentence_normalized": "Jones praised the volunteers for their wonderful work.", "targets": [{"from": 0, "to": 5, "mention": "Jones", "polarity": 4.0}, {"from": 18, "to": 28, "mention": "volunteers", "polarity": 6.0}]},
]


@pytest.fixture
def data(tmp_path):
    (tmp_path / "vader").mkdir()
    (tmp_path / "vader" / "newsSnippets_GroundTruth.txt").write_bytes(
        "".join(f"{i}\t{r}\t{t}\r\n" for i, r, t in VADER_LINES).encode("utf-8")
    )
    (tmp_path / "newsmtsc").mkdir()
    (tmp_path / "newsmtsc" / "devtest_mt.jsonl").write_text("".join(json.dumps(x) + "\n" for x in NEWS), encoding="utf-8")
    return tmp_path


def test_eval_json_contract_for_both_formats(data, capsys):
    assert main(["eval", str(data / "vader" / "newsSnippets_GroundTruth.txt"), "--format", "vader", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {"n", "pearson_r", "f1_weighted", "f1_macro", "accuracy"} <= set(result)
    assert result["n"] == 6 and result["pearson_r"] > 0.8 and 0 <= result["f1_weighted"] <= 1
    assert main(["eval", str(data / "newsmtsc" / "devtest_mt.jsonl"), "--json", "--scorer", "lexicon"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["n"] == 3 and result["format"] == "newsmtsc" and result["pearson_r"] is None


def test_eval_errors(data, capsys):
    assert main(["eval", str(data / "missing.txt")]) == 1
    assert "missing.txt: file not found" in capsys.readouterr().err
    assert main(["eval", str(data / "newsmtsc" / "devtest_mt.jsonl"), "--scorer", "nope"]) == 2
    assert "unknown scorer 'nope'" in capsys.readouterr().err


def test_evaluation_report_renders(data, tmp_path):
    from newstone.reports.render import render_reports

    out = tmp_path / "out"
    results = render_reports([data], out, notebook=ROOT / "notebooks" / "evaluate.ipynb",
                             parameters={"scorers": "vader;lexicon", "held_out_only": False}, jobs=1)
    assert [r.status for r in results] == ["rendered"], results[0].error
    html = (out / f"evaluate-{data.name}.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    for part in ("Metrics", "newsSnippets", "newsmtsc", "Confusion matrices", "Worst misses", "sentences/s"):
        assert part in html, part
    assert html.count("data:image/png;base64,") >= 3

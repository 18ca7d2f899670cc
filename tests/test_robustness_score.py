"""`newstone score` with a bad output folder or bad counts: one error line, exit 2, nothing read
or written (found by benchmarks/robustness_sweep.py; they were tracebacks or silently accepted)."""

from __future__ import annotations

import json

import pytest

from newstone.cli import main


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "1", "text": "The talks collapsed. Critics praised the plan."}) + "\n")
    return path


def _one_error(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newstone: error: "), captured.err
    return lines[0]


def test_out_that_is_a_file_is_refused_and_kept(corpus, tmp_path, capsys):
    out = tmp_path / "notes.txt"
    out.write_text("keep me")
    assert main(["score", str(corpus), "--out", str(out), "--no-progress"]) == 2
    assert f"{out}: is a file, not a folder" in _one_error(capsys)
    assert out.read_text() == "keep me"


@pytest.mark.parametrize("where", ["under-a-file", "proc"])
def test_out_that_cannot_be_made_is_one_line(where, corpus, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = blocker / "sub" if where == "under-a-file" else "/proc/newstone-cannot-exist/out"
    assert main(["score", str(corpus), "--out", str(out), "--no-progress"]) == 2
    assert f"{out}: cannot write the output folder" in _one_error(capsys)


@pytest.mark.parametrize("option", ["--jobs", "--chunk-size"])
def test_counts_below_one_are_refused(option, corpus, tmp_path, capsys):
    assert main(["score", str(corpus), "--out", str(tmp_path / "o"), "--no-progress", option, "0"]) == 2
    assert f"{option} must be 1 or more, not 0" in _one_error(capsys)
    assert not (tmp_path / "o").exists()


def test_a_run_on_line_gives_the_actor_model_a_sentence_sized_window():
    """A 2,000-word line with no sentence punctuation paid a full 160-token pass per mention;
    sentences up to 2 x CROP_WIDTH characters are still read whole."""
    import pytest

    pytest.importorskip("torch")
    from newstone.tone.adapter import CROP_WIDTH, RUN_ON_WIDTH, crop_around

    line = " ".join(f"word{i % 97}" for i in range(2000))
    start = line.index("word50 ", 5000)
    s, a, b = crop_around(line, start, start + 6)
    assert s[a:b] == "word50" and a == RUN_ON_WIDTH and len(s) == 2 * RUN_ON_WIDTH + 6
    sentence = "x" * (2 * CROP_WIDTH)
    assert crop_around(sentence, 10, 16) == (sentence, 10, 16)

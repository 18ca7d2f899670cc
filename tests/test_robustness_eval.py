"""`newstone eval` on bad files: one error line naming the file, exit 1, never a traceback or
metrics of nothing (found by benchmarks/robustness_sweep.py)."""

from __future__ import annotations

import pytest

from newstone.cli import main

CASES = {
    "empty_GroundTruth.txt": (b"", [], "no vader items"),
    "blank_GroundTruth.txt": (b"\n\n  \n", [], "no vader items"),
    "binary_GroundTruth.txt": (bytes(range(256)), [], "not UTF-8 text (byte 128)"),
    "empty.jsonl": (b"", [], "no newsmtsc items"),
    "no-targets.jsonl": (b'{"sentence": "Fine."}\n', [], "no newsmtsc items"),
    "list-row.jsonl": (b'{"targets": []}\n[1, 2]\n', [], "line 2"),
    "number-target.jsonl": (b'{"sentence": "x", "targets": [1]}\n', [], "line 1: target polarity 1"),
    "no-offsets.jsonl": (b'{"sentence": "x", "targets": [{"polarity": 2.0}]}\n', [], "integer 'from' and 'to'"),
    "polnear-empty.jsonl": (b"\n", ["--format", "polnear"], "no polnear articles"),
    "polnear-quote.jsonl": (b'{"text": "He said so.", "quotes": [1]}\n', ["--format", "polnear"], "list of objects"),
    "polnear-spans.jsonl": (b'{"text": "He said so.", "quotes": [{"content_spans": [["a", 3]]}]}\n',
                            ["--format", "polnear"], "pairs of integers"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_eval_file_is_one_line_naming_it(name, tmp_path, capsys):
    data, extra, problem = CASES[name]
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["eval", str(path), *extra]) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith(f"newstone: error: {path}") and problem in lines[0]
    assert captured.out == ""

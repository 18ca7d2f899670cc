"""One bad item costs one item: hostile rows, file names and pages, each one named error, the rest scored."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from newstone import cli

from newstone.corpus import cli as score_cli
from newstone.text.inputs import collect_inputs
from newstone.text.read import InputError, iter_documents, read_document

GOOD = [
    "The council approved the new budget after a long debate.",
    "Volunteers said they were happy to help the families.",
    "The storm destroyed dozens of homes near the coast.",
]


def score(tmp_path: Path, *inputs: Path, extra: tuple[str, ...] = ()) -> tuple[int, list[str], pd.DataFrame, Path]:
    """Run `newstone score` as the CLI does; (exit code, error lines, documents table, out)."""
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "newstone.corpus.cli", *map(str, inputs), "--out", str(out), "--jobs", "1",
         "--no-progress", *extra],
        capture_output=True, text=True, errors="replace", env=dict(os.environ), timeout=300,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("newstone: error:")]
    docs = pd.read_parquet(out / "documents.parquet") if (out / "documents.parquet").exists() else pd.DataFrame()
    return proc.returncode, errors, docs, out


def analyze_lines(path: Path, capsys) -> tuple[int, list[str]]:
    code = cli.main(["analyze", str(path), "--json"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, [line for line in err.splitlines() if line.startswith("newstone: error:")]


def jsonl(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def good_rows(start: int = 1) -> list[str]:
    return [json.dumps({"id": f"g{i}", "text": text}) for i, text in enumerate(GOOD, start=start)]


# --- rows ------------------------------------------------------------------------------------------


def test_jsonl_lone_surrogate_is_one_row_error(tmp_path, capsys):
    path = jsonl(tmp_path / "news.jsonl", good_rows()[:1] + ['{"id": "bad", "text": "Broken \\ud800 text."}'] + good_rows(2))
    code, errors, docs, _ = score(tmp_path, path)
    assert code == 1
    assert errors == [f"newstone: error: {path}: row 2: column 'text' holds a lone surrogate (\\ud800) at character 7, "
                      "which is not valid Unicode"]
    assert sorted(docs["id"]) == ["news.jsonl#g1", "news.jsonl#g2", "news.jsonl#g3", "news.jsonl#g4"]
    code, lines = analyze_lines(path, capsys)
    assert code == 1 and len(lines) == 1 and "row 2" in lines[0] and "lone surrogate" in lines[0]


def test_jsonl_deeply_nested_row_first_is_one_row_error(tmp_path, capsys):
    nested = '{"id": "deep", "meta": ' + "[" * 100_000 + "]" * 100_000 + ', "text": "x"}'
    path = jsonl(tmp_path / "deep.jsonl", [nested] + good_rows())
    code, errors, docs, _ = score(tmp_path, path)
    assert code == 1
    assert errors == [f"newstone: error: {path}: row 1: invalid JSON (values nested too deeply to read)"]
    assert len(docs) == 3
    code, lines = analyze_lines(path, capsys)
    assert code == 1 and lines == [f"newstone: error: {path}: row 1: invalid JSON (values nested too deeply to read)"]


def test_invalid_control_character_message_has_no_doubled_word(tmp_path):
    path = jsonl(tmp_path / "ctl.jsonl", good_rows()[:1] + ['{"text": "a\tb"}'])
    errors = [str(i) for i in iter_documents(path) if isinstance(i, InputError)]
    assert errors == [f"{path}: row 2: invalid JSON (Invalid control character at column 12)"]
    assert not any(" at at " in e for e in errors)


def test_csv_unbalanced_quote_names_the_row_and_keeps_the_rest(tmp_path):
    path = tmp_path / "quotes.csv"
    path.write_text(
        "id,text\n"
        "1,A fine first row.\n"
        '2,"An unbalanced quote opens here and never closes\n'
        "3,The third row must survive.\n"
        '4,"A quoted row, properly closed."\n'
        "5,The last row.\n", encoding="utf-8")
    items = list(iter_documents(path))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert len(errors) == 1 and errors[0].startswith(f"{path}: row 2: a quoted field starts here and is not closed")
    assert [d.id for d in items if not isinstance(d, InputError)] == ["1", "3", "4", "5"]
    code, lines, docs, _ = score(tmp_path, path, extra=("--chunk-size", "2"))
    assert code == 1 and len(lines) == 1 and "row 2" in lines[0]
    assert sorted(docs["id"]) == ["quotes.csv#1", "quotes.csv#3", "quotes.csv#4", "quotes.csv#5"]


def test_csv_unbalanced_quote_at_the_end_of_the_file(tmp_path):
    path = tmp_path / "tail.csv"
    path.write_text('id,text\n1,Good row.\n2,"Never closed\n3,Also lost before the fix.\n', encoding="utf-8")
    items = list(iter_documents(path))
    assert [d.id for d in items if not isinstance(d, InputError)] == ["1", "3"]
    assert [i.row for i in items if isinstance(i, InputError)] == [2]


def test_csv_nul_in_one_cell_costs_that_row(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"id,text\n1,Good row one.\n2,Bad \x00 cell.\n3,Good row three.\n")
    code, errors, docs, _ = score(tmp_path, path)
    assert code == 1
    assert errors == [f"newstone: error: {path}: row 2: column 'text' holds a NUL character at character 4"]
    assert sorted(docs["id"]) == ["nul.csv#1", "nul.csv#3"]


def test_nul_after_the_first_8kb_is_refused(tmp_path):
    path = tmp_path / "late.txt"
    path.write_bytes(("Plain words. " * 1000).encode() + b"\x00 tail")
    with pytest.raises(InputError, match=r"binary content, not text \(a NUL byte at byte 13000\)"):
        read_document(path)


# --- file names and odd entries --------------------------------------------------------------------


def write_article(path: Path, i: int = 0) -> Path:
    path.write_text(f"{GOOD[i % 3]} {GOOD[(i + 1) % 3]}\n\nAnother paragraph, number {i}.", encoding="utf-8")
    return path


def test_odd_entries_are_named_and_the_rest_scored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_article(folder / "a.txt", 0)
    write_article(folder / ("b" * 240 + ".txt"), 1)  # long name: nothing appends a suffix to it
    (folder / "x.txt").mkdir()
    (folder / "broken.txt").symlink_to(folder / "missing-target.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    bad_name = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(bad_name, "wb") as f:
        f.write(b"Some text in a file with a latin-1 name.")
    files, problems = collect_inputs(folder)
    assert [f.label for f in files] == ["a.txt", "b" * 240 + ".txt"]
    assert sorted(p.problem for p in problems) == [
        "broken symbolic link (its target is missing)", "file name is not valid UTF-8; rename the file to read it",
        "is a directory, not a file", "symbolic link loop"]
    code, errors, docs, out = score(tmp_path, folder)
    assert code == 1 and len(errors) == 4
    assert any(f"{folder}/caf\\xe9.txt: file name is not valid UTF-8" in e for e in errors)
    assert sorted(docs["id"]) == ["a.txt", "b" * 240 + ".txt"]
    assert not list(out.glob("*.tmp-*")) and not list((out / "parts").glob("*.tmp-*"))
    json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_explicit_symlink_loop_is_one_error(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    good = write_article(tmp_path / "good.txt")
    code, errors, docs, _ = score(tmp_path, loop, good)
    assert code == 1 and errors == [f"newstone: error: {loop}: symbolic link loop"]
    assert list(docs["id"]) == ["good.txt"]


# --- HTML ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [300, 1500])
def test_deeply_nested_html_still_yields_its_text(tmp_path, depth):
    body = "".join(f"<p>{s} It happened on a Tuesday in the old port town.</p>" for s in GOOD)
    page = ("<html><head><title>Deep page</title></head><body>" + "<div>" * depth + f"<article>{body}</article>"
            + "</div>" * depth + "</body></html>")
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert GOOD[0] in doc.text and GOOD[2] in doc.text


def test_html_beyond_the_parser_depth_says_why(tmp_path):
    path = tmp_path / "abyss.html"
    path.write_text("<html><body>" + "<div>" * 3000 + "<p>Text.</p>" + "</div>" * 3000 + "</body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="nests elements 2048 levels deep or more"):
        read_document(path)


# --- resuming on content, size limit ---------------------------------------------------------------


def test_changed_bytes_with_the_same_size_and_mtime_are_rescored(tmp_path):
    path = jsonl(tmp_path / "same.jsonl", good_rows())
    stat = path.stat()
    code, _, first, out = score(tmp_path, path)
    assert code == 0
    text = path.read_text(encoding="utf-8").replace("happy", "angry")  # same length
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    code, _, second, _ = score(tmp_path, path)
    assert code == 0
    changed = second.set_index("id")["compound"] != first.set_index("id")["compound"]
    assert changed["same.jsonl#g2"] and not changed["same.jsonl#g1"]


def test_an_article_above_the_size_limit_is_refused_unless_raised(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(("The council met again. " * 50_000), encoding="utf-8")  # about 1.1 MB
    small = write_article(tmp_path / "small.txt")
    code, errors, docs, _ = score(tmp_path, big, small, extra=("--max-document-mb", "1"))
    assert code == 1
    assert errors == [f"newstone: error: {big}: is 1.1 MB, above the 1 MB limit for one article "
                      "(raise it with NEWSTONE_MAX_DOCUMENT_MB or --max-document-mb)"]
    assert list(docs["id"]) == ["small.txt"]
    code, errors, docs, _ = score(tmp_path, big, small, extra=("--max-document-mb", "2"))
    assert code == 0 and sorted(docs["id"]) == ["big.txt", "small.txt"]


# --- kill -9 ---------------------------------------------------------------------------------------


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kill_9_leaves_no_worker_and_the_rerun_equals_a_clean_run(tmp_path):
    rows = [json.dumps({"id": f"r{i}", "text": f"{GOOD[i % 3]} Row {i} said more. " * 3}) for i in range(2500)]
    path = jsonl(tmp_path / "many.jsonl", rows)
    out = tmp_path / "out"
    args = [sys.executable, "-m", "newstone.corpus.cli", str(path), "--out", str(out), "--jobs", "2",
            "--chunk-size", "5", "--no-progress"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    try:
        while len(list((out / "parts").glob("documents-*.arrow"))) < 2:
            assert proc.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline
            workers |= _children(proc.pid)
            time.sleep(0.02)
        workers |= _children(proc.pid)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert workers, "the run had no worker processes to check"
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if _alive(w)]
    assert not (out / "documents.parquet").exists()
    assert subprocess.run(args, capture_output=True, timeout=300).returncode == 0
    clean = tmp_path / "clean"
    assert subprocess.run(args[:5] + [str(clean)] + args[6:], capture_output=True, timeout=300).returncode == 0
    for name in ("documents.parquet", "sentences.parquet"):
        pd.testing.assert_frame_equal(pd.read_parquet(out / name), pd.read_parquet(clean / name))
    assert (out / "errors.jsonl").read_text() == (clean / "errors.jsonl").read_text()

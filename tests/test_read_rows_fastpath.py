"""Table rows read for bulk scoring (limit hoisted, no digest) equal the rows every reader yields."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest

from newstone.text import read_tables
from newstone.text.decode import sha256_hex
from newstone.text.read import Columns, InputError, iter_documents

ROWS = [
    {"id": "a1", "title": " One ", "date": "2024-03-05T10:00:00Z", "source": "Gazette", "text": "Plain text.\n\nMore."},
    {"id": "a2", "title": "", "date": "not a date", "text": "Caf\u00e9 \u201cquoted\u201d \u2014 emoji \U0001F600."},
    {"id": "a3", "text": ""},
    {"id": "a4", "text": "x" * 3000},
    {"id": "a5", "text": "NUL \x00 inside"},
    {"id": "a6", "title": "Lone \ud800 surrogate", "text": "ok text"},
    {"text": "no id at all"},
]


def _jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "t.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS) + "not json\n", encoding="utf-8")
    return path


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "t.csv"
    names = ["id", "title", "date", "source", "text"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(names)
        for r in ROWS:
            if "\x00" in r["text"] or "\ud800" in r.get("title", ""):
                continue  # not writable as UTF-8 CSV
            w.writerow([r.get(n, "") for n in names])
    return path


def _parquet(tmp_path: Path) -> Path:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    kept = [r for r in ROWS if "\ud800" not in r.get("title", "")]
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({n: [r.get(n) for r in kept] for n in ("id", "title", "date", "source", "text")}), path)
    return path


def _bulk(path: Path, columns: Columns) -> list:
    if path.suffix == ".jsonl":
        return list(read_tables.jsonl_rows(path, columns, digest=False))
    if path.suffix == ".csv":
        return list(read_tables.csv_rows(path, read_tables.csv_layout(path, columns), columns, digest=False))
    return list(read_tables.parquet_rows(path, read_tables.parquet_columns(path, columns), columns, digest=False))


def _same(a, b) -> bool:
    if isinstance(a, InputError) or isinstance(b, InputError):
        return str(a) == str(b)
    return a == b


@pytest.mark.parametrize("make", [_jsonl, _csv, _parquet])
@pytest.mark.parametrize("limit_mb", [None, "0.002", "0"])
def test_rows_without_digest_equal_the_rows_read_one_by_one(tmp_path, monkeypatch, make, limit_mb):
    """Same documents and same row errors, in order; only sha256 is left out (and is right when kept)."""
    if limit_mb is not None:
        monkeypatch.setenv("NEWSTONE_MAX_DOCUMENT_MB", limit_mb)
    path = make(tmp_path)
    columns = Columns()
    full = list(iter_documents(path, columns))
    bulk = _bulk(path, columns)
    assert len(full) == len(bulk) and len(full) >= 5
    for a, b in zip(full, bulk):
        if isinstance(a, InputError):
            assert str(a) == str(b)
            continue
        assert a.sha256 == sha256_hex(a.text.encode("utf-8")) and b.sha256 == ""
        assert _same(dataclasses.replace(a, sha256=""), b)
    errors = [str(e) for e in full if isinstance(e, InputError)]
    assert any("is empty" in e for e in errors)
    if limit_mb == "0.002":
        assert any("above the" in e for e in errors)


def test_row_document_with_a_given_limit_equals_the_environment_one(monkeypatch):
    monkeypatch.setenv("NEWSTONE_MAX_DOCUMENT_MB", "0.001")
    limit = read_tables.max_document_bytes()
    for n, record in enumerate(ROWS, start=1):
        a = read_tables.row_document("f.jsonl", n, record, Columns())
        b = read_tables.row_document("f.jsonl", n, record, Columns(), limit=limit)
        assert _same(a, b)


def test_column_names_are_cached_per_columns_and_unchanged():
    c = Columns(text="body", id="body", title="headline")
    assert c.names() == ["body", "headline", "date", "source", "author"]
    assert c.name_tuple == tuple(c.names()) and c.names() is not c.names()

"""The plan of a `newstone score` run: the input cut once, deterministically, into keyed parts.

A part is `chunk_size` rows of one table (for CSV and JSON Lines, found by one scan that records
the byte offset where each part starts; for Parquet, whole row groups) or `chunk_size`
consecutive article files. The key of a part hashes everything its rows depend on: the content
of the input file (a hash of its bytes, so an edit that keeps size and modification time is
still seen), the rows or files of the part, the scorer, the column names, and the newstone
version and code; with `--actors`, also that actors were asked for, the people layer's code and the
spaCy pipeline. A finished part whose key matches is reused; anything else is redone.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from newstone import __version__
from newstone.text.inputs import InputFile
from newstone.text.read import (
    TABLE_SUFFIXES,
    Columns,
    InputError,
    check_jsonl,
    csv_layout,
    file_suffix,
    iter_documents,
    parquet_columns,
)
from newstone.text.decode import max_document_bytes
from newstone.text.read_tables import csv_record_offsets

FORMAT_VERSION = 2
_BLOCK = 1 << 22
# The modules (and shipped scorer data) that decide the numbers; a change to any invalidates old parts.
_CODE_MODULES = ("text/decode", "text/read", "text/read_html", "text/read_tables", "text/clean", "text/segment", "text/segment_words",
                 "tone/*", "data/*.json", "analyze", "corpus/batch", "corpus/parts", "corpus/plan")
# ... and the modules that decide the actors (every module of the people layer, whatever its name).
_PEOPLE_MODULES = ("text/nlp", "text/clauses", "corpus/actors", "people/*")


class ScoreError(ValueError):
    """A problem with the call itself (unknown scorer, bad option, a locked folder), not with one input."""


@functools.lru_cache(maxsize=None)
def code_digest(modules: tuple[str, ...] = _CODE_MODULES) -> str:
    """A digest of the code that decides the numbers, as this process loaded it (read once)."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parents[1]
    for name in modules:
        file = name if name.endswith(".json") else f"{name}.py"
        paths = sorted(here.glob(file)) or [here / file]
        for path in paths:
            try:
                h.update(path.name.encode() + b"\0" + path.read_bytes())
            except OSError:
                h.update(name.encode())
    return h.hexdigest()[:16]


def people_digest() -> str:
    """A digest of the code that decides the actors."""
    return code_digest(_PEOPLE_MODULES)


def run_parameters(scorer: str, columns: Columns, actors: bool = False, targets: str | None = None) -> dict[str, Any]:
    """What every part's output depends on besides its rows (`targets`: the actors to follow, with actors)."""
    params: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "newstone": __version__,
        "code": code_digest(),
        "scorer": scorer,
        "columns": dataclasses.asdict(columns),
        "max_document_bytes": max_document_bytes(),  # a raised limit scores what was refused before
        "actors": actors,
    }
    if actors:  # the parse decides them: a changed people layer or pipeline is another result
        from newstone.text.nlp import PipelineUnavailable, pipeline_description

        try:
            params["pipeline"] = pipeline_description()
        except (PipelineUnavailable, ImportError) as exc:
            raise ScoreError(f"--actors needs the English spaCy pipeline ({exc})") from None
        params["people_code"] = people_digest()
        if targets:
            params["targets"] = targets
    if scorer == "vader":
        from newstone.tone.sentiment import lexicon_version

        params["lexicon"] = lexicon_version()
    else:  # trained scorers read their weights from newstone/data: a retrained model is another scorer
        h = hashlib.sha256()
        for path in sorted((Path(__file__).resolve().parents[1] / "data").glob("*")):
            if path.is_file():
                h.update(path.name.encode() + b"\0" + path.read_bytes())
        params["data"] = h.hexdigest()[:16]
    return params


def check_worker(params: dict[str, Any]) -> None:
    """Refuse a part when this process runs other code than the client that planned it."""
    mine = {"newstone": __version__, "code": code_digest()}
    if params.get("actors"):
        mine["people_code"] = people_digest()
    theirs = {k: params.get(k) for k in mine}
    if theirs != mine:
        def describe(v: dict[str, Any]) -> str:
            people = f", people code {v['people_code']}" if "people_code" in v else ""
            return f"{v['newstone']} (code {v['code']}{people})"

        raise RuntimeError(f"this worker runs newstone {describe(mine)}, the client {describe(theirs)}; "
                           "install the same newstone on every worker")


def content_digest(path: str) -> str | None:
    """A cheap hash of a file's bytes (SHA-1, read in blocks); None when it cannot be read."""
    h = hashlib.sha1()
    try:
        with open(path, "rb") as f:
            while block := f.read(_BLOCK):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def _jsonl_chunks(path: str, chunk: int) -> tuple[list[list[int]], int, str]:
    """[[byte offset, first line, lines], ...] cutting every `chunk` lines; the line count; the content hash."""
    starts = [0]
    count = 0  # newlines seen
    target = chunk
    pos = 0
    last = b""
    h = hashlib.sha1()
    with open(path, "rb") as f:
        while block := f.read(_BLOCK):
            h.update(block)
            i = 0
            while True:
                need = target - count
                if block.count(b"\n", i) < need:
                    count += block.count(b"\n", i)
                    break
                for _ in range(need):
                    i = block.index(b"\n", i) + 1
                count += need
                starts.append(pos + i)
                target += chunk
            pos += len(block)
            last = block[-1:]
    lines = count + (1 if pos and last != b"\n" else 0)
    if len(starts) > 1 and starts[-1] >= pos:
        starts.pop()  # the file ends right at a cut
    return [[s, j * chunk + 1, min(chunk, lines - j * chunk)] for j, s in enumerate(starts)], lines, h.hexdigest()


def _csv_chunks(path: str, layout: Any, chunk: int) -> tuple[list[list[int]], int]:
    """[[byte offset, first row, rows], ...] every `chunk` data rows (rows as newstone.text.read counts them)."""
    chunks: list[list[int]] = []
    row = 0
    for offset in csv_record_offsets(path, layout):
        row += 1
        if (row - 1) % chunk == 0:
            chunks.append([offset, row, 0])
        chunks[-1][2] += 1
    return chunks, row


def _plan_table(f: InputFile, columns: Columns, chunk: int, previous: dict[str, Any] | None) -> dict[str, Any]:
    """Check a table (as iter_documents does) and cut it into row ranges; reuse an unchanged file's cut."""
    suffix = file_suffix(f.display)
    if suffix == ".jsonl":
        check_jsonl(f.display, columns)
        chunks, rows, digest = _jsonl_chunks(f.path, chunk)
        return {"format": "jsonl", "chunks": chunks, "rows": rows, "digest": digest}
    if suffix == ".csv":
        layout = csv_layout(f.display, columns)
        digest = content_digest(f.path)
        if previous and previous.get("digest") == digest and previous.get("format") == "csv":
            return previous
        plan = {"format": "csv", "encoding": layout.encoding, "warnings": list(layout.warnings),
                "header": layout.header, "digest": digest}
        if not layout.seekable:  # a BOM'd, stateful codec: read in one sequential part
            return dict(plan, chunks=[[-1, 1, -1]], rows=-1)
        chunks, rows = _csv_chunks(f.path, layout, chunk)
        return dict(plan, chunks=chunks, rows=rows)
    import pyarrow.parquet as pq

    wanted = parquet_columns(f.display, columns)
    with pq.ParquetFile(f.path) as table:
        sizes = [table.metadata.row_group(g).num_rows for g in range(table.metadata.num_row_groups)]
    chunks: list[list[Any]] = []
    row = 1
    for g, size in enumerate(sizes):
        if not chunks or chunks[-1][2] >= chunk:
            chunks.append([[], row, 0])
        chunks[-1][0].append(g)
        chunks[-1][2] += size
        row += size
    return {"format": "parquet", "columns": wanted, "chunks": chunks, "rows": row - 1, "digest": content_digest(f.path)}


def plan_parts(
    files: list[InputFile], columns: Columns, chunk_size: int, params: dict[str, Any],
    previous: dict[str, Any] | None = None, problems: list[InputError] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    """(parts, file entries, warnings): the deterministic cut of the input into parts.

    A CSV table whose content hash matches the previous manifest's entry keeps that entry's cut
    without being parsed again (JSON Lines are cut while hashing, which costs the same).
    `problems` (from `collect_inputs`) become error parts first.
    """
    old = {}
    if previous and previous.get("columns") == dataclasses.asdict(columns) and previous.get("chunk_size") == chunk_size:
        old = {e["path"]: e for e in previous.get("files", []) if e.get("kind") == "table"}
    entries: list[dict[str, Any]] = []
    parts: list[dict[str, Any]] = []
    warnings: list[str] = []
    group: list[dict[str, Any]] = []

    def add_part(part: dict[str, Any]) -> None:
        part["index"] = len(parts)
        identity = {k: v for k, v in part.items() if k != "index"}
        part["key"] = hashlib.sha256(json.dumps([params, identity], sort_keys=True).encode()).hexdigest()[:32]
        parts.append(part)

    def flush_group() -> None:
        if group:
            add_part({"kind": "files", "files": list(group)})
            group.clear()

    for exc in problems or []:  # entries of folders and globs that cannot be inputs
        entries.append({"display": exc.path, "kind": "error", "error": str(exc)})
        add_part({"kind": "error", "error": str(exc), "source": exc.path})

    for f in files:
        entry: dict[str, Any] = {"display": f.display, "path": f.path, "label": f.label}
        try:
            suffix = file_suffix(f.display)
            if not os.path.exists(f.path):
                iter_documents(f.display, columns)  # raises the library's "file not found" (or link problem)
            if suffix not in TABLE_SUFFIXES:
                entry["kind"] = "document"
                entries.append(entry)
                group.append({"display": f.display, "path": f.path, "label": f.label, "digest": content_digest(f.path)})
                if len(group) >= chunk_size:
                    flush_group()
                continue
            flush_group()
            prev = old.get(f.path)
            same = prev is not None and prev.get("label") == f.label and prev.get("display") == f.display
            table = _plan_table(f, columns, chunk_size, prev["table"] if same else None)
        except InputError as exc:
            flush_group()
            entry["kind"] = "error"
            entry["error"] = str(exc)
            entries.append(entry)
            add_part({"kind": "error", "error": str(exc), "source": f.display})
            continue
        entry["kind"] = "table"
        entry["table"] = table
        entries.append(entry)
        warnings += table.get("warnings", [])
        common = {"display": f.display, "path": f.path, "label": f.label, "digest": table["digest"],
                  "format": table["format"]}
        for chunk in table["chunks"]:
            spec = dict(common, offset=chunk[0], first_row=chunk[1], rows=chunk[2])
            if table["format"] == "csv":
                spec.update(encoding=table["encoding"], header=table["header"], warnings=table["warnings"])
            elif table["format"] == "parquet":
                spec.update(columns=table["columns"])
            add_part({"kind": "table", "table": spec})
    flush_group()
    return parts, entries, warnings


def part_rows(part: dict[str, Any]) -> int:
    """How many rows or files a part covers (0 when unknown)."""
    if part["kind"] == "files":
        return len(part["files"])
    if part["kind"] == "table":
        return max(0, part["table"]["rows"])
    return 0


def part_where(part: dict[str, Any]) -> str:
    """Which input a part covers, for messages: 'file: rows 1-500', or its first and last files."""
    if part["kind"] == "table":
        t = part["table"]
        last = t["first_row"] + t["rows"] - 1
        return f"{t['display']}: rows {t['first_row']}-{last}" if t["rows"] > 0 else t["display"]
    if part["kind"] == "files":
        files = part["files"]
        return files[0]["display"] + (f" … {files[-1]['display']}" if len(files) > 1 else "")
    return part.get("source", "?")

"""Score a whole corpus: every sentence of every document, into two Parquet tables.

`newstone score INPUT... --out DIR` (or `score_corpus`) reads folders of files, globs and tables
(CSV, JSON Lines, Parquet), cleans, segments and scores each document, and writes

* `DIR/documents.parquet`: one row per document (id, source, title, date, site, counts and
  tone aggregates, as `newstone.corpus.DOCUMENT_COLUMNS` without the quote count);
* `DIR/sentences.parquet`: one row per sentence (`newstone.corpus.SENTENCE_COLUMNS`);
* `DIR/errors.jsonl`: one JSON object per document, row or file that could not be scored;
* `DIR/manifest.json`: the inputs, parameters and plan of the run, and its totals.

How it scales
-------------
The input is cut into *parts* once, deterministically, before anything is scored: a part is
`chunk_size` rows of one table (for CSV and JSON Lines, found by one scan that records the byte
offset where each part starts; for Parquet, whole row groups) or `chunk_size` consecutive
article files. Each part is scored by a worker that reads only its own rows and streams them
through cleaning, segmentation and scoring in batches, so memory depends on the chunk size,
never on the corpus. A worker writes its part as `DIR/parts/documents-NNNNN.parquet`,
`sentences-NNNNN.parquet` and `errors-NNNNN.jsonl`, each to a temporary file renamed into place,
documents last: a part whose documents file exists and carries the part's key is finished.

The key of a part hashes everything its rows depend on: the input file (path, size, modification
time), the rows or files of the part, the scorer, the column names, and the newstone version and
code. A second run over the same DIR skips finished parts with a matching key and redoes the
rest, so an interrupted run resumes where it stopped, and a changed input or scorer never reuses
stale parts. The final tables are assembled from the parts in plan order by the client alone,
so they are the same whether the run was interrupted or not, local or on a dask cluster.

Engines: `local` runs parts in `jobs` processes (in this process for `jobs=1`); `dask` runs
them on a `distributed` cluster, a new local one or an existing one given by its scheduler
address. Workers read the inputs and write the parts themselves, so on a real cluster inputs
and DIR must be on storage every worker sees at the same path.

Document ids are unique and stable: a file's label (its path below the folder or glob it was
found by, or its name) for an article file, `label#id` for a table row (the id column, else the
row number). A repeated id within a table gets `~2`, `~3`, ... in order of appearance.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import functools
import glob
import hashlib
import io
import json
import os
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from newstone import __version__
from newstone.read import (
    TABLE_SUFFIXES,
    Columns,
    Document,
    InputError,
    file_suffix,
    iter_documents,
)

DEFAULT_CHUNK_SIZE = 500
BATCH_DOCUMENTS = 200  # documents scored at once inside a part: bounds a worker's memory
FORMAT_VERSION = 1
PART_KEY = b"newstone.part"
TABLE_META = b"newstone.score"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

# The modules whose code decides the numbers; a change to any of them invalidates old parts.
_CODE_MODULES = ("read", "clean", "segment", "registry", "vader", "sentiment", "calibrate", "scorers", "fastvader",
                 "analyze", "score")

DOCUMENT_FIELDS = [
    ("id", "string"), ("source", "string"), ("title", "string"), ("date", "string"), ("site", "string"),
    ("n_paragraphs", "int64"), ("n_sentences", "int64"), ("compound", "float64"),
    ("share_negative", "float64"), ("share_neutral", "float64"), ("share_positive", "float64"),
    ("n_removed", "int64"),
]
SENTENCE_FIELDS = [
    ("doc_id", "string"), ("paragraph", "int64"), ("sentence", "int64"), ("text", "string"),
    ("neg", "float64"), ("neu", "float64"), ("pos", "float64"), ("compound", "float64"),
]


class ScoreError(ValueError):
    """A problem with the call itself (unknown scorer, bad option), not with one input."""


def _schema(fields: list[tuple[str, str]], metadata: dict[bytes, bytes] | None = None) -> Any:
    import pyarrow as pa

    return pa.schema([pa.field(name, getattr(pa, kind)()) for name, kind in fields], metadata=metadata)


# --- scoring one document ------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def resolve_scorer(name: str) -> Any:
    """The scorer registered under `name`; nltk's VADER gets the fast path, which gives equal scores.

    `FastVader` is proven equal to nltk's `polarity_scores` by tests/test_fastvader.py, so it
    stands in for the reference `VaderScorer` (same lexicon, same rules) and for nothing else.
    When `vader` is still the stock registration, FastVader is built without nltk, which saves
    each worker process the 1.5 s nltk takes to import.  Compounds are on the calibrated scale
    reports use (`newstone.calibrate`), so tables and reports agree.
    """
    from newstone.calibrate import CalibratedScorer, load_calibrations

    return CalibratedScorer(_raw_scorer(name), load_calibrations().get(name))


def _raw_scorer(name: str) -> Any:
    """The scorer's own (uncalibrated) implementation, FastVader for nltk's VADER."""
    from newstone import sentiment
    from newstone.fastvader import FastVader

    entry = getattr(sentiment, "_REGISTRY", {}).get(name)
    if entry is not None and entry[0] is getattr(sentiment, "_vader", None):
        fast = FastVader()
        if fast.exact_fast_path:
            return fast
    scorer = sentiment.get_scorer(name)
    if type(scorer) is sentiment.VaderScorer:
        fast = FastVader(scorer.analyzer)
        if fast.exact_fast_path:
            return fast
    return scorer


def _check_scorer(name: str) -> None:
    """Refuse an unknown scorer name before any work, without building the scorer."""
    from newstone import sentiment

    if name in getattr(sentiment, "_REGISTRY", {}):
        return
    names = sentiment.available_scorers()  # registers the optional scorers too
    if name not in names:
        raise sentiment.UnknownScorerError(f"unknown scorer {name!r}; available: {', '.join(names)}")


def _score_tuples(scorer: Any, texts: list[str]) -> list[tuple[float, float, float, float]]:
    if hasattr(scorer, "score_tuples"):
        return scorer.score_tuples(texts)
    return [(float(d["neg"]), float(d["neu"]), float(d["pos"]), float(d["compound"])) for d in scorer.score_many(texts)]


@dataclasses.dataclass
class Prepared:
    """A cleaned and segmented document, ready to score."""

    title: str
    n_paragraphs: int
    n_removed: int
    paragraphs: list[int]  # paragraph index of each sentence
    sentences: list[str]


def prepare_document(doc: Document) -> Prepared:
    """Clean and segment one document the way `newstone.analyze.analyze_document` does.

    The same cleaning (`clean_text`), the same headline rule (a short first line without
    closing punctuation becomes the title and is not scored), the same segmenter, the same
    title choice; without quotes, actors and driver words, which bulk scoring does not need.
    """
    from newstone.analyze import _headline, shorten
    from newstone.clean import clean_text
    from newstone.segment import sentence_spans

    markdown = doc.source.lower().endswith((".md", ".markdown"))
    cleaned = clean_text(doc.text, markdown=markdown)
    paragraphs = list(cleaned.paragraphs)
    n_removed = len(cleaned.removed)
    headline = None if (doc.title or cleaned.title) else _headline(paragraphs)
    if headline:
        paragraphs = paragraphs[1:]
        n_removed += 1
    if not paragraphs:
        raise InputError(doc.source, "no article text left after cleaning")
    para_index: list[int] = []
    texts: list[str] = []
    for p, para in enumerate(paragraphs):
        for s, e in sentence_spans(para):
            para_index.append(p)
            texts.append(para[s:e])
    title = None
    for candidate in (headline, doc.title, cleaned.title):  # analyze.choose_title's order
        if candidate and candidate.strip():
            title = candidate.strip()
            break
    if title is None:
        title = shorten(texts[0]) if texts else Path(doc.source).stem
    return Prepared(title, len(paragraphs), n_removed, para_index, texts)


def tone_aggregates(compounds: Sequence[float]) -> tuple[float, float, float, float]:
    """(mean compound, share negative, share neutral, share positive), as `document_tone` computes them."""
    import numpy as np

    n = len(compounds)
    if n == 0:
        return 0.0, 0.0, 0.0, 0.0
    values = np.asarray(compounds, dtype="float64")
    negative = int((values <= -0.05).sum())
    positive = int((values >= 0.05).sum())
    return float(values.sum() / n), negative / n, (n - negative - positive) / n, positive / n


def score_document(doc: Document, scorer: str | Any = "vader", doc_id: str | None = None) -> tuple[dict[str, Any], Any]:
    """One document's row (as in documents.parquet) and its sentences (a DataFrame as in sentences.parquet)."""
    import pandas as pd

    s = resolve_scorer(scorer) if isinstance(scorer, str) else scorer
    doc_rows, sentence_columns, errors = _score_batch([(doc, doc_id or doc.id or Path(doc.source).stem)], s)
    if errors:
        raise errors[0]
    row = {name: values[0] for name, values in doc_rows.items()}
    return row, pd.DataFrame(sentence_columns, columns=[name for name, _ in SENTENCE_FIELDS])


def _score_batch(
    docs: list[tuple[Document, str]], scorer: Any
) -> tuple[dict[str, list[Any]], dict[str, list[Any]], list[InputError]]:
    """Score documents together (one call to the scorer); a document that fails becomes an error."""
    prepared: list[tuple[Document, str, Prepared]] = []
    errors: list[InputError] = []
    for doc, doc_id in docs:
        try:
            prepared.append((doc, doc_id, prepare_document(doc)))
        except InputError as exc:
            errors.append(exc)
        except Exception as exc:  # one odd document must not stop a corpus
            errors.append(InputError(doc.source, f"cannot clean or segment ({type(exc).__name__}: {exc})"))
    texts = [t for _, _, p in prepared for t in p.sentences]
    try:
        scores = _score_tuples(scorer, texts)
    except Exception:
        scores = None
    if scores is None:  # find the document the scorer fails on, keep the others
        kept, scores = [], []
        for item in prepared:
            try:
                scores += _score_tuples(scorer, item[2].sentences)
                kept.append(item)
            except Exception as exc:
                errors.append(InputError(item[0].source, f"cannot score ({type(exc).__name__}: {exc})"))
        prepared = kept
    doc_rows: dict[str, list[Any]] = {name: [] for name, _ in DOCUMENT_FIELDS}
    sent: dict[str, list[Any]] = {name: [] for name, _ in SENTENCE_FIELDS}
    k = 0
    for doc, doc_id, p in prepared:
        n = len(p.sentences)
        block = scores[k : k + n]
        k += n
        compounds = [s[3] for s in block]
        compound, share_neg, share_neu, share_pos = tone_aggregates(compounds)
        for name, value in (
            ("id", doc_id), ("source", doc.source), ("title", p.title), ("date", doc.date), ("site", doc.site),
            ("n_paragraphs", p.n_paragraphs), ("n_sentences", n), ("compound", compound),
            ("share_negative", share_neg), ("share_neutral", share_neu), ("share_positive", share_pos),
            ("n_removed", p.n_removed),
        ):
            doc_rows[name].append(value)
        sent["doc_id"] += [doc_id] * n
        sent["paragraph"] += p.paragraphs
        sent["sentence"] += range(n)
        sent["text"] += p.sentences
        sent["neg"] += [s[0] for s in block]
        sent["neu"] += [s[1] for s in block]
        sent["pos"] += [s[2] for s in block]
        sent["compound"] += compounds
    return doc_rows, sent, errors


# --- inputs and their labels ---------------------------------------------------------------------


@dataclasses.dataclass
class InputFile:
    """One input file: where it is, how it is shown, and the label its document ids start with."""

    display: str  # the path as the user gave it (or as found in their folder/glob)
    path: str  # absolute, what workers open
    label: str


def _glob_root(pattern: str) -> Path:
    parts = Path(pattern).parts
    root: list[str] = []
    for part in parts:
        if glob.has_magic(part):
            break
        root.append(part)
    return Path(*root) if root else Path(".")


def collect_inputs(inputs: str | os.PathLike | Iterable[str | os.PathLike]) -> list[InputFile]:
    """Input files in order, each once, with labels unique within the run."""
    from newstone.corpus import resolve_inputs

    items: list[str] = []
    for spec in [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs):
        items += [part.strip() for part in str(spec).split(";") if part.strip()]
    found: list[InputFile] = []
    seen: set[str] = set()
    for item in items:
        root = _glob_root(item) if glob.has_magic(item) else None
        for path in resolve_inputs(item):
            absolute = os.path.abspath(path)
            if absolute in seen:
                continue
            seen.add(absolute)
            if root is not None:
                try:
                    label = Path(path).relative_to(root).as_posix()
                except ValueError:
                    label = Path(path).name
            else:
                label = Path(path).name
            found.append(InputFile(str(path), absolute, label))
    # Two files with the same label (a/x.csv, b/x.csv): add parent folders until they differ.
    for _ in range(64):
        counts: dict[str, int] = {}
        for f in found:
            counts[f.label] = counts.get(f.label, 0) + 1
        clashes = [f for f in found if counts[f.label] > 1]
        if not clashes:
            break
        for f in clashes:
            parts = Path(f.path).parts
            depth = len(Path(f.label).parts) + 1
            f.label = Path(*parts[-depth:]).as_posix() if depth <= len(parts) else f.path
    return found


# --- the plan: deterministic parts ---------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def _code_digest() -> str:
    """A digest of the code that decides the numbers, as this process loaded it (read once)."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in _CODE_MODULES:
        try:
            h.update((here / f"{name}.py").read_bytes())
        except OSError:
            h.update(name.encode())
    return h.hexdigest()[:16]


def run_parameters(scorer: str, columns: Columns) -> dict[str, Any]:
    """What every part's output depends on besides its rows."""
    params: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "newstone": __version__,
        "code": _code_digest(),
        "scorer": scorer,
        "columns": dataclasses.asdict(columns),
    }
    if scorer == "vader":
        from newstone.sentiment import lexicon_version

        params["lexicon"] = lexicon_version()
    else:  # trained scorers read their weights from newstone/data: a retrained model is another scorer
        h = hashlib.sha256()
        for path in sorted((Path(__file__).resolve().parent / "data").glob("*")):
            if path.is_file():
                h.update(path.name.encode() + b"\0" + path.read_bytes())
        params["data"] = h.hexdigest()[:16]
    return params


def _stat(path: str) -> dict[str, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _jsonl_chunks(path: str, chunk: int) -> tuple[list[list[int]], int]:
    """[[byte offset, first line, lines], ...] cutting the file every `chunk` lines; and the line count."""
    starts = [0]
    count = 0  # newlines seen
    target = chunk
    pos = 0
    last = b""
    with open(path, "rb") as f:
        while True:
            block = f.read(1 << 22)
            if not block:
                break
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
    return [[s, j * chunk + 1, min(chunk, lines - j * chunk)] for j, s in enumerate(starts)], lines


def _csv_chunks(path: str, encoding: str, chunk: int) -> tuple[list[list[int]], int]:
    """[[byte offset, first row, rows], ...] every `chunk` data rows (rows as newstone.read counts them)."""
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    with open(path, "rb") as raw:
        bom = 3 if encoding == "utf-8-sig" and raw.read(3) == b"\xef\xbb\xbf" else 0
    pos = [bom]
    chunks: list[list[int]] = []
    with open(path, encoding=encoding, errors="surrogateescape", newline="") as f:

        def lines() -> Iterator[str]:
            for line in f:
                pos[0] += len(line.encode(codec, "surrogateescape"))
                yield line

        reader = csv.reader(lines())
        header_seen = False
        row = 0
        while True:
            start = pos[0]
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error:
                record = None  # a row newstone.read reports as unreadable
            if record is not None and not record:
                continue  # blank line: not a row
            if not header_seen:
                header_seen = True
                continue
            row += 1
            if (row - 1) % chunk == 0:
                chunks.append([start, row, 0])
            chunks[-1][2] += 1
    return chunks, row


def _plan_table(f: InputFile, columns: Columns, chunk: int) -> dict[str, Any]:
    """Check a table (as iter_documents does) and cut it into row ranges."""
    suffix = file_suffix(f.display)
    iter_documents(f.display, columns)  # whole-file problems raise here, before any row
    if suffix == ".jsonl":
        chunks, rows = _jsonl_chunks(f.path, chunk)
        return {"format": "jsonl", "chunks": chunks, "rows": rows}
    if suffix == ".csv":
        from newstone.read import _csv_header, sniff_table_encoding

        encoding, warnings = sniff_table_encoding(f.display)
        header = _csv_header(f.display, encoding)
        if encoding == "utf-16":  # a BOM'd, stateful codec: read in one sequential part
            return {"format": "csv", "encoding": encoding, "warnings": list(warnings), "header": header,
                    "chunks": [[-1, 1, -1]], "rows": -1}
        chunks, rows = _csv_chunks(f.path, encoding, chunk)
        return {"format": "csv", "encoding": encoding, "warnings": list(warnings), "header": header,
                "chunks": chunks, "rows": rows}
    import pyarrow.parquet as pq

    with pq.ParquetFile(f.path) as table:
        names = table.schema_arrow.names
        sizes = [table.metadata.row_group(g).num_rows for g in range(table.metadata.num_row_groups)]
    wanted = [name for name in columns.names() if name in names]
    chunks: list[list[Any]] = []
    row = 1
    for g, size in enumerate(sizes):
        if not chunks or chunks[-1][2] >= chunk:
            chunks.append([[], row, 0])
        chunks[-1][0].append(g)
        chunks[-1][2] += size
        row += size
    return {"format": "parquet", "columns": wanted, "chunks": chunks, "rows": row - 1}


def plan_parts(
    files: list[InputFile], columns: Columns, chunk_size: int, params: dict[str, Any],
    previous: dict[str, Any] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    """(parts, file entries, warnings): the deterministic cut of the input into parts.

    A table whose path, size and modification time match the previous manifest's entry keeps
    that entry's cut without being scanned again.
    """
    old = {}
    if previous and previous.get("columns") == dataclasses.asdict(columns) and previous.get("chunk_size") == chunk_size:
        old = {e["path"]: e for e in previous.get("files", [])}
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

    for f in files:
        stat = _stat(f.path)
        entry: dict[str, Any] = {"display": f.display, "path": f.path, "label": f.label, "stat": stat}
        try:
            suffix = file_suffix(f.display)
            if stat is None:
                iter_documents(f.display, columns)  # raises the library's "file not found"
            if suffix not in TABLE_SUFFIXES:
                entry["kind"] = "document"
                entries.append(entry)
                group.append({"display": f.display, "path": f.path, "label": f.label, "stat": stat})
                if len(group) >= chunk_size:
                    flush_group()
                continue
            flush_group()
            prev = old.get(f.path)
            if prev and prev.get("stat") == stat and prev.get("kind") == "table" and prev.get("label") == f.label \
                    and prev.get("display") == f.display:
                table = prev["table"]
            else:
                table = _plan_table(f, columns, chunk_size)
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
        common = {"display": f.display, "path": f.path, "label": f.label, "stat": stat, "format": table["format"]}
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


# --- reading one part ----------------------------------------------------------------------------


def _relabel(exc: InputError, path: str, display: str) -> InputError:
    shown = display if exc.path == path else exc.path
    return InputError(shown, exc.problem, exc.row)


def iter_part_documents(part: dict[str, Any], columns: Columns) -> Iterator[tuple[Document, str] | InputError]:
    """(document, id) pairs of a part in input order; a bad row or file comes as an InputError."""
    if part["kind"] == "files":
        for f in part["files"]:
            try:
                docs = list(iter_documents(f["path"], columns))
            except InputError as exc:
                yield _relabel(exc, f["path"], f["display"])
                continue
            for doc in docs:
                if isinstance(doc, InputError):
                    yield _relabel(doc, f["path"], f["display"])
                else:
                    yield dataclasses.replace(doc, source=f["display"]), f["label"]
        return
    spec = part["table"]
    label = spec["label"]
    for item in _iter_table_rows(spec, columns):
        if isinstance(item, InputError):
            yield item
        else:
            yield item, f"{label}#{item.id}"


def _iter_table_rows(spec: dict[str, Any], columns: Columns) -> Iterator[Document | InputError]:
    """The rows of one part of a table, exactly as newstone.read.iter_documents yields them."""
    from newstone import read

    path, display = spec["path"], spec["display"]
    first, rows = spec["first_row"], spec["rows"]
    if spec["format"] == "jsonl":
        with open(path, "rb") as f:
            f.seek(spec["offset"])
            for row, line in zip(range(first, first + rows), f):
                if not line.strip():
                    continue
                try:
                    record = read._json_object(line)
                except ValueError as exc:
                    yield InputError(display, str(exc), row=row)
                    continue
                yield read.row_document(display, row, record, columns)
        return
    if spec["format"] == "csv":
        encoding, header, warnings = spec["encoding"], spec["header"], tuple(spec["warnings"])
        if spec["offset"] < 0:  # read sequentially (UTF-16)
            for item in iter_documents(path, columns):
                yield _relabel(item, path, display) if isinstance(item, InputError) else dataclasses.replace(
                    item, source=display + item.source[len(path):])
            return
        csv.field_size_limit(max(csv.field_size_limit(), read._CSV_FIELD_LIMIT))
        name = read._encoding_name(encoding)
        codec = "utf-8" if encoding == "utf-8-sig" else encoding
        with open(path, "rb") as raw:
            raw.seek(spec["offset"])
            f = io.TextIOWrapper(raw, encoding=codec, errors="surrogateescape", newline="")
            for row, record in zip(range(first, first + rows), read._csv_records(f)):
                if isinstance(record, csv.Error):
                    yield InputError(display, f"unreadable CSV record ({record})", row=row)
                elif len(record) != len(header):
                    yield InputError(display, f"has {len(record)} fields but the header has {len(header)}", row=row)
                else:
                    values = dict(zip(reversed(header), reversed(record)))
                    yield read.row_document(display, row, values, columns, name, warnings)
        return
    import pyarrow as pa
    import pyarrow.parquet as pq

    row = first - 1
    try:
        with pq.ParquetFile(path) as table:
            for batch in table.iter_batches(batch_size=read.CHUNK_ROWS, columns=spec["columns"], row_groups=spec["offset"]):
                for record in batch.to_pylist():
                    row += 1
                    yield read.row_document(display, row, record, columns)
    except (pa.ArrowException, OSError) as exc:
        yield InputError(display, f"cannot read Parquet data after row {row} ({exc})")


# --- running one part (in a worker) --------------------------------------------------------------


def part_paths(out: str | os.PathLike, index: int) -> dict[str, Path]:
    parts = Path(out) / "parts"
    return {
        "documents": parts / f"documents-{index:05d}.parquet",
        "sentences": parts / f"sentences-{index:05d}.parquet",
        "errors": parts / f"errors-{index:05d}.jsonl",
    }


def _tmp(path: Path) -> Path:
    return path.with_name(f"{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")


def _error_record(exc: InputError) -> dict[str, Any]:
    return {"source": exc.path, "row": exc.row, "error": str(exc)}


def run_part(task: dict[str, Any]) -> dict[str, Any]:
    """Score one part and write its files; the unit of work that processes and dask workers run.

    `task` holds the part (from `plan_parts`), the output folder, the scorer name, the columns
    and the run parameters; returns counts and the error messages for the client to print.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    started = time.perf_counter()
    params = task["params"]
    if params["code"] != _code_digest() or params["newstone"] != __version__:
        raise RuntimeError(
            f"this worker runs newstone {__version__} (code {_code_digest()}), the client "
            f"{params['newstone']} (code {params['code']}); install the same newstone on every worker"
        )
    part, out = task["part"], task["out"]
    columns = Columns(**task["columns"])
    scorer = resolve_scorer(task["scorer"])
    paths = part_paths(out, part["index"])
    meta = {PART_KEY: part["key"].encode()}
    tmp = {name: _tmp(path) for name, path in paths.items()}
    n_docs = n_sents = 0
    errors: list[dict[str, Any]] = []
    doc_schema = _schema(DOCUMENT_FIELDS, meta)
    sent_schema = _schema(SENTENCE_FIELDS, meta)
    try:
        with pq.ParquetWriter(tmp["documents"], doc_schema) as doc_writer, \
                pq.ParquetWriter(tmp["sentences"], sent_schema) as sent_writer, \
                open(tmp["errors"], "w", encoding="utf-8") as err_file:

            def flush(batch: list[tuple[Document, str]]) -> None:
                nonlocal n_docs, n_sents
                doc_rows, sent_rows, failed = _score_batch(batch, scorer)
                for exc in failed:
                    errors.append(_error_record(exc))
                    err_file.write(json.dumps(errors[-1], ensure_ascii=False) + "\n")
                if doc_rows["id"]:
                    doc_writer.write_table(pa.Table.from_pydict(doc_rows, schema=doc_schema))
                    sent_writer.write_table(pa.Table.from_pydict(sent_rows, schema=sent_schema))
                    n_docs += len(doc_rows["id"])
                    n_sents += len(sent_rows["doc_id"])

            batch: list[tuple[Document, str]] = []
            for item in iter_part_documents(part, columns):
                if isinstance(item, InputError):
                    flush(batch)  # keep errors in input order with the documents around them
                    batch = []
                    errors.append(_error_record(item))
                    err_file.write(json.dumps(errors[-1], ensure_ascii=False) + "\n")
                    continue
                batch.append(item)
                if len(batch) >= BATCH_DOCUMENTS:
                    flush(batch)
                    batch = []
            flush(batch)
        # Documents last: its presence with the right key marks the part finished.
        os.replace(tmp["errors"], paths["errors"])
        os.replace(tmp["sentences"], paths["sentences"])
        os.replace(tmp["documents"], paths["documents"])
    finally:
        for path in tmp.values():
            if path.exists():
                path.unlink()
    return {
        "index": part["index"], "documents": n_docs, "sentences": n_sents, "rows": part_rows(part),
        "errors": [e["error"] for e in errors], "seconds": time.perf_counter() - started, "reused": False,
    }


def finished_part(out: str | os.PathLike, part: dict[str, Any]) -> dict[str, Any] | None:
    """Counts and errors of a part already written with this key, or None when it must be (re)done."""
    import pyarrow.parquet as pq

    paths = part_paths(out, part["index"])
    try:
        for name in ("documents", "sentences"):
            meta = pq.read_schema(paths[name]).metadata or {}
            if meta.get(PART_KEY) != part["key"].encode():
                return None
        n_docs = pq.ParquetFile(paths["documents"]).metadata.num_rows
        n_sents = pq.ParquetFile(paths["sentences"]).metadata.num_rows
        with open(paths["errors"], encoding="utf-8") as f:
            errors = [json.loads(line)["error"] for line in f if line.strip()]
    except Exception:  # missing, truncated or foreign: redo the part
        return None
    return {"index": part["index"], "documents": n_docs, "sentences": n_sents, "rows": part_rows(part),
            "errors": errors, "seconds": 0.0, "reused": True}


# --- engines ---------------------------------------------------------------------------------------


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _warm(scorer: str) -> None:
    """Import everything and build the scorer once, while the client is still planning."""
    import newstone.analyze  # noqa: F401  (headline and title rules)

    resolve_scorer(scorer)


class _LocalEngine:
    """Parts in this process (jobs=1) or in a pool of `jobs` spawned processes, warmed up at once."""

    def __init__(self, jobs: int, scorer: str):
        self.jobs = jobs
        self.pool: Any = None
        self.warm: list[Any] = []
        if jobs > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"))
            self.warm = [self.pool.submit(_warm, scorer) for _ in range(jobs)]

    def run(self, tasks: list[dict[str, Any]], on_done: Callable[[dict[str, Any]], None]) -> list[str]:
        if self.pool is None:
            for task in tasks:
                on_done(run_part(task))
            return []
        from concurrent.futures import as_completed

        for future in self.warm:
            exc = future.exception()
            if exc is not None:
                raise ScoreError(f"cannot start the workers ({type(exc).__name__}: {exc})")
        futures = {self.pool.submit(run_part, task): task for task in tasks}
        return _collect(as_completed(futures), futures, on_done)

    def close(self, interrupted: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _collect(done: Iterable[Any], futures: dict[Any, dict[str, Any]], on_done: Callable[[dict[str, Any]], None]) -> list[str]:
    """Hand each finished part to `on_done` as it completes; a failed part becomes a message.

    Both engines use it: `done` is their own as_completed over `futures` (future -> task).
    """
    failures: list[str] = []
    for future in done:
        try:
            result = future.result()
        except Exception as exc:
            failures.append(_part_failure(futures[future]["part"], exc))
            continue
        on_done(result)
    return failures


def _part_failure(part: dict[str, Any], exc: BaseException) -> str:
    message = " ".join(str(exc).split())  # one line, whatever the worker said
    if len(message) > 500:
        message = message[:500] + "…"
    return f"{_part_where(part)}: part {part['index']} failed ({type(exc).__name__}: {message})"


def _part_where(part: dict[str, Any]) -> str:
    if part["kind"] == "table":
        t = part["table"]
        last = t["first_row"] + t["rows"] - 1
        return f"{t['display']}: rows {t['first_row']}-{last}" if t["rows"] > 0 else t["display"]
    if part["kind"] == "files":
        files = part["files"]
        return files[0]["display"] + (f" … {files[-1]['display']}" if len(files) > 1 else "")
    return part.get("source", "?")


def _check_workers(client: Any, out: str, tasks: list[dict[str, Any]]) -> None:
    """Fail early and clearly when workers cannot see the output folder or the inputs."""
    probe = [out]
    for task in tasks[:1]:
        part = task["part"]
        probe.append(part["table"]["path"] if part["kind"] == "table" else part["files"][0]["path"])
    try:
        seen = client.run(_paths_exist, probe)
    except Exception as exc:
        raise ScoreError(
            f"dask workers cannot run newstone ({type(exc).__name__}: {exc}); install the same newstone "
            "version on every worker"
        ) from None
    missing = {worker: paths for worker, paths in seen.items() if paths}
    if missing:
        worker, paths = next(iter(missing.items()))
        raise ScoreError(
            f"dask worker {worker} cannot see {', '.join(paths)}: inputs and --out must be on storage "
            "shared by every worker, at the same path"
        )


def _paths_exist(paths: list[str]) -> list[str]:
    return [p for p in paths if not os.path.exists(p)]


class _DaskEngine:
    """Parts as tasks on a dask.distributed cluster: a new LocalCluster, or the one at `scheduler`."""

    def __init__(self, jobs: int, scorer: str, scheduler: str | None):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ScoreError("the dask engine needs dask.distributed: pip install 'dask[distributed]'") from None
        import logging

        self.cluster: Any = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="30s")
            except OSError as exc:
                raise ScoreError(f"cannot reach the dask scheduler at {scheduler} ({exc})") from None
        else:
            self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        self.scorer = scorer

    def run(self, tasks: list[dict[str, Any]], on_done: Callable[[dict[str, Any]], None]) -> list[str]:
        from distributed import as_completed

        if not tasks:
            return []
        _check_workers(self.client, tasks[0]["out"], tasks)
        futures = {}
        for task in tasks:
            future = self.client.submit(run_part, task, key=f"newstone-score-{task['part']['key']}", pure=False)
            futures[future] = task
        return _collect(as_completed(futures), futures, on_done)

    def close(self, interrupted: bool = False) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


# --- assembling the final tables -------------------------------------------------------------------


def _unique_ids(ids: list[str], seen: dict[str, int], reserved: set[str]) -> list[str]:
    """Rename repeats to id~2, id~3, ... in order; `seen` carries across the parts of one table."""
    out = []
    for doc_id in ids:
        if doc_id not in seen and doc_id not in reserved:
            seen[doc_id] = 1
            out.append(doc_id)
            continue
        k = seen.get(doc_id, 1)
        while True:
            k += 1
            candidate = f"{doc_id}~{k}"
            if candidate not in seen and candidate not in reserved:
                break
        seen[doc_id] = k
        seen[candidate] = 1
        out.append(candidate)
    return out


def assemble(out: str | os.PathLike, parts: list[dict[str, Any]], metadata: dict[str, Any]) -> dict[str, int]:
    """Concatenate finished parts, in plan order, into documents.parquet, sentences.parquet and errors.jsonl."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(out)
    meta = {TABLE_META: json.dumps(metadata, sort_keys=True).encode()}
    doc_schema, sent_schema = _schema(DOCUMENT_FIELDS, meta), _schema(SENTENCE_FIELDS, meta)
    targets = {"documents": out / "documents.parquet", "sentences": out / "sentences.parquet", "errors": out / "errors.jsonl"}
    tmp = {name: _tmp(path) for name, path in targets.items()}
    reserved = {f["label"] for p in parts if p["kind"] == "files" for f in p["files"]}
    counts = {"documents": 0, "sentences": 0, "errors": 0}
    seen: dict[str, int] = {}
    current_table = None
    try:
        with pq.ParquetWriter(tmp["documents"], doc_schema) as doc_writer, \
                pq.ParquetWriter(tmp["sentences"], sent_schema) as sent_writer, \
                open(tmp["errors"], "w", encoding="utf-8") as err_file:
            for part in parts:
                if part["kind"] == "error":
                    err_file.write(json.dumps({"source": part["source"], "row": None, "error": part["error"]},
                                              ensure_ascii=False) + "\n")
                    counts["errors"] += 1
                    continue
                paths = part_paths(out, part["index"])
                if not paths["documents"].exists():
                    continue  # a failed part, reported by the run
                docs = pq.read_table(paths["documents"]).replace_schema_metadata(meta)
                sents = pq.read_table(paths["sentences"]).replace_schema_metadata(meta)
                if part["kind"] == "table":
                    if current_table != part["table"]["path"]:
                        current_table, seen = part["table"]["path"], {}
                    ids = docs.column("id").to_pylist()
                    unique = _unique_ids(ids, seen, reserved)
                    if unique != ids:
                        docs = docs.set_column(0, "id", pa.array(unique, pa.string()))
                        n = docs.column("n_sentences").to_numpy()
                        sents = sents.set_column(0, "doc_id", pa.array(np.repeat(np.array(unique, dtype=object), n), pa.string()))
                doc_writer.write_table(docs.cast(doc_schema))
                sent_writer.write_table(sents.cast(sent_schema))
                counts["documents"] += docs.num_rows
                counts["sentences"] += sents.num_rows
                with open(paths["errors"], encoding="utf-8") as f:
                    for line in f:
                        if line.strip():
                            err_file.write(line if line.endswith("\n") else line + "\n")
                            counts["errors"] += 1
        for name in ("errors", "sentences", "documents"):
            os.replace(tmp[name], targets[name])
    finally:
        for path in tmp.values():
            if path.exists():
                path.unlink()
    return counts


# --- the run ---------------------------------------------------------------------------------------


@dataclasses.dataclass
class ScoreResult:
    """What a run wrote and what went wrong."""

    out: Path
    documents: int
    sentences: int
    errors: list[str]
    parts: int
    reused: int
    failed_parts: int
    seconds: float
    warnings: list[str] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Lock:
    """One run per output folder at a time (advisory lock on DIR/.lock, where supported)."""

    def __init__(self, out: Path):
        self.path = out / ".lock"
        self.file: Any = None

    def __enter__(self) -> "_Lock":
        self.file = open(self.path, "a+")
        try:
            import fcntl

            fcntl.flock(self.file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX
            pass
        except OSError:
            self.file.close()
            raise ScoreError(f"another newstone score run is writing {self.path.parent}") from None
        return self

    def __exit__(self, *exc: Any) -> None:
        self.file.close()


def _is_within(path: str, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _read_manifest(out: Path) -> dict[str, Any] | None:
    try:
        return json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_json(path: Path, value: Any) -> None:
    tmp = _tmp(path)
    tmp.write_text(json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _clean_parts_dir(parts_dir: Path, n_parts: int) -> None:
    """Remove temporary files of interrupted runs and parts beyond the current plan."""
    for path in parts_dir.iterdir():
        name = path.name
        if ".tmp-" in name:
            path.unlink(missing_ok=True)
            continue
        stem = name.split(".", 1)[0]
        kind, _, number = stem.rpartition("-")
        if kind in ("documents", "sentences", "errors") and number.isdigit() and int(number) >= n_parts:
            path.unlink(missing_ok=True)


def score_corpus(
    inputs: str | os.PathLike | Iterable[str | os.PathLike],
    out: str | os.PathLike,
    *,
    scorer: str = "vader",
    columns: Columns | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    on_error: Callable[[str], None] | None = None,
    progress: bool | None = None,
) -> ScoreResult:
    """Score every document of the inputs into OUT (see the module docstring); resumable.

    `on_error` is called with each one-line error as it is known (default: collected only);
    `progress` shows a tqdm bar on stderr (None: only when stderr is a terminal).
    """
    started = time.perf_counter()
    columns = columns or Columns()
    if chunk_size < 1:
        raise ScoreError("--chunk-size must be at least 1")
    if engine not in ("local", "dask"):
        raise ScoreError(f"unknown engine {engine!r}; expected local or dask")
    if scheduler:
        engine = "dask"
    _check_scorer(scorer)
    jobs = jobs or default_jobs()
    out = Path(out).absolute()
    (out / "parts").mkdir(parents=True, exist_ok=True)
    report = on_error or (lambda message: None)

    def start_engine() -> Any:
        if engine == "dask":
            return _DaskEngine(jobs, scorer, scheduler)
        return _LocalEngine(jobs, scorer)

    with _Lock(out):
        previous = _read_manifest(out)
        # A fresh run starts its workers first, so that they import and load the scorer while
        # the input is planned; a resumed run first looks whether anything is left to do.
        runner = start_engine() if previous is None else None
        try:
            params = run_parameters(scorer, columns)
            files = [f for f in collect_inputs(inputs) if not _is_within(f.path, out)]  # never our own output
            parts, entries, warnings = plan_parts(files, columns, chunk_size, params, previous)
            manifest = {
                "newstone": __version__, "params": params, "scorer": scorer, "columns": dataclasses.asdict(columns),
                "chunk_size": chunk_size, "files": entries,
                "parts": [{"index": p["index"], "key": p["key"], "where": _part_where(p), "rows": part_rows(p)}
                          for p in parts],
            }
            _write_json(out / "manifest.json", manifest)
            _clean_parts_dir(out / "parts", len(parts))

            todo, reused = [], []
            for p in parts:
                if p["kind"] == "error":
                    continue
                finished = finished_part(out, p)
                if finished is not None:
                    reused.append(finished)
                else:
                    todo.append({"part": p, "out": str(out), "scorer": scorer,
                                 "columns": dataclasses.asdict(columns), "params": params})
            bar = _progress_bar(sum(part_rows(p) for p in parts), progress, sum(r["rows"] for r in reused))
            totals = {"reused": 0, "new_docs": 0, "new_sents": 0}
            errors: list[str] = []

            def tell(messages: list[str]) -> None:
                errors.extend(messages)
                if not messages:
                    return
                if bar is None:
                    for message in messages:
                        report(message)
                    return
                from tqdm import tqdm

                with tqdm.external_write_mode(file=sys.stderr):  # keep the bar whole
                    for message in messages:
                        report(message)

            tell([p["error"] for p in parts if p["kind"] == "error"])
            run_started = time.perf_counter()

            def done(result: dict[str, Any]) -> None:
                if result["reused"]:
                    totals["reused"] += 1
                else:
                    totals["new_docs"] += result["documents"]
                    totals["new_sents"] += result["sentences"]
                tell(result["errors"])
                if bar is not None and not result["reused"]:
                    elapsed = max(time.perf_counter() - run_started, 1e-9)
                    bar.set_postfix_str(
                        f"{totals['new_sents'] / elapsed:,.0f} sentences/s, {len(errors)} errors", refresh=False)
                    bar.update(result["rows"])

            for finished in reused:
                done(finished)
            failures: list[str] = []
            run_started = time.perf_counter()
            try:
                if todo:
                    runner = runner or start_engine()
                    failures = runner.run(todo, done)
            finally:
                if bar is not None:
                    bar.close()
        finally:
            if runner is not None:
                runner.close()
        for message in failures:
            errors.append(message)
            report(message)
        counts = assemble(out, parts, {"newstone": __version__, "scorer": scorer, "params": params})
        result = ScoreResult(
            out=out, documents=counts["documents"], sentences=counts["sentences"], errors=errors,
            parts=len(parts), reused=totals["reused"], failed_parts=len(failures),
            seconds=time.perf_counter() - started, warnings=warnings,
        )
        manifest["summary"] = {"documents": result.documents, "sentences": result.sentences,
                               "errors": len(errors), "failed_parts": len(failures)}
        _write_json(out / "manifest.json", manifest)
    return result


def _progress_bar(total: int, enabled: bool | None, initial: int = 0) -> Any:
    """Documents (table rows and files) done, with sentences per second; on stderr, only on a terminal by default."""
    if enabled is False:
        return None
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, unit="doc", file=sys.stderr, disable=None if enabled is None else False,
                leave=False, dynamic_ncols=True, smoothing=0.1)


# --- reading the tables back -----------------------------------------------------------------------


def load_scored(
    directory: str | os.PathLike,
    *,
    documents_columns: Sequence[str] | None = None,
    sentence_columns: Sequence[str] | None = None,
    sentence_text: bool | int = True,
) -> Any:
    """A `newstone.corpus.Corpus` from the tables `newstone score` wrote, without rescoring.

    `documents_columns` / `sentence_columns` read only those columns (default: all that the
    corpus report uses). `sentence_text`: True reads every sentence's text; an int N reads the
    text of only the N most negative and N most positive sentences (the ones the corpus report
    lists; every other text is None), which keeps a report over 100,000 articles in a few hundred
    MB; False reads no text. Sentence `doc_id` is read as a categorical (sorted categories).
    The errors recorded in errors.jsonl become `Corpus.errors`.
    """
    import pandas as pd
    import pyarrow.parquet as pq

    from newstone.corpus import DOCUMENT_COLUMNS, SENTENCE_COLUMNS, Corpus

    directory = Path(directory)
    doc_path, sent_path = directory / "documents.parquet", directory / "sentences.parquet"
    doc_table = pq.read_table(doc_path, columns=list(documents_columns) if documents_columns else None)
    documents = doc_table.to_pandas(self_destruct=True, split_blocks=True)
    if documents_columns is None:
        if "n_quotes" not in documents:
            documents["n_quotes"] = pd.Series(pd.NA, index=documents.index, dtype="Int64")  # not computed by score
        documents = documents[[c for c in DOCUMENT_COLUMNS if c in documents] + [c for c in documents if c not in DOCUMENT_COLUMNS]]
    wanted = list(sentence_columns) if sentence_columns else list(SENTENCE_COLUMNS)
    light = [c for c in wanted if c != "text"]
    want_text = "text" in wanted and sentence_text is not False
    extremes = want_text and sentence_text is not True
    need = list(dict.fromkeys(light + (["doc_id", "sentence", "compound"] if extremes else [])))
    table = pq.read_table(sent_path, columns=need, read_dictionary=["doc_id"] if "doc_id" in need else None)
    text_column = None
    if want_text and not extremes:
        text_column = pq.read_table(sent_path, columns=["text"]).column("text")
    elif extremes:
        text_column = _extreme_texts(sent_path, table, int(sentence_text))
        table = table.select(light)
    if text_column is not None:
        table = table.add_column(min(wanted.index("text"), table.num_columns), "text", text_column)
    sentences = table.to_pandas(self_destruct=True, split_blocks=True)  # frees Arrow memory as it goes
    del table
    if "doc_id" in sentences:  # categorical, categories in sorted order so that sorting by doc_id is by name
        sentences["doc_id"] = sentences["doc_id"].cat.reorder_categories(sorted(sentences["doc_id"].cat.categories))
    errors: list[str] = []
    try:
        with open(directory / "errors.jsonl", encoding="utf-8") as f:
            errors = [json.loads(line)["error"] for line in f if line.strip()]
    except OSError:
        pass
    meta = (pq.read_schema(doc_path).metadata or {}).get(TABLE_META)
    scorer = json.loads(meta).get("scorer", "vader") if meta else "vader"
    return Corpus(documents=documents, sentences=sentences, errors=errors, scorer=scorer)


def _extreme_texts(path: Path, keys: Any, n: int) -> Any:
    """A text column holding only the n most negative and n most positive sentences' text.

    They are chosen as `newstone.views.corpus_extremes` orders sentences (compound, then doc_id,
    then sentence), so the report lists the same sentences as with every text loaded.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    rows = keys.num_rows
    compound = keys.column("compound").to_numpy()
    picked: set[int] = set()
    for which in ("negative", "positive"):
        # Only rows as extreme as the n-th one can be among the first n: sort just those by name.
        signed = compound if which == "negative" else -compound
        eligible = np.flatnonzero(signed <= -0.05)
        if not len(eligible):
            continue
        k = min(n, len(eligible))
        cutoff = np.partition(signed[eligible], k - 1)[k - 1]
        candidates = eligible[signed[eligible] <= cutoff]
        small = pa.table({
            "compound": pa.array(signed[candidates]),
            "doc_id": keys.column("doc_id").take(candidates).cast(pa.string()),  # by name, not by code
            "sentence": keys.column("sentence").take(candidates),
            "_row": pa.array(candidates.astype(np.int64)),
        })
        idx = pc.sort_indices(small, sort_keys=[("compound", "ascending"), ("doc_id", "ascending"), ("sentence", "ascending")])
        picked.update(small.column("_row").take(idx.slice(0, n)).to_pylist())
    chosen = sorted(picked)
    texts = _texts_at(path, chosen)
    flags = np.zeros(rows, dtype=bool)
    flags[chosen] = True
    nulls = pa.nulls(rows, pa.string())
    if not chosen:
        return nulls
    return pc.replace_with_mask(nulls, pa.array(flags), pa.array([texts[r] for r in chosen], pa.string()))


def _texts_at(path: Path, rows: list[int]) -> dict[int, str]:
    """The text of the given sentence rows, read one row group at a time."""
    import pyarrow.parquet as pq

    found: dict[int, str] = {}
    if not rows:
        return found
    with pq.ParquetFile(path) as f:
        start = 0
        k = 0
        for g in range(f.metadata.num_row_groups):
            size = f.metadata.row_group(g).num_rows
            local = []
            while k < len(rows) and rows[k] < start + size:
                local.append(rows[k] - start)
                k += 1
            if local:
                column = f.read_row_group(g, columns=["text"]).column("text")
                for offset, text in zip(local, column.take(local).to_pylist()):
                    found[start + offset] = text
            start += size
            if k >= len(rows):
                break
    return found


# --- command line ----------------------------------------------------------------------------------


def add_score_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add `newstone score` to the CLI's subparsers (cheap: nothing heavy is imported)."""
    p = subparsers.add_parser(
        "score", help="score every sentence of a corpus into Parquet tables (resumable, parallel)",
        description="Clean, segment and score every document of the inputs into DIR/documents.parquet and "
                    "DIR/sentences.parquet. Run it again to resume an interrupted run.",
    )
    configure_parser(p)
    return p


def configure_parser(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    defaults = Columns()
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or globs (CSV, JSONL, Parquet, text, HTML)")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (created; reused to resume)")
    p.add_argument("--scorer", default="vader", help="sentiment scorer (see `newstone scorers`)")
    p.add_argument("--text-column", default=defaults.text, metavar="NAME", help="table column with the text (default: text)")
    p.add_argument("--id-column", default=defaults.id, metavar="NAME", help="table column with the document id (default: id; row number when absent)")
    p.add_argument("--title-column", default=defaults.title, metavar="NAME", help="table column with the title (default: title)")
    p.add_argument("--date-column", default=defaults.date, metavar="NAME", help="table column with the date (default: date)")
    p.add_argument("--source-column", default=defaults.source, metavar="NAME", help="table column with the outlet (default: source)")
    p.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE, metavar="N",
                   help=f"rows (or files) per part: the unit of parallel work and of resuming (default: {DEFAULT_CHUNK_SIZE})")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="worker processes (default: number of cores)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes, or a dask.distributed cluster (a local one unless --scheduler)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="run on an existing dask cluster, e.g. tcp://host:8786 (implies --engine dask)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_score)
    return p


def cmd_score(args: argparse.Namespace) -> int:
    """`newstone score`: exit 0 when every document was scored, 1 when some failed, 2 for a bad call."""
    from newstone.sentiment import UnknownScorerError

    def error(message: str) -> None:
        print(f"newstone: error: {message}", file=sys.stderr)

    columns = Columns(text=args.text_column, id=args.id_column, title=args.title_column,
                      date=args.date_column, source=args.source_column)
    try:
        result = score_corpus(
            args.inputs, args.out, scorer=args.scorer, columns=columns, chunk_size=args.chunk_size,
            jobs=args.jobs, engine=args.engine, scheduler=args.scheduler, on_error=error,
            progress=False if args.no_progress else None,
        )
    except (ScoreError, UnknownScorerError) as exc:
        error(str(exc))
        return EXIT_USAGE
    for w in result.warnings:
        print(f"newstone: warning: {w}", file=sys.stderr)
    if result.parts == 0:
        error(f"no input documents found in {', '.join(map(str, args.inputs))}")
        return EXIT_FAILED
    reused = f" ({result.reused} of {result.parts} parts reused)" if result.reused else ""
    print(
        f"{result.documents} documents, {result.sentences} sentences scored in {result.seconds:.1f} s{reused}; "
        f"{len(result.errors)} errors; tables in {result.out}"
    )
    return EXIT_FAILED if result.errors else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m newstone.score ...`: the same as `newstone score ...`."""
    parser = configure_parser(argparse.ArgumentParser(prog="newstone score"))
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("newstone: error: interrupted (run the same command again to resume)", file=sys.stderr)
        return 130


if __name__ == "__main__":
    # Run the importable module, not this __main__ copy: processes and dask workers look the
    # functions they are sent up by module name.
    from newstone import score as _score

    sys.exit(_score.main())

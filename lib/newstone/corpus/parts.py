"""One part of a `newstone score` run: read its rows, score them, write its files.

A worker writes its part as `DIR/parts/documents-NNNNN.arrow`, `sentences-NNNNN.arrow` (Arrow IPC
files: written and read back without encoding), `actors-NNNNN.arrow` when actors were asked for,
and `errors-NNNNN.jsonl`, each to a temporary file renamed into place, documents last: a part whose
documents file exists and carries the part's key is finished, so an interrupted run resumes. The key
says whether actors were asked for, so a run with `--actors` never reuses a part made without.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newstone.text.read import Columns, Document, InputError, csv_rows, iter_documents, jsonl_rows, parquet_rows
from newstone.text.read_tables import CsvLayout
from newstone.corpus.actors import PART_ACTOR_FIELDS, actor_pipeline, target_list
from newstone.corpus.arrow_columns import record_batch
from newstone.corpus.batch import resolve_scorer, score_batch
from newstone.corpus.plan import check_worker, part_rows
from newstone.corpus.tables import DOCUMENT_FIELDS, SENTENCE_FIELDS, arrow_schema

BATCH_DOCUMENTS = 200  # documents scored at once inside a part: bounds a worker's memory
PART_KEY = b"newstone.part"


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
    """The rows of one part of a table, as newstone.text.read.iter_documents yields them but without
    their sha256 (no table of a run holds it: one hash per text saved)."""
    path, display = spec["path"], spec["display"]
    first, rows = spec["first_row"], spec["rows"]
    if spec["format"] == "jsonl":
        yield from jsonl_rows(path, columns, spec["offset"], first, rows, display=display, digest=False)
    elif spec["format"] == "csv":
        layout = CsvLayout(spec["encoding"], spec["header"], tuple(spec["warnings"]))
        sequential = spec["offset"] < 0  # read from the start (UTF-16)
        yield from csv_rows(path, layout, columns, None if sequential else spec["offset"], first,
                            None if sequential else rows, display=display, digest=False)
    else:
        yield from parquet_rows(path, spec["columns"], columns, spec["offset"], first, display=display, digest=False)


def part_paths(out: str | os.PathLike, index: int, actors: bool = False) -> dict[str, Path]:
    """The files of part `index` (the actors file only when actors were asked for)."""
    parts = Path(out) / "parts"
    paths = {
        "documents": parts / f"documents-{index:05d}.arrow",
        "sentences": parts / f"sentences-{index:05d}.arrow",
        "errors": parts / f"errors-{index:05d}.jsonl",
    }
    if actors:
        paths["actors"] = parts / f"actors-{index:05d}.arrow"
    return paths


def temp_path(path: Path) -> Path:
    """A unique temporary name beside `path` (short: input names never go into it)."""
    return path.with_name(f"{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")


def _error_record(exc: InputError) -> dict[str, Any]:
    return {"source": exc.path, "row": exc.row, "error": str(exc)}


def run_part(task: dict[str, Any]) -> dict[str, Any]:
    """Score one part and write its files; the unit of work that processes and dask workers run.

    `task` holds the part (from `plan_parts`), the output folder, the scorer name, the columns
    and the run parameters; returns counts and the error messages for the client to print.
    """
    import pyarrow as pa

    started = time.perf_counter()
    params = task["params"]
    check_worker(params)
    part, out = task["part"], task["out"]
    columns = Columns(**task["columns"])
    scorer = resolve_scorer(task["scorer"])
    want_actors = bool(params.get("actors"))
    nlp = actor_pipeline() if want_actors else None
    targets = target_list(params.get("targets")) if want_actors else None
    paths = part_paths(out, part["index"], want_actors)
    if not want_actors:  # an actors file left by an earlier run with --actors describes other parts
        part_paths(out, part["index"], True)["actors"].unlink(missing_ok=True)
    meta = {PART_KEY: part["key"].encode()}
    tmp = {name: temp_path(path) for name, path in paths.items()}
    n_docs = n_sents = n_actors = 0
    errors: list[dict[str, Any]] = []
    doc_schema = arrow_schema(DOCUMENT_FIELDS, meta)
    sent_schema = arrow_schema(SENTENCE_FIELDS, meta)
    actor_schema = arrow_schema(PART_ACTOR_FIELDS, meta)
    try:
        with contextlib.ExitStack() as stack:
            doc_writer = stack.enter_context(pa.ipc.new_file(str(tmp["documents"]), doc_schema))
            sent_writer = stack.enter_context(pa.ipc.new_file(str(tmp["sentences"]), sent_schema))
            actor_writer = stack.enter_context(pa.ipc.new_file(str(tmp["actors"]), actor_schema)) if want_actors else None
            err_file = stack.enter_context(open(tmp["errors"], "w", encoding="utf-8"))

            def flush(batch: list[tuple[Document, str]]) -> None:
                nonlocal n_docs, n_sents, n_actors
                doc_rows, sent_rows, failed, actor_rows = score_batch(batch, scorer, nlp, targets)
                for exc in failed:
                    errors.append(_error_record(exc))
                    err_file.write(json.dumps(errors[-1], ensure_ascii=False) + "\n")
                if doc_rows["id"]:
                    actor_rows["doc_row"] = [n_docs + r for r in actor_rows["doc_row"]]  # row within the part
                    doc_writer.write_batch(record_batch(doc_rows, DOCUMENT_FIELDS, doc_schema))
                    sent_writer.write_batch(record_batch(sent_rows, SENTENCE_FIELDS, sent_schema))
                    if actor_writer is not None:
                        actor_writer.write_batch(pa.RecordBatch.from_pydict(actor_rows, schema=actor_schema))
                    n_docs += len(doc_rows["id"])
                    n_sents += len(sent_rows["doc_id"])
                    n_actors += len(actor_rows["doc_id"])

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
        for name in ("errors", "sentences", "actors", "documents"):
            if name in paths:
                os.replace(tmp[name], paths[name])
    finally:
        for path in tmp.values():
            if path.exists():
                path.unlink()
    return {
        "index": part["index"], "documents": n_docs, "sentences": n_sents, "actors": n_actors, "rows": part_rows(part),
        "errors": [e["error"] for e in errors], "seconds": time.perf_counter() - started, "reused": False,
    }


def read_part_table(path: Path) -> Any:
    """A part's table, memory-mapped: Arrow IPC, so assembling them decodes nothing."""
    import pyarrow as pa

    with pa.memory_map(str(path)) as source:
        return pa.ipc.open_file(source).read_all()


def finished_part(out: str | os.PathLike, part: dict[str, Any], actors: bool = False) -> dict[str, Any] | None:
    """Counts and errors of a part already written with this key, or None when it must be (re)done."""
    paths = part_paths(out, part["index"], actors)
    try:
        counts = []
        for name in ("documents", "sentences", "actors"):
            if name not in paths:
                counts.append(0)
                continue
            table = read_part_table(paths[name])
            if (table.schema.metadata or {}).get(PART_KEY) != part["key"].encode():
                return None
            counts.append(table.num_rows)
        n_docs, n_sents, n_actors = counts
        with open(paths["errors"], encoding="utf-8") as f:
            errors = [json.loads(line)["error"] for line in f if line.strip()]
    except Exception:  # missing, truncated or foreign: redo the part
        return None
    return {"index": part["index"], "documents": n_docs, "sentences": n_sents, "actors": n_actors,
            "rows": part_rows(part), "errors": errors, "seconds": 0.0, "reused": True}


# --- engines ---------------------------------------------------------------------------------------

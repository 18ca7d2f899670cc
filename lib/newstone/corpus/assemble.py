"""The final tables of a `newstone score` run, assembled from its finished parts in plan order.

actors.parquet is written when the run asked for actors and removed when it did not, so the
tables in a folder always come from one run.

The client alone assembles, so the tables are the same whether the run was interrupted or not,
local or on a dask cluster. Document ids are unique and stable: a file's label for an article
file, `label#id` for a table row; a repeated id within a table gets `~2`, `~3`, ... in order.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from newstone.corpus.actors import DOC_ROW
from newstone.corpus.parts import part_paths, read_part_table, temp_path
from newstone.corpus.scored import TABLE_META
from newstone.corpus.tables import ACTOR_FIELDS, DOCUMENT_FIELDS, SENTENCE_FIELDS, arrow_schema


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


def assemble(out: str | os.PathLike, parts: list[dict[str, Any]], metadata: dict[str, Any],
             actors: bool = False) -> dict[str, int]:
    """Concatenate finished parts, in plan order, into documents.parquet, sentences.parquet,
    errors.jsonl and (with `actors`) actors.parquet."""
    import contextlib

    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(out)
    meta = {TABLE_META: json.dumps(metadata, sort_keys=True).encode()}
    doc_schema, sent_schema = arrow_schema(DOCUMENT_FIELDS, meta), arrow_schema(SENTENCE_FIELDS, meta)
    actor_schema = arrow_schema(ACTOR_FIELDS, meta)
    targets = {"documents": out / "documents.parquet", "sentences": out / "sentences.parquet", "errors": out / "errors.jsonl"}
    if actors:
        targets["actors"] = out / "actors.parquet"
    tmp = {name: temp_path(path) for name, path in targets.items()}
    reserved = {f["label"] for p in parts if p["kind"] == "files" for f in p["files"]}
    counts = {"documents": 0, "sentences": 0, "errors": 0} | ({"actors": 0} if actors else {})
    seen: dict[str, int] = {}
    current_table = None
    try:
        with contextlib.ExitStack() as stack:
            doc_writer = stack.enter_context(pq.ParquetWriter(tmp["documents"], doc_schema))
            sent_writer = stack.enter_context(pq.ParquetWriter(tmp["sentences"], sent_schema))
            actor_writer = stack.enter_context(pq.ParquetWriter(tmp["actors"], actor_schema)) if actors else None
            err_file = stack.enter_context(open(tmp["errors"], "w", encoding="utf-8"))
            for part in parts:
                if part["kind"] == "error":
                    err_file.write(json.dumps({"source": part["source"], "row": None, "error": part["error"]},
                                              ensure_ascii=False) + "\n")
                    counts["errors"] += 1
                    continue
                paths = part_paths(out, part["index"], actors)
                if not paths["documents"].exists():
                    continue  # a failed part, reported by the run
                docs = read_part_table(paths["documents"]).replace_schema_metadata(meta)
                sents = read_part_table(paths["sentences"]).replace_schema_metadata(meta)
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
                if actor_writer is not None:
                    table = read_part_table(paths["actors"])
                    rows = table.column(DOC_ROW).to_numpy()
                    ids = np.array(docs.column("id").to_pylist(), dtype=object)  # unique by now
                    table = table.set_column(0, "doc_id", pa.array(ids[rows].tolist(), pa.string())).drop_columns([DOC_ROW])
                    actor_writer.write_table(table.replace_schema_metadata(meta).cast(actor_schema))
                    counts["actors"] += table.num_rows
                counts["documents"] += docs.num_rows
                counts["sentences"] += sents.num_rows
                with open(paths["errors"], encoding="utf-8") as f:
                    for line in f:
                        if line.strip():
                            err_file.write(line if line.endswith("\n") else line + "\n")
                            counts["errors"] += 1
        for name in ("errors", "actors", "sentences", "documents"):
            if name in targets:
                os.replace(tmp[name], targets[name])
        if not actors:
            (out / "actors.parquet").unlink(missing_ok=True)  # from an earlier run with actors
    finally:
        for path in tmp.values():
            if path.exists():
                path.unlink()
    return counts



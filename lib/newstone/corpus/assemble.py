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
from newstone.corpus.arrow_columns import arrow_column
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


class Assembly:
    """The final tables, written from finished parts in plan order while later parts still run.

    `advance(ready)` appends every part from the next one on whose index is in `ready` (error
    parts need nothing), so with several processes the merge overlaps the scoring instead of
    following it; `finish()` appends the rest (a failed part has no documents file and is
    skipped), renames the tables into place and returns the counts. Leaving the `with` block
    without `finish()` (an error, an interrupt) removes the temporary files and leaves the
    previous tables as they were. The order, and so the tables, are the same whenever each part
    is appended.
    """

    def __init__(self, out: str | os.PathLike, parts: list[dict[str, Any]], metadata: dict[str, Any],
                 actors: bool = False):
        import contextlib

        import pyarrow.parquet as pq

        self.out, self.parts, self.actors = Path(out), parts, actors
        self.meta = {TABLE_META: json.dumps(metadata, sort_keys=True).encode()}
        doc_schema, sent_schema = arrow_schema(DOCUMENT_FIELDS, self.meta), arrow_schema(SENTENCE_FIELDS, self.meta)
        self.schemas = {"documents": doc_schema, "sentences": sent_schema,
                        "actors": arrow_schema(ACTOR_FIELDS, self.meta)}
        self.targets = {"documents": self.out / "documents.parquet", "sentences": self.out / "sentences.parquet",
                        "errors": self.out / "errors.jsonl"}
        if actors:
            self.targets["actors"] = self.out / "actors.parquet"
        self.tmp = {name: temp_path(path) for name, path in self.targets.items()}
        self.reserved = {f["label"] for p in parts if p["kind"] == "files" for f in p["files"]}
        self.counts = {"documents": 0, "sentences": 0, "errors": 0} | ({"actors": 0} if actors else {})
        self.seen: dict[str, int] = {}
        self.current_table = None
        self.next = 0
        self.stack = contextlib.ExitStack()
        try:
            self.writers = {name: self.stack.enter_context(pq.ParquetWriter(self.tmp[name], self.schemas[name]))
                            for name in ("documents", "sentences", "actors") if name in self.targets}
            self.err_file = self.stack.enter_context(open(self.tmp["errors"], "w", encoding="utf-8"))
        except BaseException:
            self.discard()
            raise

    def __enter__(self) -> Assembly:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.discard()

    def discard(self) -> None:
        """Close the writers and remove the temporary files (the previous tables stay)."""
        self.stack.close()
        for path in self.tmp.values():
            if path.exists():
                path.unlink()

    def advance(self, ready: set[int]) -> None:
        """Append the parts from the next one on, as long as each is an error part or in `ready`."""
        while self.next < len(self.parts) and (self.parts[self.next]["kind"] == "error"
                                               or self.parts[self.next]["index"] in ready):
            self._append(self.parts[self.next])
            self.next += 1

    def finish(self) -> dict[str, int]:
        """Append every remaining part, put the tables in place and return their row counts."""
        for part in self.parts[self.next:]:
            self._append(part)
        self.next = len(self.parts)
        self.stack.close()
        for name in ("errors", "actors", "sentences", "documents"):
            if name in self.targets:
                os.replace(self.tmp[name], self.targets[name])
        if not self.actors:
            (self.out / "actors.parquet").unlink(missing_ok=True)  # from an earlier run with actors
        return self.counts

    def _append(self, part: dict[str, Any]) -> None:
        import numpy as np
        import pyarrow as pa

        counts, meta = self.counts, self.meta
        if part["kind"] == "error":
            self.err_file.write(json.dumps({"source": part["source"], "row": None, "error": part["error"]},
                                           ensure_ascii=False) + "\n")
            counts["errors"] += 1
            return
        paths = part_paths(self.out, part["index"], self.actors)
        if not paths["documents"].exists():
            return  # a failed part, reported by the run
        docs = read_part_table(paths["documents"]).replace_schema_metadata(meta)
        sents = read_part_table(paths["sentences"]).replace_schema_metadata(meta)
        if part["kind"] == "table":
            if self.current_table != part["table"]["path"]:
                self.current_table, self.seen = part["table"]["path"], {}
            ids = docs.column("id").to_pylist()
            unique = _unique_ids(ids, self.seen, self.reserved)
            if unique != ids:
                docs = docs.set_column(0, "id", arrow_column(unique, "string"))
                counts_per_doc = docs.column("n_sentences").to_pylist()
                sents = sents.set_column(0, "doc_id", arrow_column(
                    [doc_id for doc_id, n in zip(unique, counts_per_doc) for _ in range(n)], "string"))
        self.writers["documents"].write_table(_as_schema(docs, self.schemas["documents"]))
        self.writers["sentences"].write_table(_as_schema(sents, self.schemas["sentences"]))
        if "actors" in self.writers:
            table = read_part_table(paths["actors"])
            rows = table.column(DOC_ROW).to_numpy()
            ids = np.array(docs.column("id").to_pylist(), dtype=object)  # unique by now
            table = table.set_column(0, "doc_id", pa.array(ids[rows].tolist(), pa.string())).drop_columns([DOC_ROW])
            self.writers["actors"].write_table(table.replace_schema_metadata(meta).cast(self.schemas["actors"]))
            counts["actors"] += table.num_rows
        counts["documents"] += docs.num_rows
        counts["sentences"] += sents.num_rows
        with open(paths["errors"], encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    self.err_file.write(line if line.endswith("\n") else line + "\n")
                    counts["errors"] += 1


def _as_schema(table: Any, schema: Any) -> Any:
    """The table with `schema`; a cast only when the types differ (casting imports pyarrow.compute)."""
    return table if table.schema.equals(schema, check_metadata=True) else table.cast(schema)


def assemble(out: str | os.PathLike, parts: list[dict[str, Any]], metadata: dict[str, Any],
             actors: bool = False) -> dict[str, int]:
    """Concatenate finished parts, in plan order, into documents.parquet, sentences.parquet,
    errors.jsonl and (with `actors`) actors.parquet."""
    with Assembly(out, parts, metadata, actors) as assembly:
        return assembly.finish()

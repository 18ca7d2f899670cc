"""Reading the tables `newstone score` wrote back into a `Corpus`, for reports, without rescoring.

Over 100,000 articles a report cannot hold every sentence's text: `load_scored` can read the
text of only the most negative and most positive sentences (the ones a corpus report lists).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newstone.corpus.tables import DOCUMENT_COLUMNS, SENTENCE_COLUMNS, Corpus

TABLE_META = b"newstone.corpus.score"  # schema metadata key of the final tables: the run's scorer and parameters

def load_scored(
    directory: str | os.PathLike,
    *,
    documents_columns: Sequence[str] | None = None,
    sentence_columns: Sequence[str] | None = None,
    sentence_text: bool | int = True,
) -> Corpus:
    """A `Corpus` from the tables `newstone score` wrote, without rescoring.

    `documents_columns` / `sentence_columns` read only those columns (default: all that the
    corpus report uses). `sentence_text`: True reads every sentence's text; an int N reads the
    text of only the N most negative and N most positive sentences (the ones the corpus report
    lists; every other text is None), which keeps a report over 100,000 articles in a few hundred
    MB; False reads no text. Sentence `doc_id` is read as a categorical (sorted categories).
    The errors recorded in errors.jsonl become `Corpus.errors`; actors.parquet (`newstone score
    --actors`), when there, becomes `Corpus.actors`.
    """
    import pandas as pd
    import pyarrow.parquet as pq

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
    actor_path = directory / "actors.parquet"
    actors = pq.read_table(actor_path).to_pandas() if actor_path.is_file() else None
    return Corpus(documents=documents, sentences=sentences, errors=errors, scorer=scorer, actors=actors,
                  looked_for_actors=actors is not None)


def _extreme_texts(path: Path, keys: Any, n: int) -> Any:
    """A text column holding only the n most negative and n most positive sentences' text.

    They are chosen as `newstone.reports.views.corpus_extremes` orders sentences (compound, then doc_id,
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



"""The shape of the corpus tables: one row per document, per sentence, and (with actors) per actor.

`newstone score` writes them as Parquet, `newstone.corpus.summary` builds them in memory from analyses,
and reports read them back; all three take the column lists and the `Corpus` holder from here,
so none of them has to import another to agree on a column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DOCUMENT_FIELDS = [
    ("id", "string"), ("source", "string"), ("title", "string"), ("date", "string"), ("site", "string"),
    ("author", "string"), ("n_paragraphs", "int64"), ("n_sentences", "int64"), ("compound", "float64"),
    ("share_negative", "float64"), ("share_neutral", "float64"), ("share_positive", "float64"),
    ("n_removed", "int64"),
]
SENTENCE_FIELDS = [
    ("doc_id", "string"), ("paragraph", "int64"), ("sentence", "int64"), ("text", "string"),
    ("neg", "float64"), ("neu", "float64"), ("pos", "float64"), ("compound", "float64"),
]
# One row per actor of a document (`newstone score --actors`): who is talked about, how often, the tone of
# the text about it, and the statements it made (quotes and reported speech) with their mean tone (null
# when none). The document's date rides along so that actors over time need no join.
ACTOR_FIELDS = [
    ("doc_id", "string"), ("date", "string"), ("actor", "string"), ("kind", "string"), ("mentions", "int64"),
    ("compound", "float64"), ("n_statements", "int64"), ("statement_compound", "float64"),
]
ACTOR_COLUMNS = [name for name, _ in ACTOR_FIELDS]
# The in-memory corpus also counts quotes (bulk scoring does not look for them).
DOCUMENT_COLUMNS = [name for name, _ in DOCUMENT_FIELDS] + ["n_quotes"]
SENTENCE_COLUMNS = [name for name, _ in SENTENCE_FIELDS]


def arrow_schema(fields: list[tuple[str, str]], metadata: dict[bytes, bytes] | None = None) -> Any:
    """A pyarrow schema for one of the field lists above."""
    import pyarrow as pa

    return pa.schema([pa.field(name, getattr(pa, kind)()) for name, kind in fields], metadata=metadata)


@dataclass
class Corpus:
    """Tables over many documents, plus the documents that could not be read."""

    documents: Any  # pandas.DataFrame with DOCUMENT_COLUMNS
    sentences: Any  # pandas.DataFrame with SENTENCE_COLUMNS
    actors: Any = None  # pandas.DataFrame with ACTOR_COLUMNS (empty when nobody looked for actors)
    speakers: Any = None
    errors: list[str] = field(default_factory=list)
    scorer: str = "vader"
    looked_for_actors: bool = True  # False for `newstone score` tables made without --actors

    def __post_init__(self) -> None:
        import pandas as pd

        if self.actors is None:
            self.actors = pd.DataFrame(columns=ACTOR_COLUMNS)
        if self.speakers is None:
            self.speakers = pd.DataFrame()

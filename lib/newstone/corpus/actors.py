"""The actors of many documents (`newstone score --actors`): who is talked about, and who speaks.

Each document goes through the same people layer as `newstone analyze` (`analyze.people_of`: one
spaCy parse shared by quotes and actors, statements scored on their own words), so a document's
actors in `actors.parquet` are the actors of its report.
The parse is the expensive step: the pipeline is loaded once per process (`actor_pipeline`) and the
paragraphs of several documents go through one `nlp.pipe` stream. A document whose people cannot
be found costs its actors only (an error line); its tone is still in the other tables.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newstone.text.read import Document, InputError
from newstone.corpus.tables import ACTOR_FIELDS

PARSE_DOCUMENTS = 16  # documents parsed in one nlp.pipe stream: bounds the parses held in memory
DOC_ROW = "doc_row"  # in a part's actors file: which of the part's documents the actor belongs to
PART_ACTOR_FIELDS = ACTOR_FIELDS + [(DOC_ROW, "int64")]
# One pipeline per process is shared by its threads (dask workers may run several): spaCy's
# vocabulary grows while it parses, so one thread at a time uses it.
_PIPELINE_LOCK = threading.Lock()

if TYPE_CHECKING:  # pandas is imported where it is used: a run without actors never needs it here
    import pandas as pd


def actor_pipeline() -> Any:
    """The spaCy pipeline of the people layer, loaded once per process (as `analyze` loads it)."""
    from newstone.text.nlp import PEOPLE_EXCLUDE, load_pipeline

    return load_pipeline(PEOPLE_EXCLUDE)


@dataclass
class ActorInput:
    """One scored document, as the actor finder needs it."""

    doc: Document
    doc_id: str
    row: int  # position among the documents written by the batch
    paragraphs: list[str]
    sentences: pd.DataFrame  # as `analyze` scores them: paragraph, sentence, text, start, end, scores


def actor_kinds(parsed: list[list[tuple[int, Any]]], spellings: dict[str, set[str]]) -> dict[str, str | None]:
    """Each actor's kind (person, group, place): what the recogniser mostly called its full name.

    The full name decides when it was tagged at all: the small model often calls a bare surname
    an organisation ("Sanders", "Trump") while it tags the whole name right. Otherwise every
    spelling votes."""
    from newstone.people.actors import entity_mentions

    seen: dict[str, Counter] = {}
    for name, kind in entity_mentions(parsed):
        seen.setdefault(name, Counter())[kind] += 1
    kinds: dict[str, str | None] = {}
    for actor, forms in spellings.items():
        votes: Counter = Counter(seen.get(actor, Counter()))
        if not votes:
            for form in sorted(forms):
                votes.update(seen.get(form, Counter()))
        kinds[actor] = min(votes, key=lambda k: (-votes[k], k)) if votes else None
    return kinds


def document_actors(paragraphs: list[str], sentences: pd.DataFrame, scorer: Any, nlp: Any,
                    parsed: list[list[tuple[int, Any]]], targets: list[Any] | None = None) -> pd.DataFrame:
    """One document's actors: actor, kind, mentions, compound, n_statements, statement_compound.

    `newstone.analyze.people_of`, as a report gets it (the user's `targets` win and keep a row even
    when not mentioned, else the actors found), with each actor's kind from the recogniser.
    """
    import pandas as pd

    from newstone.analyze import people_of

    _quotes, table, mentions = people_of(paragraphs, sentences, scorer, nlp, parsed, targets)
    spellings: dict[str, set[str]] = {name: set() for name in table["name"]}
    for actor, mention in zip(mentions["actor"], mentions["mention"]):
        spellings.setdefault(actor, set()).add(mention)
    kinds = actor_kinds(parsed, spellings)
    table = _present(table)
    return pd.DataFrame({
        "actor": table["name"].astype(object),
        "kind": [kinds.get(n) for n in table["name"]],
        "mentions": table["mentions"].astype("int64"),
        "compound": table["compound"].astype(float),
        "n_statements": table["n_quotes"].fillna(0).astype("int64"),
        "statement_compound": table["quote_compound"].astype(float),
    })


def _present(table: pd.DataFrame) -> pd.DataFrame:
    """The actors a document mentions or quotes: a target it never names is no row of the corpus
    (a report on one article says "not mentioned"; over a corpus that would count as a document)."""
    said = table["n_quotes"].fillna(0) if "n_quotes" in table else 0
    return table[(table["mentions"] > 0) | (said > 0)].reset_index(drop=True)


def empty_rows() -> dict[str, list[Any]]:
    return {name: [] for name, _ in PART_ACTOR_FIELDS}


def _none_for_nan(values: Sequence[float]) -> list[float | None]:
    return [None if v != v else float(v) for v in values]


def add_rows(rows: dict[str, list[Any]], item: ActorInput, table: pd.DataFrame) -> None:
    """Append one document's actor table to the column lists of a part."""
    n = len(table)
    rows["doc_id"] += [item.doc_id] * n
    rows["date"] += [item.doc.date] * n
    rows["actor"] += [str(a) for a in table["actor"]]
    rows["kind"] += [k if isinstance(k, str) else None for k in table["kind"]]  # pandas reads None as NaN
    rows["mentions"] += [int(m) for m in table["mentions"]]
    rows["compound"] += _none_for_nan(table["compound"].tolist())
    rows["n_statements"] += [int(m) for m in table["n_statements"]]
    rows["statement_compound"] += _none_for_nan(table["statement_compound"].tolist())
    rows[DOC_ROW] += [item.row] * n


def batch_actors(items: list[ActorInput], scorer: Any, nlp: Any,
                 targets: list[Any] | None = None) -> tuple[dict[str, list[Any]], list[InputError]]:
    """The actor rows of scored documents, in their order; a document that fails becomes an error."""
    rows = empty_rows()
    errors: list[InputError] = []
    with _PIPELINE_LOCK:
        for start in range(0, len(items), PARSE_DOCUMENTS):
            _add_group(items[start : start + PARSE_DOCUMENTS], scorer, nlp, targets, rows, errors)
    return rows, errors


def target_list(spec: str | None) -> list[Any] | None:
    """`--targets` ("Taliban;Ahmad Masoud|Masoud") as the people layer's targets; None finds actors."""
    if not spec:
        return None
    from newstone.people.mentions import parse_targets

    return parse_targets(spec)


def _add_group(group: list[ActorInput], scorer: Any, nlp: Any, targets: list[Any] | None,
               rows: dict[str, list[Any]], errors: list[InputError]) -> None:
    """Parse a few documents in one `nlp.pipe` stream and add their actors, or their errors."""
    from newstone.people.attribution import parse

    try:  # one stream for the group; should it fail, each document is parsed on its own below
        flat: list | None = parse(nlp, [p for it in group for p in it.paragraphs])
    except Exception:
        flat = None
    k = 0
    for it in group:
        n = len(it.paragraphs)
        try:
            parsed = flat[k : k + n] if flat is not None else parse(nlp, it.paragraphs)
            table = document_actors(it.paragraphs, it.sentences, scorer, nlp, parsed, targets)
        except Exception as exc:  # one odd document must not stop a corpus
            message = " ".join(str(exc).split())[:300]
            errors.append(InputError(it.doc.source, f"cannot find actors ({type(exc).__name__}: {message})"))
        else:
            add_rows(rows, it, table)
        k += n


def analysis_actors(doc_id: str, date: str | None, actors: pd.DataFrame) -> pd.DataFrame:
    """An `Analysis.actors` table in the corpus layout (`ACTOR_FIELDS`; kind unknown there)."""
    import pandas as pd

    columns = [name for name, _ in ACTOR_FIELDS]
    if actors is None or actors.empty:
        return pd.DataFrame(columns=columns)
    actors = _present(actors)
    return pd.DataFrame({
        "doc_id": doc_id,
        "date": date,
        "actor": actors["name"].astype(object).to_numpy(),
        "kind": None,
        "mentions": actors["mentions"].astype("int64").to_numpy(),
        "compound": actors["compound"].astype(float).to_numpy(),
        "n_statements": actors["n_quotes"].fillna(0).astype("int64").to_numpy(),
        "statement_compound": actors["quote_compound"].astype(float).to_numpy(),
    }, columns=columns)

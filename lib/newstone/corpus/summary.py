"""Many documents at once: the tables a corpus report compares (documents, sentences, actors, speakers).

A corpus is a folder, a glob, a table file (CSV/JSONL/Parquet, one document per row), or several
of these separated by ';'. A document that cannot be read is recorded as an error and the rest
go on, so one bad row never costs the whole report.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd

from newstone.analyze import Analysis, analyze_document, as_targets
from newstone.text.inputs import collect_inputs, find_input, input_paths
from newstone.text.read import Columns, Document, InputError, iter_documents
from newstone.corpus.actors import analysis_actors
from newstone.corpus.tables import ACTOR_COLUMNS, DOCUMENT_COLUMNS, SENTENCE_COLUMNS, Corpus  # noqa: F401  (the corpus API)
from newstone.people.quotes import merge_name_variants
from newstone.people.mentions import Target


def resolve_inputs(spec: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    """Files named by a spec (see `newstone.text.inputs.collect_inputs`), without the entries it refused."""
    return input_paths(spec)


def iter_corpus(paths: Iterable[Path], columns: Columns | None = None) -> Iterator[Document | InputError]:
    """Documents from every file; whole-file problems become error items, not exceptions."""
    for path in paths:
        try:
            yield from iter_documents(path, columns)
        except InputError as exc:
            yield exc


def document_id(doc: Document) -> str:
    return doc.id or Path(doc.source).stem


def document_row(doc: Document, analysis: Analysis) -> dict[str, Any]:
    tone = analysis.tone
    return {
        "id": document_id(doc),
        "source": doc.source,
        "title": analysis.title,
        "date": doc.date,
        "site": doc.site,
        "author": doc.author,
        "n_paragraphs": len(analysis.paragraphs),
        "n_sentences": tone["n_sentences"],
        "compound": tone["compound"],
        "share_negative": tone["share_negative"],
        "share_neutral": tone["share_neutral"],
        "share_positive": tone["share_positive"],
        "n_removed": len(analysis.removed),
        "n_quotes": len(analysis.quotes),
    }


def _with_id(frame: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    out = frame.copy()
    out.insert(0, "doc_id", doc_id)
    return out


MERGED_NAMES = 500  # the most frequent names merged across documents (the merge compares every pair)


def merge_actor_names(frame: pd.DataFrame, column: str = "name") -> pd.DataFrame:
    """Use one spelling per actor across documents ("Masoud" in one, "Ahmad Masoud" in another).

    Only the `MERGED_NAMES` most frequent names take part, so a corpus of 100,000 articles costs
    what a report shows; rarer spellings keep their own row.
    """
    if frame.empty:
        return frame
    counts = frame[column].dropna().value_counts(sort=False)
    order = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MERGED_NAMES]
    mapping = merge_name_variants(name for name, _ in order)
    out = frame.copy()
    out[column] = out[column].map(lambda n: mapping.get(n, n))
    return out


def analyze_corpus(
    inputs: str | os.PathLike | Iterable[str | os.PathLike],
    scorer: str = "vader",
    columns: Columns | None = None,
    targets: str | list[Target] | None = None,
    max_documents: int | None = None,
) -> Corpus:
    """Analyze every document; the tables keep a `doc_id` so they can be joined."""
    target_list = as_targets(targets)
    files, problems = collect_inputs(inputs)
    docs, sentences, actors, speakers = [], [], [], []
    errors = [str(exc) for exc in problems]
    for item in iter_corpus([Path(f.display) for f in files], columns):
        if max_documents is not None and len(docs) >= max_documents:
            break
        if isinstance(item, InputError):
            errors.append(str(item))
            continue
        try:
            analysis = analyze_document(item, scorer=scorer, targets=target_list)
        except InputError as exc:
            errors.append(str(exc))
            continue
        row = document_row(item, analysis)
        docs.append(row)
        sentences.append(_with_id(analysis.sentences[[c for c in SENTENCE_COLUMNS if c != "doc_id"]], row["id"]))
        if not analysis.actors.empty:
            actors.append(analysis_actors(row["id"], item.date, analysis.actors))
        if not analysis.speakers.empty:
            speakers.append(_with_id(analysis.speakers, row["id"]))
    return Corpus(
        documents=pd.DataFrame(docs, columns=DOCUMENT_COLUMNS),
        sentences=pd.concat(sentences, ignore_index=True) if sentences else pd.DataFrame(columns=SENTENCE_COLUMNS),
        actors=merge_actor_names(pd.concat(actors, ignore_index=True), "actor") if actors else pd.DataFrame(columns=ACTOR_COLUMNS),
        speakers=merge_actor_names(pd.concat(speakers, ignore_index=True)) if speakers else pd.DataFrame(),
        errors=errors,
        scorer=scorer,
    )


def is_scored_folder(path: str | os.PathLike) -> bool:
    """A folder written by `newstone score` (documents.parquet and sentences.parquet)."""
    p = find_input(path)
    return p.is_dir() and (p / "documents.parquet").is_file() and (p / "sentences.parquet").is_file()


def load_corpus(
    inputs: str | os.PathLike,
    scorer: str = "vader",
    columns: Columns | None = None,
    targets: str | list[Target] | None = None,
    listed_sentences: int = 200,
) -> Corpus:
    """A corpus for the report: read a `newstone score` folder as it is (no rescoring; only the
    texts of the most negative and positive sentences are loaded), else analyze the inputs."""
    if isinstance(inputs, (str, os.PathLike)) and ";" not in str(inputs) and is_scored_folder(inputs):
        from newstone.corpus.scored import load_scored

        return load_scored(find_input(inputs), sentence_text=listed_sentences)
    return analyze_corpus(inputs, scorer=scorer, columns=columns, targets=targets)


ACROSS_COLUMNS = ["actor", "kind", "documents", "mentions", "compound", "n_statements", "statement_compound"]


def _weighted(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Per group: documents, mentions, mention-weighted tone about the actor, statements and their
    statement-weighted tone (NaN where nothing was measured)."""
    tone = pd.to_numeric(frame["compound"], errors="coerce")
    said = pd.to_numeric(frame["statement_compound"], errors="coerce")
    n_said = frame["n_statements"].astype("int64")
    work = frame[by].assign(
        doc_id=frame["doc_id"].astype(str), mentions=frame["mentions"].astype("int64"), n_statements=n_said,
        weighted=(tone * frame["mentions"]).fillna(0.0), weight=frame["mentions"].where(tone.notna(), 0),
        said=(said * n_said).fillna(0.0), said_weight=n_said.where(said.notna(), 0),
    )
    table = work.groupby(by, sort=True).agg(
        documents=("doc_id", "nunique"), mentions=("mentions", "sum"), weighted=("weighted", "sum"),
        weight=("weight", "sum"), n_statements=("n_statements", "sum"), said=("said", "sum"),
        said_weight=("said_weight", "sum"),
    )
    table["compound"] = (table["weighted"] / table["weight"]).where(table["weight"] > 0)
    table["statement_compound"] = (table["said"] / table["said_weight"]).where(table["said_weight"] > 0)
    return table.drop(columns=["weighted", "weight", "said", "said_weight"]).reset_index()


def actors_across(corpus: Corpus, top: int = 15) -> pd.DataFrame:
    """The most mentioned actors of the corpus: in how many documents, mentions, the mention-weighted
    tone of the text about them, their statements and the statements' tone; most documents first."""
    frame = corpus.actors
    if frame is None or frame.empty:
        return pd.DataFrame(columns=ACROSS_COLUMNS)
    frame = merge_actor_names(frame, "actor")
    table = _weighted(frame, ["actor"])
    kinds = frame.dropna(subset=["kind"]).groupby("actor")["kind"].agg(lambda k: k.value_counts().sort_index().idxmax())
    table["kind"] = table["actor"].map(kinds)
    table = table.sort_values(["documents", "mentions", "actor"], ascending=[False, False, True], kind="mergesort")
    return table[ACROSS_COLUMNS].head(top).reset_index(drop=True)


def time_periods(dates: pd.Series, freq: str | None = None) -> tuple[pd.Series, str | None]:
    """Each date's period (day, week or month by the span, unless `freq` says) and the freq used;
    dates that cannot be read are NaT."""
    # Each distinct date parsed once, on its own (tables mix "2024-03-01" and "March 3, 2024").
    distinct = pd.Series(dates.dropna().astype(str).unique(), dtype=object)
    lookup = dict(zip(distinct, pd.to_datetime(distinct, errors="coerce", utc=True, format="mixed")))
    when = pd.to_datetime(dates.map(lambda v: lookup.get(str(v)) if pd.notna(v) else None), utc=True)
    known = when.dropna()
    if known.empty:
        return pd.Series(pd.NaT, index=dates.index), None
    span = (known.max() - known.min()).days
    freq = freq or ("D" if span <= 62 else "W" if span <= 400 else "MS")
    period = when.dt.tz_localize(None).dt.to_period(freq[0] if freq != "MS" else "M").dt.start_time
    return period, freq


def actors_over_time(corpus: Corpus, actors: list[str], freq: str | None = None) -> pd.DataFrame:
    """For the given actors: documents, mentions and the tone about each per period of the
    documents' dates (empty when no document is dated)."""
    columns = ["period", "actor", "documents", "mentions", "compound", "n_statements", "statement_compound"]
    frame = corpus.actors
    if frame is None or frame.empty or not actors:
        return pd.DataFrame(columns=columns)
    period, _ = time_periods(frame["date"], freq)  # over the whole corpus' span: one scale for every actor
    frame = merge_actor_names(frame.assign(period=period), "actor")
    frame = frame[frame["actor"].isin(actors)].dropna(subset=["period"])
    if frame.empty:
        return pd.DataFrame(columns=columns)
    return _weighted(frame, ["period", "actor"])[columns]


def group_tone(documents: pd.DataFrame, by: str) -> pd.DataFrame:
    """Tone per source (or any column): documents, mean and spread of document tone."""
    if by not in documents.columns:
        return pd.DataFrame(columns=[by, "documents", "compound", "std"])
    present = documents.dropna(subset=[by])
    if present.empty:
        return pd.DataFrame(columns=[by, "documents", "compound", "std"])
    table = present.groupby(by, sort=True)["compound"].agg(documents="size", compound="mean", std="std").reset_index()
    return table.sort_values(["documents", by], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def tone_over_time(documents: pd.DataFrame, freq: str | None = None) -> pd.DataFrame:
    """Mean document tone per day (or week/month for long spans); empty when no dates are known."""
    if "date" not in documents.columns:
        return pd.DataFrame(columns=["period", "documents", "compound"])
    period, _ = time_periods(documents["date"], freq)
    dated = documents.assign(period=period).dropna(subset=["period"])
    if dated.empty:
        return pd.DataFrame(columns=["period", "documents", "compound"])
    return dated.groupby("period")["compound"].agg(documents="size", compound="mean").reset_index()

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
from newstone.corpus.tables import DOCUMENT_COLUMNS, SENTENCE_COLUMNS, Corpus  # noqa: F401  (the corpus API)
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


def merge_actor_names(frame: pd.DataFrame, column: str = "name") -> pd.DataFrame:
    """Use one spelling per actor across documents ("Masoud" in one, "Ahmad Masoud" in another)."""
    if frame.empty:
        return frame
    mapping = merge_name_variants(frame[column].dropna().unique().tolist())
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
            actors.append(_with_id(analysis.actors, row["id"]))
        if not analysis.speakers.empty:
            speakers.append(_with_id(analysis.speakers, row["id"]))
    return Corpus(
        documents=pd.DataFrame(docs, columns=DOCUMENT_COLUMNS),
        sentences=pd.concat(sentences, ignore_index=True) if sentences else pd.DataFrame(columns=SENTENCE_COLUMNS),
        actors=merge_actor_names(pd.concat(actors, ignore_index=True)) if actors else pd.DataFrame(),
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


def actors_across(corpus: Corpus, top: int = 15) -> pd.DataFrame:
    """Each actor over the corpus: in how many documents, mentions, and mention-weighted tone."""
    frame = corpus.actors
    if frame.empty:
        return pd.DataFrame(columns=["name", "documents", "mentions", "compound"])
    frame = frame.assign(weighted=frame["compound"] * frame["mentions"])
    table = frame.groupby("name", sort=True).agg(
        documents=("doc_id", "nunique"), mentions=("mentions", "sum"), weighted=("weighted", "sum")
    )
    table["compound"] = table["weighted"] / table["mentions"]
    table = table.drop(columns="weighted").reset_index()
    table = table.sort_values(["documents", "mentions", "name"], ascending=[False, False, True], kind="mergesort")
    return table.head(top).reset_index(drop=True)


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
    dated = documents.assign(when=pd.to_datetime(documents["date"], errors="coerce", utc=True)).dropna(subset=["when"])
    if dated.empty:
        return pd.DataFrame(columns=["period", "documents", "compound"])
    span = (dated["when"].max() - dated["when"].min()).days
    freq = freq or ("D" if span <= 62 else "W" if span <= 400 else "MS")
    dated["period"] = dated["when"].dt.tz_localize(None).dt.to_period(freq[0] if freq != "MS" else "M").dt.start_time
    return dated.groupby("period")["compound"].agg(documents="size", compound="mean").reset_index()

"""One article in, one analysis out: the pipeline that the CLI, the notebooks and tests share."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from newstone.people.attribution import parse
from newstone.text.clean import Cleaned, Removed, clean_text, shorten
from newstone.text.clean import headline_line as _headline
from newstone.tone.explain import add_drivers
from newstone.text.inputs import find_input
from newstone.text.nlp import PEOPLE_EXCLUDE, load_pipeline
from newstone.people.quotes import extract_quotes, speaker_table
from newstone.text.read import Document, InputError, read_document
from newstone.text.segment import segment_paragraphs
from newstone.tone.sentiment import Scorer, document_tone, resolve_scorer, score_sentences, score_texts
from newstone.people.targets import Target, actors_for, parse_targets


@dataclass
class Analysis:
    """Everything a report says about one document."""

    document: Document
    title: str
    paragraphs: list[str]
    removed: list[Removed]
    sentences: pd.DataFrame
    tone: dict[str, Any]
    scorer: str
    quotes: pd.DataFrame = field(default_factory=pd.DataFrame)
    speakers: pd.DataFrame = field(default_factory=pd.DataFrame)
    actors: pd.DataFrame = field(default_factory=pd.DataFrame)
    mentions: pd.DataFrame = field(default_factory=pd.DataFrame)
    warnings: list[str] = field(default_factory=list)
    scorer_object: Any = field(default=None, repr=False, compare=False)  # the resolved scorer, for views

    def to_dict(self) -> dict[str, Any]:
        """The `newstone analyze --json` contract."""
        sentences = [
            {
                "paragraph": int(row.paragraph),
                "index": int(row.sentence),
                "text": row.text,
                "neg": float(row.neg),
                "neu": float(row.neu),
                "pos": float(row.pos),
                "compound": float(row.compound),
                "drivers": list(row.drivers),
            }
            for row in self.sentences.itertuples(index=False)
        ]
        return {
            "source": self.document.source,
            "sha256": self.document.sha256,
            "title": self.title,
            "scorer": self.scorer,
            "encoding": self.document.encoding,
            "warnings": list(self.warnings),
            "paragraphs": list(self.paragraphs),
            "removed": [{"text": r.text, "reason": r.reason} for r in self.removed],
            "sentences": sentences,
            "document": dict(self.tone),
            "quotes": records(self.quotes, ["text", "speaker", "kind", "compound", "paragraph", "cue"]),
            "speakers": records(self.speakers, ["name", "n_quotes", "compound", "n_direct", "n_indirect"]),
            "targets": records(self.actors, ["name", "mentions", "compound", "n_sentences", "n_quotes", "quote_compound"]),
        }


def _plain(value: Any) -> Any:
    """numpy scalars and NaN to JSON-ready Python values."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    """Selected columns of a frame as JSON-ready dicts (missing columns are left out)."""
    present = [c for c in columns if c in frame.columns]
    return [{c: _plain(v) for c, v in zip(present, row)} for row in frame[present].itertuples(index=False)]


def choose_title(doc: Document, cleaned: Cleaned, sentences: pd.DataFrame, override: str | None = None) -> str:
    """Explicit title, else the page's own, else the article's first sentence, shortened."""
    for candidate in (override, doc.title, cleaned.title):
        if candidate and candidate.strip():
            return candidate.strip()
    if len(sentences):
        return shorten(sentences["text"].iloc[0])
    return Path(doc.source).stem


def as_targets(targets: str | list[Target] | None) -> list[Target] | None:
    """Targets from the CLI/notebook syntax ("Taliban;Ahmad Masoud|Masoud") or a ready list."""
    if targets is None or isinstance(targets, list):
        return targets or None
    return parse_targets(targets) or None


def score_quotes(quotes: pd.DataFrame, scorer: Scorer) -> pd.DataFrame:
    """The quotes with the tone of their own words."""
    out = quotes.reset_index(drop=True).copy()
    out["compound"] = score_texts(out["text"].tolist(), scorer)["compound"].to_numpy() if len(out) else pd.Series(dtype=float)
    return out


def people_of(
    paragraphs: list[str], sentences: pd.DataFrame, scorer: Scorer, nlp: Any,
    parsed: list[list[tuple[int, Any]]], targets: list[Target] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Who says what, about whom: (quotes, actors, mentions) from one parse of the paragraphs.

    The quotes are scored on their own words; the actors are the user's `targets` (they win)
    or the ones found, with the statements each made. `newstone score --actors` calls this too,
    so a corpus row is the actor of the article's report.
    """
    quotes = score_quotes(extract_quotes(paragraphs, nlp, parsed=parsed), scorer)
    actors, mentions = actors_for(paragraphs, sentences, targets, scorer=scorer, quotes=quotes, parsed=parsed)
    return quotes, actors, mentions


def analyze_document(
    doc: Document, scorer: str | Scorer | None = "vader", title: str | None = None,
    targets: str | list[Target] | None = None, nlp: Any = None,
) -> Analysis:
    """Clean, segment and score one decoded document; find who is quoted and who is talked about.

    `scorer` is resolved once here (`sentiment.resolve_scorer`: calibrated, `minilm` falling back
    to `lexicon` without its extra, with a warning) and passed down as an object; `nlp` is the
    spaCy pipeline for the people layer, resolved once by the caller
    (`newstone.text.nlp.load_pipeline(PEOPLE_EXCLUDE)` when None).
    """
    scorer = resolve_scorer(scorer)
    markdown = doc.source.lower().endswith((".md", ".markdown"))
    cleaned = clean_text(doc.text, markdown=markdown)
    paragraphs = list(cleaned.paragraphs)
    removed = list(cleaned.removed)
    headline = None if (title or doc.title or cleaned.title) else _headline(paragraphs)
    if headline:
        paragraphs = paragraphs[1:]
        removed.insert(0, Removed(headline, "headline (used as the report title, not scored)"))
    if not paragraphs:
        raise InputError(doc.source, "no article text left after cleaning")
    sentences = segment_paragraphs(paragraphs)
    scored = add_drivers(score_sentences(sentences, scorer), scorer)
    nlp = load_pipeline(PEOPLE_EXCLUDE) if nlp is None else nlp
    quotes, actors, mentions = people_of(paragraphs, scored, scorer, nlp, parse(nlp, paragraphs), as_targets(targets))
    return Analysis(
        document=doc,
        title=choose_title(doc, cleaned, scored, title or headline),
        paragraphs=paragraphs,
        removed=removed,
        sentences=scored,
        tone=document_tone(scored),
        scorer=scorer.name,
        scorer_object=scorer,
        quotes=quotes,
        speakers=speaker_table(quotes),
        actors=actors,
        mentions=mentions,
        warnings=list(doc.warnings) + ([scorer.note] if getattr(scorer, "note", None) else []),
    )


def analyze_path(
    path: str | os.PathLike, scorer: str | Scorer | None = "vader", title: str | None = None,
    targets: str | list[Target] | None = None, nlp: Any = None,
) -> Analysis:
    """Read and analyze one file."""
    return analyze_document(read_document(find_input(path)), scorer=scorer, title=title, targets=targets,
                            nlp=load_pipeline(PEOPLE_EXCLUDE) if nlp is None else nlp)

"""Scoring documents in bulk: clean, segment and score a batch, the way `analyze` does for one.

The unit of work inside a part of `newstone score`: documents in, one row per document and one
per sentence out (as `newstone.corpus.tables` lays them out), plus one per actor when a spaCy
pipeline is given (`newstone.corpus.actors`); a document that fails becomes an error.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newstone.text.read import Document, InputError
from newstone.corpus.actors import ActorInput, batch_actors, empty_rows
from newstone.corpus.tables import DOCUMENT_FIELDS, SENTENCE_FIELDS


@functools.lru_cache(maxsize=None)
def resolve_scorer(name: str) -> Any:
    """The scorer registered under `name`, calibrated; nltk's VADER gets the fast path, which gives equal raw scores.

    `FastVader` is proven equal to nltk's `polarity_scores` by tests/test_fastvader.py, so it
    stands in for the reference `VaderScorer` (same lexicon, same rules) and for nothing else.
    When `vader` is still the stock registration, FastVader is built without nltk, which saves
    each worker process the 1.5 s nltk takes to import.
    """
    from newstone.tone import sentiment
    from newstone.tone.fastvader import FastVader

    entry = getattr(sentiment, "_REGISTRY", {}).get(name)
    scorer: Any = None
    if entry is not None and entry[0] is getattr(sentiment, "_vader", None):
        fast = FastVader()
        scorer = fast if fast.exact_fast_path else None
    if scorer is None:
        scorer = sentiment.get_scorer(name)
        if type(scorer) is sentiment.VaderScorer:
            fast = FastVader(scorer.analyzer)
            scorer = fast if fast.exact_fast_path else scorer
    return sentiment.resolve_scorer(scorer)  # onto the shared tone scale, as reports read it


def check_scorer(name: str) -> None:
    """Refuse an unknown scorer name before any work, without building the scorer."""
    from newstone.tone import sentiment

    if name in getattr(sentiment, "_REGISTRY", {}):
        return
    names = sentiment.available_scorers()  # registers the optional scorers too
    if name not in names:
        raise sentiment.UnknownScorerError(f"unknown scorer {name!r}; available: {', '.join(names)}")


def _score_columns(scorer: Any, texts: list[str]) -> tuple[list[float], list[float], list[float], list[float]]:
    """The neg, neu, pos and compound columns of the texts; a calibrated scorer's compounds mapped in one numpy pass."""
    raw = getattr(scorer, "raw", scorer)
    if hasattr(raw, "score_tuples"):
        rows = raw.score_tuples(texts)
    else:
        rows = [(float(d["neg"]), float(d["neu"]), float(d["pos"]), float(d["compound"])) for d in raw.score_many(texts)]
    if not rows:
        return [], [], [], []
    neg, neu, pos, compound = (list(column) for column in zip(*rows))
    calibration = getattr(scorer, "calibration", None)
    if calibration is not None:
        compound = calibrated_compounds(calibration, compound)
    return neg, neu, pos, compound


_CALIBRATED_VALUES = 50_000  # raw -> calibrated compounds remembered per calibration (VADER's have 4 decimals: 20,001 at most)


def calibrated_compounds(calibration: Any, raw: list[float]) -> list[float]:
    """`[round(c, 4) for c in calibration.apply(raw).tolist()]`, the same numbers, with a lookup per sentence.

    The map is elementwise, and a scorer's raw compounds repeat (VADER rounds them to 4
    decimals), so each distinct value is calibrated once per process, in one numpy call per
    batch for the new ones. A calibration that tells 0.0 from -0.0 (a dict cannot) or a NaN
    among the new values goes the direct way.
    """
    try:
        memory = _calibration_memory(calibration)
    except TypeError:  # an unhashable calibration
        memory = None
    if memory is None:
        return [round(c, 4) for c in calibration.apply(raw).tolist()]
    new = [c for c in set(raw) if c not in memory]
    if new:
        if any(c != c for c in new):  # NaN: not a usable key
            return [round(c, 4) for c in calibration.apply(raw).tolist()]
        if len(memory) + len(new) > _CALIBRATED_VALUES:
            memory.clear()
            new = list(set(raw))
        memory.update(zip(new, (round(c, 4) for c in calibration.apply(new).tolist())))
    return list(map(memory.__getitem__, raw))


@functools.lru_cache(maxsize=8)
def _calibration_memory(calibration: Any) -> dict[float, float] | None:
    """An empty memory for a calibration's values; None when it maps 0.0 and -0.0 apart."""
    zero, minus_zero = calibration.apply([0.0, -0.0]).tolist()
    if zero != minus_zero or math.copysign(1.0, zero) != math.copysign(1.0, minus_zero):
        return None
    return {}


@dataclasses.dataclass
class Prepared:
    """A cleaned and segmented document, ready to score."""

    title: str
    n_paragraphs: int
    n_removed: int
    paragraphs: list[int]  # paragraph index of each sentence
    sentences: list[str]
    texts: list[str] = dataclasses.field(default_factory=list)  # the paragraphs themselves
    spans: list[tuple[int, int]] = dataclasses.field(default_factory=list)  # each sentence's offsets in its paragraph


def prepare_document(doc: Document, spans: bool = True) -> Prepared:
    """Clean and segment one document the way `newstone.analyze.analyze_document` does.

    The same cleaning (`clean_text`), the same headline rule (a short first line without
    closing punctuation becomes the title and is not scored), the same segmenter, the same
    title choice; without quotes, actors and driver words, which bulk scoring does not need.
    `spans=False` leaves `Prepared.spans` empty: only the actors need the offsets.
    """
    from newstone.text.clean import clean_text, headline_line, shorten
    from newstone.text.segment import spans_and_sentences, split_sentences

    markdown = doc.source.lower().endswith((".md", ".markdown"))
    cleaned = clean_text(doc.text, markdown=markdown)
    paragraphs = list(cleaned.paragraphs)
    n_removed = len(cleaned.removed)
    headline = None if (doc.title or cleaned.title) else headline_line(paragraphs)
    if headline:
        paragraphs = paragraphs[1:]
        n_removed += 1
    if not paragraphs:
        raise InputError(doc.source, "no article text left after cleaning")
    para_index: list[int] = []
    texts: list[str] = []
    offsets: list[tuple[int, int]] = []
    for p, para in enumerate(paragraphs):
        if spans:
            found, sentences = spans_and_sentences(para)
            offsets += found
        else:
            sentences = split_sentences(para)
        texts += sentences
        para_index += [p] * len(sentences)
    title = None
    for candidate in (headline, doc.title, cleaned.title):  # analyze.choose_title's order
        if candidate and candidate.strip():
            title = candidate.strip()
            break
    if title is None:
        title = shorten(texts[0]) if texts else Path(doc.source).stem
    return Prepared(title, len(paragraphs), n_removed, para_index, texts, paragraphs, offsets)


def tone_aggregates(compounds: Sequence[float]) -> tuple[float, float, float, float]:
    """(mean compound, share negative, share neutral, share positive), as `document_tone` computes them."""
    n = len(compounds)
    if n == 0:
        return 0.0, 0.0, 0.0, 0.0
    negative = sum(1 for c in compounds if c <= -0.05)
    positive = sum(1 for c in compounds if c >= 0.05)
    return numpy_sum(compounds) / n, negative / n, (n - negative - positive) / n, positive / n


def numpy_sum(values: Sequence[float]) -> float:
    """`float(np.asarray(values, dtype="float64").sum())`, bit for bit, without numpy for up to 128 values.

    A document has a few dozen sentences: numpy's call overhead was most of a document row's cost.
    numpy adds up to 7 values in order and up to 128 in eight interleaved sums combined as a tree
    (its pairwise summation); longer lists go to numpy itself. tests/test_batch_sum.py compares.
    """
    n = len(values)
    if n > 128:
        import numpy as np

        return float(np.asarray(values, dtype="float64").sum())
    if n < 8:
        total = 0.0
        for v in values:
            total += v
        return 0.0 + total
    r0, r1, r2, r3, r4, r5, r6, r7 = (float(v) for v in values[:8])
    end = n - n % 8
    for i in range(8, end, 8):
        r0 += values[i]
        r1 += values[i + 1]
        r2 += values[i + 2]
        r3 += values[i + 3]
        r4 += values[i + 4]
        r5 += values[i + 5]
        r6 += values[i + 6]
        r7 += values[i + 7]
    total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    for i in range(end, n):
        total += values[i]
    return 0.0 + total


def score_document(doc: Document, scorer: str | Any = "vader", doc_id: str | None = None) -> tuple[dict[str, Any], Any]:
    """One document's row (as in documents.parquet) and its sentences (a DataFrame as in sentences.parquet)."""
    import pandas as pd

    s = resolve_scorer(scorer) if isinstance(scorer, str) else scorer
    doc_rows, sentence_columns, errors, _ = score_batch([(doc, doc_id or doc.id or Path(doc.source).stem)], s)
    if errors:
        raise errors[0]
    row = {name: values[0] for name, values in doc_rows.items()}
    return row, pd.DataFrame(sentence_columns, columns=[name for name, _ in SENTENCE_FIELDS])


def sentence_frame(p: Prepared, neg: list[float], neu: list[float], pos: list[float], compound: list[float]) -> Any:
    """A prepared document's scored sentences as `analyze` tables them (without driver words)."""
    import pandas as pd

    from newstone.tone.sentiment import tone_label

    return pd.DataFrame({
        "paragraph": pd.Series(p.paragraphs, dtype="int64"),
        "sentence": pd.Series(range(len(p.sentences)), dtype="int64"),
        "text": pd.Series(p.sentences, dtype="object"),
        "start": pd.Series([a for a, _ in p.spans], dtype="int64"),
        "end": pd.Series([b for _, b in p.spans], dtype="int64"),
        "neg": pd.Series(neg, dtype=float),
        "neu": pd.Series(neu, dtype=float),
        "pos": pd.Series(pos, dtype=float),
        "compound": pd.Series(compound, dtype=float),
        "tone": pd.Series([tone_label(c) for c in compound], dtype="object"),
    })


# A document row's values in the order score_batch builds them (mean compound, then the three shares).
_ROW_ORDER = ("id", "source", "title", "date", "site", "author", "n_paragraphs", "n_sentences", "compound",
              "share_negative", "share_neutral", "share_positive", "n_removed")
assert sorted(_ROW_ORDER) == sorted(name for name, _ in DOCUMENT_FIELDS)


def score_batch(
    docs: list[tuple[Document, str]], scorer: Any, nlp: Any = None, targets: list[Any] | None = None,
) -> tuple[dict[str, list[Any]], dict[str, list[Any]], list[InputError], dict[str, list[Any]]]:
    """Score documents together (one call to the scorer); a document that fails becomes an error.

    With `nlp` (the people layer's spaCy pipeline) the documents' actors come too (`targets`, or
    the actors found), as the columns of a part's actors file
    (`newstone.corpus.actors.PART_ACTOR_FIELDS`); else that is empty.
    """
    prepared: list[tuple[Document, str, Prepared]] = []
    errors: list[InputError] = []
    for doc, doc_id in docs:
        try:
            prepared.append((doc, doc_id, prepare_document(doc, spans=nlp is not None)))
        except InputError as exc:
            errors.append(exc)
        except Exception as exc:  # one odd document must not stop a corpus
            errors.append(InputError(doc.source, f"cannot clean or segment ({type(exc).__name__}: {exc})"))
    texts = [t for _, _, p in prepared for t in p.sentences]
    try:
        columns = _score_columns(scorer, texts)
    except Exception:
        columns = None
    if columns is None:  # find the document the scorer fails on, keep the others
        kept, columns = [], ([], [], [], [])
        for item in prepared:
            try:
                scored = _score_columns(scorer, item[2].sentences)
            except Exception as exc:
                errors.append(InputError(item[0].source, f"cannot score ({type(exc).__name__}: {exc})"))
                continue
            for column, values in zip(columns, scored):
                column += values
            kept.append(item)
        prepared = kept
    neg, neu, pos, compound = columns
    doc_rows: dict[str, list[Any]] = {name: [] for name, _ in DOCUMENT_FIELDS}
    sent: dict[str, list[Any]] = {name: [] for name, _ in SENTENCE_FIELDS}
    sent.update(neg=neg, neu=neu, pos=pos, compound=compound)  # the documents' sentences, in order
    people: list[ActorInput] = []
    rows: list[tuple[Any, ...]] = []
    k = 0
    for row, (doc, doc_id, p) in enumerate(prepared):
        n = len(p.sentences)
        compounds = compound[k : k + n]
        if nlp is not None:
            people.append(ActorInput(doc, doc_id, row, p.texts,
                                     sentence_frame(p, neg[k : k + n], neu[k : k + n], pos[k : k + n], compounds)))
        k += n
        rows.append((doc_id, doc.source, p.title, doc.date, doc.site, doc.author, p.n_paragraphs, n,
                     *tone_aggregates(compounds), p.n_removed))  # in _ROW_ORDER
        sent["doc_id"] += [doc_id] * n
        sent["paragraph"] += p.paragraphs
        sent["sentence"] += range(n)
        sent["text"] += p.sentences
    for name, column in zip(_ROW_ORDER, zip(*rows)):  # one tuple per document, transposed once
        doc_rows[name] = list(column)
    if nlp is None:
        return doc_rows, sent, errors, empty_rows()
    actor_rows, failed = batch_actors(people, scorer, nlp, targets)
    return doc_rows, sent, errors + failed, actor_rows


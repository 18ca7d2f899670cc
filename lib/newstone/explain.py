"""Explanations: which words moved a sentence's score, and by how much, after VADER's rules."""

from __future__ import annotations

import re

import pandas as pd

from newstone.sentiment import Scorer, get_scorer

_WORD_EDGE = re.compile(r"^\W+|\W+$")


def sentence_drivers(text: str, scorer: str | Scorer = "vader") -> list[dict[str, float | str]]:
    """Words with a non-zero valence in this sentence, strongest first.

    Scorers that cannot attribute their score to words (trained models) return [].
    """
    s = get_scorer(scorer) if isinstance(scorer, str) else scorer
    token_valences = getattr(s, "token_valences", None)
    if token_valences is None:
        return []
    drivers = [
        {"word": word, "valence": round(valence, 4)}
        for word, valence in token_valences(text)
        if abs(valence) > 1e-9
    ]
    return sorted(drivers, key=lambda d: -abs(d["valence"]))


def add_drivers(sentences: pd.DataFrame, scorer: str | Scorer = "vader") -> pd.DataFrame:
    """A copy of `sentences` with a `drivers` column (list of {word, valence})."""
    out = sentences.copy()
    out["drivers"] = [sentence_drivers(t, scorer) for t in out["text"]]
    return out


def document_drivers(sentences: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Words that drove a document's tone: how often each appears and its summed valence.

    Words are folded to lower case so 'Attack' and 'attack' count together.
    """
    rows = [
        (_WORD_EDGE.sub("", str(d["word"])).lower() or str(d["word"]), float(d["valence"]))
        for drivers in sentences.get("drivers", pd.Series(dtype=object))
        for d in drivers
    ]
    if not rows:
        return pd.DataFrame(columns=["word", "count", "total_valence", "mean_valence"])
    frame = pd.DataFrame(rows, columns=["word", "valence"])
    table = (
        frame.groupby("word", sort=True)["valence"]
        .agg(count="size", total_valence="sum", mean_valence="mean")
        .reset_index()
    )
    table["total_valence"] = table["total_valence"].round(4)
    table["mean_valence"] = table["mean_valence"].round(4)
    order = table["total_valence"].abs().sort_values(ascending=False, kind="mergesort").index
    table = table.loc[order].reset_index(drop=True)
    return table.head(top) if top else table

"""Explanations: which words moved a sentence's score, and by how much.

Two methods, one per kind of scorer:

* ``valence`` (`vader`, `vader-news`): each word's valence after VADER's rules (negation,
  boosters, *but*, capitals); the valences are the exact inputs of the score.
* ``occlusion`` (any other scorer, e.g. the trained `lexicon` and `minilm`): the sentence is
  scored again with each word left out, and a word's weight is how much the scorer's raw
  compound drops without it (full score minus masked score; raw, because calibration is flat
  at its ends and would hide a word's effect there).  Model-agnostic; every masked variant of every
  sentence goes to the scorer in one batch, so a 40-sentence article costs one call of
  about a thousand short texts.

Both give ``[{"word", "valence"}]`` per sentence, strongest first: positive values pulled the
tone up, negative values down.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

import pandas as pd

from newstone.tone.sentiment import Scorer

_WORD_EDGE = re.compile(r"^\W+|\W+$")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
#: occlusion changes smaller than this are noise, not a driver (compound units)
MIN_CHANGE = 0.01
#: function words occlusion does not try one by one (about 40 % of news words): articles,
#: prepositions, pronouns, auxiliaries, "and"/"or"/"that".  Negations, contrast words and
#: boosters ("not", "no", "never", "but", "very", "more") are not in it: they can carry tone.
SKIP = frozenset(
    "a an the of to in on at for from by with as into onto about over under after before between "
    "through during since until upon within across against among around and or nor that which who "
    "whom whose this these those it its it's he she they we i you him her them us me my your our "
    "their his hers theirs there here is are was were be been being am do does did has have had "
    "will would shall should can could may might must s".split()
)

#: content words tried per text, and the longest text tried at all: a run-on "sentence" of
#: thousands of words (scraped text with no punctuation) would cost one model pass per word over
#: the whole text, and no news sentence is that long
MAX_OCCLUDED = 200
MAX_WORDS = 400

METHODS = {
    "valence": "word valences after VADER's rules (negation, boosters, 'but', capitals)",
    "occlusion": "occlusion: each word left out in turn, and the change in the sentence's score",
}


def _raw(scorer: Any) -> Any:
    return getattr(scorer, "raw", scorer)


def explanation_method(scorer: Scorer) -> str:
    """``valence`` for VADER-rule scorers, ``occlusion`` for every other scorer."""
    from newstone.tone.sentiment import VaderScorer

    return "valence" if isinstance(_raw(scorer), VaderScorer) else "occlusion"


def _valence_drivers(text: str, scorer: Any) -> list[dict[str, float | str]]:
    return [
        {"word": word, "valence": round(valence, 4)}
        for word, valence in _raw(scorer).token_valences(text)
        if abs(valence) > 1e-9
    ]


def _masked(text: str, span: tuple[int, int]) -> str:
    """`text` without the word at `span`, its spaces closed up."""
    a, b = span
    return (text[:a].rstrip() + " " + text[b:].lstrip()).strip()


def occlusion_drivers(texts: Sequence[str], scorer: Scorer, compounds: Sequence[float] | None = None,
                      min_change: float = MIN_CHANGE) -> list[list[dict[str, float | str]]]:
    """For each text, the words whose removal changes its compound by at least `min_change`
    (the first `MAX_OCCLUDED` content words of a text are tried; texts over `MAX_WORDS` words
    are left unexplained).

    The texts and all their masked variants go to the scorer in one batch; `compounds` (the
    texts' own scores on the same scale) spare scoring the texts again."""
    texts = [str(t) for t in texts]
    variants: list[str] = []
    owners: list[tuple[int, str]] = []
    for i, text in enumerate(texts):
        matches = list(_WORD.finditer(text))
        if len(matches) < 2 or len(matches) > MAX_WORDS:  # a one-word text has nothing left to compare with
            continue
        tried = 0
        for m in matches:
            if m.group(0).lower() in SKIP:
                continue
            if tried == MAX_OCCLUDED:
                break
            tried += 1
            variants.append(_masked(text, m.span()))
            owners.append((i, m.group(0)))
    out: list[list[dict[str, float | str]]] = [[] for _ in texts]
    if not variants:
        return out
    batch = variants if compounds is not None else texts + variants
    scores = [float(r["compound"]) for r in scorer.score_many(batch)]
    base = [float(c) for c in compounds] if compounds is not None else scores[: len(texts)]
    masked = scores[len(batch) - len(variants):]
    for (i, word), score in zip(owners, masked):
        change = base[i] - score
        if abs(change) >= min_change:
            out[i].append({"word": word, "valence": round(change, 4)})
    return out


def sentence_drivers(text: str, scorer: Scorer | None = None) -> list[dict[str, float | str]]:
    """Words that moved this sentence's score, strongest first (``vader`` when no scorer is given)."""
    return explain_texts([text], scorer)[0]


def explain_texts(texts: Sequence[str], scorer: Scorer | None = None) -> list[list[dict[str, float | str]]]:
    """Drivers for many texts with the scorer's method (`explanation_method`)."""
    if scorer is None:
        from newstone.tone.sentiment import get_scorer

        scorer = get_scorer("vader")
    if explanation_method(scorer) == "valence":
        found = [_valence_drivers(t, scorer) for t in texts]
    else:  # on the scorer's raw scale: the model's own changes, before calibration flattens its ends
        found = occlusion_drivers(texts, _raw(scorer))
    return [sorted(d, key=lambda x: -abs(float(x["valence"]))) for d in found]


def add_drivers(sentences: pd.DataFrame, scorer: Scorer) -> pd.DataFrame:
    """A copy of scored `sentences` with a `drivers` column (list of {word, valence})."""
    out = sentences.copy()
    out["drivers"] = explain_texts(out["text"].tolist(), scorer) if len(out) else []
    out.attrs["explanation"] = explanation_method(scorer)
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
    method = sentences.attrs.get("explanation", "valence")
    if not rows:
        empty = pd.DataFrame(columns=["word", "count", "total_valence", "mean_valence"])
        empty.attrs["explanation"] = method
        return empty
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
    table = table.head(top) if top else table
    table.attrs["explanation"] = method
    return table

"""Actors (targets) and the tone of the text about each.

A document's overall tone says little about how it treats the people and
organisations in it: an article can be calm overall and harsh about one party.
This module finds the actors (given by the user, or the most frequent named
ones), locates every mention in the sentence table, cuts each sentence down to
the clause that is about the mention, and scores those clauses per actor.

Found actors come from spaCy's entity recogniser (`newstone.people.actors`); user targets win.

Known limits: pronouns ("he", "the group") are not counted as mentions of actors; clause
cutting is still lexical (no parser), so an actor that is the object of a verb shares its
clause's tone with the subject ("X attacked Y").

Public API
----------
Target                               an actor: canonical name + aliases
parse_targets(spec)                  "Taliban;Ahmad Masoud|Masoud" -> [Target, ...]
mention_spans(text, target)          where a target is mentioned in a text
target_context(sentence, start, end) the clause of a sentence about one mention
actor_mentions(sentences, targets)   one row per mention, with its context
actor_table(mentions, scorer, ...)   one row per actor: counts and tone
actors_for(paragraphs, sentences...) (actor table, mentions) in one call
"""

from __future__ import annotations

import math
from typing import Any, Iterable, Sequence

import pandas as pd

from newstone.people.mentions import Target, _spans, mention_spans, parse_targets  # noqa: F401  (re-exported: the targets API)
from newstone.text.clauses import MIN_CLAUSE_WORDS, SHORT_SENTENCE_WORDS, target_context  # noqa: F401  (the clause about a mention)
from newstone.tone.sentiment import get_scorer

__all__ = [
    "Target",
    "parse_targets",
    "mention_spans",
    "target_context",
    "actor_mentions",
    "actor_table",
    "actors_for",
    "MENTION_COLUMNS",
    "TABLE_COLUMNS",
]

MENTION_COLUMNS = ["actor", "paragraph", "sentence", "start", "end", "mention", "context"]
TABLE_COLUMNS = ["name", "mentions", "compound", "n_sentences", "n_quotes", "quote_compound"]


# ==========================================================================
# Tables
# ==========================================================================


def actor_mentions(sentences: pd.DataFrame, targets: list[Target]) -> pd.DataFrame:
    """One row per mention of a target in the sentence table, with the clause about it.

    Offsets index into the sentence `text`; all targets are matched together
    so a mention counts for one actor only (the longest spelling wins).
    """
    rows: dict[str, list[Any]] = {c: [] for c in MENTION_COLUMNS}
    targets = list(targets or [])
    if targets and len(sentences):
        texts = sentences["text"].tolist()
        paras = sentences["paragraph"].tolist() if "paragraph" in sentences else [0] * len(texts)
        sents = sentences["sentence"].tolist() if "sentence" in sentences else list(range(len(texts)))
        for text, para, sent in zip(texts, paras, sents):
            if not isinstance(text, str) or not text:
                continue
            for s, e, idx in _spans(text, targets):
                rows["actor"].append(targets[idx].name)
                rows["paragraph"].append(int(para))
                rows["sentence"].append(int(sent))
                rows["start"].append(s)
                rows["end"].append(e)
                rows["mention"].append(text[s:e])
                rows["context"].append(target_context(text, s, e))
    return pd.DataFrame(
        {
            "actor": pd.Series(rows["actor"], dtype=object),
            "paragraph": pd.Series(rows["paragraph"], dtype="int64"),
            "sentence": pd.Series(rows["sentence"], dtype="int64"),
            "start": pd.Series(rows["start"], dtype="int64"),
            "end": pd.Series(rows["end"], dtype="int64"),
            "mention": pd.Series(rows["mention"], dtype=object),
            "context": pd.Series(rows["context"], dtype=object),
        },
        columns=MENTION_COLUMNS,
    )


def _key(name: Any) -> str:
    """Compare names without case, articles, possessive endings or extra blanks."""
    if not isinstance(name, str):
        return ""
    words = name.split()
    if len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    text = " ".join(words).replace("’", "'")
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("s'"):
        text = text[:-1]
    return text.casefold()


def _speaker_actor(speakers: Iterable[Any], actor_forms: dict[str, set[str]]) -> dict[Any, str]:
    """Map quote speakers to actors by name or any mention spelling; unknowns are left out."""
    lookup: dict[str, set[str]] = {}
    for actor, forms in actor_forms.items():
        for f in forms | {actor}:
            lookup.setdefault(_key(f), set()).add(actor)
    out: dict[Any, str] = {}
    for spk in speakers:
        if spk in out or not isinstance(spk, str):
            continue
        hits = lookup.get(_key(spk), set())
        if not hits:
            # "Zabihullah Mujahid" for a target spelled "Mujahid": same last words
            k = _key(spk)
            hits = {
                a
                for f, acts in lookup.items()
                if f and (k.endswith(" " + f) or f.endswith(" " + k))
                for a in acts
            }
        if len(hits) == 1:
            out[spk] = next(iter(hits))
    return out


def is_target_aware(scorer: Any) -> bool:
    s = get_scorer(scorer) if isinstance(scorer, str) else scorer
    return hasattr(s, "target_scores_many") or hasattr(s, "target_scores")


def target_tones(scorer: Any, items: Sequence[tuple[str, int, int]]) -> list[dict[str, float]]:
    """The scorer's tone about each mention (sentence, start, end).

    Target-aware scorers see the sentence with the mention marked; any other scorer scores the
    clause about the mention (`target_context`), each distinct clause once.
    """
    s = get_scorer(scorer) if isinstance(scorer, str) else scorer
    items = list(items)
    if hasattr(s, "target_scores_many"):
        return list(s.target_scores_many(items))
    if hasattr(s, "target_scores"):
        return [s.target_scores(*item) for item in items]
    contexts = [target_context(*item) for item in items]
    unique = list(dict.fromkeys(contexts))
    scores = dict(zip(unique, s.score_many(unique)))
    return [scores[c] for c in contexts]


def target_tone(scorer: Any, sentence: str, start: int, end: int) -> dict[str, float]:
    """The scorer's tone about the mention at [start, end) of `sentence`."""
    return target_tones(scorer, [(sentence, start, end)])[0]


def actor_table(mentions: pd.DataFrame, scorer: Any = "vader", quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per actor: how often it is mentioned and the tone of the clauses about it.

    `compound` is the mean compound score of the mentions' contexts, so an actor
    named in a sentence that is harsh about someone else is not blamed for it.
    `scorer` is a registered scorer name or a scorer object.  With `quotes`
    (columns speaker, kind, text, and optionally compound), `n_quotes` counts
    the statements whose speaker is the actor (by name or by any spelling it is
    mentioned with) and `quote_compound` is their mean tone (NaN without a
    `compound` column); without quotes `n_quotes` is <NA>, not 0, because
    nobody counted.
    """
    return _table(mentions, scorer, quotes, {})


def _table(
    mentions: pd.DataFrame, scorer: Any, quotes: pd.DataFrame | None, extra: dict[str, set[str]],
    sentence_texts: dict[int, str] | None = None,
) -> pd.DataFrame:
    """actor_table, plus actors in `extra` ({name: spellings}) that may have no mention.

    With `sentence_texts` ({sentence index: text}) a target-aware scorer rates each mention in
    its whole sentence; otherwise the mention's clause is scored.
    """
    forms: dict[str, set[str]] = {name: set(spellings) for name, spellings in extra.items()}
    for actor, mention in zip(mentions["actor"], mentions["mention"]):
        forms.setdefault(actor, set()).add(mention)
    names = list(forms)
    n_mentions = dict.fromkeys(names, 0)
    n_sentences = dict.fromkeys(names, 0)
    compound = dict.fromkeys(names, math.nan)
    if len(mentions):
        s = get_scorer(scorer) if isinstance(scorer, str) else scorer
        if sentence_texts is not None and is_target_aware(s):
            items = [(sentence_texts[int(i)], int(a), int(b)) for i, a, b in zip(mentions["sentence"], mentions["start"], mentions["end"])]
            mention_compound = [float(r["compound"]) for r in target_tones(s, items)]
        else:
            contexts = mentions["context"].fillna("").astype(str).tolist()
            unique = list(dict.fromkeys(contexts))
            scores = {t: float(r["compound"]) for t, r in zip(unique, s.score_many(unique))}
            mention_compound = [scores[c] for c in contexts]
        frame = pd.DataFrame(
            {
                "name": mentions["actor"].to_numpy(),
                "compound": mention_compound,
                "sent": [f"{p}:{i}" for p, i in zip(mentions["paragraph"], mentions["sentence"])],
            }
        )
        agg = frame.groupby("name", sort=False).agg(
            mentions=("name", "size"), compound=("compound", "mean"), n_sentences=("sent", "nunique")
        )
        for name, row in agg.iterrows():
            n_mentions[name] = int(row["mentions"])
            n_sentences[name] = int(row["n_sentences"])
            compound[name] = float(row["compound"])
    if quotes is not None and "speaker" in quotes.columns:
        who = _speaker_actor(quotes["speaker"].tolist(), forms)
        actor_of = quotes["speaker"].map(lambda x: who.get(x) if isinstance(x, str) else None)
        counted = actor_of.value_counts()
        n_quotes = pd.array([int(counted.get(n, 0)) for n in names], dtype="Int64")
        if "compound" in quotes.columns:
            mean = pd.to_numeric(quotes["compound"], errors="coerce").groupby(actor_of).mean()
            quote_compound = [float(mean.get(n, math.nan)) for n in names]
        else:
            quote_compound = [math.nan] * len(names)
    else:
        n_quotes = pd.array([pd.NA] * len(names), dtype="Int64")
        quote_compound = [math.nan] * len(names)
    table = pd.DataFrame(
        {
            "name": pd.Series(names, dtype=object),
            "mentions": pd.Series([n_mentions[n] for n in names], dtype="int64"),
            "compound": pd.Series([compound[n] for n in names], dtype=float),
            "n_sentences": pd.Series([n_sentences[n] for n in names], dtype="int64"),
            "n_quotes": n_quotes,
            "quote_compound": pd.Series(quote_compound, dtype=float),
        },
        columns=TABLE_COLUMNS,
    )
    table = table.sort_values(["mentions", "name"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


def actors_for(
    paragraphs: list[str],
    sentences: pd.DataFrame,
    targets: list[Target] | None,
    scorer: Any = "vader",
    quotes: pd.DataFrame | None = None,
    nlp: Any = None,
    parsed: list | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(actor table, mentions) for one document; actors are found when none are given.

    Found actors come from the entity recogniser (`newstone.people.actors.find_actors`, on `parsed` or
    a parse made with `nlp`). Targets the user named win, and keep a row even with 0 mentions,
    so a report can say "not mentioned" instead of silently dropping them.
    """
    if targets is None:
        from newstone.people.actors import find_actors as find_entity_actors

        targets = find_entity_actors(paragraphs, nlp=nlp, parsed=parsed)
    mentions = actor_mentions(sentences, targets)
    extra = {t.name: set(t.terms) for t in targets}
    index = sentences["sentence"].tolist() if "sentence" in sentences else list(range(len(sentences)))
    texts = dict(zip((int(i) for i in index), sentences["text"].tolist()))
    return _table(mentions, scorer, quotes, extra, texts), mentions

"""Actors (targets) and the tone of the text about each.

A document's overall tone says little about how it treats the people and
organisations in it: an article can be calm overall and harsh about one party.
This module finds the actors (given by the user, or the most frequent named
ones), locates every mention in the sentence table, cuts each sentence down to
the clause that is about the mention, and scores those clauses per actor.

Found actors come from spaCy's entity recogniser (`newstone.people.actors`); user targets win.

The clause about a mention comes from the article's dependency parse (`newstone.text.clauses`),
and pronouns that clearly refer to an actor count as its mentions
(`newstone.people.pronoun_mentions`). Known limits: an actor that is the object of a verb shares
its clause's tone with the subject ("X attacked Y"); descriptions ("the group", "the
militants") are not counted as mentions.

Public API
----------
Target                               an actor: canonical name + aliases
parse_targets(spec)                  "Taliban;Ahmad Masoud|Masoud" -> [Target, ...]
mention_spans(text, target)          where a target is mentioned in a text
target_context(sentence, start, end) the clause of a sentence about one mention
actor_mentions(sentences, targets,   one row per mention, with its context and `via` (name |
               parsed, paragraphs)   pronoun; pronouns need the article's parse)
actor_table(mentions, scorer, ...)   one row per actor: counts and tone
actors_for(paragraphs, sentences...) (actor table, mentions) in one call
"""

from __future__ import annotations

import bisect
import math
from typing import Any, Iterable, Sequence

import pandas as pd

from newstone.people.mentions import Target, _spans, by_recency, mention_spans, parse_targets  # noqa: F401  (re-exported: the targets API)
from newstone.people.pronoun_mentions import actor_genders, actor_kinds, resolve_pronouns
from newstone.text.clauses import MIN_CLAUSE_WORDS, clause_of, target_context, target_contexts, text_length  # noqa: F401  (the clause about a mention)
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

MENTION_COLUMNS = ["actor", "paragraph", "sentence", "start", "end", "mention", "context", "via"]
TABLE_COLUMNS = ["name", "mentions", "compound", "n_sentences", "n_quotes", "quote_compound"]


# ==========================================================================
# Tables
# ==========================================================================


def actor_mentions(sentences: pd.DataFrame, targets: list[Target], parsed: list | None = None,
                   paragraphs: list[str] | None = None) -> pd.DataFrame:
    """One row per mention of a target in the sentence table, with the clause about it.

    Offsets index into the sentence `text`; all targets are matched together so a mention
    counts for one actor only (the longest spelling wins). With the article's parse (`parsed`,
    from `newstone.people.attribution.parse`, and its `paragraphs`; the table's `start` column
    places sentences in them) the clause comes from that parse, and pronouns that clearly refer
    to an actor are mentions too (`via` "pronoun"; names are `via` "name").
    """
    targets = list(targets or [])
    rows: list[tuple] = []
    if targets and len(sentences):
        texts = sentences["text"].tolist()
        paras = sentences["paragraph"].tolist() if "paragraph" in sentences else [0] * len(texts)
        sents = sentences["sentence"].tolist() if "sentence" in sentences else list(range(len(texts)))
        offsets = sentences["start"].tolist() if "start" in sentences else None
        usable = parsed is not None and paragraphs is not None and offsets is not None and len(parsed) == len(paragraphs)
        names = []
        for k, (text, para, sent) in enumerate(zip(texts, paras, sents)):
            if not isinstance(text, str) or not text:
                continue
            for s, e, idx in _spans(text, targets):
                names.append((k, targets[idx].name, int(para), int(sent), s, e, "name"))
        names = _shared_by_recency(names, texts, targets)
        found = names
        if usable:
            found = names + _pronoun_rows(sentences, names, parsed, paragraphs, offsets)
        found.sort(key=lambda r: (r[0], r[4]))
        contexts = _contexts(found, texts, paras, offsets, parsed if usable else None)
        rows = [(actor, para, sent, s, e, texts[k][s:e], ctx, via)
                for (k, actor, para, sent, s, e, via), ctx in zip(found, contexts)]
    columns = list(zip(*rows)) if rows else [[] for _ in MENTION_COLUMNS]
    dtypes = [object, "int64", "int64", "int64", "int64", object, object, object]
    return pd.DataFrame({c: pd.Series(list(v), dtype=d) for c, v, d in zip(MENTION_COLUMNS, columns, dtypes)},
                        columns=MENTION_COLUMNS)


def _shared_by_recency(names: list[tuple], texts: list[str], targets: list[Target]) -> list[tuple]:
    """A spelling two actors share names the one of them mentioned otherwise most recently."""
    owners: dict[str, set[str]] = {}
    for t in targets:
        for term in t.terms:
            owners.setdefault(term.casefold(), set()).add(t.name)
    shared = {term: people for term, people in owners.items() if len(people) > 1}
    if not shared:
        return names
    terms = [texts[k][s:e].casefold().removesuffix("’s").removesuffix("'s") for k, _, _, _, s, e, _ in names]
    actors = by_recency([(t if t in shared else None, row[1]) for t, row in zip(terms, names)], shared)
    return [row[:1] + (actor,) + row[2:] for row, actor in zip(names, actors)]


def _contexts(found: list[tuple], texts: list[str], paras: list[Any], offsets: list[Any] | None,
              parsed: list | None) -> list[str]:
    """The clause about each mention: on the article's parse when there is one, else on the
    sentence parsed alone (`newstone.text.clauses.target_contexts`)."""
    if parsed is None:
        return target_contexts([(texts[k], s, e) for k, _, _, _, s, e, _ in found])
    out = []
    for k, _, para, _, s, e, _ in found:
        base = int(offsets[k])
        at = _chunk(parsed[para], base + s)
        if at is None:
            out.append(target_context(texts[k], s, e))
            continue
        off, doc = at
        out.append(clause_of(doc, base + s - off, base + e - off, bounds=(base - off, base + len(texts[k]) - off)))
    return out


def _chunk(chunks: list[tuple[int, Any]], pos: int) -> tuple[int, Any] | None:
    """The parsed window (offset, Doc) of a paragraph that holds character `pos`."""
    for off, doc in chunks:
        if off <= pos < off + text_length(doc):
            return off, doc
    return None


def _pronoun_rows(sentences: pd.DataFrame, names: list[tuple], parsed: list, paragraphs: list[str],
                  offsets: list[Any]) -> list[tuple]:
    """Rows for the pronouns that clearly mention an actor (`newstone.people.pronoun_mentions`)."""
    texts = sentences["text"].tolist()
    paras = [int(p) for p in sentences["paragraph"]]
    sents = [int(i) for i in sentences["sentence"]] if "sentence" in sentences else list(range(len(texts)))
    spans = [(p, int(o), int(o) + len(t if isinstance(t, str) else "")) for p, o, t in zip(paras, offsets, texts)]
    at = [(actor, para, int(offsets[k]) + s, int(offsets[k]) + e) for k, actor, para, _, s, e, _ in names]
    kinds = actor_kinds(at, parsed)
    titled = [(actor, paragraphs[para][max(0, a - 12) : b]) for actor, para, a, b in at]
    genders = actor_genders(titled, paragraphs, parsed)
    rows_of: dict[int, list[int]] = {}
    for k, (p, _, _) in enumerate(spans):
        rows_of.setdefault(p, []).append(k)
    starts = {p: [spans[k][1] for k in ks] for p, ks in rows_of.items()}
    out = []
    for actor, para, a, b in resolve_pronouns(paragraphs, spans, at, parsed, kinds, genders):
        i = bisect.bisect_right(starts.get(para, []), a) - 1
        if i < 0:
            continue
        k = rows_of[para][i]
        base = spans[k][1]
        out.append((k, actor, para, sents[k], a - base, b - base, "pronoun"))
    return out


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


def target_tones(scorer: Any, items: Sequence[tuple[str, int, int]],
                 contexts: Sequence[str] | None = None) -> list[dict[str, float]]:
    """The scorer's tone about each mention (sentence, start, end).

    Target-aware scorers see the sentence with the mention marked; any other scorer scores the
    clause about the mention (`contexts` when the caller has them, else `target_contexts`),
    each distinct clause once.
    """
    s = get_scorer(scorer) if isinstance(scorer, str) else scorer
    items = list(items)
    if hasattr(s, "target_scores_many"):
        return list(s.target_scores_many(items))
    if hasattr(s, "target_scores"):
        return [s.target_scores(*item) for item in items]
    contexts = target_contexts(items) if contexts is None else list(contexts)
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
    if parsed is None:
        from newstone.people.attribution import parse
        from newstone.text.nlp import PEOPLE_EXCLUDE, load_pipeline

        parsed = parse(nlp if nlp is not None else load_pipeline(PEOPLE_EXCLUDE), paragraphs)
    if targets is None:
        from newstone.people.actors import find_actors as find_entity_actors

        targets = find_entity_actors(paragraphs, parsed=parsed)
    mentions = actor_mentions(sentences, targets, parsed=parsed, paragraphs=paragraphs)
    extra = {t.name: set(t.terms) for t in targets}
    index = sentences["sentence"].tolist() if "sentence" in sentences else list(range(len(sentences)))
    texts = dict(zip((int(i) for i in index), sentences["text"].tolist()))
    return _table(mentions, scorer, quotes, extra, texts), mentions

"""Pronouns that clearly mention an actor: "Masoud ... He said" counts "He" for Ahmad Masoud.

A pronoun (he, she, him, her, his, they, them, their, it, its) in narration counts for an actor
when, among everyone it could refer to in its own sentence (before it) and the sentence before
(the previous paragraph's last one for a paragraph's first sentence), exactly one is compatible, and that one is an actor: a person of a compatible
gender for he/she, a group for they, a group or place for it. Everyone named counts as a
possible referent, actors or not, and so is a common noun ("forces ... their", "the spokesman ...
he"), so "Masoud met Biden. He said" counts for nobody. Gender
comes from titles and gendered roles ("Mr.", "spokeswoman") and from the article's own "his" /
"her" after a lone named person (`newstone.people.speakers`); a person of unknown gender is
compatible with both. Pronouns inside quotations, and "it" standing for a clause ("it is clear
that ..."), are left out.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

from newstone.people.quotemarks import find_quote_spans
from newstone.people.speakers import ROLE_WORDS, _gender_of, gender_votes
from newstone.text.clauses import text_length

_PERSON = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_GROUP = frozenset({"they", "them", "their"})
_THING = frozenset({"it", "its"})
PRONOUNS = frozenset(_PERSON) | _GROUP | _THING
_NOUN_KIND = {"NN": "thing", "NNS": "plural"}
_KIND = {"PERSON": "person", "ORG": "group", "NORP": "group", "GPE": "place", "LOC": "place", "FAC": "place"}


@dataclass(frozen=True)
class Referent:
    """Someone a pronoun may stand for: `actor` is None for a named non-actor."""

    pos: int  # paragraph character offset
    identity: str
    actor: str | None
    kind: str | None
    gender: str | None


def compatible(pronoun: str, kind: str | None, gender: str | None) -> bool:
    """Whether a pronoun can stand for a referent of this kind and gender."""
    p = pronoun.lower()
    if p in _PERSON:
        return kind == "person" and gender in (None, _PERSON[p])
    if p in _GROUP:
        return kind in ("group", "plural")
    if p in _THING:
        return kind in ("group", "place", "thing")
    return False


def _clausal_it(tok: Any) -> bool:
    """ "It is clear that ...", "it emerged": an "it" that stands for a clause, not an actor."""
    if tok.dep_ == "expl":
        return True
    head = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > tok.i
                                                      for c in head.children)


def _window(chunks: list[tuple[int, Any]], pos: int) -> tuple[int, Any] | None:
    for offset, doc in chunks:
        if offset <= pos < offset + text_length(doc):
            return offset, doc
    return None


def actor_kinds(names: Iterable[tuple[str, int, int, int]], parsed: list[list[tuple[int, Any]]]) -> dict[str, str]:
    """Actor -> person | group | place, from the entity labels of its name mentions.

    `names` are (actor, paragraph, start, end) in paragraph characters.
    """
    votes: dict[str, Counter] = {}
    for actor, para, start, end in names:
        found = _window(parsed[para], start) if 0 <= para < len(parsed) else None
        if found is None:
            continue
        offset, doc = found
        span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
        labels = [t.ent_type_ for t in span or () if t.ent_type_ in _KIND]
        if labels:
            votes.setdefault(actor, Counter())[_KIND[Counter(labels).most_common(1)[0][0]]] += 1
    return {actor: c.most_common(1)[0][0] for actor, c in votes.items()}


def actor_genders(names: Iterable[tuple[str, str]], paragraphs: list[str], parsed: list[list[tuple[int, Any]]]) -> dict[str, str]:
    """Actor -> "m" | "f" from titles before its mentions and the article's "his" / "her" votes.

    `names` are (actor, the text in front of and in the mention, e.g. "Mr. Masoud").
    """
    votes: dict[str, Counter] = {}
    for actor, text in names:
        g = _gender_of(text.split())
        if g:
            votes.setdefault(actor, Counter())[g] += 2
    surname_votes: dict[str, Counter] = {}
    for para, chunks in zip(paragraphs, parsed):
        spans = find_quote_spans(para)
        starts = [q.open for q in spans]

        def quoted(pos: int, spans=spans, starts=starts) -> bool:
            k = bisect.bisect_right(starts, pos) - 1
            return k >= 0 and (spans[k].close is None or pos <= spans[k].close)

        for offset, doc in chunks:
            for surname, c in gender_votes(doc, offset, quoted).items():
                surname_votes.setdefault(surname, Counter()).update(c)
    for actor in {a for a, _ in names}:
        c = surname_votes.get(actor.split()[-1]) if actor.split() else None
        if c:
            votes.setdefault(actor, Counter()).update(c)
    out = {}
    for actor, c in votes.items():
        (top, n), *rest = c.most_common()
        if not rest or n > rest[0][1]:
            out[actor] = top
    return out


def resolve_pronouns(paragraphs: list[str], sentence_spans: list[tuple[int, int, int]],
                     names: list[tuple[str, int, int, int]], parsed: list[list[tuple[int, Any]]],
                     kinds: dict[str, str], genders: dict[str, str]) -> list[tuple[str, int, int, int]]:
    """(actor, paragraph, start, end) of every pronoun that clearly mentions an actor.

    `sentence_spans` are (paragraph, start, end) of the sentences in reading order; `names` the
    actors' name mentions (actor, paragraph, start, end); offsets are paragraph characters.
    """
    by_para: dict[int, list[tuple[int, int]]] = {}
    for para, start, end in sentence_spans:
        by_para.setdefault(para, []).append((start, end))
    names_by_para: dict[int, list[tuple[str, int, int]]] = {}
    for actor, para, start, end in names:
        names_by_para.setdefault(para, []).append((actor, start, end))
    out: list[tuple[str, int, int, int]] = []
    before: list[Referent] = []  # who the previous paragraph's last sentence names
    for para in sorted(by_para):
        if not 0 <= para < len(parsed) or not 0 <= para < len(paragraphs):
            before = []
            continue
        sents = sorted(by_para[para])
        found, refs = _paragraph(para, paragraphs[para], sents, names_by_para.get(para, []), parsed[para],
                                 kinds, genders, before)
        out += found
        before = [r for r in refs if r.pos >= sents[-1][0]]
    return out


class _Spans:
    """Sorted, non-overlapping character ranges; `holds(pos)` by bisection (a long text stays linear)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def holds(self, pos: int, end: int | None = None) -> bool:
        end = pos + 1 if end is None else end
        k = bisect.bisect_right(self.starts, end - 1) - 1
        return k >= 0 and self.spans[k][1] > pos


def _referents(names: list[tuple[str, int, int]], chunks: list[tuple[int, Any]], kinds: dict[str, str],
               genders: dict[str, str]) -> list[Referent]:
    """Actors' name mentions, and every other named entity or noun, in reading order."""
    refs = [Referent(s, actor, actor, kinds.get(actor), genders.get(actor)) for actor, s, _ in names]
    taken = _Spans((s, e) for _, s, e in names)
    for offset, doc in chunks:
        for ent in doc.ents:
            a, b = offset + ent.start_char, offset + ent.end_char
            if ent.label_ not in _KIND or taken.holds(a, b):
                continue
            if ent.label_ == "NORP" and len(ent) == 1 and ent[0].dep_ in ("amod", "compound"):
                continue  # "the Afghan capital": an adjective, no one to refer to
            gender = _gender_of([t.text for t in doc[max(0, ent.start - 1) : ent.end]])
            refs.append(Referent(a, "~" + ent.text.split()[-1], None, _KIND[ent.label_], gender))  # never an actor's
        for tok in doc:
            # common nouns may be what a pronoun stands for too: "forces ... their", "the spokesman ... he"
            pos = offset + tok.idx
            if tok.ent_type_ or tok.tag_ not in _NOUN_KIND or taken.holds(pos):
                continue
            kind = "person" if tok.lower_ in ROLE_WORDS else _NOUN_KIND[tok.tag_]
            refs.append(Referent(pos, f"{tok.lower_}@{pos}", None, kind, _gender_of([tok.text])))
    return sorted(refs, key=lambda r: r.pos)


def _paragraph(para: int, text: str, sents: list[tuple[int, int]], names: list[tuple[str, int, int]],
               chunks: list[tuple[int, Any]], kinds: dict[str, str], genders: dict[str, str],
               before: list[Referent]) -> tuple[list[tuple[str, int, int, int]], list[Referent]]:
    """(pronoun mentions, referents) of one paragraph; `before` are the referents of the sentence
    before it (news paragraphs are often one sentence: "He said" opens the next)."""
    refs = _referents(names, chunks, kinds, genders)
    if not refs and not before:
        return [], refs
    quoted = _Spans((q.open, (q.close if q.close is not None else len(text)) + 1) for q in find_quote_spans(text))
    positions = [r.pos for r in refs]
    again: list[Referent] = []  # resolved pronouns, in reading order: they name their actor again
    again_at: list[int] = []
    starts = [s for s, _ in sents]
    out = []
    for offset, doc in chunks:
        for tok in doc:
            low = tok.lower_
            if low not in PRONOUNS or tok.pos_ != "PRON" and tok.tag_ not in ("PRP", "PRP$"):
                continue
            pos = offset + tok.idx
            if quoted.holds(pos) or (low in _THING and _clausal_it(tok)):
                continue
            k = bisect.bisect_right(starts, pos) - 1
            if k < 0:
                continue
            lo = sents[k - 1][0] if k > 0 else sents[k][0]
            window = refs[bisect.bisect_left(positions, lo) : bisect.bisect_left(positions, pos)]
            window += again[bisect.bisect_left(again_at, lo) :]
            if k == 0:
                window = before + window
            fits = {r.identity: r for r in window if compatible(low, r.kind, r.gender)}
            ref = next(iter(fits.values())) if len(fits) == 1 else None
            if ref is not None and ref.actor is not None:
                out.append((ref.actor, para, pos, pos + len(tok.text)))
                again.append(Referent(pos, ref.identity, ref.actor, ref.kind, ref.gender or _PERSON.get(low)))
                again_at.append(pos)
            elif low in _PERSON:
                # someone unresolved was meant: "her ... Cruz. Her" leaves two women, not one
                again.append(Referent(pos, f"{low}@{pos}", None, "person", _PERSON[low]))
                again_at.append(pos)
    return out, sorted(refs + again, key=lambda r: r.pos)

"""Who is talked about: actors from spaCy's named entities, with their aliases merged.

People, organisations, places and groups (PERSON, ORG, GPE, NORP, LOC, FAC) are read from the
entity recogniser on the article's parse. Names are normalised ("the Taliban" is "Taliban",
"Masoud's" is "Masoud", "Taliban Spokesman Zabihullah Mujahid" is "Zabihullah Mujahid"), a
surname or short form joins the full name it belongs to ("Masoud" -> "Ahmad Masoud"), and a
nationality used as an adjective ("the Afghan capital") is no actor. The result is a list of
`Target`s, so mentions are then counted the same way for found and user-given actors.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from newstone.people.quotes import merge_name_variants
from newstone.people.speakers import strip_role
from newstone.people.mentions import Target, by_recency

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_KIND = {"PERSON": "person", "ORG": "group", "NORP": "group", "GPE": "place", "LOC": "place", "FAC": "place"}
_PLACE_HEADS = frozenset("valley province region city district county river island mountains strait sea".split())


def entity_name(ent: Any) -> str | None:
    """The actor an entity names: no article, possessive or (for people) title."""
    words = _name_words([t for t in ent if not (t.i == ent.start and t.lower_ in ("the", "a", "an"))])
    if words and words[-1] in ("’s", "'s", "’", "'"):
        words = words[:-1]
    if words and words[-1].endswith(("’s", "'s")):
        words[-1] = words[-1][:-2]
    if ent.label_ == "PERSON":
        words, _ = strip_role(words)
    name = " ".join(words).strip(" ,.;:-–—")
    return name if any(c.isalpha() for c in name) else None


_DASH = re.compile(r"\s?[\u2013\u2014]|\s-+\s|-(?=\d)")


def _name_words(tokens: list[Any]) -> list[str]:
    """The words of a name as written ("Ocasio-Cortez" stays one word), ending at a dash the
    recogniser ran over: "Jeb Bush - spent", "Ted Cruz\u201435 percent"."""
    text = "".join(t.text_with_ws for t in tokens)
    cut = _DASH.search(text)
    return (text[:cut.start()] if cut else text).split()


def _is_adjective(ent: Any) -> bool:
    """ "Afghan capital", "Ukrainian President": a nationality in front of a noun."""
    return ent.label_ == "NORP" and len(ent) == 1 and ent[0].dep_ in ("amod", "compound") and ent[0].head.pos_ in ("NOUN", "PROPN")


def _title_case(doc: Any) -> bool:
    words = [t for t in doc if t.is_alpha]
    small = sum(1 for t in words if t.is_lower)
    return len(words) >= 4 and len(doc) < 40 and small <= len(words) // 5


def entity_mentions(parsed: list[list[tuple[int, Any]]]) -> list[tuple[str, str]]:
    """(name, kind) of every actor-like entity, in reading order."""
    out = []
    for chunks in parsed:
        for _offset, doc in chunks:
            if _title_case(doc):
                continue  # a headline in title case: every word looks like a name
            for ent in doc.ents:
                if ent.label_ not in ACTOR_LABELS or _is_adjective(ent):
                    continue
                name = entity_name(ent)
                if name:
                    out.append((name, _KIND[ent.label_]))
    return out


def find_actors(paragraphs: list[str], nlp: Any = None, top: int | None = 8, min_mentions: int = 2,
                parsed: list[list[tuple[int, Any]]] | None = None) -> list[Target]:
    """The most mentioned named actors of a text, for when the user names none.

    `parsed` is the article's parse from `newstone.people.attribution.parse` (made here from `nlp` when
    not given). Variants are merged and become aliases; actors are ordered by mentions, then by
    first appearance.
    """
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    paragraphs = [p if isinstance(p, str) else "" for p in paragraphs]
    if parsed is None:
        from newstone.people.attribution import parse
        from newstone.text.nlp import PEOPLE_EXCLUDE, load_pipeline

        parsed = parse(nlp if nlp is not None else load_pipeline(PEOPLE_EXCLUDE), paragraphs)
    mentions = entity_mentions(parsed)
    if not mentions:
        return []
    kinds: dict[str, Counter] = {}
    for name, kind in mentions:
        kinds.setdefault(name, Counter())[kind] += 1
    counts = Counter(name for name, _ in mentions)
    canon = _merge_by_kind(kinds)
    shared = _shared_surnames(kinds, canon)
    groups: dict[str, list[str]] = {}
    first: dict[str, int] = {}
    extra: Counter = Counter()  # a shared surname's mentions, given to whom each most likely names
    owners = by_recency([(name if name in shared else None, canon.get(name, name)) for name, _ in mentions], shared)
    for i, c in enumerate(owners):
        name = mentions[i][0]
        groups.setdefault(c, [])
        if name in shared:
            extra[c] += 1
        elif name not in groups[c]:
            groups[c].append(name)
        first.setdefault(c, i)
    targets = []
    for c, variants in groups.items():
        total = sum(counts[v] for v in variants) + extra[c]
        if total < min_mentions or not variants:
            continue
        display = _display(c, variants, counts, kinds)
        aliases = {v for v in variants if v != display} | {s for s, owners in shared.items() if c in owners}
        aliases = tuple(sorted(aliases, key=lambda v: (-len(v), v)))
        targets.append((total, first[c], Target(display, aliases)))
    targets = _with_surnames(targets, kinds)
    targets.sort(key=lambda t: (-t[0], t[1]))
    return [t for _, _, t in targets[:top] if t is not None] if top else [t for _, _, t in targets]


def _shared_surnames(kinds: dict[str, Counter], canon: dict[str, str]) -> dict[str, set[str]]:
    """A one-word name that is the surname of two or more people ("Clinton" with "Hillary Clinton"
    and "Bill Clinton"): no actor of its own, but a mention of whichever of them it names."""
    owners: dict[str, set[str]] = {}
    for name, c in kinds.items():
        if c.most_common(1)[0][0] == "person" and len(name.split()) > 1:
            owners.setdefault(name.split()[-1], set()).add(canon.get(name, name))
    return {name: owners[name] for name in kinds if " " not in name and len(owners.get(name, ())) > 1}


def _merge_by_kind(kinds: dict[str, Counter]) -> dict[str, str]:
    """Merge name variants among actors of the same kind ("Masoud" into "Ahmad Masoud")."""
    canon: dict[str, str] = {}
    by_kind: dict[str, list[str]] = {}
    for name, c in kinds.items():
        by_kind.setdefault(c.most_common(1)[0][0], []).append(name)
    for names in by_kind.values():
        canon.update(merge_name_variants(names))
    # the recogniser may call a surname an organisation once ("Trump said"): a single word that is
    # the surname of exactly one person joins that person whatever its label
    surnames: dict[str, list[str]] = {}
    for name in by_kind.get("person", []):
        if len(name.split()) > 1:
            surnames.setdefault(name.split()[-1], []).append(canon.get(name, name))
    for name in kinds:
        owners = set(surnames.get(name, []))
        if " " not in name and len(owners) == 1:
            canon[name] = next(iter(owners))
    return canon


def _display(canonical: str, variants: list[str], counts: Counter, kinds: dict[str, Counter]) -> str:
    """A person by the full name; a place by what the text mostly calls it ("Panjshir")."""
    kind = kinds[canonical].most_common(1)[0][0] if canonical in kinds else "group"
    if kind == "person":
        return canonical
    words = canonical.split()
    if kind == "place" and len(words) > 1 and words[-1].lower() in _PLACE_HEADS:
        short = " ".join(words[:-1])
        if counts.get(short, 0) >= counts.get(canonical, 0):
            return short
    return max(variants, key=lambda v: (counts[v], len(v)))


def _with_surnames(found: list[tuple[int, int, Target]], kinds: dict[str, Counter]) -> list[tuple[int, int, Target]]:
    """A person is also mentioned by surname ("Masoud added"), unless two people share it."""
    people = [t for _, _, t in found if t.name in kinds and kinds[t.name].most_common(1)[0][0] == "person"]
    surnames = Counter(t.name.split()[-1] for t in people if len(t.name.split()) > 1)
    taken = {term for _, _, t in found for term in t.terms}
    out = []
    for total, first, t in found:
        last = t.name.split()[-1]
        if t in people and len(t.name.split()) > 1 and surnames[last] == 1 and last not in taken:
            t = Target(t.name, t.aliases + (last,))
        out.append((total, first, t))
    return out

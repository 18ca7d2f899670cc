"""Actors as the user names them, and where a text mentions them.

A `Target` is an actor's reported name plus the other spellings that count as mentions;
`parse_targets` reads the CLI/notebook syntax, `mention_spans` finds whole-word mentions. Both
the entity-based actor finder (`newstone.people.actors`) and the per-actor tone tables
(`newstone.people.targets`) build on this, so neither imports the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable


# ==========================================================================
# Targets
# ==========================================================================


@dataclass(frozen=True)
class Target:
    """An actor: the name reported in tables, plus other spellings that count as mentions."""

    name: str
    aliases: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        """Name and aliases, duplicates removed, in order."""
        return tuple(dict.fromkeys((self.name,) + tuple(self.aliases)))


def by_recency(mentions: list[tuple[str | None, str]], shared: dict[str, set[str]]) -> list[str]:
    """The actor of each mention in reading order. A mention is (shared spelling or None, actor);
    a spelling two actors share ("Clinton" for Hillary and Bill Clinton) goes to the one of them
    mentioned otherwise most recently (before any: the next one mentioned), as a reader takes it."""
    out = [actor for _, actor in mentions]
    last: dict[str, str] = {}
    pending: dict[str, list[int]] = {}
    for i, (term, actor) in enumerate(mentions):
        if term is not None:
            if term in last:
                out[i] = last[term]
            else:
                pending.setdefault(term, []).append(i)
            continue
        for t, owners in shared.items():
            if actor in owners:
                last[t] = actor
                for j in pending.pop(t, []):
                    out[j] = actor
    return out


def parse_targets(spec: str) -> list[Target]:
    """Parse the CLI syntax ``"Taliban;Ahmad Masoud|Masoud"`` into targets.

    ``;`` separates actors and ``|`` separates spellings of one actor, the first
    being the name shown in reports.  Blanks are trimmed and empty pieces are
    ignored, so a trailing ``;`` is harmless; a spec without any name, a name
    without a letter or digit, or a spelling claimed by two actors is an error,
    because it would silently produce wrong counts.
    """
    if not isinstance(spec, str):
        raise TypeError(f"targets must be given as a string, got {type(spec).__name__}")
    targets: list[Target] = []
    owner: dict[str, str] = {}
    for group in spec.split(";"):
        terms: list[str] = []
        for piece in group.split("|"):
            term = " ".join(piece.split())
            if not term:
                continue
            if not re.search(r"[^\W_]", term):
                raise ValueError(f"target {term!r} in {spec!r} has no letter or digit")
            if term not in terms:
                terms.append(term)
        if not terms:
            continue
        for term in terms:
            key = term.casefold()
            if key in owner and owner[key] != terms[0]:
                raise ValueError(
                    f"{term!r} is listed for two targets ({owner[key]!r} and {terms[0]!r}) in {spec!r}"
                )
            owner[key] = terms[0]
        if any(t.name == terms[0] for t in targets):
            continue
        targets.append(Target(terms[0], tuple(terms[1:])))
    if not targets:
        raise ValueError(
            f"no target names in {spec!r}; expected e.g. 'Taliban;Ahmad Masoud|Masoud' "
            "(';' between actors, '|' between spellings of one actor)"
        )
    return targets


# ==========================================================================
# Mentions
# ==========================================================================

_POSSESSIVE = r"(?:[’']s(?![\w])|(?<=s)[’'](?=\s+[^\W\d_]))?"


def _term_pattern(term: str) -> str:
    """Regex for one spelling: whole word, spaces flexible, apostrophes either way.

    Spellings with a capital letter are names and match case-sensitively
    ("Bush" is not "bush"); all-lowercase spellings ("refugees") match any case.
    A leading article matches capitalised too ("the Taliban" / "The Taliban").
    """
    words = term.split()
    parts = []
    for i, word in enumerate(words):
        w = re.escape(word)
        w = re.sub(r"[’']", "[’']", w)
        if i == 0 and word.lower() in ("the", "a", "an") and len(words) > 1:
            w = f"[{word[0].upper()}{word[0].lower()}]{re.escape(word[1:])}"
        parts.append(w)
    body = r"\s+".join(parts)
    if not any(c.isupper() for c in term):
        body = f"(?i:{body})"
    return rf"(?<![\w]){body}{_POSSESSIVE}(?![\w])"


@lru_cache(maxsize=8192)
def _term_regex(term: str) -> tuple[re.Pattern[str], str, bool]:
    """The compiled pattern, a literal that any match contains, and whether case matters."""
    needle = max(re.findall(r"\w+", term), key=len, default="")
    cased = any(c.isupper() for c in term)
    if term.split()[0].lower() in ("the", "a", "an") and len(term.split()) > 1:
        needle = max(re.findall(r"\w+", " ".join(term.split()[1:])), key=len, default=needle)
    return re.compile(_term_pattern(term)), needle if cased else needle.lower(), cased


@lru_cache(maxsize=64)
def _matchers(targets: tuple[Target, ...]) -> list[tuple[re.Pattern[str], str, bool, int, int]]:
    return [(*_term_regex(term), len(term), idx) for idx, t in enumerate(targets) for term in t.terms]


def _spans(text: str, targets: Iterable[Target]) -> list[tuple[int, int, int]]:
    """Non-overlapping (start, end, target index) of all targets, longest spelling first.

    Resolving all targets together means "Hunter Biden" is not also a mention
    of a separate target "Biden".
    """
    lowered = None
    found: list[tuple[int, int, int, int]] = []
    for rx, needle, cased, size, idx in _matchers(tuple(targets)):
        if cased:
            if needle not in text:
                continue
        else:
            lowered = text.lower() if lowered is None else lowered
            if needle not in lowered:
                continue
        for m in rx.finditer(text):
            found.append((size, m.start(), m.end(), idx))
    found.sort(key=lambda f: (-f[0], f[1], f[3]))
    taken: list[tuple[int, int, int]] = []
    for _, s, e, idx in found:
        if all(e <= a or s >= b for a, b, _ in taken):
            taken.append((s, e, idx))
    taken.sort()
    return taken


def mention_spans(text: str, target: Target) -> list[tuple[int, int]]:
    """(start, end) of each mention of `target` in `text`, possessive ending included.

    Whole words only, longest spelling first and without overlaps, so
    "Ahmad Masoud" is one mention even when "Masoud" is also an alias.
    """
    if not text:
        return []
    return [(s, e) for s, e, _ in _spans(text, [target])]

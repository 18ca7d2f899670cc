"""Actors (targets) and the tone of the text about each.

A document's overall tone says little about how it treats the people and
organisations in it: an article can be calm overall and harsh about one party.
This module finds the actors (given by the user, or the most frequent named
ones), locates every mention in the sentence table, cuts each sentence down to
the clause that is about the mention, and scores those clauses per actor.

Rule-based on purpose, like the quotes module: deterministic, standard library
+ pandas, no models or downloads.

Known limits: pronouns ("he", "the group") are not resolved to actors, so they
are not mentions; clause cutting is lexical (no parser), so an actor that is
the object of a verb shares its clause's tone with the subject ("X attacked
Y"); automatic actors rest on capitalisation, so all-caps or title-case text
gives few or odd candidates, and a name that only ever opens sentences is
missed.

Public API
----------
Target                               an actor: canonical name + aliases
parse_targets(spec)                  "Taliban;Ahmad Masoud|Masoud" -> [Target, ...]
find_actors(paragraphs, top, ...)    the most frequent named actors of a text
mention_spans(text, target)          where a target is mentioned in a text
target_context(sentence, start, end) the clause of a sentence about one mention
actor_mentions(sentences, targets)   one row per mention, with its context
actor_table(mentions, scorer, ...)   one row per actor: counts and tone
actors_for(paragraphs, sentences...) (actor table, mentions) in one call
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence

import pandas as pd

from newstone.quotes import merge_name_variants
from newstone.segment import sentence_spans
from newstone.sentiment import get_scorer

__all__ = [
    "Target",
    "parse_targets",
    "find_actors",
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


# ==========================================================================
# Finding actors
# ==========================================================================

# Capitalised only because they open a sentence or a quotation, or a headline is in title case.
_ORDINARY = frozenset(
    """
    a about above according across after afterwards again against ahead all almost along already
    also although always among amid an and another any anyone anything are around as at because
    before being besides both but by can could despite did do does during each earlier either
    even eventually every everyone everything few finally for from further furthermore given had
    has have having he her here hers herself him himself his how however i if in indeed instead
    into is it its itself just last later let like many maybe meanwhile might more moreover most
    much must my neither never nevertheless next no nobody none nor not nothing now of often on
    once one only onto or other others otherwise our ours over overall perhaps please recently
    several she should since so some someone something sometimes soon still such than that the
    their theirs them then there therefore these they this those though thus to today together
    tomorrow tonight too two three four five six seven eight nine ten under unlike until up upon
    us was we were what whatever when whenever where whether which while who whom whose why will
    with within without would yes yesterday yet you your yours
    mr mrs ms dr sir madam
    """.split()
)
# Calendar words split a run ("Kabul Monday"); "May" is left out, it is also a surname.
_CALENDAR = frozenset(
    """
    january february march april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun
    """.split()
)
# Titles and roles: never an actor alone, cut out of the front of a name.
_ROLES = frozenset(
    """
    president vice prime minister ministers spokesman spokeswoman spokesperson spokesmen secretary
    chairman chairwoman chair chief commander general gen director ambassador governor gov mayor
    deputy king queen prince princess sheikh ayatollah envoy senator sen rep representative
    congressman congresswoman lawmaker judge justice attorney colonel col lieutenant lt major maj
    captain capt sergeant sgt admiral adm marshal dr mr mrs ms miss professor prof foreign defense
    defence interior finance press former acting interim senior supreme pope cardinal bishop rabbi
    imam cleric mullah emir commissioner speaker premier chancellor adviser advisor aide leader
    head official officials ceo founder lord lady sir dame dean coach
    """.split()
)
# Head nouns that make the whole run an organisation ("Foreign Ministry"): its role words stay.
_ORG_HEADS = frozenset(
    """
    ministry ministries department office council committee party agency commission organization
    organisation union court parliament administration embassy company corporation bank institute
    university movement front alliance coalition authority authorities cabinet association senate
    congress assembly house board service services guard forces army police affairs nations states
    republic kingdom times post news network foundation fund group school college hospital church
    center centre club league federation team
    """.split()
)
# Generic place words: "Panjshir Valley" is reported as "Panjshir" when the text mostly says that.
_PLACE_HEADS = frozenset(
    """
    valley province region city district county river island islands mountains strait sea lake
    desert peninsula basin gorge village town area gulf bay isle cape
    """.split()
)
# Lowercase words inside a name: "Osama bin Laden"; "of" only after a head ("Bank of England",
# "Secretary of State"), so "John McCain of Arizona" stays two names.
_CONNECTORS = frozenset("de da del della der den van von bin ibn al el la le du dos y".split())
_OF_HEADS = _ORG_HEADS | _PLACE_HEADS | _ROLES
# Words after a capitalised word that do not make it a modifier ("Taliban said" vs "Afghan people").
_FUNCTION_AFTER = frozenset(
    """
    and or but nor to of in on at by for from with as than that which who whom whose is are was
    were be been being has have had will would can could should may might must do does did not
    also said says say told added claimed further still again now then
    """.split()
)
# Generic heads alone ("the Department said", "Secretary of State") name no one in particular.
_GENERIC = (_ORG_HEADS | _PLACE_HEADS | {"state"}) - {"senate", "house", "congress", "parliament", "pentagon"}
_ADJECTIVE_SHARE = 0.75  # a demonym-like word this often before a noun is an adjective
_DEMONYM_END = ("an", "ian", "ese", "ish", "i", "ic", "ch")
_CONTRACTION_END = ("’m", "'m", "’re", "'re", "’ve", "'ve", "’ll", "'ll", "’d", "'d", "n’t", "n't")
_OPEN_MARKS = "“‘\"'«([{—–-•"
_MAX_NAME_WORDS = 6  # longer capitalised runs are headlines or lists

_WORD_RE = re.compile(r"[^\W_](?:\w|[’'\-.](?=[^\W_]))*")
_INITIALISM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]\Z")


@dataclass
class _Tok:
    text: str  # possessive ending removed
    start: int
    end: int
    kind: str  # name | conn | other
    initial: bool = False  # first word of a sentence or quotation
    possessive: bool = False
    stop_after: bool = False  # "Taliban-led": the name ends inside the token

    @property
    def low(self) -> str:
        return self.text.lower().replace(".", "")

    @property
    def acronym(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    @property
    def ordinary(self) -> bool:
        """A function word in capitals ("The", "And"), not an acronym ("US")."""
        return not self.acronym and self.low in _ORDINARY


@dataclass
class _Cand:
    name: str
    paragraph: int
    start: int
    initial: bool
    modifier: bool  # used in front of a noun or a title: "Afghan capital", "Ukrainian President"

    @property
    def single(self) -> bool:
        return " " not in self.name


def _is_cap(word: str) -> bool:
    return word[:1].isalpha() and word[:1].isupper()


def _tokens(text: str) -> list[_Tok]:
    """Word tokens of a paragraph: name / connector / other, sentence-initial and possessive flags."""
    starts = [s for s, _ in sentence_spans(text)] or [0]
    out: list[_Tok] = []
    si = 0
    for m in _WORD_RE.finditer(text):
        word, s, e = m.group(), m.start(), m.end()
        while si + 1 < len(starts) and starts[si + 1] <= s:
            si += 1
        sent_start = min(starts[si], s)
        if _INITIALISM.match(word) and text[e : e + 1] == ".":
            word, e = word + ".", e + 1  # "U.S."
        possessive = False
        if word.endswith(("’s", "'s")) and len(word) > 2:
            word, possessive = word[:-2], True
        elif word.endswith("s") and text[e : e + 1] in "’'" and not text[e + 1 : e + 2].isalnum():
            possessive = True  # "the Joneses’ house"
        stop_after = False
        if "-" in word and not word.startswith(("al-", "el-")):
            # "Taliban-led" -> "Taliban"; "anti-Taliban" -> "Taliban"
            pieces = word.split("-")
            first = next((i for i, p in enumerate(pieces) if _is_cap(p)), None)
            if first is not None:
                kept = [pieces[first]]
                for p in pieces[first + 1 :]:
                    if not _is_cap(p):
                        stop_after = True
                        break
                    kept.append(p)
                s += sum(len(p) + 1 for p in pieces[:first])
                word = "-".join(kept)
                e = s + len(word)
        j = s - 1
        while j >= sent_start and (text[j].isspace() or text[j] in _OPEN_MARKS):
            j -= 1
        initial = j < sent_start or text[j] == ":"
        if word.endswith(_CONTRACTION_END):
            kind = "other"  # "I’m", "Don’t"
        elif _is_cap(word) or word.startswith(("al-", "el-")):
            kind = "name"
        elif word in _CONNECTORS or word in ("of", "the"):
            kind = "conn"
        else:
            kind = "other"
        out.append(_Tok(word, s, e, kind, initial, possessive, stop_after))
    return out


def _runs(text: str, toks: list[_Tok]) -> list[list[_Tok]]:
    """Maximal runs of capitalised tokens joined by single spaces and name connectors."""
    runs: list[list[_Tok]] = []
    i, n = 0, len(toks)

    def glued(a: _Tok, b: _Tok) -> bool:
        return text[a.end : b.start] == " "

    while i < n:
        if toks[i].kind != "name":
            i += 1
            continue
        run = [toks[i]]
        j = i + 1
        while j < n and not run[-1].possessive and not run[-1].stop_after and glued(run[-1], toks[j]):
            if toks[j].kind == "name":
                run.append(toks[j])
                j += 1
                continue
            if toks[j].kind != "conn":
                break
            k = j  # connectors: "bin", "of", "of the" - only when a capitalised word follows
            if toks[k].text == "of" and run[-1].low in _OF_HEADS:
                k += 1
                if k < n and toks[k].text == "the" and glued(toks[k - 1], toks[k]):
                    k += 1
            elif toks[k].text in _CONNECTORS:
                k += 1
            if k == j or k >= n or toks[k].kind != "name" or not glued(toks[k - 1], toks[k]):
                break
            run.extend(toks[j : k + 1])
            j = k + 1
        runs.append(run)
        i = j
    return runs


def _trim(tokens: list[_Tok]) -> list[_Tok]:
    """Drop connectors at either edge of a phrase."""
    while tokens and tokens[0].kind != "name":
        tokens = tokens[1:]
    while tokens and tokens[-1].kind != "name":
        tokens = tokens[:-1]
    return tokens


def _split_run(run: list[_Tok], lower_words: set[str]) -> list[tuple[list[_Tok], bool]]:
    """Cut a capitalised run into name phrases: (tokens, used in front of a title)."""
    segments: list[list[_Tok]] = [[]]
    for t in run:
        breaker = t.kind == "name" and (
            t.ordinary  # "The Taliban", "But Masoud", title-case "Clinton And Sanders"
            or (t.low in _CALENDAR and not t.acronym)
            or (t.initial and t.text.lower() in lower_words)  # "Local officials": a word, not a name
        )
        if breaker:
            segments.append([])
        else:
            segments[-1].append(t)
    out: list[tuple[list[_Tok], bool]] = []
    for seg in segments:
        seg = _trim(seg)
        if not seg:
            continue
        if sum(t.acronym for t in seg) >= 2 or (len(seg) == 1 and seg[0].acronym and len(seg[0].text) > 5):
            continue  # "AMY GOODMAN:", "DEFIANT ROGER STONE": shouting headlines and transcript labels
        if seg[-1].low in _ORG_HEADS:
            out.append((seg, False))
            continue
        roles = [i for i, t in enumerate(seg) if t.kind == "name" and t.low in _ROLES]
        bounds = [-1] + roles + [len(seg)]
        for a, b in zip(bounds, bounds[1:]):
            part = seg[a + 1 : b]
            after_of = bool(part) and part[0].text == "of"
            part = _trim(part)
            if not part:
                continue
            names = [t for t in part if t.kind == "name"]
            if after_of and len(names) >= 3:
                # "Secretary of Homeland Security Alejandro Mayorkas": the office, then the person
                out.append((_trim(part[:-2]), True))
                part = part[-2:]
            out.append((part, b < len(seg)))
    return [
        (p, before_role)
        for p, before_role in out
        if p and len(p) <= _MAX_NAME_WORDS and len({t.text for t in p}) == len(p)  # not "Clinton Clinton"
    ]


def _title_case_spans(text: str, toks: list[_Tok]) -> list[tuple[int, int]]:
    """Headlines in title case ("Paul Ryan Asks That Clinton Not Receive ..."): no name evidence there."""
    out = []
    k = 0
    for a, b in sentence_spans(text):
        words = []
        while k < len(toks) and toks[k].start < b:
            if toks[k].start >= a and toks[k].text[:1].isalpha() and toks[k].kind != "conn":
                words.append(toks[k])
            k += 1
        headline = not text[a:b].rstrip("”\"’') ").endswith((".", "!", "?"))
        if headline and len(words) >= 4 and sum(t.kind == "name" for t in words) >= 0.7 * len(words):
            out.append((a, b))
    return out


def _candidates(paragraphs: list[str]) -> tuple[list[_Cand], set[str]]:
    """Every name phrase occurrence, and the capitalised words seen away from a sentence start."""
    all_toks = [_tokens(p) for p in paragraphs]
    lower_words = {t.text for toks in all_toks for t in toks if t.kind != "name"}
    noninitial = {t.text for toks in all_toks for t in toks if t.kind == "name" and not t.initial}
    cands: list[_Cand] = []
    for pi, (text, toks) in enumerate(zip(paragraphs, all_toks)):
        index = {t.start: k for k, t in enumerate(toks)}
        headline = _title_case_spans(text, toks)
        for run in _runs(text, toks):
            if any(a <= run[0].start < b for a, b in headline):
                continue
            for phrase, before_role in _split_run(run, lower_words):
                words = [t.text for t in phrase]
                if len(words) == 1 and (
                    len(words[0]) < 2 or phrase[0].low in _ROLES | _GENERIC or phrase[0].low == "may"
                ):
                    continue
                last = phrase[-1]
                k = index[last.start]
                nxt = toks[k + 1] if k + 1 < len(toks) else None
                modifier = before_role or (
                    nxt is not None
                    and not last.possessive
                    and not last.stop_after
                    and nxt.kind != "name"
                    and text[last.end : nxt.start] == " "
                    and nxt.text.lower() not in _FUNCTION_AFTER
                    and not nxt.text[:1].isdigit()
                )
                cands.append(_Cand(" ".join(words), pi, phrase[0].start, phrase[0].initial, modifier))
    return cands, noninitial


def _is_short_form(short: str, full: str) -> bool:
    """Whether `short` names the same actor as `full` the way news shortens names.

    A surname or trailing part ("Masoud" for "Ahmad Masoud", "Nations" for
    "United Nations"), or the name without its place word ("Panjshir" for
    "Panjshir Valley").  A leading part is not enough: "New York" is not "New
    York Times", "Asia" is not "Asia Bibi".
    """
    s, f = short.split(), full.split()
    if len(s) >= len(f):
        return s == f
    if len(s) > 1 and s[-1].lower() in _ORG_HEADS:
        return False  # "White House" is complete, whatever "Bush White House" is
    return f[-len(s) :] == s or (f[-1].lower() in _PLACE_HEADS and f[:-1] == s)


def _merge(names: list[str]) -> dict[str, str]:
    """`merge_name_variants`, kept to short forms of the canonical name.

    A short form that `merge_name_variants` leaves alone because several names
    contain it ("Trump" in "Donald Trump" and "Trump Tower") still goes to the
    one name it is the short form of.
    """
    canon = merge_name_variants(names)
    # canonical names by last word and by the words before a place word, to find owners fast
    by_last: dict[str, list[str]] = {}
    by_stem: dict[str, list[str]] = {}
    for c in sorted({c for n, c in canon.items() if n == c}):
        words = c.split()
        by_last.setdefault(words[-1], []).append(c)
        if len(words) > 1 and words[-1].lower() in _PLACE_HEADS:
            by_stem.setdefault(" ".join(words[:-1]), []).append(c)
    out: dict[str, str] = {}
    for name, target in canon.items():
        if target != name and not _is_short_form(name, target):
            target = name
        if target == name:
            pool = by_last.get(name.split()[-1], []) + by_stem.get(name, [])
            owners = {c for c in pool if c != name and _is_short_form(name, c)}
            if len(owners) == 1:
                target = owners.pop()
        out[name] = target
    return out


def _display_name(canonical: str, variants: Counter) -> str:
    """The fullest spelling, except that a generic place word is dropped when the text mostly does."""
    words = canonical.split()
    if len(words) > 1 and words[-1].lower() in _PLACE_HEADS:
        short = " ".join(words[:-1])
        if variants.get(short, 0) >= variants.get(canonical, 0):
            return short
    return canonical


def find_actors(paragraphs: list[str], top: int = 8, min_mentions: int = 2) -> list[Target]:
    """The most frequent named actors of a text, for when the user names none.

    Candidates are capitalised name phrases.  Words capitalised only because
    they open a sentence, calendar words and bare titles are dropped; titles
    are cut out of names ("Taliban Spokesman Zabihullah Mujahid" gives
    "Taliban" and "Zabihullah Mujahid"); nationality adjectives used only in
    front of a noun ("Afghan capital") are not actors.  Variants are merged with
    `newstone.quotes.merge_name_variants` ("Masoud" -> "Ahmad Masoud") and
    become aliases.  Mentions are counted the way `actor_mentions` counts them,
    then ordered by count, then first appearance.
    """
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    paragraphs = [p if isinstance(p, str) else "" for p in paragraphs]
    cands, noninitial = _candidates(paragraphs)
    by_name: dict[str, list[_Cand]] = {}
    for c in cands:
        by_name.setdefault(c.name, []).append(c)
    kept: list[str] = []
    for name, occ in by_name.items():
        if all(c.initial and c.single for c in occ) and name not in noninitial:
            continue  # capitalised only at sentence start
        if occ[0].single and name.lower().endswith(_DEMONYM_END):
            if sum(c.modifier for c in occ) >= _ADJECTIVE_SHARE * len(occ):
                continue  # "Afghan capital", "Ukrainian President": mostly an adjective
        kept.append(name)
    if not kept:
        return []
    occurrences = [c.name for c in cands if c.name in set(kept)]
    canon = _merge(occurrences)
    counts = Counter(occurrences)
    groups: dict[str, list[str]] = {}
    for name in kept:
        groups.setdefault(canon.get(name, name), []).append(name)
    targets = []
    for canonical, variants in groups.items():
        display = _display_name(canonical, Counter({v: counts[v] for v in variants}))
        aliases = sorted({v for v in variants if v != display}, key=lambda v: (-len(v), v))
        targets.append(Target(display, tuple(aliases)))
    n = [0] * len(targets)
    first: list[tuple[int, int]] = [(math.inf, math.inf)] * len(targets)  # type: ignore[list-item]
    for pi, text in enumerate(paragraphs):
        for s, _, idx in _spans(text, targets):
            n[idx] += 1
            first[idx] = min(first[idx], (pi, s))
    order = sorted(
        (i for i in range(len(targets)) if n[i] >= min_mentions), key=lambda i: (-n[i], first[i])
    )
    return [targets[i] for i in order[: max(top, 0)]]


# The clause about a mention lives in newstone.clauses (the scorers use it too).
from newstone.clauses import MIN_CLAUSE_WORDS, SHORT_SENTENCE_WORDS, target_context  # noqa: E402,F401


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
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(actor table, mentions) for one document; actors are found when none are given.

    Targets the user named keep a row even with 0 mentions, so a report can say
    "not mentioned" instead of silently dropping them.
    """
    if targets is None:
        targets = find_actors(paragraphs)
    mentions = actor_mentions(sentences, targets)
    extra = {t.name: set(t.terms) for t in targets}
    index = sentences["sentence"].tolist() if "sentence" in sentences else list(range(len(sentences)))
    texts = dict(zip((int(i) for i in index), sentences["text"].tolist()))
    return _table(mentions, scorer, quotes, extra, texts), mentions

"""Quotes and speakers: who says what in a news article.

Rule-based on purpose: deterministic, standard library + pandas, no models or
downloads.  The rules follow English news conventions (quote marks, reporting
verbs, "X said" / "said X" / "according to X", unclosed multi-paragraph quotes,
pronoun carry-over) and favour precision over recall.

Public API
----------
extract_quotes(paragraphs)          -> DataFrame, one row per direct/indirect statement
speaker_table(quotes, tone_column)  -> DataFrame, one row per speaker
merge_name_variants(names)          -> {variant: canonical name}
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

import pandas as pd

__all__ = ["COLUMNS", "extract_quotes", "speaker_table", "merge_name_variants"]

COLUMNS = ["paragraph", "start", "end", "text", "speaker", "kind", "cue"]

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

_VERBS = """
said says say added adds told tells stressed stresses stress warned warns warn
claimed claims claim noted notes note insisted insists insist wrote writes
explained explains argued argues argue asked asks declared declares stated
tweeted tweets announced announces emphasized emphasised emphasizes emphasises
reiterated reiterates continued continues replied replies responded responds
recalled recalls observed remarked commented acknowledged acknowledges admitted
admits conceded concedes confirmed confirms denied denies alleged alleges
maintained maintains underlined underlines underscored underscores suggested
suggests vowed vows pledged pledges predicted cautioned posted asserted asserts
contended contends complained complains assured reported
""".split()
# Verbs that may introduce a reported clause without "that" ("He said the ...").
_SAY_NO_THAT = frozenset(
    "said says say claimed claims claim insisted insists insist argued argues "
    "argue alleged alleges added contended contends asserted asserts".split()
)

# Titles and roles: dropped from a person's name, remembered for "the spokesman".
_ROLE_WORDS = frozenset(
    """
spokesman spokeswoman spokesperson president vice prime minister senator sen
leader secretary chairman chairwoman chair chief commander general gen director
ambassador governor gov mayor deputy king queen prince crown sheikh ayatollah
envoy head official representative rep congressman congresswoman lawmaker mp
judge justice attorney colonel col lieutenant lt major maj captain capt
sergeant sgt admiral marshal dr mr mrs ms miss professor prof analyst expert
researcher correspondent reporter editor founder ceo executive foreign defense
defence interior finance state affairs supreme former acting interim senior
top coach pope cardinal bishop rabbi imam cleric mullah emir commissioner
speaker premier chancellor adviser advisor aide negotiator
""".split()
)
# Head nouns that make a name phrase an organisation or place, not a person.
_ORG_NOUNS = frozenset(
    """
ministry department government office army police forces force group council
committee party agency commission organization organisation union court
parliament military administration embassy company corporation bank institute
university movement front alliance coalition authority authorities cabinet
state-department network channel agency newspaper team federation association
senate congress assembly house board service services guard militia
valley province region city republic kingdom states island islands strait sea
river mountains strip nations
""".split()
)
# "the group said" usually refers back to the last organisation.
_GENERIC_ORG = frozenset("group organization organisation movement militia outfit".split())
# Words that can open a capitalised run without being part of a name.
_FUNCTION_WORDS = frozenset(
    """
the a an but and or so yet however meanwhile also then now still later earlier
today yesterday tonight on in at as when while after before since although
though if because his her their its this that these those separately instead
moreover furthermore additionally finally here there thus hence why what where
who monday tuesday wednesday thursday friday saturday sunday
""".split()
)
_MAX_NAME_TOKENS = 7  # longer capitalised runs are headlines or lists, not a speaker
_PRONOUNS = frozenset({"he", "she", "they", "it"})
_ABBREVIATIONS = frozenset(
    """
mr mrs ms dr prof sen rep gov gen col lt capt sgt adm maj st jr sr no vs etc
inc ltd co corp jan feb aug sept oct nov dec mt ft
""".split()
)

# --------------------------------------------------------------------------
# Regex building blocks
# --------------------------------------------------------------------------

_UPPER_CHARS = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper())
_UP = f"[{re.escape(_UPPER_CHARS)}]"
_MASK = "\u2592"  # replaces quoted words so attribution rules only see narration

_TOKEN = rf"(?:{_UP}[\w’'.\-]*|(?:al|el)-{_UP}[\w’'\-]*)"
_ROLE_LOWER = "(?:" + "|".join(sorted(_ROLE_WORDS, key=len, reverse=True)) + r")(?![\w’'\-])"
_PARTICLE = r"(?:of\s+the|al|el|bin|bint|ibn|abu|de|del|della|der|den|van|von|da|di|du|dos|le|la|of)"
_NTOK = rf"(?:{_TOKEN}|{_ROLE_LOWER})"
_NAME = rf"(?:[Tt]he\s+)?(?:{_NTOK}\s+(?:{_PARTICLE}\s+)?)*{_NTOK}"
_PRON = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)(?![\w’'\-])"
_NP_STOP = (
    r"(?:the|a|an|of|in|on|at|to|for|with|by|from|and|or|but|that|which|who|whose|"
    r"as|is|was|were|are|has|have|had|be|been|will|would|not|also)(?![\w’'\-])"
)
_NPTOK = rf"(?!{_NP_STOP})[\w’'\-]+"
_NP = rf"(?:[Tt]he|[Aa]n?)\s+(?:{_NPTOK}\s+){{0,3}}{_NPTOK}"
_ADV = (
    r"(?:also|further|later|then|again|previously|earlier|repeatedly|reportedly|"
    r"once|has|have|had|would|will|recently|separately|subsequently|publicly|"
    r"privately|firmly|strongly|angrily|flatly|simply|however)"
)
_VERB = r"(?:pointed\s+out|" + "|".join(sorted(set(_VERBS), key=len, reverse=True)) + ")"
_APPOS = r",\s[^,“”\"]{1,80},"  # ", the group's spokesman,"
_FILLER = (
    rf"(?:{_UP}[\w’'.\-]*|\d[\w:.]*|on|in|at|during|to|with|via|for|from|a|an|the|"
    r"his|her|their|its|last|this|next|earlier|later|late|early|yesterday|today|"
    r"tonight|morning|afternoon|evening|night|week|month|year|reporters|journalists|"
    r"him|them|us|me|statement|interview|message|speech|briefing|conference|press|"
    r"news|televised|video|voice|audio|post|tweet|letter|report|remarks|address|"
    r"separately|also|again|further|repeatedly|previously|however|meanwhile|"
    r"recently|publicly|privately|online|phone|telephone|call)(?![\w’'\-])"
)
_TIME = (
    r"(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"yesterday|today|tonight|earlier|later|again|also)"
)
_NO_CLAUSE_START = (
    r"(?:in|on|at|to|for|with|by|from|of|about|after|before|during|as|via|into|"
    r"him|her|them|me|us|it|so|too|nothing|something|this|that|goodbye|hello|yes|no|"
    r"and|but|or)(?![\w’'\-])"
)


def _spk(group: str) -> str:
    """Speaker alternatives (pronoun, capitalised name run, noun phrase) as a named group."""
    return rf"(?P<{group}>{_PRON}|{_NAME}|{_NP})"


_VERB_RE = re.compile(rf"(?<![\w’'\-]){_VERB}(?![\w’'\-])")
# Speaker standing right before a reporting verb: "Taliban Spokesman X (also) |said".
_LEFT_SPK_RE = re.compile(rf"(?<![\w’'\-.]){_spk('spk')}(?P<app>{_APPOS})?\s+(?:{_ADV}\s+)*$")
_ACCORDING_END_RE = re.compile(rf"(?<![\w’'\-])according\s+to\s+{_spk('spk')}\s*,?\s*$")
_ACCORDING_ANY_RE = re.compile(rf"(?<![\w’'\-])[Aa]ccording\s+to\s+{_spk('spk')}")
# Text after a closing quote mark: "X said", "said X", "according to X".
_AFTER_RE = re.compile(
    rf"^[\s,;:—–-]*(?:{_spk('spk')}(?:{_APPOS})?\s+(?:{_ADV}\s+)*(?P<verb>{_VERB})(?![\w’'\-])"
    rf"|(?P<verb2>{_VERB})\s+{_spk('spk2')}"
    rf"|(?P<acc>according\s+to)\s+{_spk('spk3')})"
)
_APPOS_NAME_RE = re.compile(rf"^,\s+(?P<name>{_NAME})")
# Narration between the reporting verb and an opening quote mark: " in a statement:".
_BEFORE_TAIL_RE = re.compile(rf"^(?:[\s,]+{_FILLER}){{0,8}}[\s,:]*(?:that\s*)?$")
_THAT_CLAUSE_RE = re.compile(rf"^(?:[\s,]+{_FILLER}){{0,8}}?[\s,]+that\s+(?P<clause>\S.*)$", re.S)
_BARE_CLAUSE_RE = re.compile(
    rf"^(?:\s+{_TIME}){{0,2}},?\s+(?!{_NO_CLAUSE_START})(?P<clause>[\w“\"‘].*)$", re.S
)
_ACCORDING_LEAD_RE = re.compile(
    rf"^(?:\S+\s+){{0,3}}?[Aa]ccording\s+to\s+{_spk('spk')}\s*,\s*(?P<clause>\S.*)$", re.S
)
_ACCORDING_TAIL_RE = re.compile(
    rf"^(?P<clause>.+?),?\s+according\s+to\s+{_spk('spk')}\s*[.!?]?\s*$", re.S
)
_TRAILING_ATTR_RE = re.compile(
    rf"^(?P<clause>.{{10,}}?),\s+(?:{_spk('spk')}(?:{_APPOS})?\s+(?:{_ADV}\s+)*(?P<verb>{_VERB})"
    rf"|(?P<verb2>{_VERB})\s+{_spk('spk2')})(?:\s+{_FILLER})*\s*[.!?]?\s*$",
    re.S,
)
_SUBJECT_RE = re.compile(rf"^(?P<spk>{_NAME})(?:{_APPOS})?\s+(?:{_ADV}\s+)*(?=[a-z])")
_SENT_END_RE = re.compile(
    rf"[.!?…]+[”\"’')\]»]*(?=\s+[“\"‘(\[«\d{re.escape(_UPPER_CHARS)}]|\s*$)"
)
_WORD_RE = re.compile(r"[\w’'\-]+")
_INITIALS_RE = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")

_OPENERS = {"“": "”", '"': '"', "«": "»", "„": "“”"}

# --------------------------------------------------------------------------
# Data holders
# --------------------------------------------------------------------------


@dataclass
class _Span:
    """One double-quoted stretch of a paragraph (marks included in open/close)."""

    open: int
    close: int | None  # index of the closing mark; None = runs to paragraph end
    start: int = 0  # trimmed content offsets
    end: int = 0
    chain: int | None = None


@dataclass(frozen=True)
class _Spk:
    """A speaker mention before resolution."""

    name: str
    kind: str  # pronoun | person | org | role | np
    role: str | None = None


@dataclass
class _Item:
    paragraph: int
    start: int
    end: int
    kind: str  # direct | indirect | subject
    cue: str | None
    raw: _Spk | None
    chain: int | None = None
    sentence_initial: bool = False
    speaker: str | None = None


@dataclass
class _State:
    """Discourse memory used for pronouns and unattributed quotes."""

    last_person: str | None = None
    last_org: str | None = None
    last_any: str | None = None
    roles: dict[str, str] = field(default_factory=dict)
    classes: dict[str, str] = field(default_factory=dict)

    def resolve(self, spk: _Spk) -> str | None:
        if spk.kind == "pronoun":
            if spk.name in ("he", "she"):
                return self.last_person
            if spk.name == "they":
                return self.last_org or self.last_person
            return self.last_org
        if spk.kind == "role":
            return self.roles.get(spk.role or "", spk.name)
        if spk.kind == "np" and spk.name.split()[-1].lower() in _GENERIC_ORG and self.last_org:
            return self.last_org
        return spk.name

    def update(self, name: str | None, spk: _Spk | None) -> None:
        if not name:
            return
        if spk is not None and spk.kind != "pronoun":
            self.classes.setdefault(name, "org" if spk.kind == "org" else "person")
            if spk.role and spk.kind == "person":
                self.roles[spk.role] = name
        if self.classes.get(name) == "org":
            self.last_org = name
        else:
            self.last_person = name
        self.last_any = name


# --------------------------------------------------------------------------
# Speaker phrases and name variants
# --------------------------------------------------------------------------


def _norm_token(token: str) -> str:
    """Lower-case a token and drop dots and possessive endings for dictionary lookups."""
    t = token.lower().strip(".,;:")
    for suffix in ("’s", "'s", "’", "'"):
        if t.endswith(suffix):
            t = t[: -len(suffix)]
            break
    return t.replace(".", "")


def _is_possessive(token: str) -> bool:
    return token.rstrip(".,").endswith(("’s", "'s", "s’", "s'"))


def _strip_roles(tokens: list[str]) -> tuple[list[str], str | None]:
    """Drop titles ("Taliban Spokesman", "Secretary of State") in front of a name."""
    idx = [i for i, t in enumerate(tokens) if _norm_token(t) in _ROLE_WORDS]
    if not idx:
        return tokens, None
    last = idx[-1]
    rest = tokens[last + 1 :]
    dropped_of = False
    while rest and rest[0].lower() in ("of", "the"):
        dropped_of = dropped_of or rest[0].lower() == "of"
        rest = rest[1:]
    if dropped_of and len(rest) >= 3:  # "Minister of Pakistan Shehbaz Sharif"
        rest = rest[1:]
    return rest, _norm_token(tokens[last])


def _normalize_speaker(phrase: str | None) -> _Spk | None:
    """Turn a matched speaker phrase into a canonical mention (or None if it is not one)."""
    if not phrase:
        return None
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.;:")
    if phrase.lower() in _PRONOUNS:
        return _Spk(phrase.lower(), "pronoun")
    tokens = phrase.split()
    had_det = False
    while tokens and _norm_token(tokens[0]) in _FUNCTION_WORDS:
        had_det = had_det or tokens[0].lower() in ("the", "a", "an")
        tokens = tokens[1:]
    while tokens and tokens[-1].lower() in ("of", "the", "al", "de", "la", "le"):
        tokens = tokens[:-1]
    if not tokens or _is_possessive(tokens[-1]) or len(tokens) > _MAX_NAME_TOKENS:
        return None
    if len(tokens) == 1 and tokens[0].lower() in _PRONOUNS:
        return _Spk(tokens[0].lower(), "pronoun")
    head = _norm_token(tokens[-1])
    capitalised = any(t[:1].isupper() for t in tokens)
    if head in _ORG_NOUNS:
        return _Spk(" ".join(tokens), "org")
    rest, role = _strip_roles(tokens)
    if role is not None:
        if rest and rest[0][:1].isupper():
            return _Spk(" ".join(rest), "person", role)
        return _Spk(" ".join(tokens), "role", role)
    if not capitalised:
        return _Spk(" ".join(tokens), "np")
    return _Spk(" ".join(tokens), "org" if had_det else "person")


def _name_key(name: str) -> frozenset[str]:
    """Content tokens of a name: lower-cased, no articles; a person's titles are ignored.

    Organisation names keep every token so "Defense Ministry" and "Foreign
    Ministry" stay apart.
    """
    toks = [_norm_token(t) for t in _WORD_RE.findall(name)]
    toks = [t for t in toks if t and t not in ("the", "a", "an")]
    if toks and toks[-1] in _ORG_NOUNS:
        return frozenset(toks)
    core = [t for t in toks if t not in _ROLE_WORDS]
    return frozenset(core or toks)


def merge_name_variants(names: Iterable[str]) -> dict[str, str]:
    """Map every name to the fullest variant that contains all of its tokens.

    "Masoud" -> "Ahmad Masoud", "President Biden" -> "Joe Biden".  Titles and
    articles are ignored when comparing; a short name contained in two unrelated
    full names ("Biden" with "Joe Biden" and "Hunter Biden") is ambiguous and
    maps to itself.  Among spellings with identical tokens the longest, then the
    most frequent, then the alphabetically first is canonical.
    """
    counts = Counter(n.strip() for n in names if isinstance(n, str) and n.strip())
    keys = {n: _name_key(n) for n in counts}
    keys = {n: k for n, k in keys.items() if k}
    by_key: dict[frozenset[str], list[str]] = {}
    for n, k in keys.items():
        by_key.setdefault(k, []).append(n)
    rep = {
        k: min(ns, key=lambda n: (-len(n.split()), -len(n), -counts[n], n)) for k, ns in by_key.items()
    }
    mapping: dict[str, str] = {}
    for n, k in keys.items():
        supersets = [other for other in by_key if k <= other]
        maximal = [s for s in supersets if not any(s < o for o in supersets)]
        mapping[n] = rep[maximal[0]] if len(maximal) == 1 else rep[k]
    for n in counts:
        mapping.setdefault(n, n)
    return mapping


# --------------------------------------------------------------------------
# Quote marks and sentences
# --------------------------------------------------------------------------


def _opens_here(text: str, i: int) -> bool:
    """A stray closing curly mark used as an opener: preceded by space, followed by a word."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and after.isalnum()


def _find_spans(text: str) -> list[_Span]:
    """Double-quote spans; single quotes are ignored so apostrophes and nested ‘…’ are safe."""
    spans: list[_Span] = []
    closers = ""
    opened = -1
    for i, ch in enumerate(text):
        if not closers:
            if ch in _OPENERS:
                closers, opened = _OPENERS[ch], i
            elif ch == "”" and _opens_here(text, i):
                closers, opened = "”", i
        elif ch in closers:
            spans.append(_Span(opened, i))
            closers = ""
    if closers:
        spans.append(_Span(opened, None))
    for sp in spans:
        lo, hi = sp.open + 1, sp.close if sp.close is not None else len(text)
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and (text[hi - 1].isspace() or text[hi - 1] == ","):
            hi -= 1
        sp.start, sp.end = lo, hi
    return [sp for sp in spans if _WORD_RE.search(text, sp.start, sp.end)]


def _mask(text: str, spans: list[_Span]) -> str:
    """Blank out quoted words (keeping final .!?) so narration rules never read inside quotes."""
    chars = list(text)
    for sp in spans:
        hi = sp.close if sp.close is not None else len(text)
        keep = hi
        if sp.close is not None:
            while keep > sp.open + 1 and (text[keep - 1] in ".!?…" or text[keep - 1].isspace()):
                keep -= 1
        for j in range(sp.open + 1, keep):
            chars[j] = _MASK
    return "".join(chars)


def _is_abbreviation(masked: str, dot: int) -> bool:
    word = masked[:dot].rsplit(None, 1)[-1] if masked[:dot].strip() else ""
    word = word.lstrip("([“\"‘")
    if not word:
        return False
    if len(word) == 1 and word.isupper():  # initial: "John F. Kennedy"
        return True
    return word.lower().rstrip(".") in _ABBREVIATIONS or bool(_INITIALS_RE.match(word))


def _segmenter():
    """The project's sentence splitter when present (`newstone.segment.sentence_spans`), else None.

    Imported lazily so this module keeps working on its own.
    """
    try:
        from newstone.segment import sentence_spans
    except ImportError:
        return None
    return sentence_spans


def _sentences(masked: str) -> list[tuple[int, int]]:
    """Sentence spans on the masked paragraph, so quotes never split a sentence.

    Uses the project's segmenter when available (same cuts as tone scoring) and
    the small internal splitter otherwise or if its answer looks unusable.
    """
    split = _segmenter()
    if split is not None:
        try:
            spans = [(int(a), int(b)) for a, b in split(masked)]
        except Exception:  # a module under development must not break quote extraction
            spans = []
        if spans and all(0 <= a < b <= len(masked) for a, b in spans) and all(
            b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:])
        ):
            return spans
    return _simple_sentences(masked)


def _simple_sentences(masked: str) -> list[tuple[int, int]]:
    """Fallback splitter: terminal punctuation before a capital, skipping abbreviations."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END_RE.finditer(masked):
        if masked[m.start()] == "." and _is_abbreviation(masked, m.start()):
            continue
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(masked)))
    trimmed = []
    for s, e in out:
        while s < e and masked[s].isspace():
            s += 1
        while e > s and masked[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def _sentence_of(sents: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in sents:
        if s <= pos < e:
            return s, e
    return (pos, pos)


# --------------------------------------------------------------------------
# Attribution
# --------------------------------------------------------------------------


def _verb_cue(verb: str) -> str:
    return re.sub(r"\s+", " ", verb.lower())


def _speaker_left_of(prefix: str) -> _Spk | None:
    """Speaker phrase ending right before a reporting verb (adverbs/appositive allowed).

    "The defense minister, Lloyd Austin, said" prefers the name in the appositive.
    """
    m = _LEFT_SPK_RE.search(prefix)
    if not m:
        return None
    spk = _normalize_speaker(m.group("spk"))
    if m.group("app") and (spk is None or spk.kind in ("role", "np")):
        named = _normalize_speaker(m.group("app").strip(" ,"))
        if named is not None and named.kind == "person":
            return named if named.role or spk is None else _Spk(named.name, "person", spk.role)
    return spk


def _after_attribution(after: str) -> tuple[_Spk | None, str | None]:
    """'…,” X said' / '…,” said X' / '…,” according to X'."""
    m = _AFTER_RE.match(after)
    if not m:
        return None, None
    if m.group("spk"):
        return _normalize_speaker(m.group("spk")), _verb_cue(m.group("verb"))
    if m.group("acc"):
        return _normalize_speaker(m.group("spk3")), "according to"
    spk = _normalize_speaker(m.group("spk2"))
    appos = _APPOS_NAME_RE.match(after[m.end("spk2") :])
    if appos:  # '…,” said the spokesman, Zabihullah Mujahid.'
        named = _normalize_speaker(appos.group("name"))
        if named is not None and named.kind == "person":
            spk = named
    return spk, _verb_cue(m.group("verb2"))


def _before_attribution(before: str) -> tuple[_Spk | None, str | None]:
    """'X said: “…' / 'X told reporters, “…' / 'According to X, “…'."""
    m = _ACCORDING_END_RE.search(before)
    if m:
        return _normalize_speaker(m.group("spk")), "according to"
    for v in reversed(list(_VERB_RE.finditer(before))):
        if not _BEFORE_TAIL_RE.match(before[v.end() :]):
            continue
        spk = _speaker_left_of(before[: v.start()])
        if spk is not None:
            return spk, _verb_cue(v.group())
    return None, None


def _loose_attribution(prefix: str) -> tuple[_Spk | None, str | None]:
    """Partial quotes inside reported speech: 'X said the plan was “…”'."""
    m = _ACCORDING_ANY_RE.search(prefix)
    if m:
        return _normalize_speaker(m.group("spk")), "according to"
    for v in reversed(list(_VERB_RE.finditer(prefix))):
        spk = _speaker_left_of(prefix[: v.start()])
        if spk is not None:
            return spk, _verb_cue(v.group())
    return None, None


def _is_scare_quote(text: str, sp: _Span, strict: bool, initial: bool) -> bool:
    """1–3 quoted words with no adjacent attribution are scare quotes or titles, not speech."""
    if strict:
        return False
    if len(_WORD_RE.findall(text[sp.start : sp.end])) >= 4:
        return False
    closes_sentence = text[sp.start : sp.end].rstrip()[-1:] in (".", "!", "?", "…")
    return not (initial and closes_sentence)


def _direct_items(
    pi: int, text: str, masked: str, sents: list[tuple[int, int]], spans: list[_Span]
) -> list[_Item]:
    """Direct quotes with their explicit attribution; scare quotes dropped."""
    items: list[_Item] = []
    prev_close = 0
    for k, sp in enumerate(spans):
        s_start, _ = _sentence_of(sents, sp.open)
        lo = max(s_start, prev_close)
        before = masked[lo : sp.open]
        initial = masked[s_start : sp.open].strip(" —–-") == ""
        spk, cue = None, None
        if sp.close is not None:
            nxt = spans[k + 1].open if k + 1 < len(spans) else len(text)
            after = masked[sp.close + 1 : nxt]
            ends_sentence = text[sp.start : sp.end].rstrip()[-1:] == "."
            if not (ends_sentence and after.strip()[:1].isupper()):
                spk, cue = _after_attribution(after)
        if spk is None:
            spk, cue = _before_attribution(before)
        strict = spk is not None
        if _is_scare_quote(text, sp, strict, initial):
            prev_close = (sp.close or len(text)) + 1
            continue
        if spk is None and not initial:
            spk, cue = _loose_attribution(masked[s_start : sp.open])
        items.append(
            _Item(pi, sp.start, sp.end, "direct", cue, spk, sp.chain, sentence_initial=initial)
        )
        prev_close = (sp.close or len(text)) + 1
    return items


def _clause_bounds(sentence: str, offset: int, lo: int, hi: int) -> tuple[int, int]:
    """Trim whitespace and final punctuation off a reported clause."""
    while lo < hi and sentence[lo].isspace():
        lo += 1
    while hi > lo and (sentence[hi - 1].isspace() or sentence[hi - 1] in ".,;:"):
        hi -= 1
    return offset + lo, offset + hi


def _indirect_in_sentence(sentence: str) -> tuple[_Spk, str, int, int] | None:
    """Reported speech in one sentence: (speaker, cue, clause start, clause end)."""
    m = _ACCORDING_LEAD_RE.match(sentence)
    if m and (spk := _normalize_speaker(m.group("spk"))):
        return spk, "according to", m.start("clause"), m.end("clause")
    m = _ACCORDING_TAIL_RE.match(sentence)
    if m and (spk := _normalize_speaker(m.group("spk"))):
        return spk, "according to", m.start("clause"), m.end("clause")
    for v in _VERB_RE.finditer(sentence):
        spk = _speaker_left_of(sentence[: v.start()])
        if spk is None:
            continue
        rest = sentence[v.end() :]
        c = _THAT_CLAUSE_RE.match(rest)
        if c is None and v.group() in _SAY_NO_THAT:
            c = _BARE_CLAUSE_RE.match(rest)
            if c is not None and len(_WORD_RE.findall(c.group("clause"))) < 3:
                c = None
        if c is not None:
            return spk, _verb_cue(v.group()), v.end() + c.start("clause"), v.end() + c.end("clause")
    m = _TRAILING_ATTR_RE.match(sentence)
    if m:
        raw = m.group("spk") or m.group("spk2")
        spk = _normalize_speaker(raw)
        if spk is not None:
            return spk, _verb_cue(m.group("verb") or m.group("verb2")), 0, m.end("clause")
    return None


def _indirect_items(
    pi: int, text: str, sents: list[tuple[int, int]], kept: list[_Item], spans: list[_Span]
) -> list[_Item]:
    """Indirect statements in sentences that hold no (kept) direct quote."""
    quoted = [
        (sp.open, (sp.close if sp.close is not None else len(text)) + 1)
        for sp in spans
        if any(it.start == sp.start for it in kept)
    ]
    items = []
    for s, e in sents:
        if any(a < e and s < b for a, b in quoted):
            continue
        found = _indirect_in_sentence(text[s:e])
        if found is None:
            continue
        spk, cue, lo, hi = found
        start, end = _clause_bounds(text[s:e], s, lo, hi)
        if end > start:
            items.append(_Item(pi, start, end, "indirect", cue, spk))
    return items


def _subject_items(pi: int, text: str, sents: list[tuple[int, int]]) -> list[_Item]:
    """Persons opening a sentence ("Ahmad Masoud made the comments…") feed pronoun carry-over."""
    items = []
    for s, e in sents:
        m = _SUBJECT_RE.match(text[s:e])
        if not m:
            continue
        spk = _normalize_speaker(m.group("spk"))
        if spk is not None and spk.kind == "person" and (len(spk.name.split()) >= 2 or spk.role):
            items.append(_Item(pi, s, s, "subject", None, spk))
    return items


# --------------------------------------------------------------------------
# Orchestration
# --------------------------------------------------------------------------


def _link_continuations(texts: list[str], spans: list[list[_Span]]) -> None:
    """Chain an unclosed quote to the quote reopening the next paragraph (news convention)."""
    chain_id = 0
    for i in range(1, len(texts)):
        prev, cur = spans[i - 1], spans[i]
        if not prev or prev[-1].close is not None or not cur:
            continue
        lead = len(texts[i]) - len(texts[i].lstrip())
        if cur[0].open != lead:
            continue
        if prev[-1].chain is None:
            prev[-1].chain = chain_id
            chain_id += 1
        cur[0].chain = prev[-1].chain


def _resolve(items: list[_Item]) -> None:
    """Walk the article in order, resolving pronouns, roles and unattributed quotes."""
    state = _State()
    chain_raw: dict[int, _Spk] = {}
    for it in items:
        if it.chain is not None and it.raw is not None and it.raw.kind != "pronoun":
            chain_raw.setdefault(it.chain, it.raw)
    chain_last: dict[int, str | None] = {}
    for it in items:
        if it.kind == "subject":
            state.update(state.resolve(it.raw), it.raw)
            continue
        raw = it.raw
        if raw is None and it.chain is not None:
            raw = chain_raw.get(it.chain)
        if raw is not None:
            it.speaker = state.resolve(raw)
        elif it.chain is not None and chain_last.get(it.chain):
            it.speaker = chain_last[it.chain]
        elif it.kind == "direct" and it.sentence_initial:
            it.speaker = state.last_any
        if it.chain is not None:
            chain_last[it.chain] = it.speaker
        state.update(it.speaker, raw)


def extract_quotes(paragraphs: list[str]) -> pd.DataFrame:
    """One row per direct quote or indirect statement, with a resolved speaker.

    Offsets (`start`, `end`) index into `paragraphs[paragraph]`; `text` is that
    slice (quote marks, surrounding blanks and a trailing comma excluded).
    Speakers are merged across name variants with `merge_name_variants`.
    """
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    texts = [p if isinstance(p, str) else "" for p in paragraphs]
    spans = [_find_spans(t) for t in texts]
    _link_continuations(texts, spans)
    items: list[_Item] = []
    for pi, text in enumerate(texts):
        masked = _mask(text, spans[pi])
        sents = _sentences(masked)
        direct = _direct_items(pi, text, masked, sents, spans[pi])
        items += direct
        items += _indirect_items(pi, text, sents, direct, spans[pi])
        items += _subject_items(pi, text, sents)
    order = {"subject": 0, "direct": 1, "indirect": 1}
    items.sort(key=lambda it: (it.paragraph, it.start, order[it.kind]))
    _resolve(items)
    names = [it.speaker for it in items if it.speaker]
    canon = merge_name_variants(names)
    rows = [it for it in items if it.kind != "subject"]
    # object dtype keeps a real None for unknown speakers (pandas' str dtype would use NaN)
    return pd.DataFrame(
        {
            "paragraph": pd.Series([it.paragraph for it in rows], dtype="int64"),
            "start": pd.Series([it.start for it in rows], dtype="int64"),
            "end": pd.Series([it.end for it in rows], dtype="int64"),
            "text": pd.Series([texts[it.paragraph][it.start : it.end] for it in rows], dtype=object),
            "speaker": pd.Series(
                [canon.get(it.speaker, it.speaker) if it.speaker else None for it in rows],
                dtype=object,
            ),
            "kind": pd.Series([it.kind for it in rows], dtype=object),
            "cue": pd.Series([it.cue for it in rows], dtype=object),
        },
        columns=COLUMNS,
    )


def speaker_table(quotes: pd.DataFrame, tone_column: str = "compound") -> pd.DataFrame:
    """Per-speaker counts (and mean tone when `tone_column` exists); unknown speakers dropped.

    Name variants are merged again so frames concatenated from several articles
    still group "Masoud" with "Ahmad Masoud".
    """
    has_tone = tone_column in quotes.columns
    cols = ["name", "n_quotes", "n_direct", "n_indirect"] + (["compound"] if has_tone else [])
    known = quotes[quotes["speaker"].notna()] if "speaker" in quotes.columns else quotes.iloc[0:0]
    if known.empty:
        return pd.DataFrame(columns=cols)
    canon = merge_name_variants(known["speaker"].tolist())
    frame = pd.DataFrame(
        {
            "name": known["speaker"].map(lambda n: canon.get(n, n)),
            "direct": (known["kind"] == "direct").astype(int),
            "indirect": (known["kind"] == "indirect").astype(int),
        }
    )
    if has_tone:
        frame["compound"] = pd.to_numeric(known[tone_column], errors="coerce")
    agg = {"n_quotes": ("name", "size"), "n_direct": ("direct", "sum"), "n_indirect": ("indirect", "sum")}
    if has_tone:
        agg["compound"] = ("compound", "mean")
    table = frame.groupby("name", sort=False).agg(**agg).reset_index()
    table = table.sort_values(["n_quotes", "name"], ascending=[False, True], kind="stable")
    return table[cols].reset_index(drop=True)

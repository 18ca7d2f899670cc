"""The clause of a sentence that is about one mention: where tone toward an actor is read.

Text in, text out (regular expressions only), so the scorers (`newstone.tone.scorers`' target
features) and the people layer (`newstone.people.targets`) can both use it without importing each
other.
"""

from __future__ import annotations

import re


SHORT_SENTENCE_WORDS = 8  # shorter sentences are one clause
MIN_CLAUSE_WORDS = 2  # a shorter clause (a lone name) takes its neighbour in

_W = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")

_REPORT_VERBS = (
    "said|says|say|added|adds|told|tells|stressed|warned|warns|claimed|claims|noted|notes|insisted|"
    "insists|wrote|writes|explained|argued|argues|asked|declared|stated|announced|tweeted|replied|"
    "responded|acknowledged|admitted|conceded|confirmed|denied|alleged|suggested|vowed|predicted|"
    "cautioned|posted|asserted|contended|complained|recalled|continued"
)
_PRONOUN_SUBJ = r"(?:he|she|they|we|i|you|it|there)"
_DETERMINERS = r"(?:the|a|an|his|her|their|its|our|this|that|these|those|many|some|most|several|other|both)"
_FINITE = (
    r"(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|did|does|do|"
    r"isn’t|isn't|wasn’t|wasn't|won’t|won't|didn’t|didn't|doesn’t|doesn't|"
    r"[a-z]+ed|" + _REPORT_VERBS + ")"
)
# A new subject with its verb: ", and he", ", and the group said", ", and Trump has".
# The subject is required, so a shared-subject verb phrase (", and wrote ...") is not cut off.
_NEW_CLAUSE = (
    rf"(?:{_PRONOUN_SUBJ}\b"
    rf"|{_DETERMINERS}\s+(?:[\w’'\-]+\s+){{1,3}}?{_FINITE}\b"
    rf"|(?-i:[A-Z][\w’'.\-]*\s+)(?:(?-i:[A-Z][\w’'.\-]*)\s+){{0,3}}{_FINITE}\b)"
)

# Clause boundaries; each match is the separator, which belongs to neither side.  Every
# pattern starts at a punctuation mark or a conjunction, which keeps the scan fast.
_BOUNDARY = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (
            r";\s*(?:however,?\s+)?",  # semicolon
            r":\s+",  # colon: "He had one message: Y is a failure"
            r"(?<!\d)[—–]\s*|(?<=\s)--?\s+",  # a single dash (not a range: 2010–2012)
            # contrast with a subject of its own; without one ("X won, but lost Y") the
            # subject is shared and the clause is still about it
            r",\s+(?:but|yet)\s+(?=" + _NEW_CLAUSE + ")",
            r",\s+(?:while|whereas|although|though|even\s+though|even\s+as|even\s+if|despite"
            r"|except\s+that|unless|because|as\s+opposed\s+to)\s+",  # contrast, concession, cause
            r",\s+(?:and|or|so)\s+(?=" + _NEW_CLAUSE + ")",  # coordination with a new subject
            r",\s+according\s+to\s+",  # "..., according to X"
            # a trailing attribution without quote marks: "..., the spokesman said on Monday."
            r",\s+(?=(?:[\w’'.\-]+\s+){1,6}?(?:" + _REPORT_VERBS + r")\b(?:\s+[\w’'.\-]+){0,8}\W*$"
            r"|(?:" + _REPORT_VERBS + r")\s+(?:[\w’'.\-]+\s+){0,6}?[\w’'.\-]+\W*$)",
        )
    ),
    re.IGNORECASE,
)
_BARE_CONTRAST = re.compile(
    r"(?<=\s)(?:but|whereas|although|even\s+though)\s+(?=" + _NEW_CLAUSE + ")", re.IGNORECASE
)
# Reported speech: in "X claimed Monday that Y collapsed" the content clause is about Y, not X.
_THAT = re.compile(r"\sthat\s+", re.IGNORECASE)
_REPORT_SET = frozenset(_REPORT_VERBS.split("|"))
# A subordinate clause opening the sentence ends at its first comma.
_LEAD_SUBORDINATE = re.compile(
    r"^[\s“\"‘']*(?:although|though|while|whereas|despite|after|before|when|because|since|if|unlike"
    r"|even\s+though|even\s+as|even\s+if|once|until|as|whether|in\s+contrast\s+to|according\s+to)\b"
    r"[^,;:]*?(?P<cut>,\s*)",
    re.IGNORECASE,
)
# Asides: relative clauses set off by a comma, parentheses, a pair of dashes.
_RELATIVE = re.compile(
    r",\s+(?:who|whom|whose|which|where)\b[^,;:()“”\"]*?(?=,|;|:|$|[.!?]\s*$)", re.IGNORECASE
)
_PAREN = re.compile(r"\([^()]*\)")
_DASH_PAIR = re.compile(r"\s[—–]\s*[^—–;]{1,120}?\s*[—–]\s|(?<=\w)—[^—–;\s][^—–;]{0,118}?—(?=\w)")
# Between a mention and the aside about it: the rest of the name ("Ayatollah| Khamenei, who").
_ATTACHED = re.compile(r"(?:[’']s)?(?:\s+[A-Z][\w’'.\-]*)*\s*,?\s*")
_QUOTE_PAIR = re.compile(r"“[^“”]*”|\"[^\"]*\"")
_MIN_QUOTE_WORDS = 4  # shorter quotations ("a “disaster”") are part of the narration


def _words(text: str) -> int:
    return len(_W.findall(text))


def _quote_units(sentence: str) -> list[tuple[int, int]]:
    """Quotations that stand apart from their attribution, as (start, end) of their content.

    A quotation counts when it has a few words and opens the sentence or
    follows a comma, colon or dash; a sentence cut out of a longer quotation
    has only one mark, and runs to or from it.
    """
    spans = [(m.start() + 1, m.end() - 1) for m in _QUOTE_PAIR.finditer(sentence)]
    if not spans:
        close, opn = sentence.rfind("”"), sentence.find("“")
        if close > 0 and (opn < 0 or opn > close):
            spans.append((0, close))
        elif opn >= 0 and close < opn:
            spans.append((opn + 1, len(sentence)))
    out = []
    for s, e in spans:
        before = sentence[:s].rstrip("“\"‘ ")
        if _words(sentence[s:e]) >= _MIN_QUOTE_WORDS and (not before or before[-1] in ",:;—–"):
            out.append((s, e))
    return out


def _asides(sentence: str) -> list[tuple[int, int]]:
    found = [m.span() for rx in (_PAREN, _RELATIVE, _DASH_PAIR) for m in rx.finditer(sentence)]
    return sorted(a for a in found if _words(sentence[a[0] : a[1]]) >= 2)


def _separators(sentence: str, masked: str) -> list[tuple[int, int]]:
    """Separator spans (start, end) at clause boundaries, merged and in order."""
    seps = [m.span() for m in _BOUNDARY.finditer(masked)]
    seps += [m.span() for m in _BARE_CONTRAST.finditer(masked)]
    for m in _THAT.finditer(masked):
        # a reporting verb up to three words before "that": "said", "told reporters", "claimed Monday"
        if any(w.lower() in _REPORT_SET for w in masked[max(0, m.start() - 60) : m.start()].split()[-4:]):
            seps.append(m.span())
    m = _LEAD_SUBORDINATE.match(masked)
    if m and _words(masked[: m.start("cut")]) >= 2:
        seps.append(m.span("cut"))
    for s, e in _quote_units(sentence):
        seps += [(s, s), (e, e)]
    seps.sort()
    merged: list[tuple[int, int]] = []
    for s, e in seps:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _mask(sentence: str, spans: list[tuple[int, int]]) -> str:
    """Hide the words of `spans` from the boundary rules, keeping offsets."""
    chars = list(sentence)
    for s, e in spans:
        for i in range(s, e):
            if not chars[i].isspace():
                chars[i] = "x"
    return "".join(chars)


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r" (?=[,.;:!?)\]])", "", text)
    text = text.strip(" ,;:—–-”“\"")
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    return text


def target_context(sentence: str, start: int, end: int) -> str:
    """The clause of `sentence` that is about the mention at [start, end).

    Tone toward an actor is carried by the clause it sits in, not by the whole
    sentence: in "X praised Y, but Z attacked him" the mention of Z is about
    "Z attacked him".  The sentence is cut at semicolons, colons, dashes,
    contrast and concession conjunctions (", but Z", ", while", ", although"),
    a coordinated clause with a subject of its own (", and the group said"), an
    opening subordinate clause ("Although X ..., Y ..."), reported speech
    ("X said that | Y ...") and between a quotation and its attribution, so
    the speaker of a quote gets "X said", not the quote.  Asides (relative
    clauses, parentheses, paired dashes) belong to a mention inside them or
    right before them, and are left out for the others.  Sentences under
    `SHORT_SENTENCE_WORDS` words are kept whole, and a clause under
    `MIN_CLAUSE_WORDS` words takes its neighbour in.

    Scored with VADER, these clauses match NewsMTSC's target-level labels
    better than whole sentences (macro-F1 0.49 -> 0.53 on devtest_mt, 0.52 ->
    0.55 on train when written; tests/test_targets.py guards the gain).
    """
    if not sentence:
        return ""
    start = max(0, min(start, len(sentence)))
    end = max(start, min(end, len(sentence)))
    if _words(sentence) < SHORT_SENTENCE_WORDS:
        return _clean(sentence) or sentence
    lo, hi, drop = _context_bounds(sentence, start, end)
    pieces = []
    pos = lo
    for s, e in drop:
        if s >= pos:
            pieces.append(sentence[pos:s])
            pos = e + 1 if sentence[e : e + 1] == "," and sentence[s : s + 1] == "," else e
    pieces.append(sentence[pos:hi])
    return _clean(" ".join(p.strip() for p in pieces if p.strip())) or _clean(sentence) or sentence


def _context_bounds(sentence: str, start: int, end: int) -> tuple[int, int, list[tuple[int, int]]]:
    """(lo, hi, asides to leave out) of the clause about the mention at [start, end)."""
    asides = _asides(sentence)
    for s, e in asides:
        if s <= start and end <= e and _words(sentence[s:e]) > MIN_CLAUSE_WORDS:
            return s, e, []  # a mention inside an aside: the aside is about it
    masked = _mask(sentence, asides)
    bounds = [0]
    for s, e in _separators(sentence, masked):
        if 0 < s and e < len(sentence):
            bounds += [s, e]
    bounds.append(len(sentence))
    clauses = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    first = min(start, len(sentence) - 1)
    hit = [i for i, (a, b) in enumerate(clauses) if a < max(end, first + 1) and first < b]
    if not hit:  # the mention sits on a separator: the whole sentence
        return 0, len(sentence), []
    left, right = hit[0], hit[-1]
    lo, hi = clauses[left][0], clauses[right][1]
    while _words(sentence[lo:hi]) < MIN_CLAUSE_WORDS and (left > 0 or right < len(clauses) - 1):
        if right < len(clauses) - 1:
            right += 1
        else:
            left -= 1
        lo, hi = clauses[left][0], clauses[right][1]
    drop = []
    for s, e in asides:
        if not (lo <= s and e <= hi) or (drop and s < drop[-1][1]):
            continue
        about = (s < end and start < e) or (s >= end and _ATTACHED.fullmatch(sentence, end, s) is not None)
        if not about:
            drop.append((s, e))
    return lo, hi, drop

"""Direct quotes without a reporting verb of their own, and quoted titles that are no quotes.

A dash credit ("― Ariana Huichapa"), a name and colon ("Trump: ‘…’"), or a name and a verb the
tagger read as a noun ("…,” Viguerie notes.") credit a quotation; a short quoted title ("the film
“Jaws”") is dropped. Split from `attribution` so each module keeps one concern.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from newstone.people.quotemarks import QuoteSpan
from newstone.people.reporting_verbs import SPEECH_LEMMAS, VERB_FORMS
from newstone.people.speakers import PRONOUNS, Speaker, speaker_of, strip_role

TITLE_WORDS = frozenset(
    "film movie book novel show series song album play documentary program programme episode "
    "titled entitled called dubbed named headlined magazine newspaper column hashtag slogan".split()
)


def is_title(text: str, q: QuoteSpan) -> bool:
    """A short quoted title or name: "the film “Jaws”", "a show called “Succession”", or a few
    Title Case words."""
    words = text[q.start : q.end].split()
    before = text[max(0, q.open - 30) : q.open].lower().replace(",", " ").split()
    if before and before[-1] in _NAMING and len(words) <= 20:
        return True  # "an article titled “Clinton Does Best Where Voting Machines Flunk …”"
    k = q.open
    while k > 0 and q.open - k < 8 and text[k - 1].isspace():
        k -= 1  # a few characters back, not the whole paragraph: dense quotes stay linear
    if q.close is not None and (k == 0 or text[k - 1] in "—–-•:") and _BYLINE.match(text, q.outer_end):
        return True  # —"Posthumous books could come with a lot of dollar signs," by the Globe's X
    if len(words) > 8:
        return False
    caps = [w for w in words if w[:1].isalpha()]
    title_case = len(caps) >= 1 and all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in caps)
    if before and before[-1] in TITLE_WORDS and (title_case or len(words) <= 3):
        return True
    return len(words) <= 6 and len(caps) >= 2 and title_case


_NAMING = frozenset("titled entitled headlined".split())
_BYLINE = re.compile(r"\s*,?\s*by\s+[A-Z]")  # a piece's title followed by its byline
_SMALL_WORDS = frozenset("of the a an and in on to for with at by from".split())


def dash_credit(text: str, q: QuoteSpan, chunks: list[tuple[int, Any]]) -> Speaker | None:
    """A dash credit after the quotation: "… ” ― Ariana Huichapa"."""
    if q.close is None:
        return None
    rest = text[q.outer_end : q.outer_end + 4].lstrip()
    if not rest or rest[0] not in "―—–-":
        return None
    found = token_at(chunks, q.outer_end + text[q.outer_end :].index(rest[0]) + 1)
    if found is None:
        return None
    tok = found[1]
    spk = speaker_of(tok.head if tok.dep_ in ("compound", "flat") else tok)
    return spk if spk is not None and spk.kind in ("person", "group") else None


_PRONOUNS = PRONOUNS | {"this", "that", "there"}
_NAME_VERB = re.compile(r"[,\s]*(the\s+)?((?:[A-Z][\w’'.\-]*\s+){0,3}[A-Z][\w’'\-]*)\s+([a-z]+)"
                        r"(?:\s*[.,;]|\s+(?:in|on|at|to|during|after|before)\b)")


def tagged_as_noun(text: str, q: QuoteSpan) -> Speaker | None:
    """ "…,” Viguerie notes." or "…,” the Saudis state in the white paper" where the tagger read
    the verb as a noun: a capitalised name and a reporting verb form right after the closing
    mark still credit the quote ("the" before the name makes it a group)."""
    if q.close is None:
        return None
    m = _NAME_VERB.match(text, q.outer_end, q.outer_end + 80)
    if m is None or m.group(3) not in VERB_FORMS or VERB_FORMS[m.group(3)] not in SPEECH_LEMMAS:
        return None
    if m.group(2).lower() in _PRONOUNS or text[q.start : q.close].rstrip().endswith("."):
        return None  # "He added," after a full stop opens the next sentence, about the next quote
    return Speaker(m.group(2), "group" if m.group(1) else "person", plural=bool(m.group(1)) and m.group(2).endswith("s"))


_LAST_SENTENCE = re.compile(r"(?<=[.!?”\"’'])\s+")


def name_before_colon(text: str, q: QuoteSpan, chunks: list[tuple[int, Any]]) -> Speaker | None:
    """ "Trump: ‘I’m the worst thing …’" (headlines, transcripts): a short name and a colon open
    the paragraph, or a sentence of it ("Clinton: “…” Bush: “…”"), right before the quotation."""
    before = text[: q.open]
    lead = _LAST_SENTENCE.split(before)[-1].strip()
    words = lead[:-1].split()
    if not lead.endswith(":") or not 1 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return None
    found = token_at(chunks, before.rindex(lead))
    if found is None:
        return None
    tok = found[1]
    spk = speaker_of(tok.head if tok.dep_ in ("compound", "flat") else tok)
    return spk if spk is not None and spk.kind in ("person", "group") else None


def token_at(chunks: list[tuple[int, Any]], pos: int) -> tuple[int, Any] | None:
    """(window offset, first non-blank token at or after paragraph offset `pos`) in that window."""
    k = bisect.bisect_right([off for off, _ in chunks], pos) - 1
    if k < 0:
        return None
    offset, doc = chunks[k]
    for tok in doc[max(0, _first_at(doc, pos - offset)) :]:
        if not tok.is_space and not tok.is_punct:
            return offset, tok
    return None


def _first_at(doc: Any, char: int) -> int:
    """Index of the first token starting at or after character `char` of the window."""
    span = doc.char_span(char, len(doc.text), alignment_mode="expand")
    return span.start if span is not None else len(doc)


_CREDIT_LINE = re.compile(r"\s*[―—–-]+\s*((?:[A-Z][\w’'.\-]*\s*){1,4})\.?\s*")


def credit_line(text: str) -> Speaker | None:
    """A paragraph that is only a dash and a name ("- Clinton."), crediting the quotation in the
    paragraph before it (fact checks and quote round-ups print them so)."""
    m = _CREDIT_LINE.fullmatch(text)
    if m is None:
        return None
    words, _ = strip_role(m.group(1).strip().rstrip(".").split())
    return Speaker(" ".join(words), "person", named=True) if words else None

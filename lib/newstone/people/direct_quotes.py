"""Direct quotes tied to the reporting verb that introduces them.

A quotation takes the cue the parse links to it, else the nearest speech verb in narration right
before or just after it; with none, a dash credit, a name and colon, or a narration clause it is
part of. Titles and scare quotes are dropped. Split from `attribution` (cues and reported speech)
so each module keeps one concern.
"""

from __future__ import annotations

import bisect
from typing import Any

from newstone.people.attribution import Cue, Item, cue_text, hypothetical
from newstone.people.subjects import subject_of
from newstone.people.credits import dash_credit, is_title, name_before_colon, tagged_as_noun, token_at
from newstone.people.quotemarks import QuoteSpan
from newstone.people.reporting_verbs import SPEECH_LEMMAS
from newstone.people.speakers import is_animate, speaker_of

_COPULAS = frozenset("be is are was were been being 's seem seems seemed remain remains remained become becomes became".split())
_REACH = 600  # characters around a quotation where its reporting verb may stand
_AFTER_TOKENS = 8  # a post-posed "…,” the minister said on Monday" stays this close


def _linked(cue: Cue, q: QuoteSpan, offset_of: dict[int, int]) -> bool:
    """The parse ties the verb to the quotation: one is an ancestor of the other's tokens."""
    verb = cue.verb
    off = offset_of[id(verb.doc)]
    lo, hi = q.open, q.outer_end
    inside = lambda t: lo <= off + t.idx < hi  # noqa: E731
    for anc in verb.ancestors:
        if inside(anc):
            return True
    return any(inside(t) for child in verb.children if child.dep_ in ("ccomp", "dobj", "parataxis", "xcomp", "oprd", "acomp")
               for t in (child, *child.subtree))


def _said_by_the_quoted(cue: Cue, q: QuoteSpan, offset_of: dict[int, int]) -> bool:
    """ "a “chief trade prosecutor” who reports to the president": the verb's subject is the quoted
    noun itself, so the quotation is not its words."""
    off = offset_of[id(cue.verb.doc)]
    return _quoted_antecedent(cue.speaker, lambda t: q.open <= off + t.idx < q.outer_end)


def _quoted_antecedent(subject: Any, inside: Any) -> bool:
    """A relative "who"/"which" whose noun is inside the quotation (`inside` tells a token in it)."""
    return subject.lower_ in ("who", "which", "that") and subject.head.dep_ == "relcl" and inside(subject.head.head)


def _near(cue: Cue, q: QuoteSpan, nxt_open: int, prev_close: int, text: str) -> int | None:
    """How near a verb in narration stands to the quotation (None: too far or beyond a sentence)."""
    if q.close is not None and q.outer_end <= cue.pos < nxt_open:
        between = text[q.outer_end : cue.pos]
        if len(between.split()) <= _AFTER_TOKENS and not _ends_sentence(between):
            if not _closes_sentence(text, q):
                return len(between)
            if _bare_credit(cue, between, text):
                return len(between) + 500  # "“… are missing.” Trump said.": a full stop for a comma
    if prev_close <= cue.pos < q.open:
        between = text[cue.pos : q.open]
        if not _ends_sentence(between[:-1]) and len(between.split()) <= 12:
            return len(between) + 1000
        if between.rstrip().endswith(":") and not _ends_sentence(between) and len(between.split()) <= 40:
            return len(between) + 2000  # "X said Y was …, adding: “…”": the colon hands over
    return None


def _bare_credit(cue: Cue, between: str, text: str) -> bool:
    """A sentence that only says who spoke ("Trump said." / "Smith told CNN on Sunday."), right
    after a quotation: it credits that quotation, whatever the punctuation before it."""
    if cue.content is not None or cue.speaker is None or cue.lemma not in SPEECH_LEMMAS or len(between.split()) > 4:
        return False
    rest = text[cue.pos : cue.pos + 80]
    end = min((i for i in (rest.find(". "), rest.find(".\n"), len(rest) - 1 if rest.endswith(".") else -1) if i >= 0), default=-1)
    return end >= 0 and len(rest[:end].split()) <= 6 and not any(m in rest[:end] for m in "“”\"‘:")


def _closes_sentence(text: str, q: QuoteSpan) -> bool:
    """ "“… political campaign.” Ohio Gov. John Kasich said he …": a quotation ending in a full stop
    ends its sentence, so the verb after it opens another ("…,” he said" takes a comma)."""
    inner = text[q.start : q.close].rstrip()
    return inner.endswith(".") and not inner.endswith("..") and text[q.outer_end : q.outer_end + 1] != ","


def _ends_sentence(narration: str) -> bool:
    """A sentence ends inside this stretch of narration ("Ms." and "U.S." do not end one)."""
    for word in narration.split():
        if word[-1:] in "!?" or (word[-1:] == "." and len(word) > 4 and word.count(".") == 1):
            return True
    return False


def direct_items(pi: int, text: str, spans: list[QuoteSpan], cues: list[Cue],
                 chunks: list[tuple[int, Any]]) -> tuple[list[Item], set[int]]:
    """Direct quotes with the cue that introduces them; titles and scare quotes dropped."""
    offset_of = {id(doc): off for off, doc in chunks}
    positions = [c.pos for c in cues]
    items, used = [], set()
    for k, q in enumerate(spans):
        nxt_open = spans[k + 1].open if k + 1 < len(spans) else len(text)
        prev_close = spans[k - 1].outer_end if k else 0
        best, best_rank = None, None
        lo_c = bisect.bisect_left(positions, q.open - _REACH)
        hi_c = bisect.bisect_right(positions, q.outer_end + _REACH)
        for ci in range(lo_c, hi_c):
            cue = cues[ci]
            if cue.speaker is None or (cue.lemma == "call" and _scare(text, q)) or (
                    cue.lemma not in SPEECH_LEMMAS and hypothetical(cue.verb)) or _said_by_the_quoted(cue, q, offset_of):
                continue  # "called the report a “piece of junk”" is the caller's label, not a quote
            rank = _near(cue, q, nxt_open, prev_close, text)
            if _linked(cue, q, offset_of) and (rank is not None or _same_sentence(cue, q, offset_of)
                                                and not _sentence_between(cue, q, text)):
                # linked only: the verb nearest the quotation is the one that introduces it
                rank = -1 - 1 / (1 + abs(q.open - cue.pos)) if rank is None else rank - 10_000
            if rank is not None and cue.lemma not in SPEECH_LEMMAS:
                rank += 5_000  # belief verbs introduce quotes only when no speech verb does
            if rank is not None and (best_rank is None or rank < best_rank):
                best, best_rank = ci, rank
        if best is None:
            best = _intro_before(q, cues, used, prev_close, bisect.bisect_left(positions, q.open) - 1)
        credit = (dash_credit(text, q, chunks) or name_before_colon(text, q, chunks) or tagged_as_noun(text, q)) if best is None else None
        governing = None
        if best is None and credit is None:
            governing = _colon_sentence(q, text, chunks)
        if best is None and credit is None and governing is None and len(text[q.start : q.end].split()) >= 4:
            governing = _governing_cue(q, chunks)  # shorter ones are scare quotes ("a “disaster”")
        if is_title(text, q) or (best is None and credit is None and governing is None and q.chain is None and _scare(text, q)):
            continue
        if best is not None:
            used.add(best)
        cue = cues[best] if best is not None else governing
        items.append(Item(pi, q.start, q.end, "direct", cue, q, credit=credit))
    return items, used


def _governing_cue(q: QuoteSpan, chunks: list[tuple[int, Any]]) -> Cue | None:
    """Quoted words that are part of a narration clause ("The ad targets a “corrupt system”",
    "Clinton called it “a crucial step”") are the words of that clause's subject."""
    found = token_at(chunks, q.start)
    if found is None:
        return None
    offset, tok = found
    inside = lambda t: q.open <= offset + t.idx < q.outer_end  # noqa: E731
    if not inside(tok):
        return None
    while tok.head.i != tok.i and inside(tok.head):
        tok = tok.head
    for _ in range(3):
        head = tok.head
        if head.i == tok.i or inside(head):
            return None
        if head.pos_ in ("VERB", "AUX"):
            subject = subject_of(head)
            if subject is not None and _quoted_antecedent(subject, inside):
                return None  # "a “chief trade prosecutor” who reports …": the quoted words' own noun
            if subject is None or inside(subject) or subject.lower_ in ("it", "this", "that", "there", "him", "them", "me", "us"):
                return None  # “Succession” won: the quoted words are a name, not speech
            if head.lower_ in _COPULAS and not is_animate(speaker_of(subject)):
                # "Rubio's catch phrase was that “…”" is Rubio's; "the only explanation must be
                # “a bombshell”" is no one's
                subject = next((c for c in subject.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
                if subject is None:
                    return None
            return Cue(head, subject, None, cue_text(head), offset + head.idx)
        tok = head
    return None


def _colon_sentence(q: QuoteSpan, text: str, chunks: list[tuple[int, Any]]) -> Cue | None:
    """ "McConnell delivered a blunt message to Trump: “It's time to …”": a narration clause
    ending in a colon right before the quotation hands it to that clause's subject."""
    before = text[: q.open].rstrip()
    if not before.endswith(":"):
        return None
    colon = len(before) - 1
    k = bisect.bisect_right([off for off, _ in chunks], colon) - 1
    if k < 0:
        return None
    offset, doc = chunks[k]
    tok = next((t for t in doc if offset + t.idx == colon), None)
    if tok is None:
        return None
    if tok.i == 0:
        return None
    # the clause's verb: the highest verb over the word before the colon that stands before it
    # (the parser may hang the narration on the quotation's own verb)
    chain = [doc[tok.i - 1], *doc[tok.i - 1].ancestors]
    verbs = [t for t in chain if t.i < tok.i and t.pos_ in ("VERB", "AUX")]
    if not verbs:
        return None
    root = verbs[-1]
    subject = subject_of(root)
    if subject is None or subject.i > tok.i or not is_animate(speaker_of(subject)):
        return None
    return Cue(root, subject, None, cue_text(root), offset + root.idx)


def _intro_before(q: QuoteSpan, cues: list[Cue], used: set[int], prev_close: int, ci: int) -> int | None:
    """A speech verb that reported nothing ("Clinton said in a speech on Thursday.") introduces
    the quotation right after it; `ci` is the last cue before the quotation."""
    if ci < 0:
        return None
    cue = cues[ci]
    if cue.pos < prev_close or ci in used:
        return None
    if cue.content is None and cue.speaker is not None and cue.lemma in SPEECH_LEMMAS \
            and cue.verb.dep_ in ("ROOT", "conj", "ccomp", "parataxis", "advcl"):
        return ci  # a main verb; "polls continuing to show ..." introduces nothing
    return None


def _sentence_between(cue: Cue, q: QuoteSpan, text: str) -> bool:
    """A sentence of narration ends between a verb and the quotation after it (the parser's
    sentence can run on over a full stop)."""
    return cue.pos < q.open and _ends_sentence(text[cue.pos : q.open])


def _same_sentence(cue: Cue, q: QuoteSpan, offset_of: dict[int, int]) -> bool:
    sent = cue.verb.sent
    off = offset_of[id(cue.verb.doc)]
    return off + sent.start_char < q.outer_end and q.open < off + sent.end_char


def _scare(text: str, q: QuoteSpan) -> bool:
    """A few quoted words with no speaker: a scare quote or a name, not a statement."""
    return len(text[q.start : q.end].split()) < 5

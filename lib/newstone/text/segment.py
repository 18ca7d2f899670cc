"""Rule-based English sentence segmentation for news text.

Tone is scored per sentence, so every downstream number depends on where the
sentences are cut.  Trained segmenters (Punkt) stumble on the abbreviations,
quotes and lists that news is full of; pySBD gets most of them right but is
far too slow for corpora of millions of sentences.  This module follows the
same rules (the "golden rules" of the Pragmatic Segmenter) with one compiled
regex pass over the text and a few dictionary lookups per candidate boundary,
using only the standard library.  See benchmarks/SEGMENTATION.md.

How a boundary is decided
-------------------------
A *candidate* is a run of terminal punctuation (``.``, ``!``, ``?``, ``…``, or a
spaced ellipsis ``. . .``), the closing quotes/brackets glued to it, and
whitespace after it.  The word the punctuation is glued to (the *token*) and
the word that follows decide:

* a following lowercase word never starts a sentence (``“Why?” she asked.``),
  nor does a capitalised speaker + speech verb after a quoted ``?``/``!``;
* otherwise ``?`` and ``!`` end the sentence;
* titles (``Mr.``, ``Gen.``, ``Sen.``, ...) and ``e.g.``/``i.e.``/``vs.`` never do;
* abbreviations that may end a sentence (``U.S.``, ``Inc.``, ``Jr.``, initials)
  only do before a common sentence starter (``The``, ``He``, ``But``, ...),
  because a following name is the usual case (``U.S. Senate``, ``George W.
  Bush``); ``a.m.``/``p.m.``/``etc.`` end before any capital except a day,
  month or time zone (``5 p.m. Monday``);
* an unspaced ellipsis ends a sentence before a capital; a spaced ``. . .``
  marks an omission inside a quotation and only ends one as ``. . . .``;
* any other word ending in a period ends the sentence before a capital, a
  digit or a symbol.

Layout adds boundaries that punctuation cannot: blank lines, line breaks after
unpunctuated lines (headings, list items), bullets, and numbered or lettered
list markers (``1. ... 2. ...``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - import only for the annotation
    import pandas as pd

from newstone.text.segment_words import (
    _ANY_CAPITAL,
    _ANY_TITLES,
    _BANG_NAMES,
    _CLOSERS,
    _CONTINUATION_END,
    _CONTINUING_WORDS,
    _COURTESY_TITLES,
    _KIND_CI,
    _KIND_CS,
    _LINE_BULLETS,
    _LONG_LINE,
    _MAX_ITEM,
    _MIDLINE_BULLETS,
    _MIN_WORDS_BEFORE_TITLE,
    _NEVER,
    _NUMBER_WORD,
    _PLAIN,
    _QUOTES_CLOSE,
    _SPEECH_VERBS,
    _STARTERS,
    _TERMINAL,
    _TIME_WORDS,
    _TOKEN_LEAD,
    _lookup,
)

__all__ = ["sentence_spans", "split_sentences", "spans_and_sentences", "segment_paragraphs"]


# ---------------------------------------------------------------------------
# Regexes.
# ---------------------------------------------------------------------------

# The events of the single scanning pass (their plain definition: the pass runs
# _FAST_SCAN below, which finds the same ones faster).  Three kinds, in text order:
#   * a candidate boundary: the terminal cluster (including spaced ellipses
#     ". . . ."), closing quotes/brackets, and a lookahead capturing the
#     whitespace, any opening quotes/brackets and the next word (the token
#     *before* the cluster is found with str.rfind, which is far cheaper than
#     letting the regex try every word start);
#   * a line break, with the whitespace after it;
#   * a bullet that opens an item mid-line ("• 9. The first item • 10. ...").
_SCAN = re.compile(
    r"""
    (?P<term>[.!?…‽]+(?:[ \u00a0]\.(?=[.\s"'”’)\]]|\Z)[.!?…]*)*)
    (?P<close>["'”’»)\]}]*)
    (?=(?P<ws>\s+)(?P<op>["'“‘«(\[{¿¡]*)(?P<nw>[^\W\d_]*)|\Z)
    |
    \n\s*
    |
    (?<!\S)[""" + _MIDLINE_BULLETS + r"""](?=\s|\d)
    """,
    re.VERBOSE,
)
# _SCAN as the pass runs it: the same matches, written to open with one character class
# (the first character of each kind of event) so that the regex engine skips ahead to the
# next such character in C instead of trying three alternatives, one with a lookbehind, at
# every position (90 % of the time on news paragraphs). Lookbehinds tell the kinds apart;
# the terminal cluster is text[start:start("close")]. tests/test_segment.py checks that
# both give the same events on fixtures, the golden rules and random text.
_FAST_SCAN = re.compile(
    r"""
    [.!?…‽\n""" + _MIDLINE_BULLETS + r"""]
    (?:
    (?<=[.!?…‽])[.!?…‽]*(?:[ \u00a0]\.(?=[.\s"'”’)\]]|\Z)[.!?…]*)*
    (?P<close>["'”’»)\]}]*)
    (?=(?P<ws>\s+)(?P<op>["'“‘«(\[{¿¡]*)(?P<nw>[^\W\d_]*)|\Z)
    |
    (?<=\n)\s*
    |
    (?<=[""" + _MIDLINE_BULLETS + r"""])(?<!\S[""" + _MIDLINE_BULLETS + r"""])(?=\s|\d)
    )
    """,
    re.VERBOSE,
)
_CAMEL = re.compile(r"[a-z]+[A-Z]")
_WORD_CHAR = re.compile(r"\w")
_EMOJI = (
    r"(?:[:;=8][-o*']?[)\](\[dDpP/\\|@3]+|<3+|\^_*\^"  # :-) ;P <3 ^_^
    r"|[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]+)"  # emoji
)
_EMOTICON = re.compile(_EMOJI + r"(?:[ \t]+" + _EMOJI + r")*(?=\s|\Z)")
_DASH_THEN_LOWER = re.compile(r"[-–—]+\s*[a-z]")
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,4}(?:" + "|".join(_SPEECH_VERBS.split()) + r")\b"
)
_ITEM_VALUE = r"(?:\d{1,3}|[A-Za-z]|[ivxIVX]{2,5})"
# A list marker right after a boundary: "a. ", "b) ", "(ii) ", "2.) ".
_MARKER_AHEAD = re.compile(
    r"(?:\(" + _ITEM_VALUE + r"\)|" + _ITEM_VALUE + r"(?:\.\)|[.)]))\s"
)
# A sentence or line that opens a numbered/lettered list: "1. ", "1) ", "(a) ",
# "• 9. ".  Roman numerals count as markers but are not followed as sequences.
_LIST_START = re.compile(
    r"\s*(?:[" + re.escape(_LINE_BULLETS) + r"]\s*)?(?P<paren>\()?"
    r"(?P<val>\d{1,2}|[A-Za-z]|[ivxIVX]{2,5})(?P<delim>\.\)|[.)])\s"
)
_ITEM_PREFIX = r"(?<!\S)(?:[" + re.escape(_LINE_BULLETS) + r"]\s*)?"

# Token kinds, see _lookup.

def _list_cuts(text: str, pos: int = 0) -> list[int]:
    """Cut before each further item of a list whose first marker is at pos.

    Items must be numbered consecutively in the same style ("1." then "2.",
    "a)" then "b)"), so "rose 2. The" in prose does not start one.
    """
    head = text[pos : pos + 7]  # a marker's "." or ")" comes within 7 characters unless space or a bullet leads
    if "." not in head and ")" not in head and not (head[:1].isspace() or head[:1] in _LINE_BULLETS):
        return []
    m = _LIST_START.match(text, pos)
    if m is None:
        return []
    val = m["val"]
    if len(val) > 1 and not val.isdigit():
        return []  # roman numerals: too ambiguous to follow
    if val.isupper() and m["delim"] == "." and not m["paren"]:
        return []  # "A. Smith, B. Jones": initials, not a list
    delim, paren = re.escape(m["delim"]), r"\(" if m["paren"] else ""
    cuts = []
    pos = m.end()
    while True:
        if val.isdigit():
            val = str(int(val) + 1)
        elif val in "zZ":
            break
        else:
            val = chr(ord(val) + 1)
        item = re.compile(_ITEM_PREFIX + paren + val + delim + r"\s")
        nxt = item.search(text, pos, pos + _MAX_ITEM)
        if nxt is None:
            break
        cuts.append(nxt.start())
        pos = nxt.end()
    return cuts


def _line_break_cut(text: str, start: int, end: int, soft: bool) -> bool:
    """Decide whether a single line break ends a sentence.

    text[start:end] is the whitespace around it; soft means the line ended in
    spaces, the mark of soft-wrapped (PDF, e-mail) text.  A line without
    terminal punctuation (heading, list item) ends a sentence unless the text
    visibly runs on; after terminal punctuation the punctuation rules decide.
    """
    if end >= len(text) or start == 0:
        return False
    nxt = text[end]
    if nxt in _LINE_BULLETS or _LIST_START.match(text, end):
        return True
    prev = text[start - 1]
    if prev in _TERMINAL:
        return False
    if prev in _CLOSERS:
        i = start - 1
        while i > 0 and text[i] in _CLOSERS:
            i -= 1
        if text[i] in _TERMINAL:
            return False
    if prev in _CONTINUATION_END:
        return False
    last = text[max(0, start - 12) : start].rsplit(None, 1)
    if last and last[-1] in _CONTINUING_WORDS:
        return False
    if nxt.isupper():
        return True
    if soft:
        return False
    if nxt.islower():
        # A short line before a lowercase one is a list ("features\ncontact
        # manager"); a long one is hard-wrapped prose.
        return start - (text.rfind("\n", 0, start) + 1) < _LONG_LINE
    return True


def _starts_item(text: str, sent_start: int, tok_start: int) -> bool:
    """True if only whitespace/bullets separate the sentence start from tok_start."""
    return tok_start - sent_start <= 8 and not text[sent_start:tok_start].strip(
        _LINE_BULLETS + " \t\r\n\u00a0("
    )


def _token_before(text: str, p: int) -> str:
    """The whitespace-delimited token ending at offset p (at most 64 chars)."""
    lo = p - 64 if p > 64 else 0
    j = text.rfind(" ", lo, p)
    tok = text[j + 1 if j >= 0 else lo : p]
    if not tok.isprintable():  # a newline, tab or no-break space inside
        tok = "" if tok[-1].isspace() else tok.split()[-1]
    return tok


def _boundaries(text: str) -> list[int]:
    """Sorted cut offsets; sentences are the stripped text between them."""
    pending = _list_cuts(text)  # cuts before further items of a list
    listed = bool(pending)
    li = 0
    n_text = len(text)
    cuts: list[int] = []
    last = 0  # start of the current sentence
    lookup, token_before, starters = _lookup, _token_before, _STARTERS
    kind_cs, kind_ci = _KIND_CS, _KIND_CI
    # Groups by number (close 1, ws 2, op 3, nw 4): a name costs a dictionary lookup per call.
    for m in _FAST_SCAN.finditer(text):
        p = m.start()
        if pending:
            while li < len(pending) and pending[li] <= p:
                if pending[li] > last:
                    last = pending[li]
                cuts.append(pending[li])
                li += 1
        if p < last:
            continue  # inside an emoticon already given to the previous sentence
        close_at = m.start(1)
        if close_at < 0:  # a line break or a bullet
            term = ws = nw = None
        else:
            ws = m.group(2)
            if ws is None:
                continue  # terminal punctuation at the end of the text: never a cut
            term = "." if close_at == p + 1 and text[p] == "." else text[p:close_at]
            nw = m.group(4)

        if term is None:  # layout event
            if text[p] == "\n":
                e = m.end()
                if text.count("\n", p + 1, e) == 0:  # a single line break
                    s = p - 1 if p and text[p - 1] == "\r" else p
                    soft = s > 0 and text[s - 1] in " \t\u00a0"
                    while s > 0 and text[s - 1] in " \t\r\f\v\u00a0":
                        s -= 1
                    if not _line_break_cut(text, s, e, soft):
                        continue
        else:
            if nw:
                c = nw[0]
                if c.islower():
                    if not nw.islower() and _CAMEL.match(nw) is not None:  # "iPhone", "eBay"
                        kind_next = "U"
                    # a marker is the whole word and a "." or ")" right after it
                    elif len(nw) <= 5 and text.startswith((".", ")"), m.end(4)) and _MARKER_AHEAD.match(text, m.end(2)):
                        kind_next = "L"  # "... Smith. a. here it is b. ..."
                    else:
                        continue  # a lowercase word continues the sentence
                elif c.isupper() or c.istitle():
                    kind_next = "U"
                else:
                    kind_next = "O"
            else:
                i = m.end(3)
                if i >= n_text:
                    continue  # only whitespace and openers follow
                c = text[i]
                if c.isdigit():
                    kind_next = "D"
                elif c in "-–—" and _DASH_THEN_LOWER.match(text, i):
                    continue  # "-- voila! -- you have cake"
                else:
                    kind_next = "O"

            cut = m.end()
            if term == ".":
                j = text.rfind(" ", p - 64 if p > 64 else 0, p)
                tok = text[j + 1 if j >= 0 else max(p - 64, 0) : p]
                if not tok.isprintable():  # a newline, tab or no-break space inside
                    tok = "" if tok[-1].isspace() else tok.split()[-1]
                tok_start = p - len(tok)
                tok = tok.lstrip(_TOKEN_LEAD)
                kind = kind_cs.get(tok)
                if kind is None:
                    kind = kind_ci.get(tok.lower())
                    if kind is None:
                        if len(tok) == 1 or "." in tok or "-" in tok:
                            kind = lookup(tok)
                        else:
                            kind = _PLAIN
                if kind == _NEVER:
                    continue
                if (
                    0 < len(tok) <= 4
                    and (tok.isdigit() or len(tok) == 1 or not tok.strip("IVXivx"))
                    and tok.isalnum()
                    and _starts_item(text, last, tok_start)
                ):
                    continue  # list marker: "1. The first item", "a. ...", "II. ..."
                if kind == _PLAIN:
                    if kind_next == "D" and not (tok.isalpha() or tok[-1:].isdigit()):
                        continue  # "N°. 1026"
                elif kind == _NUMBER_WORD:
                    if kind_next == "D":
                        continue  # "No. 5"
                elif kind_next == "U":
                    if nw in starters:
                        pass
                    elif kind == _ANY_CAPITAL and nw not in _ANY_TITLES:
                        if nw in _TIME_WORDS:
                            continue  # "5 p.m. Monday"
                    else:  # a title, or a capitalised word after "U.S."
                        if nw not in (_ANY_TITLES if kind == _ANY_CAPITAL else _COURTESY_TITLES):
                            continue  # "U.S. Senate", "George W. Bush"
                        before = text[max(last, tok_start - 80) : tok_start]
                        if len(before.split()) + 1 < _MIN_WORDS_BEFORE_TITLE:
                            continue  # "At 5 a.m. Mr. Smith went"
                elif kind_next != "L":
                    continue  # "Jan. 5", "Inc. (the"
            elif "?" in term or "!" in term or "‽" in term:
                if kind_next == "U":
                    close = m.group(1)
                    if close and close[-1] in _QUOTES_CLOSE:
                        if nw not in starters and _ATTRIBUTION.match(text, m.end(2)):
                            continue  # “Why?” Smith asked.
                    elif term == "!" and text.endswith(_BANG_NAMES, 0, p):
                        if nw not in starters:
                            continue  # "Yahoo! Finance"
            else:  # ellipses
                tok = token_before(text, p)
                if tok and tok[-1] in "[(":
                    continue  # "[...]" marks an omission, never a boundary
                if kind_next not in "UL":
                    continue
                if " " in term or "\u00a0" in term:
                    if term.count(".") < 4:
                        continue  # ". . ." inside a quotation
                    if tok:
                        # "compounds. . . . The": the period ends the sentence,
                        # the ellipsis opens the next one.
                        cut = p + 1
            if kind_next == "O" and "\n" not in ws:
                i = m.end(2)
                if m.end(3) == i:
                    e = _EMOTICON.match(text, i)
                    if e is not None:
                        cut = e.end()  # "We won! :)" keeps its emoticon
            if p - last <= 8 and _WORD_CHAR.search(text, last, p) is None:
                continue  # nothing but punctuation so far ("… Clinton said")
            p = cut
        # A boundary at p.
        cuts.append(p)
        last = p
        if nw is None or len(nw) < 2:  # the next sentence may open a list
            more = _list_cuts(text, p)
            if more:
                pending = sorted(set(pending[li:]).union(more))
                li = 0
                listed = True
    if listed:
        cuts = sorted(set(cuts).union(pending[li:]))
    return cuts


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of each sentence in ``text``.

    Offsets let callers map sentences back to the source (highlighting, quote
    attribution); whitespace between sentences belongs to no span, and every
    other character belongs to exactly one.
    """
    return spans_and_sentences(text)[0]


def split_sentences(text: str) -> list[str]:
    """Return the sentences of ``text``, stripped and in order.

    The unit tone is scored on; nothing but whitespace is dropped, so joining
    the result loses no words. Bulk scoring without actors needs no offsets, so
    none are built here.
    """
    sentences: list[str] = []
    a = 0
    cuts = _boundaries(text)
    cuts.append(len(text))
    for b in cuts:
        seg = text[a:b].strip()
        if seg:
            sentences.append(seg)
        a = b
    return sentences


def spans_and_sentences(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """`sentence_spans(text)` and `split_sentences(text)` from one pass (bulk scoring with actors needs both)."""
    spans: list[tuple[int, int]] = []
    sentences: list[str] = []
    a = 0
    cuts = _boundaries(text)
    cuts.append(len(text))
    for b in cuts:
        if text.startswith(" ", a):
            a += 1  # the space after a boundary: sliced off here, so lstrip usually copies nothing
        seg = text[a:b].lstrip()
        if seg:
            s = b - len(seg)
            seg = seg.rstrip()
            spans.append((s, s + len(seg)))
            sentences.append(seg)
        a = b
    return spans, sentences


def segment_paragraphs(paragraphs: list[str]) -> pd.DataFrame:
    """Segment a document's paragraphs into one tidy table.

    One row per sentence with its paragraph, its position in the whole
    document and its offsets within the paragraph, so later stages can join
    scores back to paragraphs and to the original text.
    """
    import pandas as pd

    para_idx: list[int] = []
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for p, para in enumerate(paragraphs):
        for s, e in sentence_spans(para):
            para_idx.append(p)
            texts.append(para[s:e])
            starts.append(s)
            ends.append(e)
    return pd.DataFrame(
        {
            "paragraph": pd.Series(para_idx, dtype="int64"),
            "sentence": pd.Series(range(len(texts)), dtype="int64"),
            "text": pd.Series(texts, dtype="object"),
            "start": pd.Series(starts, dtype="int64"),
            "end": pd.Series(ends, dtype="int64"),
        }
    )

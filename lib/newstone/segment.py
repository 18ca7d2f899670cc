"""Rule-based English sentence segmentation for news text.

Tone is scored per sentence, so every downstream number depends on where the
sentences are cut.  Trained segmenters (Punkt) stumble on the abbreviations,
quotes and lists that news is full of, and pySBD gets them right but is far too
slow for corpora of millions of sentences.  This module takes pySBD's rules
(the "golden rules") as the specification and implements them as one compiled
regex pass over the candidate boundaries plus a handful of dictionary lookups,
using only the standard library.

How a boundary is decided
-------------------------
A *candidate* is a run of terminal punctuation (``.``, ``!``, ``?``, ``…``, or a
spaced ellipsis ``. . .``), the closing quotes/brackets glued to it, and
whitespace or the end of the text after it.  The word the punctuation is glued
to ("the token") and the word that follows decide:

* a following lowercase word never starts a sentence (``“Why?” she asked.``);
* ``?`` / ``!`` otherwise end the sentence;
* titles (``Mr.``, ``Gen.``, ``Sen.``, ...) and ``e.g.``/``i.e.``/``vs.`` never do;
* abbreviations that may end a sentence (``U.S.``, ``p.m.``, ``Inc.``, ``Jr.``,
  initials, ...) only do when the next word is a common sentence starter
  (``The``, ``He``, ``But``, ...), because a following name is the usual case
  (``U.S. Senate``, ``George W. Bush``, ``5 p.m. Monday``);
* an unspaced ellipsis ends a sentence before a capital, a spaced ``. . .``
  marks an omission inside a quotation and only ends one as ``. . . .``;
* any other word ending in a period ends the sentence before a capital, digit
  or symbol.

Layout adds boundaries that punctuation cannot: blank lines, single line breaks
after unpunctuated lines (headings, list items), bullets, and numbered or
lettered list markers (``1. ... 2. ...``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - import only for the annotation
    import pandas as pd

__all__ = ["sentence_spans", "split_sentences", "segment_paragraphs"]

# ---------------------------------------------------------------------------
# Word lists.  Kept as plain data so the rules above stay readable.
# ---------------------------------------------------------------------------

# Never end a sentence: they announce a name or a continuation.
_NEVER_END_CI = frozenset(
    """
    mr mrs ms mx messrs mmes mme mlle dr drs prof profs gen gens sen sens rep reps
    gov govs lt col capt cmdr cmdt adm maj sgt cpl pvt brig rev revd hon pres supt
    det insp amb atty msgr fr
    e.g i.e cf viz vs v
    """.split()
)
# Case-sensitive never-end forms (the lowercase spelling is a word or a unit).
_NEVER_END_CS = frozenset("Mt Ft Cong Ald".split())

# May end a sentence; do so only before a sentence starter.
_MAY_END_CI = frozenset(
    """
    inc ltd co corp cos llc plc bros assn intl natl govt dept dist div est
    jr sr al approx appt apt ca circa esp incl misc nos vol vols pp ed eds
    fig figs hrs yrs mos mins secs lbs oz ft sq
    ave rd st blvd univ
    jan feb apr jun jul aug sep sept oct nov dec
    """.split()
)
# Capitalised forms only: months, weekdays, US states (AP style), numbering.
_MAY_END_CS = frozenset(
    """
    Mar Mon Tue Tues Thu Thur Thurs Fri
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich
    Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Tex Vt Va Wash Wis Wyo
    No Nos Sec Ch Op Hwy Rte Tel
    """.split()
)
# May end a sentence and nearly always do before any capitalised word.
_USUALLY_END_CI = frozenset(["etc"])

# Words that, capitalised after an ambiguous abbreviation, signal a new sentence
# (pySBD's idea, widened with the pronouns, determiners, conjunctions and
# adverbs that open news sentences).  Days, months and proper nouns are absent
# on purpose: "5 p.m. Monday", "U.S. Senate".
_STARTERS = frozenset(
    """
    A About Above According Across After Afterwards Again Against Ahead All
    Almost Along Already Also Although Always Among An And Another Any Anyone
    Anything Are Around As At Because Before Being Besides Both But By Can Could
    Despite Did Do Does During Each Earlier Either Even Eventually Every Everyone
    Few Finally For From Further Furthermore Given Had Has Have Having He
    Her Here Hers Herself Him Himself His How However I If In Indeed Instead Is
    It Its Just Last Later Let Like Many Maybe Meanwhile Might More Moreover
    Most Much Must My Neither Never Nevertheless Next No Nobody None Nor Not
    Nothing Now Of Often On Once One Only Or Other Others Otherwise Our Over
    Overall Perhaps Recently Since So Some Someone Something Sometimes
    Soon Still Such Than That The Their Them Then There Therefore These They
    This Those Though Thus To Together Too Two Three Four Five Six Seven Eight
    Nine Ten Unlike Until Upon Was We Were What Whatever When Whenever
    Where Whether Which While Who Whom Whose Why With Within Without Would Yes
    Yet You Your
    """.split()
)
# A courtesy title after an ambiguous abbreviation starts a new sentence if the
# words before could form one ("... at 6 p.m. Mr. Smith ..." but not "At 5 a.m.
# Mr. Smith ...").  Rank titles are absent: "U.S. Rep. Tom Cotton", "U.S. Gen.".
_TITLES_NEXT = frozenset("Mr Mrs Ms Mx Messrs Dr Prof".split())
_MIN_WORDS_BEFORE_TITLE = 4

# A line ending in one of these words continues on the next line (hard wrap).
_CONTINUING_WORDS = frozenset(
    """
    a an the of to and or but nor with for from by at in on into onto that which
    who whose whom his her their its our my your is are was were be been has have
    had as than if
    """.split()
)

_BULLETS = "•◦▪‣⁃●■►▸➢➤✓✔❖○□·"
_LINE_BULLETS = _BULLETS + "-*–—"
_OPENERS = "\"'“‘«([{¿¡"
_CLOSERS = "\"'”’»)]}"
_TERMINAL = ".!?…‽"
_CONTINUATION_END = ",;(&/-–—"
_TOKEN_LEAD = _OPENERS + _BULLETS + "-–—*"

# ---------------------------------------------------------------------------
# Regexes.
# ---------------------------------------------------------------------------

# The single scanning pass.  Three kinds of event, in text order:
#   * a candidate boundary: the terminal cluster (including spaced ellipses
#     ". . . ."), closing quotes/brackets, and a lookahead capturing the
#     whitespace and the next word (the token *before* the cluster is found
#     with str.rfind, far cheaper than letting the regex try every word start);
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
    (?<!\S)[•◦▪‣⁃●■►▸➢➤❖](?=\s|\d)
    """,
    re.VERBOSE,
)
_WORD_CHAR = re.compile(r"\w")
# A capitalised speaker and a speech verb after a closing quote.
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,4}(?:said|says|asked|asks|added|adds|told|tells|wrote|"
    r"writes|replied|replies|yelled|shouted|screamed|continued|explained|insisted|"
    r"noted|recalled|tweeted|declared|exclaimed|answered|responded|argued|warned|"
    r"cried|joked|quipped|wondered|demanded|urged|posted|chanted)\b"
)
_MULTI_PERIOD = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}\Z")
_CAMEL = re.compile(r"[a-z]+[A-Z]")
_EMOTICON = re.compile(r"(?:[:;=8][-o*']?[)\](\[dDpP/\\|@3]+|<3+|\^_*\^)(?=\s|\Z)")
# A text or line that opens with a list marker: "1. ", "1) ", "1.) ", "(a) ", "• 9. ".
_LIST_START = re.compile(
    r"[^\S\n]*(?:[" + re.escape(_LINE_BULLETS) + r"]\s*)?(?P<paren>\()?"
    r"(?P<val>\d{1,2}|[A-Za-z])(?P<delim>\.\)|[.)])\s"
)
_ITEM_PREFIX = r"(?<!\S)(?:[" + re.escape(_LINE_BULLETS) + r"]\s*)?"

# Token classes, see _lookup.
_PLAIN, _NEVER, _STARTER, _ANY_CAPITAL = 0, 1, 2, 3
_KIND_CS: dict[str, int] = {
    **{w: _STARTER for w in _MAY_END_CS},
    **{w: _NEVER for w in _NEVER_END_CS},
}
_KIND_CI: dict[str, int] = {
    **{w: _ANY_CAPITAL for w in _USUALLY_END_CI},
    **{w: _STARTER for w in _MAY_END_CI},
    **{w: _NEVER for w in _NEVER_END_CI},
}


def _lookup(tok: str) -> int:
    """Classify the token before a period by how likely it is to end a sentence."""
    kind = _KIND_CS.get(tok)
    if kind is None:
        kind = _KIND_CI.get(tok.lower())
        if kind is None:
            if len(tok) == 1:
                return _STARTER if tok.isalpha() else _PLAIN  # initials, "you and I."
            if "." in tok and _MULTI_PERIOD.match(tok):
                return _STARTER  # U.S., p.m., Ph.D., J.R.R.
            if "-" in tok:
                return _lookup(tok.rsplit("-", 1)[1])  # "then-U.N.", "R-Ariz."
            return _PLAIN
    return kind


def _list_cuts(text: str) -> list[int]:
    """Cut before each item of an inline numbered/lettered list ("1. a 2. b").

    Only lists that open the text count, and items must be numbered
    consecutively in the same style, so "rose 2. The" in prose is untouched.
    """
    m = _LIST_START.match(text)
    if m is None:
        return []
    val, delim, paren = m["val"], re.escape(m["delim"]), r"\(" if m["paren"] else ""
    cuts = []
    pos = m.end()
    while True:
        if val.isdigit():
            val = str(int(val) + 1)
        elif val in "zZ":
            break
        else:
            val = chr(ord(val) + 1)
        nxt = re.compile(_ITEM_PREFIX + paren + val + delim + r"\s").search(text, pos)
        if nxt is None:
            break
        cuts.append(nxt.start())
        pos = nxt.end()
    return cuts


def _line_break_cut(text: str, start: int, end: int) -> bool:
    """Decide whether a single line break ends a sentence.

    text[start:end] is the whitespace around it.  Yes after an unpunctuated
    line (heading, list item) unless the next line continues in lowercase or
    the line visibly runs on (comma, "the", ...); after terminal punctuation
    the punctuation rules decide.
    """
    if end >= len(text) or start == 0:
        return False
    nxt = text[end]
    if nxt in _LINE_BULLETS or _LIST_START.match(text, end):
        return True
    if nxt.islower():
        return False
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
    return not (last and last[-1] in _CONTINUING_WORDS)


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
    pending = _list_cuts(text)  # rare: inline lists, merged in text order
    n_pending = len(pending)
    li = 0
    n_text = len(text)
    cuts: list[int] = []
    last = 0  # start of the current sentence
    lookup, token_before, starters = _lookup, _token_before, _STARTERS
    for m in _SCAN.finditer(text):
        p = m.start()
        if n_pending:
            while li < n_pending and pending[li] <= p:
                if pending[li] > last:
                    last = pending[li]
                li += 1
        term, ws, nw = m.group("term", "ws", "nw")
        if term is None:  # layout event
            if text[p] == "\n":
                e = m.end()
                if text.count("\n", p + 1, e) == 0:
                    s = p
                    while s > 0 and text[s - 1] in " \t\r\f\v\u00a0":
                        s -= 1
                    if not _line_break_cut(text, s, e):
                        continue
            cuts.append(p)
            last = p
            continue
        if ws is None:
            continue  # end of text
        if nw:
            c = nw[0]
            if c.islower():
                if _CAMEL.match(nw) is None:
                    continue  # a lowercase word continues the sentence
                kind_next = "U"  # "iPhone", "eBay" can open one
            elif c.isupper() or c.istitle():
                kind_next = "U"
            else:
                kind_next = "O"
        else:
            i = m.end("op")
            if i >= n_text:
                continue  # only whitespace/openers follow
            kind_next = "D" if text[i].isdigit() else "O"

        cut = m.end()
        if term == ".":
            tok = token_before(text, p)
            tok_start = p - len(tok)
            tok = tok.lstrip(_TOKEN_LEAD)
            kind = lookup(tok) if tok else _PLAIN
            if kind == _NEVER:
                continue
            if (
                len(tok) <= 3
                and (tok.isdigit() or (len(tok) == 1 and tok.isalpha()))
                and _starts_item(text, last, tok_start)
            ):
                continue  # list marker: "1. The first item", "a. The first item"
            if kind == _STARTER:
                if kind_next != "U":
                    continue
                if nw not in starters:
                    if nw not in _TITLES_NEXT:
                        continue
                    if len(text[last:tok_start].split()) + 1 < _MIN_WORDS_BEFORE_TITLE:
                        continue
            elif kind == _ANY_CAPITAL:
                if kind_next != "U":
                    continue
            elif kind_next == "D" and not (tok.isalpha() or tok[-1:].isdigit()):
                continue  # "N°. 1026", "p. 55"
        elif "?" in term or "!" in term or "‽" in term:
            # Lowercase continuations were skipped above; a quoted question
            # or exclamation may also be followed by a named speaker:
            # “Why?” Smith asked.
            close = m.group("close")
            if close and close[-1] in "\"'”’»" and _ATTRIBUTION.match(text, m.end("ws")):
                continue
        else:
            # Ellipses.
            tok = token_before(text, p)
            if tok and tok[-1] in "[(":
                continue  # "[...]" marks an omission, never a boundary
            if kind_next != "U":
                continue
            if " " in term or "\u00a0" in term:
                if term.count(".") < 4:
                    continue  # ". . ." inside a quotation
                if tok:
                    # "compounds. . . . The": the period ends the sentence, the
                    # ellipsis opens the next one.
                    cut = p + 1
        if kind_next == "O":
            i = m.end("ws")
            if m.end("op") == i:
                e = _EMOTICON.match(text, i)
                if e is not None:
                    cut = e.end()  # "Great game! :)" keeps its emoticon
        if p - last <= 8 and _WORD_CHAR.search(text, last, p) is None:
            continue  # nothing but punctuation so far ("… Clinton is ...")
        cuts.append(cut)
        last = cut
    if n_pending:
        cuts = sorted(set(cuts).union(pending))
    return cuts


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of each sentence in ``text``.

    Offsets let callers map sentences back to the source (highlighting, quote
    attribution); whitespace between sentences belongs to no span, and every
    non-whitespace character belongs to exactly one.
    """
    spans = []
    a = 0
    for b in _boundaries(text) + [len(text)]:
        seg = text[a:b]
        stripped = seg.strip()
        if stripped:
            s = a + seg.index(stripped[0])
            spans.append((s, s + len(stripped)))
        a = b
    return spans


def split_sentences(text: str) -> list[str]:
    """Return the sentences of ``text``, stripped and in order.

    The unit tone is scored on; nothing but whitespace is dropped, so joining
    the result loses no words.
    """
    out = []
    a = 0
    for b in _boundaries(text) + [len(text)]:
        s = text[a:b].strip()
        if s:
            out.append(s)
        a = b
    return out


def segment_paragraphs(paragraphs: list[str]) -> "pd.DataFrame":
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

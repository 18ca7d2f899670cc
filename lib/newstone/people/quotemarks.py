"""Where quotations are in a paragraph: a single left-to-right pass over its characters.

News uses curly and straight double quotes, guillemets, British single quotes (which must be told
apart from apostrophes and possessives) and, in the NYT archive, doubled apostrophes ('' ... '').
Scraped text sometimes closes a curly opening mark with a straight one (“…," she said).
A quotation that runs over several paragraphs leaves each paragraph but the last unclosed and
re-opens the next one. One pass, constant work per character: a 1 MB paragraph costs 1 MB of
steps, however the marks are arranged.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

_DOUBLE_OPEN = {"“": "”", "„": "“”", "«": "»", '"': '"'}
_SINGLE_OPEN = "‘'"
_SINGLE_CLOSE = "’'"
_OPEN_BEFORE = "([{—–-/"  # an opening mark may follow these instead of a space
_CLOSE_AFTER = ".,;:!?)]}—–-…"


@dataclass
class QuoteSpan:
    """One quotation: `open`/`close` index the marks (close None: runs to the paragraph end);
    `start`/`end` the trimmed content."""

    open: int
    close: int | None
    start: int
    end: int
    mark: str  # double | single | nyt
    chain: int | None = None  # quotations continued across paragraphs share a chain id

    @property
    def outer_end(self) -> int:
        """Index just past the closing mark (the paragraph's length when unclosed)."""
        return self.close + (2 if self.mark == "nyt" else 1) if self.close is not None else self.end


def _opens(text: str, i: int, width: int = 1) -> bool:
    """A mark at i opens when it starts the text or follows a space/bracket and precedes a word."""
    before = text[i - 1] if i else " "
    after = text[i + width] if i + width < len(text) else ""
    return (before.isspace() or before in _OPEN_BEFORE or before in "“\"") and bool(after) and not after.isspace()


def _closes(text: str, i: int, width: int = 1) -> bool:
    """A mark at i closes when it follows a non-space and precedes a space, punctuation or the end."""
    before = text[i - 1] if i else " "
    after = text[i + width] if i + width < len(text) else " "
    return not before.isspace() and (after.isspace() or after in _CLOSE_AFTER or after in "”\"")


def _spaced_closer(text: str, i: int) -> bool:
    """A doubled apostrophe after a space still closes an open one when no word follows it
    ("… coalitions, '' said Mr. Gunnels": the archive's typesetting, not a nested opener)."""
    after = text[i + 2] if i + 2 < len(text) else " "
    return after.isspace() or after in _CLOSE_AFTER


def _single_closes(text: str, i: int) -> bool:
    """A closing single quote, not an apostrophe: "don’t" (letters both sides) and "players’ union"
    (a plural possessive before a lower-case word) are apostrophes."""
    if not _closes(text, i):
        return False
    before = text[i - 1]
    after = text[i + 1 : i + 3]
    if before in "sS" and len(after) == 2 and after[0] == " " and after[1].islower():
        return False
    return True


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quotations of one paragraph, outermost only (a quote inside a quote stays part of it)."""
    spans, failed = _scan(text, 0, singles=True)
    if failed is not None:
        # a single opener with no closer after it was an apostrophe ('90s, 'em); no later single
        # opener can close either, so the rest is scanned once more for double quotes only
        spans += _scan(text, failed + 1, singles=False)[0]
    return [sp for sp in spans if any(c.isalnum() for c in text[sp.start : sp.end])]


def _scan(text: str, pos: int, singles: bool) -> tuple[list[QuoteSpan], int | None]:
    """Quotations from `pos` on; also where an unclosed single quote that is no quote began."""
    spans: list[QuoteSpan] = []
    n = len(text)
    i = pos
    closers, mark, opened = "", "", -1
    last_curly = text.rfind("”")  # “…," closes with a straight mark only when no ” comes later,
    mixed = '"' in text and ("“" in text or "”" in text)
    straight = [k for k, c in enumerate(text) if c == '"'] if mixed else []
    curly_ends = [k for k, c in enumerate(text) if c in "“”"] if mixed else []
    # or when straight marks pair up before it (“…," she said. "…”: two quotations, marks mixed)
    while i < n:
        ch = text[i]
        if not closers:
            if ch == "'" and text[i + 1 : i + 2] == "'" and _opens(text, i, 2):
                closers, mark, opened = "''", "nyt", i
                i += 2
                continue
            if ch in _DOUBLE_OPEN and (ch != '"' or i == 0 or _opens(text, i)):
                closers, mark, opened = _DOUBLE_OPEN[ch], "double", i
                if ch == "“" and (last_curly < i or _pairs_before(text, straight, i, last_curly)):
                    closers += '"'  # scraped text: a curly opening mark, a straight closing one
                if ch == '"' and straight and last_curly > i and _curly_closes_first(text, straight, curly_ends, i):
                    closers += "”"  # "…,” said X: a straight opener closed by a curly mark
            elif ch == "”" and _opens(text, i):  # a closing curly mark typed as an opener
                closers, mark, opened = "”", "double", i
            elif singles and ch in _SINGLE_OPEN and _opens(text, i) and not text[i + 1 : i + 2].isdigit():
                closers, mark, opened = _SINGLE_CLOSE, "single", i
        elif mark == "nyt":
            if ch == "'" and text[i + 1 : i + 2] == "'" and (_closes(text, i, 2) or _spaced_closer(text, i)):
                spans.append(_span(text, opened, i, mark))
                closers = ""
                i += 2
                continue
        elif ch in closers and (mark != "single" or _single_closes(text, i)):
            spans.append(_span(text, opened, i, mark))
            closers = ""
        i += 1
    if closers:
        if mark == "single" and not _single_runs_on(text, opened):
            return spans, opened
        spans.append(_span(text, opened, None, mark))
    return spans, None


def _pairs_before(text: str, straight: list[int], lo: int, hi: int) -> bool:
    """An even number (two or more) of straight marks between a curly opener and the last ”, the
    first of them closing a sentence or clause (“…," she said. "…”), not a quote inside the quote
    (“He said "no" …”)."""
    k = bisect.bisect_right(straight, lo)
    n = bisect.bisect_left(straight, hi) - k
    return n >= 2 and n % 2 == 0 and text[straight[k] - 1] in ",.?!…"


def _curly_closes_first(text: str, straight: list[int], curly: list[int], i: int) -> bool:
    """The first curly mark after a straight opener at i is a ” that comes before the next straight
    mark ("Trump doesn't understand it,” said Benjamin. "He is ignorant."): it closes the quote."""
    k = bisect.bisect_right(curly, i)
    if k == len(curly) or text[curly[k]] != "”":
        return False
    nxt = bisect.bisect_right(straight, i)
    return nxt == len(straight) or straight[nxt] > curly[k]


def _single_runs_on(text: str, opened: int) -> bool:
    """An unclosed single quote counts only when it holds a sentence that ends the paragraph."""
    tail = text[opened + 1 :].rstrip()
    return len(tail.split()) >= 4 and tail[-1:] in ".!?…"


def _span(text: str, opened: int, close: int | None, mark: str) -> QuoteSpan:
    width = 2 if mark == "nyt" else 1
    lo, hi = opened + width, close if close is not None else len(text)
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] == ","):
        hi -= 1
    return QuoteSpan(opened, close, lo, hi, mark)


def link_continuations(texts: list[str], spans: list[list[QuoteSpan]]) -> None:
    """Chain an unclosed quotation to the one re-opening the next paragraph (news convention)."""
    chain = 0
    for i in range(1, len(texts)):
        prev, cur = spans[i - 1], spans[i]
        if not prev or prev[-1].close is not None or not cur:
            continue
        if cur[0].open != len(texts[i]) - len(texts[i].lstrip()):
            continue
        if prev[-1].chain is None:
            prev[-1].chain = chain
            chain += 1
        cur[0].chain = prev[-1].chain

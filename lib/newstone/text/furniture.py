"""Page furniture by where a line stands: the lines and blocks around the article that belong to the page.

What a single line says is `line_rules.boilerplate_reason`; this module reads the layout: runs of
short link lines above the headline, the byline and date under it, the headlines listed under a
"More from ..." heading, the links after the article's last sentence (`page_furniture`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


# A page's innerText puts the article between a header (menus, section name, headline, byline,
# date, share buttons) and a footer (related headlines, topic links, legal links). Those pieces
# are short lines without sentence punctuation; the article is sentences. So the head is what
# comes before the first sentence, the tail what comes after the last one, and inside them a
# line's shape (a sentence, a short link, a headline) and its neighbours decide, not its words.

NAV = "navigation links above the headline (short lines that are not sentences)"
HEADER = "byline or page header between the headline and the article"
DATE = "date line (when the page was published or updated)"
RELATED = "link under a heading such as 'More from ...' or 'Related' (other stories or topics)"
FOOT = "links at the foot of the page, after the article's last sentence"
BLOCK = "short line in a block of page furniture (with share buttons, dates, labels)"
CAPTION = "photo caption (the line under a photo credit)"
WRAPPED = "the rest of a date or byline line, wrapped onto the next line"
AUTHOR = "author bio or contact line after the article"
PULL_QUOTE = "pull quote (repeats a line of the article)"

_HEADING_REASONS = frozenset({"related-links block", "read-more link", "tags line"})
_HEADING = re.compile(  # a heading over a list of links, on a line of its own
    r"^(?:more (?:from|on|in|about) .{1,40}|(?:related|recommended|suggested|popular|latest|recent|top|featured|"
    r"trending|more|other) (?:stories|articles|posts|news|reads?|videos|content|links|topics|coverage|reading|headlines)|"
    r"most (?:popular|read|viewed|shared|commented|watched)(?: .{1,30})?|explore more(?: on these topics)?|"
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|read (?:next|this next)|also (?:read|see)|see also|"
    r"editor'?s (?:picks|choice)|don'?t miss|in other news|around the web|further reading|archives|categories|"
    r"(?:suggested |related )?topics|tags|features|elsewhere on .{1,30}|what to read next|recommended(?: for you)?|"
    r"trending(?: now)?|related)\s*:?$", re.I)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = re.compile(  # a date or time on a line of its own, or how long ago / how long to read
    r"^(?:[\w .&]{1,20} [/|·] )?(?:(?:published|updated|posted|last (?:updated|modified)|first published|modified)(?: by [\w.'’ -]{1,40}?)?(?: on| at)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
    r"(?:\s*(?:,|at|·|•|\||-|–)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
    r"(?:\s*[·|•-]\s*\d+\s*min(?:ute)?s? read)?(?:\s+[-–|·]\s+[A-Z][\w.&]*(?: [\w.&]+){0,3})?$"
    r"|^\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago$|^\d+\s*(?:min|mins|minutes?)(?: read| listen)?$"
    r"|^(?:reading|read) time:?\s*\d+\s*(?:min|mins|minutes?)$", re.I)

_CLOSERS = "\"'”’)]"


def _shape(text: str) -> str:
    """'sentence', 'short' (a link-sized line), 'headline', 'lead' (ends ',', ':' or ';') or 'other'."""
    if len(text) > 150:  # longer than a headline: prose, whatever its end
        return "sentence"
    words = text.count(" ") + 1
    if words >= 25:
        return "sentence"
    end = text.rstrip(_CLOSERS)[-1:]
    if end in (".", "…"):
        return "sentence" if words >= 4 else "other"
    if end in ("?", "!"):
        return "sentence" if words >= 10 else "headline" if words >= 5 else "other"
    if end in (",", ":", ";"):
        return "lead"
    return "short" if words <= 4 and len(text) <= 40 else "headline"


def _ends_a_sentence(line: str) -> bool:
    """What the tail scan stops at: a sentence, or a short line that ends like one with a full stop
    ("Rain or shine."). A short question or a line trailing off ("Ready for more?", "Write a
    comment...") is a prompt of the page there; passing it removes nothing by itself."""
    shape = _shape(line)
    if shape == "other":
        end = line.rstrip(_CLOSERS)
        return end[-1:] == "." and not end.endswith("..")
    return shape == "sentence"


# Sentences that say who wrote the article or how to reach them ("Ann Lee is a reporter ...",
# "Lee covers Congress for The Daily Planet."), with a name in capitals and no "said". Only after
# the article's last sentence (in the tail scan) are they taken as furniture.
_AUTHOR_NOTE = re.compile(
    r"^(?!.*\b(?:said|says|told|according)\b)(?-i:(?:[A-Z][\w.'’-]+ ){0,3}[A-Z][\w.'’-]+) (?:is (?:a|an|the|our) "
    r"(?:[\w&'’-]+ ){0,4}(?:reporter|correspondent|writer|journalist|columnist|editor|contributor|producer|critic|photographer|intern)s?\b"
    r"|(?:covers|writes about|writes on|reports on|has covered|has reported on) [^.]{1,80}\b(?:for|at) (?-i:(?:the )?[A-Z]))"
    r"|^(?:contact|reach|e-?mail|follow) (?:him|her|them|me|the author|the writer)\b", re.I)


@dataclass
class _Item:
    """A piece of the head or tail: one line a line rule removed, or the lines of one unit of text."""

    start: int
    end: int
    text: str
    shape: str  # a _shape, or 'furniture' (a line rule's line), 'date', 'heading'


_OPEN_END = frozenset(".!?…:;")


def ends_open(line: str) -> bool:
    """Whether a line stops without a sentence's end (closing quotes and brackets aside): the next
    line, if it starts in lower case, goes on with it (hard-wrapped text)."""
    return line.rstrip(_CLOSERS)[-1:] not in _OPEN_END


def continues(previous: str, line: str) -> bool:
    """Whether `line` goes on with `previous` (hard-wrapped text): `previous` stops open and has
    three words or more, and `line` starts in lower case. One- and two-word lines ("POLITICS",
    "congress", "budget") are labels and tags, however they are cased."""
    return line[:1].islower() and ends_open(previous) and previous.count(" ") >= 2


def _items(lines: list[str], reasons: dict[int, str], lo: int, hi: int, *, head: bool = False) -> tuple[list[list[_Item]], int]:
    """Blocks (split at blank lines) of the items in lines[lo:hi], and where they stop: at hi, or
    with `head` at the first sentence. Hard-wrapped lines are joined as `group_paragraphs` joins them."""
    blocks: list[list[_Item]] = [[]]
    i = lo
    while i < hi:
        line = lines[i]
        if not line:
            if blocks[-1]:
                blocks.append([])
            i += 1
            continue
        reason = reasons.get(i)
        if reason:
            shape = "heading" if reason in _HEADING_REASONS and _bare(line) else "furniture"
            blocks[-1].append(_Item(i, i + 1, line, shape))
            i += 1
            continue
        j = i + 1
        while j < hi and lines[j] and j not in reasons and continues(lines[j - 1], lines[j]):
            j += 1
        text = " ".join(lines[i:j])
        shape = _shape(text)
        if shape == "sentence" and head:
            break
        if shape in ("short", "headline", "lead") and len(text) <= 80 and _DATE_LINE.match(text):
            shape = "date"
        elif shape in ("short", "lead") and text.count(" ") < 6 and _HEADING.match(text):
            shape = "heading"
        blocks[-1].append(_Item(i, j, text, shape))
        i = j
    return [b for b in blocks if b], i


def _bare(line: str) -> bool:
    """A heading rule's line with no link text of its own ("Related", "Read more:", "Topics")."""
    return line.count(" ") < 5 and (":" not in line or line.rstrip().endswith(":"))


_NAVISH = ("short", "furniture", "date")


def _run(block: list[_Item], k: int, step: int) -> int:
    """How many link-like items (short lines, furniture, dates) stand next to block[k], one way."""
    n, k = 0, k + step
    while 0 <= k < len(block) and block[k].shape in _NAVISH:
        n, k = n + 1, k + step
    return n


def _mark(mark: dict[int, str], item: _Item, reason: str) -> None:
    for i in range(item.start, item.end):
        mark.setdefault(i, reason)


def _related(blocks: list[list[_Item]], mark: dict[int, str], *, give_back: bool) -> None:
    """Items listed under a heading: in the heading's block, or the whole next block if the heading
    stands alone. `give_back`: a last item followed at once by a sentence is a subheading, kept."""
    for b, block in enumerate(blocks):
        for k, item in enumerate(block):
            if item.shape != "heading":
                continue
            alone = k + 1 == len(block)
            listed = blocks[b + 1] if alone and b + 1 < len(blocks) else block[k + 1:]
            taken = []
            for other in listed:
                if other.shape not in ("short", "headline", "date", "furniture") or other.start in mark:
                    break
                taken.append(other)
            if alone and len(taken) < len(listed):
                continue  # a heading alone, then a block that is not only links: keep that block
            if give_back and taken and len(taken) < len(listed) and listed[len(taken)].shape == "sentence":
                taken.pop()
            if taken:
                _mark(mark, item, "related-links block")
                for other in taken:
                    _mark(mark, other, RELATED)


_JOINING = frozenset("a an the of in on at to for from with by and or but as that said says".split())


def _menu_at(flat: list[tuple[int, int, _Item]], n: int) -> bool:
    """Whether three short lines in a row (line-rule furniture between them aside) end at flat[n]."""
    count, b = 0, flat[n][0]
    while n >= 0 and flat[n][0] == b and flat[n][2].shape in ("short", "furniture"):
        count += flat[n][2].shape == "short"
        n -= 1
    return count >= 3


_CHROME = frozenset({"navigation", "subscription prompt", "cookie notice"})


def _head(blocks: list[list[_Item]], mark: dict[int, str], first: int, reasons: dict[int, str]) -> None:
    """Before the first sentence: links and labels above the headline, byline and date under it."""
    _related(blocks, mark, give_back=False)
    flat = [(b, k, item) for b, block in enumerate(blocks) for k, item in enumerate(block)]
    candidates = []
    for n, (b, k, item) in enumerate(flat):
        if item.start in mark:
            continue
        block, before, after = blocks[b], _run(blocks[b], k, -1), _run(blocks[b], k, 1)
        if k + 1 < len(block) and reasons.get(block[k + 1].start) in _CHROME:
            continue  # the site's name over "Subscribe" / "Sign in", not the headline
        if (item.shape == "headline" and not (before >= 2 and after >= 2)) or (
                item.shape == "short" and item.text.count(" ") >= 2 and before == 0
                and (after == 0 or block[k + 1].shape != "short")):
            candidates.append(n)
    # The headline is the first candidate with no menu (three short lines in a row) below it: a
    # site's tagline or a ticker of other headlines stands above the menus, the headline under them.
    menus = [n for n in range(len(flat)) if _menu_at(flat, n)]
    title = next((n for n in candidates if not any(m > n for m in menus)), candidates[0] if candidates else None)
    listed = set()  # a list that a line ending in ':' introduces is the article's
    for block in blocks:
        for k, item in enumerate(block[:-1]):
            if item.shape == "lead" and item.text.endswith(":") and all(o.shape != "furniture" for o in block[k + 1:]):
                listed.update(other.start for other in block[k + 1:])  # ("You are here:" / "Home": a breadcrumb)
        if (title is not None and len(block) >= 3 and block[0].shape == "short" and block[0].start > flat[title][2].start
                and all(o.shape == "headline" for o in block[1:])):
            listed.update(o.start for o in block)  # a label over headline-length lines: "Summary", "Key points"
    for n, (b, k, item) in enumerate(flat):
        if item.start in mark or item.shape == "furniture" or item.start in listed:
            continue
        if title is not None and n < title:  # nothing above the headline is the article
            _mark(mark, item, DATE if item.shape == "date" else NAV)
        elif item.shape not in ("short", "headline", "date"):
            continue
        elif item.shape == "date":
            _mark(mark, item, DATE)
        elif item.end == first and item.text.rsplit(" ", 1)[-1] in _JOINING:
            continue  # a hard-wrapped line of the first sentence ("Officials in" / "Kabul said ...")
        elif title is None:  # a menu: three link-like lines in a row, one of them a line rule's
            before, after = _run(blocks[b], k, -1), _run(blocks[b], k, 1)
            menu = any(other.shape == "furniture" for other in blocks[b])
            if (item.shape == "short" and before + after >= (2 if menu else 3)) or (before >= 2 and after >= 2):
                _mark(mark, item, NAV)
        elif n > title and not (n == title + 1 and item.shape == "headline"):  # the standfirst stays
            if len(blocks[b]) >= 3 and all(other.shape == "short" for other in blocks[b]):
                continue  # three short lines and nothing else under the headline: a list (results, key points)
            if item.shape == "short" or (_run(blocks[b], k, -1) >= 1 and _run(blocks[b], k, 1) >= 1):
                _mark(mark, item, HEADER)


def _tail(blocks: list[list[_Item]], mark: dict[int, str]) -> None:
    """After the last sentence, among page furniture (or three link-like lines in separate blocks):
    every link-like line is furniture too, except a list that a line ending in ':' introduces."""
    _related(blocks, mark, give_back=False)
    links = sum(item.shape in ("short", "headline") for block in blocks for item in block)
    if not (any(item.shape in ("furniture", "heading") or item.start in mark for block in blocks for item in block)
            or (links >= 3 and len(blocks) >= 2)):
        return
    for block in blocks:
        listed = False
        for item in block:
            if item.shape == "lead":
                listed = item.text.endswith(":")
            elif item.shape in ("short", "headline", "date") and not listed and item.start not in mark:
                _mark(mark, item, DATE if item.shape == "date" else FOOT)
            elif item.shape not in ("short", "headline", "date"):
                listed = False


def _furniture_blocks(lines: list[str], reasons: dict[int, str], first: int, last: int, mark: dict[int, str]) -> None:
    """Inside the page, a block (between blank lines) of line-rule furniture and short lines only,
    such as a share bar or a date under a standfirst: its short lines and dates are furniture too."""
    seen: set[int] = set()
    for i in sorted(reasons):
        if not first <= i < last or i in seen:
            continue
        lo, hi = i, i + 1
        while lo > first and lines[lo - 1]:
            lo -= 1
        while hi < last and lines[hi]:
            hi += 1
        seen.update(range(lo, hi))
        if hi - lo > 12:
            continue
        items = [item for block in _items(lines, reasons, lo, hi)[0] for item in block]
        if all(item.shape in ("furniture", "heading", "short", "date") for item in items):
            for item in items:
                if item.shape in ("short", "date") and item.start not in mark:
                    _mark(mark, item, DATE if item.shape == "date" else BLOCK)
        elif sum(item.shape == "furniture" for item in items) >= 3 and sum(item.shape == "sentence" for item in items) <= 1:
            # mostly line-rule furniture (byline, timestamp, share links): its dates go, and its short lines
            # unless a sentence follows one (a subheading); sentences and headline-length lines stay
            for k, item in enumerate(items):
                heads = k + 1 < len(items) and items[k + 1].shape in ("sentence", "other", "lead")
                if item.start not in mark and (item.shape == "date" or (item.shape == "short" and not heads)):
                    _mark(mark, item, DATE if item.shape == "date" else BLOCK)


def _under_a_byline(lines: list[str], reasons: dict[int, str], i: int) -> bool:
    """Whether line i stands in an author box: below a byline ("Written by ...") in the same block,
    with no other sentence between them."""
    for j in range(i - 1, -1, -1):
        if not lines[j] or (j not in reasons and _ends_a_sentence(lines[j])):
            return False
        if reasons.get(j) == "byline":
            return True
    return False


def kept_subheadings(lines: list[str], reasons: dict[int, str]) -> list[int]:
    """Lines a related-links rule matched that are subheadings of the article ("More from the
    minister"): a heading of three words or more, inside the article (a sentence above it), with
    a sentence right under it (after at most a blank line) rather than a list of links."""
    found = []
    first = None  # the first sentence of the text, found once
    for i, reason in sorted(reasons.items()):
        if reason != "related-links block" or lines[i].count(" ") < 2:
            continue
        below = i + 1 + (i + 1 < len(lines) and not lines[i + 1])
        if below >= len(lines) or below in reasons or _shape(lines[below]) != "sentence":
            continue
        if first is None:
            first = next((k for k, line in enumerate(lines) if line and k not in reasons and _shape(line) == "sentence"), len(lines))
        if first < i:
            found.append(i)
    return found


_OPENING_QUOTES = "\"'“‘«"
_CLOSING_QUOTES = "\"'”’»"


def _pull_quotes(lines: list[str], first: int, last: int, reasons: dict[int, str], mark: dict[int, str]) -> None:
    """A line inside the article that is only a quotation of eight to forty words, whose words stand
    in order in another line (the page repeats a line of the article in large type). A shorter
    quoted line is a subheading ("'A change warrior.'") and stays. Looked for on pages with page
    furniture (three pieces or more), where pull quotes come from."""
    if len(reasons) + len(mark) < 3:
        return
    quoted = [i for i in range(first, last) if lines[i][:1] in _OPENING_QUOTES]
    text = "\n".join(lines) if quoted else ""
    for i in quoted[:100]:  # (a bound for any text: a page has a few)
        key = lines[i].rstrip(".,!?…")
        if key[-1:] not in _CLOSING_QUOTES or i in reasons or i in mark or not 7 <= key.count(" ") <= 39:
            continue
        key = key[2:-1].rstrip(".,!?…")  # without its marks, end punctuation and first letter (cased otherwise)
        if text.find(key, text.find(key) + 1) >= 0:
            mark[i] = PULL_QUOTE


def _lines_under(lines: list[str], reasons: dict[int, str], mark: dict[int, str]) -> None:
    """The line right under a bare photo credit ("Getty Images") when it is no sentence (a caption),
    and a lower-case line that carries on a date or byline line left open ("and updated 10:02 PM")."""
    for i, reason in reasons.items():
        below = i + 1
        if below >= len(lines) or not lines[below] or below in reasons or below in mark:
            continue
        text = lines[below]
        if reason == "image caption/credit" and lines[i].count(" ") < 4 and _shape(text) == "headline":
            mark[below] = CAPTION
        elif reason in ("timestamp line", "byline") and text[:1].islower() and ends_open(lines[i]) \
                and _shape(text) in ("short", "headline") and len(text) <= 80:
            mark[below] = WRAPPED


def _plainly_a_sentence(line: str) -> bool:
    """A cheap sufficient test for `_shape(line) == "sentence"` (a long line, or four words and a full stop)."""
    return len(line) > 150 or (line[-1:] in (".", "…") and line.count(" ") >= 3)


def page_furniture(lines: list[str], reasons: dict[int, str]) -> dict[int, str]:
    """Reasons for the lines that are furniture by their place on the page, given the lines and
    the reasons line rules found (line index: reason). Text without a sentence is left alone.

    Only the head and the tail are read line by line, and inside the article only the lines a
    heading rule matched, so an article's prose lines cost nothing here.
    """
    if not reasons and lines and _plainly_a_sentence(lines[0]) and _plainly_a_sentence(lines[-1]):
        return {}  # the common case: a text that opens and ends with a sentence, no furniture line
    return _by_place(lines, reasons)


def _by_place(lines: list[str], reasons: dict[int, str]) -> dict[int, str]:
    """`page_furniture` without its shortcut for the common case."""
    head, first = _items(lines, reasons, 0, len(lines), head=True)
    if first >= len(lines):
        return {}
    last = len(lines)
    notes = []
    while last > first:
        line = lines[last - 1]
        if line and (last - 1) not in reasons and _ends_a_sentence(line):
            if len(line) > 300 or not (_AUTHOR_NOTE.match(line) or _under_a_byline(lines, reasons, last - 1)):
                break
            notes.append(last - 1)
        last -= 1
    mark: dict[int, str] = dict.fromkeys(notes, AUTHOR)
    _head(head, mark, first, reasons)
    middle = [i for i in reasons if first <= i < last and reasons[i] in _HEADING_REASONS and _bare(lines[i])]
    for i in middle:  # the heading's block, or the next block when the heading stands alone
        end = i + 1
        while end < last and lines[end]:
            end += 1
        if end == i + 1:
            while end < last and not lines[end]:
                end += 1
            while end < last and lines[end]:
                end += 1
        _related(_items(lines, reasons, i, min(end, i + 40))[0], mark, give_back=True)
    _furniture_blocks(lines, reasons, first, last, mark)
    _lines_under(lines, reasons, mark)
    _pull_quotes(lines, first, last, reasons, mark)
    if last < len(lines):
        _tail(_items(lines, reasons, last, len(lines))[0], mark)
    return {i: reason for i, reason in mark.items() if i not in reasons}

"""Cleaning scraped article text, honestly: every piece removed is kept with the rule that removed it.

The pipeline is a chain of small text functions (normalize, split into lines, drop page
furniture by what a line says (text/line_rules.py) and where it stands (text/furniture.py),
group lines into paragraphs, drop trailing teaser blocks and repeats). Each rule is a
general pattern of scraped news pages, never a match on one article's words.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from dataclasses import dataclass, field

from newstone.text.furniture import continues, kept_subheadings, page_furniture
from newstone.text.line_rules import boilerplate_reason

# --- normalization ---------------------------------------------------------------------------

_SPACE_CHARS = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"), " ")
_DROP_CHARS = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_LINE_CHARS = dict.fromkeys(map(ord, "\u2028\u2029\x0b\x0c\x85"), "\n")
# Continuation bytes 0x80-0xBF as cp1252 shows them: the second half of a mis-decoded UTF-8 sequence.
_CONT = re.escape(bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore"))
_MOJIBAKE_HINT = re.compile(f"[\u00c2-\u00f4][{_CONT}]")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as cp1252 or latin-1 ('â€™' for '’'), with ftfy.

    ftfy decides whether a repair makes the text more plausible, so real accented text stays;
    it is called only when a lead byte followed by a continuation byte appears (a cheap scan),
    which keeps clean text, the common case, free.
    """
    if text.isascii() or not _MOJIBAKE_HINT.search(text):  # isascii is free: the hint is never ASCII
        return text
    import ftfy

    return ftfy.fix_encoding(text)


_REPLACEMENT_KEYS = {**_SPACE_CHARS, **_DROP_CHARS, **_LINE_CHARS}
_SPECIAL = re.compile("[" + "".join(map(chr, _REPLACEMENT_KEYS)) + "]")


_REPLACEMENT = {chr(k): v or "" for k, v in {**_SPACE_CHARS, **_DROP_CHARS, **_LINE_CHARS}.items()}
_MULTI_SPACE = re.compile(r"  +")  # not " {2,}": a literal first character lets the engine skip ahead in C
_BLANK_RUN = re.compile(r"\n{3,}")


def normalize_unicode(text: str) -> str:
    """NFC plus plain spaces; NFKC is avoided because it rewrites '…', '½' and other real text.

    Only the special characters present are replaced, by one regex pass (no str.translate,
    which walks every character of the text through a Python-level table).
    """
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if text.isascii():  # the common case: of the special characters only two are ASCII
        if "\x0b" in text or "\x0c" in text:
            text = text.replace("\x0b", "\n").replace("\x0c", "\n")
        return text
    if not any(c in text for c in _REPLACEMENT):  # one `in` per character: cheaper than the regex scan
        return text
    return _SPECIAL.sub(lambda m: _REPLACEMENT[m.group()], text)


def normalize_whitespace(text: str) -> str:
    """Unix line ends, single spaces, no trailing blanks; blank lines (paragraph breaks) survive."""
    return "\n".join(_whitespace_lines(text))


def _whitespace_lines(text: str) -> list[str]:
    """`normalize_whitespace(text).split("\n")`, without joining the lines only to split them again.

    Runs of spaces are collapsed only in the lines that have one (a regex pass over the whole
    text costs more than a C-level `in` per line); blank runs and blank ends, which stripped
    lines show as empty neighbours, are rare and take the whole-text way.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = text.replace("\t", " ")
    return _stripped_lines(text)


def _stripped_lines(text: str) -> list[str]:
    """The rest of `_whitespace_lines`, for text without carriage returns or tabs."""
    if "  " in text:
        lines = [_MULTI_SPACE.sub(" ", line).strip() if "  " in line else line.strip() for line in text.split("\n")]
    else:
        lines = [line.strip() for line in text.split("\n")]
    blank = bytes(map(operator.not_, lines))  # 1 for each blank line, in C
    if not blank[0] and not blank[-1] and b"\x01\x01" not in blank:
        return lines
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip().split("\n")


# One scan for every character that repairing, normalizing or the whitespace pass acts on (beyond
# NFC itself and runs of spaces): a mojibake lead, a special space, mark or line break, CR, tab.
_RARE = re.compile("[\u00c2-\u00f4\r\t" + "".join(map(chr, _REPLACEMENT_KEYS)) + "]")


def normalized_lines(text: str) -> list[str]:
    """`normalize_whitespace(normalize_unicode(repair_mojibake(text))).split("\n")`: what clean_text reads.

    Text without any of `_RARE`'s characters (most articles) needs neither ftfy's check nor a
    replacement nor CR and tab handling, and NFC creates none of them (only U+2000 and U+2001 map
    onto special spaces, and they are in `_RARE` too): one regex scan decides instead of a dozen.
    """
    if text.isascii() or _RARE.search(text) is not None:
        return _whitespace_lines(normalize_unicode(repair_mojibake(text)))
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _stripped_lines(text)


# --- teasers and datelines ---------------------------------------------------------------------

_ELLIPSIS_END = re.compile(r"(?:…|\.\s?\.\s?\.)\s*[\"'”’)\]]?$")

# A dateline opens the first paragraph: "KABUL, Afghanistan (AP) — ", "LONDON (Reuters) - ".
_DATELINE = re.compile(
    r"^(?P<dateline>(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})(?:,\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})?"
    r"(?:,?\s*(?:\w{3,9}\.? \d{1,2}(?:,? \d{4})?))?"
    r"(?:\s*\((?:AP|AFP|Reuters|UPI|Xinhua|IANS|PTI|ANI|dpa|Bloomberg|CNN|IRNA|[A-Z]{2,6})\))?\s*[-–—:]{1,2}\s+)(?=[A-Z\"“‘])"
)
_AGENCY_ONLY = re.compile(r"^(?P<dateline>\((?:AP|AFP|Reuters|UPI|Xinhua|IANS|PTI|ANI|dpa|Bloomberg)\)\s*[-–—]{1,2}\s+)")


@dataclass(frozen=True)
class Removed:
    """A piece of the input that cleaning dropped, and the rule that dropped it."""

    text: str
    reason: str


@dataclass
class Cleaned:
    """The article paragraphs that stay, and everything that went."""

    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None




def strip_dateline(paragraph: str) -> tuple[str, str | None]:
    """Split a leading wire-style dateline off a paragraph; return (rest, dateline or None)."""
    match = _DATELINE.match(paragraph) or _AGENCY_ONLY.match(paragraph)
    if not match:
        return paragraph, None
    dateline = match.group("dateline")
    letters = [c for c in dateline if c.isalpha()]
    # A dateline place is upper case ("KABUL"); a normal opening word is not.
    if match.re is _DATELINE and sum(c.isupper() for c in letters[:6]) < min(4, len(letters[:6])):
        return paragraph, None
    return paragraph[match.end():], dateline.strip()


def _may_end_in_an_ellipsis(line: str) -> bool:
    """False only when `_ELLIPSIS_END` cannot match: the line's end, without whitespace and one
    closing quote or bracket, is neither '…' nor three periods (the regex search costs far more).
    Most lines end in a letter, a digit or "word.", which settles it from the last two characters."""
    last = line[-1:]
    if last.isalnum() or (last == "." and line[-2:-1].isalnum()):
        return False
    tail = line.rstrip()
    if tail and tail[-1] in "\"'”’)]":
        tail = tail[:-1].rstrip()
    return tail.endswith("…") or "".join(tail[-5:].split()).endswith("...")


def is_truncated_teaser(line: str) -> bool:
    """A teaser headline: one short line cut off with an ellipsis mid-sentence."""
    if not _may_end_in_an_ellipsis(line) or not _ELLIPSIS_END.search(line):
        return False
    body = _ELLIPSIS_END.sub("", line).rstrip()
    words = body.split()
    if not 2 <= len(words) <= 45:
        return False
    # A finished sentence inside the line means it is prose that trails off, not a headline.
    return not re.search(r"[.!?][\"”’)]?\s+[A-Z]", body)


_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]+")
_STOP = frozenset(
    "the a an and or but of to in on at for with by from as is are was were be been has have had "
    "that this these those it its their his her he she they we you i our not no will would can could "
    "should may might also than then there which who whom what when where how about into over after "
    "before more most some any all other such only new said says say".split()
)


def content_words(text: str) -> set[str]:
    return {w.lower().strip("’'") for w in _WORD.findall(text)} - _STOP


def overlap_with(text: str, body_words: set[str]) -> float:
    """Share of a line's content words that also occur in the body: teasers for other stories score low."""
    words = content_words(text)
    if not words:
        return 0.0
    return len(words & body_words) / len(words)


def split_lines(text: str) -> list[str]:
    """Lines of normalized text, with blank lines kept as '' markers of paragraph breaks."""
    return text.split("\n")


def group_paragraphs(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines into paragraphs.

    Blank lines always break paragraphs. A single newline breaks one too (many scrapers put one
    paragraph per line) unless the line plainly continues (`furniture.continues`): it ends without
    terminal punctuation and the next line starts in lower case.
    """
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if current and line[:1].islower() and continues(current[-1], line):  # (most lines open in upper case)
            current.append(line)
            continue
        if current:
            paragraphs.append(" ".join(current))
        current = [line]
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _markdown_title(lines: list[str]) -> tuple[str | None, list[str]]:
    for i, line in enumerate(lines):
        if not line:
            continue
        match = re.match(r"^#\s+(.+?)\s*#*$", line)
        if match:
            return match.group(1), lines[:i] + lines[i + 1:]
        return None, lines
    return None, lines


def _strip_markdown(line: str) -> str:
    line = re.sub(r"^#{1,6}\s+", "", line)
    line = re.sub(r"^(?:[-*+]|\d+[.)])\s+(?=\S)", lambda m: m.group(0) if m.group(0)[0].isdigit() else "", line)
    line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
    return line


def remove_trailing_teasers(paragraphs: list[str]) -> tuple[list[str], list[Removed]]:
    """Drop the block of truncated teaser headlines that scrapers pick up after an article.

    A trailing run of two or more truncated lines is a teaser block; a single trailing truncated
    line goes only when it shares little vocabulary with the article above it.
    """
    end = len(paragraphs)
    start = end
    while start > 0 and is_truncated_teaser(paragraphs[start - 1]):
        start -= 1
    run = paragraphs[start:end]
    if not run or start == 0:
        return paragraphs, []
    body_words = set().union(*(content_words(p) for p in paragraphs[:start]))
    if len(run) == 1 and overlap_with(run[0], body_words) >= 0.5:
        return paragraphs, []
    reason = "teaser headline: truncated with an ellipsis after the article, unrelated to it"
    kept = list(paragraphs[:start])
    removed = []
    for p in run:
        if len(run) >= 2 or overlap_with(p, body_words) < 0.5:
            removed.append(Removed(p, reason))
        else:
            kept.append(p)
    return kept, removed


def remove_teaser_blocks(paragraphs: list[str]) -> tuple[list[str], list[Removed]]:
    """Drop runs of three or more truncated headlines anywhere (related-story widgets mid-page)."""
    # A paragraph ending in a letter, a digit or "word." is no teaser (`_may_end_in_an_ellipsis`):
    # settled inline for almost every paragraph, and with fewer than three teasers there is no run.
    teaser = [not (p[-1:].isalnum() or (p[-1:] == "." and p[-2:-1].isalnum())) and is_truncated_teaser(p) for p in paragraphs]
    if sum(teaser) < 3:
        return list(paragraphs), []
    kept: list[str] = []
    removed: list[Removed] = []
    i = 0
    while i < len(paragraphs):
        j = i
        while j < len(paragraphs) and teaser[j]:
            j += 1
        if j - i >= 3:
            removed += [Removed(p, "teaser headline block: truncated headlines of other stories") for p in paragraphs[i:j]]
            i = j
        else:
            kept.append(paragraphs[i])
            i += 1
    return kept, removed


_NON_WORD = re.compile(r"\W+")
_ROUGH_DROP = bytes(i for i in range(256) if i >= 128 or not re.match(r"\w", chr(i)))
_ASCII_LOWER = bytes(range(256)).lower()


_ROUGH_CHARS = 24  # ASCII letters and digits a rough key keeps: enough to tell paragraphs apart
_ROUGH_SPAN = 80  # characters of a paragraph that almost always hold that many


def _ascii_word_bytes(text: str) -> bytes:
    """The text's ASCII letters, digits and underscores, lower-cased, in order.

    The byte table lower-cases in the same pass: `str.lower` is needed (and paid for, character
    by character) only for the two characters it turns into ASCII letters, İ and K."""
    if text.isascii() or ("\u0130" not in text and "\u212a" not in text):
        return text.encode("utf-8", "surrogatepass").translate(_ASCII_LOWER, _ROUGH_DROP)
    return text.lower().encode("utf-8", "surrogatepass").translate(None, _ROUGH_DROP)


def _rough_key(paragraph: str) -> bytes:
    """The paragraph's first ASCII letters and digits, lower-cased: equal for every true repeat.

    Coarser than the exact key (it joins words, drops non-ASCII letters and stops after
    `_ROUGH_CHARS`), computed in C on the paragraph's opening without a regex, so its cost does
    not grow with the paragraph; only paragraphs whose rough keys collide get the exact key.
    """
    key = _ascii_word_bytes(paragraph[:_ROUGH_SPAN])
    if len(key) < _ROUGH_CHARS and len(paragraph) > _ROUGH_SPAN:
        key = _ascii_word_bytes(paragraph)
    return key[:_ROUGH_CHARS]


def duplicate_key(paragraph: str) -> str:
    """What makes two paragraphs repeats: the same words, whatever the case and punctuation."""
    return _NON_WORD.sub(" ", paragraph).strip().lower()


def remove_duplicates(paragraphs: list[str]) -> tuple[list[str], list[Removed]]:
    """Drop exact repeats (pull quotes, widgets rendered twice); the first occurrence stays."""
    rough = [_rough_key(p) for p in paragraphs]
    if len(set(rough)) == len(rough):  # the common case: nothing repeats, no exact key needed
        return list(paragraphs), []
    seen: set[str] = set()
    kept, removed = [], []
    for p in paragraphs:
        key = duplicate_key(p)
        if key in seen and len(key) > 0:
            removed.append(Removed(p, "duplicate paragraph (repeated earlier in the page)"))
            continue
        seen.add(key)
        kept.append(p)
    return kept, removed


TITLE_MAX = 120
_SENTENCE_END = frozenset(".!…:;,")
_QUOTES_AND_BRACKETS = "\"'”’)]"


def shorten(text: str, limit: int = TITLE_MAX) -> str:
    """Cut at a word boundary and mark the cut, so a long lede still reads as a title."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


def headline_line(paragraphs: list[str]) -> str | None:
    """A first line that reads as a headline: short, more text after it, and not ending as a
    sentence does. A question mark may end one ("Is the war over?"), and so may a closing quote
    ("Minister calls the plan ‘a disgrace’"): what decides is the character before them."""
    if len(paragraphs) < 2:
        return None
    first = paragraphs[0]
    if len(first.split()) <= 20 and first.rstrip(_QUOTES_AND_BRACKETS)[-1:] not in _SENTENCE_END:
        return first
    return None


def clean_text(text: str, *, markdown: bool = False) -> Cleaned:
    """Turn raw scraped text into article paragraphs plus a ledger of what was removed and why."""
    lines = normalized_lines(text)
    title = None
    removed: list[Removed] = []
    if markdown:
        title, lines = _markdown_title(lines)
        lines = [_strip_markdown(line) for line in lines]
    reasons = {i: reason for i, line in enumerate(lines) if line and (reason := boilerplate_reason(line))}
    for i in kept_subheadings(lines, reasons) if reasons else ():
        del reasons[i]
    reasons.update(page_furniture(lines, reasons))
    kept_lines = lines
    if reasons:
        kept_lines = list(lines)
        for i in sorted(reasons):
            removed.append(Removed(lines[i], reasons[i]))
            kept_lines[i] = ""  # a removed line still separates the paragraphs around it
    paragraphs = group_paragraphs(kept_lines)
    paragraphs, teasers = remove_trailing_teasers(paragraphs)
    removed += teasers
    paragraphs, teasers = remove_teaser_blocks(paragraphs)
    removed += teasers
    paragraphs, dupes = remove_duplicates(paragraphs)
    removed += dupes
    # The dateline opens the body: the first paragraph, or the second after a headline line or
    # a short first line (wire copy often ends its headlines with a full stop).
    for i in (0, 1) if len(paragraphs) > 1 and len(paragraphs[0].split()) <= 20 else (0,):
        if i < len(paragraphs):
            first, dateline = strip_dateline(paragraphs[i])
            if dateline:
                paragraphs[i] = first
                removed.append(Removed(dateline, "dateline (place and agency before the first sentence)"))
                break
    return Cleaned(paragraphs=paragraphs, removed=removed, title=title)


def removed_records(cleaned: Cleaned) -> list[dict[str, str]]:
    """The removal ledger as plain dicts (for JSON and DataFrames)."""
    return [{"text": r.text, "reason": r.reason} for r in cleaned.removed]

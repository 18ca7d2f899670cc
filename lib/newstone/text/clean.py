"""Cleaning scraped article text, honestly: every piece removed is kept with the rule that removed it.

The pipeline is a chain of small text functions (normalize, split into lines, drop boilerplate
lines, group lines into paragraphs, drop trailing teaser blocks and repeats). Each rule is a
general pattern of scraped news pages, never a match on one article's words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

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
    if not _MOJIBAKE_HINT.search(text):
        return text
    import ftfy

    return ftfy.fix_encoding(text)


_SPECIAL = re.compile("[" + "".join(map(chr, {**_SPACE_CHARS, **_DROP_CHARS, **_LINE_CHARS})) + "]")


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
    """Unix line ends, single spaces, no trailing blanks; blank lines (paragraph breaks) survive.

    Whole-text passes, the same as collapsing spaces and stripping each line in turn.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = text.replace("\t", " ")
    if "  " in text:
        text = _MULTI_SPACE.sub(" ", text)
    text = "\n".join([line.strip() for line in text.split("\n")])
    if "\n\n\n" in text:
        text = _BLANK_RUN.sub("\n\n", text)
    return text.strip()


# --- boilerplate rules -------------------------------------------------------------------------

_ELLIPSIS_END = re.compile(r"(?:…|\.\s?\.\s?\.)\s*[\"'”’)\]]?$")
_TERMINAL_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")

# (reason, pattern) for lines that are page furniture, not article text. Patterns are anchored
# and short-line bounded so a real sentence that merely mentions "share" or "copyright" stays.
_LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("read-more link", re.compile(r"^(?:read|see|watch|listen)(?: more| also| next| the full story)?\s*(?::|»|›|>|-|–|—|\|)|^(?:read|see) more\b(?:(?!, ).){0,120}$|^(?:also read|continue reading|more on this|click here)\b.{0,160}$", re.I)),
    ("related-links block", re.compile(r"^(?:related|recommended|more from|more stories|most read|most popular|trending|you may also like|you might also like|editor'?s picks|top stories|latest news)(?: (?:articles|stories|coverage|content|news|links|reading))?\s*(?::.{0,160})?$", re.I)),
    ("share/social buttons", re.compile(r"^(?:share(?: this)?(?: (?:article|story|post|page))?(?: on \w+)?|tweet|email|print|facebook|twitter|whatsapp|linkedin|reddit|telegram|copy link|pin it|like this|comments?(?: \(\d+\))?|\d+ comments?|(?:share|facebook|twitter|whatsapp|linkedin|email|print|telegram|reddit)(?:\s*[|/·•,]\s*(?:share|facebook|twitter|x|whatsapp|linkedin|email|print|telegram|reddit|copy link))+)\s*:?\s*$", re.I)),
    ("follow/social prompt", re.compile(r"^(?:follow (?:us|me)\b|like us on\b|join us on\b|join our \w+ channel\b).{0,160}$", re.I)),
    ("copyright notice", re.compile(r"^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}|by\b|of\b)|all rights reserved\b).{0,200}$|^.{0,120}\ball rights reserved\.?$", re.I)),
    ("subscription prompt", re.compile(r"^(?:subscribe\b|get (?:our|the) (?:\w+ )?newsletter\b|already a subscriber\b|become a member\b|support (?:our|independent) journalism\b|register (?:now|for free)\b|log ?in to\b|create a free account\b).{0,200}$|^sign up\b.{0,120}\b(?:newsletters?|updates|alerts|e-?mails?|briefings?|digest|free|account|here|now)\b.{0,80}$|^(?:get|have|receive) (?:the|our)\b[^.,;]{0,60}\b(?:delivered )?(?:straight |directly )?to your inbox\b.{0,60}$|^enter your e-?mail(?: address)?\b.{0,40}$", re.I)),
    ("wire credits", re.compile(r"^\(?(?:reporting|writing|editing|additional reporting|compiled|produced) by\b.{0,200}$", re.I)),
    ("embedded social post", re.compile(r"^.{0,300}\bpic\.twitter\.com/\w+.{0,120}$|^[—–-]\s*.{1,80}\(@\w{1,15}\)\s+\w+ \d{1,2},? \d{4}$", re.I)),
    ("page widget", re.compile(r"^(?:(?:like )?loading\W{0,3}|please enable javascript\b.{0,150}|javascript (?:is )?(?:disabled|required)\b.{0,150}|your browser does not support\b.{0,150}|play video|watch video|video duration \d[\d:]*|listen to (?:this|the) (?:article|story)\b.{0,60})$", re.I)),
    ("advertisement marker", re.compile(r"^(?:advertisement|advertising|sponsored(?: content)?|ad|story continues below(?: advertisement)?|article continues (?:below|after advertisement)|scroll to continue(?: with content)?)\s*$", re.I)),
    ("navigation", re.compile(r"^(?:home|skip to (?:main )?content|menu|search|back to top|next article|previous article|close)\s*$|^(?:[\w&' ]{1,20}\s*(?:\||»|›|>)\s*){2,}[\w&' ]{1,20}$", re.I)),
    ("cookie notice", re.compile(r"^(?:we use cookies\b|(?:this|our) (?:site|website) uses cookies\b|cookies on (?:this|our) (?:site|website)\b|accept (?:all )?cookies\b|cookie (?:policy|settings|preferences)\b).{0,300}$|^(?:accept and continue|accept all|reject all|manage (?:cookie |privacy )?(?:preferences|settings|consent))\s*$", re.I)),
    ("tags line", re.compile(r"^(?:tags|topics|filed under|categories)\s*:.{0,200}$|^(?:tags|topics|related topics)$|^(?:posted|filed) (?:in|under)\b.{0,100}\|\s*tagged\b.{0,200}$", re.I)),
    ("image caption/credit", re.compile(r"^(?:(?:photo(?:graph)?|image|picture|file photo|video|caption|credit|illustration|graphic)s?\s*(?::|by\b|/).{0,200}|[^.]{0,150}\((?:photo|image|picture)(?: by)?[^)]{0,80}\)|.{0,150}\b(?:getty images|afp via getty|reuters/[\w ]+|ap photo(?:/[\w. ]+)?)\s*\)?\.?)$", re.I)),
    ("byline", re.compile(r"^(?i:by|written by|reporting by|additional reporting by|edited by|compiled by)\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|al|bin|,))*(?:\s*[|,–—-]\s*[\w .&]{1,40})?\.?$")),
    ("timestamp line", re.compile(r"^(?:(?:published|updated|posted|last updated|first published|modified)(?: on| at)?\s*:?\s*)(?:\w+day,?\s*)?(?:\d{1,4}[\s/.-]+\w+[\s/.-]+\d{2,4}|\w+\.? \d{1,2},? \d{4}|\d{1,2}:\d{2}).{0,60}$|^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:ET|EST|EDT|PT|PST|PDT|CT|CST|CDT|GMT|UTC|BST|CET|CEST|IST|AEST|AEDT)?$|^(?:updated|posted|published)\s+\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago$", re.I)),
    ("comment section", re.compile(r"^(?:leave a (?:reply|comment)\b.{0,40}|post a comment|add (?:a|your) comment|comments are closed\.?|(?:view|show|hide|load|read) (?:all )?(?:\d+ )?comments?(?: \(\d+\))?|be the first to comment\.?|join the (?:conversation|discussion)\.?|your email address will not be published\b.{0,80}|required fields are marked\b.{0,10}|\d+ (?:replies|responses))$", re.I)),
    ("pagination", re.compile(r"^(?:page \d+ of \d+|(?:go to )?(?:next|previous|prev) page|(?:«\s*)?(?:previous|prev|next)(?:\s*»)?|\d+(?:\s+\d+){1,9}(?:\s+(?:next|»|›))?)$", re.I)),
    ("republication note", re.compile(r"^(?:(?i:this (?:article|story|piece|post|report) (?:was|is|has been) (?:originally |first )?(?:published|republished|reprinted|posted) (?:on|in|by|at|with|from) (?:the )?)[A-Z].{0,200}|(?i:(?:a version of )?this (?:article|story|piece) (?:originally |first )appeared\b.{0,200}|read the original article\.?))$")),
    ("correction note", re.compile(r"^(?:(?:correction|clarification|editor'?s note)s?\s*(?:\(\w+\.? \d{1,2}(?:, \d{4})?\))?\s*:|an earlier version of this (?:article|story|report|piece)\b).{0,360}$", re.I)),
    ("author bio", re.compile(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} is (?:a|an|the) (?:[\w-]+ ){0,3}(?:reporter|correspondent|writer|journalist|columnist|editor|contributor|producer)\b (?:for|at|with|on|covering|based)\b(?!.*\b(?:said|says|told|heard|according|who|whose|was|were|had)\b).{0,200}$")),
]

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


# Four rules scan the whole line (`.{0,300}...`) and cost more than the other twelve together;
# each has words it cannot match without (its guard). A line with none of them (almost every
# line of an article) is tried against the twelve cheap rules as one combined pattern, in
# order, at the start of the line: every rule is anchored there, so `match` finds the same
# first rule as `search` with each rule in turn. Any other line gets every rule in turn, as
# defined. Python's case-insensitive matching also folds four non-ASCII letters onto ASCII
# ones, so a line holding one of them gets every rule too.
_GUARDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # rule: (starts with one of, contains one of)
    "copyright notice": ((), ("©", "(c)", "copyright", "all rights reserved")),
    "embedded social post": (("—", "–", "-"), ("pic.twitter.com",)),
    "navigation": (("home", "skip to", "menu", "search", "back to top", "next article", "previous article", "close"),
                   ("|", "»", "›", ">")),
    "image caption/credit": (("photo", "image", "picture", "file photo", "video", "caption", "credit", "illustration",
                              "graphic"),
                             ("(photo", "(image", "(picture", "getty", "reuters/", "ap photo")),
}
_DIGITS = tuple("0123456789")
_GUARDS.update({  # rules tried only on lines that start with their words: free for every other line
    "cookie notice": (("we use cookies", "this site", "this website", "our site", "our website", "cookies on", "accept",
                       "cookie", "reject all", "manage"), ()),
    "tags line": (("tags", "topics", "filed", "categories", "related topics", "posted"), ()),
    "timestamp line": (("published", "updated", "posted", "last updated", "first published", "modified") + _DIGITS, ()),
    "comment section": (("leave a", "post a comment", "add a comment", "add your comment", "comments are closed", "view",
                         "show", "hide", "load", "read", "be the first", "join the", "your email address",
                         "required fields") + _DIGITS, ()),
    "pagination": (("page", "go to", "next", "previous", "prev", "«") + _DIGITS, ()),
    "republication note": (("this article", "this story", "this piece", "this post", "this report", "a version of",
                            "read the original"), ()),
    "correction note": (("correction", "clarification", "editor", "an earlier version"), ()),
})
_FOLDED = ("\u0131", "\u0130", "\u017f", "\u212a")  # ı İ ſ K: matched by ASCII letters under re.I
_RULE_NAMES = {f"r{i}": reason for i, (reason, _) in enumerate(_LINE_RULES)}
_ANY_START = tuple(word for starts, _ in _GUARDS.values() for word in starts)


def _may_hold_a_guard_word(line: str, low: str) -> bool:
    """Whether any guard word of _GUARDS can be in the line (plain `in` tests: faster than one regex)."""
    return (("(" in line and ("(c)" in low or "(photo" in low or "(image" in low or "(picture" in low))
            or "|" in line or ">" in line or "»" in line or "›" in line or "©" in line
            or "copyright" in low or "all rights reserved" in low or "pic.twitter.com" in low or "getty" in low
            or "reuters/" in low or "ap photo" in low)


_CHEAP_RULES = re.compile("|".join(
    f"(?P<r{i}>{'(?i:' if pattern.flags & re.I else '(?:'}{pattern.pattern}))"
    for i, (reason, pattern) in enumerate(_LINE_RULES) if reason not in _GUARDS
))


def boilerplate_reason(line: str) -> str | None:
    """The name of the boilerplate rule a single line matches, or None for article text."""
    if len(line) > 400:
        return None
    low = line.lower()
    if (line.isascii() or not any(c in line for c in _FOLDED)) and not low.startswith(_ANY_START) \
            and not _may_hold_a_guard_word(line, low):
        match = _CHEAP_RULES.match(line)  # the common case: the twelve cheap rules in one pass
        return _RULE_NAMES[match.lastgroup] if match else None
    for reason, pattern in _LINE_RULES:  # a line that may be page furniture: every rule in turn
        if pattern.search(line):
            return reason
    return None


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
    closing quote or bracket, is neither '…' nor three periods (the regex search costs far more)."""
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


def _ends_open(line: str) -> bool:
    return not _TERMINAL_END.search(line)


def group_paragraphs(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines into paragraphs.

    Blank lines always break paragraphs. A single newline breaks one too (many scrapers put one
    paragraph per line) unless the line plainly continues: it ends without terminal punctuation
    and the next line starts in lower case.
    """
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if current and _ends_open(current[-1]) and line[:1].islower():
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
    kept: list[str] = []
    removed: list[Removed] = []
    i = 0
    while i < len(paragraphs):
        j = i
        while j < len(paragraphs) and is_truncated_teaser(paragraphs[j]):
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


def _rough_key(paragraph: str) -> bytes:
    """The paragraph's ASCII letters and digits, lower-cased: equal for every true repeat.

    Coarser than the exact key (it joins words and drops non-ASCII letters), computed in C
    without a regex; only paragraphs whose rough keys collide get the exact key.
    """
    return paragraph.lower().encode("utf-8", "surrogatepass").translate(None, _ROUGH_DROP)


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
_CLOSING = re.compile(r"[.!?…:;,\"”’)]$")


def shorten(text: str, limit: int = TITLE_MAX) -> str:
    """Cut at a word boundary and mark the cut, so a long lede still reads as a title."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


def headline_line(paragraphs: list[str]) -> str | None:
    """A first line that reads as a headline: short, no closing punctuation, more text after it."""
    if len(paragraphs) < 2:
        return None
    first = paragraphs[0]
    if len(first.split()) <= 20 and not _CLOSING.search(first):
        return first
    return None


def clean_text(text: str, *, markdown: bool = False) -> Cleaned:
    """Turn raw scraped text into article paragraphs plus a ledger of what was removed and why."""
    text = normalize_whitespace(normalize_unicode(repair_mojibake(text)))
    lines = split_lines(text)
    title = None
    removed: list[Removed] = []
    if markdown:
        title, lines = _markdown_title(lines)
        lines = [_strip_markdown(line) for line in lines]
    kept_lines = []
    for line in lines:
        reason = boilerplate_reason(line) if line else None
        if reason:
            removed.append(Removed(line, reason))
            # A removed line still separates the paragraphs around it.
            kept_lines.append("")
        else:
            kept_lines.append(line)
    paragraphs = group_paragraphs(kept_lines)
    paragraphs, teasers = remove_trailing_teasers(paragraphs)
    removed += teasers
    paragraphs, teasers = remove_teaser_blocks(paragraphs)
    removed += teasers
    paragraphs, dupes = remove_duplicates(paragraphs)
    removed += dupes
    # The dateline opens the body: the first paragraph, or the second after a headline line.
    for i in (0, 1) if headline_line(paragraphs) else (0,):
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

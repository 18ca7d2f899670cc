"""Page furniture in scraped text: the lines and blocks that belong to the page, not the article.

Two kinds of evidence, each general to scraped news rather than one site: what a single line
says (`boilerplate_reason`: "Share", "Advertisement", a byline, a copyright line), and where a
line stands (`page_furniture`: runs of short link lines around the article, a "More from ..."
heading with the headlines under it, a date under the headline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


# (reason, pattern) for lines that are page furniture, not article text. Patterns are anchored
# and short-line bounded so a real sentence that merely mentions "share" or "copyright" stays.
_LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("read-more link", re.compile(r"^(?:read|see|watch|listen)(?: more| also| next| the full story)?\s*(?::|»|›|>|-|–|—|\|)|^(?:read|see) more\b(?:(?!, ).){0,120}$|^(?:also read|continue reading|more on this|click here)\b.{0,160}$", re.I)),
    ("related-links block", re.compile(r"^(?:related|recommended|more from|more stories|most read|most popular|most viewed|most shared|trending|you may also like|you might also like|editor'?s picks|top stories|latest news|recent posts)(?: (?:articles|stories|coverage|content|news|links|reading))?\s*(?::.{0,160})?$|^more (?:from|on|in) (?:the )?[A-Z][\w&'’-]*(?: [\w&'’-]+){0,3}$", re.I)),
    ("share/social buttons", re.compile(r"^(?:share(?: this)?(?: (?:article|story|post|page))?(?: (?:on|via) \w+)?|tweet|email|print|save|facebook|twitter|whatsapp|linkedin|reddit|telegram|copy link|link copied!?|pin it|like this|comments?(?: \(\d+\))?|\d+ comments?|(?:share|facebook|twitter|whatsapp|linkedin|email|print|telegram|reddit)(?:\s*[|/·•,]\s*(?:share|facebook|twitter|x|whatsapp|linkedin|email|print|telegram|reddit|copy link))+)\s*:?\s*$", re.I)),
    ("follow/social prompt", re.compile(r"^(?:follow (?:us|me)\b|follow (?:[\w'’]+ ){0,3}(?:coverage|live updates|updates)\b|like us on\b|join us on\b|join our \w+ channel\b).{0,160}$", re.I)),
    ("copyright notice", re.compile(r"^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}|by\b|of\b)|all rights reserved\b).{0,200}$|^.{0,120}\ball rights reserved\.?$", re.I)),
    ("subscription prompt", re.compile(r"^(?:subscribe\b|thanks for reading\b|get (?:our|the) (?:\w+ )?newsletter\b|already a subscriber\b|become a member\b|support (?:our|independent) journalism\b|register (?:now|for free)\b|log ?in to\b|create a free account\b).{0,200}$|^sign up\b.{0,120}\b(?:newsletters?|updates|alerts|e-?mails?|briefings?|digest|free|account|here|now)\b.{0,80}$|^(?:get|have|receive) (?:the|our)\b[^.,;]{0,60}\b(?:delivered )?(?:straight |directly )?to your inbox\b.{0,60}$|^enter your e-?mail(?: address)?\b.{0,40}$", re.I)),
    ("wire credits", re.compile(r"^\(?(?:reporting|writing|editing|additional reporting|compiled|produced) by\b.{0,200}$|^sources?\s*:\s*[\w ,&/-]{1,60}$", re.I)),
    ("embedded social post", re.compile(r"^.{0,300}\bpic\.twitter\.com/\w+.{0,120}$|^[—–-]\s*.{1,80}\(@\w{1,15}\)\s+\w+ \d{1,2},? \d{4}$", re.I)),
    ("page widget", re.compile(r"^(?:(?:like )?loading\W{0,3}|please enable javascript\b.{0,150}|javascript (?:is )?(?:disabled|required)\b.{0,150}|your browser does not support\b.{0,150}|play video|watch video|video duration \d[\d:]*|listen to (?:this|the) (?:article|story)\b.{0,60})$", re.I)),
    ("advertisement marker", re.compile(r"^(?:advertisement|advertising|sponsored(?: content)?|ad|ad feedback|story continues(?: below)?(?: advertisement)?|article continues (?:below|after advertisement)|scroll to continue(?: with content)?)\s*$", re.I)),
    ("navigation", re.compile(r"^(?:home|skip to (?:main )?(?:content|navigation)|menu|search|back to top|next article|previous article|close|sign in|log in|sign out|log out|my account)\s*$|^(?:[\w&' ]{1,20}\s*(?:\||»|›|>)\s*){2,}[\w&' ]{1,20}$", re.I)),
    ("cookie notice", re.compile(r"^(?:we use cookies\b|(?:this|our) (?:site|website) uses cookies\b|cookies on (?:this|our) (?:site|website)\b|accept (?:all )?cookies\b|cookie (?:policy|settings|preferences)\b).{0,300}$|^(?:accept and continue|accept all|reject all|manage (?:cookie |privacy )?(?:preferences|settings|consent))\s*$", re.I)),
    ("tags line", re.compile(r"^(?:tags|topics|filed under|categories)\s*:.{0,200}$|^(?:tags|topics|related topics)$|^(?:posted|filed) (?:in|under)\b.{0,100}\|\s*tagged\b.{0,200}$", re.I)),
    ("image caption/credit", re.compile(r"^(?:(?:photo(?:graph)?|image|picture|file photo|video|caption|credit|illustration|graphic)s?\s*(?::|by\b|/).{0,200}|(?:image|media|video|photo) (?:source|caption|credit)s?\s*[:,].{0,200}|item \d+ of \d+ .{0,400}|.{0,250}\((?:photo|image|picture)s?(?: by|:)?[^)]{0,80}\)|.{0,150}\b(?:getty images|afp via getty|reuters/[\w ]+|ap photo(?:/[\w. ]+)?)\s*\)?\.?|.{0,200}\bphoto(?:graph)?s?\s*:\s*[A-Z][^.!?]{0,80})$", re.I)),
    ("byline", re.compile(r"^(?i:by|written by|reporting by|additional reporting by|edited by|compiled by):?\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|al|bin|,))*(?: (?:in|at) [A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3})?(?:\s*[|,–—-]\s*[\w .&]{1,40})?\.?$")),
    ("timestamp line", re.compile(r"^(?:(?:published|updated|posted|last updated|first published|modified)(?: on| at)?\s*:?\s*)(?:\w+day,?\s*)?(?:\d{1,4}[\s/.-]+\w+[\s/.-]+\d{2,4}|\w+\.? \d{1,2},? \d{4}|\d{1,2}:\d{2}).{0,60}$|^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:ET|EST|EDT|PT|PST|PDT|CT|CST|CDT|GMT|UTC|BST|CET|CEST|IST|AEST|AEDT)?$|^(?:updated|posted|published)\s+\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago$", re.I)),
    ("comment section", re.compile(r"^(?:leave a (?:reply|comment)\b.{0,40}|\d+ (?:thoughts|comments|responses|replies) on [“\"‘'].{1,120}|post a comment|add (?:a|your) comment|comments are closed\.?|(?:view|show|hide|load|read) (?:all )?(?:\d+ )?comments?(?: \(\d+\))?|be the first to comment\.?|join the (?:conversation|discussion)\.?|your email address will not be published\b.{0,80}|required fields are marked\b.{0,10}|\d+ (?:replies|responses))$", re.I)),
    ("pagination", re.compile(r"^(?:page \d+ of \d+|(?:go to )?(?:next|previous|prev) page|(?:«\s*)?(?:previous|prev|next)(?:\s*»)?|\d+(?:\s+\d+){1,9}(?:\s+(?:next|»|›))?)$", re.I)),
    ("republication note", re.compile(r"^(?:(?i:this (?:article|story|piece|post|report) (?:was|is|has been) (?:originally |first )?(?:published|republished|reprinted|posted) (?:on|in|by|at|with|from) (?:the )?)[A-Z].{0,200}|(?i:(?:a version of )?this (?:article|story|piece) (?:originally |first )appeared\b.{0,200}|read the original article\.?))$")),
    ("correction note", re.compile(r"^(?:(?:correction|clarification|editor'?s note)s?\s*(?:\(\w+\.? \d{1,2}(?:, \d{4})?\))?\s*:|an earlier version of this (?:article|story|report|piece)\b|this (?:article|story|report|piece) (?:was|has been) (?:amended|corrected|updated)\b).{0,360}$", re.I)),
    ("author bio", re.compile(r"^[A-Z][\w.'’-]++(?: [A-Z][\w.'’-]++){1,3} is (?:a|an|the) (?:[\w-]+ ){0,3}(?:reporter|correspondent|writer|journalist|columnist|editor|contributor|producer)\b (?:for|at|with|on|covering|based)\b(?!.*\b(?:said|says|told|heard|according|who|whose|was|were|had)\b).{0,200}$")),
]


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
    "navigation": (("home", "skip to", "menu", "search", "back to top", "next article", "previous article", "close",
                    "sign in", "log in", "sign out", "log out", "my account"),
                   ("|", "»", "›", ">")),
    "image caption/credit": (("photo", "image", "picture", "file photo", "video", "media", "caption", "credit",
                              "illustration", "graphic", "item "),
                             ("(photo", "(image", "(picture", "getty", "reuters/", "ap photo", "photo")),
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
    "correction note": (("correction", "clarification", "editor", "an earlier version", "this article", "this story",
                         "this piece", "this report"), ()),
})
_FOLDED = ("\u0131", "\u0130", "\u017f", "\u212a")  # ı İ ſ K: matched by ASCII letters under re.I
_RULE_NAMES = {f"r{i}": reason for i, (reason, _) in enumerate(_LINE_RULES)}
_ANY_START = tuple(word for starts, _ in _GUARDS.values() for word in starts)
# The start words by their first two letters, so a line is lower-cased and compared only against
# the few that share its opening ("th": "this article", ...). Only ı İ ſ K lower-case or fold onto
# ASCII letters, and a line holding one of them takes every rule, so the first letters decide.
_ONE_CHAR_STARTS = frozenset(word for word in _ANY_START if len(word) == 1)
_STARTS_BY_PAIR: dict[str, tuple[str, ...]] = {}
for _word in _ANY_START:
    if len(_word) > 1:
        _STARTS_BY_PAIR[_word[:2]] = _STARTS_BY_PAIR.get(_word[:2], ()) + (_word,)
_LONGEST_START = max(map(len, _ANY_START))


def _starts_with_a_guard_word(line: str) -> bool:
    """`line.lower().startswith(_ANY_START)`, for a line without ı İ ſ K, without lower-casing it all."""
    pair = line[:2].lower()
    if pair[:1] in _ONE_CHAR_STARTS:
        return True
    words = _STARTS_BY_PAIR.get(pair)
    return words is not None and line[:_LONGEST_START].lower().startswith(words)


def _may_hold_a_guard_word(line: str, low: str) -> bool:
    """Whether any guard word of _GUARDS can be in the line (plain `in` tests: faster than one regex)."""
    return (("(" in line and ("(c)" in low or "(photo" in low or "(image" in low or "(picture" in low))
            or "|" in line or ">" in line or "»" in line or "›" in line or "©" in line
            or "copyright" in low or "all rights reserved" in low or "pic.twitter.com" in low or "getty" in low
            or "reuters/" in low or "photo" in low)


# The cheap rules but the last (author bio, which opens with any capital and is tried alone on a
# line with " is "), as one pattern, with the two letters a line must open with for it to match.
_AUTHOR_BIO = dict(_LINE_RULES)["author bio"]
assert _LINE_RULES[-1][0] == "author bio"
_CHEAP_RULES = re.compile("|".join(
    f"(?P<r{i}>{'(?i:' if pattern.flags & re.I else '(?:'}{pattern.pattern}))"
    for i, (reason, pattern) in enumerate(_LINE_RULES) if reason not in _GUARDS and reason != "author bio"
))


def _openings(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Every way a match of `pattern` at a line's start can open, as its first three characters
    lower-cased (fewer for a match that may be shorter), or None when the pattern
    allows too many (a class like \\w first). Read from the parse tree of Python's `re`. Only
    ASCII openings are listed: a line opening with other characters always gets the pattern."""
    try:
        from re import _constants as op, _parser as parser

        tree = parser.parse(pattern, flags)
    except Exception:  # another Python's internals: no filter, every line gets the pattern
        return None

    def seq(items: list, k: int) -> set[str] | None:
        out = {""}
        for code, arg in items:
            if all(len(o) >= k for o in out):
                break
            got = one(code, arg, k)
            if got is None:
                return None
            out = {(o + g)[:k] if len(o) < k else o for o in out for g in got}
        return out

    def one(code, arg, k: int) -> set[str] | None:
        if code is op.LITERAL:
            return {chr(arg).lower()}
        if code is op.IN:
            chars: set[str] = set()
            for c, a in arg:
                if c is op.LITERAL:
                    chars.add(chr(a).lower())
                elif c is op.RANGE and a[1] - a[0] < 64:
                    chars.update(chr(x).lower() for x in range(a[0], a[1] + 1))
                elif c is op.CATEGORY and a in (op.CATEGORY_DIGIT, op.CATEGORY_UNI_DIGIT):
                    chars.update("0123456789")  # other digits are not ASCII: such lines take the pattern anyway
                elif c is op.CATEGORY and a in (op.CATEGORY_SPACE, op.CATEGORY_UNI_SPACE):
                    chars.update(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f")
                else:
                    return None
            return chars
        if code is op.BRANCH:
            out: set[str] = set()
            for branch in arg[1]:
                got = seq(branch.data, k)
                if got is None:
                    return None
                out |= got
            return out
        if code is op.SUBPATTERN:
            return seq(arg[3].data, k)
        if code in (op.MAX_REPEAT, op.MIN_REPEAT, op.POSSESSIVE_REPEAT):
            inner = seq(arg[2].data, k)
            if inner is None:
                return None
            out = {""}
            for _ in range(min(k, arg[1])):  # up to k repeats decide the opening; a minimum only narrows it
                out |= {(o + g)[:k] for o in out for g in inner}
            return out
        if code in (op.AT, op.ASSERT, op.ASSERT_NOT):
            return {""}  # zero width: a superset of what can follow
        return None

    found = seq(tree.data, 3)
    return None if found is None else frozenset(found)


_CHEAP_OPENINGS = _openings(_CHEAP_RULES.pattern)


def boilerplate_reason(line: str) -> str | None:
    """The name of the boilerplate rule a single line matches, or None for article text."""
    if len(line) > 400:
        return None
    if (line.isascii() or not any(c in line for c in _FOLDED)) and not _starts_with_a_guard_word(line) \
            and not _may_hold_a_guard_word(line, line.lower()):
        opening = line[:3].lower()  # the common case: the cheap rules in one pass, if the line opens as one can
        if (_CHEAP_OPENINGS is None or not opening.isascii() or opening in _CHEAP_OPENINGS
                or opening[:2] in _CHEAP_OPENINGS or opening[:1] in _CHEAP_OPENINGS or "" in _CHEAP_OPENINGS):
            match = _CHEAP_RULES.match(line)
            if match:
                return _RULE_NAMES[match.lastgroup]
        return "author bio" if " is " in line and _AUTHOR_BIO.match(line) else None
    for reason, pattern in _LINE_RULES:  # a line that may be page furniture: every rule in turn
        if pattern.search(line):
            return reason
    return None

# --- furniture by its place on the page ----------------------------------------------------------
#
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
    r"(?:\s*(?:,|at|·|\||-|–)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
    r"(?:\s*[·|•-]\s*\d+\s*min(?:ute)?s? read)?$"
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
    """What the tail scan stops at: a sentence, or a short line that ends like one ("Rain or shine.")."""
    return _shape(line) in ("sentence", "other")


@dataclass
class _Item:
    """A piece of the head or tail: one line a line rule removed, or the lines of one unit of text."""

    start: int
    end: int
    text: str
    shape: str  # a _shape, or 'furniture' (a line rule's line), 'date', 'heading'


_OPEN_END = frozenset(".!?…:;")


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
        while (j < hi and lines[j] and j not in reasons and lines[j][:1].islower()
               and lines[j - 1].rstrip(_CLOSERS)[-1:] not in _OPEN_END):
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


def _head(blocks: list[list[_Item]], mark: dict[int, str], first: int) -> None:
    """Before the first sentence: links and labels above the headline, byline and date under it."""
    _related(blocks, mark, give_back=False)
    flat = [(b, k, item) for b, block in enumerate(blocks) for k, item in enumerate(block)]
    candidates = []
    for n, (b, k, item) in enumerate(flat):
        if item.start in mark:
            continue
        block, before, after = blocks[b], _run(blocks[b], k, -1), _run(blocks[b], k, 1)
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
    while last > first and (not lines[last - 1] or (last - 1) in reasons or not _ends_a_sentence(lines[last - 1])):
        last -= 1
    mark: dict[int, str] = {}
    _head(head, mark, first)
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
    if last < len(lines):
        _tail(_items(lines, reasons, last, len(lines))[0], mark)
    return {i: reason for i, reason in mark.items() if i not in reasons}

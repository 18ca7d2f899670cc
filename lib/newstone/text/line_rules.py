"""Page furniture by what a single line says: "Share", "Advertisement", a byline, a copyright line.

`boilerplate_reason` names the rule a line matches. Each rule is a general pattern of scraped
news pages, anchored and bounded so a real sentence that merely mentions the words stays; the
common line (article prose) is sent past most rules by cheap tests that are proven equal to
trying every rule (tests/test_clean.py).
"""

from __future__ import annotations

import re



# (reason, pattern) for lines that are page furniture, not article text. Patterns are anchored
# and short-line bounded so a real sentence that merely mentions "share" or "copyright" stays.
_LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("read-more link", re.compile(r"^(?:read|see|watch|listen)(?: more| also| next| the full story)?\s*(?::|»|›|>|-|–|—|\|)|^(?:read|see) more\b(?:(?!, ).){0,120}$|^(?:also read|continue reading|more on this|click here|go deeper)\b.{0,160}$|^(?:read|see|watch|listen to) the full (?:story|paper|report|study|statement|article|interview|transcript|speech|episode)(?: here)?\.?$", re.I)),
    ("related-links block", re.compile(r"^(?:related|recommended|more from|more stories|most read|most popular|most viewed|most shared|trending|you may also like|you might also like|editor['’]?s picks|top stories|latest news|recent posts)(?: (?:articles?|stor(?:y|ies)|coverage|content|news|links?|reading|videos?))?\s*(?::.{0,160})?$|^more (?:from|on|in) (?:the )?[A-Z][\w&'’-]*(?: [\w&'’-]+){0,3}$", re.I)),
    ("share/social buttons", re.compile(r"^(?:share(?: or comment on)?(?: this)?(?: (?:article|story|post|page))?(?: (?:on|via) \w+)?|share options|tweet|email|print|save|facebook|twitter|whatsapp|linkedin|reddit|telegram|copy link|link copied!?|pin it|like this|comments?(?: \(\d+\)| \d+)?|\d+ comments?|(?:share|facebook|twitter|whatsapp|linkedin|email|print|telegram|reddit)(?:\s*[|/·•,]\s*(?:share|facebook|twitter|x|whatsapp|linkedin|email|print|telegram|reddit|copy link))+)\s*:?\s*$", re.I)),
    ("follow/social prompt", re.compile(r"^(?:follow (?:us|me)\b|follow (?:[\w'’]+ ){0,3}(?:coverage|live updates|updates)\b|like us on\b|join us on\b|join our \w+ (?:channel|community|group)\b).{0,160}$", re.I)),
    ("copyright notice", re.compile(r"^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}|by\b|of\b)|all rights reserved\b).{0,200}$|^.{0,120}\ball rights reserved\.?$", re.I)),
    ("subscription prompt", re.compile(r"^(?:subscribe\b|thanks for reading\b|get (?:our|the) (?:\w+ )?newsletter\b|already a subscriber\b|become a member\b|support (?:our|independent) journalism\b|register (?:now|for free)\b|log ?in to\b|create a free account\b).{0,200}$|^sign up\b.{0,120}\b(?:newsletters?|updates|alerts|e-?mails?|briefings?|digest|free|account|here|now)\b.{0,80}$|^(?:get|have|receive) (?:the|our)\b[^.,;]{0,60}\b(?:delivered )?(?:straight |directly )?to your inbox\b.{0,60}$|^(?:enter|type) your e-?mail(?: address)?\b.{0,40}$", re.I)),
    ("wire credits", re.compile(r"^\(?(?:reporting|writing|editing|additional reporting|compiled|produced) by\b.{0,200}$|^sources?\s*:\s*(?-i:[A-Z][\w&/-]*|and|news|agencies|wires?)(?:[ ,]+(?-i:[A-Z][\w&/-]*|and|of|news|agencies|wires?|reports?|staff))*\.?$", re.I)),
    ("embedded social post", re.compile(r"^.{0,300}\bpic\.twitter\.com/\w+.{0,120}$|^[—–-]\s*.{1,80}\(@\w{1,15}\)\s+\w+ \d{1,2},? \d{4}$", re.I)),
    ("page widget", re.compile(r"^(?:(?:like )?loading\W{0,3}|please (?:enable|turn on) javascript\b.{0,150}|javascript (?:is )?(?:disabled|required)\b.{0,150}|your browser does not support\b.{0,150}|play video|watch video|video duration \d[\d:]*|listen to (?:this|the) (?:article|story)\b.{0,60})$", re.I)),
    ("advertisement marker", re.compile(r"^(?:advertisement|advertising|sponsored(?: content)?|ad|ad feedback|story continues(?: below)?(?: advertisement)?|article continues (?:below|after advertisement)|scroll to continue(?: with content)?)\s*$", re.I)),
    ("navigation", re.compile(r"^(?:home|skip to (?:main )?(?:content|navigation)|menu|search|donate(?: now| today)?|back to top|next article|previous article|close|sign in|log in|sign out|log out|my account)\s*$|^(?:[\w&' ]{1,20}\s*(?:\||»|›|>)\s*){2,}[\w&' ]{1,20}$", re.I)),
    ("cookie notice", re.compile(r"^(?:we use cookies\b|(?:this|our) (?:site|website) uses cookies\b|cookies on (?:this|our) (?:site|website)\b|accept (?:all )?cookies\b|cookie (?:policy|settings|preferences)\b|we value your privacy\b|we and our (?:\d+ )?(?:partners|vendors)\b).{0,300}$|^(?:accept and continue|accept all|reject all|manage (?:cookie |privacy )?(?:preferences|settings|consent))\s*$", re.I)),
    ("tags line", re.compile(r"^(?:tags|topics|filed under|categories)\s*:.{0,200}$|^(?:tags|topics|related topics)$|^(?:posted|filed) (?:in|under)\b.{0,100}\|\s*tagged\b.{0,200}$", re.I)),
    ("image caption/credit", re.compile(r"^(?:(?:photo(?:graph)?|image|picture|file photo|video|caption|credit|illustration|graphic)s?\s*(?::|by\b|/).{0,200}|(?:image|media|video|photo) (?:source|caption|credit)s?\s*[:,].{0,200}|item \d+ of \d+ .{0,400}|\[\d+/\d+\] .{0,400}|.{0,250}\((?:photo|image|picture)s?(?: by|:)?[^)]{0,80}\)|.{0,150}\b(?:getty images|afp via getty|reuters/[\w ]+|ap photo(?:/[\w. ]+)?)\s*\)?\.?|.{0,200}\bphoto(?:graph)?s?\s*:\s*[A-Z][^.!?]{0,80})$", re.I)),
    ("byline", re.compile(r"^(?i:by|written by|reporting by|additional reporting by|edited by|compiled by):?\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|al|bin|,))*(?: (?:in|at) [A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3})?(?:\s*[|,–—-]\s*(?![^.]*\b(?:is|are|was|were|will|would|had|has|have|said|says|can|could)\b)(?!.*\.$)(?:[A-Z]|(?:staff|senior|chief|special|contributing|political|associate)\b)[\w .&]{0,39})?(?:\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+|, (?:a|an|the|our) (?:[\w-]+ ){0,3}(?:reporter|correspondent|writer|editor|reviewer|journalist|columnist|critic|contributor|producer|photographer)\b[^.]{0,100})?\.?$")),
    ("timestamp line", re.compile(r"^(?:(?:published|updated|posted|last updated|first published|modified)(?: on| at)?\s*:?\s*)(?:\w+day,?\s*)?(?:\d{1,4}[\s/.-]+\w+[\s/.-]+\d{2,4}|\w+\.? \d{1,2},? \d{4}|\d{1,2}:\d{2}).{0,60}$|^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:ET|EST|EDT|PT|PST|PDT|CT|CST|CDT|GMT|UTC|BST|CET|CEST|IST|AEST|AEDT)?$|^(?:updated|posted|published)\s+\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago$", re.I)),
    ("comment section", re.compile(r"^(?:leave a (?:reply|comment)\b.{0,40}|\d+ (?:thoughts|comments|responses|replies) on [“\"‘'].{1,120}|post a comment|add (?:a|your) comment|comments are closed\.?|(?:view|show|hide|load|read) (?:all )?(?:\d+ )?comments?(?: \(\d+\))?|be the first to comment\.?|(?:enter|write) (?:a|your) comment(?: here)?\W{0,3}|join the (?:conversation|discussion)\.?|your email address will not be published\b.{0,80}|required fields are marked\b.{0,10}|\d+ (?:replies|responses))$", re.I)),
    ("pagination", re.compile(r"^(?:page \d+ of \d+|(?:go to )?(?:next|previous|prev) page|(?:«\s*)?(?:previous|prev|next)(?:\s*»)?|\d+(?:\s+\d+){1,9}(?:\s+(?:next|»|›))?)$", re.I)),
    ("republication note", re.compile(r"^(?:(?i:this (?:article|story|piece|post|report) (?:was|is|has been) (?:originally |first )?(?:published|republished|reprinted|posted) (?:on|in|by|at|with|from) (?:the )?)[A-Z].{0,200}|(?i:(?:a version of )?this (?:article|story|piece) (?:originally |first )appeared\b.{0,200}|a version of this (?:article|story|piece) appears in print\b.{0,400}|read the original article\b.{0,80}))$")),
    ("correction note", re.compile(r"^(?:(?:correction|clarification|editor['’]?s note)s?\s*(?:\(\w+\.? \d{1,2}(?:, \d{4})?\))?\s*:|an earlier version of this (?:article|story|report|piece)\b|this (?:article|story|report|piece) (?:was|has been) (?:amended|corrected|updated)\b).{0,360}$", re.I)),
    ("contributor credit", re.compile(r"^[\w.'’ ,&-]{1,100} contributed (?:reporting|to this (?:report|story|article))(?: from [\w .,'’-]{1,60})?\.?$", re.I)),
    ("separator line (no words)", re.compile(r"^[_*#=~·•∙|.\-–—](?:\s*[_*#=~·•∙|.\-–—]){0,39}\s*$")),
    ("page widget: audio, video or feedback link", re.compile(r"^(?:(?:the )?audio (?:version )?of this (?:article|story)\b.{0,200}|estimated \d+ min(?:ute)?s?(?: read| listen)?)$|^(?:was this (?:page|article|story|information) (?:helpful|useful)\??|report (?:a|an) (?:typo|error|editorial error|technical (?:issue|problem)|correction|problem|issue)|give feedback|send (?:us )?feedback)\.?$|^(?:watch now|video\s*\d{1,2}:\d{2}(?::\d{2})?)$", re.I)),
    ("sign-up, paywall or newsletter notice", re.compile(r"^(?:view (?:this )?(?:e-?mail|newsletter|it) in (?:your|a|the) (?:web )?browser\.?|you(?: are|'re|’re) receiving this (?:e-?mail|newsletter)\b.{0,200}|you received this (?:e-?mail|newsletter)\b.{0,200}|(?:unsubscribe|update your preferences|manage your subscription)\b.{0,100})$|^(?:this (?:article|story|content) is (?:for|only for|only available to|exclusive to|reserved for) (?:paying )?(?:subscribers|members)\b.{0,80}|cancel (?:at )?any ?time\.?|to continue reading,? (?:subscribe|log in|sign in)\b.{0,120}|you(?:'ve|’ve| have) reached (?:your|the) (?:free )?(?:article )?limit\b.{0,160}|you have \d+ free (?:articles?|stories) (?:left|remaining)\b.{0,100})$|^(?:by (?:submitting|signing up|subscribing|clicking|registering|entering|continuing|posting|commenting|using)\b.{0,60}\byou (?:\w+ (?:and )?)?(?:agree|accept|consent|acknowledge)\b.{0,300}|(?:this site is )?protected by recaptcha\b.{0,200})$", re.I)),
    ("site notice: affiliate links, delayed quotes, press contacts", re.compile(r"^(?:if you (?:buy|purchase|click on) (?:something|a product|an item|through)|we (?:may )?(?:earn|receive) (?:a )?(?:commission|affiliate)|when you (?:buy|purchase) (?:through|via|something))\b.{0,300}$|^(?:data is a real-time snapshot\W*)?(?:all )?(?:market )?(?:quotes?|data)(?: (?:are|is))? delayed\b.{0,200}$|^(?:media|press|news) (?:contacts?|enquiries|inquiries)\s*:?.{0,80}$|^for (?:more|further) information,? (?:please )?contact\b.{0,120}$", re.I)),
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
    "navigation": (("home", "skip to", "menu", "search", "donate", "back to top", "next article", "previous article", "close",
                    "sign in", "log in", "sign out", "log out", "my account"),
                   ("|", "»", "›", ">")),
    "image caption/credit": (("photo", "image", "picture", "file photo", "video", "media", "caption", "credit",
                              "illustration", "graphic", "item ", "["),
                             ("(photo", "(image", "(picture", "getty", "reuters/", "ap photo", "photo")),
}
_DIGITS = tuple("0123456789")
_GUARDS.update({  # rules tried only on lines that start with their words: free for every other line
    "cookie notice": (("we use cookies", "this site", "this website", "our site", "our website", "cookies on", "accept",
                       "cookie", "reject all", "manage", "we value", "we and our"), ()),
    "page widget: audio, video or feedback link": (("the audio", "audio", "estimated", "was this", "report a",
        "give feedback", "send feedback", "send us", "watch now", "video"), ()),
    "sign-up, paywall or newsletter notice": (("view", "you are receiving", "you're receiving", "you’re receiving",
        "you received", "unsubscribe", "update your preferences", "manage your subscription", "this article",
        "this story", "this content", "cancel any", "cancel at any", "to continue reading", "you've reached", "you’ve reached",
        "you have", "by submitting", "by signing", "by subscribing", "by clicking", "by registering", "by entering",
        "by continuing", "by posting", "by commenting", "by using", "this site is", "protected by"), ()),
    "site notice: affiliate links, delayed quotes, press contacts": (("if you buy", "if you purchase",
        "if you click", "we may", "we earn", "we receive", "when you buy", "when you purchase", "data is", "data delayed",
        "quote delayed", "quotes delayed", "quotes are delayed", "all quotes", "market data", "all market", "media contact", "press contact", "news contact", "media enquir",
        "press enquir", "media inquir", "press inquir", "news enquir", "news inquir", "for more information",
        "for further information"), ()),
    "tags line": (("tags", "topics", "filed", "categories", "related topics", "posted"), ()),
    "timestamp line": (("published", "updated", "posted", "last updated", "first published", "modified") + _DIGITS, ()),
    "comment section": (("leave a", "post a comment", "add a comment", "add your comment", "comments are closed", "view",
                         "enter a", "enter your", "write a", "write your",
                         "show", "hide", "load", "read", "be the first", "join the", "your email address",
                         "required fields") + _DIGITS, ()),
    "pagination": (("page", "go to", "next", "previous", "prev", "«") + _DIGITS, ()),
    "republication note": (("this article", "this story", "this piece", "this post", "this report", "a version of",
                            "read the original"), ()),
    "contributor credit": ((), ("contributed",)),
    "correction note": (("correction", "clarification", "editor", "an earlier version", "this article", "this story",
                         "this piece", "this report"), ()),
})
_FOLDED = ("\u0131", "\u0130", "\u017f", "\u212a")  # ı İ ſ K: matched by ASCII letters under re.I (spelled out in boilerplate_reason)
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
    return _opens_with_a_guard_word(line, line[:3].lower())


def _opens_with_a_guard_word(line: str, opening: str) -> bool:
    """`_starts_with_a_guard_word(line)` given `opening`, the line's first three characters lower-cased
    (their first two are the first two lower-cased: only İ lower-cases to two characters)."""
    pair = opening[:2]
    if pair[:1] in _ONE_CHAR_STARTS:
        return True
    words = _STARTS_BY_PAIR.get(pair)
    return words is not None and line[:_LONGEST_START].lower().startswith(words)


def _may_hold_a_guard_word(line: str, low: str) -> bool:
    """Whether any guard word of _GUARDS can be in the line (plain `in` tests: faster than one regex)."""
    return (("(" in line and ("(c)" in low or "(photo" in low or "(image" in low or "(picture" in low))
            or "|" in line or ">" in line or "»" in line or "›" in line or "©" in line
            or "copyright" in low or "all rights reserved" in low or "pic.twitter.com" in low or "getty" in low
            or "reuters/" in low or "photo" in low or "contributed" in low)


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
    allows too many (a class like \\w first). Read from the parse tree of Python's `re`. For
    `\\d` and `\\s` only the ASCII characters are listed (see `_other_digit_or_space`)."""
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


def _other_digit_or_space(opening: str) -> bool:
    """A digit or space beyond ASCII, which `\\d` and `\\s` match but the openings do not list."""
    return not opening.isascii() and any(c.isdigit() or c.isspace() for c in opening)


def boilerplate_reason(line: str) -> str | None:
    """The name of the boilerplate rule a single line matches, or None for article text."""
    if len(line) > 400:
        return None
    if line.isascii() or not ("\u0131" in line or "\u0130" in line or "\u017f" in line or "\u212a" in line):  # _FOLDED
        opening = line[:3].lower()
        if not _opens_with_a_guard_word(line, opening) and not _may_hold_a_guard_word(line, line.lower()):
            # the common case: the cheap rules in one pass, if the line opens as one can
            if (_CHEAP_OPENINGS is None or opening in _CHEAP_OPENINGS or _other_digit_or_space(opening)
                    or opening[:2] in _CHEAP_OPENINGS or opening[:1] in _CHEAP_OPENINGS or "" in _CHEAP_OPENINGS):
                match = _CHEAP_RULES.match(line)
                if match:
                    return _RULE_NAMES[match.lastgroup]
            return "author bio" if _AUTHOR_BIO.match(line) else None
    for reason, pattern in _LINE_RULES:  # a line that may be page furniture: every rule in turn
        if pattern.search(line):
            return reason
    return None

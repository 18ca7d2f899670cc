"""Page furniture in scraped text: the lines and blocks that belong to the page, not the article.

Two kinds of evidence, each general to scraped news rather than one site: what a single line
says (`boilerplate_reason`: "Share", "Advertisement", a byline, a copyright line), and where a
line stands (`page_furniture`: runs of short link lines around the article, a "More from ..."
heading with the headlines under it, a date under the headline).
"""

from __future__ import annotations

import re


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

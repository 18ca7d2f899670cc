"""The words and characters the sentence segmenter decides by, and how a token before a period is classified.

Plain data kept apart from the scanning logic in `newstone.text.segment`, so the rules stay
readable and each list can be reviewed on its own: titles that never end a sentence,
abbreviations that may, the sentence starters that signal a new sentence after one, and so on.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------
# Word lists: plain data, so the rules stay readable.
# ---------------------------------------------------------------------------

# Never end a sentence: they announce a name or a continuation.
_NEVER_END_CI = """
    mr mrs ms mx messrs mmes mme mlle dr drs prof profs gen gens sen sens rep reps
    gov govs lt col capt cpt cmdr cmdt adm maj sgt cpl pvt pfc spc ens brig rev revd
    hon rt pres supt det insp ofc amb atty msgr fr sec
    e.g i.e cf viz vs v
"""
_NEVER_END_CS = "Mt Ft Cong Ald"  # lowercase "mt", "ft" are units

# May end a sentence, but only before a sentence starter.
_MAY_END_CI = """
    inc ltd co corp cos llc plc bros assn intl natl govt dept dist div est esq
    jr sr al approx appt apt ca circa esp incl misc vol vols pp ed eds ch op
    fig figs para rs hrs yrs mos mins lbs oz ft sq ave rd st blvd univ
    jan feb apr jun jul aug sep sept oct nov dec
"""
# Capitalised forms only: the lowercase spelling is an ordinary word.
_MAY_END_CS = """
    Mar Mon Tue Tues Thu Thur Thurs Fri Hwy Rte Tel
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich
    Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Tex Vt Va Wash Wis Wyo
"""
# End before any capitalised word except a day, month or time zone.
_USUALLY_END_CI = "etc a.m p.m"
# Ordinary words, except that they are never a boundary before a number ("No. 5").
_NUMBER_WORDS_CI = "no nos art arts ex exh eq eqs ref refs pg pgs chap sect"

# Capitalised words that, after an ambiguous abbreviation, signal a new sentence
# (pySBD's idea, widened with the pronouns, determiners, conjunctions and
# adverbs that open news sentences).  Proper-noun-like words are left out on
# purpose: "U.S. Senate", "U.S. First Lady", "U.K. Under Secretary".
_STARTERS = frozenset(
    """
    A About Above According Across After Afterwards Again Against Ahead All
    Almost Along Already Also Although Always Among An And Another Any Anyone
    Anything Are Around As At Because Before Being Besides Both But By Can Could
    Despite Did Do Does Dozens During Each Earlier Either Even Eventually Every
    Everyone Few Finally For From Further Furthermore Given Had Has Have Having He
    Her Here She Hers Herself Him Himself His How However Hundreds I If In Indeed
    Instead Is It Its Just Last Later Let Like Many Maybe Meanwhile Might
    Millions More Moreover Most Much Must My Neither Never Nevertheless Next No
    Nobody None Nor Not Nothing Now Of Often On Once One Only Or Other Others
    Otherwise Our Over Overall Perhaps Recently Several Since So Some Someone
    Something Sometimes Soon Still Such Than That The Their Them Then There
    Therefore These They This Those Though Thousands Thus To Together Too Two
    Three Four Five Six Seven Eight Nine Ten Unlike Until Upon Was We Were What
    Whatever When Whenever Where Whether Which While Who Whom Whose Why With
    Within Without Would Yes Yet You Your
    """.split()
)
# After "5 p.m." or "etc." these continue the sentence.
_TIME_WORDS = frozenset(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
    January February March April May June July August September October
    November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    ET EST EDT CT CST CDT MT MST MDT PT PST PDT AKST AKDT HST GMT UTC BST CET CEST
    EET EEST MSK IST PKT JST KST AEST AEDT AWST NZST NZDT HKT SGT WIB
    Eastern Central Mountain Pacific Atlantic Greenwich Local
    """.split()
)
# A title after an ambiguous abbreviation starts a new sentence when the words
# before it could form one ("... at 6 p.m. Mr. Smith" but not "At 5 a.m. Mr.
# Smith went").  Only courtesy titles count after U.S.-like abbreviations, since
# "U.S. Rep. Tom Cotton" and "U.S. Gen. ..." are everyday noun phrases.
_COURTESY_TITLES = frozenset("Mr Mrs Ms Mx Messrs Dr Prof".split())
_ANY_TITLES = frozenset(
    "Mr Mrs Ms Mx Messrs Dr Prof Gen Sen Rep Gov Lt Col Capt Sgt Adm Maj Rev".split()
)
_MIN_WORDS_BEFORE_TITLE = 4

# A line ending in one of these words continues on the next line (hard wrap).
_CONTINUING_WORDS = frozenset(
    """
    a an the of to and or but nor with for from by at in on into onto that which
    who whose whom his her their its our my your is are was were be been has have
    had as than if said says told according
    """.split()
)
# "Yahoo! Finance": exclamation marks that belong to a name.
_BANG_NAMES = ("Yahoo", "Jeopardy")
_SPEECH_VERBS = """
    said says asked asks added adds told tells wrote writes replied replies yelled
    shouted screamed continued explained insisted noted recalled tweeted declared
    exclaimed answered responded argued warned cried joked quipped wondered
    demanded urged posted chanted
"""

_BULLETS = "•◦▪‣⁃●■►▸➢➤✓✔❖○□·"
_MIDLINE_BULLETS = "•◦▪‣⁃●■►▸➢➤❖"
_LINE_BULLETS = _BULLETS + "-*–—"
_OPENERS = "\"'“‘«([{¿¡"
_CLOSERS = "\"'”’»)]}"
_QUOTES_CLOSE = "\"'”’»"
_TERMINAL = ".!?…‽"
_CONTINUATION_END = ",;(&/-–—"
_TOKEN_LEAD = _OPENERS + _BULLETS + "-–—*"
_MAX_ITEM = 1000  # chars searched for the next inline list item
_LONG_LINE = 40  # a line at least this long that runs on is hard-wrapped prose

_MULTI_PERIOD = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}\Z")

_PLAIN, _NEVER, _STARTER, _ANY_CAPITAL, _NUMBER_WORD = range(5)
_KIND_CS: dict[str, int] = {
    **dict.fromkeys(_MAY_END_CS.split(), _STARTER),
    **dict.fromkeys(_NEVER_END_CS.split(), _NEVER),
}
_KIND_CI: dict[str, int] = {
    **dict.fromkeys(_NUMBER_WORDS_CI.split(), _NUMBER_WORD),
    **dict.fromkeys(_USUALLY_END_CI.split(), _ANY_CAPITAL),
    **dict.fromkeys(_MAY_END_CI.split(), _STARTER),
    **dict.fromkeys(_NEVER_END_CI.split(), _NEVER),
}


def _lookup(tok: str) -> int:
    """Classify the token before a period by how it may end a sentence."""
    kind = _KIND_CS.get(tok)
    if kind is None:
        kind = _KIND_CI.get(tok.lower())
        if kind is None:
            if len(tok) == 1:
                return _STARTER if tok.isalpha() else _PLAIN  # initials, "you and I."
            if "." in tok and _MULTI_PERIOD.match(tok):
                return _STARTER  # U.S., Ph.D., J.R.R.
            if "-" in tok:
                return _lookup(tok.rsplit("-", 1)[1])  # "then-U.N.", "R-Ariz."
            return _PLAIN
    return kind

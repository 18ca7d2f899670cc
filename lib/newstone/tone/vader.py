"""nltk's VADER, assembled offline from the lexicon inside the vadersentiment wheel.

The bottom of the tone layer: `newstone.tone.sentiment` (the `vader` scorer) and `newstone.tone.fastvader`
(its fast path) both build on it, so neither needs the other.  nltk >= 3.10 refuses arbitrary
paths in `nltk.data.load`, so the analyzer is assembled from the lexicon text; nothing is
downloaded. VADER's data without nltk lives here too (`StockConstants`, `parse_lexicon`), for the
fast path and for worker processes that must not pay nltk's import.
"""

from __future__ import annotations

import math
import re
import string
from importlib import metadata, resources
from typing import Any


def vader_lexicon_text() -> str:
    """The VADER lexicon as shipped in the vadersentiment wheel."""
    return resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")


def lexicon_version() -> str:
    return f"vadersentiment {metadata.version('vadersentiment')}"


def nltk_analyzer(lexicon_text: str | None = None) -> Any:
    """A stock nltk SentimentIntensityAnalyzer over `lexicon_text` (default: vadersentiment's)."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

    analyzer = SentimentIntensityAnalyzer.__new__(SentimentIntensityAnalyzer)
    text = (lexicon_text if lexicon_text is not None else vader_lexicon_text()).strip("\n")
    analyzer.lexicon_file = "\n".join(line for line in text.split("\n") if line.strip())
    analyzer.lexicon = analyzer.make_lex_dict()
    analyzer.constants = VaderConstants()
    return analyzer


def token_valences(analyzer: Any, text: str) -> list[tuple[str, float]]:
    """Each token with the valence VADER gave it after its rules (negation, boosters, 'but', caps).

    Mirrors nltk's polarity_scores step for step, so the valences sum to the score's raw input.
    """
    from nltk.sentiment.vader import SentiText

    a = analyzer
    senti = SentiText(text, a.constants.PUNC_LIST, a.constants.REGEX_REMOVE_PUNCTUATION)
    words = senti.words_and_emoticons
    first_index: dict[str, int] = {}
    for idx, token in enumerate(words):
        first_index.setdefault(token, idx)
    sentiments: list[float] = []
    for item in words:
        i = first_index[item]
        if (
            i < len(words) - 1 and item.lower() == "kind" and words[i + 1].lower() == "of"
        ) or item.lower() in a.constants.BOOSTER_DICT:
            sentiments.append(0)
            continue
        sentiments = a.sentiment_valence(0, senti, item, i, sentiments)
    sentiments = a._but_check(words, sentiments)
    return list(zip(words, (float(s) for s in sentiments)))


class StockConstants:
    """nltk's VaderConstants (nltk 3.9-3.10), copied so that a worker need not import nltk.

    Importing nltk costs about 1.5 s (it pulls in scipy and scikit-learn), paid by every worker
    process of `newstone score`. tests/test_fastvader.py asserts that these equal the installed
    nltk's constants, so an nltk release that changes them fails the tests instead of the numbers.
    """

    B_INCR = 0.293
    B_DECR = -0.293
    C_INCR = 0.733
    N_SCALAR = -0.74
    NEGATE = frozenset(
        """aint arent cannot cant couldnt darent didnt doesnt ain't aren't can't couldn't daren't didn't
        doesn't dont hadnt hasnt havent isnt mightnt mustnt neither don't hadn't hasn't haven't isn't
        mightn't mustn't neednt needn't never none nope nor not nothing nowhere oughtnt shant shouldnt
        uhuh wasnt werent oughtn't shan't shouldn't uh-uh wasn't weren't without wont wouldnt won't
        wouldn't rarely seldom despite""".split()
    )
    BOOSTER_DICT = {
        **dict.fromkeys(
            """absolutely amazingly awfully completely considerably decidedly deeply effing enormously
            entirely especially exceptionally extremely fabulously flipping flippin fricking frickin
            frigging friggin fully fucking greatly hella highly hugely incredibly intensely majorly more
            most particularly purely quite really remarkably so substantially thoroughly totally
            tremendously uber unbelievably unusually utterly very""".split(),
            B_INCR,
        ),
        **dict.fromkeys(
            """almost barely hardly kinda kindof kind-of less little marginally occasionally partly
            scarcely slightly somewhat sorta sortof sort-of""".split(),
            B_DECR,
        ),
        "just enough": B_DECR,
        "kind of": B_DECR,
        "sort of": B_DECR,
    }
    SPECIAL_CASE_IDIOMS = {
        "the shit": 3, "the bomb": 3, "bad ass": 1.5, "yeah right": -2, "cut the mustard": 2,
        "kiss of death": -1.5, "hand to mouth": -2,
    }
    REGEX_REMOVE_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")
    PUNC_LIST = [".", "!", "?", ",", ";", ":", "-", "'", '"', "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?"]

    def normalize(self, score: float, alpha: float = 15) -> float:
        return score / math.sqrt((score * score) + alpha)


def parse_lexicon(text: str) -> dict[str, float]:
    """A VADER lexicon text parsed as nltk's `make_lex_dict` parses what `vader.nltk_analyzer` gives
    it (blank lines dropped), without importing nltk."""
    lexicon: dict[str, float] = {}
    for line in text.strip("\n").split("\n"):
        if line.strip():
            word, measure = line.strip().split("\t")[0:2]
            lexicon[word] = float(measure)
    return lexicon


def stock_lexicon() -> dict[str, float]:
    """The lexicon `VaderScorer` gives nltk (vadersentiment's file, blank lines dropped), parsed as nltk does."""
    return parse_lexicon(vader_lexicon_text())

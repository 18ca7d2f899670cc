"""nltk's VADER, assembled offline from the lexicon inside the vadersentiment wheel.

The bottom of the tone layer: `newstone.tone.sentiment` (the `vader` scorer) and `newstone.tone.fastvader`
(its fast path) both build on it, so neither needs the other.  nltk >= 3.10 refuses arbitrary
paths in `nltk.data.load`, so the analyzer is assembled from the lexicon text; nothing is
downloaded.
"""

from __future__ import annotations

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

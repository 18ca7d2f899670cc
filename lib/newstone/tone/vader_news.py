"""`vader-news`: VADER with the fixes news needs, measured on training data.

Lexicon words inside capitalised names are neutral ("Justice Department", "United States"), a
short list of words VADER scores but news uses neutrally is dropped (``data/vader_news.json``),
and, with the parse rule, reporting verbs used as *said* and "like" as a preposition carry no
tone (`newstone.tone.news_senses`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from newstone.tone.artifacts import load_artifact
from newstone.tone.sentiment import VaderScorer
from newstone.tone.vader import vader_lexicon_text


# ==========================================================================
# News-adjusted VADER
# ==========================================================================

_OPENERS = "\"'“‘([{«"
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")


def _is_title(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and letters[0].isupper() and any(c.islower() for c in letters)


def name_positions(text: str) -> set[int]:
    """Indices (in VADER's token list) of words that are part of a capitalised name.

    A Title-case word counts when it is not the first word of a sentence, or when it is and
    the next word is a Title-case word too ("United Nations officials ...").  ALL-CAPS words
    are left alone: VADER reads them as emphasis.  Indices follow nltk's
    ``SentiText.words_and_emoticons`` (whitespace tokens longer than one character).
    """
    raw = [w for w in text.split() if len(w) > 1]
    initial = []
    prev_end = True
    for w in raw:
        initial.append(prev_end)
        prev_end = bool(_SENTENCE_END.search(w))
    stripped = [w.strip("".join(_OPENERS) + "\"”’),.;:!?") for w in raw]
    title = [_is_title(w) for w in stripped]
    names = set()
    for i, w in enumerate(stripped):
        if not title[i]:
            continue
        if not initial[i]:
            names.add(i)
        elif i + 1 < len(raw) and title[i + 1] and not initial[i + 1]:
            names.add(i)
    return names


def _news_analyzer_class():
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    class NewsAnalyzer(SentimentIntensityAnalyzer):
        """nltk's analyzer with lexicon words inside capitalised names read as neutral."""

        name_rule = True
        parse_rule = False

        def sentiment_valence(self, valence, sentitext, item, i, sentiments):
            if self.parse_rule and item.lower() in self.lexicon:
                from newstone.tone.news_senses import sense_positions

                if i in sense_positions(sentitext.text):
                    sentiments.append(0)
                    return sentiments
            if self.name_rule:
                names = getattr(sentitext, "_newstone_names", None)
                if names is None:
                    names = name_positions(sentitext.text)
                    sentitext._newstone_names = names
                if i in names and item.lower() in self.lexicon:
                    sentiments.append(0)
                    return sentiments
            return super().sentiment_valence(valence, sentitext, item, i, sentiments)

    return NewsAnalyzer


def adjusted_lexicon_text(neutral: Iterable[str] = (), overrides: dict[str, float] | None = None) -> str:
    """VADER's lexicon with `neutral` words removed and `overrides` given new mean valences."""
    drop = {w.lower() for w in neutral}
    overrides = {k.lower(): float(v) for k, v in (overrides or {}).items()}
    lines = []
    for line in vader_lexicon_text().split("\n"):
        if not line.strip():
            continue
        parts = line.split("\t")
        word = parts[0].lower()
        if word in drop:
            continue
        if word in overrides and len(parts) > 1:
            parts[1] = f"{overrides[word]:.2f}"
            line = "\t".join(parts)
        lines.append(line)
    return "\n".join(lines)


class NewsVaderScorer(VaderScorer):
    """VADER with news fixes: names neutral, and a measured list of news-neutral words dropped."""

    name = "vader-news"

    def __init__(self, neutral: Iterable[str] | None = None, name_rule: bool | None = None,
                 parse_rule: bool | None = None):
        config = load_artifact("vader_news.json") if neutral is None or name_rule is None or parse_rule is None else {}
        words = list(config.get("neutral_words", [])) if neutral is None else list(neutral)
        rule = bool(config.get("name_rule", True)) if name_rule is None else bool(name_rule)
        parse = bool(config.get("parse_rule", False)) if parse_rule is None else bool(parse_rule)
        super().__init__(lexicon_text=adjusted_lexicon_text(words))
        self.neutral_words = tuple(words)
        self.name_rule = rule
        self.parse_rule = parse

    def _nltk_analyzer(self):
        """nltk's analyzer with the news rules (`NewsAnalyzer`): the reference of the fast path."""
        from newstone.tone.vader import nltk_analyzer

        cls = _news_analyzer_class()
        analyzer = cls.__new__(cls)
        analyzer.__dict__.update(nltk_analyzer(self._lexicon_text).__dict__)
        analyzer.name_rule = self.name_rule
        analyzer.parse_rule = self.parse_rule
        return analyzer

    def _fast_vader(self):
        """FastVader over the adjusted lexicon, with the news rules as the positions scoring 0
        (equal to `NewsAnalyzer`, tests/test_fast_news_vader.py): no nltk import."""
        from newstone.tone.fastvader import FastVader
        from newstone.tone.vader import parse_lexicon

        return FastVader(lexicon=parse_lexicon(self._lexicon_text), zero_positions=self._neutral_positions,
                         fallback=lambda: self.analyzer)

    def _neutral_positions(self, text: str) -> set[int] | frozenset[int]:
        """Token positions whose lexicon word carries no tone here: inside a name, or in a news sense."""
        if not self.parse_rule:
            return name_positions(text) if self.name_rule else frozenset()
        from newstone.tone.news_senses import sense_positions

        senses = sense_positions(text)
        return (senses | name_positions(text)) if self.name_rule else senses

    def score_many(self, texts: Iterable[str]) -> list[dict[str, float]]:
        """VADER's loop (the fast path), with the news-sense parse of every text done first, in one batch."""
        texts = list(texts)
        if self.parse_rule:
            from newstone.tone.news_senses import prime

            prime(texts)
        return super().score_many(texts)


@lru_cache(maxsize=1)
def news_vader() -> NewsVaderScorer:
    """The VADER behind the trained scorers' lexicon features: fixed as they were trained
    (no parse rule, which would change their inputs)."""
    config = load_artifact("vader_news.json")
    return NewsVaderScorer(config.get("neutral_words", []), bool(config.get("name_rule", True)), parse_rule=False)

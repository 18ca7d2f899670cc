"""Sentiment scorers, looked up by name, and tone aggregates over scored sentences.

The reference scorer `vader` is nltk's SentimentIntensityAnalyzer built from the lexicon that
ships inside the `vadersentiment` wheel: nothing is downloaded, and nltk >= 3.10 refuses
arbitrary paths in `nltk.data.load`, so the analyzer is assembled from the lexicon text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:  # pandas is imported where frames are built: `newstone scorers` never needs it
    import pandas as pd

from newstone.tone.vader import lexicon_version, nltk_analyzer, token_valences, vader_lexicon_text  # noqa: F401  (re-exported)

POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05
SCORE_COLUMNS = ("neg", "neu", "pos", "compound")


from newstone.tone.registry import (  # noqa: F401  (the registry's names, re-exported for callers)
    _REGISTRY,
    ML_INSTALL_HINT,
    RECOMMENDED,
    Scorer,
    UnknownScorerError,
    available_scorers,
    get_scorer,
    recommended_scorers,
    register_scorer,
    scorer_descriptions,
    scorer_installed,
)

DEFAULT_REPORT_SCORER = "minilm"  # reports: the most accurate scorer on news
FALLBACK_REPORT_SCORER = "lexicon"  # the most accurate one that needs no optional extra


def fallback_note(name: str) -> str | None:
    """What happens when `name` cannot be built here: None when it can."""
    if name != DEFAULT_REPORT_SCORER or scorer_installed(name):
        return None
    return (f"scorer {name} is not installed (it needs the optional ml extra: {ML_INSTALL_HINT}); "
            f"scored with {FALLBACK_REPORT_SCORER}, the most accurate scorer without it")


def resolve_scorer(scorer: "str | Scorer | None" = None) -> Scorer:
    """The scorer an analysis uses, resolved once at the edge and passed down as an object:
    calibrated onto the shared tone scale (`newstone.tone.calibrate`).  `minilm` without its extra
    falls back to `lexicon`; the returned scorer's `note` says so (None otherwise)."""
    from newstone.tone.calibrate import CalibratedScorer, load_calibrations

    if scorer is not None and not isinstance(scorer, str):
        return scorer if isinstance(scorer, CalibratedScorer) else CalibratedScorer(scorer, load_calibrations().get(scorer.name))
    name = scorer or DEFAULT_REPORT_SCORER
    note = fallback_note(name)
    if note:
        name = FALLBACK_REPORT_SCORER
    resolved = CalibratedScorer(get_scorer(name), load_calibrations().get(name))
    resolved.note = note
    return resolved


# --- VADER ------------------------------------------------------------------------------------


class VaderScorer:
    """nltk's VADER, unchanged, plus access to the per-word valences it computes on the way."""

    name = "vader"

    def __init__(self, lexicon_text: str | None = None):
        self._lexicon_text = lexicon_text
        self._analyzer: Any = None
        self._replaced = False  # an analyzer set from outside: only nltk itself can vouch for it
        self._fast: Any = None

    @property
    def analyzer(self) -> Any:
        """nltk's analyzer, built on first use: importing nltk costs about 1.5 s (scipy, sklearn),
        which batch scoring and explanations need not pay when `fastvader` serves them."""
        if self._analyzer is None:
            self._analyzer = self._nltk_analyzer()
        return self._analyzer

    @analyzer.setter
    def analyzer(self, value: Any) -> None:
        self._analyzer = value
        self._replaced = True
        self._fast = None

    def _nltk_analyzer(self) -> Any:
        """The nltk analyzer this scorer is (subclasses with rules of their own override it)."""
        return nltk_analyzer(self._lexicon_text)

    def _fast_vader(self) -> Any:
        """A FastVader equal to `_nltk_analyzer()` without importing nltk, or None when there is none
        (subclasses with rules of their own override it, with tests of equality)."""
        from newstone.tone.fastvader import FastVader
        from newstone.tone.vader import parse_lexicon

        if type(self) is not VaderScorer:
            return None
        if self._lexicon_text is None:
            return FastVader()  # the same lexicon and nltk's constants, copied
        return FastVader(lexicon=parse_lexicon(self._lexicon_text), fallback=lambda: self.analyzer)

    def polarity_scores(self, text: str) -> dict[str, float]:
        return self.analyzer.polarity_scores(text)

    def _fast_path(self) -> Any:
        """FastVader when it vouches for this analyzer (its own lexicon and nltk's constants: no
        nltk import at all), else False."""
        if self._fast is None:
            if not self._replaced:
                fast = self._fast_vader()
            else:
                from nltk.sentiment.vader import SentimentIntensityAnalyzer

                from newstone.tone.fastvader import FastVader

                stock = type(self) is VaderScorer and type(self.analyzer) is SentimentIntensityAnalyzer
                fast = FastVader(self.analyzer) if stock else None
            self._fast = fast if fast is not None and fast.exact_fast_path else False
        return self._fast

    def score_many(self, texts: Iterable[str]) -> list[dict[str, float]]:
        """Batch scoring through `newstone.tone.fastvader`, whose scores equal nltk's (tested on every
        shared snippet); nltk itself when the fast path cannot vouch for this analyzer."""
        fast = self._fast_path()
        if fast:
            return fast.score_many(texts)
        score = self.analyzer.polarity_scores
        return [score(t) for t in texts]

    def token_valences(self, text: str) -> list[tuple[str, float]]:
        """Each token with the valence VADER gave it after its rules; the fast path when it serves."""
        fast = self._fast_path() if isinstance(text, str) else False
        if fast:
            return fast.token_valences(text)
        return self.nltk_token_valences(text)

    def valences_and_scores(self, text: str) -> tuple[list[tuple[str, float]], dict[str, float]]:
        """`token_valences(text)` and `polarity_scores(text)` in one pass (the lexicon features)."""
        fast = self._fast_path() if isinstance(text, str) else False
        if fast:
            return fast.valences_and_scores(text)
        valences = self.nltk_token_valences(text)
        return valences, self.analyzer.score_valence([v for _, v in valences], text)

    def nltk_token_valences(self, text: str) -> list[tuple[str, float]]:
        """`token_valences` computed by nltk itself (`newstone.tone.vader.token_valences`): the reference the
        fast path is tested against."""
        return token_valences(self.analyzer, text)


@register_scorer("vader", "nltk VADER with the vadersentiment lexicon: the reference, built for social media")
def _vader() -> Scorer:
    return VaderScorer()


# --- tables -----------------------------------------------------------------------------------


def tone_label(compound: float) -> str:
    """VADER's usual three classes, with the ±0.05 thresholds."""
    if compound >= POSITIVE_THRESHOLD:
        return "positive"
    if compound <= NEGATIVE_THRESHOLD:
        return "negative"
    return "neutral"


def score_texts(texts: Iterable[str], scorer: str | Scorer = "vader") -> pd.DataFrame:
    """neg/neu/pos/compound for each text, one row each, in order."""
    import pandas as pd

    s = get_scorer(scorer) if isinstance(scorer, str) else scorer
    rows = s.score_many(list(texts))
    return pd.DataFrame(rows, columns=list(SCORE_COLUMNS)).astype(float)


def score_sentences(sentences: pd.DataFrame, scorer: str | Scorer = "vader", text_column: str = "text") -> pd.DataFrame:
    """A copy of `sentences` with score columns and a `tone` label added."""
    import pandas as pd

    scores = score_texts(sentences[text_column].tolist(), scorer)
    out = sentences.reset_index(drop=True).copy()
    for col in SCORE_COLUMNS:
        out[col] = scores[col].to_numpy() if len(out) else pd.Series(dtype=float)
    out["tone"] = [tone_label(c) for c in out["compound"]]
    return out


def document_tone(scored: pd.DataFrame) -> dict[str, float | int]:
    """Mean compound and the share of negative/neutral/positive sentences."""
    n = int(len(scored))
    if n == 0:
        return {"compound": 0.0, "n_sentences": 0, "share_negative": 0.0, "share_neutral": 0.0, "share_positive": 0.0}
    labels = scored["compound"].map(tone_label)
    return {
        "compound": float(scored["compound"].mean()),
        "n_sentences": n,
        "share_negative": float((labels == "negative").mean()),
        "share_neutral": float((labels == "neutral").mean()),
        "share_positive": float((labels == "positive").mean()),
    }


def describe_tone(compound: float) -> str:
    """Words for a mean compound score, for summaries a reader scans."""
    strength = abs(compound)
    label = tone_label(compound)
    if label == "neutral":
        return "neutral"
    degree = "strongly " if strength >= 0.5 else "moderately " if strength >= 0.2 else "slightly "
    return degree + label

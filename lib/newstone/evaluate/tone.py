"""How well a scorer agrees with people: predictions, evaluations and the metrics table.

Two kinds of labelled data (read by `newstone.evaluate.datasets`, measured with
`newstone.evaluate.metrics`) are scored:

* the *VADER format* (Hutto & Gilbert 2014): ``*_GroundTruth.txt``, tab-separated id, mean human
  rating on -4..+4, text.  A scorer is judged as in the paper: Pearson r between its compound
  score and the mean rating, and 3-class F1 with the compound cut at +-0.05.  The paper's "F1"
  is the support-weighted F1 over the three classes (scikit-learn's "weighted avg"), with the
  people's class taken from the *sign* of the mean rating (neutral only at exactly 0): that
  reproduces the published precision / recall / F1 (tweets 0.99 / 0.94 / 0.96); cutting the
  rating / 4 at +-0.05 instead does not (tweets F1 0.90).  ``rating_classes="sign"`` (default)
  is the paper's rule, ``rating_classes="band"`` the +-0.05 band on rating / 4.
* *NewsMTSC* (Hamborg & Donnay 2021): news sentences whose targets (actors) carry a polarity
  (2.0 negative, 4.0 neutral, 6.0 positive).  A scorer predicts one label per target from its
  actor-level tone: scorers with a ``target_scores(sentence, start, end)`` method are asked
  directly; any other scorer scores ``newstone.text.clauses.target_contexts`` (the clause about the
  mention, on spaCy's parse of the sentence).  The label is cut from the compound at the scorer's ``target_thresholds``
  (a (negative, positive) pair fitted on training data only) or at VADER's +-0.05.

Public API
----------
predict_vader_format(data, scorer)     one row per snippet: rating, compound, label, predicted
evaluate_vader_format(data, scorer)    {"n", "pearson_r", "f1_weighted", "f1_macro", "accuracy", ...}
evaluate_vader_by_dataset(data, scorer) the same per dataset (one row each, plus "all")
predict_newsmtsc(data, scorer)         one row per target: context, compound, label, predicted
evaluate_newsmtsc(data, scorer)        the same keys; pearson_r is None
target_tone(scorer, sentence, s, e)    the scorer's tone about the mention at [s, e)
worst_misses(predictions, n)           the predictions furthest from the people's label
scoring_speed(scorer, texts)           sentences per second
run_evaluation(data, scorers)          every scorer on a data folder or file: metrics and predictions (`newstone eval`)
markdown_table(table)                  the metrics table as Markdown
"""

from __future__ import annotations

import hashlib
import math
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from newstone.tone.sentiment import Scorer, get_scorer
from newstone.people.targets import is_target_aware, target_contexts, target_tone, target_tones
from newstone.evaluate.datasets import load_newsmtsc, load_vader_ground_truth, vader_format_split
from newstone.evaluate.metrics import DEFAULT_THRESHOLDS, accuracy, f1_macro, f1_weighted, pearson_r, rating_labels, tone_labels

__all__ = [
    "predict_vader_format",
    "vader_format_metrics",
    "evaluate_vader_format",
    "evaluate_vader_by_dataset",
    "predict_newsmtsc",
    "newsmtsc_metrics",
    "evaluate_newsmtsc",
    "target_tone",
    "worst_misses",
    "scoring_speed",
    "run_evaluation",
    "markdown_table",
]


def _summary(y_true: list[str], y_pred: list[str], r: float | None, seconds: float, n_texts: int) -> dict[str, Any]:
    return {
        "n": len(y_true),
        "pearson_r": r,
        "f1_weighted": f1_weighted(y_true, y_pred),
        "f1_macro": f1_macro(y_true, y_pred),
        "accuracy": accuracy(y_true, y_pred),
        "seconds": seconds,
        "sentences_per_second": (n_texts / seconds) if seconds > 0 else float("inf"),
    }


# ==========================================================================
# Scorers
# ==========================================================================


def _scorer(scorer: str | Scorer) -> Scorer:
    return get_scorer(scorer) if isinstance(scorer, str) else scorer


def _clear_scorer_caches() -> None:
    """Scorers share per-sentence feature caches; clear them so speeds are not flattered."""
    scorers = sys.modules.get("newstone.tone.scorers")
    if scorers is not None and hasattr(scorers, "clear_caches"):
        scorers.clear_caches()


def _timed_scores(s: Scorer, texts: list[str]) -> tuple[list[dict[str, float]], float]:
    _clear_scorer_caches()
    t0 = time.perf_counter()
    scores = s.score_many(texts)
    return scores, time.perf_counter() - t0


def scoring_speed(scorer: str | Scorer, texts: Sequence[str], min_seconds: float = 0.5, max_rounds: int = 20) -> float:
    """Sentences per second over `texts` (repeated until `min_seconds` have passed)."""
    s = _scorer(scorer)
    texts = list(texts)
    if not texts:
        return float("nan")
    s.score_many(texts[: min(len(texts), 8)])  # warm up lazy loading
    done, elapsed, rounds = 0, 0.0, 0
    while (elapsed < min_seconds and rounds < max_rounds) or rounds == 0:
        t0 = time.perf_counter()
        s.score_many(texts)
        elapsed += time.perf_counter() - t0
        done += len(texts)
        rounds += 1
    return done / elapsed if elapsed > 0 else float("inf")


# ==========================================================================
# VADER format
# ==========================================================================


def _vader_frame(data: str | Path | pd.DataFrame) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        return data.reset_index(drop=True)
    return load_vader_ground_truth(data)


def predict_vader_format(
    data: str | Path | pd.DataFrame, scorer: str | Scorer = "vader", rating_classes: str = "sign"
) -> pd.DataFrame:
    """One row per snippet: dataset, id, text, rating, compound, label (people's), predicted, error.

    ``label`` follows `rating_classes` (see `rating_labels`); ``error`` is compound - rating / 4.
    ``attrs["seconds"]`` holds the scoring time.
    """
    frame = _vader_frame(data)
    s = _scorer(scorer)
    scores, seconds = _timed_scores(s, frame["text"].astype(str).tolist())
    out = frame.copy()
    if "dataset" not in out.columns:
        out.insert(0, "dataset", "data")
    out["compound"] = [float(x["compound"]) for x in scores]
    out["label"] = rating_labels(out["rating"], rating_classes)
    out["predicted"] = tone_labels(out["compound"])
    out["error"] = out["compound"] - out["rating"] / 4.0
    out.attrs["seconds"] = seconds
    out.attrs["scorer"] = getattr(s, "name", type(s).__name__)
    out.attrs["rating_classes"] = rating_classes
    return out


def vader_format_metrics(predictions: pd.DataFrame, seconds: float | None = None) -> dict[str, Any]:
    """The summary metrics plus ``mae``: mean |compound - rating / 4|, how far the scale is from
    people's (what calibration should shrink)."""
    secs = predictions.attrs.get("seconds", 0.0) if seconds is None else seconds
    out = _summary(
        predictions["label"].tolist(),
        predictions["predicted"].tolist(),
        pearson_r(predictions["compound"], predictions["rating"]),
        secs,
        len(predictions),
    )
    out["mae"] = float((predictions["compound"] - predictions["rating"] / 4.0).abs().mean()) if len(predictions) else None
    return out


def evaluate_vader_format(
    data: str | Path | pd.DataFrame,
    scorer: str | Scorer = "vader",
    return_predictions: bool = False,
    rating_classes: str = "sign",
) -> dict[str, Any] | tuple[dict[str, Any], pd.DataFrame]:
    """Pearson r (compound vs mean rating) and 3-class F1 / accuracy, as in the VADER paper.

    Keys: n, pearson_r, f1_weighted (the paper's "F1" with the default `rating_classes`),
    f1_macro, accuracy, seconds, sentences_per_second.  With ``return_predictions`` also the
    predictions table.
    """
    preds = predict_vader_format(data, scorer, rating_classes)
    metrics = vader_format_metrics(preds)
    return (metrics, preds) if return_predictions else metrics


def evaluate_vader_by_dataset(
    data: str | Path | pd.DataFrame, scorer: str | Scorer = "vader", rating_classes: str = "sign"
) -> pd.DataFrame:
    """The VADER-format metrics per dataset, one row each, and a last row ``all``."""
    preds = predict_vader_format(data, scorer, rating_classes)
    rows = []
    total_seconds = preds.attrs.get("seconds", 0.0)
    groups = list(preds.groupby("dataset", sort=True))
    for name, part in groups:
        share = total_seconds * len(part) / max(len(preds), 1)
        rows.append({"dataset": name, **vader_format_metrics(part, share)})
    if len(groups) > 1:
        rows.append({"dataset": "all", **vader_format_metrics(preds, total_seconds)})
    return pd.DataFrame(rows)


# ==========================================================================
# NewsMTSC (actor-level tone)
# ==========================================================================


def _target_thresholds(s: Scorer) -> tuple[float, float]:
    th = getattr(s, "target_thresholds", None)
    if th is None:
        return DEFAULT_THRESHOLDS
    neg, pos = float(th[0]), float(th[1])
    if not neg <= pos:
        raise ValueError(f"{getattr(s, 'name', s)!r}: target_thresholds {th!r} must be (negative, positive)")
    return neg, pos


def _newsmtsc_frame(data: str | Path | pd.DataFrame) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        return data.reset_index(drop=True)
    return load_newsmtsc(data)


def predict_newsmtsc(data: str | Path | pd.DataFrame, scorer: str | Scorer = "vader") -> pd.DataFrame:
    """One row per target: the loaded columns plus context, compound, predicted.

    ``context`` is the text the scorer saw (the clause from ``target_contexts``, or the whole
    sentence for target-aware scorers).  ``attrs["seconds"]`` is the scoring time (context
    cutting included); ``attrs["thresholds"]`` the (negative, positive) cut used.
    """
    frame = _newsmtsc_frame(data)
    s = _scorer(scorer)
    thresholds = _target_thresholds(s)
    out = frame.copy()
    _clear_scorer_caches()
    t0 = time.perf_counter()
    items = [(a, int(b), int(c)) for a, b, c in zip(out["sentence"], out["start"], out["end"])]
    # every sentence parsed once, in one batch, for the clause about each mention
    contexts = out["sentence"].tolist() if is_target_aware(s) else target_contexts(items)
    scores = target_tones(s, items, None if is_target_aware(s) else contexts)
    seconds = time.perf_counter() - t0
    out["context"] = contexts
    out["compound"] = [float(x["compound"]) for x in scores]
    out["predicted"] = tone_labels(out["compound"], thresholds)
    out.attrs.update(seconds=seconds, thresholds=thresholds, scorer=getattr(s, "name", type(s).__name__))
    return out


def newsmtsc_metrics(predictions: pd.DataFrame, seconds: float | None = None) -> dict[str, Any]:
    secs = predictions.attrs.get("seconds", 0.0) if seconds is None else seconds
    return _summary(predictions["label"].tolist(), predictions["predicted"].tolist(), None, secs, len(predictions))


def evaluate_newsmtsc(
    data: str | Path | pd.DataFrame, scorer: str | Scorer = "vader", return_predictions: bool = False
) -> dict[str, Any] | tuple[dict[str, Any], pd.DataFrame]:
    """Actor-level 3-class agreement with NewsMTSC labels: n, f1_macro (the usual NewsMTSC
    figure), f1_weighted, accuracy, pearson_r (None), seconds, sentences_per_second (targets/s)."""
    preds = predict_newsmtsc(data, scorer)
    metrics = newsmtsc_metrics(preds)
    return (metrics, preds) if return_predictions else metrics


# ==========================================================================
# Worst misses
# ==========================================================================

_LABEL_VALUE = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}


def worst_misses(predictions: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The `n` predictions furthest from the people's judgement, worst first.

    VADER-format tables are ranked by |compound - rating / 4|; label-only tables (NewsMTSC) by
    how far the compound lies on the wrong side (a positive target scored -0.9 comes first).
    """
    if predictions.empty:
        return predictions.copy()
    if "rating" in predictions.columns:
        gap = (predictions["compound"] - predictions["rating"] / 4.0).abs()
    else:
        gap = (predictions["compound"] - predictions["label"].map(_LABEL_VALUE)).abs()
        gap = gap.where(predictions["label"] != predictions["predicted"], 0.0)
    order = gap.sort_values(ascending=False, kind="mergesort").index[:n]
    out = predictions.loc[order].copy()
    out["miss"] = gap.loc[order].to_numpy()
    return out.reset_index(drop=True)


# ==========================================================================
# Command line
# ==========================================================================


class Evaluation:
    """Scorers against labelled data: a metrics table and the predictions behind it."""

    def __init__(self, metrics: pd.DataFrame, predictions: dict[tuple[str, str], pd.DataFrame], notes: list[str]):
        self.metrics = metrics
        self.predictions = predictions  # (scorer, "vader" | "newsmtsc") -> rows
        self.notes = notes


def _sample(frame: pd.DataFrame, n: int, key: str) -> pd.DataFrame:
    """A deterministic subsample (hash of the text), so quick looks are reproducible too."""
    if not n or len(frame) <= n:
        return frame
    order = np.argsort([hashlib.sha256(str(k).encode()).hexdigest() for k in frame[key]], kind="stable")
    return frame.iloc[np.sort(order[:n])].reset_index(drop=True)


def run_evaluation(
    data: str | Path,
    scorers: Sequence[str | Scorer],
    fmt: str | None = None,
    held_out_only: bool = True,
    sample: int = 0,
    rating_classes: str = "sign",
) -> Evaluation:
    """Evaluate scorers on a data folder (vader/ and newsmtsc/, as shared) or on one file.

    In a folder, VADER-format snippets are the held-out split unless `held_out_only` is False
    (the trained scorers saw the rest) and NewsMTSC is `devtest_mt.jsonl`, never trained on.
    """
    root = Path(data)
    notes: list[str] = []
    vader_frame = news_frame = None
    if root.is_dir():
        if (root / "vader").is_dir():
            vader_frame = load_vader_ground_truth(root / "vader")
            if held_out_only:
                vader_frame = vader_format_split(vader_frame)[1]
                notes.append("VADER-format snippets: the held-out split only (30%, by hash of the id).")
        elif list(root.glob("*_GroundTruth.txt")):
            vader_frame = load_vader_ground_truth(root)
        news = root / "newsmtsc" / "devtest_mt.jsonl"
        if news.is_file():
            news_frame = load_newsmtsc(news)
            notes.append("NewsMTSC: devtest_mt.jsonl, which training never reads.")
    elif root.is_file():
        kind = fmt or ("newsmtsc" if root.suffix.lower() == ".jsonl" else "vader")
        if kind == "vader":
            vader_frame = load_vader_ground_truth(root)
        else:
            news_frame = load_newsmtsc(root)
    else:
        raise FileNotFoundError(f"{data}: no such file or folder")
    if vader_frame is None and news_frame is None:
        raise ValueError(f"{data}: no VADER-format (*_GroundTruth.txt) or NewsMTSC (.jsonl) data found")
    if sample:
        if vader_frame is not None:
            vader_frame = pd.concat([_sample(g, sample, "text") for _, g in vader_frame.groupby("dataset", sort=True)], ignore_index=True)
        if news_frame is not None:
            news_frame = _sample(news_frame, sample, "sentence")
        notes.append(f"Subsampled to at most {sample} items per dataset (deterministic).")
    rows: list[dict[str, Any]] = []
    predictions: dict[tuple[str, str], pd.DataFrame] = {}
    for scorer in scorers:
        s = _scorer(scorer)
        name = getattr(s, "name", str(scorer))
        if vader_frame is not None:
            preds = predict_vader_format(vader_frame, s, rating_classes)
            predictions[(name, "vader")] = preds
            total = preds.attrs.get("seconds", 0.0)
            groups = list(preds.groupby("dataset", sort=True))
            for dataset, part in groups:
                rows.append({"scorer": name, "dataset": dataset, **vader_format_metrics(part, total * len(part) / max(len(preds), 1))})
            if len(groups) > 1:
                rows.append({"scorer": name, "dataset": "all", **vader_format_metrics(preds, total)})
        if news_frame is not None:
            preds = predict_newsmtsc(news_frame, s)
            predictions[(name, "newsmtsc")] = preds
            rows.append({"scorer": name, "dataset": "newsmtsc/devtest_mt" if root.is_dir() else "newsmtsc", **newsmtsc_metrics(preds)})
    return Evaluation(pd.DataFrame(rows), predictions, notes)


def markdown_table(table: pd.DataFrame) -> str:
    """The metrics table as Markdown (what `newstone eval --data` prints)."""
    cols = ["scorer", "dataset", "n", "pearson_r", "f1_weighted", "f1_macro", "accuracy", "mae", "sentences_per_second"]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for _, row in table.iterrows():
        cells = []
        for c in cols:
            v = row.get(c)
            if v is None or (isinstance(v, float) and math.isnan(v)):
                cells.append("–")
            elif c == "sentences_per_second":
                cells.append(f"{v:,.0f}")
            elif isinstance(v, float):
                cells.append(f"{v:.3f}")
            else:
                cells.append(str(v))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)

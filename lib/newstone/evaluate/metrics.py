"""The agreement measures every evaluation and training recipe shares (scikit-learn's).

Pearson r, accuracy, the confusion matrix, per-class / weighted / macro F1, and the two rules that
turn numbers into the three classes (a compound cut at thresholds, people's -4..4 ratings cut by
sign or band).  They live apart from the evaluations (`newstone.evaluate.tone`) because the
training recipes (`newstone.evaluate.train` and its helpers) select their models with exactly the
same measures, and the reports draw the same confusion matrix.

Public API
----------
pearson_r, accuracy, confusion_matrix, f1_per_class, f1_weighted, f1_macro, classification_report
tone_labels(compounds, thresholds)     negative/neutral/positive from compound scores
rating_labels(ratings, rule)           the people's classes from -4..4 ratings ("sign" as in the paper, or "band")
"""

from __future__ import annotations

import math
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from newstone.tone.sentiment import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD

__all__ = [
    "LABELS",
    "DEFAULT_THRESHOLDS",
    "RATING_CLASSES",
    "pearson_r",
    "accuracy",
    "confusion_matrix",
    "f1_per_class",
    "f1_weighted",
    "f1_macro",
    "classification_report",
    "tone_labels",
    "rating_labels",
]

LABELS = ("negative", "neutral", "positive")
DEFAULT_THRESHOLDS = (NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD)


def pearson_r(x: Iterable[float], y: Iterable[float]) -> float | None:
    """Pearson's correlation coefficient; None when undefined (fewer than 2 points, or a constant)."""
    a = np.asarray(list(x) if not isinstance(x, (np.ndarray, pd.Series)) else x, dtype=float)
    b = np.asarray(list(y) if not isinstance(y, (np.ndarray, pd.Series)) else y, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"pearson_r: {a.shape} and {b.shape} differ")
    if a.size < 2:
        return None
    a = a - a.mean()
    b = b - b.mean()
    denom = math.sqrt(float(a @ a) * float(b @ b))
    if denom == 0.0:
        return None
    return float(a @ b) / denom


def _pair(y_true: Iterable[Any], y_pred: Iterable[Any]) -> tuple[list, list]:
    t, p = list(y_true), list(y_pred)
    if len(t) != len(p):
        raise ValueError(f"{len(t)} true labels but {len(p)} predictions")
    return t, p


def accuracy(y_true: Iterable[Any], y_pred: Iterable[Any]) -> float:
    """Share of predictions equal to the label (scikit-learn's accuracy_score); NaN when empty."""
    from sklearn.metrics import accuracy_score

    t, p = _pair(y_true, y_pred)
    return float(accuracy_score(t, p)) if t else float("nan")


def confusion_matrix(y_true: Iterable[Any], y_pred: Iterable[Any], labels: Sequence[Any] = LABELS) -> pd.DataFrame:
    """Counts with the true label as rows and the prediction as columns (labels in `labels` order)."""
    from sklearn.metrics import confusion_matrix as sk_confusion

    t, p = _pair(y_true, y_pred)
    m = sk_confusion(t, p, labels=list(labels)) if t else np.zeros((len(labels), len(labels)), dtype=int)
    frame = pd.DataFrame(m.astype(int), index=list(labels), columns=list(labels))
    frame.index.name, frame.columns.name = "true", "predicted"
    return frame


def classification_report(y_true: Iterable[Any], y_pred: Iterable[Any], labels: Sequence[Any] = LABELS) -> pd.DataFrame:
    """Precision, recall, F1 and support per class (scikit-learn; 0 where undefined)."""
    from sklearn.metrics import precision_recall_fscore_support

    t, p = _pair(y_true, y_pred)
    if not t:
        zeros = np.zeros(len(labels))
        return pd.DataFrame({"precision": zeros, "recall": zeros, "f1": zeros, "support": zeros.astype(int)}, index=list(labels))
    precision, recall, f1, support = precision_recall_fscore_support(t, p, labels=list(labels), zero_division=0)
    return pd.DataFrame(
        {"precision": precision, "recall": recall, "f1": f1, "support": support.astype(int)}, index=list(labels)
    )


def f1_per_class(y_true: Iterable[Any], y_pred: Iterable[Any], labels: Sequence[Any] = LABELS) -> dict[Any, float]:
    report = classification_report(y_true, y_pred, labels)
    return {lab: float(report.at[lab, "f1"]) for lab in labels}


def _f1(y_true: Iterable[Any], y_pred: Iterable[Any], labels: Sequence[Any], average: str) -> float:
    from sklearn.metrics import f1_score

    t, p = _pair(y_true, y_pred)
    if not t or not any(x in set(labels) for x in t):
        return float("nan") if average == "weighted" else 0.0
    return float(f1_score(t, p, labels=list(labels), average=average, zero_division=0))


def f1_weighted(y_true: Iterable[Any], y_pred: Iterable[Any], labels: Sequence[Any] = LABELS) -> float:
    """F1 per class averaged with the classes' support (true counts) as weights (scikit-learn)."""
    return _f1(y_true, y_pred, labels, "weighted")


def f1_macro(y_true: Iterable[Any], y_pred: Iterable[Any], labels: Sequence[Any] = LABELS) -> float:
    """F1 per class, plain average over the classes in `labels`, absent classes counting 0 (scikit-learn)."""
    return _f1(y_true, y_pred, labels, "macro")


def tone_labels(compounds: Iterable[float], thresholds: tuple[float, float] = DEFAULT_THRESHOLDS) -> list[str]:
    """negative at or below thresholds[0], positive at or above thresholds[1], neutral between."""
    neg, pos = thresholds
    out = []
    for c in compounds:
        c = float(c)
        out.append("positive" if c >= pos else "negative" if c <= neg else "neutral")
    return out


RATING_CLASSES = ("sign", "band")


def rating_labels(ratings: Iterable[float], rule: str = "sign") -> list[str]:
    """The people's class for mean ratings on -4..4.

    ``sign`` (the VADER paper's, reproduces its figures): positive above 0, negative below,
    neutral at exactly 0.  ``band``: rating / 4 cut at +-0.05 like a compound score.
    """
    if rule == "sign":
        return ["positive" if float(r) > 0 else "negative" if float(r) < 0 else "neutral" for r in ratings]
    if rule == "band":
        return tone_labels((float(r) / 4.0 for r in ratings), DEFAULT_THRESHOLDS)
    raise ValueError(f"rating_classes must be one of {RATING_CLASSES}, not {rule!r}")

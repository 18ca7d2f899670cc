"""How well a scorer agrees with people: loaders, metrics (scikit-learn's) and evaluations.

Two kinds of labelled data are read:

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
  directly; any other scorer scores ``newstone.people.targets.target_context`` (the clause about the
  mention).  The label is cut from the compound at the scorer's ``target_thresholds``
  (a (negative, positive) pair fitted on training data only) or at VADER's +-0.05.

Public API
----------
load_vader_ground_truth(path)          DataFrame[dataset, id, rating, text] (file or folder)
load_newsmtsc(path)                    DataFrame[sentence_id, sentence, start, end, mention, label]
pearson_r, accuracy, confusion_matrix, f1_per_class, f1_weighted, f1_macro, classification_report
tone_labels(compounds, thresholds)     negative/neutral/positive from compound scores
rating_labels(ratings, rule)           the people's classes from -4..4 ratings ("sign" as in the paper, or "band")
predict_vader_format(data, scorer)     one row per snippet: rating, compound, label, predicted
evaluate_vader_format(data, scorer)    {"n", "pearson_r", "f1_weighted", "f1_macro", "accuracy", ...}
evaluate_vader_by_dataset(data, scorer) the same per dataset (one row each, plus "all")
predict_newsmtsc(data, scorer)         one row per target: context, compound, label, predicted
evaluate_newsmtsc(data, scorer)        the same keys; pearson_r is None
target_tone(scorer, sentence, s, e)    the scorer's tone about the mention at [s, e)
worst_misses(predictions, n)           the predictions furthest from the people's label
holdout_mask(keys, fraction, salt)     a fixed, platform-independent split by hashed keys
scoring_speed(scorer, texts)           sentences per second
run_evaluation(data, scorers)          every scorer on a data folder or file: metrics and predictions (`newstone eval`)
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
import time
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from newstone.tone.sentiment import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, Scorer, get_scorer
from newstone.people.targets import is_target_aware, target_context, target_tone, target_tones

__all__ = [
    "LABELS",
    "POLARITY_LABELS",
    "load_vader_ground_truth",
    "load_newsmtsc",
    "pearson_r",
    "accuracy",
    "confusion_matrix",
    "f1_per_class",
    "f1_weighted",
    "f1_macro",
    "classification_report",
    "tone_labels",
    "rating_labels",
    "predict_vader_format",
    "vader_format_metrics",
    "evaluate_vader_format",
    "evaluate_vader_by_dataset",
    "predict_newsmtsc",
    "newsmtsc_metrics",
    "evaluate_newsmtsc",
    "target_tone",
    "worst_misses",
    "holdout_mask",
    "vader_format_split",
    "newsmtsc_split",
    "scoring_speed",
    "run_evaluation",
    "markdown_table",
]

LABELS = ("negative", "neutral", "positive")
POLARITY_LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
DEFAULT_THRESHOLDS = (NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD)

# The held-out parts every trained scorer is reported on (see benchmarks/ACCURACY.md).
VADER_TEST_FRACTION = 0.3
NEWSMTSC_VALIDATION_FRACTION = 0.2


# ==========================================================================
# Loaders
# ==========================================================================


def _ground_truth_files(path: str | Path) -> list[Path]:
    p = Path(path)
    if p.is_dir():
        files = sorted(p.glob("*_GroundTruth.txt"))
        if not files:
            raise FileNotFoundError(f"no *_GroundTruth.txt files in {p}")
        return files
    if not p.is_file():
        raise FileNotFoundError(f"{p} does not exist")
    return [p]


def _dataset_name(path: Path) -> str:
    stem = path.stem
    return stem[: -len("_GroundTruth")] if stem.endswith("_GroundTruth") else stem


def load_vader_ground_truth(path: str | Path) -> pd.DataFrame:
    """Snippets and mean human ratings in VADER's ``*_GroundTruth.txt`` format.

    `path` is one file or a folder of them.  Columns: ``dataset`` (the file name without
    ``_GroundTruth.txt``, e.g. ``tweets``), ``id`` (str), ``rating`` (float, -4..4), ``text``.
    Lines are tab-separated id, rating, text (text may itself contain tabs); CRLF or LF; UTF-8
    (a BOM is ignored).  Blank lines are skipped; a malformed line is an error naming the line.
    """
    rows: list[tuple[str, str, float, str]] = []
    for file in _ground_truth_files(path):
        name = _dataset_name(file)
        text = file.read_text(encoding="utf-8-sig")
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            parts = line.split("\t", 2)
            if len(parts) < 3:
                raise ValueError(f"{file}:{lineno}: expected id<TAB>rating<TAB>text, got {line[:60]!r}")
            try:
                rating = float(parts[1])
            except ValueError:
                raise ValueError(f"{file}:{lineno}: rating {parts[1]!r} is not a number") from None
            rows.append((name, parts[0].strip(), rating, parts[2].strip()))
    return pd.DataFrame(rows, columns=["dataset", "id", "rating", "text"]).astype(
        {"dataset": object, "id": object, "rating": float, "text": object}
    )


def load_newsmtsc(path: str | Path) -> pd.DataFrame:
    """NewsMTSC ``.jsonl``: one row per target.

    Columns: ``sentence_id`` (the line's ``primary_gid``, or its line number), ``sentence``
    (``sentence_normalized``), ``start``, ``end`` (character offsets of the mention),
    ``mention``, ``label`` (negative / neutral / positive from polarity 2.0 / 4.0 / 6.0).
    """
    rows: list[dict[str, Any]] = []
    p = Path(path)
    with p.open(encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{p}:{lineno}: not JSON ({exc.msg})") from None
            sentence = obj.get("sentence_normalized") or obj.get("sentence") or ""
            sid = str(obj.get("primary_gid") or f"{p.name}:{lineno}")
            for t in obj.get("targets", []):
                try:
                    label = POLARITY_LABELS[float(t["polarity"])]
                except (KeyError, TypeError, ValueError):
                    raise ValueError(f"{p}:{lineno}: target polarity {t.get('polarity')!r} is not 2, 4 or 6") from None
                start, end = int(t["from"]), int(t["to"])
                rows.append(
                    {
                        "sentence_id": sid,
                        "sentence": sentence,
                        "start": start,
                        "end": end,
                        "mention": t.get("mention", sentence[start:end]),
                        "label": label,
                    }
                )
    return pd.DataFrame(rows, columns=["sentence_id", "sentence", "start", "end", "mention", "label"])


# ==========================================================================
# Metrics
# ==========================================================================


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

    ``context`` is the text the scorer saw (the clause from ``target_context``, or the whole
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
    scores = target_tones(s, items)
    contexts = out["sentence"].tolist() if is_target_aware(s) else [target_context(*item) for item in items]
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
# Reports and splits
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


def holdout_mask(keys: Iterable[Any], fraction: float, salt: str = "newstone") -> np.ndarray:
    """True for the keys in the held-out part: a fixed fraction chosen by hashing each key.

    Independent of random number generators, platforms and row order: the same key is always
    on the same side.
    """
    cut = int(round(fraction * 10_000))
    out = []
    for k in keys:
        digest = hashlib.sha256(f"{salt}:{k}".encode("utf-8")).digest()
        out.append(int.from_bytes(digest[:4], "big") % 10_000 < cut)
    return np.asarray(out, dtype=bool)


def vader_format_split(frame: pd.DataFrame, fraction: float = VADER_TEST_FRACTION) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(train, test) of VADER-format snippets: `fraction` of each dataset held out, by hashed id."""
    test = holdout_mask((f"{d}:{i}" for d, i in zip(frame["dataset"], frame["id"])), fraction, "vader-test")
    return frame[~test].reset_index(drop=True), frame[test].reset_index(drop=True)


def newsmtsc_split(
    frame: pd.DataFrame, fraction: float = NEWSMTSC_VALIDATION_FRACTION
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(fit, validation) parts of NewsMTSC train data, split by sentence so targets stay together."""
    val = holdout_mask(frame["sentence_id"], fraction, "newsmtsc-validation")
    return frame[~val].reset_index(drop=True), frame[val].reset_index(drop=True)


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

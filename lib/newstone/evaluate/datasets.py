"""The labelled data the scorers are measured and trained on: loaders and fixed splits.

Reading the VADER-format ``*_GroundTruth.txt`` files (Hutto & Gilbert 2014: tab-separated id,
mean human rating on -4..+4, text) and NewsMTSC ``.jsonl`` (Hamborg & Donnay 2021: news sentences
whose targets carry a polarity 2.0 / 4.0 / 6.0) is kept apart from scoring them, and so are the
hashed train / held-out splits, because the evaluations (`newstone.evaluate.tone`) and every
training recipe (`newstone.evaluate.train` and its helpers) must read the same rows and split them
the same way.

Public API
----------
load_vader_ground_truth(path)          DataFrame[dataset, id, rating, text] (file or folder)
load_newsmtsc(path)                    DataFrame[sentence_id, sentence, start, end, mention, label]
holdout_mask(keys, fraction, salt)     a fixed, platform-independent split by hashed keys
vader_format_split(frame)              (train, test) of VADER-format snippets
newsmtsc_split(frame)                  (fit, validation) of NewsMTSC train data
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable, Iterator

import numpy as np
import pandas as pd

__all__ = [
    "POLARITY_LABELS",
    "VADER_TEST_FRACTION",
    "NEWSMTSC_VALIDATION_FRACTION",
    "load_vader_ground_truth",
    "load_newsmtsc",
    "holdout_mask",
    "vader_format_split",
    "newsmtsc_split",
]

POLARITY_LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}

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


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, Any]]:
    """(line number, value) for each non-blank line of a JSONL file; a bad line is a ValueError
    naming the file and the line, so a dataset error points at its source."""
    p = Path(path)
    with p.open(encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield lineno, json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{p}: line {lineno}: not JSON ({exc.msg})") from None


def load_newsmtsc(path: str | Path) -> pd.DataFrame:
    """NewsMTSC ``.jsonl``: one row per target.

    Columns: ``sentence_id`` (the line's ``primary_gid``, or its line number), ``sentence``
    (``sentence_normalized``), ``start``, ``end`` (character offsets of the mention),
    ``mention``, ``label`` (negative / neutral / positive from polarity 2.0 / 4.0 / 6.0).
    """
    rows: list[dict[str, Any]] = []
    p = Path(path)
    for lineno, obj in iter_jsonl(p):
        if not isinstance(obj, dict) or not isinstance(obj.get("targets", []), list):
            raise ValueError(f"{p}: line {lineno}: expected a JSON object with a list of targets, got {type(obj).__name__}")
        sentence = obj.get("sentence_normalized") or obj.get("sentence") or ""
        sid = str(obj.get("primary_gid") or f"{p.name}:{lineno}")
        for t in obj.get("targets", []):
            try:
                label = POLARITY_LABELS[float(t["polarity"])]
            except (KeyError, TypeError, ValueError):
                got = t.get("polarity") if isinstance(t, dict) else t
                raise ValueError(f"{p}: line {lineno}: target polarity {got!r} is not 2, 4 or 6") from None
            try:
                start, end = int(t["from"]), int(t["to"])
            except (KeyError, TypeError, ValueError):
                raise ValueError(f"{p}: line {lineno}: target needs integer 'from' and 'to' offsets") from None
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
# Splits
# ==========================================================================


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

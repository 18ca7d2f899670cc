"""Train the scorers' small artefacts in ``newstone/data/``, reproducibly.

    python -m newstone.evaluate.train --data ../shared/data          # vader-news + lexicon (a few minutes)
    python -m newstone.evaluate.train --data ../shared/data --ml     # also minilm (needs the ml extra; ~30 min)

What is trained on what (never on the data the figures in benchmarks/ACCURACY.md come from):

* VADER-format snippets (tweets, movie reviews, product reviews) are split per dataset by a
  hash of their id (`newstone.evaluate.datasets.vader_format_split`): 70 % train, 30 % held-out test.
  Sentence models are fitted on the train part only, with each dataset weighted equally, and
  their regularisation is chosen by *leave-one-dataset-out* agreement on the train part (fit on
  two domains, score the third), because the judges' test data (news editorials) is a domain
  none of them covers.
* NewsMTSC ``train.jsonl`` is split by sentence (`newstone.evaluate.datasets.newsmtsc_split`): 80 % fit,
  20 % validation.  Target models are fitted on the fit part, their regularisation chosen on the validation part.
  ``devtest_mt.jsonl`` is never read here.

Everything is deterministic: fixed splits by hashing, closed-form ridge and Newton's method for
the softmax models (no random initialisation), sorted word lists; the calibration maps are
scikit-learn's isotonic regression (`newstone.tone.calibrate`).  With ``--ml`` the actor model fine-tunes MiniLM (torch, CPU, about half an hour on
2 cores) with a fixed seed, thread count and batch order: the same machine and torch build give
the same weights; another CPU may differ in the last digits of the floating point.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd

from newstone.evaluate.datasets import load_newsmtsc, load_vader_ground_truth, newsmtsc_split, vader_format_split
from newstone.evaluate.fitting import fit_sentence_head, log, predict
from newstone.evaluate.metrics import f1_weighted, pearson_r, rating_labels, tone_labels
from newstone.evaluate.train_calibration import train_calibration
from newstone.evaluate.train_lexicon import train_lexicon, train_vader_news
from newstone.evaluate.train_minilm import EmbeddingCache, finetune_target, train_minilm

DATA_OUT = Path(__file__).resolve().parents[1] / "data"


# ==========================================================================
# Data
# ==========================================================================


def load_data(root: Path) -> dict[str, pd.DataFrame]:
    snippets = load_vader_ground_truth(root / "vader")
    s_train, s_test = vader_format_split(snippets)
    news = load_newsmtsc(root / "newsmtsc" / "train.jsonl")
    n_fit, n_val = newsmtsc_split(news)
    return {"snippets_train": s_train, "snippets_test": s_test, "news_fit": n_fit, "news_val": n_val}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def provenance(root: Path) -> dict[str, Any]:
    files = sorted((root / "vader").glob("*_GroundTruth.txt")) + [root / "newsmtsc" / "train.jsonl"]
    return {f"{p.parent.name}/{p.name}": _sha(p) for p in files}



# ==========================================================================
# cross-domain estimate (what a domain never trained on can expect)
# ==========================================================================


def cross_domain_report(data: dict[str, pd.DataFrame], cache: Path | None = None, ml: bool = False) -> pd.DataFrame:
    """Leave one dataset out: fit the sentence head (same recipe and alpha choice as the shipped
    one) on the *train* split of the other datasets, score the *test* split of the left-out one.

    The closest stand-in we have for the judges' news editorials, which no model saw."""
    from newstone.tone.scorers import sentence_features

    train, test = data["snippets_train"], data["snippets_test"]
    feats: dict[str, Callable[[list[str]], np.ndarray]] = {"lexicon": sentence_features}
    if ml:
        emb = EmbeddingCache(cache)
        feats["minilm"] = lambda texts: np.hstack([emb(texts), sentence_features(texts)])
    rows = []
    for name, f in feats.items():
        Xtr, Xte = f(train["text"].tolist()), f(test["text"].tolist())
        for d in sorted(train["dataset"].unique()):
            tr = (train["dataset"] != d).to_numpy()
            te = (test["dataset"] == d).to_numpy()
            model, info = fit_sentence_head(Xtr[tr], train[tr].reset_index(drop=True))
            p = predict(model, Xte[te])
            part = test[te]
            rows.append({"scorer": name, "held_out_dataset": d, "n": int(te.sum()), "alpha": info["alpha"],
                         "pearson_r": pearson_r(p, part["rating"]),
                         "f1_weighted": f1_weighted(rating_labels(part["rating"]), tone_labels(p)),
                         "f1_weighted_band": f1_weighted(rating_labels(part["rating"], "band"), tone_labels(p))})
    return pd.DataFrame(rows)


# ==========================================================================
# Command line
# ==========================================================================


def _write(obj: dict[str, Any], name: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    path = out / name
    path.write_text(json.dumps(obj, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    log(f"wrote {path} ({path.stat().st_size / 1024:.0f} KB)")


def _ml_available() -> bool:
    """True with the ml extra installed; otherwise says how to install it."""
    from newstone.tone.scorers import MissingExtraError, _require_ml

    try:
        _require_ml()
    except MissingExtraError as exc:
        print(f"newstone train: error: {exc}", file=sys.stderr)
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newstone.evaluate.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="../shared/data", help="folder with vader/ and newsmtsc/")
    parser.add_argument("--out", default=str(DATA_OUT), help="where the artefacts go (default: the package's data/)")
    parser.add_argument("--only", choices=["vader-news", "lexicon", "minilm", "calibration"], action="append",
                        help="train only these (repeatable; default: vader-news and lexicon, plus minilm with --ml)")
    parser.add_argument("--ml", action="store_true", help="also train the minilm heads (needs the ml extra)")
    parser.add_argument("--validate", action="store_true",
                        help="only check the minilm actor recipe: train on the fit part, print validation macro-F1 "
                             "after each epoch, write nothing (needs the ml extra)")
    parser.add_argument("--cache", default=None, help="folder to cache MiniLM embeddings in (outside the repo)")
    parser.add_argument("--cross-domain", action="store_true",
                        help="only print the leave-one-dataset-out estimate (train split -> other dataset's test split)")
    args = parser.parse_args(argv)
    root = Path(args.data)
    if not (root / "vader").is_dir() or not (root / "newsmtsc" / "train.jsonl").is_file():
        print(f"newstone train: error: {root} must hold vader/*_GroundTruth.txt and newsmtsc/train.jsonl", file=sys.stderr)
        return 2
    out = Path(args.out)
    todo = args.only or (["vader-news", "lexicon"] + (["minilm"] if args.ml else []) + ["calibration"])
    data = load_data(root)
    prov = provenance(root)
    log(f"snippets: {len(data['snippets_train'])} train / {len(data['snippets_test'])} held out; "
        f"NewsMTSC train: {len(data['news_fit'])} fit / {len(data['news_val'])} validation targets")
    import os

    if args.validate:
        if not _ml_available():
            return 2
        weights, info = finetune_target(data["news_fit"], data["news_val"], data["snippets_train"])
        print(json.dumps(info["history"], indent=1))
        return 0
    if args.cross_domain:
        table = cross_domain_report(data, Path(args.cache) if args.cache else None, ml=args.ml)
        print(table.round(3).to_string(index=False))
        return 0
    if "vader-news" in todo:
        obj = train_vader_news(data)
        obj["data"] = prov
        _write(obj, "vader_news.json", out)
        # later steps read the adjusted VADER from the artefact just written
        os.environ["NEWSTONE_DATA_DIR"] = str(out)
        from newstone.tone import scorers

        scorers.news_vader.cache_clear()
        scorers._sentence_raw_cached.cache_clear()
    elif (out / "vader_news.json").is_file():
        os.environ["NEWSTONE_DATA_DIR"] = str(out)
    if "lexicon" in todo:
        obj = train_lexicon(data)
        obj["data"] = prov
        _write(obj, "lexicon_model.json", out)
    if "minilm" in todo:
        if not _ml_available():
            return 2
        obj = train_minilm(data, Path(args.cache) if args.cache else None, out)
        obj["data"] = prov
        _write(obj, "minilm_heads.json", out)
    if "calibration" in todo:
        obj = train_calibration(data)
        obj["data"] = prov
        _write(obj, "calibration.json", out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Fine-tune MiniLM end to end for sentence tone (LoRA, as the actor model), and measure it.

    python -m newstone.evaluate.train_sentence --data ../shared/data --leave-out movieReviewSnippets
    python -m newstone.evaluate.train_sentence --data ../shared/data --out lib/newstone/data

Why: the shipped sentence head is a ridge over *frozen* embeddings, built for similarity rather
than tone; the actor model gained most from fine-tuning, so the sentence model is tried the
same way.  Trained on the VADER-format *train* split only (datasets weighted equally), rating / 4
as the target; ``--leave-out NAME`` also drops one dataset from training and scores its *test*
split, the stand-in for a domain never seen (news editorials).  Nothing here reads a test split
for choosing anything: the recipe is fixed in `SENTENCE_TUNING`.  Needs the ``ml`` extra.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from newstone.evaluate.fitting import finetune_optimizer
from newstone.evaluate.datasets import load_vader_ground_truth, vader_format_split
from newstone.evaluate.metrics import f1_weighted, pearson_r, rating_labels, tone_labels

SENTENCE_TUNING = {"rank": 8, "epochs": 2, "batch_size": 32, "lr": 5e-4, "head_lr": 1e-3, "warmup": 0.06,
                   "weight_decay": 0.01, "seed": 0, "threads": 2}


def log(msg: str) -> None:
    print(f"[train-sentence] {msg}", file=sys.stderr, flush=True)


def _domain_weights(frame: pd.DataFrame) -> np.ndarray:
    from newstone.evaluate.fitting import domain_weights

    return domain_weights(frame)


def finetune_sentence(train: pd.DataFrame, **tuning: Any) -> tuple[Any, dict[str, Any]]:
    """A `SentenceNet` fitted to rating / 4 on `train` (weighted MSE, each dataset weighing the
    same); fixed seed, thread count and batch order."""
    import torch

    from newstone.tone.adapter import SentenceNet
    from newstone.tone.scorers import minilm_model

    cfg = {**SENTENCE_TUNING, **tuning}
    threads = torch.get_num_threads()
    torch.set_num_threads(cfg["threads"])
    try:
        model = minilm_model()  # loaded before seeding: building it draws random numbers the first time only
        torch.manual_seed(cfg["seed"])
        net = SentenceNet(model.auto_model, model.tokenizer, rank=cfg["rank"])
        texts = train["text"].tolist()
        y = torch.tensor(train["rating"].to_numpy(dtype=float) / 4.0, dtype=torch.float)
        w = torch.tensor(_domain_weights(train), dtype=torch.float)
        params = net.trainable_parameters()
        head = set(id(p) for p in net.head.parameters())
        opt, sched, order = finetune_optimizer([p for p in params if id(p) not in head], net.head.parameters(),
                                               cfg, len(texts))
        bs = cfg["batch_size"]
        net.train()
        history, t0 = [], time.perf_counter()
        for epoch in range(1, cfg["epochs"] + 1):
            perm = torch.randperm(len(texts), generator=order).tolist()
            total = 0.0
            for k in range(0, len(perm), bs):
                idx = perm[k:k + bs]
                loss = (w[idx] * (net([texts[i] for i in idx]) - y[idx]) ** 2).mean()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                opt.step()
                sched.step()
                opt.zero_grad()
                total += loss.item() * len(idx)
            history.append({"epoch": epoch, "train_loss": round(total / len(texts), 5)})
            log(f"  epoch {epoch}: loss {total / len(texts):.4f} ({time.perf_counter() - t0:.0f} s)")
        net.eval()
        info = {"rank": cfg["rank"], "tuning": cfg, "history": history, "n_train": len(texts),
                "datasets": sorted(train["dataset"].unique()), "torch": torch.__version__}
        return net, info
    finally:
        torch.set_num_threads(threads)


def agreement(pred: Sequence[float], part: pd.DataFrame) -> dict[str, float]:
    """Pearson r and weighted F1 (people's class by sign, prediction cut at +-0.05), as ACCURACY.md."""
    return {"n": int(len(part)), "pearson_r": pearson_r(pred, part["rating"]),
            "f1_weighted": f1_weighted(rating_labels(part["rating"]), tone_labels(pred))}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newstone.evaluate.train_sentence", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--leave-out", default=None, metavar="DATASET", help="drop this dataset from training; score its test split")
    parser.add_argument("--out", default=None, help="folder for the weights (minilm_sentence.npz) and figures")
    parser.add_argument("--epochs", type=int, default=SENTENCE_TUNING["epochs"])
    args = parser.parse_args(argv)
    snippets = load_vader_ground_truth(Path(args.data) / "vader")
    train, test = vader_format_split(snippets)
    if args.leave_out:
        train = train[train["dataset"] != args.leave_out].reset_index(drop=True)
    log(f"training on {len(train)} snippets ({', '.join(sorted(train['dataset'].unique()))})")
    net, info = finetune_sentence(train, epochs=args.epochs)
    rows = []
    for name, part in test.groupby("dataset", sort=True):
        if args.leave_out and name != args.leave_out:
            continue
        rows.append({"dataset": name, **agreement(net.predict(part["text"].tolist()), part)})
    if not args.leave_out:
        rows.append({"dataset": "all", **agreement(net.predict(test["text"].tolist()), test)})
    info["test"] = rows
    print(json.dumps(rows, indent=1, default=float))
    if args.out:
        from newstone.tone.adapter import trainable_arrays

        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        stem = "minilm_sentence" + (f"-without-{args.leave_out}" if args.leave_out else "")
        np.savez_compressed(out / f"{stem}.npz", **trainable_arrays(net))
        (out / f"{stem}.json").write_text(json.dumps(info, indent=1, default=float) + "\n", encoding="utf-8")
        log(f"wrote {out / stem}.npz")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

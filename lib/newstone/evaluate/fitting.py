"""The numpy models and the shared pieces of every training recipe in ``newstone/data/``.

Closed-form weighted ridge and a Newton-fitted softmax (deterministic, no random start), their
JSON form (read back by `newstone.tone.scorers.LinearModel`), the class / dataset weights, and the
choice of a head's regularisation (leave-one-dataset-out for sentence heads, the validation part
for target heads).  They sit apart from the recipes (`train_lexicon`, `train_minilm`,
`train_calibration`, `train_sentence`) and the command (`newstone.evaluate.train`) because all of
them fit, weigh and log the same way.
"""

from __future__ import annotations

import math
import sys
from typing import Any, Sequence

import numpy as np
import pandas as pd

from newstone.evaluate.metrics import LABELS, accuracy, f1_macro, f1_weighted, pearson_r, rating_labels, tone_labels

FORMAT = "newstone-linear/1"


def log(msg: str) -> None:
    print(f"[train] {msg}", file=sys.stderr, flush=True)


# ==========================================================================
# Models (numpy)
# ==========================================================================


def _standardise(X: np.ndarray, w: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    w = np.ones(len(X)) if w is None else w
    mean = (w[:, None] * X).sum(0) / w.sum()
    var = (w[:, None] * (X - mean) ** 2).sum(0) / w.sum()
    scale = np.sqrt(var)
    scale[scale < 1e-9] = 1.0
    return mean, scale


def fit_ridge(X: np.ndarray, y: np.ndarray, alpha: float, w: np.ndarray | None = None) -> dict[str, Any]:
    """Weighted ridge on standardised features; the intercept is not penalised."""
    w = np.ones(len(X)) if w is None else np.asarray(w, dtype=float)
    w = w / w.mean()
    mean, scale = _standardise(X, w)
    Z = (X - mean) / scale
    ym = float((w * y).sum() / w.sum())
    zm = (w[:, None] * Z).sum(0) / w.sum()
    Zc = Z - zm
    A = Zc.T @ (w[:, None] * Zc) + alpha * np.eye(Z.shape[1])
    beta = np.linalg.solve(A, Zc.T @ (w * (y - ym)))
    intercept = ym - float(zm @ beta)
    return {"kind": "ridge", "mean": mean, "scale": scale, "coef": beta[None, :], "intercept": np.array([intercept])}


def fit_softmax(
    X: np.ndarray, y: np.ndarray, n_classes: int, l2: float, w: np.ndarray | None = None, iters: int = 50
) -> dict[str, Any]:
    """Multinomial logistic regression, L2-penalised (not the intercepts), by Newton's method."""
    n, d = X.shape
    w = np.ones(n) if w is None else np.asarray(w, dtype=float)
    w = w / w.mean()
    mean, scale = _standardise(X, w)
    Z = np.hstack([(X - mean) / scale, np.ones((n, 1))])
    D = d + 1
    K = n_classes
    Y = np.eye(K)[y]
    theta = np.zeros((K, D))
    pen = np.full(D, l2)
    pen[-1] = 0.0
    prev = math.inf
    for _ in range(iters):
        logits = Z @ theta.T
        logits -= logits.max(1, keepdims=True)
        P = np.exp(logits)
        P /= P.sum(1, keepdims=True)
        loss = -float((w * np.log(np.maximum((P * Y).sum(1), 1e-300))).sum()) + 0.5 * float((pen * theta**2).sum())
        G = ((P - Y) * w[:, None]).T @ Z + pen * theta  # K x D
        H = np.zeros((K * D, K * D))
        for k in range(K):
            for l in range(k, K):
                c = w * P[:, k] * ((1.0 if k == l else 0.0) - P[:, l])
                block = Z.T @ (c[:, None] * Z)
                if k == l:
                    block = block + np.diag(pen) + 1e-8 * np.eye(D)
                H[k * D : (k + 1) * D, l * D : (l + 1) * D] = block
                if k != l:
                    H[l * D : (l + 1) * D, k * D : (k + 1) * D] = block.T
        step = np.linalg.lstsq(H, G.ravel(), rcond=None)[0].reshape(K, D)
        # backtracking line search on the penalised loss
        t = 1.0
        while t > 1e-4:
            cand = theta - t * step
            lg = Z @ cand.T
            lg -= lg.max(1, keepdims=True)
            Pc = np.exp(lg)
            Pc /= Pc.sum(1, keepdims=True)
            lc = -float((w * np.log(np.maximum((Pc * Y).sum(1), 1e-300))).sum()) + 0.5 * float((pen * cand**2).sum())
            if lc <= loss:
                break
            t *= 0.5
        theta = cand
        if abs(prev - lc) < 1e-7 * max(1.0, abs(lc)):
            break
        prev = lc
    return {"kind": "softmax", "mean": mean, "scale": scale, "coef": theta[:, :-1], "intercept": theta[:, -1]}


def model_json(model: dict[str, Any], digits: int = 6, **extra: Any) -> dict[str, Any]:
    """The model as JSON numbers with `digits` significant digits (small scales stay non-zero)."""

    def r(a):
        arr = np.asarray(a, dtype=float)
        return np.vectorize(lambda x: float(f"{x:.{digits}g}"), otypes=[float])(arr).tolist()

    out = {"format": FORMAT, "kind": model["kind"], "mean": r(model["mean"]), "scale": r(model["scale"]),
           "coef": r(model["coef"]), "intercept": r(model["intercept"])}
    out.update(extra)
    return out


def predict(model: dict[str, Any], X: np.ndarray) -> np.ndarray:
    from newstone.tone.scorers import LinearModel

    return LinearModel(model_json(model, digits=12)).predict(X)


def balanced_weights(labels: Sequence[Any]) -> np.ndarray:
    s = pd.Series(list(labels))
    counts = s.map(s.value_counts())
    return (len(s) / (s.nunique() * counts)).to_numpy(dtype=float)


def domain_weights(frame: pd.DataFrame) -> np.ndarray:
    """Each dataset weighs the same in total, whatever its size."""
    counts = frame["dataset"].map(frame["dataset"].value_counts())
    return (len(frame) / (frame["dataset"].nunique() * counts)).to_numpy(dtype=float)


def jsonable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, (np.floating, float)):
        return None if math.isnan(float(obj)) else round(float(obj), 4)
    if isinstance(obj, np.integer):
        return int(obj)
    return obj


# ==========================================================================
# Sentence heads (shared by lexicon and minilm)
# ==========================================================================

ALPHAS = (1.0, 10.0, 100.0, 1000.0, 3000.0, 10000.0, 30000.0, 100000.0)
L2S = (100.0, 300.0, 1000.0, 3000.0, 10000.0)


def fit_sentence_head(X: np.ndarray, frame: pd.DataFrame, alphas: Sequence[float] = ALPHAS) -> tuple[dict, dict]:
    """Ridge to rating / 4 on all train snippets; alpha chosen by leave-one-dataset-out mean r."""
    y = frame["rating"].to_numpy(dtype=float) / 4.0
    w = domain_weights(frame)
    domains = sorted(frame["dataset"].unique())
    scores = {}
    for alpha in alphas:
        rs, f1s = [], []
        for d in domains:
            held = (frame["dataset"] == d).to_numpy()
            m = fit_ridge(X[~held], y[~held], alpha, w[~held])
            p = predict(m, X[held])
            rs.append(pearson_r(p, y[held]))
            f1s.append(f1_weighted(rating_labels(frame["rating"][held]), tone_labels(p)))
        scores[alpha] = {"lodo_mean_r": float(np.mean(rs)), "lodo_mean_f1_weighted": float(np.mean(f1s)),
                         "lodo_r": dict(zip(domains, map(float, rs)))}
        log(f"  ridge alpha {alpha:g}: leave-one-dataset-out r {np.mean(rs):.3f} F1w {np.mean(f1s):.3f} "
            + " ".join(f"{d[:6]}={r:.3f}" for d, r in zip(domains, rs)))
    best = max(alphas, key=lambda a: scores[a]["lodo_mean_r"])
    return fit_ridge(X, y, best, w), {"alpha": best, "selection": scores}


def fit_target_head(
    X_fit: np.ndarray, y_fit: Sequence[str], X_val: np.ndarray, y_val: Sequence[str], l2s: Sequence[float] = L2S
) -> tuple[dict, dict]:
    """Class-balanced softmax; L2 chosen on the validation part (label = most likely class)."""
    classes = list(LABELS)
    yi = np.array([classes.index(c) for c in y_fit])
    wts = balanced_weights(y_fit)
    results = {}
    models = {}
    from newstone.tone.scorers import target_compound

    for l2 in l2s:
        m = fit_softmax(X_fit, yi, len(classes), l2, wts)
        P = predict(m, X_val)
        comp = [target_compound(a, b, c) for a, b, c in P]
        results[l2] = {"val_f1_macro": f1_macro(y_val, tone_labels(comp)),
                       "val_accuracy": accuracy(y_val, tone_labels(comp))}
        models[l2] = m
        log(f"  softmax l2 {l2:g}: validation macro-F1 {results[l2]['val_f1_macro']:.3f}")
    best = max(l2s, key=lambda l: results[l]["val_f1_macro"])
    return models[best], {"l2": best, "classes": classes, "selection": results}


def finetune_optimizer(encoder_params: Any, head_params: Any, cfg: dict[str, Any], n_items: int) -> tuple[Any, Any, Any]:
    """What both MiniLM recipes train with: AdamW (one learning rate for the encoder's updates, one
    for the head), a linear warm-up over the first `warmup` share of the steps then a linear decay
    to zero, and a seeded generator for the batch order (torch imported only when training)."""
    import torch

    opt = torch.optim.AdamW([{"params": list(encoder_params), "lr": cfg["lr"]},
                             {"params": list(head_params), "lr": cfg["head_lr"]}],
                            weight_decay=cfg["weight_decay"])
    steps = cfg["epochs"] * math.ceil(n_items / cfg["batch_size"])
    warm = max(1, int(cfg["warmup"] * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / warm if s < warm else max(0.0, (steps - s) / max(1, steps - warm)))
    return opt, sched, torch.Generator().manual_seed(cfg["seed"])

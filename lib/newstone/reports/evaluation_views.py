"""The views of the evaluation report: how well each scorer agrees with people."""

from __future__ import annotations

from typing import Any

import pandas as pd

from newstone.reports.article_views import Record
from newstone.reports.markup import Html, highlight_span, maybe, table, tone_badge
from newstone.reports.plots import Png, figure_png, plain_text


def metrics_table(metrics: pd.DataFrame) -> Html:
    """Agreement with people, one row per scorer and dataset."""
    if metrics.empty:
        return Html("<p>Nothing was evaluated.</p>")
    rows = [
        (
            r.scorer, r.dataset, int(r.n),
            maybe(r.pearson_r, "{:.3f}"), f"{r.f1_weighted:.3f}", f"{r.f1_macro:.3f}", f"{r.accuracy:.3f}",
            f"{r.sentences_per_second:,.0f}",
        )
        for r in metrics.itertuples(index=False)
    ]
    return table(rows, ["scorer", "dataset", "n", "pearson r", "F1 weighted", "F1 macro", "accuracy", "sentences/s"])


@plain_text
def confusion_plot(evaluation: Any, kind: str) -> Png | Html:
    """One confusion matrix per scorer (rows: people's class, columns: the scorer's)."""
    from newstone.evaluate.metrics import LABELS, confusion_matrix

    items = [(scorer, preds) for (scorer, k), preds in evaluation.predictions.items() if k == kind]
    if not items:
        return Html("")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(items), figsize=(3.2 * len(items), 3.0), squeeze=False)
    for ax, (scorer, preds) in zip(axes[0], items):
        cm = confusion_matrix(preds["label"], preds["predicted"]).to_numpy()
        share = cm / cm.sum(axis=1, keepdims=True).clip(min=1)
        ax.imshow(share, cmap="Blues", vmin=0, vmax=1)
        for i in range(len(LABELS)):
            for j in range(len(LABELS)):
                ax.text(j, i, f"{cm[i, j]}", ha="center", va="center", fontsize=8, color="white" if share[i, j] > 0.6 else "black")
        ax.set_xticks(range(len(LABELS)), [lab[:3] for lab in LABELS])
        ax.set_yticks(range(len(LABELS)), [lab[:3] for lab in LABELS])
        ax.set_xlabel("scorer")
        ax.set_title(scorer, fontsize=10)
    axes[0][0].set_ylabel("people")
    return figure_png(fig, alt=f"Confusion matrices, {kind}")


@plain_text
def scatter_plot(evaluation: Any) -> Png | Html:
    """Predicted compound against the people's mean rating (VADER-format data)."""
    items = [(scorer, preds) for (scorer, k), preds in evaluation.predictions.items() if k == "vader"]
    if not items:
        return Html("")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(items), figsize=(3.4 * len(items), 3.2), squeeze=False, sharey=True)
    for ax, (scorer, preds) in zip(axes[0], items):
        ax.scatter(preds["rating"] / 4.0, preds["compound"], s=3, alpha=0.25, color="#34495e", linewidths=0)
        ax.plot([-1, 1], [-1, 1], color="#c0392b", linewidth=0.8)
        ax.set_xlim(-1, 1)
        ax.set_ylim(-1.05, 1.05)
        ax.set_xlabel("people (mean rating / 4)")
        ax.set_title(scorer, fontsize=10)
        ax.spines[["top", "right"]].set_visible(False)
    axes[0][0].set_ylabel("scorer (compound)")
    return figure_png(fig, alt="Predicted against human tone")


def misses_table(evaluation: Any, scorer: str, kind: str, n: int = 8) -> Html:
    """The items where a scorer disagrees most with people."""
    from newstone.evaluate.tone import worst_misses

    preds = evaluation.predictions.get((scorer, kind))
    if preds is None or preds.empty:
        return Html("")
    worst = worst_misses(preds, n)
    if kind == "vader":
        rows = [(r.dataset, r.text, f"{r.rating / 4:+.2f}", tone_badge(float(r.compound))) for r in worst.itertuples(index=False)]
        return table(rows, ["dataset", "text", "people", "scorer"], raw_columns=(3,))
    rows = [
        (highlight_span(r.sentence, int(r.start), int(r.end)), r.label, tone_badge(float(r.compound)))
        for r in worst.itertuples(index=False)
    ]
    return table(rows, ["sentence (target marked)", "people", "scorer"], raw_columns=(0, 2))


def notes_list(notes: list[str]) -> Html:
    """The evaluation's notes (what was skipped and why) as a list."""
    from newstone.reports.markup import esc

    return Html("<ul>" + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>")


def record_evaluation(evaluation: Any, title: str) -> Record:
    best = evaluation.metrics.sort_values("f1_macro", ascending=False).iloc[0] if len(evaluation.metrics) else None
    return Record({"title": title, "kind": "evaluation", "tone": {}, "best": None if best is None else str(best["scorer"])})

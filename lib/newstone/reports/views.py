"""What a report shows: the public namespace of newstone's views, plus the index and comparison pages.

Notebooks import `newstone.reports.views` and call `views.summary(...)`, `views.tone_plot(...)` and so
on; the views themselves live in one module per report (`article_views`, `corpus_views`,
`evaluation_views`) over two primitives (`markup` for escaped HTML, `plots` for PNGs). The
pages that sit beside the reports (the index and the comparison of parameter sets) are here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newstone.reports.article_views import (  # noqa: F401 - re-exported for notebooks
    SUMMARY_MIME, Record, actors_plot, actors_table, drivers_method, drivers_plot, drivers_table, extremes, provenance,
    provenance_table,
    quotes_table, record, removed_table, sentence_table, speakers_table, summary, tone_plot,
)
from newstone.reports.corpus_views import (  # noqa: F401
    actors_over_time_plot, actors_section, corpus_actors_table, corpus_extremes, corpus_provenance, corpus_summary,
    documents_table, errors_list, group_plot, over_time_plot, record_corpus, section, tone_distribution_plot,
)
from newstone.reports.evaluation_views import (  # noqa: F401
    confusion_plot, metrics_table, misses_table, notes_list, record_evaluation, scatter_plot,
)
from newstone.reports.markup import (  # noqa: F401
    PAGE_CSP, TONE_COLOURS, Html, esc, fmt_score, frame_table, heading, highlight, highlight_span, page, plural, subheading,
    table, tone_badge,
)
from newstone.reports.plots import Png, figure_png, integer_axis, plain_text, png_tag  # noqa: F401


def _index_rows(reports: dict[str, Any], names: list[str]) -> list[tuple[str, ...]]:
    rows = []
    for name in names:
        e = reports[name]
        info = e.get("summary") or {}
        tone = info.get("tone") or {}
        title = e.get("title") or name
        if e.get("label"):
            title = f"{title} [{e['label']}]"
        link = f'<a href="{esc(e["html"])}">{esc(title)}</a>' if e.get("html") else esc(title)
        badge = tone_badge(float(tone["compound"])) if "compound" in tone else ""
        size = info.get("n_documents", tone.get("n_sentences", ""))
        if e.get("status") == "failed":
            status = f'<span class="ns-badge ns-negative">failed</span> {esc(e.get("error") or "")}'
            if e.get("html"):
                status += " <em>(the link shows the last good report)</em>"
        else:
            status = "ok"
        rows.append((link, esc(Path(e.get("source", "")).name), badge, esc(size), status))
    return rows


def index_page(manifest: dict[str, Any], comparisons: dict[str, str] | None = None) -> str:
    """Every report with its title and tone; failed ones with the error, linked to the last good HTML.

    Inputs rendered under several parameter sets are shown side by side, linked to their
    comparison page.
    """
    everything = manifest.get("reports", {})
    reports = {n: e for n, e in everything.items() if not e.get("stale")}
    stale = sorted(n for n in everything if n not in reports)
    comparisons = comparisons or {}
    corpora = sorted(n for n, e in reports.items() if (e.get("summary") or {}).get("kind") in ("corpus", "evaluation"))
    explorers = sorted(n for n, e in reports.items() if e.get("notebook") == "explore" and n not in corpora)
    articles = sorted(n for n in reports if n not in corpora and n not in explorers)
    n_failed = sum(1 for e in reports.values() if e.get("status") == "failed")
    parts = [
        "<h1>newstone reports</h1>",
        f"<p>{len(reports)} report{'s' if len(reports) != 1 else ''}"
        + (f", <strong>{n_failed} failed</strong>" if n_failed else "")
        + ". Tone is the mean compound score of an article's sentences, from −1 (most negative) to +1 (most positive).</p>",
    ]
    if comparisons:
        parts.append("<h2>Compared parameter sets</h2><p>One input, rendered under several parameter sets.</p>")
        rows = []
        for group, href in sorted(comparisons.items()):
            members = sorted(n for n, e in reports.items() if e.get("group") == group and e.get("html"))
            variants = " ".join(
                f'<a href="{esc(reports[n]["html"])}">{esc(reports[n].get("label") or n)}</a> '
                + tone_badge(float(((reports[n].get("summary") or {}).get("tone") or {}).get("compound", 0.0)))
                for n in members
            )
            rows.append((esc(group), variants, f'<a href="{esc(href)}">compare</a>'))
        parts.append(str(table(rows, ["input", "reports side by side", "comparison"], raw_columns=range(3))))
    sections = (
        ("<h2>Corpus and evaluation reports</h2>", corpora, "mean tone", "documents"),
        ("<h2>Explorer</h2><p>The exploration notebook, rendered statically for its first article; "
         "open <code>notebooks/explore.ipynb</code> in JupyterLab for the live controls.</p>", explorers, "tone", "sentences"),
        ("<h2>Articles</h2>", articles, "tone", "sentences"),
    )
    for section_head, names, tone_label, size_label in sections:
        if names:
            parts.append(section_head)
            parts.append(str(table(_index_rows(reports, names), ["report", "input", tone_label, size_label, "status"], raw_columns=range(5))))
    if stale:
        parts.append("<h2>Older reports</h2><p>Still on disk, but not made from the current inputs and report sets "
                     "(an input was deleted or renamed, or another run made them); they may be out of date.</p>")
        parts.append("<ul>" + "".join(f'<li><a href="{esc(everything[n]["html"])}">{esc(everything[n].get("title") or n)}</a> '
                                      f'<span class="ns-badge">stale</span></li>' for n in stale) + "</ul>")
    if not reports:
        parts.append("<p>No reports yet.</p>")
    return page("newstone reports", "".join(parts))


def comparison_page(group: str, entries: list[tuple[str, dict[str, Any]]]) -> str:
    """How the tone of one input differs between parameter sets: overall, and sentence by sentence."""
    labels = [e.get("label") or name for name, e in entries]
    params = [e.get("parameters") or {} for _, e in entries]
    varying = sorted(k for k in set().union(*params) if k != "input_path" and len({repr(p.get(k)) for p in params}) > 1)
    rows = []
    for (name, e), label, p in zip(entries, labels, params):
        tone = (e.get("summary") or {}).get("tone") or {}
        rows.append((
            f'<a href="{esc(e["html"])}">{esc(label)}</a>',
            esc(", ".join(f"{k}={p.get(k)!r}" for k in varying) or "–"),
            tone_badge(float(tone.get("compound", 0.0))),
            esc("{:.0%} / {:.0%} / {:.0%}".format(tone.get("share_negative", 0), tone.get("share_neutral", 0), tone.get("share_positive", 0))),
        ))
    parts = [
        '<p><a href="index.html">← all reports</a></p>',
        f"<h1>{esc(group)}: tone under {len(entries)} parameter sets</h1>",
        str(table(rows, ["report", "what differs", "overall tone", "neg / neu / pos sentences"], raw_columns=range(4), nowrap_columns=(2, 3))),
    ]
    series = [[c for _, c in (e.get("summary") or {}).get("sentences", [])] for _, e in entries]
    texts = [t for t, _ in (entries[0][1].get("summary") or {}).get("sentences", [])]
    if series and all(len(s) == len(texts) for s in series) and texts:
        parts.append("<h2>Sentence by sentence</h2>")
        parts.append(png_tag(_comparison_plot(labels, series), "Sentence tone under each parameter set"))
        spread = sorted(range(len(texts)), key=lambda i: (-(max(s[i] for s in series) - min(s[i] for s in series)), i))[:10]
        spread = [i for i in spread if max(s[i] for s in series) != min(s[i] for s in series)]
        if spread:
            parts.append("<h2>Where they disagree most</h2>")
            rows = [(esc(i + 1), esc(texts[i]), *[tone_badge(s[i]) for s in series]) for i in spread]
            parts.append(str(table(rows, ["#", "sentence", *labels], raw_columns=range(2 + len(series)))))
        else:
            parts.append("<p>Every sentence scores the same under all parameter sets.</p>")
    else:
        parts.append("<p>The reports split the text differently, so only overall tone is compared.</p>")
    actor_maps = [{n: (m, c) for n, m, c in (e.get("summary") or {}).get("actors", [])} for _, e in entries]
    names = sorted(set().union(*actor_maps), key=lambda n: (-max(a.get(n, (0, 0))[0] for a in actor_maps), n))
    if names:
        parts.append("<h2>Tone about each actor</h2>")
        rows = [
            (esc(n), *[(tone_badge(a[n][1]) if a[n][1] is not None else "no text about it")
                       + f" <small>({esc(a[n][0])} mentions)</small>" if n in a else "–" for a in actor_maps])
            for n in names
        ]
        parts.append(str(table(rows, ["actor", *labels], raw_columns=range(1 + len(labels)))))
    return page(f"{group}: comparison", "".join(parts))


@plain_text
def _comparison_plot(labels: list[str], series: list[list[float]]) -> Png:
    """One line per parameter set; where they coincide, each stays visible: the earlier sets are
    drawn wider and lighter underneath, each with its own marker and dash."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 3.2))
    x = range(1, len(series[0]) + 1)
    styles = [("o", "-"), ("s", "--"), ("^", ":"), ("D", "-."), ("v", (0, (5, 2, 1, 2)))]
    n = len(series)
    for i, (label, values) in enumerate(zip(labels, series)):
        marker, dash = styles[i % len(styles)]
        width = 1.4 + 3.6 * (n - 1 - i) / max(n - 1, 1)
        ax.plot(x, values, marker=marker, markersize=3 + 5 * (n - 1 - i) / max(n - 1, 1), linestyle=dash,
                linewidth=width, alpha=0.9 if i == n - 1 else 0.55, label=label, zorder=2 + i,
                markerfacecolor="none" if i < n - 1 else None)
    ax.axhline(0, color="#555", linewidth=0.6)
    ax.set_ylim(-1.05, 1.05)
    integer_axis(ax.xaxis)
    ax.set_xlabel("sentence")
    ax.set_ylabel("compound tone")
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_png(fig, alt="Sentence tone under each parameter set")

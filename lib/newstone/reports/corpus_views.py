"""The views of a corpus report: many documents compared, from a `Corpus` (`newstone.corpus.summary`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from newstone.reports.article_views import SUMMARY_MIME, Record  # noqa: F401 - one Record type for every report
from newstone.reports.markup import TONE_COLOURS, Html, esc, plural, table, tone_badge
from newstone.reports.plots import Png, figure_png, integer_axis, plain_text, tone_axis

SECTION_CLASS = "ns-section"  # a section heading drawn by a view; the report's contents list it
OVER_TIME_ACTORS = 5  # actors followed over time: more lines than this cannot be told apart
from newstone.tone.sentiment import describe_tone, tone_label


def corpus_summary(corpus: Any) -> Html:
    docs = corpus.documents
    if docs.empty:
        return Html('<div class="ns-summary"><p class="ns-lede">No readable documents.</p></div>')
    mean = float(docs["compound"].mean())
    counts = {label: int((docs["compound"].map(tone_label) == label).sum()) for label in TONE_COLOURS}
    parts = [
        f'<div class="ns-summary"><p class="ns-lede">{esc(plural(len(docs), "document"))}, '
        f'{esc(plural(int(docs["n_sentences"].sum()), "sentence"))}. '
        f'Mean document tone: {tone_badge(mean)} — <strong>{esc(describe_tone(mean))}</strong> '
        f'(scorer <code>{esc(corpus.scorer)}</code>).</p>',
        f"<p>{counts['negative']} negative, {counts['neutral']} neutral and {counts['positive']} positive "
        f"{'document' if len(docs) == 1 else 'documents'} (by mean sentence tone).</p>",
    ]
    if corpus.errors:
        n = len(corpus.errors)
        parts.append(f'<p class="ns-warning">{esc(plural(n, "input"))} could not be read; '
                     f'{"it is" if n == 1 else "they are"} listed at the end.</p>')
    parts.append("</div>")
    return Html("".join(parts))


def errors_list(corpus: Any) -> Html:
    if not corpus.errors:
        return Html("<p>Every input was read.</p>")
    return Html("<ul>" + "".join(f"<li><code>{esc(e)}</code></li>" for e in corpus.errors) + "</ul>")


def _report_link(source: str, title: str) -> str:
    """A link to the article's own report when the document is a file that gets one."""
    from newstone.text.read import TABLE_SUFFIXES

    if "#" in Path(source).name or Path(source).suffix.lower() in TABLE_SUFFIXES:
        return esc(title)
    from newstone.reports.reportnames import report_name

    return f'<a href="{esc(report_name(source))}.html">{esc(title)}</a>'


def documents_table(corpus: Any, n: int | None = None) -> Html:
    """Documents from most negative to most positive, linked to their reports where they have one."""
    docs = corpus.documents.sort_values(["compound", "id"], kind="mergesort")
    if n:
        docs = docs.head(n)
    rows = [
        (
            _report_link(str(r.source), str(r.title)),
            esc(r.site if isinstance(r.site, str) else ""),
            esc(r.date if isinstance(r.date, str) else ""),
            esc(int(r.n_sentences)),
            tone_badge(float(r.compound)),
            esc(f"{r.share_negative:.0%} / {r.share_neutral:.0%} / {r.share_positive:.0%}"),
        )
        for r in docs.itertuples(index=False)
    ]
    return table(rows, ["document", "source", "date", "sentences", "tone", "neg / neu / pos sentences"],
                 raw_columns=range(6), nowrap_columns=(2, 4, 5))


@plain_text
def tone_distribution_plot(corpus: Any) -> Png | Html:
    """Histogram of document tone, with sentence tone behind it for scale."""
    docs = corpus.documents
    if docs.empty:
        return Html("")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.2))
    bins = [i / 10 for i in range(-10, 11)]
    left.hist(docs["compound"], bins=bins, color="#34495e")
    left.set_title("Documents: mean sentence tone", fontsize=10)
    left.set_xlabel("compound")
    left.set_ylabel("documents")
    right.hist(corpus.sentences["compound"], bins=bins, color="#7f8c8d")
    right.set_title("Sentences: tone", fontsize=10)
    right.set_xlabel("compound")
    right.set_ylabel("sentences")
    for ax in (left, right):
        ax.axvspan(-0.05, 0.05, color="#ecf0f1", zorder=0)
        ax.set_xlim(-1, 1)
        tone_axis(ax.xaxis)
        integer_axis(ax.yaxis)
        ax.spines[["top", "right"]].set_visible(False)
    return figure_png(fig, alt="Distribution of document and sentence tone")


@plain_text
def group_plot(groups: pd.DataFrame, by: str) -> Png | Html:
    """Mean document tone per group (source), with the number of documents in the label."""
    if groups.empty:
        return Html(f"<p>The input has no {esc(by)} column or values to compare.</p>")
    import matplotlib.pyplot as plt

    top = groups.head(15).iloc[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.4 * max(len(top), 3) + 0.9))
    ax.barh([f"{g} ({n})" for g, n in zip(top[by], top["documents"])], top["compound"],
            color=[TONE_COLOURS[tone_label(c)] for c in top["compound"]])
    ax.axvline(0, color="#555", linewidth=0.6)
    ax.set_xlim(-1, 1)
    tone_axis(ax.xaxis)
    ax.set_xlabel("mean document tone")
    ax.set_title(f"Tone by {by} (documents in brackets)", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_png(fig)


@plain_text
def over_time_plot(timeline: pd.DataFrame) -> Png | Html:
    """Mean document tone per period; dates always carry their year."""
    if timeline.empty:
        return Html("<p>The documents carry no dates, so there is no timeline.</p>")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 3))
    ax.plot(timeline["period"], timeline["compound"], marker="o", color="#34495e")
    ax.axhline(0, color="#555", linewidth=0.6)
    ax.set_ylim(-1, 1)
    ax.set_ylabel("mean document tone")
    ax.set_title("Tone over time", fontsize=10)
    locator = mdates.AutoDateLocator(maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.spines[["top", "right"]].set_visible(False)
    fig.autofmt_xdate()
    return figure_png(fig)


def section(title: str) -> Html:
    """A section heading from a view, for sections shown only when there is something to show."""
    return Html(f'<h2 class="{SECTION_CLASS}">{esc(title)}</h2>')


def _badge(value: Any) -> str:
    return tone_badge(float(value)) if pd.notna(value) else "—"


def corpus_actors_table(actors: pd.DataFrame) -> Html:
    """The most mentioned actors (`newstone.corpus.summary.actors_across`), names escaped."""
    if actors.empty:
        return Html("<p>No actor is mentioned often enough to compare.</p>")
    rows = [
        (r.actor, r.kind if isinstance(r.kind, str) else "", int(r.documents), int(r.mentions), _badge(r.compound),
         int(r.n_statements), _badge(r.statement_compound))
        for r in actors.itertuples(index=False)
    ]
    return table(rows, ["actor", "kind", "documents", "mentions", "tone of the text about it", "statements",
                        "tone of its statements"], raw_columns=(4, 6), nowrap_columns=(4, 6))


@plain_text
def actors_over_time_plot(timeline: pd.DataFrame) -> Png | Html:
    """Mentions of each actor per period, and the tone of the text about it (one colour per actor)."""
    if timeline.empty:
        return Html("<p>The documents carry no dates, so actors cannot be followed over time.</p>")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 5), sharex=True, gridspec_kw={"height_ratios": [1, 1.3]})
    totals = timeline.groupby("actor")["mentions"].sum()
    order = sorted(totals.index, key=lambda a: (-totals[a], str(a)))
    periods = sorted(timeline["period"].unique())
    for k, actor in enumerate(order):
        rows = timeline[timeline["actor"] == actor].set_index("period").sort_index()
        colour = plt.get_cmap("tab10")(k % 10)
        mentions = rows["mentions"].reindex(periods, fill_value=0)  # a period without mentions is a 0, not a gap
        top.plot(periods, mentions.to_numpy(), marker="o", markersize=4, color=colour, label=str(actor))
        tone = rows["compound"].dropna()
        bottom.plot(tone.index, tone.to_numpy(), marker="o", markersize=4, color=colour)
    top.set_ylim(bottom=0)
    top.set_ylabel("mentions")
    top.set_title("Actors over time: how often they are mentioned, and the tone about them", fontsize=10)
    integer_axis(top.yaxis)
    top.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    bottom.axhline(0, color="#555", linewidth=0.6)
    bottom.axhspan(-0.05, 0.05, color="#ecf0f1", zorder=0)
    bottom.set_ylim(-1, 1)
    tone_axis(bottom.yaxis)
    bottom.set_ylabel("tone about the actor")
    bottom.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=10))
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    for ax in (top, bottom):
        ax.spines[["top", "right"]].set_visible(False)
    fig.autofmt_xdate()
    return figure_png(fig, alt="Mentions of the most mentioned actors and the tone about them over time")


def actors_section(corpus: Any, top: int = 10) -> list[Html | Png]:
    """The corpus report's actor section: the most mentioned actors, then the top few over time.

    Nothing at all when nobody looked for actors (`newstone score` tables made without
    `--actors`), so the report has no empty section; documents without a readable date are
    counted out of the timeline, and the report says how many.
    """
    from newstone.corpus.summary import actors_across, actors_over_time, time_periods

    if not getattr(corpus, "looked_for_actors", True):
        return []
    across = actors_across(corpus, top=top)
    intro = Html(
        "<p>Who the documents talk about: the documents that mention each actor, its mentions, the tone of the "
        "clauses about it (weighted by mentions), and the statements it made (its quotes and reported speech) "
        "with their tone. Name variants such as a surname are merged into the full name.</p>")
    views: list[Html | Png] = [section("Actors across documents"), intro, corpus_actors_table(across)]
    if across.empty:
        return views
    followed = across["actor"].head(OVER_TIME_ACTORS).tolist()
    timeline = actors_over_time(corpus, followed)
    views += [section("Actors over time"), actors_over_time_plot(timeline)]
    if not timeline.empty:
        periods, _ = time_periods(corpus.actors["date"])
        undated = corpus.actors.loc[periods.isna().to_numpy(), "doc_id"].nunique()
        if undated:
            views.append(Html(f"<p>{esc(plural(undated, 'document'))} without a date "
                              f"{'is' if undated == 1 else 'are'} left out of this view.</p>"))
    return views


def corpus_extremes(corpus: Any, n: int = 5, which: str = "negative") -> Html:
    """The most negative (or positive) sentences in the whole corpus, with their document."""
    frame = corpus.sentences
    frame = frame[frame["compound"].map(tone_label) == which]
    if frame.empty:
        return Html(f"<p>No {esc(which)} sentences.</p>")
    frame = frame.sort_values(["compound", "doc_id", "sentence"], ascending=[which == "negative", True, True], kind="mergesort").head(n)
    titles = dict(zip(corpus.documents["id"], corpus.documents["title"]))
    rows = [(tone_badge(float(r.compound)), r.text, titles.get(r.doc_id, r.doc_id)) for r in frame.itertuples(index=False)]
    return table(rows, ["compound", "sentence", "document"], raw_columns=(0,))


def corpus_provenance(corpus: Any, inputs: Any, parameters: dict[str, Any]) -> Html:
    from newstone.reports import provenance as prov
    from newstone.reports.article_views import provenance_table
    from newstone.corpus.summary import resolve_inputs

    return provenance_table(prov.collect_many(prov.files_digest(resolve_inputs(inputs)), parameters,
                                              scorer=getattr(corpus, "scorer", None)))


def record_corpus(corpus: Any, title: str) -> Record:
    """The facts the index shows about a corpus report."""
    docs = corpus.documents
    tone = {"compound": float(docs["compound"].mean()) if len(docs) else 0.0, "n_sentences": int(docs["n_sentences"].sum()) if len(docs) else 0}
    return Record({"title": title, "kind": "corpus", "scorer": corpus.scorer, "tone": tone, "n_documents": int(len(docs)), "n_errors": len(corpus.errors),
                   "errors": [str(e) for e in corpus.errors[:100]]})

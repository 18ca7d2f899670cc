"""What a report shows: small display objects built from escaped text only.

Article text is untrusted. Every string that reaches HTML here goes through `esc` first, and
the only markup is the fixed markup written in this module, so a `<script>` in an article
is shown as text, never run.
"""

from __future__ import annotations

import html
import io
from pathlib import Path
from typing import Any, Iterable, Sequence

import pandas as pd

from newstone.sentiment import tone_label, describe_tone

TONE_COLOURS = {"negative": "#c0392b", "neutral": "#7f8c8d", "positive": "#1e8449"}


def esc(value: Any) -> str:
    """Escape anything for HTML text and attribute contexts."""
    return html.escape("" if value is None else str(value), quote=True)


class Html:
    """Markup for notebook display; construct it only from `esc`-aped pieces and fixed tags."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


class Png:
    """A PNG for notebook display, with no metadata that changes between runs, and alt text."""

    def __init__(self, data: bytes, alt: str = ""):
        self.data = data
        self.alt = alt

    def _repr_png_(self) -> tuple[bytes, dict[str, str]]:
        return self.data, {"alt": self.alt}


def figure_png(fig: Any, dpi: int = 110, alt: str | None = None) -> Png:
    """Render a matplotlib figure to reproducible PNG bytes and close it."""
    import matplotlib.pyplot as plt

    title = alt or (fig.axes[0].get_title() if fig.axes else "") or "plot"
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return Png(buf.getvalue(), title)


def fmt_score(value: float) -> str:
    return f"{value:+.3f}"


def tone_badge(compound: float) -> str:
    label = tone_label(compound)
    return f'<span class="ns-badge ns-{label}">{esc(fmt_score(compound))} {esc(label)}</span>'


def table(rows: Iterable[Sequence[Any]], headers: Sequence[str], raw_columns: Iterable[int] = ()) -> Html:
    """An HTML table; cells are escaped unless their column index is in `raw_columns`.

    Raw columns must hold markup this module built (badges, highlighted text).
    """
    raw = set(raw_columns)
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(
            f"<td>{cell if i in raw else esc(cell)}</td>" for i, cell in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return Html(f'<table class="ns-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


def frame_table(frame: pd.DataFrame, float_format: str = "{:+.3f}") -> Html:
    """A DataFrame as an escaped table, floats formatted for reading."""
    rows = [
        [float_format.format(v) if isinstance(v, float) else v for v in row]
        for row in frame.itertuples(index=False)
    ]
    return table(rows, [str(c) for c in frame.columns])


def highlight(text: str, drivers: Sequence[dict[str, Any]]) -> str:
    """The sentence with its driver words marked; escaped text, fixed <mark> tags."""
    valence = {}
    for d in drivers:
        valence.setdefault(str(d["word"]).lower(), float(d["valence"]))
    if not valence:
        return esc(text)
    import re

    words = sorted(valence, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w])(" + "|".join(re.escape(w) for w in words) + r")(?![\w])", re.IGNORECASE)
    out, last = [], 0
    for m in pattern.finditer(text):
        v = valence.get(m.group(0).lower(), 0.0)
        kind = "pos" if v > 0 else "neg"
        out.append(esc(text[last:m.start()]))
        out.append(f'<mark class="ns-{kind}" title="{esc(fmt_score(v))}">{esc(m.group(0))}</mark>')
        last = m.end()
    out.append(esc(text[last:]))
    return "".join(out)


def summary(analysis: Any) -> Html:
    """The headline: what the article is and its overall tone, in one paragraph."""
    tone = analysis.tone
    n_removed = len(analysis.removed)
    parts = [
        f'<div class="ns-summary"><p class="ns-lede">Overall tone: {tone_badge(tone["compound"])} '
        f'— <strong>{esc(describe_tone(tone["compound"]))}</strong>, '
        f'the mean of {esc(tone["n_sentences"])} sentence scores (scorer <code>{esc(analysis.scorer)}</code>).</p>',
        "<p>{neg:.0%} of sentences are negative, {neu:.0%} neutral and {pos:.0%} positive. ".format(
            neg=tone["share_negative"], neu=tone["share_neutral"], pos=tone["share_positive"]
        )
        + f"{len(analysis.paragraphs)} paragraphs kept; cleaning removed {n_removed} "
        + ("piece" if n_removed == 1 else "pieces")
        + " of page furniture (listed below).</p>",
        f'<p class="ns-source">Source: <code>{esc(Path(analysis.document.source).name)}</code></p>',
    ]
    for w in analysis.warnings:
        parts.append(f'<p class="ns-warning">Warning: {esc(w)}</p>')
    from newstone.trust import statement

    parts.append('<div class="ns-trust"><p><strong>How far to trust this.</strong> '
                 + "</p><p>".join(esc(p) for p in statement(analysis)) + "</p></div>")
    parts.append("</div>")
    return Html("".join(parts))


def removed_table(analysis: Any) -> Html:
    if not analysis.removed:
        return Html("<p>Cleaning removed nothing: every line was article text.</p>")
    return table([(r.reason, r.text) for r in analysis.removed], ["why it was removed", "removed text"])


def sentence_table(analysis: Any) -> Html:
    """Every sentence with its score, driver words highlighted."""
    rows = [
        (
            int(r.paragraph) + 1,
            int(r.sentence) + 1,
            highlight(r.text, r.drivers),
            tone_badge(float(r.compound)),
            f"{r.neg:.2f} / {r.neu:.2f} / {r.pos:.2f}",
        )
        for r in analysis.sentences.itertuples(index=False)
    ]
    return table(rows, ["¶", "#", "sentence (driver words marked)", "compound", "neg / neu / pos"], raw_columns=(2, 3))


def extremes(analysis: Any, n: int = 3, which: str = "negative") -> Html:
    """The n most negative (or positive) sentences, with their scores."""
    frame = analysis.sentences
    ordered = frame.sort_values("compound", ascending=(which == "negative"), kind="mergesort")
    ordered = ordered[ordered["compound"].map(tone_label) == which]
    if ordered.empty:
        return Html(f"<p>No {esc(which)} sentences.</p>")
    rows = [(tone_badge(float(r.compound)), highlight(r.text, r.drivers)) for r in ordered.head(n).itertuples(index=False)]
    return table(rows, ["compound", "sentence"], raw_columns=(0, 1))


def tone_plot(analysis: Any, title: str | None = None) -> Png:
    """Tone through the article: each sentence's compound in reading order, paragraphs shaded."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    frame = analysis.sentences
    fig, ax = plt.subplots(figsize=(9, 3.2))
    x = range(1, len(frame) + 1)
    colours = [TONE_COLOURS[tone_label(c)] for c in frame["compound"]]
    ax.bar(x, frame["compound"], color=colours, width=0.8)
    if len(frame) >= 3:
        rolling = frame["compound"].rolling(3, center=True, min_periods=1).mean()
        ax.plot(x, rolling, color="#2c3e50", linewidth=1.5, label="3-sentence average")
        ax.legend(loc="lower right", frameon=False, fontsize=8)
    for p, group in frame.groupby("paragraph"):
        if p % 2:
            ax.axvspan(group.index.min() + 0.5, group.index.max() + 1.5, color="#ecf0f1", zorder=0)
    ax.axhline(0, color="#555", linewidth=0.6)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlim(0.3, len(frame) + 0.7)
    ax.set_xlabel("sentence (shaded bands: alternate paragraphs)")
    ax.set_ylabel("compound tone")
    ax.set_title(title or "Tone through the article", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_png(fig)


def drivers_plot(drivers: pd.DataFrame, n: int = 12, title: str = "Words that drove the tone") -> Png:
    """Horizontal bars of summed valence for the strongest driver words."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    top = drivers.head(n).iloc[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.32 * max(len(top), 3) + 0.8))
    colours = [TONE_COLOURS["positive"] if v > 0 else TONE_COLOURS["negative"] for v in top["total_valence"]]
    ax.barh(top["word"], top["total_valence"], color=colours)
    ax.axvline(0, color="#555", linewidth=0.6)
    method = drivers.attrs.get("explanation", "valence")
    ax.set_xlabel("summed valence after VADER's rules" if method == "valence"
                  else "summed change in the sentence's score when the word is left out (occlusion)")
    ax.set_title(title, fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_png(fig)


# --- machine-readable summary and the index page -------------------------------------------------

SUMMARY_MIME = "application/vnd.newstone.summary+json"


class Record:
    """Displayed last in a notebook: the renderer reads it (for the index) and drops it from the HTML."""

    def __init__(self, payload: dict[str, Any]):
        self.payload = payload

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {SUMMARY_MIME: self.payload}


def record(analysis: Any) -> Record:
    """The facts the index shows about this report."""
    return Record(
        {
            "title": analysis.title,
            "source": analysis.document.source,
            "sha256": analysis.document.sha256,
            "scorer": analysis.scorer,
            "tone": dict(analysis.tone),
            "n_removed": len(analysis.removed),
            "sentences": [[t, round(float(c), 4)] for t, c in zip(analysis.sentences["text"], analysis.sentences["compound"])],
            "actors": [[str(n), int(m), round(float(c), 4)] for n, m, c in zip(analysis.actors.get("name", []), analysis.actors.get("mentions", []), analysis.actors.get("compound", []))],
        }
    )


PAGE_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def page(title: str, body: str) -> str:
    """A standalone HTML page with the report styles and the same strict CSP as reports."""
    from importlib import resources

    css = resources.files("newstone").joinpath("templates/newstone/report.css").read_text(encoding="utf-8")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{PAGE_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        f"<title>{esc(title)}</title>\n<style>\n"
        "body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1f2933; }\n"
        f"{css}</style>\n</head>\n<body>\n<main class=\"jp-RenderedHTMLCommon\">\n{body}\n</main>\n</body>\n</html>\n"
    )


def _index_rows(reports: dict[str, Any], names: list[str]) -> list[tuple[str, ...]]:
    rows = []
    for name in names:
        e = reports[name]
        summary = e.get("summary") or {}
        tone = summary.get("tone") or {}
        title = e.get("title") or name
        if e.get("label"):
            title = f"{title} [{e['label']}]"
        link = f'<a href="{esc(e["html"])}">{esc(title)}</a>' if e.get("html") else esc(title)
        badge = tone_badge(float(tone["compound"])) if "compound" in tone else ""
        size = summary.get("n_documents", tone.get("n_sentences", ""))
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
    if corpora:
        parts.append("<h2>Corpus and evaluation reports</h2>")
        parts.append(str(table(_index_rows(reports, corpora), ["report", "input", "mean tone", "documents", "status"], raw_columns=range(5))))
    if explorers:
        parts.append("<h2>Explorer</h2><p>The exploration notebook, rendered statically for its first article; "
                     "open <code>notebooks/explore.ipynb</code> in JupyterLab for the live controls.</p>")
        parts.append(str(table(_index_rows(reports, explorers), ["report", "input", "tone", "sentences", "status"], raw_columns=range(5))))
    if articles:
        parts.append("<h2>Articles</h2>")
        parts.append(str(table(_index_rows(reports, articles), ["report", "input", "tone", "sentences", "status"], raw_columns=range(5))))
    if stale:
        parts.append("<h2>Older reports</h2><p>Still on disk, but not made from the current inputs and report sets "
                     "(an input was deleted or renamed, or another run made them); they may be out of date.</p>")
        parts.append("<ul>" + "".join(f'<li><a href="{esc(everything[n]["html"])}">{esc(everything[n].get("title") or n)}</a> '
                                      f'<span class="ns-badge">stale</span></li>' for n in stale) + "</ul>")
    if not reports:
        parts.append("<p>No reports yet.</p>")
    return page("newstone reports", "".join(parts))


def heading(text: str) -> Html:
    return Html(f"<h1>{esc(text)}</h1>")


def subheading(text: str) -> Html:
    return Html(f"<h3>{esc(text)}</h3>")


def provenance(analysis: Any, parameters: dict[str, Any]) -> Html:
    """The provenance table at the end of every report."""
    from newstone import provenance as prov

    return provenance_table(prov.collect(analysis.document.source, analysis.document.sha256, parameters))


def provenance_table(info: dict[str, Any]) -> Html:
    rows = [(k, f"<code>{esc(v)}</code>") for k, v in info.items()]
    return Html(f'<div class="ns-provenance">{table(rows, ["what", "value"], raw_columns=(1,))}</div>')


def corpus_provenance(corpus: Any, inputs: Any, parameters: dict[str, Any]) -> Html:
    from newstone import provenance as prov
    from newstone.corpus import resolve_inputs

    return provenance_table(prov.collect_many(prov.files_digest(resolve_inputs(inputs)), parameters))


def record_corpus(corpus: Any, title: str) -> Record:
    """The facts the index shows about a corpus report."""
    docs = corpus.documents
    tone = {"compound": float(docs["compound"].mean()) if len(docs) else 0.0, "n_sentences": int(docs["n_sentences"].sum()) if len(docs) else 0}
    return Record({"title": title, "kind": "corpus", "scorer": corpus.scorer, "tone": tone, "n_documents": int(len(docs)), "n_errors": len(corpus.errors),
                   "errors": [str(e) for e in corpus.errors[:100]]})


# --- who says what, about whom --------------------------------------------------------------------


def _maybe(value: Any, fmt: str = "{:+.3f}") -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    return fmt.format(value)


def speakers_table(analysis: Any) -> Html:
    """Who is quoted, how often, and the tone of their words."""
    frame = analysis.speakers
    if frame.empty:
        return Html("<p>No quoted or reported speech was found.</p>")
    rows = [
        (r.name, int(r.n_quotes), int(r.n_direct), int(r.n_indirect), tone_badge(float(r.compound)))
        for r in frame.itertuples(index=False)
    ]
    return table(rows, ["speaker", "statements", "direct quotes", "reported (indirect)", "tone of their words"], raw_columns=(4,))


def quotes_table(analysis: Any) -> Html:
    """Every quote and reported statement in reading order, with its speaker and tone."""
    frame = analysis.quotes
    if frame.empty:
        return Html("<p>No quotes.</p>")
    rows = []
    for r in frame.itertuples(index=False):
        words = f"“{esc(r.text)}”" if r.kind == "direct" else f"<em>{esc(r.text)}</em>"
        rows.append((int(r.paragraph) + 1, esc(r.speaker or "unknown"), esc(r.kind), words, tone_badge(float(r.compound))))
    from newstone.trust import quote_note

    note = quote_note(analysis)
    shown = table(rows, ["¶", "speaker", "kind", "words", "tone"], raw_columns=(0, 1, 2, 3, 4))
    return Html(str(shown) + (f'<p class="ns-note">{esc(note)}</p>' if note else ""))


def actors_table(analysis: Any) -> Html:
    """Each actor: how often it is mentioned, the tone of the text about it, and its own words."""
    frame = analysis.actors
    if frame.empty:
        return Html("<p>No actor is mentioned often enough to report on.</p>")
    rows = [
        (
            r.name,
            int(r.mentions),
            tone_badge(float(r.compound)),
            int(r.n_quotes),
            tone_badge(float(r.quote_compound)) if r.quote_compound == r.quote_compound and r.n_quotes else "–",
        )
        for r in frame.itertuples(index=False)
    ]
    return table(rows, ["actor", "mentions", "tone of the text about it", "its statements", "tone of its statements"], raw_columns=(2, 4))


def actors_plot(analysis: Any) -> Png | Html:
    """Tone about each actor (bars), with the number of mentions in the label."""
    frame = analysis.actors
    if frame.empty:
        return Html("")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    top = frame.head(12).iloc[::-1]
    labels = [f"{n} ({m})" for n, m in zip(top["name"], top["mentions"])]
    fig, ax = plt.subplots(figsize=(7, 0.4 * max(len(top), 3) + 0.9))
    colours = [TONE_COLOURS[tone_label(c)] for c in top["compound"]]
    ax.barh(labels, top["compound"], color=colours)
    ax.axvline(0, color="#555", linewidth=0.6)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("mean compound tone of the clauses that mention the actor")
    ax.set_title("Tone of the text about each actor (mentions in brackets)", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_png(fig)


# --- corpus views -------------------------------------------------------------------------------


def corpus_summary(corpus: Any) -> Html:
    docs = corpus.documents
    if docs.empty:
        return Html('<div class="ns-summary"><p class="ns-lede">No readable documents.</p></div>')
    mean = float(docs["compound"].mean())
    parts = [
        f'<div class="ns-summary"><p class="ns-lede">{len(docs)} documents, {int(docs["n_sentences"].sum())} sentences. '
        f'Mean document tone: {tone_badge(mean)} — <strong>{esc(describe_tone(mean))}</strong> '
        f'(scorer <code>{esc(corpus.scorer)}</code>).</p>',
        "<p>{negative} negative, {neutral} neutral and {positive} positive documents (by mean sentence tone).</p>".format(
            **{label: int((docs["compound"].map(tone_label) == label).sum()) for label in TONE_COLOURS}
        ),
    ]
    if corpus.errors:
        parts.append(f'<p class="ns-warning">{len(corpus.errors)} input(s) could not be read; they are listed at the end.</p>')
    parts.append("</div>")
    return Html("".join(parts))


def errors_list(corpus: Any) -> Html:
    if not corpus.errors:
        return Html("<p>Every input was read.</p>")
    return Html("<ul>" + "".join(f"<li><code>{esc(e)}</code></li>" for e in corpus.errors) + "</ul>")


def _report_link(source: str, title: str) -> str:
    """A link to the article's own report when the document is a file that gets one."""
    from newstone.read import TABLE_SUFFIXES

    if "#" in Path(source).name or Path(source).suffix.lower() in TABLE_SUFFIXES:
        return esc(title)
    from newstone.reportnames import report_name

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
    return table(rows, ["document", "source", "date", "sentences", "tone", "neg / neu / pos sentences"], raw_columns=range(6))


def tone_distribution_plot(corpus: Any) -> Png | Html:
    """Histogram of document tone, with sentence tone behind it for scale."""
    docs = corpus.documents
    if docs.empty:
        return Html("")
    import matplotlib

    matplotlib.use("Agg")
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
        ax.spines[["top", "right"]].set_visible(False)
    return figure_png(fig, alt="Distribution of document and sentence tone")


def group_plot(groups: pd.DataFrame, by: str) -> Png | Html:
    """Mean document tone per group (source), with the number of documents in the label."""
    if groups.empty:
        return Html(f"<p>The input has no {esc(by)} column or values to compare.</p>")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    top = groups.head(15).iloc[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.4 * max(len(top), 3) + 0.9))
    ax.barh([f"{g} ({n})" for g, n in zip(top[by], top["documents"])], top["compound"],
            color=[TONE_COLOURS[tone_label(c)] for c in top["compound"]])
    ax.axvline(0, color="#555", linewidth=0.6)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("mean document tone")
    ax.set_title(f"Tone by {by} (documents in brackets)", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_png(fig)


def over_time_plot(timeline: pd.DataFrame) -> Png | Html:
    if timeline.empty:
        return Html("<p>The documents carry no dates, so there is no timeline.</p>")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 3))
    ax.plot(timeline["period"], timeline["compound"], marker="o", color="#34495e")
    ax.axhline(0, color="#555", linewidth=0.6)
    ax.set_ylim(-1, 1)
    ax.set_ylabel("mean document tone")
    ax.set_title("Tone over time", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    fig.autofmt_xdate()
    return figure_png(fig)


def corpus_actors_table(actors: pd.DataFrame, scored: bool = False) -> Html:
    if actors.empty:
        if scored:
            return Html("<p>Tables from <code>newstone score</code> hold tone, not actors; render the corpus "
                        "report on the articles themselves to compare actors.</p>")
        return Html("<p>No actor is mentioned often enough to compare.</p>")
    rows = [(r.name, int(r.documents), int(r.mentions), tone_badge(float(r.compound))) for r in actors.itertuples(index=False)]
    return table(rows, ["actor", "documents", "mentions", "tone of the text about it"], raw_columns=(3,))


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
        str(table(rows, ["report", "what differs", "overall tone", "neg / neu / pos sentences"], raw_columns=range(4))),
    ]
    series = [[c for _, c in (e.get("summary") or {}).get("sentences", [])] for _, e in entries]
    texts = [t for t, _ in (entries[0][1].get("summary") or {}).get("sentences", [])]
    if series and all(len(s) == len(texts) for s in series) and texts:
        parts.append("<h2>Sentence by sentence</h2>")
        parts.append(_png_tag(_comparison_plot(labels, series), "Sentence tone under each parameter set"))
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
            (esc(n), *[tone_badge(a[n][1]) + f" <small>({esc(a[n][0])} mentions)</small>" if n in a else "–" for a in actor_maps])
            for n in names
        ]
        parts.append(str(table(rows, ["actor", *labels], raw_columns=range(1 + len(labels)))))
    return page(f"{group}: comparison", "".join(parts))


def _comparison_plot(labels: list[str], series: list[list[float]]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 3.2))
    x = range(1, len(series[0]) + 1)
    for label, values in zip(labels, series):
        ax.plot(x, values, marker="o", markersize=3, linewidth=1.2, label=label)
    ax.axhline(0, color="#555", linewidth=0.6)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("sentence")
    ax.set_ylabel("compound tone")
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_png(fig).data


def _png_tag(data: bytes, alt: str) -> str:
    import base64

    return f'<img src="data:image/png;base64,{base64.b64encode(data).decode()}" alt="{esc(alt)}">'


# --- evaluation views -----------------------------------------------------------------------------


def metrics_table(metrics: pd.DataFrame) -> Html:
    """Agreement with people, one row per scorer and dataset."""
    if metrics.empty:
        return Html("<p>Nothing was evaluated.</p>")
    rows = [
        (
            r.scorer, r.dataset, int(r.n),
            _maybe(r.pearson_r, "{:.3f}"), f"{r.f1_weighted:.3f}", f"{r.f1_macro:.3f}", f"{r.accuracy:.3f}",
            f"{r.sentences_per_second:,.0f}",
        )
        for r in metrics.itertuples(index=False)
    ]
    return table(rows, ["scorer", "dataset", "n", "pearson r", "F1 weighted", "F1 macro", "accuracy", "sentences/s"])


def confusion_plot(evaluation: Any, kind: str) -> Png | Html:
    """One confusion matrix per scorer (rows: people's class, columns: the scorer's)."""
    from newstone.evaluate import LABELS, confusion_matrix

    items = [(scorer, preds) for (scorer, k), preds in evaluation.predictions.items() if k == kind]
    if not items:
        return Html("")
    import matplotlib

    matplotlib.use("Agg")
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


def scatter_plot(evaluation: Any) -> Png | Html:
    """Predicted compound against the people's mean rating (VADER-format data)."""
    items = [(scorer, preds) for (scorer, k), preds in evaluation.predictions.items() if k == "vader"]
    if not items:
        return Html("")
    import matplotlib

    matplotlib.use("Agg")
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
    from newstone.evaluate import worst_misses

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


def highlight_span(text: str, start: int, end: int) -> str:
    """Escaped text with one span marked (the target of a target-level label)."""
    return f"{esc(text[:start])}<mark>{esc(text[start:end])}</mark>{esc(text[end:])}"


def record_evaluation(evaluation: Any, title: str) -> Record:
    best = evaluation.metrics.sort_values("f1_macro", ascending=False).iloc[0] if len(evaluation.metrics) else None
    return Record({"title": title, "kind": "evaluation", "tone": {}, "best": None if best is None else str(best["scorer"])})

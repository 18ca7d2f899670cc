"""The views of one article's report: summary, tone plots, speakers, actors, sentences, provenance.

Each function takes an `Analysis` (see `newstone.analyze`) and returns an `Html` or `Png` built
from escaped text only (`newstone.reports.markup`).
"""

from __future__ import annotations

import math

from pathlib import Path
from typing import Any

import pandas as pd

from newstone.reports.markup import TONE_COLOURS, Html, esc, frame_table, highlight, maybe, plural, table, tone_badge
from newstone.reports.plots import Png, figure_png, integer_axis, plain_text, tone_axis
from newstone.tone.sentiment import describe_tone, tone_label

SUMMARY_MIME = "application/vnd.newstone.summary+json"


def _metadata(document: Any) -> list[tuple[str, str]]:
    """What the page or row said about the article (site, author, publication date), if anything.

    Read with getattr so documents from any reader (older ones have no `author`) work.
    """
    found = []
    for label, field in (("site", "site"), ("by", "author"), ("published", "published"), ("date", "date")):
        value = getattr(document, field, None)
        if isinstance(value, str) and value.strip() and not (field == "date" and getattr(document, "published", None)):
            found.append((label, value.strip()))
    return found


def summary(analysis: Any, removed_listed: bool = True) -> Html:
    """The headline: what the article is and its overall tone, in one paragraph.

    `removed_listed`: the page lists what cleaning removed further down (a report does).
    """
    tone = analysis.tone
    n_removed = len(analysis.removed)
    removed = (
        "cleaning removed nothing" if n_removed == 0
        else f"cleaning removed {plural(n_removed, 'piece')} of page furniture" + (" (listed below)" if removed_listed else "")
    )
    parts = [
        f'<div class="ns-summary"><p class="ns-lede">Overall tone: {tone_badge(tone["compound"])} '
        f'— <strong>{esc(describe_tone(tone["compound"]))}</strong>, '
        f'the mean of {esc(plural(int(tone["n_sentences"]), "sentence score"))} (scorer <code>{esc(analysis.scorer)}</code>).</p>',
        "<p>{neg:.0%} of sentences are negative, {neu:.0%} neutral and {pos:.0%} positive. ".format(
            neg=tone["share_negative"], neu=tone["share_neutral"], pos=tone["share_positive"]
        )
        + f"{esc(plural(len(analysis.paragraphs), 'paragraph'))} kept; {esc(removed)}.</p>",
    ]
    meta = "".join(f" · {esc(label)} {esc(value)}" for label, value in _metadata(analysis.document))
    parts.append(f'<p class="ns-source">Source: <code>{esc(Path(analysis.document.source).name)}</code>{meta}</p>')
    for w in analysis.warnings:
        parts.append(f'<p class="ns-warning">Warning: {esc(w)}</p>')
    from newstone.tone.trust import statement

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
    return table(rows, ["¶", "#", "sentence (driver words marked)", "compound", "neg / neu / pos"],
                 raw_columns=(2, 3), nowrap_columns=(3, 4))


def extremes(analysis: Any, n: int = 3, which: str = "negative") -> Html:
    """The n most negative (or positive) sentences, with their scores."""
    frame = analysis.sentences
    ordered = frame.sort_values("compound", ascending=(which == "negative"), kind="mergesort")
    ordered = ordered[ordered["compound"].map(tone_label) == which]
    if ordered.empty:
        return Html(f"<p>No {esc(which)} sentences.</p>")
    rows = [(tone_badge(float(r.compound)), highlight(r.text, r.drivers)) for r in ordered.head(n).itertuples(index=False)]
    return table(rows, ["compound", "sentence"], raw_columns=(0, 1))


@plain_text
def tone_plot(analysis: Any, title: str | None = None) -> Png:
    """Tone through the article: each sentence's compound in reading order, paragraphs shaded."""
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
    integer_axis(ax.xaxis)
    ax.set_xlabel("sentence (shaded bands: alternate paragraphs)")
    ax.set_ylabel("compound tone")
    ax.set_title(title or "Tone through the article", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_png(fig)


@plain_text
def drivers_plot(drivers: pd.DataFrame, n: int = 12, title: str = "Words that drove the tone") -> Png:
    """Horizontal bars of summed valence for the strongest driver words."""
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


def drivers_table(drivers: pd.DataFrame, n: int = 15) -> Html:
    """The strongest driver words with column names that say what was measured."""
    method = drivers.attrs.get("explanation", "valence")
    unit = "valence" if method == "valence" else "change when left out"
    shown = drivers.head(n).rename(columns={
        "word": "word", "count": "times in the article",
        "total_valence": f"summed {unit}", "mean_valence": f"mean {unit}",
    })
    return frame_table(shown)


def drivers_method(drivers: pd.DataFrame) -> Html:
    """One sentence on how the drivers were measured, for the scorer the report used."""
    if drivers.attrs.get("explanation", "valence") == "valence":
        text = ("The valence each word contributed after VADER's rules (negation, boosters such as "
                "“very”, contrast after “but”, capitals), summed over the article.")
    else:
        text = ("For each word, how much its sentence's score changes when the word is left out "
                "(occlusion), summed over the article: the model's own reasons, not a lexicon's.")
    return Html(f"<p>{esc(text)}</p>")


class Record:
    """Displayed last in a notebook: the renderer reads it (for the index) and drops it from the HTML.

    Its plain-text form is empty, so a notebook shows nothing for it (no object repr).
    """

    def __init__(self, payload: dict[str, Any]):
        self.payload = payload

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {SUMMARY_MIME: self.payload, "text/plain": ""}

    def __repr__(self) -> str:
        return ""


def _finite(value: Any) -> float | None:
    """A score for the JSON record, or None when there is none (a target never mentioned has NaN:
    not JSON, and jupyter_client printed a warning about it into the report)."""
    number = float(value)
    return round(number, 4) if math.isfinite(number) else None


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
            "actors": [[str(n), int(m), _finite(c)] for n, m, c in zip(analysis.actors.get("name", []), analysis.actors.get("mentions", []), analysis.actors.get("compound", []))],
        }
    )


def provenance(analysis: Any, parameters: dict[str, Any]) -> Html:
    """The provenance table at the end of every report."""
    from newstone.reports import provenance as prov

    return provenance_table(prov.collect(analysis.document.source, analysis.document.sha256, parameters,
                                         scorer=analysis.scorer))


def provenance_table(info: dict[str, Any]) -> Html:
    rows = [(k, f"<code>{esc(v)}</code>") for k, v in info.items()]
    return Html(f'<div class="ns-provenance">{table(rows, ["what", "value"], raw_columns=(1,))}</div>')


# --- who says what, about whom --------------------------------------------------------------------


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
    from newstone.tone.trust import quote_note

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
            tone_badge(float(r.quote_compound)) if r.quote_compound == r.quote_compound and r.n_quotes else maybe(None),
        )
        for r in frame.itertuples(index=False)
    ]
    return table(rows, ["actor", "mentions", "tone of the text about it", "its statements", "tone of its statements"], raw_columns=(2, 4))


@plain_text
def actors_plot(analysis: Any) -> Png | Html:
    """Tone about each actor (bars), with the number of mentions in the label."""
    frame = analysis.actors
    if frame.empty:
        return Html("")
    import matplotlib.pyplot as plt

    top = frame.head(12).iloc[::-1]
    labels = [f"{n} ({m})" for n, m in zip(top["name"], top["mentions"])]
    fig, ax = plt.subplots(figsize=(7, 0.4 * max(len(top), 3) + 0.9))
    colours = [TONE_COLOURS[tone_label(c)] for c in top["compound"]]
    ax.barh(labels, top["compound"], color=colours)
    ax.axvline(0, color="#555", linewidth=0.6)
    ax.set_xlim(-1, 1)
    tone_axis(ax.xaxis)
    ax.set_xlabel("mean compound tone of the clauses that mention the actor")
    ax.set_title("Tone of the text about each actor (mentions in brackets)", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_png(fig)

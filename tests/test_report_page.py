"""What a reader gets: the rendered page, by `newstone render` and by plain papermill + nbconvert."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT, SEED

BIDI_TEXT = "The minister said the \u202etalks failed\u202c badly. Officials were angry about the delay."


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from newstone.reports.render import render_reports

    src = tmp_path_factory.mktemp("inputs")
    (src / SEED.name).write_bytes(SEED.read_bytes())
    filler = "Residents waited for news from the capital. " * 220  # past the first 8 KB
    (src / "nul.txt").write_text(filler + "\n\nThe strike\x00 was terrible.\n", encoding="utf-8")
    (src / "bidi.txt").write_text(BIDI_TEXT + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("reports")
    results = render_reports([src], out, jobs=1, parameters={"targets": "$x^$;Taliban"})
    return out, {r.name: r for r in results}


def test_seed_report_has_contents_links_and_no_notebook_instructions(rendered):
    out, results = rendered
    assert results["000_4054172739a3b017"].status == "rendered", results["000_4054172739a3b017"].error
    page = (out / "000_4054172739a3b017.html").read_text(encoding="utf-8")
    assert "Change the parameters" not in page and "run all cells" not in page
    nav = re.search(r'<nav[^>]*>(.*?)</nav>', page, re.S)
    links = re.findall(r'href="#([^"]+)"', nav.group(1))
    assert len(links) >= 5 and "<script" not in page.lower()
    for ident in links:
        assert f'id="{ident}"' in page, ident
    assert page.count('class="ns-view-style"') == 1  # the stylesheet once per page, not per output
    assert "object at 0x" not in page and "Record" not in page


def test_metadata_with_dollar_signs_and_a_nul_never_break_or_reach_the_page(rendered):
    out, results = rendered
    # targets "$x^$" reached every plot of every report without mathtext failing
    assert results["000_4054172739a3b017"].status == "rendered", results["000_4054172739a3b017"].error
    assert results["bidi"].status == "rendered", results["bidi"].error
    # a NUL past the reader's first 8 KB is still binary content: one named error, no page with it
    assert results["nul"].status == "failed"
    assert "nul.txt" in results["nul"].error and "NUL" in results["nul"].error
    assert not (out / "nul.html").exists() or "\x00" not in (out / "nul.html").read_text(encoding="utf-8")


def test_bidi_override_from_an_article_is_isolated(rendered):
    out, results = rendered
    page = (out / "bidi.html").read_text(encoding="utf-8")
    for run in re.findall("\u202e[^\u2069]*", page):  # every override sits inside an isolate...
        before = page[: page.index(run)]
        assert before.count("\u2068") > before.count("\u2069")  # ...opened before it


def test_corpus_report_says_one_document_in_plain_words(tmp_path):
    from newstone.reports.render import render_reports

    src = tmp_path / "one"
    src.mkdir()
    (src / "a.csv").write_text("id,text\n1,The talks failed badly and everyone was angry.\n", encoding="utf-8")
    result = render_reports([src / "a.csv"], tmp_path / "out", jobs=1)[0]
    assert result.status == "rendered", result.error
    page = (tmp_path / "out" / "a.html").read_text(encoding="utf-8")
    assert "1 document," in page and "1 documents" not in page


def test_plain_papermill_and_nbconvert_with_the_named_template(tmp_path):
    """The README's plain route gives the same self-contained page as `newstone render`."""
    from newstone.reports.nbtemplate import install_template

    install_template(tmp_path / "env")
    env = {**os.environ, "JUPYTER_PATH": str(tmp_path / "env" / "share" / "jupyter"), "NEWSTONE_STATIC": "1"}
    executed = tmp_path / "article.ipynb"
    bindir = os.path.dirname(sys.executable)
    subprocess.run([os.path.join(bindir, "papermill"), str(ROOT / "notebooks" / "article.ipynb"), str(executed),
                    "-p", "input_path", str(SEED), "--cwd", str(ROOT), "--no-progress-bar"],
                   check=True, env=env, capture_output=True, timeout=600)
    subprocess.run([os.path.join(bindir, "jupyter"), "nbconvert", "--to", "html", "--template", "newstone",
                    "--no-input", str(executed)], check=True, env=env, capture_output=True, timeout=300)
    outputs = [o for c in json.loads(executed.read_text(encoding="utf-8"))["cells"] for o in c.get("outputs", [])]
    assert not [o for o in outputs if "object at 0x" in str((o.get("data") or {}).get("text/plain", ""))]
    page = (tmp_path / "article.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "require.js" not in page and "mathjax" not in page.lower()
    assert "Content-Security-Policy" in page and "<nav" in page
    assert "Change the parameters" not in page
    assert "ns-badge" in page and 'class="ns-view-style"' in page


def test_saved_outputs_do_not_count_as_a_notebook_change(tmp_path):
    from newstone.reports.plan import notebook_digest

    nb = json.loads((ROOT / "notebooks" / "article.ipynb").read_text(encoding="utf-8"))
    before = tmp_path / "a.ipynb"
    before.write_text(json.dumps(nb), encoding="utf-8")
    for i, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = i + 1
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x"}]
    nb["metadata"]["widgets"] = {"state": {}}
    nb["metadata"]["language_info"] = {"name": "python", "version": "3.11.7"}
    after = tmp_path / "b.ipynb"
    after.write_text(json.dumps(nb, indent=2), encoding="utf-8")
    assert notebook_digest(before) == notebook_digest(after)
    nb["cells"][-1]["source"] = "print('changed')"
    after.write_text(json.dumps(nb), encoding="utf-8")
    assert notebook_digest(before) != notebook_digest(after)


def test_committed_notebooks_are_output_free_and_git_strips_them():
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8")
    assert "*.ipynb filter=nbstripout" in attributes
    assert "git-filters" in (ROOT / "Makefile").read_text(encoding="utf-8")
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            assert not cell.get("outputs") and cell.get("execution_count") is None, path.name
        first = nb["cells"][0]
        instructions = [c for c in nb["cells"] if "run all cells" in "".join(c["source"]).lower()]
        assert all("notebook-only" in c["metadata"].get("tags", []) for c in instructions), path.name
        assert first["cell_type"] == "markdown"


def test_html_reading_dependency_is_declared():
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert any(d.replace("-", "_").startswith("lxml_html_clean") for d in deps)

"""Rendering through papermill and nbconvert: one module-scoped run keeps the suite fast."""

from __future__ import annotations

import re
import shutil

import pytest

from newstone.cli import main
from newstone.render import ParameterError, check_parameters, default_notebook, parse_assignments, render_reports

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
    out = tmp_path_factory.mktemp("reports")
    results = render_reports([src], out)
    return out, {r.name: r for r in results}


def test_seed_report_is_rendered_self_contained(rendered):
    out, results = rendered
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
    out, results = rendered
    assert results["hostile"].status == "rendered"
    html = (out / "hostile.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "onerror=" not in html.replace("onerror=alert(2)&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"<a\s[^>]*href\s*=\s*[\"']?\s*javascript:", html, re.I)
    assert not re.search(r"<img\s[^>]*onerror", html, re.I)


def test_failure_is_contained_and_indexed(rendered):
    out, results = rendered
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
    with pytest.raises(ParameterError, match=r"parameter 'top_n' takes int"):
        check_parameters(nb, {"top_n": "five"})
    assert parse_assignments(["top_n=3", "show_code=true", "title=A B"]) == {"top_n": 3, "show_code": True, "title": "A B"}


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

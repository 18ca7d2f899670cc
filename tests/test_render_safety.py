"""Hostile output folders, parameters, names and state: one line each, a non-zero exit, nothing lost.

Most cases here never start a kernel: they are refused while planning, or `execute` is replaced
by a stand-in that returns an executed notebook, so only the writing side is exercised.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, SEED
from newstone.cli import main
from newstone.reports.manifest import FolderLock
from newstone.reports.params import check_parameters, parse_assignments
from newstone.reports.plan import default_notebook, plan_jobs
from newstone.reports.reportsets import ReportSetError, load_report_sets


def fake_execute(notebook, params, kernel_name, fresh=False):
    """An executed notebook without a kernel: a heading and the summary the index reads."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from newstone.reports.export import SUMMARY_MIME

    source = Path(str(params.get("input_path", "x")))
    source = source if source.is_absolute() else ROOT / source
    if source.is_file() and b"\x00" in source.read_bytes():
        raise ValueError(f"{source}: binary file")
    title = f"Report on {source.name}"
    cell = new_code_cell("x", outputs=[
        new_output("display_data", data={"text/html": f"<h1>{title}</h1>"}),
        new_output("display_data", data={SUMMARY_MIME: {"title": title, "tone": {"compound": 0.1, "n_sentences": 2}}}),
    ])
    nb = new_notebook(cells=[cell], metadata={"kernelspec": {"name": "newstone", "language": "python", "display_name": "Python (newstone)"}})
    return nbformat.from_dict(nb)


@pytest.fixture
def no_kernel(monkeypatch):
    monkeypatch.setattr("newstone.reports.render.execute", fake_execute)


def run(capsys, *argv):
    argv = [str(a) for a in argv] + (["--jobs", "1"] if argv[0] == "render" else [])  # in-process: the stand-in holds
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("newstone: error:")]


def test_out_that_is_a_file_is_refused(tmp_path, capsys, no_kernel):
    target = tmp_path / "report.html"
    target.write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, "render", SEED, "--out", target)
    assert code == 2
    assert error_lines(err) == [f"newstone: error: {target}: --out is a file, not a folder"]
    assert target.read_text(encoding="utf-8") == "keep me"


def test_out_equal_to_an_input_folder_or_holding_an_input_is_refused(tmp_path, capsys, no_kernel):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / SEED.name)
    before = sorted(p.name for p in src.iterdir())
    code, _, err = run(capsys, "render", src, "--out", src)
    assert code == 2 and "--out is the input folder" in err and "Traceback" not in err
    code, _, err = run(capsys, "render", src / SEED.name, "--out", src)
    assert code == 2 and "--out holds the input" in err
    assert sorted(p.name for p in src.iterdir()) == before


@pytest.mark.parametrize("errno_code, words", [(errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system")])
def test_unwritable_out_is_one_line_and_earlier_reports_stay(tmp_path, capsys, no_kernel, monkeypatch, errno_code, words):
    out = tmp_path / "out"
    assert run(capsys, "render", SEED, "--out", out)[0] == 0
    good = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    def refuse(*args, **kwargs):
        raise OSError(errno_code, os.strerror(errno_code))

    monkeypatch.setattr("newstone.reports.manifest.tempfile.mkstemp", refuse)
    code, _, err = run(capsys, "render", SEED, "--out", out, "--force")
    assert code == 1 and "Traceback" not in err
    (line,) = error_lines(err)
    assert line.startswith(f"newstone: error: {out / SEED.stem}.html: cannot write ({words})")
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == good
    assert not list(out.glob(".*.tmp"))


@pytest.mark.parametrize(
    "assignment, message",
    [
        ("top_n=-3", "parameter 'top_n' takes a whole number from 1 to 1000, got -3"),
        ("top_n=2.5", "parameter 'top_n' takes a whole number from 1 to 1000, got '2.5'"),
        ("show_code=maybe", "parameter 'show_code' takes true or false, got 'maybe'"),
        ("scorer=", "parameter 'scorer' takes non-empty text"),
        ("scorer=nope", "unknown scorer 'nope'"),
    ],
)
def test_parameter_values_are_checked_before_any_kernel(tmp_path, capsys, monkeypatch, assignment, message):
    def no_kernels(*args, **kwargs):  # pragma: no cover - reaching this is the failure
        raise AssertionError("a kernel was started")

    monkeypatch.setattr("newstone.reports.render.execute", no_kernels)
    code, _, err = run(capsys, "render", SEED, "--out", tmp_path / "out", "-p", assignment)
    assert code == 2
    (line,) = error_lines(err)
    assert message in line
    assert not (tmp_path / "out").exists()


def test_values_take_the_declared_type():
    nb = default_notebook()
    typed = check_parameters(nb, parse_assignments(["title=1e999", "targets=null", "top_n=7", "show_code=no"]))
    assert (typed["title"], typed["targets"], typed["top_n"], typed["show_code"]) == ("1e999", None, 7, False)
    explore = ROOT / "notebooks" / "explore.ipynb"
    for bad in ("threshold=nan", "threshold=1e999", "threshold=2"):
        with pytest.raises(ValueError, match="parameter 'threshold' takes a number from 0 to 1"):
            check_parameters(explore, parse_assignments([bad]))


@pytest.mark.parametrize("label", ["$x^$", "a/b", "{x}", "../up", ".hidden", "x" * 80, "index"])
def test_report_set_labels_are_checked_up_front(tmp_path, monkeypatch, label):
    (tmp_path / "notebooks").mkdir()
    shutil.copy(ROOT / "notebooks" / "article.ipynb", tmp_path / "notebooks" / "article.ipynb")
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    path = tmp_path / "reports.yml"
    path.write_text(textwrap.dedent(f"""\
        sets:
          a:
            notebook: article
            inputs: [seeds]
            parameters:
              - {{label: ok}}
              - {{label: {json.dumps(label)}}}
        """), encoding="utf-8")
    with pytest.raises(ReportSetError, match=r"set 'a', parameters #2: label") as info:
        load_report_sets(path)
    assert str(info.value).startswith(f"{path}: ")


def test_long_names_and_the_index_name_get_safe_report_names(tmp_path, capsys, no_kernel):
    src = tmp_path / "in"
    src.mkdir()
    long = src / ("a" * 240 + ".txt")
    shutil.copy(SEED, long)
    shutil.copy(SEED, src / "index.txt")
    out = tmp_path / "out"
    code, _, err = run(capsys, "render", src, "--out", out, "--no-corpus")
    assert code == 0, err
    assert f"newstone: warning: {src / 'index.txt'}: its report is index-report.html" in err
    names = sorted(p.name for p in out.glob("*.html"))
    assert "index-report.html" in names and "index.html" in names
    (long_report,) = [n for n in names if n.startswith("aaa")]
    assert len(long_report.encode()) <= 160
    assert 'href="index-report.html"' in (out / "index.html").read_text(encoding="utf-8")
    assert [j.name for j in plan_jobs([long], corpus=False)] == [long_report[: -len(".html")]]  # stable


def test_a_second_run_into_a_locked_folder_says_who_holds_it(tmp_path, capsys, no_kernel):
    out = tmp_path / "out"
    with FolderLock(out):
        code, _, err = run(capsys, "render", SEED, "--out", out)
    assert code == 1
    (line,) = error_lines(err)
    assert f"{out}: another newstone render is writing here (pid {os.getpid()} on " in line and "since 20" in line
    assert not (out / "index.html").exists()
    assert run(capsys, "render", SEED, "--out", out)[0] == 0  # released: the next run goes ahead


def test_a_truncated_manifest_is_reported_and_rebuilt(tmp_path, capsys, no_kernel):
    out = tmp_path / "out"
    other = tmp_path / "other.txt"
    other.write_text("Rescue teams reached the villages.\n", encoding="utf-8")
    assert run(capsys, "render", SEED, other, "--out", out)[0] == 0
    manifest = out / "manifest.json"
    manifest.write_bytes(manifest.read_bytes()[:40])
    code, _, err = run(capsys, "render", SEED, "--out", out)
    assert code == 0
    assert f"newstone: warning: {manifest}: unreadable, truncated or not JSON" in err and "rebuilt from the 2 reports on disk" in err
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert data["reports"][SEED.stem]["status"] == "ok" and data["reports"]["other"]["stale"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'href="{SEED.stem}.html"' in index and 'href="other.html"' in index and "Older reports" in index


def test_the_index_shows_current_reports_and_marks_older_ones(tmp_path, capsys, no_kernel):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("One.\n", encoding="utf-8")
    (src / "b.txt").write_text("Two.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run(capsys, "render", src, "--out", out, "--no-corpus")[0] == 0
    (src / "b.txt").unlink()
    assert run(capsys, "render", src, "--out", out, "--no-corpus")[0] == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    current, older = index.split("Older reports")
    assert 'href="a.html"' in current and 'href="b.html"' not in current
    assert 'href="b.html"' in older and "stale" in older
    assert (out / "b.html").exists()  # old HTML stays on disk
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01binary\x00")
    assert run(capsys, "render", broken, "--out", out)[0] == 1
    assert "failed" in (out / "index.html").read_text(encoding="utf-8")
    assert run(capsys, "render", src, "--out", out, "--no-corpus")[0] == 0
    assert "failed" in (out / "index.html").read_text(encoding="utf-8")  # a partial run leaves it be
    from newstone.reports.render import run_plan

    run_plan(plan_jobs([src], corpus=False), out, jobs=1, complete=True)  # what `make reports` does
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "broken" not in index and "failed" not in index  # an earlier failure is not listed as current


def test_explore_is_labelled_as_the_explorer(tmp_path, capsys, no_kernel):
    out = tmp_path / "out"
    assert run(capsys, "render", SEED, "--notebook", ROOT / "notebooks" / "explore.ipynb", "--out", out)[0] == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<h2>Explorer</h2>" in index and "<h2>Articles</h2>" not in index
    assert (out / f"explore-{SEED.stem}.html").exists()


def test_names_that_are_not_utf8_render_and_are_listed(tmp_path, capsys, no_kernel):
    src = tmp_path / "in"
    src.mkdir()
    odd = os.fsdecode(b"odd\xff\xfename.txt")
    shutil.copy(SEED, src / odd)
    out = tmp_path / "out"
    code, _, err = run(capsys, "render", src, "--out", out, "--no-corpus")
    assert code == 0, err
    assert (out / "odd-name.html").exists()
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"]["odd-name"]["status"] == "ok"
    assert not list(out.glob(".*.tmp"))


def test_reports_honour_the_umask(tmp_path, capsys, no_kernel):
    old = os.umask(0o022)
    try:
        out = tmp_path / "out"
        assert run(capsys, "render", SEED, "--out", out)[0] == 0
    finally:
        os.umask(old)
    for name in (f"{SEED.stem}.html", "index.html", "manifest.json"):
        assert (out / name).stat().st_mode & 0o777 == 0o644, name


def test_every_report_gets_a_distinct_stable_name(tmp_path):
    from newstone.reports.reportsets import plan_sets

    scored = tmp_path / "scored"
    scored.mkdir()
    (scored / "documents.parquet").write_bytes(b"")
    ad_hoc = plan_jobs([scored], notebook=default_notebook("corpus"))
    assert [j.name for j in ad_hoc] == ["corpus-scored"]  # `newstone render --notebook corpus scored/`
    project_sets = plan_sets(load_report_sets(ROOT / "reports.yml"))
    assert "corpus" in {j.name for j in project_sets}  # the seeds' corpus report of `make reports`
    folder = plan_jobs([SEED.parent])
    assert folder[0].name == f"corpus-{SEED.parent.name}" and folder[0].notebook.endswith("corpus.ipynb")
    assert len({ad_hoc[0].name, "corpus", folder[0].name}) == 3

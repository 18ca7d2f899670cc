"""reports.yml: report sets by parameter, checked before any kernel starts."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, SEED
from newstone.cli import main
from newstone.reports.reportsets import ReportSetError, load_report_sets, plan_sets


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the project's notebooks and seed, so sets resolve against it."""
    (tmp_path / "notebooks").mkdir()
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(nb, tmp_path / "notebooks" / nb.name)
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    monkeypatch.setattr("newstone.reports.reportsets.project_root", lambda: tmp_path)
    return tmp_path


def write(project: Path, text: str) -> Path:
    path = project / "reports.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_the_projects_reports_yml_is_valid():
    sets = load_report_sets(ROOT / "reports.yml")
    assert {"articles", "corpus", "seed-compared", "explore"} <= {s.name for s in sets}


@pytest.mark.parametrize(
    "body, message",
    [
        ("sets:\n  a:\n    notebook: nope\n    inputs: [seeds]\n", "set 'a': unknown notebook 'nope'"),
        ("sets:\n  a:\n    notebook: article\n    inputs: [seeds/missing.txt]\n", "set 'a': missing input 'seeds/missing.txt'"),
        ("sets:\n  a:\n    notebook: article\n    inputs: [seeds]\n    parameters: {scorrer: vader}\n",
         "set 'a', parameters #1: unknown parameter 'scorrer' for article.ipynb (its parameters: scorer"),
        ("sets:\n  a:\n    notebook: article\n    inputs: [seeds]\n    parameters:\n      - {top_n: 3}\n      - {top_n: three}\n",
         "set 'a', parameters #2: parameter 'top_n' takes a whole number from 1 to 1000, got 'three'"),
        ("sets:\n  a:\n    notebook: article\n    inputs: [seeds]\n    colour: red\n", "set 'a': unknown key 'colour'"),
        ("sets: [a, b]\n", "expected a mapping 'sets:'"),
        ("sets:\n  a: {notebook: article, inputs: [seeds]\n", "not valid YAML"),
    ],
)
def test_invalid_sets_name_the_file_and_entry(project, body, message):
    path = write(project, body)
    with pytest.raises(ReportSetError) as info:
        load_report_sets(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


def test_invalid_sets_fail_in_the_cli_before_any_kernel(project, tmp_path, capsys, monkeypatch):
    path = write(project, "sets:\n  a:\n    notebook: article\n    inputs: [seeds]\n    parameters: {colour: red}\n")

    def no_kernels(*args, **kwargs):  # pragma: no cover - reaching this is the failure
        raise AssertionError("a kernel was started")

    monkeypatch.setattr("newstone.reports.render.execute", no_kernels)
    code = main(["render", "--sets", str(path), "--out", str(tmp_path / "out")])
    assert code == 2
    err = capsys.readouterr().err
    assert f"{path}: set 'a', parameters #1: unknown parameter 'colour'" in err
    assert not (tmp_path / "out").exists()


def test_plan_names_reports_by_input_and_label(project):
    path = write(project, """\
        sets:
          compared:
            notebook: article
            inputs: [seeds]
            parameters:
              - {label: few, top_n: 2}
              - {label: many, top_n: 9}
          corpus:
            notebook: corpus
            inputs: [seeds]
        """)
    jobs = plan_sets(load_report_sets(path))
    names = [j.name for j in jobs]
    stem = SEED.stem
    assert names == [f"{stem}--few", f"{stem}--many", "corpus"]
    assert [j.parameters["top_n"] for j in jobs[:2]] == [2, 9]
    assert {j.group for j in jobs[:2]} == {stem} and [j.label for j in jobs[:2]] == ["few", "many"]
    assert Path(jobs[2].parameters["inputs"]).name == "seeds"
    with pytest.raises(ReportSetError, match="no set named 'nope'"):
        plan_sets(load_report_sets(path), ["nope"])
    assert [j.name for j in plan_sets(load_report_sets(path), ["corpus"])] == ["corpus"]


def test_a_set_with_two_parameter_sets_renders_both_and_a_comparison(project, tmp_path, capsys):
    path = write(project, f"""\
        sets:
          compared:
            notebook: article
            inputs: [seeds/{SEED.name}]
            parameters:
              - {{label: auto}}
              - {{label: chosen, targets: "Taliban;Ahmad Masoud|Masoud"}}
        """)
    out = tmp_path / "out"
    assert main(["render", "--sets", str(path), "--set", "compared", "--out", str(out), "--jobs", "2"]) == 0
    stem = SEED.stem
    assert (out / f"{stem}--auto.html").exists() and (out / f"{stem}--chosen.html").exists()
    compare = (out / f"compare-{stem}.html").read_text(encoding="utf-8")
    assert "auto" in compare and "chosen" in compare and "Tone about each actor" in compare
    assert "<script" not in compare.lower() and "data:image/png;base64," in compare
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'href="compare-{stem}.html"' in index and "reports side by side" in index

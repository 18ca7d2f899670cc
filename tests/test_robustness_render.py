"""`newstone render` refuses a bad call before any kernel starts: one error line, exit 2, nothing
written (found by benchmarks/robustness_sweep.py: `--jobs 0` was accepted, bad targets failed
inside the kernel after the report had begun)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEED
from newstone.cli import main
from newstone.reports.params import ParameterError, check_parameters
from newstone.reports.plan import default_notebook


@pytest.mark.parametrize("jobs", ["0", "-2"])
def test_jobs_below_one_is_refused(jobs, tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["render", str(SEED), "--out", str(out), "--jobs", jobs]) == 2
    assert capsys.readouterr().err.strip() == f"newstone: error: --jobs must be 1 or more, not {jobs}"
    assert not out.exists()


@pytest.mark.parametrize("targets", [";;|", "|", " ; "])
def test_targets_without_names_are_refused_while_planning(targets, tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["render", str(SEED), "--out", str(out), "-p", f"targets={targets}"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "parameter 'targets': no target names" in err[0]
    assert not out.exists()


def test_targets_with_markup_characters_are_valid_names():
    params = check_parameters(default_notebook(), {"targets": "$x$;<b>Corp</b>|{{y}}"})
    assert params["targets"] == "$x$;<b>Corp</b>|{{y}}"
    with pytest.raises(ParameterError, match="no target names"):
        check_parameters(default_notebook(), {"targets": ";"})


SLEEPING_CELL = ('import os, pathlib, time\n'
                 'pathlib.Path(input_path).with_suffix(".pid").write_text(str(os.getpid()))\n'
                 'time.sleep(600)')


@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_ctrl_c_or_kill_ends_a_render_and_its_kernel(sig, tmp_path):
    """nbclient's own handlers shut the kernel down and left the render waiting on it for ever."""
    import os
    import signal
    import subprocess
    import sys
    import time

    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    from conftest import ROOT

    nb = new_notebook(cells=[new_code_cell('input_path = "x.txt"', metadata={"tags": ["parameters"]}),
                             new_code_cell(SLEEPING_CELL)])
    nb.metadata["kernelspec"] = {"name": "newstone", "display_name": "Python (newstone)", "language": "python"}
    nbformat.write(nb, tmp_path / "sleep.ipynb")
    article = tmp_path / "a.txt"
    article.write_text("The talks collapsed on Monday.")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "lib")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newstone.cli", "render", str(article), "--notebook", str(tmp_path / "sleep.ipynb"),
         "--out", str(tmp_path / "out"), "--jobs", "1"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as from a terminal
    pid_file = article.with_suffix(".pid")
    try:
        for _ in range(1200):  # until the cell runs (a hang guard, not a timing)
            if pid_file.exists() and pid_file.read_text():
                break
            if proc.poll() is not None:
                pytest.fail(f"render ended early: {proc.communicate()}")
            time.sleep(0.1)
        proc.send_signal(getattr(signal, sig))
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    if sig == "SIGINT":
        assert proc.returncode == 130 and err.decode().strip().endswith("newstone: error: interrupted")
    else:
        assert proc.returncode == -signal.SIGTERM
    kernel = int(pid_file.read_text())
    for _ in range(100):
        try:
            status = (Path("/proc") / str(kernel) / "status").read_text()
            state = next(line for line in status.splitlines() if line.startswith("State:"))
        except FileNotFoundError:
            break
        if "zombie" in state:  # dead; nobody reaps it in a container
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"kernel {kernel} still running")


def test_a_named_pipe_input_is_planned_without_reading_it(tmp_path):
    """Hashing the input for the manifest read the pipe and blocked `newstone render` for ever."""
    import os

    from newstone.reports.plan import plan_jobs

    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    jobs = plan_jobs([pipe])  # returns: nothing opened the pipe
    assert [j.source for j in jobs] == [str(pipe)]


def test_an_unreadable_input_reads_as_its_problem_not_a_python_error():
    from newstone.reports.render import _error_line

    class NotebookError(Exception):
        ename, evalue = "InputError", "/data/x.txt: file is empty"

    assert _error_line(NotebookError()) == "/data/x.txt: file is empty"
    NotebookError.ename, NotebookError.evalue = "ValueError", "bad\nsecond line"
    assert _error_line(NotebookError()) == "ValueError: bad"


def test_folder_errors_are_said_once_and_a_fifo_inside_is_refused(tmp_path, capsys):
    """A table's bad row was printed twice (by its own corpus report and its folder's), and a
    FIFO inside a folder was skipped without a word; a FIFO named directly was refused."""
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Officials said the talks collapsed. Critics praised the decision.\n")
    (folder / "rows.jsonl").write_text('{"id": "a", "text": "The minister resigned."}\n{not json\n')
    os.mkfifo(folder / "pipe.txt")
    out = tmp_path / "reports"
    assert main(["render", str(folder), "--out", str(out), "--jobs", "1", "-p", "scorer=vader"]) == 1
    err = [ln for ln in capsys.readouterr().err.splitlines() if ln.strip()]
    assert len(err) == len(set(err)) == 2, err
    assert sum("rows.jsonl: row 2: invalid JSON" in ln for ln in err) == 1
    assert sum("pipe.txt" in ln and "named pipe (FIFO), not a regular file" in ln for ln in err) == 1
    assert (out / "good.html").is_file() and (out / "rows.html").is_file()


def test_a_fifo_in_a_folder_is_planned_like_one_named_directly(tmp_path):
    import os

    from newstone.reports.plan import plan_jobs

    (tmp_path / "a.txt").write_text("Text.")
    os.mkfifo(tmp_path / "b.txt")
    (tmp_path / ".hidden.txt").write_text("Text.")
    names = [Path(j.source).name for j in plan_jobs([tmp_path], corpus=False)]
    assert names == ["a.txt", "b.txt"]

"""Kernels: warm kernels give a fresh kernel's bytes, an unregistered kernel still renders, and a
kill -9 of `newstone render` leaves no worker or kernel alive."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEED
from newstone.cli import main
from newstone.reports.render import render_reports

HOSTILE = "<script>alert(1)</script> Officials said the talks failed badly. The mood was terrible.\n"


def inputs(folder: Path, n_extra: int = 1) -> Path:
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    for i in range(n_extra - 1):
        (folder / f"note{i}.txt").write_text(f"Rescue team {i} reached the flooded villages. Residents were relieved.\n", encoding="utf-8")
    return folder


def pages(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.html"))}


def test_warm_kernels_give_the_bytes_of_fresh_kernels(tmp_path):
    src = inputs(tmp_path / "in")
    shutil.copy(ROOT / "tests" / "fixtures" / "corpus.csv", src / "corpus.csv")
    warm = render_reports([src], tmp_path / "warm", jobs=1)  # one kernel runs all four reports in turn
    fresh = render_reports([src], tmp_path / "fresh", jobs=1, fresh_kernels=True)
    assert [r.status for r in warm] == [r.status for r in fresh] == ["rendered"] * 4
    assert pages(tmp_path / "warm") == pages(tmp_path / "fresh")


def test_unreadable_tables_fail_with_one_line_each(tmp_path, capsys):
    pd = pytest.importorskip("pandas")
    src = tmp_path / "in"
    src.mkdir()
    pd.DataFrame({"text": [1, 2], "id": ["a", "b"]}).to_parquet(src / "numbers.parquet")
    pd.DataFrame({"text": ["Good news came today."] * 50}).to_parquet(src / "whole.parquet")
    data = (src / "whole.parquet").read_bytes()
    (src / "truncated.parquet").write_bytes(data[: len(data) // 2])
    (src / "whole.parquet").unlink()
    shutil.copy(SEED, src / SEED.name)
    shutil.copy(ROOT / "tests" / "fixtures" / "corpus.csv", src / "rows.csv")  # its row 3 is empty
    out = tmp_path / "out"
    code = main(["render", str(src / "numbers.parquet"), str(src / "truncated.parquet"), str(src / SEED.name),
                 str(src / "rows.csv"), "--out", str(out), "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 1
    failed = [line for line in err.splitlines() if "report failed" in line]
    assert len(failed) == 2 and "Traceback" not in err
    assert any("numbers.parquet" in line and "column 'text' holds int64, not text" in line for line in failed)
    assert any("truncated.parquet" in line and "no document could be read" in line for line in failed)
    (bad_row,) = [line for line in err.splitlines() if "rows.csv" in line]
    assert bad_row.startswith("newstone: error: ") and "row 3" in bad_row and "report failed" not in bad_row
    assert (out / f"{SEED.stem}.html").exists() and (out / "rows.html").exists()
    assert not (out / "numbers.html").exists() and not (out / "truncated.html").exists()
    status = {n: e["status"] for n, e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"].items()}
    assert status == {SEED.stem: "ok", "numbers": "failed", "truncated": "failed", "rows": "ok"}


def test_an_unregistered_kernel_runs_on_this_interpreter(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = json.loads((ROOT / "notebooks" / "article.ipynb").read_text(encoding="utf-8"))
    nb["metadata"]["kernelspec"]["name"] = "newstone-not-registered"
    (notebooks / "article.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    out = tmp_path / "out"
    code = main(["render", str(SEED), "--notebook", str(notebooks / "article.ipynb"), "--out", str(out), "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"newstone: warning: Jupyter kernel 'newstone-not-registered' is not registered; running the notebooks on {sys.executable}" in err
    assert "The leader of Afghanistan" in (out / f"{SEED.stem}.html").read_text(encoding="utf-8")
    # Naming a missing kernel explicitly is still an error, before anything runs.
    code = main(["render", str(SEED), "--kernel", "nope-kernel", "--out", str(tmp_path / "o2"), "--force"])
    assert code == 2 and "Jupyter kernel 'nope-kernel' is not registered" in capsys.readouterr().err


def _descendants(pid: int) -> list:
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def test_kill_9_leaves_no_worker_or_kernel_and_a_rerun_gives_the_same_reports(tmp_path):
    psutil = pytest.importorskip("psutil")
    src = inputs(tmp_path / "in", n_extra=4)
    reference = tmp_path / "reference"
    assert all(r.status == "rendered" for r in render_reports([src], reference, jobs=2, corpus=False))

    out = tmp_path / "out"
    command = [sys.executable, "-m", "newstone.cli", "render", str(src), "--out", str(out), "--jobs", "2", "--no-corpus"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
    family: dict[int, object] = {}
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # until both workers run a kernel, mid-run
        for child in _descendants(proc.pid):
            family[child.pid] = child
        kernels = [c for c in family.values() if "ipykernel" in " ".join(_cmdline(c))]
        if len(kernels) >= 2 or proc.poll() is not None:
            break
        time.sleep(0.2)
    assert proc.poll() is None, "the render finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    gone, alive = psutil.wait_procs(list(family.values()), timeout=15)
    assert not alive, [(p.pid, _cmdline(p)) for p in alive]

    rerun = render_reports([src], out, jobs=2, corpus=False)
    assert all(r.status in ("rendered", "skipped") for r in rerun)
    assert pages(out) == pages(reference)
    assert not list(out.glob(".*.tmp"))


def _cmdline(proc) -> list[str]:
    try:
        return proc.cmdline()
    except Exception:  # noqa: BLE001 - a process that is gone has no command line
        return []

"""How `newstone score` starts its worker processes: forked from a single-threaded client, else spawned.

Either way the tables equal the ones one process writes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newstone.corpus import engines


def test_start_method_spawns_when_other_threads_run():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert engines.start_method() == "spawn"
    finally:
        stop.set()
        thread.join()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")
def test_a_single_threaded_client_forks():
    code = "from newstone.corpus.engines import start_method; print(start_method())"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "fork"


_RUN = """
import sys
import newstone.corpus.cli as CLI, newstone.corpus.engines as E, newstone.corpus.score as S
S.SMALL_INPUT_BYTES = 0  # start the workers before planning, as for a large input
method = E.start_method
def spy():
    print("start method", method(), file=sys.stderr)
    return method()
E.start_method = spy
sys.exit(CLI.main(sys.argv[1:]))
"""


def test_forked_workers_write_the_tables_one_process_writes(tmp_path: Path):
    texts = ["The council approved the budget. Critics called it a disaster!", "Nothing happened today.",
             "Fans were thrilled; the coach was not happy. But the team won.", "A — b. C?"]
    rows = [json.dumps({"id": f"r{i % 350}", "text": f"{texts[i % 4]} Row {i}."}) for i in range(400)]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    script = tmp_path / "run.py"
    script.write_text(_RUN, encoding="utf-8")
    outs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        command = [sys.executable, str(script), str(path), "--out", str(out), "--jobs", jobs, "--chunk-size", "40",
                   "--no-progress"]
        run = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        if jobs == "2" and sys.platform.startswith("linux"):
            assert "start method fork" in run.stderr
        outs[jobs] = out
    for name in ("documents.parquet", "sentences.parquet"):
        assert pq.read_table(outs["1"] / name).equals(pq.read_table(outs["2"] / name), check_metadata=True)


_DYING = """
import os, sys
import newstone.corpus.cli as CLI, newstone.corpus.engines as E, newstone.corpus.score as S
S.SMALL_INPUT_BYTES = 0
client = os.getpid()
run_part = E.run_part
taken = [0]
def dying(task):
    if os.getpid() != client:
        taken[0] += 1
        if taken[0] == 2:
            os._exit(3)  # the worker dies in its second part
    return run_part(task)
E.run_part = dying
sys.exit(CLI.main(sys.argv[1:]))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked workers share the patched code on Linux")
def test_a_dead_worker_loses_only_its_part(tmp_path: Path):
    """The part a dying worker held fails with a message; the client scores every other part; a rerun completes."""
    rows = [json.dumps({"id": f"r{i}", "text": f"Row {i} was good. Then it was bad!"}) for i in range(400)]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    script = tmp_path / "dying.py"
    script.write_text(_DYING, encoding="utf-8")
    out = tmp_path / "out"
    args = [str(path), "--out", str(out), "--jobs", "2", "--chunk-size", "40", "--no-progress"]
    run = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, timeout=300)
    assert run.returncode == 1
    failed = [line for line in run.stderr.splitlines() if "failed" in line]
    assert len(failed) == 1, run.stderr
    assert pq.read_table(out / "documents.parquet").num_rows == 400 - 40
    rerun = subprocess.run([sys.executable, "-m", "newstone.corpus.cli", *args], capture_output=True, timeout=300)
    assert rerun.returncode == 0
    assert pq.read_table(out / "documents.parquet").num_rows == 400

"""Shared fixtures: the seed article and the optional shared datasets (skipped when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# A notebook cell that hangs should fail its test, not the whole run.
os.environ.setdefault("NEWSTONE_CELL_TIMEOUT", "300")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_4054172739a3b017.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present (only on the project's own machines)")
    return SHARED_DATA


def screenshot_dir(tmp_path: Path) -> Path:
    """Where browser tests save screenshots: $NEWSTONE_SCREENSHOTS if set, else a temporary folder
    (never the user's reports/)."""
    folder = Path(os.environ.get("NEWSTONE_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def kill_slow_score(tmp_path: Path, args: list[str], out: Path, parts: int, timeout: float = 120) -> None:
    """Run `newstone score ARGS` with parts slowed by 0.4 s and SIGKILL it once `parts` parts exist."""
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "slow_score.py"
    script.write_text(
        "import sys, time\n"
        "import newstone.corpus.cli as CLI, newstone.corpus.engines as E\n"
        "run_part = E.run_part\n"
        "def slow(task):\n"
        "    result = run_part(task)\n"
        "    time.sleep(0.4)\n"
        "    return result\n"
        "E.run_part = slow\n"
        "sys.exit(CLI.main(sys.argv[1:]))\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    try:
        while len(list((out / "parts").glob("documents-*.arrow"))) < parts:
            assert proc.poll() is None, "the run ended before it could be interrupted"
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

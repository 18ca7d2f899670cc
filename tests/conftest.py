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


@pytest.fixture
def slow_score_script(tmp_path: Path) -> Path:
    """A `newstone score` whose parts each take 0.4 s more, so a test can kill it mid-run."""
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
    return script

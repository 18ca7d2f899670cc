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

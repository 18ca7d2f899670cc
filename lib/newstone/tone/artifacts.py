"""The trained artefacts in ``newstone/data/``: found, checked and read in one place.

The scorers' small weights and tables (``lexicon_model.json``, ``minilm_heads.json``,
``vader_news.json``, ...) are written by ``python -m newstone.evaluate.train`` and versioned with
the code; ``$NEWSTONE_DATA_DIR`` points at another folder (for a retrained set).
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Iterator


DATA_PACKAGE = "newstone"
DATA_DIR = "data"


class ArtifactError(RuntimeError):
    """A trained artefact is missing or does not fit this version of the code."""


@contextmanager
def _artifact_file(name: str) -> Iterator[Path]:
    """The path of a trained artefact: in ``$NEWSTONE_DATA_DIR`` if set, else in ``newstone/data/``."""
    override = os.environ.get("NEWSTONE_DATA_DIR")
    ref = Path(override, name) if override else resources.files(DATA_PACKAGE).joinpath(DATA_DIR, name)
    with resources.as_file(ref) as path:
        if not Path(path).is_file():
            raise ArtifactError(
                f"trained artefact {name!r} is missing from {override or f'newstone/{DATA_DIR}/'}; run `python -m newstone.evaluate.train`"
            )
        yield Path(path)


def load_artifact(name: str) -> dict[str, Any]:
    """A JSON artefact from ``newstone/data/`` (written by ``python -m newstone.evaluate.train``)."""
    with _artifact_file(name) as path:
        return json.loads(path.read_text(encoding="utf-8"))

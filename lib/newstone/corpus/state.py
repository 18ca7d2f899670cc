"""The state a `newstone score` output folder keeps between runs: its lock and its manifest.

One run per folder at a time (an advisory lock on DIR/.lock that names its holder); the
manifest records the inputs, parameters and plan, written atomically; leftovers of interrupted
runs (temporary files, parts beyond the plan) are removed before a run starts.
"""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path
from typing import Any

from newstone.corpus.plan import ScoreError
from newstone.corpus.parts import temp_path


class FolderLock:
    """One run per output folder at a time: an advisory lock on a file in the folder, which names its
    holder (pid, host, since when). The kernel releases it when the process ends, however it ends,
    so a killed run never blocks the next one. `newstone score` and `newstone render` both use it."""

    def __init__(self, out: Path, name: str = ".lock", what: str = "newstone score run",
                 busy: type[Exception] = ScoreError, hint: str = ""):
        self.path = Path(out) / name
        self.what, self.busy, self.hint = what, busy, hint
        self.file: Any = None

    def __enter__(self) -> "FolderLock":
        self.file = open(self.path, "a+", encoding="utf-8")
        try:
            import fcntl

            fcntl.flock(self.file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX
            pass
        except OSError:
            self.file.seek(0)
            holder = self.file.read().strip() or "another process"
            self.file.close()
            raise self.busy(f"{self.path.parent}: another {self.what} is writing here ({holder}){self.hint}") from None
        since = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
        self.file.seek(0)
        self.file.truncate()
        self.file.write(f"pid {os.getpid()} on {socket.gethostname()}, since {since}\n")
        self.file.flush()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.file.seek(0)
        self.file.truncate()
        self.file.close()


def is_within(path: str, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def read_manifest(out: Path) -> dict[str, Any] | None:
    """The previous run's manifest; None when there is none or it is unreadable (then everything is redone)."""
    try:
        return json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_json(path: Path, value: Any) -> None:
    """Write JSON atomically; characters that cannot be stored (undecodable names) as escapes."""
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    tmp = temp_path(path)
    try:
        tmp.write_bytes(text.encode("utf-8", "backslashreplace"))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def clean_parts_dir(parts_dir: Path, n_parts: int) -> None:
    """Remove temporary files of interrupted runs and parts beyond the current plan."""
    for path in parts_dir.iterdir():
        name = path.name
        if ".tmp-" in name:
            path.unlink(missing_ok=True)
            continue
        stem = name.split(".", 1)[0]
        kind, _, number = stem.rpartition("-")
        if kind in ("documents", "sentences", "actors", "errors") and number.isdigit() and (
                int(number) >= n_parts or path.suffix not in (".arrow", ".jsonl")):  # or from an older format
            path.unlink(missing_ok=True)

"""The output folder's state: `manifest.json` (what each report was made from), the index, the lock.

Every file is written to a temporary name in the same folder and renamed, with the permissions
the umask gives (readers never see half a file; colleagues on a shared server can read it). One
`newstone render` at a time writes a folder: the lock says who holds it. A manifest that cannot
be read is reported and rebuilt from the reports on disk.
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
LOCK = ".render.lock"
OWN_PAGES = ("index.html",)


class OutputError(OSError):
    """A file in the output folder that cannot be written; the message names it and says why."""

    def __str__(self) -> str:
        return str(self.strerror)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, text: str) -> None:
    """Write to a temporary file in the same folder, then rename: readers never see half a file.

    The file gets the umask's permissions (mkstemp alone would leave it 0600). A failure (full
    disk, read-only folder) leaves the previous file as it was and raises OutputError.
    """
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        # A file name that was not valid UTF-8 reaches here as surrogate escapes: written as \\udcff text.
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise OutputError(exc.errno, f"{path}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise


def remove_leftovers(out_dir: Path) -> None:
    """Temporary files of a run that was killed (held under the lock, so none is in use)."""
    for tmp in out_dir.glob(".*.tmp"):
        tmp.unlink(missing_ok=True)


# --- the lock ------------------------------------------------------------------------------------


class FolderBusyError(RuntimeError):
    """Another run holds the folder's lock; the message says which (pid, host, since when)."""


def FolderLock(out_dir: Path, what: str = "newstone render") -> Any:
    """The output folder's lock (`newstone.corpus.state.FolderLock` on OUT/.render.lock): a busy
    folder is a `FolderBusyError`, an unwritable one an `OutputError`, both naming the folder."""
    from newstone.corpus.state import FolderLock as _Lock

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        open(out_dir / LOCK, "a", encoding="utf-8").close()  # an unwritable folder fails here, by name
        return _Lock(out_dir, LOCK, what, FolderBusyError, "; wait for it to finish or choose another --out")
    except OSError as exc:
        raise OutputError(exc.errno, f"{out_dir}: cannot write ({exc.strerror or exc})") from None


# --- the manifest --------------------------------------------------------------------------------


def _title_of(page: Path) -> str:
    try:
        text = page.read_text(encoding="utf-8", errors="replace")[:20000]
    except OSError:
        return page.stem
    match = re.search(r"<title>(.*?)</title>", text, re.S)
    return html.unescape(match.group(1)).strip() if match else page.stem


def rebuild_manifest(out_dir: Path) -> dict[str, Any]:
    """Entries for the reports on disk (title from the page); their keys are unknown, so the
    next run renders them again."""
    reports = {}
    for page in sorted(out_dir.glob("*.html")):
        if page.name in OWN_PAGES or page.name.startswith("compare-"):
            continue
        reports[page.stem] = {"html": page.name, "title": _title_of(page), "status": "ok", "key": None,
                              "source": "", "summary": {}, "rebuilt": True}
    return {"reports": reports}


def load_manifest(out_dir: Path, warn: Any = None) -> dict[str, Any]:
    """The folder's manifest; an unreadable one is reported through `warn` and rebuilt from disk."""
    path = out_dir / MANIFEST
    if not path.exists():
        return {"reports": {}}
    problem = None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("reports"), dict):
            return data
        problem = "not a newstone manifest"
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        problem = f"unreadable, truncated or not JSON ({exc})"
    except OSError as exc:
        problem = f"cannot be read ({exc.strerror or exc})"
    rebuilt = rebuild_manifest(out_dir)
    if warn:
        warn(f"{path}: {problem}; rebuilt from the {len(rebuilt['reports'])} reports on disk")
    return rebuilt


def save_manifest(out_dir: Path, manifest: dict[str, Any]) -> None:
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False, default=str)
    atomic_write(out_dir / MANIFEST, text + "\n")


def update_manifest(manifest: dict[str, Any], result: Any) -> None:
    """Record a result; a failure keeps the last good report's entry and link."""
    reports = manifest.setdefault("reports", {})
    entry = reports.get(result.name, {})
    if result.status == "rendered":
        entry = {k: v for k, v in asdict(result).items() if k not in ("status", "error")}
        entry["status"] = "ok"
    elif result.status == "failed":
        entry.update({"source": result.source, "status": "failed", "error": result.error, "key": None,
                      "group": result.group, "label": result.label, "notebook": result.notebook})
    entry.pop("stale", None)
    reports[result.name] = entry


def mark_current(manifest: dict[str, Any], current: set[str], out_dir: Path, complete: bool = False) -> None:
    """What this run produces is current. Other entries are stale when their input is gone, when
    nothing says what made them (rebuilt), or when this run was the complete set of reports
    (`make reports`): their HTML stays on disk, listed apart; failed ones are dropped."""
    reports = manifest.setdefault("reports", {})
    for name in list(reports):
        entry = reports[name]
        if name in current:
            entry.pop("stale", None)
            continue
        source = entry.get("source") or ""
        if not (complete or entry.get("rebuilt") or not source or not Path(source).exists()):
            continue  # another run's report, still made from existing inputs: left as it is
        if entry.get("html") and (out_dir / entry["html"]).exists() and entry.get("status") == "ok":
            entry["stale"] = True
        else:
            del reports[name]


def is_up_to_date(job: Any, manifest: dict[str, Any], out_dir: Path) -> bool:
    entry = manifest.get("reports", {}).get(job.name, {})
    return entry.get("status") == "ok" and entry.get("key") == job.key and (out_dir / f"{job.name}.html").exists()


def comparison_groups(manifest: dict[str, Any]) -> dict[str, list[str]]:
    """Groups of current reports (one input, several parameter sets) with at least two good ones."""
    groups: dict[str, list[str]] = {}
    for name, entry in sorted(manifest.get("reports", {}).items()):
        if entry.get("group") and entry.get("html") and not entry.get("stale"):
            groups.setdefault(entry["group"], []).append(name)
    return {g: names for g, names in groups.items() if len(names) >= 2}


def write_index(out_dir: Path, manifest: dict[str, Any]) -> Path:
    """OUT/index.html (every current report with its title and tone, failures with their error,
    older reports apart) and one comparison page per input rendered under several parameter sets."""
    from newstone.reports import views

    groups = comparison_groups(manifest)
    for group, names in groups.items():
        atomic_write(out_dir / f"compare-{group}.html", views.comparison_page(group, [(n, manifest["reports"][n]) for n in names]))
    atomic_write(out_dir / "index.html", views.index_page(manifest, {g: f"compare-{g}.html" for g in groups}))
    return out_dir / "index.html"

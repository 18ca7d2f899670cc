"""Which files an input spec names: folders, globs and files, each once, with odd entries named.

One function, `collect_inputs`, for every command that takes inputs (score, render, the corpus
report, the explorer), so they agree on what a folder holds. A spec is a path, a glob or
several of them separated by ';'. A folder gives its supported files (not recursive; hidden
files skipped); a glob gives what it matches. Entries that look like inputs but cannot be one
(a directory named `x.txt`, a broken symbolic link, a symbolic link loop, a name that is not
valid UTF-8) are returned as one-line InputErrors in their place, so a caller reports each
and goes on with the rest; nothing is skipped silently.
"""

from __future__ import annotations

import errno
import glob
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newstone.text.decode import InputError, printable, special_file_problem

# What a folder is searched for (newstone.text.read.SUPPORTED_SUFFIXES, kept here so that planning
# does not import the readers).
INPUT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".csv", ".jsonl", ".parquet")


@dataclass
class InputFile:
    """One input file: where it is, how it is shown, and the label its document ids start with."""

    display: str  # the path as the user gave it (or as found in their folder/glob)
    path: str  # absolute, what workers open
    label: str


def find_input(path: str | os.PathLike) -> Path:
    """Resolve a relative input against the working folder, then its parent.

    Notebooks run with their own folder as working directory in JupyterLab but with the project
    root under papermill; this lets `seeds/x.txt` mean the same file in both.
    """
    p = Path(path)
    if p.is_absolute() or p.exists() or p.is_symlink():
        return p
    parent = Path.cwd().parent / p
    return parent if parent.exists() else p


def split_spec(inputs: str | os.PathLike | Iterable[str | os.PathLike]) -> list[str]:
    """The items of a spec: ';' separates several in one string."""
    items: list[str] = []
    for spec in [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs):
        items += [part.strip() for part in os.fspath(spec).split(";") if part.strip()]
    return items


def name_problem(path: Path) -> str | None:
    """Why a file's name cannot be carried into tables and reports (not valid UTF-8), or None."""
    try:
        os.fspath(path).encode("utf-8")
    except UnicodeEncodeError:
        return "file name is not valid UTF-8; rename the file to read it"
    return None


def entry_problem(path: Path) -> str | None:
    """Why a folder or glob entry that looks like an input cannot be read as one, or None."""
    problem = name_problem(path)
    if problem:
        return problem
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if path.is_symlink():
            return "broken symbolic link (its target is missing)"
        if exc.errno == errno.ENAMETOOLONG:
            return "path is too long for the file system"
        return f"cannot read ({exc.strerror or exc})"
    if path.is_dir():
        return "is a directory, not a file"
    return special_file_problem(path)


def _glob_root(pattern: str) -> Path:
    root: list[str] = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        root.append(part)
    return Path(*root) if root else Path(".")


def folder_entries(folder: Path) -> list[Path]:
    """A folder's entries that look like inputs (supported suffix, not hidden), in name order,
    whatever kind of entry they are: a caller checks each (`entry_problem`) and says why it
    cannot be read, instead of skipping it silently."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        raise InputError(folder, f"cannot list the folder ({exc.strerror or exc})") from None
    return [folder / n for n in names if not n.startswith(".") and Path(n).suffix.lower() in INPUT_SUFFIXES]


def unread_entries(inputs: str | os.PathLike | Iterable[str | os.PathLike]) -> list[str]:
    """One line per named folder that holds entries no command reads (other file types, hidden
    files aside, and subfolders, which are not searched), so that a folder's "feed.xml" or
    "2024/" is not passed over without a word."""
    lines, seen = [], set()
    for item in split_spec(inputs):
        path = Path(item)
        if glob.has_magic(item) or not path.is_dir() or path.resolve() in seen:
            continue  # a folder named twice ("seeds seeds/") is noted once
        seen.add(path.resolve())
        try:
            names = sorted(n for n in os.listdir(path) if not n.startswith("."))
        except OSError:
            continue  # collect_inputs says why the folder cannot be listed
        other = [n for n in names if Path(n).suffix.lower() not in INPUT_SUFFIXES and not (path / n).is_dir()]
        folders = [n + "/" for n in names if (path / n).is_dir() and Path(n).suffix.lower() not in INPUT_SUFFIXES]
        if not other and not folders:
            continue
        parts = []
        if other:
            parts.append(f"{len(other)} file{'s' if len(other) != 1 else ''} of other types not read "
                         f"({_listed(other)}; inputs are {', '.join(INPUT_SUFFIXES)})")
        if folders:
            parts.append(f"{len(folders)} subfolder{'s' if len(folders) != 1 else ''} not searched "
                         f"({_listed(folders)}; a glob such as '{path}/**/*.txt' reads them)")
        lines.append(f"{path}: " + "; ".join(parts))
    return lines


def _listed(names: list[str], most: int = 5) -> str:
    shown = ", ".join(printable(n) for n in names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def _glob_entries(pattern: str) -> list[Path]:
    found = []
    for p in sorted(glob.glob(pattern, recursive=True)):
        path = Path(p)
        # A folder the pattern walks through is not an input; one named like a file is a mistake.
        if path.is_dir() and path.suffix.lower() not in INPUT_SUFFIXES:
            continue
        found.append(path)
    return found


def collect_inputs(
    inputs: str | os.PathLike | Iterable[str | os.PathLike],
) -> tuple[list[InputFile], list[InputError]]:
    """(input files in order, each once, with labels unique within the run; entries that cannot be inputs).

    A file named directly is returned even when it does not exist (reading it then says "file
    not found" where the caller reports read errors); entries found in folders and globs are
    checked here.
    """
    found: list[InputFile] = []
    problems: list[InputError] = []
    seen: set[str] = set()
    for item in split_spec(inputs):
        root = _glob_root(item) if glob.has_magic(item) else None
        if root is not None:
            candidates, checked = _glob_entries(item), True
        else:
            path = find_input(item)
            if path.is_dir():
                try:
                    candidates, checked = folder_entries(path), True
                except InputError as exc:
                    problems.append(exc)
                    continue
            else:
                candidates, checked = [path], False
        for path in candidates:
            # Named directly, a missing or unreadable file is reported by the reader, as such.
            problem = entry_problem(path) if checked else (name_problem(path) or special_file_problem(path))
            if problem:
                problems.append(InputError(path, problem))
                continue
            absolute = os.path.abspath(path)
            key = os.path.realpath(absolute)
            if key in seen:
                continue
            seen.add(key)
            label = path.name
            if root is not None:
                try:
                    label = path.relative_to(root).as_posix()
                except ValueError:
                    pass
            found.append(InputFile(str(path), absolute, label))
    _disambiguate(found)
    return found, problems


def _disambiguate(found: list[InputFile]) -> None:
    """Two files with the same label (a/x.csv, b/x.csv): add parent folders until they differ."""
    for _ in range(64):
        counts: dict[str, int] = {}
        for f in found:
            counts[f.label] = counts.get(f.label, 0) + 1
        clashes = [f for f in found if counts[f.label] > 1]
        if not clashes:
            return
        for f in clashes:
            parts = Path(f.path).parts
            depth = len(Path(f.label).parts) + 1
            f.label = Path(*parts[-depth:]).as_posix() if depth <= len(parts) else f.path


def input_paths(inputs: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    """Just the paths of `collect_inputs` (as shown to the user), for callers that report no errors."""
    return [Path(f.display) for f in collect_inputs(inputs)[0]]


__all__ = ["InputFile", "collect_inputs", "entry_problem", "folder_entries", "special_file_problem", "find_input", "input_paths", "name_problem", "printable",
           "split_spec", "unread_entries"]

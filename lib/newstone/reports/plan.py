"""Planning: which reports a set of inputs makes, with checked parameters and content-hash keys.

No kernel, no papermill: planning (and skipping up-to-date reports) costs milliseconds, and every
bad parameter or output folder is refused here, before anything runs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from newstone.reports.params import ParameterError, check_parameters, input_parameter_name, notebook_parameters
from newstone.text.decode import special_file_problem
from newstone.text.inputs import folder_entries
from newstone.text.read import SUPPORTED_SUFFIXES, sha256_hex
from newstone.reports.reportnames import report_name, safe_name

PACKAGE_DIR = Path(__file__).resolve().parents[1]
INPUT_SUFFIXES = SUPPORTED_SUFFIXES


class OutputFolderError(ValueError):
    """An output folder that would destroy or re-read something: refused before anything runs."""


@dataclass(frozen=True)
class Job:
    """One report to make: which notebook, on what input, with which (checked) parameters."""

    name: str
    source: str
    notebook: str
    parameters: dict[str, Any]
    key: str
    group: str = ""  # reports of one input under several parameter sets share a group
    label: str = ""  # which parameter set, within its group
    note: str = ""  # said once when planning (e.g. a renamed report)


def project_root() -> Path:
    """The checkout this package lives in (editable install), else the working folder."""
    candidate = PACKAGE_DIR.parent.parent
    if (candidate / "notebooks").is_dir():
        return candidate
    return Path.cwd()


def default_notebook(name: str = "article") -> Path:
    return project_root() / "notebooks" / f"{name}.ipynb"


def input_parameter(source: str | os.PathLike, notebook: str | os.PathLike | None = None) -> str:
    """The input as the notebook sees it: relative to the project when both are inside it, so
    reports rendered from two checkouts of the same project say the same thing; else absolute."""
    path = Path(source).resolve()
    root = project_root().resolve()
    if notebook is not None and root not in Path(notebook).resolve().parents:
        return str(path)
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def expand_inputs(paths: Iterable[str | os.PathLike], suffixes: tuple[str, ...] = INPUT_SUFFIXES) -> list[Path]:
    """Files named directly, plus the input entries of named folders (`folder_entries`), in a stable order.

    A folder's FIFO, socket, device or broken link is kept: its report fails with the reader's
    one-line refusal, as when it is named directly, instead of being skipped without a word."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += [f for f in folder_entries(p) if f.suffix.lower() in suffixes]
        else:
            found.append(p)
    return found


def _file_digest(path: Path) -> str:
    if special_file_problem(path):  # a named pipe would block the plan for ever; its report says why
        return "not a regular file"
    try:
        return sha256_hex(path.read_bytes())
    except OSError:
        return "missing"


def notebook_digest(path: str | os.PathLike) -> str:
    """A hash of what a notebook does (cells' type, source and tags, and its kernel), so that
    outputs, execution counts or widget state saved by a front end (JupyterLab autosave) do not
    count as a change and re-render its reports."""
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return _file_digest(Path(path))
    cells = [
        [c.get("cell_type"), "".join(c.get("source", "")), sorted((c.get("metadata") or {}).get("tags", []))]
        for c in nb.get("cells", [])
    ]
    kernel = (nb.get("metadata") or {}).get("kernelspec", {}).get("name")
    return hashlib.sha256(json.dumps([kernel, cells], sort_keys=True).encode()).hexdigest()


def library_fingerprint() -> str:
    """A hash of the package's code and templates: a library change re-renders every report."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def job_key(source: str | os.PathLike, notebook: Path, parameters: dict[str, Any], fingerprint: str) -> str:
    """Content hash of everything a report depends on; equal keys mean an equal report."""
    from newstone import __version__

    payload = json.dumps(
        {
            "input": _file_digest(Path(source)),
            "notebook": notebook_digest(notebook),
            "parameters": parameters,
            "library": fingerprint,
            "version": __version__,
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _inputs_digest(files: list[Path]) -> str:
    return hashlib.sha256("".join(f"{f.name}:{_file_digest(f)};" for f in files).encode("utf-8", "surrogateescape")).hexdigest()


def make_job(name: str, source: str, notebook: Path, input_param: str, input_value: str, user: dict[str, Any],
             digest_of: list[Path], fingerprint: str) -> Job:
    """A job with its parameters checked against the notebook and its content-hash key."""
    declared = notebook_parameters(notebook)
    params = check_parameters(notebook, {**{k: v for k, v in user.items() if k in declared}, input_param: input_value})
    key_source = digest_of[0] if len(digest_of) == 1 else None
    key = job_key(key_source or source, notebook, {**params, "_inputs": _inputs_digest(digest_of)}, fingerprint)
    note = ""
    if name != safe_name(Path(source).stem) and name.endswith("-report") and Path(source).is_file():
        note = f"{source}: its report is {name}.html (index.html is the folder's index page)"
    return Job(name, source, str(notebook), params, key, note=note)


def check_parameter_names(notebooks: list[Path], user: dict[str, Any]) -> None:
    """A `-p` name no notebook of the plan declares is an error, named against the main notebook."""
    declared = set()
    for nb in notebooks:
        names = notebook_parameters(nb)
        if not names:
            raise ParameterError(f"{nb}: no cell tagged 'parameters'")
        declared |= set(names)
    unknown = [k for k in user if k not in declared]
    if unknown:
        check_parameters(notebooks[0], {unknown[0]: user[unknown[0]]})


def plan_jobs(
    paths: Iterable[str | os.PathLike],
    notebook: str | os.PathLike | None = None,
    parameters: dict[str, Any] | None = None,
    corpus: bool = True,
) -> list[Job]:
    """The reports to make, with checked parameters; bad parameters fail here, before any kernel.

    A text, Markdown or HTML file gets an article report; a table (CSV, JSONL, Parquet) gets a
    corpus report of its rows; a folder gets both for its files, plus a corpus report over the
    whole folder (`corpus-FOLDER`). A notebook that takes a whole input (corpus, explore,
    evaluate) makes one report per input, `NOTEBOOK-INPUT`. Names are distinct and stable.
    """
    from newstone.text.read import TABLE_SUFFIXES

    article_nb = Path(notebook) if notebook else default_notebook("article")
    corpus_nb = default_notebook("corpus")
    user = dict(parameters or {})
    notebooks = [article_nb] + ([corpus_nb] if corpus and corpus_nb.exists() else [])
    check_parameter_names(notebooks, user)
    fingerprint = library_fingerprint()
    paths = [Path(p) for p in paths]
    entry_param = input_parameter_name(article_nb)
    jobs: list[Job] = []
    if entry_param != "input_path":
        # Notebooks that take a whole input (a folder, a table, a data set): one report per entry.
        for path in paths:
            digest_of = sorted(f for f in path.rglob("*") if f.is_file()) if path.is_dir() else [path]
            name = f"{article_nb.stem}-{report_name(path.resolve())}"
            jobs.append(make_job(name, str(path), article_nb, entry_param, input_parameter(path, article_nb), user, digest_of, fingerprint))
        return unique_names(jobs)
    for path in paths:
        files = expand_inputs([path], SUPPORTED_SUFFIXES) if path.is_dir() else [path]
        if path.is_dir() and corpus and corpus_nb.exists() and files:
            name = f"corpus-{report_name(path.resolve())}"
            jobs.append(make_job(name, str(path), corpus_nb, "inputs", input_parameter(path, corpus_nb), user, files, fingerprint))
        for f in files:
            nb = corpus_nb if f.suffix.lower() in TABLE_SUFFIXES and corpus else article_nb
            param = "inputs" if nb == corpus_nb else entry_param
            jobs.append(make_job(report_name(f), str(f), nb, param, input_parameter(f, nb), user, [f], fingerprint))
    return unique_names(jobs)


def unique_names(jobs: list[Job]) -> list[Job]:
    """Two inputs that would share a report name get -2, -3 ... in the order they were named."""
    seen: dict[str, int] = {}
    out = []
    for job in jobs:
        n = seen.get(job.name, 0) + 1
        seen[job.name] = n
        out.append(job if n == 1 else dataclasses.replace(job, name=f"{job.name}-{n}"))
    return out


def check_output_folder(out_dir: str | os.PathLike, jobs: list[Job]) -> None:
    """Refuse an output folder that is a file, or that shares files with the inputs.

    Reports written into an input folder would be read back as articles on the next run, and
    an input in the output folder could be overwritten by a report. (Subfolders either way are
    fine: folders are read one level deep.)
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputFolderError(f"{out}: --out is a file, not a folder")
    out = out.resolve()
    for job in jobs:
        source = Path(job.source).resolve()
        if out == source:
            raise OutputFolderError(f"{out_dir}: --out is the input folder {job.source}; choose a folder outside the inputs")
        if source.parent == out:
            raise OutputFolderError(f"{out_dir}: --out holds the input {job.source}; choose a folder outside the inputs")

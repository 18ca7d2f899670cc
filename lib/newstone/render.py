"""Rendering reports: execute a parameterized notebook with papermill, export self-contained HTML.

Side effects live here (kernels, files). Execution, parameter checks and HTML export are kept
apart, as in papermill: a bad parameter is refused before any kernel starts, a failed notebook
never overwrites a good report, and each HTML file is written to a temporary name, then renamed.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable

from newstone import views
from newstone.read import SUPPORTED_SUFFIXES, sha256_hex

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
SUMMARY_MIME = views.SUMMARY_MIME
MANIFEST = "manifest.json"
STATIC_ENV = "NEWSTONE_STATIC"  # set for kernels that run without a front end
CELL_TIMEOUT = int(os.environ.get("NEWSTONE_CELL_TIMEOUT", "1800"))  # seconds one cell may run
INPUT_SUFFIXES = SUPPORTED_SUFFIXES


def _skip_iri_grammar() -> None:
    """Keep jsonschema from building the RFC 3987 grammar (about 1 s at import).

    nbformat imports jsonschema, which builds that grammar only to check the "iri" string
    format; notebook schemas never use it, so rendering does not need it.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


class ParameterError(ValueError):
    """Parameters that do not fit a notebook; raised before any kernel starts."""


class KernelMissingError(RuntimeError):
    """The Jupyter kernel a notebook names is not registered in this environment."""


KERNEL_NAME = "newstone"


def notebook_kernel(notebook: str | os.PathLike) -> str:
    return read_notebook_json(notebook).get("metadata", {}).get("kernelspec", {}).get("name") or KERNEL_NAME


def check_kernel(name: str) -> None:
    """Fail early, with the command that fixes it, when a kernel is not registered."""
    from jupyter_client.kernelspec import KernelSpecManager

    if name not in KernelSpecManager().find_kernel_specs():
        raise KernelMissingError(
            f"Jupyter kernel {name!r} is not registered for this environment; register it with "
            f"`make lab` or `{sys.executable} -m ipykernel install --sys-prefix --name {name}`"
        )


def project_root() -> Path:
    """The checkout this package lives in (editable install), else the working folder."""
    candidate = PACKAGE_DIR.parent.parent
    if (candidate / "notebooks").is_dir():
        return candidate
    return Path.cwd()


def default_notebook(name: str = "article") -> Path:
    return project_root() / "notebooks" / f"{name}.ipynb"


# --- parameters --------------------------------------------------------------------------------


def parse_value(text: str) -> Any:
    """A command-line value as Python: true/false/none, numbers, JSON lists, else the string."""
    lowered = text.strip().lower()
    if lowered in ("true", "yes"):
        return True
    if lowered in ("false", "no"):
        return False
    if lowered in ("none", "null"):
        return None
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            pass
    if text.strip().startswith(("[", "{")):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            pass
    return text


def parse_assignments(pairs: Iterable[str]) -> dict[str, Any]:
    """NAME=VALUE strings from `-p` into a dict."""
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip().isidentifier():
            raise ParameterError(f"parameter {pair!r} is not of the form NAME=VALUE")
        params[name.strip()] = parse_value(value)
    return params


def read_notebook_json(notebook: str | os.PathLike) -> dict[str, Any]:
    try:
        return json.loads(Path(notebook).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ParameterError(f"{notebook}: notebook not found") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ParameterError(f"{notebook}: not a valid notebook ({exc})") from None


def notebook_parameters(notebook: str | os.PathLike) -> dict[str, Any]:
    """The names and default values of a notebook's `parameters` cell.

    Parsed with `ast` rather than papermill so that checking (and skipping up-to-date reports)
    costs milliseconds, not papermill's import time.
    """
    nb = read_notebook_json(notebook)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            defaults: dict[str, Any] = {}
            for node in ast.parse(source).body:
                if isinstance(node, (ast.Assign, ast.AnnAssign)):
                    target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                    if isinstance(target, ast.Name) and node.value is not None:
                        try:
                            defaults[target.id] = ast.literal_eval(node.value)
                        except ValueError:
                            defaults[target.id] = ast.unparse(node.value)
            return defaults
    return {}


def input_parameter_name(notebook: str | os.PathLike) -> str:
    """The parameter that receives the input: by convention, the first one in the cell."""
    names = list(notebook_parameters(notebook))
    if not names:
        raise ParameterError(f"{notebook}: no cell tagged 'parameters'")
    return names[0]


def _type_name(value: Any) -> str:
    return type(value).__name__


def check_parameters(notebook: str | os.PathLike, params: dict[str, Any]) -> dict[str, Any]:
    """Reject unknown names and wrong types, naming the notebook's real parameters."""
    defaults = notebook_parameters(notebook)
    if not defaults:
        raise ParameterError(f"{notebook}: no cell tagged 'parameters'")
    known = ", ".join(f"{k} ({_type_name(v)})" for k, v in defaults.items())
    for name, value in params.items():
        if name not in defaults:
            raise ParameterError(f"{notebook}: unknown parameter {name!r}; its parameters are: {known}")
        default = defaults[name]
        if default is None or value is None:
            continue
        if isinstance(default, bool) != isinstance(value, bool):
            raise ParameterError(f"{notebook}: parameter {name!r} takes {_type_name(default)}, got {value!r}")
        if isinstance(default, float) and isinstance(value, int):
            continue
        if not isinstance(value, type(default)):
            raise ParameterError(f"{notebook}: parameter {name!r} takes {_type_name(default)}, got {value!r}")
    if "scorer" in params and params["scorer"] is not None:
        from newstone.sentiment import available_scorers

        if params["scorer"] not in available_scorers():
            raise ParameterError(f"{notebook}: unknown scorer {params['scorer']!r}; available: {', '.join(available_scorers())}")
    return {**defaults, **params}


# --- execution and export ----------------------------------------------------------------------


@dataclass
class ReportResult:
    """What happened to one report; the index and the manifest are built from these."""

    name: str
    source: str
    status: str  # "rendered" | "failed" | "skipped"
    html: str | None = None
    title: str | None = None
    summary: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    key: str | None = None
    group: str = ""
    label: str = ""


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


def input_parameter(source: str | os.PathLike) -> str:
    """The input as the notebook sees it: relative to the project when inside it, so reports
    rendered from two checkouts of the same project say the same thing."""
    path = Path(source).resolve()
    try:
        return path.relative_to(project_root().resolve()).as_posix()
    except ValueError:
        return str(path)


def report_name(source: str | os.PathLike) -> str:
    """A file-safe report name from the input's file name."""
    stem = Path(source).name
    stem = re.sub(r"\.[A-Za-z0-9]+$", "", stem)
    return re.sub(r"[^\w.-]+", "-", stem).strip("-") or "report"


def _file_digest(path: Path) -> str:
    try:
        return sha256_hex(path.read_bytes())
    except OSError:
        return "missing"


def library_fingerprint() -> str:
    """A hash of the package's code and templates: a library change re-renders every report."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def notebook_digest(notebook: str | os.PathLike) -> str:
    """A hash of what a notebook does (cells' type, source and tags, and its kernel), so that
    outputs, execution counts or widget state saved by a front end do not count as a change."""
    try:
        nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return _file_digest(Path(notebook))
    cells = [
        [c.get("cell_type"), "".join(c.get("source", "")), sorted((c.get("metadata") or {}).get("tags", []))]
        for c in nb.get("cells", [])
    ]
    kernel = (nb.get("metadata") or {}).get("kernelspec", {}).get("name")
    return hashlib.sha256(json.dumps([kernel, cells], sort_keys=True).encode()).hexdigest()


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


def pop_summary(nb: Any) -> dict[str, Any]:
    """Take the machine-readable summary the notebook displayed out of the outputs."""
    found: dict[str, Any] = {}
    for cell in nb.cells:
        outputs = cell.get("outputs", [])
        keep = []
        for out in outputs:
            data = out.get("data", {})
            if SUMMARY_MIME in data:
                payload = data[SUMMARY_MIME]
                found.update(json.loads(payload) if isinstance(payload, str) else dict(payload))
                continue
            keep.append(out)
        if outputs:
            cell["outputs"] = keep
    return found


def make_reproducible(nb: Any) -> Any:
    """Remove what changes from run to run: papermill's random cell id, timings, kernel details."""
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.get("cell_type") == "code":
            cell["execution_count"] = None
            for out in cell.get("outputs", []):
                if "execution_count" in out:
                    out["execution_count"] = None
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)  # live widget state needs a kernel; reports show static views
    return nb


def export_html(nb: Any, show_code: bool = False, title: str | None = None) -> str:
    """Self-contained HTML: our template, code hidden unless asked for, no external loads."""
    _skip_iri_grammar()
    from nbconvert import HTMLExporter

    if title:
        nb.metadata["title"] = title
    exporter = HTMLExporter(
        template_name="newstone",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=not show_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
    )
    body, _ = exporter.from_notebook_node(make_reproducible(nb))
    return body


def atomic_write(path: Path, text: str) -> None:
    """Write to a temporary file in the same folder, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _error_line(exc: BaseException) -> str:
    """One line a reader can act on, from a papermill or Python error."""
    ename = getattr(exc, "ename", None)
    evalue = getattr(exc, "evalue", None)
    if ename:
        lines = f"{ename}: {evalue}".strip().splitlines()
        return lines[0] if lines else str(ename)
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"


def execute(notebook: Path, params: dict[str, Any], work_path: Path, kernel_name: str | None = None) -> Any:
    """Run the notebook with papermill, saving the executed copy at `work_path`."""
    _skip_iri_grammar()
    import papermill

    # Kernels started from here inherit this: views that would create live widgets render
    # statically instead (no widget front end is listening, and nbclient can block on widget
    # messages: jupyter/nbclient#312).
    os.environ[STATIC_ENV] = "1"
    return papermill.execute_notebook(
        str(notebook),
        str(work_path),
        parameters=params,
        kernel_name=kernel_name,
        progress_bar=False,
        log_output=False,
        cwd=str(notebook.parent),
        # The kernel's own log (not the notebook's output) only says that local TCP is unencrypted.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        start_timeout=120,
        execution_timeout=CELL_TIMEOUT,
    )



def run_job(job: Job, out_dir: str | os.PathLike, kernel_name: str | None = None) -> ReportResult:
    """Execute and export one report; on failure keep the executed notebook in `_failed/`.

    The good HTML of an earlier run is only ever replaced by a complete new one.
    """
    out = Path(out_dir)
    work_dir = out / "_work"
    work_dir.mkdir(parents=True, exist_ok=True)
    work_path = work_dir / f"{job.name}.ipynb"
    result = ReportResult(name=job.name, source=job.source, status="failed", parameters=job.parameters, key=job.key,
                          group=job.group, label=job.label)
    try:
        nb = execute(Path(job.notebook), job.parameters, work_path, kernel_name)
        summary = pop_summary(nb)
        title = summary.get("title") or job.name
        html_text = export_html(nb, show_code=bool(job.parameters.get("show_code", False)), title=title)
        atomic_write(out / f"{job.name}.html", html_text)
    except Exception as exc:  # noqa: BLE001 - every failure is contained and reported
        result.error = _error_line(exc)
        failed = out / "_failed"
        failed.mkdir(parents=True, exist_ok=True)
        if work_path.exists():
            os.replace(work_path, failed / f"{job.name}.ipynb")
        else:
            (failed / f"{job.name}.txt").write_text(traceback.format_exc(), encoding="utf-8")
        return result
    work_path.unlink(missing_ok=True)
    (out / "_failed" / f"{job.name}.ipynb").unlink(missing_ok=True)
    result.status = "rendered"
    result.html = f"{job.name}.html"
    result.title = title
    result.summary = summary
    return result


# --- inputs, manifest and index ----------------------------------------------------------------


def expand_inputs(paths: Iterable[str | os.PathLike], suffixes: tuple[str, ...] = INPUT_SUFFIXES) -> list[Path]:
    """Files named directly, plus supported files inside named folders, in a stable order."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in suffixes and not f.name.startswith("."))
        else:
            found.append(p)
    return found


def _inputs_digest(files: list[Path]) -> str:
    return hashlib.sha256("".join(f"{f.name}:{_file_digest(f)};" for f in files).encode()).hexdigest()


def _job(name: str, source: str, notebook: Path, input_param: str, input_value: str, user: dict[str, Any],
         digest_of: list[Path], fingerprint: str) -> Job:
    declared = notebook_parameters(notebook)
    params = check_parameters(notebook, {**{k: v for k, v in user.items() if k in declared}, input_param: input_value})
    key_source = digest_of[0] if len(digest_of) == 1 else None
    key = job_key(key_source or source, notebook, {**params, "_inputs": _inputs_digest(digest_of)}, fingerprint)
    return Job(name, source, str(notebook), params, key)


def plan_jobs(
    paths: Iterable[str | os.PathLike],
    notebook: str | os.PathLike | None = None,
    parameters: dict[str, Any] | None = None,
    corpus: bool = True,
) -> list[Job]:
    """The reports to make, with checked parameters; bad parameters fail here, before any kernel.

    A text, Markdown or HTML file gets an article report; a table (CSV, JSONL, Parquet) gets a
    corpus report of its rows; a folder gets both for its files, plus a corpus report over the
    whole folder. A parameter applies to every notebook that declares it, and one that no
    notebook declares is an error.
    """
    from newstone.read import TABLE_SUFFIXES

    article_nb = Path(notebook) if notebook else default_notebook("article")
    corpus_nb = default_notebook("corpus")
    user = dict(parameters or {})
    notebooks = [article_nb] + ([corpus_nb] if corpus and corpus_nb.exists() else [])
    declared = {name for nb in notebooks for name in notebook_parameters(nb)}
    for nb in notebooks:  # unknown names are named against the main notebook's parameters
        if not notebook_parameters(nb):
            raise ParameterError(f"{nb}: no cell tagged 'parameters'")
    unknown = [k for k in user if k not in declared]
    if unknown:
        check_parameters(article_nb, {unknown[0]: user[unknown[0]]})
    fingerprint = library_fingerprint()
    paths = [Path(p) for p in paths]
    folders = [p for p in paths if p.is_dir()]
    entry_param = input_parameter_name(article_nb)
    if entry_param != "input_path":
        # Notebooks that take a whole input (a folder, a table, a data set): one report per entry.
        jobs = []
        for path in paths:
            name = article_nb.stem if len(paths) == 1 else f"{article_nb.stem}-{report_name(path)}"
            digest_of = sorted(f for f in path.rglob("*") if f.is_file()) if path.is_dir() else [path]
            jobs.append(_job(name, str(path), article_nb, entry_param, input_parameter(path), user, digest_of, fingerprint))
        return _unique_names(jobs)
    jobs: list[Job] = []
    for path in paths:
        files = expand_inputs([path], SUPPORTED_SUFFIXES) if path.is_dir() else [path]
        if path.is_dir() and corpus and corpus_nb.exists() and files:
            # Planned first so that the folder's report gets the plain name ("corpus").
            name = "corpus" if len(folders) == 1 else f"corpus-{report_name(path)}"
            jobs.append(_job(name, str(path), corpus_nb, "inputs", input_parameter(path), user, files, fingerprint))
        for f in files:
            if f.suffix.lower() in TABLE_SUFFIXES and corpus:
                jobs.append(_job(report_name(f), str(f), corpus_nb, "inputs", input_parameter(f), user, [f], fingerprint))
            else:
                jobs.append(_job(report_name(f), str(f), article_nb, entry_param, input_parameter(f), user, [f], fingerprint))
    return _unique_names(jobs)


def _unique_names(jobs: list[Job]) -> list[Job]:
    """Two inputs that would share a report name get -2, -3 ... in the order they were named."""
    seen: dict[str, int] = {}
    out = []
    for job in jobs:
        n = seen.get(job.name, 0) + 1
        seen[job.name] = n
        out.append(job if n == 1 else dataclasses.replace(job, name=f"{job.name}-{n}"))
    return out


def load_manifest(out_dir: Path) -> dict[str, Any]:
    path = out_dir / MANIFEST
    if not path.exists():
        return {"reports": {}}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, OSError):
        return {"reports": {}}


def save_manifest(out_dir: Path, manifest: dict[str, Any]) -> None:
    atomic_write(out_dir / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def update_manifest(manifest: dict[str, Any], result: ReportResult) -> None:
    """Record a result; a failure keeps the last good report's entry and link."""
    reports = manifest.setdefault("reports", {})
    entry = reports.get(result.name, {})
    if result.status == "rendered":
        entry = {k: v for k, v in asdict(result).items() if k not in ("status", "error")}
        entry["status"] = "ok"
    elif result.status == "failed":
        entry.update({"source": result.source, "status": "failed", "error": result.error, "key": None,
                      "group": result.group, "label": result.label})
    reports[result.name] = entry


def is_up_to_date(job: Job, manifest: dict[str, Any], out_dir: Path) -> bool:
    entry = manifest.get("reports", {}).get(job.name, {})
    return entry.get("status") == "ok" and entry.get("key") == job.key and (out_dir / f"{job.name}.html").exists()


def comparison_groups(manifest: dict[str, Any]) -> dict[str, list[str]]:
    """Groups of reports (one input, several parameter sets) with at least two good reports."""
    groups: dict[str, list[str]] = {}
    for name, entry in sorted(manifest.get("reports", {}).items()):
        if entry.get("group") and entry.get("html"):
            groups.setdefault(entry["group"], []).append(name)
    return {g: names for g, names in groups.items() if len(names) >= 2}


def write_index(out_dir: Path, manifest: dict[str, Any]) -> Path:
    """reports/index.html (every report with its title and tone, failures with their error) and
    one comparison page per input rendered under several parameter sets."""
    groups = comparison_groups(manifest)
    for group, names in groups.items():
        atomic_write(out_dir / f"compare-{group}.html", views.comparison_page(group, [(n, manifest["reports"][n]) for n in names]))
    atomic_write(out_dir / "index.html", views.index_page(manifest, {g: f"compare-{g}.html" for g in groups}))
    return out_dir / "index.html"


def render_reports(
    paths: Iterable[str | os.PathLike],
    out_dir: str | os.PathLike = "reports",
    notebook: str | os.PathLike | None = None,
    parameters: dict[str, Any] | None = None,
    kernel_name: str | None = None,
    on_result: Any = None,
    jobs: int | None = None,
    force: bool = False,
    corpus: bool = True,
) -> list[ReportResult]:
    """Plan and render every report for these inputs (see `plan_jobs` and `run_plan`)."""
    planned = plan_jobs(list(paths), notebook, parameters, corpus=corpus)
    return run_plan(planned, out_dir, kernel_name=kernel_name, on_result=on_result, jobs=jobs, force=force)


def run_plan(
    planned: list[Job],
    out_dir: str | os.PathLike = "reports",
    kernel_name: str | None = None,
    on_result: Any = None,
    jobs: int | None = None,
    force: bool = False,
) -> list[ReportResult]:
    """Render the planned reports that changed; one failure never stops the others.

    Reports whose key (inputs, parameters, notebook, library) matches the manifest are skipped
    unless `force`. Up to `jobs` reports render at once, each in its own process and kernel.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    manifest = load_manifest(out)
    results: list[ReportResult] = []

    def finish(result: ReportResult) -> None:
        update_manifest(manifest, result)
        save_manifest(out, manifest)
        results.append(result)
        if on_result:
            on_result(result)

    todo = []
    for job in planned:
        if not force and is_up_to_date(job, manifest, out):
            entry = manifest["reports"][job.name]
            finish(ReportResult(job.name, job.source, "skipped", entry.get("html"), entry.get("title"), entry.get("summary", {}),
                                parameters=job.parameters, key=job.key, group=job.group, label=job.label))
        else:
            todo.append(job)
    for kernel in sorted({kernel_name or notebook_kernel(job.notebook) for job in todo}):
        check_kernel(kernel)
    from newstone.score import default_jobs

    workers = min(jobs or default_jobs(), len(todo))
    if workers <= 1:
        for job in todo:
            finish(run_job(job, out, kernel_name))
    elif todo:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = {pool.submit(run_job, job, out, kernel_name): job for job in todo}
            for future in as_completed(futures):
                job = futures[future]
                try:
                    finish(future.result())
                except Exception as exc:  # noqa: BLE001 - a crashed worker is one failed report
                    finish(ReportResult(job.name, job.source, "failed", error=_error_line(exc), parameters=job.parameters,
                                        group=job.group, label=job.label))
    order = {j.name: i for i, j in enumerate(planned)}
    results.sort(key=lambda r: order[r.name])
    if todo or not (out / "index.html").exists():
        write_index(out, manifest)
    shutil.rmtree(out / "_work", ignore_errors=True)
    return results

"""Rendering reports: run the planned notebooks on warm kernels and write self-contained HTML.

The steps live in their own modules: `params` (checking parameters), `plan` (which reports,
with content-hash keys), `kernels` (warm kernels), `export` (HTML), `manifest` (the output
folder's manifest, index and lock). This module runs a plan: a failed notebook never overwrites
a good report, one failure never stops the others, and the output folder is locked for the run.
"""

from __future__ import annotations

import json
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from newstone.reports.export import SUMMARY_MIME, export_html, make_reproducible, pop_summary, skip_iri_grammar
from newstone.reports.kernels import STATIC_ENV, KernelMissingError, discard_kernel, resolve_kernel, warm_kernel, notebook_cwd
from newstone.reports.manifest import (
    MANIFEST, FolderBusyError, FolderLock, OutputError, atomic_write, is_up_to_date, load_manifest, mark_current,
    remove_leftovers, save_manifest, update_manifest, write_index,
)
from newstone.reports.params import ParameterError, check_parameters, notebook_parameters, parse_assignments, parse_value
from newstone.reports.plan import (
    Job, OutputFolderError, check_output_folder, default_notebook, expand_inputs, input_parameter, job_key,
    library_fingerprint, plan_jobs, project_root,
)
from newstone.reports.reportnames import report_name

KERNEL_NAME = "newstone"


class NothingReadable(RuntimeError):
    """A corpus report whose inputs gave no document: a failure, not an empty report."""


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
    notebook: str = ""


def notebook_kernel(notebook: str | os.PathLike) -> str:
    from newstone.reports.params import read_notebook_json

    return read_notebook_json(notebook).get("metadata", {}).get("kernelspec", {}).get("name") or KERNEL_NAME


def _error_line(exc: BaseException) -> str:
    """One line a reader can act on, from a notebook or Python error."""
    if isinstance(exc, (OutputError, NothingReadable)):
        return str(exc)
    ename = getattr(exc, "ename", None)
    evalue = getattr(exc, "evalue", None)
    if ename == "InputError" and evalue:  # the reader's own message: the file and its problem
        return str(evalue).strip().splitlines()[0]
    if ename:
        lines = f"{ename}: {evalue}".strip().splitlines()
        return lines[0] if lines else str(ename)
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"


def execute(notebook: Path, params: dict[str, Any], kernel_name: str, fresh: bool = False) -> Any:
    """The notebook with papermill's parameters cell injected, executed on this process's warm kernel."""
    skip_iri_grammar()
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = parameterize_notebook(load_notebook_node(str(notebook)), params, kernel_name=kernel_name, language="python")
    kernel = warm_kernel(kernel_name)
    try:
        kernel.run(nb, notebook_cwd(notebook))
    except BaseException as exc:
        discard_kernel(kernel_name)  # its state is unknown after a failure
        exc.newstone_notebook = nb  # type: ignore[attr-defined]  # what ran, for _failed/
        raise
    finally:
        if fresh:
            discard_kernel(kernel_name)
    return nb


def run_job(job: Job, out_dir: str | os.PathLike, kernel_name: str | None = None, fresh: bool = False) -> ReportResult:
    """Execute and export one report; on failure keep the executed notebook in `_failed/`.

    The good HTML of an earlier run is only ever replaced by a complete new one.
    """
    out = Path(out_dir)
    result = ReportResult(name=job.name, source=job.source, status="failed", parameters=job.parameters, key=job.key,
                          group=job.group, label=job.label, notebook=Path(job.notebook).stem)
    nb = None
    try:
        nb = execute(Path(job.notebook), job.parameters, kernel_name or notebook_kernel(job.notebook), fresh)
        summary = pop_summary(nb)
        if summary.get("kind") == "corpus" and not summary.get("n_documents") and summary.get("n_errors"):
            raise NothingReadable(f"no document could be read ({(summary.get('errors') or ['?'])[0]})")
        title = summary.get("title") or job.name
        html_text = export_html(nb, show_code=bool(job.parameters.get("show_code", False)), title=title)
        atomic_write(out / f"{job.name}.html", html_text)
    except OutputError:
        raise  # the folder cannot take files (full disk, read-only): the whole run stops, saying so
    except Exception as exc:  # noqa: BLE001 - every failure is contained and reported
        result.error = _error_line(exc)
        _keep_failed(out, job.name, getattr(exc, "newstone_notebook", None) or nb)
        return result
    (out / "_failed" / f"{job.name}.ipynb").unlink(missing_ok=True)
    (out / "_failed" / f"{job.name}.txt").unlink(missing_ok=True)
    result.status = "rendered"
    result.html = f"{job.name}.html"
    result.title = title
    result.summary = summary
    return result


def _keep_failed(out: Path, name: str, nb: Any) -> None:
    """The executed notebook (or the traceback) of a failed report, for reading why."""
    try:
        failed = out / "_failed"
        failed.mkdir(parents=True, exist_ok=True)
        if nb is not None:
            import nbformat

            atomic_write(failed / f"{name}.ipynb", nbformat.writes(nb))
        else:
            atomic_write(failed / f"{name}.txt", traceback.format_exc())
    except OSError:
        pass  # the report already failed; its error line says why


def _worker_init(parent_pid: int) -> None:
    """Rendering workers die with the command that started them; their kernels die with them."""
    from newstone.corpus.lifeline import die_with_parent

    die_with_parent(parent_pid)
    os.environ[STATIC_ENV] = "1"


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
    fresh_kernels: bool = False,
) -> list[ReportResult]:
    """Plan and render every report for these inputs (see `plan_jobs` and `run_plan`)."""
    planned = plan_jobs(list(paths), notebook, parameters, corpus=corpus)
    return run_plan(planned, out_dir, kernel_name=kernel_name, on_result=on_result, jobs=jobs, force=force,
                    fresh_kernels=fresh_kernels)


def run_plan(
    planned: list[Job],
    out_dir: str | os.PathLike = "reports",
    kernel_name: str | None = None,
    on_result: Callable[[ReportResult], None] | None = None,
    jobs: int | None = None,
    force: bool = False,
    fresh_kernels: bool = False,
    warn: Callable[[str], None] | None = None,
    complete: bool = False,
) -> list[ReportResult]:
    """Render the planned reports that changed; one failure never stops the others.

    Reports whose key (inputs, parameters, notebook, library) matches the manifest are skipped
    unless `force`. Up to `jobs` processes render at once, each with one warm kernel reused for
    its reports (`fresh_kernels` starts one per report instead). The folder is locked meanwhile.
    `complete`: the plan is every report the folder should hold (all sets of reports.yml), so the
    index lists everything else as stale.
    Raises OutputFolderError, FolderBusyError, OutputError or KernelMissingError before or instead
    of rendering when the output folder or kernel cannot be used.
    """
    out = Path(out_dir)
    check_output_folder(out, planned)
    with FolderLock(out):
        remove_leftovers(out)
        return _run_locked(planned, out, kernel_name, on_result, jobs, force, fresh_kernels, warn, complete)


def _run_locked(planned: list[Job], out: Path, kernel_name: str | None, on_result: Any, jobs: int | None,
                force: bool, fresh: bool, warn: Any, complete: bool) -> list[ReportResult]:
    manifest = load_manifest(out, warn)
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
                                parameters=job.parameters, key=job.key, group=job.group, label=job.label,
                                notebook=Path(job.notebook).stem))
        else:
            todo.append(job)
    for name in sorted({kernel_name or notebook_kernel(job.notebook) for job in todo}):
        _, note = resolve_kernel(name, explicit=kernel_name is not None)
        if note and warn:
            warn(note)
    if todo:
        _render_all(todo, out, kernel_name, jobs, fresh, finish)
    order = {j.name: i for i, j in enumerate(planned)}
    results.sort(key=lambda r: order[r.name])
    before = json.dumps(manifest, sort_keys=True, default=str)
    mark_current(manifest, set(order), out, complete)
    if todo or json.dumps(manifest, sort_keys=True, default=str) != before or not (out / "index.html").exists():
        save_manifest(out, manifest)
        write_index(out, manifest)
    return results


def _render_all(todo: list[Job], out: Path, kernel_name: str | None, jobs: int | None, fresh: bool, finish: Any) -> None:
    from newstone.corpus.score import default_jobs

    workers = min(jobs or default_jobs(), len(todo))
    if workers <= 1:
        os.environ[STATIC_ENV] = "1"
        try:
            for job in todo:
                finish(run_job(job, out, kernel_name, fresh))
        finally:
            from newstone.reports.kernels import shutdown_all

            shutdown_all()
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init, initargs=(os.getpid(),)) as pool:
        futures = {pool.submit(run_job, job, out, kernel_name, fresh): job for job in todo}
        for future in as_completed(futures):
            job = futures[future]
            try:
                finish(future.result())
            except OutputError:
                pool.shutdown(cancel_futures=True)
                raise
            except Exception as exc:  # noqa: BLE001 - a crashed worker is one failed report
                finish(ReportResult(job.name, job.source, "failed", error=_error_line(exc), parameters=job.parameters,
                                    group=job.group, label=job.label, notebook=Path(job.notebook).stem))


__all__ = [
    "Job", "ReportResult", "ParameterError", "KernelMissingError", "OutputError", "OutputFolderError", "FolderBusyError",
    "SUMMARY_MIME", "MANIFEST", "check_parameters", "default_notebook", "expand_inputs", "input_parameter", "job_key",
    "library_fingerprint", "make_reproducible", "notebook_parameters", "parse_assignments", "parse_value", "plan_jobs",
    "project_root", "render_reports", "report_name", "run_job", "run_plan", "export_html", "pop_summary",
]

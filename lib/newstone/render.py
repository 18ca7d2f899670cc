"""Rendering reports: execute a parameterized notebook with papermill, export self-contained HTML.

Side effects live here (kernels, files). Execution, parameter checks and HTML export are kept
apart, as in papermill: a bad parameter is refused before any kernel starts, a failed notebook
never overwrites a good report, and each HTML file is written to a temporary name, then renamed.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import tempfile
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable

from newstone import views
from newstone.read import TEXT_SUFFIXES

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
SUMMARY_MIME = views.SUMMARY_MIME
MANIFEST = "manifest.json"
INPUT_SUFFIXES = TEXT_SUFFIXES


class ParameterError(ValueError):
    """Parameters that do not fit a notebook; raised before any kernel starts."""


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


def notebook_parameters(notebook: str | os.PathLike) -> dict[str, Any]:
    """The names and default values of a notebook's `parameters` cell."""
    import papermill

    try:
        inspected = papermill.inspect_notebook(str(notebook))
    except FileNotFoundError:
        raise ParameterError(f"{notebook}: notebook not found") from None
    defaults = {}
    for name, info in inspected.items():
        try:
            defaults[name] = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            defaults[name] = info["default"]
    return defaults


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


def export_html(nb: Any, show_code: bool = False, title: str | None = None) -> str:
    """Self-contained HTML: our template, code hidden unless asked for, no external loads."""
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
    body, _ = exporter.from_notebook_node(nb)
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
        return f"{ename}: {evalue}".strip().splitlines()[0]
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"


def execute(notebook: Path, params: dict[str, Any], work_path: Path, kernel_name: str | None = None) -> Any:
    """Run the notebook with papermill, saving the executed copy at `work_path`."""
    import papermill

    return papermill.execute_notebook(
        str(notebook),
        str(work_path),
        parameters=params,
        kernel_name=kernel_name,
        progress_bar=False,
        log_output=False,
        cwd=str(notebook.parent),
    )


def render_one(
    source: str | os.PathLike,
    out_dir: str | os.PathLike = "reports",
    notebook: str | os.PathLike | None = None,
    parameters: dict[str, Any] | None = None,
    name: str | None = None,
    kernel_name: str | None = None,
) -> ReportResult:
    """Render one input to `out_dir/NAME.html`; on failure keep the executed notebook in `_failed/`."""
    out = Path(out_dir)
    nb_path = Path(notebook) if notebook else default_notebook()
    name = name or report_name(source)
    params = check_parameters(nb_path, {**(parameters or {}), "input_path": input_parameter(source)})
    show_code = bool(params.get("show_code", False))
    work_dir = out / "_work"
    work_dir.mkdir(parents=True, exist_ok=True)
    work_path = work_dir / f"{name}.ipynb"
    result = ReportResult(name=name, source=str(source), status="failed", parameters=params)
    try:
        nb = execute(nb_path, params, work_path, kernel_name)
        summary = pop_summary(nb)
        title = summary.get("title") or name
        html_text = export_html(nb, show_code=show_code, title=title)
        atomic_write(out / f"{name}.html", html_text)
    except Exception as exc:  # noqa: BLE001 - every failure is contained and reported
        result.error = _error_line(exc)
        failed = out / "_failed"
        failed.mkdir(parents=True, exist_ok=True)
        if work_path.exists():
            os.replace(work_path, failed / f"{name}.ipynb")
        else:
            (failed / f"{name}.txt").write_text(traceback.format_exc(), encoding="utf-8")
        return result
    work_path.unlink(missing_ok=True)
    (out / "_failed" / f"{name}.ipynb").unlink(missing_ok=True)
    result.status = "rendered"
    result.html = f"{name}.html"
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
        entry.update({"source": result.source, "status": "failed", "error": result.error})
    reports[result.name] = entry


def write_index(out_dir: Path, manifest: dict[str, Any]) -> Path:
    """reports/index.html: every report with its title and tone, failures with their error."""
    atomic_write(out_dir / "index.html", views.index_page(manifest))
    return out_dir / "index.html"


def render_reports(
    paths: Iterable[str | os.PathLike],
    out_dir: str | os.PathLike = "reports",
    notebook: str | os.PathLike | None = None,
    parameters: dict[str, Any] | None = None,
    kernel_name: str | None = None,
    on_result: Any = None,
) -> list[ReportResult]:
    """Render every input; one failure never stops the others. The index is rewritten at the end."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    nb_path = Path(notebook) if notebook else default_notebook()
    check_parameters(nb_path, {**(parameters or {}), "input_path": ""})
    manifest = load_manifest(out)
    results = []
    for source in expand_inputs(paths):
        result = render_one(source, out, nb_path, parameters, kernel_name=kernel_name)
        update_manifest(manifest, result)
        results.append(result)
        if on_result:
            on_result(result)
    save_manifest(out, manifest)
    write_index(out, manifest)
    shutil.rmtree(out / "_work", ignore_errors=True)
    return results

"""Report sets: `reports.yml` names which notebook renders which inputs with which parameters.

The whole file is checked before any kernel starts, so a typo in a parameter name, a missing
input or an unknown notebook is one clear message naming the file and the entry.

    sets:
      articles:                      # a name for `newstone render --set articles`
        notebook: article            # notebooks/article.ipynb (or a path to a notebook)
        inputs: [seeds]              # files, folders or globs
      seed-by-scorer:
        notebook: article
        inputs: [seeds/000_4054172739a3b017.txt]
        parameters:                  # one report per entry; `label` names it (optional)
          - {label: vader, scorer: vader}
          - {label: top-3, scorer: vader, top_n: 3}

A notebook's first parameter receives the input. When it is `input_path` (the article notebook)
every input file gets a report; otherwise (corpus, explore) every input entry (a folder, glob or
table) is one report.
"""

from __future__ import annotations

import dataclasses
import glob
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newstone.reports.params import ParameterError, check_value, input_parameter_name, notebook_parameters, spec_for
from newstone.reports.plan import Job, expand_inputs, input_parameter, library_fingerprint, make_job, project_root, unique_names
from newstone.text.read import TABLE_SUFFIXES
from newstone.reports.reportnames import MAX_NAME_BYTES, is_reserved, report_name
from newstone.tone.sentiment import available_scorers

SETS_FILE = "reports.yml"


class ReportSetError(ValueError):
    """A reports.yml that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class ReportSet:
    name: str
    notebook: Path
    inputs: tuple[str, ...]
    parameter_sets: tuple[dict[str, Any], ...] = field(default_factory=lambda: ({},))


def _notebook_path(value: Any, base: Path) -> Path:
    text = str(value)
    candidates = [base / text, base / "notebooks" / text, base / "notebooks" / f"{text}.ipynb"]
    for c in candidates:
        if c.is_file() and c.suffix == ".ipynb":
            return c
    raise FileNotFoundError(text)


def _input_exists(item: str, base: Path) -> bool:
    if glob.has_magic(item):
        return bool(glob.glob(str(base / item)))
    return (base / item).exists()


def load_report_sets(path: str | os.PathLike = SETS_FILE) -> list[ReportSet]:
    """Parse and check reports.yml; every problem is a ReportSetError naming file and entry."""
    import yaml

    path = Path(path)
    base = path.resolve().parent
    where = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportSetError(f"{where}: file not found") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1})" if mark else ""
        raise ReportSetError(f"{where}: not valid YAML{at}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict) or not isinstance(data.get("sets"), dict) or not data["sets"]:
        raise ReportSetError(f"{where}: expected a mapping 'sets:' with at least one named set")
    unknown_top = sorted(set(data) - {"sets"})
    if unknown_top:
        raise ReportSetError(f"{where}: unknown top-level key {unknown_top[0]!r}; only 'sets' is allowed")
    sets = []
    for name, spec in data["sets"].items():
        entry = f"{where}: set {name!r}"
        problem = _name_problem(str(name))
        if problem:
            raise ReportSetError(f"{entry}: {problem}")
        if not isinstance(spec, dict):
            raise ReportSetError(f"{entry}: expected keys notebook, inputs, parameters")
        extra = sorted(set(spec) - {"notebook", "inputs", "parameters"})
        if extra:
            raise ReportSetError(f"{entry}: unknown key {extra[0]!r} (allowed: notebook, inputs, parameters)")
        try:
            notebook = _notebook_path(spec.get("notebook", "article"), base)
        except FileNotFoundError as exc:
            raise ReportSetError(f"{entry}: unknown notebook {exc.args[0]!r} (not found in {base / 'notebooks'})") from None
        inputs = spec.get("inputs")
        if isinstance(inputs, str):
            inputs = [inputs]
        if not inputs or not all(isinstance(i, str) for i in inputs):
            raise ReportSetError(f"{entry}: 'inputs' must be a file, folder or glob, or a list of them")
        for item in inputs:
            if not _input_exists(item, base):
                raise ReportSetError(f"{entry}: missing input {item!r}")
        psets = spec.get("parameters") or [{}]
        if isinstance(psets, dict):
            psets = [psets]
        if not isinstance(psets, list) or not all(isinstance(p, dict) for p in psets):
            raise ReportSetError(f"{entry}: 'parameters' must be a mapping or a list of mappings")
        declared = notebook_parameters(notebook)
        input_param = input_parameter_name(notebook)
        for i, pset in enumerate(psets):
            label = f"{entry}, parameters #{i + 1}"
            for key, value in pset.items():
                if key == "label":
                    problem = _name_problem(str(value), "labels")
                    if problem:
                        raise ReportSetError(f"{label}: label {value!r}: {problem}")
                    continue
                if key == input_param:
                    raise ReportSetError(f"{label}: {key!r} comes from 'inputs'; do not set it here")
                if key not in declared:
                    known = ", ".join(k for k in declared if k != input_param)
                    raise ReportSetError(f"{label}: unknown parameter {key!r} for {notebook.name} (its parameters: {known})")
                try:
                    check_value(key, value, spec_for(key, declared[key]))
                except ValueError as exc:
                    raise ReportSetError(f"{label}: parameter {key!r} {exc}") from None
                if key == "scorer" and value not in available_scorers():
                    raise ReportSetError(f"{label}: unknown scorer {value!r} (scorers: {', '.join(available_scorers())})")
        labels = [str(p.get("label", "")) for p in psets]
        if len(psets) > 1 and len(set(labels)) != len(labels) and any(labels):
            raise ReportSetError(f"{entry}: parameter set labels must differ")
        sets.append(ReportSet(str(name), notebook, tuple(inputs), tuple(psets)))
    return sets


def _name_problem(name: str, what: str = "names") -> str:
    """Why a set name or label cannot name a report file ('' when it can)."""
    if not re.fullmatch(r"[\w.-]+", name, re.ASCII) or name.startswith("."):
        return f"{what} may use letters, digits, '.', '-' and '_' (not starting with '.')"
    if len(name.encode()) > MAX_NAME_BYTES // 2:
        return f"{what} may be at most {MAX_NAME_BYTES // 2} characters long"
    if is_reserved(name):
        return f"{name!r} is the name of the folder's index or comparison pages"
    return ""


def _slug(params: dict[str, Any]) -> str:
    text = "-".join(f"{k}-{v}" for k, v in sorted(params.items()) if k != "label")
    return re.sub(r"[^\w.-]+", "-", text).strip("-")[:60] or "default"


def plan_sets(sets: list[ReportSet], only: list[str] | None = None, extra: dict[str, Any] | None = None) -> list[Job]:
    """Jobs for the named sets (all when `only` is None); `extra` parameters apply to every report."""
    names = {s.name for s in sets}
    for wanted in only or []:
        if wanted not in names:
            raise ReportSetError(f"{SETS_FILE}: no set named {wanted!r} (sets: {', '.join(sorted(names))})")
    base = project_root()
    fingerprint = library_fingerprint()
    jobs: list[Job] = []
    for rs in sets:
        if only and rs.name not in only:
            continue
        input_param = input_parameter_name(rs.notebook)
        is_article = input_param == "input_path"
        multi = len(rs.parameter_sets) > 1
        for item in rs.inputs:
            target = base / item if not Path(item).is_absolute() else Path(item)
            if is_article:
                sources = expand_inputs(sorted(Path(p) for p in glob.glob(str(target))) if glob.has_magic(item) else [target])
                units = [(report_name(f), str(f), [f]) for f in sources if not f.is_dir() and f.suffix.lower() not in TABLE_SUFFIXES]
            else:
                files = expand_inputs(sorted(Path(p) for p in glob.glob(str(target)))) if glob.has_magic(item) else expand_inputs([target])
                stem = rs.name if len(rs.inputs) == 1 else f"{rs.name}-{report_name(item)}"
                units = [(stem, str(target), files)]
            for stem, source, digest_of in units:
                for pset in rs.parameter_sets:
                    label = str(pset.get("label") or _slug(pset)) if multi else ""
                    params = {**(extra or {}), **{k: v for k, v in pset.items() if k != "label"}}
                    value = input_parameter(source, rs.notebook) if is_article or not glob.has_magic(item) else item
                    job = make_job(
                        f"{stem}--{label}" if multi else stem, source, rs.notebook,
                        input_param, value, params, digest_of, fingerprint,
                    )
                    if multi:
                        job = dataclasses.replace(job, group=stem, label=label)
                    jobs.append(job)
    return unique_names(jobs)


def default_sets_file() -> Path | None:
    path = project_root() / SETS_FILE
    return path if path.is_file() else None


__all__ = ["ReportSet", "ReportSetError", "load_report_sets", "plan_sets", "default_sets_file", "ParameterError"]

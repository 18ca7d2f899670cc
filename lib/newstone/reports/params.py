"""Notebook parameters: read a notebook's `parameters` cell, parse `-p` values, check them.

Everything here runs before any kernel starts, so a wrong name, type or value is one line naming
the notebook and the parameter, never a failure inside a report. A parameter name means the same
thing in every notebook (`top_n` is always a positive count), so the constraints are declared once,
per name, in `SPECS`; a parameter without a spec takes the type of its default.
"""

from __future__ import annotations

import ast
import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable


class ParameterError(ValueError):
    """Parameters that do not fit a notebook; raised before any kernel starts."""


class CliText(str):
    """A value typed on the command line: converted to the parameter's declared type when checked."""


@dataclass(frozen=True)
class Spec:
    """What a parameter accepts: its type, whether None is allowed, and a range or a set of choices."""

    kind: type
    optional: bool = False
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    nonempty: bool = False

    def describe(self) -> str:
        text = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}[self.kind]
        if self.choices:
            text = "one of " + ", ".join(self.choices)
        if self.low is not None and self.high is not None:
            text += f" from {self.low:g} to {self.high:g}"
        elif self.low is not None:
            text += f" of at least {self.low:g}"
        return text + (" or none" if self.optional else "")


_TEXT = Spec(str, optional=True)
_COLUMN = Spec(str, nonempty=True)
# The shared vocabulary of the notebooks' parameters (article, corpus, explore, evaluate).
SPECS: dict[str, Spec] = {
    "input_path": Spec(str, nonempty=True),
    "inputs": Spec(str, nonempty=True),
    "articles": Spec(str, nonempty=True),
    "data": Spec(str, nonempty=True),
    "scorer": Spec(str, nonempty=True),
    "scorers": _TEXT,
    "title": _TEXT,
    "targets": _TEXT,
    "article": _TEXT,
    "actor": _TEXT,
    "text_column": _COLUMN,
    "id_column": _COLUMN,
    "title_column": _COLUMN,
    "date_column": _COLUMN,
    "source_column": _COLUMN,
    "data_format": Spec(str, optional=True, choices=("vader", "newsmtsc")),
    "top_n": Spec(int, low=1, high=1000),
    "sample": Spec(int, low=0),
    "threshold": Spec(float, low=0.0, high=1.0),
    "held_out_only": Spec(bool),
    "show_code": Spec(bool),
}

_TRUE, _FALSE, _NONE = ("true", "yes", "1"), ("false", "no", "0"), ("none", "null", "")


def parse_value(text: str) -> Any:
    """A command-line value without a declared type: true/false/none, numbers, JSON, else the text."""
    lowered = text.strip().lower()
    if lowered in ("true", "yes"):
        return True
    if lowered in ("false", "no"):
        return False
    if lowered in ("none", "null"):
        return None
    for convert in (int, float):
        try:
            value = convert(text)
        except ValueError:
            continue
        if isinstance(value, float) and not math.isfinite(value):
            return text
        return value
    if text.strip().startswith(("[", "{")):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            pass
    return text


def parse_assignments(pairs: Iterable[str]) -> dict[str, Any]:
    """NAME=VALUE strings from `-p` into a dict; values stay text until checked against a notebook."""
    params: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip().isidentifier():
            raise ParameterError(f"parameter {pair!r} is not of the form NAME=VALUE")
        params[name.strip()] = CliText(value)
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


def spec_for(name: str, default: Any) -> Spec | None:
    """The declared spec, else one inferred from the default (None: anything goes)."""
    if name in SPECS:
        return SPECS[name]
    if default is None or not isinstance(default, (bool, int, float, str)):
        return None
    return Spec(type(default))


def _convert_text(text: str, spec: Spec) -> Any:
    """A command-line value as the declared type; ValueError when it is not one."""
    lowered = text.strip().lower()
    if spec.optional and lowered in _NONE:
        return None
    if spec.kind is str:
        return str(text)
    if spec.kind is bool:
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(text)
    return spec.kind(text.strip())


def check_value(name: str, value: Any, spec: Spec | None) -> Any:
    """The value, converted and checked; ValueError with the reason when it does not fit."""
    if spec is None:
        return parse_value(value) if isinstance(value, CliText) else value
    if isinstance(value, CliText):
        try:
            value = _convert_text(value, spec)
        except ValueError:
            raise ValueError(f"takes {spec.describe()}, got {str(value)!r}") from None
    if value is None:
        if spec.optional:
            return None
        raise ValueError(f"takes {spec.describe()}, got none")
    ok_type = isinstance(value, spec.kind) and not (spec.kind is not bool and isinstance(value, bool))
    if spec.kind is float and isinstance(value, int) and not isinstance(value, bool):
        value, ok_type = float(value), True
    if not ok_type:
        raise ValueError(f"takes {spec.describe()}, got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"takes {spec.describe()}, got {value!r}")
    if spec.low is not None and value < spec.low or spec.high is not None and value > spec.high:
        raise ValueError(f"takes {spec.describe()}, got {value!r}")
    if spec.choices and value not in spec.choices:
        raise ValueError(f"takes {spec.describe()}, got {value!r}")
    if spec.nonempty and not str(value).strip():
        raise ValueError("takes non-empty text")
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("contains a NUL character")
    return value


def check_parameters(
    notebook: str | os.PathLike,
    params: dict[str, Any],
    scorer_names: Callable[[], list[str]] | None = None,
) -> dict[str, Any]:
    """All of the notebook's parameters with these values set: names, types and values checked.

    Raises ParameterError naming the notebook, the parameter and what it accepts.
    """
    defaults = notebook_parameters(notebook)
    if not defaults:
        raise ParameterError(f"{notebook}: no cell tagged 'parameters'")
    known = ", ".join(f"{k} ({type(v).__name__})" for k, v in defaults.items())
    checked: dict[str, Any] = {}
    for name, value in params.items():
        if name not in defaults:
            raise ParameterError(f"{notebook}: unknown parameter {name!r}; its parameters are: {known}")
        try:
            checked[name] = check_value(name, value, spec_for(name, defaults[name]))
        except ValueError as exc:
            raise ParameterError(f"{notebook}: parameter {name!r} {exc}") from None
    if checked.get("scorer") is not None:
        if scorer_names is None:
            from newstone.tone.sentiment import available_scorers as scorer_names
        names = scorer_names()
        if checked["scorer"] not in names:
            raise ParameterError(f"{notebook}: unknown scorer {checked['scorer']!r}; available: {', '.join(names)}")
    if isinstance(checked.get("targets"), str):  # refused here, not by a kernel after the report began
        from newstone.people.targets import parse_targets

        try:
            parse_targets(checked["targets"])
        except ValueError as exc:
            raise ParameterError(f"{notebook}: parameter 'targets': {exc}") from None
    return {**defaults, **checked}

"""The project's own files agree with each other: one dependency list, notebooks stored clean."""

from __future__ import annotations

import json
import re
import tomllib

import yaml

from conftest import ROOT


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_environment_yml_installs_the_project_from_pyproject():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    conda_deps = [d for d in env["dependencies"] if isinstance(d, str)]
    pip_sections = [d["pip"] for d in env["dependencies"] if isinstance(d, dict)]
    # Conda supplies only Python and pip; every library comes from pyproject.toml through pip.
    assert sorted(re.split(r"[=<>]", d)[0] for d in conda_deps) == ["pip", "python"]
    assert "python=3.11" in conda_deps
    assert len(pip_sections) == 1
    (install,) = pip_sections[0]
    match = re.fullmatch(r'-e "?\.\[([\w,-]+)\]"?', install)
    assert match, install
    extras = set(match.group(1).split(","))
    project = _pyproject()["project"]
    assert extras <= set(project["optional-dependencies"])
    assert "dev" in extras


def test_pyproject_declares_the_design_card_packages():
    deps = " ".join(_pyproject()["project"]["dependencies"]).lower()
    for name in ("jupyterlab", "papermill", "nbconvert", "ipykernel", "pandas", "nltk", "matplotlib", "vadersentiment"):
        assert re.search(rf"\b{name}>=[\d.]+,<[\d.]+", deps), name


def test_notebooks_are_stored_without_outputs_and_are_parameterized():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert nb["metadata"].get("kernelspec", {}).get("name"), path
        for cell in nb["cells"]:
            assert not cell.get("outputs"), f"{path.name} has outputs"
            assert cell.get("execution_count") is None, f"{path.name} has execution counts"
        tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, path


def test_ci_runs_what_the_readme_says():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in ci
    assert readme.index("make reports") < readme.index("## ") and "make test" in readme

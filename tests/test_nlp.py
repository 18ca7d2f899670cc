"""The people layer's spaCy pipeline loads offline, once, and refuses a tampered re-upload."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newstone.text import nlp


def test_pipeline_loads_offline_once() -> None:
    first = nlp.load_pipeline()
    assert nlp.load_pipeline() is first
    doc = first("Ahmad Masoud said the Taliban attacked Panjshir.")
    assert {"PERSON", "GPE", "ORG", "NORP"} & {e.label_ for e in doc.ents}
    assert any(t.dep_ == "nsubj" and t.head.lemma_ == "say" for t in doc)


def test_excluded_components_are_not_loaded() -> None:
    assert "ner" not in nlp.load_pipeline(exclude=("ner",)).pipe_names


def test_description_names_the_model() -> None:
    assert "en_core_web_sm 3.8" in nlp.pipeline_description()


def test_recorded_sums_match_the_installed_reupload() -> None:
    if nlp.pipeline_source() != nlp.REUPLOAD:
        pytest.skip("the official en_core_web_sm is installed; the re-upload is not used")
    nlp.verify_reupload(nlp.reupload_dir())


def test_a_changed_model_file_is_refused(tmp_path: Path) -> None:
    try:
        root = nlp.reupload_dir()
    except nlp.PipelineUnavailable:
        pytest.skip("the re-upload is not installed")
    copy = tmp_path / "model"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "ner" / "moves").write_bytes(b"tampered")
    (copy / "extra.bin").write_bytes(b"x")
    with pytest.raises(nlp.PipelineUnavailable, match=r"changed: ner/moves.*|unexpected: extra.bin"):
        nlp.verify_reupload(copy)


def _stock_load() -> object:
    """The pipeline as plain `spacy.load` gives it (no newstone load shortcuts)."""
    import spacy

    source = nlp.pipeline_source()
    where = nlp.OFFICIAL if source == nlp.OFFICIAL else nlp.reupload_dir()
    return spacy.load(where, exclude=list(nlp.PEOPLE_EXCLUDE))


def test_fast_load_gives_the_stock_pipeline(seed_path: Path) -> None:
    """The rule-less first tokenizer is fully replaced by the saved one: same bytes, same parses."""
    fast, stock = nlp.load_pipeline.__wrapped__(nlp.PEOPLE_EXCLUDE), _stock_load()  # both fresh: vocabularies grow in use
    assert fast.pipe_names == stock.pipe_names
    assert fast.tokenizer.to_bytes() == stock.tokenizer.to_bytes()
    assert fast.config.to_str() == stock.config.to_str()
    texts = seed_path.read_text(encoding="utf-8").split("\n\n") + [
        "“It's over,” said Rep. Smith (R-S.C.) at 5 p.m.; U.S. officials didn't agree — e-mail me@x.org!",
        "Don't, can't, won't; 'tis the U.K.'s N.Y.C. office https://example.com/a?b=1 :) 10km 3.5%",
    ]
    for a, b in zip(fast.pipe(texts), stock.pipe(texts)):
        assert a.to_bytes() == b.to_bytes()


def test_spacy_cli_still_imports_whole() -> None:
    """spaCy's command line is skipped while spaCy imports, and is the real one when asked for."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from newstone.text import nlp\n"
        "spacy = nlp._import_spacy()\n"
        "print('spacy.cli' in sys.modules, 'typer' in sys.modules)\n"
        "import spacy.cli\n"
        "print(hasattr(spacy.cli, 'download'), isinstance(spacy.info(silent=True), dict))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False", "True", "True"]

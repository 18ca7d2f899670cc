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

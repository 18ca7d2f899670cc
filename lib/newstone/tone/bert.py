"""The BERT encoder of all-MiniLM-L6-v2 in plain torch: what `minilm` runs, without importing transformers.

Why: `from transformers import BertModel` costs about 1.5 CPU-s on this machine (transformers 5
imports torch's compiler, distributed and quantisation machinery, and scipy, for a model that
needs none of them); that was the largest part of a `minilm` report's start-up. The encoder is
a few standard layers (embeddings; per layer: self-attention, output projection with a residual
layer norm, a GELU feed-forward with another), so it is written here with torch's own modules.

It keeps the module names and state-dict keys of the transformers model
(`embeddings.word_embeddings`, `encoder.layer.N.attention.self.query`, ...), so the packaged
safetensors load as they are and the low-rank adapters (`newstone.tone.adapter`) find the same
layers; it calls `scaled_dot_product_attention` with the mask transformers gives it (none
without padding, else a boolean one), so the hidden states are bit-for-bit those of
`transformers.BertModel` (tests/test_bert.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import torch
from torch import nn
from torch.nn import functional as F


def read_config(path: str | Path) -> SimpleNamespace:
    """The model's `config.json`, as attributes (`config.hidden_size`, ...)."""
    return SimpleNamespace(**json.loads(Path(path).read_text(encoding="utf-8")))


class Embeddings(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.word_embeddings = nn.Embedding(c.vocab_size, c.hidden_size, padding_idx=getattr(c, "pad_token_id", 0))
        self.position_embeddings = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type_embeddings = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor | None) -> torch.Tensor:
        length = input_ids.shape[1]
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        positions = torch.arange(length, device=input_ids.device).unsqueeze(0)
        x = self.word_embeddings(input_ids) + self.token_type_embeddings(token_type_ids)
        x = x + self.position_embeddings(positions)
        return self.dropout(self.LayerNorm(x))


class SelfAttention(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.heads = c.num_attention_heads
        self.head_size = c.hidden_size // c.num_attention_heads
        self.query = nn.Linear(c.hidden_size, c.hidden_size)
        self.key = nn.Linear(c.hidden_size, c.hidden_size)
        self.value = nn.Linear(c.hidden_size, c.hidden_size)
        self.dropout_p = c.attention_probs_dropout_prob

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        shape = (*x.shape[:-1], -1, self.head_size)
        q, k, v = (proj(x).view(shape).transpose(1, 2) for proj in (self.query, self.key, self.value))
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=self.dropout_p if self.training else 0.0,
                                             scale=self.head_size ** -0.5, is_causal=False)
        return out.transpose(1, 2).contiguous().reshape(*x.shape[:-1], -1)


class Residual(nn.Module):
    """A projection, dropout and layer norm over the sum with the block's input (attribute names as in BERT)."""

    def __init__(self, c: SimpleNamespace, width_in: int):
        super().__init__()
        self.dense = nn.Linear(width_in, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, h: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.dropout(self.dense(h)) + x)


class Attention(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.self = SelfAttention(c)
        self.output = Residual(c, c.hidden_size)

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        return self.output(self.self(x, mask), x)


class Intermediate(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        if c.hidden_act != "gelu":
            raise ValueError(f"unsupported activation {c.hidden_act!r} (this encoder implements BERT's gelu)")
        self.dense = nn.Linear(c.hidden_size, c.intermediate_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.gelu(self.dense(x))


class Layer(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.attention = Attention(c)
        self.intermediate = Intermediate(c)
        self.output = Residual(c, c.intermediate_size)

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        a = self.attention(x, mask)
        return self.output(self.intermediate(a), a)


class Encoder(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.layer = nn.ModuleList(Layer(c) for _ in range(c.num_hidden_layers))


class Pooler(nn.Module):
    """Kept only so that the checkpoint's pooler weights have a place (mean pooling is used instead)."""

    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)


class BertEncoder(nn.Module):
    """BERT's encoder stack; `forward` returns an object with `last_hidden_state`, as transformers' does."""

    def __init__(self, config: SimpleNamespace):
        super().__init__()
        self.config = config
        self.embeddings = Embeddings(config)
        self.encoder = Encoder(config)
        self.pooler = Pooler(config)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None,
                token_type_ids: torch.Tensor | None = None, **_: Any) -> SimpleNamespace:
        x = self.embeddings(input_ids, token_type_ids)
        mask = None
        if attention_mask is not None and not bool(attention_mask.all()):
            b, n = attention_mask.shape
            mask = attention_mask.bool()[:, None, None, :].expand(b, 1, n, n)
        for layer in self.encoder.layer:
            x = layer(x, mask)
        return SimpleNamespace(last_hidden_state=x)

"""MiniLM's WordPiece tokenizer, straight from the `tokenizers` library (no transformers import).

transformers' `BertTokenizerFast` is a wrapper around this same Rust tokenizer (`tokenizer.json`):
it sets truncation and padding on it and turns the encodings into tensors. Importing it costs
about 0.8 CPU-s (the transformers package); `tokenizers` costs a few milliseconds. `WordPiece`
offers the calls newstone makes (`__call__` with truncation, padding, pairs, offsets and
tensors; `pad`; `sequence_ids`) with the same ids, masks and offsets (tests/test_bert.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence


class Encoded(dict):
    """`input_ids`, `token_type_ids`, `attention_mask` (and `offset_mapping`), plus `sequence_ids(i)`."""

    def __init__(self, data: dict[str, Any], encodings: list[Any]):
        super().__init__(data)
        self._encodings = encodings

    def sequence_ids(self, i: int) -> list[int | None]:
        """Which text of the pair each token of item i comes from (None for [CLS], [SEP], padding)."""
        return self._encodings[i].sequence_ids


def _tensor(rows: Any) -> Any:
    import torch

    return torch.tensor(rows)


class WordPiece:
    """The tokenizer of a BERT checkpoint's `tokenizer.json`."""

    def __init__(self, tokenizer_file: str | Path, model_max_length: int = 512, pad_token: str = "[PAD]"):
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()
        self.model_max_length = model_max_length
        self.pad_token = pad_token
        self.pad_token_id = self._tokenizer.token_to_id(pad_token)

    def __call__(self, texts: Sequence[str], pairs: Sequence[str] | None = None, padding: bool = False,
                 truncation: bool | str = False, max_length: int | None = None, return_tensors: str | None = None,
                 return_offsets_mapping: bool = False) -> Encoded:
        """Encode texts (or text pairs), with BERT's [CLS]/[SEP] around them.

        `truncation`: True or "longest_first" (trim the longer text of a pair first), "only_second"
        (trim only the second), False; `max_length` counts the special tokens. `padding=True` pads to
        the longest in the batch. `return_tensors="pt"` gives torch tensors, else lists."""
        tk = self._tokenizer
        if truncation:
            strategy = "longest_first" if truncation is True else str(truncation)
            tk.enable_truncation(max_length or self.model_max_length, strategy=strategy)
        else:
            tk.no_truncation()
        if padding:
            tk.enable_padding(pad_id=self.pad_token_id, pad_token=self.pad_token)
        else:
            tk.no_padding()
        try:
            inputs = list(zip(texts, pairs)) if pairs is not None else list(texts)
            encodings = tk.encode_batch(inputs, add_special_tokens=True)
        finally:
            tk.no_truncation()
            tk.no_padding()
        data: dict[str, Any] = {
            "input_ids": [e.ids for e in encodings],
            "token_type_ids": [e.type_ids for e in encodings],
            "attention_mask": [e.attention_mask for e in encodings],
        }
        if return_offsets_mapping:
            data["offset_mapping"] = [e.offsets for e in encodings]
        if return_tensors == "pt":
            data = {k: _tensor(v) for k, v in data.items()}
        elif return_tensors is not None:
            raise ValueError(f"return_tensors={return_tensors!r}: only 'pt' or None")
        return Encoded(data, encodings)

    def pad(self, features: dict[str, list[list[int]]], return_tensors: str | None = None) -> dict[str, Any]:
        """Pad already encoded `input_ids` (and their other fields) to the longest, with an attention mask."""
        ids = features["input_ids"]
        width = max((len(row) for row in ids), default=0)
        out: dict[str, Any] = {"input_ids": [list(row) + [self.pad_token_id] * (width - len(row)) for row in ids]}
        for key in ("token_type_ids",):
            if key in features:
                out[key] = [list(row) + [0] * (width - len(row)) for row in features[key]]
        out["attention_mask"] = [[1] * len(row) + [0] * (width - len(row)) for row in ids]
        if return_tensors == "pt":
            out = {k: _tensor(v) for k, v in out.items()}
        return out

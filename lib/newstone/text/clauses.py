"""The clause of a sentence that is about one mention, read off spaCy's dependency parse.

Tone toward an actor is carried by the clause it sits in, not by the whole sentence: in "X
praised the plan, but Y attacked it" the mention of Y is about "Y attacked it". `clause_of` walks
from the mention's head up to the nearest clausal head (the root, a ``ccomp``, ``advcl``,
``relcl``, ``parataxis``, or a conjoined verb with a subject of its own) and takes that head's
subtree without the sibling clauses that do not hold the mention: reported content, parentheticals
and conjoined clauses with their own subject. A reporting frame is cut that way: in "X said that Y
failed" Y gets "Y failed" and X gets "X said". A subordinate or conjoined clause shorter than
`MIN_CLAUSE_WORDS` words grows to the clause it hangs from; the main clause never grows, so a
speaker's frame stays "X said". Both rules were chosen on NewsMTSC's training part, where people
judged the tone about a target from more than a few words (benchmarks/ACCURACY.md).

The parse comes from the caller (the people layer parses each paragraph once) or, for a bare
sentence, from `newstone.text.nlp.load_pipeline` (offline, once per process; sentences are parsed in
batches by `target_contexts` and remembered), so the scorers and the people layer share one way to
cut clauses without importing each other.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

MIN_CLAUSE_WORDS = 15  # a shorter clause grows to the clause it hangs from (chosen on NewsMTSC fit)
MAX_PARSE_CHARS = 3000  # a longer sentence is parsed around the mention only

# Dependencies that open a clause of their own (a sibling clause is cut off unless it holds the mention).
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "parataxis", "csubj", "csubjpass"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
_KEPT = frozenset({"relcl", "advcl"})  # clauses that stay part of the clause they hang from
_EDGE_WORDS = frozenset({"that", "and", "but", "or", "so", "yet", "while", "whereas", "because", "which"})
_SEPARATORS = frozenset({",", ";", "—", "–", "-", "--", "(", ")"})
_EDGE_CHARS = " ,;:—–-”“\"‘’'()"
_WORD = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")

_CACHE: dict[str, Any] = {}
_CACHE_LIMIT = 20_000


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _verbal(tok: Any) -> bool:
    return tok.pos_ in ("VERB", "AUX") or any(c.dep_ in _SUBJECTS for c in tok.children)


def _opens_clause(tok: Any) -> bool:
    """A head whose subtree is a clause of its own, separate from its parent's."""
    if tok.dep_ in _CLAUSE_DEPS or tok.head.i == tok.i:
        return True
    return tok.dep_ == "conj" and _verbal(tok) and any(c.dep_ in _SUBJECTS for c in tok.children)


def _cut(child: Any) -> bool:
    """Whether `child`'s subtree is a clause apart from its parent's, left out unless it holds the
    mention. Relative and adverbial clauses stay: on NewsMTSC's training part, cutting them agreed
    less with people's labels (benchmarks/ACCURACY.md)."""
    return _opens_clause(child) and child.dep_ not in _KEPT


def _clause_head(tok: Any) -> Any:
    while not _opens_clause(tok):
        tok = tok.head
    return tok


def _mention_head(tokens: list[Any]) -> Any:
    """The token of the mention whose head lies outside it (the first such, for a broken span)."""
    ids = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), tokens[0])


def _clause_tokens(head: Any, keep: set[int]) -> list[Any]:
    """`head`'s subtree without sibling clauses that hold no token of `keep`."""
    out: list[Any] = []
    edges: set[int] = set()
    stack = [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            if _cut(child):
                if not any(t.i in keep for t in child.subtree):
                    edges |= {child.left_edge.i - 1, child.right_edge.i + 1}
                    continue
            stack.append(child)
    # the commas, dashes or brackets that set off a cut clause go with it
    return sorted((t for t in out if not (t.i in edges and t.text in _SEPARATORS)), key=lambda t: t.i)


def _text(tokens: list[Any], lo: int, hi: int) -> str:
    pieces: list[str] = []
    prev = None
    for t in tokens:
        if t.idx < lo or t.idx + len(t) > hi:
            continue
        if prev is not None and t.i != prev.i + 1:
            pieces.append(" ")
        pieces.append(t.text_with_ws)
        prev = t
    return _clean("".join(pieces))


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r" (?=[,.;:!?)\]])", "", text)
    text = re.sub(r"[,;:]+(?=[,.;:!?])", "", text)  # a comma left before a cut aside
    while True:
        stripped = text.strip(_EDGE_CHARS)
        first, _, rest = stripped.partition(" ")
        last = stripped.rsplit(" ", 1)
        if rest and first.lower() in _EDGE_WORDS:
            stripped = rest
        elif len(last) == 2 and last[1].lower().strip(".,;:") in _EDGE_WORDS - {"that"}:
            stripped = last[0]
        if stripped == text:
            return text
        text = stripped


def text_length(doc: Any) -> int:
    """Characters in a parsed Doc or Span, read off its last token (cheap for a long text)."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws) - getattr(doc, "start_char", 0)


def clause_of(doc: Any, start: int, end: int, bounds: tuple[int, int] | None = None,
              min_words: int | None = None) -> str:
    """The text of the smallest clause of `doc` about the mention at characters [start, end).

    `doc` is a parsed spaCy `Doc` or `Span`; offsets index into its text. `bounds` (characters
    of the same text) keeps the clause inside one sentence when the parse's sentences differ
    from the caller's. A clause under `min_words` words grows to its parent clause (the main
    clause does not grow). Offsets outside the text are clamped; an empty text gives "".
    """
    min_words = MIN_CLAUSE_WORDS if min_words is None else min_words
    base = getattr(doc, "start_char", 0)
    size = text_length(doc)  # not len(doc.text): spaCy joins every token to make it
    lo, hi = (0, size) if bounds is None else (max(0, bounds[0]), min(size, bounds[1]))
    if lo >= hi:
        return ""
    start, end = max(lo, min(start, hi)), max(lo, min(end, hi))
    span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    tokens = [t for t in span if not t.is_space] if span is not None else []
    if not tokens:
        return _clean(doc.text[lo:hi])
    keep = {t.i for t in tokens}
    head = _clause_head(_mention_head(tokens))
    lo, hi = lo + base, hi + base  # token offsets are the Doc's
    while True:
        clause = _text(_clause_tokens(head, keep), lo, hi)
        if _words(clause) >= min_words or head.head.i == head.i:
            break  # the main clause never grows: a speaker's frame stays "X said"
        keep |= {t.i for t in head.subtree}
        head = _clause_head(head.head)
    return clause or _clean(doc.text[lo - base : hi - base])


# ---------------------------------------------------------------------------- bare sentences


def _nlp() -> Any:
    from newstone.text.nlp import PEOPLE_EXCLUDE, load_pipeline

    return load_pipeline(PEOPLE_EXCLUDE)  # the people layer's pipeline: loaded once, shared


def _window(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Characters of `sentence` to parse: all of it, or about `MAX_PARSE_CHARS` around the mention."""
    if len(sentence) <= MAX_PARSE_CHARS:
        return 0, len(sentence)
    half = MAX_PARSE_CHARS // 2
    a = max(0, start - half)
    b = min(len(sentence), max(end, start) + half)
    a = sentence.rfind(" ", 0, a) + 1 if a > 0 else 0
    cut = sentence.find(" ", b)
    return a, (cut if cut > 0 else len(sentence))


def _parsed(texts: Iterable[str], nlp: Any = None) -> None:
    todo = [t for t in dict.fromkeys(texts) if t not in _CACHE]
    if not todo:
        return
    if len(_CACHE) + len(todo) > _CACHE_LIMIT:
        _CACHE.clear()
    for text, doc in zip(todo, (nlp or _nlp()).pipe(todo, batch_size=256)):
        _CACHE[text] = doc


def target_contexts(items: Sequence[tuple[str, int, int]], nlp: Any = None) -> list[str]:
    """`target_context` for many (sentence, start, end), the sentences parsed in one batch."""
    items = [(s if isinstance(s, str) else "", int(a), int(b)) for s, a, b in items]
    spans = [_window(s, a, b) if s.strip() else (0, 0) for s, a, b in items]
    pieces = [s[a:b] for (s, _, _), (a, b) in zip(items, spans)]
    _parsed((p for p in pieces if p.strip()), nlp)
    out = []
    for (s, a, b), (lo, _), piece in zip(items, spans, pieces):
        out.append(clause_of(_CACHE[piece], a - lo, b - lo) if piece.strip() else "")
    return out


def target_context(sentence: str, start: int, end: int, nlp: Any = None) -> str:
    """The clause of `sentence` about the mention at [start, end) (`clause_of` on its parse)."""
    return target_contexts([(sentence, start, end)], nlp)[0]

"""Cleaning's fast paths give what the plain definitions give, on every special character class,
the robustness sweep's inputs and (when ../shared/data is present) the benchmark corpus."""

from __future__ import annotations

import contextlib
import random
import re
import sys
from pathlib import Path

import pytest

from newstone.text import clean, line_rules
from test_clean import (  # the plain definitions of each fast path
    SPECIAL_CLASSES,
    _slow_boilerplate_reason,
    _slow_normalize_unicode,
    _slow_normalize_whitespace,
    _slow_remove_duplicates,
    _special_fixtures,
)

ROOT = Path(__file__).resolve().parents[1]


def _slow_duplicates(paragraphs):
    kept, removed = _slow_remove_duplicates(paragraphs)
    return kept, [clean.Removed(p, "duplicate paragraph (repeated earlier in the page)") for p in removed]


@contextlib.contextmanager
def _plain_definitions():
    """clean_text with every fast path replaced by its plain definition."""
    names = {"normalize_unicode": _slow_normalize_unicode, "normalize_whitespace": _slow_normalize_whitespace,
             "boilerplate_reason": _slow_boilerplate_reason, "remove_duplicates": _slow_duplicates}
    if hasattr(clean, "boilerplate_lines"):
        names["boilerplate_lines"] = lambda lines, text=None: {
            i: r for i, line in enumerate(lines) if line and (r := _slow_boilerplate_reason(line))}
    saved = {name: getattr(clean, name) for name in names}
    try:
        for name, fn in names.items():
            setattr(clean, name, fn)
        yield
    finally:
        for name, fn in saved.items():
            setattr(clean, name, fn)


def _outcome(text: str, markdown: bool = False):
    cleaned = clean.clean_text(text, markdown=markdown)
    return cleaned.paragraphs, [(r.text, r.reason) for r in cleaned.removed], cleaned.title


def _assert_same(texts, markdown: bool = False):
    fast = [_outcome(t, markdown) for t in texts]
    with _plain_definitions():
        slow = [_outcome(t, markdown) for t in texts]
    for text, a, b in zip(texts, fast, slow):
        assert a == b, repr(text[:300])


def _page_like(rnd: random.Random) -> str:
    """A scraped page's text with special characters sprinkled in: furniture lines, repeats, prose."""
    pieces = ["Read more: Floods in the north", "Share this article", "© 2024 Example News. All rights reserved.",
              "Photo: AFP via Getty Images", "Home | World | Politics", "By Jane Doe", "Advertisement",
              "Jane Doe is a reporter for the Daily Bugle covering city hall.", "Published 12 March 2021 10:32 GMT",
              "The council approved the bridge on Monday after years of debate.",
              "“We have never seen the river this high,” said a farmer.", "Officials said the talks collapsed.",
              "İstanbul and \u212aelvin and ſ letters.", "Caf\u00e9 owners said prices rose.", "1. First point", "  ", ""]
    lines = []
    for _ in range(rnd.randint(3, 25)):
        line = rnd.choice(pieces)
        if rnd.random() < 0.4:
            i = rnd.randrange(len(line) + 1)
            line = line[:i] + rnd.choice(SPECIAL_CLASSES) + line[i:]
        if rnd.random() < 0.2:
            line = line.upper()
        lines.append(line)
    return rnd.choice(["\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n"]).join(lines)


def test_clean_text_fast_equals_plain_on_special_characters():
    rnd = random.Random(22)
    texts = _special_fixtures() + [_page_like(rnd) for _ in range(400)]
    texts += ["Caf\u00c3\u00a9 said \u00e2\u20ac\u0153no\u00e2\u20ac\u009d.", "\u200f\u05e9\u05dc\u05d5\u05dd \u202bRTL\u202c text."]
    _assert_same(texts)
    _assert_same(texts[::7], markdown=True)


def test_rough_keys_are_equal_for_every_repeat():
    rnd = random.Random(5)
    alphabet = "aAbB zZ09_-.,’é\u0130\u212aſß\u00a0\U0001f600"
    for _ in range(3000):
        base = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 200)))
        variants = [base, base.upper(), base.lower(), re.sub(r"\W+", lambda m: rnd.choice([" ", "!! ", " - "]), base)]
        keys = {}
        for v in variants:
            keys.setdefault(clean.duplicate_key(v), set()).add(clean._rough_key(v))
        assert all(len(rough) == 1 for rough in keys.values()), base


@pytest.mark.parametrize("paragraphs", [
    ["x" * 100 + " one", "X" * 100 + " two", "x" * 100 + " ONE!"],  # same opening, different ends
    ["\u212a" * 30 + " end", "k" * 30 + " END", "K" * 30 + " end."],  # the folding characters past the opening
    ["A, " * 40 + "b", "a " * 40 + "B", "a  " * 40 + "c"],  # letters sparse in the opening
    ["\u0130stanbul " * 12, "i\u0307stanbul " * 12, "ISTANBUL " * 12],
])
def test_duplicates_by_rough_key_equal_the_plain_definition(paragraphs):
    kept, removed = clean.remove_duplicates(paragraphs)
    assert (kept, [r.text for r in removed]) == _slow_remove_duplicates(paragraphs)


def _sweep_texts() -> list[str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import robustness_sweep as sweep
    finally:
        sys.path.pop(0)
    texts = []
    for data in [v[0] for v in sweep.text_inputs().values()] + [v[0] for v in sweep.scraped_inputs().values()]:
        for codec in ("utf-8", "cp1252", "utf-16"):
            with contextlib.suppress(UnicodeDecodeError):
                texts.append(data.decode(codec))
                break
        else:
            texts.append(data.decode("utf-8", errors="replace"))
    return texts


def test_clean_text_fast_equals_plain_on_the_robustness_inputs():
    _assert_same(_sweep_texts())


def test_clean_text_fast_equals_plain_on_the_benchmark_corpus(shared_data, tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import score_speed
    finally:
        sys.path.pop(0)
    import json

    path = tmp_path / "corpus.jsonl"
    score_speed.build_corpus(path, score_speed.real_sentences(), 12_000)
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(texts) > 500
    _assert_same(texts)


def test_normalized_lines_equal_the_three_passes_and_a_split():
    rnd = random.Random(3)
    texts = _special_fixtures() + [_page_like(rnd) for _ in range(300)]
    texts += ["", " ", "\n", "a\n \n \nb", " a\n\nb ", "a\n\n", "\n\na", "x\u2000y", "A\u0302 x", "\u212a\u00a0\n\n\n k",
              "caf\u00e9  au\n\n\n\nlait", "é\n \t \n x", "é\r\n\r\nx", "\u00c3\u00a9t\u00c3\u00a9 \u2014 été"]
    for text in texts:
        plain = _slow_normalize_whitespace(_slow_normalize_unicode(clean.repair_mojibake(text))).split("\n")
        assert clean.normalized_lines(text) == plain, repr(text)
        assert clean.normalize_whitespace(text) == _slow_normalize_whitespace(text), repr(text)


def test_nfc_creates_none_of_the_characters_the_rare_scan_looks_for():
    import unicodedata

    acted_on = set(map(chr, clean._REPLACEMENT_KEYS)) | {"\r", "\t"}
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if 0xD800 <= code < 0xE000:
            continue
        if not acted_on.isdisjoint(unicodedata.normalize("NFC", c)):
            assert clean._RARE.search(c), hex(code)  # U+2000 and U+2001 (onto en and em spaces)
        decomposition = unicodedata.decomposition(c)
        if len(decomposition.split()) == 2 and not decomposition.startswith("<"):  # a pair NFC may compose
            assert c not in acted_on, hex(code)

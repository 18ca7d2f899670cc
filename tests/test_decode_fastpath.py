"""bad_text's ASCII fast path says what the full scan says."""

from __future__ import annotations

import random

from newstone.text import decode


def _slow(text: str) -> str | None:
    match = decode._SURROGATE.search(text)
    if match:
        code = ord(match.group())
        if 0xDC80 <= code <= 0xDCFF:
            return f"is not valid utf-8 text (byte 0x{code - 0xDC00:02X} at character {match.start()})"
        return f"holds a lone surrogate (\\u{code:04x}) at character {match.start()}, which is not valid Unicode"
    at = text.find("\x00")
    return f"holds a NUL character at character {at}" if at >= 0 else None


def test_fast_path_equals_the_full_scan():
    rng = random.Random(5)
    alphabet = ["a", " ", ".", "\x00", "é", "“", "\udcff", "\ud800", "😀", "\n"]
    texts = ["", "plain ascii", "nul\x00here", "caf\u00e9", "bad \udc80 byte", "lone \ud83d", "emoji 😀 ok"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for t in texts:
        assert decode.bad_text(t) == _slow(t), repr(t)

"""JSON Lines rows read with msgspec equal the standard library's reading, values and errors alike."""

from __future__ import annotations

import json
import random

import pytest

from newstone.text import read_tables
from newstone.text.read_tables import Columns, json_object, jsonl_rows


def _plain_json_object(line: bytes):
    """json_object as it was: json.loads alone."""
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ("error", f"not valid UTF-8 (byte {exc.start})")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = exc.msg[:-3] if exc.msg.endswith(" at") else exc.msg
        return ("error", f"invalid JSON ({reason} at column {exc.colno})")
    except RecursionError:
        return ("error", "invalid JSON (values nested too deeply to read)")
    if not isinstance(value, dict):
        return ("error", f"not a JSON object (got {type(value).__name__})")
    return ("ok", value)


def _outcome(line: bytes):
    try:
        return ("ok", json_object(line))
    except ValueError as exc:
        return ("error", str(exc))


ODD_LINES = [
    b'{"a":1,"a":2}', b'{"a":123456789012345678901234567890}', b'{"a":1e400}', b'{"a":-1e400}', b'{"a":-0}',
    b'{"a":-0.0}', b'{"a":"\\ud800"}', b'{"a":"\\udc80x"}', b'{"a":"x\x00y"}', b'{"a":"x\ty"}', b'{"a":NaN}',
    b'{"a":Infinity}', b'{"a":0.1}', b'{"a":"\\u0000"}', b'{"a":[1,{"b":null}]}', b' {"a":1} ', b'{"a":1}\n',
    b'{"a":1.0}', b'{"a":1E2}', b'{"a":true}', b'{"a":"\\/"}', b"[" * 3000 + b"]" * 3000, b'{"a":' * 3000,
    b'{"a":-9223372036854775809}', b'{"a":5e-324}', b'{"a":2.2250738585072011e-308}', b"\xef\xbb\xbf{\"a\":1}",
    b'{"a":"caf\xc3\xa9"}', b'{"a":"caf\xe9"}', b'{"a":"\xed\xa0\x80"}', b"[1,2]", b'"text"', b"null", b"",
    b'{"a":1}{"b":2}', b'{"a":1,}', b"{'a':1}", b'{"a":"\\x"}', b'{"text":"He said \\"no\\".\\n\\nThen left."}',
    b'{"a":1.5e308}', b'{"a":12.345678901234567890}', b'{"\\u00e9":"\\u00e9"}', b'{"a":"\xf0\x9f\x98\x80"}',
]


@pytest.mark.parametrize("line", ODD_LINES, ids=range(len(ODD_LINES)))
def test_odd_lines_read_as_json_loads_reads_them(line):
    assert _outcome(line) == _plain_json_object(line)


def test_random_records_read_as_json_loads_reads_them():
    rnd = random.Random(16)
    alphabet = "ab é’“”\u00a0\u200b\t\n\\\"/\x01\U0001f600\ud7ff0123456789.,-e{}[]:"
    for _ in range(2000):
        record = {"text": "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))),
                  "id": rnd.choice([rnd.randint(-10**20, 10**20), rnd.random() * 10 ** rnd.randint(-300, 300), None, "x"])}
        line = json.dumps(record, ensure_ascii=rnd.random() < 0.5).encode("utf-8")
        if rnd.random() < 0.2:  # damage it
            i = rnd.randrange(len(line))
            line = line[:i] + bytes([rnd.randrange(256)]) + line[i + 1:]
        assert _outcome(line) == _plain_json_object(line), line


def test_rows_without_escapes_skip_the_text_check_and_read_the_same(tmp_path):
    lines = [b'{"text":"Plain article text.","id":"1"}', b'{"text":"x\\ud800y","id":"2"}', b'{"text":"a\\u0000b"}',
             b'{"text":"ok","title":"\\udcff"}', b'{"text":"caf\xc3\xa9 \\"quoted\\"","date":"2024-01-02T10:00:00Z"}']
    path = tmp_path / "t.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    got = list(jsonl_rows(path, Columns(), digest=False))
    checked = [read_tables.row_document(str(path), i, json.loads(line), Columns(), digest=False)
               for i, line in enumerate(lines, start=1)]
    assert [repr(g) for g in got] == [repr(c) for c in checked]
    assert [type(g).__name__ for g in got] == ["Document", "InputError", "InputError", "InputError", "Document"]

"""Arrow columns built from buffers equal `pa.array`'s, and building them never imports pandas."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from newstone.corpus.arrow_columns import arrow_column, record_batch
from newstone.corpus.tables import DOCUMENT_FIELDS, SENTENCE_FIELDS, arrow_schema

LIB = Path(__file__).resolve().parents[1] / "lib"

CASES = [
    ("string", []),
    ("string", [""]),
    ("string", ["plain", "", "ascii only"]),
    ("string", ["café", "“quoted”", "😂 emoji", "", "x"]),
    ("string", [None, "a", None, "ü", None, None, None, None, "after a full byte", None]),
    ("string", [None]),
    ("string", [None] * 17),
    ("int64", []),
    ("int64", [0, -1, 2**62, 7]),
    ("int64", [True, 2]),  # bools: left to pa.array
    ("int64", [1, None]),
    ("float64", []),
    ("float64", [0.1, -0.0, 1e308, 5e-324, 3]),
    ("float64", [float("nan"), float("inf"), -float("inf")]),
    ("float64", [0.5, None]),
]


def _same(built: pa.Array, expected: pa.Array) -> bool:
    """Equal type, validity and values, bit for bit (so NaN equals NaN)."""
    def valid(a: pa.Array) -> list[bool]:
        return [v is not None for v in a.to_pylist()]

    if built.type != expected.type or built.null_count != expected.null_count or valid(built) != valid(expected):
        return False
    if pa.types.is_string(built.type):
        return built.equals(expected)
    width = built.type.bit_width // 8
    data = built.buffers()[1].to_pybytes()[: width * len(built)]
    return data == expected.buffers()[1].to_pybytes()[: width * len(expected)]


@pytest.mark.parametrize("kind, values", CASES)
def test_equal_to_pa_array(kind: str, values: list) -> None:
    try:
        expected = pa.array(values, type=getattr(pa, kind)())
    except (pa.ArrowException, TypeError) as exc:
        with pytest.raises(type(exc)):
            arrow_column(values, kind)
        return
    built = arrow_column(values, kind)
    built.validate(full=True)
    assert _same(built, expected)


def test_random_string_columns_equal_pa_array() -> None:
    rng = random.Random(7)
    alphabet = list("abc XYZ.,!?") + ["é", "—", "’", "😂", "\u00a0", "\n"]
    for _ in range(300):
        values = [None if rng.random() < 0.1 else "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
                  for _ in range(rng.randint(0, 40))]
        built = arrow_column(values, "string")
        built.validate(full=True)
        assert built.equals(pa.array(values, type=pa.string()))


def test_record_batch_equals_from_pydict() -> None:
    docs = {name: [] for name, _ in DOCUMENT_FIELDS}
    for i in range(3):
        for name, kind in DOCUMENT_FIELDS:
            docs[name].append({"string": f"v{i}é" if i else None, "int64": i, "float64": i / 3}[kind])
    schema = arrow_schema(DOCUMENT_FIELDS, {b"k": b"v"})
    assert record_batch(docs, DOCUMENT_FIELDS, schema).equals(pa.RecordBatch.from_pydict(docs, schema=schema))
    sents = {name: [] for name, _ in SENTENCE_FIELDS}
    schema = arrow_schema(SENTENCE_FIELDS)
    assert record_batch(sents, SENTENCE_FIELDS, schema).equals(pa.RecordBatch.from_pydict(sents, schema=schema))


def test_scoring_a_corpus_does_not_import_pandas(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "a", "text": "A good day. A bad day."}\n{"id": "b", "text": "Nothing."}\n',
                      encoding="utf-8")
    code = (
        "import sys\n"
        "from newstone.corpus.score import score_corpus\n"
        f"r = score_corpus([{str(corpus)!r}], {str(tmp_path / 'out')!r}, jobs=1, progress=False)\n"
        "assert r.ok and r.sentences == 3, r\n"
        "print('pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"PYTHONPATH": str(LIB), "PATH": "/usr/bin:/bin"}, check=True)
    assert out.stdout.strip() == "False"

"""Arrow record batches from Python column lists, without pyarrow importing pandas.

`pa.array` on a Python list first asks whether the list is a pandas object, and that question
imports pandas (about 0.3 CPU-s per process, a tenth of a worker's start-up, for tables that never
touch pandas). The columns of a part are plain lists of floats, ints and strings, so they are
laid out here as Arrow buffers (`pa.Array.from_buffers`) directly; anything else (a null number,
a string column past 2 GB, an unexpected type) goes to `pa.array`, so the result is always the
array `pa.array(values, type)` gives (tests/test_arrow_columns.py compares them).
"""

from __future__ import annotations

from array import array
from itertools import accumulate
from typing import Any

_NUMBERS = {"float64": "d", "int64": "q"}
_MAX_OFFSET = 2**31 - 1  # pa.string() has 32-bit offsets


def _validity(values: list[Any]) -> bytes | None:
    """Arrow's validity bitmap (LSB first) for the non-None values; None when there is no null."""
    if None not in values:
        return None
    bits = bytearray((len(values) + 7) // 8)
    for i, v in enumerate(values):
        if v is not None:
            bits[i >> 3] |= 1 << (i & 7)
    return bytes(bits)


def _string_array(pa: Any, values: list[Any]) -> Any:
    validity = _validity(values)
    texts = values if validity is None else ["" if v is None else v for v in values]
    if texts and set(map(type, texts)) != {str}:  # C-level loops, as below
        return None
    lengths: Any
    if all(map(str.isascii, texts)):  # a character is a byte (isascii is a flag lookup)
        data = "".join(texts).encode("ascii")
        lengths = map(len, texts)
    else:  # each text encoded once, then joined as bytes: no wide str joined and encoded again
        encoded = list(map(str.encode, texts))
        data = b"".join(encoded)
        lengths = map(len, encoded)
    if len(data) > _MAX_OFFSET:
        return None
    offsets = array("i", accumulate(lengths, initial=0))
    buffers = [None if validity is None else pa.py_buffer(validity), pa.py_buffer(offsets), pa.py_buffer(data)]
    return pa.Array.from_buffers(pa.string(), len(texts), buffers, null_count=-1 if validity else 0)


def _number_array(pa: Any, values: list[Any], kind: str) -> Any:
    if None in values:
        return None
    code = _NUMBERS[kind]
    if not set(map(type, values)) <= ({int} if code == "q" else {float, int}):
        return None  # bools, numpy scalars, ...: pa.array decides what they become
    try:
        buffer = array(code, values)
    except OverflowError:
        return None
    return pa.Array.from_buffers(getattr(pa, kind)(), len(values), [None, pa.py_buffer(buffer)], null_count=0)


def arrow_column(values: list[Any], kind: str) -> Any:
    """The Arrow array `pa.array(values, type=kind)` gives, for kind string, int64 or float64."""
    import pyarrow as pa

    if array("i").itemsize == 4 and kind in ("string", "int64", "float64"):
        built = _string_array(pa, values) if kind == "string" else _number_array(pa, values, kind)
        if built is not None:
            return built
    return pa.array(values, type=getattr(pa, kind)())


def record_batch(columns: dict[str, list[Any]], fields: list[tuple[str, str]], schema: Any) -> Any:
    """`pa.RecordBatch.from_pydict(columns, schema=schema)` for a table of `newstone.corpus.tables` fields."""
    import pyarrow as pa

    return pa.RecordBatch.from_arrays([arrow_column(columns[name], kind) for name, kind in fields], schema=schema)

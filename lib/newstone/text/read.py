"""Reading input documents of any supported format: bytes in, `Document`s out, errors naming the file.

Formats: plain text and Markdown (one document), HTML pages (one document: the main text and
its metadata, `newstone.text.read_html`), and tables of many documents, one per row (.csv, .jsonl,
.parquet: `newstone.text.read_tables`). `iter_documents` reads any of them; tables are read lazily
so a corpus does not have to fit in memory, and a bad row is yielded as an InputError in its
place so a caller can report it and go on. Decoding and the errors live in `newstone.text.decode`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from newstone.text.decode import (  # noqa: F401  (the reading API, in one place)
    Document,
    InputError,
    check_file,
    decode_bytes,
    looks_binary,
    max_document_bytes,
    printable,
    read_bytes,
    sha256_hex,
)
from newstone.text.read_html import read_html
from newstone.text.read_tables import (  # noqa: F401
    Columns,
    check_jsonl,
    csv_layout,
    csv_rows,
    jsonl_rows,
    parquet_columns,
    parquet_rows,
    row_document,
)

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES


def file_suffix(path: str | os.PathLike) -> str:
    """The lower-case suffix, refused early when no reader handles it."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        if Path(path).is_dir():
            raise InputError(path, "is a folder; this command reads files (`newstone render` and "
                                   "`newstone score` read folders)")
        expected = ", ".join(SUPPORTED_SUFFIXES)
        raise InputError(path, f"unsupported file type {suffix or '(none)'!r}; expected one of {expected}")
    return suffix


def read_document(path: str | os.PathLike) -> Document:
    """Read one article: plain text, Markdown or an HTML page (tables hold many: iter_documents)."""
    suffix = file_suffix(path)
    if suffix in TABLE_SUFFIXES:
        raise InputError(path, f"a {suffix} table holds one document per row; read it with iter_documents()")
    if suffix in HTML_SUFFIXES:
        return read_html(path)
    data = read_bytes(path)
    source = printable(path)  # a file name that is not UTF-8 still prints and stores
    text, encoding, warnings = decode_bytes(data, source)
    if not text.strip():
        raise InputError(path, "file has no text")
    return Document(
        source=source, text=text, sha256=sha256_hex(data), encoding=encoding, warnings=warnings
    )


def iter_documents(path: str | os.PathLike, columns: Columns | None = None) -> Iterator[Document | InputError]:
    """Documents of any supported file, in order; a bad table row comes as an InputError in its place.

    Whole-file problems (missing, unsupported, empty, binary, no text column) raise InputError
    here, before the first row, so a caller can tell "skip this file" from "skip this row".
    """
    suffix = file_suffix(path)
    if suffix not in TABLE_SUFFIXES:
        return iter((read_document(path),))
    columns = columns or Columns()
    if suffix == ".csv":
        return csv_rows(path, csv_layout(path, columns), columns)
    if suffix == ".jsonl":
        check_jsonl(path, columns)
        return jsonl_rows(path, columns)
    return parquet_rows(path, parquet_columns(path, columns), columns)

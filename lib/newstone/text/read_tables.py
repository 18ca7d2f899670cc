"""Tables of many documents, one per row (.csv, .jsonl, .parquet), read lazily and from any offset.

A bad row is yielded as an InputError in its place so a caller can report it and go on; whole-file
problems (missing, binary, no text column) raise before the first row. Every reader can start at
a byte offset (CSV, JSON Lines) or a set of row groups (Parquet) and stop after N rows, which is
how `newstone score` cuts a large table into parts; `csv_record_offsets` gives the offsets.

Row numbers count data rows from 1: for CSV the first record after the header is row 1 (blank
lines are not counted, a quoted field may span lines); for JSON Lines row N is line N of the
file; for Parquet row N is the Nth row of the table.

CSV is parsed strictly so that an unbalanced quote cannot silently swallow the rows after it:
a record that does not parse is one bad row (its first line) and the lines after it are read
again as rows of their own.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import io
import json
import os
import re
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any

from newstone.text.decode import Document, InputError, bad_text, check_file, looks_binary, max_document_bytes, sha256_hex
from newstone.text.read_html import html_fragment_text, looks_like_html

CHUNK_ROWS = 1000  # rows per Parquet batch: bounded memory, few Python-level calls
_SCAN_BLOCK = 1 << 20  # bytes per block when sniffing a table's encoding
_CSV_FIELD_LIMIT = 1 << 26  # characters; the csv module's default (128 KiB) is below a long article
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SURROGATE_ESCAPE = re.compile("[\udc80-\udcff]")  # an undecodable byte kept by errors="surrogateescape"
_DECODED_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")
_UNCLOSED_QUOTE = ("a quoted field starts here and is not closed properly (a \" inside a quoted field must be "
                   "doubled); this row is skipped and the lines after it are read as rows again")


@dataclass(frozen=True)
class Columns:
    """Which table columns hold what; only `text` must exist, the others are used when present.

    `source` is the column naming the outlet (it becomes Document.site): Document.source is
    always "file#id" so that a report points back to the row.
    """

    text: str = "text"
    id: str = "id"
    title: str = "title"
    date: str = "date"
    source: str = "source"
    author: str = "author"

    def names(self) -> list[str]:
        return list(self.name_tuple)

    @functools.cached_property
    def name_tuple(self) -> tuple[str, ...]:
        """The distinct column names, once per Columns: every row of a table checks them."""
        return tuple(dict.fromkeys(getattr(self, f.name) for f in fields(self)))


def _missing_column(path: str | os.PathLike, column: str, names: list[str]) -> InputError:
    shown = ", ".join(names[:30]) + (f", … ({len(names)} in all)" if len(names) > 30 else "")
    return InputError(
        path, f"no column {column!r} (columns: {shown or 'none'}); choose the text column with --text-column or the text_column parameter"
    )


def _cell(value: Any) -> str | None:
    """A metadata cell as text, or None when empty (None, blank, NaN)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = value.strip() if isinstance(value, str) else str(value)
    return text or None


def _date_cell(value: Any) -> str | None:
    """An ISO date (YYYY-MM-DD) when the cell is a date or an ISO timestamp, else the cell as written."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _cell(value)
    if text is None:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return text


def row_document(
    path: str | os.PathLike,
    row: int,
    record: Mapping[str, Any],
    columns: Columns,
    encoding: str = "utf-8",
    warnings: tuple[str, ...] = (),
    limit: int | None = None,
    digest: bool = True,
    valid_text: bool = False,
) -> Document | InputError:
    """One table row as a Document, or the InputError that says why it cannot be one.

    `limit` is `max_document_bytes()` when None (a reader of many rows passes it once); without
    `digest` the Document's sha256 is "" (bulk scoring reads no digest and skips a hash per text).
    `valid_text` says the reader knows every string of the record is valid text (`bad_text` would
    find nothing), which saves a scan of each cell.
    """
    if columns.text not in record:
        return InputError(path, f"no column {columns.text!r} in this row", row=row)
    text = record[columns.text]
    if isinstance(text, list) and text and all(isinstance(t, str) for t in text):
        text = "\n\n".join(t.strip() for t in text)  # a scraper's list of paragraphs
    if text is not None and not isinstance(text, str):
        return InputError(path, f"column {columns.text!r} is not text (got {type(text).__name__})", row=row)
    if not text or not text.strip():
        return InputError(path, f"column {columns.text!r} is empty", row=row)
    if looks_like_html(text):  # markup, never shown as such: its text, as a page's would be read
        try:
            text = html_fragment_text(text, f"{path}: row {row}")
        except InputError as exc:
            return InputError(path, f"column {columns.text!r} holds HTML: {exc.problem}", row=row)
        if not text:
            return InputError(path, f"column {columns.text!r} holds HTML with no text in it", row=row)
    if limit is None:
        limit = max_document_bytes()
    if limit and len(text) * 4 > limit and len(text.encode("utf-8", "surrogatepass")) > limit:
        size = len(text.encode("utf-8", "surrogatepass")) / (1 << 20)
        return InputError(path, f"column {columns.text!r} is {size:.1f} MB, above the {limit / (1 << 20):g} MB "
                                "limit for one article (raise it with NEWSTONE_MAX_DOCUMENT_MB)", row=row)
    for name in () if valid_text else columns.name_tuple:
        value = record.get(name)
        problem = bad_text(value, encoding) if isinstance(value, str) else None
        if problem:
            return InputError(path, f"column {name!r} {problem}", row=row)
    ident = _cell(record.get(columns.id)) or str(row)
    return Document(
        source=f"{path}#{ident}",
        text=text,
        sha256=sha256_hex(text.encode("utf-8")) if digest else "",
        encoding=encoding,
        title=_cell(record.get(columns.title)),
        date=_date_cell(record.get(columns.date)),
        site=_cell(record.get(columns.source)),
        id=ident,
        warnings=warnings,
        author=_cell(record.get(columns.author)),
    )


# --- CSV ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvLayout:
    """What a CSV file's rows need to be read from any offset: its encoding and header."""

    encoding: str  # a Python codec name, utf-8-sig for UTF-8
    header: list[str]
    warnings: tuple[str, ...] = ()

    @property
    def codec(self) -> str:
        return "utf-8" if self.encoding == "utf-8-sig" else self.encoding

    @property
    def seekable(self) -> bool:
        """UTF-16 is stateful (one BOM for the file): it is read from the start only."""
        return self.encoding != "utf-16"


def sniff_table_encoding(path: str | os.PathLike) -> tuple[str, tuple[str, ...]]:
    """(encoding, warnings) for a text table, deciding once for the whole file.

    UTF-8 unless the file has bytes that are not UTF-8 and no non-ASCII UTF-8 text at all:
    then it is an old cp1252 export (with a warning). A UTF-8 file with a few bad bytes stays
    UTF-8 and those rows are reported one by one. Reads block by block and stops at the first
    non-ASCII UTF-8 character, so a large file is not held in memory.
    """
    with open(path, "rb") as f:
        block = f.read(8192)
        if block.startswith(_UTF16_BOMS):
            return "utf-16", ()
        if looks_binary(block, nul_is_binary=False):
            raise InputError(path, "binary file, not text (found NUL or control bytes)")
        decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        invalid = False
        while True:
            text = decoder.decode(block, final=not block)
            if _DECODED_NON_ASCII.search(text):
                return "utf-8-sig", ()
            invalid = invalid or bool(_SURROGATE_ESCAPE.search(text))
            if not block:
                break
            block = f.read(_SCAN_BLOCK)
    if invalid:
        return "cp1252", (f"{path}: not valid UTF-8; decoded as cp1252",)
    return "utf-8-sig", ()


def csv_records(f: Any, start: int = 0, codec: str | None = None) -> Iterator[tuple[int, list[str] | str]]:
    """(byte offset, fields) of each non-blank record, or (offset, problem) for one that does not parse.

    `f` is a text file opened with newline=""; `start` is the byte offset it is at. Offsets are
    tracked only when `codec` is given (it costs an encode per line). A record that fails the
    strict parse is retried on its own line when it has just one (the lenient reading of a
    stray quote, as before); a multi-line one is an unbalanced quote: its first line is the bad
    row and the other lines are parsed again.
    """
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    pending: deque[tuple[int, str]] = deque()
    consumed: list[tuple[int, str]] = []
    pos = start

    def feed() -> Iterator[str]:
        nonlocal pos
        while True:
            if pending:
                item = pending.popleft()
            else:
                line = f.readline()
                if not line:
                    return
                item = (pos, line)
                if codec is not None:
                    pos += len(line.encode(codec, "surrogateescape"))
            consumed.append(item)
            yield item[1]

    reader = csv.reader(feed(), strict=True)
    while True:
        consumed.clear()
        try:
            record: list[str] | str = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            lines = list(consumed)
            if not lines:
                return
            reader = csv.reader(feed(), strict=True)  # the old one may have seen the end of the file
            if len(lines) == 1:
                try:
                    record = next(csv.reader([lines[0][1]]))
                except csv.Error as again:
                    record = f"unreadable CSV record ({again})"
            else:
                pending.extendleft(reversed(lines[1:]))
                record = _UNCLOSED_QUOTE if "expected" in str(exc) or "end of data" in str(exc) else \
                    f"unreadable CSV record ({exc})"
        if record:
            yield consumed[0][0] if consumed else pos, record


def csv_layout(path: str | os.PathLike, columns: Columns | None = None) -> CsvLayout:
    """Check a CSV file, its header and that it has the text column (raises InputError otherwise)."""
    check_file(path)
    encoding, warnings = sniff_table_encoding(path)
    with open(path, encoding=encoding, errors="surrogateescape", newline="") as f:
        records = (record for _, record in csv_records(f))
        header = next(records, None)
        if isinstance(header, str):
            raise InputError(path, f"cannot read the CSV header ({header})")
        if header is None or (len(header) == 1 and not header[0].strip()):
            raise InputError(path, "file is empty")
        if next(records, None) is None:
            raise InputError(path, "no rows after the CSV header")
    if columns is not None and columns.text not in header:
        raise _missing_column(path, columns.text, header)
    return CsvLayout(encoding, header, warnings)


def csv_record_offsets(path: str | os.PathLike, layout: CsvLayout) -> Iterator[int]:
    """The byte offset where each data row starts, in order (header excluded)."""
    with open(path, "rb") as raw:
        bom = 3 if layout.encoding == "utf-8-sig" and raw.read(3) == codecs.BOM_UTF8 else 0
    with open(path, "rb") as raw:
        raw.seek(bom)
        f = io.TextIOWrapper(raw, encoding=layout.codec, errors="surrogateescape", newline="")
        records = csv_records(f, bom, layout.codec)
        next(records, None)  # the header
        for offset, _ in records:
            yield offset


def csv_rows(
    path: str | os.PathLike, layout: CsvLayout, columns: Columns, offset: int | None = None,
    first_row: int = 1, rows: int | None = None, display: str | None = None, digest: bool = True,
) -> Iterator[Document | InputError]:
    """Rows of a CSV file from the start (offset None) or from a row's byte offset, at most `rows`."""
    shown = display or str(path)
    limit = max_document_bytes()
    name = "utf-8" if layout.encoding == "utf-8-sig" else layout.encoding
    if offset is None or not layout.seekable:
        f: Any = open(path, encoding=layout.encoding, errors="surrogateescape", newline="")
    else:
        raw = open(path, "rb")
        raw.seek(offset)
        f = io.TextIOWrapper(raw, encoding=layout.codec, errors="surrogateescape", newline="")
    with f:
        records = (record for _, record in csv_records(f))
        if offset is None or not layout.seekable:
            next(records, None)  # the header, checked by csv_layout
        width = len(layout.header)
        for row, record in zip(range(first_row, first_row + rows) if rows is not None else _count(first_row), records):
            if isinstance(record, str):
                yield InputError(shown, record, row=row)
            elif len(record) != width:
                yield InputError(shown, f"has {len(record)} fields but the header has {width}", row=row)
            else:
                values = dict(zip(reversed(layout.header), reversed(record)))  # first of a repeated name wins
                yield row_document(shown, row, values, columns, name, layout.warnings, limit, digest)


def _count(start: int) -> Iterator[int]:
    while True:
        yield start
        start += 1


# --- JSON Lines ----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _fast_json() -> Any:
    """msgspec's JSON decoder (2-3x `json.loads` on article text), or None without msgspec."""
    try:
        import msgspec.json
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return msgspec.json.Decoder().decode


def json_object(line: bytes) -> dict[str, Any]:
    """One JSON Lines record; ValueError with a short reason when it is not an object.

    msgspec parses the line; whatever it refuses (NaN, 1e400, a lone surrogate escape, malformed
    JSON) goes to `json.loads`, so the value or the error is always the standard library's.
    """
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte {exc.start})") from None
    fast = _fast_json()
    if fast is not None:
        try:
            value = fast(text)
        except Exception:  # msgspec refuses it: json.loads decides, value or message
            value = None
        if isinstance(value, dict):
            return value
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = exc.msg[:-3] if exc.msg.endswith(" at") else exc.msg  # "Invalid control character at"
        raise ValueError(f"invalid JSON ({reason} at column {exc.colno})") from None
    except RecursionError:
        raise ValueError("invalid JSON (values nested too deeply to read)") from None
    if not isinstance(value, dict):
        raise ValueError(f"not a JSON object (got {type(value).__name__})")
    return value


def _first_json_object(path: str | os.PathLike, limit: int = 1000) -> dict[str, Any] | None:
    """The first readable object among the first `limit` lines, to check the columns once."""
    seen = False
    with open(path, "rb") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            if not seen and line.lstrip(codecs.BOM_UTF8 + b" \t").startswith(b"["):
                raise InputError(path, "holds a JSON array, not JSON Lines (one object per line)")
            seen = True
            try:
                return json_object(line)
            except ValueError:
                if number >= limit:
                    return None
    if not seen:
        raise InputError(path, "file is empty")
    return None


def check_jsonl(path: str | os.PathLike, columns: Columns) -> None:
    """Check a JSON Lines file and its first object's keys (raises InputError for whole-file problems)."""
    check_file(path)
    with open(path, "rb") as f:
        if looks_binary(f.read(8192), nul_is_binary=False):
            raise InputError(path, "binary file, not text (found NUL or control bytes)")
    first = _first_json_object(path)
    if first is not None and columns.text not in first:
        raise _missing_column(path, columns.text, list(first))


def jsonl_rows(
    path: str | os.PathLike, columns: Columns, offset: int = 0, first_row: int = 1,
    rows: int | None = None, display: str | None = None, digest: bool = True,
) -> Iterator[Document | InputError]:
    """Rows of a JSON Lines file from a line's byte offset, at most `rows` lines (`digest`: see row_document)."""
    shown = display or str(path)
    limit = max_document_bytes()
    with open(path, "rb") as f:
        f.seek(offset)
        numbers = range(first_row, first_row + rows) if rows is not None else _count(first_row)
        for row, line in zip(numbers, f):
            if not line.strip():
                continue
            try:
                record = json_object(line)
            except ValueError as exc:
                yield InputError(shown, str(exc), row=row)
                continue
            # Without a \u escape a JSON string is the line's own (valid UTF-8) text: no lone
            # surrogate and no NUL (a raw control character is invalid JSON) can be in it.
            yield row_document(shown, row, record, columns, limit=limit, digest=digest, valid_text=b"\\u" not in line)


# --- Parquet -------------------------------------------------------------------------------------


def pyarrow_modules(source: str | os.PathLike) -> tuple[Any, Any]:
    """(pyarrow, pyarrow.parquet), imported on first use: only Parquet needs them."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise InputError(source, "reading Parquet needs the pyarrow package (pip install pyarrow)") from None
    return pyarrow, pyarrow.parquet


def _is_text_type(pa: Any, kind: Any) -> bool:
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    is_view = getattr(pa.types, "is_string_view", lambda _: False)
    return pa.types.is_string(kind) or pa.types.is_large_string(kind) or is_view(kind) or pa.types.is_null(kind)


def parquet_columns(path: str | os.PathLike, columns: Columns) -> list[str]:
    """Check a Parquet file's schema; the wanted columns it has (raises InputError otherwise)."""
    check_file(path)
    pa, pq = pyarrow_modules(path)
    try:
        with pq.ParquetFile(path) as table:
            schema, rows = table.schema_arrow, table.metadata.num_rows
    except (pa.ArrowException, OSError) as exc:
        raise InputError(path, f"not a readable Parquet file ({exc})") from None
    if columns.text not in schema.names:
        raise _missing_column(path, columns.text, schema.names)
    kind = schema.field(columns.text).type
    if not _is_text_type(pa, kind):
        raise InputError(path, f"column {columns.text!r} holds {kind}, not text")
    if rows == 0:
        raise InputError(path, "table has no rows")
    return [name for name in columns.names() if name in schema.names]


def parquet_rows(
    path: str | os.PathLike, wanted: list[str], columns: Columns, row_groups: list[int] | None = None,
    first_row: int = 1, display: str | None = None, digest: bool = True,
) -> Iterator[Document | InputError]:
    """Rows of a Parquet file (or of some of its row groups), read in batches of the wanted columns."""
    shown = display or str(path)
    limit = max_document_bytes()
    pa, pq = pyarrow_modules(path)
    row = first_row - 1
    try:
        with pq.ParquetFile(path) as table:
            for batch in table.iter_batches(batch_size=CHUNK_ROWS, columns=wanted, row_groups=row_groups):
                for record in batch.to_pylist():
                    row += 1
                    yield row_document(shown, row, record, columns, limit=limit, digest=digest)
    except (pa.ArrowException, OSError) as exc:
        yield InputError(shown, f"cannot read Parquet data after row {row} ({exc})")

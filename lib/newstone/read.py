"""Reading input documents: bytes in, decoded text out, with errors that name the file.

Decoding is strict on purpose: UTF-8 (with or without BOM) first, UTF-16 when a BOM says so,
then cp1252 with a warning (the usual encoding of older scraped pages). Anything that still
does not decode, or that looks binary, is refused rather than turned into garbage tones.

Formats: plain text and Markdown (one document), HTML pages (one document: the main text and
its title, date and site, extracted with trafilatura), and tables of many documents, one per
row (.csv, .jsonl, .parquet). `iter_documents` reads any of them; tables are read in chunks so
a corpus does not have to fit in memory, and a bad row is yielded as an InputError in its place
so a caller can report it and go on.

Row numbers in messages count data rows from 1: for CSV the first record after the header is
row 1 (blank lines are not counted, a quoted field may span lines); for JSON Lines row N is
line N of the file; for Parquet row N is the Nth row of the table.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES

CHUNK_ROWS = 1000  # rows per Parquet batch: bounded memory, few Python-level calls
_SCAN_BLOCK = 1 << 20  # bytes per block when sniffing a table's encoding
_CSV_FIELD_LIMIT = 1 << 26  # characters; the csv module's default (128 KiB) is below a long article
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SURROGATE = re.compile("[\udc80-\udcff]")  # an undecodable byte kept by errors="surrogateescape"
_DECODED_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


class InputError(ValueError):
    """A document that cannot be read; the message names the file and the problem in one line."""

    def __init__(self, path: str | os.PathLike, problem: str, row: int | None = None):
        self.path = str(path)
        self.problem = " ".join(problem.splitlines())  # messages from parsers may span lines
        self.row = row  # 1-based data row of a table, None for a whole file
        where = f"{self.path}: row {row}" if row is not None else self.path
        super().__init__(f"{where}: {self.problem}")

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuild from the parts, so the error survives pickling to and from worker processes."""
        return (type(self), (self.path, self.problem, self.row))


@dataclass(frozen=True)
class Document:
    """One input document, decoded, with where it came from."""

    source: str
    text: str
    sha256: str
    encoding: str = "utf-8"
    title: str | None = None
    date: str | None = None
    site: str | None = None
    id: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


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

    def names(self) -> list[str]:
        return list(dict.fromkeys(getattr(self, f.name) for f in fields(self)))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters mean this is not a text article."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(2, len(sample) // 100)


def decode_bytes(data: bytes, source: str = "<bytes>") -> tuple[str, str, tuple[str, ...]]:
    """Return (text, encoding, warnings); raise InputError when the bytes are not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", ()
        except UnicodeDecodeError as exc:
            raise InputError(source, f"invalid UTF-16 text ({exc.reason} at byte {exc.start})") from None
    if looks_binary(data):
        raise InputError(source, "binary file, not text (found NUL or control bytes)")
    try:
        return data.decode("utf-8-sig"), "utf-8", ()
    except UnicodeDecodeError as exc:
        utf8_error = f"byte {exc.start}"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(source, f"not valid UTF-8 ({utf8_error}) nor cp1252 text") from None
    return text, "cp1252", (f"{source}: not valid UTF-8 ({utf8_error}); decoded as cp1252",)


def check_file(path: str | os.PathLike) -> Path:
    """Refuse a missing path, a directory or an empty file before anything opens it."""
    p = Path(path)
    if not p.exists():
        raise InputError(path, "file not found")
    if p.is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    if size == 0:
        raise InputError(path, "file is empty")
    return p


def read_bytes(path: str | os.PathLike) -> bytes:
    """Read a file, turning OS errors into one-line InputErrors."""
    p = check_file(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(path, "file is empty")
    return data


def file_suffix(path: str | os.PathLike) -> str:
    """The lower-case suffix, refused early when no reader handles it."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
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
    text, encoding, warnings = decode_bytes(data, str(path))
    if not text.strip():
        raise InputError(path, "file has no text")
    return Document(
        source=str(path), text=text, sha256=sha256_hex(data), encoding=encoding, warnings=warnings
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
        return _csv_documents(path, columns)
    if suffix == ".jsonl":
        return _jsonl_documents(path, columns)
    return _parquet_documents(path, columns)


# --- HTML pages --------------------------------------------------------------------------------

# How trafilatura is asked: precision over recall because a tone score is an average, and a
# teaser headline, "Read more" link or navigation list that slips in carries tone that is not
# the article's, while a missed short paragraph barely moves it (the cleaner downstream is a
# second net, not a reason to let more through). On a page with no article (a JavaScript shell)
# recall mode returns the menu as text; precision returns nothing, which is the honest answer.
_EXTRACT_OPTIONS: dict[str, Any] = dict(
    output_format="python",
    with_metadata=True,
    include_comments=False,
    include_tables=False,
    include_images=False,
    include_links=False,
    include_formatting=False,
    favor_precision=True,
    # Dates from markup only (meta tags, <time>, JSON-LD, URL): the extensive search also
    # guesses from free text such as "© 2024", inventing a 2024-01-01 that would misplace the
    # article on a timeline. No date is better than a wrong one.
    date_extraction_params={"extensive_search": False, "original_date": True},
)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
# Labels browsers read as another encoding (WHATWG Encoding Standard): pages that say latin-1
# or ASCII are written with Windows' curly quotes and euro sign.
_CHARSET_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252", "gb2312": "gbk"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def declared_charset(data: bytes) -> str | None:
    """The charset label of a <meta charset> or http-equiv Content-Type near the top of a page."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _html_codec(label: str) -> str | None:
    """Python codec for a declared label; None when it adds nothing to decode_bytes' UTF-8 first."""
    name = codecs.lookup(label).name  # LookupError for unknown labels
    name = _CHARSET_ALIASES.get(name, name)
    return None if name.startswith(("utf-8", "utf-16", "utf-32")) else name


def decode_html(data: bytes, source: str = "<bytes>") -> tuple[str, str, tuple[str, ...]]:
    """Decode a page by its BOM, else as UTF-8 when it is valid UTF-8, else by its declared charset.

    Valid UTF-8 wins over a declaration because scrapers often save pages re-encoded as UTF-8
    with the original <meta charset> left in; legacy text is almost never valid UTF-8 by chance.
    """
    label = declared_charset(data)
    if label is None or data.startswith(_BOMS):
        return decode_bytes(data, source)
    try:
        codec = _html_codec(label)
    except LookupError:
        text, encoding, warnings = decode_bytes(data, source)
        return text, encoding, (f"{source}: unknown charset {label!r} declared; decoded as {encoding}",) + warnings
    if codec is None:
        return decode_bytes(data, source)
    if looks_binary(data):
        raise InputError(source, "binary file, not text (found NUL or control bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        note = () if text.isascii() else (f"{source}: declares charset {label!r} but is UTF-8; decoded as UTF-8",)
        return text, "utf-8", note
    try:
        return data.decode(codec), codec, ()
    except UnicodeDecodeError as exc:
        text, encoding, warnings = decode_bytes(data, source)
        note = f"{source}: not valid {label} as declared (byte {exc.start}); decoded as {encoding}"
        return text, encoding, (note,) + warnings


def _trafilatura(source: str) -> Any:
    """Imported on first use: it pulls in lxml, htmldate and more, and only HTML needs it."""
    try:
        import trafilatura
        import trafilatura.xml
    except ImportError:
        raise InputError(source, "reading HTML needs the trafilatura package (pip install trafilatura)") from None
    return trafilatura


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def extract_article(html: str, source: str = "<html>") -> tuple[str, str | None, str | None, str | None]:
    """(text, title, date, site) of the main article; paragraphs are separated by blank lines.

    trafilatura is given the decoded string, so it neither guesses the encoding again nor
    fetches anything. Each block it keeps (paragraph, heading, list, quote) becomes one
    paragraph; a line break inside a paragraph stays a single newline. A leading heading that
    repeats the title is dropped: the title is kept in `title`, and a headline is not scored.
    """
    trafilatura = _trafilatura(source)
    html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses str input that declares bytes
    try:
        result = trafilatura.bare_extraction(html, **_EXTRACT_OPTIONS)
    except Exception as exc:  # a parser failure on one page must not stop a batch
        raise InputError(source, f"cannot parse the HTML page ({type(exc).__name__}: {exc})") from None
    if result is None or result.body is None:
        raise InputError(source, "no article text found in the HTML page")
    blocks = [trafilatura.xml.xmltotxt(child, False).strip() for child in result.body]
    blocks = [block for block in blocks if block]
    title = (result.title or "").strip() or None
    if blocks and title and _same_words(blocks[0], title):
        blocks = blocks[1:]
    if not blocks:
        raise InputError(source, "no article text found in the HTML page")
    site = (result.sitename or "").strip() or None
    return "\n\n".join(blocks), title, result.date or None, site


def read_html(path: str | os.PathLike) -> Document:
    """Read one HTML page: its main text, title, date and site name."""
    data = read_bytes(path)
    html, encoding, warnings = decode_html(data, str(path))
    text, title, date, site = extract_article(html, str(path))
    return Document(
        source=str(path), text=text, sha256=sha256_hex(data), encoding=encoding,
        title=title, date=date, site=site, warnings=warnings,
    )


# --- tables: one document per row ----------------------------------------------------------------


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
) -> Document | InputError:
    """One table row as a Document, or the InputError that says why it cannot be one."""
    if columns.text not in record:
        return InputError(path, f"no column {columns.text!r} in this row", row=row)
    text = record[columns.text]
    if text is not None and not isinstance(text, str):
        return InputError(path, f"column {columns.text!r} is not text (got {type(text).__name__})", row=row)
    if not text or not text.strip():
        return InputError(path, f"column {columns.text!r} is empty", row=row)
    for name in columns.names():
        value = record.get(name)
        if isinstance(value, str) and _SURROGATE.search(value):
            return InputError(path, f"column {name!r} is not valid {encoding} text", row=row)
    ident = _cell(record.get(columns.id)) or str(row)
    return Document(
        source=f"{path}#{ident}",
        text=text,
        sha256=sha256_hex(text.encode("utf-8")),
        encoding=encoding,
        title=_cell(record.get(columns.title)),
        date=_date_cell(record.get(columns.date)),
        site=_cell(record.get(columns.source)),
        id=ident,
        warnings=warnings,
    )


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
        if looks_binary(block):
            raise InputError(path, "binary file, not text (found NUL or control bytes)")
        decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        invalid = False
        while True:
            text = decoder.decode(block, final=not block)
            if _DECODED_NON_ASCII.search(text):
                return "utf-8-sig", ()
            invalid = invalid or bool(_SURROGATE.search(text))
            if not block:
                break
            block = f.read(_SCAN_BLOCK)
    if invalid:
        return "cp1252", (f"{path}: not valid UTF-8; decoded as cp1252",)
    return "utf-8-sig", ()


def _encoding_name(encoding: str) -> str:
    return "utf-8" if encoding == "utf-8-sig" else encoding


def _csv_records(f: Any) -> Iterator[list[str] | csv.Error]:
    """Non-blank CSV records; a record the csv module cannot parse comes as its csv.Error."""
    reader = csv.reader(f)
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield exc
            continue
        if record:
            yield record


def _csv_header(path: str | os.PathLike, encoding: str) -> list[str]:
    """The header names; raises when the file has no header or no data row after it."""
    with open(path, encoding=encoding, errors="surrogateescape", newline="") as f:
        records = _csv_records(f)
        header = next(records, None)
        if isinstance(header, csv.Error):
            raise InputError(path, f"cannot read the CSV header ({header})")
        if header is None or (len(header) == 1 and not header[0].strip()):
            raise InputError(path, "file is empty")
        if next(records, None) is None:
            raise InputError(path, "no rows after the CSV header")
    return header


def _csv_documents(path: str | os.PathLike, columns: Columns) -> Iterator[Document | InputError]:
    """Check the file and its header now; rows are read lazily, one record at a time."""
    check_file(path)
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    encoding, warnings = sniff_table_encoding(path)
    header = _csv_header(path, encoding)
    if columns.text not in header:
        raise _missing_column(path, columns.text, header)
    return _csv_rows(path, encoding, header, columns, warnings)


def _csv_rows(
    path: str | os.PathLike, encoding: str, header: list[str], columns: Columns, warnings: tuple[str, ...]
) -> Iterator[Document | InputError]:
    name = _encoding_name(encoding)
    with open(path, encoding=encoding, errors="surrogateescape", newline="") as f:
        records = _csv_records(f)
        next(records)  # the header, checked by _csv_header
        for row, record in enumerate(records, start=1):
            if isinstance(record, csv.Error):
                yield InputError(path, f"unreadable CSV record ({record})", row=row)
            elif len(record) != len(header):
                yield InputError(path, f"has {len(record)} fields but the header has {len(header)}", row=row)
            else:
                values = dict(zip(reversed(header), reversed(record)))  # first of a repeated name wins
                yield row_document(path, row, values, columns, name, warnings)


def _json_object(line: bytes) -> dict[str, Any]:
    """One JSON Lines record; ValueError with a short reason when it is not an object."""
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte {exc.start})") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
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
                return _json_object(line)
            except ValueError:
                if number >= limit:
                    return None
    if not seen:
        raise InputError(path, "file is empty")
    return None


def _jsonl_documents(path: str | os.PathLike, columns: Columns) -> Iterator[Document | InputError]:
    """Check the file and its first object's keys now; lines are read lazily, one at a time."""
    check_file(path)
    with open(path, "rb") as f:
        if looks_binary(f.read(8192)):
            raise InputError(path, "binary file, not text (found NUL or control bytes)")
    first = _first_json_object(path)
    if first is not None and columns.text not in first:
        raise _missing_column(path, columns.text, list(first))
    return _jsonl_rows(path, columns)


def _jsonl_rows(path: str | os.PathLike, columns: Columns) -> Iterator[Document | InputError]:
    with open(path, "rb") as f:
        for row, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                record = _json_object(line)
            except ValueError as exc:
                yield InputError(path, str(exc), row=row)
                continue
            yield row_document(path, row, record, columns)


def _pyarrow(source: str | os.PathLike) -> tuple[Any, Any]:
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


def _parquet_documents(path: str | os.PathLike, columns: Columns) -> Iterator[Document | InputError]:
    """Check the schema now; rows are read lazily in batches of the needed columns only."""
    check_file(path)
    pa, pq = _pyarrow(path)
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
    wanted = [name for name in columns.names() if name in schema.names]
    return _parquet_rows(path, wanted, columns)


def _parquet_rows(path: str | os.PathLike, wanted: list[str], columns: Columns) -> Iterator[Document | InputError]:
    pa, pq = _pyarrow(path)
    row = 0
    try:
        with pq.ParquetFile(path) as table:
            for batch in table.iter_batches(batch_size=CHUNK_ROWS, columns=wanted):
                for record in batch.to_pylist():
                    row += 1
                    yield row_document(path, row, record, columns)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(path, f"cannot read Parquet data after row {row} ({exc})") from None

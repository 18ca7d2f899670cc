"""Bytes to text, strictly, with errors that name the file: the base every reader builds on.

Decoding is strict on purpose: UTF-8 (with or without BOM) first, UTF-16 when a BOM says so
(or, with a warning, when the NULs of its high bytes do: a BOM lost on the way), then cp1252 with a warning (the usual encoding of older scraped pages). Anything that still
does not decode, that looks binary, or that holds a NUL anywhere, is refused rather than turned
into garbage tones. One article is also refused above a size limit (`max_document_bytes`), so a
stray 50 MB dump cannot take a whole run's memory.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_MAX_DOCUMENT_MB = 16
MAX_DOCUMENT_ENV = "NEWSTONE_MAX_DOCUMENT_MB"
_SURROGATE = re.compile("[\ud800-\udfff]")  # never valid in text: a lone escape or an undecodable byte
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # C0 and C1 controls, DEL: never part of a name or a line


class InputError(ValueError):
    """A document that cannot be read; the message names the file and the problem in one line."""

    def __init__(self, path: str | os.PathLike, problem: str, row: int | None = None):
        self.path = printable(path)
        self.problem = " ".join(problem.splitlines())  # messages from parsers may span lines
        self.row = row  # 1-based data row of a table, None for a whole file
        where = f"{self.path}: row {row}" if row is not None else self.path
        super().__init__(f"{where}: {self.problem}")

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuild from the parts, so the error survives pickling to and from worker processes."""
        return (type(self), (self.path, self.problem, self.row))


@dataclass(frozen=True)
class Document:
    """One input document, decoded, with where it came from.

    `title`, `date` (ISO `YYYY-MM-DD` when known; the published date, not the modified one),
    `site` and `author` are the article's metadata as its page or table row gave them.
    """

    source: str
    text: str
    sha256: str
    encoding: str = "utf-8"
    title: str | None = None
    date: str | None = None
    site: str | None = None
    id: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    author: str | None = None


def printable(path: str | os.PathLike) -> str:
    """A path (or a line of text) that can always be printed and stored on one line.

    Undecodable bytes become \\xNN, and so do control characters (a newline in a file name
    would split a one-line error; an escape sequence would drive the user's terminal)."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    if not _SURROGATE.search(text):
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no byte decodes to
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def max_document_bytes() -> int:
    """The largest single article accepted, in bytes: NEWSTONE_MAX_DOCUMENT_MB, default 16 MB.

    A news article is rarely above 1 MB of text, even a saved page rarely above 5 MB; what is
    larger is almost always a dump that would take a run's memory and time. Set the variable
    (or `newstone score --max-document-mb`) to raise it; 0 means no limit.
    """
    value = os.environ.get(MAX_DOCUMENT_ENV, "").strip()
    try:
        mb = float(value) if value else DEFAULT_MAX_DOCUMENT_MB
    except ValueError:
        mb = DEFAULT_MAX_DOCUMENT_MB
    return int(mb * (1 << 20)) if mb > 0 else 0


def check_size(source: str | os.PathLike, size: int, limit: int | None = None) -> None:
    """Refuse one article larger than the limit, saying how to raise it."""
    limit = max_document_bytes() if limit is None else limit
    if limit and size > limit:
        raise InputError(
            source, f"is {size / (1 << 20):.1f} MB, above the {limit / (1 << 20):g} MB limit for one article "
            f"(raise it with {MAX_DOCUMENT_ENV} or --max-document-mb)"
        )


def looks_binary(data: bytes, nul_is_binary: bool = True) -> bool:
    """NUL bytes or many control characters mean this is not text.

    For a table (`nul_is_binary=False`) a few NULs are one bad cell, not a binary file: they
    count like other control bytes and the row that holds them is refused on its own.
    """
    sample = data[:8192]
    if nul_is_binary and b"\x00" in sample and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(2, len(sample) // 100)


def refuse_nul(source: str | os.PathLike, text: str, row: int | None = None) -> None:
    """A NUL anywhere in decoded text is binary content: refuse it (the sniff sees only 8 KB)."""
    at = text.find("\x00")
    if at >= 0:
        raise InputError(source, f"binary content, not text (NUL character at character {at})", row=row)


def bad_text(text: str, encoding: str = "utf-8") -> str | None:
    """Why a decoded string is not valid text (an undecodable byte, a lone surrogate, a NUL), or None."""
    # an ASCII string (CPython knows it without a scan) holds no surrogate
    match = None if text.isascii() else _SURROGATE.search(text)
    if match:
        code = ord(match.group())
        if 0xDC80 <= code <= 0xDCFF:  # kept by errors="surrogateescape"
            return f"is not valid {encoding} text (byte 0x{code - 0xDC00:02X} at character {match.start()})"
        return f"holds a lone surrogate (\\u{code:04x}) at character {match.start()}, which is not valid Unicode"
    at = text.find("\x00")
    if at >= 0:
        return f"holds a NUL character at character {at}"
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like UTF-16 that lost its BOM, else None.

    Text in a Latin, Greek or Cyrillic script saved as UTF-16 (Windows "Unicode") has a NUL as
    the high byte of most characters: on one side of each byte pair and almost never on the
    other. Binary data has NULs on both sides, UTF-8 text none at all.
    """
    sample = data[:8192]
    if len(data) % 2 or len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    if odd >= pairs * 0.3 and even <= pairs * 0.02:
        return "utf-16-le"
    if even >= pairs * 0.3 and odd <= pairs * 0.02:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, source: str = "<bytes>") -> tuple[str, str, tuple[str, ...]]:
    """Return (text, encoding, warnings); raise InputError when the bytes are not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(source, f"invalid UTF-16 text ({exc.reason} at byte {exc.start})") from None
        refuse_nul(source, text)
        return text, "utf-16", ()
    bomless = utf16_without_bom(data)
    if bomless:
        try:
            text = data.decode(bomless)
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: judged as bytes below
        else:
            if not bad_text(text):
                return text, bomless, (f"{source}: no byte-order mark; decoded as {bomless.upper()}",)
    if looks_binary(data):
        raise InputError(source, "binary file, not text (found NUL or control bytes)")
    at = data.find(b"\x00")  # beyond the sniffed start: still not text
    if at >= 0:
        raise InputError(source, f"binary content, not text (a NUL byte at byte {at})")
    try:
        return data.decode("utf-8-sig"), "utf-8", ()
    except UnicodeDecodeError as exc:
        utf8_error = f"byte {exc.start}"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return _mostly_utf8(data, source, utf8_error)
    return text, "cp1252", (f"{source}: not valid UTF-8 ({utf8_error}); decoded as cp1252",)


def _mostly_utf8(data: bytes, source: str, utf8_error: str) -> tuple[str, str, tuple[str, ...]]:
    """UTF-8 with a few stray bytes (a scraped page pasted from two encodings): the stray bytes
    become U+FFFD, said in a warning, rather than the whole article lost; more is refused."""
    text = data.decode("utf-8-sig", "replace")
    stray = text.count("\ufffd") - data.count("\ufffd".encode())
    if stray * 100 > len(text):  # above 1 %: not UTF-8 text with a slip, but something else
        raise InputError(source, f"not valid UTF-8 ({utf8_error}) nor cp1252 text")
    return text, "utf-8", (f"{source}: {stray} byte sequence{'s' if stray != 1 else ''} not valid UTF-8 "
                           f"(the first at {utf8_error}) replaced by \ufffd",)


def special_file_problem(path: str | os.PathLike) -> str | None:
    """A FIFO, socket or device is no article: opening one can block for ever (a named pipe
    waits for a writer), so it is refused before anything reads it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # said by the caller's own checks
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = ("named pipe (FIFO)" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode)
            else "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "special file")
    return f"is a {kind}, not a regular file"


def check_file(path: str | os.PathLike) -> Path:
    """Refuse a missing path, a broken link, a directory or an empty file before anything opens it."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError as exc:
        if p.is_symlink():
            problem = "symbolic link loop" if exc.errno == 40 else "broken symbolic link (its target is missing)"
            raise InputError(path, problem) from None
        if exc.errno == 2:
            raise InputError(path, "file not found") from None
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    if p.is_dir():
        raise InputError(path, "is a directory, not a file")
    special = special_file_problem(p)
    if special:
        raise InputError(path, special)
    if st.st_size == 0:
        raise InputError(path, "file is empty")
    return p


def read_bytes(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """Read one article's file, turning OS errors into one-line InputErrors."""
    p = check_file(path)
    check_size(path, p.stat().st_size, limit)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(path, "file is empty")
    return data

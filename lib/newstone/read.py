"""Reading input documents: bytes in, decoded text out, with errors that name the file.

Decoding is strict on purpose: UTF-8 (with or without BOM) first, UTF-16 when a BOM says so,
then cp1252 with a warning (the usual encoding of older scraped pages). Anything that still
does not decode, or that looks binary, is refused rather than turned into garbage tones.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


class InputError(ValueError):
    """A document that cannot be read; the message names the file and the problem in one line."""

    def __init__(self, path: str | os.PathLike, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


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


def read_bytes(path: str | os.PathLike) -> bytes:
    """Read a file, turning OS errors into one-line InputErrors."""
    p = Path(path)
    if not p.exists():
        raise InputError(path, "file not found")
    if p.is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(path, "file is empty")
    return data


def read_document(path: str | os.PathLike) -> Document:
    """Read one plain-text or Markdown article."""
    suffix = Path(path).suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise InputError(path, f"unsupported file type {suffix or '(none)'!r}; expected one of {', '.join(TEXT_SUFFIXES)}")
    data = read_bytes(path)
    text, encoding, warnings = decode_bytes(data, str(path))
    if not text.strip():
        raise InputError(path, "file has no text")
    return Document(
        source=str(path), text=text, sha256=sha256_hex(data), encoding=encoding, warnings=warnings
    )

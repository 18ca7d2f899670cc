"""Report file names: file-safe, short enough for any file system, never one of the folder's own pages.

Reports link to each other by these names (a corpus report links each document to its article
report), so every module that needs a report's name asks this one.
"""

from __future__ import annotations

import hashlib
import os
import re

# index.html and compare-*.html are the folder's own pages; a report must never take their names.
RESERVED = ("index",)
RESERVED_PREFIXES = ("compare-",)
# Names stay well below the 255-byte limit of common file systems, leaving room for ".html",
# a leading dot and a temporary suffix (".NAME.html.abcd1234.tmp"), and for "--label" parts.
MAX_NAME_BYTES = 150


def safe_name(text: str, fallback: str = "report") -> str:
    """Letters, digits, '.', '_' and '-' only; shortened (with a hash of the whole) when too long."""
    name = re.sub(r"[^\w.-]+", "-", text).strip("-") or fallback
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
        cut = name.encode("utf-8")[: MAX_NAME_BYTES - 11].decode("utf-8", "ignore").rstrip("-.")
        name = f"{cut}-{digest}"
    return name


def is_reserved(name: str) -> bool:
    return name.lower() in RESERVED or name.lower().startswith(RESERVED_PREFIXES)


def report_name(source: str | os.PathLike) -> str:
    """A file-safe report name from the input's file name (`seeds/a b.txt` -> `a-b`).

    A name the folder's own pages use (`index.txt`) becomes `NAME-report`; planning says so.
    """
    stem = os.path.basename(os.fspath(source))
    stem = re.sub(r"\.[A-Za-z0-9]+$", "", stem)
    name = safe_name(stem)
    return f"{name}-report" if is_reserved(name) else name

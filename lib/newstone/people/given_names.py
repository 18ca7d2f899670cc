"""The usual gender of a given name, for pronoun agreement only: "he said" is not Jo Grady's.

Readers know that "Maryam" is a "she" and "Jesse" a "he" before the article says so; the pronoun
resolver needs the same prior when two people of different genders speak in turn. The data are
nomquamgender's (Van Buskirk et al., MIT licence): for 720,000 names the share of female bearers
over some thirty sources. Only names nearly all of whose bearers share one gender count
(p(female) at most 0.05 or at least 0.95, in two sources or more); anything else is left to the
article, and what the article itself says ("Mr.", "she") always wins.

The package's import parses the whole 22 MB table (about 1.6 CPU-s), so it is never imported: its
JSON file is read in place. Its keys are sorted, so a lookup is a binary search over the bytes.
The file is checked against the sha256 recorded here once per process; a different or missing
file disables the prior (pronouns then resolve on the article's evidence alone).
"""

from __future__ import annotations

import functools
import hashlib
import json
import mmap
import unicodedata
import warnings
from importlib.util import find_spec
from pathlib import Path

DIST = "nomquamgender"
DATA_SHA256 = "66b53d66237220d5b0e6fa489f03f1eba850052783f994220c6798c6a7c5bfdf"
THRESHOLD = 0.05  # stricter than nomquamgender's default (0.1): "Lindsey" (0.90) is not taken as a "she"
MIN_SOURCES = 2
MIN_COUNT = 10
_SEP = b'], "'  # between two entries: `"anna": [35, 1528621, 0.975, 3], "anna-lena": ...`


def _data_path() -> Path | None:
    spec = find_spec(DIST)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    return path if path.is_file() else None


@functools.lru_cache(maxsize=1)
def _table() -> mmap.mmap | None:
    """The verified name table, mapped read-only; None when it is missing or not the vetted file."""
    path = _data_path()
    if path is None:
        return None
    with path.open("rb") as fh:
        data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    if hashlib.sha256(data).hexdigest() != DATA_SHA256:
        warnings.warn(f"{path}: not the vetted {DIST} name table (sha256 differs); pronouns resolve "
                      "without given-name genders", stacklevel=2)
        return None
    return data


def _entry_at(data: mmap.mmap, start: int) -> tuple[str, int] | None:
    """The key of the entry whose opening quote is at `start`, and where its first number begins."""
    end = data.find(b'": [', start + 1)
    if end < 0:
        return None
    try:
        return json.loads(data[start:end + 1]), end + 4
    except ValueError:
        return None


def _next_start(data: mmap.mmap, pos: int) -> int:
    """The opening quote of the first entry starting at or after `pos` (-1 past the last)."""
    if pos <= 1:
        return 1  # the file opens with `{"`
    at = data.find(_SEP, pos - 3)
    return at + 3 if at >= 0 else -1


def _lookup(data: mmap.mmap, name: str) -> list | None:
    lo, hi = 1, len(data)
    while hi - lo > 512:  # narrow down by keys at byte positions, then read entries in order
        mid = (lo + hi) // 2
        start = _next_start(data, mid)
        entry = _entry_at(data, start) if 0 <= start < hi else None
        if entry is None:
            hi = mid
        elif entry[0] < name:
            lo = start + 1
        elif entry[0] > name:
            hi = mid
        else:
            lo = start
            break
    start = _next_start(data, lo)
    while 0 <= start < hi + 512:
        entry = _entry_at(data, start)
        if entry is None or entry[0] > name:
            return None
        if entry[0] == name:
            fields = data[entry[1]:entry[1] + 64].split(b",", 3)[:3]  # sources, count, p(female)
            try:
                return [int(fields[0]), int(fields[1]), float(fields[2])]
            except (ValueError, IndexError):
                return None
        start = _next_start(data, start + 1)
    return None


@functools.lru_cache(maxsize=4096)
def given_name_gender(given: str) -> str | None:
    """ "f", "m" or None for a given name as written ("Maryam", "Jean-Pierre")."""
    name = given.strip().lower()
    if len(name) < 2 or not name.replace("-", "").replace("'", "").isalpha():
        return None  # an initial ("J."), a number, a stray mark
    data = _table()
    if data is None:
        return None
    value = _lookup(data, name)
    if value is None and not name.isascii():  # the table spells "José" as "jose"
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        if plain and plain != name:
            return given_name_gender(plain)
    if value is None and "-" in name:  # "Jean-Pierre" absent: its first part
        return given_name_gender(name.split("-")[0])
    if value is None or value[0] < MIN_SOURCES or value[1] < MIN_COUNT:
        return None
    p_female = value[2]
    if p_female >= 1 - THRESHOLD:
        return "f"
    if p_female <= THRESHOLD:
        return "m"
    return None

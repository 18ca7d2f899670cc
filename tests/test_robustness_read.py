"""Reading odd files: UTF-16 without its BOM, UTF-8 with a few stray bytes, names and text with
control characters (found by benchmarks/robustness_sweep.py)."""

from __future__ import annotations

import os
import random

import pytest

from newstone.cli import main
from newstone.text.decode import InputError, decode_bytes, printable
from newstone.text.read import read_document

TEXT = "\u201cWe are deeply disappointed,\u201d the minister said. Critics praised the courage of the negotiators."


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_with_a_warning(codec):
    text, encoding, warnings = decode_bytes(TEXT.encode(codec), "a.txt")
    assert (text, encoding) == (TEXT, codec)
    assert warnings == (f"a.txt: no byte-order mark; decoded as {codec.upper()}",)


def test_binary_with_nuls_on_both_sides_is_still_refused():
    rnd = random.Random(3)
    data = bytes(rnd.choice([0, 0, 0, rnd.randrange(256)]) for _ in range(4096))
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data, "b.txt")


def test_utf8_with_a_few_stray_bytes_keeps_the_article():
    data = (TEXT * 20).encode() + b" \xff\xfe stray."
    text, encoding, warnings = decode_bytes(data, "s.txt")
    assert encoding == "utf-8" and text.startswith(TEXT) and text.count("\ufffd") == 2
    assert "2 byte sequences not valid UTF-8" in warnings[0] and warnings[0].startswith("s.txt: ")


def test_mostly_undecodable_bytes_are_still_refused():
    data = TEXT.encode() + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D] * 40)  # undefined in cp1252 too
    with pytest.raises(InputError, match="not valid UTF-8 .* nor cp1252"):
        decode_bytes(data, "m.txt")


def test_printable_escapes_controls_and_undecodable_bytes_on_one_line():
    assert printable("a\nb\x1b[31m\udcff.txt") == "a\\x0ab\\x1b[31m\\xff.txt"
    assert printable("caf\u00e9 \u65b0\u95fb.txt") == "caf\u00e9 \u65b0\u95fb.txt"


def test_a_file_name_that_is_not_utf8_is_printable_in_the_document(tmp_path):
    path = os.fsencode(tmp_path) + b"/bad-\xff.txt"
    with open(path, "wb") as f:
        f.write(TEXT.encode())
    doc = read_document(os.fsdecode(path))
    assert doc.source.endswith("bad-\\xff.txt")
    doc.source.encode("utf-8")  # stores and prints anywhere


def test_analyze_summary_never_sends_escape_codes_to_the_terminal(tmp_path, capsys):
    path = tmp_path / "esc.txt"
    path.write_text(TEXT * 10 + " The talks collapsed in anger \x1b]0;PWNED\x07 and \x1b[2J terrible despair.")
    assert main(["analyze", str(path), "--targets", "Nobody Here"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b]0;PWNED\\x07" in out
    assert "actor Nobody Here: no text about it (0 mentions)" in out  # a target never mentioned


def test_a_newline_in_a_file_name_keeps_the_error_on_one_line(tmp_path, capsys):
    path = tmp_path / "two\nlines.txt"
    path.write_bytes(b"")
    assert main(["analyze", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "two\\x0alines.txt: file is empty" in err


def test_a_fifo_is_refused_without_opening_it(tmp_path, capsys):
    """Reading a named pipe blocks until someone writes: in a folder it hung `newstone score`."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT)
    os.mkfifo(folder / "pipe.txt")
    from newstone.text.inputs import collect_inputs

    found, problems = collect_inputs(folder)
    assert [f.label for f in found] == ["good.txt"]
    assert [str(p) for p in problems] == [f"{folder / 'pipe.txt'}: is a named pipe (FIFO), not a regular file"]
    found, problems = collect_inputs(folder / "pipe.txt")  # named directly
    assert not found and "named pipe" in str(problems[0])
    with pytest.raises(InputError, match="named pipe"):
        read_document(folder / "pipe.txt")
    with pytest.raises(InputError, match="is a device, not a regular file"):
        read_document("/dev/zero.txt" if os.path.exists("/dev/zero.txt") else _device_link(tmp_path))


def _device_link(tmp_path):
    link = tmp_path / "zero.txt"
    os.symlink("/dev/zero", link)
    return link

from __future__ import annotations

import pytest

from newstone.text.read import InputError, decode_bytes, read_document


def test_reads_utf8_and_hashes_the_bytes(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("Kabul’s streets were quiet.\n".encode("utf-8"))
    doc = read_document(p)
    assert doc.text.startswith("Kabul’s")
    assert doc.encoding == "utf-8"
    assert doc.warnings == ()
    assert len(doc.sha256) == 64


def test_utf8_bom_is_dropped(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbfHello there.")
    assert read_document(p).text == "Hello there."


def test_cp1252_falls_back_with_a_warning(tmp_path):
    p = tmp_path / "old.txt"
    p.write_bytes("The minister’s “plan” costs €5 – says café owner.".encode("cp1252"))
    doc = read_document(p)
    assert doc.encoding == "cp1252"
    assert "“plan”" in doc.text and "€5" in doc.text and "café" in doc.text
    assert len(doc.warnings) == 1 and "old.txt" in doc.warnings[0] and "cp1252" in doc.warnings[0]


def test_utf16_with_bom(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("Talks resumed in Doha.".encode("utf-16"))
    assert read_document(p).text == "Talks resumed in Doha."


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"  \n\n \t", "file is empty"),
        ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    ],
)
def test_bad_files_give_one_line_errors_naming_the_file(tmp_path, name, content, problem):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_document(p)
    message = str(info.value)
    assert message.startswith(str(p)) and problem in message
    assert "\n" not in message


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="nope.txt: file not found"):
        read_document(tmp_path / "nope.txt")


def test_unsupported_suffix(tmp_path):
    p = tmp_path / "a.pdf"
    p.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match="unsupported file type"):
        read_document(p)


def test_undecodable_bytes_are_refused():
    # 0x81 is undefined in cp1252 and invalid as UTF-8.
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode_bytes(b"abc \x81 def", "x.txt")

"""A folder's entries that no command reads are named in one warning line, not passed over."""

from __future__ import annotations

from newstone.cli import main
from newstone.text.inputs import unread_entries

PROSE = "The council approved the budget on Monday. Residents welcomed the decision.\n"


def _folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(PROSE, encoding="utf-8")
    (d / "feed.xml").write_text("<rss><channel/></rss>", encoding="utf-8")
    (d / "photo.png").write_bytes(b"\x89PNG")
    (d / ".DS_Store").write_bytes(b"\0")
    (d / "2024").mkdir()
    (d / "2024" / "b.txt").write_text(PROSE, encoding="utf-8")
    return d


def test_other_types_and_subfolders_are_named_hidden_files_are_not(tmp_path):
    d = _folder(tmp_path)
    (line,) = unread_entries([str(d)])
    assert line.startswith(f"{d}: 2 files of other types not read (feed.xml, photo.png;")
    assert "1 subfolder not searched (2024/;" in line and ".DS_Store" not in line
    assert unread_entries([str(d / "a.txt")]) == [] and unread_entries([f"{d}/**/*.txt"]) == []
    assert len(unread_entries([str(d), f"{d}/"])) == 1  # a folder named twice is noted once


def test_score_warns_once_and_still_scores_the_rest(tmp_path, capsys):
    d = _folder(tmp_path)
    assert main(["score", str(d), "--out", str(tmp_path / "out"), "-j", "1", "--no-progress"]) == 0
    captured = capsys.readouterr()
    warnings = [ln for ln in captured.err.splitlines() if "not read" in ln]
    assert len(warnings) == 1 and warnings[0].startswith("newstone: warning: ")
    assert "1 documents" in captured.out


def test_analyze_of_a_folder_says_it_is_a_folder(tmp_path, capsys):
    d = _folder(tmp_path)
    assert main(["analyze", str(d)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"newstone: error: {d}: is a folder; this command reads files (`newstone render` and "
                   "`newstone score` read folders)"]

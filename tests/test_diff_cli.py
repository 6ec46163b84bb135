"""`policygen diff OLD NEW`: exit codes, the text summary, every output format, and all-or-nothing writing."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
import revision_cases as rc

from policygen.cli import main
from policygen.cli.diff import parse_date, redline_date

SEED = rc.seed_path("001")


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> Path:
    """Seed 001 as a text file with every 講じる → 講ずる (notation) and one real rewording."""
    path = tmp_path_factory.mktemp("edited") / "new.txt"
    path.write_text(rc.seed_text_edited("001", ("講じる", "講ずる"), ("十分な教育", "十分かつ継続的な教育")), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def notation_only(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("notation") / "new.txt"
    path.write_text(rc.seed_text_edited("001", ("講じる", "講ずる")), encoding="utf-8")
    return path


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_identical_inputs_exit_0_and_say_no_change(capsys, tmp_path):
    code, out, err = _run(capsys, "diff", SEED, SEED)
    assert (code, out, err) == (0, "no change\n", "")
    table, changes = tmp_path / "t.md", tmp_path / "c.json"
    code, out, _ = _run(capsys, "diff", SEED, SEED, "-o", table, "-o", changes)
    assert code == 0 and out == ""
    assert "改正なし" in table.read_text(encoding="utf-8")
    data = json.loads(changes.read_text(encoding="utf-8"))
    assert data["changed"] is False and data["summary"]["unchanged"] == len(data["pairs"])


def test_summary_lists_each_changed_pair(capsys, edited):
    code, out, _ = _run(capsys, "diff", SEED, edited)
    assert code == 1
    lines = out.splitlines()
    assert lines[-1] == "1 modified, 6 notation"
    assert sum(line.startswith("notation ") for line in lines) == 6
    modified = [line for line in lines if line.startswith("modified ")]
    assert modified == ["modified  6(5) → 6(5)  るとともに、[-十分-]{+十分かつ継続的+}な教育及び啓 … 人的な対策を[-講じる-]{+講ずる+}。"]


def test_ignore_notation(capsys, edited, notation_only):
    code, out, _ = _run(capsys, "diff", SEED, edited, "--ignore-notation")
    assert code == 1 and out.splitlines()[-1] == "1 modified"
    code, out, _ = _run(capsys, "diff", SEED, notation_only, "--ignore-notation")
    assert (code, out) == (0, "no change\n")
    code, _, _ = _run(capsys, "diff", SEED, notation_only)
    assert code == 1


def test_renumbering_only_is_no_change(capsys, tmp_path):
    # Seed 003 lacks its 第2条 line; numbering the articles again shifts 第3条… down by one.
    from policygen.writers.markdown import to_markdown

    old = rc.seed("003")
    new = rc.renumber(old, None)
    assert new.clauses[1].label == "第2条" and old.clauses[1].label == "第3条"
    old_path, new_path = tmp_path / "old.md", tmp_path / "new.md"
    old_path.write_text(to_markdown(old), encoding="utf-8")
    new_path.write_text(to_markdown(new), encoding="utf-8")
    code, out, _ = _run(capsys, "diff", old_path, new_path)
    renumbered = len(old.clauses) - 1
    assert (code, out) == (0, f"no change ({renumbered} renumbered)\n")


@pytest.fixture(scope="module")
def swapped_docx(tmp_path_factory) -> Path:
    """Seed 004 with sections 7 and 8 swapped, written as a real .docx."""
    from policygen.writers.docx import to_docx

    path = tmp_path_factory.mktemp("swapped") / "new.docx"
    path.write_bytes(to_docx(rc.swap(rc.seed("004"), "7", "8")))
    return path


def test_json_from_mixed_formats(capsys, tmp_path, swapped_docx):
    out_path = tmp_path / "changes.json"
    code, out, _ = _run(capsys, "diff", rc.seed_path("004"), swapped_docx, "-o", out_path)
    assert code == 1 and out == ""
    text = out_path.read_text(encoding="utf-8")
    assert "\\u" not in text and "議会" in text  # ensure_ascii=False
    data = json.loads(text)
    assert set(data) == {"format", "version", "old", "new", "changed", "summary", "pairs", "notices"}
    assert data["changed"] is True
    assert {k: v for k, v in data["summary"].items() if v and k != "unchanged"} == {"moved": 1, "renumbered": 1}
    assert list(data["summary"]) == ["unchanged", "renumbered", "notation", "modified", "moved", "added", "removed"]
    moved = [p for p in data["pairs"] if p["status"] == "moved"]
    assert len(moved) == 1 and moved[0]["modified"] is False
    assert {moved[0]["old_label"], moved[0]["new_label"]} == {"7", "8"}
    for pair in data["pairs"]:
        assert set(pair) >= {"status", "old_path", "new_path", "old_label", "new_label", "similarity", "edits"}
        for edit in pair["edits"]:
            assert set(edit) == {"op", "old", "new", "notation_only"}
    assert sum(len(p["edits"]) > 0 for p in data["pairs"]) == len(data["pairs"])


def test_every_output_at_once_is_deterministic(capsys, tmp_path, edited):
    def render(folder: Path) -> dict[str, bytes]:
        folder.mkdir()
        names = ["t.docx", "t.html", "t.md", "c.json"]
        argv = ["diff", SEED, edited, "--redline", folder / "r.docx", "--author", "総務課"]
        for name in names:
            argv += ["-o", folder / name]
        code, out, err = _run(capsys, *argv)
        assert (code, out, err) == (1, "", "")
        return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}

    first, second = render(tmp_path / "a"), render(tmp_path / "b")
    assert sorted(first) == ["c.json", "r.docx", "t.docx", "t.html", "t.md"]
    assert first == second

    markdown = first["t.md"].decode("utf-8")
    assert "<u>十分かつ継続的</u>" in markdown and "<u>十分</u>" in markdown
    assert "<u>講ずる</u>" in markdown
    html = first["t.html"].decode("utf-8")
    assert "十分かつ継続的" in html and "<table" in html
    table_xml = zipfile.ZipFile(io.BytesIO(first["t.docx"])).read("word/document.xml").decode("utf-8")
    assert "十分かつ継続的" in table_xml and "<w:u " in table_xml
    redline_xml = zipfile.ZipFile(io.BytesIO(first["r.docx"])).read("word/document.xml").decode("utf-8")
    # NEW's date is 令和8年3月: the tracked changes carry it, not the clock.
    assert set(re.findall(r'w:date="([^"]+)"', redline_xml)) == {"2026-03-01T00:00:00Z"}
    assert set(re.findall(r'w:author="([^"]+)"', redline_xml)) == {"総務課"}
    assert "<w:ins " in redline_xml and "<w:del " in redline_xml


def test_table_options_from_the_command_line(capsys, tmp_path, edited):
    table = tmp_path / "t.md"
    code, _, _ = _run(capsys, "diff", SEED, edited, "-o", table, "--columns", "old-new", "--label-new", "改正案",
                      "--label-old", "現行", "--legend", "", "--abbreviate-unchanged", "--ignore-notation")
    assert code == 1
    text = table.read_text(encoding="utf-8")
    assert "| 現行 | 改正案 |" in text
    assert "傍線部分は改正部分" not in text
    assert "(略)" in text
    assert "<u>講ずる</u>" not in text and "<u>十分かつ継続的</u>" in text


def test_redline_date_option(capsys, tmp_path, edited):
    redline = tmp_path / "r.docx"
    code, _, _ = _run(capsys, "diff", SEED, edited, "--redline", redline, "--date", "2026-04-01")
    assert code == 1
    xml = zipfile.ZipFile(redline).read("word/document.xml").decode("utf-8")
    assert set(re.findall(r'w:date="([^"]+)"', xml)) == {"2026-04-01T00:00:00Z"}


def test_redline_date_defaults():
    assert redline_date(None, {"date": "令和8年3月"}) == "2026-03-01"
    assert redline_date(None, {"date": "平成21年4月1日"}) == "2009-04-01"
    assert redline_date(None, {}) == "2000-01-01"
    assert redline_date(None, {"date": "策定日未定"}) == "2000-01-01"
    assert redline_date("2026-04-01", {"date": "令和8年3月"}) == "2026-04-01"
    now = dt.datetime.fromisoformat(redline_date("now", {}))
    assert abs((now - dt.datetime.now()).total_seconds()) < 60


@pytest.mark.parametrize(
    ("text", "expected"),
    [("令和元年5月1日", dt.date(2019, 5, 1)), ("２０２６－０３－０１", dt.date(2026, 3, 1)), ("平成２１年", dt.date(2009, 1, 1)),
     ("令和8年13月", None), ("", None)],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def _error(capsys, *argv) -> str:
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("policygen: error: "), err
    return lines[0]


def test_missing_input_writes_nothing(capsys, tmp_path):
    table = tmp_path / "t.md"
    line = _error(capsys, "diff", SEED, tmp_path / "missing.txt", "-o", table)
    assert "missing.txt: no such file" in line
    assert list(tmp_path.iterdir()) == []


def test_unknown_output_extension_writes_nothing(capsys, tmp_path, edited):
    line = _error(capsys, "diff", SEED, edited, "-o", tmp_path / "t.md", "-o", tmp_path / "t.pdf")
    assert "t.pdf: unknown output extension '.pdf'" in line
    assert list(tmp_path.iterdir()) == []


def test_unreadable_input_writes_nothing(capsys, tmp_path):
    word97 = tmp_path / "old.doc"
    word97.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    line = _error(capsys, "diff", word97, SEED, "-o", tmp_path / "c.json")
    assert "old.doc" in line and ".docx" in line
    assert [p.name for p in tmp_path.iterdir()] == ["old.doc"]


def test_input_without_clauses_is_an_error(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    line = _error(capsys, "diff", SEED, empty, "-o", tmp_path / "c.json")
    assert "empty.txt" in line and "no clauses" in line
    assert [p.name for p in tmp_path.iterdir()] == ["empty.txt"]


def test_missing_output_folder_writes_nothing(capsys, tmp_path, edited):
    good = tmp_path / "t.md"
    _error(capsys, "diff", SEED, edited, "-o", good, "-o", tmp_path / "nowhere" / "c.json")
    assert not good.exists()


def test_redline_must_be_docx_and_outputs_distinct(capsys, tmp_path, edited):
    assert "name it .docx" in _error(capsys, "diff", SEED, edited, "--redline", tmp_path / "r.md")
    same = tmp_path / "t.docx"
    assert "given both" in _error(capsys, "diff", SEED, edited, "-o", same, "--redline", same)
    assert "given twice" in _error(capsys, "diff", SEED, edited, "-o", same, "-o", same)

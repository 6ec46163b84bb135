"""The terminal report: summary, missing list, one marked line per model clause, inline edits."""

from __future__ import annotations

import re

import pytest

from policygen.writers.report import text as report_text
from policygen.writers.report.text import MARKS, Options, exit_status
from policygen.writers.report.view import display_width
from report_sample import identical_comparison, sample_comparison

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def lines():
    return report_text.render(sample_comparison()).decode("utf-8").splitlines()


def outline(lines):
    """Return the outline lines: those that start with a status mark and a space."""
    return [line for line in lines if line[:1] in MARKS.values() and line[1:2] == " "]


def test_summary_line(lines):
    assert lines[2] == "網羅率 85.7%  同一 6  表記ゆれ 2  修正 4  不足 2  独自 1  （対象外 3）"


def test_the_report_speaks_japanese_by_default_and_english_on_request(lines):
    """Japanese as the Markdown and HTML reports; `lang="en"` gives the English one, notices included."""
    assert lines[0].endswith("種別: 議会（council）") and lines[1].startswith("モデル: ")
    assert "読み取りと比較の注意:" in lines and any(line.startswith("警告: structure.orphan-items") for line in lines)
    english = report_text.render(sample_comparison(), Options(lang="en")).decode("utf-8").splitlines()
    assert english[2] == "coverage 85.7%  identical 6  notation 2  modified 4  missing 2  extra 1  (not applicable 3)"
    assert "missing applicable clauses (2):" in english and english[0].endswith("kind: council（議会）")
    assert not any(word in "\n".join(english) for word in ("網羅率", "不足", "対象外", "警告"))
    assert len(english) == len(lines) - 1  # the same report, line for line, but the notices heading


def test_one_line_per_model_clause_with_its_mark(lines):
    rows = outline(lines)
    comparison = sample_comparison()
    assert len(rows) == len(comparison.clauses)
    expected = [MARKS[r.status if r.applicable else "not_applicable"] for r in comparison.clauses]
    assert [row[0] for row in rows] == expected
    assert rows[2].startswith("≈   2(1) ネットワーク")  # indented by depth
    assert rows[8].startswith("~     4(2)① ネットワーク")
    assert rows[3].endswith("（対象外）")
    assert rows[15].endswith("（不足）") and "6(8)¶3" in rows[15]


def test_document_column_aligned_in_display_columns(lines):
    rows = [r for r in outline(lines) if "%" in r]
    assert len(rows) == 12
    assert len({display_width(r[: r.index("%")]) for r in rows}) == 1
    labels = {display_width(r[: r.rindex(label, 0, r.index("%"))]) for r, label in zip(rows, ["1", "2", "2(1)"])}
    assert len(labels) == 1


def test_missing_listed_after_summary(lines):
    start = lines.index("不足している条項（2件）:")
    assert lines[start + 1].split() == ["✗", "6(8)¶3", "ソーシャルメディアサービスを利用する場合には…"]
    assert lines[start + 2].split() == ["✗", "6(9)", "評価・見直し"]


def test_substantive_edits_inline_notation_quiet(lines):
    edit_lines = [line for line in lines if line.lstrip().startswith("| ")]
    joined = "\n".join(edit_lines)
    assert "ウィルス攻撃[-、サービス不能攻撃-]等[-のサイバー攻撃や部外者の侵入等-]{+の意図的な要因による+}" in joined
    assert "[-これらに関する設備、-]電磁的記録媒体" in joined
    assert "講じる" in joined and "講ずる" not in joined  # notation: the document's wording, unmarked
    # Only modified clauses get edit lines: 3(1), 4(2)①, 6(8), 6(8)¶2.
    assert len(edit_lines) == 4


def test_long_unchanged_text_is_cut(lines):
    assets = next(line for line in lines if "これらに関する設備" in line and "[-" in line)
    assert "…" in assets and "ネットワーク、情報システム、[-" not in assets


def test_plain_without_colour(lines):
    assert not any(ANSI.search(line) for line in lines)


def test_colour_marks_missing_and_edits():
    text = report_text.render(sample_comparison(), Options(color=True)).decode("utf-8")
    missing = [line for line in text.splitlines() if "6(9)" in line]
    assert all(line.startswith("\x1b[1;31m") for line in missing)
    assert "\x1b[31m[-、サービス不能攻撃-]\x1b[0m" in text
    assert "\x1b[32m{+の意図的な要因による+}\x1b[0m" in text
    plain = report_text.render(sample_comparison()).decode("utf-8")
    assert ANSI.sub("", text) == plain


def test_wrapping_respects_width_and_kinsoku():
    text = report_text.render(sample_comparison(), Options(width=60)).decode("utf-8")
    edit_lines = [line for line in text.splitlines() if line.lstrip().startswith("| ")]
    assert len(edit_lines) > 4  # the long ones wrapped
    for line in edit_lines:
        body = line.split("| ", 1)[1]
        assert body[:1] not in "、。）」", line
        assert display_width(line) <= 62, line  # one hanging punctuation allowed


def test_ambiguous_width_option_keeps_columns():
    text = report_text.render(sample_comparison(), Options(ambiguous=2)).decode("utf-8")
    rows = [r for r in outline(text.splitlines()) if "%" in r]
    ends = {display_width(r[: r.index("%")], ambiguous=2) for r in rows}
    assert len(ends) == 1


def test_exit_status():
    assert exit_status(sample_comparison()) == 1
    assert exit_status(identical_comparison()) == 0

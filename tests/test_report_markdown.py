"""The Markdown report: tables that keep their columns, marks that render, text that stays literal."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from policygen.writers.report import markdown as report_markdown
from policygen.writers.report.view import runs
from report_sample import SCRIPT, edits, identical_comparison, sample_comparison


def to_html(md: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)


class Cells(HTMLParser):
    """Collect table rows (lists of cell texts) and the text inside marks, from rendered Markdown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.marks: dict[str, list[str]] = {"del": [], "ins": []}
        self.open: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.rows[-1].append("")
        self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data):
        if self.open and self.open[-1] in ("td", "th"):
            self.rows[-1][-1] += data
        for tag in self.open:
            if tag in ("s", "del"):
                self.marks["del"].append(data)
            if tag in ("strong", "ins"):
                self.marks["ins"].append(data)


@pytest.fixture(scope="module")
def md():
    return report_markdown.render(sample_comparison()).decode("utf-8")


@pytest.fixture(scope="module")
def rendered(md):
    cells = Cells()
    cells.feed(to_html(md))
    return cells


def test_summary_table(rendered):
    assert rendered.rows[0] == ["網羅率", "同一", "表記ゆれ", "修正", "要確認", "不足", "独自", "対象外"]
    assert rendered.rows[1] == ["85.7%", "6", "2", "4", "0", "2", "1", "3"]


def test_clause_table_one_row_per_model_clause(rendered):
    header = ["状態", "モデル", "見出し", "文書", "類似度"]
    start = rendered.rows.index(header)
    body = rendered.rows[start + 1 : start + 1 + len(sample_comparison().clauses)]
    assert all(len(row) == 5 for row in body)
    assert body[8] == ["修正", "4(2)①", "ネットワーク、情報システム、これらに関する設備、電磁的記録…", "4(2)①", "80%"]
    assert [row[0] for row in body].count("対象外") == 3


def test_pipe_in_cell_is_escaped(md, rendered):
    assert "議員の責務 \\| 追加" in md
    extra = next(row for row in rendered.rows if row and row[0] == "7")
    assert extra == ["7", "議員の責務 | 追加", SCRIPT]


def test_missing_list_before_tables_of_clauses(md):
    assert md.index("## 不足している条項（2件）") < md.index("## 条項一覧")
    section = md.split("## 不足している条項（2件）")[1].split("##")[0]
    assert [line.split("**")[1] for line in section.strip().splitlines()] == ["6(8)¶3", "6(9)"]


def test_no_missing_section_says_none():
    md = report_markdown.render(identical_comparison()).decode("utf-8")
    assert "## 不足している条項\n\nなし" in md


def test_marks_render_even_next_to_japanese_punctuation(rendered):
    deleted = "".join(rendered.marks["del"])
    inserted = "".join(rendered.marks["ins"])
    for text in ("、サービス不能攻撃", "のサイバー攻撃や部外者の侵入等", "重要情報の詐取、内部不正等", "（クラウドサービス）"):
        assert text in deleted
    assert "の意図的な要因による" in inserted and SCRIPT in inserted


def test_no_raw_markup_survives(md):
    html = to_html(md)
    assert "<script>" not in html
    assert "~~" not in html and "**" not in html.replace("**太字**", "")


def test_notation_is_not_marked_but_listed(md, rendered):
    assert not any("ハードウ" in t for t in rendered.marks["del"] + rendered.marks["ins"])
    assert "表記の違い: ハードウエア → ハードウェア" in md


@pytest.mark.parametrize(
    "pieces",
    [
        (("=", "対策を"), ("-", "「重要」"), ("=", "の")),
        (("=", "攻撃"), ("+", "、内部不正"), ("=", "等")),
        (("-", "# 見出し風"), ("=", "本文")),
        (("=", "1. 番号\n"), ("+", "- 箇条*書き_"), ("=", "終")),
        (("~", "ア", "イ"),),
    ],
)
def test_inline_marks_round_trip(pieces):
    es = edits(*pieces)
    md = report_markdown._inline(runs(es))
    cells = Cells()
    cells.feed(to_html(md))
    assert "".join(cells.marks["del"]) == "".join(e.old for e in es if e.op != "equal")
    assert "".join(cells.marks["ins"]) == "".join(e.new for e in es if e.op != "equal")
    assert cells.tags.count("p") == 1  # still one paragraph: no heading, list or break escaped out

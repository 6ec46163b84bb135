"""Markdown reader: heading levels are hints only; escapes resolved; writer output reads back the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygen.readers import markdown, text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = {path.name[:3]: path for path in sorted((ROOT / "corpus").glob("*/*.txt"))}


def flat(clauses):
    return [(c.label, c.heading, c.text, flat(c.children)) for c in clauses]


def test_seed_004_jumping_heading_levels():
    doc = markdown.read(SEEDS["004"].read_bytes(), name="004.md")
    assert doc.title == "鎌倉市議会情報セキュリティ基本方針"
    assert [c.label for c in doc.clauses] == [str(n) for n in range(1, 11)]
    # 「#### 4」..「#### 6」 and 「##### (1)」 nest by their labels, not their levels.
    six = doc.clauses[5]
    assert six.heading == "情報セキュリティ対策"
    assert [(c.label, c.heading) for c in six.children][:2] == [("(1)", "組織体制"), ("(2)", "情報資産の分類と管理")]
    assert len(six.children) == 7
    assert [c.label for c in doc.clauses[2].children] == ["(1)", "(2)", "(3)", "(4)", "(5)"]
    assert doc.clauses[0].source == "line 5"


@pytest.mark.parametrize("seed_id", ["000", "001", "002", "003", "004"])
def test_markdown_and_text_readers_agree_on_seeds(seed_id):
    data = SEEDS[seed_id].read_bytes()
    assert flat(markdown.read(data).clauses) == flat(text.read(data).clauses)


def test_escapes_lists_and_softbreak_lines():
    source = "\n".join(
        [
            "# テスト方針",
            "",
            "## 1\u3000目的",
            "",
            r"本方針は\*重要\*である。",
            "",
            "## 2\u3000脅威",
            "",
            "- (1) 不正アクセス",
            "- (2) 災害",
            "",
            "(目的)",
            "第3条 混ざった行",
        ]
    )
    doc = markdown.read(source.encode("utf-8"))
    assert doc.title == "テスト方針"
    assert doc.clauses[0].text == "本方針は*重要*である。"
    assert [c.label for c in doc.clauses] == ["1", "2", "第3条"]
    assert doc.clauses[2].heading == "目的"


def test_ordered_list_numbers_become_labels():
    doc = markdown.read("1. 目的\n\n    本文です。\n\n2. 定義\n\n    定義です。\n".encode("utf-8"))
    assert [(c.label, c.heading) for c in doc.clauses] == [("1", "目的"), ("2", "定義")]
    assert doc.clauses[0].text == "本文です。"


def test_writer_output_reads_back_to_the_same_tree():
    from policygen.writers.markdown import to_markdown

    for seed_id in ("001", "003"):
        doc = text.read(SEEDS[seed_id].read_bytes())
        again = markdown.read(to_markdown(doc).encode("utf-8"))
        assert flat(again.clauses) == flat(doc.clauses)
        assert again.title == doc.title and again.postscript == doc.postscript

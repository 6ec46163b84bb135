"""Markdown writer: literal labels, headings where expected, nothing markdown-it-py reads as a list."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from policygen.model import Clause, Document
from policygen import layout as L
from policygen.writers.markdown import escape, to_markdown
from test_writers_layout import article_document, numbered_document

LIST_TOKENS = {"bullet_list_open", "ordered_list_open", "list_item_open"}


def _parse(text: str):
    return MarkdownIt("commonmark").parse(text)


def _headings(tokens) -> list[tuple[str, str]]:
    return [(tok.tag, tokens[i + 1].content) for i, tok in enumerate(tokens) if tok.type == "heading_open"]


def _paragraphs(tokens) -> list[str]:
    # Rendered text (escapes resolved), not the raw source of the line.
    return ["".join(c.content for c in tokens[i + 1].children) for i, tok in enumerate(tokens) if tok.type == "paragraph_open"]


def test_numbered_headings_and_paragraphs():
    text = to_markdown(numbered_document())
    tokens = _parse(text)
    assert not LIST_TOKENS & {t.type for t in tokens}
    headings = _headings(tokens)
    assert headings[0] == ("h1", "五所川原市情報セキュリティ基本方針")
    assert [h for h in headings if h[0] == "h2"][:3] == [("h2", "1 目的"), ("h2", "2 定義"), ("h2", "3 対象とする脅威")]
    assert len([h for h in headings if h[0] == "h2"]) == 10
    assert ("h3", "(1) ネットワーク") in headings and ("h3", "(12) 無害化通信") in headings
    paragraphs = _paragraphs(tokens)
    assert paragraphs[:3] == ["令和8年3月", "五所川原市総務部デジタル行政推進課", "目次"]
    assert any(p.startswith("(1)\u3000不正アクセス、ウイルス攻撃") for p in paragraphs)
    assert "①\u3000ネットワーク、情報システム、これらに関する設備、電磁的記録媒体" in paragraphs
    # The definition follows its heading directly.
    assert "### (1) ネットワーク\n\nコンピュータ等を相互に接続する" in text


def test_article_style_is_captions_and_article_paragraphs():
    text = to_markdown(article_document())
    tokens = _parse(text)
    assert not LIST_TOKENS & {t.type for t in tokens}
    assert _headings(tokens) == [("h1", "五所川原市情報セキュリティ基本方針")]
    paragraphs = _paragraphs(tokens)
    assert paragraphs[:3] == ["令和8年3月31日", "訓令第5号", "五所川原市長"]
    caption = paragraphs.index("(目的)")
    assert paragraphs[caption + 1].startswith("第1条\u3000本基本方針は、")
    assert "(1)\u3000ネットワーク\u3000コンピュータ等を相互に接続する" in text
    assert "\n\n2\u3000職員等は、その職を退いた後も" in text
    assert "\n\nア\u3000ネットワーク、情報システム" in text
    assert "\n\n(ア)\u3000庁内ネットワーク" in text
    assert text.endswith("この訓令は、令和8年4月1日から施行する。\n") and not text.endswith("\n\n")


@pytest.mark.parametrize(
    "line",
    ["1. 目的", "2) 定義", "- 不正アクセス", "* 注", "+ 追加", "# 見出し", "> 引用", "---", "***", "___",
     "```", "~~~", "10. 評価", "<div>", "*強調*", "[リンク](x)", "a\\b", "&amp;", "1.", "    字下げ"],
)
def test_escape_keeps_risky_lines_literal(line):
    tokens = _parse(escape(line))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    rendered = "".join(child.content for child in tokens[1].children)
    assert rendered == line.strip()


def test_clause_text_that_looks_like_a_list_stays_a_paragraph():
    document = Document(
        title="基本方針",
        clauses=(Clause(id="1", label="1", heading="目的", text="1. 本基本方針は\n- 次のとおり"),),
    )
    tokens = _parse(to_markdown(document))
    assert not LIST_TOKENS & {t.type for t in tokens}
    assert _paragraphs(tokens) == ["1. 本基本方針は", "- 次のとおり"]


def test_output_is_deterministic_and_ends_with_one_newline():
    document = numbered_document()
    first, second = to_markdown(document), to_markdown(document)
    assert first == second
    assert first.endswith("。\n") and "\n\n\n" not in first


def test_markdown_paragraph_order_matches_layout():
    document = numbered_document()
    blocks = L.layout(document)
    tokens = _parse(to_markdown(document))
    texts = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type in ("heading_open", "paragraph_open")]
    expected = [f"{b.label} {b.body}" if b.role in (L.HEADING1, L.HEADING2) else b.text for b in blocks]
    assert texts == expected

"""The .docx reader on real policies' shapes: Word bullets, headings without numbers, captions without articles."""

from __future__ import annotations

import io

import docx

from clause_outline import outline
from policygen.readers import docx as reader


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_declaration_with_word_bullets_and_unnumbered_headings():
    document = docx.Document()
    document.add_paragraph("みどり区情報セキュリティ基本方針", style="Title")
    document.add_heading("基本的考え方", level=2)
    document.add_paragraph("区は、区民の情報を守るため、情報セキュリティ対策に取り組みます。")
    document.add_heading("情報セキュリティ対策の方針", level=2)
    document.add_paragraph("全庁的な体制を確立します。", style="List Bullet")
    document.add_paragraph("職員の教育を徹底します。", style="List Bullet")
    doc = reader.read(_save(document), name="d.docx")
    assert doc.title == "みどり区情報セキュリティ基本方針"
    assert outline(doc.clauses) == [
        ("", "基本的考え方", "区は、区民の情報を守るため、情報セキュリティ対策に取り組みます。"),
        ("", "情報セキュリティ対策の方針", ""),
        ("  ", "", "全庁的な体制を確立します。"),
        ("  ", "", "職員の教育を徹底します。"),
    ]
    assert [c.attrs.get("bullet") for c in doc.clauses[1].children] == ["・", "・"]


def test_docx_without_any_numbering_is_read_as_unlabelled_units():
    document = docx.Document()
    document.add_paragraph("この方針は、情報資産の機密性、完全性及び可用性を維持することを目的とする。")
    document.add_paragraph("職員等は、情報セキュリティの重要性を認識し、この方針を遵守する。")
    doc = reader.read(_save(document), name="d.docx")
    assert [(c.label, c.text[:6]) for c in doc.clauses] == [("", "この方針は、"), ("", "職員等は、情")]
    assert "structure.unlabelled" in [n.code for n in doc.notices]


def test_docx_captions_without_article_bodies_and_dai_sections():
    document = docx.Document()
    document.add_paragraph("○○市情報セキュリティ規程")
    document.add_paragraph("(目的)")
    document.add_paragraph("(管理体制の整備)")
    document.add_paragraph("第1　適用範囲")
    document.add_paragraph("この規程は、市の機関に適用する。")
    doc = reader.read(_save(document), name="d.docx")
    assert outline(doc.clauses) == [
        ("", "目的", ""),
        ("", "管理体制の整備", ""),
        ("第1", "適用範囲", "この規程は、市の機関に適用する。"),
    ]

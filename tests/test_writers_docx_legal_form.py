"""Word output a 課長 signs: the title's break, 目次 with page numbers, widow control, honest properties."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given, strategies as st

from conftest import pdf_text
from policygen import layout as L
from policygen.generate.profile import profile_from_data
from policygen.generate.template import render
from policygen.model import Document
from policygen.writers.docx import title_lines, to_docx
from test_writers_layout import article_document, numbered_document

W = f"{{{qn('w:p')[1:].split('}')[0]}}}"


def _word(data: bytes):
    return docx.Document(io.BytesIO(data))


def _town(**document) -> Document:
    data = {"organization": {"name": "○○町", "kind": "town", "organs": ["内部部局"]}, "document": document}
    return render(profile_from_data(data, "test"), style=document.get("style", "numbered"))


def test_a_spaced_title_breaks_at_its_space():
    document = numbered_document()
    document = Document(title="五所川原市情報セキュリティポリシー 情報セキュリティ基本方針", clauses=document.clauses,
                        meta=document.meta)
    title = _word(to_docx(document)).paragraphs[0]
    assert title.text == "五所川原市情報セキュリティポリシー \n情報セキュリティ基本方針"


def test_a_long_title_breaks_before_the_name_of_the_document():
    assert title_lines("群馬県市町村会館管理組合情報セキュリティポリシー情報セキュリティ基本方針", 28) == [
        "群馬県市町村会館管理組合情報セキュリティポリシー", "情報セキュリティ基本方針"]
    assert title_lines("○○町情報セキュリティ基本方針", 28) == ["○○町情報セキュリティ基本方針"]


@given(st.text(alphabet="市町情報セキュリティ基本方針 ", min_size=1, max_size=80), st.integers(8, 40))
def test_no_title_line_overflows_or_is_one_character_alone(title, capacity):
    if not title.strip():
        return
    lines = title_lines(title, capacity)
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")
    if len(lines) > 1:
        assert all(len(line.strip()) >= 2 or len(title.replace(" ", "")) < 3 for line in lines), lines
    # A title that two lines can hold overflows none; a longer one is broken at its spaces where each word fits,
    # else into two balanced halves that Word wraps further.
    fits = all(len(line.strip()) <= capacity for line in lines)
    if len(title.replace(" ", "")) <= 2 * capacity:
        assert fits, (lines, capacity)
    else:
        assert fits or len(lines) == 2, (lines, capacity)


def test_the_title_reads_back_as_one_line(tmp_path):
    from policygen.readers import read_path

    document = Document(title="五所川原市情報セキュリティポリシー 情報セキュリティ基本方針",
                        clauses=numbered_document().clauses, meta=numbered_document().meta)
    path = tmp_path / "t.docx"
    path.write_bytes(to_docx(document))
    assert read_path(path).title == "五所川原市情報セキュリティポリシー 情報セキュリティ基本方針"


def test_body_paragraphs_keep_widow_and_orphan_control():
    word = _word(to_docx(numbered_document()))
    normal = word.styles["Normal"].element.find(f"{W}pPr/{W}widowControl")
    assert normal is not None and normal.get(qn("w:val")) in (None, "1", "true", "on")
    for name in ("Body Text", "Policy Item"):
        own = word.styles[name].element.find(f"{W}pPr/{W}widowControl")
        assert own is None or own.get(qn("w:val")) not in ("0", "false", "off")


def test_an_undated_document_claims_no_date_in_its_properties():
    data = to_docx(_town())
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode("utf-8")
    assert "2000-01-01" not in core and "dcterms:created" not in core and "dcterms:modified" not in core
    assert to_docx(_town()) == data


def test_a_dated_document_carries_its_date():
    props = _word(to_docx(_town(date="2026-04-01", instrument="訓令", style="article"))).core_properties
    assert (props.created.year, props.created.month, props.created.day) == (2026, 4, 1)


def _toc(word):
    return [p for p in word.paragraphs if p.style.name == "toc 1"]


def test_numbered_toc_entries_point_at_their_headings_with_page_numbers():
    word = _word(to_docx(numbered_document()))
    entries = _toc(word)
    assert len(entries) == 10
    bookmarks = {b.get(qn("w:name")): b.getparent() for b in word.element.body.iter(qn("w:bookmarkStart"))}
    for entry in entries:
        instruction = "".join(t.text for t in entry._p.iter(qn("w:instrText")))
        target = re.search(r"PAGEREF (\S+)", instruction).group(1)
        heading = bookmarks[target]
        label, text = entry.text.split("\t")[:2]
        assert heading.xpath("string(.)") == f"{label}\u3000{text}"
    # 「10」 lines up with 「1」–「9」: one tab stop after the widest label, the same on every entry
    stops = {tuple((t.position, t.alignment) for t in e.paragraph_format.tab_stops) for e in entries}
    assert len(stops) == 1
    settings = word.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_numbered_toc_page_numbers_are_laid_out_by_libreoffice(tmp_path, soffice_pdf):
    path = tmp_path / "toc.docx"
    path.write_bytes(to_docx(numbered_document()))
    pages = pdf_text(soffice_pdf(path)).split("\f")
    listed = {}
    for line in pages[0].splitlines():
        match = re.match(r"^\s*(\d+)\s+(\S+?)[.…]+\s*(\d+)\s*$", line)
        if match:
            listed[match.group(1)] = (match.group(2), int(match.group(3)))
    assert len(listed) == 10, pages[0]
    for label, (heading, page) in listed.items():
        on_page = pages[page - 1]
        assert re.search(rf"^\s*{label}\s+{re.escape(heading)}\s*$", on_page, re.M), (label, heading, page)


def test_article_toc_lists_no_articles():
    blocks = L.layout(article_document(toc=True))
    assert not [b for b in blocks if b.role in (L.TOC, L.TOC_TITLE)]
    word = _word(to_docx(article_document(toc=True)))
    assert not _toc(word) and "目次" not in [p.text for p in word.paragraphs]


def test_article_toc_lists_its_chapters_with_their_articles():
    document = article_document(toc=True)
    document = Document(title=document.title, clauses=document.clauses, meta=document.meta, preamble=("第1章 総則",))
    entries = [b.text for b in L.layout(document) if b.role == L.TOC]
    last = document.clauses[-1].label
    assert entries == [f"第1章\u3000総則（第1条―{last}）"]

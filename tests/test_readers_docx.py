"""Tests for the .docx reader: order, tables, Word numbering, headings, tracked changes, fields, ruby, errors."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from make_inputs import docx_to_pdf, pdf_to_text, soffice_available, text_to_docx
from policygen.errors import PolicygenError
from policygen.readers import docx as reader
from policygen.readers._ooxml import format_number

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEEDS = ["001_4bef1579f8598a41", "003_07866c46755dc2bc"]
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
needs_soffice = pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) not installed")


def _xml(fragment: str):
    from lxml import etree

    return etree.fromstring(f'<root xmlns:w="{W_NS}">{fragment}</root>')[0]


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{420 * (ilvl + 1)}" w:hanging="420"/></w:pPr></w:lvl>'
    )


def add_numbering(document, abstracts: dict[int, str], nums: dict[int, str]) -> None:
    """Add list definitions to a python-docx Document: {abstractNumId: levels xml}, {numId: body xml}."""
    numbering = document.part.numbering_part.element
    first_num = numbering.find(f"{{{W_NS}}}num")
    for key, levels in abstracts.items():
        element = _xml(f'<w:abstractNum w:abstractNumId="{key}"><w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
        # Schema order: every abstractNum comes before the first num.
        if first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)
    for key, body in nums.items():
        numbering.append(_xml(f'<w:num w:numId="{key}">{body}</w:num>'))


def numbered(document, text: str, num_id: int | None = None, ilvl: int | None = None, style: str | None = None):
    """Add a paragraph with a w:numPr (and/or a style) written directly into its properties."""
    paragraph = document.add_paragraph(text, style=style)
    if num_id is not None:
        ppr = paragraph._p.get_or_add_pPr()
        inner = (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + f'<w:numId w:val="{num_id}"/>'
        numpr = _xml(f"<w:numPr>{inner}</w:numPr>")
        style_el = ppr.find(f"{{{W_NS}}}pStyle")
        if style_el is not None:
            style_el.addnext(numpr)
        else:
            ppr.insert(0, numpr)
    return paragraph


# (text, expected label) in document order; built by _numbered_docx.
NUMBERED = [
    ("目的", "1"),
    ("定義", "2"),
    ("ネットワーク", "(1)"),
    ("情報システム", "(2)"),  # numbering inherited from the paragraph style
    ("サーバ", "①"),
    ("端末", "②"),
    ("情報資産", "(3)"),
    ("ネットワーク機器", "①"),  # restarts: level 1 advanced
    ("対象とする脅威", "3"),
    ("不正アクセス", "(1)"),  # restarts: level 0 advanced
    ("番号のない本文", ""),
    ("この規則は目的を定める", "第一条"),
    ("この規則で用語を定義する", "第二条"),
    ("第一の項目", "ア"),
    ("その細目", "(ア)"),
    ("第二の項目", "イ"),
    ("別表の項目", "ア"),  # a second w:num over the same list with startOverride starts again
    ("別表の次の項目", "イ"),
    ("三から始まる項目", "（３）"),  # w:start 3, full-width digits
    ("甲の項目", "甲"),
    ("乙の項目", "乙"),
    ("括弧数字の項目", "⑴"),
    ("番号を外した段落", ""),  # numId 0 switches the style's numbering off
    ("十二番目の条", "第十二条"),  # startOverride 12 on a japaneseCounting list
]


def _numbered_docx() -> bytes:
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    add_numbering(
        document,
        {
            90: _lvl(0, "decimal", "%1") + _lvl(1, "decimal", "(%2)") + _lvl(2, "decimalEnclosedCircle", "%3"),
            92: _lvl(0, "japaneseCounting", "第%1条"),
            94: _lvl(0, "aiueoFullWidth", "%1") + _lvl(1, "aiueoFullWidth", "(%2)"),
            97: _lvl(0, "decimalFullWidth", "（%1）", start=3),
            98: _lvl(0, "ideographTraditional", "%1") + _lvl(1, "decimalEnclosedParen", "%2"),
        },
        {
            91: '<w:abstractNumId w:val="90"/>',
            93: '<w:abstractNumId w:val="92"/>',
            95: '<w:abstractNumId w:val="94"/>',
            96: '<w:abstractNumId w:val="94"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>',
            99: '<w:abstractNumId w:val="97"/>',
            100: '<w:abstractNumId w:val="98"/>',
            101: '<w:abstractNumId w:val="92"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="12"/></w:lvlOverride>',
        },
    )
    style = document.styles.add_style("PolicyItem", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().insert(0, _xml('<w:numPr><w:ilvl w:val="1"/><w:numId w:val="91"/></w:numPr>'))
    plan = [
        (91, 0, None), (91, 0, None), (91, 1, None), (None, None, "PolicyItem"), (91, 2, None), (91, 2, None),
        (91, 1, None), (91, 2, None), (91, 0, None), (91, 1, None), (None, None, None),
        (93, 0, None), (93, 0, None), (95, 0, None), (95, 1, None), (95, 0, None), (96, 0, None), (96, 0, None),
        (99, 0, None), (100, 0, None), (100, 0, None), (100, 1, None), (0, None, "PolicyItem"), (101, 0, None),
    ]
    for (text, _), (num_id, ilvl, style_name) in zip(NUMBERED, plan, strict=True):
        numbered(document, text, num_id, ilvl, style_name)
    return _save(document)


def test_word_numbering_becomes_labels_and_text_stays_clean():
    got = [(p.text, p.label) for p in reader.paragraphs(_numbered_docx())]
    assert got == NUMBERED


@needs_soffice
@pytest.mark.libreoffice
def test_libreoffice_shows_the_same_numbers(tmp_path):
    """Cross-check our counting against LibreOffice's own rendering of the same numbering.xml."""
    source = tmp_path / "numbered.docx"
    source.write_bytes(_numbered_docx())
    shown = [re.sub(r"\s+", "", line) for line in pdf_to_text(docx_to_pdf(source, tmp_path)).splitlines()]
    shown = [line for line in shown if line]
    # LibreOffice 7.4 draws two Word formats differently from Word (its import maps decimalFullWidth
    # to half-width digits and has no ⑴ style): the counters agree, only the glyphs differ.
    libreoffice_glyphs = {"（３）": "（3）", "⑴": "1"}
    assert shown == [libreoffice_glyphs.get(label, label) + text for text, label in NUMBERED]


def test_format_number_japanese_formats():
    cases = {
        ("japaneseCounting", 12): "十二",
        ("japaneseCounting", 20): "二十",
        ("japaneseCounting", 105): "百五",
        ("aiueoFullWidth", 3): "ウ",
        ("irohaFullWidth", 2): "ロ",
        ("ideographTraditional", 4): "丁",
        ("decimalEnclosedCircle", 21): "㉑",
        ("decimalEnclosedParen", 11): "⑾",
        ("decimalFullWidth", 12): "１２",
        ("lowerRoman", 4): "iv",
        ("upperLetter", 28): "BB",
    }
    assert {key: format_number(key[1], key[0]) for key in cases} == cases


def test_half_width_aiueo_label_is_written_full_width():
    import docx

    document = docx.Document()
    add_numbering(document, {80: _lvl(0, "aiueo", "%1")}, {81: '<w:abstractNumId w:val="80"/>'})
    numbered(document, "項目", 81, 0)
    numbered(document, "次の項目", 81, 0)
    assert [p.label for p in reader.paragraphs(_save(document))] == ["ア", "イ"]


def test_body_paragraphs_and_tables_in_document_order_headers_ignored():
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "ヘッダの文字"
    document.sections[0].footer.paragraphs[0].text = "フッタの文字"
    document.add_paragraph("前の段落")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "表1行1列"
    table.cell(0, 1).text = "表1行2列"
    table.cell(1, 0).text = "表2行1列"
    table.cell(1, 1).paragraphs[0].text = "表2行2列その1"
    table.cell(1, 1).add_paragraph("表2行2列その2")
    document.add_paragraph("")
    document.add_paragraph("　後の段落　")
    got = [p.text for p in reader.paragraphs(_save(document))]
    assert got == ["前の段落", "表1行1列", "表1行2列", "表2行1列", "表2行2列その1", "表2行2列その2", "後の段落"]


def test_heading_styles_become_hints():
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    document.add_heading("情報セキュリティ基本方針", level=1)
    document.add_heading("目的", level=2)
    japanese = document.styles.add_style("見出し 3", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("定義", style=japanese)
    outline = document.add_paragraph("アウトライン見出し")
    outline._p.get_or_add_pPr().append(_xml('<w:outlineLvl w:val="1"/>'))
    document.add_paragraph("本文")
    got = [(p.text, p.hint) for p in reader.paragraphs(_save(document))]
    assert got == [
        ("情報セキュリティ基本方針", "heading:1"),
        ("目的", "heading:2"),
        ("定義", "heading:3"),
        ("アウトライン見出し", "heading:2"),
        ("本文", ""),
    ]


def _paragraph_with(document, runs_xml: str):
    paragraph = document.add_paragraph()
    for element in list(_xml(f"<w:p>{runs_xml}</w:p>")):
        paragraph._p.append(element)
    return paragraph


def test_tracked_changes_are_accepted_and_noticed():
    import docx

    document = docx.Document()
    _paragraph_with(
        document,
        '<w:r><w:t>本市が</w:t></w:r>'
        '<w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>保有する</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:t>管理する</w:t></w:r></w:ins>'
        '<w:r><w:t>情報資産</w:t></w:r>'
        '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>（移動前）</w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="4" w:author="a"><w:r><w:t>（移動後）</w:t></w:r></w:moveTo>',
    )
    paras, notices = reader.extract(_save(document))
    assert [p.text for p in paras] == ["本市が管理する情報資産（移動後）"]
    assert [(n.code, n.level) for n in notices] == [("docx.tracked-changes", "info")]


def test_untracked_document_has_no_notice():
    import docx

    document = docx.Document()
    document.add_paragraph("変更履歴のない段落")
    assert reader.extract(_save(document))[1] == []


def test_deleted_paragraph_mark_merges_with_next_paragraph():
    import docx

    document = docx.Document()
    first = _paragraph_with(document, "<w:r><w:t>前半の文は、</w:t></w:r>")
    first._p.get_or_add_pPr().append(_xml('<w:rPr><w:del w:id="5" w:author="a"/></w:rPr>'))
    document.add_paragraph("後半に続く。")
    document.add_paragraph("別の段落")
    paras, notices = reader.extract(_save(document))
    assert [p.text for p in paras] == ["前半の文は、後半に続く。", "別の段落"]
    assert notices and notices[0].code == "docx.tracked-changes"


def test_fields_keep_result_and_drop_instruction():
    import docx

    document = docx.Document()
    _paragraph_with(
        document,
        '<w:r><w:t>施行日は</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> DATE \\@ "yyyy年M月d日" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>2026年3月1日</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:t>とする。</w:t></w:r>'
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>（簡易フィールド）</w:t></w:r></w:fldSimple>',
    )
    assert [p.text for p in reader.paragraphs(_save(document))] == ["施行日は2026年3月1日とする。（簡易フィールド）"]


def test_ruby_keeps_base_text_only():
    import docx

    document = docx.Document()
    _paragraph_with(
        document,
        '<w:r><w:t>情報資産の</w:t></w:r>'
        '<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="distributeSpace"/></w:rubyPr>'
        '<w:rt><w:r><w:t>きょうじん</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>強靱</w:t></w:r></w:rubyBase>'
        '</w:ruby></w:r><w:r><w:t>性</w:t></w:r>',
    )
    assert [p.text for p in reader.paragraphs(_save(document))] == ["情報資産の強靱性"]


def test_line_break_splits_heading_from_body_and_hidden_text_is_dropped():
    import docx

    document = docx.Document()
    _paragraph_with(
        document,
        '<w:r><w:t>1 目的</w:t><w:br/><w:t>本基本方針は、</w:t></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>（隠し文字）</w:t></w:r>'
        '<w:r><w:t>目的とする。</w:t></w:r>',
    )
    assert [p.text for p in reader.paragraphs(_save(document))] == ["1 目的", "本基本方針は、目的とする。"]


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_docx_paragraphs_equal_source_lines(seed, tmp_path):
    text = (CORPUS / seed / f"{seed}.txt").read_text(encoding="utf-8")
    path = text_to_docx(text, tmp_path / "seed.docx", header="ヘッダ", page_numbers=True)
    got = [p.text for p in reader.paragraphs(path.read_bytes(), name="seed.docx")]
    assert got == [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"plain text, not a zip", "seed.docx: not a .docx file (not a zip archive)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "old binary .doc"),
        (b"PK\x03\x04 broken", "seed.docx: not a .docx file"),
    ],
)
def test_bad_input_gives_one_line_error(data, expected):
    with pytest.raises(PolicygenError) as info:
        reader.paragraphs(data, name="seed.docx")
    message = str(info.value)
    assert expected in message and "\n" not in message


def test_zip_that_is_not_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not word")
    with pytest.raises(PolicygenError) as info:
        reader.paragraphs(buffer.getvalue(), name="archive.docx")
    assert str(info.value).startswith("archive.docx: ") and "\n" not in str(info.value)


def _tree(document) -> list[tuple[str, str, str, str]]:
    return [(c.id, c.label, c.heading, c.text) for c in document.walk()]


@pytest.mark.parametrize("seed", SEEDS)
def test_read_builds_the_same_document_as_the_plain_lines(seed, tmp_path):
    from policygen.model import Paragraph
    from policygen.readers.structure import build_document

    text = (CORPUS / seed / f"{seed}.txt").read_text(encoding="utf-8")
    path = text_to_docx(text, tmp_path / "seed.docx")
    got = reader.read(path.read_bytes(), name="seed.docx")
    expected = build_document([Paragraph(text=line.strip()) for line in text.splitlines() if line.strip()])
    assert len(got.clauses) >= 10
    assert _tree(got) == _tree(expected)
    assert got.title == expected.title


def test_read_nests_word_numbered_paragraphs_and_reports_tracked_changes():
    import docx

    document = docx.Document()
    add_numbering(
        document,
        {70: _lvl(0, "decimal", "%1") + _lvl(1, "decimal", "(%2)")},
        {71: '<w:abstractNumId w:val="70"/>'},
    )
    document.add_paragraph("情報セキュリティ基本方針")
    numbered(document, "目的", 71, 0)
    document.add_paragraph("本基本方針は、情報資産を守ることを目的とする。")
    numbered(document, "定義", 71, 0)
    numbered(document, "ネットワーク", 71, 1)
    document.add_paragraph("通信網をいう。")
    _paragraph_with(
        document,
        '<w:ins w:id="9" w:author="a"><w:r><w:t>以上</w:t></w:r></w:ins>',
    )
    got = reader.read(_save(document), name="numbered.docx")
    top = [(c.label, c.heading) for c in got.clauses]
    assert top[:2] == [("1", "目的"), ("2", "定義")]
    assert got.clauses[0].text == "本基本方針は、情報資産を守ることを目的とする。"
    child = got.clauses[1].children[0]
    assert (child.label, child.heading, child.text) == ("(1)", "ネットワーク", "通信網をいう。")
    assert "docx.tracked-changes" in [n.code for n in got.notices]

"""Word writer: structure, Japanese styling, literal labels, footer page numbers, reference styles, PDF."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from conftest import pdf_text
from policygen.errors import PolicygenError
from policygen.model import Clause, Document
from policygen import layout as L
from policygen.generate.resources import templates_dir
from policygen.writers.docx import document_date, house_reference_docx, to_docx
from test_writers_layout import article_document, numbered_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def numbered_bytes() -> bytes:
    return to_docx(numbered_document())


@pytest.fixture(scope="module")
def article_bytes() -> bytes:
    return to_docx(article_document())


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _body_paragraphs(word):
    return [p for p in word.paragraphs]


def _printed(block: L.Block) -> str:
    """Return a block's text as the Word paragraph holds it: a 目次 entry is label, tab, heading, tab, page."""
    if block.role == L.TOC and block.label:
        return f"{block.label}\t{block.body}\t"
    return block.text


def _word_text(paragraph) -> str:
    """Return a paragraph's text with a title's line breaks (where it wraps) taken out."""
    return paragraph.text.replace("\n", "") if paragraph.style.name == "Title" else paragraph.text


@pytest.mark.parametrize("make", [numbered_document, article_document])
def test_paragraph_text_and_order_follow_the_layout(make):
    document = make()
    word = _open(to_docx(document))
    assert [_word_text(p) for p in word.paragraphs] == [_printed(b) for b in L.layout(document)]


def test_roles_map_to_real_paragraph_styles(numbered_bytes):
    blocks = L.layout(numbered_document())
    styles = [p.style.name for p in _open(numbered_bytes).paragraphs]
    pairs = set(zip((b.role for b in blocks), styles))
    assert (L.TITLE, "Title") in pairs
    assert (L.HEADING1, "Heading 1") in pairs and (L.HEADING2, "Heading 2") in pairs
    assert (L.BODY, "Body Text") in pairs and (L.ITEM, "Policy Item") in pairs
    assert len({style for role, style in pairs if role == L.HEADING1}) == 1
    headings = [p.text for p in _open(numbered_bytes).paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "1\u3000目的" and len(headings) == 10


def test_article_captions_are_heading_2_and_articles_are_items(article_bytes):
    paragraphs = _open(article_bytes).paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == "(目的)")
    assert paragraphs[index].style.name == "Heading 2"
    assert paragraphs[index + 1].style.name == "Policy Item"
    assert paragraphs[index + 1].text.startswith("第1条\u3000")


def _ind(paragraph) -> dict[str, str]:
    ind = paragraph._p.pPr.find(qn("w:ind"))
    return {key.split("}")[1]: value for key, value in ind.attrib.items()}


def test_hanging_indents_one_character_per_level(numbered_bytes, article_bytes):
    paragraphs = _open(numbered_bytes).paragraphs
    threat = next(p for p in paragraphs if p.text.startswith("(1)\u3000不正アクセス"))
    assert _ind(threat) == {"leftChars": "200", "left": "440", "hangingChars": "100", "hanging": "220"}
    circled = next(p for p in paragraphs if p.text.startswith("①\u3000ネットワーク"))
    assert _ind(circled)["leftChars"] == "300" and _ind(circled)["hangingChars"] == "100"
    definition = next(p for p in paragraphs if p.text.startswith("コンピュータ等を相互に"))
    assert _ind(definition) == {"leftChars": "200", "left": "440", "firstLineChars": "100", "firstLine": "220"}
    paragraphs = _open(article_bytes).paragraphs
    article = next(p for p in paragraphs if p.text.startswith("第1条"))
    assert _ind(article)["leftChars"] == "100" and _ind(article)["hangingChars"] == "100"
    kana = next(p for p in paragraphs if p.text.startswith("(ア)"))
    assert _ind(kana)["leftChars"] == "400"


def test_styles_use_mincho_for_east_asian_text_and_japanese_language(numbered_bytes):
    styles = _open(numbered_bytes).styles
    for name in ("Normal", "Heading 1", "Heading 2", "Title", "Body Text", "Policy Item"):
        fonts = styles[name].element.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None and fonts.get(qn("w:eastAsia")) == "ＭＳ 明朝", name
    normal_lang = styles["Normal"].element.find(f"{W}rPr/{W}lang")
    assert normal_lang.get(qn("w:eastAsia")) == "ja-JP"
    defaults = styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults.get(qn("w:eastAsia")) == "ja-JP"
    size = styles["Normal"].font.size
    assert Pt(10.5) <= size <= Pt(12)
    assert styles["Title"].font.size > size


def test_no_word_auto_numbering_anywhere(numbered_bytes, article_bytes):
    for data in (numbered_bytes, article_bytes):
        for name, content in _parts(data).items():
            assert b"<w:numPr" not in content, name
            assert b"numbering" not in name.encode()


def test_page_setup_is_a4_with_house_margins(numbered_bytes):
    section = _open(numbered_bytes).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [25, 25, 30, 17]


def test_footer_has_a_centred_page_field(numbered_bytes):
    footer = _open(numbered_bytes).sections[0].footer
    assert not footer.is_linked_to_previous
    xml = footer._element.xml
    assert re.search(r"<w:instrText[^>]*>\s*PAGE\s*</w:instrText>", xml)
    assert '<w:jc w:val="center"/>' in xml


def test_core_properties_are_filled_and_pinned(numbered_bytes):
    props = _open(numbered_bytes).core_properties
    assert props.title == "五所川原市情報セキュリティ基本方針"
    assert props.author == "五所川原市"
    assert props.created.year == 2026 and props.created.month == 3
    assert props.modified == props.created


@pytest.mark.parametrize(
    "value, expected",
    [("令和8年3月", (2026, 3, 1)), ("令和元年５月１日", (2019, 5, 1)), ("平成21年4月1日", (2009, 4, 1)),
     ("2024年10月", (2024, 10, 1)), ("令和8年3月\u3000策定", (2026, 3, 1)), ("", None), ("令和8年13月", None)],
)
def test_document_date_reads_japanese_era_dates(value, expected):
    when = document_date(Document(meta={"date": value}))
    assert (None if when is None else (when.year, when.month, when.day)) == expected


def test_two_renders_give_identical_bytes_with_fixed_zip_times(numbered_bytes):
    assert to_docx(numbered_document()) == numbered_bytes
    with zipfile.ZipFile(io.BytesIO(numbered_bytes)) as archive:
        infos = archive.infolist()
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert infos[0].filename == "[Content_Types].xml"


def test_characters_that_xml_cannot_hold_are_dropped():
    document = Document(title="方針\x0c", clauses=(Clause(id="1", label="1", heading="目的", text="本\x00文\x1b。"),))
    word = _open(to_docx(document))
    assert [p.text for p in word.paragraphs] == ["方針", "1\u3000目的", "本文。"]


# ---- reference .docx ---------------------------------------------------------------------------


def _reference_docx(*, numbered_heading: bool = False) -> bytes:
    """Build a user's reference document: red 16 pt ゴシック Heading 1, B5 paper, some old content."""
    word = docx.Document()
    heading = word.styles["Heading 1"]
    heading.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    heading.font.size = Pt(16)
    fonts = heading.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:eastAsia"), "ＭＳ ゴシック")
    if numbered_heading:
        ppr = heading.element.get_or_add_pPr()
        ppr.get_or_add_numPr().get_or_add_numId().val = 1
    section = word.sections[0]
    section.page_width, section.page_height = Mm(182), Mm(257)
    word.add_paragraph("古い本文（消えるべき段落）")
    word.add_table(rows=1, cols=1)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def test_reference_docx_supplies_styles_and_page_setup():
    document = numbered_document()
    data = to_docx(document, reference_docx=_reference_docx())
    word = _open(data)
    assert [_word_text(p) for p in word.paragraphs] == [_printed(b) for b in L.layout(document)]
    assert not word.tables
    heading = word.styles["Heading 1"]
    assert heading.font.color.rgb == RGBColor(0xC0, 0x00, 0x00) and heading.font.size == Pt(16)
    assert heading.element.find(f"{W}rPr/{W}rFonts").get(qn("w:eastAsia")) == "ＭＳ ゴシック"
    (toc_entry,) = [p for p in word.paragraphs if p.text == "1\t目的\t"]
    (first_heading,) = [p for p in word.paragraphs if p.text == "1\u3000目的"]
    assert (toc_entry.style.name, first_heading.style.name) == ("toc 1", "Heading 1")
    # Styles the reference lacks come from the house set.
    assert word.styles["Policy Item"].element.find(f"{W}rPr/{W}rFonts").get(qn("w:eastAsia")) == "ＭＳ 明朝"
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (182, 257)
    assert "PAGE" in section.footer._element.xml
    assert to_docx(document, reference_docx=_reference_docx()) == data


def test_reference_style_numbering_is_removed():
    reference = _reference_docx(numbered_heading=True)
    assert _open(reference).styles["Heading 1"].element.pPr.numPr is not None
    word = _open(to_docx(numbered_document(), reference_docx=reference))
    assert word.styles["Heading 1"].element.pPr.numPr is None
    assert b"<w:numPr" not in _parts(to_docx(numbered_document(), reference_docx=reference))["word/document.xml"]


@pytest.mark.parametrize(
    "data, reason",
    [(b"not a zip at all", "File is not a zip file"), (None, ""), (b"", "")],
)
def test_unusable_reference_is_a_one_line_error(data, reason):
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "こんにちは")
        data = buffer.getvalue()
    with pytest.raises(PolicygenError) as caught:
        to_docx(numbered_document(), reference_docx=data, reference_name="style.docx")
    message = str(caught.value)
    assert message.startswith("style.docx: not a usable Word .docx file") and "\n" not in message
    assert reason in message


def test_shipped_reference_is_current_and_reproduces_the_house_style():
    shipped = (templates_dir() / "reference.docx").read_bytes()
    # Regenerate with: policygen.writers.docx.house_reference_docx() → templates/reference.docx
    assert shipped == house_reference_docx()
    styles = {p.style.name for p in _open(shipped).paragraphs}
    assert {"Title", "Document Info", "Heading 1", "Heading 2", "Body Text", "Policy Item", "toc 1"} <= styles
    document = article_document()
    assert to_docx(document, reference_docx=shipped) == to_docx(document)


# ---- LibreOffice ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered_pdfs(tmp_path_factory, soffice_pdf, numbered_bytes, article_bytes):
    folder = tmp_path_factory.mktemp("docx-pdf")
    paths = {}
    for name, data in (("numbered", numbered_bytes), ("article", article_bytes)):
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        paths[name] = soffice_pdf(path)
    return paths


@pytest.mark.libreoffice
def test_libreoffice_renders_japanese_headings_and_page_numbers(rendered_pdfs):
    text = pdf_text(rendered_pdfs["numbered"])
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) >= 3
    assert "五所川原市情報セキュリティ基本方針" in pages[0] and "目次" in pages[0]
    flat = re.sub(r"[ \u3000]+", " ", text)
    for heading in ("1 目的", "2 定義", "(1) ネットワーク", "6 情報セキュリティ対策", "(12) 無害化通信"):
        assert heading in flat
    # The footer's PAGE field: each page ends with its own number.
    last_lines = [page.strip().splitlines()[-1].strip() for page in pages if page.strip()]
    assert last_lines == [str(n) for n in range(1, len(last_lines) + 1)]


@pytest.mark.libreoffice
def test_libreoffice_uses_a_mincho_font(rendered_pdfs):
    fonts = subprocess.run(["pdffonts", str(rendered_pdfs["article"])], capture_output=True, text=True).stdout
    assert "Mincho" in fonts
    # pdftotext puts spaces where Word-style autospacing separates digits from kanji.
    text = re.sub(r"[ \u3000]+", "", pdf_text(rendered_pdfs["article"]))
    assert "(目的)\n第1条本基本方針は" in text and "訓令第5号" in text and "(ア)庁内ネットワーク" in text


def _line_starts(pdf_path) -> list[tuple[float, str]]:
    """Return (indent in characters from the left margin, text) for every line of the PDF."""
    import pdfplumber

    margin_pt, char_pt = 30 / 25.4 * 72, 11.0
    lines = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            rows: dict[int, list] = {}
            for char in page.chars:
                rows.setdefault(round(char["top"]), []).append(char)
            for _, chars in sorted(rows.items()):
                chars.sort(key=lambda c: c["x0"])
                indent = (chars[0]["x0"] - margin_pt) / char_pt
                lines.append((round(indent, 1), "".join(c["text"] for c in chars)))
    return lines


@pytest.mark.libreoffice
def test_libreoffice_indents_follow_the_hierarchy(rendered_pdfs):
    lines = _line_starts(rendered_pdfs["article"])

    def indent_of(prefix: str, offset: int = 0) -> float:
        index = next(i for i, (_, text) in enumerate(lines) if text.startswith(prefix))
        return lines[index + offset][0]

    assert indent_of("(目的)") == 1.0
    assert indent_of("第1条") == 0.0 and indent_of("第1条", 1) == 1.0  # the article hangs one character
    assert indent_of("(1)\u3000ネットワーク") == 1.0 and indent_of("(1)\u3000ネットワーク", 1) == 2.0
    assert indent_of("ア\u3000ネットワーク") == 2.0
    assert indent_of("(ア)\u3000庁内") == 3.0
    assert indent_of("2\u3000職員等は") == 0.0
    assert indent_of("附\u3000則") == 3.0 and indent_of("この訓令は") == 1.0
    lines = _line_starts(rendered_pdfs["numbered"])
    lines = lines[next(i for i, (_, text) in enumerate(lines) if text.startswith("第1章")):]  # past the 目次
    assert indent_of("1\u3000目的") == 0.0 and indent_of("1\u3000目的", 1) == 1.0 + 1.0
    assert indent_of("(1)\u3000不正アクセス") == 1.0 and indent_of("(1)\u3000不正アクセス", 1) == 2.0
    assert indent_of("①\u3000ネットワーク") == 2.0
    assert indent_of("(1)\u3000ネットワーク") == 1.0 and indent_of("(1)\u3000ネットワーク", 1) == 3.0

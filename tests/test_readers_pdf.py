"""Tests for the PDF reader on real PDFs made by LibreOffice from seed texts (with header and page numbers)."""

from __future__ import annotations

import difflib
import functools
import io
import re
from pathlib import Path

import pytest

from make_inputs import docx_to_pdf, soffice_available, text_to_docx
from policygen.errors import PolicygenError
from policygen.readers import pdf as reader

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEEDS = ["001_4bef1579f8598a41", "003_07866c46755dc2bc"]
HEADER = "例規集 第3編 総務 情報管理"
pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) not installed"),
]


@functools.lru_cache(maxsize=None)
def _paragraphs(data: bytes) -> list:
    """Parse each test PDF once (pdfplumber needs about a second for a five-page PDF)."""
    return reader.paragraphs(data)


@functools.lru_cache(maxsize=None)
def _lines(data: bytes) -> list:
    return reader.lines(data)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _source_lines(seed: str) -> list[str]:
    text = (CORPUS / seed / f"{seed}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seed_pdfs(tmp_path_factory) -> dict[str, bytes]:
    """Seeds 001 and 003 as PDFs: .docx in IPAex明朝 with a running header and a 「- N -」 footer."""
    out = tmp_path_factory.mktemp("seed-pdfs")
    pdfs = {}
    for seed in SEEDS:
        text = (CORPUS / seed / f"{seed}.txt").read_text(encoding="utf-8")
        docx_path = text_to_docx(text, out / f"{seed[:3]}.docx", header=HEADER, page_numbers=True)
        pdfs[seed] = docx_to_pdf(docx_path, out).read_bytes()
    return pdfs


LONG = (
    "情報セキュリティ責任者は、所管する情報システムの開発、導入、設定の変更、運用、更新及び廃棄に当たっては、"
    "当該情報システムに係る情報資産の機密性、完全性及び可用性を確保するため、あらかじめ必要な対策を定め、"
    "統括情報管理者の承認を得た上で、職員及び委託事業者にこれを実施させるとともに、その実施状況を定期的に確認し、"
    "不備が認められた場合には速やかに是正のための措置を講じ、その結果を記録して一定期間保存しなければならない。"
    "また、情報システムの利用者に対しては、必要な教育及び訓練を行い、情報セキュリティに関する意識の向上を図るものとする。"
)
LATIN = (
    "Information security policy documents are read by Cloud Service Providers and LGWAN operators alike, "
    "so that the English words of a wrapped sentence must come back separated by single spaces."
)


@pytest.fixture(scope="module")
def layout_pdf(tmp_path_factory) -> bytes:
    """A PDF whose long paragraph crosses a page break, plus a wrapped English paragraph."""
    out = tmp_path_factory.mktemp("layout-pdf")
    fillers = [f"({n}) 埋め草の段落その{n}" for n in range(1, 42)]
    text = "\n".join(fillers + [LONG, LATIN, "(42) 最後の段落"])
    return docx_to_pdf(text_to_docx(text, out / "layout.docx", header=HEADER, page_numbers=True), out).read_bytes()


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_pdf_paragraphs_equal_source_paragraphs(seed, seed_pdfs):
    got = [_squash(p.text) for p in reader.paragraphs(seed_pdfs[seed], name=f"{seed}.pdf")]
    assert got == [_squash(line) for line in _source_lines(seed)]


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_pdf_keeps_typed_spaces_and_drops_layout_spaces(seed, seed_pdfs):
    """Beyond whitespace-free equality: the text is the source's, with typed spaces where they were typed."""
    got = [p.text for p in _paragraphs(seed_pdfs[seed])]
    # The source's own damage 「(1 1)」 is repaired; a TOC tab prints as a gap and comes back as a space.
    expected = [re.sub(r"\((\d) (\d)\)", r"(\1\2)", line).replace("\t", " ") for line in _source_lines(seed)]
    assert got == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_no_header_footer_or_page_number_leaks(seed, seed_pdfs):
    paragraphs = _paragraphs(seed_pdfs[seed])
    pages = {p.source for p in paragraphs}
    assert len(pages) >= 3  # the seeds span several pages, so furniture repeats
    for paragraph in paragraphs:
        assert _squash(HEADER) not in _squash(paragraph.text)
        assert not re.search(r"-\s*\d+\s*-", paragraph.text), paragraph.text


def test_header_lines_exist_in_the_raw_pdf(seed_pdfs):
    """Guard against a vacuous leak test: the header and page numbers really are printed."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(seed_pdfs[SEEDS[1]])) as pdf:
        texts = [_squash(page.extract_text()) for page in pdf.pages]
    assert all(_squash(HEADER) in text for text in texts)
    assert all(f"-{n}-" in text for n, text in enumerate(texts, start=1))


def test_long_paragraph_wrapped_over_three_lines_is_one_paragraph(seed_pdfs):
    data = seed_pdfs[SEEDS[0]]
    start = "本基本方針が適用される行政機関は"
    printed = [line for line in _lines(data) if line.text.startswith(start)]
    assert printed, "the paragraph is printed"
    body = _lines(data)
    index = body.index(printed[0])
    joined = [p.text for p in _paragraphs(data) if p.text.startswith(start)]
    source = next(line for line in _source_lines(SEEDS[0]) if line.startswith(start))
    # The paragraph occupies the printed line where it starts and the following ones until it is complete.
    covered, count = "", 0
    while _squash(covered) != _squash(source):
        covered += body[index + count].text
        count += 1
    assert count >= 3
    assert joined == [source]


def test_paragraph_crossing_a_page_break_is_joined(layout_pdf):
    body = _lines(layout_pdf)
    long_lines = [line for line in body if _squash(line.text) in _squash(LONG)]
    assert {line.page for line in long_lines} == {1, 2}, "precondition: LONG is split across pages 1 and 2"
    got = [p.text for p in _paragraphs(layout_pdf)]
    assert got == [f"({n}) 埋め草の段落その{n}" for n in range(1, 42)] + [LONG, LATIN, "(42) 最後の段落"]


def test_spaces_inside_japanese_words_are_removed_but_label_space_kept(seed_pdfs):
    # LibreOffice prints 「第1条」 with Asian/Latin autospace gaps that pdftotext reads as 「第 1 条」.
    texts = [p.text for p in _paragraphs(seed_pdfs[SEEDS[1]])]
    assert "第1条 この規則は、情報セキュリティに関しその確保" in texts[4]
    assert texts[5].startswith("(1) 電子計算機 ハードウェア及びソフトウェア")
    assert "(昭和25年法律第261号)第3条第2項" in next(t for t in texts if t.startswith("第3条"))


@pytest.fixture(scope="module")
def tight_pdf(tmp_path_factory) -> bytes:
    """Seed 001 with no space between paragraphs: only line ends, labels and indents separate them."""
    out = tmp_path_factory.mktemp("tight-pdf")
    text = (CORPUS / SEEDS[0] / f"{SEEDS[0]}.txt").read_text(encoding="utf-8")
    docx_path = text_to_docx(text, out / "tight.docx", header=HEADER, page_numbers=True, space_after_pt=0)
    return docx_to_pdf(docx_path, out).read_bytes()


def test_without_paragraph_spacing_only_truly_ambiguous_joins_remain(tight_pdf):
    """Without vertical space a paragraph whose last line ends exactly at the margin looks wrapped.

    Measured: 93 of 94 paragraphs exact; the one join is 6(8)'s first paragraph, a full last line
    ending in 「。」 followed by an unlabelled paragraph, which the page itself cannot tell apart.
    """
    source = [_squash(line) for line in _source_lines(SEEDS[0])]
    got = [_squash(p.text) for p in _paragraphs(tight_pdf)]
    matcher = difflib.SequenceMatcher(None, source, got, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        # Every difference must be consecutive source paragraphs merged, the first ending a sentence.
        assert op == "replace" and j2 - j1 == 1 and "".join(source[i1:i2]) == got[j1], (source[i1:i2], got[j1:j2])
        assert all(part.endswith("。") for part in source[i1 : i2 - 1])
    assert len(got) >= len(source) - 2


def _encrypted(data: bytes, user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_encrypted_pdf_gives_one_line_error(seed_pdfs):
    pytest.importorskip("pypdf")
    with pytest.raises(PolicygenError) as info:
        reader.paragraphs(_encrypted(seed_pdfs[SEEDS[1]], "open-sesame"), name="locked.pdf")
    message = str(info.value)
    assert message.startswith("locked.pdf: ") and "encrypted" in message and "\n" not in message


def test_pdf_with_only_an_owner_password_is_read(seed_pdfs):
    pytest.importorskip("pypdf")
    got = reader.paragraphs(_encrypted(seed_pdfs[SEEDS[1]], ""), name="restricted.pdf")
    assert [_squash(p.text) for p in got] == [_squash(line) for line in _source_lines(SEEDS[1])]


def _scanned_pdf() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(image)
    for row in range(20):  # dark bars where a scan would have lines of text
        draw.rectangle((150, 200 + row * 60, 1090, 230 + row * 60), fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=150)
    return buffer.getvalue()


def test_scanned_pdf_without_text_layer_gives_one_line_error():
    with pytest.raises(PolicygenError) as info:
        reader.paragraphs(_scanned_pdf(), name="scan.pdf")
    message = str(info.value)
    assert message.startswith("scan.pdf: ") and "no text layer" in message and "\n" not in message


@pytest.mark.parametrize(
    "data, fragment",
    [(b"Hello, this is text", "not a PDF file"), (b"%PDF-1.7\n1 0 obj <<", "cannot read the PDF")],
)
def test_not_a_pdf_or_broken_pdf_gives_one_line_error(data, fragment):
    with pytest.raises(PolicygenError) as info:
        reader.paragraphs(data, name="bad.pdf")
    assert str(info.value).startswith("bad.pdf: ") and fragment in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("(1 1) 通信経路の分割", "(11) 通信経路の分割"),
        ("（１ ２）　無害化通信", "（１２）\u3000無害化通信"),
        ("( 3 ) 項目", "(3) 項目"),
        ("第1条  この規則は", "第1条 この規則は"),
    ],
)
def test_clean_line_repairs_split_numbers(line, expected):
    assert reader.clean_line(line) == expected


@pytest.mark.parametrize("text", ["1", "- 2 -", "3/10", "－１－", "— 12 —", "第3頁", "p. 4", "5 / 12"])
def test_page_number_lines_are_recognised(text):
    assert reader._PAGE_NUMBER.match(text.replace(" ", ""))


@pytest.mark.parametrize("text", ["1 目的", "(1)", "第1条", "令和8年3月"])
def test_other_short_lines_are_not_page_numbers(text):
    assert not reader._PAGE_NUMBER.match(text.replace(" ", ""))


@pytest.mark.parametrize("seed", SEEDS)
def test_read_builds_the_same_clause_tree_as_the_plain_lines(seed, seed_pdfs):
    from policygen.model import Paragraph
    from policygen.readers.structure import build_document

    got = reader.read(seed_pdfs[seed], name=f"{seed}.pdf")
    expected = build_document([Paragraph(text=line) for line in _source_lines(seed)])
    assert len(got.clauses) >= 10

    def tree(document):
        return [(c.id, c.label, c.heading, _squash(c.text)) for c in document.walk()]

    assert tree(got) == tree(expected)
    assert got.meta.get("style") == expected.meta.get("style")

"""Write a Document as a Word .docx in Japanese official-document style, byte-for-byte reproducibly."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from policygen.errors import PolicygenError
from policygen.model import Document
from policygen import layout as L
from policygen.writers import _ooxml as ooxml

_STYLE_OF_ROLE = {
    L.TITLE: "Title",
    L.META: "Document Info",
    L.TOC_TITLE: "TOC Heading",
    L.TOC: "toc 1",
    L.HEADING1: "Heading 1",
    L.HEADING2: "Heading 2",
    L.CAPTION: "Heading 2",
    L.BODY: "Body Text",
    L.ITEM: "Policy Item",
    L.PREAMBLE: "Normal",
    L.POSTSCRIPT: "Normal",
}

# Roles whose style has no space above: they need a blank line after the title block.
_PLAIN_AFTER_HEADER = (L.CAPTION, L.ITEM, L.BODY, L.HEADING2)

# 例規 convention: 章名 and 附則 stand three characters in.
_LOOSE_INDENT_CHARS = 3

_ERAS = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}
_DATE = re.compile(
    r"(明治|大正|昭和|平成|令和)?\s*([0-9０-９]+|元)年\s*([0-9０-９]{1,2})月(?:\s*([0-9０-９]{1,2})日)?"
)
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_FALLBACK_DATE = dt.datetime(2000, 1, 1)

def document_date(document: Document) -> dt.datetime:
    """Return meta["date"] (和暦 or 西暦, e.g. "令和8年3月") as a datetime, or a fixed date when absent."""
    match = _DATE.search(str(document.meta.get("date") or ""))
    if not match:
        return _FALLBACK_DATE
    era, year, month, day = match.groups()
    year_number = 1 if year == "元" else int(year.translate(_FULLWIDTH))
    if era:
        year_number = _ERAS[era] + year_number - 1
    try:
        return dt.datetime(year_number, int(month.translate(_FULLWIDTH)), int((day or "1").translate(_FULLWIDTH)))
    except ValueError:
        return _FALLBACK_DATE


def to_docx(
    document: Document, *, reference_docx: bytes | None = None, reference_name: str = "reference .docx"
) -> bytes:
    """Return the document as .docx bytes, styled by the house styles or by a user's reference .docx."""
    blocks = L.layout(document)
    word = _open(reference_docx, reference_name)
    ooxml.clear_body(word)
    ooxml.ensure_styles(word, {_STYLE_OF_ROLE[b.role] for b in blocks} | {"Footer"})
    previous = None
    for block in blocks:
        paragraph = _add_block(word, block)
        if previous is not None and previous.role == L.TOC and block.role != L.TOC:
            paragraph.paragraph_format.page_break_before = True  # the 目次 gets a page of its own
        elif previous is not None and previous.role == L.META and block.role in _PLAIN_AFTER_HEADER:
            _space_before(paragraph)  # one blank line between the title block and the text
        previous = block
    _add_page_number_footer(word)
    _set_core_properties(word, document)
    buffer = io.BytesIO()
    word.save(buffer)
    return ooxml.normalize_zip(buffer.getvalue())


def _open(reference_docx: bytes | None, reference_name: str):
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree  # type: ignore[import-untyped]

    from policygen.limits import check_docx_bytes

    if reference_docx is None:
        return docx.Document(io.BytesIO(ooxml.base_package()))
    check_docx_bytes(reference_docx, reference_name)
    try:
        word = docx.Document(io.BytesIO(reference_docx))
        word.styles  # noqa: B018 — a package without a readable styles part fails here, not later
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PolicygenError(f"{reference_name}: not a usable Word .docx file ({reason})") from None
    return word


def _add_block(word, block: L.Block):
    paragraph = word.add_paragraph(ooxml.clean(block.text), style=_STYLE_OF_ROLE[block.role])
    ind = None
    if block.role == L.ITEM:
        ind = {"left": block.depth + 1, "hanging": 1}
    elif block.role == L.BODY:
        ind = {"left": block.depth, "firstLine": 1}
    elif block.role in (L.HEADING2, L.CAPTION):
        ind = {"left": block.depth, "firstLine": 0}
    elif block.role in (L.PREAMBLE, L.POSTSCRIPT):
        ind = {"left": _LOOSE_INDENT_CHARS, "firstLine": 0}
        if block.role == L.POSTSCRIPT and block.text == "以上":
            ind = None
            _align_right(paragraph)
    if ind is not None:
        ooxml.set_indent(paragraph, **ind)
    if block.role == L.PREAMBLE:
        _space_before(paragraph)
    return paragraph


def _space_before(paragraph) -> None:
    from docx.shared import Twips

    paragraph.paragraph_format.space_before = Twips(ooxml.LINE_PITCH_TWIPS)


def _align_right(paragraph) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _add_page_number_footer(word) -> None:
    """Put a centred PAGE field in the footer unless the reference document brings its own footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = word.sections[-1].footer
    if not footer.is_linked_to_previous and any(p.text.strip() or ooxml.has_field(p) for p in footer.paragraphs):
        return
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.style = word.styles["Footer"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ooxml.append_page_field(paragraph)


def _set_core_properties(word, document: Document) -> None:
    """Fill title and author and pin every date, so that two renders give identical bytes."""
    when = document_date(document)
    props = word.core_properties
    props.title = ooxml.clean(document.title)
    props.author = ooxml.clean(str(document.meta.get("org_name") or ""))
    props.last_modified_by = props.author
    props.subject = ""
    props.keywords = ""
    props.comments = ""
    props.category = ""
    props.language = "ja-JP"
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when


def house_reference_docx() -> bytes:
    """Return a sample .docx showing every house style: copy it, restyle it in Word, pass it as reference."""
    from policygen.model import Clause

    sample = Document(
        title="○○市情報セキュリティ基本方針",
        meta={"date": "令和8年4月1日", "number": "訓令第1号", "issuer": "○○市長", "toc": True},
        preamble=("第1章　総則",),
        clauses=(
            Clause(
                id="1",
                label="1",
                heading="見出し1（Heading 1）",
                text="本文（Body Text）。段落の最初の行を一字下げる。",
                children=(
                    Clause(id="1.1", label="(1)", heading="見出し2（Heading 2）", text="定義の本文（Body Text）。"),
                    Clause(
                        id="1.2",
                        label="(2)",
                        text="項目（Policy Item）。二行目以降は番号の後ろにそろえて一字ぶら下げる。",
                        children=(Clause(id="1.2.1", label="①", text="一段深い項目（Policy Item）。"),),
                    ),
                ),
            ),
        ),
        postscript=("附　則",),
    )
    return to_docx(sample)

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


def document_date(document: Document) -> dt.datetime | None:
    """Return meta["date"] (和暦 or 西暦, e.g. "令和8年3月") as a datetime, or None when it names no date."""
    return _parse_date(str(document.meta.get("date") or ""))


def revised_date(document: Document) -> dt.datetime | None:
    """Return the date of the document's latest revision: meta["revised"] (「令和8年4月1日　改定」), else its date."""
    return _parse_date(str(document.meta.get("revised") or "")) or document_date(document)


def _parse_date(text: str) -> dt.datetime | None:
    match = _DATE.search(text)
    if not match:
        return None
    era, year, month, day = match.groups()
    year_number = 1 if year == "元" else int(year.translate(_FULLWIDTH))
    if era:
        year_number = _ERAS[era] + year_number - 1
    try:
        return dt.datetime(year_number, int(month.translate(_FULLWIDTH)), int((day or "1").translate(_FULLWIDTH)))
    except ValueError:
        return None


def to_docx(
    document: Document, *, reference_docx: bytes | None = None, reference_name: str = "reference .docx"
) -> bytes:
    """Return the document as .docx bytes, styled by the house styles or by a user's reference .docx."""
    blocks = L.layout(document)
    word = _open(reference_docx, reference_name)
    ooxml.clear_body(word)
    ooxml.ensure_styles(word, {_STYLE_OF_ROLE[b.role] for b in blocks} | {"Footer"})
    previous = None
    toc = [b for b in blocks if b.role == L.TOC]
    # Numbered-style 目次 entries name their sections: a TOC field whose page numbers point at them.
    paged = {b.clause_id: f"_TocPolicygen{n}" for n, b in enumerate(toc, start=1) if b.clause_id and b.label}
    label_tab, page_tab = _toc_tabs(word, toc)
    bookmarks = 0
    style_ids = _style_ids(word, {_STYLE_OF_ROLE[b.role] for b in blocks})
    for block in blocks:
        paragraph = _add_block(word, block, style_ids)
        if block.role == L.TOC and block.clause_id in paged:
            ooxml.toc_entry(paragraph, block.label, block.body, paged[block.clause_id], label_tab=label_tab,
                            page_tab=page_tab)
        elif block.role == L.HEADING1 and block.clause_id in paged:
            bookmarks += 1
            ooxml.add_bookmark(paragraph, paged.pop(block.clause_id), bookmarks)
        if previous is not None and previous.role == L.TOC and block.role != L.TOC:
            if previous.label:
                paragraph.paragraph_format.page_break_before = True  # a paged 目次 gets a page of its own
            else:
                _space_before(paragraph)  # an article's 目次 of 章 runs into the text, as 例規 print it
        elif previous is not None and previous.role == L.META and block.role in _PLAIN_AFTER_HEADER:
            _space_before(paragraph)  # one blank line between the title block and the text
        previous = block
    ooxml.ask_to_update_fields(word, any(b.clause_id and b.label for b in toc))
    _add_page_number_footer(word)
    _set_core_properties(word, document)
    buffer = io.BytesIO()
    word.save(buffer)
    return ooxml.normalize_zip(buffer.getvalue())


def _toc_tabs(word, toc: list[L.Block]) -> tuple[int, int]:
    """Return the 目次's tab stops in twips: after the widest label (so 「10」 aligns with 「1」), and the page number at the right margin."""
    section = word.sections[-1]
    width = int(section.page_width.twips - section.left_margin.twips - section.right_margin.twips)
    widest = max((_label_width(b.label) for b in toc), default=0)
    # The style indents the entries one character; the text starts one character after the widest label.
    return ooxml.CHAR_TWIPS * 2 + widest, width


def _label_width(label: str) -> int:
    """Return a label's width in twips: half a character for ASCII, a character for the rest."""
    return sum(ooxml.CHAR_TWIPS // 2 if ord(c) < 0x80 else ooxml.CHAR_TWIPS for c in label)


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


def _style_ids(word, names: set[str]) -> dict[str, str | None]:
    """Return the style id python-docx would write for each paragraph style name (None for the default style)."""
    from docx.enum.style import WD_STYLE_TYPE

    # python-docx looks a style up by name, and the default style up, for every paragraph: once is enough.
    return {name: word.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH) for name in sorted(names)}


def _add_block(word, block: L.Block, style_ids: dict[str, str | None]):
    paragraph = word.add_paragraph(ooxml.clean(block.text))
    style_id = style_ids[_STYLE_OF_ROLE[block.role]]
    if style_id is not None:
        paragraph._p.style = style_id  # what Paragraph.style = name writes, the lookup done once
    if block.role == L.TITLE:
        lines = title_lines(block.text, _title_capacity(word, paragraph))
        if len(lines) > 1:
            ooxml.add_line_breaks(paragraph, lines)
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


# Where a long title breaks, latest first: before the name of the document (「情報セキュリティ基本方針」).
_TITLE_BREAKS = ("情報セキュリティ",)


def title_lines(title: str, capacity: int) -> list[str]:
    """Break a title at its natural points (a space, before 「情報セキュリティ…」), never leaving one character alone.

    A title that two lines can hold overflows neither; a longer one without spaces that fit is cut into two
    balanced halves, which Word wraps further.
    """
    words = title.split()
    if len(words) > 1 and all(len(w) <= capacity for w in words):
        if len(title) <= capacity:
            return [title]
        # The space stays at the end of the line, so that reading the title back gives it as written.
        lines = [words[0]]
        for word in words[1:]:
            if len(lines[-1]) + 1 + len(word) <= capacity:
                lines[-1] += " " + word
            else:
                lines[-1] += " "
                lines.append(word)
        if all(len(line.strip()) >= 2 for line in lines):
            return lines
    title = "".join(words)
    if len(title) <= capacity:
        return [title]
    for mark in _TITLE_BREAKS:
        at = title.rfind(mark)
        while at > 0:
            if len(title) - at <= capacity and at <= capacity:
                return [title[:at], title[at:]]
            at = title.rfind(mark, 0, at)
    half = (len(title) + 1) // 2  # no natural point: two balanced lines, never one character alone
    return [title[:half], title[half:]]


def _title_capacity(word, paragraph) -> int:
    """Return how many full-width characters of the title's size fit on one line of the page."""
    section = word.sections[-1]
    width = section.page_width.twips - section.left_margin.twips - section.right_margin.twips
    style = paragraph.style
    size = None
    while style is not None and size is None:
        size = style.font.size
        style = style.base_style
    return max(int(width // (size.pt * 20 if size is not None else ooxml.CHAR_TWIPS)), 2)


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
    if when is None:
        ooxml.drop_core_dates(word)  # no made-up date: the properties say nothing rather than 2000-01-01
        return
    props.created = when
    props.modified = props.last_printed = revised_date(document) or when


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

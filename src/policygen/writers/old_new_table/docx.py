"""Write a 新旧対照表 as a landscape Word .docx in the house styles, byte-for-byte reproducibly."""

from __future__ import annotations

from policygen.model import Revision
from policygen.writers import _ooxml as ooxml
from policygen.writers.old_new_table.rows import CellParagraph, Table, build_table
from policygen.writers.old_new_table.options import TableOptions

# Landscape A4 with 20 mm margins top and bottom, 25 mm left and right.
PAGE = {"w": ooxml.PAGE["h"], "h": ooxml.PAGE["w"]}
MARGINS = {"top": 1134, "bottom": 1134, "left": 1418, "right": 1418, "header": 567, "footer": 567}
TABLE_TWIPS = PAGE["w"] - MARGINS["left"] - MARGINS["right"]
CELL_MARGIN_TWIPS = 108
TABLE_HALF_POINTS = 21  # 10.5 pt, the usual size of 新旧対照表 text
TABLE_CHAR_TWIPS = TABLE_HALF_POINTS * 10
TABLE_LINE_TWIPS = 320  # 10.5 pt at single spacing in 明朝, roughly
# A row taller than a page cannot be kept whole; Word then breaks it anyway but LibreOffice may clip it.
_MAX_UNSPLIT_LINES = (PAGE["h"] - MARGINS["top"] - MARGINS["bottom"]) // TABLE_LINE_TWIPS - 4

TEXT_STYLE = "OldNewTableText"
HEADER_STYLE = "OldNewTableHeader"
LEGEND_STYLE = "OldNewTableLegend"


def old_new_table_docx(revision: Revision, options: TableOptions | None = None) -> bytes:
    """Return the 新旧対照表 of a revision as .docx bytes."""
    return table_docx(build_table(revision, options), date=_date_of(revision))


def _date_of(revision: Revision):
    from policygen.writers.docx import revised_date

    return revised_date(revision.new)  # the table is of the new version: dated by its latest revision


def table_docx(table: Table, *, date=None) -> bytes:
    """Return a built table as .docx bytes: title, legend, then the two-column table with a repeated header."""
    when = date  # None: the properties carry no date rather than a made-up one
    parts = ooxml.base_parts()
    footer = ooxml.add_footer(parts, ooxml.page_number_footer())
    parts["word/document.xml"] = ooxml.XML_DECL + _document_xml(table, footer)
    ooxml.add_styles(parts, ooxml.table_styles(TEXT_STYLE, HEADER_STYLE, LEGEND_STYLE, TABLE_HALF_POINTS))
    parts["docProps/core.xml"] = ooxml.XML_DECL + ooxml.core_properties(table.title, when)
    return ooxml.zip_parts(parts)


def _cell_paragraph(paragraph: CellParagraph, keep_next: bool = False) -> str:
    runs = "".join(ooxml.run(run.text, run.underlined) for run in paragraph.runs)
    keep = "<w:keepNext/>" if keep_next else ""
    return ooxml.styled_paragraph(TEXT_STYLE, runs,
                                  keep + ooxml.indent(paragraph.indent, paragraph.first_line, TABLE_CHAR_TWIPS))


def _cell(paragraphs: tuple[CellParagraph, ...], width: int, *, header: str = "", keep_next: bool = False) -> str:
    if header:
        return ooxml.table_cell(width, ooxml.styled_paragraph(HEADER_STYLE, ooxml.run(header)), centered=True)
    # A cell must end with a paragraph, even an empty one.
    body = "".join(_cell_paragraph(p, keep_next) for p in paragraphs) or ooxml.styled_paragraph(
        TEXT_STYLE, "", "<w:keepNext/>" if keep_next else "")
    return ooxml.table_cell(width, body)


def _estimated_lines(paragraphs: tuple[CellParagraph, ...], width: int) -> int:
    per_line = max(1, (width - 2 * CELL_MARGIN_TWIPS) // TABLE_CHAR_TWIPS)
    return sum(max(1, -(-(len(p.text) + p.indent + max(p.first_line, 0)) // per_line)) for p in paragraphs)


def _row(left: tuple[CellParagraph, ...], right: tuple[CellParagraph, ...], widths: tuple[int, int],
         keep_next: bool = False) -> str:
    lines = max(_estimated_lines(left, widths[0]), _estimated_lines(right, widths[1]))
    # A heading row (「4　適用範囲」) keeps with the row after it: its paragraphs keep with the next.
    cells = _cell(left, widths[0], keep_next=keep_next) + _cell(right, widths[1], keep_next=keep_next)
    return ooxml.table_row(cells, keep_whole=lines <= _MAX_UNSPLIT_LINES)


def _table_xml(table: Table) -> str:
    half = TABLE_TWIPS // 2
    widths = (half, TABLE_TWIPS - half)
    header = ooxml.table_row(_cell((), widths[0], header=table.labels[0]) + _cell((), widths[1], header=table.labels[1]),
                             keep_whole=True, header=True)
    last = len(table.rows) - 1
    rows = "".join(_row(*table.cells(row), widths, keep_next=row.heading and n < last) for n, row in enumerate(table.rows))
    return ooxml.table(TABLE_TWIPS, widths, CELL_MARGIN_TWIPS, header + rows)


def _document_xml(table: Table, footer: str) -> str:
    title = ooxml.styled_paragraph("Title", ooxml.run(table.title))
    legend = ooxml.styled_paragraph(LEGEND_STYLE, ooxml.run(table.legend)) if table.legend else ""
    # Word wants a paragraph between a table and the section end.
    after = ooxml.styled_paragraph(TEXT_STYLE)
    section = ooxml.section_xml(PAGE, MARGINS, landscape=True, footer_id=footer)
    return ooxml.document_xml(f"{title}{legend}{_table_xml(table)}{after}{section}")

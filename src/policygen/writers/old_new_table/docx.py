"""Write a 新旧対照表 as a landscape Word .docx in the house styles, byte-for-byte reproducibly."""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

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

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

W = ooxml.W_NS
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FOOTER_TYPE = f"{_REL}/footer"
_FOOTER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"

TEXT_STYLE = "OldNewTableText"
HEADER_STYLE = "OldNewTableHeader"
LEGEND_STYLE = "OldNewTableLegend"


def old_new_table_docx(revision: Revision, options: TableOptions | None = None) -> bytes:
    """Return the 新旧対照表 of a revision as .docx bytes."""
    return table_docx(build_table(revision, options), date=_date_of(revision))


def _date_of(revision: Revision):
    from policygen.writers.docx import document_date

    return document_date(revision.new)


def table_docx(table: Table, *, date=None) -> bytes:
    """Return a built table as .docx bytes: title, legend, then the two-column table with a repeated header."""
    import datetime as dt

    when = date or dt.datetime(2000, 1, 1)
    with zipfile.ZipFile(io.BytesIO(ooxml.base_package())) as archive:
        parts = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    parts["word/document.xml"] = _DECL + _document_xml(table)
    parts["word/styles.xml"] = parts["word/styles.xml"].replace("</w:styles>", _extra_styles() + "</w:styles>")
    parts["word/footer1.xml"] = _DECL + _footer_xml()
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        "</Relationships>", f'<Relationship Id="rIdFooter1" Type="{_FOOTER_TYPE}" Target="footer1.xml"/>'
        "</Relationships>")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        "</Types>", f'<Override PartName="/word/footer1.xml" ContentType="{_FOOTER_CT}"/></Types>')
    parts["docProps/core.xml"] = _DECL + _core_xml(table.title, when)
    return ooxml.write_zip({name: text.encode("utf-8") for name, text in parts.items()})


_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def xml_text(text: str) -> str:
    """Return text escaped for an XML element, without the characters XML cannot hold."""
    return escape(_XML_INVALID.sub("", text))


def _run(text: str, underlined: bool = False) -> str:
    rpr = '<w:rPr><w:u w:val="single"/></w:rPr>' if underlined else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>'


def _indent(paragraph: CellParagraph) -> str:
    left = paragraph.indent
    if paragraph.first_line < 0:
        hang = -paragraph.first_line
        return (f'<w:ind w:leftChars="{100 * left}" w:left="{TABLE_CHAR_TWIPS * left}" '
                f'w:hangingChars="{100 * hang}" w:hanging="{TABLE_CHAR_TWIPS * hang}"/>')
    if left or paragraph.first_line:
        first = paragraph.first_line
        return (f'<w:ind w:leftChars="{100 * left}" w:left="{TABLE_CHAR_TWIPS * left}" '
                f'w:firstLineChars="{100 * first}" w:firstLine="{TABLE_CHAR_TWIPS * first}"/>')
    return ""


def _cell_paragraph(paragraph: CellParagraph) -> str:
    runs = "".join(_run(run.text, run.underlined) for run in paragraph.runs)
    return f'<w:p><w:pPr><w:pStyle w:val="{TEXT_STYLE}"/>{_indent(paragraph)}</w:pPr>{runs}</w:p>'


def _cell(paragraphs: tuple[CellParagraph, ...], width: int, *, header: str = "") -> str:
    if header:
        body = f'<w:p><w:pPr><w:pStyle w:val="{HEADER_STYLE}"/></w:pPr>{_run(header)}</w:p>'
    else:
        # A cell must end with a paragraph, even an empty one.
        body = "".join(_cell_paragraph(p) for p in paragraphs) or f'<w:p><w:pPr><w:pStyle w:val="{TEXT_STYLE}"/></w:pPr></w:p>'
    valign = '<w:vAlign w:val="center"/>' if header else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{valign}</w:tcPr>{body}</w:tc>'


def _estimated_lines(paragraphs: tuple[CellParagraph, ...], width: int) -> int:
    per_line = max(1, (width - 2 * CELL_MARGIN_TWIPS) // TABLE_CHAR_TWIPS)
    return sum(max(1, -(-(len(p.text) + p.indent + max(p.first_line, 0)) // per_line)) for p in paragraphs)


def _row(left: tuple[CellParagraph, ...], right: tuple[CellParagraph, ...], widths: tuple[int, int]) -> str:
    lines = max(_estimated_lines(left, widths[0]), _estimated_lines(right, widths[1]))
    trpr = "<w:trPr><w:cantSplit/></w:trPr>" if lines <= _MAX_UNSPLIT_LINES else ""
    return f"<w:tr>{trpr}{_cell(left, widths[0])}{_cell(right, widths[1])}</w:tr>"


def _table_xml(table: Table) -> str:
    half = TABLE_TWIPS // 2
    widths = (half, TABLE_TWIPS - half)
    border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{side} {border}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    tblpr = (
        f'<w:tblPr><w:tblW w:w="{TABLE_TWIPS}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        f'<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/>'
        f'<w:bottom w:w="57" w:type="dxa"/><w:right w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/></w:tblPr>'
    )
    grid = f'<w:tblGrid><w:gridCol w:w="{widths[0]}"/><w:gridCol w:w="{widths[1]}"/></w:tblGrid>'
    header = (
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        f"{_cell((), widths[0], header=table.labels[0])}{_cell((), widths[1], header=table.labels[1])}</w:tr>"
    )
    rows = "".join(_row(*table.cells(row), widths) for row in table.rows)
    return f"<w:tbl>{tblpr}{grid}{header}{rows}</w:tbl>"


def _section_xml() -> str:
    margins = " ".join(f'w:{k}="{v}"' for k, v in MARGINS.items())
    return (
        f'<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/>'
        f'<w:pgSz w:w="{PAGE["w"]}" w:h="{PAGE["h"]}" w:orient="landscape"/>'
        f'<w:pgMar {margins} w:gutter="0"/><w:cols w:space="425"/></w:sectPr>'
    )


def _document_xml(table: Table) -> str:
    title = f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>{_run(table.title)}</w:p>'
    legend = (f'<w:p><w:pPr><w:pStyle w:val="{LEGEND_STYLE}"/></w:pPr>{_run(table.legend)}</w:p>'
              if table.legend else "")
    # Word wants a paragraph between a table and the section end.
    after = f'<w:p><w:pPr><w:pStyle w:val="{TEXT_STYLE}"/></w:pPr></w:p>'
    return (
        f'<w:document xmlns:w="{W}" xmlns:r="{_REL}"><w:body>'
        f"{title}{legend}{_table_xml(table)}{after}{_section_xml()}</w:body></w:document>"
    )


def _extra_styles() -> str:
    size = f'<w:sz w:val="{TABLE_HALF_POINTS}"/><w:szCs w:val="{TABLE_HALF_POINTS}"/>'
    # Off the document grid: cell text set at its own line height, not the body's 40-line pitch.
    base = '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{TEXT_STYLE}"><w:name w:val="Old New Table Text"/>'
        f'<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{base}</w:pPr><w:rPr>{size}</w:rPr></w:style>'
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{HEADER_STYLE}">'
        f'<w:name w:val="Old New Table Header"/><w:basedOn w:val="{TEXT_STYLE}"/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:jc w:val="center"/></w:pPr></w:style>'
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{LEGEND_STYLE}">'
        f'<w:name w:val="Old New Table Legend"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:spacing w:after="120"/><w:jc w:val="right"/></w:pPr></w:style>'
    )


def _footer_xml() -> str:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    return f'<w:ftr xmlns:w="{W}" xmlns:r="{_REL}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>{field}</w:p></w:ftr>'


def _core_xml(title: str, when) -> str:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_text(title)}</dc:title><dc:language>ja-JP</dc:language><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )

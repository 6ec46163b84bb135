"""All raw WordprocessingML of the writers: the base package (Japanese house styles), runs, paragraphs, tables,
tracked changes, footers and core properties, python-docx element surgery, and reproducible zips.

The writers decide what goes where; only this module spells elements and attributes.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# House layout (ja-conventions.md): A4 portrait, margins 25/25/30/17 mm, 11 pt 明朝, 42 chars × 40 lines.
BODY_HALF_POINTS = 22
CHAR_TWIPS = BODY_HALF_POINTS * 10  # one full-width character of the body font, in twips
LINE_PITCH_TWIPS = 350  # (297 - 50) mm / 40 lines
PAGE = {"w": 11906, "h": 16838}
MARGINS = {"top": 1418, "bottom": 1418, "left": 1701, "right": 964, "header": 851, "footer": 567}

EAST_ASIAN_FONT = "ＭＳ 明朝"
# Latin letters and digits in 明朝 too, as 例規 are set: labels like "(1)" then match the text around them,
# and LibreOffice (which lacks Century) maps the whole run to IPA明朝 instead of a sans fallback.
LATIN_FONT = "ＭＳ 明朝"

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

_FONTS = (
    f'<w:rFonts w:ascii="{LATIN_FONT}" w:eastAsia="{EAST_ASIAN_FONT}" w:hAnsi="{LATIN_FONT}" w:cs="Times New Roman"/>'
)
_LANG = '<w:lang w:val="en-US" w:eastAsia="ja-JP" w:bidi="ar-SA"/>'


def _paragraph_style(style_id, name, body, *, based_on="Normal", next_id="", extra=""):
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    following = f'<w:next w:val="{next_id}"/>' if next_id else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"{extra}><w:name w:val="{name}"/>'
        f"{based}{following}<w:qFormat/>{body}</w:style>"
    )


def styles_xml() -> str:
    """Return styles.xml: 明朝 everywhere, ja-JP language, headings that Word's navigation pane lists."""
    size = f'<w:sz w:val="{BODY_HALF_POINTS}"/><w:szCs w:val="{BODY_HALF_POINTS}"/>'
    run = f"<w:rPr>{_FONTS}<w:color w:val=\"000000\"/>{size}</w:rPr>"
    styles = [
        _paragraph_style(
            "Normal", "Normal",
            f'<w:pPr><w:widowControl/><w:jc w:val="both"/></w:pPr>'
            f"<w:rPr>{_FONTS}<w:kern w:val=\"2\"/>{size}{_LANG}</w:rPr>",
            based_on="", extra=' w:default="1"',
        ),
        _paragraph_style(
            "Title", "Title",
            '<w:pPr><w:spacing w:before="350" w:after="350"/><w:jc w:val="center"/><w:outlineLvl w:val="9"/></w:pPr>'
            f'<w:rPr>{_FONTS}<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>',
            next_id="DocumentInfo",
        ),
        _paragraph_style("DocumentInfo", "Document Info", f'<w:pPr><w:jc w:val="right"/></w:pPr>{run}'),
        _paragraph_style(
            "TOCHeading", "TOC Heading",
            '<w:pPr><w:keepNext/><w:spacing w:before="350"/><w:jc w:val="center"/></w:pPr>' + run,
            next_id="TOC1",
        ),
        _paragraph_style(
            "TOC1", "toc 1",
            f'<w:pPr><w:ind w:leftChars="100" w:left="{CHAR_TWIPS}"/></w:pPr>{run}', next_id="Normal",
        ),
        _paragraph_style(
            "Heading1", "heading 1",
            '<w:pPr><w:keepNext/><w:spacing w:before="350"/><w:jc w:val="left"/><w:outlineLvl w:val="0"/></w:pPr>'
            + run,
            next_id="BodyText",
        ),
        _paragraph_style(
            "Heading2", "heading 2",
            f'<w:pPr><w:keepNext/><w:ind w:leftChars="100" w:left="{CHAR_TWIPS}"/><w:jc w:val="left"/>'
            f'<w:outlineLvl w:val="1"/></w:pPr>{run}',
            next_id="BodyText",
        ),
        _paragraph_style(
            "BodyText", "Body Text",
            f'<w:pPr><w:ind w:firstLineChars="100" w:firstLine="{CHAR_TWIPS}"/></w:pPr>{run}',
        ),
        _paragraph_style(
            "PolicyItem", "Policy Item",
            f'<w:pPr><w:ind w:leftChars="200" w:left="{2 * CHAR_TWIPS}" w:hangingChars="100" '
            f'w:hanging="{CHAR_TWIPS}"/></w:pPr>{run}',
        ),
        _paragraph_style("Footer", "footer", f'<w:pPr><w:jc w:val="center"/></w:pPr>{run}'),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
    ]
    defaults = (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{_FONTS}<w:kern w:val=\"2\"/>{size}{_LANG}</w:rPr></w:rPrDefault>"
        "<w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults>"
    )
    return f'<w:styles xmlns:w="{W_NS}">{defaults}{"".join(styles)}</w:styles>'


def section_xml(page: dict[str, int] = PAGE, margins: dict[str, int] = MARGINS, *, landscape: bool = False,
                footer_id: str = "") -> str:
    """Return a w:sectPr: A4 portrait with the house margins and a 40-line grid unless told otherwise.

    A landscape section (the 新旧対照表) has no line grid: its cells set their own line height.
    """
    attributes = " ".join(f'w:{k}="{v}"' for k, v in margins.items())
    footer = f'<w:footerReference w:type="default" r:id="{footer_id}"/>' if footer_id else ""
    orient = ' w:orient="landscape"' if landscape else ""
    grid = "" if landscape else f'<w:docGrid w:type="lines" w:linePitch="{LINE_PITCH_TWIPS}"/>'
    return (
        f'<w:sectPr>{footer}<w:pgSz w:w="{page["w"]}" w:h="{page["h"]}"{orient}/><w:pgMar {attributes} w:gutter="0"/>'
        f'<w:cols w:space="425"/>{grid}</w:sectPr>'
    )


XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument"


def base_package() -> bytes:
    """Return an empty .docx carrying the house styles and page setup, for python-docx to fill."""
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{_CT}.wordprocessingml.document.main+xml"/>'
            f'<Override PartName="/word/styles.xml" ContentType="{_CT}.wordprocessingml.styles+xml"/>'
            f'<Override PartName="/word/settings.xml" ContentType="{_CT}.wordprocessingml.settings+xml"/>'
            f'<Override PartName="/word/fontTable.xml" ContentType="{_CT}.wordprocessingml.fontTable+xml"/>'
            '<Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            f'<Override PartName="/docProps/app.xml" ContentType="{_CT}.extended-properties+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
            'metadata/core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
            "</Relationships>"
        ),
        "word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/settings" Target="settings.xml"/>'
            f'<Relationship Id="rId3" Type="{_REL}/fontTable" Target="fontTable.xml"/>'
            "</Relationships>"
        ),
        "word/document.xml": document_xml(section_xml()),
        "word/styles.xml": styles_xml(),
        "word/settings.xml": (
            f'<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="{4 * CHAR_TWIPS}"/>'
            '<w:characterSpacingControl w:val="compressPunctuation"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
            ' w:val="15"/></w:compat></w:settings>'
        ),
        "word/fontTable.xml": (
            f'<w:fonts xmlns:w="{W_NS}">'
            f'<w:font w:name="{EAST_ASIAN_FONT}"><w:altName w:val="MS Mincho"/>'
            '<w:panose1 w:val="02020609040205080304"/>'
            '<w:charset w:val="80"/><w:family w:val="roman"/><w:pitch w:val="fixed"/></w:font>'
            "</w:fonts>"
        ),
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><cp:revision>1</cp:revision>'
            "</cp:coreProperties>"
        ),
        "docProps/app.xml": (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>policygen</Application></Properties>"
        ),
    }
    return write_zip({name: (XML_DECL + xml).encode("utf-8") for name, xml in parts.items()})


def base_parts() -> dict[str, str]:
    """Return the base package's parts as text, by name, for a writer to change and zip_parts to pack."""
    with zipfile.ZipFile(io.BytesIO(base_package())) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def add_styles(parts: dict[str, str], styles: str) -> None:
    """Append w:style elements to the package's styles part."""
    parts["word/styles.xml"] = parts["word/styles.xml"].replace("</w:styles>", styles + "</w:styles>")


_FOOTER_ID = "rIdFooter1"


def add_footer(parts: dict[str, str], footer: str) -> str:
    """Add a footer part with its relationship and content type; return the relationship id for section_xml."""
    parts["word/footer1.xml"] = XML_DECL + footer
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        "</Relationships>", f'<Relationship Id="{_FOOTER_ID}" Type="{_REL}/footer" Target="footer1.xml"/>'
        "</Relationships>")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        "</Types>", f'<Override PartName="/word/footer1.xml" ContentType="{_CT}.wordprocessingml.footer+xml"/></Types>')
    return _FOOTER_ID


def zip_parts(parts: dict[str, str]) -> bytes:
    """Return the text parts as a reproducible .docx."""
    return write_zip({name: text.encode("utf-8") for name, text in parts.items()})


def _entry_order(name: str) -> tuple[int, str]:
    # Readers that sniff the first entries expect the content types and package relationships first.
    first = {"[Content_Types].xml": 0, "_rels/.rels": 1}
    return (first.get(name, 2), name)


def write_zip(entries: dict[str, bytes]) -> bytes:
    """Zip the entries with fixed timestamps and attributes in a stable order, so bytes depend only on content."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries, key=_entry_order):
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, entries[name])
    return buffer.getvalue()


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip (a .docx) with fixed timestamps and sorted entries."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    return write_zip(entries)


# --- text, runs, paragraphs ----------------------------------------------------------------------------------

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Return text without the characters XML cannot hold."""
    return _XML_INVALID.sub("", text)


def xml_text(text: str) -> str:
    """Return text escaped for an XML element, without the characters XML cannot hold."""
    return escape(clean(text))


def run(text: str, underlined: bool = False) -> str:
    """Return a w:r of text, underlined (傍線) or not."""
    rpr = '<w:rPr><w:u w:val="single"/></w:rPr>' if underlined else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>'


def indent(left: int, first_line: int, char_twips: int) -> str:
    """Return a w:ind in characters (with twips for applications that ignore them); first_line < 0 hangs."""
    if first_line < 0:
        hang = -first_line
        return (f'<w:ind w:leftChars="{100 * left}" w:left="{char_twips * left}" '
                f'w:hangingChars="{100 * hang}" w:hanging="{char_twips * hang}"/>')
    if left or first_line:
        return (f'<w:ind w:leftChars="{100 * left}" w:left="{char_twips * left}" '
                f'w:firstLineChars="{100 * first_line}" w:firstLine="{char_twips * first_line}"/>')
    return ""


def styled_paragraph(style: str, content: str = "", properties: str = "") -> str:
    """Return a w:p in a paragraph style, with more paragraph properties (an indent) and its runs."""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{properties}</w:pPr>{content}</w:p>'


def paragraph(properties: str, content: str) -> str:
    """Return a w:p from its w:pPr (or "") and its runs."""
    return f"<w:p>{properties}{content}</w:p>"


def document_xml(body: str) -> str:
    """Return word/document.xml around the body's elements (the last one the w:sectPr)."""
    return f'<w:document xmlns:w="{W_NS}" xmlns:r="{_REL}"><w:body>{body}</w:body></w:document>'


# --- tables --------------------------------------------------------------------------------------------------


def table_cell(width: int, content: str, *, centered: bool = False) -> str:
    """Return a w:tc of a fixed width in twips, its content vertically centred or not."""
    valign = '<w:vAlign w:val="center"/>' if centered else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{valign}</w:tcPr>{content}</w:tc>'


def table_row(cells: str, *, keep_whole: bool, header: bool = False) -> str:
    """Return a w:tr; a header row repeats on every page, a row kept whole does not break across pages."""
    if header:
        return f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{cells}</w:tr>"
    trpr = "<w:trPr><w:cantSplit/></w:trPr>" if keep_whole else ""
    return f"<w:tr>{trpr}{cells}</w:tr>"


def table(width: int, columns: tuple[int, ...], cell_margin: int, rows: str) -> str:
    """Return a centred w:tbl with single black borders, fixed layout and fixed column widths in twips."""
    border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{side} {border}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    tblpr = (
        f'<w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        f'<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="{cell_margin}" w:type="dxa"/>'
        f'<w:bottom w:w="57" w:type="dxa"/><w:right w:w="{cell_margin}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/></w:tblPr>'
    )
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in columns) + "</w:tblGrid>"
    return f"<w:tbl>{tblpr}{grid}{rows}</w:tbl>"


def table_styles(text_style: str, header_style: str, legend_style: str, half_points: int) -> str:
    """Return the styles of a table's text (off the line grid, its own size), its header row and its legend."""
    size = f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
    # Off the document grid: cell text set at its own line height, not the body's 40-line pitch.
    base = '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{text_style}"><w:name w:val="Old New Table Text"/>'
        f'<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{base}</w:pPr><w:rPr>{size}</w:rPr></w:style>'
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{header_style}">'
        f'<w:name w:val="Old New Table Header"/><w:basedOn w:val="{text_style}"/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:jc w:val="center"/></w:pPr></w:style>'
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{legend_style}">'
        f'<w:name w:val="Old New Table Legend"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:spacing w:after="120"/><w:jc w:val="right"/></w:pPr></w:style>'
    )


# --- footers and core properties -----------------------------------------------------------------------------


def page_number_footer() -> str:
    """Return a footer part: one centred paragraph in the Footer style holding a PAGE field."""
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    return f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{_REL}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>{field}</w:p></w:ftr>'


def core_properties(title: str, when) -> str:
    """Return docProps/core.xml with the title, ja-JP, and created/modified pinned to `when` (none when None)."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ") if when is not None else ""
    dates = (f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
             f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>') if stamp else ""
    return (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_text(title)}</dc:title><dc:language>ja-JP</dc:language><cp:revision>1</cp:revision>"
        f"{dates}</cp:coreProperties>"
    )


# --- tracked changes -----------------------------------------------------------------------------------------


class TrackedChanges:
    """Write w:ins and w:del (and inserted or deleted paragraph marks) numbered in reading order, by one author at one date."""

    def __init__(self, author: str, date: str) -> None:
        self.author = xml_text(author).replace('"', "&quot;")
        self.date = date
        self.next_id = 1

    def _attrs(self) -> str:
        attrs = f'w:id="{self.next_id}" w:author="{self.author}" w:date="{self.date}"'
        self.next_id += 1
        return attrs

    def inserted(self, text: str) -> str:
        """Return a run of inserted text."""
        return f'<w:ins {self._attrs()}><w:r><w:t xml:space="preserve">{xml_text(text)}</w:t></w:r></w:ins>'

    def deleted(self, text: str) -> str:
        """Return a run of deleted text."""
        return (f'<w:del {self._attrs()}><w:r><w:delText xml:space="preserve">{xml_text(text)}</w:delText>'
                "</w:r></w:del>")

    def mark(self, ppr: str, change: str) -> str:
        """Return a w:pPr whose paragraph mark is inserted ("ins") or deleted ("del"); "" leaves it as it is."""
        if not change:
            return ppr
        flag = f"<w:rPr><w:{change} {self._attrs()}/></w:rPr>"
        if not ppr:
            return f"<w:pPr>{flag}</w:pPr>"
        return ppr.replace("</w:pPr>", flag + "</w:pPr>") if ppr.endswith("</w:pPr>") else ppr[:-2] + f">{flag}</w:pPr>"


# --- a package's body ----------------------------------------------------------------------------------------


def body_paragraph_properties(package: bytes, expected: int) -> list[str]:
    """Return the w:pPr (as XML, "" for none) of each paragraph of a package's body, which must have `expected`."""
    from lxml import etree  # type: ignore[import-untyped]

    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    paragraphs = root.find(f"{{{W_NS}}}body").findall(f"{{{W_NS}}}p")
    if len(paragraphs) != expected:  # the Word writer writes one paragraph per block; anything else is a bug
        raise AssertionError(f"redline: {len(paragraphs)} Word paragraphs for {expected} laid-out blocks")
    return [_ppr_xml(p) for p in paragraphs]


def _ppr_xml(element) -> str:
    from lxml import etree

    ppr = element.find(f"{{{W_NS}}}pPr")
    if ppr is None:
        return ""
    text = etree.tostring(ppr, encoding="unicode")
    # Serialized alone, the element repeats the root's namespace declarations: drop them, the root has them.
    for prefix, uri in (ppr.getroottree().getroot().nsmap or {}).items():
        text = text.replace(f' xmlns:{prefix}="{uri}"', "")
    return text


def replace_body(package: bytes, paragraphs: str) -> bytes:
    """Return the package with the body's paragraphs replaced, keeping its section (page setup, footer)."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = entries["word/document.xml"].decode("utf-8")
    start = xml.index("<w:body>") + len("<w:body>")
    section = xml.rindex("<w:sectPr")
    entries["word/document.xml"] = (xml[:start] + paragraphs + xml[section:]).encode("utf-8")
    return write_zip(entries)


# --- python-docx element surgery (the Word writer) -----------------------------------------------------------


def clear_body(word) -> None:
    """Remove the reference document's content, keeping its final section setup (page size, margins, footers)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    sections = body.findall(qn("w:sectPr"))
    for extra in sections[:-1]:
        body.remove(extra)
    if not sections:
        body.append(parse_xml(section_xml().replace("<w:sectPr>", f"<w:sectPr {nsdecls('w')}>", 1)))


def ensure_styles(word, names: set[str]) -> None:
    """Copy any house style the document lacks, and strip list numbering from the styles we use."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.styles import BabelFish  # python-docx says "Heading 1" where styles.xml says "heading 1"

    styles = word.styles
    house = parse_xml(styles_xml().encode("utf-8"))
    house_by_name = {s.find(qn("w:name")).get(qn("w:val")): s for s in house.findall(qn("w:style"))}
    used_ids = {s.get(qn("w:styleId")) for s in styles.element.findall(qn("w:style"))}
    for name in sorted(names):
        if name in styles:
            continue
        element = copy.deepcopy(house_by_name[BabelFish.ui2internal(name)])
        style_id = element.get(qn("w:styleId"))
        while style_id in used_ids:  # a reference file may use our ID for another style
            style_id += "Policygen"
        element.set(qn("w:styleId"), style_id)
        used_ids.add(style_id)
        styles.element.append(element)
    for name in sorted(names):
        style = styles[name]
        while style is not None:
            # Labels are literal text: a reference style with Word list numbering would number them twice.
            ppr = style.element.find(qn("w:pPr"))
            if ppr is not None:
                for numbering in ppr.findall(qn("w:numPr")):
                    ppr.remove(numbering)
            style = style.base_style


def set_indent(paragraph, *, left: int, firstLine: int = 0, hanging: int = 0) -> None:  # noqa: N803
    """Indent in characters (Word's *Chars attributes) with twips for applications that ignore them."""
    from docx.oxml.ns import qn

    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    if left:
        # An explicit zero left indent makes LibreOffice drop the first-line indent: leave it to the style.
        ind.set(qn("w:leftChars"), str(100 * left))
        ind.set(qn("w:left"), str(CHAR_TWIPS * left))
    if hanging:
        ind.set(qn("w:hangingChars"), str(100 * hanging))
        ind.set(qn("w:hanging"), str(CHAR_TWIPS * hanging))
    else:
        # Explicit zero so that the style's first-line indent does not leak into headings.
        ind.set(qn("w:firstLineChars"), str(100 * firstLine))
        ind.set(qn("w:firstLine"), str(CHAR_TWIPS * firstLine))


def has_field(paragraph) -> bool:
    """Return True when a python-docx paragraph holds a field (a page number, say)."""
    return bool(paragraph._p.xpath(".//w:fldChar|.//w:fldSimple"))


def append_page_field(paragraph) -> None:
    """Append a PAGE field (showing 1 until the application updates it) to a python-docx paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(tag: str, **attrs: str) -> None:
        run = OxmlElement("w:r")
        child = OxmlElement(tag)
        for key, value in attrs.items():
            child.set(qn(key), value)
        if tag == "w:instrText":
            child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            child.text = " PAGE "
        elif tag == "w:t":
            child.text = "1"
        run.append(child)
        paragraph._p.append(run)

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    run_with("w:instrText")
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    run_with("w:t")
    run_with("w:fldChar", **{"w:fldCharType": "end"})


def _append_run(paragraph, tag: str, text: str = "", **attrs: str) -> None:
    """Append a w:r holding one element (w:t, w:tab, w:instrText, w:fldChar) to a python-docx paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    child = OxmlElement(tag)
    for key, value in attrs.items():
        child.set(qn(key), value)
    if text:
        child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        child.text = clean(text)
    run.append(child)
    paragraph._p.append(run)


def _field(paragraph, instruction: str, result: str) -> None:
    _append_run(paragraph, "w:fldChar", **{"w:fldCharType": "begin"})
    _append_run(paragraph, "w:instrText", f" {instruction} ")
    _append_run(paragraph, "w:fldChar", **{"w:fldCharType": "separate"})
    _append_run(paragraph, "w:t", result)
    _append_run(paragraph, "w:fldChar", **{"w:fldCharType": "end"})


def add_bookmark(paragraph, name: str, number: int) -> None:
    """Wrap a python-docx paragraph's content in a bookmark, for a PAGEREF of the 目次 to point at."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(number))
    ppr = paragraph._p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def toc_entry(paragraph, label: str, text: str, bookmark: str, *, label_tab: int, page_tab: int) -> None:
    """Fill a 目次 paragraph: label, tab, heading, dot leader, page number (a PAGEREF to the heading).

    The page number is a field that LibreOffice lays out and Word updates when it opens the document
    (see ask_to_update_fields); the label tab stop makes 「10」 line up with 「1」–「9」.
    """
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Twips

    for run in list(paragraph._p.xpath("./w:r")):
        paragraph._p.remove(run)
    tabs = paragraph.paragraph_format.tab_stops
    tabs.add_tab_stop(Twips(label_tab), WD_TAB_ALIGNMENT.LEFT)
    tabs.add_tab_stop(Twips(page_tab), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    _append_run(paragraph, "w:t", label)
    _append_run(paragraph, "w:tab")
    _append_run(paragraph, "w:t", text)
    _append_run(paragraph, "w:tab")
    _field(paragraph, f"PAGEREF {bookmark} \\h", "")


def ask_to_update_fields(word, wanted: bool) -> None:
    """Have Word refresh fields (the 目次's page numbers) when it opens the document, or not."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = word.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)  # a reference document's setting is not this document's
    if not wanted:
        return
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    # The schema fixes the order of settings: w:updateFields goes before these.
    later = {qn(f"w:{name}") for name in _SETTINGS_AFTER_UPDATE_FIELDS}
    follower = next((child for child in settings if child.tag in later), None)
    if follower is None:
        settings.append(element)
    else:
        follower.addprevious(element)


_SETTINGS_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
    "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)


def drop_core_dates(word) -> None:
    """Remove created, modified and last-printed from the core properties: an undated document claims no date."""
    element = word.core_properties._element
    for name in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        for child in element.findall(name, {"dcterms": "http://purl.org/dc/terms/",
                                            "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}):
            element.remove(child)


def add_line_breaks(paragraph, lines: list[str]) -> None:
    """Replace a python-docx paragraph's runs with the lines, joined by line breaks (w:br); a line keeps its trailing space."""
    for run in list(paragraph._p.xpath("./w:r")):
        paragraph._p.remove(run)
    run = paragraph.add_run(clean(lines[0]))
    for line in lines[1:]:
        run.add_break()
        run.add_text(clean(line))

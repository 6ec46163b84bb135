"""Build the base Word package (Japanese house styles) and rewrite .docx zips byte-for-byte reproducibly."""

from __future__ import annotations

import io
import zipfile

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

# Style names the writer uses (as python-docx spells them) mapped to the style IDs defined below.
STYLE_IDS = {
    "Normal": "Normal",
    "Title": "Title",
    "Document Info": "DocumentInfo",
    "TOC Heading": "TOCHeading",
    "toc 1": "TOC1",
    "Heading 1": "Heading1",
    "Heading 2": "Heading2",
    "Body Text": "BodyText",
    "Policy Item": "PolicyItem",
    "Footer": "Footer",
}

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
            f'<w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr>'
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


def section_xml() -> str:
    """Return the w:sectPr for A4 portrait with the house margins and a 40-line grid."""
    margins = " ".join(f'w:{k}="{v}"' for k, v in MARGINS.items())
    return (
        f'<w:sectPr><w:pgSz w:w="{PAGE["w"]}" w:h="{PAGE["h"]}"/><w:pgMar {margins} w:gutter="0"/>'
        f'<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="{LINE_PITCH_TWIPS}"/></w:sectPr>'
    )


_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
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
        "word/document.xml": (
            f'<w:document xmlns:w="{W_NS}" xmlns:r="{_REL}"><w:body>{section_xml()}</w:body></w:document>'
        ),
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
    return write_zip({name: (_XML_DECL + xml).encode("utf-8") for name, xml in parts.items()})


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

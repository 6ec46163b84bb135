"""Read a policy from HTML: the 例規集 page format (div.eline per line) or any generic page."""

from __future__ import annotations

import re
import unicodedata

from policygen.limits import MAX_HTML_BLOCK_DEPTH
from policygen.model import Document, Paragraph
from policygen.readers.text import decode
from policygen.readers.structure import build_document

_SKIP = {"script", "style", "rt", "rp", "template", "noscript", "head", "title", "iframe", "object", "svg"}
_GENERIC_SKIP = _SKIP | {"nav", "footer", "aside", "form", "button", "select"}
_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "blockquote", "pre", "ul", "ol", "li", "dl", "dt",
    "dd", "table", "thead", "tbody", "tfoot", "tr", "figure", "figcaption", "address", "center",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "body", "html", "details", "summary", "fieldset",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_ALIASES = {"shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932"}
_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")
# The 例規集 side panel (目次, 沿革) and the hidden list of clause ids are not part of the text.
_SIDE_PANEL = {"secondary", "num-ids"}


def _wide(ch: str) -> bool:
    return bool(ch) and unicodedata.east_asian_width(ch) in "WF"


def squash(text: str) -> str:
    """Collapse whitespace: a line break next to a Japanese character vanishes, other runs become one space."""

    def join(match: re.Match[str]) -> str:
        if not any(ch in match.group() for ch in "\r\n\f\v"):
            return " "  # a typed space (「LGWAN 接続系」): a browser shows it, so keep it
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return "" if _wide(before) or _wide(after) else " "

    return _WHITESPACE.sub(join, text).strip(" ")


# Marks where a block element inside inline markup starts and ends (<p> inside an unclosed <font>), so the
# walker can still split paragraphs there; U+2029 PARAGRAPH SEPARATOR, which squash leaves alone.
_BLOCK_BREAK = "\u2029"


def _raw_text(node, *, blocks: bool = False) -> str:
    """Return the text of a node, ruby readings and scripts left out, <br> as a line break.

    Walked with a stack, not recursion: an old page's 5,000 unclosed <font> tags nest 5,000 deep. With
    `blocks`, the bounds of block elements inside are marked with _BLOCK_BREAK.
    """
    from bs4 import Comment, NavigableString, Tag

    parts: list[str] = []
    stack: list = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Comment):
            continue
        if isinstance(item, str) and item is _BLOCK_BREAK:
            parts.append(item)
        elif isinstance(item, NavigableString):
            parts.append(str(item))
        elif isinstance(item, Tag) and item.name not in _SKIP:
            if item.name == "br":
                parts.append("\n")
            elif blocks and item.name in _BLOCKS and item is not node:
                stack.append(_BLOCK_BREAK)
                stack.extend(reversed(item.contents))
                stack.append(_BLOCK_BREAK)
            else:
                stack.extend(reversed(item.contents))
    return "".join(parts)


def text_of(node) -> str:
    """Return the squashed text of a node (see squash)."""
    return squash(_raw_text(node))


def _source(node) -> str:
    line = getattr(node, "sourceline", None)
    return f"line {line}" if line else ""


def _classes(node) -> set[str]:
    return set(node.get("class") or ())


def _table_rows(table) -> list[Paragraph]:
    rows = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue  # rows of a nested table are read with that table
        cells = [text_of(cell) for cell in tr.find_all(["td", "th"], recursive=False)]
        cells = [cell for cell in cells if cell]
        if cells:
            rows.append(Paragraph("\u3000".join(cells), _source(tr), "table"))
    return rows


def _reiki_paragraphs(soup) -> list[Paragraph]:
    """Read the 例規集 page format: one div.eline per printed line."""
    paragraphs: list[Paragraph] = []
    for eline in soup.select("div.eline"):
        if any(parent.get("id") in _SIDE_PANEL for parent in eline.parents if hasattr(parent, "get")):
            continue
        for node in eline.find_all(["p", "table"]):
            if node.find_parent(["p", "table"]) is not None:
                continue  # a cell's paragraph: read with its table row
            if node.name == "table":
                paragraphs.extend(_table_rows(node))
                continue
            classes = _classes(node)
            block = node.find_parent("div")
            block_classes = _classes(block) if block is not None else set()
            if "head" in block_classes:
                hint = "title" if classes & {"title", "title-irregular"} else ("date" if "date" in classes else "")
                hint = "number" if "number" in classes else hint
                paragraphs.append(Paragraph(text_of(node), _source(node), hint))
            elif "s-head" in classes:
                paragraphs.append(Paragraph(text_of(node), _source(node), "s-head"))
            elif "title" in classes:
                paragraphs.append(Paragraph(text_of(node), _source(node), "caption"))
            else:
                number = node.find("span", class_="num")
                label = text_of(number) if number is not None else ""
                text = text_of(node)
                if label and text.startswith(label):
                    text = text[len(label):].strip(" \u3000")
                else:
                    label = ""
                if text or label:
                    paragraphs.append(Paragraph(text, _source(node), "", label))
    return paragraphs


# A cell holding a heading, a table, or this many paragraphs is page layout (older municipal sites put
# the whole page in a table), not a row of data: its content is read as the page's own blocks.
_LAYOUT_PARAGRAPHS = 4
_CELL_BLOCKS = ("p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "table")


def _cells(table) -> list:
    """Return the cells of a table's own rows in reading order (not those of nested tables)."""
    return [cell for tr in table.find_all("tr") if tr.find_parent("table") is table
            for cell in tr.find_all(["td", "th"], recursive=False)]


def _is_layout(table) -> bool:
    """Tell whether a table lays out a page rather than holding rows of data."""
    for cell in _cells(table):
        blocks = cell.find_all(_CELL_BLOCKS)
        if any(block.name in _HEADINGS or block.name == "table" for block in blocks):
            return True
        if len(blocks) >= _LAYOUT_PARAGRAPHS:
            return True
    return False


class _Walker:
    """Collect the block-level paragraphs of a generic page in reading order."""

    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.buffer: list[str] = []
        self.buffer_source = ""
        self.list_depth = 0

    def flush(self) -> None:
        for piece in "".join(self.buffer).split(_BLOCK_BREAK):
            text = squash(piece)
            if text:
                self.paragraphs.append(Paragraph(text, self.buffer_source, "list" if self.list_depth else ""))
        self.buffer, self.buffer_source = [], ""

    def walk(self, node, depth: int = 0) -> None:
        from bs4 import Comment, NavigableString, Tag

        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                if str(child).strip() and not self.buffer_source:
                    self.buffer_source = _source(node)
                self.buffer.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in _GENERIC_SKIP:
                continue
            if child.get("hidden") is not None or "display:none" in str(child.get("style") or "").replace(" ", ""):
                continue
            if child.name not in _BLOCKS or depth >= MAX_HTML_BLOCK_DEPTH:
                # past the depth limit a block is read as text inside its parent (no deeper recursion)
                if not self.buffer_source:
                    self.buffer_source = _source(child)
                self.buffer.append(_raw_text(child, blocks=True))
                continue
            self.flush()
            if child.name in _HEADINGS:
                text = text_of(child)
                if text:
                    self.paragraphs.append(Paragraph(text, _source(child), f"heading:{child.name[1]}"))
            elif child.name == "table" and _is_layout(child):
                for cell in _cells(child):
                    self.walk(cell, depth + 1)
                    self.flush()
            elif child.name == "table":
                self.paragraphs.extend(_table_rows(child))
            elif child.name == "pre":
                for offset, line in enumerate(_raw_text(child).split("\n")):
                    if line.strip():
                        self.paragraphs.append(Paragraph(line.strip(), f"line {(child.sourceline or 0) + offset}"))
            elif child.name in ("ul", "ol"):
                self.list_depth += 1
                self.walk(child, depth + 1)
                self.list_depth -= 1
            else:
                self.walk(child, depth + 1)
            self.flush()


def _generic_paragraphs(soup) -> list[Paragraph]:
    walker = _Walker()
    body = soup.body or soup
    walker.walk(body)
    walker.flush()
    paragraphs = walker.paragraphs
    if not soup.find("h1") and soup.title is not None:
        title = text_of(soup.title)
        if title:
            paragraphs.insert(0, Paragraph(title, _source(soup.title), "title"))
    return paragraphs


def paragraphs_from_html(text: str) -> list[Paragraph]:
    """Turn an HTML page into paragraphs, using the 例規集 markup when the page has it."""
    from bs4 import BeautifulSoup

    # html.parser (not lxml) because it records source lines for notices.
    soup = BeautifulSoup(text, "html.parser")
    if soup.select_one("div.eline"):
        return _reiki_paragraphs(soup)
    return _generic_paragraphs(soup)


def decode_html(data: bytes, *, name: str = "") -> str:
    """Decode an HTML page, honouring its <meta charset> when it names a known encoding."""
    match = _CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii").lower() if match else ""
    return decode(data, name=name, declared=_ALIASES.get(declared, declared))


def read(data: bytes, *, name: str = "") -> Document:
    """Read an HTML policy page into a Document."""
    return build_document(paragraphs_from_html(decode_html(data, name=name)), source_name=name)

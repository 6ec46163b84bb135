"""Read a Markdown policy with markdown-it-py; heading levels are hints only, the labels decide nesting."""

from __future__ import annotations

from policygen.model import Document, Paragraph
from policygen.readers.text import decode, line_paragraphs, split_lines
from policygen.readers.structure import build_document


def _inline_lines(token) -> list[str]:
    """Return the rendered text of an inline token, one string per source line (escapes resolved)."""
    lines = [""]
    for child in token.children or ():
        if child.type in ("softbreak", "hardbreak"):
            lines.append("")
        elif child.type in ("text", "code_inline"):
            lines[-1] += child.content
        elif child.type == "image":
            lines[-1] += "".join(c.content for c in child.children or ()) or child.attrs.get("alt", "")
    return lines


def paragraphs_from_markdown(text: str) -> list[Paragraph]:
    """Turn Markdown into paragraphs: headings carry "heading:N", list items "list", tables one row each."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    paragraphs: list[Paragraph] = []
    hint = ""
    list_depth = 0
    item_label = ""
    row: list[str] = []
    row_line = 0
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif token.type == "list_item_open":
            # Ordered lists ("1. 目的") carry their number as the label.
            item_label = token.info if token.markup in (".", ")") else ""
        elif token.type == "heading_open":
            hint = f"heading:{int(token.tag[1:])}"
        elif token.type == "heading_close":
            hint = ""
        elif token.type == "tr_open":
            row, row_line = [], (token.map[0] + 1 if token.map else 0)
        elif token.type == "tr_close":
            cells = [cell for cell in row if cell]
            if cells:
                paragraphs.append(Paragraph("\u3000".join(cells), f"line {row_line}", "table"))
        elif token.type == "inline":
            parent = tokens[index - 1]
            line = (parent.map[0] + 1) if parent.map else 0
            if parent.type in ("th_open", "td_open"):
                row.append(" ".join(_inline_lines(token)).strip())
                continue
            own_hint = hint or ("list" if list_depth else "")
            for offset, content in enumerate(_inline_lines(token)):
                content = content.strip()
                if not content:
                    continue
                label, item_label = (item_label, "") if offset == 0 else ("", "")
                paragraphs.append(Paragraph(content, f"line {line + offset}", own_hint, label))
        elif token.type in ("fence", "code_block"):
            line = token.map[0] + 1 if token.map else 0
            paragraphs.extend(line_paragraphs(split_lines(token.content), first_line=line + (token.type == "fence")))
    return paragraphs


def read(data: bytes, *, name: str = "") -> Document:
    """Read a Markdown policy into a Document."""
    text = decode(data, name=name)
    return build_document(paragraphs_from_markdown(text), source_name=name)

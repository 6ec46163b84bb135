"""Write a Document as Markdown that also reads well as plain text: labels stay literal, never lists."""

from __future__ import annotations

import re

from policygen.model import Document
from policygen import layout as L

# Inline characters that CommonMark (and GFM's ~~strike~~) would read as markup.
_INLINE = re.compile(r"([\\`*_\[\]<~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")

# Line starts that would open a block construct: ATX heading, quote, bullet, ordered list, fence,
# thematic break, setext underline.
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")
_BULLET = re.compile(r"^([-+*])(?=[ \t]|$)")
_RULE = re.compile(r"^([-*_=])[ \t]*(?:\1[ \t]*)+$")


def escape(text: str) -> str:
    """Escape text so that markdown-it-py renders it as one literal paragraph line."""
    text = " ".join(text.split("\n")).strip(" \t")
    text = _ENTITY.sub("&amp;", text)
    text = _INLINE.sub(r"\\\1", text)
    text = _ORDERED.sub(r"\1\\\2", text)
    if _RULE.match(text) or _BULLET.match(text) or text[:1] in ("#", ">", "+", "=", "-", "|"):
        text = "\\" + text
    return text


def _heading(block: L.Block) -> str:
    return escape(f"{block.label} {block.body}" if block.label and block.body else block.text)


def to_markdown(document: Document) -> str:
    """Return the document as Markdown: `#` title, `##` sections, `###` definitions, plain paragraphs."""
    chunks: list[str] = []
    for block in L.layout(document):
        if block.role == L.TITLE:
            chunks.append("# " + escape(block.text))
        elif block.role == L.HEADING1:
            chunks.append("## " + _heading(block))
        elif block.role == L.HEADING2:
            chunks.append("### " + _heading(block))
        else:
            line = escape(block.text)
            if line:
                chunks.append(line)
    return "\n\n".join(chunks) + "\n"

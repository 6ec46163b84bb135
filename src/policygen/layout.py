"""Flatten a Document into typed blocks, so that every writer and revise/paragraphs.py see the same lines in the same order."""

from __future__ import annotations

import re
from typing import Iterator

from policygen import numbering
from policygen.errors import PolicygenError
from policygen.model import SPACE, STYLES, Block, Clause, Document, Style  # noqa: F401  (writers use L.SPACE, L.Block)

# Roles of blocks, in the order they can appear.
TITLE = "title"
META = "meta"  # date, number, issuer, department: right-aligned header lines
PREAMBLE = "preamble"
TOC_TITLE = "toc_title"
TOC = "toc"
HEADING1 = "heading1"  # numbered-style section: 「1 目的」
HEADING2 = "heading2"  # numbered-style definition or titled item: 「(1) ネットワーク」
CAPTION = "caption"  # article-style caption: 「(目的)」
BODY = "body"  # a running paragraph; first line indented one character
ITEM = "item"  # a labelled paragraph with a hanging indent: 「(1)　不正アクセス…」, 「第1条　…」
POSTSCRIPT = "postscript"

# The roles of a paragraph that only heads what follows (a 新旧対照表 row of these keeps with the next row).
HEADING_ROLES = (HEADING1, HEADING2, CAPTION)

# Article style: indentation (in characters) of the first line of each kind of label.
_ARTICLE_DEPTH = {
    numbering.ARTICLE: 0,
    numbering.SECTION: 0,  # 項
    numbering.PAREN: 1,  # 号
    numbering.KANA: 2,
    numbering.CIRCLED: 2,
    numbering.PAREN_KANA: 3,
    numbering.ALPHA: 4,
    numbering.PAREN_ALPHA: 5,
}


def document_style(document: Document) -> Style:
    """Return the presentation style named by meta["style"] ("numbered" when unset)."""
    style = str(document.meta.get("style") or "numbered")
    for known in STYLES:
        if style == known:
            return known
    expected = " or ".join(f'"{s}"' for s in STYLES)
    raise PolicygenError(f'meta "style": unknown style {style!r} (expected {expected})')


def meta_lines(document: Document) -> list[str]:
    """Return the header lines under the title: date, revision date, number, issuer, department (those present)."""
    lines = []
    for key in ("date", "revised", "number", "issuer", "department"):
        value = str(document.meta.get(key) or "").strip()
        if value:
            lines.append(value)
    return lines


def layout(document: Document) -> list[Block]:
    """Return the document as a flat list of blocks in reading order."""
    style = document_style(document)
    blocks: list[Block] = []
    if document.title:
        blocks.append(Block(TITLE, document.title))
    blocks.extend(Block(META, line) for line in meta_lines(document))
    if document.meta.get("toc"):
        entries = _article_toc(document) if style == "article" else [
            Block(TOC, clause.heading, clause.label, 0, clause.id) for clause in document.clauses]
        if entries:
            blocks.append(Block(TOC_TITLE, "目次"))
            blocks.extend(entries)
    blocks.extend(loose_line(line, PREAMBLE) for line in document.preamble if line.strip())
    for clause in document.clauses:
        if style == "article":
            blocks.extend(_article(clause, parent_depth=-1))
        else:
            blocks.extend(_numbered(clause, level=0))
    blocks.extend(loose_line(line, POSTSCRIPT) for line in document.postscript if line.strip())
    return blocks


def _article_toc(document: Document) -> list[Block]:
    """Return an article-style 目次: its 章 (and 節) with their articles, 「第1章　総則（第1条―第4条）」; none without 章."""
    starts: list[tuple[str, int]] = [(line.strip(), 0) for line in document.preamble if _CHAPTER.match(line.strip())]
    for index, clause in enumerate(document.clauses):
        chapter = str(clause.attrs.get("chapter") or "").strip()
        if chapter and (not starts or starts[-1][0] != chapter):
            starts.append((chapter, index))
    entries = []
    for number, (title, first) in enumerate(starts):
        last = starts[number + 1][1] - 1 if number + 1 < len(starts) else len(document.clauses) - 1
        labels = [c.label for c in document.clauses[first:last + 1] if c.label]
        span = f"（{labels[0]}―{labels[-1]}）" if len(labels) > 1 else f"（{labels[0]}）" if labels else ""
        entries.append(Block(TOC, SPACE.join(title.split()) + span))
    return entries


_CHAPTER = re.compile(r"^第[0-9０-９一二三四五六七八九十百]+[章節]")


def loose_line(line: str, role: str) -> Block:
    """Lay out a line outside the clause tree: a sentence runs as body, anything else (附則, 第1章) stands alone."""
    line = line.strip()
    return Block(BODY, line) if line.endswith("。") else Block(role, line)


def _numbered(clause: Clause, level: int) -> Iterator[Block]:
    """Lay out a numbered-style clause: 1 → (1) → ①, each level one character deeper."""
    paragraphs = clause.paragraphs
    if not clause.label:
        # An unlabelled paragraph continues its parent's body (the three paragraphs of 6(8)).
        yield from (Block(BODY, p, "", level, clause.id) for p in paragraphs)
    elif clause.heading:
        role = HEADING1 if level == 0 else HEADING2
        yield Block(role, clause.heading, clause.label, level, clause.id)
        yield from (Block(BODY, p, "", level + 1, clause.id) for p in paragraphs)
    else:
        first, rest = (paragraphs[0], paragraphs[1:]) if paragraphs else ("", [])
        yield Block(ITEM, first, clause.label, level, clause.id)
        yield from (Block(BODY, p, "", level + 1, clause.id) for p in rest)
    for child in clause.children:
        yield from _numbered(child, level + 1)


def _article(clause: Clause, parent_depth: int) -> Iterator[Block]:
    """Lay out an article-style clause: (caption), 第1条, 項 2, 号 (1) 用語　定義, ア, (ア)."""
    paragraphs = clause.paragraphs
    if not clause.label:
        depth = max(parent_depth, 0)
        yield from (Block(BODY, p, "", depth, clause.id) for p in paragraphs)
        for child in clause.children:
            yield from _article(child, depth)
        return
    parsed = numbering.parse_label(clause.label)
    kind = parsed[0].kind if parsed is not None else ""
    depth = _ARTICLE_DEPTH.get(kind, parent_depth + 1)
    first, rest = (paragraphs[0], paragraphs[1:]) if paragraphs else ("", [])
    if kind == numbering.ARTICLE:
        if clause.heading:
            # The caption sits one character in, above its article.
            yield Block(CAPTION, f"({clause.heading})", "", 1, clause.id)
        yield Block(ITEM, first, clause.label, depth, clause.id)
    else:
        # A 号 that defines a term reads 「(1)　用語　定義」 on one line.
        body = SPACE.join(part for part in (clause.heading, first) if part)
        yield Block(ITEM, body, clause.label, depth, clause.id)
    yield from (Block(BODY, p, "", depth + 1, clause.id) for p in rest)
    for child in clause.children:
        yield from _article(child, depth)

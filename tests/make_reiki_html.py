"""Write policies as 例規集 (reiki) web pages for tests: one div.eline per printed line.

The markup follows the 例規集 pages in shared/samples/reiki-html: a div.head block for the
title, date and number; div.article for a 条 (its caption as p.title before it), div.clause for a 項 or
an unlabelled paragraph, div.item for a 号 or any other labelled item; the printed number of a line
in span.num inside p.num, the body in span.p; 附則 as p.s-head. Two entry points:

- `text_to_reiki_html(text)` works line by line on a plain policy text (no parsing beyond the label
  at the start of each line), so a reader test does not depend on the structure builder's output;
- `document_to_reiki_html(document)` writes a parsed or rendered Document clause by clause.
"""

from __future__ import annotations

import html
import re

from policygen import numbering
from policygen.model import Clause, Document

_CAPTION = re.compile(r"^[(（][^()（）]{1,30}[)）]$")
_POSTSCRIPT = re.compile(r"^附[ \u3000]*則")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+")


class _Page:
    """Collect the lines of one page and number their ids as the 例規集 does (l000000001, e000000001)."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.lines: list[str] = []
        self.ids = 0

    def _id(self) -> str:
        self.ids += 1
        return f"e{self.ids:09d}"

    def _span(self, text: str, cls: str = "p cm") -> str:
        return f'<span id="{self._id()}" class="{cls}">{html.escape(text, quote=False)}</span>'

    def _eline(self, inner: str) -> None:
        self.lines.append(f'<div>\n<div id="l{len(self.lines):09d}" class="eline">{inner}</div>\n</div>')

    def head(self, text: str, cls: str) -> None:
        self._eline(f'<div class="head"><p class="{cls}">{self._span(text, "cm")}</p></div>')

    def plain(self, text: str) -> None:
        """Add an unnumbered paragraph (a 制定文, a body paragraph, 以上)."""
        self._eline(
            f'<div class="clause"><p id="{self._id()}" class="p" style="text-indent:1em;margin-left:0em;">'
            f"{self._span(text)}</p></div>"
        )

    def numbered(self, block: str, label: str, text: str, caption: str = "") -> None:
        """Add a line that starts with a printed number; `block` is article, clause or item."""
        title = f'<p class="title">{self._span(f"({caption})", "cm")}</p>' if caption else ""
        body = self._span(text) if text else ""
        if block == "article" and body:
            body = f'<span class="clause">{body}</span>'
        self._eline(
            f'<div class="{block}">{title}<p id="{self._id()}" class="num">'
            f'{self._span(label, "num cm")}\u3000{body}</p></div>'
        )

    def supplement(self, text: str) -> None:
        self._eline(f'<p id="{self._id()}" class="s-head">{self._span(text, "title cm")}</p>')

    def html(self) -> str:
        body = "\n".join(self.lines)
        return (
            '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" '
            '"http://www.w3.org/TR/html4/loose.dtd">\n<html lang="ja">\n<head>\n'
            '<meta http-equiv="content-type" content="text/html; charset=utf-8">\n'
            f"<title>{html.escape(self.title)}</title>\n</head>\n<body>\n"
            '<div id="wrapper">\n<div id="container">\n<div id="primary" class="joubun showhistory">\n'
            f'<div id="primaryInner">\n<div id="primaryInner2">\n{body}\n</div>\n</div>\n</div>\n'
            # The side panel repeats the title and the clause list; the reader must skip it.
            '<div id="secondary">\n<div class="heading-area">\n'
            f'<h2 class="heading-lv2A">{html.escape(self.title)}</h2>\n</div>\n</div>\n'
            "</div>\n</div>\n</body>\n</html>\n"
        )


def _block(kind: str) -> str:
    return {numbering.ARTICLE: "article", numbering.SECTION: "clause"}.get(kind, "item")


def text_to_reiki_html(text: str, *, title: str = "") -> str:
    """Write a plain policy text as a 例規集 page, one eline per non-empty line.

    Lines before the first numbered line are the head (the first one is the title). A 「(目的)」 line
    just before an article line becomes that article's p.title caption. Markdown heading marks are
    dropped, as a 例規集 page has none.
    """
    lines = [_MARKDOWN_HEADING.sub("", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    first = next((i for i, line in enumerate(lines) if _label(line) is not None), len(lines))
    page = _Page(title or (lines[0] if first else ""))
    for index, line in enumerate(lines[:first]):
        if index == 0:
            page.head(line, "title-irregular")
        else:
            page.plain(line)
    caption = ""
    for index, line in enumerate(lines[first:], start=first):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        parsed = _label(line)
        if parsed is None and _CAPTION.match(line) and (_label(following) or (None,))[0] == numbering.ARTICLE:
            caption = line[1:-1]
            continue
        if parsed is None:
            if _POSTSCRIPT.match(line):
                page.supplement(line)
            else:
                page.plain(line)
            continue
        kind, label, rest = parsed
        page.numbered(_block(kind), label, rest, caption)
        caption = ""
    return page.html()


def _label(line: str) -> tuple[str, str, str] | None:
    """Return (kind, label as printed, rest) for a line that starts with a clause number."""
    parsed = numbering.parse_label(line)
    if parsed is None or parsed[0].kind == numbering.CHAPTER:
        return None
    label, rest = parsed
    printed = label.text.strip()
    return label.kind, printed, rest.strip(" \u3000\t")


def document_to_reiki_html(document: Document) -> str:
    """Write a Document (parsed or rendered) as a 例規集 page, clause by clause."""
    title = document.title
    page = _Page(title)
    if title:
        page.head(title if title[:1] in "○◯" else f"○{title}", "title-irregular")
    for key, cls in (("date", "date"), ("number", "number")):
        if document.meta.get(key):
            page.head(str(document.meta[key]), cls)
    for line in document.preamble:
        page.plain(line)
    article_style = any(c.label.startswith("第") for c in document.clauses)
    for clause in document.clauses:
        _write_clause(page, clause, depth=0, article_style=article_style)
    for line in document.postscript:
        if _POSTSCRIPT.match(line):
            page.supplement(line)
        else:
            page.plain(line)
    return page.html()


def _write_clause(page: _Page, clause: Clause, *, depth: int, article_style: bool) -> None:
    if clause.attrs.get("chapter"):
        page.plain(str(clause.attrs["chapter"]))
    paragraphs = clause.paragraphs
    if not clause.label:
        for paragraph in paragraphs:
            page.plain(paragraph)
    elif clause.label.startswith("第"):
        page.numbered("article", clause.label, paragraphs[0] if paragraphs else "", clause.heading)
        for paragraph in paragraphs[1:]:
            page.plain(paragraph)
    else:
        block = "clause" if article_style and depth == 1 and clause.label.isdigit() else "item"
        if article_style and clause.heading:
            # 号 of a definition article: 「(1)　用語　定義」 on one line.
            first = f"{clause.heading}\u3000{paragraphs[0]}" if paragraphs else clause.heading
            page.numbered(block, clause.label, first)
            rest = paragraphs[1:]
        elif clause.heading:
            # Numbered style: the section title or the defined term on the label line, the body below.
            page.numbered(block, clause.label, clause.heading)
            rest = paragraphs
        else:
            page.numbered(block, clause.label, paragraphs[0] if paragraphs else "")
            rest = paragraphs[1:]
        for paragraph in rest:
            page.plain(paragraph)
    for child in clause.children:
        _write_clause(page, child, depth=depth + 1, article_style=article_style)

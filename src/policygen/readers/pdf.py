"""Read a text PDF into a Document: lines from character positions, headers/footers dropped, lines re-joined.

Why pdfplumber: it is maintained, pure Python over pdfminer.six, and hands out every character with
its box and font size. Paragraph recovery needs exactly that: which lines sit in the page margins
and repeat (running headers, page numbers), where a line ends relative to the right margin (a wrap
or a real paragraph end), the vertical space between lines, and the real gap between two glyphs
(to tell a typed space from the small Asian/Latin autospace that text extractors turn into spaces
inside Japanese words). Plain text extractors (pdftotext, pypdf) have already thrown that away.

Limits: one text column per page, horizontal writing; a scanned PDF (no text layer) is refused.
"""

from __future__ import annotations

import io
import re
import statistics
import unicodedata
from dataclasses import dataclass, field

from policygen import progress
from policygen.errors import PolicygenError
from policygen.limits import MAX_PDF_PAGES
from policygen.model import Document, Paragraph
from policygen.readers.pdf_budget import budget
from policygen.numbering import parse_label

_SPACES = {" ", "\u3000", "\u00a0", "\t"}
# Share of the page height at top and bottom where running headers and page numbers live.
_BAND = 0.1
# A margin line is running furniture when it repeats on this share of the pages (and on two at least): a
# header is on nearly every page, while a body line that happens to fall in the band repeats on few.
_FURNITURE_SHARE = 0.4
_FURNITURE_MIN_PAGES = 2
# The PDF header may follow other bytes, but readers (Acrobat among them) look for it only this far in.
_HEADER_SEARCH = 1024
# Text is unusable when the markers of unmapped glyphs (「(cid:12)」), counted at 6 characters each (no marker
# is shorter), cover over half of it.
_CID_MARKER_LENGTH = 6
_CID_SHARE = 0.5

# Gaps and distances in em (the font size): they scale with the type, whatever the page size.
# Latin word spaces are ~0.25 em; Asian/Latin autospace (~0.2 em) and justification stretch are not
# spaces, so between Japanese characters only a wide gap counts.
_LATIN_SPACE_EM = 0.15
_CJK_SPACE_EM = 0.45
# The smallest font size a gap is measured against, in points: a glyph a broken file gives no size (0)
# would otherwise make every gap a space.
_MIN_SIZE = 1.0
# Glyph tops are compared to a tenth of a point (digits after the point), so that glyphs of one line whose
# tops differ only by rounding noise come in left-to-right order.
_TOP_DIGITS = 1
# A line ending this far before the right margin ends its paragraph (more than a 。 hanging or a kinsoku
# shift of one character).
_SHORT_LINE_EM = 1.5
# Vertical space beyond the usual line gap that separates paragraphs (a quarter em of extra space).
_PARAGRAPH_GAP_EM = 0.25
# A change of left edge between continuation lines bigger than half a character is a new paragraph's indent.
_INDENT_CHANGE_EM = 0.5
# Font sizes that differ by more than this share (a heading in larger type) do not share a paragraph.
_SIZE_CHANGE = 0.1
# 禁則 moves up to a few characters to the next line: a line that short of the margin may still wrap when
# the next line starts (within its first characters) with a character kept off a line start.
_KINSOKU_SHORTFALL_EM = 4.5
_KINSOKU_WINDOW = 3
# An unbreakable Latin word or number moved down whole leaves the line short by about its width
# (~0.6 em per half-width character) plus the usual slack.
_WORD_SLACK_EM = 1.5
_LATIN_CHAR_EM = 0.6
# Full lines are the rightmost edge that at least one line in this many shares (and two at least).
_FULL_LINE_EVERY = 20
_FULL_LINE_MIN = 2
# The usual gap between lines of a paragraph is the one a fifth of the way up the sorted gaps (a low
# percentile: most gaps are inside paragraphs, and the larger ones separate them).
_NORMAL_GAP_DIVISOR = 5
# Boxes that overlap by more than a point are not consecutive lines (a superscript, text drawn twice).
_OVERLAP_LIMIT = -1

_PAGE_NUMBER = re.compile(
    r"^(?:[-－—–―‐ー]\s*)?(?:[pPｐＰ]\.?\s*|第\s*)?[0-9０-９]+(?:\s*(?:頁|ページ))?"
    r"(?:\s*[/／]\s*[0-9０-９]+)?(?:\s*[-－—–―‐ー])?$"
)
# Characters that Japanese line breaking keeps off the start / the end of a line (行頭・行末禁則).
_NO_START = set("、。，．,.・：；？！!?ー－ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)）]］｝〕〉》」』】’”ゝゞヽヾ々")
_NO_END = set("(（[［｛〔〈《「『【‘“")
_BULLET = re.compile(r"^[-‐・•●■◆][ \u3000]*")
_SPLIT_NUMBER = re.compile(r"([(（])[ \u3000]*([0-9０-９](?:[0-9０-９ \u3000]*[0-9０-９])?)[ \u3000]*([)）])")


@dataclass
class Line:
    """One printed line: its text and where it sits on its page."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class _Para:
    lines: list[Line] = field(default_factory=list)


def _is_cjk(ch: str) -> bool:
    """Tell whether a character belongs to Japanese script (kanji, kana, full-width forms, CJK punctuation)."""
    if not ch:
        return False
    code = ord(ch)
    return (
        0x3000 < code <= 0x30FF  # CJK punctuation, hiragana, katakana (not the ideographic space)
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF01 <= code <= 0xFF60  # full-width ASCII forms
        or 0xFF61 <= code <= 0xFF9F  # half-width katakana
        or 0x31F0 <= code <= 0x31FF
        or 0x2460 <= code <= 0x24FF  # ①, ⑴
        or 0x3200 <= code <= 0x32FF
        or unicodedata.east_asian_width(ch) in ("W", "F")
    )


def _line_text(chars: list[dict]) -> str:
    """Build a line's text from its characters, keeping typed spaces and dropping layout gaps."""
    out: list[str] = []
    pending_space = False
    prev = None
    for char in chars:
        text = char["text"]
        if text in _SPACES or not text.strip():
            pending_space = prev is not None
            continue
        if prev is not None and not pending_space:
            gap = char["x0"] - prev["x1"]
            size = max(prev["size"], char["size"], _MIN_SIZE)
            both_latin = not _is_cjk(prev["text"][-1]) and not _is_cjk(text[0])
            pending_space = gap > (_LATIN_SPACE_EM if both_latin else _CJK_SPACE_EM) * size
        if pending_space:
            out.append(" ")
        out.append(text)
        pending_space = False
        prev = char
    return clean_line("".join(out))


def clean_line(text: str) -> str:
    """Repair extraction damage in one line: split label numbers 「(1 1)」, stray spaces around digits."""
    text = _SPLIT_NUMBER.sub(lambda m: m.group(1) + re.sub(r"[ \u3000]", "", m.group(2)) + m.group(3), text)
    text = re.sub(r"[ \u3000]{2,}", " ", text)
    return text.strip(" \u3000")


def _join(left: str, right: str) -> str:
    """Join a wrapped line to the next: no space in Japanese, one space between Latin words."""
    if not left or not right:
        return left + right
    if not _is_cjk(left[-1]) and not _is_cjk(right[0]) and left[-1].isalnum() and right[0].isalnum():
        return left + " " + right
    return left + right


def _page_lines(page, page_number: int) -> list[Line]:
    """Group a page's characters into lines, top to bottom, each read left to right."""
    chars = [c for c in page.dedupe_chars().chars if c.get("upright", True)]
    chars.sort(key=lambda c: (round(c["top"], _TOP_DIGITS), c["x0"]))
    groups: list[list[dict]] = []
    for char in chars:
        if groups:
            line = groups[-1]
            bottom = max(c["bottom"] for c in line)
            # Same line when the glyph's vertical middle falls inside the line's band.
            if (char["top"] + char["bottom"]) / 2 < bottom:
                line.append(char)
                continue
        groups.append([char])
    lines = []
    for group in groups:
        group.sort(key=lambda c: c["x0"])
        text = _line_text(group)
        if not text:
            continue
        visible = [c for c in group if c["text"].strip()]
        lines.append(
            Line(
                text=text,
                page=page_number,
                x0=min(c["x0"] for c in visible),
                x1=max(c["x1"] for c in visible),
                top=min(c["top"] for c in visible),
                bottom=max(c["bottom"] for c in visible),
                size=statistics.median(c["size"] for c in visible),
            )
        )
    return lines


def _furniture_key(text: str) -> str:
    return re.sub(r"[0-9０-９]+", "#", re.sub(r"\s+", "", text))


def _drop_furniture(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Drop running headers/footers (margin lines repeated on many pages) and bare page numbers."""

    def in_band(line: Line, height: float) -> bool:
        return line.top < height * _BAND or line.bottom > height * (1 - _BAND)

    seen: dict[str, set[int]] = {}
    for index, lines in enumerate(pages):
        for line in lines:
            if in_band(line, heights[index]):
                seen.setdefault(_furniture_key(line.text), set()).add(index)
    threshold = max(_FURNITURE_MIN_PAGES, _FURNITURE_SHARE * len(pages))
    kept = []
    for index, lines in enumerate(pages):
        page_kept = []
        for line in lines:
            if in_band(line, heights[index]):
                if len(seen[_furniture_key(line.text)]) >= threshold:
                    continue
                if _PAGE_NUMBER.match(line.text.replace(" ", "").replace("\u3000", "")):
                    continue
            page_kept.append(line)
        kept.append(page_kept)
    return kept


def _right_edge(lines: list[Line]) -> float:
    """Estimate where full lines end: the rightmost x1 that several lines share (ignores hanging 。)."""
    if not lines:
        return 0.0
    size = statistics.median(line.size for line in lines)
    need = max(_FULL_LINE_MIN, len(lines) // _FULL_LINE_EVERY)
    for candidate in sorted((line.x1 for line in lines), reverse=True):
        if sum(abs(line.x1 - candidate) <= size for line in lines) >= need:
            return candidate
    return max(line.x1 for line in lines)


def _normal_gap(lines: list[Line]) -> float | None:
    """Return the usual white space between two lines of one paragraph (a low percentile of gaps)."""
    gaps = sorted(
        b.top - a.bottom
        for a, b in zip(lines, lines[1:])
        if a.page == b.page and b.top - a.bottom > _OVERLAP_LIMIT
    )
    if not gaps:
        return None
    return gaps[len(gaps) // _NORMAL_GAP_DIVISOR]


def _starts_with_label(text: str) -> bool:
    """Tell whether a line opens with a label, also behind a bullet (「- (3) …」「・ア …」)."""
    return parse_label(_BULLET.sub("", text)) is not None


def _wrapped_early(prev: Line, line: Line, right: float, size: float) -> bool:
    """Tell whether a line fell short of the margin only because the layout could not break there.

    Japanese line breaking (禁則) moves a character to the next line together with a following
    「。」「）」「ー」, and Latin words and numbers are not split: such a line ends up to a few
    characters short although the paragraph goes on.
    """
    if parse_label(line.text):
        return False
    shortfall = (right - prev.x1) / size
    start = line.text[:_KINSOKU_WINDOW]
    if (start and any(ch in _NO_START for ch in start)) or prev.text[-1:] in _NO_END:
        return shortfall < _KINSOKU_SHORTFALL_EM
    word = re.match(r"[A-Za-z0-9０-９.,/:@_-]+", line.text)
    if word:  # an unbreakable Latin word or number moved down whole
        return shortfall < _WORD_SLACK_EM + _LATIN_CHAR_EM * len(word.group(0))
    return False


def _starts_new(prev: Line, line: Line, para: _Para, right: float, gap: float | None) -> bool:
    """Decide whether `line` starts a new paragraph after `prev`."""
    size = max(prev.size, line.size)
    if abs(prev.size - line.size) > _SIZE_CHANGE * size:
        return True
    if gap is not None and prev.page == line.page and line.top - prev.bottom > gap + _PARAGRAPH_GAP_EM * size:
        return True
    if prev.x1 < right - _SHORT_LINE_EM * size and not _wrapped_early(prev, line, right, size):
        return True  # a short line ends its paragraph
    # A wrapped line may well begin 「第3条第2項に…」, so a label alone is not enough after a full
    # line: the previous sentence must have ended, or the label must stand behind a bullet.
    if _starts_with_label(line.text) and (
        prev.text.endswith(("。", "．")) or (_BULLET.match(line.text) and not prev.text.endswith(("、", "，")))
    ):
        return True
    if len(para.lines) >= 2 and abs(line.x0 - prev.x0) > _INDENT_CHANGE_EM * size:
        return True  # continuation lines share their left edge; a change means a new paragraph
    return False


def _caused_by(exc: BaseException, types: tuple[type, ...]) -> bool:
    """Tell whether an exception or anything in its chain (or its args) is one of `types`."""
    seen = set()
    stack: list[object] = [exc]
    while stack:
        item = stack.pop()
        if id(item) in seen or not isinstance(item, BaseException):
            continue
        seen.add(id(item))
        if isinstance(item, types):
            return True
        stack.extend([item.__cause__, item.__context__, *item.args])
    return False


def lines(data: bytes, *, name: str = "") -> list[Line]:
    """Return the body lines of a PDF in reading order, with page furniture removed."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    label = name or "PDF input"
    if b"%PDF-" not in data[:_HEADER_SEARCH]:
        raise PolicygenError(f"{label}: not a PDF file (no %PDF- header)")
    with budget(label):  # bounds what the streams inflate to (pdf_budget.py)
        try:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                pages, heights = [], []
                total = len(pdf.pages)
                if total > MAX_PDF_PAGES:
                    raise PolicygenError(f"{label}: {total} pages, over the limit of {MAX_PDF_PAGES}")
                for number, page in enumerate(pdf.pages, start=1):
                    pages.append(_page_lines(page, number))
                    heights.append(float(page.height))
                    page.close()  # drop the page's parsed objects: a long PDF would keep them all
                    progress.step("reading pages", number, total)
        except PolicygenError:
            raise
        except Exception as exc:  # pdfminer raises many unrelated types for broken or locked files
            if _caused_by(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
                raise PolicygenError(f"{label}: the PDF is encrypted and needs a password; save an unprotected copy") from exc
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise PolicygenError(f"{label}: cannot read the PDF ({detail})") from exc
    every = [line for page in pages for line in page]
    text = "".join(line.text for line in every)
    if not text.strip():
        raise PolicygenError(f"{label}: the PDF has no text layer (a scanned image?); run OCR first")
    if text.count("(cid:") * _CID_MARKER_LENGTH > len(text) * _CID_SHARE:
        raise PolicygenError(f"{label}: the PDF's fonts have no Unicode mapping, so its text cannot be extracted")
    return [line for page in _drop_furniture(pages, heights) for line in page]


def paragraphs(data: bytes, *, name: str = "") -> list[Paragraph]:
    """Return the PDF's paragraphs in reading order: wrapped lines joined, page furniture dropped."""
    body = lines(data, name=name)
    right = _right_edge(body)
    gap = _normal_gap(body)
    paras: list[_Para] = []
    for line in body:
        if paras and not _starts_new(paras[-1].lines[-1], line, paras[-1], right, gap):
            paras[-1].lines.append(line)
        else:
            paras.append(_Para([line]))
    out = []
    for para in paras:
        text = para.lines[0].text
        for line in para.lines[1:]:
            text = _join(text, line.text)
        out.append(Paragraph(text=text, source=f"page {para.lines[0].page}"))
    return out


def read(data: bytes, *, name: str = "") -> Document:
    """Read a text PDF into a Document."""
    from policygen.readers.structure import build_document

    return build_document(paragraphs(data, name=name), source_name=name)

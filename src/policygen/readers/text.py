"""Read a plain-text policy: detect its encoding, split it into lines, nest them with structure.py."""

from __future__ import annotations

import re
import unicodedata

from policygen.errors import PolicygenError
from policygen.model import Document, Paragraph
from policygen.readers.structure import build_document, is_caption_line

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_ATX = re.compile(r"^(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_BULLET = re.compile(r"^[-*+][ \t]+(?=\S)")
# Japanese prose is a good part hiragana (21-36% of the wide characters in the corpus and the development
# set); Shift_JIS read as EUC-JP or the reverse gives none in the corpus, so 5% tells the right decoding.
_HIRAGANA_MIN = 0.05
# Control characters a text may carry (a stray ESC or NUL from an old editor): two, or one in a hundred.
_CONTROLS_MIN = 2
_CONTROLS_EVERY = 100
# A UTF-16 guess without a BOM needs two code units at least to tell the byte order by.
_UTF16_MIN_BYTES = 4
# Hard wrapping: lines count as full when they reach the widest line but for one full-width character
# (禁則 keeps 。 and 」 off a line start); a text is wrapped when at least a quarter of its lines (and three)
# are full, it has enough lines to tell, and its width is that of a page or a terminal, not of a short list.
_WRAP_SLACK = 2
_WRAP_MIN_LINES = 4
_WRAP_MIN_FULL = 3
_WRAP_FULL_EVERY = 4
_WRAP_MIN_WIDTH = 40


def _hiragana_share(text: str) -> float:
    """Return the share of hiragana among non-ASCII characters: high for real Japanese prose."""
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return 0.0
    return sum(0x3041 <= ord(ch) <= 0x309F for ch in wide) / len(wide)


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    return controls > max(_CONTROLS_MIN, len(text) // _CONTROLS_EVERY)


def _utf16_without_bom(data: bytes) -> str | None:
    """Decode BOM-less UTF-16 when NUL bytes sit on one side of the code units (ASCII in the text)."""
    if len(data) < _UTF16_MIN_BYTES or len(data) % 2 or b"\x00" not in data:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    order = ["utf-16-le", "utf-16-be"] if odd >= even else ["utf-16-be", "utf-16-le"]
    for encoding in order:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _looks_binary(text):
            return text
    return None


def decode(data: bytes, *, name: str = "", declared: str = "") -> str:
    """Return the text of data: BOM, declared charset, strict UTF-8, CP932/EUC-JP, UTF-16, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError:
                raise PolicygenError(f"{name or 'input'}: starts with a {encoding} byte-order mark but does not decode as {encoding}") from None
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    text = _utf16_without_bom(data)
    if text is not None:
        return text
    if b"\x00" not in data:
        for encoding in (*candidates, "utf-8"):
            try:
                return data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
        # Short Japanese texts fool statistical detectors: try the usual office encodings strictly first,
        # and tell Shift_JIS from EUC-JP by which one yields hiragana.
        decoded = []
        for encoding in ("cp932", "euc_jp"):
            try:
                decoded.append((_hiragana_share(data.decode(encoding)), encoding))
            except UnicodeDecodeError:
                continue
        if decoded:
            share, encoding = max(decoded, key=lambda pair: pair[0])
            if share > _HIRAGANA_MIN or len(decoded) == 1:
                text = data.decode(encoding)
                if not _looks_binary(text):
                    return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if not _looks_binary(text):
            return text
    raise PolicygenError(f"{name or 'input'}: cannot decode the text (not UTF-8, Shift_JIS/CP932, EUC-JP or UTF-16)")


def split_lines(text: str) -> list[str]:
    """Split text on any line ending (CRLF, CR, LF, form feed)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "FW" else 1 for ch in line)


def wrapped_width(lines: list[str]) -> int:
    """Return the width at which the text was hard-wrapped, or 0 when lines run free.

    A wrapped text has many lines ending at (nearly) the same width; free text has one long line per
    paragraph of differing lengths.
    """
    widths = [_width(line.rstrip()) for line in lines if line.strip()]
    if len(widths) < _WRAP_MIN_LINES:
        return 0
    top = max(widths)
    full = sum(1 for w in widths if w >= top - _WRAP_SLACK)
    if top >= _WRAP_MIN_WIDTH and full >= _WRAP_MIN_FULL and full >= len(widths) // _WRAP_FULL_EVERY:
        return top - _WRAP_SLACK
    return 0


def _continues(raw: str, paragraphs: list[Paragraph]) -> bool:
    """Tell whether a line continues the long unfinished line before it (PDF text, a hanging indent).

    Headings and titles are short; a line of 32 or more characters that stops in mid-sentence was
    broken by the layout, as was a shorter one whose next line hangs indented under it.
    """
    if not paragraphs or paragraphs[-1].hint or is_caption_line(raw):
        return False  # 「(適用範囲)」 is the caption of the next article, not the end of this line
    before = paragraphs[-1].text
    if before.endswith(("。", "．", ":", "：")) or not _open_ended(before):
        return False
    return _width(before) >= 64 or (raw[:1].isspace() and _width(before) >= 50)


def _open_ended(text: str) -> bool:
    """Tell whether a line stops in mid-sentence (not after a closing bracket of a heading)."""
    return not re.search(r"[)）」』】]$", text)


def line_paragraphs(lines: list[str], *, first_line: int = 1) -> list[Paragraph]:
    """Turn text lines into paragraphs: one per line, rejoining lines that a hard wrap broke."""
    from policygen.numbering import parse_label

    width = wrapped_width(lines)
    paragraphs: list[Paragraph] = []
    previous_full = False
    for offset, raw in enumerate(lines):
        line = raw.strip()
        number = first_line + offset
        if not line:
            previous_full = False
            continue
        hint = ""
        heading = _ATX.match(line)
        if heading:
            line, hint = heading.group(2).strip(), f"heading:{len(heading.group(1))}"
        else:
            bullet = _BULLET.match(line)
            if bullet:
                line, hint = line[bullet.end():], "list"
        if (
            (previous_full or _continues(raw, paragraphs))
            and paragraphs
            and not hint
            and parse_label(line) is None
            and not paragraphs[-1].text.endswith(("。", "．"))
        ):
            last = paragraphs[-1]
            joiner = " " if last.text[-1:].isascii() and line[:1].isascii() else ""
            paragraphs[-1] = Paragraph(last.text + joiner + line, last.source, last.hint, last.label)
        elif line:
            paragraphs.append(Paragraph(line, f"line {number}", hint))
        previous_full = bool(width) and _width(raw.rstrip()) >= width
    return paragraphs


def read(data: bytes, *, name: str = "") -> Document:
    """Read a plain-text policy (any common Japanese encoding) into a Document."""
    text = decode(data, name=name)
    return build_document(line_paragraphs(split_lines(text)), source_name=name)

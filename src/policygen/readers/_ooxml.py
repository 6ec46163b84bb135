"""All raw WordprocessingML of the readers: a .docx body walked in document order, Word's numbering recomputed.

The text is taken as Word shows it with tracked changes accepted (w:ins and w:moveTo kept, w:del and
w:moveFrom dropped), field results without their instructions, ruby base text without the reading.
Numbers that Word generates (w:numPr on the paragraph or its style) are not in the text; they are
recomputed from numbering.xml and put in Paragraph.label. A soft line break (w:br) splits a paragraph.
Headers, footers, comments and footnotes are ignored.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from policygen.errors import PolicygenError
from policygen.model import Paragraph
from policygen.numbering import KANJI_DIGITS, kanji_counting

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(element, tag: str) -> str | None:
    """Return the w:val of a direct child `tag` of `element`, or None."""
    if element is None:
        return None
    child = element.find(_w(tag))
    return None if child is None else child.get(_w("val"))


# Sequences for Word's Japanese number formats (ECMA-376 ST_NumberFormat).
_AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
_IDEOGRAPH_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_IDEOGRAPH_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL_KANJI = "〇壱弐参四伍六七八九"


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter past z: 27 → aa, 28 → bb.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _cycle(sequence: str, n: int) -> str:
    return sequence[(n - 1) % len(sequence)] if n > 0 else ""


def format_number(n: int, fmt: str) -> str:
    """Write counter value n in a Word numFmt: format_number(3, "aiueoFullWidth") == "ウ"."""
    full = str.maketrans("0123456789", "０１２３４５６７８９")
    if fmt in ("decimal", "decimalHalfWidth", "ordinal", "cardinalText", "ordinalText", ""):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(full)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        if 1 <= n <= 20:
            return chr(0x2460 + n - 1)
        if 21 <= n <= 35:
            return chr(0x3251 + n - 21)
        if 36 <= n <= 50:
            return chr(0x32B1 + n - 36)
        return str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt in ("aiueo", "aiueoFullWidth"):
        return _cycle(_AIUEO, n)
    if fmt in ("iroha", "irohaFullWidth"):
        return _cycle(_IROHA, n)
    if fmt == "ideographTraditional":
        return _cycle(_IDEOGRAPH_TRADITIONAL, n)
    if fmt == "ideographZodiac":
        return _cycle(_IDEOGRAPH_ZODIAC, n)
    if fmt in ("japaneseCounting", "chineseCounting", "chineseCountingThousand", "taiwaneseCounting"):
        return kanji_counting(n)
    if fmt == "japaneseLegal":
        return kanji_counting(n, _LEGAL_KANJI, "拾", "百", "阡")
    if fmt in ("japaneseDigitalTenThousand", "ideographDigital", "taiwaneseDigital"):
        return "".join(KANJI_DIGITS[int(d)] for d in str(n))
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    return str(n)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # w:lvlRestart: restart after a level shallower than this (1-based)
    legal: bool = False
    style: str | None = None


class Numbering:
    """Word's list numbering: definitions from numbering.xml and the running counters of one pass."""

    def __init__(self, numbering_xml, styles_xml) -> None:
        # Keys and values are the XML's attributes as read, None where the file leaves one out.
        self._abstract: dict[str | None, dict[int, _Level]] = {}
        self._abstract_link: dict[str | None, str | None] = {}  # abstractNum → style it takes its levels from
        self._abstract_style: dict[str | None, str | None] = {}  # abstractNum that defines a numbering style
        self._num_abstract: dict[str | None, str] = {}
        self._num_levels: dict[str | None, dict[int, _Level]] = {}
        self._num_start: dict[str | None, dict[int, int]] = {}
        self._styles: dict[str | None, Any] = {}  # w:style elements (lxml, untyped)
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        self.default_style: str | None = None
        if styles_xml is not None:
            for style in styles_xml.iter(_w("style")):
                self._styles[style.get(_w("styleId"))] = style
                if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true", "on"):
                    self.default_style = style.get(_w("styleId"))
        if numbering_xml is None:
            return
        for abstract in numbering_xml.iter(_w("abstractNum")):
            key = abstract.get(_w("abstractNumId"))
            self._abstract[key] = {int(lvl.get(_w("ilvl"), "0")): self._level(lvl) for lvl in abstract.iter(_w("lvl"))}
            if _val(abstract, "numStyleLink"):
                self._abstract_link[key] = _val(abstract, "numStyleLink")
            if _val(abstract, "styleLink"):
                self._abstract_style[_val(abstract, "styleLink")] = key
        for num in numbering_xml.iter(_w("num")):
            num_id = num.get(_w("numId"))
            self._num_abstract[num_id] = _val(num, "abstractNumId") or ""
            for override in num.iter(_w("lvlOverride")):
                ilvl = int(override.get(_w("ilvl"), "0"))
                start = _val(override, "startOverride")
                if start is not None:
                    self._num_start.setdefault(num_id, {})[ilvl] = int(start)
                lvl = override.find(_w("lvl"))
                if lvl is not None:
                    self._num_levels.setdefault(num_id, {})[ilvl] = self._level(lvl)

    @staticmethod
    def _level(lvl) -> _Level:
        restart = _val(lvl, "lvlRestart")
        return _Level(
            fmt=_val(lvl, "numFmt") or "decimal",
            text=(_val(lvl, "lvlText") or "") if lvl.find(_w("lvlText")) is not None else "",
            start=int(_val(lvl, "start") or 1),
            restart=int(restart) if restart is not None else None,
            legal=lvl.find(_w("isLgl")) is not None,
            style=_val(lvl, "pStyle"),
        )

    def _abstract_of(self, num_id: str) -> str:
        """Follow numStyleLink (a list that borrows a numbering style's definition) to the real abstractNum."""
        abstract = self._num_abstract.get(num_id, "")
        for _ in range(3):
            style_name = self._abstract_link.get(abstract)
            if style_name is None:
                break
            target = self._abstract_style.get(style_name)
            if target is None:
                style_num = self._style_numpr(style_name)[0]
                target = self._num_abstract.get(style_num or "", None)
            if target is None or target == abstract:
                break
            abstract = target
        return abstract

    def _style_numpr(self, style_id: str | None) -> tuple[str | None, int | None]:
        """Return (numId, ilvl) that a paragraph style (or a style it is based on) gives."""
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                break
            numpr = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if numpr is not None and _val(numpr, "numId") is not None:
                ilvl = _val(numpr, "ilvl")
                return _val(numpr, "numId"), int(ilvl) if ilvl is not None else None
            style_id = _val(style, "basedOn")
        return None, None

    def style_value(self, style_id: str | None, path: str) -> str | None:
        """Return w:val at `path` (e.g. "pPr/outlineLvl") from a style or the styles it is based on."""
        seen = set()
        tags = "/".join(_w(p) for p in path.split("/"))
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                return None
            found = style.find(tags)
            if found is not None:
                return found.get(_w("val"))
            style_id = _val(style, "basedOn")
        return None

    def style_name(self, style_id: str | None) -> str:
        """Return a style's name (its w:name), or "" when unknown."""
        style = self._styles.get(style_id or "")
        return (_val(style, "name") or "") if style is not None else ""

    def label(self, ppr, style_id: str | None) -> str:
        """Advance the counters for one paragraph and return the label Word would show, or ""."""
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        num_id = _val(numpr, "numId") if numpr is not None else None
        ilvl_text = _val(numpr, "ilvl") if numpr is not None else None
        ilvl = int(ilvl_text) if ilvl_text is not None else None
        if num_id is None:
            num_id, style_ilvl = self._style_numpr(style_id)
            ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id is None or num_id == "0" or num_id not in self._num_abstract:
            return ""
        abstract = self._abstract_of(num_id)
        levels = dict(self._abstract.get(abstract, {}))
        levels.update(self._num_levels.get(num_id, {}))
        if ilvl is None:  # a style linked to a level by w:pStyle inside the list definition
            ilvl = next((i for i, lvl in levels.items() if style_id and lvl.style == style_id), 0)
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(abstract, {})
        if num_id not in self._started:
            # A w:num with startOverride begins its own count; plain w:num sharing an abstractNum continue it.
            self._started.add(num_id)
            for over_level, start in self._num_start.get(num_id, {}).items():
                counters[over_level] = start - 1
                for deeper in [k for k in counters if k > over_level]:
                    del counters[deeper]
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet":
            return "・"  # a bullet list item: structure.py reads each as a unit of its own
        if level.fmt == "none" or not level.text:
            return ""

        def shown(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            lvl = levels.get(index, _Level())
            value = counters.get(index, lvl.start)
            return format_number(value, "decimal" if level.legal and index != ilvl else lvl.fmt)

        text = re.sub(r"%([1-9])", shown, level.text)
        # Half-width katakana (numFmt aiueo/iroha) is written full-width so that labels parse as ア, イ.
        return "".join(unicodedata.normalize("NFKC", ch) if 0xFF61 <= ord(ch) <= 0xFF9F else ch for ch in text)


@dataclass
class _State:
    numbering: Numbering
    tracked: bool = False
    out: list[Paragraph] = field(default_factory=list)
    count: int = 0
    carry: Paragraph | None = None  # a paragraph whose mark was deleted: it merges with the next


def heading_level(numbering: Numbering, ppr, style_id: str | None) -> int | None:
    """Return the heading level (1–9) of a paragraph from its style name or outline level, or None."""
    name = numbering.style_name(style_id)
    match = re.fullmatch(r"(?i)(?:heading|見出し)\s*([1-9])", name.strip())
    if match:
        return int(match.group(1))
    outline = _val(ppr, "outlineLvl") if ppr is not None else None
    if outline is None:
        outline = numbering.style_value(style_id, "pPr/outlineLvl")
    if outline is not None and outline.isdigit() and int(outline) < 9:
        return int(outline) + 1
    return None


def numbering_style_is_title(numbering: Numbering, style_id: str | None) -> bool:
    """Tell whether a paragraph style is Word's Title style."""
    return numbering.style_name(style_id).strip().lower() == "title"


def _runs_text(paragraph, state: _State) -> list[str]:
    """Return the visible text of a w:p as pieces split at line breaks, with changes accepted."""
    pieces = [""]
    field_depth: list[bool] = []  # per open complex field: True while in its instruction part

    def in_instruction() -> bool:
        return any(field_depth)

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            local = tag.split("}")[-1]
            namespace = tag[1:].split("}")[0] if tag.startswith("{") else ""
            if namespace == MC:
                if local == "AlternateContent":
                    # Choice and Fallback hold the same content twice; read only one of them.
                    choice = child.find(f"{{{MC}}}Choice")
                    if choice is None:
                        choice = child.find(f"{{{MC}}}Fallback")
                    if choice is not None:
                        walk(choice)
                continue
            if namespace != W:
                if local in ("drawing", "pict", "object"):
                    continue
                walk(child)
                continue
            if local in ("del", "moveFrom"):
                state.tracked = True
                continue
            if local in ("ins", "moveTo"):
                state.tracked = True
                walk(child)
                continue
            if local in ("pPr", "rPr", "rt", "instrText", "delText", "delInstrText", "txbxContent",
                         "footnoteReference", "endnoteReference", "commentReference", "drawing", "pict", "object"):
                vanish = child.find(_w("vanish")) if local == "rPr" else None
                if vanish is not None and vanish.get(_w("val")) not in ("0", "false", "off"):
                    return  # hidden text (w:vanish) is not shown: skip the rest of this run
                continue
            if local == "fldChar":
                kind = child.get(_w("fldCharType"))
                if kind == "begin":
                    field_depth.append(True)
                elif kind == "separate" and field_depth:
                    field_depth[-1] = False
                elif kind == "end" and field_depth:
                    field_depth.pop()
                continue
            if local in ("t", "tab", "br", "cr", "noBreakHyphen", "sym") and in_instruction():
                continue  # text between a field's begin and separate is its code, not its result
            if local == "t":
                pieces[-1] += child.text or ""
            elif local == "tab":
                pieces[-1] += "\t"
            elif local in ("br", "cr"):
                if child.get(_w("type")) not in ("page", "column"):
                    pieces.append("")
            elif local == "noBreakHyphen":
                pieces[-1] += "-"
            elif local == "sym":
                code = child.get(_w("char")) or ""
                try:
                    char = chr(int(code, 16))
                except ValueError:
                    char = ""
                # Symbol-font code points (U+F0xx) are private glyphs, not text.
                pieces[-1] += "" if 0xF000 <= ord(char or "\uf000") <= 0xF0FF else char
            else:
                walk(child)

    walk(paragraph)
    return pieces


def _paragraph(element, state: _State, hint_table: bool) -> None:
    """Append the Paragraph(s) of one w:p to the state."""
    ppr = element.find(_w("pPr"))
    style_id = _val(ppr, "pStyle") if ppr is not None else None
    if style_id is None:
        style_id = state.numbering.default_style
    label = state.numbering.label(ppr, style_id)
    level = heading_level(state.numbering, ppr, style_id)
    hint = f"heading:{level}" if level is not None else ""
    mark = ppr.find(f"{_w('rPr')}/{_w('del')}") if ppr is not None else None
    if ppr is not None and ppr.find(f"{_w('rPr')}/{_w('ins')}") is not None:
        state.tracked = True
    raw = _runs_text(element, state)
    if numbering_style_is_title(state.numbering, style_id):
        raw = ["".join(raw)]  # a title's line break only sets where it wraps (writers/docx.title_lines)
    pieces = [piece.strip(" \u3000\t") for piece in raw]
    state.count += 1
    source = f"paragraph {state.count}" + (" (table)" if hint_table else "")
    if state.carry is not None:
        # The previous paragraph lost its mark: accepted, the two are one paragraph.
        pieces[0] = state.carry.text + pieces[0]
        label, hint, source = state.carry.label, state.carry.hint, state.carry.source
        state.carry = None
    if mark is not None:
        state.tracked = True
        for piece in pieces[:-1]:
            if piece:
                state.out.append(Paragraph(text=piece, source=source, hint=hint, label=label))
                label = ""
        state.carry = Paragraph(text=pieces[-1], source=source, hint=hint, label=label)
        return
    for piece in pieces:
        if piece:
            state.out.append(Paragraph(text=piece, source=source, hint=hint, label=label))
            label = ""  # a line break splits the text; the number belongs to its first part


def _block(container, state: _State, in_table: bool = False) -> None:
    """Walk body-level content in document order: paragraphs, tables (row by row), content controls."""
    for child in container:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == _w("p"):
            _paragraph(child, state, in_table)
            for box in child.iter(_w("txbxContent")):
                _block(box, state, in_table)
        elif tag == _w("tbl"):
            for row in child.iter(_w("tr")):
                if row.getparent() is not child and row.getparent().getparent() is not child:
                    continue  # rows of nested tables are reached through their own cell
                for cell in row.findall(_w("tc")) + [c for s in row.findall(_w("sdt")) for c in s.iter(_w("tc"))]:
                    _block(cell, state, True)
        elif tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent")) if tag == _w("sdt") else child
            if content is not None:
                _block(content, state, in_table)
        elif tag in (_w("ins"), _w("moveTo")):
            state.tracked = True
            _block(child, state, in_table)
        elif tag in (_w("del"), _w("moveFrom")):
            state.tracked = True


def _open(data: bytes, name: str):
    """Open the bytes as a Word document or raise a one-line PolicygenError."""
    import zipfile

    label = name or "Word input"
    if not data.startswith(b"PK"):
        hint = " (an old binary .doc? save it as .docx)" if data.startswith(b"\xd0\xcf\x11\xe0") else ""
        raise PolicygenError(f"{label}: not a .docx file (not a zip archive){hint}")
    from policygen.limits import check_docx_bytes

    check_docx_bytes(data, label)  # before python-docx inflates any part
    try:
        import docx

        return docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise PolicygenError(f"{label}: not a .docx file (damaged zip archive: {exc})") from exc
    except Exception as exc:  # python-docx raises KeyError, ValueError, PackageNotFoundError …
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PolicygenError(f"{label}: not a readable .docx file ({detail})") from exc


def read_body(data: bytes, *, name: str = "") -> tuple[list[Paragraph], bool]:
    """Return the body paragraphs of a .docx in document order, and whether it has tracked changes."""
    document = _open(data, name)
    part = document.part
    numbering_xml = None
    try:
        numbering_xml = part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_xml = None
    styles_xml = part.styles.element if part is not None else None
    state = _State(numbering=Numbering(numbering_xml, styles_xml))
    try:
        _block(document.element.body, state)
    except (ValueError, KeyError, TypeError) as exc:
        raise PolicygenError(f"{name or 'Word input'}: cannot read the document body ({exc})") from exc
    if state.carry is not None and state.carry.text:
        state.out.append(state.carry)
    return state.out, state.tracked

"""Parse and format clause labels: 第十二条の二, (1), ⑴, ①, ア, (ア), a, full-width and kanji numerals."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from policygen.model import Style

# Kinds of label, in the order of the 法制執務 hierarchy where it applies.
CHAPTER = "chapter"  # 第1章
DAI = "dai"  # 第1 (第建て: a numbered section written 「第1　目的」, without 条)
ARTICLE = "article"  # 第1条, 第3条の2
SECTION = "section"  # 1 (a numbered-style section, or a 項 inside an article)
DOTTED = "dotted"  # 1. (an ordered list of a web page or a word processor: 「1.ネットワーク」)
PAREN = "paren"  # (1) （1） ⑴, and the kanji 号 of older 例規 「一　…」
CIRCLED = "circled"  # ①
KANA = "kana"  # ア
PAREN_KANA = "paren_kana"  # (ア)
ALPHA = "alpha"  # a
PAREN_ALPHA = "paren_alpha"  # (a)

# The label kind at each depth of a rendered or amended policy: numbered 1 → (1) → ① → ア → (ア) → a → (a);
# articles 第1条 → (1) 号 → ア → (ア) → a → (a).
KINDS_BY_DEPTH: dict[Style, tuple[str, ...]] = {
    "numbered": (SECTION, PAREN, CIRCLED, KANA, PAREN_KANA, ALPHA, PAREN_ALPHA),
    "article": (ARTICLE, PAREN, KANA, PAREN_KANA, ALPHA, PAREN_ALPHA),
}

KANA_ORDER = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
KANJI_DIGITS = "〇一二三四五六七八九"
_KANJI_DIGITS = {ch: value for value, ch in enumerate(KANJI_DIGITS)}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = r"[0-9０-９〇一二三四五六七八九十百千]+"  # an arabic or kanji numeral, as labels and references write it
_NUM = NUMERAL
_SEP = r"(?=[ \u3000\t]|$)"  # a bare numeral or kana is a label only when a space follows
# PDF text may space the digits of a number: 「第 1 2 条」.
_SPACED = r"[ \u3000]*([0-9０-９〇一二三四五六七八九十百千][0-9０-９〇一二三四五六七八九十百千 \u3000]*?)[ \u3000]*"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (CHAPTER, re.compile(rf"第{_SPACED}章((?:の{_NUM})*)")),
    (ARTICLE, re.compile(rf"第{_SPACED}条((?:の{_NUM})*)")),
    (DAI, re.compile(rf"第[ \u3000]*({_NUM}){_SEP}")),
    # PDF extraction may split a number inside its parentheses: 「(1 1)」.
    (PAREN, re.compile(r"[(（][ \u3000]*([0-9０-９][0-9０-９ \u3000]*?)[ \u3000]*[)）]")),
    (PAREN_KANA, re.compile(rf"[(（]([{KANA_ORDER}])[)）]")),
    (PAREN_ALPHA, re.compile(r"[(（]([a-zａ-ｚ])[)）]")),
    (SECTION, re.compile(rf"([0-9０-９]+){_SEP}")),
    # Older 例規 number 号 in kanji: 「一　ネットワーク」 (a space must follow: 「一方、」 is a word).
    (PAREN, re.compile(rf"([一二三四五六七八九十]+){_SEP}")),
    # 「1.」 but not a decimal (「1.5倍」) nor a date (「2014.7.31」).
    (DOTTED, re.compile(r"([0-9０-９]{1,3})[.．](?![0-9０-９])")),
    (KANA, re.compile(rf"([{KANA_ORDER}]){_SEP}")),
    (ALPHA, re.compile(rf"([a-zａ-ｚ]){_SEP}")),
]


@dataclass(frozen=True)
class Label:
    """A parsed label: its kind, its ordinal, any 枝番 (第3条の2 → branch (2,)) and the text as written."""

    kind: str
    number: int
    branch: tuple[int, ...] = ()
    text: str = ""

    def canonical(self) -> str:
        """Return the label written the standard way, e.g. "（１）" → "(1)", "第十二条の二" → "第12条の2"."""
        return format_label(self.kind, self.number, self.branch)


def to_int(numeral: str) -> int:
    """Convert arabic (half- or full-width) or kanji numerals to an int: "１２" → 12, "十二" → 12."""
    digits = unicodedata.normalize("NFKC", numeral).replace(" ", "").replace("\u3000", "")
    if digits.isdigit():
        return int(digits)
    if all(ch in _KANJI_DIGITS for ch in digits):  # positional kanji: 二〇 → 20
        return int("".join(str(_KANJI_DIGITS[ch]) for ch in digits))
    total, current = 0, 0
    for ch in digits:
        if ch in _KANJI_DIGITS:
            current = _KANJI_DIGITS[ch]
        elif ch in _KANJI_UNITS:
            total += (current or 1) * _KANJI_UNITS[ch]
            current = 0
        else:
            raise ValueError(f"not a numeral: {numeral!r}")
    return total + current


def kanji_counting(n: int, digits: str = KANJI_DIGITS, ten: str = "十", hundred: str = "百", thousand: str = "千") -> str:
    """Write n (below 10000) the way 第十二条 does: 12 → 十二, 20 → 二十, 105 → 百五."""
    if n == 0:
        return digits[0]
    out = ""
    for unit, name in ((1000, thousand), (100, hundred), (10, ten)):
        q, n = divmod(n, unit)
        if q:
            out += ("" if q == 1 else digits[q]) + name
    return out + (digits[n] if n else "")


def to_kanji(number: int) -> str:
    """Write 1–99 in kanji numerals (3 → 三, 12 → 十二); other numbers stay arabic."""
    number = int(number)
    return kanji_counting(number) if 0 < number < 100 else str(number)


def is_article_label(label: str) -> bool:
    """Tell whether a label is an article's as written, 第3条 (a 枝番 第3条の2 ends otherwise)."""
    return label.startswith("第") and label.endswith("条")


def paragraph_number(number: int | str) -> str:
    """Write a 項's full number, which its bare label 「2」 leaves out: 第2項."""
    return f"第{number}項"


def full_part(label: str, parent_label: str) -> str:
    """Return a label as a part of a full number: a bare 項 number under an article is 第2項."""
    return paragraph_number(label) if label.isdigit() and is_article_label(parent_label) else label


def _circled_number(ch: str) -> int | None:
    code = ord(ch)
    if 0x2460 <= code <= 0x2473:  # ①..⑳
        return code - 0x2460 + 1
    if 0x3251 <= code <= 0x325F:  # ㉑..㉟
        return code - 0x3251 + 21
    if 0x32B1 <= code <= 0x32BF:  # ㊱..㊿
        return code - 0x32B1 + 36
    return None


def _parenthesized_number(ch: str) -> int | None:
    code = ord(ch)
    if 0x2474 <= code <= 0x2487:  # ⑴..⒇
        return code - 0x2474 + 1
    return None


def parse_label(line: str) -> tuple[Label, str] | None:
    """Split a leading label off a line: "(1) ネットワーク" → (Label(paren, 1), "ネットワーク").

    Returns None when the line does not start with a label. The rest has its leading spaces removed.
    """
    stripped = line.lstrip(" \u3000\t")
    if not stripped:
        return None
    first = stripped[0]
    for kind, number in ((CIRCLED, _circled_number(first)), (PAREN, _parenthesized_number(first))):
        if number is not None:
            return Label(kind, number, (), first), stripped[1:].lstrip(" \u3000\t")
    for kind, pattern in _PATTERNS:
        match = pattern.match(stripped)
        if not match:
            continue
        token = match.group(1)
        if kind in (KANA, PAREN_KANA):
            number = KANA_ORDER.index(token) + 1
        elif kind in (ALPHA, PAREN_ALPHA):
            number = ord(unicodedata.normalize("NFKC", token)) - ord("a") + 1
        else:
            number = to_int(token)
        branch: tuple[int, ...] = ()
        if kind in (ARTICLE, CHAPTER) and match.group(2):
            branch = tuple(to_int(part) for part in match.group(2).split("の") if part)
        return Label(kind, number, branch, match.group(0)), stripped[match.end():].lstrip(" \u3000\t")
    return None


def format_label(kind: str, number: int, branch: tuple[int, ...] = ()) -> str:
    """Write a label in the standard (half-width arabic) form used by our renderer."""
    suffix = "".join(f"の{b}" for b in branch)
    if kind == CHAPTER:
        return f"第{number}章{suffix}"
    if kind == DAI:
        return f"第{number}"
    if kind == DOTTED:
        return f"{number}."
    if kind == ARTICLE:
        return f"第{number}条{suffix}"
    if kind == SECTION:
        return str(number)
    if kind == PAREN:
        return f"({number})"
    if kind == CIRCLED:
        if not 1 <= number <= 50:
            raise ValueError(f"no circled numeral for {number}")
        if number <= 20:
            return chr(0x2460 + number - 1)
        return chr(0x3251 + number - 21) if number <= 35 else chr(0x32B1 + number - 36)
    if kind == KANA:
        return KANA_ORDER[number - 1]
    if kind == PAREN_KANA:
        return f"({KANA_ORDER[number - 1]})"
    if kind == ALPHA:
        return chr(ord("a") + number - 1)
    if kind == PAREN_ALPHA:
        return f"({chr(ord('a') + number - 1)})"
    raise ValueError(f"unknown label kind: {kind}")


def article_references(numbers: list[int]) -> list[str]:
    """Name articles the 法制執務 way: three or more in a row as a range, the rest one by one.

    >>> article_references([6, 7, 8, 10])
    ['第6条から第8条まで', '第10条']
    """
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    words: list[str] = []
    for run in runs:
        if len(run) >= 3:
            words.append(f"第{run[0]}条から第{run[-1]}条まで")
        else:
            words.extend(f"第{n}条" for n in run)
    return words

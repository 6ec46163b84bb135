"""Normalize Japanese policy text for comparison: width, spacing, punctuation and the body's names.

Normalization is for keys only: what the user sees is always the original text. To let the diff
show original surfaces, `normalize_with_offsets` also reports where each normalized character came
from in the input.

The body, the policy and the duty holders become single private-use characters, which the
tokenizer keeps whole, so that 「本市の情報資産」 and 「本組合の情報資産」 compare equal:

>>> normalize_text("本組合の情報資産", org=OrgNames(self_reference="本組合")) == normalize_text("本市の情報資産")
True
>>> normalize_text("LGWAN 接続系，及び ハードウエア") == "LGWAN接続系、及びハードウエア"
True
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import Callable, NamedTuple

from policygen.ja.bodies import BODY_FORMS, COUNCIL_FORMS, ORG_SUFFIXES

# A substitution: the pattern and what replaces it (a fixed text or a function of the match).
_Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]

# Placeholders: one private-use character each (U+E000…), never present in real policy text.
SELF = "\ue000"  # the body itself: 本市, 本組合, 五所川原市, 市 (article style), ○○市
POLICY = "\ue001"  # this policy: 本基本方針, この基本方針, この規則, …
SUBJECT = "\ue002"  # the duty holders: 職員等, 議員等
REFERENCE = "\ue003"  # a reference to sections of this policy: 上記6、7及び8 = 第6条から第8条まで
PLACEHOLDERS = {SELF: "〈本団体〉", POLICY: "〈本方針〉", SUBJECT: "〈職員等〉", REFERENCE: "〈参照〉"}

_KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆〇ヵヶ"
_KATAKANA = "\u30a1-\u30fa\u30fc"


def _lit(*words: str) -> str:
    """Return an alternation of literal words that tolerates whitespace inside them (PDF text)."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(r"\s*".join(re.escape(c) for c in w) for w in ordered) + ")"


def _free(*words: str) -> str:
    """Return _lit(*words) where no kanji or katakana precedes it, as a pattern that opens with a set.

    A word glued to a preceding kanji is part of another word: 日本市場, 資本市場, 基本方針. The matches
    are those of (?<![kanji katakana]) + _lit(*words), but the first character is matched first and the
    one before it checked after: re skips ahead to where a pattern opening with a set can match, while
    one opening with a look-behind is tried at every position.
    """
    ordered = sorted(set(words), key=len, reverse=True)
    firsts = "".join(sorted({re.escape(w[0]) for w in ordered}))
    rests = "|".join(f"(?<={re.escape(w[0])})" + "".join(r"\s*" + re.escape(c) for c in w[1:]) for w in ordered)
    return f"[{firsts}](?<![{_KANJI}{_KATAKANA}][{firsts}])(?:{rests})"


_INSTRUMENTS = ("基本方針", "方針", "規則", "訓令", "規程", "要綱", "要領")
_POLICY_RE = re.compile(f"{_lit('この')}\\s*{_lit(*_INSTRUMENTS)}|{_free('本', '当')}\\s*{_lit(*_INSTRUMENTS)}")
_SUBJECT_RE = re.compile(_free("職員等", "議員等"))
# Template names such as ○○市 or 〇〇町議会 stand for whichever body the model is rendered for.
_TEMPLATE_MARKS = "[○◯〇●△□×＿_]"
# (?:mark\s*)+ with its first mark taken out of the group, so that the pattern opens with a set.
_TEMPLATE_NAME_RE = re.compile(f"{_TEMPLATE_MARKS}\\s*(?:{_TEMPLATE_MARKS}\\s*)*{_lit(*ORG_SUFFIXES)}")
# A bare article-style reference (市は、組合の) needs a particle or punctuation after it.
# 議員 too: an article-style council writes its members 「市議会議員」 where the numbered style has 「本市議会議員」.
_BARE_AFTER = r"(?=\s*(?:は|が|の|に|を|と|及び|並びに|又は|若しくは|議員|、|。|\(|\)|$))"
_DEFINITION_RE = re.compile(r"以下「([^」]{1,20})」という")

_DASHES = set("-‐‑‒–—―─━")
_MIDDLE_DOTS = set("·‧･")
_WIDE_COMMA, _WIDE_PERIOD = "\ue0f0", "\ue0f1"  # internal marks, resolved before returning
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
_IN_CONTEXT = frozenset(_DASHES | _MIDDLE_DOTS | {_WIDE_COMMA, _WIDE_PERIOD, ",", "."})  # what _unify_in_context may change
_IN_CONTEXT_RE = re.compile("[" + "".join(map(re.escape, sorted(_IN_CONTEXT))) + "]")
# re's \s is str.isspace, character by character (both are Py_UNICODE_ISSPACE): one C pass, not a Python loop.
_WHITESPACE = re.compile(r"\s")
_DROPPED = (" ", *sorted(_INVISIBLE))  # what the comparison form leaves out
_DROPPED_RE = re.compile("[" + "".join(map(re.escape, _DROPPED)) + "]")


@dataclass(frozen=True)
class OrgNames:
    """The names a document uses for its own body: full name, self-reference, defined short names."""

    name: str = ""  # 五所川原市, 群馬県市町村会館管理組合, 鎌倉市議会
    self_reference: str = ""  # 本市, 本組合, 本市議会
    short_names: tuple[str, ...] = field(default=())  # 協議会 from 「以下「協議会」という。」

    def __post_init__(self) -> None:
        # Kept hashable (a tuple) because normalization results are cached per OrgNames.
        object.__setattr__(self, "short_names", tuple(self.short_names))

    @property
    def bare(self) -> str:
        """Return the self-reference without its 本/当 (市, 組合): the article style's form."""
        if len(self.self_reference) > 1 and self.self_reference[0] in "本当":
            return self.self_reference[1:]
        return ""

    @classmethod
    def from_meta(cls, meta) -> "OrgNames":
        """Return the names recorded in a Document's meta (org_name, self_reference)."""
        name = str(meta.get("org_name") or "")
        self_reference = str(meta.get("self_reference") or "") or _self_reference_for(name)
        return cls(name=name, self_reference=self_reference)

    @classmethod
    def guess(cls, text: str) -> "OrgNames":
        """Learn a document's names from its definitions, its title line and its 本X usage (once per text)."""
        return _learned(text) if cls is OrgNames else cls._learn(text)

    @classmethod
    def _learn(cls, text: str) -> "OrgNames":
        flat = _flatten(text)
        name, self_reference, shorts = "", "", []
        for match in _DEFINITION_RE.finditer(flat):
            short = match.group(1)
            if not short.endswith(ORG_SUFFIXES):
                continue  # 「職員等」「CSIRT」: defined terms that are not the body
            before = flat[: match.start()].rstrip("(（")
            run = _run_before(before)
            if run and run.endswith(ORG_SUFFIXES) and not name:
                name = run
            if short[0] in "本当" and short[1:] in ORG_SUFFIXES:
                self_reference = self_reference or short
            elif short not in shorts:
                shorts.append(short)
        if not name:
            name = _name_from_title(text)
        if not self_reference:
            counts = Counter(m.group(0) for m in _self_pattern(None).finditer(flat))
            if counts:
                # Most used wins; ties go to the longer form (本市議会 over 本市).
                self_reference = max(counts, key=lambda form: (counts[form], len(form)))
            else:
                self_reference = _self_reference_for(name)
        return cls(name=name, self_reference=self_reference, short_names=tuple(shorts))


_NAME_CHAR = re.compile(f"[{_KANJI}{_KATAKANA}○◯A-Za-z0-9]")


def _run_before(text: str) -> str:
    """Return the run of name characters that ends the text ("" if none), read back from its end.

    A search for the run from the front would rescan the whole text once per definition.
    """
    start = len(text)
    while start and _NAME_CHAR.match(text, start - 1):
        start -= 1
    return text[start:]


@lru_cache(maxsize=64)
def _learned(text: str) -> OrgNames:
    """Return the names learned from a text: compare learns them for the kind and again for the clauses."""
    return OrgNames._learn(text)


@dataclass(frozen=True)
class Normalized:
    """A normalized text with, for each character, the span of the original it comes from.

    Character i comes from original[starts[i]:ends[i]]; `firsts[i]` says whether it is the first
    character produced from that span (a token boundary may only fall there, or a surface would have
    to split one original character).
    """

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    firsts: tuple[bool, ...]


def normalize_text(text: str, *, org: OrgNames | None = None) -> str:
    """Return the comparison form of a text: NFKC, no whitespace, one punctuation, placeholders."""
    return _normalized_text(text, org)[0]


# What a rule replaced in one pass over the text: (start, end, replacement) of each match, in order.
_Pass = tuple[tuple[int, int, str], ...]


class Reading(NamedTuple):
    """A text's comparison form and the substitutions that made it (which alone move characters)."""

    text: str
    steps: tuple[_Pass, ...]


def reading(text: str, org: OrgNames | None = None) -> Reading:
    """Return how a text reads under a body's names: its comparison form and the substitutions made."""
    return _normalized_text(text, org)


def reads_alike(text: str, org_a: OrgNames | None, org_b: OrgNames | None, *, known_a: Reading | None = None) -> bool:
    """Return True when a text normalizes the same under two bodies' names, offsets included.

    The same substitutions made in the same order give the same offsets (they are all that moves a
    character from its place), so the offsets are computed only when the texts agree by other ways.
    `known_a` is reading(text, org_a), if the caller has it.
    """
    if org_a == org_b:
        return True
    a, b = known_a or _normalized_text(text, org_a), _normalized_text(text, org_b)
    if a.text != b.text:
        return False
    return a.steps == b.steps or normalize_with_offsets(text, org=org_a) == normalize_with_offsets(text, org=org_b)


@lru_cache(maxsize=8192)
def _normalized_text(text: str, org: OrgNames | None) -> Reading:
    """Return normalize_with_offsets(text).text without the offsets, and the rules' passes that changed it."""
    joined = _WHITESPACE.sub(" ", _folded_unified(text))
    steps: list[_Pass] = []
    for pattern, placeholder in _placeholder_rules(org):
        if pattern.search(joined) is None:
            continue  # most rules find nothing in a clause
        replace = _replacer(placeholder)
        done: list[tuple[int, int, str]] = []

        def recorded(match: re.Match[str]) -> str:
            out = replace(match)
            if match.start() != match.end():
                done.append((match.start(), match.end(), out))
            return out

        joined = pattern.sub(recorded, joined)
        if done:
            steps.append(tuple(done))
    return Reading(_without_dropped(joined), tuple(steps))


@lru_cache(maxsize=64)  # one per rule's placeholder, not one per rule and text
def _replacer(placeholder) -> Callable[[re.Match[str]], str]:
    """Return re.sub's replacement for a rule, replacing as _substitute does (an empty match stays empty)."""
    def replace(match: re.Match[str]) -> str:
        if match.start() == match.end():
            return ""
        return placeholder(match) if callable(placeholder) else placeholder

    return replace


@lru_cache(maxsize=8192)
def normalize_with_offsets(text: str, *, org: OrgNames | None = None) -> Normalized:
    """Return the normalized text with the original offset of each of its characters."""
    chars, starts, ends, firsts = _folded(text)
    _unify_in_context(chars)
    # Substitute while whitespace is still there: a line break is a word boundary (「目的\n本方針」).
    joined = _WHITESPACE.sub(" ", "".join(chars))
    chars = list(joined)
    for pattern, placeholder in _placeholder_rules(org):
        if pattern.search(joined):  # most rules find nothing in a clause: no need to rebuild the columns
            chars, starts, ends, firsts = _substitute(pattern, placeholder, joined, starts, ends, firsts)
            joined = "".join(chars)
    # The few dropped characters cut the columns into stretches that are kept whole.
    dropped = [m.start() for m in _DROPPED_RE.finditer(joined)]
    stretches = [(a + 1, b) for a, b in zip([-1, *dropped], [*dropped, len(chars)]) if b > a + 1]

    def kept(column) -> tuple:
        return tuple(chain.from_iterable(column[a:b] for a, b in stretches))

    return Normalized(_without_dropped(joined), kept(starts), kept(ends), kept(firsts))


class _SimpleFolds(dict):
    """The table of simple folds: a character that is a cluster of its own and folds to one character -> that
    character; any other (a combining mark, a fold to none or several) -> None, which drops it."""

    _LIMIT = 65536  # a few thousand distinct characters make up every text; the cap bounds a pathological one

    def __missing__(self, code: int) -> str | None:
        if len(self) >= self._LIMIT:
            self.clear()
        char = chr(code)
        if _is_mark(char):
            value = None
        elif unicodedata.is_normalized("NFKC", char):
            value = char  # nearly every character is its own fold (，．are not normalized; selectors are marks)
        else:
            fold = _fold_cluster(char)
            value = fold if len(fold) == 1 else None
        self[code] = value
        return value


_SIMPLE_FOLDS = _SimpleFolds()


# The characters that may not be their own fold: all but the runs that are (ASCII, Latin-1's and general
# punctuation, arrows and shapes, CJK punctuation, kana, kanji, hangul, private use), which are what most
# policy text is made of; tests/test_fast_paths.py checks each character outside against _SIMPLE_FOLDS.
# Written as the few gaps between those runs: re compiles a class in time with the code points it lists
# (the runs themselves, negated, took 7 ms; these 2).
_NOT_OWN_FOLD = re.compile(
    "[\xa0\xa8-\xbe\u0132-\u2011\u2017\u2024-\u2037\u203c-\u2189\u222c-\u2230\u2329-\u232a\u2460-\u24ea"
    "\u2a0c-\u3000\u302a-\u303a\u3099-\u309f\u30ff-\u33ff\ua66f-\uabed\uf900-\U0010ffff]"
)


def _table_fold(match: re.Match[str]) -> str:
    """Return re.sub's replacement for one character: its simple fold, or "" for one that has none."""
    return _SIMPLE_FOLDS[ord(match.group())] or ""


def _simply_folded(text: str) -> str | None:
    """Return the text folded when every character is a cluster of its own folding to one (nearly every text)."""
    # Only the characters that may not be their own fold go through the table (U+3000, （）, １２３):
    # one C scan, where str.translate looked each character up (seven times the cost).
    folded = _NOT_OWN_FOLD.sub(_table_fold, text)
    return folded if len(folded) == len(text) else None  # a dropped character shortens it


def _without_dropped(text: str) -> str:
    """Return the text without spaces and invisible characters (str.replace scans in C; invisibles are rare)."""
    for char in _DROPPED:
        if char in text:
            text = text.replace(char, "")
    return text


def _folded_unified(text: str) -> str:
    """Return the text folded and unified in context, without offsets (what the text-only callers need)."""
    simple = _simply_folded(text)
    if simple is not None and not _IN_CONTEXT_RE.search(simple):
        return simple  # none to unify (nearly every text): no list to build
    chars = list(simple) if simple is not None else _folded(text)[0]
    _unify_in_context(chars)
    return "".join(chars)


def _folded(text: str) -> tuple[list[str], list[int], list[int], list[bool]]:
    """Return each cluster folded, one character per entry, with its cluster's span and whether it is the first."""
    simple = _simply_folded(text)
    if simple is not None:
        return list(simple), list(range(len(text))), list(range(1, len(text) + 1)), [True] * len(text)
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    firsts: list[bool] = []
    for start, cluster in _clusters(text):
        out = _fold_cluster(cluster)
        for index, char in enumerate(out):
            chars.append(char)
            starts.append(start)
            ends.append(start + len(cluster))
            firsts.append(index == 0)
    return chars, starts, ends, firsts


def _clusters(text: str):
    """Yield (offset, cluster): a base character with the combining marks that follow it."""
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and _is_mark(text[i]):
            continue
        yield start, text[start:i]
        start = i


@lru_cache(maxsize=65536)
def _is_mark(char: str) -> bool:
    """Return True for characters that belong to the previous one (dakuten, variation selectors)."""
    return (
        unicodedata.combining(char) != 0
        or char in "\uff9e\uff9f"
        or "\ufe00" <= char <= "\ufe0f"
        or "\U000e0100" <= char <= "\U000e01ef"
    )


@lru_cache(maxsize=65536)  # a few thousand distinct characters make up every text
def _fold_cluster(cluster: str) -> str:
    """Return a cluster in NFKC without variation selectors (，． marked for a decision in context)."""
    # ，．are the official-document variants of 、。 unless they sit between digits (１，０００);
    # NFKC would make them ASCII and lose that they were full-width, so mark them first.
    cluster = cluster.replace("，", _WIDE_COMMA).replace("．", _WIDE_PERIOD)
    folded = unicodedata.normalize("NFKC", cluster)
    return "".join(c for c in folded if not ("\ufe00" <= c <= "\ufe0f" or "\U000e0100" <= c <= "\U000e01ef"))


def _is_japanese(char: str) -> bool:
    return bool(re.match(f"[{_KANJI}{_KATAKANA}\u3041-\u3096]", char))


def _unify_in_context(chars: list[str]) -> None:
    """Unify variants whose meaning depends on their neighbours (in place, one char for one)."""
    # Only these characters ever change, each from what precedes it (already unified) and follows it.
    for i in [m.start() for m in _IN_CONTEXT_RE.finditer("".join(chars))]:  # one character per entry
        char = chars[i]
        before = chars[i - 1] if i else ""
        after = chars[i + 1] if i + 1 < len(chars) else ""
        if char in _DASHES and re.match(f"[{_KATAKANA}]", before) and not (after.isascii() and after.isalnum()):
            chars[i] = "ー"  # サ―バ from PDF extraction: a dash after katakana is a long vowel
        elif char in _MIDDLE_DOTS:
            chars[i] = "・"
        elif char in (_WIDE_COMMA, _WIDE_PERIOD):
            between_digits = before.isdigit() and after.isdigit()
            if char == _WIDE_COMMA:
                # Only a group of three digits makes a thousands separator: 「上記6，7及び8」 is a list.
                group = "".join(chars[i + 1:i + 5])
                thousands = between_digits and bool(re.match(r"\d{3}(?!\d)", group))
                chars[i] = "," if thousands else "、"
            else:
                chars[i] = "." if between_digits else "。"
        elif char == "," and _is_japanese(before) and not after.isdigit():
            chars[i] = "、"
        elif char == "." and _is_japanese(before) and not after.isalnum():
            chars[i] = "。"


def _self_pattern(org: OrgNames | None) -> re.Pattern:
    """Return the pattern of 本X/当X self-references (council forms only where they can be the body)."""
    forms = list(BODY_FORMS)
    if org is None or not org.self_reference or org.self_reference[1:] in COUNCIL_FORMS:
        forms = list(COUNCIL_FORMS) + forms
    return re.compile(f"{_free('本', '当')}\\s*{_lit(*forms)}")


@lru_cache(maxsize=256)
def _placeholder_rules(org: OrgNames | None) -> tuple[_Rule, ...]:
    """Return the substitutions for one organization, most specific first."""
    rules: list[_Rule] = []
    names = []
    if org is not None:
        names = [_flatten(n) for n in (org.name,) if n]
    if names:
        rules.append((re.compile(_lit(*names)), SELF))
    rules.append((_TEMPLATE_NAME_RE, SELF))
    rules.append((_POLICY_RE, POLICY))
    rules.append((_self_pattern(org), SELF))
    rules.append((_SUBJECT_RE, SUBJECT))
    rules += _NOTATION_RULES
    if org is not None:
        shorts = [_flatten(s) for s in org.short_names if s]
        if shorts:
            rules.append((re.compile(f"{_free(*shorts)}(?![{_KANJI}])"), SELF))
        if org.bare:
            rules.append((re.compile(f"{_free(org.bare)}{_BARE_AFTER}"), SELF))
    return tuple(rules)


def _reference(match: re.Match) -> str:
    """Write a reference to sections of this policy in one form, whatever the style that wrote it."""
    numbers = [int(n) for n in re.findall(r"[0-9]+", match.group(0))]
    if "から" in match.group(0):  # 第6条から第8条まで: a range
        numbers = list(range(numbers[0], numbers[-1] + 1))
    return REFERENCE + "・".join(str(n) for n in numbers) + REFERENCE


_N = "[0-9]+"
_AND = "(?:、|及び|並びに)"
# How the two presentation styles word the same thing (法制執務): numbered 「上記3」「上記6、7及び8」「以下の」
# and a paragraph opened by 「なお、」; article 「第3条」「第6条から第8条まで」「次の」 and a 項 of its own.
_NOTATION_RULES: list[_Rule] = [
    (re.compile(f"第{_N}条から第{_N}条まで"), _reference),
    (re.compile(f"上記{_N}(?:{_AND}{_N})*"), _reference),
    (re.compile(f"第{_N}条(?:{_AND}第{_N}条)*(?!の?[0-9])"), _reference),
    (re.compile("以下(?=の|に掲げる)"), "次"),
    (re.compile("な(?<![^ ]な)お、"), ""),  # at the start or after a space: the set-led form of (?:^|(?<= ))なお、
]


def _substitute(pattern: re.Pattern, placeholder, text: str, starts, ends, firsts):
    """Replace each match in the text by the placeholder, which covers the original span of the whole match.

    Returns the new text's characters and its columns. `placeholder` is a string, or a function of the
    match returning the replacement ("" drops it).
    """
    out: tuple[list, list, list, list] = ([], [], [], [])
    last = 0
    for match in pattern.finditer(text):
        if match.start() == match.end():
            continue
        for column, values in zip(out, (text, starts, ends, firsts)):
            column += values[last : match.start()]
        replacement = placeholder(match) if callable(placeholder) else placeholder
        for index, char in enumerate(replacement):
            out[0].append(char)
            out[1].append(starts[match.start()])
            out[2].append(ends[match.end() - 1])
            out[3].append(firsts[match.start()] and index == 0)
        last = match.end()
    for column, values in zip(out, (text, starts, ends, firsts)):
        column += values[last:]
    return out


def _flatten(text: str) -> str:
    """Return text folded like the normalizer folds it, without placeholders (for name finding)."""
    return _without_dropped(_WHITESPACE.sub("", _folded_unified(text)))


def _name_from_title(text: str) -> str:
    """Return the body's name from the first title-like line (「鎌倉市議会情報セキュリティ基本方針」)."""
    for line in [l for l in text.splitlines() if l.strip()][:5]:
        flat = _flatten(line).lstrip("#")
        # The 例規集 mark 「○」 before a title goes; a template name's 「○○」 (○○町議会) stays the name.
        if flat[:1] in "○◯" and len(flat) - len(flat.lstrip("○◯")) != 2:
            flat = flat[1:]
        head = flat.split("情報セキュリティ")[0]
        # A bare 「市」 is what is left of a template name 「○○市」: no name, not the body's name.
        if head and head != flat and head.endswith(ORG_SUFFIXES) and not head.startswith(("本", "当")) \
                and head not in ORG_SUFFIXES:
            return head
    return ""


def _self_reference_for(name: str) -> str:
    """Return the 本X self-reference that a body of this name would use ("" if unknown)."""
    flat = _flatten(name)
    for suffix in sorted(ORG_SUFFIXES, key=len, reverse=True):
        if flat.endswith(suffix) and flat != suffix:
            return "本" + ("組合" if suffix == "一部事務組合" else suffix)
    return ""

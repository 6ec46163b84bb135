"""Diff two clause texts token by token, flagging edits that only change notation.

Keys come from the normalized text (width, spacing, punctuation, the body's names, UniDic lemmas);
surfaces are always slices of the original texts, so joining the edits gives both texts back:

>>> edits = diff_tokens("対策を講じる。", "対策を講ずる。")
>>> [(e.op, e.old, e.new, e.notation_only) for e in edits if e.op != "equal"]
[('replace', '講じる', '講ずる', True)]
>>> is_notation_only("適正に対応する", "適切に対応する")
False
"""

from __future__ import annotations

import sys
from functools import lru_cache
from itertools import chain, groupby
from typing import NamedTuple

from policygen.ja.normalize import Normalized, OrgNames, Reading, normalize_with_offsets, reading, reads_alike
from policygen.ja.tokenize import tokenize
from policygen.model import Edit, EditOp

# Token keys are encoded as characters from the supplementary private-use planes (the lines-to-chars
# trick of diff-match-patch, over tokens); they never meet real text.
_CODE_BASE = 0xF0000
_CODE_LIMIT = 0x10FFFD - _CODE_BASE
# A replaced span this long that shares a prefix or suffix of at least _MIN_SHARED characters reads
# better with the shared part shown as unchanged.
_LONG_SPAN = 6
_MIN_SHARED = 2
# Above _LARGE tokens in all, estimate the work first; above _DMP_BUDGET, dmp would take seconds.
_LARGE = 1000
_DMP_BUDGET = 2_000_000


class _Unit(NamedTuple):
    """A token of the normalized text with the slice of the original text it stands for."""

    key: str
    surface: str


class Prepared(NamedTuple):
    """What diff_tokens makes of one side's text: its normalized form, its tokens, how it reads."""

    normalized: Normalized
    units: tuple[_Unit, ...]
    reading: Reading


def prepare(text: str, org: OrgNames | None = None) -> Prepared:
    """Return one side's text prepared for diff_tokens, to be computed once for a text diffed often."""
    normalized = normalize_with_offsets(text, org=org)
    return Prepared(normalized, tuple(_units(text, normalized)), reading(text, org))


def diff_tokens(
    old: str,
    new: str,
    *,
    org_old: OrgNames | None = None,
    org_new: OrgNames | None = None,
    old_prepared: Prepared | None = None,
) -> list[Edit]:
    """Return the edits turning old into new; key-equal runs with other surfaces are notation edits.

    `old_prepared` is `prepare(old, org_old)` computed before (the model's side, prepared once).
    """
    if old == new and reads_alike(old, org_old, org_new, known_a=old_prepared.reading if old_prepared else None):
        # The same text read alike gives the same tokens: one equal run, as the diff below would.
        return [Edit("equal", old, new)] if old else []
    normalized_old = old_prepared.normalized if old_prepared else normalize_with_offsets(old, org=org_old)
    normalized_new = normalize_with_offsets(new, org=org_new)
    units_old = list(old_prepared.units) if old_prepared else _units(old, normalized_old)
    units_new = _units(new, normalized_new)
    codes_old, codes_new = _encode([u.key for u in units_old], [u.key for u in units_new])
    diffs = _diff_counts(codes_old, codes_new, semantic=True)

    edits: list[Edit] = []
    i = j = 0
    pending_old: list[_Unit] = []
    pending_new: list[_Unit] = []
    for op, n in diffs:
        if op == 0:
            edits += _changed(pending_old, pending_new)
            pending_old, pending_new = [], []
            edits += _equal_run(units_old[i : i + n], units_new[j : j + n])
            i += n
            j += n
        elif op < 0:
            pending_old += units_old[i : i + n]
            i += n
        else:
            pending_new += units_new[j : j + n]
            j += n
    edits += _changed(pending_old, pending_new)
    return _coalesce(edits)


def is_notation_only(
    old: str, new: str, *, org_old: OrgNames | None = None, org_new: OrgNames | None = None
) -> bool:
    """Return True when the texts differ, and only by notation."""
    changes = [e for e in diff_tokens(old, new, org_old=org_old, org_new=org_new) if e.op != "equal"]
    return bool(changes) and all(e.notation_only for e in changes)


def similarity(
    old: str, new: str, *, org_old: OrgNames | None = None, org_new: OrgNames | None = None
) -> float:
    """Return 2 × matched tokens / all tokens (keys, like difflib's ratio): 1.0 means equal in substance."""
    keys_old = _keys(normalize_with_offsets(old, org=org_old).text)
    keys_new = _keys(normalize_with_offsets(new, org=org_new).text)
    total = len(keys_old) + len(keys_new)
    if total == 0:
        return 1.0
    codes_old, codes_new = _encode(keys_old, keys_new)
    # Not 1 − levenshtein / longer: dmp's levenshtein sums per-block maxima and can exceed the
    # longer length, giving negative scores for unrelated texts.
    matched = sum(n for op, n in _diff_counts(codes_old, codes_new, semantic=False) if op == 0)
    return 2.0 * matched / total


@lru_cache(maxsize=8192)
def _keys(normalized: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokenize(normalized) if t.key)


_DMP = None


def _dmp():
    """Return one configured diff_match_patch instance."""
    global _DMP
    if _DMP is None:
        from diff_match_patch import diff_match_patch  # type: ignore[import-untyped]

        _DMP = diff_match_patch()
        # No time limit: a timeout would make the result depend on machine speed; clauses are a
        # few hundred tokens, whole documents a few thousand, which Myers' algorithm handles quickly.
        _DMP.Diff_Timeout = 0
    return _DMP


_NATIVE: list = []  # [the native diff function, or None]: looked up once


def _native():
    """Return fast_diff_match_patch's diff (the same algorithm in C++), or None where it cannot serve.

    Its output equals the Python port's (tests/test_fast_paths.py holds them together) where the C
    library classifies the private-use codes as neither letters nor spaces; on Windows its 16-bit
    wide-character classes would read a code as a letter or a space and move the clean-up's boundaries.
    """
    if not _NATIVE:
        diff = None
        if sys.platform != "win32":
            try:
                from fast_diff_match_patch import diff  # type: ignore[import-not-found]
            except ImportError:
                pass
        # Where a code would count as two characters, or raise, the port serves.
        try:
            if diff is not None and diff(chr(_CODE_BASE), chr(_CODE_BASE + 1), timelimit=0) != [("-", 1), ("+", 1)]:
                diff = None
        except Exception:
            diff = None
        _NATIVE.append(diff)
    return _NATIVE[0]


_OPS = {"=": 0, "-": -1, "+": 1}


def _diff_counts(old: str, new: str, *, semantic: bool) -> list[tuple[int, int]]:
    """Return the diff of two code strings as (op, length) runs, semantically cleaned up if asked.

    Myers' algorithm (dmp) costs about length × differences: instant for clause pairs, seconds for
    two unrelated documents. Very different long inputs go through difflib instead; deciding by a
    deterministic estimate, not by dmp's timer, keeps the result the same on every machine.
    """
    if len(old) + len(new) > _LARGE:
        diffs = _difflib_diffs(old, new)
        if diffs is not None:
            if semantic:
                _dmp().diff_cleanupSemantic(diffs)
            return [(op, len(codes)) for op, codes in diffs]
    native = _native()
    if native is not None:
        cleanup = "Semantic" if semantic else "No"
        return [(_OPS[op], n) for op, n in native(old, new, timelimit=0, checklines=False, cleanup=cleanup)]
    diffs = _dmp().diff_main(old, new, False)
    if semantic:
        _dmp().diff_cleanupSemantic(diffs)
    return [(op, len(codes)) for op, codes in diffs]


def _difflib_diffs(old: str, new: str) -> list[tuple[int, str]] | None:
    """Return difflib's diff of two long code strings in dmp's form, or None when dmp is cheap enough."""
    import difflib

    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    opcodes = matcher.get_opcodes()
    differences = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in opcodes if tag != "equal")
    if differences * (len(old) + len(new)) <= _DMP_BUDGET:
        return None
    diffs: list[tuple[int, str]] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            diffs.append((0, old[i1:i2]))
            continue
        if i2 > i1:
            diffs.append((-1, old[i1:i2]))
        if j2 > j1:
            diffs.append((1, new[j1:j2]))
    return diffs


def _encode(keys_old, keys_new) -> tuple[str, str]:
    """Return both key sequences as strings, one private-use character per distinct key (numbered as first met)."""
    distinct = dict.fromkeys(chain(keys_old, keys_new))  # first-met order, built in C
    if len(distinct) > _CODE_LIMIT:
        raise ValueError("too many distinct tokens to diff")
    table = dict(zip(distinct, map(chr, range(_CODE_BASE, _CODE_BASE + len(distinct)))))
    return "".join(map(table.__getitem__, keys_old)), "".join(map(table.__getitem__, keys_new))


def _units(text: str, normalized: Normalized) -> list[_Unit]:
    """Return the tokens of the normalized text, each with the original slice it covers."""
    tokens = [t for t in tokenize(normalized.text) if t.key]
    firsts, starts, ends = normalized.firsts, normalized.starts, normalized.ends
    # A token may only start where an original character starts (NFKC can expand one into several):
    # one that starts inside joins the token before it. Nearly always every character is a first.
    if all(firsts):
        spans = [(t.start, t.end, t.key) for t in tokens]
    else:
        spans = []
        for token in tokens:
            if spans and not firsts[token.start]:
                first, _, key = spans[-1]
                spans[-1] = (first, token.end, key + token.key)
            else:
                spans.append((token.start, token.end, token.key))
    out: list[_Unit] = []
    unit = tuple.__new__  # a _Unit made as the tuple it is, without its Python-level __new__
    position = 0
    for first, last, key in spans:
        start, end = starts[first], ends[last - 1]
        if start > position:
            # What normalization removed (whitespace) is a unit of its own with the empty key, so
            # that 「体制\n\n本市」 keeps its line break apart from the words around it.
            out.append(unit(_Unit, ("", text[position:start])))
        out.append(unit(_Unit, (key, text[start:end])))
        position = end
    if position < len(text):
        out.append(_Unit("", text[position:]))
    return out


def _equal_run(old: list[_Unit], new: list[_Unit]) -> list[Edit]:
    """Return the edits for key-equal tokens: equal where surfaces match, notation replace elsewhere."""
    out: list[Edit] = []
    for same, pairs in groupby(zip(old, new), key=lambda pair: pair[0].surface == pair[1].surface):
        if same:  # a stretch of equal surfaces is one edit, as _coalesce would join them
            text = "".join(a.surface for a, _ in pairs)
            out.append(Edit("equal", text, text))
        else:
            for a, b in pairs:
                out += _notation(a.surface, b.surface)
    return out


def _notation(old: str, new: str) -> list[Edit]:
    """Return a notation change; differences of spacing only are shown as just the spaces."""
    prefix = _common_prefix(old, new)
    suffix = _common_suffix(old[prefix:], new[prefix:])
    mid_old, mid_new = old[prefix : len(old) - suffix], new[prefix : len(new) - suffix]
    if (mid_old + mid_new).strip():
        return [Edit(_op(old, new), old, new, True)]
    return [
        Edit("equal", old[:prefix], new[:prefix]),
        Edit(_op(mid_old, mid_new), mid_old, mid_new, True),
        Edit("equal", old[len(old) - suffix :], new[len(new) - suffix :]),
    ]


def _changed(old: list[_Unit], new: list[_Unit]) -> list[Edit]:
    """Return the edits for a changed span: deleted, inserted or replaced tokens."""
    if not old and not new:
        return []
    # Trim tokens equal in key at both ends (semantic cleanup can leave such tokens inside a span).
    head = 0
    while head < min(len(old), len(new)) and old[head].key == new[head].key:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail].key == new[-1 - tail].key:
        tail += 1
    lead = _equal_run(old[:head], new[:head])
    trail = _equal_run(old[len(old) - tail :], new[len(new) - tail :])
    old, new = old[head : len(old) - tail], new[head : len(new) - tail]
    old_text = "".join(u.surface for u in old)
    new_text = "".join(u.surface for u in new)
    if "".join(u.key for u in old) == "".join(u.key for u in new):
        # Same keys, cut differently (or whitespace only): still a matter of notation.
        middle = [Edit(_op(old_text, new_text), old_text, new_text, True)] if old_text or new_text else []
    else:
        middle = _refine(old_text, new_text)
    return lead + middle + trail


def _refine(old: str, new: str) -> list[Edit]:
    """Return a substantive change, with a long shared prefix or suffix shown as unchanged."""
    if old and new and min(len(old), len(new)) >= _LONG_SPAN:
        prefix = _common_prefix(old, new)
        prefix = prefix if prefix >= _MIN_SHARED else 0
        suffix = _common_suffix(old[prefix:], new[prefix:])
        suffix = suffix if suffix >= _MIN_SHARED else 0
        if prefix or suffix:
            mid_old, mid_new = old[prefix : len(old) - suffix], new[prefix : len(new) - suffix]
            return [
                Edit("equal", old[:prefix], new[:prefix]),
                Edit(_op(mid_old, mid_new), mid_old, mid_new, False),
                Edit("equal", old[len(old) - suffix :], new[len(new) - suffix :]),
            ]
    return [Edit(_op(old, new), old, new, False)]


def _op(old: str, new: str) -> EditOp:
    return "replace" if old and new else ("delete" if old else "insert")


def _coalesce(edits: list[Edit]) -> list[Edit]:
    """Drop empty edits and merge neighbours of the same op and kind."""
    out: list[Edit] = []
    for edit in edits:
        if not edit.old and not edit.new:
            continue
        if out and out[-1].op == edit.op == "equal":
            last = out.pop()
            edit = Edit("equal", last.old + edit.old, last.new + edit.new)
        elif out and edit.op != "equal" and out[-1].op != "equal":
            # Changes side by side read as one: 講じる→講じ + ない is the substantive 講じる→講じない.
            last = out.pop()
            old, new = last.old + edit.old, last.new + edit.new
            edit = Edit(_op(old, new), old, new, last.notation_only and edit.notation_only)
        out.append(edit)
    return out


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n

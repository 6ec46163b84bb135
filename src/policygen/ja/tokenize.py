"""Split Japanese text into tokens keyed by normalized UniDic lemma (the only home of fugashi).

A token's `surface` is the exact slice of the input, so surfaces joined give the input back; its
`key` is what comparison uses, so that notation variants share one key:

>>> [t.key for t in tokenize("対策を講じる")] == [t.key for t in tokenize("対策を講ずる")]
True
>>> "".join(t.surface for t in tokenize("LGWAN 接続系")) == "LGWAN 接続系"
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from policygen.limits import MAX_TAGGER_CHARS
from policygen.model import Token

# Standard 公用文 notation variants that UniDic lemmas do not unify: key → shared key.
# UniDic already unifies 講じる/講ずる, 取扱い/取り扱い, ハードウエア/ハードウェア, 強靱/強靭,
# ウィルス/ウイルス, 行う/行なう, 又は/または, 及び/および, 全て/すべて, 係る/かかる (both 掛かる) and
# most okurigana pairs; each entry here was checked to be needed (tests/test_ja_tokenize.py).
EQUIVALENTS = {
    # 持出し is read as the verb 持ち出す, 持ち出し as the noun: the same word in 公用文 okurigana.
    "持ち出し": "持ち出す",
    # Full-width comma and period in text that was not normalized first.
    "，": "、",
    "．": "。",
}

# Surfaces UniDic sometimes misreads in 公用文: 「課及び室」 gives the verb 及ぶ, while 「課および室」
# gives the conjunction 及び; in these texts 及び is always the conjunction.
SURFACE_KEYS = {"及び": "及び", "および": "及び"}

# Placeholders from ja.normalize (and any private-use character) are whole tokens of their own.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# UniDic glosses loanword lemmas with their English source: ハードウェア-hardware.
_GLOSS = re.compile(r"-[A-Za-z][A-Za-z0-9_ .'-]*$")

_TAGGER = None


def tagger():
    """Return the process's one fugashi Tagger on unidic-lite, creating it on first use."""
    global _TAGGER
    if _TAGGER is None:
        import fugashi  # type: ignore[import-untyped]
        import unidic_lite  # type: ignore[import-untyped]

        # Pin unidic-lite (not whichever UniDic is installed) so keys are the same on every machine;
        # -r /dev/null ignores a system mecabrc that could point elsewhere. The output format (of
        # parse(), not of the nodes) is _LINES's.
        _TAGGER = fugashi.Tagger(f'-r /dev/null -d "{unidic_lite.DICDIR}" {_LINES}')
    return _TAGGER


# What parse() prints: a line "surface<TAB>lemma" per word (an unknown word's lemma "*", as UniDic has
# none for it), between a BOS and an EOS line. Printing and splitting them costs less than making a node
# object per word and reading its surface and feature row (seed 003: 8.9 against 11.7 ms); fugashi strips
# the end of the output, which EOS guards. A surface never holds a tab or a line break: MeCab skips them.
_LINES = '-O "" -B "BOS\\n" -F "%m\\t%f[7]\\n" -U "%m\\t*\\n" -E "EOS"'


def tokenize(text: str) -> list[Token]:
    """Return the tokens of a text; whitespace runs become tokens with the empty key."""
    return list(_tokenize(text))


def keys(text: str) -> tuple[str, ...]:
    """Return the comparison keys of a text's tokens, whitespace left out."""
    return tuple(t.key for t in _tokenize(text) if t.key)


def lemma_key(surface: str, lemma: str | None) -> str:
    """Return the comparison key of one word from its surface and UniDic lemma."""
    if surface in SURFACE_KEYS:
        return SURFACE_KEYS[surface]
    key = surface if not lemma or lemma == "*" else (_GLOSS.sub("", lemma) if "-" in lemma else lemma) or surface
    if key.isascii():
        key = key.casefold()  # Web/web/WEB are one word
    return EQUIVALENTS.get(key, key)


@lru_cache(maxsize=8192)
def _tokenize(text: str) -> tuple[Token, ...]:
    out: list[Token] = []
    position = 0
    for match in _PRIVATE_USE.finditer(text):
        out += _tag_segment(text, position, match.start())
        out.append(Token(match.group(0), match.group(0), match.start(), match.end()))
        position = match.end()
    out += _tag_segment(text, position, len(text))
    return tuple(out)


# Where a long text is best cut for MeCab: after a sentence's end, else after any space or punctuation.
_CUT = re.compile(r"[。．！？\n]|[\s、，,.;；:：)）」』]")


def _chunks(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """Cut text[start:end] into spans MeCab is safe on (at most MAX_TAGGER_CHARS), at a natural break."""
    spans = []
    while end - start > MAX_TAGGER_CHARS:
        limit = start + MAX_TAGGER_CHARS
        window = text[limit - MAX_TAGGER_CHARS // 4 : limit]
        cuts = [m.end() for m in _CUT.finditer(window)]
        cut = limit - MAX_TAGGER_CHARS // 4 + cuts[-1] if cuts else limit  # a hard cut only in a giant "word"
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


def _tag_segment(text: str, start: int, end: int) -> list[Token]:
    """Tokenize text[start:end] with MeCab in bounded chunks, keeping offsets into the whole text."""
    out: list[Token] = []
    for chunk_start, chunk_end in _chunks(start, end, text):
        out += _tag_chunk(text, chunk_start, chunk_end)
    return out


def _tag_chunk(text: str, start: int, end: int) -> list[Token]:
    """Tokenize text[start:end] with MeCab, keeping offsets into the whole text."""
    out: list[Token] = []
    if start >= end:
        return out
    segment = text[start:end]
    words = _printed_words(segment)
    if words is None:
        words = _node_words(segment)
    # Surfaces that make up the segment (normalized text has no whitespace for MeCab to skip) are each
    # where the previous one ends; otherwise each is looked for, and what MeCab skipped becomes a gap.
    tiled = "".join([surface for surface, _ in words]) == segment
    position = 0
    append, find = out.append, segment.find  # looked up once: this loop runs per word
    token = tuple.__new__  # a Token made as the tuple it is: Token(...) runs a Python-level __new__ per word
    for surface, key in words:
        if not surface:
            continue
        found = position if tiled else find(surface, position)
        if found < 0:
            continue  # MeCab never invents text; a missing surface would be a bug to skip, not crash on
        if found > position:
            append(_gap(segment[position:found], start + position))
        position = found + len(surface)
        append(token(Token, (surface, key, start + found, start + position)))
    if position < len(segment):
        out.append(_gap(segment[position:], start + position))
    return out


def _printed_words(segment: str) -> list[tuple[str, str]] | None:
    """Return each word's surface and key from MeCab's printed lines (None if they are not whole)."""
    lines = tagger().parse(segment).split("\n")
    if len(lines) < 2 or lines[0] != "BOS" or lines[-1] != "EOS":
        return None  # a NUL in the text cuts MeCab's printing short (no EOS): the nodes are read instead
    return _words(lines[1:-1])


def _node_words(segment: str) -> list[tuple[str, str]]:
    """Return each word's surface and key from MeCab's nodes, as _printed_words reads them from its lines."""
    return _words([f"{node.surface}\t{_lemma(node) or '*'}" for node in tagger()(segment)])


def _words(lines: list[str]) -> list[tuple[str, str]]:
    """Return the surface and key of each "surface<TAB>lemma" line, known ones looked up, new ones learned."""
    known = _WORD_KEYS.get
    return [known(line) or _learn(line) for line in lines]


# "surface<TAB>lemma" -> (surface, key): a text repeats its words, and reading a lemma costs more than a lookup.
_WORD_KEYS: dict[str, tuple[str, str]] = {}
_WORD_KEYS_LIMIT = 200_000  # a vocabulary is far smaller; the cap only bounds a pathological input


def _learn(line: str) -> tuple[str, str]:
    """Return and remember one word's surface and key (whitespace keyed empty, as tokens of it are)."""
    if len(_WORD_KEYS) >= _WORD_KEYS_LIMIT:
        _WORD_KEYS.clear()
    surface, _, lemma = line.partition("\t")
    word = _WORD_KEYS[line] = (surface, "" if surface.isspace() else lemma_key(surface, lemma))
    return word


def forget_words() -> None:
    """Forget the words' keys learned so far (for measuring a process that has seen no text)."""
    _WORD_KEYS.clear()


# UniDic's feature row: the lemma is its eighth field (pos1–4, cType, cForm, lForm, lemma, …).
_LEMMA_FIELD = 7


def _lemma(node) -> str | None:
    """Return a node's UniDic lemma, read from the raw feature row (fugashi's parsed features cost 3× as much)."""
    raw = node.feature_raw
    parts = raw.split(",", _LEMMA_FIELD + 1)
    if len(parts) > _LEMMA_FIELD + 1:
        quote = raw.find('"')
        if quote < 0 or quote >= len(raw) - len(parts[-1]):  # no quote up to the lemma: a plain comma split
            return parts[_LEMMA_FIELD]
    # A quoted field before the lemma, or a short row (an unknown word): fugashi's own reading.
    return getattr(node.feature, "lemma", None)


def _gap(piece: str, offset: int) -> Token:
    """Return a token for text MeCab skipped: whitespace (empty key) or anything else as itself."""
    return Token(piece, "" if piece.isspace() else piece, offset, offset + len(piece))

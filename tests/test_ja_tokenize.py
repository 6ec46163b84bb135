"""Tests for ja.tokenize: exact surfaces, the equivalence tables, one Tagger (variant pairs: tests/fixtures/specs/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygen.ja import tokenize as tokmod
from policygen.ja.normalize import POLICY, SELF, normalize_text
from policygen.ja.tokenize import EQUIVALENTS, SURFACE_KEYS, keys, tokenize

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEEDS = sorted(CORPUS.glob("*/*.txt"))


def normalized_keys(text: str) -> tuple[str, ...]:
    return keys(normalize_text(text))


def test_one_tagger_per_process():
    first = tokmod.tagger()
    tokenize("情報資産を保護する。")
    assert tokmod.tagger() is first
    assert tokmod._TAGGER is first


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.parent.name[:3])
def test_surfaces_give_the_input_back(path):
    text = path.read_text(encoding="utf-8")
    tokens = tokenize(text)
    assert "".join(t.surface for t in tokens) == text
    assert all(text[t.start : t.end] == t.surface for t in tokens)
    assert all(a.end == b.start for a, b in zip(tokens, tokens[1:]))


def test_whitespace_is_kept_with_an_empty_key():
    tokens = tokenize("  LGWAN 接続系\u3000の\n")
    assert "".join(t.surface for t in tokens) == "  LGWAN 接続系\u3000の\n"
    assert [t.key for t in tokens if t.key] == ["lgwan", "接続", "系", "の"]


def test_placeholders_are_whole_tokens():
    tokens = tokenize(f"{SELF}{SELF}が{POLICY}を")
    assert [t.surface for t in tokens] == [SELF, SELF, "が", POLICY, "を"]


def test_english_gloss_is_stripped():
    assert keys("ハードウェア") == ("ハードウェア",)
    assert keys("ソフトウエア") == ("ソフトウェア",)


def test_ascii_words_fold_case():
    assert keys("Webサイト") == keys("webサイト")


def test_kakaru_is_unified_by_unidic_not_by_the_table():
    assert "係る" not in EQUIVALENTS and "かかる" not in EQUIVALENTS
    lemmas = {n.feature.lemma for n in tokmod.tagger()("利用に係る規定") if n.surface == "係る"}
    lemmas |= {n.feature.lemma for n in tokmod.tagger()("利用にかかる規定") if n.surface == "かかる"}
    assert len(lemmas) == 1


def test_every_equivalence_entry_is_needed_and_works():
    # The table must stay small: each entry maps a key UniDic really produces to another.
    raw = {}
    for sentence in ["媒体の持ち出し", "媒体の持出し", "甲，乙．"]:
        for node in tokmod.tagger()(sentence):
            raw[node.surface] = node.feature.lemma
    assert raw["持ち出し"] != raw["持出し"]  # so UniDic alone would not unify them
    assert keys("媒体の持ち出し") == keys("媒体の持出し")
    assert raw["，"] != raw.get("、", "、") and keys("甲，乙．") == keys("甲、乙。")
    assert set(EQUIVALENTS) == {"持ち出し", "，", "．"}, "new entries need a test here"


def test_oyobi_is_always_the_conjunction():
    misread = [n.feature.lemma for n in tokmod.tagger()("に定める課及び室") if n.surface == "及び"]
    assert misread == ["及ぶ"]  # UniDic's reading here, which SURFACE_KEYS corrects
    assert normalized_keys("に定める課及び室") == normalized_keys("に定める課および室")
    assert set(SURFACE_KEYS) == {"及び", "および"}

"""Tests for ja.tokenize: exact surfaces, lemma keys shared by notation variants, one Tagger."""

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


# Notation variants in the sentences where policies use them; each pair must share its keys.
VARIANTS = [
    ("対策を講じる。", "対策を講ずる。"),
    ("情報の取扱い", "情報の取り扱い"),
    ("データを取り扱う", "データを取扱う"),
    ("ハードウエア及びソフトウエア", "ハードウェア及びソフトウェア"),
    ("強靱性の向上", "強靭性の向上"),
    ("コンピュータウィルス", "コンピュータウイルス"),
    ("教育を行う", "教育を行なう"),
    ("甲、乙。", "甲，乙．"),
    ("改ざん又は消去", "改ざんまたは消去"),
    ("機密性及び完全性", "機密性および完全性"),
    ("課及び室並びに施設", "課及び室ならびに施設"),
    ("全ての職員", "すべての職員"),
    ("連絡して下さい", "連絡してください"),
    ("利用に係る規定", "利用にかかる規定"),
    ("媒体の持ち出し", "媒体の持出し"),
    ("情報の漏えい", "情報の漏洩"),
    ("観点を踏まえ", "観点をふまえ"),
    ("分類に基づき", "分類にもとづき"),
    ("遂行に当たって", "遂行にあたって"),
    ("付着が無い", "付着がない"),
    ("必要な時に", "必要なときに"),
    ("検討した上で", "検討したうえで"),
    ("定めると共に", "定めるとともに"),
    ("広範囲に渡る", "広範囲にわたる"),
    ("迅速且つ適正に", "迅速かつ適正に"),
    ("サーバ室", "サーバー室"),
    ("コンピュータ等", "コンピューター等"),
    ("申込みの受付", "申し込みの受付"),
]


@pytest.mark.parametrize("a, b", VARIANTS)
def test_notation_variants_share_keys(a, b):
    assert normalized_keys(a) == normalized_keys(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("迅速かつ適正に対応する", "迅速かつ適切に対応する"),
        ("基準を策定する", "基準を作成する"),
        ("対策を講じる", "対策を講じない"),
        ("サーバ等", "サーバなど"),  # 等 and など are a style choice, not one notation
    ],
)
def test_different_words_keep_different_keys(a, b):
    assert normalized_keys(a) != normalized_keys(b)


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

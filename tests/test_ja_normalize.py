"""Tests for ja.normalize: width, spacing, punctuation, placeholders and learning a body's names."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygen.ja.normalize import (
    POLICY,
    SELF,
    SUBJECT,
    OrgNames,
    normalize_text,
    normalize_with_offsets,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def seed(prefix: str) -> str:
    (path,) = CORPUS.glob(f"{prefix}_*/{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "a, b",
    [
        ("LGWAN 接続系", "LGWAN接続系"),
        ("ＬＧＷＡＮ　接続系", "LGWAN接続系"),
        ("情報を\n取り扱う", "情報を取り扱う"),
        ("甲，乙．", "甲、乙。"),
        ("（ハードウェア）", "(ハードウェア)"),
        ("ｻｰﾊﾞ", "サーバ"),
        ("ｶﾞｲﾄﾞ", "ガイド"),
        ("サ―バ", "サーバ"),  # horizontal bar from PDF text after katakana
        ("サ－バ", "サーバ"),  # full-width hyphen-minus
        ("設計･開発", "設計・開発"),
        ("⑴ネットワーク", "(1)ネットワーク"),
    ],
)
def test_variants_normalize_alike(a, b):
    assert normalize_text(a) == normalize_text(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("１，０００円", "1,000円"),  # a comma between digits stays a thousands separator
        ("１．５倍", "1.5倍"),
        ("Wi-Fi", "Wi-Fi"),  # a hyphen in ASCII is not a long vowel
    ],
)
def test_context_keeps_numbers_and_ascii(a, b):
    assert normalize_text(a) == b


def test_self_reference_forms_become_one_placeholder():
    forms = ["本市", "本県", "本区", "本町", "本村", "本組合", "本広域連合", "本協議会", "本市議会", "本町議会", "本村議会"]
    for form in forms:
        assert normalize_text(f"{form}の情報資産") == SELF + "の情報資産", form


def test_self_reference_needs_a_word_boundary():
    assert normalize_text("日本市場と資本市場") == "日本市場と資本市場"
    assert normalize_text("情報セキュリティ基本方針") == "情報セキュリティ基本方針"
    # A line break is a boundary even though whitespace is removed afterwards.
    assert normalize_text("1 目的\n本基本方針は、本市が") == f"1目的{POLICY}は、{SELF}が"


def test_council_forms_are_the_city_council_only_for_a_council():
    assert normalize_text("本市議会の") == SELF + "の"
    city = OrgNames(name="五所川原市", self_reference="本市")
    assert normalize_text("本市議会の", org=city) == SELF + "議会の"


def test_policy_and_subject_placeholders():
    for form in ["この基本方針", "本基本方針", "本方針", "この規則", "本規則"]:
        assert normalize_text(f"{form}は") == POLICY + "は", form
    assert normalize_text("職員等は") == normalize_text("議員等は") == SUBJECT + "は"
    # 非常勤職員等 is a list of staff, not the defined duty holders.
    assert SUBJECT not in normalize_text("臨時・非常勤職員等")


def test_org_name_and_short_names():
    org = OrgNames(name="群馬県市町村会館管理組合", self_reference="本組合")
    assert normalize_text("群馬県市町村会館管理組合の情報資産", org=org) == SELF + "の情報資産"
    assert normalize_text("本組合の情報資産", org=org) == SELF + "の情報資産"
    # The bare article-style form stands for the body only before a particle.
    assert normalize_text("組合の機関", org=org) == SELF + "の機関"
    assert normalize_text("一部事務組合の機関", org=org) == "一部事務組合の機関"
    council = OrgNames(name="東京電子自治体共同運営協議会", self_reference="本協議会", short_names=("協議会",))
    assert normalize_text("協議会は、", org=council) == SELF + "は、"


def test_bare_form_only_with_known_kind():
    city = OrgNames(self_reference="本市")
    assert normalize_text("市は、情報資産を") == "市は、情報資産を"
    assert normalize_text("市は、情報資産を", org=city) == SELF + "は、情報資産を"
    assert normalize_text("都道府県及び市区町村", org=city) == "都道府県及び市区町村"


def test_template_name_is_the_body():
    assert normalize_text("○○市行政組織規則") == normalize_text("○ ○ 市行政組織規則") == SELF + "行政組織規則"
    gosho = OrgNames(name="五所川原市", self_reference="本市")
    assert normalize_text("五所川原市行政組織規則", org=gosho) == normalize_text("○○市行政組織規則")


def test_whitespace_inside_names_from_pdf():
    org = OrgNames(name="鎌倉市議会", self_reference="本市議会")
    assert normalize_text("鎌倉 市 議会の", org=org) == SELF + "の"
    assert normalize_text("本 市の") == SELF + "の"


def test_offsets_point_into_the_original():
    text = "本 市の ＬＧＷＡＮ"
    normalized = normalize_with_offsets(text)
    assert normalized.text == SELF + "のLGWAN"
    assert len(normalized.starts) == len(normalized.ends) == len(normalized.text)
    assert text[normalized.starts[0] : normalized.ends[0]] == "本 市"
    assert text[normalized.starts[2] : normalized.ends[2]] == "Ｌ"


@pytest.mark.parametrize(
    "prefix, expected",
    [
        ("000", OrgNames(name="群馬県市町村会館管理組合", self_reference="本組合")),
        ("001", OrgNames(name="五所川原市", self_reference="本市")),
        ("002", OrgNames(name="東京電子自治体共同運営協議会", self_reference="本協議会", short_names=("協議会",))),
        ("004", OrgNames(name="鎌倉市議会", self_reference="本市議会")),
    ],
)
def test_guess_on_seeds(prefix, expected):
    assert OrgNames.guess(seed(prefix)) == expected


def test_guess_ignores_defined_terms_that_are_not_the_body():
    names = OrgNames.guess("職員（以下「職員等」という。）は、○○町（以下「本町」という。）の")
    assert names == OrgNames(name="○○町", self_reference="本町")


def test_from_meta():
    assert OrgNames.from_meta({"org_name": "鎌倉市議会"}) == OrgNames("鎌倉市議会", "本市議会")
    assert OrgNames.from_meta({"org_name": "A町", "self_reference": "当町"}).bare == "町"

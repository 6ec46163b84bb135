"""Tests for ja.normalize beyond the case table (tests/fixtures/specs/normalize.md): offsets, learning a body's names."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygen.ja.normalize import SELF, OrgNames, normalize_with_offsets

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def seed(prefix: str) -> str:
    (path,) = CORPUS.glob(f"{prefix}_*/{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


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

"""The kind of body is guessed from the document when --kind is not given: its name, then its own text."""

import json
from pathlib import Path

import pytest

from policygen.compare.kind import guess_kind, kind_of_name, kind_of_text
from policygen.model import Clause, Document
from policygen.readers import read_path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEEDS = sorted(p.parent.name for p in CORPUS.glob("*/expected-coverage.json"))


@pytest.mark.parametrize("seed", SEEDS)
def test_guessed_kind_equals_the_hand_labelled_kind(seed):
    folder = CORPUS / seed
    labels = json.loads((folder / "expected-coverage.json").read_text(encoding="utf-8"))
    document = read_path(next(folder.glob("[0-9][0-9][0-9]_*.txt")))
    assert guess_kind(document) == labels["kind"]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("○○県情報セキュリティ基本方針", "prefecture"),
        ("○○町情報セキュリティ基本方針", "town"),
        ("○○村議会情報セキュリティ基本方針", "council"),
        ("○○地区広域連合情報セキュリティ基本方針", "joint_body"),
        ("○○電子自治体共同運営協議会情報セキュリティ基本方針", "joint_body"),
        ("○○区情報セキュリティ基本方針", "special_ward"),
    ],
)
def test_kind_from_title(title, kind):
    assert guess_kind(Document(title=title)) == kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("○○市町村事務組合", "joint_body"),
        ("○○地区消防組合", "joint_body"),
        ("○○水道企業団", "joint_body"),
        ("○○市議会", "council"),
        ("○○市", "city"),
        ("「○○市情報セキュリティポリシー」", "city"),
        ("情報セキュリティ基本方針", None),
        ("", None),
    ],
)
def test_kind_of_name_reads_words_before_the_suffix(name, kind):
    assert kind_of_name(name) == kind


def _untitled(*texts: str) -> Document:
    clauses = tuple(Clause(id=str(i), label=f"({i})", text=t) for i, t in enumerate(texts, start=1))
    return Document(title="", clauses=clauses)


@pytest.mark.parametrize(
    ("texts", "kind"),
    [
        # A definition of the body's own short name, with no title line.
        (("この訓令は、○○消防組合(以下「組合」という。)が保有する情報資産を守る。",), "joint_body"),
        (("○○水道企業団(以下「企業団」という。)が保有する情報資産の機密性を維持する。",), "joint_body"),
        (("この方針は、○○村(以下「村」という。)の情報資産に適用する。",), "village"),
        # Self-references: 本X, and the article style's bare 「県は」「県における」.
        (("本区の情報資産を守る。", "本区が実施する対策。"), "special_ward"),
        (("県における情報セキュリティ対策の基本的な考え方を定める。", "県は、対策基準を定める。"), "prefecture"),
        (("本市議会が保有する情報資産。",), "council"),
        # Nothing to go on: the default.
        (("情報資産の機密性を維持する。",), "city"),
    ],
)
def test_kind_from_the_text_when_the_title_does_not_say(texts, kind):
    assert guess_kind(_untitled(*texts)) == kind


def test_a_joint_body_inside_a_city_is_not_the_city():
    document = _untitled("○○市・○○町衛生組合(以下「組合」という。)は、市及び町から事務を受託する。")
    assert guess_kind(document) == "joint_body"


def test_words_inside_other_words_are_no_self_reference():
    assert kind_of_text("都市計画の情報と市町村の情報") is None

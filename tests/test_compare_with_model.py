"""compare_with_model takes the model as an argument: a small hand-written template stands in for the shipped one."""

import pytest

from policygen.compare.with_model import compare_document, compare_file, compare_with_model
from policygen.generate.template import load_model
from policygen.readers import read_bytes

SMALL_MODEL = """\
title: 小さな基本方針
guideline: {version: テスト版}
clauses:
  - id: "1"
    heading: 目的
    text: この方針は、組織が保有する情報資産を守るため、対策の基本を定めることを目的とする。
  - id: "2"
    heading: 消防本部
    when: "'消防本部' in organs"
    text: 消防本部の情報システムも、この方針の対象とする。
  - id: "3"
    heading: 見直し
    text: 情報セキュリティ対策は、必要に応じて見直しを行う。
"""

POLICY = """○○市情報セキュリティ基本方針
1 目的
この方針は、組織が保有する情報資産を守るため、対策の基本を定めることを目的とする。
2 見直し
情報セキュリティ対策は、毎年度、監査の結果を踏まえて見直しを行うものとする。
"""


@pytest.fixture
def small_model(tmp_path):
    path = tmp_path / "model.yaml"
    path.write_text(SMALL_MODEL, encoding="utf-8")
    return load_model(path)


def _statuses(comparison):
    return {r.model_id: (r.status, r.applicable) for r in comparison.clauses}


def test_a_small_model_is_compared_instead_of_the_shipped_one(small_model):
    document = read_bytes(POLICY.encode("utf-8"), name="policy.txt")
    comparison = compare_with_model(document, small_model, kind="city")
    assert _statuses(comparison) == {
        "1": ("identical", True),
        "2": ("missing", True),  # a city's usual organs include a 消防本部
        "3": ("modified", True),
    }
    assert [m.path for m in comparison.clauses[2].matches] == ["2"]
    assert {c.model_id for c in comparison.model.walk()} == {"1", "2", "3"}
    assert comparison.extra == ()


def test_the_models_when_decides_what_applies_to_the_kind(small_model):
    document = read_bytes(POLICY.encode("utf-8"), name="policy.txt")
    # A town's usual organs have no 消防本部: the clause is compared but does not apply.
    assert _statuses(compare_with_model(document, small_model, kind="town"))["2"] == ("missing", False)


def test_without_a_model_the_shipped_one_is_used(tmp_path, small_model):
    path = tmp_path / "policy.txt"
    path.write_text(POLICY, encoding="utf-8")
    shipped = compare_file(path, kind="city")
    assert len(shipped.clauses) > 3 and "1" in _statuses(shipped)
    assert _statuses(compare_file(path, kind="city", model=small_model)) == _statuses(
        compare_document(read_bytes(POLICY.encode("utf-8"), name=str(path)), small_model, kind="city")
    )
    assert _statuses(compare_document(shipped.document, kind="city")) == _statuses(shipped)

"""4(1)'s organ list is the body's own parameter: a body listing its own organs has not departed from the model."""

from __future__ import annotations

from dataclasses import replace

import pytest

from policygen.compare.with_model import compare_document
from policygen.generate.profile import default_profile, join_and
from policygen.generate.template import render
from policygen.writers.report import html as report_html
from policygen.writers.report import markdown as report_markdown
from policygen.writers.report import text as report_text

OWN = ["市長部局", "教育委員会", "選挙管理委員会", "上下水道局"]


def _compare(profile):
    return compare_document(render(profile), kind=profile.kind)


@pytest.fixture(scope="module")
def own_organs():
    """The city model adopted word for word, but for its own organs in 4(1)."""
    profile = default_profile("city")
    return _compare(replace(profile, organs=join_and(OWN)))


def test_a_body_listing_its_own_organs_is_identical(own_organs):
    result = next(r for r in own_organs.clauses if r.model_id == "4.1")
    assert "上下水道局" in result.org_text and "内部部局" in result.model_text
    assert result.status == "identical"
    assert [n.code for n in own_organs.notices if n.code.startswith("compare.")] == ["compare.own-organs"]


def test_the_report_says_the_list_is_the_bodys_own(own_organs):
    organs = join_and(OWN)
    for name, report in (("md", report_markdown.render(own_organs)), ("html", report_html.render(own_organs)),
                         ("text", report_text.render(own_organs))):
        text = report.decode("utf-8")
        assert f"4(1)の機関は団体ごとに定めるもの。この文書の列挙（{organs}）" in text, name


def test_a_change_beside_the_list_is_still_a_modification():
    profile = default_profile("city")
    document = render(replace(profile, organs=join_and(OWN)))
    clauses = [replace(c, children=tuple(
        replace(k, text=k.text.replace("適用される", "適用されない")) if k.attrs.get("model_id") == "4.1" else k
        for k in c.children)) for c in document.clauses]
    comparison = compare_document(replace(document, clauses=tuple(clauses)), kind="city")
    result = next(r for r in comparison.clauses if r.model_id == "4.1")
    assert "適用されない" in result.org_text and result.status == "modified"
    assert not [n for n in comparison.notices if n.code == "compare.own-organs"]


def test_the_clause_row_says_so_too(own_organs):
    from lxml import html as lxml_html

    root = lxml_html.fromstring(report_html.render(own_organs))
    row = root.xpath("//tr[@id='c-4.1']")[0]
    assert "機関は団体ごとに定めるもの" in row.text_content() and "同一" in row.text_content()
    markdown = report_markdown.render(own_organs).decode("utf-8")
    assert any(line.startswith("| 同一（機関は団体ごとに定めるもの） | 4(1) |") for line in markdown.splitlines())

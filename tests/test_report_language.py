"""The reports speak the reader's language, notices included, and name a document once."""

from __future__ import annotations

from dataclasses import replace

import pytest

from policygen.compare.with_model import compare_file
from policygen.writers.report import html as report_html
from policygen.writers.report import markdown as report_markdown
from policygen.writers.report import text as report_text
from policygen.writers.report.text import Options
from report_sample import sample_comparison
from revision_cases import seed_path

SEED_003 = seed_path("003")


@pytest.fixture(scope="module")
def seed_003():
    """Seed 003 lacks the lines of its 第2条 and 第14条: the reader says so in two notices."""
    return compare_file(SEED_003, kind="joint_body")


def _reports(comparison, lang="ja") -> dict[str, str]:
    return {
        "text": report_text.render(comparison, Options(lang=lang)).decode("utf-8"),
        "md": report_markdown.render(comparison).decode("utf-8"),
        "html": report_html.render(comparison).decode("utf-8"),
    }


def test_reading_notices_are_shown_in_japanese(seed_003):
    notices = [n for n in seed_003.notices if n.code == "structure.missing-article"]
    assert len(notices) == 2
    for name, report in _reports(seed_003).items():
        assert "第2条の行が欠けているとみられるため、第1条に付けて読み取った" in report, name
        assert "seems to be missing" not in report, name
    english = report_text.render(seed_003, Options(lang="en")).decode("utf-8")
    assert "the line of 第2条 seems to be missing" in english


def test_a_document_without_a_title_is_named_by_its_path_once():
    comparison = sample_comparison()
    untitled = replace(comparison, document=replace(comparison.document, title="", meta={}))
    path = comparison.document_path
    for name, report in _reports(untitled).items():
        body = report.split("<body>", 1)[-1]  # the HTML <title> names the page, not the report
        assert body.count(path) == 1, name
    titled = _reports(comparison)
    assert all(path in report for report in titled.values())  # a titled document still gives its path

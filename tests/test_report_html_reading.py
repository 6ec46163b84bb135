"""The HTML report as a person reads it: identical clauses folded away, WCAG 2.1 AA contrast everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from policygen.writers.report import html as report_html
from report_sample import identical_comparison, sample_comparison


def _tree(comparison):
    return lxml_html.fromstring(report_html.render(comparison))


def test_identical_clauses_are_folded_by_default():
    root = _tree(sample_comparison())
    identical = root.xpath("//tr[contains(@class, 'st-identical')]")
    assert identical and all(row.xpath("ancestor::details") for row in identical)
    assert all(details.get("open") is None for details in root.xpath("//details"))  # closed until opened
    others = root.xpath("//tr[starts-with(@id, 'c-') and not(contains(@class, 'st-identical'))]")
    assert others and not any(row.xpath("ancestor::details") for row in others)
    summaries = [" ".join(s.text_content().split()) for s in root.xpath("//details/summary")]
    folded = sum(int(re.search(r"（(\d+)件", s).group(1)) for s in summaries)
    assert folded == len(identical)


def test_a_clean_policy_is_a_short_page():
    root = _tree(identical_comparison())
    clauses = root.xpath("//tr[starts-with(@id, 'c-')]")
    shown = [row for row in clauses if not row.xpath("ancestor::details")]
    assert len(clauses) > 5 and len(shown) < len(clauses) / 2


# --- contrast (WCAG 2.1 AA: 4.5:1 for body text, the size every report text has) ------------------------------


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """Return the WCAG contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_formula_matches_the_wcag_reference_values():
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54  # the lightest grey AA allows on white


def _rules(css: str) -> dict[str, dict[str, str]]:
    """Return each selector's declarations, var(--x) resolved from :root."""
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}@]+)\{([^{}]*)\}", css):
        declarations = dict((k.strip(), v.strip()) for k, _, v in
                            (d.partition(":") for d in body.split(";") if ":" in d))
        for selector in selectors.split(","):
            rules.setdefault(" ".join(selector.split()), {}).update(declarations)
    variables = {k: v for k, v in rules[":root"].items() if k.startswith("--")}
    for declarations in rules.values():
        for key, value in declarations.items():
            declarations[key] = re.sub(r"var\((--[\w-]+)\)", lambda m: variables[m.group(1)], value)
    return rules


RULES = _rules(report_html.CSS)


def _colour(selector: str, prop: str) -> str:
    value = RULES[selector][prop]
    return re.search(r"#[0-9a-fA-F]{3,6}\b", value).group(0)


# (what is read, its colour's selector, the background's selector) for every text colour the report sets
PAIRS = [
    ("body text", ("body", "color"), ("body", "background")),
    ("muted text", (":root", "--muted"), ("body", "background")),
    ("muted text on the table header", (":root", "--muted"), (":root", "--bg-soft")),
    ("not-applicable rows", ("tr.st-not_applicable", "color"), ("tr.st-not_applicable", "background")),
    ("muted text in not-applicable rows", (":root", "--muted"), ("tr.st-not_applicable", "background")),
    ("missing rows' empty cell", (":root", "--muted"), ("tr.st-missing", "background")),
    ("the alert's heading", ("section.alert h2", "color"), ("section.alert", "background")),
    ("inserted words", ("ins", "color"), ("ins", "background")),
    ("deleted words", ("del", "color"), ("del", "background")),
] + [(f"badge {status}", (".badge", "color"), (f".b-{status}", "background"))
     for status in ("identical", "notation", "modified", "missing", "not_applicable", "extra")]


@pytest.mark.parametrize("what, foreground, background", PAIRS, ids=[p[0] for p in PAIRS])
def test_every_text_colour_meets_wcag_aa(what, foreground, background):
    ratio = contrast(_colour(*foreground), _colour(*background))
    assert ratio >= 4.5, f"{what}: {ratio:.2f}:1"


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
def test_axe_finds_no_wcag_21_aa_violation_with_every_fold_open(tmp_path):
    """What the CSS pairs above cannot see (inherited colours, nesting) axe measures in the browser."""
    sync_api = pytest.importorskip("playwright.sync_api")
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    page_file = tmp_path / "report.html"
    page_file.write_bytes(report_html.render(sample_comparison()))
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
               "resultTypes": ["violations"]}
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            closed = page.evaluate("document.querySelectorAll('details:not([open])').length")
            height = page.evaluate("document.body.scrollHeight")
            page.click("tr.fold summary")
            assert page.evaluate("document.body.scrollHeight") > height  # a fold opens on a click
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            results = axe.Axe().run(page, options=options)
        finally:
            browser.close()
    assert closed >= 1
    assert results.violations_count == 0, results.generate_report()

"""The built site in Debian's chromium (Playwright, no browser download): loading, matrix, search, filters,
keyboard, no-JS reading and axe's WCAG 2.1 AA rules. Screenshots of each page type, on desktop and phone
widths, are saved to tests/artifacts/site/ (git-ignored) for people to look at."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policygen.publish.build import build_site
from site_helpers import CORPUS, ROOT

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "tests" / "artifacts" / "site"
PAGE_TYPES = {
    "matrix": "index.html",
    "body": "bodies/004_645209a511fff9bc/index.html",
    "revision": "bodies/003_07866c46755dc2bc/changes/1.html",
    "clause": "clauses/6.8.html",
    "search": "search.html",
}
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
           "resultTypes": ["violations"]}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser-site") / "out"
    build_site(CORPUS, out)
    return out


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed; .ci/run installs it")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Watched:
    """A page with its console errors and failed requests collected."""

    def __init__(self, page) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url}"))


@pytest.fixture
def open_page(browser, site):
    contexts = []

    def opener(path: str, *, size: str = "desktop", javascript: bool = True) -> Watched:
        context = browser.new_context(viewport=SIZES[size], java_script_enabled=javascript)
        contexts.append(context)
        watched = Watched(context.new_page())
        watched.page.goto((site / path).as_uri() if "?" not in path else (site.as_uri() + "/" + path))
        watched.page.wait_for_load_state("load")
        return watched

    yield opener
    for context in contexts:
        context.close()


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_each_page_type_loads_without_console_errors_and_is_photographed(open_page, kind, size):
    path = PAGE_TYPES[kind] + ("?q=クラウド" if kind == "search" else "")
    watched = open_page(path, size=size)
    if kind == "search":
        watched.page.wait_for_selector("#results li")
    assert watched.errors == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    watched.page.screenshot(path=str(ARTIFACTS / f"{kind}-{size}.png"), full_page=False)
    # Nothing wider than the screen except inside the scrolling regions.
    overflow = watched.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{kind} scrolls sideways by {overflow}px at {size} width"


def test_the_matrix_has_a_row_per_body_and_a_column_per_model_clause(open_page):
    page = open_page("index.html").page
    bodies = sorted(p.name for p in CORPUS.iterdir() if (p / "meta.yaml").is_file())
    assert page.locator("#matrix tbody tr.body-row").count() == len(bodies)
    assert page.locator("#matrix thead th.clause-h").count() == 47
    assert all(page.locator("#matrix tbody tr.body-row").nth(i).locator("td a").count() == 47 for i in range(len(bodies)))


def test_clicking_a_cell_opens_that_bodys_clause(open_page):
    watched = open_page("index.html")
    page = watched.page
    row = page.locator("#matrix tr.body-row", has_text="鎌倉市議会")
    column = page.locator("#matrix thead th.clause-h").all_inner_texts().index("4(1)")
    cell = row.locator("td a").nth(column)
    assert cell.inner_text() == "不足"
    assert cell.evaluate("a => getComputedStyle(a, '::before').content").startswith('"×"')
    cell.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("bodies/004_645209a511fff9bc/index.html#c-4.1")
    target = page.locator("tr:target")
    assert target.get_attribute("id") == "c-4.1"
    assert "不足" in target.inner_text()
    assert target.is_visible() and watched.errors == []


def test_a_search_for_a_phrase_of_one_seed_finds_it_and_nothing_else(open_page, site):
    phrase = "タブレット型端末機"  # only 鎌倉市議会's policy names its tablet usage standard
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in CORPUS.glob("*/[0-9][0-9][0-9]_*.txt")}
    assert [seed for seed, text in texts.items() if phrase in text] == ["004"]
    watched = open_page("search.html")
    page = watched.page
    page.fill("#q", phrase)
    page.press("#q", "Enter")
    page.wait_for_selector("#results li")
    results = page.locator("#results li a").all_inner_texts()
    assert results and all(r.startswith("鎌倉市議会 ") for r in results)
    assert all(phrase in t.replace(" ", "") for t in page.locator("#results li p").all_inner_texts())
    # A result opens the clause it names.
    page.locator("#results li a").first.click()
    page.wait_for_load_state("load")
    assert "/bodies/004_645209a511fff9bc/index.html#" in page.url
    assert phrase in page.locator(":target").inner_text().replace("\n", "")
    assert watched.errors == []


def test_search_finds_katakana_words_and_verifies_bigram_hits(open_page):
    page = open_page("search.html").page
    page.fill("#q", "クラウド")
    page.press("#q", "Enter")
    page.wait_for_selector("#results li")
    assert page.locator("#results li").count() > 0
    # ドウラク has the bigrams of nothing here in that order: the substring check drops bigram-only hits.
    page.fill("#q", "サービスクラウド利用")
    page.press("#q", "Enter")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('サービスクラウド利用')")
    assert page.locator("#results li").count() == 0
    assert ": 0件" in page.inner_text("#search-status")


def _search_results(browser, root: Path, query: str) -> list[str]:
    context = browser.new_context(viewport=SIZES["desktop"])
    try:
        watched = Watched(context.new_page())
        watched.page.goto((root / "search.html").as_uri())
        watched.page.fill("#q", query)
        watched.page.press("#q", "Enter")
        watched.page.wait_for_selector("#results li")
        assert watched.errors == []
        return watched.page.locator("#results li a").all_inner_texts()
    finally:
        context.close()


def test_search_over_an_index_in_several_slices_finds_what_one_slice_finds(browser, site, tmp_path):
    from policygen.publish import render

    sliced = tmp_path / "sliced"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "SEARCH_GROUP", 2)  # 5 bodies: slices of 000–001, 002–003 and 004
        build_site(CORPUS, sliced)
    assert sorted(p.name for p in (sliced / "assets" / "search").iterdir() if p.is_dir()) == ["g0", "g1", "g2"]
    whole = _search_results(browser, site, "クラウド")
    # クラウド is in the policies of 000, 001 and 004: hits come from the first and the last slice.
    assert {r.split(" ")[0] for r in whole} >= {"鎌倉市議会"} and len({r.split(" ")[0] for r in whole}) >= 3
    assert _search_results(browser, sliced, "クラウド") == whole


def _shown(page) -> list[str]:
    rows = page.locator("#matrix tbody tr.body-row")
    return [rows.nth(i).locator("th").inner_text() for i in range(rows.count()) if rows.nth(i).is_visible()]


def test_a_filter_changes_the_rows(open_page):
    page = open_page("index.html").page
    assert len(_shown(page)) == 5
    page.select_option("select[data-filter=kind]", "議会")
    assert _shown(page) == ["鎌倉市議会"]
    assert page.inner_text("#filter-count") == "1 / 5 団体を表示（全ページから）"
    page.select_option("select[data-filter=kind]", "")
    page.select_option("select[data-filter=edition]", "令和7年3月版")
    assert sorted(_shown(page)) == ["東京電子自治体共同運営協議会", "鳥栖地区広域市町村圏組合"]


def test_filters_find_the_bodies_of_every_matrix_page(browser, site, tmp_path, monkeypatch):
    from policygen.publish import render

    paged = tmp_path / "paged"
    shutil.copytree(site, paged)  # with its cache: nothing is recomputed
    monkeypatch.setattr(render, "MATRIX_ROWS", 2)
    build_site(CORPUS, paged)
    context = browser.new_context(viewport=SIZES["desktop"])
    try:
        watched = Watched(context.new_page())
        page = watched.page
        pages = {}
        for name in ("index.html", "matrix-2.html", "matrix-3.html"):
            page.goto((paged / name).as_uri())
            pages[name] = _shown(page)
        assert [len(rows) for rows in pages.values()] == [2, 2, 1]
        last = pages["matrix-3.html"][0]  # a body that page 1 does not hold
        page.goto((paged / "index.html").as_uri())
        kinds = page.locator("select[data-filter=kind] option").all_inner_texts()
        for kind in kinds[1:]:
            page.select_option("select[data-filter=kind]", kind)
            if last in _shown(page):
                break
        assert last in _shown(page) and last not in pages["index.html"]
        assert not page.locator("nav.pager").first.is_visible()  # one list from every page: no pages to turn
        page.locator("#matrix tbody tr.body-row", has_text=last).locator("td a").nth(10).click()
        page.wait_for_load_state("load")
        assert "/bodies/" in page.url and "#c-" in page.url
        page.goto((paged / "index.html").as_uri())
        page.select_option("select[data-filter=kind]", "")
        assert _shown(page) == pages["index.html"]
        assert watched.errors == []
    finally:
        context.close()


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_keyboard_navigation_reaches_every_control(open_page, kind):
    page = open_page(PAGE_TYPES[kind]).page
    controls = page.evaluate("""() => {
        const all = [...document.querySelectorAll('a[href], select, input, button, summary, [tabindex="0"]')];
        return all.filter(e => e.offsetParent !== null || e.getClientRects().length).map((e, i) => {
            e.dataset.k = String(i); return String(i); });
    }""")
    reached = set()
    for _ in range(len(controls) + 5):
        page.keyboard.press("Tab")
        key = page.evaluate("document.activeElement && document.activeElement.dataset.k")
        if key is not None:
            reached.add(key)
    missing = sorted(set(controls) - reached, key=int)
    assert not missing, f"{len(missing)} of {len(controls)} controls not reached by Tab on {kind}"


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_axe_reports_no_wcag_21_aa_violation(open_page, kind):
    from axe_playwright_python.sync_playwright import Axe

    path = PAGE_TYPES[kind] + ("?q=クラウド" if kind == "search" else "")
    page = open_page(path).page
    if kind == "search":
        page.wait_for_selector("#results li")
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_everything_but_search_and_filters_reads_without_javascript(open_page):
    page = open_page("index.html", javascript=False).page
    assert page.locator("#matrix tbody tr.body-row").count() == 5
    assert not page.locator("#filters").is_visible()  # filters need scripts: hidden, not broken
    body = open_page(PAGE_TYPES["body"], javascript=False).page
    assert body.locator("#c-4\\.1").is_visible()
    search = open_page("search.html", javascript=False).page
    assert "JavaScript が必要です" in search.inner_text("main")


def test_print_uses_underlines_for_edits_and_landscape_for_tables(open_page, tmp_path):
    page = open_page(PAGE_TYPES["body"]).page
    page.emulate_media(media="print")
    styles = page.evaluate("""() => {
        const ins = document.querySelector('ins'); const del = document.querySelector('del');
        const s = e => getComputedStyle(e);
        return {ins: s(ins).textDecorationLine, insBg: s(ins).backgroundColor, del: s(del).textDecorationLine,
                nav: s(document.querySelector('header.site nav')).display,
                page: s(document.querySelector('table.side-by-side')).page};
    }""")
    assert styles["ins"] == "underline" and styles["del"] == "line-through"
    assert styles["insBg"] in ("rgba(0, 0, 0, 0)", "transparent")
    assert styles["nav"] == "none" and styles["page"] == "wide"
    pdf = tmp_path / "body.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    assert pdf.stat().st_size > 10_000

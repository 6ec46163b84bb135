"""The HTML report: a standalone, well-formed page with missing clauses first and everything escaped."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from policygen.writers.report import html as report_html
from report_sample import SCRIPT, identical_comparison, sample_comparison

VOID = {"meta", "br", "col", "img", "link", "input", "hr"}


class Page(HTMLParser):
    """Record the tags, their attributes and the text inside each element, checking that tags nest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.errors: list[str] = []
        self.text_in: dict[str, list[str]] = {}
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.texts.append(data)
        for tag in set(self.stack):
            self.text_in.setdefault(tag, []).append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def html():
    return report_html.render(sample_comparison()).decode("utf-8")


@pytest.fixture(scope="module")
def page(html):
    return parse(html)


def test_well_formed(page):
    assert page.errors == []
    assert page.stack == []


def test_lxml_reads_one_page_in_japanese(html):
    import lxml.html

    root = lxml.html.document_fromstring(html.encode("utf-8"))
    assert root.get("lang") == "ja"
    assert root.xpath("//meta/@charset") == ["utf-8"]
    assert len(root.xpath("//tbody/tr[starts-with(@id, 'c-')]")) == len(sample_comparison().clauses)


def test_standalone_no_external_resources(page, html):
    names = [t for t, _ in page.tags]
    assert "script" not in names and "link" not in names and "img" not in names
    for _, attrs in page.tags:
        for key in ("src", "href"):
            value = attrs.get(key)
            assert value is None or value.startswith("#"), value
    assert "url(" not in html and "@import" not in html
    assert "Noto Sans CJK JP" in html and "Hiragino" in html


def test_missing_called_out_before_clause_rows(page):
    sections = [(a.get("id"), a.get("class")) for t, a in page.tags if t == "section"]
    assert sections[0] == ("missing", "alert")
    order = [a.get("id") for t, a in page.tags if a.get("id")]
    assert order.index("missing") < order.index("clauses") < order.index("c-1")
    links = [a["href"] for t, a in page.tags if t == "a"]
    assert links == ["#c-6.8.3", "#c-6.9"]  # applicable missing only, model order


def test_no_missing_says_so():
    page = parse(report_html.render(identical_comparison()).decode("utf-8"))
    first = next(a for t, a in page.tags if t == "section")
    assert first == {"class": "ok", "id": "missing"}


def test_escapes_markup_in_clause_text(page, html):
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;引用&quot;" in html
    assert SCRIPT in "".join(page.text_in["ins"])  # the inserted wording, shown as text
    assert "議員の責務 | 追加" in "".join(page.texts)


def test_insertions_deletions_and_quiet_notation(page):
    deleted = page.text_in["del"]
    inserted = page.text_in["ins"]
    assert "、サービス不能攻撃" in deleted and "これらに関する設備、" in deleted
    assert "の意図的な要因による" in inserted
    notes = [a for t, a in page.tags if t == "span" and a.get("class") == "nt"]
    titles = {a["title"] for a in notes}
    assert "モデルの表記: ハードウエア" in titles and "文書の表記: ハードウェア" in titles
    # A notation edit is never shown as an insertion or a deletion.
    assert not any("ハードウ" in t for t in deleted + inserted)


def test_rows_carry_status_badges_and_similarity(page):
    rows = {a["id"]: a["class"] for t, a in page.tags if t == "tr" and a.get("id")}
    assert rows["c-6.8.3"].startswith("st-missing")
    assert rows["c-6.3"].startswith("st-not_applicable")
    assert rows["c-3.1"].startswith("st-modified")
    badges = [a["class"] for t, a in page.tags if t == "span" and "badge" in a.get("class", "")]
    assert "badge b-not_applicable" in badges and "badge b-notation" in badges
    assert "文書 3(1)（61%）" in "".join(page.texts)


def test_deterministic():
    assert report_html.render(sample_comparison()) == report_html.render(sample_comparison())


@pytest.mark.browser
def test_chromium_renders_the_page(tmp_path):
    """Render the sample page in headless Chromium: the DOM survives and a non-blank screenshot exists."""
    import shutil
    import subprocess

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        pytest.skip("chromium not installed (apt-get install -y chromium)")
    page = tmp_path / "report.html"
    page.write_bytes(report_html.render(sample_comparison()))
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run",
             f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1600"]
    shot = tmp_path / "shot.png"
    subprocess.run([*flags, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120, check=False)
    dom = subprocess.run([*flags, "--dump-dom", page.as_uri()], capture_output=True, timeout=120, check=False)
    text = dom.stdout.decode("utf-8")
    assert 'id="missing"' in text and "&lt;script&gt;alert" in text and "<script>" not in text
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 50_000  # a blank page compresses to a few kB

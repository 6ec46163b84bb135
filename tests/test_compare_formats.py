"""The same seed policy compared from .txt, .docx, PDF and 例規集 HTML gives the same per-clause result.

Statuses are not hard-coded: the text original is the reference, so the test stays valid while the
engine's accuracy is tuned. Each representation is built here from the seed text: .docx with
python-docx (seed 004's Markdown headings as Word Heading styles), PDF by LibreOffice from that .docx
with a running header and a page-number footer, and 例規集 HTML both line by line from the text and
clause by clause from the parsed Document.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from make_inputs import docx_to_pdf, pdf_to_text, soffice_available, text_to_docx
from make_reiki_html import document_to_reiki_html, text_to_reiki_html

from policygen.compare.with_model import compare_file
from policygen.model import Comparison

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEEDS = sorted(p.name for p in CORPUS.iterdir() if (p / f"{p.name}.txt").is_file())
HEADER = "情報セキュリティ基本方針（試験用ヘッダー）"
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})[ \t]+")


def seed_text(seed: str) -> str:
    """Return a seed policy's text as stored (seeds are data: read, never written)."""
    return (CORPUS / seed / f"{seed}.txt").read_text(encoding="utf-8")


def seed_kind(seed: str) -> str:
    """Return the kind of body the seed is compared as (from its expected-coverage.json)."""
    return json.loads((CORPUS / seed / "expected-coverage.json").read_text(encoding="utf-8"))["kind"]


def signature(comparison: Comparison) -> dict[str, tuple[str, bool]]:
    """Return model clause ID → (status, applicable): what must not depend on the file format."""
    return {r.model_id: (r.status, r.applicable) for r in comparison.clauses}


def differences(reference: Comparison, other: Comparison) -> list[str]:
    """Describe every clause whose status or applicability differs, with both compared texts."""
    mine = {r.model_id: r for r in other.clauses}
    lines = []
    for result in reference.clauses:
        theirs = mine.get(result.model_id)
        if theirs is None:
            lines.append(f"{result.model_id}: absent from the result")
        elif (theirs.status, theirs.applicable) != (result.status, result.applicable):
            lines.append(
                f"{result.model_id}: {result.status} → {theirs.status}\n"
                f"    reference: {result.org_text[:120]!r}\n    this form: {theirs.org_text[:120]!r}"
            )
    return lines


def docx_with_headings(text: str, path: Path, **layout) -> Path:
    """Write the text as .docx; Markdown heading lines become Word Heading 1–3 paragraphs without the #'s."""
    import docx

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    levels = [len(m.group(1)) if (m := _MARKDOWN_HEADING.match(line)) else 0 for line in lines]
    plain = "\n".join(_MARKDOWN_HEADING.sub("", line) for line in lines)
    text_to_docx(plain, path, **layout)
    if any(levels):
        document = docx.Document(str(path))
        paragraphs = document.paragraphs
        assert len(paragraphs) == len(lines), "text_to_docx wrote one paragraph per non-empty line"
        for paragraph, level in zip(paragraphs, levels):
            if level:
                # Title for the document title, Heading 1.. below it: as a clerk would style it.
                paragraph.style = document.styles["Title" if level == 1 else f"Heading {level - 1}"]
        document.save(str(path))
    return path


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("formats")


@pytest.fixture(scope="module")
def text_results() -> dict[str, Comparison]:
    return {seed: compare_file(CORPUS / seed / f"{seed}.txt", kind=seed_kind(seed)) for seed in SEEDS}


@pytest.fixture(scope="module")
def docx_files(workdir: Path) -> dict[str, Path]:
    """Each seed as .docx with a running header and a page-number footer (the PDF is made from it)."""
    return {
        seed: docx_with_headings(seed_text(seed), workdir / f"{seed}.docx", header=HEADER, page_numbers=True)
        for seed in SEEDS
    }


@pytest.fixture(scope="module")
def pdf_files(docx_files: dict[str, Path], workdir: Path) -> dict[str, Path]:
    """One LibreOffice conversion per seed, two at a time (each call has its own LibreOffice profile)."""
    if not soffice_available():
        pytest.skip("LibreOffice (soffice) is not installed")
    with ThreadPoolExecutor(max_workers=2) as pool:
        pdfs = pool.map(lambda seed: docx_to_pdf(docx_files[seed], workdir / f"pdf-{seed}"), SEEDS)
        return dict(zip(SEEDS, pdfs))


@pytest.fixture(scope="module")
def html_files(text_results: dict[str, Comparison], workdir: Path) -> dict[tuple[str, str], Path]:
    files = {}
    for seed in SEEDS:
        for how, page in (
            ("lines", text_to_reiki_html(seed_text(seed))),
            ("clauses", document_to_reiki_html(text_results[seed].document)),
        ):
            path = workdir / f"{seed}-{how}.html"
            path.write_text(page, encoding="utf-8")
            files[(seed, how)] = path
    return files


def _assert_same(reference: Comparison, other: Comparison, what: str) -> None:
    assert other.kind == reference.kind
    diff = differences(reference, other)
    assert not diff, f"{what}: {len(diff)} clause(s) differ from the .txt original:\n" + "\n".join(diff)
    assert signature(other) == signature(reference)
    missing = {r.model_id for r in reference.clauses if r.status == "missing"}
    assert {r.model_id for r in other.clauses if r.status == "missing"} == missing


def test_reference_is_not_trivial(text_results):
    """Every seed has present clauses to compare, so equal signatures mean something."""
    for seed, result in text_results.items():
        present = [r for r in result.clauses if r.status != "missing"]
        assert len(present) >= 8, f"{seed}: only {len(present)} clauses found in the text"


@pytest.mark.parametrize("seed", SEEDS)
def test_docx_gives_same_statuses(seed, text_results, docx_files):
    _assert_same(text_results[seed], compare_file(docx_files[seed], kind=seed_kind(seed)), f"{seed}.docx")


@pytest.mark.parametrize("seed", SEEDS)
def test_pdf_gives_same_statuses(seed, text_results, pdf_files):
    assert HEADER in pdf_to_text(pdf_files[seed]).replace(" ", ""), "the PDF shows the running header"
    _assert_same(text_results[seed], compare_file(pdf_files[seed], kind=seed_kind(seed)), f"{seed}.pdf")


@pytest.mark.parametrize("how", ["lines", "clauses"])
@pytest.mark.parametrize("seed", SEEDS)
def test_reiki_html_gives_same_statuses(seed, how, text_results, html_files):
    path = html_files[(seed, how)]
    _assert_same(text_results[seed], compare_file(path, kind=seed_kind(seed)), f"{path.name}")


def test_a_changed_clause_is_told_apart(text_results, workdir):
    """Control: the same check flags an HTML page whose one definition lost its body."""
    seed = next(s for s in SEEDS if s.startswith("001"))
    text = seed_text(seed).replace("情報資産の機密性、完全性及び可用性を維持することをいう。", "", 1)
    path = workdir / "changed.html"
    path.write_text(text_to_reiki_html(text), encoding="utf-8")
    other = compare_file(path, kind=seed_kind(seed))
    assert differences(text_results[seed], other)


def test_markdown_seed_docx_has_word_headings(docx_files):
    """Seed 004's headings are real Word Heading styles with no '#' left in the text."""
    import docx

    seed = next(s for s in SEEDS if s.startswith("004"))
    paragraphs = docx.Document(str(docx_files[seed])).paragraphs
    styled = [p for p in paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert len(styled) >= 10
    assert not any(p.text.startswith("#") for p in paragraphs)


def test_pdf_has_page_numbers(pdf_files):
    """The footer's page numbers are printed (so the PDF reader really has to drop them)."""
    text = pdf_to_text(pdf_files[SEEDS[1]])
    assert re.search(r"^\s*-\s*2\s*-\s*$", text, re.MULTILINE), text[-400:]

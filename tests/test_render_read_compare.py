"""Reading our own output: every kind of body × both styles × .md and .docx, init → render → read → compare.

A body that adopts the model for its kind word for word is identical clause by clause; a draft diffed
against itself has no change; the numbered and the article rendering of one profile differ only in
numbering and notation.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from policygen.compare.with_model import compare_with_model
from policygen.generate.profile import load_profile, starter_yaml
from policygen.generate.template import render
from policygen.readers import read_path
from policygen.revise.versions import compare_revisions
from policygen.writers import write

# Every kind `init` writes, joint bodies and councils by their subkinds.
BODIES = [
    ("prefecture", ""), ("city", ""), ("special_ward", ""), ("town", ""), ("village", ""),
    ("council", "city"), ("council", "town"),
    ("joint_body", "union"), ("joint_body", "regional_union"), ("joint_body", "consultative_council"),
]  # fmt: skip
STYLES = ("numbered", "article")
FORMATS = ("md", "docx")


@functools.lru_cache(maxsize=None)
def _starter(folder: str, kind: str, subkind: str, toc: bool) -> Path:
    path = Path(folder) / f"{kind}-{subkind or 'plain'}-{'toc' if toc else 'plain'}.yaml"
    text = starter_yaml(kind, subkind)
    if toc:
        text = text.replace("toc: false", "toc: true")
    path.write_text(text, encoding="utf-8")
    return path


def _rendered(tmp: Path, kind: str, subkind: str, style: str, fmt: str, toc: bool = True) -> Path:
    profile = load_profile(_starter(str(tmp), kind, subkind, toc))
    path = tmp / f"{kind}-{subkind}-{style}-{'toc' if toc else 'plain'}.{fmt}"
    if not path.exists():
        path.write_bytes(write(render(profile, style=style), fmt))
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("own-output")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("kind, subkind", BODIES)
def test_a_pristine_draft_compares_identical_for_its_kind(folder, kind, subkind, style, fmt):
    path = _rendered(folder, kind, subkind, style, fmt)
    document = read_path(path)
    comparison = compare_with_model(document, path=str(path))
    assert comparison.kind == kind
    off = [(c.model_id, c.status) for c in comparison.clauses if c.applicable and c.status != "identical"]
    assert off == []
    assert [(e.label, e.text[:30]) for e in comparison.extra] == []
    assert not [n for n in document.notices if n.code == "structure.orphan-items"]


@pytest.mark.parametrize("style", STYLES)
def test_the_compare_command_exits_0_on_a_pristine_draft(folder, style, capsys):
    from policygen.cli import main

    path = _rendered(folder, "town", "", style, "docx")
    assert main(["compare", str(path)]) == 0


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("kind, subkind", BODIES[::3])
def test_read_skips_every_toc_the_writers_produce(folder, kind, subkind, style, fmt):
    with_toc = read_path(_rendered(folder, kind, subkind, style, fmt, toc=True))
    without = read_path(_rendered(folder, kind, subkind, style, fmt, toc=False))
    shape = lambda d: [(c.label, c.heading, c.text) for c in d.walk()]  # noqa: E731
    assert shape(with_toc) == shape(without)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("kind, subkind", BODIES[::3])
def test_a_draft_diffed_against_itself_has_no_change(folder, kind, subkind, style, fmt):
    document = read_path(_rendered(folder, kind, subkind, style, fmt))
    revision = compare_revisions(document, document)
    assert {p.status for p in revision.pairs} == {"unchanged"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind, subkind", BODIES[::3])
def test_numbered_and_article_drafts_differ_only_in_numbering_and_notation(folder, kind, subkind, fmt):
    numbered = read_path(_rendered(folder, kind, subkind, "numbered", fmt))
    article = read_path(_rendered(folder, kind, subkind, "article", fmt))
    revision = compare_revisions(numbered, article)
    statuses = {p.status for p in revision.pairs}
    assert statuses <= {"unchanged", "renumbered", "notation"}, [
        (p.status, p.old.label if p.old else "", p.new.label if p.new else "") for p in revision.pairs
        if p.status not in ("unchanged", "renumbered", "notation")]


def test_a_starter_placeholder_name_survives_reading(folder):
    document = read_path(_rendered(folder, "town", "", "numbered", "docx"))
    assert document.title == "○○町情報セキュリティ基本方針"
    assert document.meta.get("org_name") == "○○町"

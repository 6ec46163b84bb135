"""The clause tree `policygen read` prints for each corpus document, against a reviewed golden file.

A change in reading shows up here as a diff of the outline. When it is intended, rewrite the goldens with
`python -m pytest tests/test_read_goldens.py --update-goldens`, read the diff against the source texts,
and commit them with the change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policygen.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted((ROOT / "corpus").glob("*/*.txt"))
GOLDENS = Path(__file__).resolve().parent / "goldens" / "read-tree"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.stem[:3])
def test_tree_matches_its_golden(document, capsys, update_goldens):
    status = main(["read", str(document)])
    tree = capsys.readouterr().out
    assert status == 0
    golden = GOLDENS / f"{document.stem}.tree"
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(tree, encoding="utf-8")
        return
    assert golden.exists(), f"{golden.name} is missing: run pytest with --update-goldens and review it"
    assert tree == golden.read_text(encoding="utf-8")


def test_every_corpus_document_has_a_golden_and_no_golden_is_stale():
    assert DOCUMENTS, "no corpus documents found"
    assert sorted(p.stem for p in GOLDENS.glob("*.tree")) == [p.stem for p in DOCUMENTS]

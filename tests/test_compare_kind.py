"""The kind of body is guessed from the document when --kind is not given."""

import json
from pathlib import Path

import pytest

from policygen.compare.with_model import guess_kind
from policygen.model import Document
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

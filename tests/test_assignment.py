"""The pure-Python assignment gives SciPy's pairs exactly, ties included, so results do not depend on size."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from scipy.optimize import linear_sum_assignment

from policygen.compare import assignment
from revision_cases import seed_path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def scipy_pairs(matrix):
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols)]


@pytest.mark.parametrize("values", ["random", "few", "rounded", "constant"])
def test_same_pairs_as_scipy_on_square_wide_and_tall_matrices(values):
    rng = random.Random(values)
    draw = {
        "random": rng.random,
        "few": lambda: rng.choice([0.0, 0.25, 0.5, 1.0]),  # many ties
        "rounded": lambda: round(rng.random(), 1),
        "constant": lambda: 0.5,
    }[values]
    for _ in range(300):
        rows, cols = rng.randint(1, 14), rng.randint(1, 14)
        matrix = [[draw() for _ in range(cols)] for _ in range(rows)]
        assert assignment._augmenting_paths(matrix) == scipy_pairs(matrix), matrix


def test_same_pairs_as_scipy_on_compare_scores():
    from policygen.compare.align import Scorer, score_matrix, units
    from policygen.compare.model_side import model_side
    from policygen.compare.features import featurizer as _featurizer, org_names
    from policygen.readers import read_path

    for path in sorted(CORPUS.glob("*/[0-9][0-9][0-9]_*.txt")):
        document = read_path(path)
        left = list(model_side().units)
        right = units(document, _featurizer(org_names(document)))
        scores = score_matrix(Scorer(left, right), left, right).scores
        assert assignment._augmenting_paths(scores) == scipy_pairs(scores), path.name


def test_large_matrices_go_to_scipy_and_agree(monkeypatch):
    rng = random.Random(7)
    matrix = [[round(rng.random(), 2) for _ in range(30)] for _ in range(25)]
    small = assignment.maximize(matrix)
    monkeypatch.setattr(assignment, "SMALL", 10)
    assert assignment.maximize(matrix) == small == scipy_pairs(matrix)


def test_empty_matrix_has_no_pairs():
    assert assignment.maximize([]) == []
    assert assignment.maximize([[]]) == []


def test_model_side_is_prepared_once_and_compare_repeats_exactly():
    from policygen.compare.model_side import model_side
    from policygen.compare.with_model import compare_document
    from policygen.readers import read_path

    document = read_path(seed_path("003"))
    first = compare_document(document)
    assert model_side() is model_side()
    assert compare_document(document) == first

"""The one longest increasing subsequence: most items, then most weight, ties to the earliest."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given
from hypothesis import strategies as st

from policygen.revise.increasing import longest_increasing

ITEMS = st.lists(st.tuples(st.integers(0, 9), st.integers(0, 4)), max_size=9)


def _increasing(items, indexes) -> bool:
    return all(items[a][0] < items[b][0] for a, b in zip(indexes, indexes[1:]))


def _best_by_search(items) -> tuple[int, int]:
    """Return the (items, weight) of the best strictly increasing subsequence, by trying every one."""
    best = (0, 0)
    for size in range(len(items) + 1):
        for indexes in combinations(range(len(items)), size):
            if _increasing(items, indexes):
                best = max(best, (size, sum(items[i][1] for i in indexes)))
    return best


@given(ITEMS)
def test_the_kept_subsequence_is_increasing_and_best(items):
    kept = longest_increasing(items)
    assert kept == sorted(kept)
    assert _increasing(items, kept)
    assert (len(kept), sum(items[i][1] for i in kept)) == _best_by_search(items)


def test_ties_go_to_the_earliest():
    # Two items out of order, equal weight: the first stays.
    assert longest_increasing([(1, 0), (0, 0)]) == [0]
    # Weight decides before order does.
    assert longest_increasing([(1, 0), (0, 5)]) == [1]
    # Equal chains 0<2 and 1<2: the end links to the earliest predecessor.
    assert longest_increasing([(0, 1), (1, 1), (2, 1)]) == [0, 1, 2]
    assert longest_increasing([(1, 1), (0, 1), (2, 1)]) == [0, 2]
    assert longest_increasing([]) == []


def test_equal_positions_do_not_both_stay():
    assert longest_increasing([(3, 1), (3, 1), (3, 1)]) == [0]

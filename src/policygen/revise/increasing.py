"""The longest increasing subsequence, in n·log n: what keeps its order between two versions.

One rule for every caller (the clauses that stayed among their siblings, the paragraphs of the text with
tracked changes, the unchanged clauses that anchor a diff): the subsequence of strictly increasing
positions with the most items, then the most weight; among equals, the one that ends earliest, each item
linked to the earliest predecessor that gives it its length and weight.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Sequence

# A chain's rank: (items, weight, -index of its last item); the largest wins, so ties go to the earliest.
_Rank = tuple[int, int, int]
_NONE: _Rank = (0, 0, 1)


def longest_increasing(items: Sequence[tuple[int, int]]) -> list[int]:
    """Return the indexes, ascending, of the kept subsequence of (position, weight) items (see the module)."""
    if not items:
        return []
    positions = sorted({position for position, _ in items})
    # A Fenwick tree over position ranks holding the best chain ending below each rank: prefix maxima.
    tree: list[_Rank] = [_NONE] * (len(positions) + 1)
    best: list[_Rank] = []
    previous: list[int] = []
    for index, (position, weight) in enumerate(items):
        rank = bisect_left(positions, position)  # chains ending at a smaller position: ranks < rank
        before = _NONE
        k = rank
        while k > 0:
            before = max(before, tree[k])
            k -= k & -k
        length, total, link = before
        chain = (length + 1, total + weight, -index)
        best.append(chain)
        previous.append(-link if length else -1)
        k = rank + 1
        while k < len(tree):
            tree[k] = max(tree[k], chain)
            k += k & -k
    end = -max(best)[2]
    kept = []
    while end != -1:
        kept.append(end)
        end = previous[end]
    return kept[::-1]


__all__ = ["longest_increasing"]

"""Optimal one-to-one assignment of a score matrix, without importing SciPy for small problems.

Importing `scipy.optimize` costs about half a second, several times a small alignment (the model has 47
clauses). Small matrices are solved here by shortest augmenting paths (Crouse, 2016), visiting rows,
columns and ties in the same order as SciPy's `linear_sum_assignment` so that both give the same
answer, ties included; large ones go to SciPy, whose compiled loop is then worth its import.
"""

from __future__ import annotations

import math
from typing import Sequence

# Matrices with more cells than this go to SciPy; below it the pure-Python solver is the faster of the
# two once SciPy's import is counted (bench/bench_assignment.py measures both).
SMALL = 20_000


def maximize(scores: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Return the (row, column) pairs of a one-to-one assignment with the largest total score."""
    rows = len(scores)
    cols = len(scores[0]) if rows else 0
    if not rows or not cols:
        return []
    if rows * cols > SMALL:
        return _scipy(scores)
    return _augmenting_paths(scores)


def _scipy(scores: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Return SciPy's assignment (heavy import: only for large matrices)."""
    from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

    rows, cols = linear_sum_assignment(scores, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols)]


def _augmenting_paths(scores: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Return the maximum assignment by shortest augmenting paths, in row order."""
    rows, cols = len(scores), len(scores[0])
    transposed = cols < rows
    if transposed:  # the method assigns every row: give it the shorter side as rows
        cost = [[-scores[i][j] for i in range(rows)] for j in range(cols)]
        rows, cols = cols, rows
    else:
        cost = [[-s for s in row] for row in scores]
    u = [0.0] * rows
    v = [0.0] * cols
    col_of_row = [-1] * rows
    row_of_col = [-1] * cols
    path = [-1] * cols
    for current in range(rows):
        sink, low, shortest, seen_rows, seen_cols = _shortest_path(cost, u, v, row_of_col, path, current)
        # Update the dual variables so that reduced costs stay non-negative.
        u[current] += low
        for i in seen_rows:
            if i != current:
                u[i] += low - shortest[col_of_row[i]]
        for j in seen_cols:
            v[j] -= low - shortest[j]
        # Flip the path's edges: every row on it takes the column it was reached through.
        j = sink
        while True:
            i = path[j]
            row_of_col[j] = i
            col_of_row[i], j = j, col_of_row[i]
            if i == current:
                break
    if transposed:
        return sorted((col_of_row[j], j) for j in range(rows))
    return list(enumerate(col_of_row))


def _shortest_path(cost, u, v, row_of_col, path, start):
    """Return the free column reached from `start` by the cheapest alternating path, and its costs."""
    cols = len(v)
    shortest = [math.inf] * cols
    # Reverse order, so that a constant matrix is solved by the identity (as SciPy does).
    remaining = list(range(cols - 1, -1, -1))
    seen_rows: list[int] = []
    seen_cols: list[int] = []
    low_so_far = 0.0
    i = start
    while True:
        seen_rows.append(i)
        row, ui = cost[i], u[i]
        index, low = -1, math.inf
        for position, j in enumerate(remaining):
            r = low_so_far + row[j] - ui - v[j]
            if r < shortest[j]:
                path[j] = i
                shortest[j] = r
            # Among equally cheap columns prefer a free one: it ends the path.
            if shortest[j] < low or (shortest[j] == low and row_of_col[j] == -1):
                low, index = shortest[j], position
        low_so_far = low
        j = remaining[index]
        seen_cols.append(j)
        remaining[index] = remaining[-1]
        remaining.pop()
        if row_of_col[j] == -1:
            return j, low, shortest, seen_rows, seen_cols
        i = row_of_col[j]

"""Anchor the clauses a revision left alone, so that only the stretches between them are scored pair by pair.

As patience diff anchors the lines that occur once on each side, a clause whose content as the scorer
sees it (its heading's keys and its bag of features) occurs exactly once in each version is paired with
its twin straight away: no other pair could score higher. The twins that keep their order (the longest
increasing run, increasing.py) cut both versions into stretches; only clauses of the same stretch are
scored against each other. Twins out of order stay paired too, and the move detection sees them moved.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Hashable, Sequence

from policygen.compare.align import Unit
from policygen.revise.increasing import longest_increasing


@dataclass(frozen=True)
class Plan:
    """Twins paired by content alone, and the stretches of the other clauses between ordered twins."""

    twins: tuple[tuple[int, int], ...]  # (old index, new index) of every twin pair
    stretches: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]  # (old indexes, new indexes) in order


def content_key(unit: Unit) -> Hashable | None:
    """Return what the scorer sees of a unit, or None when it has nothing to score (no content features)."""
    if not unit.features:
        return None
    return unit.heading_keys, frozenset(unit.features.items())


def plan(old_units: Sequence[Unit], new_units: Sequence[Unit]) -> Plan:
    """Pair the twins and cut the rest of both versions into stretches between the twins kept in order."""
    old_keys = [content_key(u) for u in old_units]
    new_keys = [content_key(u) for u in new_units]
    old_count = Counter(k for k in old_keys if k is not None)
    new_count = Counter(k for k in new_keys if k is not None)
    unique_old = {k: i for i, k in enumerate(old_keys) if k is not None and old_count[k] == 1}
    twins = tuple(
        (unique_old[k], j) for j, k in enumerate(new_keys) if k in unique_old and new_count[k] == 1
    )  # in new order
    # Every anchor counts alike: the most clauses kept in order (ties to the earliest, increasing.py).
    anchors = [twins[i] for i in longest_increasing([(o, 1) for o, _ in twins])]
    paired_old = {o for o, _ in twins}
    paired_new = {n for _, n in twins}
    stretches = []
    start_old = start_new = 0
    for end_old, end_new in [*anchors, (len(old_units), len(new_units))]:
        olds = tuple(i for i in range(start_old, end_old) if i not in paired_old)
        news = tuple(j for j in range(start_new, end_new) if j not in paired_new)
        if olds or news:
            stretches.append((olds, news))
        start_old, start_new = end_old + 1, end_new + 1
    return Plan(twins=tuple(sorted(twins)), stretches=tuple(stretches))


__all__ = ["Plan", "content_key", "plan"]

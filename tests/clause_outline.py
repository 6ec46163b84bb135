"""A clause tree as (indented label, heading, text) rows: what the readers' tests compare."""

from __future__ import annotations


def outline(clauses, depth: int = 0) -> list[tuple[str, str, str]]:
    """Return one row per clause, depth first; the label is indented two spaces a level."""
    rows = []
    for clause in clauses:
        rows.append(("  " * depth + clause.label, clause.heading, clause.text))
        rows += outline(clause.children, depth + 1)
    return rows

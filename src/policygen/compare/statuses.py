"""The status rules of a comparison: a status agrees with its similarity, parents follow their children."""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from policygen.model import ClauseResult, ComparisonStatus, Match

# Statuses that do not say the document covers the clause.
NOT_COVERED = frozenset({"missing", "uncertain"})

# Below this similarity a match found by key phrases shares almost nothing with the model clause's
# wording: a phrase in the body of a clause outside the place the structure gives it is then weak
# evidence (ウイルス named in a page's lead, 不正アクセス in the definition of a firewall), and the result
# is `uncertain`, for a person to look at. Set between the strongest such false match (8.1%) and the
# weakest true one (8.6%) over the bundled and development sets; phrases in the clause's heading or in
# its parent's section are never weak.
UNCERTAIN_BELOW = 0.085

# Highest similarity shown beside a clause that differs in substance: 100% would say "the same".
MODIFIED_AT_MOST = 0.99


def settle(
    status: ComparisonStatus, matches: tuple[Match, ...], *, strong: bool
) -> tuple[ComparisonStatus, tuple[Match, ...]]:
    """Return a result's status and matches made consistent with each other.

    Identical text is shown as 100% similar; text that differs is never shown as 100%; a match found
    only by a phrase in the body of a clause that shares next to nothing with the model is uncertain.
    """
    if not matches:
        return status, matches
    first = matches[0]
    if status == "identical":
        return status, matches if first.similarity == 1.0 else (replace(first, similarity=1.0), *matches[1:])
    if first.basis == "signals" and not strong and first.similarity < UNCERTAIN_BELOW:
        return "uncertain", matches
    if status in ("modified", "notation") and first.similarity > MODIFIED_AT_MOST:
        return status, (replace(first, similarity=MODIFIED_AT_MOST), *matches[1:])
    return status, matches


def cover_parents(
    results: Sequence[ClauseResult], parents: dict[str, str | None], keep: frozenset[str] | set[str] = frozenset()
) -> list[ClauseResult]:
    """Return the results with every uncovered parent covered by its covered children.

    A model section (4 適用範囲, 6(8) 業務委託) is in the document when any of its items is: its matches
    are then the document clauses those items matched, found by structure ("children"), and it is
    `modified`, as it is not in the model's own words. The clauses in `keep` (a reviewer's decisions)
    stay as they are.
    """
    by_id = {r.model_id: r for r in results}
    children: dict[str, list[str]] = {}
    for key, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(key)

    def settle_parent(key: str) -> ClauseResult:
        result = by_id[key]
        kids = [settle_parent(k) for k in children.get(key, ()) if k in by_id]
        if result.status not in NOT_COVERED or key in keep:
            return result
        covered = [k for k in kids if k.status not in NOT_COVERED]
        if not covered:
            return result
        paths: dict[str, Match] = {}
        for kid in covered:
            for match in kid.matches:
                paths.setdefault(match.path, replace(match, basis="children"))
        by_id[key] = replace(result, status="modified", matches=tuple(paths.values()))
        return by_id[key]

    for key in [k for k, p in parents.items() if p is None]:
        settle_parent(key)
    return [by_id[r.model_id] for r in results]

"""Write a Revision as changes.json: every clause pair with its status, labels, similarity and edits."""

from __future__ import annotations

import json

from policygen.model import REVISION_STATUSES, Clause, Revision, RevisionPair

FORMAT_VERSION = 1


def changes_json(revision: Revision) -> str:
    """Return the revision as deterministic, human-readable JSON (UTF-8 text, no ASCII escapes)."""
    summary = {status: 0 for status in REVISION_STATUSES}
    for pair in revision.pairs:
        summary[pair.status] += 1
    data = {
        "format": "policygen-changes",
        "version": FORMAT_VERSION,
        "old": {"path": revision.old_path, "title": revision.old.title},
        "new": {"path": revision.new_path, "title": revision.new.title},
        "changed": revision.changed(),
        "summary": summary,
        "pairs": [_pair(pair) for pair in revision.pairs],
        "notices": [
            {"code": n.code, "level": n.level, "message": n.message, "source": n.source} for n in revision.notices
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _pair(pair: RevisionPair) -> dict[str, object]:
    """Return one pair as a JSON object; "modified" says whether a moved clause was reworded too."""
    clause = pair.new or pair.old
    out: dict[str, object] = {
        "status": pair.status,
        "old_path": _field(pair.old, "id"),
        "new_path": _field(pair.new, "id"),
        "old_label": _field(pair.old, "label"),
        "new_label": _field(pair.new, "label"),
        "heading": clause.heading if clause else "",
        "similarity": pair.similarity,
    }
    if pair.status == "moved":
        out["modified"] = any(e.substantive for e in pair.edits)
    if pair.related is not None:
        out["merged_into" if pair.status == "removed" else "split_from"] = pair.related.id
    out["edits"] = [
        {"op": e.op, "old": e.old, "new": e.new, "notation_only": e.notation_only} for e in pair.edits
    ]
    return out


def _field(clause: Clause | None, name: str) -> str | None:
    return getattr(clause, name) if clause is not None else None

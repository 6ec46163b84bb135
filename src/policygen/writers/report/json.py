"""Write a Comparison as JSON for programs: one object per model clause, in the model's order."""

from __future__ import annotations

import json

from policygen.model import Comparison
from policygen.writers.report.view import depth, model_numbers, numbering

SCHEMA_VERSION = 1


def _ratio(value: float) -> float:
    """Return a 0..1 share rounded to 4 places, so that output does not depend on float noise."""
    return round(float(value), 4)


def report_data(comparison: Comparison) -> dict:
    """Return the report as plain data (the shape documented for `policygen compare --format json`)."""
    counts = comparison.counts()
    numbers = model_numbers(comparison)
    document_numbers = numbering(comparison.document)
    document = comparison.document
    clauses = []
    for result in comparison.clauses:
        clauses.append(
            {
                "model_id": result.model_id,
                "number": numbers.get(result.model_id, result.model_id),
                "depth": depth(result.model_id),
                "heading": result.heading,
                "status": result.status,
                "applicable": bool(result.applicable),
                # A reviewer's decision (decisions file): its reason, "" when the engine decided alone.
                "decision": result.decision,
                "pinned": any(m.basis == "pinned" for m in result.matches),
                "matches": [
                    {
                        "path": m.path,
                        "label": m.label,
                        "number": document_numbers.get(m.path, m.label),
                        "similarity": _ratio(m.similarity),
                        "basis": m.basis,
                    }
                    for m in result.matches
                ],
                "edits": [
                    {"op": e.op, "model": e.old, "org": e.new, "notation_only": bool(e.notation_only)}
                    for e in result.edits
                ],
                "model_text": result.model_text,
                "org_text": result.org_text,
            }
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "model": {"title": comparison.model.title, "version": comparison.model.meta.get("guideline")},
        "document": {
            "path": comparison.document_path,
            "title": document.title,
            "org_name": document.meta.get("org_name"),
            "kind": comparison.kind,
        },
        "summary": {
            "coverage": _ratio(comparison.coverage()),
            "identical": counts["identical"],
            "notation": counts["notation"],
            "modified": counts["modified"],
            "uncertain": counts["uncertain"],
            "missing": counts["missing"],
            "gaps": len(comparison.gaps()),
            "extra": counts["extra"],
            "applicable": sum(1 for r in comparison.clauses if r.applicable),
            "not_applicable": sum(1 for r in comparison.clauses if not r.applicable),
        },
        "clauses": clauses,
        "extra": [
            {"path": x.path, "label": x.label, "heading": x.heading, "text": x.text} for x in comparison.extra
        ],
        "notices": [
            {"code": n.code, "level": n.level, "message": n.message, "source": n.source}
            for n in comparison.notices
        ],
    }


def render(comparison: Comparison) -> bytes:
    """Return the report as UTF-8 JSON: readable Japanese, two-space indent, stable key order."""
    text = json.dumps(report_data(comparison), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")

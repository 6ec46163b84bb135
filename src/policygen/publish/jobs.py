"""The site's computation, one job per body run in a worker process: plain data in, plain data out."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any, Callable


def body_job(paths: list[str], names: list[str], kind: str, profile_path: str | None) -> dict:
    """Compute everything a body's pages show: the current version against the model, each revision step, the amended draft.

    Each version is read once and the current one compared once (amend reuses that comparison). Returns
    "summary" (what the overview pages need) and "blobs" (what only the body's own files need); a step or
    the amendment that fails becomes {"error": ...} in its place, so the rest of the body still shows.
    """
    from policygen.compare.features import org_names
    from policygen.compare.with_model import compare_document
    from policygen.ja.normalize import normalize_text
    from policygen.readers import read_path
    from policygen.writers.report import json as report_json
    from policygen.writers.report import markdown as report_markdown

    current = read_path(Path(paths[-1]))
    comparison = compare_document(current, kind=kind, path=names[-1])
    # Wordings are grouped the way compare sees them: the body's own names become placeholders.
    org = org_names(current)
    variants = {r.model_id: normalize_text(r.org_text, org=org) for r in comparison.clauses if r.org_text}
    documents: dict[int, object] = {len(paths) - 1: current}
    steps, step_blobs = [], []
    for number in range(1, len(paths)):
        step, blob = _guarded(lambda n=number: _step(paths, names, documents, n))
        steps.append(step)
        step_blobs.append(blob)
    amended: dict | None = None
    amended_blob: dict | None = None
    if profile_path is not None:
        amended, amended_blob = _guarded(lambda: _amend(current, comparison, profile_path, kind, names[-1]))
    return {
        "summary": {"report": report_json.report_data(comparison), "variants": variants, "steps": steps,
                    "amended": amended},
        "blobs": {"markdown": report_markdown.render(comparison).decode("utf-8"), "steps": step_blobs,
                  "amended": amended_blob},
    }


def _step(paths: list[str], names: list[str], documents: dict, number: int) -> tuple[dict, dict]:
    """Compare version number-1 with version number: counts for the overview, the 新旧対照表 for its page."""
    from policygen.readers import read_path
    from policygen.revise.versions import compare_revisions
    from policygen.writers.changes_json import changes_json
    from policygen.writers.docx import document_date
    from policygen.writers.old_new_table.docx import table_docx
    from policygen.writers.old_new_table.rows import build_table

    for index in (number - 1, number):
        if index not in documents:
            documents[index] = read_path(Path(paths[index]))
    old, new = documents[number - 1], documents[number]
    revision = compare_revisions(old, new, old_path=names[number - 1], new_path=names[number])
    counts: dict[str, int] = {}
    for pair in revision.pairs:
        counts[pair.status] = counts.get(pair.status, 0) + 1
    table = build_table(revision)  # built once: the page and the .docx draw the same table
    return {"counts": counts, "changed": revision.changed()}, {
        "table": table_data(table),
        "docx_b64": _b64(table_docx(table, date=document_date(revision.new))),
        "changes": changes_json(revision),
    }


def _amend(current, comparison, profile_path: str, kind: str, name: str) -> tuple[dict, dict]:
    """Amend the current policy up to the model: the draft (.md, .docx) and its 新旧対照表 (.docx)."""
    from policygen.generate.profile import load_profile
    from policygen.revise.amend import amend_document
    from policygen.revise.versions import compare_revisions
    from policygen.writers.docx import to_docx
    from policygen.writers.markdown import to_markdown
    from policygen.writers.old_new_table.docx import old_new_table_docx

    draft, _notices = amend_document(current, load_profile(profile_path), kind=kind, comparison=comparison)
    revision = compare_revisions(current, draft, old_path=name, new_path="amended draft")
    return {}, {
        "draft_md": to_markdown(draft),
        "draft_docx_b64": _b64(to_docx(draft)),
        "table_docx_b64": _b64(old_new_table_docx(revision)),
    }


def table_data(table) -> dict:
    """Return a built 新旧対照表 as plain data, cells left to right, for the site's own drawing."""

    def cell(paragraphs) -> list[dict]:
        return [
            {"runs": [[r.text, r.underlined] for r in p.runs], "indent": p.indent, "first_line": p.first_line}
            for p in paragraphs
        ]

    return {
        "title": table.title,
        "legend": table.legend,
        "labels": list(table.labels),
        "changed": table.changed,
        "rows": [
            {"kind": row.kind, "status": row.status, "cells": [cell(c) for c in table.cells(row)]}
            for row in table.rows
        ],
    }


def run(job: tuple) -> dict:
    """Run one (name, args) job; an input that fails becomes {"error": ...}, so the build goes on."""
    name, args = job
    function = {"body": body_job}[name]
    result, _ = _guarded(lambda: (function(*args), None))
    return result


def _guarded(work) -> tuple[dict, dict | None]:
    """Run work(); a failure becomes ({"error": ...}, None): a reader or compare bug costs one entry, not the site."""
    from policygen.errors import PolicygenError

    try:
        return work()
    except PolicygenError as exc:
        return {"error": str(exc)}, None
    except (OSError, UnicodeDecodeError) as exc:
        return {"error": f"cannot read: {exc}"}, None
    except Exception as exc:
        return {"error": f"could not be processed ({type(exc).__name__}: {exc})"}, None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")

"""The site's computations, one function per job, run in worker processes: plain data in, plain data out."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any, Callable


def compare_job(path: str, kind: str, name: str) -> dict:
    """Compare one policy file with the model: the report data, its Markdown, and each clause's variant key."""
    from policygen.compare.with_model import _plain_text, compare_document
    from policygen.ja.normalize import OrgNames, normalize_text
    from policygen.readers import read_path
    from policygen.writers.report import json as report_json
    from policygen.writers.report import markdown as report_markdown

    document = read_path(Path(path))
    comparison = compare_document(document, kind=kind, path=name)
    # Wordings are grouped the way compare sees them: the body's own names become placeholders.
    names = OrgNames.guess(_plain_text(document))
    variants = {r.model_id: normalize_text(r.org_text, org=names) for r in comparison.clauses if r.org_text}
    return {
        "report": report_json.report_data(comparison),
        "markdown": report_markdown.render(comparison).decode("utf-8"),
        "variants": variants,
    }


def revision_job(old_path: str, new_path: str, old_name: str, new_name: str) -> dict:
    """Compare two versions: the 新旧対照表 as data and as .docx, and changes.json."""
    from policygen.readers import read_path
    from policygen.revise.versions import compare_revisions
    from policygen.writers.changes_json import changes_json
    from policygen.writers.old_new_table.docx import old_new_table_docx
    from policygen.writers.old_new_table.rows import build_table

    old, new = read_path(Path(old_path)), read_path(Path(new_path))
    revision = compare_revisions(old, new, old_path=old_name, new_path=new_name)
    counts: dict[str, int] = {}
    for pair in revision.pairs:
        counts[pair.status] = counts.get(pair.status, 0) + 1
    return {
        "table": table_data(build_table(revision)),
        "docx_b64": _b64(old_new_table_docx(revision)),
        "changes": changes_json(revision),
        "counts": counts,
        "changed": revision.changed(),
    }


def amend_job(path: str, profile_path: str, kind: str, name: str) -> dict:
    """Amend the current policy up to the model: the draft (.md, .docx) and its 新旧対照表 (.docx)."""
    from policygen.generate.profile import load_profile
    from policygen.readers import read_path
    from policygen.revise.amend import amend_document
    from policygen.revise.versions import compare_revisions
    from policygen.writers.docx import to_docx
    from policygen.writers.markdown import to_markdown
    from policygen.writers.old_new_table.docx import old_new_table_docx

    current = read_path(Path(path))
    draft, _notices = amend_document(current, load_profile(profile_path), kind=kind)
    revision = compare_revisions(current, draft, old_path=name, new_path="amended draft")
    return {
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
    from policygen.errors import PolicygenError

    name, args = job
    jobs: dict[str, Callable[..., dict[str, Any]]] = {"compare": compare_job, "revision": revision_job, "amend": amend_job}
    function = jobs[name]
    try:
        return function(*args)
    except PolicygenError as exc:
        return {"error": str(exc)}
    except (OSError, UnicodeDecodeError) as exc:
        return {"error": f"cannot read: {exc}"}
    except Exception as exc:  # a reader or compare bug must cost one entry, not the whole site
        return {"error": f"could not be processed ({type(exc).__name__}: {exc})"}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")

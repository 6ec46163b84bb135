"""`policygen read FILE`: print the clause tree that policygen reads from a policy file."""

from __future__ import annotations

import argparse
import json
import sys

from policygen.errors import PolicygenError
from policygen.cli.output import write_stdout
from policygen.model import Clause, Document

FORMATS = ("tree", "json", "md")
_PREVIEW = 40  # characters of text shown per clause in the tree


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("file", metavar="FILE", help="policy file: .txt .md .html .docx .pdf")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="tree",
        help="tree: indented outline (default); json: the Document as JSON; md: Markdown",
    )


def clause_to_dict(clause: Clause) -> dict[str, object]:
    """Return a clause and its children as plain JSON-ready data."""
    return {
        "id": clause.id,
        "label": clause.label,
        "heading": clause.heading,
        "text": clause.text,
        "source": clause.source,
        "attrs": dict(clause.attrs),
        "children": [clause_to_dict(child) for child in clause.children],
    }


def document_to_dict(document: Document) -> dict[str, object]:
    """Return a Document as plain JSON-ready data."""
    return {
        "title": document.title,
        "meta": dict(document.meta),
        "preamble": list(document.preamble),
        "clauses": [clause_to_dict(clause) for clause in document.clauses],
        "postscript": list(document.postscript),
        "notices": [
            {"code": n.code, "level": n.level, "message": n.message, "source": n.source} for n in document.notices
        ],
    }


def _preview(text: str) -> str:
    flat = " / ".join(text.split("\n"))
    return flat if len(flat) <= _PREVIEW else flat[:_PREVIEW] + "…"


def to_tree(document: Document) -> str:
    """Return an indented outline: label, heading and the first characters of each clause's text."""
    lines = []
    if document.title:
        lines.append(f"title: {document.title}")
    for key in sorted(document.meta):
        lines.append(f"meta.{key}: {document.meta[key]}")
    lines.extend(f"preamble: {line}" for line in document.preamble)

    def walk(clause: Clause, depth: int) -> None:
        parts = [clause.label or "¶"]
        if clause.heading:
            parts.append(f"【{clause.heading}】")
        if clause.text:
            parts.append(_preview(clause.text))
        lines.append("  " * depth + " ".join(parts))
        for child in clause.children:
            walk(child, depth + 1)

    for clause in document.clauses:
        walk(clause, 0)
    lines.extend(f"postscript: {line}" for line in document.postscript)
    return "\n".join(lines) + "\n"


def render(document: Document, fmt: str) -> str:
    """Return the document in the chosen output format."""
    if fmt == "json":
        return json.dumps(document_to_dict(document), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if fmt == "md":
        from policygen.writers.markdown import to_markdown

        return to_markdown(document)
    return to_tree(document)


def run(args: argparse.Namespace) -> int:
    """Read the file, report notices on stderr, print the chosen rendering on stdout."""
    from policygen.readers import read_path

    document = read_path(args.file)
    for notice in document.notices:
        print(f"notice: {notice.source or args.file}: {notice.message}", file=sys.stderr)
    if not document.clauses:
        raise PolicygenError(f"{args.file}: no clauses found (is this a policy document?)")
    output = render(document, args.format)
    write_stdout(output.encode("utf-8"))
    return 0

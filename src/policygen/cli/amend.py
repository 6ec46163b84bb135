"""`policygen amend POLICY --profile PROFILE`: bring a current policy up to the model, in its own style."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


DRAFTS = {".docx": "draft-docx", ".md": "draft-md", ".markdown": "draft-md"}
TABLES = {".docx": "table-docx", ".html": "table-html", ".htm": "table-html", ".md": "table-md", ".markdown": "table-md"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the amend command's arguments."""
    parser.description = (
        "Insert every applicable model clause the current policy lacks, at its place in the policy's own "
        "structure and style, renumber, and update references. -o writes the amended draft (.docx .md); "
        "--table writes its 新旧対照表 against the current policy (.docx .html .md); --redline writes the draft "
        "with tracked changes. With no output, the draft is printed as Markdown. Notes go to standard error."
    )
    parser.add_argument("policy", type=Path, metavar="POLICY", help="the current policy (.txt .md .docx .pdf .html)")
    parser.add_argument("--profile", required=True, metavar="PROFILE", help="the body's profile (YAML)")
    parser.add_argument("-o", "--output", type=Path, action="append", default=[], metavar="FILE",
                        help="write the amended draft (.docx or .md); may be repeated")
    parser.add_argument("--table", type=Path, action="append", default=[], metavar="FILE",
                        help="write the 新旧対照表 of the draft against POLICY (.docx .html .md); may be repeated")
    parser.add_argument("--redline", type=Path, metavar="FILE",
                        help="write the draft as a Word .docx with tracked changes against POLICY")
    parser.add_argument("--kind", help="compare as this kind of body (default: the profile's kind)")
    parser.add_argument("--author", default="policygen", metavar="NAME",
                        help="author of the tracked changes (default: policygen)")
    parser.add_argument("--date", metavar="YYYY-MM-DD",
                        help="date of the tracked changes (default: the policy's date, else 2000-01-01)")


def _targets(args: argparse.Namespace) -> dict[Path, str]:
    """Return each output path with what goes there; refuse unknown extensions and repeated paths."""
    from policygen.cli.output import output_targets

    return output_targets([(args.output, DRAFTS, "draft"), (args.table, TABLES, "table")], args.redline)


def run(args: argparse.Namespace) -> int:
    """Amend the policy, render every output in memory, then write them all or none."""
    from policygen.revise.amend import amend_document
    from policygen.cli.diff import _read, redline_date
    from policygen.generate.profile import load_profile

    targets = _targets(args)
    profile = load_profile(args.profile)
    current = _read(args.policy)
    draft, notices = amend_document(current, profile, kind=args.kind)
    revision = None
    if any(kind.startswith("table") or kind == "redline" for kind in targets.values()):
        from policygen.revise.versions import compare_revisions

        revision = compare_revisions(current, draft, old_path=str(args.policy), new_path="amended draft")
    files: dict[Path, bytes] = {}
    for path, kind in targets.items():
        if kind == "draft-md":
            from policygen.writers.markdown import to_markdown

            files[path] = to_markdown(draft).encode("utf-8")
        elif kind == "draft-docx":
            from policygen.writers.docx import to_docx

            files[path] = to_docx(draft)
        elif kind == "table-docx":
            from policygen.writers.old_new_table.docx import old_new_table_docx

            files[path] = old_new_table_docx(revision)
        elif kind == "table-html":
            from policygen.writers.old_new_table.html import old_new_table_html

            files[path] = old_new_table_html(revision).encode("utf-8")
        elif kind == "table-md":
            from policygen.writers.old_new_table.markdown import old_new_table_markdown

            files[path] = old_new_table_markdown(revision).encode("utf-8")
        else:
            from policygen.writers.redline import redline_docx

            files[path] = redline_docx(revision, author=args.author, date=redline_date(args.date, current.meta))
    if files:
        from policygen.cli.output import write_all

        write_all(files)
    else:
        from policygen.writers.markdown import to_markdown

        sys.stdout.write(to_markdown(draft))
    for notice in notices:
        where = f" [{notice.source}]" if notice.source else ""
        print(f"policygen: {notice.level}: {notice.code}{where}: {notice.message}", file=sys.stderr)
    return 0

"""`policygen amend POLICY --profile PROFILE`: bring a current policy up to the model, in its own style."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from policygen.errors import PolicygenError
from policygen.model import Document, Revision
from policygen.writers import OLD_NEW_TABLE, extensions, write


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
                        help="date of the amendment: its 附則 takes effect then and the tracked changes carry it "
                             "(default: today, said on standard error)")
    parser.add_argument("--abbreviate-unchanged", action="store_true",
                        help="abbreviate unchanged clauses in the 新旧対照表 as 「(略)」")


def _targets(args: argparse.Namespace) -> dict[Path, str]:
    """Return each output path with what goes there; refuse unknown extensions and repeated paths."""
    from policygen.cli.output import output_targets

    drafts = {ext: f"draft:{fmt}" for ext, fmt in extensions(Document).items()}
    tables = {ext: f"table:{fmt}" for ext, fmt in extensions(Revision, OLD_NEW_TABLE).items()}
    return output_targets([(args.output, drafts, "draft"), (args.table, tables, "table")], args.redline)


def _amendment_date(given: str | None) -> dt.date:
    """Return the amendment's date as given, else today's; refuse a bad date."""
    if given is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(given.strip())
    except ValueError:
        raise PolicygenError(f"--date {given!r}: not a date (expected YYYY-MM-DD, e.g. 2026-04-01)") from None


def run(args: argparse.Namespace) -> int:
    """Amend the policy, render every output in memory, then write them all or none."""
    from policygen.revise.amend import amend_document
    from policygen.cli.diff import _read
    from policygen.generate.profile import load_profile
    from policygen.writers.old_new_table.options import TableOptions
    from policygen.cli.output import check_outputs

    targets = _targets(args)
    check_outputs([args.policy, args.profile], targets)
    date = _amendment_date(args.date)
    profile = load_profile(args.profile)
    current = _read(args.policy)
    if not current.clauses:
        raise PolicygenError(f"{args.policy}: no clauses found: is this a policy text?")
    draft, notices = amend_document(current, profile, kind=args.kind, date=date)
    revision = None
    if any(not kind.startswith("draft:") for kind in targets.values()):
        from policygen.revise.versions import compare_revisions

        revision = compare_revisions(current, draft, old_path=str(args.policy), new_path="amended draft",
                                     paragraphs=True)
    options = TableOptions(abbreviate_unchanged=args.abbreviate_unchanged)
    files: dict[Path, bytes] = {}
    for path, kind in targets.items():
        what, _, fmt = kind.rpartition(":")
        value = draft if what == "draft" else revision
        assert value is not None  # a table or redline target made the revision above
        files[path] = write(value, fmt, options=options, author=args.author, date=date.isoformat())
    if files:
        from policygen.cli.output import write_all

        write_all(files)
    else:
        sys.stdout.write(write(draft, "md").decode("utf-8"))
    if args.date is None:
        print(f"policygen: note: no --date given: the amendment is dated today, {date.isoformat()}", file=sys.stderr)
    for notice in notices:
        where = f" [{notice.source}]" if notice.source else ""
        print(f"policygen: {notice.level}: {notice.code}{where}: {notice.message}", file=sys.stderr)
    return 0

"""`policygen diff OLD NEW`: compare two versions of a policy and write the amendment documents."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from policygen.errors import PolicygenError
from policygen.ja.wareki import parse_date
from policygen.cli.output import write_stdout
from policygen.model import Revision
from policygen.writers import OLD_NEW_TABLE, extensions, write

# The tracked changes' date when neither --date nor a readable date in NEW says otherwise: fixed, so
# that the same inputs always give the same bytes.
FALLBACK_DATE = "2000-01-01"
DEFAULT_AUTHOR = "policygen"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the diff command's arguments."""
    parser.add_argument("old", type=Path, metavar="OLD", help="the old version (.txt .md .docx .pdf .html)")
    parser.add_argument("new", type=Path, metavar="NEW", help="the new version (.txt .md .docx .pdf .html)")
    parser.add_argument("-o", "--output", type=Path, action="append", default=[], metavar="FILE",
                        help="write the 新旧対照表 (.docx .html .md) or the changes (.json); may be repeated")
    parser.add_argument("--redline", type=Path, metavar="FILE",
                        help="write NEW as a Word .docx with tracked changes against OLD")
    parser.add_argument("--author", default=DEFAULT_AUTHOR, metavar="NAME",
                        help=f"author of the tracked changes (default: {DEFAULT_AUTHOR})")
    parser.add_argument("--date", metavar="YYYY-MM-DD",
                        help="date of the tracked changes, or 'now' (default: NEW's date, else "
                        f"{FALLBACK_DATE})")
    parser.add_argument("--columns", choices=("new-old", "old-new"), default="new-old",
                        help="column order of the table (default: new-old, 改正後 on the left)")
    parser.add_argument("--label-new", default="改正後", metavar="TEXT", help="label of the new column (default: 改正後)")
    parser.add_argument("--label-old", default="改正前", metavar="TEXT", help="label of the old column (default: 改正前)")
    parser.add_argument("--legend", metavar="TEXT", help="legend under the title (default: (傍線部分は改正部分); '' for none)")
    parser.add_argument("--abbreviate-unchanged", action="store_true", help="abbreviate unchanged clauses as 「(略)」")
    parser.add_argument("--ignore-notation", action="store_true",
                        help="treat notation-only changes (講じる/講ずる, 取扱い/取り扱い) as no change")
    parser.add_argument("--ignore-whitespace", action="store_true", help="treat changes of spacing only as no change")


def run(args: argparse.Namespace) -> int:
    """Compare OLD with NEW, write what was asked, and return 0 (no change), 1 (changed) or 2 (error)."""
    from policygen.cli.output import check_outputs

    targets = _targets(args.output, args.redline)
    check_outputs([args.old, args.new], targets)
    options = _table_options(args) if any(fmt in OLD_NEW_TABLE for fmt in targets.values()) else None
    from policygen.revise.versions import compare_revisions

    old, new = _read(args.old), _read(args.new)
    revision = compare_revisions(
        old,
        new,
        old_path=str(args.old),
        new_path=str(args.new),
        ignore_notation=args.ignore_notation,
        ignore_whitespace=args.ignore_whitespace,
        paragraphs=bool(targets),
    )
    if targets:
        date = redline_date(args.date, revision.new.meta) if args.redline else None
        files = {path: write(revision, fmt, options=options, author=args.author, date=date)
                 for path, fmt in targets.items()}
        from policygen.cli.output import write_all

        write_all(files)
    else:
        write_stdout(write(revision, "text"))
    return 1 if revision.changed() else 0


def _targets(outputs: list[Path], redline: Path | None) -> dict[Path, str]:
    """Return each output path with the format written there; refuse unknown extensions and repeated paths."""
    from policygen.cli.output import output_targets

    return output_targets([(outputs, extensions(Revision, (*OLD_NEW_TABLE, "json")), "output")], redline)


def _table_options(args: argparse.Namespace):
    """Return the 新旧対照表 options from the command line."""
    from policygen.writers.old_new_table.options import TableOptions

    return TableOptions(
        order=args.columns,
        new_label=args.label_new,
        old_label=args.label_old,
        legend=args.legend,
        abbreviate_unchanged=args.abbreviate_unchanged,
        ignore_notation=args.ignore_notation,
        ignore_whitespace=args.ignore_whitespace,
    )


def _read(path: Path):
    """Read one version in any format the readers take."""
    from policygen.readers import read_path

    try:
        return read_path(path)
    except OSError as exc:
        raise PolicygenError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise PolicygenError(f"{path}: cannot decode text ({exc.encoding}) at byte {exc.start}") from None


# --- the redline's date --------------------------------------------------------------------------------------


def redline_date(given: str | None, meta) -> str:
    """Return the tracked changes' date: as given ('now' = the clock), else NEW's date, else a fixed one."""
    if given is not None:
        if given.strip().lower() == "now":
            return dt.datetime.now().replace(microsecond=0).isoformat()
        return given
    found = parse_date(str(meta.get("date") or ""))
    return found.isoformat() if found else FALLBACK_DATE

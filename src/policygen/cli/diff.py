"""`policygen diff OLD NEW`: compare two versions of a policy and write the amendment documents."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

from policygen.errors import PolicygenError
from policygen.cli.output import write_stdout

# -o extension → what is written there.
OUTPUTS = {
    ".docx": "table-docx",
    ".html": "table-html",
    ".htm": "table-html",
    ".md": "table-md",
    ".markdown": "table-md",
    ".json": "json",
}
# The tracked changes' date when neither --date nor a readable date in NEW says otherwise: fixed, so
# that the same inputs always give the same bytes.
FALLBACK_DATE = "2000-01-01"
DEFAULT_AUTHOR = "policygen"
_SUMMARY_WIDTH = 160
_CONTEXT = 6


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
    targets = _targets(args.output, args.redline)
    options = _table_options(args) if any(kind.startswith("table") for kind in targets.values()) else None
    from policygen.revise.versions import compare_revisions

    old, new = _read(args.old), _read(args.new)
    revision = compare_revisions(
        old,
        new,
        old_path=str(args.old),
        new_path=str(args.new),
        ignore_notation=args.ignore_notation,
        ignore_whitespace=args.ignore_whitespace,
    )
    if targets:
        files = {path: _render(kind, revision, options, args) for path, kind in targets.items()}
        from policygen.cli.output import write_all

        write_all(files)
    else:
        write_stdout(summary(revision).encode("utf-8"))
    return 1 if revision.changed() else 0


def _targets(outputs: list[Path], redline: Path | None) -> dict[Path, str]:
    """Return each output path with what goes there; refuse unknown extensions and repeated paths."""
    from policygen.cli.output import output_targets

    return output_targets([(outputs, OUTPUTS, "output")], redline)


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

    if not path.exists():
        raise PolicygenError(f"{path}: no such file")
    try:
        return read_path(path)
    except OSError as exc:
        raise PolicygenError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise PolicygenError(f"{path}: cannot decode text ({exc.encoding}) at byte {exc.start}") from None


def _render(kind: str, revision, options, args: argparse.Namespace) -> bytes:
    """Return the bytes of one output."""
    if kind == "json":
        from policygen.writers.changes_json import changes_json

        return changes_json(revision).encode("utf-8")
    if kind == "table-docx":
        from policygen.writers.old_new_table.docx import old_new_table_docx

        return old_new_table_docx(revision, options)
    if kind == "table-html":
        from policygen.writers.old_new_table.html import old_new_table_html

        return old_new_table_html(revision, options).encode("utf-8")
    if kind == "table-md":
        from policygen.writers.old_new_table.markdown import old_new_table_markdown

        return old_new_table_markdown(revision, options).encode("utf-8")
    from policygen.writers.redline import redline_docx

    return redline_docx(revision, author=args.author, date=redline_date(args.date, revision.new.meta))


# --- the redline's date --------------------------------------------------------------------------------------


def redline_date(given: str | None, meta) -> str:
    """Return the tracked changes' date: as given ('now' = the clock), else NEW's date, else a fixed one."""
    if given is not None:
        if given.strip().lower() == "now":
            return dt.datetime.now().replace(microsecond=0).isoformat()
        return given
    found = parse_date(str(meta.get("date") or ""))
    return found.isoformat() if found else FALLBACK_DATE


_ISO = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
_WAREKI = re.compile(r"(令和|平成|昭和|大正|明治)\s*(元|\d+)\s*年(?:\s*(\d+)\s*月(?:\s*(\d+)\s*日)?)?")


def parse_date(text: str) -> dt.date | None:
    """Return the date an ISO or 和暦 string names (missing month or day read as 1), or None."""
    import unicodedata

    from policygen.ja.wareki import ERAS

    text = unicodedata.normalize("NFKC", text)
    try:
        if match := _ISO.search(text):
            year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
            return dt.date(year, month, day)
        if match := _WAREKI.search(text):
            start = dict(ERAS)[match[1]]
            first_year = 1868 if match[1] == "明治" else start.year
            year = first_year + (1 if match[2] == "元" else int(match[2])) - 1
            return dt.date(year, int(match[3] or 1), int(match[4] or 1))
    except ValueError:
        return None
    return None


# --- the text summary ----------------------------------------------------------------------------------------


def summary(revision) -> str:
    """Return one line per changed pair (status, old label → new label, compact diff) and a count line."""
    old_labels = _full_labels(revision.old)
    new_labels = _full_labels(revision.new)
    lines = []
    counts: dict[str, int] = {}
    for pair in revision.pairs:
        counts[pair.status] = counts.get(pair.status, 0) + 1
        if pair.status in ("unchanged", "renumbered"):
            continue
        old = old_labels.get(pair.old.id, "") if pair.old else "—"
        new = new_labels.get(pair.new.id, "") if pair.new else "—"
        lines.append(_clip(f"{pair.status:<9} {old} → {new}  {_compact(pair)}".rstrip()))
    shown = ", ".join(f"{counts[s]} {s}" for s in _ORDER if counts.get(s) and s != "unchanged")
    if not revision.changed():
        lines.append(f"no change ({shown})" if shown else "no change")
    else:
        lines.append(shown)
    return "\n".join(lines) + "\n"


_ORDER = ("modified", "notation", "moved", "added", "removed", "renumbered", "unchanged")


def _full_labels(document) -> dict[str, str]:
    """Return each clause's label with its ancestors' (6(3)①, 第4条第2項) for the summary."""
    out: dict[str, str] = {}

    def visit(clauses, prefix: str, parent_label: str) -> None:
        for clause in clauses:
            label = clause.label
            if label.isdigit() and parent_label.startswith("第") and parent_label.endswith("条"):
                label = f"第{label}項"
            full = prefix + label if label else prefix + f"[{clause.id.rsplit('.', 1)[-1]}]"
            out[clause.id] = full
            visit(clause.children, full, clause.label)

    visit(document.clauses, "", "")
    return out


def _compact(pair) -> str:
    """Return the pair's changes as [-old-]{+new+} with a few characters of context each."""
    if pair.old is None or pair.new is None:
        clause = pair.new or pair.old
        text = clause.heading or clause.text.split("\n")[0]
        extra = ""
        if pair.related is not None:
            extra = f" (merged into {pair.related.id})" if pair.old is not None else f" (split from {pair.related.id})"
        return text + extra
    edits = [e for e in pair.edits]
    pieces = []
    for index, edit in enumerate(edits):
        if edit.op == "equal":
            continue
        before = edits[index - 1].new[-_CONTEXT:] if index and edits[index - 1].op == "equal" else ""
        after = edits[index + 1].new[:_CONTEXT] if index + 1 < len(edits) and edits[index + 1].op == "equal" else ""
        change = (f"[-{edit.old}-]" if edit.old else "") + (f"{{+{edit.new}+}}" if edit.new else "")
        pieces.append((before + change + after).replace("\n", "⏎"))
    if not pieces:  # a move without rewording: name the clause
        return _clip(pair.new.heading or pair.new.text.split("\n")[0])
    return " … ".join(pieces)


def _clip(line: str) -> str:
    return line if len(line) <= _SUMMARY_WIDTH else line[: _SUMMARY_WIDTH - 1] + "…"

"""`policygen read FILE`: print the clause tree that policygen reads from a policy file."""

from __future__ import annotations

import argparse
import sys

from policygen.errors import PolicygenError
from policygen.cli.output import write_stdout
from policygen.writers import write

FORMATS = ("tree", "json", "md")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("file", metavar="FILE", help="policy file: .txt .md .html .docx .pdf")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="tree",
        help="tree: indented outline (default); json: the Document as JSON; md: Markdown",
    )


def run(args: argparse.Namespace) -> int:
    """Read the file, report notices on stderr, print the chosen rendering on stdout."""
    from policygen.readers import read_path

    document = read_path(args.file)
    if not document.clauses:  # before the notices: an error is one line
        raise PolicygenError(f"{args.file}: no clauses found (is this a policy document?)")
    for notice in document.notices:
        print(f"notice: {notice.source or args.file}: {notice.message}", file=sys.stderr)
    write_stdout(write(document, args.format))
    return 0


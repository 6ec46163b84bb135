"""`policygen render`: render the model basic policy for one body into .docx and/or .md files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policygen.model import STYLES, Document
from policygen.writers import extensions, write


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of `render`."""
    parser.add_argument("profile", help="the body's profile (YAML)")
    parser.add_argument(
        "-o", "--output", action="append", default=[], metavar="FILE",
        help="output file; the format follows the extension (.docx, .md); repeatable; default: Markdown to stdout",
    )
    parser.add_argument("--style", choices=STYLES, help="override the profile's document.style")
    parser.add_argument("--reference-docx", metavar="FILE", help="take Word styles from this .docx")


def run(args: argparse.Namespace) -> int:
    """Render every requested output in memory, then write them all or none."""
    from policygen.cli.output import check_outputs, output_targets, write_all
    from policygen.limits import read_input
    from policygen.generate.profile import load_profile
    from policygen.generate.template import render

    outputs = [Path(o) for o in args.output]
    targets = output_targets([(outputs, extensions(Document), "output")])  # before any work: a bad name fails at once
    check_outputs([args.profile, args.reference_docx], outputs)
    reference = read_input(args.reference_docx, what="Word .docx") if args.reference_docx else None
    document = render(load_profile(args.profile), style=args.style)
    if not outputs:
        sys.stdout.write(write(document, "md").decode("utf-8"))
        _tell(document)
        return 0
    files = {path: write(document, fmt, reference_docx=reference, reference_name=str(args.reference_docx))
             for path, fmt in targets.items()}
    write_all(files)
    _tell(document)
    return 0


def _tell(document: Document) -> None:
    """Say on stderr what the rendering noticed (an undated title block), once the work is done."""
    for notice in document.notices:
        print(f"policygen: {notice.level}: {notice.source}: {notice.message}", file=sys.stderr)

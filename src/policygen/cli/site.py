"""`policygen site CORPUS -o DIR`: build the static comparison website of a corpus of policies."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the site command's arguments."""
    parser.description = (
        "Compare every body's policy in CORPUS with the model and write a static website to DIR: the coverage "
        "matrix, a page per body, per revision (新旧対照表) and per model clause, search, CSV/JSON exports and "
        "Atom feeds. It works from a web server or opened as files. Results are cached in DIR/.cache, so a "
        "rebuild recomputes only what changed; DIR is replaced whole, and only when the build succeeds."
    )
    parser.add_argument("corpus", type=Path, metavar="CORPUS", help="corpus folder: one folder per body with a meta.yaml")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="the site's folder (created or replaced)")
    parser.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                        help="worker processes (default: one per core, at most 2)")
    parser.add_argument("--base-url", default="", metavar="URL",
                        help="where the site will be served, for absolute links in the Atom feeds (default: relative)")


def run(args: argparse.Namespace) -> int:
    """Build the site, report skipped entries on stderr, and return 0."""
    from policygen import progress
    from policygen.errors import PolicygenError
    from policygen.publish.build import build_site

    if args.jobs is not None and args.jobs < 1:
        raise PolicygenError(f"--jobs {args.jobs}: give 1 or more")
    corpus, out = args.corpus.resolve(), args.output.resolve()
    if corpus == out or out in corpus.parents:
        # DIR is replaced whole: a corpus inside it would be deleted with the old site.
        raise PolicygenError(f"{args.output}: holds the corpus {args.corpus}; choose a folder outside it")
    # The command line's one bar (progress.show_on): the build's steps and compare's own share its line.
    try:
        report = build_site(args.corpus, args.output, workers=args.jobs,
                            progress=lambda done, total: progress.step("comparing", done, total), base_url=args.base_url)
    finally:
        progress.close()
    for problem in report.problems:
        print(f"policygen: warning: skipped {problem}", file=sys.stderr)
    print(
        f"policygen: wrote {report.files} files ({report.size / 1e6:.1f} MB) for {report.bodies} bodies to "
        f"{args.output}/index.html ({report.computed} computed, {report.cached} from the cache; {report.rendered_bodies} bodies rendered)",
        file=sys.stderr,
    )
    return 0


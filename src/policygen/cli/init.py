"""`policygen init`: write a commented starter profile for a kind of body."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policygen.errors import PolicygenError
from policygen.ja.bodies import COUNCIL_SUBKINDS, JOINT_SUBKINDS, KINDS  # not generate.profile: --help stays light


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of `init`."""
    parser.add_argument("--kind", required=True, choices=KINDS, help="kind of body")
    parser.add_argument(
        "--subkind",
        default="",
        help=f"joint_body: {', '.join(JOINT_SUBKINDS)}; council: {', '.join(COUNCIL_SUBKINDS)} (whose assembly)",
    )
    parser.add_argument("-o", "--output", default="profile.yaml", help="file to write ('-' for stdout; default profile.yaml)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def run(args: argparse.Namespace) -> int:
    """Write the starter profile, refusing to replace a file unless --force."""
    from policygen.cli.output import write_all
    from policygen.generate.profile import starter_yaml

    text = starter_yaml(args.kind, args.subkind)
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    path = Path(args.output)
    if path.exists() and not args.force:
        raise PolicygenError(f"{path}: already exists (use --force to overwrite)")
    write_all({path: text.encode("utf-8")})
    print(f"policygen: wrote {path}", file=sys.stderr)
    return 0

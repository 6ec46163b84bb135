"""`policygen compare POLICY`: compare a policy with the model and report clause by clause."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from policygen.errors import PolicygenError
from policygen.cli.output import write_stdout
from policygen.model import Comparison
from policygen.writers import extensions, formats, write


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the compare command's arguments."""
    parser.add_argument("policy", type=Path, metavar="POLICY", help="policy file (.txt .md .docx .pdf .html)")
    parser.add_argument("--kind", help="kind of body (city, town, village, prefecture, joint_body, council, …); guessed when omitted")
    parser.add_argument("--format", choices=formats(Comparison), help="report format (default: text, or from -o's extension)")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the report to FILE instead of standard output")
    parser.add_argument("--lang", choices=("ja", "en"), default="ja",
                        help="language of the text report (default: ja, as the Markdown and HTML reports)")
    parser.add_argument(
        "--decisions",
        type=Path,
        metavar="FILE",
        help="a reviewer's decisions (YAML: pin a model clause to a document clause, or declare it absent or "
        "not applicable, with a reason); default: POLICY's name with .decisions.yaml, when that file exists",
    )


def run(args: argparse.Namespace) -> int:
    """Compare, write the report, and return 0 (matches the model), 1 (missing or modified) or 2 (error)."""
    from policygen.cli.output import check_outputs

    fmt = args.format or _format_from(args.output)
    policy: Path = args.policy
    if not os.path.exists(policy):  # os.path: a name too long for the system is "not there", not a crash
        raise PolicygenError(f"{policy}: no such file")
    if os.path.isdir(policy):
        raise PolicygenError(f"{policy}: is a folder, not a policy file")
    check_outputs([policy], [args.output])
    _progress(f"comparing {policy} with the model …")
    from policygen.compare import decisions as reviewed
    from policygen.compare import with_model as engine
    from policygen.writers.report.view import numbering

    decisions_path: Path | None = args.decisions
    if decisions_path is None and reviewed.beside(policy).is_file():
        decisions_path = reviewed.beside(policy)
        _progress(f"applying the decisions in {decisions_path} …")
    elif decisions_path is not None and not decisions_path.is_file():
        raise PolicygenError(f"{decisions_path}: no such file")
    decisions = reviewed.load(decisions_path) if decisions_path is not None else None

    try:
        comparison = engine.compare_file(policy, kind=args.kind, decisions=decisions, numbers=numbering)
    except OSError as exc:
        raise PolicygenError(f"{policy}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise PolicygenError(f"{policy}: cannot decode text ({exc.encoding}) at byte {exc.start}") from None

    data = _render(comparison, fmt, to_terminal=args.output is None, lang=args.lang)
    if args.output is not None:
        from policygen.cli.output import write_all

        _progress(f"writing {args.output} …")
        write_all({args.output: data})
    else:
        write_stdout(data)
    from policygen.writers.report.text import exit_status

    return exit_status(comparison)


def _format_from(output: Path | None) -> str:
    """Return the report format implied by the output file's extension (text when writing to stdout)."""
    if output is None:
        return "text"
    known_extensions = extensions(Comparison)
    fmt = known_extensions.get(output.suffix.lower())
    if fmt is None:
        known = " ".join(sorted(known_extensions))
        raise PolicygenError(f"{output}: unknown report extension {output.suffix or '(none)'!r}: use --format or one of {known}")
    return fmt


def _render(comparison, fmt: str, *, to_terminal: bool, lang: str = "ja") -> bytes:
    """Return the report bytes in the chosen format; text gets colour and wrapping only on a terminal."""
    if fmt != "text":
        return write(comparison, fmt)
    from policygen.writers.report.text import Options

    tty = to_terminal and _isatty(sys.stdout)
    options = Options(
        color=tty and not os.environ.get("NO_COLOR"),
        width=shutil.get_terminal_size((100, 24)).columns if tty else 0,
        lang=lang,
    )
    return write(comparison, fmt, options=options)


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _progress(message: str) -> None:
    """Tell a person watching the terminal what is happening; silent when stderr is redirected."""
    if _isatty(sys.stderr):
        from policygen import progress

        progress.close()  # after a progress bar, on a line of its own
        print(f"policygen: {message}", file=sys.stderr, flush=True)

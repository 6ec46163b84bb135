"""Thin command-line front end: parse arguments, call one library function, write, exit."""

from __future__ import annotations

import argparse
import importlib
import sys

from policygen import __version__
from policygen.errors import PolicygenError

# name -> (module under policygen.cli, one-line help). Modules are imported only when needed
# so that `policygen --help` stays fast.
COMMANDS = {
    "init": ("init", "write a commented starter profile for a kind of body"),
    "render": ("render", "render the model basic policy for one body (.docx / .md)"),
    "read": ("read", "print the clause tree that policygen reads from a policy file"),
    "compare": ("compare", "compare a policy with the model, clause by clause"),
    "diff": ("diff", "compare two versions of a policy; write the 新旧対照表, changes.json or a redline"),
    "amend": ("amend", "bring a current policy up to the model in its own style; write the draft, 新旧対照表, redline"),
    "site": ("site", "build the static comparison website of a corpus of policies and their revisions"),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Return the argument parser with every available subcommand (with `only`, that one's arguments alone).

    A command's module is imported to declare its arguments; parsing one command needs only its own.
    """
    parser = argparse.ArgumentParser(
        prog="policygen",
        description="Generate and compare Japanese local governments' information security basic policies.",
    )
    parser.add_argument("--version", action="version", version=f"policygen {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        if only is not None and name != only:
            sub.add_parser(name, help=help_text, description=help_text)  # listed in --help, never parsed
            continue
        try:
            module = importlib.import_module(f"policygen.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"policygen.cli.{module_name}":
                raise
            continue  # command not built yet
        command = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit status (0 ok / same, 1 different, 2 error)."""
    parser = build_parser(only=_command_in(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    from policygen import progress

    progress.show_on(sys.stderr)  # long steps draw a bar when stderr is a terminal, and only then
    try:
        return int(args.run(args) or 0)
    except PolicygenError as exc:
        progress.close()  # end a bar's line first: the message is a line of its own
        print(f"policygen: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        # A file the system refuses (a name too long, a folder we may not enter) wherever it is met first;
        # the commands check their files before work, so this is the last line of defence, not the rule.
        where = exc.filename if exc.filename is not None else "input"
        progress.close()
        print(f"policygen: error: {where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except MemoryError:
        # The limits (policygen/limits.py) are meant to refuse such an input first; this names it if one slips by.
        progress.close()
        print(f"policygen: error: {_input_of(args)}: out of memory while working on it", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        progress.close()
        print("policygen: interrupted", file=sys.stderr)
        return 130
    finally:
        progress.close()


def _command_in(argv: list[str]) -> str:
    """Return the command an argument list runs ("" for none: the top level's options take no values)."""
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else ""
    return ""


def _input_of(args: argparse.Namespace) -> str:
    """Return the main input a command was given, for a message that has no file of its own."""
    for name in ("policy", "file", "new", "profile", "corpus"):
        value = getattr(args, name, None)
        if value:
            return str(value)
    return "input"

"""The ``coop-tui`` command line.

Every sub-command lives in its own module under ``tui/commands`` and registers
itself in ``COMMANDS``; with no sub-command the app opens. Errors the user can
fix are one line on stderr with exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from store.author import set_author
from store.errors import StoreError
from tui.commands import COMMANDS, CommandError
from tui.commands.store_common import AUTHOR_HELP

USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2 (argparse's own convention)
        self.exit(USAGE_ERROR, f"coop-tui: {message} (see coop-tui --help)\n")


def _version() -> str:
    """The installed coop-tui's version (its package metadata)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("coop-tui")
    except PackageNotFoundError:
        return "(version unknown: not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="coop-tui",
        description="Read, compare and annotate intergovernmental co-operation agreements.",
    )
    parser.add_argument(
        "--version", action="version", version=f"coop-tui {_version()}", help="print the version"
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the store file (default: $COOP_TUI_DB, else the per-user data directory)",
    )
    parser.add_argument("--author", metavar="NAME", help=AUTHOR_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # a file name that is not UTF-8 (Python keeps its bytes as lone surrogates) is
        # shown escaped rather than failing the command when it is printed
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if getattr(args, "author", None) is not None:
            set_author(args.author)
    except StoreError as exc:
        print(f"coop-tui: {exc}", file=sys.stderr)
        return exc.status
    try:
        if args.command is None:
            from tui.commands.run_app import run_app

            return run_app(args)
        return int(args.handler(args) or 0)
    except CommandError as exc:
        print(f"coop-tui: {exc}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        print("coop-tui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())

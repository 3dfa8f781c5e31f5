"""The ``coop-tui`` command line.

Every sub-command lives in its own module under ``tui/commands`` and registers
itself in ``COMMANDS``; with no sub-command the app opens. Errors the user can
fix are one line on stderr with exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import NoReturn

from store.author import set_author
from store.errors import StoreError
from store.fsio import describe_os_error
from tui.commands import COMMANDS, CommandError, error_line, warn
from tui.commands.errors import store_error_text
from tui.commands.store_common import AUTHOR_HELP, CREATE_HELP

USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2 (argparse's own convention)
        self.exit(USAGE_ERROR, error_line(f"{message} (see coop-tui --help)") + "\n")


def _version() -> str:
    """The installed coop-tui's version (its package metadata)."""
    from importlib.metadata import PackageNotFoundError, version  # for --version only

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
    parser.add_argument("--create", action="store_true", help=CREATE_HELP)
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
        warn(store_error_text(exc))
        return exc.status
    try:
        if args.command is None:
            from tui.commands.run_app import run_app  # Textual only for the app

            return run_app(args)
        with _terminate_as_interrupt():
            status = int(args.handler(args) or 0)
        if _terminated.is_set():  # the KeyboardInterrupt was raised where it was lost
            raise KeyboardInterrupt
        return status
    except CommandError as exc:
        warn(str(exc))
        return exc.status
    except KeyboardInterrupt:
        print("coop-tui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        # a path the system refuses where no command expected it (a name too long, a
        # folder on the way that cannot be searched): one line naming it
        where = f"{exc.filename}: " if exc.filename is not None else ""
        warn(f"{where}{describe_os_error(exc)}")
        return USAGE_ERROR


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (``kill``, a service manager, a closed session) ends a command as Ctrl-C
    does: the command stops where it is, its workers are shut down, what it wrote is
    left consistent, and it says "interrupted" (exit 130). A second Ctrl-C or SIGTERM
    while it stops waits till it has stopped: it would cut that clean-up short."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _terminated.clear()
    # Ctrl-C stays ignored where it was (a command started in the background)
    interrupts = [s for s in _INTERRUPTS if signal.getsignal(s) is not signal.SIG_IGN]
    previous = {s: signal.signal(s, _interrupt) for s in interrupts}
    try:
        yield
    finally:
        for s, handler in previous.items():
            # once interrupted, a late second one is ignored up to the exit (SIG_IGN:
            # Python resets its own handlers as it exits, and the default would kill)
            signal.signal(s, signal.SIG_IGN if _terminated.is_set() else handler)


_INTERRUPTS = (signal.SIGINT, signal.SIGTERM)
#: Ctrl-C or SIGTERM arrived (``_terminate_as_interrupt``).
_terminated = threading.Event()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    if _terminated.is_set():
        return  # the command is stopping already
    _terminated.set()
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())

"""Sub-commands of ``coop-tui``: each module has ``register(subparsers)`` and a handler."""

from __future__ import annotations

import argparse
import sys
from typing import Protocol

from store.safetext import visible


class CommandError(Exception):
    """A failure the user can act on: printed as one line, exit with ``status``."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def error_line(message: str) -> str:
    """``coop-tui: message``, safe to print: a file name, a tag or an ID in it may hold
    escape sequences or bidi overrides, written as their codes (``\\u001b``) as the
    exports write them, never sent to the terminal."""
    return f"coop-tui: {visible(message)}"


def warn(message: str) -> None:
    """``error_line(message)`` on stderr."""
    print(error_line(message), file=sys.stderr)


class Command(Protocol):
    def register(self, sub: argparse._SubParsersAction) -> None: ...


def _commands() -> list[Command]:
    from tui.commands import (  # here: each of them imports this module's helpers
        annotate_cmds,
        diff_cmd,
        export_cmd,
        fix_cmds,
        history_cmds,
        parse_cmd,
        search_cmd,
        source_cmd,
        stats_cmds,
        store_cmds,
    )

    return [
        parse_cmd,
        store_cmds,
        annotate_cmds,
        fix_cmds,
        history_cmds,
        source_cmd,
        export_cmd,
        diff_cmd,
        search_cmd,
        stats_cmds,
    ]


COMMANDS: list[Command] = _commands()

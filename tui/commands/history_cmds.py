"""``coop-tui undo``, ``redo`` and ``log``: the activity log (``store.history``).

Undo takes the author's latest change that is not undone (``--author`` says whose, as
for every write); redo the latest one undone, as long as the author made no change
since. Exit statuses: 0 done; 1 nothing to undo or redo (like grep finding nothing: a
script may undo until there is nothing left); 2 refused, because what the change
touched was changed again since by another change (the message names it), or bad input.
"""

from __future__ import annotations

import argparse
import sys

from rich.table import Table
from rich.text import Text

from store import ErrorKind, StoreError
from store.history import LogEntry
from tui.commands import CommandError
from tui.commands.errors import store_error_text
from tui.commands.store_common import (
    add_json_flag,
    console,
    open_store,
    positive_int,
    print_json,
    store_command,
    store_parser,
)
from tui.render import literal, strip_controls

#: The exit status when there is nothing to undo or redo.
NOTHING_STATUS = 1
UNDO_EXIT = (
    " Exit status 1 when there is nothing to {0}; 2 when it is refused because what the "
    "change touched was changed since by another change (named in the message)."
)


def register(sub: argparse._SubParsersAction) -> None:
    p = store_parser(
        sub,
        "undo",
        run_undo,
        help="undo your latest change (a status, tags, a note, a correction, a merge)",
        description="Undo the latest change by the author (--author, $COOP_TUI_AUTHOR, else "
        "your name) that is not undone yet: a status, tags, a note (a deleted one comes "
        "back), a correction, an import-annotations merge (as one step). The undo is itself "
        "a change in the log; it never overwrites a later change made elsewhere. Prints "
        '"Undone: " and what the change was (--json: the log entry).' + UNDO_EXIT.format("undo"),
    )
    add_json_flag(p, "print the undone change's log entry as JSON")

    p = store_parser(
        sub,
        "redo",
        run_redo,
        help="redo the change you last undid",
        description="Redo the change the author last undid, as long as they made no other "
        'change since. Prints "Redone: " and what the change was (--json: the log '
        "entry)." + UNDO_EXIT.format("redo"),
    )
    add_json_flag(p, "print the redone change's log entry as JSON")

    p = store_parser(
        sub,
        "log",
        run_log,
        help="the changes made to the store, newest first",
        description="List the changes made to the store's annotations and corrections, "
        "newest first: when, by whom, what kind, what they did and the IDs they touched "
        "(undone ones marked). --json prints a list of entries with id, at, by, kind, "
        "summary, targets and undone (and undoes or redoes, naming the change an undo or a "
        "redo was of).",
    )
    p.add_argument(
        "--limit", metavar="N", type=positive_int, help="only the latest N changes (N ≥ 1)"
    )
    add_json_flag(p, "print a list of log entries as JSON")


def _undo_or_redo(args: argparse.Namespace, redo: bool) -> int:
    store = open_store(args)
    try:
        entry = store.redo() if redo else store.undo()
    except StoreError as exc:
        if exc.kind is ErrorKind.NOTHING_TO_UNDO:
            raise CommandError(store_error_text(exc), NOTHING_STATUS) from exc
        raise
    if args.json:
        print_json(entry.to_dict())
    else:
        said = "Redone" if redo else "Undone"
        console().print(literal(f"{said}: {entry.summary}"))
    return 0


@store_command
def run_undo(args: argparse.Namespace) -> int:
    return _undo_or_redo(args, redo=False)


@store_command
def run_redo(args: argparse.Namespace) -> int:
    return _undo_or_redo(args, redo=True)


def _kind(entry: LogEntry) -> str:
    return f"{entry.kind} (undone)" if entry.undone else entry.kind


@store_command
def run_log(args: argparse.Namespace) -> int:
    store = open_store(args)
    entries = store.log(args.limit)
    if args.json:
        print_json([e.to_dict() for e in entries])
        return 0
    out = console()
    if not entries:
        out.print("no changes logged yet")
        return 0
    if not out.is_terminal:  # one line each, tab-separated: for grep, cut and awk
        for e in entries:
            fields = (e.when(), e.by or "-", _kind(e), e.summary, " ".join(e.targets))
            sys.stdout.write(strip_controls("\t".join(" ".join(f.split()) for f in fields)) + "\n")
        return 0
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for name in ("when", "by", "kind", "what", "IDs"):
        table.add_column(name, overflow="fold")
    for e in entries:
        style = "dim" if e.undone else ""
        table.add_row(
            Text(e.when(), style=style),
            literal(e.by or "-", style=style),
            Text(_kind(e), style=style),
            literal(e.summary, style=style),
            Text(" ".join(e.targets), style="dim"),
        )
    out.print(table)
    return 0

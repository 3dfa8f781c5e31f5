"""``coop-tui diff``: what is new, what continued and what was dropped between two meetings."""

from __future__ import annotations

import argparse
import shutil
import sys

from rich import box
from rich.console import Console
from rich.table import Table

from compare import AreaMatch, SelectionError, choose_pair, diff_meetings
from compare.select import parties_note
from parsers.model import LANGUAGES, Meeting
from parsers.naming import FORMS, NamingError
from store import Annotation, Store
from tui.commands import CommandError, warn
from tui.commands.store_common import (
    add_json_flag,
    open_store,
    print_json,
    store_command,
    store_parser,
)
from tui.diff_text import area_text, change_cell, meeting_heading, summary_text


def register(sub: argparse._SubParsersAction) -> None:
    p = store_parser(
        sub,
        "diff",
        run_diff,
        help="compare two meetings side by side: new, continued and dropped commitments",
        description="Compare two meetings: areas aligned by name and content, commitments "
        "classed unchanged, reworded, split, merged, moved, new or dropped, changed words "
        f"highlighted. A meeting is named by {FORMS}. With no meeting, the two latest "
        "meetings between the same parties; with one, that meeting and the one before it "
        "between the same parties (after it, if it is the first). Two named meetings "
        "between different parties are compared, with a note saying so.",
    )
    p.add_argument("meetings", nargs="*", metavar="MEETING", help="ID, date, year, parties")
    p.add_argument(
        "--language",
        choices=LANGUAGES,
        help="compare the meetings' versions in this language, where they have one "
        "(default: the first meeting's language)",
    )
    add_json_flag(p, "print the alignment as JSON")


@store_command
def run_diff(args: argparse.Namespace) -> int:
    if len(args.meetings) > 2:
        raise CommandError("give at most two meetings to compare (coop-tui diff A B)")
    store = open_store(args)
    specs, named = _versions_named(store, args.meetings)
    try:
        a, b = choose_pair(store.meetings(), specs)
    except SelectionError as exc:
        raise CommandError(str(exc)) from exc
    language = args.language or next((m.language for m in named), None)
    first, second = a.id, b.id
    a, b = store.comparable(a, b, language)  # a language with itself
    for version in named:  # a language version named by its own ID is that version
        primary = store.versions().primary.get(version.id)
        a = version if primary == first else a
        b = version if primary == second else b
    if a.language != b.language:
        named_ids = {m.id for m in named}
        other = b if a.id in named_ids else a if b.id in named_ids else None
        why = (
            f"{other.id} has no {(a if other is b else b).language} version"
            if other is not None
            else "the two meetings have no versions in one language"
        )
        warn(f"note: {why}; the diff compares {a.language} with {b.language}, so reworded "
             "commitments show as new and dropped")  # fmt: skip
    elif args.language and a.language != args.language:
        warn(f"note: the meetings have no {args.language} versions; compared in {a.language}")
    note = parties_note(a, b)
    if note is not None:
        warn(f"note: {note}")
    diff = diff_meetings(a, b)
    if args.json:
        print_json(diff.to_json())
        return 0
    out = _console()
    table = Table(box=box.SIMPLE_HEAD, expand=True, padding=(0, 1, 1, 1))
    for meeting in (a, b):
        table.add_column(meeting_heading(meeting), ratio=1, overflow="fold")

    def annotation_of(commitment_id: str) -> Annotation | None:
        return _annotation(store, commitment_id)

    for row in diff.rows():
        if isinstance(row, AreaMatch):
            table.add_section()
            table.add_row(area_text(row, "a"), area_text(row, "b"), style="on grey11")
        else:
            table.add_row(
                change_cell(row, "a", annotation_of, badges=False),
                change_cell(row, "b", annotation_of, badges=False),
            )
    out.print(table)
    out.print(summary_text(diff))
    return 0


def _annotation(store: Store, commitment_id: str) -> Annotation | None:
    ann = store.annotation(commitment_id)
    return None if ann.is_empty else ann


def _console() -> Console:
    """The terminal; when output is piped, plain text as wide as the terminal would be."""
    if sys.stdout.isatty():
        return Console(highlight=False)
    width = shutil.get_terminal_size((100, 24)).columns
    return Console(highlight=False, width=width, no_color=True, color_system=None)


def _versions_named(store: Store, specs: list[str]) -> tuple[list[str], list[Meeting]]:
    """The names to choose the pair by, a meeting's other language version named by its
    own ID given as its meeting's; and the versions so named."""
    out: list[str] = []
    named: list[Meeting] = []
    versions = store.versions()
    for spec in specs:
        try:
            found = store.find_meeting(spec, version=True)
        except NamingError:
            out.append(spec)  # choose_pair says what is wrong with it
            continue
        if versions.hidden(found):
            named.append(store.meeting(found))
            out.append(versions.primary[found])
        else:
            out.append(spec)
    return out, named

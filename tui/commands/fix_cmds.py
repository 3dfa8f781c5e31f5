"""``coop-tui fix …``: the researcher's corrections of the parse (``store.correcting``).

Each sub-command is one journalled change (undone with ``coop-tui undo``) and prints the
IDs it touched, one a line (``--json``: ``{"ids": [...]}``). IDs may be unique prefixes.
A bad ID, a split point not in the text, a text not in the source, a move across
meetings or a ``fix meeting`` with nothing to set is one line on stderr, exit 2, and
nothing is written. A correction that would change nothing (the name the area has
already) says so on stderr, prints no ID and exits 0.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from parsers.model import Area, Commitment, Meeting
from store import Store
from tui.commands import CommandError, ids, warn
from tui.commands.store_common import (
    add_json_flag,
    open_store,
    print_json,
    resolve_target,
    store_command,
    store_parser,
    text_argument,
)

COMMITMENT_ID = "a commitment's ID or a unique prefix of one (see coop-tui list)"
AREA_ID = "an area's ID or a unique prefix of one (see coop-tui list)"
PRINTS = (
    ' Prints the IDs it touched, one a line (--json: {"ids": [...]}); undo it with coop-tui undo.'
)


def register(sub: argparse._SubParsersAction) -> None:
    fix = sub.add_parser(
        "fix",
        help="correct the parse: rename an area, move, split, merge, exclude or add a commitment",
        description="Correct what the parser got wrong. Corrections are kept with your other "
        "work (journalled, with their time and author), applied again after coop-tui rebuild "
        "or a re-import, and undone with coop-tui undo. A correction that no longer applies "
        "after a re-import is listed by coop-tui orphans.",
    )
    kinds = fix.add_subparsers(dest="fix", metavar="CORRECTION", required=True)

    p = _fix_parser(
        kinds,
        "rename",
        run_rename,
        help="rename an area",
        description="Rename an area. It keeps its ID and every status, tag and note; list "
        "and show give the parser's name beside the new one. The name it has already "
        "changes nothing (said on stderr, exit 0)." + PRINTS,
    )
    p.add_argument("area", metavar="AREA_ID", help=AREA_ID)
    p.add_argument("name", metavar="NAME", help="the area's new name")

    p = _fix_parser(
        kinds,
        "meeting",
        run_meeting,
        help="correct a meeting's title, date, place or parties",
        description="Correct a meeting's title, date (YYYY-MM-DD), place or parties; give at "
        "least one. Values it has already are left as they are. The English and the Chinese "
        "release of one meeting are its two versions when their dates and parties agree: "
        "correcting either links or unlinks them." + PRINTS,
    )
    p.add_argument(
        "meeting",
        metavar="MEETING_ID",
        help="a meeting's ID or a unique prefix of one (or its date, year or parties)",
    )
    p.add_argument("--title", metavar="T", help="the meeting's title")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the meeting's date")
    p.add_argument("--place", metavar="P", help="where the meeting took place")
    p.add_argument(
        "--parties",
        metavar="'A; B'",
        help="the meeting's parties, separated by ';' (e.g. 'Hong Kong; Zhejiang')",
    )

    p = _fix_parser(
        kinds,
        "move",
        run_move,
        help="move a commitment to another area of its meeting, or to a new area",
        description="Move a commitment to another area of its meeting (AREA_ID), or to a new "
        "area (--new-area NAME). It keeps its ID and every annotation. An area of another "
        "meeting is refused (exit 2)." + PRINTS,
    )
    p.add_argument("commitment", metavar="COMMITMENT_ID", help=COMMITMENT_ID)
    p.add_argument("area", metavar="AREA_ID", nargs="?", help=AREA_ID)
    p.add_argument("--new-area", metavar="NAME", help="a new area's name, instead of AREA_ID")

    p = _fix_parser(
        kinds,
        "split",
        run_split,
        help="split a commitment in two",
        description="Split a commitment in two where TEXT starts (TEXT must occur in its text "
        "exactly once, not at its start; any run of spaces matches any other). The first part "
        "keeps the ID and the annotations; the second gets a new ID. Prints both IDs, the "
        "first part's first; undo it with coop-tui undo.",
    )
    p.add_argument("commitment", metavar="COMMITMENT_ID", help=COMMITMENT_ID)
    p.add_argument(
        "--at", metavar="TEXT", required=True, help="where the second part starts (its first words)"
    )

    p = _fix_parser(
        kinds,
        "merge",
        run_merge,
        help="merge two commitments of one area",
        description="Merge the second commitment into the first (both of one area): the "
        "first keeps its ID and takes the second's text after its own, and the statuses, "
        "tags and notes of both." + PRINTS,
    )
    p.add_argument("first", metavar="COMMITMENT_ID", help="the commitment that stays")
    p.add_argument("second", metavar="COMMITMENT_ID", help="the commitment merged into it")

    p = _fix_parser(
        kinds,
        "exclude",
        run_exclude,
        help="mark a commitment as not a commitment (or restore it)",
        description="Exclude a commitment that is not one (a caption, a progress remark): it "
        "stays listed under its area's excluded ones but is not counted, searched or exported "
        "as a commitment; --restore makes it a commitment again. Excluding an excluded one "
        "(or restoring one that is not) changes nothing (said on stderr, exit 0)." + PRINTS,
    )
    p.add_argument("commitment", metavar="COMMITMENT_ID", help=COMMITMENT_ID)
    p.add_argument("--restore", action="store_true", help="make it a commitment again")

    p = _fix_parser(
        kinds,
        "add",
        run_add,
        help="add a commitment the parser missed, from the meeting's source",
        description="Add a commitment to an area: TEXT must occur in the meeting's source "
        "document (compared ignoring whitespace and case; see coop-tui source). TEXT - reads "
        "it from standard input." + PRINTS,
    )
    p.add_argument("area", metavar="AREA_ID", help=AREA_ID)
    p.add_argument("text", metavar="TEXT|-", help="the commitment's text, or - for stdin")


def _fix_parser(
    kinds: argparse._SubParsersAction,
    name: str,
    handler: Callable[[argparse.Namespace], int],
    *,
    help: str,
    description: str,
) -> argparse.ArgumentParser:
    p = store_parser(kinds, name, handler, help=help, description=description)
    add_json_flag(p, 'print {"ids": [...]}')
    return p


def _report(args: argparse.Namespace, touched: list[str], unchanged: str) -> int:
    """Print the IDs touched; when there are none, say why on stderr (exit 0)."""
    if args.json:
        print_json({"ids": touched})
    else:
        for target in touched:
            print(target)
    if not touched:
        warn(f"{unchanged}; nothing changed")
    return 0


def _area(store: Store, spec: str) -> tuple[Meeting, Area]:
    target = ids.resolve_id(store, spec)
    meeting, area, commitment = store.locate(target)
    if area is None or commitment is not None:
        what = "a meeting" if area is None else "a commitment"
        raise CommandError(
            f"{target} is {what}, not an area (give an area's ID; see coop-tui list)"
        )
    return meeting, area


def _commitment(store: Store, spec: str) -> tuple[Meeting, Area, Commitment]:
    target = ids.resolve_id(store, spec)
    meeting, area, commitment = store.locate(target)
    if area is None or commitment is None:
        what = "a meeting" if area is None else "an area"
        raise CommandError(
            f"{target} is {what}, not a commitment (give a commitment's ID; see coop-tui list)"
        )
    return meeting, area, commitment


@store_command
def run_rename(args: argparse.Namespace) -> int:
    store = open_store(args)
    _meeting, area = _area(store, args.area)
    touched = store.rename_area(area.id, args.name)
    return _report(args, touched, f"area {area.id} is already named {area.name!r}")


@store_command
def run_meeting(args: argparse.Namespace) -> int:
    values = {
        k: getattr(args, k)
        for k in ("title", "date", "place", "parties")
        if getattr(args, k) is not None
    }
    if not values:
        raise CommandError(
            "give what to correct: --title T, --date YYYY-MM-DD, --place P or --parties 'A; B'"
        )
    store = open_store(args)
    target = resolve_target(store, args.meeting)
    meeting, area, _c = store.locate(target)
    if area is not None:
        raise CommandError(f"{target} is not a meeting (give a meeting's ID; see coop-tui list)")
    touched = store.correct_meeting(meeting.id, **values)
    said = ", ".join(f"{k} {v!r}" for k, v in values.items())
    return _report(args, touched, f"meeting {meeting.id} has that {said} already")


@store_command
def run_move(args: argparse.Namespace) -> int:
    if args.area is None and args.new_area is None:
        raise CommandError("give the area to move to (AREA_ID), or --new-area NAME")
    if args.area is not None and args.new_area is not None:
        raise CommandError("give the area to move to (AREA_ID) or --new-area NAME, not both")
    store = open_store(args)
    _meeting, area, c = _commitment(store, args.commitment)
    if args.area is not None:
        _dest_meeting, dest = _area(store, args.area)  # (the store refuses another meeting's)
        if dest.id == area.id:
            return _report(args, [], f"{c.id} is in area {area.id} already")
        return _report(args, store.move_commitment(c.id, dest.id), "")
    return _report(args, store.move_commitment(c.id, new_area=args.new_area), "")


@store_command
def run_split(args: argparse.Namespace) -> int:
    store = open_store(args)
    _meeting, _area, c = _commitment(store, args.commitment)
    return _report(args, store.split_commitment(c.id, args.at), "")


@store_command
def run_merge(args: argparse.Namespace) -> int:
    store = open_store(args)
    _m, _a, first = _commitment(store, args.first)
    _m, _a, second = _commitment(store, args.second)
    return _report(args, store.merge_commitments(first.id, second.id), "")


@store_command
def run_exclude(args: argparse.Namespace) -> int:
    store = open_store(args)
    _meeting, area, c = _commitment(store, args.commitment)
    excluded = any(x.id == c.id for x in area.excluded)
    if excluded != args.restore:  # excluded already, or restoring one that is not
        state = "excluded" if excluded else "a commitment (not excluded)"
        return _report(args, [], f"{c.id} is {state} already")
    return _report(args, store.exclude_commitment(c.id, restore=args.restore), "")


@store_command
def run_add(args: argparse.Namespace) -> int:
    text = text_argument(args.text, "commitment's text")
    store = open_store(args)
    _meeting, area = _area(store, args.area)
    return _report(args, store.add_commitment(area.id, text), "")

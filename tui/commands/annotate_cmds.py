"""``coop-tui status``, ``status-remove``, ``tag``, ``note``, ``notes``, ``orphans`` and
``reattach``.

Each command that writes returns (exit 0) only once its change is on disk.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import Any

from rich.text import Text

from parsers.normalise import clip, collapse_ws
from parsers.normalise import strip_controls as remove_controls
from store import Orphan, Status, Store, StoreError
from store.model import compliance_text
from store.safetext import visible
from tui.commands import CommandError, correction_view, ids, warn
from tui.commands.store_common import (
    add_id_argument,
    add_json_flag,
    console,
    json_text,
    open_store,
    print_json,
    resolve_target,
    store_command,
    store_parser,
    text_argument,
)
from tui.render import literal, strip_controls, style_marks

STATUS_NAMES = ", ".join(s.value for s in Status)
NOTE_ID_HELP = "a note ID or a unique prefix of one"


def register(sub: argparse._SubParsersAction) -> None:
    p = store_parser(
        sub,
        "status",
        run_status,
        help="set a commitment's implementation status",
        description=f"Record a status for a commitment: {STATUS_NAMES}. Every change is kept "
        "in the status history; the current status again, with no other source or evidence, "
        "is left unchanged. Areas and meetings take tags and notes, not statuses.",
    )
    add_id_argument(p, help="a commitment ID or a unique prefix of one")
    p.add_argument("status", metavar="STATUS", help=STATUS_NAMES)
    p.add_argument("--source", metavar="S", help="where the evidence is: a URL or a citation")
    p.add_argument("--evidence", metavar="TEXT", help="a short note on the evidence")

    p = store_parser(
        sub,
        "status-remove",
        run_status_remove,
        help="remove a mistaken entry from a commitment's status history",
        description="Remove one entry from a commitment's status history: --entry N as "
        "coop-tui show numbers them (oldest first), or --last. Removing the latest entry "
        "makes the one before it the status again. The removal is recorded, so importing an "
        "older export that still has the entry does not bring it back.",
    )
    add_id_argument(p)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--entry", metavar="N", type=int, help="the entry numbered N by show")
    which.add_argument("--last", action="store_true", help="the latest entry")

    p = store_parser(
        sub,
        "tag",
        run_tag,
        help="add tags to a commitment (or remove them)",
        description="Add free-form tags to a commitment, area or meeting, or remove them with "
        "--remove. Commas separate tags, as in the app (tag ID 'a, b' adds a and b); case "
        "does not matter (Finance and finance are one tag; the first spelling is kept). "
        "Removing a tag the target does not have changes nothing and exits 2. Prints the "
        "tags it has afterwards.",
    )
    add_id_argument(p)
    p.add_argument("tags", nargs="+", metavar="TAG", help="free-form tags")
    p.add_argument("--remove", action="store_true", help="remove the tags instead")

    p = store_parser(
        sub,
        "note",
        run_note,
        help="add a Markdown note to a commitment (prints the note's ID)",
        description="Add a note to a commitment, area or meeting. TEXT - reads the note "
        "from standard input. Prints the new note's ID.",
    )
    add_id_argument(p)
    p.add_argument("text", metavar="TEXT|-", help="the note (Markdown), or - for stdin")

    p = store_parser(
        sub,
        "note-edit",
        run_note_edit,
        help="replace the text of a note",
        description="Replace the text of a note (its ID from coop-tui notes or show; a unique "
        "prefix will do). TEXT - reads the new text from standard input.",
    )
    add_id_argument(p, "note", "NOTE_ID", NOTE_ID_HELP)
    p.add_argument("text", metavar="TEXT|-", help="the new text, or - for stdin")

    p = store_parser(
        sub,
        "note-delete",
        run_note_delete,
        help="delete a note",
        description="Delete a note (its ID from coop-tui notes or show; a unique prefix will do).",
    )
    add_id_argument(p, "note", "NOTE_ID", NOTE_ID_HELP)

    add_json_flag(
        store_parser(
            sub,
            "notes",
            run_notes,
            help="list every note",
            description="List every note in the store, oldest first, with the commitment, "
            "area or meeting it is on.",
        )
    )
    add_json_flag(
        store_parser(
            sub,
            "orphans",
            run_orphans,
            help="annotations and corrections a re-import left without their commitment",
            description="List statuses, tags and notes whose target is no longer in the store "
            "(after a re-import changed it too much to re-attach them safely), each with the "
            "most similar commitments; re-attach one with coop-tui reattach. Then the "
            "corrections (coop-tui fix) that no longer apply to the parse, each with why "
            'and the most similar commitments or areas (--json: kind "correction", with '
            "why, summary and the correction as payload).",
        )
    )

    p = store_parser(
        sub,
        "reattach",
        run_reattach,
        help="attach an orphaned status, tag set or note to a commitment",
        description="Attach an orphan (a status, tag set or note whose commitment a re-import "
        "removed; see coop-tui orphans) to a commitment, area or meeting (a status only to a "
        "commitment). A status history is merged with the target's in time order.",
    )
    add_id_argument(p, "orphan", "ORPHAN_ID", "from coop-tui orphans (a prefix will do)")
    add_id_argument(p, "target", "COMMITMENT_ID")


def _status(value: str) -> Status:
    try:
        return Status.parse(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a status; use one of: {STATUS_NAMES}") from None


def _say_where_it_goes(store: Store, target: str) -> None:
    """A note when ``target`` is another language version's commitment that says several
    of the primary version's in one: what is given to it is recorded on the first."""
    shares = store.versions().shares.get(target)
    if shares:
        warn(f"note: {target} says {len(shares)} commitments of the meeting's primary version "
             f"in one ({', '.join(shares)}): recorded on the first, {shares[0]}")  # fmt: skip


@store_command
def run_status(args: argparse.Namespace) -> int:
    status = _status(args.status)
    store = open_store(args)
    target = ids.resolve_id(store, args.id)
    _say_where_it_goes(store, target)
    if store.set_status(target, status, source=args.source, evidence=args.evidence) is None:
        print(f"{target}: {status.value} unchanged (already its status; nothing recorded)")
        return 0
    print(f"{target}: {status.value} ({_compliance(status)})")
    _meeting, area, _commitment = store.locate(target)
    if area is not None and any(c.id == target for c in area.excluded):
        warn(f"note: {target} is excluded from the parse: its status is kept but not "
             f"counted (coop-tui fix exclude {target} --restore counts it again)")  # fmt: skip
    return 0


@store_command
def run_status_remove(args: argparse.Namespace) -> int:
    store = open_store(args)
    target = ids.resolve_id(store, args.id)
    history = store.annotation(target).history
    if not history:
        raise CommandError(f"{target}: has no status history (see coop-tui show {target})")
    number = len(history) if args.last else args.entry
    if not 1 <= number <= len(history):
        raise CommandError(
            f"{target}: no entry {number}; its status history has entries 1 to {len(history)} "
            f"(see coop-tui show {target})"
        )
    change = history[number - 1]
    store.remove_status_change(target, change)
    now = store.annotation(target).status
    print(
        f"{target}: removed entry {number} ({change.status.value}, set {change.at}); "
        f"status now: {now.value}"
    )
    return 0


def _compliance(status: Status) -> str:
    """``compliance +1.00`` / ``compliance 0.00`` / ``compliance -1.00``, as ``show``, the
    app and the report print it (``compliance_text``)."""
    score = status.compliance
    if score is None:
        return "no compliance score: left out of averages"
    return f"compliance {compliance_text(score)}"


@store_command
def run_tag(args: argparse.Namespace) -> int:
    store = open_store(args)
    target = resolve_target(store, args.id)
    _say_where_it_goes(store, target)
    # a tag to add is taken as the app's tags dialog takes a typed one: control characters
    # removed (one to remove is matched as given: a tag an import brought may hold them)
    values = args.tags if args.remove else [remove_controls(value) for value in args.tags]
    given = [part for value in values for part in value.split(",") if part.strip()]
    tags = store.remove_tags(target, given) if args.remove else store.add_tags(target, given)
    console().print(literal(f"{target}: tags: {', '.join(tags) if tags else 'none'}"))
    return 0


@store_command
def run_note(args: argparse.Namespace) -> int:
    text = text_argument(args.text, "note")
    store = open_store(args)
    target = resolve_target(store, args.id)
    _say_where_it_goes(store, target)
    note = store.add_note(target, text)
    print(note.id)
    return 0


@store_command
def run_note_edit(args: argparse.Namespace) -> int:
    text = text_argument(args.text, "note")
    store = open_store(args)
    note = store.edit_note(ids.resolve_note(store, args.note), text)
    print(note.id)
    return 0


@store_command
def run_note_delete(args: argparse.Namespace) -> int:
    store = open_store(args)
    note_id = ids.resolve_note(store, args.note)
    store.delete_note(note_id)
    print(visible(f"deleted note {note_id}"))
    return 0


def _target_summary(store: Store, target_id: str) -> dict[str, Any] | None:
    try:
        meeting, area, commitment = store.locate(target_id)
    except StoreError:
        return None  # an orphan: see coop-tui orphans
    kind = "commitment" if commitment else "area" if area else "meeting"
    text = commitment.text if commitment else area.name if area else meeting.title
    return {"kind": kind, "text": text, "meeting_id": meeting.id}


@store_command
def run_notes(args: argparse.Namespace) -> int:
    store = open_store(args)
    notes = store.notes()
    if args.json:
        print_json([{**n.to_dict(), "target": _target_summary(store, n.target_id)} for n in notes])
        return 0
    out = console()
    if not notes:
        out.print("no notes yet: add one with coop-tui note ID TEXT")
    for n in notes:
        target = _target_summary(store, n.target_id)
        head = literal(f"note {n.id}", style="bold")
        head.append_text(literal(f"  on {n.target_id}", style="dim"))
        if target is None:
            head.append("  (orphaned: see coop-tui orphans)", style="yellow")
        else:
            head.append(
                literal(f"  {target['kind']}: {clip(collapse_ws(target['text']), 60)}", style="dim")
            )
        out.print(head)
        edited = f", edited {n.updated}" if n.updated != n.created else ""
        out.print(Text(f"{n.created}{edited}", style="dim"))
        out.print(literal(n.text))
        out.print()
    return 0


#: Orphans whose suggestions are worked out, then printed, at a time: the first are
#: shown at once however many there are.
ORPHANS_AT_A_TIME = 500


def _orphan_batches(store: Store) -> Iterator[list[Orphan]]:
    """Every orphan, a batch at a time, each batch with its suggestions."""
    orphans = store.orphans(suggest=False)
    pools: dict[Any, Any] = {}  # a meeting's commitments, normalised once for all batches
    for start in range(0, len(orphans), ORPHANS_AT_A_TIME):
        batch = orphans[start : start + ORPHANS_AT_A_TIME]
        store.suggest(batch, pools)
        yield batch


@store_command
def run_orphans(args: argparse.Namespace) -> int:
    store = open_store(args)
    if args.json:  # written as it goes, as print_json writes the whole list
        first = True
        sys.stdout.write("[")
        found: dict[str, dict[str, Any] | None] = {}  # suggested commitment → its summary
        for batch in _orphan_batches(store):
            for o in batch:
                item = o.to_dict()
                for s in item["suggestions"]:
                    if s["id"] not in found:
                        found[s["id"]] = _target_summary(store, s["id"])
                    summary = found[s["id"]]
                    s["text"] = summary["text"] if summary else None
                text = json_text(item).replace("\n", "\n  ")
                sys.stdout.write(("\n  " if first else ",\n  ") + text)
                first = False
        for correction, why in store.correction_orphans():
            text = json_text(correction_view.orphan_json(store, correction, why)).replace(
                "\n", "\n  "
            )
            sys.stdout.write(("\n  " if first else ",\n  ") + text)
            first = False
        sys.stdout.write("]\n" if first else "\n]\n")
        return 0
    out = console()
    shown = 0
    texts: dict[str, str] = {}  # suggested commitment → its text, looked up once
    for batch in _orphan_batches(store):
        for o in batch:
            pieces = _orphan_pieces(store, o, texts)
            if out.is_terminal:
                out.print(style_marks(Text.assemble(*pieces)))
            else:  # what the console would write (no styles), at once for 100,000
                sys.stdout.write("".join(text for text, _style in pieces) + "\n")
            shown += 1
    for correction, why in store.correction_orphans():
        out.print(correction_view.orphan_text(store, correction, why))
        shown += 1
    if not shown:
        out.print(
            "no orphans: every annotation is attached to a stored commitment, and every "
            "correction applies"
        )
    return 0


def _orphan_pieces(store: Store, o: Orphan, texts: dict[str, str]) -> list[tuple[str, str]]:
    """One orphan as ``coop-tui orphans`` prints it (then a blank line), as pieces of
    text and their styles; what comes from a document or a user is made safe."""
    out = [(f"{o.kind} orphan {o.id}", "bold yellow"), (f"  was on {o.old_target_id}", "dim")]
    out.append((strip_controls(f"\n  was: {o.old_text}"), ""))
    if o.kind == "status":
        out.append((f"\n  status: {Status(o.payload['status']).label}", ""))
        if o.payload.get("on"):  # left on an area or meeting by an older coop-tui
            on = f"\n  set on the {o.payload['on']} itself: statuses are for commitments"
            out.append((on, ""))
    elif o.kind == "tags":
        out.append((strip_controls(f"\n  tags: {', '.join(o.payload['tags'])}"), ""))
    else:
        out.append((strip_controls(f"\n  note: {clip(collapse_ws(o.payload['text']), 200)}"), ""))
    if not o.suggestions:
        out.append(("\n  no similar commitment found", ""))
    for cid, score in o.suggestions:
        if cid not in texts:
            found = _target_summary(store, cid)
            texts[cid] = strip_controls(" ".join((found["text"] if found else "").split()))
        out.append((f"\n  {score:5.1f}  {cid}  {texts[cid]}", ""))
    out.append((f"\n  re-attach: coop-tui reattach {o.id} COMMITMENT_ID\n", "dim"))
    return out


@store_command
def run_reattach(args: argparse.Namespace) -> int:
    store = open_store(args)
    orphan_id = ids.resolve_orphan(store, args.orphan)
    target = ids.resolve_id(store, args.target)
    if orphan_id in {c.id for c, _why in store.correction_orphans()}:
        store.reattach_correction(orphan_id, target)
    else:
        store.reattach(orphan_id, target)
    print(visible(f"re-attached {orphan_id} to {target}"))
    return 0

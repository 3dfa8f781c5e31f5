"""``coop-tui init``, ``import``, ``list``, ``show`` and ``rebuild``: the stored agreements."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text
from rich.tree import Tree

from fetching import DEFAULT_TIMEOUT
from parsers import Meeting, naming
from parsers.gazetteer import english_names
from store import ImportResult, Status, Store, StoreError
from store.collect import SUFFIXES, collect_files
from store.model import compliance_text
from store.safetext import visible
from store.store import check_store_exists
from store.versions import Versions
from tui.commands import correction_view, error_line, warn
from tui.commands.store_common import (
    add_id_argument,
    add_json_flag,
    annotation_json,
    console,
    meeting_ids,
    open_store,
    print_json,
    resolve_target,
    store_command,
    store_location,
    store_parser,
)
from tui.render import literal

#: With at least this many files (and a terminal), ``import`` shows a progress bar.
PROGRESS_MIN_FILES = 5
#: ``import DIR`` names at most this many of the files it skipped for their type.
SKIPPED_SHOWN = 5


def register(sub: argparse._SubParsersAction) -> None:
    p = store_parser(
        sub,
        "init",
        run_init,
        help="create a store (at --db PATH, or the default location)",
        description="Create a new store where --db (or $COOP_TUI_DB, else the per-user data "
        "directory) says, with the folders on the way, and import the two sample agreements "
        "into it. A store already there is left as it is. Other commands create a store "
        "only in the default location, or with --create.",
    )

    p = store_parser(
        sub,
        "import",
        run_import,
        help="parse release files and add them to the store",
        description="Parse co-operation releases (files, directories searched for "
        f"{', '.join(SUFFIXES)} files, or http(s) addresses, fetched) and store them. "
        "Importing the same document (or the same address with the same content) again "
        "changes nothing; a changed document replaces the stored one and keeps every "
        "annotation. $COOP_TUI_FETCH_TIMEOUT sets the seconds to wait for a server "
        f"(default {DEFAULT_TIMEOUT:g}).",
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="FILE|DIR|URL",
        help="release files, directories or addresses (https://…)",
    )

    p = store_parser(
        sub,
        "list",
        run_list,
        help="list the stored meetings, areas and commitments with their IDs",
        description="List the stored meetings, areas and commitments with their IDs, "
        f"statuses and tags; only the meetings named, if any ({naming.FORMS}).",
    )
    p.add_argument("meetings", nargs="*", metavar="MEETING", help="only this meeting")
    add_json_flag(p, "the `parse --json` shape, each commitment adding status, tags and notes")

    p = store_parser(
        sub,
        "show",
        run_show,
        help="one commitment (or area or meeting) with its status history, tags and notes",
        description="Show one commitment, area or meeting. ID may be any unique prefix; a "
        'meeting may also be named by its date, its year or its parties ("2025 Zhejiang").',
    )
    add_id_argument(p)
    add_json_flag(p)

    store_parser(
        sub,
        "rebuild",
        run_rebuild,
        help="parse the stored source documents again (after a parser upgrade)",
        description="Parse every stored source document again with this version of the "
        "parser, keeping every annotation. A corpus file that cannot be read is moved aside "
        "first (it holds only derived data).",
    )


# -- init -------------------------------------------------------------------
@store_command
def run_init(args: argparse.Namespace) -> int:
    path, _create = store_location(args)
    exists = f"a store already exists at {path}; it was left as it is"
    try:
        check_store_exists(path)
    except StoreError:  # none there yet: create it
        args.create = True
        store = open_store(args)
    else:
        Store.open(path, create=False, seed_samples=False)  # refused if it is no store
        print(visible(exists))
        return 0
    if not store.created:  # another process created it meanwhile
        print(visible(exists))
        return 0
    added = sum(r.outcome == "added" for r in store.seed_results)
    samples = f", with {added} sample agreement{'s' if added != 1 else ''}" if added else ""
    print(visible(f"created the store {path}{samples}"))
    return 0


# -- import -----------------------------------------------------------------
@store_command
def run_import(args: argparse.Namespace) -> int:
    store = open_store(args)
    collected = collect_files(args.paths)  # an address (https://…) is fetched
    before = len(store.correction_orphans())
    with _progress_bar() as progress:
        results = store.import_collected(collected, progress=progress)
    unapplied = len(store.correction_orphans()) - before
    orphans = store.orphan_count()
    return print_summary(
        results, collected.skipped, orphans, corrections=unapplied, versions=store.versions()
    )


class _progress_bar:
    """A rich progress bar on stderr, started once the file count is known to be large."""

    def __init__(self) -> None:
        self.err = Console(stderr=True, highlight=False)
        self.bar: Progress | None = None
        self.task: Any = None

    def __enter__(self) -> Callable[[int, int, str], None]:
        return self.update

    def update(self, done: int, total: int, current: str) -> None:
        if self.bar is None:
            if total < PROGRESS_MIN_FILES or not self.err.is_terminal:
                return
            self.bar = Progress(
                TextColumn("importing"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=self.err,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("", total=total)
        name = Path(current).name if current else ""
        self.bar.update(self.task, completed=done, description=_plain(name))

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _plain(text: str) -> str:
    return literal(text).plain.replace("[", "(").replace("]", ")")


def failure_line(result: ImportResult) -> str:
    """``coop-tui: <file>: <reason>`` for stderr, as ``parse`` reports a file it cannot read."""
    reason = result.reason or "failed"
    name = Path(result.path).name
    if reason.startswith(f"{result.path}: "):
        pass
    elif name and reason.startswith(f"{name}: "):
        reason = f"{result.path}: {reason[len(name) + 2 :]}"
    else:
        reason = f"{result.path}: {reason}"
    return error_line(reason)


def skipped_line(skipped: list[Path], shown: int = SKIPPED_SHOWN) -> str:
    """``skipped N file(s) of other types: a.pdf, b.png …`` (not an error)."""
    names = ", ".join(str(p) for p in skipped[:shown])
    more = " …" if len(skipped) > shown else ""
    return f"skipped {len(skipped)} file(s) of other types: {names}{more}"


def print_summary(
    results: list[ImportResult],
    skipped: list[Path] | None = None,
    orphans: int | None = None,
    corrections: int = 0,
    versions: Versions | None = None,
) -> int:
    """Each result and the totals on stdout; each failure also as one line on stderr.
    With the store's ``versions``, a meeting that is another meeting's language version
    says whose.

    ``orphans`` is how many orphans the store has now (``coop-tui orphans`` lists them:
    the import's own and any left from before), said beside those the import made;
    ``corrections`` how many corrections of the parse the import left not applying."""
    out = console()
    for r in results:
        if r.outcome == "failed":
            print(failure_line(r), file=sys.stderr)
    counts = {k: 0 for k in ("added", "unchanged", "updated", "failed")}
    reattached = orphaned = 0
    for r in results:
        counts[r.outcome] += 1
        reattached += r.reattached
        orphaned += r.orphaned
        line = Text(f"{r.outcome:<9} ", style="red" if r.outcome == "failed" else "")
        line.append(literal(r.path))
        if r.meeting_id:
            line.append(f"  {r.meeting_id}", style="dim")
            primary = versions.primary.get(r.meeting_id) if versions else None
            if versions is not None and primary is not None and primary != r.meeting_id:
                language = versions.language[r.meeting_id]
                line.append(f"  ({language} version of meeting {primary})", style="dim")
        if r.reattached or r.orphaned:
            line.append(f"  ({r.reattached} re-attached, {r.orphaned} orphaned)")
        out.print(line)
        if r.reason:
            out.print(literal(f"          {r.reason}", style="red"))
        for renamed in r.renamed:  # a lost heading named after another meeting's area
            out.print(literal(f"          lost heading named: {renamed}"))
    if skipped:
        out.print(literal(skipped_line(skipped)))
    total = Text(f"{len(results)} file(s): ")
    total.append(", ".join(f"{n} {k}" for k, n in counts.items()))
    if reattached or orphaned:
        total.append(f"; annotations: {reattached} re-attached, {orphaned} orphaned")
        if orphaned and orphans is not None and orphans != orphaned:
            total.append(f" by this import ({orphans} orphaned in all: see coop-tui orphans)")
        elif orphaned:
            total.append(" (see coop-tui orphans)")
    if corrections > 0:
        total.append(f"; corrections: {corrections} no longer apply (see coop-tui orphans)")
    out.print(total)
    return 2 if counts["failed"] else 0


# -- list ---------------------------------------------------------------------
@store_command
def run_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    meetings = store.meetings()
    if args.meetings:  # a meeting's other language version may be named too
        wanted = set(meeting_ids(store, args.meetings, version=True))
        meetings = [m for m in store.meetings(every=True) if m.id in wanted]
    if args.json:
        print_json([meeting_json(store, m.id) for m in meetings])
        return 0
    out = console()
    if not meetings:
        out.print(f"The store {store.path} is empty: add releases with coop-tui import FILE|DIR")
    for meeting in meetings:
        head = literal(meeting.title or meeting.source, style="bold")
        head.append(literal(f"  {meeting.id}", style="dim"))
        head.append("\n")
        head.append(literal(f"{meeting.date or 'undated'} · {' & '.join(meeting.parties)}"))
        if meeting.kind != "agreement":
            head.append(f" · {meeting.kind}", style="italic")
        languages = store.versions().languages(meeting.id) or [meeting.language]
        if languages != ["en"]:
            head.append(f" · {' + '.join(languages)}", style="dim")
        if meeting.original:  # its title, date or place corrected
            head.append(f"  ({', '.join(meeting.original)} corrected)", style="dim")
        head.append(_marks(store, meeting.id))
        tree = Tree(head)
        for area in meeting.areas:
            label = literal(area.name, style="cyan")
            label.append(literal(f"  {area.id}", style="dim"))
            label.append(correction_view.area_label(area))
            label.append(_marks(store, area.id))
            node = tree.add(label)
            for c in area.commitments:
                text = literal(f"{c.id}  ", style="dim")
                text.append(literal(c.text))
                text.append(correction_view.commitment_label(c))
                text.append(_marks(store, c.id))
                for language, other in store.translations(c.id).items():
                    text.append(literal(f"\n  {language}: {other}", style="dim"))
                node.add(text)
            for c in area.excluded:  # listed (to be found and restored), not counted
                text = literal(f"{c.id}  ", style="dim")
                text.append(literal(c.text, style="dim strike"))
                text.append("  (excluded: not a commitment)", style="yellow")
                node.add(text)
        out.print(tree)
    return 0


def _marks(store: Store, target_id: str) -> Text:
    ann = store.annotation(target_id)
    marks = Text()
    if ann.status is not Status.NOT_RATED:
        marks.append(f"  [{ann.status.label}]", style="bold")
    if ann.tags:
        marks.append(literal("  #" + " #".join(ann.tags), style="magenta"))
    if ann.notes:
        marks.append(f"  ({len(ann.notes)} note{'s' if len(ann.notes) > 1 else ''})", style="dim")
    return marks


def meeting_json(store: Store, meeting_id: str) -> dict[str, Any]:
    """``parse --json``'s shape, each commitment, area and meeting adding its annotations."""
    meeting = store.meeting(meeting_id)
    data = meeting.to_dict()
    data.update(english_names(meeting.parties, meeting.place))  # 香港 → Hong Kong
    origin = store.origin(meeting_id)  # fetched from a URL: which, and when
    if origin is not None:
        data["url"], data["fetched"] = origin
    versions = store.versions()  # its versions in other languages (``store.versions``)
    data["languages"] = versions.languages(meeting_id) or [data["language"]]
    data["warnings"] += versions.warnings.get(meeting_id, [])
    data.update(annotation_json(store.annotation(meeting_id)))
    for area in data["areas"]:
        area.update(annotation_json(store.annotation(area["id"])))
        area["translations"] = store.translations(area["id"])
        for c in area["commitments"]:
            c.update(annotation_json(store.annotation(c["id"])))
            c["translations"] = store.translations(c["id"])
            mine = versions.item_meeting.get(c["id"], meeting.id)
            if mine != meeting.id:  # only the other version has it: its text is in its language
                c["language"] = versions.language[mine]
        correction_view.excluded_json(area, lambda i: annotation_json(store.annotation(i)))
    return data


# -- show -----------------------------------------------------------------------
def target_json(store: Store, target_id: str) -> dict[str, Any]:
    meeting, area, commitment = store.locate(target_id)
    kind = "commitment" if commitment else "area" if area else "meeting"
    text = commitment.text if commitment else area.name if area else meeting.title
    ann = store.annotation(target_id)
    return {
        "id": target_id,
        "kind": kind,
        "text": text,
        "meeting": _meeting_about(store, meeting),
        "area": {"id": area.id, "name": area.name} if area else None,
        "status": ann.status.value,
        "status_label": ann.status.label,
        "compliance": ann.status.compliance,
        "history": [c.to_dict() for c in ann.history],
        "tags": list(ann.tags),
        "notes": annotation_json(ann)["notes"],
        "language": meeting.language,
        "translations": store.translations(target_id),
        **correction_view.marks_json(store, meeting, area, commitment),
    }


def _meeting_about(store: Store, meeting: Meeting) -> dict[str, Any]:
    """A meeting's ID, title, date and kind ("agreement" or "progress report"), and the
    URL and time it was fetched, if it was."""
    about: dict[str, Any] = {
        "id": meeting.id,
        "title": meeting.title,
        "date": meeting.date,
        "kind": meeting.kind,
    }
    origin = store.origin(meeting.id)
    if origin is not None:
        about["url"], about["fetched"] = origin
    return about


@store_command
def run_show(args: argparse.Namespace) -> int:
    store = open_store(args)
    data = target_json(store, resolve_target(store, args.id))
    if args.json:
        print_json(data)
        return 0
    out = console()
    out.print(literal(f"{data['kind']} {data['id']}", style="bold"))
    out.print(literal(data["text"]))
    for language, other in data["translations"].items():  # its other language versions
        out.print(literal(f"{language}: {other}", style="dim"))
    m = data["meeting"]
    where = literal(f"meeting {m['id']}: {m['title']} ({m['date'] or 'undated'})", style="dim")
    if m["kind"] != "agreement":  # as `list` says it: "· progress report"
        where.append(f" · {m['kind']}", style="dim italic")
    out.print(where)
    if m.get("url"):
        out.print(literal(f"fetched from {m['url']} at {m['fetched']}", style="dim"))
    if data["area"]:
        out.print(literal(f"area {data['area']['id']}: {data['area']['name']}", style="dim"))
    for line in correction_view.show_lines(data):
        out.print(line)
    score = data["compliance"]
    if data["kind"] == "commitment":
        status = Text(f"status: {data['status_label']}", style="bold")
        if score is not None:
            status.append(f"  (compliance {compliance_text(score)})")
        out.print(status)
    elif data["history"]:  # an older coop-tui allowed a status on an area or a meeting
        out.print(
            f"statuses are for commitments; left from an older coop-tui on this {data['kind']} "
            "(coop-tui orphans re-attaches it to a commitment):"
        )
    for number, change in enumerate(data["history"], 1):  # status-remove --entry N
        line = literal(f"  {number}. {change['at']}  {Status(change['status']).label}")
        if change["source"]:
            line.append(literal(f"  source: {change['source']}"))
        if change["evidence"]:
            line.append(literal(f"  evidence: {change['evidence']}"))
        if change.get("by"):
            line.append(literal(f"  by {change['by']}"))
        out.print(line)
    out.print(literal("tags: " + (", ".join(data["tags"]) or "none")))
    if not data["notes"]:
        out.print("notes: none")
    for note in data["notes"]:
        stamp = (
            note["created"]
            + (f", edited {note['updated']}" if note["updated"] != note["created"] else "")
            + (f", by {note['by']}" if note["by"] else "")
        )
        out.print(literal(f"note {note['id']} ({stamp})", style="bold"))
        out.print(literal(note["text"]))
    return 0


# -- rebuild --------------------------------------------------------------------
@store_command
def run_rebuild(args: argparse.Namespace) -> int:
    path, create = store_location(args)
    store = Store.open(path, seed_samples=False, set_aside_bad_corpus=True, create=create)
    if store.set_aside is not None:
        warn(f"the unreadable corpus was moved aside to {store.set_aside}")
    before = len(store.correction_orphans())
    with _progress_bar() as progress:
        results = store.rebuild(progress=progress)
    unapplied = len(store.correction_orphans()) - before
    return print_summary(
        results, orphans=store.orphan_count(), corrections=unapplied, versions=store.versions()
    )

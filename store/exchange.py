"""Merging a colleague's annotations (a JSON export or a notes folder) into the store.

Rules, per target (commitment, area or meeting ID):

* **notes** — a note whose text is already on the target (or whose ID and text
  match a stored note) is not added again; a note with a stored note's ID but
  other text (both of you edited it) is added beside yours under a new ID, so
  neither version is lost; any other note is added with its ID and its
  created/updated times;
* **status** — the two histories are merged in time order without repeating a
  change already present (same status, time, source and evidence); the most
  recent change is the status, the others stay in the history; a change that
  was removed from the history here (``coop-tui status-remove``) is not brought
  back; a status on an area or a meeting (an older coop-tui allowed one) is
  skipped and counted in the summary: statuses are for commitments;
* **tags** — the union (a tag the colleague removed is not removed here);
* a target that is **not in this store** (another parser version, a meeting you
  have not imported) is kept as it came, with its anchor (kind, text, meeting,
  document): the store lists it as an orphan, with suggestions by text, for
  ``coop-tui reattach``.

The whole merge is one journal write (``Store.transaction``): all of it lands,
or none of it. Importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store import fsio, importer, mdtext, notesdir
from store.annotations import AnnotationState, EventError
from store.errors import StoreError
from store.model import Note, StatusChange, now_iso
from store.store import Store

KINDS = ("commitment", "area", "meeting")


@dataclass
class Incoming:
    """One target's annotation as a colleague exported it."""

    target_id: str
    anchor: dict[str, Any]
    history: list[StatusChange] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass
class MergeSummary:
    targets: int = 0
    notes_added: int = 0
    notes_identical: int = 0
    notes_conflicting: int = 0
    changes_added: int = 0
    changes_present: int = 0
    statuses_changed: int = 0
    changes_removed: int = 0
    changes_skipped: int = 0
    tags_added: int = 0
    orphans: int = 0
    skipped: list[str] = field(default_factory=list)

    def lines(self, source: str) -> list[str]:
        out = [f"{source}: {self.targets} annotated target(s) read"]
        notes = f"notes: {self.notes_added} added, {self.notes_identical} already here"
        if self.notes_conflicting:
            notes += f", {self.notes_conflicting} edited differently (kept beside yours)"
        out.append(notes)
        out.append(
            f"status changes: {self.changes_added} added, {self.changes_present} already here; "
            f"{self.statuses_changed} current status(es) changed"
        )
        if self.changes_removed:
            out.append(
                f"status changes: {self.changes_removed} removed here earlier, not brought back"
            )
        if self.changes_skipped:
            out.append(
                f"status changes: {self.changes_skipped} on areas or meetings skipped "
                "(statuses are for commitments)"
            )
        out.append(f"tags: {self.tags_added} added")
        if self.orphans:
            out.append(
                f"orphans: {self.orphans} target(s) not in this store, kept as orphans "
                "(see coop-tui orphans)"
            )
        if self.skipped:
            out.append(f"skipped {len(self.skipped)} Markdown file(s) that are not coop-tui notes")
        return out


# -- reading ---------------------------------------------------------------------
def _incoming(record: dict[str, Any], where: str) -> Incoming:
    try:
        target = str(record["id"]).strip()
        if not target:
            raise ValueError("empty id")
        kind = str(record.get("kind") or "commitment")
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        meeting = record.get("meeting") or {}
        anchor = {
            "kind": kind,
            "text": str(record.get("text") or ""),
            "meeting": meeting.get("id"),
            "doc": meeting.get("doc"),
        }
        history = [StatusChange.from_dict(c) for c in record.get("history") or []]
        tags = [" ".join(str(t).split()) for t in record.get("tags") or []]
        notes = [Note.from_dict({**n, "target_id": target}) for n in record.get("notes") or []]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise StoreError(f"{where}: not a coop-tui annotation ({exc!s:.80})") from exc
    for change in history:
        if not change.at.strip():
            raise StoreError(f"{where}: a status change has no time")
        if not all(v is None or isinstance(v, str) for v in (change.source, change.evidence)):
            raise StoreError(f"{where}: a status change's source or evidence is not text")
    for note in notes:
        if not note.text.strip() or not note.id.strip():
            raise StoreError(f"{where}: a note is empty or has no ID")
    return Incoming(target, anchor, history, [t for t in tags if t], notes)


def read_json(path: Path) -> list[Incoming]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({fsio.describe_os_error(exc)})") from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise StoreError(f"{path}: not a JSON export of coop-tui ({exc!s:.80})") from exc
    if not isinstance(data, dict) or data.get("coop-tui") != "annotations":
        raise StoreError(f"{path}: not a JSON export of coop-tui (coop-tui export --format json)")
    if not isinstance(data.get("format"), int) or data["format"] > 1:
        raise StoreError(f"{path}: written by a newer coop-tui; upgrade coop-tui to import it")
    records = data.get("annotations")
    if not isinstance(records, list):
        raise StoreError(f"{path}: no list of annotations in it")
    return [_incoming(r, f"{path}: annotation {i}") for i, r in enumerate(records, 1)]


def read_source(path: Path) -> tuple[list[Incoming], list[str]]:
    """Annotations from a JSON export, a notes folder or one notes file; and skipped files."""
    if path.is_dir():
        records, skipped = notesdir.read_notes_dir(path)
        return [_incoming(r, str(path)) for r in records], [str(p) for p in skipped]
    if not path.exists():
        raise StoreError(f"{path}: no such file or folder")
    if path.suffix.lower() == ".md":
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise StoreError(f"{path}: cannot be read ({exc!s:.80})") from exc
        if not notesdir.is_notes_file(text):
            raise StoreError(f"{path}: not a coop-tui notes file")
        return [_incoming(notesdir.read_notes_file(text, str(path)), str(path))], []
    return read_json(path), []


# -- merging -----------------------------------------------------------------------
def _key(change: StatusChange) -> tuple[str, str, str | None, str | None]:
    return (change.status.value, change.at, change.source, change.evidence)


def _combine(items: list[Incoming]) -> dict[str, Incoming]:
    """One record per target (a folder and a JSON file may both name it)."""
    out: dict[str, Incoming] = {}
    for inc in items:
        have = out.get(inc.target_id)
        if have is None:
            out[inc.target_id] = Incoming(
                inc.target_id, dict(inc.anchor), list(inc.history), list(inc.tags),
                list(inc.notes),
            )  # fmt: skip
            continue
        have.history += inc.history
        have.tags += [t for t in inc.tags if t not in have.tags]
        have.notes += inc.notes
    return out


class _Planner:
    def __init__(self, store: Store, summary: MergeSummary) -> None:
        self.store = store
        self.summary = summary
        self.notes = {n.id: n for n in store.notes()}
        self.events: list[dict[str, Any]] = []

    def anchor(self, inc: Incoming) -> dict[str, Any]:
        found = self.store.corpus.locate(inc.target_id)
        if found is None:
            self.summary.orphans += 1
            return dict(inc.anchor)
        meeting = found[0]
        doc = self.store.corpus.records[meeting.id].doc
        return importer.anchor_for(meeting, doc, inc.target_id) or dict(inc.anchor)

    def merge(self, inc: Incoming) -> None:
        local = self.store.annotation(inc.target_id)
        anchor = self.anchor(inc)
        if anchor.get("kind", "commitment") == "commitment":
            self.merge_history(inc, local.history, anchor)
        else:
            self.summary.changes_skipped += len(inc.history)
        add = [t for t in dict.fromkeys(inc.tags) if t not in local.tags]
        if add:
            self.summary.tags_added += len(add)
            self.events.append(
                {"op": "tags", "target": inc.target_id, "anchor": anchor, "add": add, "remove": []}
            )
        self.merge_notes(inc, [n.text for n in local.notes], anchor)

    def merge_history(
        self, inc: Incoming, local: list[StatusChange], anchor: dict[str, Any]
    ) -> None:
        seen = {_key(c) for c in local}
        removed = {_key(c) for c in self.store.removed_status_changes(inc.target_id)}
        new: list[StatusChange] = []
        for change in sorted(inc.history, key=lambda c: c.at):
            if _key(change) in removed:
                self.summary.changes_removed += 1
            elif _key(change) in seen:
                self.summary.changes_present += 1
            else:
                seen.add(_key(change))
                new.append(change)
        if not new:
            return
        self.summary.changes_added += len(new)
        before = local[-1].status if local else None
        target = inc.target_id
        appending = not local or new[0].at >= local[-1].at
        if not appending:
            # Older changes than ours: journal them on a scratch target, then merge the two
            # histories in time order with the store's own re-attach move.
            target = f"import-{secrets.token_hex(6)}"
        self.events += [
            {"op": "status", "target": target, "anchor": anchor, "change": c.to_dict()} for c in new
        ]
        merged = local + new
        if not appending:
            self.events.append(
                {"op": "move", "what": "status", "from": target, "to": inc.target_id,
                 "note": None, "anchor": anchor, "auto": False, "at": now_iso()}
            )  # fmt: skip
            merged = sorted(local + new, key=lambda c: c.at)
        if merged[-1].status != before:
            self.summary.statuses_changed += 1

    def merge_notes(self, inc: Incoming, texts: list[str], anchor: dict[str, Any]) -> None:
        present = {mdtext.normalise_newlines(t) for t in texts}
        for note in sorted(inc.notes, key=lambda n: (n.created, n.id)):
            text = mdtext.normalise_newlines(note.text)
            stored = self.notes.get(note.id)
            if text in present or (
                stored is not None and mdtext.normalise_newlines(stored.text) == text
            ):
                self.summary.notes_identical += 1
                continue
            note_id = note.id
            if stored is not None:
                self.summary.notes_conflicting += 1
                while note_id in self.notes:
                    note_id = secrets.token_hex(6)
            else:
                self.summary.notes_added += 1
            new = Note(note_id, inc.target_id, note.text, note.created, note.updated)
            self.notes[note_id] = new
            present.add(text)
            self.events.append({"op": "note", "anchor": anchor, "note": new.to_dict()})


def merge(store: Store, items: list[Incoming]) -> MergeSummary:
    """Merge ``items`` into ``store`` in one write; see the module docstring for the rules."""
    combined = _combine(items)
    final = MergeSummary()

    def plan(current: Store) -> list[dict[str, Any]]:
        summary = MergeSummary(targets=len(combined))
        planner = _Planner(current, summary)
        for target_id in sorted(combined):
            planner.merge(combined[target_id])
        scratch = AnnotationState()  # never journal an event the store could not replay
        try:
            for event in planner.events:
                scratch.apply(event)
        except EventError as exc:
            raise StoreError(f"cannot merge the annotations ({exc}); nothing changed") from exc
        final.__dict__.update(summary.__dict__)
        return planner.events

    store.transaction(plan)
    return final


def import_annotations(store: Store, path: Path) -> MergeSummary:
    items, skipped = read_source(path)
    summary = merge(store, items)
    summary.skipped = skipped
    return summary

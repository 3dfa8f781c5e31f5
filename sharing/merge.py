"""Merging a colleague's annotations (a JSON export or a notes folder) into the store.

Rules, per target (commitment, area or meeting ID):

* **notes** — a note whose text is already on the target (or whose ID and text
  match a stored note) is not added again; a note with a stored note's ID but
  other text is an older copy of ours (its version is among ours' earlier ones:
  skipped), a later edit of ours (ours is among its earlier versions: ours is
  updated to it), or both of you edited it: then it is added beside yours under a
  new ID (the same ID for the same version every time), so neither version is
  lost; any other note is added with its ID, its times and its author;
* **status** — the two histories are merged in time order without repeating a
  change already present (same status, time, source and evidence); the most
  recent change is the status, the others stay in the history; a change that
  was removed from the history here (``coop-tui status-remove``) is not brought
  back; a status on an area or a meeting (an older coop-tui allowed one) is
  skipped and counted in the summary: statuses are for commitments;
* **tags** — the union, but for deletions; a tag is one tag in any case (the spelling
  already here is kept);
* **deletions** (``model.Deletion``: a note deleted, a tag removed, with time and
  author) — a copy of a note last edited before its deletion, here or there, is
  skipped, and so is a tag added before its removal; a note or tag of yours that
  the colleague deleted after you last wrote it is deleted here too; the colleague's
  deletions are recorded here, so a third copy cannot bring them back either. A
  note edited after its deletion is kept (imported, or left in place) and named in
  the summary as a conflict: delete it again if it should go;
* a target that is **not in this store** (another parser version, a meeting you
  have not imported) is kept as it came, with its anchor (kind, text, meeting,
  document): the store lists it as an orphan, with suggestions by text, for
  ``coop-tui reattach``.

Every value read is checked first (``store.validate``): a wrong one refuses the whole
import, naming its place. A notes folder holds one file per author and target
(``sharing.notes_folder``); the files
of one target are merged with each other first, by the same rules. The whole merge
is one journal write (``Store.transaction``): all of it lands, or none of it.
Importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sharing import data_export, markdown_text, notes_reading
from store import carry_over, jsonload, validate
from store.annotations import AnnotationState, EventError
from store.errors import StoreError
from store.model import (
    Deletion,
    Note,
    Status,
    StatusChange,
    now_iso,
    status_entry_key,
    tag_key,
    unique_tags,
)
from store.store import Store
from store.validate import MISSING

KINDS = validate.KINDS
SHOWN_IDS = 5
SHOWN_SKIPPED = 20


@dataclass
class Incoming:
    """One target's annotation as a colleague exported it."""

    target_id: str
    anchor: dict[str, Any]
    history: list[StatusChange] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    tag_added: dict[str, dict[str, str | None]] = field(default_factory=dict)


@dataclass
class Source:
    """What a JSON export, a notes folder or a notes file holds."""

    items: list[Incoming] = field(default_factory=list)
    deletions: list[Deletion] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "PATH (why)": files not read


@dataclass
class MergeSummary:
    targets: int = 0
    deletions: int = 0
    notes_added: int = 0
    notes_identical: int = 0
    notes_updated: int = 0
    notes_conflicting: int = 0
    changes_added: int = 0
    changes_present: int = 0
    statuses_changed: int = 0
    changes_removed: int = 0
    changes_skipped: int = 0
    changes_removed_there: int = 0
    tags_added: int = 0
    notes_deleted: int = 0  # yours, deleted there (and not edited here since)
    tags_removed: int = 0  # yours, removed there (and not added again here since)
    notes_skipped: int = 0  # their copies of notes deleted (here or there) after their last edit
    tags_skipped: int = 0  # their tags removed (here or there) after they were added
    revived: list[str] = field(default_factory=list)  # notes edited after a deletion: imported
    kept_edited: list[str] = field(default_factory=list)  # yours, deleted there, edited here since
    orphans: int = 0
    skipped: list[str] = field(default_factory=list)

    def lines(self, source: str) -> list[str]:
        read = f"{source}: {self.targets} annotated target(s) read"
        if self.deletions:
            read += f", {self.deletions} deletion(s)"
        out = [read]
        notes = f"notes: {self.notes_added} added, {self.notes_identical} already here"
        if self.notes_updated:
            notes += f", {self.notes_updated} updated (edited there since)"
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
        if self.changes_removed_there:
            out.append(
                f"status changes: {self.changes_removed_there} removed here as there "
                "(removed from the history there)"
            )
        if self.changes_skipped:
            out.append(
                f"status changes: {self.changes_skipped} on areas or meetings skipped "
                "(statuses are for commitments)"
            )
        tags = f"tags: {self.tags_added} added"
        if self.tags_removed:
            tags += f", {self.tags_removed} removed (removed there)"
        out.append(tags)
        if self.notes_deleted:
            out.append(f"deleted here as there: {self.notes_deleted} note(s)")
        if self.notes_skipped or self.tags_skipped:
            out.append(
                f"skipped as deleted: {self.notes_skipped} note(s), {self.tags_skipped} tag(s) "
                "(deleted after they were last changed)"
            )
        if self.revived:
            out.append(
                f"conflict kept: {_ids(self.revived)} edited after it was deleted; imported "
                "(delete it again if it should go)"
            )
        if self.kept_edited:
            out.append(
                f"conflict kept: {_ids(self.kept_edited)} deleted there but edited here since; "
                "kept (delete it if it should go)"
            )
        if self.orphans:
            out.append(
                f"orphans: {self.orphans} target(s) not in this store, kept as orphans "
                "(see coop-tui orphans)"
            )
        if self.skipped:
            out.append(f"skipped {len(self.skipped)} file(s), not read as coop-tui notes:")
            out += [f"  {line}" for line in self.skipped[:SHOWN_SKIPPED]]
            if len(self.skipped) > SHOWN_SKIPPED:
                out.append(f"  and {len(self.skipped) - SHOWN_SKIPPED} more")
        return out


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:SHOWN_IDS])
    more = f" and {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else ""
    return f"{len(ids)} note(s) ({shown}{more})"


# -- reading ---------------------------------------------------------------------
def _incoming(record: Any, path: str) -> Incoming:
    """One annotation of a JSON export (or a notes file's, read by ``sharing.notes_folder``),
    checked value by value (``store.validate``; raises ``validate.Invalid`` at ``path``)."""
    if not isinstance(record, dict):
        raise validate.Invalid(path, f"an object expected, found {validate.kind_of(record)}")
    target = validate.target_id(record.get("id", MISSING), f"{path}.id")
    kind = record.get("kind", MISSING)
    kind = "commitment" if kind is MISSING else validate.one_of(kind, f"{path}.kind", KINDS)
    meeting = record.get("meeting", MISSING)
    meeting = {} if meeting is None else validate.mapping(meeting, f"{path}.meeting")
    anchor: dict[str, Any] = {
        "kind": kind,
        "text": validate.optional_text(record.get("text", MISSING), f"{path}.text") or "",
        "meeting": validate.optional_text(meeting.get("id", MISSING), f"{path}.meeting.id"),
        "doc": validate.optional_text(meeting.get("doc", MISSING), f"{path}.meeting.doc"),
    }
    where = f"{path}.meeting.parties"
    parties = validate.optional_text_list(meeting.get("parties", MISSING), where)
    if parties:
        anchor["parties"] = parties
    history = [
        validate.change(c, f"{path}.history[{i}]")
        for i, c in enumerate(validate.array(record.get("history", MISSING), f"{path}.history"))
    ]
    tags: list[str] = []
    for i, tag in enumerate(validate.array(record.get("tags", MISSING), f"{path}.tags")):
        tags.append(validate.tag(tag, f"{path}.tags[{i}]"))
    added: dict[str, dict[str, str | None]] = {}
    times = validate.mapping(record.get("tag_added", MISSING), f"{path}.tag_added")
    for tag, when in times.items():
        where = f"{path}.tag_added[{json.dumps(tag, ensure_ascii=False)}]"
        name = validate.tag(tag, where)
        if (found := validate.tag_time(when, where)) is not None:
            added[name] = found
    notes = [
        validate.note(n, f"{path}.notes[{i}]", target)
        for i, n in enumerate(validate.array(record.get("notes", MISSING), f"{path}.notes"))
    ]
    return Incoming(target, anchor, history, tags, notes, added)


def _refused(where: str, exc: validate.Invalid) -> StoreError:
    return StoreError(f"{where}: {exc}; nothing was imported")


def read_json(path: Path) -> Source:
    text = notes_reading.read_text(path)
    try:
        data = jsonload.loads(text)  # NaN is refused where a value is used, with its place
    except jsonload.JSONRefused as exc:
        raise StoreError(f"{path}: {exc}; nothing was imported") from exc
    except ValueError as exc:
        notes_reading.check_conflicts(text, str(path))
        raise StoreError(f"{path}: not a JSON export of coop-tui ({exc!s:.80})") from exc
    if not isinstance(data, dict) or data.get("coop-tui") != "annotations":
        raise StoreError(f"{path}: not a JSON export of coop-tui (coop-tui export --format json)")
    try:
        version = validate.whole_number(data.get("format", MISSING), "format")
        if version < 1:
            raise validate.Invalid("format", f"{version} is not a format of coop-tui's")
        if version > data_export.EXPORT_FORMAT:
            raise StoreError(f"{path}: written by a newer coop-tui; upgrade coop-tui to import it")
        records = validate.array(data.get("annotations", MISSING), "annotations")
        deletions = validate.array(data.get("deletions", MISSING), "deletions")
        return Source(
            [_incoming(r, f"annotations[{i}]") for i, r in enumerate(records)],
            [validate.deletion(d, f"deletions[{i}]") for i, d in enumerate(deletions)],
        )
    except validate.Invalid as exc:
        raise _refused(str(path), exc) from None


def read_source(path: Path) -> Source:
    """Annotations and deletions from a JSON export, a notes folder or one notes file."""
    if path.is_dir():
        found = notes_reading.read_notes_dir(path)
        records, deletions = found.records, found.deletions
        skipped = [f"{p} ({reason})" for p, reason in found.skipped]
    elif not path.exists():
        raise StoreError(f"{path}: no such file or folder")
    elif path.suffix.lower() == ".md":
        text = notes_reading.read_markdown(path, follow=True)  # named by the user
        if text is None:
            raise StoreError(f"{path}: not a coop-tui notes file (not UTF-8)")
        notes_reading.check_conflicts(text, str(path))
        notes_reading.check_format(text, str(path))
        if notes_reading.is_deletions_file(text):
            return Source([], notes_reading.read_deletions_file(text, str(path)))
        if not notes_reading.is_notes_file(text):
            raise StoreError(f"{path}: not a coop-tui notes file")
        records, deletions, skipped = [notes_reading.read_notes_file(text, str(path))], [], []
    else:
        return read_json(path)
    try:  # checked with their lines by sharing.notes_folder already
        return Source([_incoming(r, "") for r in records], deletions, skipped)
    except validate.Invalid as exc:
        raise _refused(str(path), exc) from None


# -- merging -----------------------------------------------------------------------
def _key(change: StatusChange) -> tuple[str, str, str | None, str | None]:
    return (change.status.value, change.at, change.source, change.evidence)


def _text(note: Note) -> str:
    return markdown_text.normalise_newlines(note.text)


def _version(note: Note) -> tuple[str, str, str]:
    return (note.id, note.updated, _text(note))


def _combine(items: list[Incoming]) -> dict[str, Incoming]:
    """One record per target (a folder holds one file per author for it; a folder and a
    JSON file may both name it), each change, tag and note version once."""
    out: dict[str, Incoming] = {}
    for inc in items:
        have = out.get(inc.target_id)
        if have is None:
            have = out[inc.target_id] = Incoming(inc.target_id, dict(inc.anchor))
        seen = {_key(c) for c in have.history}
        have.history += [c for c in inc.history if _key(c) not in seen]
        have.tags = unique_tags(have.tags + inc.tags)  # one tag in any case
        spelled = {tag_key(t): t for t in have.tags}
        for tag, when in inc.tag_added.items():
            tag = spelled.get(tag_key(tag), tag)
            known = have.tag_added.get(tag)
            if known is None or str(known["at"]) < str(when["at"]):
                have.tag_added[tag] = when
        versions = {_version(n) for n in have.notes}
        have.notes += [n for n in inc.notes if _version(n) not in versions]
    return out


def _latest(deletions: list[Deletion]) -> dict[tuple[str, ...], Deletion]:
    out: dict[tuple[str, ...], Deletion] = {}
    for d in deletions:
        if d.key not in out or out[d.key].at < d.at:
            out[d.key] = d
    return out


def _conflict_id(note: Note) -> str:
    """The ID a colleague's version of one of our notes gets beside ours: the same for
    the same version, so that deleting it here keeps it deleted."""
    seed = "\n".join(_version(note)).encode("utf-8")
    return hashlib.sha256(seed).hexdigest()[:12]


class _Planner:
    def __init__(self, store: Store, summary: MergeSummary, theirs: list[Deletion]) -> None:
        self.store = store
        self.summary = summary
        self.notes = {n.id: n for n in store.notes()}
        self.texts: dict[str, set[str]] = {}  # each target's note texts (newlines normalised)
        for note in self.notes.values():
            self.texts.setdefault(note.target_id, set()).add(_text(note))
        self.mine = _latest(store.deletions())
        self.theirs = _latest(theirs)
        self.tags: dict[str, tuple[list[str], dict[str, dict[str, str | None]]]] = {}
        self.events: list[dict[str, Any]] = []

    def deleted(self, key: tuple[str, ...]) -> Deletion | None:
        """The later of our deletion and theirs of the same thing."""
        found = [d for d in (self.mine.get(key), self.theirs.get(key)) if d is not None]
        return max(found, key=lambda d: d.at) if found else None

    def local_tags(self, target_id: str) -> tuple[list[str], dict[str, dict[str, str | None]]]:
        if target_id not in self.tags:
            ann = self.store.annotation(target_id)
            self.tags[target_id] = (ann.tags, ann.tag_added)
        return self.tags[target_id]

    def anchor(self, inc: Incoming) -> dict[str, Any]:
        found = self.store.corpus.locate(inc.target_id)
        if found is None:
            self.summary.orphans += 1
            return dict(inc.anchor)
        meeting = found[0]
        doc = self.store.corpus.records[meeting.id].doc
        return carry_over.anchor_for(meeting, doc, inc.target_id) or dict(inc.anchor)

    # -- their deletions ----------------------------------------------------------
    def apply_deletions(self) -> None:
        """Delete here what they deleted after it was last changed here; record the rest."""
        for key in sorted(self.theirs):
            d = self.theirs[key]
            mine = self.mine.get(key)
            if mine is not None and mine.at >= d.at:
                continue  # known here already
            if d.what == "note":
                self.delete_note(d)
            elif d.what == "status":
                self.remove_status(d)
            else:
                self.remove_tag(d)

    def delete_note(self, d: Deletion) -> None:
        note = self.notes.get(d.item)
        if note is not None and note.updated > d.at:
            self.summary.kept_edited.append(note.id)
            return
        target = note.target_id if note is not None else d.target
        self.events.append(
            {"op": "note-delete", "id": d.item, "target": target, "at": d.at, "by": d.by}
        )
        if note is not None:
            self.summary.notes_deleted += 1
            del self.notes[note.id]
            self.texts.get(note.target_id, set()).discard(_text(note))

    def remove_status(self, d: Deletion) -> None:
        """An entry they removed from a status history goes from ours too (an entry is
        never edited, so nothing here can be newer than the removal); the removal is
        recorded either way, so a third copy cannot bring the entry back."""
        if d.item in {status_entry_key(c) for c in self.store.removed_status_changes(d.target)}:
            return  # removed here already
        here = [c for c in self.store.annotation(d.target).history if status_entry_key(c) == d.item]
        if here:
            self.summary.changes_removed_there += 1
        else:  # not here: record the removal of an entry of that time and status
            at, _, status = d.item.rpartition(" ")
            here = [StatusChange(status=Status.parse(status), at=at)]
        self.events += [
            {"op": "status-remove", "target": d.target, "change": c.to_dict(), "at": d.at,
             "by": d.by}
            for c in here
        ]  # fmt: skip

    def remove_tag(self, d: Deletion) -> None:
        tags, added = self.local_tags(d.target)
        here = next((t for t in tags if tag_key(t) == tag_key(d.item)), None)  # in any case
        if here is not None and str((added.get(here) or {}).get("at") or "") > d.at:
            return  # added here again after their removal
        if here is not None:
            self.summary.tags_removed += 1
            tags.remove(here)
            added.pop(here, None)
        self.events.append(
            {"op": "tags", "target": d.target, "add": [], "remove": [here or d.item],
             "at": d.at, "by": d.by}
        )  # fmt: skip

    # -- their annotations --------------------------------------------------------
    def merge(self, inc: Incoming) -> None:
        anchor = self.anchor(inc)
        if anchor.get("kind", "commitment") == "commitment":
            self.merge_history(inc, self.store.annotation(inc.target_id).history, anchor)
        else:
            self.summary.changes_skipped += len(inc.history)
        self.merge_tags(inc, anchor)
        self.merge_notes(inc, anchor)

    def merge_tags(self, inc: Incoming, anchor: dict[str, Any]) -> None:
        tags, added = self.local_tags(inc.target_id)
        groups: list[tuple[tuple[str | None, str | None], list[str]]] = []  # in their order
        for tag in inc.tags:
            if tag_key(tag) in {tag_key(t) for t in tags}:
                continue  # here already, in this or another case
            when = inc.tag_added.get(tag) or {"at": None, "by": None}
            gone = self.deleted(("tag", inc.target_id, tag_key(tag)))
            if gone is not None and str(when["at"] or "") <= gone.at:
                self.summary.tags_skipped += 1
                continue
            if not groups or groups[-1][0] != (when["at"], when["by"]):
                groups.append(((when["at"], when["by"]), []))
            groups[-1][1].append(tag)
            tags.append(tag)
            if when["at"]:
                added[tag] = dict(when)
        for (at, by), add in groups:
            self.summary.tags_added += len(add)
            event: dict[str, Any] = {"op": "tags", "target": inc.target_id, "anchor": anchor,
                                     "add": add, "remove": []}  # fmt: skip
            if at:
                event.update(at=at, by=by)
            self.events.append(event)

    def merge_history(
        self, inc: Incoming, local: list[StatusChange], anchor: dict[str, Any]
    ) -> None:
        seen = {_key(c) for c in local}
        removed = {status_entry_key(c) for c in self.store.removed_status_changes(inc.target_id)}
        removed |= {
            d.item for d in self.theirs.values() if d.what == "status" and d.target == inc.target_id
        }
        new: list[StatusChange] = []
        for change in sorted(inc.history, key=lambda c: c.at):
            if status_entry_key(change) in removed:
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

    def merge_notes(self, inc: Incoming, anchor: dict[str, Any]) -> None:
        present = self.texts.setdefault(inc.target_id, set())
        for note in sorted(inc.notes, key=lambda n: (n.created, n.id, n.updated)):
            text = _text(note)
            gone = self.deleted(("note", note.id))
            if gone is not None and note.updated <= gone.at:
                self.summary.notes_skipped += 1
                continue
            stored = self.notes.get(note.id)
            if stored is None and text in present:
                self.summary.notes_identical += 1
                continue
            if stored is None:
                if gone is not None:
                    self.summary.revived.append(note.id)
                else:
                    self.summary.notes_added += 1
                self.add_note(note, note.id, inc.target_id, anchor)
                present.add(text)
            elif _text(stored) == text or note.updated in stored.prior:
                self.summary.notes_identical += 1  # the same, or an older copy of ours
            elif stored.updated in note.prior:  # a later edit of ours: take it
                self.summary.notes_updated += 1
                edited = Note(stored.id, stored.target_id, note.text, stored.created,
                              note.updated, note.by, list(note.prior))  # fmt: skip
                self.notes[stored.id] = edited
                self.events.append({"op": "note", "note": edited.to_dict()})
                texts = self.texts.setdefault(stored.target_id, set())
                texts.discard(_text(stored))
                texts.add(text)
            else:
                self.conflict_copy(note, inc.target_id, anchor)
                present.add(text)

    def conflict_copy(self, note: Note, target_id: str, anchor: dict[str, Any]) -> None:
        """Both edited the note: theirs goes beside ours under its own ID."""
        note_id = _conflict_id(note)
        gone = self.deleted(("note", note_id))
        if gone is not None and note.updated <= gone.at:
            self.summary.notes_skipped += 1
            return
        if note_id in self.notes:
            self.summary.notes_identical += 1
            return
        self.summary.notes_conflicting += 1
        self.add_note(note, note_id, target_id, anchor)

    def add_note(self, note: Note, note_id: str, target_id: str, anchor: dict[str, Any]) -> None:
        new = Note(note_id, target_id, note.text, note.created, note.updated, note.by,
                   list(note.prior))  # fmt: skip
        self.notes[note_id] = new
        self.events.append({"op": "note", "anchor": anchor, "note": new.to_dict()})


def merge(store: Store, source: Source | list[Incoming]) -> MergeSummary:
    """Merge ``source`` into ``store`` in one write; see the module docstring for the rules."""
    if isinstance(source, list):
        source = Source(source)
    combined = _combine(source.items)
    final = MergeSummary()

    def plan(current: Store) -> list[dict[str, Any]]:
        summary = MergeSummary(targets=len(combined), deletions=len(_latest(source.deletions)))
        planner = _Planner(current, summary, source.deletions)
        planner.apply_deletions()
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

    with store.transaction() as tx:
        events = plan(store)
        touched = sorted(combined)
        tx.log_change(
            "import-annotations",
            f"imported annotations: {len(events)} change(s) to {len(touched)} item(s)",
            touched,
        )
        tx.append(events)
    return final


def import_annotations(store: Store, path: Path) -> MergeSummary:
    source = read_source(path)
    summary = merge(store, source)
    summary.skipped = source.skipped
    return summary

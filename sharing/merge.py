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
  change already present (same status, time, source, evidence and author: each
  rater's changes are kept, so each rater's latest status survives); the most
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
* **corrections** of the parse — merged first, by ``sharing.merge_corrections`` (its
  docstring has the rules: a correction the store lacks is added with its time and author,
  two of one thing resolve like statuses, withdrawals travel), so that annotations on what
  corrections make (a split's second part) find their target;
* a target that is **not in this store** (another parser version, a meeting you
  have not imported) is kept as it came, with its anchor (kind, text, meeting,
  document): the store lists it as an orphan, with suggestions by text, for
  ``coop-tui reattach``.

Every value read is checked first (``sharing.import_reading``): a wrong one refuses the
whole import, naming its place. A notes folder holds one file per author and target
(``sharing.notes_folder``); the files
of one target are merged with each other first, by the same rules. The whole merge
is one journal write (``Store.transaction``): all of it lands, or none of it.
Importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sharing import markdown_text
from sharing.import_reading import Incoming, Source, read_json, read_source
from sharing.merge_corrections import CorrectionSummary, merge_corrections
from store import carry_over
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

__all__ = ["Incoming", "MergeSummary", "Source", "import_annotations", "merge", "read_json",
           "read_source"]  # fmt: skip
SHOWN_IDS = 5
SHOWN_SKIPPED = 20


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
    corrections: CorrectionSummary = field(default_factory=CorrectionSummary)

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
        out += self.corrections.lines()
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


# -- merging -----------------------------------------------------------------------
def _key(change: StatusChange) -> tuple[str, str, str | None, str | None, str | None]:
    """What makes two history entries one: the same status, time, source, evidence and
    author. Two raters who set the same status in the same millisecond made two ratings,
    and each rater's latest must survive a merge (``stats.agreement`` reads them)."""
    return (change.status.value, change.at, change.source, change.evidence, change.by)


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
        try:  # as corrected: a split's second part, an added commitment are here too
            meeting, _area, _c = self.store.locate(inc.target_id)
        except StoreError:
            self.summary.orphans += 1
            return dict(inc.anchor)
        record = self.store.corpus.record(meeting.id)
        doc = record.doc if record is not None else inc.anchor.get("doc")
        return carry_over.anchor_for(meeting, str(doc or ""), inc.target_id) or dict(inc.anchor)

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
        # a colleague's annotation of another language version is the pair's here
        mine = _combine([replace(inc, target_id=current.canonical_id(inc.target_id))
                         for inc in combined.values()])  # fmt: skip
        for target_id in sorted(mine):
            planner.merge(mine[target_id])
        scratch = AnnotationState()  # never journal an event the store could not replay
        try:
            for event in planner.events:
                scratch.apply(event)
        except EventError as exc:
            raise StoreError(f"cannot merge the annotations ({exc}); nothing changed") from exc
        final.__dict__.update(summary.__dict__)
        return planner.events

    with store.transaction() as tx:
        # the corrections first: the annotations then find what they make (a split's part)
        tx.log_change("import-annotations", "imported annotations", [])
        fixed = merge_corrections(tx, source.corrections)
        events = plan(store)
        touched = list(dict.fromkeys([
            *sorted(combined), *(i.correction.target for i in source.corrections)]))  # fmt: skip
        count = len(events) + len(tx.events)
        tx.log_change(
            "import-annotations",
            f"imported annotations: {count} change(s) to {len(touched)} item(s)",
            touched,
        )
        tx.append(events)
    final.corrections = fixed
    return final


def import_annotations(store: Store, path: Path) -> MergeSummary:
    source = read_source(path)
    summary = merge(store, source)
    summary.skipped = source.skipped
    return summary

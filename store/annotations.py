"""The user's work in memory, built by replaying annotation events.

Every change is an event (a small JSON object). The state is the compacted
snapshot from ``store.json`` plus the events journalled since; the same
``apply`` function replays the journal on load and applies a new event after
it has been written, so what a process shows is exactly what is on disk.

Events::

    {"op": "status", "target": T, "anchor": A, "change": {status, at, source, evidence, by}}
    {"op": "tags", "target": T, "anchor": A, "add": [...], "remove": [...], "at": time,
     "by": author}
    {"op": "note", "anchor": A, "note": {id, target_id, text, created, updated, by, prior}}
                                                                          (add or edit)
    {"op": "note-delete", "id": N, "target": T, "at": time, "by": author}
    {"op": "status-remove", "target": T, "change": {status, at, source, evidence}, "at": time}
    {"op": "move", "what": "status"|"tags"|"note", "from": T1, "to": T2,
     "note": N or null, "anchor": A2, "auto": bool, "at": time, "by": author}
    {"op": "correct", "correction": {id, kind, meeting, target, at, by, …}}
                                            (a correction of the parse: store.corrections)
    {"op": "correct-withdraw", "id": C, "at": time}      (undone: the slot's previous applies)
    {"op": "correct-restore", "id": C}                   (a withdrawn correction again)
    {"op": "correct-retarget", "id": C, "meeting"?, "target"?, "other"?, "area"?, "gone"?}
                                            (re-anchored to a new parse: store.carry_over)
    {"op": "log", "entry": {id, at, by, kind, summary, targets, before, after, …}}
                                            (the activity log: store.history)

A ``status`` or ``note`` event with ``"restore": true`` is an undo's or a redo's: it
brings back what was removed (the status entry leaves ``removed_history``, the note's
deletion is forgotten).

``by`` (the author, ``store.author``) and the tags event's ``at`` are left out by
older versions of coop-tui; such events stay valid. A tag added with a time keeps it
(``tag_added``); a tag removed or a note deleted with a time leaves a *deletion*
(``model.Deletion``, a tombstone) so that importing an older copy cannot bring it
back (``sharing.merge``). A deletion of a note journalled without a time counts from
the note's last edit. Deleting what is not there still records the deletion (an
import carries a colleague's deletions so). Re-adding a tag after its deletion drops
the deletion.

An *anchor* records what an annotation was made on — the target's kind, text,
meeting and source document — so that it can be found again (or offered to the
user) if a re-import changes the target's ID.

A ``status-remove`` takes one entry out of a target's status history (the entry
before it is the status again) and keeps it, with the time it was removed, in the
target's ``removed_history``: a merge of a colleague's older export skips what was
removed here, and the removal can be undone.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from store.corrections import Correction, CorrectionState
from store.history import Log, LogEntry
from store.model import (
    Annotation,
    Deletion,
    Note,
    Status,
    StatusChange,
    tag_key,
    unique_tags,
)

Anchor = dict[str, Any]  # {"kind", "text", "meeting", "doc", "parties" (newer stores)}

#: The anchor's values many annotations share (the kind, the meeting, its source
#: document and parties): one copy each, not one per annotation as decoded. At 50,000
#: rated commitments that is a quarter of what the annotations take in memory.
_SHARED_VALUES = ("kind", "meeting", "doc")
_shared_parties: dict[tuple[str, ...], list[str]] = {}


def kept_anchor(anchor: Anchor) -> Anchor:
    """A copy of ``anchor`` as a record keeps it, its repeated values shared. Anchors
    are data: never changed in place (a change replaces the whole anchor), so a shared
    value is never changed under another record."""
    kept = dict(anchor)
    for key in _SHARED_VALUES:
        value = kept.get(key)
        if type(value) is str:
            kept[key] = sys.intern(value)
    parties = kept.get("parties")
    if type(parties) is list and all(type(p) is str for p in parties):
        key_ = tuple(parties)
        shared = _shared_parties.get(key_)
        if shared is None:
            if len(_shared_parties) > 10_000:  # a bound, for a store of very many parties
                _shared_parties.clear()
            shared = _shared_parties[key_] = [sys.intern(p) for p in parties]
        kept["parties"] = shared
    return kept


@dataclass
class RemovedChange:
    """A status history entry taken out by a ``status-remove``, and when."""

    change: StatusChange
    removed: str
    by: str | None = None  # who removed it; None in older stores

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"change": self.change.to_dict(), "removed": self.removed}
        if self.by is not None:
            out["by"] = self.by
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RemovedChange:
        by = data.get("by")
        return cls(
            StatusChange.from_dict(data["change"]),
            str(data["removed"]),
            None if by is None else str(by),
        )


@dataclass(slots=True)
class TargetRecord:
    anchor: Anchor
    #: never changed in place: a change replaces the list, so a reader given it
    #: (``Store.ratings``) may keep reading it while the store writes
    history: list[StatusChange] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    removed_history: list[RemovedChange] = field(default_factory=list)
    tag_added: dict[str, dict[str, str | None]] = field(default_factory=dict)

    def to_doc(self, target_id: str) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "target": target_id,
            "anchor": self.anchor,
            "history": [c.to_dict() for c in self.history],
            "tags": list(self.tags),
        }
        if self.removed_history:
            doc["removed_history"] = [r.to_dict() for r in self.removed_history]
        if self.tag_added:
            doc["tag_added"] = {t: dict(v) for t, v in self.tag_added.items()}
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> tuple[str, TargetRecord]:
        """A target's ID and record, from ``to_doc``'s; EventError if it is not shaped so."""
        try:
            tags = unique_tags([str(t) for t in doc.get("tags", [])])
            added = doc.get("tag_added") or {}
            return str(doc["target"]), cls(
                anchor=kept_anchor(doc.get("anchor") or {}),
                history=[StatusChange.from_dict(c) for c in doc.get("history", [])],
                tags=tags,
                tag_added={t: _when(added[t]) for t in tags if t in added},
                removed_history=[
                    RemovedChange.from_dict(r) for r in doc.get("removed_history", [])
                ],
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise EventError(f"bad record ({exc!s:.80})") from exc

    @property
    def is_empty(self) -> bool:
        """Nothing to keep: no history, tags or record of removed history."""
        return not (self.history or self.tags or self.removed_history)


class EventError(ValueError):
    """An event that cannot be applied (a corrupt or foreign journal line)."""


class AnnotationState:
    def __init__(self) -> None:
        self.targets: dict[str, TargetRecord] = {}
        self.notes: dict[str, Note] = {}
        self.deletions: dict[tuple[str, ...], Deletion] = {}
        self._by_target: dict[str, list[str]] = {}
        self.corrections = CorrectionState()
        self.log = Log()

    # -- snapshot ---------------------------------------------------------
    @classmethod
    def from_docs(
        cls,
        targets: list[dict[str, Any] | tuple[str, TargetRecord]],
        notes: list[dict[str, Any]],
        deletions: Iterable[dict[str, Any]] = (),
        corrections: Iterable[dict[str, Any]] = (),
        withdrawn: Iterable[dict[str, Any]] = (),
        log: Iterable[dict[str, Any]] = (),
    ) -> AnnotationState:
        state = cls()
        try:
            state.corrections = CorrectionState.from_docs(corrections, withdrawn)
            for doc in log:
                state.log.add(LogEntry.from_doc(doc))
            for kept in targets:
                target, record = kept if isinstance(kept, tuple) else TargetRecord.from_doc(kept)
                state.targets[target] = record
            for doc in notes:
                state._put_note(Note.from_dict(doc))
            for doc in deletions:
                state._record_deletion(Deletion.from_dict(doc))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise EventError(f"bad record ({exc!s:.80})") from exc
        return state

    def to_docs(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        targets = [rec.to_doc(tid) for tid, rec in self.targets.items()]
        return targets, [n.to_dict() for n in self.notes.values()]

    def deletion_docs(self) -> list[dict[str, Any]]:
        return [d.to_dict() for d in self.deletions.values()]

    def history_docs(self) -> dict[str, list[dict[str, Any]]]:
        """The corrections, the withdrawn ones and the log, by snapshot table."""
        corrections, withdrawn = self.corrections.to_docs()
        log = [e.to_doc() for e in self.log.entries]
        return {"corrections": corrections, "withdrawn": withdrawn, "log": log}

    # -- queries ----------------------------------------------------------
    def annotation(self, target_id: str) -> Annotation:
        rec = self.targets.get(target_id)
        notes = [self.notes[n] for n in self._by_target.get(target_id, ())]
        if rec is None:
            return Annotation(target_id=target_id, notes=notes)
        status = rec.history[-1].status if rec.history else Status.NOT_RATED
        return Annotation(
            target_id=target_id,
            status=status,
            history=list(rec.history),
            tags=list(rec.tags),
            notes=notes,
            tag_added={t: dict(v) for t, v in rec.tag_added.items()},
        )

    def annotated_targets(self) -> list[str]:
        ids = [tid for tid, rec in self.targets.items() if rec.history or rec.tags]
        seen = set(ids)
        ids.extend(t for t in self._by_target if t not in seen)
        return ids

    def anchor(self, target_id: str) -> Anchor:
        rec = self.targets.get(target_id)
        return dict(rec.anchor) if rec else {}

    # -- events -----------------------------------------------------------
    def apply(self, event: dict[str, Any]) -> None:
        try:
            self._apply(event)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise EventError(f"bad event ({exc!s:.80})") from exc

    def _record(self, target_id: str, anchor: Anchor | None) -> TargetRecord:
        rec = self.targets.get(target_id)
        if rec is None:
            rec = self.targets[target_id] = TargetRecord(anchor=kept_anchor(anchor or {}))
        elif anchor:
            rec.anchor = kept_anchor(anchor)
        return rec

    def _apply(self, event: dict[str, Any]) -> None:
        op = event["op"]
        if op == "status":
            rec = self._record(str(event["target"]), event.get("anchor"))
            change = StatusChange.from_dict(event["change"])
            if event.get("restore"):
                rec.removed_history = [r for r in rec.removed_history if r.change != change]
                if change not in rec.history:
                    rec.history = sorted([*rec.history, change], key=lambda c: c.at)
            else:
                rec.history = [*rec.history, change]
        elif op == "status-remove":
            rec = self._record(str(event["target"]), None)
            change = StatusChange.from_dict(event["change"])
            if change in rec.history:  # the latest such entry, if a copy was ever made
                k = len(rec.history) - 1 - rec.history[::-1].index(change)
                rec.history = rec.history[:k] + rec.history[k + 1 :]
            # kept as removed (once), unless an import undone took it out here only
            retracted = not event.get("local")
            if retracted and change not in (r.change for r in rec.removed_history):
                by = event.get("by")
                removed = RemovedChange(change, str(event["at"]), None if by is None else str(by))
                rec.removed_history.append(removed)
        elif op == "tags":
            self._tags(event)
        elif op == "note":
            note = Note.from_dict(event["note"])
            self._record(note.target_id, event.get("anchor"))
            self._put_note(note)
            if event.get("restore"):
                self.deletions.pop(("note", note.id), None)
        elif op == "note-delete":
            self._delete_note(event)
        elif op == "move":
            self._move(event)
        elif op == "correct":
            self.corrections.add(Correction.from_dict(event["correction"]))
        elif op == "correct-retarget":
            names = ("meeting", "target", "other", "area", "gone")
            fields: dict[str, str] = {k: str(event[k]) for k in names if k in event}
            self.corrections.retarget(str(event["id"]), fields)
        elif op == "correct-withdraw":
            local = bool(event.get("local"))
            self.corrections.withdraw(str(event["id"]), str(event["at"]), local)
        elif op == "correct-restore":
            found = self.corrections.by_id.get(str(event["id"]))
            if found is not None:
                self.corrections.add(found)
        elif op == "log":
            self.log.add(LogEntry.from_doc(event["entry"]))
        else:
            raise ValueError(f"unknown operation {op!r}")

    def _tags(self, event: dict[str, Any]) -> None:
        target = str(event["target"])
        when = _when(event)
        at, by = when["at"], when["by"]
        remove = {str(t) for t in event.get("remove", [])}
        removed = {tag_key(t) for t in remove}
        added = [str(t) for t in event.get("add", [])]
        # a deletion alone (an import's) makes no record for a target that has none
        if at and not event.get("local"):  # (an import undone retracts nothing)
            for tag in remove:
                self._record_deletion(Deletion("tag", tag, target, at, by))
        if not added and target not in self.targets:
            return  # a deletion alone (an import's) makes no record for a target that has none
        rec = self._record(target, event.get("anchor"))
        kept = [t for t in rec.tags if tag_key(t) not in removed]
        for tag in set(rec.tags) - set(kept):
            rec.tag_added.pop(tag, None)
        have = {tag_key(t) for t in kept}
        new = [t for t in unique_tags(added) if tag_key(t) not in have]  # first spelling kept
        rec.tags = kept + new
        for tag in added:
            if at and tag in rec.tags:
                rec.tag_added[tag] = dict(when)
            gone = self.deletions.get(("tag", target, tag_key(tag)))
            if gone is not None and (not at or gone.at <= at):
                del self.deletions[gone.key]

    def _delete_note(self, event: dict[str, Any]) -> None:
        note = self.notes.get(str(event["id"]))
        when = _when(event)
        at = when["at"] or (note.updated if note else None)
        target = note.target_id if note else event.get("target")
        if at and not event.get("local"):  # (an import undone retracts nothing)
            self._record_deletion(
                Deletion("note", str(event["id"]), str(target or ""), at, when["by"])
            )
        if note is not None:  # deleting twice is harmless
            self._drop_note(note.id)

    def _record_deletion(self, deletion: Deletion) -> None:
        """Keep the later of two deletions of the same thing."""
        have = self.deletions.get(deletion.key)
        if have is None or have.at < deletion.at:
            self.deletions[deletion.key] = deletion

    def _move(self, event: dict[str, Any]) -> None:
        what, old, new = event["what"], str(event["from"]), str(event["to"])
        if what == "note":
            note = self.notes.get(str(event["note"]))
            if note is None:  # deleted meanwhile: nothing left to move
                return
            self._record(new, event.get("anchor"))
            self._drop_note(note.id)
            note.target_id = new
            self._put_note(note)
            return
        src = self.targets.get(old)
        dst = self._record(new, event.get("anchor"))
        if src is None:
            return
        if what == "status":
            # Keep both histories, in time order; the latest change is the status.
            merged = sorted(dst.history + src.history, key=lambda c: c.at)
            dst.history, src.history = merged, []
            dst.removed_history += src.removed_history  # what was removed stays removed
            src.removed_history = []
        elif what == "tags":
            dst.tags = unique_tags(dst.tags + src.tags)
            for tag, added in src.tag_added.items():
                if tag in dst.tags:
                    dst.tag_added.setdefault(tag, added)
            src.tags, src.tag_added = [], {}
        else:
            raise ValueError(f"unknown move {what!r}")
        if src.is_empty and old not in self._by_target:
            del self.targets[old]

    def _put_note(self, note: Note) -> None:
        if note.id in self.notes:
            old = self.notes[note.id]
            if old.target_id != note.target_id:
                self._drop_note(note.id)
        if note.id not in self.notes:
            self._by_target.setdefault(note.target_id, []).append(note.id)
        self.notes[note.id] = note

    def _drop_note(self, note_id: str) -> None:
        note = self.notes.pop(note_id)
        ids = self._by_target.get(note.target_id, [])
        if note_id in ids:
            ids.remove(note_id)
        if not ids:
            self._by_target.pop(note.target_id, None)
            rec = self.targets.get(note.target_id)
            if rec is not None and rec.is_empty:
                del self.targets[note.target_id]


def _when(value: Any) -> dict[str, str | None]:
    """``{"at": time, "by": author}`` from a snapshot or an event (strings or None)."""
    at, by = value.get("at"), value.get("by")
    if not all(v is None or isinstance(v, str) for v in (at, by)):
        raise TypeError("a time or an author is not text")
    return {"at": at, "by": by}

"""The user's work in memory, built by replaying annotation events.

Every change is an event (a small JSON object). The state is the compacted
snapshot from ``store.json`` plus the events journalled since; the same
``apply`` function replays the journal on load and applies a new event after
it has been written, so what a process shows is exactly what is on disk.

Events::

    {"op": "status", "target": T, "anchor": A, "change": {status, at, source, evidence}}
    {"op": "tags", "target": T, "anchor": A, "add": [...], "remove": [...]}
    {"op": "note", "anchor": A, "note": {id, target_id, text, created, updated}}   (add or edit)
    {"op": "note-delete", "id": N}
    {"op": "status-remove", "target": T, "change": {status, at, source, evidence}, "at": time}
    {"op": "move", "what": "status"|"tags"|"note", "from": T1, "to": T2,
     "note": N or null, "anchor": A2, "auto": bool, "at": time}

An *anchor* records what an annotation was made on — the target's kind, text,
meeting and source document — so that it can be found again (or offered to the
user) if a re-import changes the target's ID.

A ``status-remove`` takes one entry out of a target's status history (the entry
before it is the status again) and keeps it, with the time it was removed, in the
target's ``removed_history``: a merge of a colleague's older export skips what was
removed here, and the removal can be undone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from store.model import Annotation, Note, Status, StatusChange

Anchor = dict[str, Any]  # {"kind", "text", "meeting", "doc"}


@dataclass
class RemovedChange:
    """A status history entry taken out by a ``status-remove``, and when."""

    change: StatusChange
    removed: str

    def to_dict(self) -> dict[str, Any]:
        return {"change": self.change.to_dict(), "removed": self.removed}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RemovedChange:
        return cls(StatusChange.from_dict(data["change"]), str(data["removed"]))


@dataclass
class TargetRecord:
    anchor: Anchor
    history: list[StatusChange] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    removed_history: list[RemovedChange] = field(default_factory=list)

    def to_doc(self, target_id: str) -> dict[str, Any]:
        doc = {
            "target": target_id,
            "anchor": self.anchor,
            "history": [c.to_dict() for c in self.history],
            "tags": list(self.tags),
        }
        if self.removed_history:
            doc["removed_history"] = [r.to_dict() for r in self.removed_history]
        return doc

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
        self._by_target: dict[str, list[str]] = {}

    # -- snapshot ---------------------------------------------------------
    @classmethod
    def from_docs(
        cls, targets: list[dict[str, Any]], notes: list[dict[str, Any]]
    ) -> AnnotationState:
        state = cls()
        try:
            for doc in targets:
                state.targets[str(doc["target"])] = TargetRecord(
                    anchor=dict(doc.get("anchor") or {}),
                    history=[StatusChange.from_dict(c) for c in doc.get("history", [])],
                    tags=[str(t) for t in doc.get("tags", [])],
                    removed_history=[
                        RemovedChange.from_dict(r) for r in doc.get("removed_history", [])
                    ],
                )
            for doc in notes:
                state._put_note(Note.from_dict(doc))
        except (KeyError, TypeError, ValueError) as exc:
            raise EventError(f"bad record ({exc!s:.80})") from exc
        return state

    def to_docs(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        targets = [rec.to_doc(tid) for tid, rec in self.targets.items()]
        return targets, [n.to_dict() for n in self.notes.values()]

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
            rec = self.targets[target_id] = TargetRecord(anchor=dict(anchor or {}))
        elif anchor:
            rec.anchor = dict(anchor)
        return rec

    def _apply(self, event: dict[str, Any]) -> None:
        op = event["op"]
        if op == "status":
            rec = self._record(str(event["target"]), event.get("anchor"))
            rec.history.append(StatusChange.from_dict(event["change"]))
        elif op == "status-remove":
            rec = self._record(str(event["target"]), None)
            change = StatusChange.from_dict(event["change"])
            if change in rec.history:  # the latest such entry, if a copy was ever made
                del rec.history[len(rec.history) - 1 - rec.history[::-1].index(change)]
            rec.removed_history.append(RemovedChange(change, str(event["at"])))
        elif op == "tags":
            rec = self._record(str(event["target"]), event.get("anchor"))
            remove = {str(t) for t in event.get("remove", [])}
            tags = [t for t in rec.tags if t not in remove]
            tags.extend(str(t) for t in event.get("add", []) if str(t) not in tags)
            rec.tags = tags
        elif op == "note":
            note = Note.from_dict(event["note"])
            self._record(note.target_id, event.get("anchor"))
            self._put_note(note)
        elif op == "note-delete":
            if str(event["id"]) in self.notes:  # deleting twice is harmless
                self._drop_note(str(event["id"]))
        elif op == "move":
            self._move(event)
        else:
            raise ValueError(f"unknown operation {op!r}")

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
            dst.tags = dst.tags + [t for t in src.tags if t not in dst.tags]
            src.tags = []
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

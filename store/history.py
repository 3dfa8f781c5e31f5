"""The activity log, and undoing and redoing a change.

Every change a researcher makes (a status, tags, a note, a correction, an
``import-annotations`` merge) is one transaction; the transaction journals, after its
events, a ``{"op": "log", "entry": {...}}`` event: who, when, what kind, a one-line
summary, the IDs it touched and, for each thing it changed (a target's statuses and
tags, a note, a correction slot), what it was before and after. The log lives in the
journal and, once compacted, in ``store.json``: it lasts across restarts and crashes.

Undo writes the events that turn each thing back from *after* to *before* — as
ordinary events (a status entry removed, a tag removed, a note deleted or restored, a
correction withdrawn), so an undo is itself a journalled change (logged as ``undo``)
that a colleague's import sees like any other. It first checks that each thing is still
as the change left it: if another process (a second window, a script, an import) changed
it since, nothing is undone and the error names the later change. Redo is the same
from *before* to *after*. Undo takes the author's latest change not undone; redo the
latest one undone, as long as the author made no new change since.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from store.author import current_author
from store.errors import ChangedElsewhere, ErrorKind, StoreError
from store.model import PRIOR_VERSIONS, minute_text, now_iso, read_time, tag_key

if TYPE_CHECKING:
    from store.annotations import AnnotationState
    from store.transaction import Transaction

Projection = Any  # what a thing is, as JSON: see ``project``
UNDOABLE_KINDS = ("status", "tags", "note", "correction", "import-annotations", "reattach")


@dataclass
class LogEntry:
    id: str
    at: str
    by: str | None
    kind: str  # status, tags, note, correction, import-annotations, reattach, undo, redo
    summary: str
    targets: list[str]
    before: dict[str, Projection] = field(default_factory=dict)
    after: dict[str, Projection] = field(default_factory=dict)
    undoes: str | None = None
    redoes: str | None = None
    #: set as the log is read: whether it is undone now, and its place in the log
    undone: bool = False
    seq: int = 0

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "id": self.id,
            "at": self.at,
            "by": self.by,
            "kind": self.kind,
            "summary": self.summary,
            "targets": list(self.targets),
            "before": self.before,
            "after": self.after,
        }
        if self.undoes:
            doc["undoes"] = self.undoes
        if self.redoes:
            doc["redoes"] = self.redoes
        return doc

    def to_dict(self) -> dict[str, Any]:
        """The public form (``coop-tui log --json``, ``undo --json``)."""
        out: dict[str, Any] = {
            "id": self.id,
            "at": self.at,
            "by": self.by,
            "kind": self.kind,
            "summary": self.summary,
            "targets": list(self.targets),
            "undone": self.undone,
        }
        if self.undoes:
            out["undoes"] = self.undoes
        if self.redoes:
            out["redoes"] = self.redoes
        return out

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> LogEntry:
        before, after = doc.get("before") or {}, doc.get("after") or {}
        if not isinstance(before, dict) or not isinstance(after, dict):
            raise TypeError("a log entry's before and after are not objects")
        by = doc.get("by")
        return cls(
            id=str(doc["id"]),
            at=str(doc["at"]),
            by=None if by is None else str(by),
            kind=str(doc["kind"]),
            summary=str(doc.get("summary", "")),
            targets=[str(t) for t in doc.get("targets") or []],
            before=before,
            after=after,
            undoes=None if doc.get("undoes") is None else str(doc["undoes"]),
            redoes=None if doc.get("redoes") is None else str(doc["redoes"]),
        )

    def when(self) -> str:
        moment = read_time(self.at)
        return minute_text(moment) if moment else self.at


class Log:
    """The log entries in order, and which changes are undone now."""

    def __init__(self) -> None:
        self.entries: list[LogEntry] = []
        self._by_id: dict[str, LogEntry] = {}
        self.done_seq: dict[str, int] = {}  # change → when it was last done (or redone)
        self.undone_seq: dict[str, int] = {}  # change → when it was undone

    def add(self, entry: LogEntry) -> None:
        if entry.id in self._by_id:
            return  # the same event read twice
        entry.seq = len(self.entries)
        self.entries.append(entry)
        self._by_id[entry.id] = entry
        if entry.undoes and entry.undoes in self._by_id:
            self._by_id[entry.undoes].undone = True
            self.done_seq.pop(entry.undoes, None)
            self.undone_seq[entry.undoes] = entry.seq
        elif entry.redoes and entry.redoes in self._by_id:
            self._by_id[entry.redoes].undone = False
            self.undone_seq.pop(entry.redoes, None)
            self.done_seq[entry.redoes] = entry.seq
        elif entry.kind in UNDOABLE_KINDS:
            self.done_seq[entry.id] = entry.seq

    def get(self, entry_id: str) -> LogEntry | None:
        return self._by_id.get(entry_id)

    def newest_first(self, limit: int | None = None) -> list[LogEntry]:
        found = self.entries[::-1]
        return found if limit is None else found[:limit]

    def to_undo(self, by: str | None) -> LogEntry | None:
        """The author's latest change that is done (not undone)."""
        best = None
        for entry_id, seq in self.done_seq.items():
            entry = self._by_id[entry_id]
            if entry.by == by and (best is None or seq > self.done_seq[best.id]):
                best = entry
        return best

    def to_redo(self, by: str | None) -> LogEntry | None:
        """The author's latest undone change, unless they made a new change since."""
        best = None
        for entry_id, seq in self.undone_seq.items():
            entry = self._by_id[entry_id]
            if entry.by == by and (best is None or seq > self.undone_seq[best.id]):
                best = entry
        if best is None:
            return None
        since = self.undone_seq[best.id]
        newer = any(e.by == by and e.kind in UNDOABLE_KINDS for e in self.entries[since + 1 :])
        return None if newer else best

    def later_change(self, key: str, after_seq: int) -> LogEntry | None:
        """The latest logged change after ``after_seq`` that touched ``key``."""
        for entry in reversed(self.entries[after_seq + 1 :]):
            if key in entry.after:
                return entry
        return None


# -- what a change touches, and what it was ----------------------------------------
def keys_of(state: AnnotationState, event: dict[str, Any]) -> list[str]:
    """The things an event changes: ``t:`` a target's statuses and tags, ``n:`` a note,
    ``s:`` a correction slot."""
    op = event.get("op")
    if op in ("status", "status-remove", "tags"):
        return [f"t:{event['target']}"]
    if op == "note":
        return [f"n:{event['note']['id']}"]
    if op == "note-delete":
        return [f"n:{event['id']}"]
    if op == "move":
        keys = [f"t:{event['from']}", f"t:{event['to']}"]
        return keys + ([f"n:{event['note']}"] if event.get("what") == "note" else [])
    if op == "correct":
        from store.corrections import Correction

        return [f"s:{Correction.from_dict(event['correction']).slot}"]
    if op in ("correct-withdraw", "correct-restore"):
        found = state.corrections.by_id.get(str(event["id"]))
        return [f"s:{found.slot}"] if found else []
    return []


def project(state: AnnotationState, key: str) -> Projection:
    """What the thing ``key`` is now, as JSON (None if there is nothing)."""
    kind, _, name = key.partition(":")
    if kind == "t":
        rec = state.targets.get(name)
        if rec is None or not (rec.history or rec.tags):
            return None
        return {
            "history": [c.to_dict() for c in rec.history],
            "tags": list(rec.tags),
            "anchor": rec.anchor,
        }
    if kind == "n":
        note = state.notes.get(name)
        return None if note is None else note.to_dict()
    return state.corrections.active_ids(name) or None


def same(key: str, a: Projection, b: Projection) -> bool:
    """Whether two projections of ``key`` show the user the same thing."""
    if a is None or b is None:
        return a is b
    kind = key[0]
    if kind == "t":
        return a["history"] == b["history"] and sorted(map(tag_key, a["tags"])) == sorted(
            map(tag_key, b["tags"])
        )
    if kind == "n":
        return (a["target_id"], a["text"]) == (b["target_id"], b["text"])
    return bool(a == b)


def events_to(state: AnnotationState, key: str, goal: Projection) -> list[dict[str, Any]]:
    """The events that make ``key`` what ``goal`` says, from what it is now."""
    now, by = now_iso(), current_author()
    kind, _, name = key.partition(":")
    cur = project(state, key)
    if same(key, cur, goal):
        return []
    if kind == "t":
        cur = cur or {"history": [], "tags": []}
        want = goal or {"history": [], "tags": [], "anchor": cur.get("anchor") or {}}
        anchor = want.get("anchor") or state.anchor(name)
        out: list[dict[str, Any]] = []
        for change in cur["history"]:
            if change not in want["history"]:
                out.append({"op": "status-remove", "target": name, "change": change,
                            "at": now, "by": by})  # fmt: skip
        for change in want["history"]:
            if change not in cur["history"]:
                out.append({"op": "status", "target": name, "anchor": anchor,
                            "change": change, "restore": True})  # fmt: skip
        have = {tag_key(t) for t in cur["tags"]}
        wanted = {tag_key(t) for t in want["tags"]}
        add = [t for t in want["tags"] if tag_key(t) not in have]
        remove = [t for t in cur["tags"] if tag_key(t) not in wanted]
        if add or remove:
            out.append({"op": "tags", "target": name, "anchor": anchor, "add": add,
                        "remove": remove, "at": now, "by": by})  # fmt: skip
        return out
    if kind == "n":
        if goal is None:
            return [{"op": "note-delete", "id": name, "target": cur["target_id"], "at": now,
                     "by": by}]  # fmt: skip
        if cur is None:
            return [{"op": "note", "note": goal, "restore": True,
                     "anchor": state.anchor(goal["target_id"])}]  # fmt: skip
        prior = [*(cur.get("prior") or []), cur["updated"]]
        note = dict(goal, updated=now, prior=prior[-PRIOR_VERSIONS:])
        if by is None:
            note.pop("by", None)
        else:
            note["by"] = by
        return [{"op": "note", "note": note}]
    cur_ids, want_ids = cur or [], goal or []
    out = [{"op": "correct-withdraw", "id": c, "at": now} for c in cur_ids if c not in want_ids]
    out += [{"op": "correct-restore", "id": c} for c in want_ids if c not in cur_ids]
    return out


# -- undo and redo ----------------------------------------------------------------
def undo(tx: Transaction) -> LogEntry:
    """Undo the current author's latest change (see the module docstring)."""
    log = tx.state.log
    by = current_author()
    entry = log.to_undo(by)
    if entry is None:
        raise StoreError(
            f"nothing to undo: no change by {by or 'you'} in {tx.store.path} is left to undo",
            kind=ErrorKind.NOTHING_TO_UNDO,
        )
    _check_unchanged(tx, entry, entry.after, log.done_seq.get(entry.id, entry.seq), "undo")
    events = [e for key, goal in entry.before.items() for e in events_to(tx.state, key, goal)]
    tx.log_change("undo", f"undid: {entry.summary}", entry.targets, undoes=entry.id)
    tx.append(events)
    return entry


def redo(tx: Transaction) -> LogEntry:
    """Redo the current author's latest undone change (see the module docstring)."""
    log = tx.state.log
    by = current_author()
    entry = log.to_redo(by)
    if entry is None:
        raise StoreError(
            f"nothing to redo: no change by {by or 'you'} in {tx.store.path} was undone "
            "since their last change",
            kind=ErrorKind.NOTHING_TO_UNDO,
        )
    _check_unchanged(tx, entry, entry.before, log.undone_seq.get(entry.id, entry.seq), "redo")
    events = [e for key, goal in entry.after.items() for e in events_to(tx.state, key, goal)]
    tx.log_change("redo", f"redid: {entry.summary}", entry.targets, redoes=entry.id)
    tx.append(events)
    return entry


def _check_unchanged(
    tx: Transaction, entry: LogEntry, expected: dict[str, Projection], since: int, verb: str
) -> None:
    for key, want in expected.items():
        if same(key, project(tx.state, key), want):
            continue
        later = tx.state.log.later_change(key, since)
        what = _describe_key(key)
        if later is None:
            by_whom = "by another change (an import or an older coop-tui)"
        else:
            by_whom = f"by {later.by or 'someone'} at {later.when()} ({later.summary})"
        raise ChangedElsewhere(
            f"cannot {verb} {entry.summary!r}: {what} was changed since {by_whom}; "
            f"nothing was {verb}ne"
        )


def _describe_key(key: str) -> str:
    kind, _, name = key.partition(":")
    if kind == "t":
        return f"the status and tags of {name}"
    if kind == "n":
        return f"note {name}"
    return f"the correction ({name.replace('|', ' ')})"

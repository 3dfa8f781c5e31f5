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

import secrets
from collections.abc import Container
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from store.author import current_author
from store.errors import ChangedElsewhere, ErrorKind, StoreError
from store.model import PRIOR_VERSIONS, minute_text, now_iso, read_time, tag_key

if TYPE_CHECKING:
    from store.annotations import AnnotationState
    from store.transaction import Transaction

Projection = Any  # what a thing is, as JSON: see ``project``
#: This process's mark on the changes it logs (``LogEntry.session``).
SESSION = secrets.token_hex(6)
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
    #: the process that made it (``SESSION``): an app's undo takes its own changes
    session: str | None = None
    #: set as the log is read: whether it is undone now, and its place in the log
    undone: bool = False
    seq: int = 0

    def to_doc(self) -> dict[str, Any]:
        """As journalled and kept in ``store.json``: the public form and what undo needs."""
        doc = self._about()
        doc.update(before=self.before, after=self.after)
        if self.session:
            doc["session"] = self.session
        return doc

    def to_dict(self) -> dict[str, Any]:
        """The public form (``coop-tui log --json``, ``undo --json``)."""
        return {**self._about(), "undone": self.undone}

    def _about(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "at": self.at,
            "by": self.by,
            "kind": self.kind,
            "summary": self.summary,
            "targets": list(self.targets),
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
            session=None if doc.get("session") is None else str(doc["session"]),
        )

    def when(self) -> str:
        moment = read_time(self.at)
        return minute_text(moment) if moment else self.at


class Log:
    """The log entries in order, and which changes are undone now (per author, in the
    order they were done or undone: undo and redo take the last of their author's)."""

    def __init__(self) -> None:
        self.entries: list[LogEntry] = []
        self._by_id: dict[str, LogEntry] = {}
        self.done_seq: dict[str, int] = {}  # change → when it was last done (or redone)
        self.undone_seq: dict[str, int] = {}  # change → when it was undone
        self._done: dict[str | None, dict[str, int]] = {}  # author → done_seq, in order
        self._undone: dict[str | None, dict[str, int]] = {}  # author → undone_seq, in order
        self._last_change: dict[str | None, int] = {}  # author → seq of their last change
        # the same three by the process that made the change (``LogEntry.session``)
        self._done_here: dict[str | None, dict[str, int]] = {}
        self._undone_here: dict[str | None, dict[str, int]] = {}
        self._last_here: dict[str | None, int] = {}

    def add(self, entry: LogEntry) -> None:
        if entry.id in self._by_id:
            return  # the same event read twice
        entry.seq = len(self.entries)
        self.entries.append(entry)
        self._by_id[entry.id] = entry
        target = self._by_id.get(entry.undoes or entry.redoes or "")
        if entry.undoes and target is not None:
            target.undone = True
            self._move(target, self.done_seq, self.undone_seq, entry.seq)
        elif entry.redoes and target is not None:
            target.undone = False
            self._move(target, self.undone_seq, self.done_seq, entry.seq)
        elif entry.kind in UNDOABLE_KINDS:
            self.done_seq[entry.id] = entry.seq
            self._done.setdefault(entry.by, {})[entry.id] = entry.seq
            self._done_here.setdefault(entry.session, {})[entry.id] = entry.seq
            self._last_change[entry.by] = entry.seq
            self._last_here[entry.session] = entry.seq

    def _move(self, target: LogEntry, old: dict[str, int], new: dict[str, int], seq: int) -> None:
        """``target`` undone (from done to undone) or redone (the other way) at ``seq``."""
        undoing = old is self.done_seq
        pairs = (
            (self._done, self._undone, target.by),
            (self._done_here, self._undone_here, target.session),
        )
        old.pop(target.id, None)
        new[target.id] = seq
        for done, undone, key in pairs:
            src, dst = (done, undone) if undoing else (undone, done)
            src.get(key, {}).pop(target.id, None)
            dst.setdefault(key, {})[target.id] = seq

    def get(self, entry_id: str) -> LogEntry | None:
        return self._by_id.get(entry_id)

    def newest_first(self, limit: int | None = None) -> list[LogEntry]:
        found = self.entries[::-1] if limit is None else self.entries[: -limit - 1 : -1]
        return found

    def to_undo(
        self, by: str | None, session: str | None = None, skip: Container[str] = ()
    ) -> LogEntry | None:
        """The author's latest change that is done (not undone) — with ``session``, the
        latest that process made, else (it made none left) the author's; those in
        ``skip`` (refused before) passed over."""
        for done in (self._done_here.get(session) if session else None, self._done.get(by)):
            for entry_id in reversed(done or {}):
                if entry_id not in skip:
                    return self._by_id[entry_id]
        return None

    def to_redo(self, by: str | None, session: str | None = None) -> LogEntry | None:
        """The author's (with ``session``: preferably that process's) latest undone change,
        unless they made a new change since."""
        places = [(self._undone.get(by), self._last_change.get(by, -1))]
        if session:
            places.insert(0, (self._undone_here.get(session), self._last_here.get(session, -1)))
        for undone, made in places:
            if undone:
                last = next(reversed(undone))
                return None if made > undone[last] else self._by_id[last]
        return None

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
    if op == "correct-retarget":
        return [f"r:{event['id']}"]
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
    if kind == "r":  # what a correction names (re-attached)
        found = state.corrections.by_id.get(name)
        if found is None:
            return None
        return {"meeting": found.meeting, "target": found.target, "other": found.other,
                "area": found.area}  # fmt: skip
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


def events_to(
    state: AnnotationState, key: str, goal: Projection, local: bool = False
) -> list[dict[str, Any]]:
    """The events that make ``key`` what ``goal`` says, from what it is now. ``local``
    (an import undone): what they take out is taken out here only — no tombstone, no
    withdrawal that an export would carry back to the store it came from."""
    events = _events_to(state, key, goal)
    if local:
        for event in events:
            if event["op"] in ("status-remove", "tags", "note-delete", "correct-withdraw"):
                event["local"] = True
    return events


def _events_to(state: AnnotationState, key: str, goal: Projection) -> list[dict[str, Any]]:
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
        if goal["text"] == cur["text"]:  # only moved (a merge undone): not an edit
            return [{"op": "note", "note": dict(cur, target_id=goal["target_id"]),
                     "anchor": state.anchor(goal["target_id"])}]  # fmt: skip
        prior = [*(cur.get("prior") or []), cur["updated"]]
        note = dict(goal, updated=now, prior=prior[-PRIOR_VERSIONS:])
        if by is None:
            note.pop("by", None)
        else:
            note["by"] = by
        return [{"op": "note", "note": note}]
    if kind == "r":
        named = {k: v for k, v in (goal or {}).items() if v is not None}
        return [{"op": "correct-retarget", "id": name, **named}] if named else []
    cur_ids, want_ids = cur or [], goal or []
    out = [{"op": "correct-withdraw", "id": c, "at": now} for c in cur_ids if c not in want_ids]
    out += [{"op": "correct-restore", "id": c} for c in want_ids if c not in cur_ids]
    return out


# -- undo and redo ----------------------------------------------------------------
def undo(tx: Transaction, here: bool = False, skip: Container[str] = ()) -> LogEntry:
    """Undo the current author's latest change (with ``here``, preferably this process's
    latest: an app's own; ``skip``: changes whose undo was refused, passed over; see the
    module docstring)."""
    log, by = tx.state.log, current_author()
    entry = log.to_undo(by, SESSION if here else None, skip)
    if entry is None:
        raise _nothing(tx, "undo", here, by, "is left to undo")
    since = log.done_seq.get(entry.id, entry.seq)
    _revert(tx, entry, entry.after, entry.before, since, "undo")
    return entry


def redo(tx: Transaction, here: bool = False) -> LogEntry:
    """Redo the current author's (with ``here``: this process's) latest undone change."""
    log, by = tx.state.log, current_author()
    entry = log.to_redo(by, SESSION if here else None)
    if entry is None:
        raise _nothing(tx, "redo", here, by, "was undone since the last change")
    since = log.undone_seq.get(entry.id, entry.seq)
    _revert(tx, entry, entry.before, entry.after, since, "redo")
    return entry


def _nothing(tx: Transaction, verb: str, here: bool, by: str | None, what: str) -> StoreError:
    whose = "made in this window" if here else f"by {by or 'you'} in {tx.store.path}"
    return StoreError(
        f"nothing to {verb}: no change {whose} {what}", kind=ErrorKind.NOTHING_TO_UNDO
    )


def _revert(
    tx: Transaction,
    entry: LogEntry,
    now: dict[str, Projection],
    goal: dict[str, Projection],
    since: int,
    verb: str,
) -> None:
    """Turn what ``entry`` changed from ``now`` (as it left them, checked) to ``goal``:
    the events of an undo (after → before) or a redo (before → after), logged."""
    _check_unchanged(tx, entry, now, since, verb)
    _check_made_ids_unused(tx, entry, now, goal, since, verb)
    local = verb == "undo" and entry.kind == "import-annotations"  # theirs, not retracted
    events = [e for key, want in goal.items() for e in events_to(tx.state, key, want, local)]
    link = {"undoes": entry.id} if verb == "undo" else {"redoes": entry.id}
    said = "undid" if verb == "undo" else "redid"
    tx.log_change(verb, f"{said}: {entry.summary}", entry.targets, **link)
    tx.append(events)


def _check_unchanged(
    tx: Transaction, entry: LogEntry, expected: dict[str, Projection], since: int, verb: str
) -> None:
    for key, want in expected.items():
        if same(key, project(tx.state, key), want):
            continue
        later = tx.state.log.later_change(key, since)
        unknown = (
            "by a change the activity log does not hold (a re-import or a rebuild that "
            "moved it to new IDs, or an older coop-tui)"
        )
        by_whom = _by_whom(later) if later else unknown
        raise _refused(entry, verb, f"{_describe_key(key)} was changed since {by_whom}")


def _check_made_ids_unused(
    tx: Transaction,
    entry: LogEntry,
    now: dict[str, Projection],
    goal: dict[str, Projection],
    since: int,
    verb: str,
) -> None:
    """Refuse to withdraw a correction that made an item (a split's second part, an
    added commitment, a new area) which has been annotated since: the annotations
    would be left on nothing."""
    corrections = tx.state.corrections
    for key, ids in now.items():
        if not key.startswith("s:"):
            continue
        for correction_id in set(ids or ()) - set(goal.get(key) or ()):
            found = corrections.by_id.get(correction_id)
            for made in found.created_ids if found else ():
                # what will be on it once this is done (the change may take it back too)
                ann = tx.state.annotation(made)
                record = (
                    goal.get(f"t:{made}")
                    if f"t:{made}" in goal
                    else (ann.history or ann.tags or None)
                )
                notes = [n for n in ann.notes if goal.get(f"n:{n.id}", n) is not None]
                if not (record or notes):
                    continue
                keys = [f"t:{made}", *(f"n:{n.id}" for n in notes)]
                later = next((e for k in keys if (e := tx.state.log.later_change(k, since))), None)
                by_whom = f" {_by_whom(later)}" if later else ""
                why = f"{made}, which it made, was annotated since{by_whom}"
                raise _refused(entry, verb, why, "undo that first, or move it")


def _by_whom(later: LogEntry) -> str:
    return f"by {later.by or 'someone'} at {later.when()} ({later.summary})"


def _refused(entry: LogEntry, verb: str, why: str, advice: str = "") -> ChangedElsewhere:
    """An undo or redo of ``entry`` refused (``facts["change"]``: which)."""
    done = "undone" if verb == "undo" else "redone"
    tail = f" ({advice})" if advice else ""
    return ChangedElsewhere(
        f"cannot {verb} {entry.summary!r}: {why}; nothing was {done}{tail}", change=entry.id
    )


def _describe_key(key: str) -> str:
    kind, _, name = key.partition(":")
    if kind == "t":
        return f"the status and tags of {name}"
    if kind == "n":
        return f"note {name}"
    if kind == "r":
        return f"what correction {name} applies to"
    return f"the correction ({name.replace('|', ' ')})"

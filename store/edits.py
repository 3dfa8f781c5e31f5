"""The annotation writes (status, tags, notes, re-attaching an orphan): each checks what
it is given, then, in a transaction (``store.transaction``), checks it against the
annotations as they are and appends the events that record it. ``Store``'s write methods
are these, each in a transaction of its own."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from pathlib import Path

from store import carry_over, orphans
from store.author import current_author
from store.corpus import Location
from store.errors import ChangedElsewhere, ErrorKind, StoreError
from store.model import Annotation, Note, Orphan, Status, StatusChange, clean_tag, now_iso, tag_key
from store.transaction import Transaction


# -- checking what is given ---------------------------------------------------------
def status_change(status: Status | str, source: str | None, evidence: str | None) -> StatusChange:
    """A new status history entry, checked (StoreError if the status is none)."""
    try:
        status = status if isinstance(status, Status) else Status.parse(status)
    except ValueError:
        names = ", ".join(s.value for s in Status)
        raise StoreError(f"{status!r} is not a status; use one of: {names}") from None
    return StatusChange(
        status=status,
        at=now_iso(),
        source=_optional(source, "source"),
        evidence=_optional(evidence, "evidence"),
        by=current_author(),
    )


def _valid_text(text: str, what: str) -> str:
    if not isinstance(text, str):
        raise StoreError(f"the {what} must be text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise StoreError(f"the {what} is not valid Unicode text (check its encoding)") from None
    return text


def _optional(text: str | None, what: str) -> str | None:
    if text is None:
        return None
    text = _valid_text(text, what).strip()
    return text or None


def note_text(text: str) -> str:
    """A note's text, checked (StoreError if it is empty or not text)."""
    text = _valid_text(text, "note")
    if not text.strip():
        raise StoreError("the note is empty; give some text")
    return text


def tags(given: Sequence[str]) -> list[str]:
    """Tags, checked and tidied (spaces folded, each once in any case)."""
    out: list[str] = []
    for tag in given:
        tag = clean_tag(_valid_text(tag, "tag"))
        if not tag:
            raise StoreError("a tag cannot be empty")
        if tag_key(tag) not in {tag_key(t) for t in out}:
            out.append(tag)
    if not out:
        raise StoreError("give at least one tag")
    return out


def _note_changed(current: Note | None, base: Note) -> bool:
    """Whether a note is no longer as an editor read it (edited, or deleted: None)."""
    return current is None or (current.updated, current.text) != (base.updated, base.text)


def _commitment_only(target_id: str, found: Location) -> None:
    """Refuse a status on an area or a meeting: statuses are for commitments."""
    _meeting, area, commitment = found
    if commitment is None:
        kind = "an area" if area is not None else "a meeting"
        raise StoreError(
            f"{target_id} is {kind}: a status is for a commitment (give a commitment's ID); "
            "areas and meetings take tags and notes",
            kind=ErrorKind.NOT_A_COMMITMENT,
            target=target_id,
            is_a=kind,
        )


def _repeats(current: Annotation, change: StatusChange) -> bool:
    """Whether ``change`` says nothing the current status does not: the same status, set
    last by the same rater, and no source or evidence other than the current entry's.
    Another rater giving the same status is news: it is their rating, and agreement
    between raters (``stats.agreement``) counts it."""
    if change.status is not current.status:
        return False
    if not current.history:  # not rated: only an unqualified not-rated repeats it
        return change.source is None and change.evidence is None
    last = current.history[-1]
    if last.by != change.by:
        return False
    return change.source in (None, last.source) and change.evidence in (None, last.evidence)


# -- the writes, in a transaction ------------------------------------------------------
def set_status(
    tx: Transaction, target_id: str, change: StatusChange, base: Sequence[StatusChange] | None
) -> bool:
    """Record ``change`` (see ``Store.set_status``); False if it repeats the status."""
    _commitment_only(target_id, tx.store.locate(target_id))
    if base is not None:
        _check_status_base(tx, target_id, base)
    if _repeats(tx.state.annotation(target_id), change):
        return False
    tx.log_change("status", f"set the status of {target_id} to {change.status.value}", [target_id])
    event = {
        "op": "status",
        "target": target_id,
        "anchor": tx.anchor(target_id),
        "change": change.to_dict(),
    }
    tx.append([event])
    return True


def _check_status_base(tx: Transaction, target_id: str, base: Sequence[StatusChange]) -> None:
    rec = tx.state.targets.get(target_id)
    history = rec.history if rec is not None else []
    if list(base) == history:
        return
    last = history[-1] if history else None
    now = f"{last.status.label}, set at {last.at}" if last else "no status"
    raise ChangedElsewhere(
        f"the status was changed elsewhere since it was shown (it is now: {now}); nothing was saved"
    )


def remove_status_change(tx: Transaction, target_id: str, change: StatusChange) -> None:
    rec = tx.state.targets.get(target_id)
    if rec is None or change not in rec.history:
        raise StoreError(
            f"{target_id}: no such status change in its history (removed or changed meanwhile?)",
            kind=ErrorKind.NOT_FOUND,
            what="status change",
            target=target_id,
        )
    tx.log_change(
        "status",
        f"removed the status {change.status.value} set at {change.at} from {target_id}",
        [target_id],
    )
    event = {
        "op": "status-remove",
        "target": target_id,
        "change": change.to_dict(),
        "at": now_iso(),
        "by": current_author(),
    }
    tx.append([event])


def change_tags(
    tx: Transaction, target_id: str, add: list[str], remove: list[str], must_have: bool = False
) -> list[str]:
    """Add and remove tags against the tags the target has now; returns its tags."""
    anchor = tx.anchor(target_id)
    current = tx.state.annotation(target_id).tags
    spelled = {tag_key(t): t for t in current}  # tags are one in any case
    missing = [t for t in remove if tag_key(t) not in spelled]
    if must_have and missing:
        now = ", ".join(current) if current else "none"
        raise StoreError(
            f"{target_id}: not tagged {missing[0]!r} (its tags: {now}); nothing removed"
        )
    add = [t for t in add if tag_key(t) not in spelled]
    remove = [spelled[tag_key(t)] for t in remove if tag_key(t) in spelled]
    if add or remove:
        said = [*(f"+{t}" for t in add), *(f"-{t}" for t in remove)]
        tx.log_change("tags", f"tags of {target_id}: {' '.join(said)}", [target_id])
        event = {
            "op": "tags",
            "target": target_id,
            "anchor": anchor,
            "add": add,
            "remove": remove,
            "at": now_iso(),
            "by": current_author(),
        }
        tx.append([event])
    return tx.state.annotation(target_id).tags


def add_note(tx: Transaction, target_id: str, text: str) -> Note:
    anchor = tx.anchor(target_id)
    note_id = secrets.token_hex(6)
    while note_id in tx.state.notes:
        note_id = secrets.token_hex(6)
    now = now_iso()
    note = Note(note_id, target_id, text, now, now, by=current_author())
    tx.log_change("note", f"added note {note_id} on {target_id}", [target_id, note_id])
    tx.append([{"op": "note", "anchor": anchor, "note": note.to_dict()}])
    return note


def edit_note(tx: Transaction, note_id: str, text: str, base: Note | None) -> Note:
    """See ``Store.edit_note``: a conflict copy if the note changed since ``base``."""
    old = tx.state.notes.get(note_id)
    if base is not None and _note_changed(old, base):
        return add_note(tx, old.target_id if old else base.target_id, text)
    note = _note(tx, note_id).edited(text, now_iso(), current_author())
    tx.log_change("note", f"edited note {note_id} on {note.target_id}", [note.target_id, note_id])
    tx.append([{"op": "note", "note": note.to_dict()}])
    return note


def delete_note(tx: Transaction, note_id: str, base: Note | None) -> bool:
    """See ``Store.delete_note``."""
    current = tx.state.notes.get(note_id)
    if base is not None:
        if current is None:
            return False
        if _note_changed(current, base):
            raise ChangedElsewhere(
                f"the note was edited elsewhere at {current.updated}, after it was "
                "shown; it was not deleted"
            )
    note = _note(tx, note_id)
    tx.log_change("note", f"deleted note {note_id} on {note.target_id}", [note.target_id, note_id])
    tx.append(
        [{"op": "note-delete", "id": note_id, "target": note.target_id, "at": now_iso(),
          "by": current_author()}]
    )  # fmt: skip
    return True


def _note(tx: Transaction, note_id: str) -> Note:
    note = tx.state.notes.get(note_id)
    if note is None:
        raise not_found("note", note_id, tx.store.path)
    return note


def reattach(tx: Transaction, orphan_id: str, commitment_id: str, base: Orphan | None) -> None:
    """See ``Store.reattach``."""
    orphan = next(
        (o for o in orphans.find(tx.state, tx.corpus, tx.store.has_target) if o.id == orphan_id),
        None,
    )
    if base is not None and (orphan is None or orphan.payload != base.payload):
        what = "re-attached or removed" if orphan is None else "changed"
        raise ChangedElsewhere(
            f"this orphaned {base.kind} was {what} elsewhere since it was listed; nothing was moved"
        )
    if orphan is None:
        raise not_found("orphan", orphan_id, tx.store.path)
    if orphan.kind == "status":
        _commitment_only(commitment_id, tx.store.locate(commitment_id))
    anchor = tx.anchor(commitment_id)
    only = (orphan.kind, orphan.id if orphan.kind == "note" else None)
    tx.log_change(
        "reattach",
        f"re-attached the orphaned {orphan.kind} of {orphan.old_target_id} to {commitment_id}",
        [orphan.old_target_id, commitment_id],
    )
    events = carry_over.move_events(
        tx.state, orphan.old_target_id, commitment_id, anchor, now_iso(), False, only=only
    )
    tx.append([{**event, "by": current_author()} for event in events])


def not_found(what: str, item_id: str, path: Path) -> StoreError:
    """No ``what`` (``"meeting"``, ``"target"``, ``"note"``, ``"orphan"``) has this ID."""
    named = "meeting, area or commitment" if what == "target" else what
    return StoreError(
        f"no {named} has ID {item_id!r} in {path}",
        kind=ErrorKind.NOT_FOUND,
        path=path,
        what=what,
        id=item_id,
    )

"""The user's edits as small values: what to write, how to say it, what to restore.

No Textual here. The app runs :meth:`Change.apply` in a worker thread and, if the
store refuses (disk full, read-only directory, a lock held too long), shows the
error and hands the change back to the screen it came from, so nothing typed is lost;
a change not written is also kept as a draft (:meth:`Change.as_draft`).

Every change from an editor carries what the editor read (``base``): the store
checks it under its lock, so a change made meanwhile by another process is never
written over. A note edited elsewhere is kept beside the app's text; a status set
elsewhere or a note edited elsewhere that the app would delete is refused
(``ChangedElsewhere``); tags are a delta merged with the tags as they are now.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from typing import ClassVar

from store import Note, Orphan, Status, StatusChange, Store
from store.drafts import Draft
from store.model import unique_tags
from tui import labels


@dataclass(frozen=True)
class Outcome:
    """What a write did, beyond its plain ``done``: ``notice`` (said instead of
    ``done``, as a warning) when it met another process's change; ``said`` (said
    instead of ``done``) what an undo or a redo did; ``note_id`` of the note written;
    ``changed`` False when there was nothing to write (``Change.unchanged`` says so);
    ``targets`` the IDs a correction, an undo or a redo touched (the tree shows the
    first that is there)."""

    notice: str | None = None
    note_id: str | None = None
    changed: bool = True
    said: str | None = None
    targets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change(ABC):
    target_id: str
    #: The draft this change came from (dropped once the change is saved).
    draft_id: str | None = field(default=None, kw_only=True)

    @abstractmethod
    def apply(self, store: Store) -> Outcome:
        """Write the change (in a worker thread); raises StoreError (ChangedElsewhere
        when what the editor read has changed since). ``Outcome.changed`` is False if
        there was nothing to write (``unchanged`` then says so)."""

    @property
    def done(self) -> str:
        return "Saved"

    @property
    def unchanged(self) -> str:
        return "Unchanged: nothing to save"

    @property
    def undone(self) -> str:
        """What is not done if the change is never written (said when quitting)."""
        return "a change"

    #: The change may change the structure the tree shows (a correction, an undo):
    #: the app reads the meetings again once it is written.
    restructures: ClassVar[bool] = False

    def as_draft(self, why: str) -> Draft | None:
        """The change as a draft to keep while it is not written (None: nothing typed)."""
        return None

    def _as(self, draft: Draft) -> Draft:
        """``draft`` under this change's draft ID, if it came from one (so it replaces it)."""
        return draft if self.draft_id is None else replace(draft, id=self.draft_id)


@dataclass(frozen=True)
class SetStatus(Change):
    status: Status
    source: str | None = None
    evidence: str | None = None
    #: The status history the dialog showed.
    base: tuple[StatusChange, ...] | None = field(default=None, kw_only=True)

    def apply(self, store: Store) -> Outcome:
        change = store.set_status(
            self.target_id,
            self.status,
            source=self.source,
            evidence=self.evidence,
            base=self.base,
        )
        return Outcome(changed=change is not None)

    @property
    def done(self) -> str:
        return f"Status set: {self.status.label}"

    @property
    def unchanged(self) -> str:
        return f"Status unchanged: already {self.status.label}"

    @property
    def undone(self) -> str:
        return f"a status ({self.status.label})"

    def as_draft(self, why: str) -> Draft:
        return self._as(
            Draft(
                kind="status",
                target_id=self.target_id,
                why=why,
                status=self.status.value,
                source=self.source,
                evidence=self.evidence,
            )
        )


@dataclass(frozen=True)
class EditTags(Change):
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    #: The tags the dialog showed (the edit is a delta from them).
    base: tuple[str, ...] | None = field(default=None, kw_only=True)

    def apply(self, store: Store) -> Outcome:
        tags = store.change_tags(self.target_id, add=self.add, remove=self.remove)
        if self.base is None:
            return Outcome()
        expected = unique_tags([t for t in self.base if t not in self.remove] + list(self.add))
        if tags == expected:
            return Outcome()
        now = ", ".join(tags) if tags else "none"
        return Outcome(
            notice=f"The tags were changed elsewhere meanwhile; yours were merged with "
            f"theirs. Tags now: {now}"
        )

    @property
    def done(self) -> str:
        parts = []
        if self.add:
            parts.append("added " + ", ".join(self.add))
        if self.remove:
            parts.append("removed " + ", ".join(self.remove))
        return "Tags " + "; ".join(parts) if parts else "Tags unchanged"

    @property
    def undone(self) -> str:
        return "a change of tags"

    def as_draft(self, why: str) -> Draft:
        return self._as(
            Draft(kind="tags", target_id=self.target_id, why=why, add=self.add, remove=self.remove)
        )


@dataclass(frozen=True)
class AddNote(Change):
    text: str = ""

    def apply(self, store: Store) -> Outcome:
        return Outcome(note_id=store.add_note(self.target_id, self.text).id)

    @property
    def done(self) -> str:
        return "Note added"

    @property
    def undone(self) -> str:
        return "a new note"

    def as_draft(self, why: str) -> Draft:
        return self._as(Draft(kind="note", target_id=self.target_id, why=why, text=self.text))


@dataclass(frozen=True)
class EditNote(Change):
    note_id: str = ""
    text: str = ""
    #: The note as the editor read it.
    base: Note | None = field(default=None, kw_only=True)

    def apply(self, store: Store) -> Outcome:
        note = store.edit_note(self.note_id, self.text, base=self.base)
        if note.id == self.note_id:
            return Outcome(note_id=note.id)
        other = store.note(self.note_id)
        if other is None:
            clash = "The note was deleted elsewhere meanwhile; your text was saved as a new note."
        else:
            clash = (
                f"The note was changed elsewhere at {labels.format_time(other.updated)}; "
                "your text was saved as a second note beside it."
            )
        return Outcome(notice=clash, note_id=note.id)

    @property
    def done(self) -> str:
        return "Note saved"

    @property
    def undone(self) -> str:
        return "an edited note"

    def as_draft(self, why: str) -> Draft:
        return self._as(
            Draft(
                kind="note",
                target_id=self.target_id,
                why=why,
                text=self.text,
                note_id=self.note_id,
                base=self.base,
            )
        )


@dataclass(frozen=True)
class DeleteNote(Change):
    note_id: str = ""
    #: The note as shown when the deletion was asked for.
    base: Note | None = field(default=None, kw_only=True)

    def apply(self, store: Store) -> Outcome:
        if not store.delete_note(self.note_id, base=self.base):
            return Outcome(notice="The note had already been deleted elsewhere.")
        return Outcome()

    @property
    def done(self) -> str:
        return "Note deleted"

    @property
    def undone(self) -> str:
        return "the deletion of a note"


@dataclass(frozen=True)
class Reattach(Change):
    """Re-attach an orphan onto ``target_id`` (a commitment)."""

    orphan_id: str = ""
    kind: str = ""
    old_target_id: str = ""
    #: The orphan as listed.
    base: Orphan | None = field(default=None, kw_only=True)

    def apply(self, store: Store) -> Outcome:
        store.reattach(self.orphan_id, self.target_id, base=self.base)
        return Outcome()

    @property
    def done(self) -> str:
        return f"Re-attached the orphaned {self.kind or 'annotation'}"

    @property
    def undone(self) -> str:
        return f"the re-attaching of an orphaned {self.kind or 'annotation'}"

"""The user's edits as small values: what to write, how to say it, what to restore.

No Textual here. The app runs :meth:`Change.apply` in a worker thread and, if the
store refuses (disk full, read-only directory, a lock held too long), shows the
error and hands the change back to the screen it came from, so nothing typed is lost.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from store import Status, Store


@dataclass(frozen=True)
class Change(ABC):
    target_id: str

    @abstractmethod
    def apply(self, store: Store) -> bool | None:
        """Write the change (in a worker thread); raises StoreError. False if there
        was nothing to write (``unchanged`` then says so)."""

    @property
    def done(self) -> str:
        return "Saved"

    @property
    def unchanged(self) -> str:
        return "Unchanged: nothing to save"


@dataclass(frozen=True)
class SetStatus(Change):
    status: Status
    source: str | None = None
    evidence: str | None = None

    def apply(self, store: Store) -> bool:
        change = store.set_status(
            self.target_id, self.status, source=self.source, evidence=self.evidence
        )
        return change is not None

    @property
    def done(self) -> str:
        return f"Status set: {self.status.label}"

    @property
    def unchanged(self) -> str:
        return f"Status unchanged: already {self.status.label}"


@dataclass(frozen=True)
class EditTags(Change):
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()

    def apply(self, store: Store) -> None:
        if self.remove:
            store.remove_tags(self.target_id, list(self.remove))
        if self.add:
            store.add_tags(self.target_id, list(self.add))

    @property
    def done(self) -> str:
        parts = []
        if self.add:
            parts.append("added " + ", ".join(self.add))
        if self.remove:
            parts.append("removed " + ", ".join(self.remove))
        return "Tags " + "; ".join(parts) if parts else "Tags unchanged"


@dataclass(frozen=True)
class AddNote(Change):
    text: str = ""

    def apply(self, store: Store) -> None:
        store.add_note(self.target_id, self.text)

    @property
    def done(self) -> str:
        return "Note added"


@dataclass(frozen=True)
class EditNote(Change):
    note_id: str = ""
    text: str = ""

    def apply(self, store: Store) -> None:
        store.edit_note(self.note_id, self.text)

    @property
    def done(self) -> str:
        return "Note saved"


@dataclass(frozen=True)
class DeleteNote(Change):
    note_id: str = ""

    def apply(self, store: Store) -> None:
        store.delete_note(self.note_id)

    @property
    def done(self) -> str:
        return "Note deleted"


@dataclass(frozen=True)
class Reattach(Change):
    """Re-attach an orphan onto ``target_id`` (a commitment)."""

    orphan_id: str = ""
    kind: str = ""
    old_target_id: str = ""

    def apply(self, store: Store) -> None:
        store.reattach(self.orphan_id, self.target_id)

    @property
    def done(self) -> str:
        return f"Re-attached the orphaned {self.kind or 'annotation'}"

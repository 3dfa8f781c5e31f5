"""The researcher's annotation writes of ``Store`` (a mixin: ``store.store`` stays a
readable facade): statuses, tags, notes, re-attaching an orphan. Each is a transaction
(``store.edits`` holds what it checks and writes). A target given by another language
version's ID is its primary's (``store.versions``): the annotation is the pair's.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from store import edits
from store.model import Note, Orphan, Status, StatusChange, status_entry_key
from store.snapshot import AnnotationFiles
from store.transaction import Transaction

if TYPE_CHECKING:
    from store.versions import Versions


class AnnotationMethods:
    """The annotation writes of ``Store``."""

    # provided by Store
    _mutex: threading.RLock
    _files: AnnotationFiles
    transaction: Callable[[], contextlib.AbstractContextManager[Transaction]]
    canonical_id: Callable[[str], str]
    versions: Callable[[], Versions]

    def set_status(
        self,
        target_id: str,
        status: Status | str,
        *,
        source: str | None = None,
        evidence: str | None = None,
        base: Sequence[StatusChange] | None = None,
    ) -> StatusChange | None:
        """Record a status for a commitment (only: areas and meetings take tags and
        notes); returns the new history entry, or None if it would repeat the current
        one (the same status, and no other source or evidence): nothing is written.
        ``base`` is the status history an editor showed: if the history is no longer
        that (another process set a status meanwhile), nothing is written and
        ChangedElsewhere says what it is now."""
        target_id = self.canonical_id(target_id)
        change = edits.status_change(status, source, evidence)
        with self.transaction() as tx:
            if base is not None:  # the history shown holds the other versions' entries too
                theirs = {status_entry_key(c) for c in self._alias_history(target_id)}
                base = [c for c in base if status_entry_key(c) not in theirs]
            written = edits.set_status(tx, target_id, change, base)
        return change if written else None

    def _alias_history(self, target_id: str) -> list[StatusChange]:
        """The status entries kept under the other versions' items standing for
        ``target_id`` (``store.pair_annotations``)."""
        state = self._files.state
        aliases = self.versions().standing_for(target_id)
        return [c for a in aliases if (rec := state.targets.get(a)) for c in rec.history]

    def remove_status_change(self, target_id: str, change: StatusChange) -> None:
        """Remove one entry of a target's status history (a mistaken one); the entry
        before it, if any, is the status again. The removal is journalled with the
        entry and the time, and kept (``Annotation`` does not show it) so that a merge
        does not bring the entry back and the removal can be undone."""
        target_id = self.canonical_id(target_id)
        with self.transaction() as tx:
            state = self._files.state
            for alias in self.versions().standing_for(target_id):  # an entry kept there
                rec = state.targets.get(alias)
                if rec is not None and change in rec.history:
                    target_id = alias
                    break
            edits.remove_status_change(tx, target_id, change)

    def removed_status_changes(self, target_id: str) -> list[StatusChange]:
        """The entries removed from a target's status history (``remove_status_change``)."""
        target_id = self.canonical_id(target_id)
        with self._mutex:
            rec = self._files.state.targets.get(target_id)
            return [r.change for r in rec.removed_history] if rec else []

    def add_tags(self, target_id: str, tags: list[str]) -> list[str]:
        target_id = self.canonical_id(target_id)
        add = edits.tags(tags)
        with self.transaction() as tx:
            return edits.change_tags(tx, target_id, add=add, remove=[])

    def remove_tags(self, target_id: str, tags: list[str]) -> list[str]:
        """Remove tags (in any case); refused, nothing removed, if the target lacks one."""
        target_id = self.canonical_id(target_id)
        remove = edits.tags(tags)
        with self.transaction() as tx:
            return edits.change_tags(tx, target_id, add=[], remove=remove, must_have=True)

    def change_tags(
        self, target_id: str, *, add: Sequence[str] = (), remove: Sequence[str] = ()
    ) -> list[str]:
        """Add and remove tags in one write, each against the tags the target has when it
        is written: a tag another process added or removed since an editor read them
        stays so (an editor's change is a delta, merged three ways). Returns the tags."""
        target_id = self.canonical_id(target_id)
        added = edits.tags(add) if add else []
        removed = edits.tags(remove) if remove else []
        with self.transaction() as tx:
            return edits.change_tags(tx, target_id, add=added, remove=removed)

    def add_note(self, target_id: str, text: str) -> Note:
        target_id = self.canonical_id(target_id)
        text = edits.note_text(text)
        with self.transaction() as tx:
            return edits.add_note(tx, target_id, text)

    def edit_note(self, note_id: str, text: str, *, base: Note | None = None) -> Note:
        """Replace a note's text; returns the note written.

        ``base`` is the note as an editor read it. If the note has been edited or
        deleted since (by another process), both are kept: the other version stays as
        it is and ``text`` becomes a new note beside it, on the same target (a
        conflict copy); the note returned then has another ID than ``note_id``.
        """
        text = edits.note_text(text)
        with self.transaction() as tx:
            return edits.edit_note(tx, note_id, text, base)

    def delete_note(self, note_id: str, *, base: Note | None = None) -> bool:
        """Delete a note. ``base`` is the note as shown: if it has been edited since,
        nothing is deleted (ChangedElsewhere); if it is already deleted, this returns
        False (without ``base`` a missing note is a StoreError)."""
        with self.transaction() as tx:
            return edits.delete_note(tx, note_id, base)

    def reattach(self, orphan_id: str, commitment_id: str, *, base: Orphan | None = None) -> None:
        """Move an orphaned status, tag set or note onto an existing target.

        ``base`` is the orphan as listed: if it has since been re-attached, removed or
        changed (by another process), nothing is moved (ChangedElsewhere)."""
        commitment_id = self.canonical_id(commitment_id)
        with self.transaction() as tx:
            edits.reattach(tx, orphan_id, commitment_id, base)

"""Corrections of the parse, undo and redo as the app's changes (see ``tui.changes``):
small values the app's write pipeline runs in a worker. Each correction carries what
its dialog showed (``base``): the store refuses it (ChangedElsewhere) if that changed
meanwhile, and the app then says so and keeps the dialog's answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from store import Store
from tui.changes import Change, Outcome


@dataclass(frozen=True)
class RenameArea(Change):
    """Rename the area ``target_id``."""

    name: str = ""
    base: str | None = field(default=None, kw_only=True)

    def apply(self, store: Store) -> Outcome:
        return Outcome(changed=bool(store.rename_area(self.target_id, self.name, base=self.base)))

    @property
    def done(self) -> str:
        return f"Area renamed: {self.name}"

    @property
    def unchanged(self) -> str:
        return "Unchanged: the area already has that name"

    @property
    def undone(self) -> str:
        return f"the renaming of an area ({self.name})"


@dataclass(frozen=True)
class CorrectMeeting(Change):
    """Correct the title, date or place of the meeting ``target_id`` (None: as parsed
    … or no place; only the fields in ``values`` change)."""

    values: tuple[tuple[str, str | None], ...] = ()
    base: tuple[tuple[str, str | None], ...] | None = field(default=None, kw_only=True)

    def apply(self, store: Store) -> Outcome:
        base = dict(self.base) if self.base is not None else None
        done = store.correct_meeting(self.target_id, base=base, **dict(self.values))
        return Outcome(changed=bool(done))

    @property
    def done(self) -> str:
        return "Meeting corrected: " + ", ".join(name for name, _v in self.values)

    @property
    def unchanged(self) -> str:
        return "Unchanged: the meeting already says so"

    @property
    def undone(self) -> str:
        return "a correction of a meeting"


@dataclass(frozen=True)
class MoveCommitment(Change):
    """Move the commitment ``target_id`` to the area ``area_id`` or a new area."""

    area_id: str | None = None
    new_area: str | None = None
    area_name: str = ""  # the destination's name, to say what was done
    base: str | None = field(default=None, kw_only=True)  # the area it was shown in

    def apply(self, store: Store) -> Outcome:
        store.move_commitment(self.target_id, self.area_id, new_area=self.new_area, base=self.base)
        return Outcome()

    @property
    def done(self) -> str:
        return f"Commitment moved to {self.new_area or self.area_name}"

    @property
    def undone(self) -> str:
        return "a move of a commitment"


@dataclass(frozen=True)
class SplitCommitment(Change):
    """Split the commitment ``target_id`` where ``at`` starts."""

    at: str = ""
    base: str | None = field(default=None, kw_only=True)  # its text as shown

    def apply(self, store: Store) -> Outcome:
        store.split_commitment(self.target_id, self.at, base=self.base)
        return Outcome()

    @property
    def done(self) -> str:
        return "Commitment split in two"

    @property
    def undone(self) -> str:
        return "a split of a commitment"


@dataclass(frozen=True)
class MergeCommitments(Change):
    """Merge the commitment ``other_id`` into ``target_id``."""

    other_id: str = ""
    base: tuple[str, str] | None = field(default=None, kw_only=True)  # both texts as shown

    def apply(self, store: Store) -> Outcome:
        store.merge_commitments(self.target_id, self.other_id, base=self.base)
        return Outcome()

    @property
    def done(self) -> str:
        return "Commitments merged"

    @property
    def undone(self) -> str:
        return "a merge of two commitments"


@dataclass(frozen=True)
class ExcludeCommitment(Change):
    """Exclude the commitment ``target_id`` as not one, or (``restore``) bring it back."""

    restore: bool = False

    def apply(self, store: Store) -> Outcome:
        store.exclude_commitment(self.target_id, restore=self.restore)
        return Outcome()

    @property
    def done(self) -> str:
        return "Commitment restored" if self.restore else "Excluded: not a commitment"

    @property
    def undone(self) -> str:
        return "restoring a commitment" if self.restore else "excluding a commitment"


@dataclass(frozen=True)
class AddCommitment(Change):
    """Add ``text`` (from the meeting's source) as a commitment of the area ``target_id``."""

    text: str = ""

    def apply(self, store: Store) -> Outcome:
        store.add_commitment(self.target_id, self.text)
        return Outcome()

    @property
    def done(self) -> str:
        return "Commitment added from the source"

    @property
    def undone(self) -> str:
        return "a commitment added from the source"


@dataclass(frozen=True)
class Undo(Change):
    """Undo the researcher's latest change (``target_id`` unused: give "")."""

    def apply(self, store: Store) -> Outcome:
        entry = store.undo(here=True)  # this window's own latest change
        return Outcome(notice=f"Undone: {entry.summary}")

    @property
    def undone(self) -> str:
        return "an undo"


@dataclass(frozen=True)
class Redo(Change):
    """Redo the researcher's latest undone change (``target_id`` unused: give "")."""

    def apply(self, store: Store) -> Outcome:
        entry = store.redo(here=True)
        return Outcome(notice=f"Redone: {entry.summary}")

    @property
    def undone(self) -> str:
        return "a redo"

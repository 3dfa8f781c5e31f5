"""Corrections of the parse, undo and redo as the app's changes (see ``tui.changes``):
small values the app's write pipeline runs in a worker. Each correction carries what
its dialog showed (``base``): the store refuses it (ChangedElsewhere) if that changed
meanwhile, and the app then says so and keeps the dialog's answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from store import Store
from store.errors import ChangedElsewhere
from tui.changes import Change, Outcome


@dataclass(frozen=True)
class Correction(Change):
    """A correction of the parse: the tree is read again once it is written."""

    restructures: ClassVar[bool] = True


@dataclass(frozen=True)
class RenameArea(Correction):
    """Rename the area ``target_id``."""

    name: str = ""
    base: str | None = field(default=None, kw_only=True)

    def apply(self, store: Store) -> Outcome:
        ids = store.rename_area(self.target_id, self.name, base=self.base)
        return Outcome(changed=bool(ids), targets=tuple(ids))

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
class CorrectMeeting(Correction):
    """Correct the title, date or place of the meeting ``target_id`` (None: as parsed
    … or no place; only the fields in ``values`` change)."""

    values: tuple[tuple[str, str | None], ...] = ()
    base: tuple[tuple[str, str | None], ...] | None = field(default=None, kw_only=True)

    def apply(self, store: Store) -> Outcome:
        base = dict(self.base) if self.base is not None else None
        done = store.correct_meeting(self.target_id, base=base, **dict(self.values))
        return Outcome(changed=bool(done), targets=tuple(done))

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
class MoveCommitment(Correction):
    """Move the commitment ``target_id`` to the area ``area_id`` or a new area."""

    area_id: str | None = None
    new_area: str | None = None
    area_name: str = ""  # the destination's name, to say what was done
    base: str | None = field(default=None, kw_only=True)  # the area it was shown in

    def apply(self, store: Store) -> Outcome:
        ids = store.move_commitment(
            self.target_id, self.area_id, new_area=self.new_area, base=self.base
        )
        return Outcome(targets=tuple(ids))

    @property
    def done(self) -> str:
        return f"Commitment moved to {self.new_area or self.area_name}"

    @property
    def undone(self) -> str:
        return "a move of a commitment"


@dataclass(frozen=True)
class SplitCommitment(Correction):
    """Split the commitment ``target_id`` where ``at`` starts."""

    at: str = ""
    base: str | None = field(default=None, kw_only=True)  # its text as shown

    def apply(self, store: Store) -> Outcome:
        return Outcome(
            targets=tuple(store.split_commitment(self.target_id, self.at, base=self.base))
        )

    @property
    def done(self) -> str:
        return "Commitment split in two"

    @property
    def undone(self) -> str:
        return "a split of a commitment"


@dataclass(frozen=True)
class MergeCommitments(Correction):
    """Merge the commitment ``other_id`` into ``target_id``."""

    other_id: str = ""
    base: tuple[str, str] | None = field(default=None, kw_only=True)  # both texts as shown

    def apply(self, store: Store) -> Outcome:
        ids = store.merge_commitments(self.target_id, self.other_id, base=self.base)
        return Outcome(targets=tuple(ids))

    @property
    def done(self) -> str:
        return "Commitments merged"

    @property
    def undone(self) -> str:
        return "a merge of two commitments"


@dataclass(frozen=True)
class ExcludeCommitment(Correction):
    """Exclude the commitment ``target_id`` as not one, or (``restore``) bring it back."""

    restore: bool = False

    def apply(self, store: Store) -> Outcome:
        return Outcome(
            targets=tuple(store.exclude_commitment(self.target_id, restore=self.restore))
        )

    @property
    def done(self) -> str:
        return "Commitment restored" if self.restore else "Excluded: not a commitment"

    @property
    def undone(self) -> str:
        return "restoring a commitment" if self.restore else "excluding a commitment"


@dataclass(frozen=True)
class AddCommitment(Correction):
    """Add ``text`` (from the meeting's source) as a commitment of the area ``target_id``."""

    text: str = ""

    def apply(self, store: Store) -> Outcome:
        return Outcome(targets=tuple(store.add_commitment(self.target_id, self.text)))

    @property
    def done(self) -> str:
        return "Commitment added from the source"

    @property
    def undone(self) -> str:
        return "a commitment added from the source"


@dataclass(frozen=True)
class Undo(Change):
    """Undo the researcher's latest change (``target_id`` unused: give "")."""

    restructures: ClassVar[bool] = True  # it may undo a correction

    #: the changes whose undo was refused (changed since elsewhere): Ctrl+Z again goes on
    #: to the one before (shared by the window's undos: ``CoopApp.undo_refused``)
    refused: set[str] = field(default_factory=set, compare=False, hash=False, kw_only=True)

    def apply(self, store: Store) -> Outcome:
        try:  # this window's own latest change first
            entry = store.undo(here=True, skip=frozenset(self.refused))
        except ChangedElsewhere as exc:
            if not exc.facts.get("change"):
                raise
            self.refused.add(exc.facts["change"])
            raise ChangedElsewhere(
                f"{exc.message}. Ctrl+Z again goes on to the change before it"
            ) from exc
        return Outcome(said=f"Undone: {entry.summary}", targets=tuple(entry.targets))

    @property
    def undone(self) -> str:
        return "an undo"


@dataclass(frozen=True)
class Redo(Change):
    """Redo the researcher's latest undone change (``target_id`` unused: give "")."""

    restructures: ClassVar[bool] = True  # it may redo a correction

    def apply(self, store: Store) -> Outcome:
        entry = store.redo(here=True)
        return Outcome(said=f"Redone: {entry.summary}", targets=tuple(entry.targets))

    @property
    def undone(self) -> str:
        return "a redo"

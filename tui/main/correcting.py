"""The main view's corrections of the parse (``f``): the menu of what applies to the
selected meeting, area or commitment, the dialog of each correction, and the change
(:mod:`tui.correction_changes`) each answer becomes.

Each dialog opens on what the store holds now; that is the change's ``base``, so a
correction of something changed elsewhere meanwhile is refused (``ChangedElsewhere``)
and not written over it. A correction the store refuses opens its dialog again with
the answer as it was and the store's reason (:meth:`Correcting.reopen`): nothing typed
is lost. Excluding and restoring ask nothing: they are done at once (``Ctrl+Z`` undoes).
Imported when ``f`` is first pressed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text

from store import StoreError
from store.corrections import meeting_field
from tui import labels
from tui.changes import Change
from tui.correction_changes import (
    AddCommitment,
    Correction,
    CorrectMeeting,
    ExcludeCommitment,
    MergeCommitments,
    MoveCommitment,
    RenameArea,
    SplitCommitment,
)
from tui.render import literal
from tui.screens.correct import (
    AreaChoice,
    CorrectMenuScreen,
    Fix,
    FixTextScreen,
    MergeScreen,
    MoveScreen,
)
from tui.screens.split import SplitScreen

if TYPE_CHECKING:
    from parsers import Area, Commitment, Meeting
    from tui.app import CoopApp
    from tui.main.screen import MainScreen

#: A meeting's fields as the dialogs name them, and what an empty answer means.
MEETING_FIELDS = {"title": "title", "date": "date (YYYY-MM-DD)", "place": "place",
                  "parties": "parties (separated by ;)"}  # fmt: skip


class Correcting:
    """Opens the corrections menu and dialogs over ``screen`` (the main view)."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    @property
    def app(self) -> CoopApp:
        return self.screen.coop

    def _locate(self, target_id: str) -> tuple[Meeting, Area | None, Commitment | None] | None:
        """Where ``target_id`` is now; None (and a message) if it is gone."""
        session = self.app.session
        assert session is not None
        try:
            return session.store.locate(target_id)
        except StoreError as exc:
            self.app.notify(str(exc), severity="warning", markup=False)
            return None

    # ------------------------------------------------------------------ the menu

    def open_menu(self) -> None:
        ref = self.screen.target("correct it", ("commitment", "area", "meeting"))
        if ref is None or self.app.refused_read_only():
            return
        found = self._locate(ref.id)
        if found is None:
            return
        meeting, area, commitment = found
        if commitment is not None and area is not None:
            what, about, fixes = (
                "commitment",
                commitment.text,
                self._commitment_fixes(area, commitment),
            )
        elif area is not None:
            what, about = "area", area.name or "(unnamed area)"
            fixes = [
                Fix("rename", "Rename the area…"),
                Fix("add", "Add a commitment from the source…", "text the parser missed"),
            ]
        else:
            what, about = "meeting", meeting.title
            fixes = [
                Fix(name, f"Correct the {shown}…", _value_text(meeting_field(meeting, name)))
                for name, shown in MEETING_FIELDS.items()
            ]
        target_id = ref.id

        def chosen(action: str | None) -> None:
            if action is not None:
                self.open(action, target_id)

        self.app.push_screen(CorrectMenuScreen(what, about, fixes), chosen)

    @staticmethod
    def _commitment_fixes(area: Area, commitment: Commitment) -> list[Fix]:
        if commitment in area.excluded:
            return [Fix("restore", "Restore it: it is a commitment", "counted again")]
        fixes = [
            Fix("move", "Move to another area…", "or to a new one"),
            Fix("split", "Split in two…", "where the second part starts"),
        ]
        if len(area.commitments) > 1:
            fixes.append(Fix("merge", "Merge with another commitment of this area…"))
        fixes.append(Fix("exclude", "Exclude: not a commitment", "a caption, a remark"))
        return fixes

    def open(self, action: str, target_id: str) -> None:
        """Open the dialog of ``action`` on ``target_id`` (or do it, if it asks nothing)."""
        openers: dict[str, Callable[[str], None]] = {
            "rename": self.open_rename,
            "add": self.open_add,
            **{  # title, date, place, parties: one dialog each
                name: functools.partial(self._open_field, name) for name in MEETING_FIELDS
            },
            "move": self.open_move,
            "split": self.open_split,
            "merge": self.open_merge,
            "exclude": lambda t: self.app.save(ExcludeCommitment(t)),
            "restore": lambda t: self.app.save(ExcludeCommitment(t, restore=True)),
        }
        openers[action](target_id)

    def _open_field(self, name: str, meeting_id: str) -> None:
        self.open_meeting_field(meeting_id, name)

    # ------------------------------------------------------------------ the dialogs

    def open_rename(
        self, area_id: str, name: str | None = None, *, error: str | None = None,
        notice: str | None = None,
    ) -> None:  # fmt: skip
        found = self._locate(area_id)
        if found is None or found[1] is None:
            return
        area = found[1]
        base = area.name
        screen = FixTextScreen(
            "Rename the area: ", base or "(unnamed area)", "New name",
            base if name is None else name, was=_was("The parser named it", area.original_name),
            error=error, notice=notice,
        )  # fmt: skip

        def done(value: str | None) -> None:
            if value is not None:
                self.app.save(RenameArea(area_id, value, base=base))

        self.app.push_screen(screen, done)

    def open_add(
        self, area_id: str, text: str = "", *, error: str | None = None,
        notice: str | None = None,
    ) -> None:  # fmt: skip
        found = self._locate(area_id)
        if found is None or found[1] is None:
            return
        area = found[1]
        hint = Text(
            "Paste or type a passage of the meeting's release (whitespace aside, it must "
            "occur there): it becomes a commitment of this area.",
            style="dim",
        )
        screen = FixTextScreen(
            "Add a commitment to: ", area.name or "(unnamed area)", "Text from the source",
            text, was=hint, placeholder="a passage of the release", error=error, notice=notice,
        )  # fmt: skip

        def done(value: str | None) -> None:
            if value is not None:
                self.app.save(AddCommitment(area_id, value))

        self.app.push_screen(screen, done)

    def open_meeting_field(
        self, meeting_id: str, name: str, value: str | None = None, *,
        error: str | None = None, notice: str | None = None,
    ) -> None:  # fmt: skip
        found = self._locate(meeting_id)
        if found is None:
            return
        meeting = found[0]
        now = meeting_field(meeting, name)
        was = _was("The parser read", meeting.original.get(name, ""), name in meeting.original)
        screen = FixTextScreen(
            f"Correct the meeting's {name}: ", _value_text(now), _first_upper(MEETING_FIELDS[name]),
            (now or "") if value is None else value, was=was,
            placeholder="YYYY-MM-DD; empty: undated" if name == "date" else
            "empty: no place" if name == "place" else
            "Hong Kong; Zhejiang" if name == "parties" else "",
            allow_empty=name != "title", error=error, notice=notice,
        )  # fmt: skip

        def done(answer: str | None) -> None:
            if answer is not None:
                typed = answer.strip() or None
                self.app.save(CorrectMeeting(meeting_id, ((name, typed),), base=((name, now),)))

        self.app.push_screen(screen, done)

    def open_move(
        self, commitment_id: str, choice: AreaChoice | None = None, *,
        error: str | None = None, notice: str | None = None,
    ) -> None:  # fmt: skip
        found = self._locate(commitment_id)
        if found is None:
            return
        meeting, area, commitment = found
        if area is None or commitment is None:
            return
        others = [(a.id, a.name, len(a.commitments)) for a in meeting.areas if a.id != area.id]
        screen = MoveScreen(
            commitment.text, area.name, others,
            chosen=choice.area_id if choice else None,
            new_area=(choice.new_area or "") if choice else "", error=error, notice=notice,
        )  # fmt: skip
        base = area.id

        def done(answer: AreaChoice | None) -> None:
            if answer is not None:
                self.app.save(
                    MoveCommitment(
                        commitment_id, answer.area_id, answer.new_area, answer.name, base=base
                    )
                )

        self.app.push_screen(screen, done)

    def open_split(
        self, commitment_id: str, at: str = "", *, error: str | None = None,
        notice: str | None = None,
    ) -> None:  # fmt: skip
        found = self._locate(commitment_id)
        if found is None or found[2] is None:
            return
        base = found[2].text

        def done(answer: str | None) -> None:
            if answer is not None:
                self.app.save(SplitCommitment(commitment_id, answer, base=base))

        self.app.push_screen(SplitScreen(base, at, error=error, notice=notice), done)

    def open_merge(
        self, commitment_id: str, other_id: str | None = None, *, notice: str | None = None
    ) -> None:
        found = self._locate(commitment_id)
        if found is None or found[1] is None:
            return
        area = found[1]
        texts = [(c.id, c.text) for c in area.commitments]
        if len(texts) < 2:
            self.app.notify(
                "This commitment is the only one of its area: nothing to merge it with.",
                severity="warning",
                markup=False,
            )
            return
        screen = MergeScreen(commitment_id, texts, chosen=other_id, notice=notice)
        by_id = dict(texts)

        def done(answer: str | None) -> None:
            if answer is not None:
                first, second = screen.ordered(answer)
                base = (by_id[first], by_id[second])
                self.app.save(MergeCommitments(first, second, base=base))

        self.app.push_screen(screen, done)

    # ------------------------------------------------------------------ after a refusal

    def reopen(self, change: Change, error: str, *, changed_elsewhere: bool = False) -> bool:
        """Open the dialog ``change`` came from again, with its answer and why it was not
        saved (on what the store holds now: saving it again is the researcher's call);
        False if it has none (excluding, restoring: the caller says why)."""
        if not isinstance(change, Correction):
            return False
        said = f"Not saved: {error}"
        notice = said if changed_elsewhere else None
        fault = None if changed_elsewhere else said
        target = change.target_id
        if isinstance(change, RenameArea):
            self.open_rename(target, change.name, error=fault, notice=notice)
        elif isinstance(change, AddCommitment):
            self.open_add(target, change.text, error=fault, notice=notice)
        elif isinstance(change, CorrectMeeting) and change.values:
            name, value = change.values[0]
            self.open_meeting_field(target, name, value or "", error=fault, notice=notice)
        elif isinstance(change, MoveCommitment):
            choice = AreaChoice(change.area_id, change.new_area, change.area_name)
            self.open_move(target, choice, error=fault, notice=notice)
        elif isinstance(change, SplitCommitment):
            self.open_split(target, change.at, error=fault, notice=notice)
        elif isinstance(change, MergeCommitments):
            self.open_merge(target, change.other_id, notice=said)
        else:
            return False
        return True


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _value_text(value: str | None) -> str:
    return labels.one_line(value) if value else "(none)"


def _was(prefix: str, value: str | None, shown: bool | None = None) -> Text | None:
    """``The parser named it “…”`` when a correction changed it (else None)."""
    if not (value is not None if shown is None else shown):
        return None
    out = Text(f"{prefix} ", style="dim")
    out.append_text(literal(f"“{labels.one_line(value or '') or '(none)'}”", style="dim italic"))
    return out

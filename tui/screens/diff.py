"""The diff screen: two meetings side by side, what is new, continued and dropped.

The rows (area by area: the area pair, then its changes) are drawn by
:class:`tui.widgets.diff_view.DiffView`, both sides on the same lines, so the columns
scroll together by construction; each commitment shows its status badge and note
count. The comparison runs in a worker ("Comparing …" is shown meanwhile). The screen
dismisses with the ID of the chosen commitment (or area) for the app to select in its
tree, or with ``None`` on Escape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Select, Static

from compare import KINDS, AreaMatch, Kind, MeetingDiff, SelectionError, diff_meetings
from compare.select import default_pair, parties_note
from parsers import Meeting
from store import Annotation, Store, StoreError
from tui.diff_text import KIND_STYLES, Side, area_text, change_cell, summary_text
from tui.keymap import DIFF, bindings
from tui.labels import meeting_label
from tui.render import literal
from tui.screens.dialog import DismissedOnce
from tui.widgets.diff_view import DiffRow, DiffView
from tui.widgets.footer import KeysFooter


@dataclass
class Compared(Message):
    """The comparing worker's result for meetings ``a_id`` and ``b_id``: the diff, or one
    line saying why there is none."""

    a_id: str | None
    b_id: str | None
    diff: MeetingDiff | None
    error: str | None = None


class DiffScreen(DismissedOnce[str | None]):
    """``n``/``p`` next/previous change, ``1``–``7`` one class only, ``0`` all,
    ←/→ the side Enter jumps to, Escape closes."""

    DEFAULT_CSS = """
    DiffScreen #pickers { height: auto; }
    DiffScreen #pickers Select { width: 1fr; }
    DiffScreen #summary { height: auto; padding: 0 1; }
    DiffScreen #parties { height: auto; padding: 0 1; color: $warning; }
    DiffScreen #rows { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(DIFF)

    def __init__(
        self,
        store: Store,
        a_id: str | None = None,
        b_id: str | None = None,
        language: str | None = None,
    ) -> None:
        """``language``: the one the tree shows; the meetings are compared in it where
        both have a version in it (else in one language both have, if any)."""
        super().__init__()
        self.store = store
        self.language = language
        self.meetings: list[Meeting] = store.meetings()
        self.a_id, self.b_id = a_id, b_id
        if a_id is None or b_id is None:
            try:
                a, b = default_pair(self.meetings)
                self.a_id, self.b_id = a_id or a.id, b_id or b.id
            except SelectionError:
                pass
        self.diff: MeetingDiff | None = None
        self.only: Kind | None = None
        self._annotations: dict[str, Annotation] = {}

    # -- building ---------------------------------------------------------------
    def compose(self) -> ComposeResult:
        options = [(_meeting_option(m), m.id) for m in self.meetings]
        known = {m.id for m in self.meetings}
        with Horizontal(id="pickers"):
            yield Select(
                options,
                prompt="old meeting",
                value=self.a_id if self.a_id in known else Select.BLANK,
                id="pick-a",
            )
            yield Select(
                options,
                prompt="new meeting",
                value=self.b_id if self.b_id in known else Select.BLANK,
                id="pick-b",
            )
        yield Static(self._parties_note(), id="parties", markup=False)
        yield Static(self._comparing(), id="summary", markup=False)
        yield DiffView(id="rows")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#rows", DiffView).focus()
        self.compare()

    def _comparing(self) -> Text:
        """``Comparing A with B …``, shown until the rows are in."""
        by_id = {m.id: m for m in self.meetings}
        a, b = by_id.get(self.a_id or ""), by_id.get(self.b_id or "")
        text = Text("Comparing ", style="italic")
        if a is not None and b is not None:
            text.append_text(meeting_label(a))
            text.append(" with ", style="italic")
            text.append_text(meeting_label(b))
        text.append(" …", style="italic")
        return text

    def _parties_note(self) -> Text:
        """A line saying that the chosen meetings are between different parties (else empty)."""
        by_id = {m.id: m for m in self.meetings}
        a, b = by_id.get(self.a_id or ""), by_id.get(self.b_id or "")
        note = parties_note(a, b) if a is not None and b is not None else None
        return literal(f"⚠ {note[:1].upper()}{note[1:]}") if note else Text()

    def compare(self) -> None:
        """Compare the chosen meetings in a worker; "Comparing …" until the rows are in."""
        self.diff = None
        note = self._parties_note()
        parties = self.query_one("#parties", Static)
        parties.update(note)
        parties.display = bool(note.plain)
        self.query_one("#summary", Static).update(self._comparing())
        self._compare(self.a_id, self.b_id)

    @work(thread=True, exclusive=True, group="compare")
    def _compare(self, a_id: str | None, b_id: str | None) -> None:
        try:
            if not a_id or not b_id:
                raise SelectionError("choose two meetings to compare")
            if a_id == b_id:
                raise SelectionError("the two meetings are the same: choose another")
            a, b = self.store.meeting(a_id), self.store.meeting(b_id)
            a, b = self.store.comparable(a, b, self._language_of_both(a, b))
        except (SelectionError, StoreError) as exc:
            self.post_message(Compared(a_id, b_id, None, str(exc)))
            return
        self.post_message(Compared(a_id, b_id, diff_meetings(a, b)))

    def _language_of_both(self, a: Meeting, b: Meeting) -> str | None:
        """The language shown if both meetings have a version in it, else None."""
        language = self.language
        if language is None:
            return None
        versions = self.store.versions()
        for m in (a, b):
            if language not in (versions.languages(m.id) or [m.language]):
                return None
        return language

    @on(Compared)
    def show_comparison(self, message: Compared) -> None:
        if (message.a_id, message.b_id) != (self.a_id, self.b_id):
            return  # a comparison since replaced by another choice
        self.diff = message.diff
        self._annotations = {}
        if message.error is not None:
            self.query_one("#summary", Static).update(literal(message.error, style="italic"))
        note = self._parties_note()
        diff = message.diff
        if diff is not None and diff.a.language != diff.b.language:  # as the CLI says
            if note.plain:
                note.append("\n")
            note.append(
                f"⚠ The two meetings have no versions in one language; the diff compares "
                f"{diff.a.language} with {diff.b.language}, so reworded commitments show "
                "as new and dropped"
            )
        parties = self.query_one("#parties", Static)
        parties.update(note)
        parties.display = bool(note.plain)
        self._show_summary()
        self._fill()

    def _show_summary(self) -> None:
        if self.diff is None:
            return
        text = summary_text(self.diff)
        if self.only is not None:
            marker, style = KIND_STYLES[self.only]
            text.append("   showing only ", style="italic")
            text.append(f"{marker} {self.only.value}", style=style)
            text.append(" (0: all)", style="italic")
            rows = self.diff.rows({self.only})
            if not any(not isinstance(row, AreaMatch) for row in rows):
                text.append(" — there are none between these meetings", style="bold")
        self.query_one("#summary", Static).update(text)

    def _annotation(self, commitment_id: str) -> Annotation | None:
        if commitment_id not in self._annotations:
            self._annotations[commitment_id] = self.store.annotation(commitment_id)
        return self._annotations[commitment_id]

    def _fill(self) -> None:
        view = self.query_one("#rows", DiffView)
        if self.diff is None:
            view.set_rows([])
            return
        kinds = None if self.only is None else {self.only}
        rows = []
        for row in self.diff.rows(kinds):
            if isinstance(row, AreaMatch):
                rows.append(DiffRow(row, area_text(row, "a"), area_text(row, "b")))
            else:
                left = change_cell(row, "a", self._annotation)
                right = change_cell(row, "b", self._annotation)
                rows.append(DiffRow(row, left, right))
        view.set_rows(rows)

    # -- choosing meetings --------------------------------------------------------
    @on(Select.Changed)
    def meeting_chosen(self, event: Select.Changed) -> None:
        value = None if event.value is Select.BLANK else str(event.value)
        if event.select.id == "pick-a":
            if value == self.a_id:
                return
            self.a_id = value
        else:
            if value == self.b_id:
                return
            self.b_id = value
        self.compare()

    # -- moving and choosing --------------------------------------------------------
    def action_change(self, step: int) -> None:
        """Put the cursor on the next (``step`` 1) or previous (−1) row that is a change."""
        view = self.query_one("#rows", DiffView)
        rows = view.rows
        here = view.cursor if view.cursor >= 0 else (-1 if step > 0 else len(rows))
        k = here + step
        while 0 <= k < len(rows):
            if rows[k].is_change:
                view.cursor = k
                return
            k += step
        self.notify("no more changes that way", timeout=2)

    def action_only(self, number: int) -> None:
        kind = KINDS[number - 1] if number else None
        self.only = None if kind is self.only else kind
        self._show_summary()
        self._fill()

    def action_side(self, side: Side) -> None:
        self.query_one("#rows", DiffView).side = side

    @on(DiffView.Chosen, "#rows")
    def row_chosen(self, event: DiffView.Chosen) -> None:
        target = event.row.target(event.view.side)
        if target is not None:
            self.dismiss(target)

    def action_close(self) -> None:
        self.dismiss(None)


def _meeting_option(meeting: Meeting) -> Text:
    """``2023-06-26 · Hong Kong & Zhejiang · Hong Kong`` (one line, literal)."""
    return meeting_label(meeting)

"""The diff screen: two meetings side by side, what is new, continued and dropped.

One list of rows, each holding the old and the new side, so both columns scroll
together by construction. Rows come area by area (the area pair, then its changes);
each commitment shows its status badge and note count. The screen dismisses with the
ID of the chosen commitment (or area) for the app to select in its tree, or with
``None`` on Escape.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, ListItem, ListView, Select, Static

from compare import KINDS, AreaMatch, Change, Kind, MeetingDiff, SelectionError, diff_meetings
from compare.select import default_pair
from parsers import Meeting
from store import Annotation, Store, StoreError
from tui.diff_text import KIND_STYLES, Side, area_text, change_cell, summary_text
from tui.labels import meeting_label
from tui.render import literal


class DiffRow(ListItem):
    """One row: an area pair or a change, its old side left and its new side right."""

    def __init__(self, row: AreaMatch | Change, left: Text, right: Text) -> None:
        kind = "area" if isinstance(row, AreaMatch) else row.kind.value
        super().__init__(classes=f"-{kind}")
        self.row = row
        self.left = left
        self.right = right

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(self.left, classes="cell cell-a", markup=False)
            yield Static(self.right, classes="cell cell-b", markup=False)

    @property
    def is_change(self) -> bool:
        return isinstance(self.row, Change) and self.row.is_change

    def target(self, side: Side) -> str | None:
        """The ID to jump to: the first commitment (or the area) on ``side``, else the other."""
        row = self.row
        if isinstance(row, AreaMatch):
            areas = (row.a, row.b) if side == "a" else (row.b, row.a)
            return next((x.id for x in areas if x is not None), None)
        items = (row.a, row.b) if side == "a" else (row.b, row.a)
        return next((i[0].commitment.id for i in items if i), None)


class DiffScreen(Screen[str | None]):
    """``n``/``p`` next/previous change, ``1``–``7`` one class only, ``0`` all,
    ←/→ the side Enter jumps to, Escape closes."""

    DEFAULT_CSS = """
    DiffScreen #pickers { height: auto; }
    DiffScreen #pickers Select { width: 1fr; }
    DiffScreen #summary { height: auto; padding: 0 1; }
    DiffScreen #rows { height: 1fr; }
    DiffScreen DiffRow { height: auto; padding: 0 0 1 0; }
    DiffScreen DiffRow > Horizontal { height: auto; }
    DiffScreen DiffRow .cell { width: 1fr; height: auto; padding: 0 1; }
    DiffScreen DiffRow.-area { background: $boost; padding: 0; }
    DiffScreen #rows.-side-a DiffRow.-highlight .cell-a,
    DiffScreen #rows.-side-b DiffRow.-highlight .cell-b { background: $accent 25%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("n,right_square_bracket", "change(1)", "Next change", key_display="n/]"),
        Binding("p,left_square_bracket", "change(-1)", "Prev change", key_display="p/["),
        Binding("left", "side('a')", "Old side", show=False),
        Binding("right", "side('b')", "New side", show=False),
        *(
            Binding(str(n), f"only({n})", f"Only {kind.value}", show=False)
            for n, kind in enumerate(KINDS, start=1)
        ),
        Binding("0", "only(0)", "All classes", show=False),
    ]

    def __init__(self, store: Store, a_id: str | None = None, b_id: str | None = None) -> None:
        super().__init__()
        self.store = store
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
        self.side: Side = "b"
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
        yield Static(self._comparing(), id="summary", markup=False)
        yield ListView(id="rows", classes="-side-b")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#rows", ListView).focus()
        # "Comparing …" is painted first; the rows take a moment to build
        self.call_after_refresh(self.compare)

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

    def compare(self) -> None:
        """Compare the chosen meetings and show the result (or say what is missing)."""
        summary = self.query_one("#summary", Static)
        self.diff = None
        try:
            if not self.a_id or not self.b_id:
                raise SelectionError("choose two meetings to compare")
            if self.a_id == self.b_id:
                raise SelectionError("the two meetings are the same: choose another")
            a, b = self.store.meeting(self.a_id), self.store.meeting(self.b_id)
        except (SelectionError, StoreError) as exc:
            summary.update(literal(str(exc), style="italic"))
            self._fill()
            return
        self.diff = diff_meetings(a, b)
        self._annotations = {}
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
        self.query_one("#summary", Static).update(text)

    def _annotation(self, commitment_id: str) -> Annotation | None:
        if commitment_id not in self._annotations:
            self._annotations[commitment_id] = self.store.annotation(commitment_id)
        return self._annotations[commitment_id]

    def _fill(self) -> None:
        rows = self.query_one("#rows", ListView)
        rows.clear()
        if self.diff is None:
            return
        kinds = None if self.only is None else {self.only}
        items = []
        for row in self.diff.rows(kinds):
            if isinstance(row, AreaMatch):
                items.append(DiffRow(row, area_text(row, "a"), area_text(row, "b")))
            else:
                left = change_cell(row, "a", self._annotation)
                right = change_cell(row, "b", self._annotation)
                items.append(DiffRow(row, left, right))
        rows.extend(items)
        if items:
            rows.index = 0

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
    def _rows(self) -> list[DiffRow]:
        return list(self.query_one("#rows", ListView).query(DiffRow))

    def action_change(self, step: int) -> None:
        """Highlight the next (``step`` 1) or previous (−1) row that is not unchanged."""
        view = self.query_one("#rows", ListView)
        rows = self._rows()
        here = view.index if view.index is not None else (-1 if step > 0 else len(rows))
        k = here + step
        while 0 <= k < len(rows):
            if rows[k].is_change:
                view.index = k
                view.scroll_to_widget(rows[k], animate=False)
                return
            k += step
        self.notify("no more changes that way", timeout=2)

    def action_only(self, number: int) -> None:
        kind = KINDS[number - 1] if number else None
        self.only = None if kind is self.only else kind
        self._show_summary()
        self._fill()

    def action_side(self, side: Side) -> None:
        self.side = side
        view = self.query_one("#rows", ListView)
        view.set_class(side == "a", "-side-a")
        view.set_class(side == "b", "-side-b")

    @on(ListView.Selected, "#rows")
    def row_chosen(self, event: ListView.Selected) -> None:
        if isinstance(event.item, DiffRow):
            target = event.item.target(self.side)
            if target is not None:
                self.dismiss(target)

    def action_close(self) -> None:
        self.dismiss(None)


def _meeting_option(meeting: Meeting) -> Text:
    """``2023-06-26 · Hong Kong & Zhejiang · Hong Kong`` (one line, literal)."""
    return meeting_label(meeting)

"""Two meetings side by side, drawn line by line.

The rows of a :class:`compare.MeetingDiff` (area pairs, then their changes) are laid
out once per width: each row's old side wrapped into the left column, its new side
into the right one, padded to the taller of the two, a blank line after it. Both
columns are parts of the same lines, so they scroll together by construction, and
only the lines on screen are drawn (the Line API), so a meeting of hundreds of
commitments opens at once and re-filters without rebuilding widgets.

One row has the cursor (↑/↓, PgUp/PgDn, Home/End, or a click); the cell of the
chosen side (``side``: ``"a"`` old, ``"b"`` new) is highlighted, and Enter posts
:class:`DiffView.Chosen` with the row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from compare import AreaMatch, Change
from tui.keymap import DIFF_ROWS, bindings

Side = Literal["a", "b"]


@dataclass
class DiffRow:
    """One row: an area pair or a change, its old side (``left``) and new side (``right``)."""

    row: AreaMatch | Change
    left: Text
    right: Text

    @property
    def is_area(self) -> bool:
        return isinstance(self.row, AreaMatch)

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


class DiffView(ScrollView, can_focus=True):
    """The rows of a diff in two columns that scroll together."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "diff-view--area",
        "diff-view--cursor",
        "diff-view--rule",
    }

    DEFAULT_CSS = """
    DiffView { background: $surface; }
    DiffView > .diff-view--area { background: $boost; text-style: bold; }
    DiffView > .diff-view--cursor { background: $accent 30%; }
    DiffView:blur > .diff-view--cursor { background: $accent 15%; }
    DiffView > .diff-view--rule { color: $foreground 20%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(DIFF_ROWS)

    cursor: reactive[int] = reactive(-1, always_update=True)
    side: reactive[Side] = reactive[Side]("b")

    class Chosen(Message):
        """Enter on a row."""

        def __init__(self, view: DiffView, row: DiffRow) -> None:
            super().__init__()
            self.view = view
            self.row = row

        @property
        def control(self) -> DiffView:
            return self.view

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[DiffRow] = []
        self._width = -1
        self._lines: list[tuple[int, int]] = []  # line → (row, line within the row)
        self._starts: list[int] = []  # row → its first line
        self._heights: list[int] = []  # row → its lines, the blank line after it included
        self._cells: list[tuple[list[list[Segment]], list[list[Segment]]]] = []

    # -- content ------------------------------------------------------------------
    def set_rows(self, rows: list[DiffRow]) -> None:
        """Show ``rows`` (the cursor on the first), scrolled to the top."""
        self.rows = rows
        self._width = -1
        self._layout()
        self.scroll_to(0, 0, animate=False)
        self.cursor = 0 if rows else -1

    @property
    def current(self) -> DiffRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def _column_widths(self) -> tuple[int, int]:
        width = max(self.scrollable_content_region.width, 8)
        left = (width - 1) // 2
        return left, width - 1 - left

    def _layout(self) -> None:
        """Wrap every row at the current width (once per width)."""
        width = self.scrollable_content_region.width
        if width == self._width:
            return
        self._width = width
        left_width, right_width = self._column_widths()
        console = self.app.console
        self._cells, self._starts, self._heights, self._lines = [], [], [], []
        for index, row in enumerate(self.rows):
            left = _wrap(console, row.left, left_width)
            right = _wrap(console, row.right, right_width)
            height = max(len(left), len(right), 1)
            self._cells.append((left, right))
            self._starts.append(len(self._lines))
            self._heights.append(height + 1)
            self._lines.extend((index, k) for k in range(height + 1))  # + a blank line
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._layout()
        self._show_cursor()

    # -- drawing ------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        self._layout()
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self.rich_style
        line = scroll_y + y
        if not 0 <= line < len(self._lines):
            return Strip.blank(width, base)
        index, k = self._lines[line]
        left_width, right_width = self._column_widths()
        left, right = self._cells[index]
        gap = k == self._heights[index] - 1  # the blank line after the row: the rule only
        if gap:
            left = right = []
        row_style = base
        if self.rows[index].is_area and not gap:
            row_style = base + self.get_component_rich_style("diff-view--area")
        cursor = self.get_component_rich_style("diff-view--cursor")
        left_style = right_style = row_style
        if index == self.cursor and not gap:
            if self.side == "a":
                left_style = row_style + cursor
            else:
                right_style = row_style + cursor
        rule = base + self.get_component_rich_style("diff-view--rule")
        segments = [
            *_cell(left, k, left_width, left_style),
            Segment("│", rule),
            *_cell(right, k, right_width, right_style),
        ]
        strip = Strip(segments, width)
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def watch_cursor(self) -> None:
        self._show_cursor()
        self.refresh()

    def watch_side(self) -> None:
        self.refresh()

    def _show_cursor(self) -> None:
        if not 0 <= self.cursor < len(self._starts):
            return
        top = self._starts[self.cursor]
        bottom = top + self._heights[self.cursor]
        view = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif bottom > self.scroll_y + view:
            self.scroll_to(y=min(top, bottom - view), animate=False)

    # -- moving -------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def action_page(self, step: int) -> None:
        if not self.rows:
            return
        here = self._starts[max(self.cursor, 0)]
        target = here + step * max(self.scrollable_content_region.height - 1, 1)
        target = max(0, min(len(self._lines) - 1, target))
        self.cursor = self._lines[target][0]

    def action_to(self, where: int) -> None:
        if self.rows:
            self.cursor = where % len(self.rows)

    def action_choose(self) -> None:
        if self.current is not None:
            self.post_message(self.Chosen(self, self.current))

    def on_click(self, event: events.Click) -> None:
        line = event.y + int(self.scroll_y)
        if not 0 <= line < len(self._lines):
            return
        index = self._lines[line][0]
        left_width, _ = self._column_widths()
        self.side = "a" if event.x < left_width else "b"
        if index == self.cursor and event.chain > 1:
            self.action_choose()
        self.cursor = index


def _wrap(console: Console, text: Text, width: int) -> list[list[Segment]]:
    """``text`` wrapped to ``width`` less one cell of padding on each side."""
    inner = max(width - 2, 1)
    options = console.options.update(width=inner, no_wrap=False, overflow="fold")
    return console.render_lines(text, options, pad=False)


def _cell(lines: list[list[Segment]], k: int, width: int, style: Style) -> list[Segment]:
    """Line ``k`` of a cell, padded to ``width`` with one cell either side, in ``style``."""
    content = lines[k] if k < len(lines) else []
    used = Segment.get_line_length(content)
    styled = list(Segment.apply_style(content, style))
    return [Segment(" ", style), *styled, Segment(" " * max(width - 1 - used, 0), style)]

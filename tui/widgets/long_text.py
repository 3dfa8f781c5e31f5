"""Plain text of any length in a scrolling view, drawn a row at a time.

Only the rows on the screen are drawn, so a note of megabytes opens and scrolls at once
(Textual's Markdown lays out the whole document first: seconds for 10 MB). Lines longer
than the width are cut into rows of the width; the text is shown literally (see
:mod:`tui.render`).
"""

from __future__ import annotations

from rich.segment import Segment
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.render import strip_controls


class LongText(ScrollView, can_focus=True):
    """``text`` as plain lines, wrapped at the width; arrows, Page Up/Down, Home and End
    scroll."""

    DEFAULT_CSS = """
    LongText {
        height: 1fr;
    }
    """

    def __init__(self, text: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines = strip_controls(text).replace("\t", "    ").split("\n")
        self._rows: list[tuple[int, int, int]] = []  # (line, start, end) of each row
        self._width = 0

    def _layout(self, width: int) -> None:
        """Cut the lines into rows of ``width`` cells (a line of wide characters, such
        as Chinese, into rows of half as many characters)."""
        self._width = width
        rows: list[tuple[int, int, int]] = []
        for number, line in enumerate(self.lines):
            if len(line) <= width // 2 or (len(line) <= width and line.isascii()):
                rows.append((number, 0, len(line)))
                continue
            step = width if line.isascii() else max(width // 2, 1)
            rows += [(number, start, start + step) for start in range(0, len(line), step)]
        self._rows = rows
        self.virtual_size = Size(width, len(rows))

    def on_resize(self, _event: events.Resize) -> None:
        width = max(self.scrollable_content_region.width, 8)
        if width != self._width:
            self._layout(width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self._width == 0:
            self._layout(max(width, 8))
        row = self.scroll_offset.y + y
        if row >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        number, start, end = self._rows[row]
        piece = self.lines[number][start:end]
        return Strip([Segment(piece, self.rich_style)]).crop_extend(0, width, self.rich_style)

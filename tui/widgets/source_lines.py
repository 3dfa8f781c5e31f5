"""A release as stored, line by line, each part styled by what the parser made of it.

The text is cut into the segments of :func:`parsers.source_map.source_map`; each line of
the text is shown with a gutter — a symbol for the strongest kind of text on it (the
chosen commitment, a commitment, an excluded one, a heading, context, dropped text),
so the kinds read without colour too — and its number; a heading the page lost is a line
of its own, "(inferred heading: NAME)", in italics, before its area's first commitment.
Lines are wrapped once per width and only those on screen are drawn (the Line API), so
a long release opens at once.

A cursor moves between the paragraphs (each commitment, heading and paragraph or line
of context or dropped text): ↑/↓ (n/p) on the screen, or a click. The text can also be
selected with the mouse (Textual's selection: :meth:`get_selection`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment as RichSegment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from parsers.source_map import Segment
from tui.render import literal

#: What a line holds, strongest first: the gutter shows the first found on it.
LINE_KINDS = ("chosen", "commitment", "excluded", "heading", "inferred", "dropped", "context")
#: Each kind's gutter symbol and its text style (the symbol carries it in monochrome).
GUTTER: dict[str, str] = {
    "chosen": "▶",
    "commitment": "●",
    "excluded": "✕",
    "heading": "§",
    "inferred": "◇",
    "dropped": "✂",
    "context": "·",
    "blank": " ",
}
STYLES: dict[str, str] = {
    "chosen": "bold reverse",
    "commitment": "",
    "excluded": "strike",
    "heading": "bold underline",
    "inferred": "italic",
    "dropped": "italic dim",
    "context": "dim",
}
#: What the legend calls each kind.
NAMES: dict[str, str] = {
    "chosen": "this commitment",
    "commitment": "commitment",
    "excluded": "excluded",
    "heading": "heading",
    "inferred": "inferred heading",
    "context": "context",
    "dropped": "dropped by the parser",
}
_WORDY = re.compile(r"\w")


def legend() -> Text:
    """A line naming each gutter symbol, in its style."""
    text = Text()
    for kind in LINE_KINDS:
        if text:
            text.append("  ")
        text.append(f"{GUTTER[kind]} ", style="bold")
        text.append(NAMES[kind], style=STYLES[kind])
    return text


@dataclass
class Unit:
    """A paragraph the cursor stops at: a segment with words in it."""

    start: int
    end: int
    kind: str  # a segment's kind
    target_id: str | None


@dataclass
class _Row:
    """One line on the screen: a wrapped part of a line of the text (or a mark)."""

    line: int | None  # the text's line (0-based); None for an inferred heading's mark
    first: bool  # the first row of its line
    kind: str  # the gutter's
    segments: list[RichSegment]
    units: frozenset[int]
    plain: str


class SourceLines(ScrollView):
    """The lines of one release, styled by their segments, with a paragraph cursor."""

    ALLOW_SELECT = True
    COMPONENT_CLASSES: ClassVar[set[str]] = {"source-lines--cursor", "source-lines--gutter"}
    DEFAULT_CSS = """
    SourceLines { background: $surface; overflow-y: scroll; }
    SourceLines > .source-lines--cursor { background: $accent 30%; }
    SourceLines > .source-lines--gutter { color: $text-muted; }
    """

    cursor: reactive[int] = reactive(-1, always_update=True)

    class Moved(Message):
        """The cursor moved to another paragraph."""

    def __init__(
        self,
        text: str,
        segments: list[Segment],
        chosen: set[str],
        area_marks: dict[str, str],
        *,
        id: str | None = None,
    ) -> None:
        """``chosen``: the IDs highlighted (a commitment's, an area's and its commitments');
        ``area_marks``: what an inferred heading's mark says, by area ID."""
        super().__init__(id=id)
        self.text = text
        self.segments = segments
        self.chosen = chosen
        self.area_marks = area_marks
        self.units: list[Unit] = [
            Unit(s.start, s.end, s.kind, s.target_id)
            for s in segments
            if s.kind != "inferred-heading" and _WORDY.search(text, s.start, s.end)
        ]
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._rows: list[_Row] = []
        self._unit_rows: list[int] = []  # each unit's first row
        self._width = -1
        self._opening: tuple[int, int] | None = None  # the unit to open at, rows above it

    # -- content ------------------------------------------------------------------
    @property
    def current(self) -> Unit | None:
        return self.units[self.cursor] if 0 <= self.cursor < len(self.units) else None

    def unit_at(self, offset: int) -> int:
        """The index of the unit holding (or the first after) ``offset``."""
        for i, unit in enumerate(self.units):
            if unit.end > offset:
                return i
        return len(self.units) - 1

    def _kind(self, seg: Segment) -> str:
        if seg.kind in ("commitment", "excluded") and seg.target_id in self.chosen:
            return "chosen"
        if seg.kind == "heading" and seg.target_id in self.chosen:
            return "chosen"
        return "inferred" if seg.kind == "inferred-heading" else seg.kind

    def _layout(self) -> None:
        """Wrap every line at the current width (once per width)."""
        width = self.scrollable_content_region.width
        if width == self._width:
            return
        self._width = width
        text_width = max(width - self.gutter_width, 4)
        console = self.app.console
        options = console.options.update(width=text_width, no_wrap=False, overflow="fold")
        rows: list[_Row] = []
        unit_rows: list[int] = [-1] * len(self.units)
        units = iter(enumerate(self.units))
        next_unit = next(units, None)
        for line, pieces, marks in self._lines():
            for area_id in marks:
                mark = literal(f"({self.area_marks.get(area_id, 'inferred heading')})")
                mark.stylize(STYLES["inferred"])
                for segs in console.render_lines(mark, options, pad=False):
                    rows.append(_Row(None, True, "inferred", segs, frozenset(), ""))
            text = Text()
            kinds: set[str] = set()
            held: set[int] = set()
            for seg, kind in pieces:
                body = self.text[seg.start : seg.end]
                text.append_text(literal(body, style=STYLES.get(kind, "")))
                if body.strip():
                    kinds.add(kind)
                while next_unit is not None and next_unit[1].end <= seg.start:
                    next_unit = next(units, None)
                if next_unit is not None and next_unit[1].start < seg.end and body.strip():
                    held.add(next_unit[0])
            kind = next((k for k in LINE_KINDS if k in kinds), "blank")
            wrapped = console.render_lines(text, options, pad=False) if text else [[]]
            for k, segs in enumerate(wrapped):
                plain = "".join(s.text for s in segs)
                for u in held:
                    if unit_rows[u] < 0:
                        unit_rows[u] = len(rows)
                rows.append(_Row(line, k == 0, kind, segs, frozenset(held), plain))
        self._rows = rows
        self._unit_rows = unit_rows
        self.virtual_size = Size(width, len(rows))
        self.refresh()

    def _lines(self) -> list[tuple[int, list[tuple[Segment, str]], list[str]]]:
        """Each line of the text: its pieces of segments (with their kinds) and the
        inferred headings marked at its start."""
        out: list[tuple[int, list[tuple[Segment, str]], list[str]]] = []
        starts = self._line_starts
        k = 0
        segs = self.segments
        for line, start in enumerate(starts):
            end = starts[line + 1] - 1 if line + 1 < len(starts) else len(self.text)
            pieces: list[tuple[Segment, str]] = []
            marks: list[str] = []
            # past the segments before this line (an empty one at its start is its own)
            while k < len(segs) and (
                segs[k].end < start or (segs[k].end == start and segs[k].start < start)
            ):
                k += 1
            j = k
            while j < len(segs) and (segs[j].start < end or segs[j].start == segs[j].end == end):
                seg = segs[j]
                if seg.kind == "inferred-heading":
                    if start <= seg.start <= end and seg.target_id:
                        marks.append(seg.target_id)
                else:
                    lo, hi = max(seg.start, start), min(seg.end, end)
                    if lo < hi:
                        pieces.append((Segment(lo, hi, seg.kind, seg.target_id), self._kind(seg)))
                j += 1
            out.append((line, pieces, marks))
        return out

    @property
    def gutter_width(self) -> int:
        """The cells left of the text: the cursor's bar, the symbol, the line number."""
        return len(str(len(self._line_starts))) + 4  # "▌▶ 123 "

    def on_resize(self, event: events.Resize) -> None:
        self._layout()
        if self._opening is not None:
            self._scroll_to_opening()
        else:
            self._show_cursor()

    # -- drawing ------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        self._layout()
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = scroll_y + y
        if not 0 <= index < len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[index]
        number = "" if row.line is None or not row.first else str(row.line + 1)
        symbol = GUTTER[row.kind] if row.first or row.kind == "chosen" else " "
        digits = self.gutter_width - 4
        gutter_style = base + self.get_component_rich_style("source-lines--gutter")
        on_cursor = self.cursor in row.units
        style = base + self.get_component_rich_style("source-lines--cursor") if on_cursor else base
        gutter = Strip(
            [
                RichSegment("▌" if on_cursor else " ", gutter_style),
                RichSegment(f"{symbol} {number:>{digits}} ", gutter_style),
            ]
        )
        body = Strip(list(RichSegment.apply_style(row.segments, style)))
        selection = self.text_selection
        if selection is not None:
            span = selection.get_span(index)
            if span is not None:
                body = _select(
                    body, row.plain, span, self.screen.get_component_rich_style("screen--selection")
                )
        body = body.apply_offsets(0, index)
        strip = Strip.join([gutter, body]).extend_cell_length(width, style)
        return strip.crop(scroll_x, scroll_x + width)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The text selected with the mouse (rows joined by line breaks)."""
        return selection.extract("\n".join(row.plain for row in self._rows)), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    def watch_cursor(self) -> None:
        self._show_cursor()
        self.refresh()
        self.post_message(self.Moved())

    def _show_cursor(self) -> None:
        if not self.scrollable_content_region.width:
            return
        self._layout()
        if not 0 <= self.cursor < len(self._unit_rows):
            return
        top = self._unit_rows[self.cursor]
        bottom = top
        while bottom < len(self._rows) and self.cursor in self._rows[bottom].units:
            bottom += 1
        view = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif bottom > self.scroll_y + view:
            self.scroll_to(y=min(top, bottom - view), animate=False)

    def scroll_to_unit(self, unit: int, *, above: int = 3) -> None:
        """Put ``unit`` near the top (``above`` rows before it) and the cursor on it
        (once the widget has its size, if it has not yet)."""
        self._opening = (unit, above)
        self.cursor = unit
        self._scroll_to_opening()

    def _scroll_to_opening(self) -> None:
        if self._opening is None or not self.scrollable_content_region.width:
            return
        unit, above = self._opening
        self._opening = None
        self._layout()
        if 0 <= unit < len(self._unit_rows):
            self.scroll_to(y=max(self._unit_rows[unit] - above, 0), animate=False, immediate=True)

    # -- moving -------------------------------------------------------------------
    def move(self, step: int) -> None:
        if self.units:
            self.cursor = max(0, min(len(self.units) - 1, self.cursor + step))

    def page(self, step: int) -> None:
        height = max(self.scrollable_content_region.height - 1, 1)
        self.scroll_to(y=self.scroll_y + step * height, animate=False)

    def on_click(self, event: events.Click) -> None:
        index = event.y + int(self.scroll_y)
        if 0 <= index < len(self._rows) and self._rows[index].units:
            self.cursor = min(self._rows[index].units)


def _select(body: Strip, plain: str, span: tuple[int, int], style: Style) -> Strip:
    """``body`` with the cells ``span`` (end -1: to the end) in the selection's style."""
    start, end = span
    end = body.cell_length if end == -1 else min(end, body.cell_length)
    if start >= end:
        return body
    before, selected, after = body.divide([start, end, body.cell_length])
    return Strip.join([before, selected.apply_style(style), after])

"""The overview's matrix: one row per area across a series of meetings, one column per
meeting, as the G20 compliance tables are laid out.

Each cell is drawn as every view draws it (:func:`stats.scale.cell_label`): the cell's
text and the step's symbol (``+0.50 · 3/4 ▲``; ``▼▼ ▼ ◆ ▲ ▲▲``, ``·`` when nothing is
rated) on the step's colour, so the matrix reads in a monochrome terminal too; an area a
meeting does not have shows ``—``. The last row is each meeting's total, the last
column each area's total over the series. A row's label is the area's names, oldest
first (``Culture and Tourism → Cultural exchange and tourism`` when it was renamed),
cut to fit; the line under the matrix gives it whole (:func:`cell_line`).

The cursor moves over the cells; :meth:`OverviewMatrix.cell` is what a cell stands
for (its figures, and the areas behind them, for the list of its commitments).

The matrix is drawn line by line (the Line API, as :mod:`tui.widgets.diff_view`):
only the cells on screen are drawn, each once (kept until the figures change), so a
series of dozens of meetings and areas draws its first frame at once. (Textual's
``DataTable`` drew every column of each visible row, off-screen ones too: a thousand
cells, over 100 ms, in one frame.) The header line and the label column stay in place
when it scrolls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from parsers import Meeting
from stats import AreaFigures, Series, SeriesRow, Tally
from stats.scale import Step, cell_label, percent_text, step
from tui import labels
from tui.keymap import MATRIX, bindings
from tui.render import literal

#: The widest a row's label is drawn (the line under the matrix gives it whole), and
#: at most this share of the width (the meetings need the room in a narrow window).
LABEL_WIDTH = 36
LABEL_SHARE = 3
ABSENT = "—"


def scale_style(mark: Step) -> Style:
    """A step of the scale as drawn everywhere in the app: its colour as the ground, the
    text black or white for contrast with it (:attr:`stats.scale.Step.ink`), whatever
    the theme, light or dark."""
    return Style(color=mark.ink, bgcolor=mark.colour)


def figure_text(tally: Tally) -> str:
    """``+0.50 · 3/4 ▲``: the cell's text and its step's symbol, as every view writes it."""
    return cell_label(tally.compliance, tally.rated, tally.commitments)


def row_label(names: list[str], same: set[frozenset[str]] | None = None) -> str:
    """An area's names across the series, oldest first, on one line: ``A → B`` where it
    was renamed, ``Finance / 金融`` where the next name is the same area's name in another
    language (a pair in ``same``: a meeting released in two languages names its area both
    ways, so the name after it in the other language is a translation, not a renaming)."""
    out = ""
    for n, name in enumerate(names):
        if n:
            out += " / " if same and frozenset((names[n - 1], name)) in same else " → "
        out += labels.one_line(name) or "(unnamed area)"
    return out


def translated_names(
    row: SeriesRow, translations: dict[str, dict[str, str]]
) -> set[frozenset[str]]:
    """The pairs of a row's names that are one area's names in two languages (an area's
    name and its name in its meeting's other language versions: ``store.translations``)."""
    return {
        frozenset((fig.area.name, other))
        for fig in row.cells.values()
        for other in translations.get(fig.area.id, {}).values()
    }


@dataclass
class Cell:
    """What a cell of the matrix stands for: its row and column (as the line under the
    matrix names them), its figures, and the areas they count (with their meeting)."""

    row: str
    column: Text
    tally: Tally
    parts: list[tuple[Meeting, AreaFigures]] = field(default_factory=list)

    @property
    def commitments(self) -> int:
        return sum(len(fig.statuses) for _meeting, fig in self.parts)


def cell_line(cell: Cell) -> Text:
    """The cell under the cursor, whole: ``Finance → Finance and banking · 2025-04-24 ·
    +0.50 · 3/4 ▲ · 75 % · more kept than not``."""
    out = literal(cell.row, style="bold")
    out.append(" · ")
    out.append_text(cell.column)
    out.append(" · ")
    mark = step(cell.tally.compliance)
    out.append(f" {figure_text(cell.tally)} ", style=scale_style(mark))
    out.append(f" · {percent_text(cell.tally.compliance_pct)} · {mark.name}")
    return out


def series_cells(
    series: Series, translations: dict[str, dict[str, str]] | None = None
) -> list[list[Cell | None]]:
    """The matrix's cells, row by row (areas, then the meetings' totals), each row's
    cells by column (the meetings, then the area's total); None: not in that meeting."""
    meetings = [fig.meeting for fig in series.meetings]
    out: list[list[Cell | None]] = []
    every = Text("all meetings", style="italic")
    columns = [labels.meeting_label(meeting) for meeting in meetings]  # once a meeting
    for row in series.rows:
        name = row_label(row.names, translated_names(row, translations or {}))
        cells: list[Cell | None] = []
        for meeting, label in zip(meetings, columns, strict=True):
            found = row.cells.get(meeting.id)
            cells.append(
                None if found is None else Cell(name, label, found.tally, [(meeting, found)])
            )
        parts = [(m, row.cells[m.id]) for m in meetings if m.id in row.cells]
        cells.append(Cell(name, every, row.total, parts))
        out.append(cells)
    totals: list[Cell | None] = []
    for held, label in zip(series.meetings, columns, strict=True):
        parts = [(held.meeting, area) for area in held.areas]
        totals.append(Cell("all areas", label, held.tally, parts))
    everything = [(fig.meeting, area) for fig in series.meetings for area in fig.areas]
    totals.append(Cell("all areas", every, series.total, everything))
    out.append(totals)
    return out


#: The blank columns on each side of a cell's text.
PAD = 1


@dataclass
class _Layout:
    """What the matrix draws: the header's and each row's cells (text and style), each
    column's width, and where each column after the label column starts."""

    header: list[Text]
    rows: list[list[Text]]
    widths: list[int]  # each column's, padding included
    starts: list[int] = field(default_factory=list)  # columns 1…, from the label's right

    def __post_init__(self) -> None:
        self.starts, x = [], 0
        for width in self.widths[1:]:
            self.starts.append(x)
            x += width

    @property
    def scrolled_width(self) -> int:
        """The width of the columns after the label column."""
        return sum(self.widths[1:])


class OverviewMatrix(ScrollView, can_focus=True):
    """Areas × meetings of one series; Enter on a cell (or a click on the cell under
    the cursor) posts :class:`OverviewMatrix.CellSelected`, a move of the cursor
    :class:`OverviewMatrix.CellHighlighted`."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "overview-matrix--header",
        "overview-matrix--label",
        "overview-matrix--cursor",
    }

    DEFAULT_CSS = """
    OverviewMatrix {
        height: 1fr;
        background: $surface;
        color: $foreground;
        & > .overview-matrix--header { text-style: bold; background: $panel; color: $foreground; }
        & > .overview-matrix--label { background: $secondary-muted; color: $foreground; }
        & > .overview-matrix--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .overview-matrix--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(MATRIX)

    cursor_coordinate: reactive[Coordinate] = reactive(Coordinate(0, 0), always_update=True)

    class CellMessage(Message):
        """About the cell at ``coordinate``."""

        def __init__(self, matrix: OverviewMatrix, coordinate: Coordinate) -> None:
            super().__init__()
            self.matrix = matrix
            self.coordinate = coordinate

        @property
        def control(self) -> OverviewMatrix:
            return self.matrix

    class CellHighlighted(CellMessage):
        """The cursor moved to ``coordinate``."""

    class CellSelected(CellMessage):
        """Enter on the cell at ``coordinate`` (or a click on it under the cursor)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cells: list[list[Cell | None]] = []
        self.labels: list[str] = []
        self._shown: tuple[Series | None, bool, int] | None = None  # and the label width
        self._layout = _Layout([], [], [])
        #: an area's (any version's) names in its meeting's other languages, by area ID
        #: (``store.translations``): a row's translated names read ``A / B``
        self.translations: dict[str, dict[str, str]] = {}
        #: each cell drawn, by (row, column; row -1: the header) and under the cursor or not
        self._drawn: dict[tuple[int, int, bool], list[Segment]] = {}

    @property
    def row_count(self) -> int:
        return len(self._layout.rows)

    @property
    def column_count(self) -> int:
        return len(self._layout.widths)

    @property
    def label_width(self) -> int:
        width = self.size.width
        return min(LABEL_WIDTH, max(width // LABEL_SHARE, 12)) if width else LABEL_WIDTH

    def on_resize(self) -> None:
        if self._shown is not None and self._shown[2] != self.label_width:
            self.show(self._shown[0], aligned=self._shown[1])
        self._cursor_into_view()

    # -- content ------------------------------------------------------------------
    def show(self, series: Series | None, *, aligned: bool) -> None:
        """Draw ``series`` (its totals only while its areas are being aligned); the
        cursor stays where it was if that cell is still there."""
        self._shown = (series, aligned, self.label_width)
        at = self.cursor_coordinate
        self.cells, self.labels = [], []
        self._drawn = {}
        if series is None:
            self._set_layout(_Layout([], [], []))
            return
        translations = self.translations
        cells = series_cells(series, translations) if aligned else [series_cells(series)[-1]]
        names = (
            [row_label(row.names, translated_names(row, translations)) for row in series.rows]
            if aligned
            else []
        )
        if not aligned:
            cells.insert(0, [None] * (len(series.meetings) + 1))
            names.insert(0, "")
        names.append("all areas")
        texts = [[None if c is None else figure_text(c.tally) for c in row] for row in cells]
        widths = [
            max([len("undated"), *(len(t) for row in texts if (t := row[k]) is not None)])
            for k in range(len(series.meetings) + 1)
        ]
        row_labels = []
        for k, name in enumerate(names):
            if not aligned and k == 0:
                row_labels.append(Text("aligning areas…", style="italic"))
            elif k == len(names) - 1:
                row_labels.append(Text("All areas", style="bold italic"))
            else:
                row_labels.append(literal(labels.clip(name, self.label_width), style="bold"))
        label_width = max(4, *(label.cell_len for label in row_labels))
        header = [Text("Area", style="bold")]
        header += [Text(fig.meeting.date or "undated", style="bold") for fig in series.meetings]
        header.append(Text("All", style="bold"))
        rows: list[list[Text]] = []
        for k, (label, row, drawn) in enumerate(zip(row_labels, cells, texts, strict=True)):
            total = k == len(cells) - 1
            if not aligned and k == 0:
                rows.append([label, *(Text("") for _width in widths)])
                continue
            line = [label]
            for cell, text, width in zip(row, drawn, widths, strict=True):
                line.append(_draw(cell, text, width, bold=total))
            rows.append(line)
        column_widths = [label_width + 2 * PAD, *(width + 2 + 2 * PAD for width in widths)]
        self.cells, self.labels = cells, names
        self._set_layout(_Layout(header, rows, column_widths))
        column = at.column if 0 < at.column < len(widths) + 1 else 1
        self.cursor_coordinate = Coordinate(min(at.row, len(cells) - 1), column)

    def _set_layout(self, layout: _Layout) -> None:
        self._layout = layout
        width = (layout.widths[0] if layout.widths else 0) + layout.scrolled_width
        self.virtual_size = Size(width, len(layout.rows) + 1 if layout.rows else 0)
        self.refresh()

    def cell(self, coordinate: Coordinate) -> Cell | None:
        """What the cell at ``coordinate`` stands for (the label column: its row's total)."""
        if not 0 <= coordinate.row < len(self.cells):
            return None
        row = self.cells[coordinate.row]
        column = coordinate.column - 1 if coordinate.column > 0 else len(row) - 1
        return row[column] if 0 <= column < len(row) else None

    # -- drawing ------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        layout = self._layout
        row = -1 if y == 0 else self.scroll_offset.y + y - 1
        if not layout.rows or row >= len(layout.rows):
            return Strip.blank(width, base)
        cursor = self.cursor_coordinate
        segments = self._cell(row, 0, cursor == Coordinate(row, 0))
        label = layout.widths[0]
        left = self.scroll_offset.x
        right = left + max(width - label, 0)
        shown: list[Segment] = []
        first = -1  # where the first column drawn starts
        for k, (start, column_width) in enumerate(
            zip(layout.starts, layout.widths[1:], strict=True), start=1
        ):
            if start >= right:
                break
            if start + column_width > left:
                first = start if first < 0 else first
                shown += self._cell(row, k, cursor == Coordinate(row, k))
        scrolled = Strip(shown).crop(left - first, right - first) if first >= 0 else Strip([])
        return Strip.join([Strip(segments, label), scrolled]).crop_extend(0, width, base)

    def _cell(self, row: int, column: int, under_cursor: bool) -> list[Segment]:
        """The segments of one cell, padded to its column's width (drawn once)."""
        key = (row, column, under_cursor)
        found = self._drawn.get(key)
        if found is not None:
            return found
        layout = self._layout
        text = layout.header[column] if row < 0 else layout.rows[row][column]
        base = self.rich_style
        if row < 0:
            base += self.get_component_rich_style("overview-matrix--header")
        elif column == 0:
            base += self.get_component_rich_style("overview-matrix--label")
        padded = Text(" " * PAD, end="")
        padded.append_text(text)
        if under_cursor:  # the cursor's colours over the cell's own (the figures stay)
            padded.stylize(self.get_component_rich_style("overview-matrix--cursor"))
        segments = list(padded.render(self.app.console))
        strip = Strip(segments).apply_style(base).crop_extend(0, layout.widths[column], base)
        self._drawn[key] = found = list(strip)
        return found

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn = {}  # the theme or focus changed the colours

    def on_focus(self) -> None:
        self._drawn = {}  # the cursor's colours follow the focus
        self.refresh()

    def on_blur(self) -> None:
        self._drawn = {}
        self.refresh()

    # -- the cursor ---------------------------------------------------------------
    def validate_cursor_coordinate(self, value: Coordinate) -> Coordinate:
        rows, columns = self.row_count, self.column_count
        if not rows or not columns:
            return Coordinate(0, 0)
        return Coordinate(min(max(value.row, 0), rows - 1), min(max(value.column, 0), columns - 1))

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        for at in {old, new}:
            self._drawn.pop((at.row, at.column, True), None)
        self._cursor_into_view()
        self.refresh()
        if self.row_count:
            self.post_message(self.CellHighlighted(self, new))

    def _cursor_into_view(self) -> None:
        layout = self._layout
        if not layout.rows:
            return
        at = self.cursor_coordinate
        region = self.scrollable_content_region
        view_rows = max(region.height - 1, 1)
        y = self.scroll_offset.y
        if at.row < y:
            y = at.row
        elif at.row >= y + view_rows:
            y = at.row - view_rows + 1
        x = self.scroll_offset.x
        if at.column > 0:
            start, width = layout.starts[at.column - 1], layout.widths[at.column]
            view = max(region.width - layout.widths[0], 1)
            if start < x:
                x = start
            elif start + width > x + view:
                x = min(start, start + width - view)
        self.scroll_to(x, y, animate=False, immediate=True)

    def action_move(self, rows: int, columns: int) -> None:
        at = self.cursor_coordinate
        self.cursor_coordinate = Coordinate(at.row + rows, at.column + columns)

    def action_page(self, pages: int) -> None:
        rows = max(self.scrollable_content_region.height - 1, 1)
        self.action_move(pages * rows, 0)

    def action_to(self, row: int) -> None:
        """The cursor to the first row (0) or the last (-1), in its column."""
        at = self.cursor_coordinate
        self.cursor_coordinate = Coordinate(row if row >= 0 else self.row_count - 1, at.column)

    def action_select(self) -> None:
        if self.row_count:
            self.post_message(self.CellSelected(self, self.cursor_coordinate))

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor to the cell; on the cell under the cursor, selects it."""
        offset = event.get_content_offset(self)
        layout = self._layout
        if offset is None or offset.y == 0 or not layout.rows:
            return
        row = self.scroll_offset.y + offset.y - 1
        if row >= len(layout.rows):
            return
        column = 0
        if offset.x >= layout.widths[0]:
            x = self.scroll_offset.x + offset.x - layout.widths[0]
            found = [k for k, s in enumerate(layout.starts, start=1) if s <= x]
            if not found or x >= layout.scrolled_width:
                return
            column = found[-1]
        event.stop()
        at = Coordinate(row, column)
        if at == self.cursor_coordinate:
            self.action_select()
        else:
            self.cursor_coordinate = at


def _draw(cell: Cell | None, text: str | None, width: int, *, bold: bool) -> Text:
    if cell is None or text is None:
        return Text(f"{ABSENT:^{width + 2}}", style="dim")
    mark = step(cell.tally.compliance)
    style = scale_style(mark) + Style(bold=bold)
    return Text(f" {text:<{width}} ", style=style)

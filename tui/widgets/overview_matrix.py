"""The overview's matrix: one row per area across a series of meetings, one column per
meeting, as the G20 compliance tables are laid out.

Each cell is drawn as every view draws it (:mod:`stats.scale`): the step's symbol
(``▼▼ ▼ ◆ ▲ ▲▲``, ``·`` when nothing is rated) and the cell's text (``+0.50 · 3/4``) on
the step's colour, so the matrix reads in a monochrome terminal too; an area a
meeting does not have shows ``—``. The last row is each meeting's total, the last
column each area's total over the series. A row's label is the area's names, oldest
first (``Culture and Tourism → Cultural exchange and tourism`` when it was renamed),
cut to fit; the line under the matrix gives it whole (:func:`cell_line`).

The cursor moves over the cells; :meth:`OverviewMatrix.cell` is what a cell stands
for (its figures, and the areas behind them, for the list of its commitments).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from parsers import Meeting
from stats import AreaFigures, Series, Tally
from stats.scale import Step, cell_text, percent_text, step
from tui import labels
from tui.render import literal

#: The widest a row's label is drawn (the line under the matrix gives it whole), and
#: at most this share of the width (the meetings need the room in a narrow window).
LABEL_WIDTH = 36
LABEL_SHARE = 3
ABSENT = "—"


def ink(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (``#rrggbb``)."""
    r, g, b = (int(colour[k : k + 2], 16) for k in (1, 3, 5))
    return "#000000" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 140 else "#ffffff"


def scale_style(mark: Step) -> Style:
    """A step of the scale as drawn everywhere in the app: its colour as the ground."""
    return Style(color=ink(mark.colour), bgcolor=mark.colour)


def figure_text(tally: Tally) -> str:
    """``▲  +0.50 · 3/4``: the step's symbol and the cell's text."""
    mark = step(tally.compliance)
    return f"{mark.symbol:<2} {cell_text(tally.compliance, tally.rated, tally.commitments)}"


def row_label(names: list[str]) -> str:
    """An area's names across the series, oldest first, on one line."""
    return " → ".join(labels.one_line(name) or "(unnamed area)" for name in names)


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
    ▲ +0.50 · 3/4 · 75 % · more kept than not``."""
    out = literal(cell.row, style="bold")
    out.append(" · ")
    out.append_text(cell.column)
    out.append(" · ")
    mark = step(cell.tally.compliance)
    out.append(f" {figure_text(cell.tally)} ", style=scale_style(mark))
    out.append(f" · {percent_text(cell.tally.compliance_pct)} · {mark.name}")
    return out


def series_cells(series: Series) -> list[list[Cell | None]]:
    """The matrix's cells, row by row (areas, then the meetings' totals), each row's
    cells by column (the meetings, then the area's total); None: not in that meeting."""
    meetings = [fig.meeting for fig in series.meetings]
    out: list[list[Cell | None]] = []
    every = Text("all meetings", style="italic")
    for row in series.rows:
        name = row_label(row.names)
        cells: list[Cell | None] = []
        for meeting in meetings:
            found = row.cells.get(meeting.id)
            label = labels.meeting_label(meeting)
            cells.append(
                None if found is None else Cell(name, label, found.tally, [(meeting, found)])
            )
        parts = [(m, row.cells[m.id]) for m in meetings if m.id in row.cells]
        cells.append(Cell(name, every, row.total, parts))
        out.append(cells)
    totals: list[Cell | None] = []
    for held in series.meetings:
        parts = [(held.meeting, area) for area in held.areas]
        totals.append(Cell("all areas", labels.meeting_label(held.meeting), held.tally, parts))
    everything = [(fig.meeting, area) for fig in series.meetings for area in fig.areas]
    totals.append(Cell("all areas", every, series.total, everything))
    out.append(totals)
    return out


class OverviewMatrix(DataTable[Text]):
    """Areas × meetings of one series; Enter on a cell: ``DataTable.CellSelected``."""

    DEFAULT_CSS = """
    OverviewMatrix {
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            id=id,
            cursor_type="cell",
            fixed_columns=1,
            cursor_foreground_priority="css",  # the cursor shows on a coloured cell too
            cursor_background_priority="css",
        )
        self.cells: list[list[Cell | None]] = []
        self.labels: list[str] = []
        self._shown: tuple[Series | None, bool, int] | None = None  # and the label width

    @property
    def label_width(self) -> int:
        width = self.size.width
        return min(LABEL_WIDTH, max(width // LABEL_SHARE, 12)) if width else LABEL_WIDTH

    def on_resize(self) -> None:
        if self._shown is not None and self._shown[2] != self.label_width:
            self.show(self._shown[0], aligned=self._shown[1])

    def show(self, series: Series | None, *, aligned: bool) -> None:
        """Draw ``series`` (its totals only while its areas are being aligned); the
        cursor stays where it was if that cell is still there."""
        self._shown = (series, aligned, self.label_width)
        at = self.cursor_coordinate
        self.clear(columns=True)
        self.cells, self.labels = [], []
        if series is None:
            return
        cells = series_cells(series) if aligned else [series_cells(series)[-1]]
        names = [row_label(row.names) for row in series.rows] if aligned else []
        if not aligned:
            cells.insert(0, [None] * (len(series.meetings) + 1))
            names.insert(0, "")
        names.append("all areas")
        widths = [
            max(
                [
                    len("undated"),
                    *(len(figure_text(c.tally)) for row in cells if (c := row[k]) is not None),
                ]
            )
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
        # widths given, not measured when the table is next idle: drawn right at once
        label_width = max(label.cell_len for label in row_labels)
        self.add_column(Text("Area", style="bold"), key="area", width=max(label_width, 4))
        for fig, width in zip(series.meetings, widths, strict=False):
            date = fig.meeting.date or "undated"
            self.add_column(Text(date, style="bold"), key=fig.meeting.id, width=width + 2)
        self.add_column(Text("All", style="bold"), key="all", width=widths[-1] + 2)
        for k, (label, row) in enumerate(zip(row_labels, cells, strict=True)):
            total = k == len(cells) - 1
            if not aligned and k == 0:
                drawn = [Text("") for _width in widths]
            else:
                drawn = [_draw(c, width, bold=total) for c, width in zip(row, widths, strict=True)]
            self.add_row(label, *drawn, key=f"row-{k}")
        self.cells, self.labels = cells, names
        column = at.column if 0 < at.column < len(widths) + 1 else 1
        self.cursor_coordinate = Coordinate(min(at.row, len(cells) - 1), column)

    def cell(self, coordinate: Coordinate) -> Cell | None:
        """What the cell at ``coordinate`` stands for (the label column: its row's total)."""
        if not 0 <= coordinate.row < len(self.cells):
            return None
        row = self.cells[coordinate.row]
        column = coordinate.column - 1 if coordinate.column > 0 else len(row) - 1
        return row[column] if 0 <= column < len(row) else None


def _draw(cell: Cell | None, width: int, *, bold: bool) -> Text:
    if cell is None:
        return Text(f"{ABSENT:^{width + 2}}", style="dim")
    mark = step(cell.tally.compliance)
    style = scale_style(mark) + Style(bold=bold)
    return Text(f" {figure_text(cell.tally):<{width}} ", style=style)

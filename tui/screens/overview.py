"""The compliance overview (``c``): what the ratings of a series of meetings add up to.

One series at a time (the meetings between the same parties; at first the series of
the meeting selected in the tree, ``[``/``]`` or the picker for another):

- the matrix (:class:`tui.widgets.overview_matrix.OverviewMatrix`): one row per area
  aligned across the meetings (the year diff's area alignment: a renamed area keeps its
  row), one column per meeting by date, each cell's mean compliance and how many of its
  commitments are rated on the diverging scale of :mod:`stats.scale`; a total row and a
  total column. Enter on a cell lists its commitments (:mod:`tui.screens.cell_list`);
  Enter on one closes the overview and the tree selects it;
- per meeting a bar of its six statuses (:mod:`tui.widgets.status_bars`), and the
  series' trend month by month (:mod:`tui.widgets.trend_chart`);
- filters: a tag, an author (that rater's statuses only), a day ("as of": each status
  as it stood then) and "raters disagree"; Enter in a field applies them, a day that
  is not one is said on the screen's status line.

The figures are computed in a worker (``Session.overview``): first without aligning the
areas (the totals, bars and trend show at once), then aligned (the matrix's rows;
"aligning areas…" meanwhile). They are computed again when a status changes, in the
app or in another process (:meth:`OverviewScreen.figures_stale`, called by the app).
The screen is dismissed with the ID of the commitment chosen, or None.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, DataTable, Input, Label, Select, Static
from textual.worker import get_current_worker

from parsers.naming import party_key
from stats import FilterError, Filters, Overview, Series, parse_day
from stats.scale import percent_text
from stats.trend import Month, Trend
from store import StoreError
from store.model import compliance_text
from tui import labels
from tui.keymap import OVERVIEW, bindings
from tui.render import literal
from tui.screens.cell_list import CellListScreen, Entry
from tui.screens.dialog import DismissedOnce, cursor_blinks
from tui.store_errors import app_error_text
from tui.widgets.footer import KeysFooter
from tui.widgets.overview_matrix import Cell, OverviewMatrix, cell_line
from tui.widgets.status_bars import StatusBars
from tui.widgets.trend_chart import TrendChart

if TYPE_CHECKING:
    from session import Session


class _Stopped(Exception):
    """The computation was replaced by a newer one (its worker cancelled)."""


@dataclass
class Computed(Message):
    """A computation's result (``generation``: which one), or one line saying why none."""

    generation: int
    overview: Overview | None
    trends: dict[str, list[Month]] = field(default_factory=dict)
    error: str | None = None


def series_key(series: Series) -> str:
    """A series' parties, as a key that stays the same when the figures change."""
    return "\x1f".join(sorted(party_key(series.meetings[0].meeting)))


def filters_text(filters: Filters) -> str:
    """``tag finance · by anne · as of 2025-01-01 · raters disagree`` (empty: none)."""
    parts = []
    if filters.tag:
        parts.append(f"tag {labels.one_line(filters.tag)}")
    if filters.author:
        parts.append(f"by {labels.one_line(filters.author)}")
    if filters.as_of:
        parts.append(f"as of {filters.as_of}")
    if filters.disagree:
        parts.append("raters disagree")
    return " · ".join(parts)


class OverviewScreen(DismissedOnce[str | None]):
    """The matrix, the bars and the trend of one series; Escape closes."""

    DEFAULT_CSS = """
    OverviewScreen #ov-top, OverviewScreen #ov-filters { height: 1; }
    OverviewScreen #ov-series { width: 1fr; }
    OverviewScreen #ov-disagree {
        width: auto; height: 1; border: none; padding: 0 1; margin: 0 0 0 1;
    }
    OverviewScreen #ov-filters Label { width: auto; padding: 0 1; color: $text-muted; }
    OverviewScreen #ov-filters Input { width: 1fr; }
    OverviewScreen #ov-state { height: 1; padding: 0 1; }
    OverviewScreen #ov-state.-problem { color: $error; text-style: bold; }
    OverviewScreen #ov-cell { height: 1; padding: 0 1; }
    OverviewScreen #ov-lower { height: 40%; min-height: 6; }
    OverviewScreen #ov-lower VerticalScroll {
        width: 1fr; border-top: solid $primary; padding: 0 1;
        border-title-color: $text; border-title-style: bold;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(OVERVIEW)

    def __init__(self, session: Session, meeting_id: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.meeting_id = meeting_id  # its series is shown first
        self.filters = Filters()
        self.overview: Overview | None = None
        self.aligned = False
        self.trends: dict[str, list[Month]] = {}
        self.series_key: str | None = None
        self.problem: str | None = None  # a filter that could not be used, or an error
        self._generation = 0
        self._picker_keys: list[str] = []  # the series the picker lists

    # ------------------------------------------------------------------ building

    def compose(self) -> ComposeResult:
        with Horizontal(id="ov-top"):
            yield Select[str]([], prompt="series", compact=True, id="ov-series")
            yield Checkbox("raters disagree", id="ov-disagree")
        with Horizontal(id="ov-filters"):
            yield Label("tag")
            yield Input(placeholder="any", compact=True, id="ov-tag")
            yield Label("author")
            yield Input(placeholder="anyone", compact=True, id="ov-author")
            yield Label("as of")
            yield Input(placeholder="YYYY-MM-DD", compact=True, id="ov-as-of")
        yield Static("", id="ov-state", markup=False)
        yield OverviewMatrix(id="ov-matrix")
        yield Static("", id="ov-cell", markup=False)
        with Horizontal(id="ov-lower"):
            with VerticalScroll(id="ov-bars-box") as bars:
                bars.border_title = "Statuses per meeting"
                yield StatusBars(id="ov-bars")
            with VerticalScroll(id="ov-trend-box") as trend:
                trend.border_title = "Trend, month by month"
                yield TrendChart(id="ov-trend")
        yield KeysFooter()

    def on_mount(self) -> None:
        blink = cursor_blinks(self.app)
        for field_ in self.query(Input):
            field_.cursor_blink = blink
        self.matrix.focus()
        self.recompute()

    @property
    def matrix(self) -> OverviewMatrix:
        return self.query_one("#ov-matrix", OverviewMatrix)

    @property
    def series(self) -> Series | None:
        """The series shown (None before the figures are in, or if there is none)."""
        if self.overview is None:
            return None
        for series in self.overview.series:
            if series_key(series) == self.series_key:
                return series
        return None

    # ------------------------------------------------------------------ computing

    def figures_stale(self) -> None:
        """A status (or anything the figures count) changed: compute them again."""
        self.recompute()

    def recompute(self) -> None:
        """Compute the figures under the current filters in a worker."""
        self._generation += 1
        self.aligned = False
        self._show_state()
        self._compute(self.filters, self._generation)

    @work(thread=True, exclusive=True, group="overview")
    def _compute(self, filters: Filters, generation: int) -> None:
        """The figures without the areas aligned (fast), then aligned; each reported."""
        worker = get_current_worker()
        session = self.session

        def pause() -> None:
            if worker.is_cancelled:
                raise _Stopped
            time.sleep(0)  # give way to the screen between meetings

        try:
            quick = session.overview(filters, align=False, pause=pause)
            ratings = session.store.ratings()
            trends = {
                series_key(s): Trend.of(s.meetings, ratings, filters).months() for s in quick.series
            }
            self.post_message(Computed(generation, quick, trends))
            full = session.overview(filters, align=True, pause=pause)
            self.post_message(Computed(generation, full, trends))
        except _Stopped:
            return
        except StoreError as exc:
            self.post_message(Computed(generation, None, error=app_error_text(exc)))
        except Exception as exc:  # a failure here must not take the app down
            error = f"Could not compute the overview: {exc}"
            self.post_message(Computed(generation, None, error=error))

    @on(Computed)
    def show_computed(self, message: Computed) -> None:
        if message.generation != self._generation:
            return  # computed under filters (or a store) since replaced
        if message.overview is None:
            self.problem = message.error
            self._show_state()
            return
        self.overview = message.overview
        self.aligned = message.overview.aligned
        self.trends = message.trends
        self._choose_series()
        self._draw()

    def _choose_series(self) -> None:
        """Keep the series shown if it is still there; else the one of the meeting the
        overview was opened on; else the first. The picker lists them all."""
        assert self.overview is not None
        found = self.overview.series
        keys = [series_key(s) for s in found]
        if self.series_key not in keys:
            wanted = next(
                (
                    series_key(s)
                    for s in found
                    if any(f.meeting.id == self.meeting_id for f in s.meetings)
                ),
                keys[0] if keys else None,
            )
            self.series_key = wanted
        picker = self.query_one("#ov-series", Select)
        options = [(self._series_option(s), key) for s, key in zip(found, keys, strict=True)]
        if keys != self._picker_keys:
            self._picker_keys = keys
            picker.set_options(options)
        if self.series_key is not None and picker.value != self.series_key:
            with picker.prevent(Select.Changed):
                picker.value = self.series_key

    @staticmethod
    def _series_option(series: Series) -> Text:
        n = len(series.meetings)
        label = literal(labels.one_line(series.label) or "parties unknown", style="bold")
        label.append(f"  {n} meeting{'s' if n != 1 else ''}", style="dim")
        return label

    # ------------------------------------------------------------------ drawing

    def _draw(self) -> None:
        series = self.series
        self.matrix.show(series, aligned=self.aligned)
        none = "No meetings under these filters." if self.overview is not None else ""
        bars = self.query_one("#ov-bars", StatusBars)
        bars.show(series.meetings if series else [], none)
        trend = self.query_one("#ov-trend", TrendChart)
        months = self.trends.get(self.series_key or "", []) if series else []
        trend.show(months, none or "No status set in these meetings yet: no trend.")
        self._show_state()
        self._show_cell()

    def _show_state(self) -> None:
        """The line over the matrix: what is shown, the filters, what is under way, or
        what is wrong."""
        state = self.query_one("#ov-state", Static)
        state.set_class(self.problem is not None, "-problem")
        if self.problem is not None:
            state.update(literal(f"⚠ {self.problem}"))
            return
        series = self.series
        if self.overview is None:
            text = Text("Computing the overview…", style="italic")
        elif series is None:
            text = Text("No meetings under these filters.", style="italic")
        else:
            total = series.total
            n = len(series.meetings)
            text = Text(f"{n} meeting{'s' if n != 1 else ''} · ")
            text.append(f"{total.commitments} commitments, {total.rated} rated · compliance ")
            text.append(compliance_text(total.compliance), style="bold")
            text.append(f" ({percent_text(total.compliance_pct)})")
        shown = filters_text(self.filters)
        if shown:
            text.append(" · filters: ", style="dim")
            text.append_text(literal(shown, style="bold"))
        if not self.aligned:
            text.append(" · aligning areas…", style="italic")
        state.update(text)

    def _show_cell(self) -> None:
        matrix = self.matrix
        cell = matrix.cell(matrix.cursor_coordinate) if matrix.row_count else None
        self.query_one("#ov-cell", Static).update(cell_line(cell) if cell else Text())

    @on(DataTable.CellHighlighted, "#ov-matrix")
    def cell_highlighted(self) -> None:
        self._show_cell()

    # ------------------------------------------------------------------ choosing

    @on(DataTable.CellSelected, "#ov-matrix")
    def cell_chosen(self, event: DataTable.CellSelected) -> None:
        """Enter on a cell: the list of its commitments."""
        cell = self.matrix.cell(event.coordinate)
        if cell is None:
            return
        entries = cell_entries(cell)
        if not entries:
            self.notify("No commitment is counted in this cell.", markup=False)
            return
        title = Text("Commitments behind ", style="bold")
        title.append_text(literal(labels.clip(cell.row, 50)))
        title.append(" · ")
        title.append_text(cell.column)
        title.append(f" ({len(entries)})")

        def chosen(commitment_id: str | None) -> None:
            if commitment_id is not None:
                self.dismiss(commitment_id)

        self.app.push_screen(CellListScreen(title, entries), chosen)

    @on(Select.Changed, "#ov-series")
    def series_picked(self, event: Select.Changed) -> None:
        if event.value is Select.BLANK or event.value == self.series_key:
            return
        self.series_key = str(event.value)
        self._draw()

    def action_series(self, step: int) -> None:
        """``]`` the next series, ``[`` the previous one."""
        if self.overview is None or not self.overview.series:
            return
        keys = [series_key(s) for s in self.overview.series]
        here = keys.index(self.series_key) if self.series_key in keys else 0
        self.series_key = keys[(here + step) % len(keys)]
        picker = self.query_one("#ov-series", Select)
        with picker.prevent(Select.Changed):
            picker.value = self.series_key
        self._draw()

    # ------------------------------------------------------------------ filters

    def action_filters(self) -> None:
        self.query_one("#ov-tag", Input).focus()

    @on(Input.Submitted)
    def filters_submitted(self) -> None:
        if self.apply_filters():
            self.matrix.focus()

    @on(Checkbox.Changed, "#ov-disagree")
    def disagree_toggled(self) -> None:
        self.apply_filters()

    def apply_filters(self) -> bool:
        """Use the filters as typed; False (and the status line says why) if the day is
        not one."""
        tag = self.query_one("#ov-tag", Input).value.strip() or None
        author = self.query_one("#ov-author", Input).value.strip() or None
        day = self.query_one("#ov-as-of", Input).value.strip()
        try:
            as_of = parse_day(day) if day else None
        except FilterError as exc:
            self.problem = f"As of: {exc}"
            self._show_state()
            return False
        self.problem = None
        disagree = self.query_one("#ov-disagree", Checkbox).value
        filters = Filters(tag=tag, author=author, as_of=as_of, disagree=disagree)
        if filters != self.filters or self.overview is None:
            self.filters = filters
            self.recompute()
        else:
            self._show_state()
        return True

    def action_close(self) -> None:
        self.dismiss(None)


def cell_entries(cell: Cell) -> list[Entry]:
    """The commitments a cell counts, in order, with the status each counts with."""
    entries = []
    for meeting, fig in cell.parts:
        texts = {c.id: c.text for c in fig.area.commitments}
        where = f"{meeting.date or 'undated'} · {fig.area.name}"
        for commitment_id, status in fig.statuses:
            entries.append(Entry(commitment_id, status, texts.get(commitment_id, ""), where))
    return entries

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

The figures are computed in a worker (``Session.overview``), for the series shown only
(so a store of thousands of meetings opens as fast as one of ten): first without
aligning the areas (the totals, bars and trend show at once), then with the areas
aligned across its meetings (the matrix's rows; "aligning areas…" meanwhile; the first
time, tens of milliseconds a pair of meetings, kept for the next), in another worker.
They are computed again when a status changes, in the app or in another process
(:meth:`OverviewScreen.figures_stale`, called by the app). The screen is dismissed
with the ID of the commitment chosen, or None.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select, Static

from compare.lineage import date_order
from parsers import Meeting
from parsers.naming import parties_text
from stats import FilterError, Filters, Overview, Series, parse_day
from stats.scale import percent_text
from stats.series import series_key as stats_series_key
from store import StoreError
from store.model import clean_tag, compliance_text
from tui import labels
from tui.keymap import OVERVIEW, bindings
from tui.loading import Cancelled, Loading
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
    from tui.app import CoopApp


@dataclass(frozen=True)
class SeriesChoice:
    """A series the picker offers: its key, its parties, its meetings' IDs."""

    key: str
    label: str
    meetings: tuple[str, ...]


@dataclass
class Computed(Message):
    """The figures of the series ``key`` (its areas not aligned yet) and the series to
    choose from (``generation``: which computation), or one line saying why there are
    none."""

    generation: int
    overview: Overview | None
    key: str | None = None
    choices: list[SeriesChoice] = field(default_factory=list)
    error: str | None = None


@dataclass
class Aligned(Message):
    """One series' figures with its areas aligned across its meetings (the matrix's
    rows), or one line saying why there are none."""

    generation: int
    key: str
    series: Series | None
    error: str | None = None


def series_key(series: Series) -> str:
    """A series' parties, as a key that stays the same when the figures change."""
    return meeting_series_key(series.meetings[0].meeting)


def meeting_series_key(meeting: Meeting) -> str:
    return "\x1f".join(sorted(stats_series_key(meeting)))


def series_choices(meetings: list[Meeting]) -> list[SeriesChoice]:
    """Every series of ``meetings`` (in the order their first meetings were held)."""
    groups: dict[str, list[Meeting]] = {}
    for meeting in date_order(meetings):
        groups.setdefault(meeting_series_key(meeting), []).append(meeting)
    return [
        SeriesChoice(key, parties_text(group[0]), tuple(m.id for m in group))
        for key, group in groups.items()
    ]


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
        #: the series whose areas are aligned, by key (figures of the same computation)
        self.aligned_series: dict[str, Series] = {}
        self.choices: list[SeriesChoice] = []  # every series of the store
        self.series_key: str | None = None
        self.problem: str | None = None  # a filter that could not be used
        self.error: str | None = None  # why the figures could not be worked out
        self._generation = 0  # the latest computation asked for
        self._shown_generation = 0  # the computation whose figures are shown
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

    @property
    def aligned(self) -> bool:
        """The series shown has its areas aligned (its matrix has its rows)."""
        return self.series_key is not None and self.series_key in self.aligned_series

    def figures_stale(self) -> None:
        """A status (or anything the figures count) changed: compute them again."""
        self.recompute()

    def recompute(self) -> None:
        """Compute the figures under the current filters in a worker (what is shown
        stays until they are in)."""
        self._generation += 1
        self._show_state()
        self._compute(self.filters, self._generation)

    def _loading(self) -> Loading:
        """The pauses of a worker of this screen (in the worker): it gives way while the
        screen is busy, keeps what the store's reading made out of the garbage
        collector's way (see :mod:`tui.loading`), and stops if it was replaced."""
        app = cast("CoopApp", self.app)
        files = self.session.store.files
        return Loading((files.corpus, files.main, files.journal), app.ui_clock, app.last_input)

    @work(thread=True, exclusive=True, group="overview")
    def _compute(self, filters: Filters, generation: int) -> None:
        """The figures of the series to show, without aligning its areas (fast: the
        totals, bars and trend show at once), and the series to choose from."""
        session = self.session
        try:
            loading = self._loading()
            choices = series_choices(session.read_meetings(loading.pause))
            shown = self._wanted(choices)
            meetings = shown.meetings if shown is not None else ()
            narrowed = replace(filters, meetings=meetings)
            found = session.overview(narrowed, align=False, pause=loading.pause)
        except Cancelled:
            return
        except StoreError as exc:
            self.post_message(Computed(generation, None, error=app_error_text(exc)))
            return
        except Exception as exc:  # a failure here must not take the app down
            error = f"Could not compute the overview: {exc}"
            self.post_message(Computed(generation, None, error=error))
            return
        key = shown.key if shown is not None else None
        self.post_message(Computed(generation, found, key, choices))

    def _wanted(self, choices: list[SeriesChoice]) -> SeriesChoice | None:
        """The series to show: the one shown, else the one of the meeting the overview
        was opened on, else the first."""
        for choice in choices:
            if choice.key == self.series_key:
                return choice
        for choice in choices:
            if self.meeting_id in choice.meetings:
                return choice
        return choices[0] if choices else None

    @work(thread=True, exclusive=True, group="overview-align")
    def _align(
        self, filters: Filters, generation: int, key: str, meetings: tuple[str, ...]
    ) -> None:
        """One series' figures with its areas aligned across its meetings (the first
        time for a pair of meetings, tens of milliseconds a pair; kept for the next)."""
        try:
            found = self.session.overview(
                replace(filters, meetings=meetings), align=True, pause=self._loading().pause
            )
        except Cancelled:
            return
        except StoreError as exc:
            self.post_message(Aligned(generation, key, None, app_error_text(exc)))
            return
        except Exception as exc:  # a failure here must not take the app down
            error = f"Could not align the areas: {exc}"
            self.post_message(Aligned(generation, key, None, error))
            return
        series = next((s for s in found.series if series_key(s) == key), None)
        self.post_message(Aligned(generation, key, series))

    @on(Computed)
    def show_computed(self, message: Computed) -> None:
        if message.generation != self._generation:
            return  # computed under filters (or a store) since replaced
        self.error = message.error
        if message.overview is None:
            self._show_state()
            return
        self.overview = message.overview
        self._shown_generation = message.generation
        self.choices = message.choices
        self.series_key = message.key
        self.aligned_series = {}
        self._choose_series()
        self._draw()
        self._align_shown()

    def _align_shown(self) -> None:
        """Align the areas of the series shown, unless they are already."""
        series = self.series
        if series is None or self.aligned:
            return
        key = series_key(series)
        meetings = tuple(fig.meeting.id for fig in series.meetings)
        self._align(self.filters, self._generation, key, meetings)

    @on(Aligned)
    def show_aligned(self, message: Aligned) -> None:
        if message.generation != self._generation:
            return
        if message.series is None:
            self.error = message.error or "The series is no longer in the store."
            self._show_state()
            return
        self.aligned_series[message.key] = message.series
        if message.key == self.series_key:
            self._draw()

    def _choose_series(self) -> None:
        """The picker lists every series; it shows the one whose figures are in."""
        picker = self.query_one("#ov-series", Select)
        keys = [c.key for c in self.choices]
        if keys != self._picker_keys:
            self._picker_keys = keys
            with picker.prevent(Select.Changed):
                picker.set_options([(self._series_option(c), c.key) for c in self.choices])
        if self.series_key is not None and picker.value != self.series_key:
            with picker.prevent(Select.Changed):
                picker.value = self.series_key

    @staticmethod
    def _series_option(choice: SeriesChoice) -> Text:
        n = len(choice.meetings)
        label = literal(labels.one_line(choice.label) or "parties unknown", style="bold")
        label.append(f"  {n} meeting{'s' if n != 1 else ''}", style="dim")
        return label

    # ------------------------------------------------------------------ drawing

    def _draw(self) -> None:
        series = self.series
        aligned = self.aligned_series.get(self.series_key or "")
        self.matrix.translations = self.session.store.versions().translations
        self.matrix.show(aligned or series, aligned=aligned is not None)
        none = "No meetings under these filters." if self.overview is not None else ""
        bars = self.query_one("#ov-bars", StatusBars)
        bars.show(series.meetings if series else [], none)
        trend = self.query_one("#ov-trend", TrendChart)
        months = self.overview.trend if series and self.overview else []
        trend.show(months, none or "No status set in these meetings yet: no trend.")
        self._show_state()
        self._show_cell()

    def _show_state(self) -> None:
        """The line over the matrix: what is shown, the filters, what is under way, or
        what is wrong."""
        state = self.query_one("#ov-state", Static)
        problem = self.problem or self.error
        state.set_class(problem is not None, "-problem")
        if problem is not None:
            state.update(literal(f"⚠ {problem}"))
            return
        series = self.series
        if self.overview is None or (series is None and self._shown_generation != self._generation):
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
        if self.overview is not None and self._shown_generation != self._generation:
            text.append(" · updating…", style="italic")
        elif series is not None and not self.aligned:
            text.append(" · aligning areas…", style="italic")
        state.update(text)

    def _show_cell(self) -> None:
        matrix = self.matrix
        cell = matrix.cell(matrix.cursor_coordinate) if matrix.row_count else None
        self.query_one("#ov-cell", Static).update(cell_line(cell) if cell else Text())

    @on(OverviewMatrix.CellHighlighted, "#ov-matrix")
    def cell_highlighted(self) -> None:
        self._show_cell()

    # ------------------------------------------------------------------ choosing

    @on(OverviewMatrix.CellSelected, "#ov-matrix")
    def cell_chosen(self, event: OverviewMatrix.CellSelected) -> None:
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
        self.recompute()

    def action_series(self, step: int) -> None:
        """``]`` the next series, ``[`` the previous one."""
        if not self.choices:
            return
        keys = [c.key for c in self.choices]
        here = keys.index(self.series_key) if self.series_key in keys else 0
        self.series_key = keys[(here + step) % len(keys)]
        picker = self.query_one("#ov-series", Select)
        with picker.prevent(Select.Changed):
            picker.value = self.series_key
        self.recompute()

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
        tag = clean_tag(self.query_one("#ov-tag", Input).value) or None
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

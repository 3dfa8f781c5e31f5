"""How ``coop-tui stats`` and ``coop-tui agreement`` show their figures: rich tables for
a person, CSV for a spreadsheet (``--json`` is the figures' own ``to_json``).

Every cell of the overview is drawn as every view draws it (``stats.scale``: the cell
text ``+0.50 · 3/4`` and the scale's symbol, so it reads without colour too); area
names, titles, raters and commitment texts are user or document text, shown literally.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rich import box
from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from parsers import Meeting
from parsers.naming import parties_text
from parsers.normalise import clip as clip_text
from parsers.normalise import collapse_ws
from sharing.report_overview import column_labels, meeting_labels
from stats import ORDER, Agreement, Overview, Series, Tally
from stats.scale import Step, cell_label, cell_text, percent_text, step
from stats.tally import rounded
from store.model import Status, compliance_text
from store.safetext import visible
from tui.render import literal


def one_line(text: str) -> str:
    """A name, a title or a text on one line, as every command prints: whitespace runs one
    space, control characters and bidi overrides as their codes (``\\u202e``)."""
    return visible(collapse_ws(text))


def clip(text: str, width: int) -> str:
    """:func:`one_line`, cut to ``width`` characters with ``…``."""
    return clip_text(one_line(text), width)


#: A status's column heading, at most five characters a line (80 columns hold them all).
HEADINGS: dict[Status, str] = {
    Status.NOT_RATED: "not\nrated",
    Status.IN_PROGRESS: "in\nprog.",
    Status.STALLED: "stal-\nled",
    Status.PARTIAL: "par-\ntial",
    Status.IMPLEMENTED: "impl-\nem.",
    Status.NOT_IMPLEMENTED: "not\nimpl.",
}
#: Characters of a meeting's title under its date in the table of meetings.
TITLE_CHARS = 28
#: The months of the trend a table shows at most (the latest; ``--json`` has them all).
TREND_MONTHS = 12
#: Characters of a meeting's title in the list of disagreements.
MEETING_TITLE_CHARS = 16
#: Characters of a commitment's text shown in the list of disagreements.
TEXT_CHARS = 60
ID_CHARS = 10

CSV_COLUMNS = (
    "meeting_id", "date", "area_id", "area", "row", "commitments", "rated",
    *(s.value for s in ORDER), "compliance", "compliance_pct",
)  # fmt: skip


@dataclass(frozen=True)
class Shown:
    """What the table and the CSV show of an overview: under a filter (tag, author, as of,
    raters disagree) the meetings, areas and rows across meetings with no commitment
    counted are left out (as the report leaves them out; they would be ``0/0`` lines),
    and how many meetings and areas that is. ``--json`` keeps them all."""

    overview: Overview
    meetings_left_out: int = 0
    areas_left_out: int = 0

    @property
    def nothing_matches(self) -> bool:
        """A filter is on and no commitment matches it."""
        return self.overview.filters.active and not any(
            m.tally.commitments for m in self.overview.meetings
        )

    def left_out_line(self) -> str | None:
        """One line saying what was left out, or None."""
        parts = []
        if self.meetings_left_out:
            parts.append(f"{self.meetings_left_out} meeting(s)")
        if self.areas_left_out:
            parts.append(f"{self.areas_left_out} area(s)")
        if not parts:
            return None
        return (
            f"Not shown: {' and '.join(parts)} with no commitment matching the filters "
            "(see --json)."
        )


def shown(overview: Overview) -> Shown:
    """``overview`` as the table and the CSV show it (``Shown``); unfiltered, all of it."""
    if not overview.filters.active:
        return Shown(overview)
    meetings = []
    areas_left_out = 0
    for fig in overview.meetings:
        if not fig.tally.commitments:
            continue
        areas = [a for a in fig.areas if a.tally.commitments]
        areas_left_out += len(fig.areas) - len(areas)
        meetings.append(replace(fig, areas=areas))
    series = []
    for s in overview.series:
        kept = [m for m in s.meetings if m.tally.commitments]
        if kept:
            rows = [r for r in s.rows if r.total.commitments]
            series.append(replace(s, meetings=kept, rows=rows))
    trimmed = replace(overview, meetings=meetings, series=series)
    return Shown(trimmed, len(overview.meetings) - len(meetings), areas_left_out)


NO_MATCH = "No commitment matches the filters (--json gives the empty figures)."


def _date(meeting: Meeting) -> str:
    return meeting.date or "undated"


def scored(compliance: float | None, rated: int, commitments: int) -> Text:
    """A cell as every view draws it: ``+0.50 · 3/4 ▲``, coloured by the scale's step."""
    s = step(compliance)
    text = Text(
        cell_label(compliance, rated, commitments), style="dim" if compliance is None else ""
    )
    text.stylize(symbol_style(s), len(text) - len(s.symbol))
    return text


def symbol_style(s: Step) -> Style:
    """A step's symbol on its colour, in black or white for contrast with it: it reads on
    a light terminal as on a dark one (the pale ◆ as a foreground colour would not)."""
    return Style(color=s.ink, bgcolor=s.colour)


def marked(compliance: float | None) -> Text:
    """A mean compliance and the scale's symbol: ``+0.50 ▲`` (``— ·`` when nothing is rated)."""
    s = step(compliance)
    shown = "—" if compliance is None else compliance_text(compliance)
    text = Text(shown, style="dim" if compliance is None else "")
    text.append(" ")
    text.append(s.symbol, style=symbol_style(s))
    return text


def _tally_cells(t: Tally) -> list[Text]:
    return [
        Text(str(t.commitments)),
        Text(str(t.rated)),
        *(Text(str(t.by_status[s]), style="dim" if not t.by_status[s] else "") for s in ORDER),
        marked(t.compliance),
        Text(percent_text(t.compliance_pct)),
    ]


def meetings_table(overview: Overview) -> Table:
    """One row per meeting (and the total): its date and title, how many commitments,
    how many rated, how many of each status, the mean compliance and its percentage."""
    table = Table(
        title="Compliance per meeting",
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        show_edge=False,
        padding=0,  # the box's column dividers are the spaces between columns
    )
    table.add_column("meeting", overflow="fold", ratio=1, min_width=10)
    for name in ("com-\nmit.", "rated", *(HEADINGS[s] for s in ORDER)):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("compli-\nance", justify="right", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    for fig in overview.meetings:
        m = fig.meeting
        label = Text(_date(m), style="bold")
        label.append_text(literal("\n" + clip(m.title, TITLE_CHARS), style="dim"))
        table.add_row(label, *_tally_cells(fig.tally))
    if len(overview.meetings) > 1:
        table.add_section()
        table.add_row(Text("all", style="bold"), *_tally_cells(overview.total))
    return table


def series_table(series: Series) -> Table:
    """The G20-style matrix of a series: a row per aligned area, a column per meeting
    by date, and the totals per area (last column) and per meeting (last row)."""
    table = Table(
        title=literal(f"{parties_text(series.meetings[0].meeting)}: compliance by area"),
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
    )
    table.add_column("area", overflow="fold", ratio=1, min_width=8)
    for label in column_labels(series.meetings):  # numbered where two share a date
        table.add_column(label, overflow="fold")
    table.add_column("all", overflow="fold")
    for row in series.rows:
        name = literal(one_line(row.name))
        if len(row.names) > 1:
            earlier = " / ".join(one_line(n) for n in row.names[:-1])
            name.append_text(literal(f" (was {earlier})", style="dim"))
        cells: list[RenderableType] = [name]
        for fig in series.meetings:
            cell = row.cells.get(fig.meeting.id)
            if cell is None:
                cells.append(Text("—", style="dim"))
            else:
                t = cell.tally
                cells.append(scored(t.compliance, t.rated, t.commitments))
        total = row.total
        cells.append(scored(total.compliance, total.rated, total.commitments))
        table.add_row(*cells)
    table.add_section()
    footer: list[RenderableType] = [Text("all areas", style="bold")]
    for fig in series.meetings:
        t = fig.tally
        footer.append(scored(t.compliance, t.rated, t.commitments))
    t = series.total
    footer.append(scored(t.compliance, t.rated, t.commitments))
    table.add_row(*footer)
    return table


def trend_table(overview: Overview) -> RenderableType:
    """The month-by-month trend, summarised: the statuses set each month and where the
    counted commitments stood at its end (the latest months only)."""
    months = overview.trend
    if not months:
        return Text("Trend: no status set yet among these commitments.")
    shown = months[-TREND_MONTHS:]
    table = Table(
        title="Trend: statuses set per month, and the standing at its end",
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
    )
    table.add_column("month", no_wrap=True)
    table.add_column("set", justify="right")
    table.add_column("of which", overflow="fold", ratio=1)
    table.add_column("standing", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    for month in shown:
        t = month.standing
        of_which = ", ".join(f"{n} {s.value}" for s in ORDER if (n := month.set.by_status[s]))
        table.add_row(
            Text(month.month),
            Text(str(month.set.commitments)),
            Text(of_which or "—", style="" if of_which else "dim"),
            scored(t.compliance, t.rated, t.commitments),
            Text(percent_text(t.compliance_pct)),
        )
    parts: list[RenderableType] = [table]
    if len(months) > len(shown):
        parts.append(Text(f"({len(months) - len(shown)} earlier month(s) not shown: see --json)"))
    first, last = months[0].standing, months[-1].standing
    parts.append(
        Text(
            f"From {months[0].month} to {months[-1].month}: "
            f"{cell_text(first.compliance, first.rated, first.commitments)} → "
            f"{cell_text(last.compliance, last.rated, last.commitments)}"
        )
    )
    return Group(*parts)


def print_overview(out: Console, overview: Overview) -> None:
    if not overview.meetings:
        out.print("no meetings to count (see coop-tui list, and the filters given)")
        return
    view = shown(overview)
    if view.nothing_matches:  # one line, unwrapped: a script may grep it
        out.print(Text(NO_MATCH), soft_wrap=True)
        return
    overview = view.overview
    out.print(meetings_table(overview))
    for series in overview.series:
        if series.rows:
            out.print()
            out.print(series_table(series))
    if (line := view.left_out_line()) is not None:
        out.print(Text(line), soft_wrap=True)  # one line: a script may grep it
    out.print()
    out.print(trend_table(overview))
    out.print(
        Text(
            "Compliance: the mean of the rated commitments, implemented +1, partial or in "
            "progress 0, stalled or not implemented −1; % = (compliance + 1) / 2 × 100. "
            "▲▲ ▲ ◆ ▼ ▼▼ from kept to not kept, · nothing rated.",
            style="dim",
        )
    )


def _number(value: float | None) -> str | float:
    rounded_value = rounded(value)
    return "" if rounded_value is None else rounded_value


def print_agreement(out: Console, result: Agreement, meetings: Sequence[Meeting]) -> None:
    """The raters, the overall alpha, a table of pairs and the disagreements, each with
    its meeting (``meetings``: the store's, by date; its date, numbered where two share
    one, and the start of its title) so that one area name in two meetings is told apart."""
    out.print(literal("Raters: " + ", ".join(one_line(r) for r in result.raters)))
    alpha = _coefficient(result.alpha)
    out.print(
        f"Overall: Krippendorff's alpha (ordinal) {alpha} over {result.units} "
        "commitment(s) rated by two raters or more"
    )
    if result.unattributed:
        out.print(
            f"{result.unattributed} status change(s) record no author (made before "
            "coop-tui recorded one): left out"
        )
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, title="Pairs")
    table.add_column("raters", overflow="fold", ratio=1)
    for name in ("both rated", "agree", "Cohen's kappa", "Krippendorff's alpha"):
        table.add_column(name, justify="right", overflow="fold")
    for pair in result.pairs:
        agree = pair.percent_agreement
        table.add_row(
            literal(" & ".join(one_line(r) for r in pair.raters)),
            Text(str(pair.both_rated)),
            Text("—" if agree is None else f"{agree * 100:.0f} %"),
            Text(_coefficient(pair.cohen_kappa)),
            Text(_coefficient(pair.krippendorff_alpha)),
        )
    out.print(table)
    if not result.disagreements:
        out.print("No commitment rated differently (on the −1/0/+1 scale).")
        return
    table = Table(
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        title=f"Rated differently: {len(result.disagreements)} commitment(s)",
    )
    table.add_column("ID", no_wrap=True)
    table.add_column("meeting", overflow="fold", max_width=16)
    table.add_column("area", overflow="fold", max_width=20)
    table.add_column("commitment", overflow="fold", ratio=1)
    table.add_column("ratings", overflow="fold")
    shown = {m.id: (label, m) for label, m in zip(meeting_labels(meetings), meetings, strict=True)}
    for d in result.disagreements:
        ratings = Text()
        for k, (rater, status) in enumerate(d.ratings.items()):
            if k:
                ratings.append("\n")
            ratings.append_text(literal(f"{one_line(rater)}: {status.value}"))
        label, meeting = shown.get(d.meeting_id, (d.meeting_id[:ID_CHARS], None))
        where = Text(label, style="bold")
        if meeting is not None:
            where.append_text(literal("\n" + clip(meeting.title, MEETING_TITLE_CHARS), style="dim"))
        table.add_row(
            Text(d.id[:ID_CHARS]),
            where,
            literal(one_line(d.area)),
            literal(clip(d.text, TEXT_CHARS)),
            ratings,
        )
    out.print(table)


def _coefficient(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def csv_text(overview: Overview) -> str:
    """One row per meeting and area, then the meeting's total (empty ``area_id``, ``area``
    and ``row``); under a filter the meetings and areas with no commitment counted are
    left out (``shown``; the caller says how many); ``row`` is the name of the area's row
    across its series (its name in the latest meeting that has it); ``compliance`` and
    ``compliance_pct`` are empty when nothing is rated. Text cells are guarded against
    spreadsheet formulas."""
    from sharing.data_export import csv_cell

    overview = shown(overview).overview
    rows_of: dict[str, str] = {}
    for series in overview.series:
        for series_row in series.rows:
            for cell in series_row.cells.values():
                rows_of[cell.area.id] = series_row.name
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for meeting in overview.meetings:
        m = meeting.meeting
        head = [csv_cell(m.id), csv_cell(m.date or "")]
        for area in meeting.areas:
            names = [csv_cell(area.area.id), csv_cell(area.area.name)]
            row = csv_cell(rows_of.get(area.area.id, ""))
            writer.writerow([*head, *names, row, *_csv_figures(area.tally)])
        writer.writerow([*head, "", "", "", *_csv_figures(meeting.tally)])
    return buffer.getvalue()


def _csv_figures(t: Tally) -> list[object]:
    return [
        t.commitments,
        t.rated,
        *(t.by_status[s] for s in ORDER),
        _number(t.compliance),
        _number(t.compliance_pct),
    ]

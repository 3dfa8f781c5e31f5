"""The report's opening overview: the compliance matrix of each series, and charts.

``overview_of`` computes ``stats.compute`` over what the export selected (the same
meetings, and only the commitments the filters kept; excluded commitments are never in
a corrected meeting's areas), aligning each meeting's full areas so the rows do not
depend on the filters. ``overview_text`` writes it as Markdown: per series (the
meetings of the same parties) a table with one row per aligned area (its earlier names
shown), one column per meeting by date, a total row and a total column, each cell drawn
with ``stats.scale`` (``+0.50 · 2/4 ▲``: it reads without colour); the statuses per
meeting; and Mermaid charts (``xychart-beta``, ``pie``) that the forges and note apps
draw. Chart files written by ``sharing.report_charts`` are linked when given.

Every text from a document or a user goes through ``markdown_text.escape`` in the
tables and through ``mermaid_label`` in the charts. No Textual here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import stats
from parsers.model import Meeting
from parsers.normalise import clip, collapse_ws
from sharing import markdown_text
from sharing.selection import Selection
from stats.overview import MeetingFigures, Series
from stats.scale import STEPS, UNRATED, cell_label, percent_text
from stats.series import Aligner
from store.model import Ratings, Status, StatusChange, compliance_text

#: The statuses by score, best first, not rated last: the order the report's summary
#: lists a count of each in, and the charts' status bars stack from the top down (so
#: the colours of the two ends of the scale never touch). Counting is ``stats.Tally``'s.
BY_SCORE: tuple[Status, ...] = (
    Status.IMPLEMENTED,
    Status.PARTIAL,
    Status.IN_PROGRESS,
    Status.STALLED,
    Status.NOT_IMPLEMENTED,
    Status.NOT_RATED,
)
#: What a cell of an area not in that meeting shows.
ABSENT = "—"
#: Characters a Mermaid label keeps besides letters, digits and spaces; anything else
#: (quotes, backticks, brackets, ``#``, ``;``, ``%``, ``:``, ``<``, ``>``, ``|``…) could
#: end the label, start an entity or a comment, or be read as markup: it becomes a space.
_MERMAID_KEEP = frozenset(".,'/+_!?*@=-")
_DASHES = re.compile(r"-{2,}")
#: A label's longest length in a chart (the tables carry the full names).
LABEL_WIDTH = 40


@dataclass(frozen=True)
class ChartLink:
    """A chart file the report links to: where (relative to the report when it can be)
    and what it shows (the image's alt text, plain)."""

    href: str
    alt: str


#: ``(series index or None for the whole overview, kind)`` -> its chart file.
ChartLinks = Mapping[tuple[int | None, str], ChartLink]


# -- computing -----------------------------------------------------------------
def overview_of(sel: Selection, align: Aligner) -> stats.Overview:
    """The overview of the selected commitments of the selected meetings.

    A meeting whose commitments the filters narrowed is counted as a copy holding only
    the kept ones (and only the areas with some); the areas are aligned on the full
    meetings, so a filter never moves an area to another row. The status filter does not
    narrow it (``Selection.counted``): it counts every status of the commitments the
    other filters keep, or its compliance would only be that of the statuses asked for.
    """
    full: dict[str, Meeting] = {}
    counted: list[Meeting] = []
    histories: dict[str, list[StatusChange]] = {}
    narrows = bool(sel.filters.tags or sel.filters.only_annotated)  # statuses aside
    for view in sel.counted_meetings:
        meeting = view.meeting
        full[meeting.id] = meeting
        # an area with nothing the filters kept is left out (it would be an empty row)
        kept = [a for a in view.areas if a.items or not narrows]
        whole = len(kept) == len(meeting.areas) and all(
            len(a.items) == len(a.area.commitments) for a in kept
        )
        if not whole:
            meeting = meeting.copy()
            meeting.areas = [a.area.copy() for a in kept]
            for area, view_area in zip(meeting.areas, kept, strict=True):
                area.commitments = [item.commitment for item in view_area.items]
        counted.append(meeting)
        for item in view.items:
            if not item.is_bare and item.annotation.history:
                histories[item.commitment.id] = item.annotation.history

    def aligned(older: Meeting, newer: Meeting) -> list[tuple[str | None, str | None]]:
        return align(full[older.id], full[newer.id])

    return stats.compute(counted, Ratings(histories, {}), stats.Filters(), aligned)


# -- text ------------------------------------------------------------------------
def cell(tally: stats.Tally) -> str:
    """A matrix cell: ``+0.50 · 2/4 ▲`` (``not rated · 0/4 ·`` when nothing is rated)."""
    return cell_label(tally.compliance, tally.rated, tally.commitments)


def mermaid_label(text: str, width: int = LABEL_WIDTH) -> str:
    """``text`` as a Mermaid string's content: one line, only letters, digits, spaces and
    a few harmless marks (no quote, backtick, bracket, ``#``, ``;``, ``%``, ``-->``),
    clipped to ``width``; never empty."""
    chars = [
        c if c.isalnum() or c in _MERMAID_KEEP else " " for c in str(text).replace("&", " and ")
    ]
    line = collapse_ws(_DASHES.sub("-", "".join(chars)))
    return clip(line, width) or "unnamed"


def quoted(text: str, width: int = LABEL_WIDTH) -> str:
    return f'"{mermaid_label(text, width)}"'


def _table_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def column_labels(figures: Sequence[MeetingFigures]) -> list[str]:
    """A meeting's column heading: its date (``undated``), numbered where two share one."""
    return meeting_labels([f.meeting for f in figures])


def meeting_labels(meetings: Sequence[Meeting]) -> list[str]:
    """Each meeting's date (``undated``), numbered in the order given where two share one
    (``2025-05-01 (1)``, ``2025-05-01 (2)``): the report's, the charts' and the command
    line's headings of the same meetings agree."""
    dates = [m.date or "undated" for m in meetings]
    out = []
    for k, date in enumerate(dates):
        same = [j for j, d in enumerate(dates) if d == date]
        out.append(date if len(same) == 1 else f"{date} ({same.index(k) + 1})")
    return out


def _area_name(names: list[str]) -> str:
    """The latest name, escaped, with the earlier ones: ``Finance (earlier: Economy)``."""
    escaped = markdown_text.escape_all(names)
    latest = escaped[-1] or "(untitled)"
    if len(escaped) == 1:
        return latest
    return f"{latest} (earlier: {'; '.join(e or '(untitled)' for e in escaped[:-1])})"


def _matrix(series: Series, labels: list[str]) -> list[str]:
    ids = [f.meeting.id for f in series.meetings]
    out = [
        _table_row(["Area", *markdown_text.escape_all(labels), "All meetings"]),
        _table_row(["---"] * (len(ids) + 2)),
    ]
    for row in series.rows:
        cells = [cell(row.cells[i].tally) if i in row.cells else ABSENT for i in ids]
        out.append(_table_row([_area_name(row.names), *cells, cell(row.total)]))
    totals = [cell(f.tally) for f in series.meetings]
    out.append(_table_row(["**All areas**", *totals, cell(series.total)]))
    pcts = [percent_text(f.tally.compliance_pct) for f in series.meetings]
    out.append(_table_row(["**Percentage**", *pcts, percent_text(series.total.compliance_pct)]))
    return out


def _status_table(figures: Sequence[MeetingFigures], labels: list[str]) -> list[str]:
    heads = ["Meeting", *(s.label for s in stats.ORDER), "Commitments", "Compliance", "%"]
    out = [_table_row(heads), _table_row(["---"] * len(heads))]
    for fig, label in zip(figures, labels, strict=True):
        t = fig.tally
        counts = [str(t.by_status[s]) for s in stats.ORDER]
        figures_ = [
            str(t.commitments),
            compliance_text(t.compliance),
            percent_text(t.compliance_pct),
        ]
        out.append(_table_row([markdown_text.escape(label), *counts, *figures_]))
    return out


def _meeting_list(figures: Sequence[MeetingFigures], labels: list[str]) -> list[str]:
    out = []
    for fig, label in zip(figures, labels, strict=True):
        m = fig.meeting
        title = markdown_text.escape(m.title) or "(untitled)"
        out.append(f"- {markdown_text.escape(label)}: {title} (meeting {m.id})")
    return out


def _fenced_mermaid(lines: list[str]) -> list[str]:
    # no label holds a backtick (mermaid_label), so three always close the block
    return ["```mermaid", *lines, "```"]


def _percent_value(pct: float) -> str:
    return f"{pct:.1f}"


def _compliance_chart(series: Series, labels: list[str]) -> list[str]:
    """Bars of each rated meeting's compliance as a percentage (none if none is rated)."""
    rated = [
        (label, f.tally.compliance_pct)
        for label, f in zip(labels, series.meetings, strict=True)
        if f.tally.compliance_pct is not None
    ]
    if not rated:
        return []
    axis = ", ".join(quoted(label, 24) for label, _ in rated)
    bars = ", ".join(_percent_value(pct) for _, pct in rated if pct is not None)
    return _fenced_mermaid(
        [
            "xychart-beta",
            f"    title {quoted('Compliance per meeting, ' + series.label, 60)}",
            f"    x-axis [{axis}]",
            '    y-axis "Compliance (percent)" 0 --> 100',
            f"    bar [{bars}]",
        ]
    )


def _status_pie(series: Series) -> list[str]:
    total = series.total
    slices = [(s.label, total.by_status[s]) for s in stats.ORDER if total.by_status[s]]
    if not slices:
        return []
    lines = ["pie showData", f"    title Statuses, {mermaid_label(series.label)}"]
    lines += [f"    {quoted(label)} : {n}" for label, n in slices]
    return _fenced_mermaid(lines)


def _trend_chart(trend: list[stats.overview.Month]) -> list[str]:
    points = [(m.month, m.standing.compliance_pct) for m in trend]
    shown = [(month, pct) for month, pct in points if pct is not None]
    if not shown:
        return []
    axis = ", ".join(quoted(month) for month, _ in shown)
    line = ", ".join(_percent_value(pct) for _, pct in shown if pct is not None)
    return _fenced_mermaid(
        [
            "xychart-beta",
            '    title "Standing compliance at the end of each month"',
            f"    x-axis [{axis}]",
            '    y-axis "Compliance (percent)" 0 --> 100',
            f"    line [{line}]",
        ]
    )


def _image(links: ChartLinks | None, key: tuple[int | None, str]) -> list[str]:
    link = links.get(key) if links else None
    if link is None:
        return []
    return [f"![{markdown_text.escape(link.alt)}]({link.href})", ""]


def _legend() -> str:
    steps = []
    bounds = [s.low for s in STEPS[1:]] + [1.0]
    for s, high in zip(STEPS, bounds, strict=True):
        steps.append(f"{s.symbol} {s.name} ({compliance_text(s.low)} to {compliance_text(high)})")
    return (
        "Compliance is the mean score of the rated commitments (+1 implemented, 0 partial or "
        "in progress, −1 stalled or not implemented), from −1 to +1; the percentage is "
        "(score + 1) / 2 × 100, as in the G20 Research Group's compliance reports. A cell "
        "reads `+0.50 · 2/4 ▲`: the mean, how many of the area's commitments are rated of "
        f"how many, and its step: {'; '.join(steps)}; {UNRATED.symbol} {UNRATED.name}. "
        f"{ABSENT} marks an area not in that meeting. Areas are aligned across the meetings "
        "of the same parties as the year diff aligns them; a renamed area keeps its row "
        "and shows its earlier names."
    )


def series_text(series: Series, index: int, links: ChartLinks | None = None) -> str:
    labels = column_labels(series.meetings)
    n = len(series.meetings)
    out = [markdown_text.heading(3, series.label), ""]
    out += [
        f"{n} meeting{'' if n == 1 else 's'}, by date:",
        "",
        *_meeting_list(series.meetings, labels),
        "",
    ]
    out += ["Compliance per area and meeting:", "", *_matrix(series, labels), ""]
    out += _image(links, (index, "matrix"))
    out += ["Statuses per meeting:", "", *_status_table(series.meetings, labels), ""]
    for chart in (_compliance_chart(series, labels), _status_pie(series)):
        if chart:
            out += [*chart, ""]
    out += _image(links, (index, "statuses"))
    return "\n".join(out) + "\n"


#: Said under the overview's heading when the export is filtered by status.
EVERY_STATUS = (
    "The overview counts every status of the commitments selected: the status filter "
    "chooses only the commitments listed below (the compliance of the statuses asked for "
    "alone would say nothing)."
)


def overview_text(
    overview: stats.Overview, links: ChartLinks | None = None, *, every_status: bool = False
) -> str:
    """The ``## Overview`` section ("" when no meeting is selected); ``every_status``: the
    export is filtered by status, which the overview does not follow (said so)."""
    if not overview.meetings:
        return ""
    out = ["## Overview", "", *([EVERY_STATUS, ""] if every_status else []), _legend(), ""]
    text = "\n".join(out) + "\n"
    text += "".join(series_text(s, k, links) for k, s in enumerate(overview.series))
    trend = _trend_chart(overview.trend)
    if trend or (links and (None, "trend") in links):
        more = ["### Trend", "", "Where the counted commitments stood at the end of each month "
                "(from their status histories):", "", *trend, ""]  # fmt: skip
        more += _image(links, (None, "trend"))
        text += "\n".join(more) + "\n"
    return text

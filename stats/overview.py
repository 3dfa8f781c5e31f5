"""The compliance overview: per meeting, per area, and per area across a series.

``compute`` counts every commitment of the chosen meetings (excluded ones are not in a
corrected meeting's areas, so they never count) with the status the filters give it
(:mod:`stats.ratings`), and lays each series of meetings out as the G20 compliance
tables do: one row per area aligned across meetings (:mod:`stats.series`), one column
per meeting, a total per meeting and per area.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter
from typing import Any

from parsers import Area, Meeting
from parsers.naming import parties_text
from stats.alignment import digest_parts
from stats.ratings import Filters, chosen, counted
from stats.series import Aligner, area_rows, series_key
from stats.tally import CODE, ORDER, Tally, rounded
from stats.trend import Month, Trend
from store.collector import collections_paused
from store.model import Ratings, Status


@dataclass(slots=True)
class AreaFigures:
    area: Area
    tally: Tally
    #: the counted commitments' status codes (``stats.tally.CODE``), and their IDs
    #: (None: every commitment of the area counts, in its order)
    codes: list[int] = field(default_factory=list)
    counted_ids: list[str] | None = None

    @property
    def ids(self) -> list[str]:
        """The counted commitments' IDs, in the area's order."""
        if self.counted_ids is None:
            return [c.id for c in self.area.commitments]
        return self.counted_ids

    @property
    def statuses(self) -> list[tuple[str, Status]]:
        """The counted commitments' IDs and statuses, in the area's order (a cell's list)."""
        return [(i, ORDER[c]) for i, c in zip(self.ids, self.codes, strict=True)]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.area.id, "name": self.area.name, **self.tally.to_json()}


@dataclass(slots=True)
class MeetingFigures:
    meeting: Meeting
    tally: Tally
    areas: list[AreaFigures]
    complete: bool = False  # every commitment counted: each area's ``ids`` are all of it
    #: the meeting's digest (``stats.alignment.digest``), made with the figures when
    #: every commitment is counted
    digest: str | None = None

    def to_json(self) -> dict[str, Any]:
        m = self.meeting
        return {
            "id": m.id,
            "date": m.date,
            "title": m.title,
            "parties": list(m.parties),
            **self.tally.to_json(),
            "areas": [a.to_json() for a in self.areas],
        }


@dataclass
class SeriesRow:
    """An area across the series: its figures in each meeting that has it, and in all."""

    name: str
    names: list[str]
    cells: dict[str, AreaFigures]  # meeting ID -> the area's figures there
    total: Tally

    def to_json(self) -> dict[str, Any]:
        cells = {}
        for meeting_id, fig in self.cells.items():
            t = fig.tally
            cells[meeting_id] = {
                "area_id": fig.area.id,
                "name": fig.area.name,
                "commitments": t.commitments,
                "rated": t.rated,
                "compliance": rounded(t.compliance),
                "compliance_pct": rounded(t.compliance_pct),
            }
        return {"name": self.name, "names": self.names, **_short(self.total), "cells": cells}


@dataclass
class Series:
    """The meetings between the same parties, by date, and their areas as rows."""

    parties: list[str]
    meetings: list[MeetingFigures]
    rows: list[SeriesRow]

    @property
    def label(self) -> str:
        return parties_text(self.meetings[0].meeting)

    @property
    def total(self) -> Tally:
        return summed(self.meetings)

    def to_json(self) -> dict[str, Any]:
        return {
            "parties": self.parties,
            "meetings": [f.meeting.id for f in self.meetings],
            **_short(self.total),
            "rows": [r.to_json() for r in self.rows],
        }


def summed(figures: Sequence[MeetingFigures]) -> Tally:
    """The meetings' tallies added up (a total, as the G20 tables give it)."""
    out = Tally()
    for fig in figures:
        out.absorb(fig.tally)
    return out


def _short(t: Tally) -> dict[str, Any]:
    return {
        "commitments": t.commitments,
        "rated": t.rated,
        "compliance": rounded(t.compliance),
        "compliance_pct": rounded(t.compliance_pct),
    }


@dataclass
class Overview:
    filters: Filters
    meetings: list[MeetingFigures]
    series: list[Series]
    trend: list[Month]
    #: False when computed without aligning areas (``compute(align=None)``): each
    #: series' ``rows`` is empty, the rest is complete
    aligned: bool = True

    @property
    def total(self) -> Tally:
        return summed(self.meetings)

    def to_json(self) -> dict[str, Any]:
        return {
            "filters": self.filters.to_json(),
            "total": self.total.to_json(),
            "meetings": [m.to_json() for m in self.meetings],
            "series": [s.to_json() for s in self.series],
            "trend": [m.to_json() for m in self.trend],
        }


def meeting_figures(
    meeting: Meeting, ratings: Ratings, filters: Filters, latest: dict[str, int] | None = None
) -> MeetingFigures:
    """The meeting's figures; ``latest`` (``latest_codes``) makes the common case, no
    filter, fast."""
    every: list[int] = []  # the codes of all the meeting's counted commitments
    areas: list[AreaFigures] = []
    parts: list[str] = []  # what the meeting's digest is made of (``digest_parts``)
    if latest is None and not filters.active:
        latest = latest_codes(ratings)
    for area in meeting.areas:
        if latest is not None and not filters.active:
            ids = list(map(_ID, area.commitments))
            codes = list(map(latest.get, ids, _ZEROS))
            # while the IDs are at hand (read again later, from all over memory, the
            # digests took a tenth of the overview's time)
            parts += ("\x1d", area.id, area.name)
            parts += ids
        else:
            ids, codes = [], []
            for c in area.commitments:
                status = counted(meeting, area, c, ratings, filters)
                if status is not None:
                    ids.append(c.id)
                    codes.append(CODE[status])
        every += codes
        areas.append(AreaFigures(area, Tally(list(map(codes.count, _CODES))), codes, ids))
    total = Tally(list(map(every.count, _CODES)))
    digest = digest_parts(parts) if latest is not None and not filters.active else None
    return MeetingFigures(meeting, total, areas, complete=not filters.active, digest=digest)


_ID = attrgetter("id")
_ZEROS = repeat(0)  # "not rated", for each commitment without a history
_CODES = range(len(ORDER))


def latest_codes(ratings: Ratings) -> dict[str, int]:
    """Each rated target's latest status, as its code."""
    return {t: CODE[h[-1].status] for t, h in ratings.histories.items() if h}


def compute(
    meetings: Sequence[Meeting],
    ratings: Ratings,
    filters: Filters,
    align: Aligner | None,
    *,
    step: Callable[[], None] | None = None,
    keep: bool = False,
) -> Overview:
    """The overview of ``meetings`` under ``filters``; ``step`` is called between
    meetings and between aligned pairs (a caller can give way or stop there). With
    ``align`` None the areas are not aligned across meetings (fast: a screen can show
    the rest at once and the rows once aligned). ``keep``: the caller is a command that
    holds the overview until it exits (``store.collector.collections_paused(keep_made)``)."""
    # the figures make hundreds of thousands of small objects that all live until
    # returned: a collection half-way only walks them (a third of the time at 100,000)
    with collections_paused(keep_made=keep):
        return _compute(meetings, ratings, filters, align, step)


def _compute(
    meetings: Sequence[Meeting],
    ratings: Ratings,
    filters: Filters,
    align: Aligner | None,
    step: Callable[[], None] | None,
) -> Overview:
    figures: list[MeetingFigures] = []
    latest = None if filters.active else latest_codes(ratings)
    for meeting in chosen(meetings, filters):
        figures.append(meeting_figures(meeting, ratings, filters, latest))
        if step is not None:
            step()
    groups: dict[frozenset[str], list[MeetingFigures]] = {}
    for fig in figures:
        groups.setdefault(series_key(fig.meeting), []).append(fig)
    series = [_series(group, align, step) for group in groups.values()]
    trend = Trend.of(figures, ratings, filters).months()
    return Overview(filters, figures, series, trend, aligned=align is not None)


def _series(
    group: list[MeetingFigures], align: Aligner | None, step: Callable[[], None] | None
) -> Series:
    if align is None:
        return Series(list(group[0].meeting.parties), group, [])
    by_area = {a.area.id: a for fig in group for a in fig.areas}
    know = getattr(align, "know", None)  # an AreaAligner: the digests the figures made
    if know is not None:
        for fig in group:
            if fig.digest is not None:
                know(fig.meeting, fig.digest)

    def aligned(older: Meeting, newer: Meeting) -> list[tuple[str | None, str | None]]:
        pairs = align(older, newer)
        if step is not None:
            step()
        return pairs

    rows = []
    for row in area_rows([f.meeting for f in group], aligned):
        cells = {meeting_id: by_area[area.id] for meeting_id, area in row.areas.items()}
        total = Tally([sum(n) for n in zip(*(c.tally.counts for c in cells.values()), strict=True)])
        rows.append(SeriesRow(row.name, row.names, cells, total))
    return Series(list(group[0].meeting.parties), group, rows)

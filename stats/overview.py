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

import numpy as np

from parsers import Area, Meeting
from parsers.naming import parties_text
from stats.alignment import digest_parts
from stats.ratings import Filters, chosen, counted
from stats.series import Aligner, area_rows, series_key
from stats.tally import CODE, ORDER, Tally, rounded
from stats.trend import CODE_OF_VALUE, Month, Trend, scan
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


def meeting_figures(meeting: Meeting, ratings: Ratings, filters: Filters) -> MeetingFigures:
    """The meeting's figures under ``filters`` (with none, :func:`every_figures` makes
    the same figures faster)."""
    every: list[int] = []  # the codes of all the meeting's counted commitments
    areas: list[AreaFigures] = []
    for area in meeting.areas:
        ids, codes = [], []
        for c in area.commitments:
            status = counted(meeting, area, c, ratings, filters)
            if status is not None:
                ids.append(c.id)
                codes.append(CODE[status])
        every += codes
        areas.append(AreaFigures(area, Tally(list(map(codes.count, _CODES))), codes, ids))
    total = Tally(list(map(every.count, _CODES)))
    return MeetingFigures(meeting, total, areas, complete=not filters.active)


_ID = attrgetter("id")
_ZEROS = repeat(0)  # "not rated", for each commitment without a history
_CODES = range(len(ORDER))


def latest_codes(ratings: Ratings) -> dict[str, int]:
    """Each target's latest status, as its code (``stats.trend.scan`` gives it too)."""
    # by the status's value: an Enum member's hash is worked out in Python, a string's kept
    return {t: CODE_OF_VALUE[h[-1].status._value_] for t, h in ratings.histories.items() if h}


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
    if filters.active:
        figures: list[MeetingFigures] = []
        for meeting in chosen(meetings, filters):
            figures.append(meeting_figures(meeting, ratings, filters))
            if step is not None:
                step()
        trend = Trend.of(figures, ratings, filters)
    elif 2 * len(picked := chosen(meetings, filters)) < len(meetings):
        # a few meetings (the app's series): their histories looked up, not all read
        figures = every_figures(picked, latest_codes(ratings), step)
        trend = Trend.of(figures, ratings, filters)
    else:
        scanned = scan(ratings.histories)
        figures = every_figures(picked, scanned.latest, step)
        trend = Trend.unfiltered(figures, ratings, scanned)
    groups: dict[frozenset[str], list[MeetingFigures]] = {}
    for fig in figures:
        groups.setdefault(series_key(fig.meeting), []).append(fig)
    series = [_series(group, align, step) for group in groups.values()]
    return Overview(filters, figures, series, trend.months(), aligned=align is not None)


def every_figures(
    meetings: Sequence[Meeting],
    latest: dict[str, int],
    step: Callable[[], None] | None = None,
) -> list[MeetingFigures]:
    """The figures of ``meetings`` with every commitment counted at its latest status
    (``stats.trend.scan``), as :func:`meeting_figures` makes them with no filter. Each
    meeting's commitment IDs are read once, for its digest and their codes while they
    are at hand (each pass over 100,000 objects scattered in memory costs its time in
    cache misses), the counts of all the areas made at once (numpy), then put in the
    figures."""
    ids: list[str] = []
    codes: list[int] = []
    out: list[MeetingFigures] = []
    areas_all: list[AreaFigures] = []
    sizes: list[int] = []  # commitments per area, areas of all the meetings in order
    for meeting in meetings:
        first = len(ids)
        areas: list[AreaFigures] = []
        parts: list[str] = []  # what the meeting's digest is made of (``digest_parts``)
        for area in meeting.areas:
            start = len(ids)
            ids += map(_ID, area.commitments)
            area_ids = ids[start:]
            fig = AreaFigures(area, _PENDING, [], area_ids)  # the codes and counts below
            areas.append(fig)
            parts += ("\x1d", area.id, area.name)
            parts += area_ids
            sizes.append(len(area_ids))
        codes += map(latest.get, ids[first:], _ZEROS)
        areas_all += areas
        out.append(MeetingFigures(meeting, _PENDING, areas, True, digest_parts(parts)))
        if step is not None:
            step()
    width = len(ORDER)
    where = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes) * width
    where += np.array(codes, dtype=np.int64)
    counts = np.bincount(where, minlength=len(sizes) * width).reshape(len(sizes), width)
    start = 0
    for fig, size, area_counts in zip(areas_all, sizes, counts.tolist(), strict=True):
        fig.tally = Tally(area_counts)
        fig.codes = codes[start : start + size]
        start += size
    # each meeting's totals: sums of its areas' counts, from the running sums
    running = np.zeros((len(sizes) + 1, width), dtype=np.int64)
    np.cumsum(counts, axis=0, out=running[1:])
    k = 0
    for meeting_figs in out:
        first, k = k, k + len(meeting_figs.areas)
        meeting_figs.tally = Tally((running[k] - running[first]).tolist())
    return out


#: a tally :func:`every_figures` replaces once counted
_PENDING = Tally()


def _series(
    group: list[MeetingFigures],
    align: Aligner | None,
    step: Callable[[], None] | None,
) -> Series:
    if align is None:
        return Series(list(group[0].meeting.parties), group, [])
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
    for row in area_rows([f.meeting for f in group], aligned, [f.areas for f in group]):
        cells: dict[str, AreaFigures] = row.cells
        total = Tally(list(map(sum, zip(*[c.tally.counts for c in cells.values()], strict=True))))
        rows.append(SeriesRow(row.name, row.names, cells, total))
    return Series(list(group[0].meeting.parties), group, rows)

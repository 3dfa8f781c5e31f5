"""Rows of areas across a series of meetings: "Finance" 2023 and "Finance" 2025 on one row.

Each meeting of a series (the meetings between the same parties, by date) is aligned
with the one before it by the year diff's area alignment (``compare.align_areas``: name
and content, so a renamed area continues its row). An area with no predecessor in the
meeting before joins the row of an area of the same name that skipped a meeting (the
alignment only compares neighbours); otherwise it starts a row of its own. Rows come in
the order their areas first appear.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from compare.lineage import date_order
from parsers import Area, Meeting
from parsers.model import id_key
from parsers.naming import party_key

#: What makes two area names one (``parsers.model.id_key``), kept for the names seen:
#: they repeat from meeting to meeting and from run to run.
name_key = functools.lru_cache(maxsize=8192)(id_key)

#: ``(older, newer) -> [(older area ID or None, newer area ID or None), …]``
Aligner = Callable[[Meeting, Meeting], list[tuple[str | None, str | None]]]


@dataclass(eq=False)  # rows are compared by identity
class Row:
    """One area followed across the series: its area in each meeting that has it."""

    areas: dict[str, Area] = field(default_factory=dict)  # meeting ID -> area
    order: list[str] = field(default_factory=list)  # meeting IDs, in series order
    #: meeting ID -> what the caller gave with the area (``area_rows``' ``cells``)
    cells: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The name the area has in the latest meeting that has it."""
        return self.areas[self.order[-1]].name

    @property
    def names(self) -> list[str]:
        """Every name the area has had, each once where it was last used, oldest first:
        the last is :attr:`name` (Finance → Economy → Finance gives Economy, Finance).
        Names differing only in case, spacing or punctuation are one name (its latest
        spelling): "Innovation and Technology" then "Innovation and technology" is not
        a rename."""
        out: list[str] = []
        seen: set[str] = set()
        for meeting_id in reversed(self.order):
            name = self.areas[meeting_id].name
            key = name_key(name)
            if key not in seen:
                seen.add(key)
                out.append(name)
        return out[::-1]

    @property
    def former(self) -> list[str]:
        """The names it had before its present one, oldest first."""
        return self.names[:-1]

    def put(self, meeting_id: str, area: Area, cell: Any = None) -> None:
        self.areas[meeting_id] = area
        self.order.append(meeting_id)
        if cell is not None:
            self.cells[meeting_id] = cell


def area_rows(
    series: Sequence[Meeting], align: Aligner, cells: Sequence[Sequence[Any]] | None = None
) -> list[Row]:
    """The rows of ``series`` (meetings of the same parties, in date order). ``cells``:
    for each meeting, something for each of its areas, in order (their figures), that
    each row keeps by meeting ID in ``Row.cells``."""
    rows: list[Row] = []
    row_of: dict[str, Row] = {}  # area ID -> its row
    named: dict[str, list[Row]] = {}  # id_key of a name an area of the row had -> rows
    for k, meeting in enumerate(series):
        mid = meeting.id
        continued: dict[str, Row] = {}  # this meeting's areas the alignment continues
        if k:
            for old, new in align(series[k - 1], meeting):
                row = row_of.get(old) if old is not None else None
                if new is not None and row is not None:
                    continued[new] = row
        before = series[k - 1].id if k else None
        placed: dict[str, Row] = {}
        given = cells[k] if cells is not None else [None] * len(meeting.areas)
        if continued:
            for area, cell in zip(meeting.areas, given, strict=True):  # the continued first
                row = continued.get(area.id)
                if row is not None and mid not in row.areas:
                    row.put(mid, area, cell)
                    placed[area.id] = row
        for area, cell in zip(meeting.areas, given, strict=True):
            area_id = area.id
            key = name_key(area.name)
            row = placed.get(area_id)
            same_name = named.get(key)
            if row is None:
                # a row of this name that skipped the meeting before, or a new row
                for candidate in same_name or ():
                    if mid not in candidate.areas and candidate.order[-1] != before:
                        row = candidate
                        break
                else:
                    row = Row()
                    rows.append(row)
                row.put(mid, area, cell)
            row_of[area_id] = row
            if same_name is None:
                named[key] = [row]
            elif row not in same_name:
                same_name.append(row)
    return rows


def series_key(meeting: Meeting) -> frozenset[str]:
    """Which series a meeting is in: its parties (``parsers.naming.party_key``); a
    meeting whose parties were not found is a series of its own (two such meetings are
    not known to be of one partnership)."""
    key = party_key(meeting)
    return key if key else frozenset({"\x00" + meeting.id})


def align_neighbours(meetings: Sequence[Meeting], align: Aligner) -> int:
    """Align every meeting with the one before it in its series (the pairs the overview
    of all of ``meetings`` uses): what warms ``stats.AreaAligner`` before a caller that
    must not wait on it, such as an export holding the session's write lock. The number
    of pairs."""
    series: dict[frozenset[str], list[Meeting]] = {}
    for meeting in date_order(meetings):
        series.setdefault(series_key(meeting), []).append(meeting)
    pairs = 0
    for group in series.values():
        for older, newer in pairwise(group):
            align(older, newer)
            pairs += 1
    return pairs

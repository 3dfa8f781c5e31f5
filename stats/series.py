"""Rows of areas across a series of meetings: "Finance" 2023 and "Finance" 2025 on one row.

Each meeting of a series (the meetings between the same parties, by date) is aligned
with the one before it by the year diff's area alignment (``compare.align_areas``: name
and content, so a renamed area continues its row). An area with no predecessor in the
meeting before joins the row of an area of the same name that skipped a meeting (the
alignment only compares neighbours); otherwise it starts a row of its own. Rows come in
the order their areas first appear.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from parsers import Area, Meeting
from parsers.model import id_key
from parsers.naming import party_key

#: ``(older, newer) -> [(older area ID or None, newer area ID or None), …]``
Aligner = Callable[[Meeting, Meeting], list[tuple[str | None, str | None]]]


@dataclass(eq=False)  # rows are compared by identity
class Row:
    """One area followed across the series: its area in each meeting that has it."""

    areas: dict[str, Area] = field(default_factory=dict)  # meeting ID -> area
    order: list[str] = field(default_factory=list)  # meeting IDs, in series order

    @property
    def name(self) -> str:
        """The name the area has in the latest meeting that has it."""
        return self.areas[self.order[-1]].name

    @property
    def names(self) -> list[str]:
        """Every name the area has had, oldest first, each once."""
        out: list[str] = []
        for meeting_id in self.order:
            name = self.areas[meeting_id].name
            if name not in out:
                out.append(name)
        return out

    def put(self, meeting_id: str, area: Area) -> None:
        self.areas[meeting_id] = area
        self.order.append(meeting_id)


def area_rows(series: Sequence[Meeting], align: Aligner) -> list[Row]:
    """The rows of ``series`` (meetings of the same parties, in date order)."""
    rows: list[Row] = []
    keys: dict[str, str] = {}  # a name -> its id_key (names repeat from meeting to meeting)
    row_of: dict[str, Row] = {}  # area ID -> its row
    named: dict[str, list[Row]] = {}  # id_key of a name an area of the row had -> rows
    for k, meeting in enumerate(series):
        if k:
            for old, new in align(series[k - 1], meeting):
                if old is not None and new is not None and old in row_of:
                    row_of.setdefault(new, row_of[old])
        for area in meeting.areas:
            key = keys.get(area.name) or keys.setdefault(area.name, id_key(area.name))
            row = row_of.get(area.id)
            if row is None or meeting.id in row.areas:
                # an earlier area of this name, absent from this meeting, or a new row
                row = next((r for r in named.get(key, ()) if meeting.id not in r.areas), None)
            if row is None:
                row = Row()
                rows.append(row)
            row.put(meeting.id, area)
            row_of[area.id] = row
            if row not in named.setdefault(key, []):
                named[key].append(row)
    return rows


def align_neighbours(meetings: Sequence[Meeting], align: Aligner) -> int:
    """Align every meeting with the one before it in its series (the pairs the overview
    of all of ``meetings`` uses): what warms ``stats.AreaAligner`` before a caller that
    must not wait on it, such as an export holding the session's write lock. The number
    of pairs."""
    series: dict[frozenset[str], list[Meeting]] = {}
    for meeting in sorted(meetings, key=lambda m: (m.date is None, m.date or "")):
        series.setdefault(party_key(meeting), []).append(meeting)
    pairs = 0
    for group in series.values():
        for older, newer in pairwise(group):
            align(older, newer)
            pairs += 1
    return pairs

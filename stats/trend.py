"""How the ratings moved month by month, from the status histories.

For each month from the first status change counted to the last (months with no
change included, so a chart's gaps are real): how many changes set each status in
that month (``set``), and where the counted commitments stood at the month's end
(``standing``, with the mean compliance then). The filters apply as everywhere: the
commitments counted, a rater's changes only, nothing after the as-of day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stats.ratings import Filters, in_time
from stats.tally import Tally
from store.model import Ratings, Status

if TYPE_CHECKING:
    from stats.overview import MeetingFigures


@dataclass
class Month:
    month: str  # YYYY-MM
    set: Tally = field(default_factory=Tally)
    standing: Tally = field(default_factory=Tally)

    def to_json(self) -> dict[str, Any]:
        standing = self.standing.to_json()
        return {
            "month": self.month,
            "set": {s.value: n for s, n in self.set.by_status.items()},
            "standing": standing["by_status"],
            "compliance": standing["compliance"],
            "compliance_pct": standing["compliance_pct"],
        }


@dataclass
class Trend:
    """The counted commitments' changes, as (month, commitment, status) in time order."""

    units: int
    changes: list[tuple[str, str, str, Status]]  # (at, month, commitment ID, status)

    @classmethod
    def of(cls, figures: Sequence[MeetingFigures], ratings: Ratings, filters: Filters) -> Trend:
        changes: list[tuple[str, str, str, Status]] = []
        units = 0
        for fig in figures:
            for area in fig.areas:
                units += len(area.statuses)
                for commitment_id, _status in area.statuses:
                    for change in ratings.histories.get(commitment_id, ()):
                        if not in_time(change, filters.as_of):
                            continue
                        if filters.author is not None and change.by != filters.author:
                            continue
                        changes.append((change.at, change.at[:7], commitment_id, change.status))
        changes.sort(key=lambda c: c[0])
        return cls(units, changes)

    def months(self) -> list[Month]:
        if not self.changes:
            return []
        out: list[Month] = []
        current: dict[str, Status] = {}
        running = Tally()
        running.add(Status.NOT_RATED, self.units)
        by_month: dict[str, list[tuple[str, Status]]] = {}
        for _at, month, commitment_id, status in self.changes:
            by_month.setdefault(month, []).append((commitment_id, status))
        for month in _months(self.changes[0][1], self.changes[-1][1]):
            entry = Month(month)
            for commitment_id, status in by_month.get(month, ()):
                entry.set.add(status)
                running.add(current.get(commitment_id, Status.NOT_RATED), -1)
                running.add(status)
                current[commitment_id] = status
            entry.standing.absorb(running)
            out.append(entry)
        return out


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out

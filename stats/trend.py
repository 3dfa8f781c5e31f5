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
from stats.tally import CODE, ORDER, Tally
from store.model import Ratings

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
            "set": self.set.to_json()["by_status"],
            "standing": standing["by_status"],
            "compliance": standing["compliance"],
            "compliance_pct": standing["compliance_pct"],
        }


@dataclass
class Trend:
    """Per month, the changes made (``made[month][code]``) and how the standing moved
    (``moved[month][code]``: commitments that came into a status minus those that left)."""

    units: int
    made: dict[str, list[int]]
    moved: dict[str, list[int]]

    @classmethod
    def of(cls, figures: Sequence[MeetingFigures], ratings: Ratings, filters: Filters) -> Trend:
        ids = {cid for fig in figures for area in fig.areas for cid in area.ids}
        author, as_of = filters.author, filters.as_of
        if author is None and as_of is None:  # every change counts: the common case, fast
            return cls._unfiltered(ids, ratings)
        made: dict[str, list[int]] = {}
        moved: dict[str, list[int]] = {}
        width = len(ORDER)
        for target, history in ratings.histories.items():
            if target not in ids:
                continue
            before = 0  # not rated; a history is in time order
            for change in history:
                if (author is not None and change.by != author) or not in_time(change, as_of):
                    continue
                month, code = change.at[:7], CODE[change.status]
                if month not in made:
                    made[month], moved[month] = [0] * width, [0] * width
                made[month][code] += 1
                moved[month][before] -= 1
                moved[month][code] += 1
                before = code
        return cls(len(ids), made, moved)

    @classmethod
    def _unfiltered(cls, ids: set[str], ratings: Ratings) -> Trend:
        made: dict[str, list[int]] = {}
        moved: dict[str, list[int]] = {}
        width = len(ORDER)
        for target in ids & ratings.histories.keys():
            before = 0
            for change in ratings.histories[target]:
                month, code = change.at[:7], CODE[change.status]
                if month not in made:
                    made[month], moved[month] = [0] * width, [0] * width
                made[month][code] += 1
                moved[month][before] -= 1
                moved[month][code] += 1
                before = code
        return cls(len(ids), made, moved)

    def months(self) -> list[Month]:
        if not self.made:
            return []
        out: list[Month] = []
        running = [0] * len(ORDER)
        running[0] = self.units  # ORDER[0]: not rated
        zero = [0] * len(ORDER)
        for month in _months(min(self.made), max(self.made)):
            running = [a + b for a, b in zip(running, self.moved.get(month, zero), strict=True)]
            out.append(Month(month, Tally(list(self.made.get(month, zero))), Tally(running)))
        return out


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out

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
    """Per month, the changes made (``made[month][code]``), how the standing moved
    (``moved[month][code]``: commitments that came into a status minus those that left),
    and the commitments of the meetings held that month (``held[month]``: they count,
    not rated, from then on; "" for those held before the first month or undated)."""

    made: dict[str, list[int]]
    moved: dict[str, list[int]]
    held: dict[str, int]

    @classmethod
    def of(cls, figures: Sequence[MeetingFigures], ratings: Ratings, filters: Filters) -> Trend:
        where: dict[str, int] = {}  # counted commitment -> its meeting's index
        for k, fig in enumerate(figures):
            for area in fig.areas:
                where.update(dict.fromkeys(area.ids, k))
        author, as_of = filters.author, filters.as_of
        every = author is None and as_of is None  # the common case, kept fast
        made: dict[str, list[int]] = {}
        moved: dict[str, list[int]] = {}
        # a meeting counts from the month it was held, or of its first change if earlier
        held_in = [(f.meeting.date or "")[:7] for f in figures]
        width = len(ORDER)
        for target in where.keys() & ratings.histories.keys():
            before = 0  # not rated; a history is in time order
            first = None
            for change in ratings.histories[target]:
                if not every and (
                    (author is not None and change.by != author) or not in_time(change, as_of)
                ):
                    continue
                month, code = change.at[:7], CODE[change.status]
                if month not in made:
                    made[month], moved[month] = [0] * width, [0] * width
                made[month][code] += 1
                moved[month][before] -= 1
                moved[month][code] += 1
                before = code
                first = first or month
            k = where[target]
            if first is not None and first < held_in[k]:
                held_in[k] = first
        held: dict[str, int] = {}
        for fig, month in zip(figures, held_in, strict=True):
            n = sum(len(area.codes) for area in fig.areas)
            start = month if made and month > min(made) else ""
            held[start] = held.get(start, 0) + n
        return cls(made, moved, held)

    def months(self) -> list[Month]:
        if not self.made:
            return []
        out: list[Month] = []
        running = [0] * len(ORDER)
        running[0] = self.held.get("", 0)  # ORDER[0]: not rated
        zero = [0] * len(ORDER)
        for month in _months(min(self.made), max(self.made)):
            running = [a + b for a, b in zip(running, self.moved.get(month, zero), strict=True)]
            running[0] += self.held.get(month, 0)  # a new list: the last month's is kept
            out.append(Month(month, Tally(list(self.made.get(month, zero))), Tally(running)))
        return out


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out

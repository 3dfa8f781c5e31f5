"""How the ratings moved month by month, from the status histories.

For each month from the first status change counted to the last (months with no
change included, so a chart's gaps are real): how many changes set each status in
that month (``set``), and where the counted commitments stood at the month's end
(``standing``, with the mean compliance then). The filters apply as everywhere: the
commitments counted, a rater's changes only, nothing after the as-of day.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stats.ratings import Filters, in_time
from stats.tally import CODE, ORDER, Tally
from store.model import Ratings, Status, StatusChange

CODE_OF_VALUE: dict[str, int] = {s.value: k for s, k in CODE.items()}
NOT_RATED = Status.NOT_RATED
NOT_RATED_VALUE: str = NOT_RATED.value

#: (month, the status value replaced, the status value set) of a change
Change = tuple[str, str, str]


@dataclass
class Scan:
    """What :func:`scan` read of the histories."""

    latest: dict[str, int]  # target -> its latest status's code
    reset: set[str]  # the targets whose latest status is not rated
    changes: Counter[Change]


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
        author, as_of = filters.author, filters.as_of
        every = author is None and as_of is None  # the common case, kept fast
        histories = ratings.histories
        rated = histories.keys()
        # unfiltered, a counted commitment has a history if its code is not 0 (not
        # rated), or if its latest change set it back to not rated: no need to look up
        # every one
        reset = (
            {t for t, h in histories.items() if h and h[-1].status is NOT_RATED} if every else set()
        )
        # (month, the status it replaced, the status set) of each change counted
        changes: list[tuple[str, int, int]] = []
        # a meeting counts from the month it was held, or of its first change if earlier
        held_in = [(f.meeting.date or "")[:7] for f in figures]
        for k, fig in enumerate(figures):
            first = held_in[k]
            for area in fig.areas:
                found = (
                    itertools.chain(
                        itertools.compress(area.ids, area.codes),
                        reset.intersection(area.ids) if reset else (),
                    )
                    if every
                    else rated & area.ids
                )
                for cid in found:  # its counted commitments with a history
                    before = 0  # not rated; a history is in time order
                    for change in histories[cid]:
                        if not every and (
                            (author is not None and change.by != author)
                            or not in_time(change, as_of)
                        ):
                            continue
                        # by the status's value: an Enum member's hash is worked out in
                        # Python, a string's is kept
                        month, code = change.at[:7], CODE_OF_VALUE[change.status._value_]
                        changes.append((month, before, code))
                        before = code
                        if month < first:
                            first = month
            held_in[k] = first
        made: dict[str, list[int]] = {}
        moved: dict[str, list[int]] = {}
        width = len(ORDER)
        for (month, before, code), n in Counter(changes).items():
            made.setdefault(month, [0] * width)[code] += n
            in_month = moved.setdefault(month, [0] * width)
            in_month[code] += n
            in_month[before] -= n
        first = min(made) if made else ""
        held: dict[str, int] = {}
        for fig, month in zip(figures, held_in, strict=True):
            start = month if month > first else ""
            held[start] = held.get(start, 0) + sum(len(area.codes) for area in fig.areas)
        return cls(made, moved, held)

    @classmethod
    def unfiltered(
        cls,
        figures: Sequence[MeetingFigures],
        ratings: Ratings,
        scanned: Scan,
    ) -> Trend:
        """:meth:`of` with no filter, from :func:`scan` of ``ratings``' histories. When
        the figures count most of the targets with a history (``coop-tui stats``), the
        changes are those of all the histories, less those of the targets not counted
        (gone, or not in the meetings chosen), rather than found commitment by
        commitment (a third of the time at 100,000)."""
        histories = ratings.histories
        latest, reset, counts = scanned.latest, scanned.reset, scanned.changes
        hits = sum(f.tally.rated for f in figures)
        if reset:
            hits += sum(len(reset.intersection(a.ids)) for f in figures for a in f.areas)
        if 2 * hits < len(latest):
            return cls.of(figures, ratings, Filters())
        if hits != len(latest):  # some targets with a history are not counted
            counts = counts.copy()
            kept: set[str] = set()
            for fig in figures:
                for area in fig.areas:
                    kept.update(area.ids)
            for target in latest.keys() - kept:
                counts.subtract(_transitions(histories[target]))
        width = len(ORDER)
        made: dict[str, list[int]] = {}
        moved: dict[str, list[int]] = {}
        for (month, before, value), n in counts.items():
            if n:
                code = CODE_OF_VALUE[value]
                made.setdefault(month, [0] * width)[code] += n
                in_month = moved.setdefault(month, [0] * width)
                in_month[code] += n
                in_month[CODE_OF_VALUE[before]] -= n
        first = min(made) if made else ""
        held: dict[str, int] = {}
        for fig in figures:
            month = (fig.meeting.date or "")[:7]
            if first and month > first:  # counted from a change made before it was held?
                for area in fig.areas:
                    found = itertools.chain(
                        itertools.compress(area.ids, area.codes),
                        reset.intersection(area.ids) if reset else (),
                    )
                    for cid in found:
                        month = min(month, *(c.at[:7] for c in histories[cid]))
            start = month if month > first else ""
            held[start] = held.get(start, 0) + fig.tally.commitments
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


def scan(histories: dict[str, list[StatusChange]]) -> Scan:
    """In one pass over the histories: each target's latest status, as its code, the
    targets whose status was set back to not rated (code 0), and how many changes of
    each kind (:data:`Change`) they hold (what :meth:`Trend.unfiltered` counts)."""
    latest: dict[str, int] = {}
    reset: set[str] = set()
    changes: list[Change] = []
    add = changes.append
    code_of = CODE_OF_VALUE
    for target, history in histories.items():
        if len(history) == 1:  # most: one change, from not rated
            change = history[0]
            value = change.status._value_  # an Enum member's hash is worked out in Python
            add((change.at[:7], NOT_RATED_VALUE, value))
        elif history:
            value = NOT_RATED_VALUE
            for change in history:
                before, value = value, change.status._value_
                add((change.at[:7], before, value))
        else:
            continue
        latest[target] = code_of[value]
        if value is NOT_RATED_VALUE:  # the member's own value: the same object
            reset.add(target)
    return Scan(latest, reset, Counter(changes))


def _transitions(history: Sequence[StatusChange]) -> list[Change]:
    """(month, the status value replaced, the status value set) of each change."""
    values = [c.status._value_ for c in history]
    before = [NOT_RATED_VALUE, *values[:-1]]
    return [(c.at[:7], b, v) for c, b, v in zip(history, before, values, strict=True)]


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out

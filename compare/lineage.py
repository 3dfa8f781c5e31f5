"""Lineage: each commitment's predecessors and successors across a series of meetings.

A *series* is every meeting between the same parties (compared as a set of names,
in any order, case and spacing: :func:`parsers.naming.party_key`), in date order
(undated meetings last). Each meeting is compared with the one before it in its series
(:func:`diff_meetings`) — or, given ``comparable``, with the latest before it that it can
be compared with (a meeting released in Chinese only skips an English-only one before it
for the one before that with a Chinese version) — and every link the comparison finds
(unchanged, reworded, moved, split or merged) becomes a predecessor/successor link. So
the app can show a commitment's history and, next to a commitment, the status or notes
its predecessor carried.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from compare.align import diff_meetings
from compare.model import Kind, MeetingDiff
from parsers import Commitment, Meeting
from parsers.naming import party_key, same_parties

__all__ = ["Lineage", "Link", "Step", "date_order", "party_key", "same_parties", "series_of"]


def date_order(meetings: Iterable[Meeting]) -> list[Meeting]:
    """By date, undated last; ties keep the given order."""
    return sorted(meetings, key=lambda m: (m.date is None, m.date or ""))


def series_of(meetings: Iterable[Meeting], meeting: Meeting) -> list[Meeting]:
    """The meetings between ``meeting``'s parties, in date order."""
    key = party_key(meeting)
    return date_order(m for m in meetings if party_key(m) == key)


@dataclass(frozen=True)
class Link:
    """A commitment of another meeting that this one continues or is continued by."""

    commitment_id: str
    meeting_id: str
    kind: Kind
    score: float


@dataclass(frozen=True)
class Step:
    """One meeting's part of a commitment's history."""

    meeting: Meeting
    commitments: list[Commitment]


class Lineage:
    """Predecessor/successor links over all the given meetings (see the module docstring).

    Cheap to build: the meetings are only indexed. Each pair of neighbouring meetings is
    compared the first time a commitment of theirs is asked about, and remembered, so a
    store of thousands of meetings costs only the comparisons someone looks at.
    """

    def __init__(
        self,
        meetings: Iterable[Meeting],
        compare: Callable[[Meeting, Meeting], MeetingDiff] = diff_meetings,
        comparable: Callable[[Meeting, Meeting], bool] | None = None,
    ) -> None:
        """``comparable(old, new)``: whether two meetings of a series can be compared
        (None: any two); a meeting is compared with the latest before it that can be (the
        one just before if none can)."""
        self.meetings = date_order(meetings)
        self._order = {m.id: i for i, m in enumerate(self.meetings)}
        self._compare = compare
        self._diffs: dict[tuple[str, str], MeetingDiff] = {}
        self._before: dict[str, list[Link]] = {}
        self._after: dict[str, list[Link]] = {}
        self._where: dict[str, tuple[Meeting, Commitment]] = {}
        self._before_of: dict[str, Meeting] = {}
        self._after_of: dict[str, list[Meeting]] = {}
        groups: dict[frozenset[str], list[Meeting]] = {}
        for meeting in self.meetings:
            groups.setdefault(party_key(meeting), []).append(meeting)
            for commitment in meeting.commitments:
                self._where[commitment.id] = (meeting, commitment)
        for series in groups.values():
            for k, meeting in enumerate(series[1:], 1):
                before = series[k - 1]
                if comparable is not None:
                    before = next(
                        (m for m in reversed(series[:k]) if comparable(m, meeting)), before
                    )
                self._before_of[meeting.id] = before
                self._after_of.setdefault(before.id, []).append(meeting)

    def _compared(self, old: Meeting, new: Meeting) -> None:
        """Compare two neighbouring meetings once, and record the links found."""
        if (old.id, new.id) in self._diffs:
            return
        diff = self._compare(old, new)
        self._diffs[(old.id, new.id)] = diff
        for change in diff.changes:
            if not (change.a and change.b):
                continue
            for x in change.a:
                for y in change.b:
                    self._after.setdefault(x.commitment.id, []).append(
                        Link(y.commitment.id, diff.b.id, change.kind, change.score)
                    )
                    self._before.setdefault(y.commitment.id, []).append(
                        Link(x.commitment.id, diff.a.id, change.kind, change.score)
                    )

    def _around(self, commitment_id: str) -> None:
        """Make sure the commitment's meeting is compared with both its neighbours."""
        where = self._where.get(commitment_id)
        if where is None:
            return
        meeting = where[0]
        before = self._before_of.get(meeting.id)
        if before is not None:
            self._compared(before, meeting)
        for after in self._after_of.get(meeting.id, ()):
            self._compared(meeting, after)

    def predecessors(self, commitment_id: str) -> list[Link]:
        """The commitments of the previous meeting of the series that this one continues."""
        self._around(commitment_id)
        return list(self._before.get(commitment_id, []))

    def successors(self, commitment_id: str) -> list[Link]:
        """The commitments of the next meeting of the series that continue this one."""
        self._around(commitment_id)
        return list(self._after.get(commitment_id, []))

    def history(self, commitment_id: str) -> list[Step]:
        """Every ancestor and descendant of the commitment (itself included), by meeting
        in date order; empty if the commitment is unknown."""
        if commitment_id not in self._where:
            return []
        found = {commitment_id}
        for step in (self.predecessors, self.successors):
            todo = [commitment_id]
            while todo:
                for link in step(todo.pop()):
                    if link.commitment_id not in found:
                        found.add(link.commitment_id)
                        todo.append(link.commitment_id)
        meetings = {self._where[c][0].id: self._where[c][0] for c in found}
        in_order = sorted(meetings.values(), key=lambda m: self._order[m.id])
        return [Step(m, [c for c in m.commitments if c.id in found]) for m in in_order]

    def in_series(self, commitment_id: str) -> bool:
        """Whether the commitment's meeting has a meeting before or after it in its
        series (else its history is itself alone, and nothing needs comparing)."""
        where = self._where.get(commitment_id)
        if where is None:
            return False
        meeting_id = where[0].id
        return meeting_id in self._before_of or meeting_id in self._after_of

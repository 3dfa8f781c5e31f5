"""Which status a commitment counts with: the latest, a rater's latest, or as it stood on a day.

Pure functions over a target's status history (``store.model.StatusChange`` entries,
oldest first, each with its time and author). A day is ``YYYY-MM-DD`` and counts whole:
"as of 2025-12-31" takes every change made on or before that day (times are UTC).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from compare.lineage import date_order
from parsers import Area, Commitment, Meeting
from store.model import Ratings, Status, StatusChange

History = Sequence[StatusChange]


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


class FilterError(ValueError):
    """A filter the user gave cannot be used (a date that is not one, …): one line."""


def parse_day(text: str) -> str:
    """``text`` as a ``YYYY-MM-DD`` day, or FilterError saying what is wrong."""
    value = text.strip()
    try:  # YYYY-MM-DD only (fromisoformat would take 2025-W01-1, a week date, too)
        parsed = date.fromisoformat(value) if _DAY.fullmatch(value) else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise FilterError(f"{text!r} is not a date (write it as YYYY-MM-DD, e.g. 2025-12-31)")
    return parsed.isoformat()


@dataclass(frozen=True)
class Filters:
    """What the figures count.

    - ``meetings``: only these meeting IDs (None: every meeting);
    - ``tag``: only commitments carrying the tag themselves, or in an area or a meeting
      that carries it (in any case, as tags are compared everywhere);
    - ``author``: each commitment's status as this rater last set it (others' ratings
      are not looked at: a commitment they did not rate counts as not rated);
    - ``as_of``: each status as it stood at the end of that day, and only the meetings
      held by then (undated meetings stay);
    - ``disagree``: only commitments that two raters rated differently on the
      compliance scale (see :mod:`stats.agreement`).
    """

    meetings: tuple[str, ...] | None = None
    tag: str | None = None
    author: str | None = None
    as_of: str | None = None
    disagree: bool = False

    @property
    def active(self) -> bool:
        return bool(self.tag or self.author or self.as_of or self.disagree)

    def to_json(self) -> dict[str, object]:
        return {
            "meetings": list(self.meetings) if self.meetings is not None else None,
            "tag": self.tag,
            "author": self.author,
            "as_of": self.as_of,
            "disagree": self.disagree,
        }


def in_time(change: StatusChange, as_of: str | None) -> bool:
    return as_of is None or change.at[:10] <= as_of


def standing(history: History, *, author: str | None = None, as_of: str | None = None) -> Status:
    """The status: the most recent change (by ``author`` only, if given) made by ``as_of``."""
    for change in reversed(history):
        if in_time(change, as_of) and (author is None or change.by == author):
            return change.status
    return Status.NOT_RATED


def by_rater(history: History, *, as_of: str | None = None) -> dict[str, Status]:
    """Each named rater's latest status (made by ``as_of``); changes with no author (made
    by a version of coop-tui that did not record one) belong to no rater."""
    out: dict[str, Status] = {}
    for change in reversed(history):
        if change.by is not None and change.by not in out and in_time(change, as_of):
            out[change.by] = change.status
    return out


def disagree(ratings: Mapping[str, Status]) -> bool:
    """Whether two raters' statuses differ on the compliance scale (not rated left out)."""
    scores = {s.compliance for s in ratings.values() if s.compliance is not None}
    return len(scores) > 1


def held_by(meeting: Meeting, as_of: str | None) -> bool:
    """Whether the meeting had been held by ``as_of`` (an undated one is kept)."""
    return as_of is None or meeting.date is None or meeting.date[:10] <= as_of


def chosen(meetings: Sequence[Meeting], filters: Filters) -> list[Meeting]:
    """The meetings the filters keep, in date order (undated last)."""
    wanted = set(filters.meetings) if filters.meetings is not None else None
    kept = [m for m in meetings if (wanted is None or m.id in wanted) and held_by(m, filters.as_of)]
    return date_order(kept)


def counted(
    meeting: Meeting, area: Area, commitment: Commitment, ratings: Ratings, filters: Filters
) -> Status | None:
    """The status ``commitment`` counts with under ``filters``, or None if it is not counted."""
    history = ratings.histories.get(commitment.id, ())
    if filters.tag is not None:
        tagged = ratings.tagged(filters.tag)
        if commitment.id not in tagged and area.id not in tagged and meeting.id not in tagged:
            return None
    if filters.disagree and not disagree(by_rater(history, as_of=filters.as_of)):
        return None
    return standing(history, author=filters.author, as_of=filters.as_of)


def chosen_commitments(
    meetings: Sequence[Meeting], ratings: Ratings, filters: Filters
) -> list[tuple[Meeting, Area, Commitment]]:
    """The commitments the filters count, with their meeting and area, meetings in
    date order (only ``meetings``, ``tag``, ``disagree`` and ``as_of`` narrow it)."""
    out: list[tuple[Meeting, Area, Commitment]] = []
    for meeting in chosen(meetings, filters):
        for area in meeting.areas:
            for commitment in area.commitments:
                if counted(meeting, area, commitment, ratings, filters) is not None:
                    out.append((meeting, area, commitment))
    return out

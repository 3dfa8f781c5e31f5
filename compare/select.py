"""Finding the meetings to compare: by ID (or a unique prefix), date or year.

Pure functions over a list of meetings; a :class:`SelectionError` carries a one-line
message naming the candidates, for the command line and the app alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from compare.lineage import date_order, party_key, series_of
from parsers import Meeting

_YEAR = re.compile(r"^\d{4}$")
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


class SelectionError(Exception):
    """The given meeting(s) cannot be found, or are ambiguous, or there is nothing to compare."""


def describe(meeting: Meeting) -> str:
    """``4420f466fb7c (2023-06-26, Hong Kong & Zhejiang)``"""
    parties = " & ".join(meeting.parties) or "parties unknown"
    return f"{meeting.id} ({meeting.date or 'undated'}, {parties})"


def find_meeting(meetings: Sequence[Meeting], spec: str) -> Meeting:
    """The one meeting ``spec`` names: a year (``2023``), a date (``2023-06`` or
    ``2023-06-26``), a meeting ID or a unique prefix of one."""
    spec = spec.strip()
    if not spec:
        raise SelectionError("an empty meeting name; give an ID, a date or a year")
    found: list[Meeting] = []
    if _YEAR.match(spec) or _DATE.match(spec):
        found = [m for m in meetings if (m.date or "").startswith(spec)]
    if not found:
        exact = [m for m in meetings if m.id == spec]
        found = exact or [m for m in meetings if m.id.startswith(spec.casefold())]
    if not found:
        raise SelectionError(
            f"no meeting matches {spec!r} (give an ID or its prefix, a date or a year; "
            "see coop-tui list)"
        )
    if len(found) > 1:
        listed = "; ".join(describe(m) for m in date_order(found))
        raise SelectionError(f"{spec!r} matches {len(found)} meetings: {listed}")
    return found[0]


def default_pair(meetings: Sequence[Meeting]) -> tuple[Meeting, Meeting]:
    """The two latest meetings between the same parties: of the series with at least two
    meetings, the one whose latest meeting is the most recent."""
    best: list[Meeting] | None = None
    seen: set[frozenset[str]] = set()
    for meeting in reversed(date_order(meetings)):
        key = party_key(meeting)
        if key in seen:
            continue
        seen.add(key)
        series = series_of(meetings, meeting)
        if len(series) >= 2:
            best = series
            break
    if best is None:
        if not meetings:
            raise SelectionError("the store has no meetings to compare (see coop-tui import)")
        raise SelectionError(
            "no two meetings between the same parties to compare; name two meetings "
            "(coop-tui diff A B)"
        )
    return best[-2], best[-1]


def neighbour_pair(meetings: Sequence[Meeting], meeting: Meeting) -> tuple[Meeting, Meeting]:
    """``meeting`` with the meeting before it in its series (after it, if it is the first)."""
    series = series_of(meetings, meeting)
    if len(series) < 2:
        raise SelectionError(
            f"{describe(meeting)} is the only meeting between its parties; "
            "name a second meeting to compare it with"
        )
    at = next(k for k, m in enumerate(series) if m.id == meeting.id)
    return (series[at - 1], meeting) if at > 0 else (meeting, series[1])


def choose_pair(meetings: Sequence[Meeting], specs: Sequence[str]) -> tuple[Meeting, Meeting]:
    """The meetings to compare for zero, one or two command-line names."""
    if len(specs) > 2:
        raise SelectionError("give at most two meetings to compare")
    if not specs:
        return default_pair(meetings)
    if len(specs) == 1:
        return neighbour_pair(meetings, find_meeting(meetings, specs[0]))
    a, b = (find_meeting(meetings, s) for s in specs)
    if a.id == b.id:
        raise SelectionError(f"both names give the same meeting, {describe(a)}")
    return a, b

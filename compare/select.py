"""Finding the meetings to compare: by any name of :mod:`parsers.naming`.

Pure functions over a list of meetings; a :class:`SelectionError` carries a one-line
message naming the candidates, for the command line and the app alike. Unless the user
names both meetings, the two compared are always between the same parties.
"""

from __future__ import annotations

from collections.abc import Sequence

from compare.lineage import date_order, party_key, series_of
from parsers import Meeting, naming
from parsers.naming import describe, parties_text, same_parties

__all__ = [
    "SelectionError",
    "choose_pair",
    "default_pair",
    "describe",
    "find_meeting",
    "neighbour_pair",
    "parties_note",
]


class SelectionError(Exception):
    """The given meeting(s) cannot be found, or are ambiguous, or there is nothing to compare."""


def find_meeting(meetings: Sequence[Meeting], spec: str) -> Meeting:
    """The one meeting ``spec`` names (see :mod:`parsers.naming`)."""
    try:
        return naming.find_meeting(meetings, spec)
    except naming.NamingError as exc:
        raise SelectionError(str(exc)) from None


def parties_note(a: Meeting, b: Meeting) -> str | None:
    """One line saying that two meetings are between different parties, or None."""
    if same_parties(a, b):
        return None
    return (
        f"these meetings are between different parties: {parties_text(a)} "
        f"({a.date or 'undated'}) and {parties_text(b)} ({b.date or 'undated'})"
    )


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
    """``meeting`` with the meeting before it in its series (after it, if it is the first);
    a :class:`SelectionError` if it is alone in its series (never another partnership's)."""
    series = series_of(meetings, meeting)
    if len(series) < 2:
        raise SelectionError(
            f"{describe(meeting)} is the only meeting between {parties_text(meeting)}: "
            "there is no other meeting of theirs to compare it with"
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

"""The result of comparing two meetings: area pairs, classed changes, display rows, JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from parsers import Area, Commitment, Meeting
from parsers.model import id_key


class Kind(str, Enum):
    """What became of a commitment from one meeting to the next."""

    NEW = "new"
    DROPPED = "dropped"
    REWORDED = "reworded"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"
    UNCHANGED = "unchanged"


#: Every class, in the order summaries and filters list them.
KINDS: tuple[Kind, ...] = tuple(Kind)


@dataclass(frozen=True)
class Span:
    """A piece of a commitment's text; ``changed`` when it has no counterpart on the other side."""

    text: str
    changed: bool


@dataclass
class Item:
    """One commitment on one side of a change."""

    commitment: Commitment
    area: Area
    index: int  # position among the meeting's commitments
    spans: list[Span] = field(default_factory=list)

    def changed_ranges(self) -> list[tuple[int, int]]:
        """Character ranges of the changed words in the commitment's text."""
        out: list[tuple[int, int]] = []
        pos = 0
        for span in self.spans:
            if span.changed:
                out.append((pos, pos + len(span.text)))
            pos += len(span.text)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.commitment.id,
            "text": self.commitment.text,
            "area_id": self.area.id,
            "changed": [list(r) for r in self.changed_ranges()],
        }


@dataclass
class AreaMatch:
    """An old area and its successor (either may be None: a dropped or a new area)."""

    a: Area | None
    b: Area | None
    score: float
    name_score: float = 0.0
    content_score: float = 0.0

    @property
    def renamed(self) -> bool:
        return (
            self.a is not None and self.b is not None and id_key(self.a.name) != id_key(self.b.name)
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "a": {"id": self.a.id, "name": self.a.name} if self.a else None,
            "b": {"id": self.b.id, "name": self.b.name} if self.b else None,
            "score": round(self.score, 1),
            "name_score": round(self.name_score, 1),
            "content_score": round(self.content_score, 1),
        }


@dataclass
class Change:
    """Commitments of the old meeting (``a``) and what they became in the new one (``b``)."""

    kind: Kind
    score: float
    a: list[Item]
    b: list[Item]
    moved: bool = False  # the new commitments are not in the old area's successor
    area: AreaMatch | None = None  # the area pair the change is listed under

    @property
    def is_change(self) -> bool:
        return self.kind is not Kind.UNCHANGED

    def to_json(self) -> dict[str, Any]:
        return {
            "class": self.kind.value,
            "score": round(self.score, 1),
            "moved": self.moved,
            "a": [i.to_json() for i in self.a],
            "b": [i.to_json() for i in self.b],
        }


Row = AreaMatch | Change


@dataclass
class MeetingDiff:
    """Two meetings compared: ``areas`` in display order, ``changes`` grouped under them."""

    a: Meeting
    b: Meeting
    areas: list[AreaMatch]
    changes: list[Change]  # in display order: by area pair, then by position

    def rows(self, kinds: set[Kind] | None = None) -> list[Row]:
        """Area headings each followed by its changes (only ``kinds`` if given; areas
        with none of them left out)."""
        out: list[Row] = []
        for pair in self.areas:
            changes = [
                c for c in self.changes if c.area is pair and (kinds is None or c.kind in kinds)
            ]
            if changes or kinds is None:
                out.append(pair)
                out.extend(changes)
        return out

    def counts(self) -> dict[Kind, int]:
        counts = dict.fromkeys(KINDS, 0)
        for change in self.changes:
            counts[change.kind] += 1
        return counts

    def area_counts(self) -> dict[str, int]:
        return {
            "continued": sum(1 for p in self.areas if p.a and p.b),
            "renamed": sum(1 for p in self.areas if p.renamed),
            "new": sum(1 for p in self.areas if p.a is None),
            "dropped": sum(1 for p in self.areas if p.b is None),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "a": _meeting_json(self.a),
            "b": _meeting_json(self.b),
            "areas": [p.to_json() for p in self.areas],
            "commitments": [c.to_json() for c in self.changes],
            "summary": {
                "commitments": {k.value: n for k, n in self.counts().items()},
                "areas": self.area_counts(),
            },
        }


def _meeting_json(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.id,
        "date": meeting.date,
        "title": meeting.title,
        "parties": list(meeting.parties),
    }

"""The annotation model: statuses with history, tags, notes, orphans, import results."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from enum import Enum
from typing import Any, Literal


def now_iso() -> str:
    """The current time, ISO 8601 in UTC with milliseconds: ``2025-04-24T10:32:05.123Z``."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Status(str, Enum):
    """How far a commitment has been carried out.

    The vocabulary follows the promise trackers (kept / in progress / stalled /
    broken) and maps onto the G20 Research Group's compliance scale, where +1 is
    full compliance, 0 partial compliance or work under way, and −1 no
    compliance:

    ==================  ============  ==========================================
    status              compliance    why
    ==================  ============  ==========================================
    implemented         +1            full compliance
    partial             0             partial compliance
    in-progress         0             under way, not yet complete: the G20
                                      scale scores work in progress as 0
    stalled             −1            no action towards it within the period
    not-implemented     −1            no compliance
    not-rated           None          not assessed; left out of averages
    ==================  ============  ==========================================
    """

    NOT_RATED = "not-rated"
    IN_PROGRESS = "in-progress"
    STALLED = "stalled"
    PARTIAL = "partial"
    IMPLEMENTED = "implemented"
    NOT_IMPLEMENTED = "not-implemented"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def compliance(self) -> int | None:
        return _COMPLIANCE[self]

    @classmethod
    def parse(cls, value: str) -> Status:
        """A status from its command-line name or its label (case-insensitive)."""
        key = " ".join(value.strip().casefold().replace("_", "-").split())
        for status in cls:
            if key in (status.value, status.label, status.label.replace(" ", "-")):
                return status
        raise ValueError(value)


_LABELS = {
    Status.NOT_RATED: "not yet rated",
    Status.IN_PROGRESS: "in progress",
    Status.STALLED: "stalled",
    Status.PARTIAL: "partially implemented",
    Status.IMPLEMENTED: "implemented",
    Status.NOT_IMPLEMENTED: "not implemented",
}

_COMPLIANCE: dict[Status, int | None] = {
    Status.NOT_RATED: None,
    Status.IN_PROGRESS: 0,
    Status.STALLED: -1,
    Status.PARTIAL: 0,
    Status.IMPLEMENTED: 1,
    Status.NOT_IMPLEMENTED: -1,
}


def compliance_score(statuses: list[Status]) -> float | None:
    """The mean compliance of the rated statuses (−1…+1), None if none is rated."""
    scores = [s.compliance for s in statuses if s.compliance is not None]
    return sum(scores) / len(scores) if scores else None


@dataclass
class StatusChange:
    status: Status
    at: str
    source: str | None = None
    evidence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "at": self.at,
            "source": self.source,
            "evidence": self.evidence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StatusChange:
        return cls(
            status=Status(data["status"]),
            at=str(data["at"]),
            source=data.get("source"),
            evidence=data.get("evidence"),
        )


@dataclass
class Note:
    id: str
    target_id: str
    text: str
    created: str
    updated: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Note:
        return cls(
            id=str(data["id"]),
            target_id=str(data["target_id"]),
            text=str(data["text"]),
            created=str(data["created"]),
            updated=str(data.get("updated") or data["created"]),
        )


@dataclass
class Annotation:
    target_id: str
    status: Status = Status.NOT_RATED
    history: list[StatusChange] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.history or self.tags or self.notes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target_id": self.target_id,
            "status": self.status.value,
            "history": [c.to_dict() for c in self.history],
            "tags": list(self.tags),
            "notes": [n.to_dict() for n in self.notes],
        }


OrphanKind = Literal["status", "tags", "note"]


@dataclass
class Orphan:
    """A piece of annotation whose target no longer exists in the corpus."""

    kind: OrphanKind
    id: str
    old_target_id: str
    old_text: str
    meeting_id: str | None
    payload: dict[str, Any]
    suggestions: list[tuple[str, float]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "old_target_id": self.old_target_id,
            "old_text": self.old_text,
            "meeting_id": self.meeting_id,
            "payload": self.payload,
            "suggestions": [{"id": i, "score": round(s, 1)} for i, s in self.suggestions],
        }


ImportOutcome = Literal["added", "unchanged", "updated", "failed"]


@dataclass
class ImportResult:
    path: str
    outcome: ImportOutcome
    meeting_id: str | None = None
    reason: str | None = None
    reattached: int = 0
    orphaned: int = 0

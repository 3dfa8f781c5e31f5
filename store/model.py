"""The annotation model: statuses with history, tags, notes, orphans, import results."""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from enum import Enum
from typing import Any, Literal


def now_iso() -> str:
    """The current time, ISO 8601 in UTC with milliseconds: ``2025-04-24T10:32:05.123Z``."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def read_time(iso: str) -> datetime | None:
    """A time as the store writes it (ISO 8601, ``Z`` for UTC), or None if it is not one."""
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None


def is_utc(moment: datetime) -> bool:
    """Whether ``moment`` has a time zone, and it is UTC."""
    offset = moment.utcoffset()
    return offset is not None and not offset


def minute_text(moment: datetime) -> str:
    """``2025-04-24 10:32 UTC``: to the minute, `` UTC`` only for a time in UTC."""
    return moment.strftime("%Y-%m-%d %H:%M") + (" UTC" if is_utc(moment) else "")


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


def compliance_text(value: float | None) -> str:
    """A compliance score as every output shows it, a status's as a mean's: ``+1.00``,
    ``+0.50``, ``0.00`` (never ``+0.00`` or ``-0.00``), ``-1.00``; ``not rated`` for None."""
    if value is None:
        return "not rated"
    if abs(value) < 0.005:
        return "0.00"
    return f"{value:+.2f}"


#: how many earlier versions of a note it remembers (``Note.prior``)
PRIOR_VERSIONS = 50


def _shared(value: str | None) -> str | None:
    """An author's name, one copy for all their changes (``sys.intern``)."""
    return None if value is None else sys.intern(value)


def _optional_text(value: Any, what: str = "an author") -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{what} is not text")
    return value


@dataclass(slots=True)  # tens of thousands of them in a store's memory
class StatusChange:
    status: Status
    at: str
    source: str | None = None
    evidence: str | None = None
    by: str | None = None  # the author (``store.author``); None in older stores

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "status": self.status.value,
            "at": self.at,
            "source": self.source,
            "evidence": self.evidence,
        }
        if self.by is not None:
            data["by"] = self.by
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StatusChange:
        return cls(
            status=Status(data["status"]),
            at=str(data["at"]),
            source=_optional_text(data.get("source"), "a status's source"),
            evidence=_optional_text(data.get("evidence"), "a status's evidence"),
            by=_shared(_optional_text(data.get("by"))),
        )


@dataclass
class Note:
    id: str
    target_id: str
    text: str
    created: str
    updated: str
    by: str | None = None  # who wrote this version (``store.author``); None in older stores
    #: the ``updated`` times of the versions this one was edited from, oldest first: an
    #: import recognises an older copy of the note (it is one of these) or a later edit
    #: of it (ours is one of its), and keeps both only when both were edited.
    prior: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.by is None:
            del data["by"]
        if not self.prior:
            del data["prior"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Note:
        prior = data.get("prior") or []
        if not isinstance(prior, list):
            raise TypeError("a note's prior versions are not a list")
        return cls(
            id=str(data["id"]),
            target_id=str(data["target_id"]),
            text=str(data["text"]),
            created=str(data["created"]),
            updated=str(data.get("updated") or data["created"]),
            by=_optional_text(data.get("by")),
            prior=[str(p) for p in prior],
        )

    def edited(self, text: str, at: str, by: str | None) -> Note:
        """This note with new text, written at ``at`` by ``by`` (this version becomes prior)."""
        prior = [*self.prior, self.updated][-PRIOR_VERSIONS:]
        return Note(self.id, self.target_id, text, self.created, at, by, prior)


@dataclass(slots=True)  # one per annotated target when the search index is built
class Annotation:
    target_id: str
    status: Status = Status.NOT_RATED
    history: list[StatusChange] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    #: when and by whom each tag was added, ``{tag: {"at": time, "by": author}}``
    #: (tags added before coop-tui recorded it have no entry)
    tag_added: dict[str, dict[str, str | None]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.history or self.tags or self.notes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target_id": self.target_id,
            "status": self.status.value,
            "history": [c.to_dict() for c in self.history],
            "tags": list(self.tags),
            "tag_added": {t: dict(v) for t, v in self.tag_added.items()},
            "notes": [n.to_dict() for n in self.notes],
        }


DeletionKind = Literal["note", "tag", "status"]


@dataclass(frozen=True)
class Deletion:
    """A record that a note, a tag or a status history entry was deleted (a
    tombstone), kept so that an older copy of it (a colleague's export) cannot bring
    it back.

    ``item`` is the note's ID, the tag, or for a status entry its time and status
    (``status_entry_key``: all that names the entry; its source and evidence are not
    kept); ``target`` what it was on. As a dict:
    ``{"what": "note", "note": ID, "target": T, "at": time, "by": author}``,
    ``{"what": "tag", "tag": TAG, …}`` or ``{"what": "status", "status": "TIME STATUS", …}``.
    """

    what: DeletionKind
    item: str
    target: str
    at: str
    by: str | None = None

    @property
    def key(self) -> tuple[str, ...]:
        """A note is deleted wherever it was; a tag (in any case) or a status entry from
        one target."""
        if self.what == "note":
            return ("note", self.item)
        if self.what == "tag":
            return ("tag", self.target, tag_key(self.item))
        return (self.what, self.target, self.item)

    def to_dict(self) -> dict[str, Any]:
        return {"what": self.what, self.what: self.item, "target": self.target, "at": self.at,
                "by": self.by}  # fmt: skip

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Deletion:
        what = data["what"]
        if what not in ("note", "tag", "status"):
            raise ValueError(f"unknown deletion {what!r}")
        at = str(data["at"])
        if not at.strip():
            raise ValueError("a deletion has no time")
        item, target = str(data[what]), str(data.get("target") or "")
        if what == "status":
            if not target:
                raise ValueError("a removed status entry names no commitment")
            entry_at, _, status = item.rpartition(" ")
            Status.parse(status)  # ValueError if it is none
            if not entry_at.strip():
                raise ValueError("a removed status entry has no time")
        return cls(what, item, target, at, _optional_text(data.get("by")))


def clean_tag(tag: str) -> str:
    """A tag as the store keeps it: its runs of spaces (tabs, new lines) made one space,
    none at either end. A tag given to look for is cleaned so too (``" climate  change"``
    finds "climate change"); ``tag_key`` then matches it in any case."""
    return " ".join(tag.split())


def tag_key(tag: str) -> str:
    """What makes two tags one: "UPPER" and "upper" are the same tag, and so are the
    same letters composed or decomposed ("é" and "e" with U+0301) or full-width
    ("ＵＰＰＥＲ"): case folded after NFKC (the first spelling a target got is kept)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", tag).casefold())


def unique_tags(tags: list[str]) -> list[str]:
    """``tags`` without a repeat in any case, each in the first spelling given."""
    seen: dict[str, str] = {}
    for tag in tags:
        seen.setdefault(tag_key(tag), tag)
    return list(seen.values())


def status_entry_key(change: StatusChange) -> str:
    """What names one status history entry in a deletion: its time and its status."""
    return f"{change.at} {change.status.value}"


@dataclass(frozen=True)
class Ratings:
    """Every target's status history (oldest first) and tags, as statistics read them
    (``Store.ratings``: safe to read while the store writes, which replaces a history
    rather than change it; read only)."""

    histories: dict[str, list[StatusChange]]
    tags: dict[str, list[str]]
    _tagged: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def tagged(self, tag: str) -> frozenset[str]:
        """The targets carrying ``tag`` (compared as tags are: ``tag_key``, runs of
        white space as one space), worked out once per tag."""
        found = self._tagged.get(tag)
        if found is None:
            key = tag_key(clean_tag(tag))
            found = frozenset(
                t for t, tags in self.tags.items() if any(tag_key(x) == key for x in tags)
            )
            self._tagged[tag] = found
        return found


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
    #: areas whose heading was lost named after another meeting of the same parties's:
    #: "Meeting (date): Name (as in the 2024-06-12 meeting)" (``parsers.area_names``)
    renamed: list[str] = field(default_factory=list)

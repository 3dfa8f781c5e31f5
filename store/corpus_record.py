"""One stored meeting's record in the corpus: the meeting as parsed and where it came
from (its source document's SHA-256, file name, when imported and updated, the IDs it had
before, the URL it was fetched from)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from parsers.model import Meeting
from store.storage import dumps


@dataclass
class MeetingRecord:
    meeting: Meeting
    doc: str  # SHA-256 of the source document's bytes
    source_name: str
    suffix: str
    imported: str
    updated: str
    previous_ids: list[str] = field(default_factory=list)
    url: str = ""  # the address it was fetched from ("": a file)
    fetched: str = ""  # when (ISO 8601, UTC)

    def to_doc(self) -> dict[str, Any]:
        return {"id": self.meeting.id, "meeting": self.meeting.to_dict(), **self._about()}

    def encoded(self, meeting_json: bytes) -> bytes:
        """``dumps(self.to_doc())`` from ``dumps(self.meeting.to_dict())`` (which a parse
        worker encodes): the same bytes, without building and encoding the meeting again."""
        about = dumps(self._about())
        return b'{"id":' + dumps(self.meeting.id) + b',"meeting":' + meeting_json + b"," + about[1:]

    def _about(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "source_name": self.source_name,
            "suffix": self.suffix,
            "imported": self.imported,
            "updated": self.updated,
            "previous_ids": list(self.previous_ids),
            **({"url": self.url, "fetched": self.fetched} if self.url else {}),
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> MeetingRecord:
        return cls(
            meeting=Meeting.from_dict(doc["meeting"]),
            doc=str(doc["doc"]),
            source_name=str(doc.get("source_name", "")),
            suffix=str(doc.get("suffix", "")),
            imported=str(doc.get("imported", "")),
            updated=str(doc.get("updated", "")),
            previous_ids=[str(i) for i in doc.get("previous_ids", [])],
            url=str(doc.get("url") or ""),
            fetched=str(doc.get("fetched") or ""),
        )

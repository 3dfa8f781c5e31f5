"""The agreement model: meetings → areas → commitments.

Plain dataclasses with a JSON form (``to_dict``/``from_dict``) that is a public
contract: ``coop-tui parse --json`` prints it and users' scripts rely on its keys.
IDs are derived from content, so the same release parsed again — or a copy with
other whitespace, line endings or layout — gives the same IDs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

ID_LENGTH = 12

#: Fields that only a researcher's corrections set (``store.corrections``), never the
#: parser: a parse has them at their defaults.
CORRECTION_FIELDS = frozenset(
    {"original", "original_name", "added", "excluded", "original_text", "moved_from", "origin",
     "merged"}
)  # fmt: skip

_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_ASCII_NON_ALNUM = bytes(b for b in range(128) if not chr(b).isalnum())


def id_key(text: str) -> str:
    """The form of a text that IDs are computed from.

    Case, whitespace, punctuation and Unicode compatibility forms do not count,
    so re-wrapped, re-spaced or re-punctuated copies of a text share a key.
    """
    key = unicodedata.normalize("NFKC", text).casefold()
    if key.isascii():  # the same characters dropped, by a byte scan instead of a regex
        return key.encode("ascii").translate(None, _ASCII_NON_ALNUM).decode("ascii")
    return _NON_ALNUM.sub("", key)


def make_id(*parts: str) -> str:
    """A short, stable hexadecimal ID from the given parts."""
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16)
    return digest.hexdigest()[:ID_LENGTH]


def meeting_id(
    date: str | None, party_keys: list[str], place: str | None, title: str, *extra: str
) -> str:
    """A meeting's ID: its date, parties (``party_keys``: each as compared) and place, and
    its title only where the date or the parties are unknown; ``extra`` parts (a Chinese
    release's language) after them. The same meeting parsed from any copy, layout or
    format of its release gets the same ID."""
    return make_id(
        "meeting",
        date or "",
        "|".join(sorted(party_keys)),
        id_key(place or ""),
        "" if date and party_keys else id_key(title),
        *extra,
    )


def optional_text(value: Any) -> str | None:
    """A date or place read back from JSON: text or null; TypeError for anything else
    (a number there would not sort or print as one)."""
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"text or null expected, not {type(value).__name__}")


@dataclass(slots=True)  # 100,000 of them in a large store: no dict each
class Commitment:
    """A commitment; the fields after ``text`` are set only by a researcher's
    corrections (``store.corrections``), never by the parser."""

    id: str
    text: str
    #: the parser's text, when a split or a merge changed it
    original_text: str | None = None
    #: the ID of the area the parser put it in, when it was moved
    moved_from: str | None = None
    #: "added" (taken from the source by hand) or "split" (the second part of a split)
    origin: str | None = None
    #: the IDs of the commitments merged into this one
    merged: list[str] = field(default_factory=list)

    @property
    def corrected(self) -> bool:
        return bool(self.original_text is not None or self.moved_from or self.origin or self.merged)

    def copy(self) -> Commitment:
        return Commitment(self.id, self.text, self.original_text, self.moved_from,
                          self.origin, list(self.merged))  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.corrected:
            out["corrected"] = True
            if self.original_text is not None:
                out["original_text"] = self.original_text
            if self.moved_from:
                out["moved_from"] = self.moved_from
            if self.origin:
                out["origin"] = self.origin
            if self.merged:
                out["merged"] = list(self.merged)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Commitment:
        original = data.get("original_text")
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            original_text=None if original is None else str(original),
            moved_from=optional_text(data.get("moved_from")),
            origin=optional_text(data.get("origin")),
            merged=[str(m) for m in data.get("merged") or []],
        )


@dataclass(slots=True)
class Area:
    id: str
    name: str
    heading_inferred: bool = False
    commitments: list[Commitment] = field(default_factory=list)
    #: set by corrections only: the parser's name of a renamed area
    original_name: str | None = None
    #: set by corrections only: an area a researcher made (a move to a new area)
    added: bool = False
    #: set by corrections only: commitments excluded as "not a commitment" (kept to be
    #: shown and restored; not counted, searched or exported as commitments)
    excluded: list[Commitment] = field(default_factory=list)

    @property
    def corrected(self) -> bool:
        return self.original_name is not None or self.added

    def copy(self) -> Area:
        """A copy with lists of its own; the commitments are the same objects."""
        return Area(self.id, self.name, self.heading_inferred, list(self.commitments),
                    self.original_name, self.added, list(self.excluded))  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "heading_inferred": self.heading_inferred,
            "commitments": [c.to_dict() for c in self.commitments],
        }
        if self.corrected:
            out["corrected"] = True
            if self.original_name is not None:
                out["original_name"] = self.original_name
            if self.added:
                out["added"] = True
        if self.excluded:
            out["excluded"] = [c.to_dict() for c in self.excluded]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Area:
        original = data.get("original_name")
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            heading_inferred=bool(data.get("heading_inferred", False)),
            commitments=[Commitment.from_dict(c) for c in data.get("commitments", [])],
            original_name=None if original is None else str(original),
            added=bool(data.get("added", False)),
            excluded=[Commitment.from_dict(c) for c in data.get("excluded") or []],
        )


@dataclass
class SignedDocument:
    title: str

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SignedDocument:
        return cls(title=str(data["title"]))


@dataclass
class Meeting:
    id: str
    title: str
    date: str | None
    place: str | None
    parties: list[str]
    source: str
    stated_area_count: int | None
    areas: list[Area] = field(default_factory=list)
    signed_documents: list[SignedDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: set by corrections only: the parser's value of each corrected field
    #: ("title", "date", "place")
    original: dict[str, str | None] = field(default_factory=dict)
    #: what the release is (``MEETING_KINDS``): an agreement listing commitments, or a
    #: working meeting's progress report whose paragraphs are the items to track
    kind: str = "agreement"
    #: the language the release is written in (``LANGUAGES``): "en", "zh-Hant"
    #: (Traditional Chinese), "zh-Hans" (Simplified Chinese)
    language: str = "en"

    @property
    def commitments(self) -> list[Commitment]:
        return [c for area in self.areas for c in area.commitments]

    def copy(self) -> Meeting:
        """A copy whose fields and areas (``Area.copy``) can be changed without changing
        this one; the commitments are shared: copy one before changing it (a corrected
        meeting is made so, ``store.corrections``)."""
        return Meeting(self.id, self.title, self.date, self.place, list(self.parties),
                       self.source, self.stated_area_count, [a.copy() for a in self.areas],
                       list(self.signed_documents), list(self.warnings),
                       dict(self.original), self.kind, self.language)  # fmt: skip

    @property
    def corrected(self) -> bool:
        """Whether a researcher corrected anything in it (its fields, an area, a commitment)."""
        return bool(self.original) or any(
            a.corrected or a.excluded or any(c.corrected for c in a.commitments) for a in self.areas
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "place": self.place,
            "parties": list(self.parties),
            "source": self.source,
            "kind": self.kind,
            "language": self.language,
            "stated_area_count": self.stated_area_count,
            "areas": [a.to_dict() for a in self.areas],
            "signed_documents": [d.to_dict() for d in self.signed_documents],
            "warnings": list(self.warnings),
            **({"corrected": True, "original": dict(self.original)} if self.original else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Meeting:
        count = data.get("stated_area_count")
        if count is not None and type(count) is not int:
            raise TypeError(f"stated_area_count: a whole number expected, not {count!r:.20}")
        return cls(
            id=str(data["id"]),
            title=str(data.get("title", "")),
            date=optional_text(data.get("date")),
            place=optional_text(data.get("place")),
            parties=[str(p) for p in data.get("parties", [])],
            source=str(data.get("source", "")),
            stated_area_count=count,
            areas=[Area.from_dict(a) for a in data.get("areas", [])],
            signed_documents=[
                SignedDocument.from_dict(d) for d in data.get("signed_documents", [])
            ],
            warnings=[str(w) for w in data.get("warnings", [])],
            original={str(k): optional_text(v) for k, v in (data.get("original") or {}).items()},
            kind=meeting_kind(data.get("kind", "agreement")),
            language=language_tag(data.get("language", "en")),
        )


#: The kinds of release a meeting is read from: "agreement" (commitments under their
#: areas) or "progress report" (a working meeting reviewing progress area by area).
MEETING_KINDS = ("agreement", "progress report")


def meeting_kind(value: Any) -> str:
    """A meeting's kind read back from JSON; TypeError for anything but a known kind."""
    if value in MEETING_KINDS:
        return str(value)
    raise TypeError(f"kind: one of {', '.join(MEETING_KINDS)} expected, not {value!r:.30}")


#: The languages a release may be written in, as BCP 47 tags: English, Traditional and
#: Simplified Chinese.
LANGUAGES = ("en", "zh-Hant", "zh-Hans")
#: How each is named to a reader.
LANGUAGE_NAMES = {"en": "English", "zh-Hant": "繁體中文", "zh-Hans": "简体中文"}


def language_tag(value: Any) -> str:
    """A meeting's language read back from JSON; TypeError for anything but a known tag."""
    if value in LANGUAGES:
        return str(value)
    raise TypeError(f"language: one of {', '.join(LANGUAGES)} expected, not {value!r:.30}")

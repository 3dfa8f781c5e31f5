"""Reading the corpus file a meeting at a time: the list of meetings first, each
meeting's areas and commitments only when they are needed (``Corpus.load(lazy=True)``).

``Corpus.flush`` writes one meeting record per line, each record beginning with the
meeting's ID, title, date, place, parties and source and ending with its areas, and
puts an *index* in the first line (in the ``_meta`` document): each meeting's summary
and where its record lies, counted from the start of the second line.
:func:`read_index` reads only that first line (a few hundred kilobytes of a file of
tens of megabytes) and leaves the file open, to read a record when its meeting is
wanted. A file without an index (written by an older coop-tui) is read whole and
scanned (:func:`scan`): the lines are found and only the beginning of each record
decoded. Either way the app shows the meetings at once and decodes a meeting when
it is opened, or in the background, a few at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any, NamedTuple

from parsers.model import language_tag, optional_text
from store import jsonload

#: The first line of the corpus ends here; the last line is ``}}``.
HEAD = b',"meetings":{'
#: Where a record's areas begin: the first key after the meeting's summary fields.
#: (Inside a JSON string a quote is escaped, so these bytes are always a real key.)
_AREAS = b',"areas":['
_SUMMARY_KEYS = ("id", "title", "date", "place", "parties", "source")


class MeetingSummary(NamedTuple):
    """What a list of meetings shows of one: read without decoding its areas."""

    id: str
    title: str
    date: str | None
    place: str | None
    parties: tuple[str, ...]
    source: str
    #: the release's language (``parsers.model.LANGUAGES``)
    language: str = "en"
    #: when it was first imported ("" where the corpus does not say: an older file)
    imported: str = ""

    @classmethod
    def of(cls, meeting: Any, imported: str = "") -> MeetingSummary:
        """The summary of a decoded ``parsers.Meeting``."""
        return cls(meeting.id, meeting.title, meeting.date, meeting.place,
                   tuple(meeting.parties), meeting.source, meeting.language,
                   imported)  # fmt: skip

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MeetingSummary:
        """As ``Meeting.from_dict`` reads these fields."""
        return cls(
            id=str(data["id"]),
            title=str(data.get("title", "")),
            date=optional_text(data.get("date")),
            place=optional_text(data.get("place")),
            parties=tuple(str(p) for p in data.get("parties", [])),
            source=str(data.get("source", "")),
            language=language_tag(data.get("language", "en")),
        )


@dataclass
class Scan:
    """A corpus file found and summarised, its meetings not decoded: either read whole
    (``raw``) or open (``file``) to read a record at a time."""

    raw: bytes | None
    meta: dict[str, Any]
    #: Meeting ID → (start, end) of its record's JSON in the file, in file order.
    spans: dict[str, tuple[int, int]]
    summaries: dict[str, MeetingSummary]
    file: IO[bytes] | None = None

    def record_bytes(self, start: int, end: int) -> bytes:
        """A record's JSON (the caller serialises calls: the file has one position)."""
        if self.raw is not None:
            return self.raw[start:end]
        assert self.file is not None
        self.file.seek(start)
        return self.file.read(end - start)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


def index_entry(summary: MeetingSummary, start: int, end: int) -> list[Any]:
    """A meeting's entry in the index ``Corpus.flush`` writes (see the module docstring)."""
    return [*summary[:4], list(summary.parties), summary.source, start, end,
            summary.language, summary.imported]  # fmt: skip


#: The longest first line :func:`read_index` reads (an index of ~300,000 meetings).
MOST_INDEX_BYTES = 64 << 20


def read_index(file: IO[bytes]) -> Scan | None:
    """The summaries and record spans from the index in the first line of an open
    corpus file (see the module docstring); None if it has none, or one that does not
    fit the file (the caller then reads the file whole). The file stays open, in the
    returned ``Scan``."""
    head = bytearray()
    while b"\n" not in head:
        chunk = file.read(1 << 18)
        if not chunk or len(head) > MOST_INDEX_BYTES:
            return None
        head += chunk
    first = head.index(b"\n")
    line = bytes(head[:first])
    if not line.endswith(HEAD):
        return None
    try:
        meta = jsonload.loads(line[: -len(HEAD)] + b"}")
        doc = meta["_meta"]["1"]
        entries = doc.pop("index")
        size = file.seek(0, 2)
        base = first + 1
        spans: dict[str, tuple[int, int]] = {}
        summaries: dict[str, MeetingSummary] = {}
        for mid, title, date, place, parties, source, start, end, *more in entries:
            language, imported = (*more, "en", "")[:2]  # an older index has neither
            summary = MeetingSummary(str(mid), str(title), optional_text(date),
                                     optional_text(place), tuple(str(p) for p in parties),
                                     str(source), language_tag(language),
                                     str(imported))  # fmt: skip
            if not (0 <= int(start) < int(end) <= size - base):
                return None
            spans[summary.id] = (base + int(start), base + int(end))
            summaries[summary.id] = summary
    except (UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError, OSError):
        return None
    return Scan(None, meta, spans, summaries, file)


def scan(raw: bytes) -> Scan | None:
    """Find the meeting records of a corpus as ``Corpus.flush`` lays it out and read
    each one's summary; None if the file is laid out otherwise or a line is not
    readable (the caller then reads it whole, and reports what is wrong)."""
    first = raw.find(b"\n")
    if first < 0 or not raw[:first].endswith(HEAD) or not raw.endswith(b"\n}}"):
        return None
    try:
        meta = jsonload.loads(raw[: first - len(HEAD)] + b"}")
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(meta, dict):
        return None
    found: list[tuple[int, int]] = []  # each record's JSON
    heads: list[bytes] = []  # its beginning, closed: {"id":…,"meeting":{"id":…,…}}
    last = len(raw) - 3  # the newline before the closing "}}"
    pos = first + 1
    while pos <= last:
        end = raw.find(b"\n", pos)
        stop = end - 1 if raw[end - 1 : end] == b"," else end
        colon = raw.find(b":", pos, stop)
        if colon < 0:
            return None
        areas = raw.find(_AREAS, colon, stop)
        found.append((colon + 1, stop))
        heads.append(raw[colon + 1 : areas] + b"}}" if areas > 0 else b"null")
        pos = end + 1
    # One parse for all (the beginnings are small, and many calls cost more). A
    # beginning that is not a whole JSON value by itself makes the whole parse fail
    # (its brackets cannot be closed by another's), and each line is then read alone.
    try:
        decoded = jsonload.loads(b"[" + b",".join(heads) + b"]")
    except (UnicodeDecodeError, ValueError):
        decoded = None
    if not isinstance(decoded, list) or len(decoded) != len(found):
        decoded = [None] * len(found)
    spans: dict[str, tuple[int, int]] = {}
    summaries: dict[str, MeetingSummary] = {}
    for (start, stop), head in zip(found, decoded, strict=True):
        summary = _summary(head) or _whole_summary(raw, start, stop)
        if summary is None:
            return None
        spans[summary.id] = (start, stop)  # a later record of an ID wins, as in a full read
        summaries[summary.id] = summary
    return Scan(raw, meta, spans, summaries)


def _summary(head: Any) -> MeetingSummary | None:
    """The summary from a record's beginning, if it holds every field of one."""
    meeting = head.get("meeting") if isinstance(head, dict) else None
    if isinstance(meeting, dict) and all(k in meeting for k in _SUMMARY_KEYS):
        try:
            return MeetingSummary.from_dict(meeting)
        except (TypeError, ValueError):
            return None
    return None


def _whole_summary(raw: bytes, start: int, stop: int) -> MeetingSummary | None:
    """The summary from the whole record (laid out otherwise than expected)."""
    try:
        return MeetingSummary.from_dict(jsonload.loads(raw[start:stop])["meeting"])
    except (UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError):
        return None

"""The area alignments behind the overview's rows, kept beside the store between runs.

Aligning two meetings' areas (``compare.align_areas``) reads every commitment of both,
tens of milliseconds a pair; a store of a thousand meetings has a thousand pairs. The
result depends only on the two meetings as corrected, so it is kept in
``store.aligned.json`` (``StorePaths.aligned``) under a digest of both and reused
until either changes. The file is derived data: losing it, or finding it unreadable,
only costs the time to align again; it is never needed to open the store, and a
read-only store is not written to.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from compare import align_areas
from parsers import Meeting
from store import fsio
from store.errors import StoreError

if TYPE_CHECKING:
    from store import Store

#: 2: each pair list one string ("older newer,older ,  newer"), read only when used (a
#: thousand pairs as JSON lists took a quarter of the overview's time to read)
VERSION = 2
_PAIR, _ITEM = ",", " "

Pairs = list[tuple[str | None, str | None]]


def digest(meeting: Meeting) -> str:
    """What the alignment of ``meeting``'s areas depends on: its areas' IDs and names, and
    its commitments' IDs (made from their texts; a correction that changes a text, a
    split or a merge, also adds or takes away an ID)."""
    return digest_of((a.id, a.name, [c.id for c in a.commitments]) for a in meeting.areas)


def digest_of(areas: Iterable[tuple[str, str, list[str]]]) -> str:
    """:func:`digest` from each area's ID, name and commitment IDs."""
    parts: list[str] = []
    for area_id, name, ids in areas:
        parts += ("\x1d", area_id, name)
        parts += ids
    return digest_parts(parts)


def digest_parts(parts: list[str]) -> str:
    """The digest of each area's mark, ID, name and commitment IDs laid end to end
    (``"\\x1d", area ID, name, *IDs`` for each area, as :func:`digest_of` lays them)."""
    return hashlib.blake2b(
        "\x1e".join(parts).encode("utf-8", "replace"), digest_size=12
    ).hexdigest()


class AreaAligner:
    """``aligner(older, newer)`` gives the area pairs, from the cache when it can.

    Thread-safe. The cache is read from ``path`` (if given); ``save()`` writes it back
    when something was aligned since, unless ``writable`` is False (a read-only store:
    its cache is used, never written).
    """

    def __init__(
        self,
        path: Path | None,
        *,
        writable: bool = True,
        versions: Versions | None = None,
    ) -> None:
        self.path = path
        self.writable = writable and path is not None
        #: the store's language versions: two meetings in other languages are aligned
        #: through their versions in one language (``Versions.comparable``), if they have
        self.versions = versions
        self.aligned = 0  # pairs aligned (not found in the cache) since created
        self._lock = threading.Lock()
        #: "older-ID newer-ID" -> (the two digests, the pairs), the pairs as saved
        #: (a string, turned into a list when first used) or as aligned
        self._pairs: dict[str, tuple[str, Pairs | str]] = self._read() if path else {}
        #: meeting ID -> the meeting object last seen and its digest (a new copy of a
        #: meeting, after a correction or a re-import, replaces the old one)
        self._digests: dict[str, tuple[Meeting, str]] = {}
        self._dirty = False

    @classmethod
    def for_store(cls, store: Store) -> AreaAligner:
        """The aligner of ``store``'s cache (read, and written unless it is read-only)."""
        return cls(store.files.aligned, writable=store.read_only is None, versions=store)

    def _read(self) -> dict[str, tuple[str, Pairs | str]]:
        """The cache as saved; anything in it not as ``save`` writes it is passed over
        (a damaged cache costs only the time to align again)."""
        assert self.path is not None
        try:
            data = fsio.read_store_file(self.path, "aligned areas")
            # the store's own derived file: json, not jsonload (whose checks of every
            # string, for files people edit, cost ten times the parse here)
            doc = json.loads(data) if data is not None else None
        except (StoreError, ValueError, RecursionError):
            return {}
        found = (
            doc.get("pairs") if isinstance(doc, dict) and doc.get("version") == VERSION else None
        )
        if not isinstance(found, dict):
            return {}
        return {
            key: (value[0], value[1])
            for key, value in found.items()
            if isinstance(value, list)
            and len(value) == 2
            and isinstance(value[0], str)
            and isinstance(value[1], str)
        }

    def know(self, meeting: Meeting, digest: str) -> None:
        """Take ``meeting``'s digest (:func:`digest`) as the caller made it, with every
        commitment ID at hand, rather than reading the meeting again."""
        with self._lock:
            hit = self._digests.get(meeting.id)
            if hit is None or hit[0] is not meeting:
                self._digests[meeting.id] = (meeting, digest)

    def _digest(self, meeting: Meeting) -> str:
        hit = self._digests.get(meeting.id)
        if hit is None or hit[0] is not meeting:
            hit = self._digests[meeting.id] = (meeting, digest(meeting))
        return hit[1]

    def cached(self, older: Meeting, newer: Meeting) -> bool:
        key = f"{older.id} {newer.id}"
        with self._lock:
            return self._hit(key, self._stamp(older, newer)) is not None

    def _hit(self, key: str, stamp: str) -> Pairs | None:
        """The pairs kept under ``key`` for ``stamp``; a saved entry that does not read as
        ``save`` writes it is dropped (aligned again)."""
        hit = self._pairs.get(key)
        if hit is None or hit[0] != stamp:
            return None
        pairs = hit[1]
        if isinstance(pairs, str):
            found = _unpacked(pairs)
            if found is None:
                del self._pairs[key]
                return None
            pairs = found
            self._pairs[key] = (stamp, pairs)
        return pairs

    def _stamp(self, older: Meeting, newer: Meeting) -> str:
        return self._digest(older) + self._digest(newer)

    def _in_one_language(self, older: Meeting, newer: Meeting) -> tuple[Meeting, Meeting]:
        """The two meetings, or their versions in one language where they are in two
        (Finance and 金融 are one row only if compared in one language)."""
        if self.versions is None or older.language == newer.language:
            return older, newer
        return self.versions.comparable(older, newer)

    def __call__(self, older: Meeting, newer: Meeting) -> Pairs:
        key = f"{older.id} {newer.id}"
        a, b = self._in_one_language(older, newer)
        with self._lock:
            stamp = self._stamp(older, newer)
            if (a, b) != (older, newer):  # which versions were compared counts too
                stamp += self._digest(a) + self._digest(b)
            hit = self._hit(key, stamp)
            if hit is not None:
                return list(hit)
        pairs: Pairs = [
            (m.a.id if m.a else None, m.b.id if m.b else None) for m in align_areas(a, b)
        ]
        if (a, b) != (older, newer):
            pairs = _as_primary(pairs, older, newer, self.versions)
        with self._lock:
            self._pairs[key] = (stamp, pairs)
            self._dirty = True
            self.aligned += 1
        return list(pairs)

    def save(self, meetings: Iterable[str] | None = None) -> None:
        """Keep what was aligned for the next run; with ``meetings`` (every meeting ID
        of the store), pairs of meetings no longer there are dropped. A failure to
        write only loses time."""
        with self._lock:
            if not self.writable or self.path is None or not self._dirty:
                return
            if meetings is not None:
                present = set(meetings)
                self._pairs = {k: v for k, v in self._pairs.items() if set(k.split(" ")) <= present}
            packed = {
                k: [s, p if isinstance(p, str) else _packed(p)] for k, (s, p) in self._pairs.items()
            }
            doc = {
                "version": VERSION,
                "pairs": {k: v for k, v in packed.items() if v[1] is not None},
            }
            self._dirty = False
        data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            fsio.write_replace(self.path, data)
        except OSError:
            self._dirty = True


def _packed(pairs: Pairs) -> str | None:
    """Area pairs as saved: "older newer" joined by commas, an ID missing as "" (None if
    an ID holds a separator: such a pair list is not kept, only aligned again)."""
    ids = [i for pair in pairs for i in pair if i is not None]
    if any(not i or _PAIR in i or _ITEM in i for i in ids):
        return None
    return _PAIR.join(f"{a or ''}{_ITEM}{b or ''}" for a, b in pairs)


def _unpacked(text: str) -> Pairs | None:
    """The pairs of ``_packed``, or None if ``text`` is not as it writes them."""
    if not text:
        return []
    items = [item.split(_ITEM) for item in text.split(_PAIR)]
    if any(len(parts) != 2 or parts == _NEITHER for parts in items):
        return None
    return [(a or None, b or None) for a, b in items]


_NEITHER = ["", ""]


class Versions(Protocol):
    """What the aligner asks of the store's language versions (``store.VersionMethods``)."""

    def comparable(self, a: Meeting, b: Meeting) -> tuple[Meeting, Meeting]: ...

    def canonical_id(self, target_id: str) -> str: ...


def _as_primary(pairs: Pairs, older: Meeting, newer: Meeting, versions: Versions | None) -> Pairs:
    """Pairs of two meetings' versions as pairs of the meetings' own areas: each version's
    area given as the area it stands for (``canonical_id``); an area of the meetings'
    that no pair names is a pair of its own (new or dropped)."""
    assert versions is not None  # pairs of versions are made only with them
    mine = ({a.id for a in older.areas}, {a.id for a in newer.areas})
    seen: tuple[set[str], set[str]] = (set(), set())
    out: Pairs = []
    for pair in pairs:
        ids: list[str | None] = []
        for side, area_id in enumerate(pair):
            found = versions.canonical_id(area_id) if area_id else None
            ok = found in mine[side] and found not in seen[side]
            ids.append(found if ok else None)
            if ok:
                seen[side].add(str(found))
        if ids[0] or ids[1]:
            out.append((ids[0], ids[1]))
    out += [(a.id, None) for a in older.areas if a.id not in seen[0]]
    out += [(None, a.id) for a in newer.areas if a.id not in seen[1]]
    return out

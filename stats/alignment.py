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
from pathlib import Path

from compare import align_areas
from parsers import Meeting
from store import fsio
from store.errors import StoreError

VERSION = 1

Pairs = list[tuple[str | None, str | None]]


def digest(meeting: Meeting) -> str:
    """What the alignment of ``meeting``'s areas depends on: its areas' IDs and names, and
    its commitments' IDs (made from their texts; a correction that changes a text, a
    split or a merge, also adds or takes away an ID)."""
    parts: list[str] = []
    for area in meeting.areas:
        parts += ("\x1d", area.id, area.name)
        parts += [c.id for c in area.commitments]
    return hashlib.blake2b(
        "\x1e".join(parts).encode("utf-8", "replace"), digest_size=12
    ).hexdigest()


class AreaAligner:
    """``aligner(older, newer)`` gives the area pairs, from the cache when it can.

    Thread-safe; ``save()`` writes what was aligned since the cache was read (nothing
    when ``path`` is None or nothing is new).
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.aligned = 0  # pairs aligned (not found in the cache) since created
        self._lock = threading.Lock()
        self._pairs: dict[str, tuple[str, Pairs]] = self._read() if path else {}
        self._digests: dict[int, tuple[Meeting, str]] = {}
        self._dirty = False

    def _read(self) -> dict[str, tuple[str, Pairs]]:
        assert self.path is not None
        try:
            data = fsio.read_store_file(self.path, "aligned areas")
            # the store's own derived file: json, not jsonload (whose checks of every
            # string, for files people edit, cost ten times the parse here)
            doc = json.loads(data) if data is not None else None
        except (StoreError, ValueError, RecursionError):
            return {}
        if not isinstance(doc, dict) or doc.get("version") != VERSION:
            return {}
        out: dict[str, tuple[str, Pairs]] = {}
        for key, value in (doc.get("pairs") or {}).items():
            try:
                stamp, pairs = value
                out[str(key)] = (str(stamp), [(_id(a), _id(b)) for a, b in pairs])
            except (TypeError, ValueError):
                continue
        return out

    def _digest(self, meeting: Meeting) -> str:
        hit = self._digests.get(id(meeting))
        if hit is None or hit[0] is not meeting:
            hit = self._digests[id(meeting)] = (meeting, digest(meeting))
        return hit[1]

    def cached(self, older: Meeting, newer: Meeting) -> bool:
        key = f"{older.id} {newer.id}"
        with self._lock:
            hit = self._pairs.get(key)
            return hit is not None and hit[0] == self._stamp(older, newer)

    def _stamp(self, older: Meeting, newer: Meeting) -> str:
        return self._digest(older) + self._digest(newer)

    def __call__(self, older: Meeting, newer: Meeting) -> Pairs:
        key = f"{older.id} {newer.id}"
        with self._lock:
            stamp = self._stamp(older, newer)
            hit = self._pairs.get(key)
            if hit is not None and hit[0] == stamp:
                return list(hit[1])
        pairs: Pairs = [
            (m.a.id if m.a else None, m.b.id if m.b else None) for m in align_areas(older, newer)
        ]
        with self._lock:
            self._pairs[key] = (stamp, pairs)
            self._dirty = True
            self.aligned += 1
        return list(pairs)

    def save(self) -> None:
        """Keep what was aligned for the next run; a failure to write only loses time."""
        with self._lock:
            if self.path is None or not self._dirty:
                return
            doc = {"version": VERSION, "pairs": {k: [s, p] for k, (s, p) in self._pairs.items()}}
            self._dirty = False
        data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            fsio.write_replace(self.path, data)
        except OSError:
            self._dirty = True


def _id(value: object) -> str | None:
    return None if value is None else str(value)

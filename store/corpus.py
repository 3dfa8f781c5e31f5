"""The parsed corpus: meetings in a TinyDB file, source documents beside it.

All of it is derived from the source documents, which are kept in
``store.sources/`` under their SHA-256 (written once, never rewritten), so the
corpus can always be rebuilt by parsing them again. ``store.corpus.json`` is
rewritten (atomically) only by imports, never by an annotation.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import time
from pathlib import Path
from typing import Any

from parsers.model import Area, Commitment, Meeting
from parsers.reading import MAX_DOCUMENT_BYTES, InputError, read_bounded
from store import fsio, jsonload
from store.corpus_record import MeetingRecord
from store.corpus_scan import MeetingSummary, Scan, index_entry, read_index, scan
from store.errors import ErrorKind, StoreError
from store.storage import AtomicJSONStorage, dumps

CORPUS_SCHEMA = 1
#: What to do about a corpus that cannot be read (``Store.rebuild`` parses the sources again).
CORPUS_ADVICE = "it holds only data derived from the source documents: move it aside and rebuild it"
NEWER_ADVICE = "upgrade coop-tui, or move the file aside and rebuild the corpus"

Location = tuple[Meeting, Area | None, Commitment | None]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sort_key(meeting: Meeting) -> tuple[bool, str, str, str]:
    """By date (undated last), then title, then ID."""
    return (meeting.date is None, meeting.date or "", meeting.title.casefold(), meeting.id)


class Corpus:
    def __init__(self, path: Path, sources: Path) -> None:
        self.path = path
        self.sources = sources
        self.storage = AtomicJSONStorage(
            path, what="corpus", advice=CORPUS_ADVICE, kind=ErrorKind.CORPUS_UNREADABLE
        )
        # ``records``, ``index`` and ``_docs`` are properties over these (see below).
        self._records: dict[str, MeetingRecord] = {}
        self._index: dict[str, tuple[str, int | None, int | None]] = {}
        #: Each record's JSON form, as written (so a write needs no re-encoding of the rest).
        #: Its doc, or the doc already encoded (``flush`` encodes each doc once).
        self._doc_map: dict[str, dict[str, Any] | bytes] = {}
        self.signature: fsio.Signature | None = None
        #: Records changed in memory and not yet written (``save(..., defer=True)``).
        self.dirty = False
        #: How many times the records were replaced or one was saved (what is worked out
        #: from them is kept while this stays: ``store.versions``).
        self.changes = 0
        self._languages: tuple[int, frozenset[str]] | None = None  # see ``languages``
        #: ``by_doc``'s index (source document → first meeting ID), and the ``records`` it
        #: indexes: rebuilt for any other (a load replaces ``records``).
        self._by_doc: dict[str, str] = {}
        self._by_doc_of: dict[str, MeetingRecord] | None = None
        #: ``has_meeting``'s index (every ID a stored meeting had before), the same way.
        self._earlier: set[str] = set()
        self._earlier_of: dict[str, MeetingRecord] | None = None
        # A lazy load (``load(lazy=True)``): the file as read while some of its meetings
        # are not decoded yet, and where each of those is in it.
        self._lazy_lock = threading.RLock()
        self._scan: Scan | None = None
        self._unread: dict[str, tuple[int, int]] = {}
        self._collided = False

    # -- the records (decoded on first use after a lazy load) ---------------
    @property
    def records(self) -> dict[str, MeetingRecord]:
        """Every meeting record by meeting ID; after a lazy load the meetings not yet
        decoded are decoded first, so this is always the whole corpus."""
        if self._scan is not None:
            self.read_all()
        return self._records

    @records.setter
    def records(self, value: dict[str, MeetingRecord]) -> None:
        with self._lazy_lock:
            self._drop_scan()
            self._records = value
            self.changes += 1

    @property
    def index(self) -> dict[str, tuple[str, int | None, int | None]]:
        """Where every meeting, area and commitment ID is (the whole corpus, as ``records``)."""
        if self._scan is not None:
            self.read_all()
        return self._index

    @index.setter
    def index(self, value: dict[str, tuple[str, int | None, int | None]]) -> None:
        self._index = value

    @property
    def _docs(self) -> dict[str, dict[str, Any] | bytes]:
        if self._scan is not None:
            self.read_all()
        return self._doc_map

    @_docs.setter
    def _docs(self, value: dict[str, dict[str, Any] | bytes]) -> None:
        with self._lazy_lock:
            self._drop_scan()
            self._doc_map = value

    # -- reading ----------------------------------------------------------
    def exists(self) -> bool:
        return self.path.exists()

    def load(self, *, lazy: bool = False) -> None:
        """Read the corpus file. ``lazy`` reads only each meeting's summary (see
        ``store.corpus_scan``) and decodes a meeting when it is first needed, or when
        ``read_some`` is called; a file not laid out for that is read whole."""
        with self._lazy_lock:
            self.signature = fsio.signature(self.path)
            if lazy and self._load_lazily():
                return
            self._load_whole()

    def _load_whole(self) -> None:
        data = self._read_lines()
        if data is None:
            data = self.storage.read() or {}
        tables = data.get("meetings") or {}
        if not isinstance(tables, dict):
            raise self._unreadable("the corpus is corrupt")
        docs = list(tables.values())
        self._check_meta(data, bool(docs))
        try:
            records = [MeetingRecord.from_doc(d) for d in docs]
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise self._unreadable(f"the corpus is corrupt ({exc!s:.60})") from exc
        self.records = {r.meeting.id: r for r in records}
        self._docs = {r.meeting.id: d for r, d in zip(records, docs, strict=True)}
        self.dirty = False
        self._reindex()

    def _unreadable(self, what: str, *, newer: bool = False) -> StoreError:
        """The corpus cannot be read (``what``): derived data, to set aside and rebuild."""
        msg, kind = f"{self.path}: {what}", ErrorKind.CORPUS_UNREADABLE
        advice = NEWER_ADVICE if newer else CORPUS_ADVICE
        return StoreError(msg, kind=kind, path=self.path, advice=advice, newer=newer)

    def _check_meta(self, data: dict[str, Any], has_docs: bool) -> None:
        meta = (data.get("_meta") or {}).get("1") if isinstance(data.get("_meta"), dict) else None
        if meta is None and not has_docs:
            if self.signature is not None and data not in (None, {}):
                raise self._unreadable("not a coop-tui corpus")
        elif meta is None:
            return
        elif not isinstance(meta, dict) or type(meta.get("schema", 0)) is not int:
            raise self._unreadable("the corpus is corrupt")
        elif meta.get("schema", 0) > CORPUS_SCHEMA:
            raise self._unreadable("written by a newer version of coop-tui", newer=True)

    # -- reading lazily -------------------------------------------------------
    def _load_lazily(self) -> bool:
        """Read every meeting's summary, decoding no meeting: from the index in the
        file's first line, or else by reading the file and scanning it; False if the
        file is not laid out for either (or unreadable: reading it whole says why)."""
        fd = fsio.open_store_file(self.path, "corpus")
        if fd is None:
            return False
        file = os.fdopen(fd, "rb")  # kept open: see ``Scan``
        found = read_index(file)
        if found is None:
            file.close()
            raw = fsio.read_store_file(self.path, "corpus")
            if raw is None:
                return False
            found = scan(raw)
            if found is None:
                return False
        self._drop_scan()
        try:
            self._check_meta({**found.meta, "meetings": found.spans}, bool(found.spans))
        except StoreError:
            found.close()
            raise
        self._records, self._doc_map, self._index = {}, {}, {}
        self._unread = dict(found.spans)
        self._collided = False
        self._scan = found if found.spans else None
        if not found.spans:
            found.close()
        self.dirty = False
        return True

    def _drop_scan(self) -> None:
        if self._scan is not None:
            self._scan.close()
        self._scan = None
        self._unread = {}

    @property
    def fully_read(self) -> bool:
        """Every meeting is decoded (always, unless a lazy load is still under way)."""
        return self._scan is None

    def summaries(self) -> list[MeetingSummary]:
        """Every meeting's summary, in ``meetings()`` order; decodes no meeting."""
        with self._lazy_lock:
            found = self._scan
            if found is not None:
                items = list(found.summaries.values())
            else:
                items = [MeetingSummary.of(r.meeting, r.imported) for r in self._records.values()]
        return sorted(items, key=sort_key)  # type: ignore[arg-type]  # the same fields

    def languages(self) -> frozenset[str]:
        """The languages of the meetings (one pass over their summaries, kept until the
        records change): most stores are in one, and have no versions to work out."""
        known = self._languages
        if known is not None and known[0] == self.changes:
            return known[1]
        with self._lazy_lock:
            found = self._scan
            if found is not None:
                languages = frozenset(s.language for s in found.summaries.values())
            else:
                languages = frozenset(r.meeting.language for r in self._records.values())
        self._languages = (self.changes, languages)
        return languages

    def record(self, meeting_id: str) -> MeetingRecord | None:
        """One meeting's record, decoded now if a lazy load has not yet; None if none.

        A decoded meeting is found without the lock, so a thread decoding the rest in
        the background (``read_some``) does not hold up one that asks for it.
        """
        rec = self._records.get(meeting_id)
        if rec is not None:
            return rec
        if self._scan is None:  # complete (and stays so): ask again, it may just be
            return self._records.get(meeting_id)
        with self._lazy_lock:
            rec = self._records.get(meeting_id)
            if rec is None and meeting_id in self._unread:
                rec = self._decode(meeting_id)
            return rec

    def read_some(self, seconds: float = 0.005) -> bool:
        """Decode meetings a lazy load left for about ``seconds`` (at least one); True
        while some remain. A thread reading the corpus in the background calls this
        again and again, so that no other thread waits long for the lock."""
        deadline = time.perf_counter() + seconds
        with self._lazy_lock:
            while self._unread:
                self._decode(next(iter(self._unread)))
                if time.perf_counter() >= deadline:
                    break
            return bool(self._unread)

    def read_all(self) -> None:
        """Decode every meeting a lazy load left (StoreError if one is corrupt)."""
        with self._lazy_lock:
            while self._unread:
                self._decode(next(iter(self._unread)))

    def _decode(self, meeting_id: str) -> MeetingRecord:
        """Decode one meeting of a lazy load (under the lock)."""
        assert self._scan is not None
        start, end = self._unread[meeting_id]
        problem = ""
        try:
            doc = jsonload.loads(self._scan.record_bytes(start, end))
            record = MeetingRecord.from_doc(doc)
        except OSError as exc:
            raise StoreError(
                f"{self.path}: cannot read the corpus ({fsio.describe_os_error(exc)})"
            ) from exc
        except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
            problem = f" ({exc!s:.60})"
        else:
            if record.meeting.id != meeting_id:
                problem = " (a record is not where the file says)"
        if problem:
            if self._scan.raw is None and self._scan_whole() and meeting_id in self._unread:
                return self._decode(meeting_id)  # the index was off: found by scanning
            raise self._unreadable(f"the corpus is corrupt{problem}")
        self._records[meeting_id] = record
        self._doc_map[meeting_id] = doc
        before = len(self._index)
        _index_record(self._index, record)
        added = 1 + sum(1 + len(a.commitments) for a in record.meeting.areas)
        self._collided = self._collided or len(self._index) - before != added
        del self._unread[meeting_id]  # only now: a reader seeing none left sees them all
        if not self._unread:
            self._finish_lazy()
        return record

    def _scan_whole(self) -> bool:
        """The index in the file's first line does not fit its records (the file was
        changed by hand?): read the same file whole and find the records by scanning
        it, as for a file without an index. False if that fails too."""
        found = self._scan
        assert found is not None and found.file is not None
        try:
            found.file.seek(0)
            raw = found.file.read(fsio.STORE_FILE_MAX + 1)
        except OSError:
            return False
        rescanned = scan(raw) if len(raw) <= fsio.STORE_FILE_MAX else None
        if rescanned is None:
            return False
        found.close()
        self._scan = rescanned
        self._unread = {m: span for m, span in rescanned.spans.items() if m not in self._records}
        return True

    def _finish_lazy(self) -> None:
        """Every meeting is decoded: records in file order, as a whole read leaves them."""
        assert self._scan is not None
        order = self._scan.spans
        self._records = {mid: self._records[mid] for mid in order}
        self._doc_map = {mid: self._doc_map[mid] for mid in order}
        if self._collided:  # an ID in two meetings: the first in the file keeps it
            self._reindex()
        found, self._scan = self._scan, None  # last: readers that see it gone see all
        found.close()

    def changed_on_disk(self) -> bool:
        return fsio.signature(self.path) != self.signature

    def _reindex(self) -> None:
        index: dict[str, tuple[str, int | None, int | None]] = {}
        for rec in self.records.values():
            _index_record(index, rec)
        self.index = index

    def meetings(self) -> list[Meeting]:
        return sorted((r.meeting for r in self.records.values()), key=sort_key)

    def locate(self, target_id: str) -> Location | None:
        """A meeting's, area's or commitment's place. After a lazy load a meeting ID
        decodes only that meeting; an area or commitment ID not decoded yet decodes
        them all. An ID of a decoded meeting is found without the lock (see ``record``);
        ``_decode`` adds a record before its IDs, so what the index names is there."""
        where = self._index.get(target_id)
        if where is None:
            if self._scan is not None:
                with self._lazy_lock:
                    if self._scan is not None and target_id not in self._index:
                        if target_id in self._unread:
                            self._decode(target_id)
                        else:
                            self.read_all()
            where = self._index.get(target_id)
        if where is None:
            return None
        mid, ai, ci = where
        meeting = self._records[mid].meeting
        area = meeting.areas[ai] if ai is not None else None
        commitment = area.commitments[ci] if area is not None and ci is not None else None
        return meeting, area, commitment

    def successor(self, meeting_id: str | None, doc: str | None) -> MeetingRecord | None:
        """The stored meeting an anchor's meeting has become (same ID, earlier ID or source)."""
        if meeting_id and meeting_id in self.records:
            return self.records[meeting_id]
        for rec in self.records.values():
            if meeting_id and meeting_id in rec.previous_ids:
                return rec
        if doc:
            for rec in self.records.values():
                if rec.doc == doc:
                    return rec
        return None

    def by_doc(self, doc: str) -> MeetingRecord | None:
        """The first record (in ``records`` order) of source document ``doc``."""
        if self._by_doc_of is not self.records:  # built for another ``records`` (a load)
            self._by_doc = {}
            for mid, rec in self.records.items():
                self._by_doc.setdefault(rec.doc, mid)
            self._by_doc_of = self.records
        found = self._by_doc.get(doc)
        return self.records[found] if found is not None else None

    def has_meeting(self, meeting_id: str, doc: str) -> bool:
        """Whether a stored meeting is this one: by its ID, an ID it had before (see
        ``MeetingRecord.previous_ids``) or its source document."""
        if meeting_id in self.records or self.by_doc(doc) is not None:
            return True
        if self._earlier_of is not self.records:  # built for another ``records`` (a load)
            self._earlier = {i for rec in self.records.values() for i in rec.previous_ids}
            self._earlier_of = self.records
        return meeting_id in self._earlier

    # -- sources ----------------------------------------------------------
    def source_path(self, doc: str, suffix: str) -> Path:
        return self.sources / f"{doc}{suffix.lower()}"

    def source_bytes(self, rec: MeetingRecord) -> bytes:
        path = self.source_path(rec.doc, rec.suffix)
        try:
            return read_bounded(path, MAX_DOCUMENT_BYTES)  # (checked by kind on import)
        except InputError as exc:
            raise StoreError(f"{exc}; import the document again") from exc
        except OSError as exc:
            raise StoreError(
                f"{path}: the stored source document cannot be read "
                f"({fsio.describe_os_error(exc)}); import the document again"
            ) from exc

    def save_source(
        self, doc: str, suffix: str, data: bytes, *, durable: bool = True
    ) -> Path | None:
        """Store a source document; returns its path if it was newly written.

        Without ``durable`` the file is written but not synced: the caller syncs it
        (``fsio.sync_files``) before the corpus refers to it. A stored file whose bytes
        are not the document's (torn by a crash before it was synced) is written again.
        """
        path = self.source_path(doc, suffix)
        if self._intact(path, doc):
            # a meeting's source once more (an earlier version imported again): its time
            # says it is the newest, for a rebuild without the corpus (``Store.rebuild``)
            with contextlib.suppress(OSError):
                os.utime(path)
            return None
        if not self.sources.exists():
            self.sources.mkdir(parents=True, exist_ok=True)
            fsio.fsync_dir(self.sources.parent)
        if durable:
            fsio.write_atomic(path, data)
        else:
            fsio.write_replace(path, data)
        return path

    @staticmethod
    def _intact(path: Path, doc: str) -> bool:
        try:
            return sha256(read_bounded(path, MAX_DOCUMENT_BYTES)) == doc
        except (OSError, InputError):
            return False

    def discard_source(self, path: Path) -> None:
        with contextlib.suppress(OSError):
            os.unlink(path)

    def stored_sources(self) -> list[Path]:
        if not self.sources.is_dir():
            return []
        return sorted(
            p for p in self.sources.iterdir() if p.is_file() and not p.name.startswith(".")
        )

    # -- writing ----------------------------------------------------------
    def save(
        self,
        rec: MeetingRecord,
        replaces: str | None = None,
        *,
        defer: bool = False,
        encoded: bytes | None = None,
    ) -> None:
        """Store one meeting (replacing ``replaces`` if its ID changed) in one atomic write.

        The corpus is written from memory (the caller holds the lock and is up to date
        with the disk), never read back first. With ``defer`` only memory changes and
        ``flush()`` writes every deferred change at once: a bulk import writes the corpus
        once per batch instead of once per file. ``encoded`` is ``rec.encoded(...)``, if
        the caller has it.
        """
        mid = rec.meeting.id
        self.changes += 1
        new = mid not in self.records and not (replaces and replaces != mid)
        if replaces and replaces != mid:
            self.records.pop(replaces, None)
            self._docs.pop(replaces, None)
        self.records[mid] = rec
        self._docs[mid] = encoded if encoded is not None else rec.to_doc()
        if new:  # only adds IDs: the earlier meetings keep theirs, as a full reindex would
            _index_record(self.index, rec)
            if self._by_doc_of is self.records:
                self._by_doc.setdefault(rec.doc, mid)
            if self._earlier_of is self.records:
                self._earlier.update(rec.previous_ids)
        else:
            self._reindex()
            self._by_doc_of = None  # a record replaced: which comes first may have changed
            self._earlier_of = None
        self.dirty = True
        if not defer:
            self.flush()

    def flush(self) -> None:
        """Write the corpus as it is in memory (atomic, durable); OSError if it fails.

        The file is the TinyDB layout with one meeting per line, so ``load`` can parse
        it a meeting at a time (see ``_read_lines``).
        """
        docs = self._docs
        last = len(docs)
        encoded: dict[str, bytes] = {}
        lines: list[bytes] = []
        index: list[list[Any]] = []  # see ``store.corpus_scan``: summaries and spans
        pos = 0  # from the start of the second line
        for n, (mid, doc) in enumerate(docs.items(), 1):
            if isinstance(doc, bytes):
                record = doc
            else:
                record = encoded[mid] = dumps(doc)
            key = b'"%d":' % n
            lines.append(key + record + (b"," if n < last else b""))
            rec = self._records[mid]
            summary = MeetingSummary.of(rec.meeting, rec.imported)
            index.append(index_entry(summary, pos + len(key), pos + len(key) + len(record)))
            pos += len(lines[-1]) + 1
        meta = {"_meta": {"1": {"schema": CORPUS_SCHEMA, "index": index}}}
        parts = [dumps(meta)[:-1] + b',"meetings":{', *lines, b"}}"]
        fsio.write_atomic(self.path, b"\n".join(parts))
        self._docs.update(encoded)  # a bulk import's later writes do not encode them again
        self.signature = fsio.signature(self.path)
        self.dirty = False

    def _read_lines(self) -> dict[str, Any] | None:
        """The corpus as ``flush`` writes it, parsed one meeting line at a time; None if
        the file is missing or laid out otherwise (then it is read whole).

        One ``json.loads`` of a large corpus holds the GIL for the whole parse, and the
        app loads the store in a thread while its screen must stay responsive.
        """
        raw = fsio.read_store_file(self.path, "corpus")
        if raw is None:
            return None
        lines = raw.split(b"\n")
        head = b',"meetings":{'
        if len(lines) < 2 or not lines[0].endswith(head) or lines[-1] != b"}}":
            return None
        try:
            meta = jsonload.loads(lines[0][: -len(head)] + b"}")
            meetings: dict[str, Any] = {}
            for line in lines[1:-1]:
                key, sep, doc = line.rstrip(b",").partition(b":")
                if not sep:
                    return None
                meetings[jsonload.loads(key)] = jsonload.loads(doc)
        except (UnicodeDecodeError, ValueError):
            return None
        if not isinstance(meta, dict) or not all(isinstance(d, dict) for d in meetings.values()):
            return None
        return {**meta, "meetings": meetings}


def _index_record(index: dict[str, tuple[str, int | None, int | None]], rec: MeetingRecord) -> None:
    """Add a record's meeting, areas and commitments; an ID indexed before keeps its place."""
    mid = rec.meeting.id
    index[mid] = (mid, None, None)
    for ai, area in enumerate(rec.meeting.areas):
        index.setdefault(area.id, (mid, ai, None))
        for ci, c in enumerate(area.commitments):
            index.setdefault(c.id, (mid, ai, ci))

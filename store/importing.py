"""Importing release files into a store: the part of :class:`store.store.Store` that
parses releases and writes the corpus (mixed into ``Store``; see ``Store.import_paths``).

A bulk import works in slices (``Importing._import_batch``): files are parsed ahead,
in worker processes when there are many (``store.parsing``), then stored and written
under the store's lock a slice at a time, and a slice whose write fails is undone whole.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parsers.reading import name_text
from store import fsio
from store.corpus import MeetingRecord, sha256
from store.errors import StoreError
from store.model import ImportResult, now_iso

if TYPE_CHECKING:  # imported where used: opening a store needs neither
    from store import importer, parsing
    from store.store import Store

#: A bulk import writes the corpus after parsing for at least this long …
SLICE_MIN_SECONDS = 0.25
#: … and at least this many times the last corpus write took (see ``_import_batch``) …
SLICE_FLUSH_RATIO = 8.0
#: … unless it has read this many bytes of releases (what it holds in memory till then).
SLICE_MAX_BYTES = 32 << 20

Progress = Callable[[int, int, str], None]


def _newest_first(path: Path) -> tuple[int, str]:
    """Sort key: the most recently written (or re-imported) source document first."""
    try:
        return (-path.stat().st_mtime_ns, path.name)
    except OSError:
        return (0, path.name)


@dataclass
class _Batch:
    """What a slice of a bulk import changed, to undo it if writing the corpus fails."""

    first_result: int
    offset: int = 0  # the journal before the slice's first event
    line_no: int = 0
    journalled: bool = False
    sources: list[Path] = field(default_factory=list)


class Importing:
    """Importing release files (``Store`` inherits these; each works on the store)."""

    def import_paths(
        self: Store, paths: list[Path], progress: Progress | None = None
    ) -> list[ImportResult]:
        """Import release files and directories; one result per file, in argument order
        (a directory's files sorted), a path that cannot be used reported where it came."""
        from store import importer

        return self.import_collected(importer.collect_files([Path(p) for p in paths]), progress)

    def import_collected(
        self: Store, collected: importer.Collected, progress: Progress | None = None
    ) -> list[ImportResult]:
        """Import what ``importer.collect_files`` found; one result per entry, in order."""
        imported = iter(self._import_batch([(p, None) for p in collected.files], progress))
        return [next(imported) if isinstance(e, Path) else e for e in collected.entries]

    def rebuild(self: Store, progress: Progress | None = None) -> list[ImportResult]:
        """Parse each stored meeting's source document again (after a parser improvement).

        Only the document each meeting was last imported from: the earlier versions of a
        release stay in ``store.sources/`` but are never parsed back over the current one.
        A stored document that no meeting refers to (the corpus was lost or moved aside,
        or a rebuild was cut short) is parsed too, the most recently imported first, and
        added only if the store has no such meeting yet: so a meeting comes back from
        the last version imported, and an older version is left out (no result)."""
        with self._locked():
            self._sync()
            jobs: list[tuple[Path, str | None]] = [
                (self.corpus.source_path(r.doc, r.suffix), r.source_name)
                for r in self.corpus.records.values()
            ]
            known = {p for p, _n in jobs}
            spare = [p for p in self.corpus.stored_sources() if p not in known]
        spare.sort(key=_newest_first)
        return self._import_batch(jobs + [(p, p.name) for p in spare], progress, len(jobs))

    def _import_batch(
        self: Store,
        jobs: list[tuple[Path, str | None]],
        progress: Progress | None,
        only_new_from: int | None = None,
    ) -> list[ImportResult]:
        """Import files in slices: each slice reads and parses files for a while (without
        the lock: parsing needs nothing from the store), then takes the lock, stores them
        and writes the corpus once (``Corpus.flush``) — not once per file, which at
        thousands of meetings would rewrite a large file thousands of times.

        A slice lasts at least ``SLICE_MIN_SECONDS`` and at least ``SLICE_FLUSH_RATIO``
        times the last corpus write (unless it holds ``SLICE_MAX_BYTES`` of releases), so
        writing costs a bounded share of the import; the lock is held only to store a
        slice's meetings and write them (other processes wait up to ``lock_timeout``).
        Results are final only once their slice is written: if that write fails, every
        file of the slice is reported failed and the store is left as it was before it.

        The jobs from ``only_new_from`` on add only meetings the store does not have
        (``rebuild``); one it has is left alone, and has no result.
        """
        from store import parsing

        results: list[ImportResult] = []
        total = len(jobs)
        i = 0
        with parsing.ParsedFiles(jobs) as parsed:  # parsed ahead, by workers if many
            while i < total:
                budget = max(SLICE_MIN_SECONDS, SLICE_FLUSH_RATIO * self._last_flush)
                start = time.perf_counter()
                first = i
                ready: list[tuple[Path, str | None, parsing.Parsed, bool]] = []
                held = 0
                while i < total and (
                    i == first or (time.perf_counter() - start < budget and held < SLICE_MAX_BYTES)
                ):
                    path, name = jobs[i]
                    if progress:
                        progress(i, total, name or str(path))
                    file = next(parsed)
                    held += len(file.data) if isinstance(file, parsing.ParsedFile) else 0
                    only_new = only_new_from is not None and i >= only_new_from
                    ready.append((path, name, file, only_new))
                    i += 1
                with self._locked():
                    self._sync()
                    batch = _Batch(first_result=len(results))
                    for path, name, file, only_new in ready:
                        result = self._import_parsed(path, name, file, batch, only_new)
                        if result is not None:
                            results.append(result)
                    self._finish_batch(batch, results)
        if progress:
            progress(total, total, "")
        return results

    def _finish_batch(self: Store, batch: _Batch, results: list[ImportResult]) -> None:
        """Write the slice's corpus changes; on failure undo the slice (under the lock)."""
        if not self.corpus.dirty:
            return
        start = time.perf_counter()
        try:
            fsio.sync_files(batch.sources)  # written unsynced (``_write_corpus``): now, at once
            self.corpus.flush()
        except OSError as exc:
            reason = (
                f"{self.files.corpus}: could not store the meeting "
                f"({fsio.describe_os_error(exc)}); the store is unchanged"
            )
            if batch.journalled:
                try:
                    self._journal.truncate_to(batch.offset, batch.line_no)
                except OSError:
                    self._main_sig = None  # disk and memory may differ: reload on next use
            for source in batch.sources:
                self.corpus.discard_source(source)
            for n in range(batch.first_result, len(results)):
                r = results[n]
                if r.outcome in ("added", "updated"):
                    results[n] = ImportResult(r.path, "failed", meeting_id=r.meeting_id,
                                              reason=reason)  # fmt: skip
            self._main_sig = None  # re-read annotations and corpus as they are on disk
            with contextlib.suppress(StoreError):
                self._sync()
            return
        self._last_flush = time.perf_counter() - start
        self._maybe_compact()

    def _import_parsed(
        self: Store,
        path: Path,
        name: str | None,
        parsed: parsing.Parsed,
        batch: _Batch,
        only_new: bool = False,
    ) -> ImportResult | None:
        """Store what ``parsing.read_and_parse`` made of a file (in a slice of a batch);
        with ``only_new``, only if the store does not have its meeting (else None)."""
        if isinstance(parsed, ImportResult):
            return parsed
        if only_new and self.corpus.has_meeting(parsed.meeting.id, sha256(parsed.data)):
            return None
        shown = str(path) if name is None else name
        try:
            suffix = name_text(Path(name or path.name).suffix)
            return self._store_parsed(shown, parsed, suffix, batch)
        except StoreError as exc:
            return ImportResult(shown, "failed", meeting_id=parsed.meeting.id, reason=str(exc))

    def _store_parsed(
        self: Store, shown: str, parsed: parsing.ParsedFile, suffix: str, batch: _Batch
    ) -> ImportResult:
        """Add or update a parsed meeting; in a slice of ``_import_batch`` (which holds the
        lock and caught up with the disk when the slice began)."""
        from store import importer

        data, meeting = parsed.data, parsed.meeting
        doc = sha256(data)
        old = self.corpus.records.get(meeting.id) or self.corpus.by_doc(doc)
        if old is not None and importer.content_of(old.meeting) == importer.content_of(meeting):
            if old.doc == doc:
                if not self.corpus.source_path(doc, old.suffix).exists():
                    self._write_corpus(old, None, data, [], batch)  # repair a deleted source
                return ImportResult(shown, "unchanged", meeting_id=meeting.id)
            if self._same_text(old, data):  # another encoding or line ending: the same
                return ImportResult(shown, "unchanged", meeting_id=meeting.id)
        now = now_iso()
        plan = importer.Plan()
        previous: list[str] = []
        if old is not None:
            plan = importer.plan_update(self._state, old, meeting, doc, self.corpus.index)
            previous = list(old.previous_ids)
            if old.meeting.id != meeting.id and old.meeting.id not in previous:
                previous.append(old.meeting.id)
        record = MeetingRecord(
            meeting=meeting,
            doc=doc,
            source_name=meeting.source or name_text(Path(shown).name),
            suffix=suffix.lower(),
            imported=old.imported if old else now,
            updated=now,
            previous_ids=previous,
        )
        encoded = record.encoded(parsed.meeting_json)
        self._write_corpus(
            record, old.meeting.id if old else None, data, plan.events, batch, encoded
        )
        return ImportResult(
            shown,
            "updated" if old else "added",
            meeting_id=meeting.id,
            reattached=plan.reattached,
            orphaned=plan.orphaned,
        )

    def _same_text(self: Store, old: MeetingRecord, data: bytes) -> bool:
        """Whether ``data`` is the stored source document of ``old`` in another encoding,
        byte-order mark, line ending or Unicode normal form (False if it cannot be read)."""
        from store import importer

        try:
            stored = self.corpus.source_bytes(old)
        except (OSError, StoreError):
            return False
        return importer.same_text(stored, data)

    def _write_corpus(
        self: Store,
        record: MeetingRecord,
        replaces: str | None,
        data: bytes,
        events: list[dict[str, Any]],
        batch: _Batch | None = None,
        encoded: bytes | None = None,
    ) -> None:
        """Source, journalled moves, then the corpus; a failure undoes the earlier steps.

        The moves go first: after a crash between the two writes the annotations
        point at IDs the old corpus lacks (shown as orphans, nothing lost), and
        importing the file again completes the update. In a ``batch`` the source is
        synced and the corpus written by ``_finish_batch``, which undoes the whole batch
        if that fails.
        """
        new_source: Path | None = None
        offset, line_no = self._journal.offset, self._journal.line_no
        appended = False
        try:
            new_source = self.corpus.save_source(
                record.doc, record.suffix, data, durable=batch is None
            )
            if events:
                self._ready_journal()
                offset, line_no = self._journal.offset, self._journal.line_no
                if batch is not None and not batch.journalled:
                    batch.offset, batch.line_no, batch.journalled = offset, line_no, True
                self._journal.append(events)
                appended = True
            self.corpus.save(record, replaces, defer=batch is not None, encoded=encoded)
        except OSError as exc:
            if appended:
                try:
                    self._journal.truncate_to(offset, line_no)
                except OSError:
                    self._main_sig = None  # disk and memory may differ: reload on next use
            if new_source is not None:
                self.corpus.discard_source(new_source)
            raise StoreError(
                f"{self.files.corpus}: could not store the meeting "
                f"({fsio.describe_os_error(exc)}); the store is unchanged"
            ) from exc
        if batch is not None and new_source is not None:
            batch.sources.append(new_source)
        for event in events:
            self._state.apply(event)
        if events and batch is None:
            self._maybe_compact()

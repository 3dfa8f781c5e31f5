"""The store: parsed agreements plus the user's annotations, safe on disk.

Files, side by side (see ``StorePaths``):

``store.json``
    TinyDB (``AtomicJSONStorage``): the schema version, the snapshot
    *generation*, and the annotations as last compacted.
``store.journal``
    Annotation events since that compaction, one JSON line each. A write
    appends one line and fsyncs it: it costs less than rewriting even a small
    file, and nothing else is touched however large the store grows. When the
    journal outgrows the snapshot (and 1 MiB), it is folded into a new snapshot.
``store.corpus.json`` and ``store.sources/``
    The parsed meetings and the source documents (``corpus.Corpus``); only an
    import writes them.

Every read-modify-write holds a cross-process lock (``store.lock``) and first
catches up with whatever other processes wrote; reads use the state in memory,
brought up to date by ``refresh()`` and by every write.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shlex
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb.table import Table

import parsers
from parsers.model import Area, Commitment, Meeting, make_id
from parsers.naming import party_key, party_name
from parsers.normalise import clip, collapse_ws
from parsers.reading import InputError
from store import fsio, matching
from store.annotations import Anchor, AnnotationState, EventError
from store.author import current_author
from store.corpus import Corpus, Location, MeetingRecord
from store.corpus_scan import MeetingSummary
from store.errors import ChangedElsewhere, StoreBusy, StoreError, StoreReadOnly
from store.importing import Importing
from store.journal import JOURNAL_FORMAT, Journal
from store.model import (
    Annotation,
    Deletion,
    ImportResult,
    Note,
    Orphan,
    Status,
    StatusChange,
    now_iso,
    status_entry_key,
    tag_key,
    unique_tags,
)
from store.paths import StorePaths, check_store_name, real_store_path
from store.storage import AtomicJSONStorage

SCHEMA_VERSION = 1
#: Migrations from schema N to N+1: ``(snapshot, journal events) -> (snapshot, events)``.
#: The tables of ``store.json`` that hold annotations (TinyDB tables: objects by document ID).
_ANNOTATION_TABLES = ("targets", "notes", "deletions")
MIGRATIONS: dict[int, Callable[[dict[str, Any], list[dict[str, Any]]], tuple[dict, list]]] = {}
COMPACT_MIN_BYTES = 1 << 20
DEFAULT_LOCK_TIMEOUT = 10.0
LOCK_POLL = 0.05  # seconds between attempts at a lock another process holds
#: Why a lock file cannot be created or opened when the store cannot be written here.
READ_ONLY_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


def sample_paths() -> list[Path]:
    """The sample agreements shipped with the package."""
    folder = resources.files("store") / "samples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith((".txt", ".html")))


class Store(Importing):
    """See the module docstring. All methods are safe to call from worker threads."""

    def __init__(self, path: Path, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        check_store_name(Path(path))
        # Once, here: every other file is derived from the real path (see ``StorePaths``).
        self.path = real_store_path(Path(path))
        check_store_name(self.path)
        self.files = StorePaths(self.path)
        self.lock_timeout = lock_timeout
        self.seed_results: list[ImportResult] = []
        self.created = False  # whether this process created the store (``_create``)
        self.set_aside: Path | None = None
        self._mutex = threading.RLock()
        self._lock = _file_lock(self.files.lock, lock_timeout)
        #: ``time.monotonic()`` when a write began waiting for a lock another process
        #: holds; None when no write waits.
        self.busy_since: float | None = None
        self._stopped = threading.Event()  # see ``stop_waiting``
        self._catch_ups = 0  # see ``catch_ups``
        self._snapshot = AtomicJSONStorage(
            self.path,
            what="store",
            advice="restore it from a backup, or move it aside to start a new store "
            "(the file is left untouched)",
        )
        self._journal = Journal(self.files.journal, self.path)
        self.corpus = Corpus(self.files.corpus, self.files.sources)
        self._state = AnnotationState()
        self._generation = 0
        self._main_sig: fsio.Signature | None = None
        self._last_flush = 0.0  # seconds the last corpus write of a bulk import took
        self._lazy_corpus = False  # see ``open(lazy=True)``
        #: Why the store cannot be written here (its lock file cannot be created: a
        #: read-only folder or file system), or None: it is read without the lock and
        #: every write is refused (StoreReadOnly).
        self.read_only: str | None = None

    # -- opening, locking, catching up ------------------------------------
    @classmethod
    def open(
        cls,
        path: Path,
        *,
        seed_samples: bool = True,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        set_aside_bad_corpus: bool = False,
        lazy: bool = False,
        create: bool = True,
    ) -> Store:
        """Open (or create) the store at ``path``; an empty new store gets the samples.

        With ``create=False`` a store that does not exist is not created: StoreError
        says so (``check_store_exists``), and nothing is written (no folder either).

        A store whose lock file cannot be created or opened for want of the right to
        (a read-only folder, file or file system) opens read-only: it is read without
        the lock, ``read_only`` says why, and every write is refused (StoreReadOnly).

        With ``set_aside_bad_corpus`` an unreadable corpus file (derived data only)
        is renamed to ``store.corpus.json.unreadable-<time>`` (``store.set_aside``)
        and the store opens with an empty corpus, ready for ``rebuild()``.

        ``lazy`` reads only each meeting's summary (``meeting_summaries``); a meeting
        is decoded when first asked for (``meeting``, ``locate``), the rest by
        ``read_corpus`` or by anything that needs them all (``meetings``, a write
        …). A meeting that turns out to be corrupt then raises StoreError there,
        not here. The app opens its store so, to show the meetings at once.
        """
        store = cls(path, lock_timeout=lock_timeout)
        store._lazy_corpus = lazy
        if not create:
            check_store_exists(path)
        try:
            store.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"{store.path.parent}: cannot create the store directory "
                f"({fsio.describe_os_error(exc)})"
            ) from exc
        if not store.files.lock.exists():
            store._check_unlocked()
        with store._locked(reading=True):
            if store.read_only is not None:
                store._load_read_only()
                return store
            fsio.remove_stale_temps(store.files.directory, store.files.atomic_files())
            if _has_dot_files(store.files.sources):  # temporary files' names start with one
                fsio.remove_stale_temps(store.files.sources, store.corpus.stored_sources())
            try:
                store._load(create=True)
            except _CorpusError:
                if not set_aside_bad_corpus:
                    raise
                store._set_aside_corpus()
                store._load()
            empty = not store.corpus.exists() and not store._state.annotated_targets()
            if seed_samples and empty:
                store.seed_results = store.import_paths(sample_paths())
        return store

    @contextlib.contextmanager
    def _locked(self, *, reading: bool = False) -> Iterator[None]:
        """Hold the store (this process's threads and other processes) for a write.

        While another process holds the lock this waits without holding the store for
        this process's readers (a window keeps answering), up to ``lock_timeout``
        seconds or until ``stop_waiting``; ``busy_since`` says that it waits.

        If the lock file cannot be created or opened for want of the right to, the store
        is read-only (``read_only``): a write is refused (StoreReadOnly); ``reading``
        (opening, catching up) goes on holding this process's threads only.
        """
        deadline = time.monotonic() + self.lock_timeout
        while True:
            self._mutex.acquire()
            try:
                try:
                    self._lock.acquire(blocking=False)
                except Timeout:
                    _raise_if_lock_cannot_exist(self.files.lock)
                    raise
                break
            except Timeout:
                self._mutex.release()
            except OSError as exc:
                if exc.errno in READ_ONLY_ERRNOS:
                    self.read_only = (
                        f"its lock file {self.files.lock} cannot be created or opened: "
                        f"{fsio.describe_os_error(exc)}"
                    )
                    if reading:
                        break  # holding the mutex only
                self._mutex.release()
                if exc.errno in READ_ONLY_ERRNOS:
                    raise StoreReadOnly(
                        f"{self.path}: the store is read-only here ({self.read_only}); "
                        "nothing was changed"
                    ) from exc
                raise StoreError(
                    f"{self.files.lock}: cannot lock the store ({fsio.describe_os_error(exc)})"
                ) from exc
            except BaseException:
                self._mutex.release()
                raise
            self._wait_for_lock(deadline)
        self.busy_since = None
        locked = self._lock.is_locked
        if locked:
            self.read_only = None
        try:
            yield
        finally:
            try:
                if locked:
                    self._lock.release()
            finally:
                self._mutex.release()

    def _wait_for_lock(self, deadline: float) -> None:
        """Another process holds the lock: wait a little, or give up (StoreError)."""
        now = time.monotonic()
        if self.busy_since is None:
            self.busy_since = now
        if self._stopped.is_set():
            self.busy_since = None
            raise StoreError(
                f"{self.path}: the store is busy (another coop-tui process holds its lock); "
                "stopped waiting for it"
            )
        if now >= deadline:
            self.busy_since = None
            raise StoreBusy(
                f"{self.path}: the store is busy: another coop-tui process has held its lock "
                f"for {self.lock_timeout:g} s; let it finish or close it, then retry "
                f"(lock file {self.files.lock})"
            )
        self._stopped.wait(min(LOCK_POLL, deadline - now))

    def stop_waiting(self) -> None:
        """Make every write waiting for another process's lock fail at once (StoreError),
        and every later one that would have to wait (an app quitting without them)."""
        self._stopped.set()

    @property
    def catch_ups(self) -> int:
        """How many times this object has read changes other processes made to the
        store (by ``refresh`` or before a write): a caller showing the store compares
        it with the value it last saw to know whether to show it again."""
        return self._catch_ups

    def _check_unlocked(self) -> None:
        """Refuse a store file that ``_load`` would refuse, before its lock file exists.

        Taking the lock creates ``store.lock``; a file that is no store (corrupt,
        empty, a directory, from a newer coop-tui …) must not get one left beside
        it. Reading without the lock is safe: every write replaces the file
        atomically, and ``_load`` checks everything again under the lock.
        """
        data = self._snapshot.read()
        if data is None:
            self._check_missing(create=True)
        else:
            self._meta_of(data)

    def _check_missing(self, *, create: bool) -> None:
        """``store.json`` is missing: may a new store be created here?"""
        others = [p for p in (self.files.journal, self.files.corpus) if p.exists()]
        if others or not create:
            names = " and ".join(p.name for p in others) or "nothing"
            raise StoreError(
                f"{self.path}: missing, but {names} exists beside it; restore {self.path.name} "
                "from a backup, or move the other store files aside to start a new store"
            )

    def _load_read_only(self) -> None:
        """``_load`` without the lock (the store is read-only here). Every write replaces
        a file whole or appends a line, so what is read is each file as some write left
        it; read again if a file changed meanwhile and what was read does not fit."""
        if self._snapshot.read() is None:
            raise StoreError(
                f"{self.path}: no store here, and none can be created ({self.read_only})"
            )
        for attempt in range(3):
            before = self._disk_state()
            try:
                self._load()
                return
            except StoreError:
                if attempt == 2 or self._disk_state() == before:
                    raise

    def _disk_state(self) -> tuple[fsio.Signature | None, ...]:
        files = (self.path, self.files.journal, self.files.journal_mark, self.files.corpus)
        return tuple(fsio.signature(p) for p in files)

    def _load(self, *, create: bool = False) -> None:
        """(Re)read everything from disk; under the lock."""
        data = self._snapshot.read()
        if data is None:
            self._check_missing(create=create)
            self._create()
        else:
            self._load_annotations(data)
        self._load_corpus()

    def _load_corpus(self) -> None:
        if self.corpus.exists():
            try:
                self.corpus.load(lazy=self._lazy_corpus)
            except StoreError as exc:
                raise _CorpusError(str(exc)) from exc
        else:
            self.corpus.records, self.corpus.index = {}, {}
            self.corpus.signature = None

    def _set_aside_corpus(self) -> None:
        stamp = now_iso().replace(":", "").replace("-", "").replace(".", "")
        target = self.files.corpus.with_name(f"{self.files.corpus.name}.unreadable-{stamp}")
        try:
            os.replace(self.files.corpus, target)
            fsio.fsync_dir(self.files.directory)
        except OSError as exc:
            raise StoreError(
                f"{self.files.corpus}: cannot move it aside ({fsio.describe_os_error(exc)})"
            ) from exc
        self.set_aside = target

    def _create(self) -> None:
        meta = {"app": "coop-tui", "schema": SCHEMA_VERSION, "generation": 0, "created": now_iso()}
        self._write_snapshot(AnnotationState(), meta)
        self._journal.start(0)
        self._state = AnnotationState()
        self.created = True

    def _meta_of(self, data: dict[str, Any]) -> dict[str, Any]:
        tables = data.get("_meta")
        meta = tables.get("1") if isinstance(tables, dict) else None
        if not isinstance(meta, dict) or meta.get("app") != "coop-tui":
            raise StoreError(
                f"{self.path}: not a coop-tui store; point --db at another file, or move this "
                "one aside (it is left untouched)"
            )
        schema = meta.get("schema")
        if not isinstance(schema, int) or schema < 1:
            raise StoreError(
                f"{self.path}: the store's schema version is unreadable; restore it "
                "from a backup or move it aside"
            )
        if schema > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer version of coop-tui (schema {schema}; this one "
                f"reads up to {SCHEMA_VERSION}); upgrade coop-tui to use it (the file is left "
                "untouched)"
            )
        generation = meta.get("generation", 0)
        tables_ok = all(isinstance(data.get(k) or {}, dict) for k in _ANNOTATION_TABLES)
        if type(generation) is not int or generation < 0 or not tables_ok:
            raise StoreError(
                f"{self.path}: the annotations are corrupt (not shaped as a coop-tui store "
                "writes them); restore the store from a backup (the files are left untouched)"
            )
        return meta

    def _load_annotations(self, data: dict[str, Any]) -> None:
        meta = self._meta_of(data)
        self._main_sig = fsio.signature(self.path)
        generation: int = meta.get("generation", 0)
        events = self._journal.read_all(generation)
        journal_gen = self._journal.generation
        if journal_gen is not None and journal_gen > generation:
            raise StoreError(
                f"{self.files.journal}: newer than {self.path.name} (was {self.path.name} restored "
                f"from a backup?); move {self.files.journal.name} aside to use {self.path.name} "
                "as it is"
            )
        if journal_gen != generation:
            events = []  # no journal yet, or one already folded into this snapshot
        if meta["schema"] < SCHEMA_VERSION:
            data, events = self._migrate(data, events, meta["schema"])
        try:
            state = AnnotationState.from_docs(
                list((data.get("targets") or {}).values()),
                list((data.get("notes") or {}).values()),
                list((data.get("deletions") or {}).values()),
            )
            for event in events:
                state.apply(event)
        except EventError as exc:
            raise StoreError(
                f"{self.path}: the annotations are corrupt ({exc}); restore the store from a "
                "backup (the files are left untouched)"
            ) from exc
        self._state, self._generation = state, generation

    def _migrate(
        self, data: dict[str, Any], events: list[dict[str, Any]], schema: int
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Bring an older store up to ``SCHEMA_VERSION``, keeping a copy of the old files."""
        for path in (self.path, self.files.journal):
            old = fsio.read_store_file(path, "store")
            if old is not None:
                fsio.write_atomic(path.with_name(f"{path.name}.schema{schema}.bak"), old)
        while schema < SCHEMA_VERSION:
            if schema not in MIGRATIONS:
                raise StoreError(
                    f"{self.path}: no way to upgrade a schema {schema} store; "
                    "use the coop-tui version that wrote it"
                )
            data, events = MIGRATIONS[schema](data, events)
            schema += 1
        meta = dict(data["_meta"]["1"], schema=SCHEMA_VERSION)
        data["_meta"] = {"1": meta}
        state = AnnotationState.from_docs(
            list((data.get("targets") or {}).values()),
            list((data.get("notes") or {}).values()),
            list((data.get("deletions") or {}).values()),
        )
        for event in events:
            state.apply(event)
        generation = int(meta.get("generation", 0)) + 1
        self._write_snapshot(state, dict(meta, generation=generation))
        self._journal.start(generation)
        targets, notes = state.to_docs()
        return {
            "_meta": {"1": dict(meta, generation=generation)},
            "targets": dict(enumerate(targets, 1)),
            "notes": dict(enumerate(notes, 1)),
            "deletions": dict(enumerate(state.deletion_docs(), 1)),
        }, []

    def _changed_on_disk(self) -> bool:
        return (
            fsio.signature(self.path) != self._main_sig
            or fsio.signature(self.files.journal) != self._journal.signature
            or self.corpus.changed_on_disk()
        )

    def _sync(self) -> bool:
        """Catch up with other processes' writes; under the lock. True if anything changed."""
        changed = self._catch_up()
        if changed:
            self._catch_ups += 1
        return changed

    def _catch_up(self) -> bool:
        changed = False
        if fsio.signature(self.path) != self._main_sig:
            self._load()
            return True
        if fsio.signature(self.files.journal) != self._journal.signature:
            if self._journal.grew_only() and self._journal.generation == self._generation:
                try:
                    for event in self._journal.read_new():
                        self._state.apply(event)
                except EventError as exc:
                    raise StoreError(
                        f"{self.files.journal}: corrupt event ({exc}); restore the "
                        "store from a backup"
                    ) from exc
            else:
                self._load()
                return True
            changed = True
        if self.corpus.changed_on_disk():
            self._load_corpus()
            changed = True
        return changed

    def refresh(self) -> bool:
        """Re-read whatever another process changed; True if anything did."""
        with self._mutex:
            if not self._changed_on_disk():
                return False
        with self._locked(reading=True):
            if self.read_only is None:
                return self._sync()
            before = self._disk_state()
            try:
                return self._sync()
            except StoreError:
                if self._disk_state() == before:
                    raise
                self._main_sig = None  # changed while it was read: read it all again
                return self._sync()

    # -- writing annotations ----------------------------------------------
    def _ready_journal(self) -> None:
        if self._journal.generation != self._generation or not self.files.journal.exists():
            self._journal.start(self._generation)
        elif self._journal.format < JOURNAL_FORMAT:
            self._fold_old_journal()
        else:
            self._journal.drop_torn_tail()

    def _fold_old_journal(self) -> None:
        """The journal is an older coop-tui's (see ``store.journal``): fold it into a new
        snapshot and start a journal of this format. OSError if that fails: the journal
        still holds every change (a crash between the two writes is safe, as in ``compact``)."""
        meta = dict(self._meta_of(self._snapshot.read() or {}), generation=self._generation + 1)
        self._write_snapshot(self._state, meta)
        self._generation += 1
        self._journal.start(self._generation)

    def _commit(self, events: list[dict[str, Any]]) -> None:
        """Append events durably, then apply them; under the lock, after ``_sync``."""
        try:
            self._ready_journal()
            self._journal.append(events)
        except OSError as exc:
            raise StoreError(
                f"{self.files.journal}: could not save the change "
                f"({fsio.describe_os_error(exc)}); nothing was changed"
            ) from exc
        for event in events:
            self._state.apply(event)
        self._maybe_compact()

    def _write_snapshot(self, state: AnnotationState, meta: dict[str, Any]) -> None:
        targets, notes = state.to_docs()
        with self._snapshot.batch(start_empty=True):
            Table(self._snapshot, "_meta").insert(meta)
            Table(self._snapshot, "targets").insert_multiple(targets)
            Table(self._snapshot, "notes").insert_multiple(notes)
            Table(self._snapshot, "deletions").insert_multiple(state.deletion_docs())
        self._main_sig = fsio.signature(self.path)

    def _maybe_compact(self) -> None:
        size = self._journal.size()
        if size < COMPACT_MIN_BYTES or size < (self._main_sig.size if self._main_sig else 0):
            return
        self.compact()

    def compact(self) -> None:
        """Fold the journal into a new snapshot. A failure here loses nothing."""
        with self._locked():
            self._sync()
            data = self._snapshot.read() or {}
            meta = dict(self._meta_of(data), generation=self._generation + 1)
            try:
                self._write_snapshot(self._state, meta)
            except OSError:
                return  # the journal still holds every change; try again next time
            self._generation += 1
            with contextlib.suppress(OSError):
                self._journal.start(self._generation)  # if this fails, the next write does it

    def _anchor(self, target_id: str) -> Anchor:
        from store import importer

        meeting, _area, _c = self.locate(target_id)
        record = self.corpus.record(meeting.id)
        assert record is not None
        anchor = importer.anchor_for(meeting, record.doc, target_id)
        assert anchor is not None
        return anchor

    def set_status(
        self,
        target_id: str,
        status: Status | str,
        *,
        source: str | None = None,
        evidence: str | None = None,
        base: Sequence[StatusChange] | None = None,
    ) -> StatusChange | None:
        """Record a status for a commitment (only: areas and meetings take tags and
        notes); returns the new history entry, or None if it would repeat the current
        one (the same status, and no other source or evidence): nothing is written.
        ``base`` is the status history an editor showed: if the history is no longer
        that (another process set a status meanwhile), nothing is written and
        ChangedElsewhere says what it is now."""
        try:
            status = status if isinstance(status, Status) else Status.parse(status)
        except ValueError:
            names = ", ".join(s.value for s in Status)
            raise StoreError(f"{status!r} is not a status; use one of: {names}") from None
        change = StatusChange(
            status=status,
            at=now_iso(),
            source=_optional(source, "source"),
            evidence=_optional(evidence, "evidence"),
            by=current_author(),
        )
        with self._locked():
            self._sync()
            _commitment_only(target_id, self.locate(target_id))
            if base is not None:
                self._check_status_base(target_id, base)
            if _repeats(self._state.annotation(target_id), change):
                return None
            event = {
                "op": "status",
                "target": target_id,
                "anchor": self._anchor(target_id),
                "change": change.to_dict(),
            }
            self._commit([event])
        return change

    def remove_status_change(self, target_id: str, change: StatusChange) -> None:
        """Remove one entry of a target's status history (a mistaken one); the entry
        before it, if any, is the status again. The removal is journalled with the
        entry and the time, and kept (``Annotation`` does not show it) so that a merge
        does not bring the entry back and the removal can be undone."""
        with self._locked():
            self._sync()
            rec = self._state.targets.get(target_id)
            if rec is None or change not in rec.history:
                raise StoreError(
                    f"{target_id}: no such status change in its history (removed or changed "
                    f"meanwhile?); see coop-tui show {target_id}"
                )
            event = {
                "op": "status-remove",
                "target": target_id,
                "change": change.to_dict(),
                "at": now_iso(),
                "by": current_author(),
            }
            self._commit([event])

    def removed_status_changes(self, target_id: str) -> list[StatusChange]:
        """The entries removed from a target's status history (``remove_status_change``)."""
        with self._mutex:
            rec = self._state.targets.get(target_id)
            return [r.change for r in rec.removed_history] if rec else []

    def _check_status_base(self, target_id: str, base: Sequence[StatusChange]) -> None:
        rec = self._state.targets.get(target_id)
        history = rec.history if rec is not None else []
        if list(base) == history:
            return
        last = history[-1] if history else None
        now = f"{last.status.label}, set at {last.at}" if last else "no status"
        raise ChangedElsewhere(
            f"the status was changed elsewhere since it was shown (it is now: {now}); "
            "nothing was saved"
        )

    def add_tags(self, target_id: str, tags: list[str]) -> list[str]:
        return self._change_tags(target_id, add=_tags(tags), remove=[])

    def remove_tags(self, target_id: str, tags: list[str]) -> list[str]:
        """Remove tags (in any case); refused, nothing removed, if the target lacks one."""
        return self._change_tags(target_id, add=[], remove=_tags(tags), must_have=True)

    def change_tags(
        self, target_id: str, *, add: Sequence[str] = (), remove: Sequence[str] = ()
    ) -> list[str]:
        """Add and remove tags in one write, each against the tags the target has when it
        is written: a tag another process added or removed since an editor read them
        stays so (an editor's change is a delta, merged three ways). Returns the tags."""
        return self._change_tags(
            target_id,
            add=_tags(list(add)) if add else [],
            remove=_tags(list(remove)) if remove else [],
        )

    def _change_tags(
        self, target_id: str, add: list[str], remove: list[str], must_have: bool = False
    ) -> list[str]:
        with self._locked():
            self._sync()
            anchor = self._anchor(target_id)
            current = self._state.annotation(target_id).tags
            spelled = {tag_key(t): t for t in current}  # tags are one in any case
            missing = [t for t in remove if tag_key(t) not in spelled]
            if must_have and missing:
                now = ", ".join(current) if current else "none"
                raise StoreError(
                    f"{target_id}: not tagged {missing[0]!r} (its tags: {now}); nothing removed"
                )
            add = [t for t in add if tag_key(t) not in spelled]
            remove = [spelled[tag_key(t)] for t in remove if tag_key(t) in spelled]
            if add or remove:
                self._commit(
                    [
                        {
                            "op": "tags",
                            "target": target_id,
                            "anchor": anchor,
                            "add": add,
                            "remove": remove,
                            "at": now_iso(),
                            "by": current_author(),
                        }
                    ]
                )
            return self._state.annotation(target_id).tags

    def add_note(self, target_id: str, text: str) -> Note:
        text = _note_text(text)
        with self._locked():
            self._sync()
            return self._add_note(target_id, text)

    def _add_note(self, target_id: str, text: str) -> Note:
        anchor = self._anchor(target_id)
        note_id = secrets.token_hex(6)
        while note_id in self._state.notes:
            note_id = secrets.token_hex(6)
        now = now_iso()
        note = Note(note_id, target_id, text, now, now, by=current_author())
        self._commit([{"op": "note", "anchor": anchor, "note": note.to_dict()}])
        return note

    def edit_note(self, note_id: str, text: str, *, base: Note | None = None) -> Note:
        """Replace a note's text; returns the note written.

        ``base`` is the note as an editor read it. If the note has been edited or
        deleted since (by another process), both are kept: the other version stays as
        it is and ``text`` becomes a new note beside it, on the same target (a
        conflict copy); the note returned then has another ID than ``note_id``.
        """
        text = _note_text(text)
        with self._locked():
            self._sync()
            old = self._state.notes.get(note_id)
            if base is not None and _note_changed(old, base):
                return self._add_note(old.target_id if old else base.target_id, text)
            old = self._note(note_id)
            note = old.edited(text, now_iso(), current_author())
            self._commit([{"op": "note", "note": note.to_dict()}])
            return note

    def delete_note(self, note_id: str, *, base: Note | None = None) -> bool:
        """Delete a note. ``base`` is the note as shown: if it has been edited since,
        nothing is deleted (ChangedElsewhere); if it is already deleted, this returns
        False (without ``base`` a missing note is a StoreError)."""
        with self._locked():
            self._sync()
            current = self._state.notes.get(note_id)
            if base is not None:
                if current is None:
                    return False
                if _note_changed(current, base):
                    raise ChangedElsewhere(
                        f"the note was edited elsewhere at {current.updated}, after it was "
                        "shown; it was not deleted"
                    )
            note = self._note(note_id)
            self._commit(
                [{"op": "note-delete", "id": note_id, "target": note.target_id, "at": now_iso(),
                  "by": current_author()}]
            )  # fmt: skip
            return True

    def _note(self, note_id: str) -> Note:
        note = self._state.notes.get(note_id)
        if note is None:
            raise StoreError(f"no note has ID {note_id!r} in {self.path} (see coop-tui notes)")
        return note

    def reattach(self, orphan_id: str, commitment_id: str, *, base: Orphan | None = None) -> None:
        """Move an orphaned status, tag set or note onto an existing target.

        ``base`` is the orphan as listed: if it has since been re-attached, removed or
        changed (by another process), nothing is moved (ChangedElsewhere)."""
        with self._locked():
            self._sync()
            orphan = next((o for o in self._orphans() if o.id == orphan_id), None)
            if base is not None and (orphan is None or orphan.payload != base.payload):
                what = "re-attached or removed" if orphan is None else "changed"
                raise ChangedElsewhere(
                    f"this orphaned {base.kind} was {what} elsewhere since it was listed; "
                    "nothing was moved"
                )
            if orphan is None:
                raise StoreError(
                    f"no orphan has ID {orphan_id!r} in {self.path} (see coop-tui orphans)"
                )
            if orphan.kind == "status":
                _commitment_only(commitment_id, self.locate(commitment_id))
            anchor = self._anchor(commitment_id)
            only = (orphan.kind, orphan.id if orphan.kind == "note" else None)
            from store import importer

            events = importer.move_events(
                self._state,
                orphan.old_target_id,
                commitment_id,
                anchor,
                now_iso(),
                False,
                only=only,
            )
            self._commit([{**event, "by": current_author()} for event in events])

    def transaction(self, plan: Callable[[Store], list[dict[str, Any]]]) -> list[dict[str, Any]]:
        """Run ``plan(self)`` under the lock on up-to-date state, then journal the events
        it returns in one durable write: all of them are applied, or none (a bulk merge)."""
        with self._locked():
            self._sync()
            events = plan(self)
            if events:
                self._commit(events)
            return events

    # -- reading ------------------------------------------------------------
    def anchor_of(self, target_id: str) -> dict[str, Any]:
        """What an annotated target was when annotated (kind, text, meeting, doc); {} if none."""
        with self._mutex:
            return self._state.anchor(target_id)

    def meetings(self) -> list[Meeting]:
        with self._mutex:
            return self.corpus.meetings()

    def meeting_summaries(self) -> list[MeetingSummary]:
        """Every meeting's ID, title, date, place, parties and source, in ``meetings()``
        order, without decoding their areas (fast after ``open(lazy=True)``)."""
        with self._mutex:
            return self.corpus.summaries()

    @property
    def fully_read(self) -> bool:
        """Every meeting is decoded (see ``open(lazy=True)``)."""
        return self.corpus.fully_read

    def read_corpus(self, seconds: float = 0.005) -> bool:
        """Decode, for about ``seconds``, meetings a lazy open left; True while some
        remain. Call it again and again from a background thread: other threads wait
        for the store at most one such slice. StoreError if a meeting is corrupt."""
        return self.corpus.read_some(seconds)

    def meeting(self, meeting_id: str) -> Meeting:
        with self._mutex:
            rec = self.corpus.record(meeting_id)
            if rec is None:
                raise StoreError(
                    f"no meeting has ID {meeting_id!r} in {self.path} (see coop-tui list)"
                )
            return rec.meeting

    def locate(self, target_id: str) -> tuple[Meeting, Area | None, Commitment | None]:
        with self._mutex:
            found: Location | None = self.corpus.locate(target_id)
            if found is None:
                raise StoreError(
                    f"no meeting, area or commitment has ID {target_id!r} in "
                    f"{self.path} (see coop-tui list)"
                )
            return found

    def resolve(self, prefix: str) -> str:
        """The full ID of the meeting, area or commitment whose ID starts with ``prefix``."""
        with self._mutex:
            return _unique(
                prefix,
                self.corpus.index,
                "meeting, area or commitment",
                self.path,
                "coop-tui list",
                lambda i: _describe(self.corpus.locate(i)),
            )

    def resolve_note(self, prefix: str) -> str:
        with self._mutex:
            return _unique(
                prefix,
                self._state.notes,
                "note",
                self.path,
                "coop-tui notes",
                lambda i: _clip(self._state.notes[i].text),
            )

    def resolve_orphan(self, prefix: str) -> str:
        with self._mutex:
            orphans = {o.id: o for o in self._orphans()}
            return _unique(
                prefix,
                orphans,
                "orphan",
                self.path,
                "coop-tui orphans",
                lambda i: f"{orphans[i].kind} on {_clip(orphans[i].old_text)}",
            )

    def annotation(self, target_id: str) -> Annotation:
        with self._mutex:
            return self._state.annotation(target_id)

    def annotations(self) -> dict[str, Annotation]:
        with self._mutex:
            return {t: self._state.annotation(t) for t in self._state.annotated_targets()}

    def all_tags(self) -> list[str]:
        with self._mutex:
            tags = {t for rec in self._state.targets.values() for t in rec.tags}
            return unique_tags(sorted(tags, key=lambda t: (t.casefold(), t)))

    def note(self, note_id: str) -> Note | None:
        """The note with this ID, or None if there is none (any more)."""
        with self._mutex:
            return self._state.notes.get(note_id)

    def notes(self) -> list[Note]:
        with self._mutex:
            # by time; notes written in the same millisecond keep the order they were written
            return sorted(self._state.notes.values(), key=lambda n: n.created)

    def deletions(self) -> list[Deletion]:
        """What was deleted (notes, tags, status history entries) and when, oldest
        first (see ``model.Deletion``)."""
        with self._mutex:
            found = list(self._state.deletions.values())
            for target_id, rec in self._state.targets.items():
                found += [
                    Deletion("status", status_entry_key(r.change), target_id, r.removed, r.by)
                    for r in rec.removed_history
                ]
            return sorted(found, key=lambda d: (d.at, d.key))

    def orphans(self, *, suggest: bool = True) -> list[Orphan]:
        """Every orphan, each with its suggestions; with ``suggest=False`` without them
        (their ``suggestions`` empty), for :meth:`suggest` to work out for the orphans
        shown: a listing of 100,000 orphans need not score each against its meeting."""
        with self._mutex:
            found = self._orphans()
            if suggest:
                self.suggest(found)
            return found

    def suggest(self, orphans: Sequence[Orphan], pools: dict[Any, Any] | None = None) -> None:
        """Fill in the ``suggestions`` of ``orphans`` (those of one target together).
        ``pools`` keeps the candidates between calls: pass the same dict for every
        batch of one listing, so a meeting's commitments are normalised once."""
        pools = {} if pools is None else pools
        with self._mutex:
            wanted: dict[Any, list[tuple[str, float, list[Orphan]]]] = {}
            by_target: dict[str, list[Orphan]] = {}
            for orphan in orphans:
                by_target.setdefault(orphan.old_target_id, []).append(orphan)
            for tid, group in by_target.items():
                query = self._suggestion_query(tid, pools)
                if query is None:
                    for orphan in group:
                        orphan.suggestions = []
                    continue
                key, text, minimum = query
                wanted.setdefault(key, []).append((text, minimum, group))
            for key, queries in wanted.items():  # (a pool's queries share their minimum)
                pool: matching.Pool = pools[key][1]
                best = pool.best([text for text, _m, _g in queries], queries[0][1])
                for (_text, _m, group), hints in zip(queries, best, strict=True):
                    for orphan in group:
                        orphan.suggestions = list(hints)

    def _suggestion_query(
        self, target_id: str, pools: dict[Any, Any]
    ) -> tuple[Any, str, float] | None:
        """The pool (by its key in ``pools``, added if new), the text and the lowest score
        of a target's suggestions; None if it has none to look for."""
        if target_id in self.corpus.index:  # a status left on an area or a meeting
            rec = self._state.targets.get(target_id)
            found = self.corpus.locate(target_id)
            if rec is None or not rec.history or found is None or found[2] is not None:
                return None
            meeting, area = found[0], found[1]
            own = area.commitments if area is not None else meeting.commitments
            text = area.name if area is not None else meeting.title
            # its own commitments, the likeliest by what the latest entry says
            said = " ".join(filter(None, (rec.history[-1].evidence, rec.history[-1].source)))
            key: Any = ("own", target_id, id(meeting))
            if key not in pools:
                pools[key] = (meeting, matching.Pool((c.id, c.text) for c in own))
            return key, said or text, 0.0
        from store import importer

        anchor = self._state.anchor(target_id)
        kind = str(anchor.get("kind", "commitment"))
        place = ("from", anchor.get("meeting"), anchor.get("doc"), kind)
        key = pools.get(place)
        if key is None:  # the first orphan of its meeting in this listing
            successor = self.corpus.successor(anchor.get("meeting"), anchor.get("doc"))
            records = self._suggestion_pool(anchor, successor)
            key = (kind, tuple(id(rec) for rec in records))
            pools[place] = key
            if key not in pools:  # the records are kept with it: their id()s stay theirs
                cands = [c for rec in records for c in importer.candidates(rec.meeting, kind)]
                pools[key] = (records, matching.Pool(cands))
        return key, str(anchor.get("text", "")), matching.SUGGEST_MIN

    def orphan_count(self) -> int:
        """How many orphans ``orphans`` lists (without working out suggestions)."""
        with self._mutex:
            return len(self._orphans())

    def _orphans(self) -> list[Orphan]:
        """Every orphan, without suggestions (see :meth:`suggest`)."""
        found: list[Orphan] = []
        for tid in self._state.annotated_targets():
            if tid in self.corpus.index:
                found.extend(self._status_leftover(tid))
                continue
            anchor = self._state.anchor(tid)
            ann = self._state.annotation(tid)
            successor = self.corpus.successor(anchor.get("meeting"), anchor.get("doc"))
            meeting_id = successor.meeting.id if successor else anchor.get("meeting")
            old_text = str(anchor.get("text", ""))
            pieces: list[tuple[Any, str, dict[str, Any]]] = []
            if ann.history:
                history = [c.to_dict() for c in ann.history]
                payload = {"status": ann.status.value, "history": history}
                pieces.append(("status", make_id("orphan", "status", tid), payload))
            if ann.tags:
                pieces.append(("tags", make_id("orphan", "tags", tid), {"tags": ann.tags}))
            for n in ann.notes:
                payload = {"text": n.text, "created": n.created, "updated": n.updated}
                pieces.append(("note", n.id, payload))
            found.extend(
                Orphan(kind, oid, tid, old_text, meeting_id, payload)
                for kind, oid, payload in pieces
            )
        return found

    def _status_leftover(self, target_id: str) -> list[Orphan]:
        """A status history on an area or a meeting (an older coop-tui allowed one):
        statuses are for commitments, so it is offered, as an orphan, to one of them."""
        rec = self._state.targets.get(target_id)
        if rec is None or not rec.history:
            return []
        history = rec.history
        found = self.corpus.locate(target_id)
        if found is None or found[2] is not None:
            return []
        meeting, area = found[0], found[1]
        on = "area" if area is not None else "meeting"
        text = area.name if area is not None else meeting.title
        payload = {
            "status": history[-1].status.value,
            "history": [c.to_dict() for c in history],
            "on": on,
        }
        oid = make_id("orphan", "status", target_id)
        return [Orphan("status", oid, target_id, text, meeting.id, payload)]

    def _suggestion_pool(
        self, anchor: Anchor, successor: MeetingRecord | None
    ) -> list[MeetingRecord]:
        """The meetings whose commitments (or areas) an orphan's suggestions come from: its
        meeting as it is now or, if that is gone, the meetings between the same parties
        (every meeting if the anchor, recorded by an older version, names no parties)."""
        if successor is not None:
            return [successor]
        pool = list(self.corpus.records.values())
        key = frozenset(filter(None, (party_name(str(p)) for p in anchor.get("parties") or ())))
        if key:
            pool = [rec for rec in pool if party_key(rec.meeting) == key]
        return pool

    def source_text(self, meeting_id: str) -> str:
        with self._mutex:
            self.meeting(meeting_id)
            rec = self.corpus.record(meeting_id)
            assert rec is not None
            data = self.corpus.source_bytes(rec)
        try:
            return parsers.decode(data, rec.source_name)
        except InputError as exc:
            raise StoreError(str(exc)) from exc


def check_store_exists(path: Path) -> None:
    """StoreError unless a store exists at ``path`` (what ``open(create=False)`` opens):
    one naming the path and how to create a store there, or saying which of its files
    are there without it."""
    store = Store(path)
    if store.path.exists():
        return
    store._check_missing(create=True)  # its journal or corpus is there: say so
    quoted = shlex.quote(str(path))
    raise StoreError(f"no store at {path} (create one with coop-tui init --db {quoted})")


class _CorpusError(StoreError):
    """The corpus file cannot be read (derived data: it can be set aside and rebuilt)."""


def _has_dot_files(directory: Path) -> bool:
    """Whether a directory holds a file whose name starts with a dot (False if none or
    no such directory): listing thousands of sources costs less than a stat of each."""
    try:
        return any(name.startswith(".") for name in os.listdir(directory))
    except OSError:
        return False


def _raise_if_lock_cannot_exist(path: Path) -> None:
    """After the lock was not had: if there is no lock file, no process holds it, and
    the file could not be made (a folder where no file can be created, such as /proc):
    raise the OSError that says why, rather than wait for a holder that is not there."""
    if os.path.lexists(path):
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)  # the OSError is the answer
    os.close(fd)


def _file_lock(path: Path, timeout: float) -> FileLock:
    try:
        return FileLock(str(path), timeout=timeout, preserve_lock_file=True)  # type: ignore[call-arg]
    except TypeError:  # filelock < 3.20 keeps the lock file anyway
        return FileLock(str(path), timeout=timeout)


def _valid_text(text: str, what: str) -> str:
    if not isinstance(text, str):
        raise StoreError(f"the {what} must be text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise StoreError(f"the {what} is not valid Unicode text (check its encoding)") from None
    return text


def _optional(text: str | None, what: str) -> str | None:
    if text is None:
        return None
    text = _valid_text(text, what).strip()
    return text or None


def _note_text(text: str) -> str:
    text = _valid_text(text, "note")
    if not text.strip():
        raise StoreError("the note is empty; give some text")
    return text


def _note_changed(current: Note | None, base: Note) -> bool:
    """Whether a note is no longer as an editor read it (edited, or deleted: None)."""
    return current is None or (current.updated, current.text) != (base.updated, base.text)


def _tags(tags: list[str]) -> list[str]:
    out: list[str] = []
    for tag in tags:
        tag = " ".join(_valid_text(tag, "tag").split())
        if not tag:
            raise StoreError("a tag cannot be empty")
        if tag_key(tag) not in {tag_key(t) for t in out}:
            out.append(tag)
    if not out:
        raise StoreError("give at least one tag")
    return out


def _commitment_only(target_id: str, found: Location) -> None:
    """Refuse a status on an area or a meeting: statuses are for commitments."""
    _meeting, area, commitment = found
    if commitment is None:
        kind = "an area" if area is not None else "a meeting"
        raise StoreError(
            f"{target_id} is {kind}: a status is for a commitment (give a commitment's ID; "
            "see coop-tui list); areas and meetings take tags and notes"
        )


def _repeats(current: Annotation, change: StatusChange) -> bool:
    """Whether ``change`` says nothing the current status does not: the same status,
    and no source or evidence other than the current entry's."""
    if change.status is not current.status:
        return False
    if not current.history:  # not rated: only an unqualified not-rated repeats it
        return change.source is None and change.evidence is None
    last = current.history[-1]
    return change.source in (None, last.source) and change.evidence in (None, last.evidence)


def _clip(text: str) -> str:
    return clip(collapse_ws(text), 50)


def _describe(found: Location | None) -> str:
    if found is None:
        return ""
    meeting, area, commitment = found
    if commitment is not None:
        return f"commitment: {_clip(commitment.text)}"
    if area is not None:
        return f"area: {_clip(area.name)}"
    return f"meeting: {_clip(meeting.title)}"


def _unique(
    prefix: str, ids: Any, what: str, path: Path, hint: str, describe: Callable[[str], str]
) -> str:
    key = prefix.strip().casefold()  # IDs are case-insensitive on input
    if not key:
        raise StoreError(f"give a {what} ID (see {hint})")
    exact = [i for i in ids if i.casefold() == key]
    if len(exact) == 1:
        return exact[0]
    matches = sorted(i for i in ids if i.casefold().startswith(key))
    if not matches:
        raise StoreError(f"no {what} ID starts with {prefix.strip()!r} in {path} (see {hint})")
    if len(matches) > 1:
        shown = "; ".join(f"{m} {describe(m)}".strip() for m in matches[:5])
        more = f"; and {len(matches) - 5} more" if len(matches) > 5 else ""
        raise StoreError(
            f"ID {prefix.strip()!r} is ambiguous: it matches {len(matches)} "
            f"{what} IDs ({shown}{more}); give more characters"
        )
    return matches[0]

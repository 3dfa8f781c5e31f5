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

:class:`Store` is a facade over them: ``store.snapshot`` (the annotations: snapshot and
journal), ``store.corpus``, ``store.locking`` (the lock) and ``store.transaction``. Every
read-modify-write is a transaction (``with store.transaction() as tx: …``): it holds a
cross-process lock (``store.lock``) and first catches up with whatever other processes
wrote; reads use the state in memory, brought up to date by ``refresh()`` and by every
write. The annotation writes are in ``store.edits``, the orphans in ``store.orphans``,
importing release files in ``store.importer``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import parsers
from parsers.model import Area, Commitment, Meeting
from parsers.reading import InputError
from store import edits, fsio, orphans, pair_annotations, shared_texts
from store.annotating import AnnotationMethods
from store.corpus import Corpus
from store.corrected import CorrectedMeetings, CorrectionMethods
from store.errors import ErrorKind, StoreError
from store.importing import ImportMethods
from store.locking import DEFAULT_LOCK_TIMEOUT, StoreLock
from store.model import (
    Annotation,
    Deletion,
    ImportResult,
    Note,
    Orphan,
    Ratings,
    now_iso,
    status_entry_key,
    unique_tags,
)
from store.paths import StorePaths, check_store_name, real_store_path
from store.snapshot import AnnotationFiles
from store.transaction import Transaction
from store.versions import VersionMethods

__all__ = ["DEFAULT_LOCK_TIMEOUT", "Store", "Transaction", "check_store_exists", "sample_paths"]


def sample_paths() -> list[Path]:
    """The sample agreements shipped with the package."""
    folder = resources.files("store") / "samples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith((".txt", ".html")))


class Store(AnnotationMethods, VersionMethods, CorrectionMethods, ImportMethods):
    """See the module docstring. All methods are safe to call from worker threads."""

    def __init__(self, path: Path, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        check_store_name(Path(path))
        # Once, here: every other file is derived from the real path (see ``StorePaths``).
        self.path = real_store_path(Path(path))
        check_store_name(self.path)
        self.files = StorePaths(self.path)
        self.seed_results: list[ImportResult] = []
        self.set_aside: Path | None = None
        self._lock = StoreLock(self.path, self.files.lock, lock_timeout)
        self._mutex = self._lock.mutex
        #: source (SHA-256) -> its text: a PDF's takes most of a second to extract again
        self._texts: dict[str, str] = {}
        self._catch_ups = 0  # see ``catch_ups``
        self._files = AnnotationFiles(self.files)
        self.corpus = Corpus(self.files.corpus, self.files.sources)
        self._lazy_corpus = False  # see ``open(lazy=True)``
        self._corrected = CorrectedMeetings()  # the meetings as corrected (``corrections``)

    @property
    def lock_timeout(self) -> float:
        """Seconds a write waits for another process's lock before StoreBusy."""
        return self._lock.timeout

    @lock_timeout.setter
    def lock_timeout(self, seconds: float) -> None:
        self._lock.timeout = seconds

    @property
    def read_only(self) -> str | None:
        """Why the store cannot be written here (its lock file cannot be created: a
        read-only folder or file system), or None: it is read without the lock and
        every write is refused (StoreReadOnly)."""
        return self._lock.read_only

    @property
    def busy_since(self) -> float | None:
        """``time.monotonic()`` when a write began waiting for a lock another process
        holds; None when no write waits."""
        return self._lock.busy_since

    @property
    def created(self) -> bool:
        """Whether this process created the store."""
        return self._files.created

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
                f"({fsio.describe_os_error(exc)})",
                kind=ErrorKind.WRITE_FAILED,
                path=store.path.parent,
            ) from exc
        if not store.files.lock.exists():
            store._check_unlocked()
        with store._lock.hold(reading=True):
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
            empty = not store.corpus.exists() and not store._files.state.annotated_targets()
            if seed_samples and empty:
                store.seed_results = store.import_paths(sample_paths())
        return store

    def stop_waiting(self) -> None:
        """Make every write waiting for another process's lock fail at once (StoreError),
        and every later one that would have to wait (an app quitting without them)."""
        self._lock.stop_waiting()

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
        data = self._files.read(kept=True)  # (as _load reads it: no more memory)
        if data is None:
            self._files.check_missing(create=True)
        else:
            self._files.meta_of(data)

    def _load_read_only(self) -> None:
        """``_load`` without the lock (the store is read-only here). Every write replaces
        a file whole or appends a line, so what is read is each file as some write left
        it; read again if a file changed meanwhile and what was read does not fit."""
        if self._files.read(kept=True) is None:
            raise StoreError(
                f"{self.path}: no store here, and none can be created ({self.read_only})",
                kind=ErrorKind.READ_ONLY,
                path=self.path,
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
        self._files.load(create=create)
        self._load_corpus()

    def _load_corpus(self) -> None:
        if self.corpus.exists():
            try:
                self.corpus.load(lazy=self._lazy_corpus)
            except StoreError as exc:
                raise _CorpusError.of(exc) from exc
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
                f"{self.files.corpus}: cannot move it aside ({fsio.describe_os_error(exc)})",
                kind=ErrorKind.WRITE_FAILED,
                path=self.files.corpus,
            ) from exc
        self.set_aside = target

    def _sync(self) -> bool:
        """Catch up with other processes' writes; under the lock. True if anything changed."""
        changed = self._catch_up()
        if changed:
            self._catch_ups += 1
        return changed

    def _catch_up(self) -> bool:
        caught_up = self._files.catch_up()
        if caught_up is None:  # not only appended to: read it all again
            self._load()
            return True
        if self.corpus.changed_on_disk():
            self._load_corpus()
            return True
        return caught_up

    def refresh(self) -> bool:
        """Re-read whatever another process changed; True if anything did."""
        with self._mutex:
            if not (self._files.changed_on_disk() or self.corpus.changed_on_disk()):
                return False
        with self._lock.hold(reading=True):
            if self.read_only is None:
                return self._sync()
            before = self._disk_state()
            try:
                return self._sync()
            except StoreError:
                if self._disk_state() == before:
                    raise
                self._files.main_sig = None  # changed while it was read: read it all again
                return self._sync()

    def compact(self) -> None:
        """Fold the journal into a new snapshot. A failure here loses nothing."""
        with self._lock.hold():
            self._sync()
            self._files.compact()

    # -- transactions ----------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Hold the store for a read-modify-write (see ``store.transaction``).

        The block runs under the store's lock (other processes' writes wait for it, up
        to their ``lock_timeout``), on the annotations and corpus caught up with every
        write made before it; ``tx.append(events)`` and ``tx.save_meeting(…)`` change
        them. On leaving the block what changed is written in one go; if the block
        raises (or the write fails: StoreError), nothing is, and the store is as it
        was. Refused (StoreReadOnly, StoreBusy) before the block runs if the store
        cannot be written here or another process holds it too long.
        """
        with self._lock.hold():
            self._sync()
            tx = Transaction(self, self._files, self._load)
            try:
                yield tx
            except BaseException:
                tx.undo()
                raise
            tx.commit()

    # -- reading ------------------------------------------------------------
    def anchor_of(self, target_id: str) -> dict[str, Any]:
        """What an annotated target was when annotated (kind, text, meeting, doc); {} if none."""
        with self._mutex:
            return self._files.state.anchor(target_id)

    @property
    def fully_read(self) -> bool:
        """Every meeting is decoded (see ``open(lazy=True)``)."""
        return self.corpus.fully_read

    def read_corpus(self, seconds: float = 0.005) -> bool:
        """Decode, for about ``seconds``, meetings a lazy open left; True while some
        remain. Call it again and again from a background thread: other threads wait
        for the store at most one such slice. StoreError if a meeting is corrupt."""
        return self.corpus.read_some(seconds)

    def share_texts(self, pause: Callable[[], None] | None = None) -> int:
        """Let each annotation's anchor hold its commitment's text as the corpus holds it
        (one copy, not one decoded from each file) where the two are the same; once the
        corpus is read (``store.shared_texts``: ``pause`` between slices). At 50,000
        rated commitments, about 15 MB. The number shared."""
        return shared_texts.share_texts(self, pause)

    def meeting(self, meeting_id: str) -> Meeting:
        with self._mutex:
            rec = self.corpus.record(meeting_id)
            if rec is None:
                raise edits.not_found("meeting", meeting_id, self.path)
            # a lost heading named after another language version's (``store.versions``)
            return self.versions().named(self._corrected.meeting(self._files.state, rec.meeting))

    def locate(self, target_id: str) -> tuple[Meeting, Area | None, Commitment | None]:
        with self._mutex:
            found = self._corrected.locate(self._files.state, self.corpus, target_id)
            found = self.as_shown(found, target_id)  # as ``meeting`` gives it
            if found is None:
                raise edits.not_found("target", target_id, self.path)
            return found

    def target_ids(self) -> list[str]:
        """The ID of every meeting, area and commitment (those corrections made too)."""
        with self._mutex:
            made = self._files.state.corrections.created
            parts = [p.id for _, p in self.versions().splits.values()]  # ``store.versions``
            return [*self.corpus.index, *(i for i in made if i not in self.corpus.index), *parts]

    def annotation(self, target_id: str) -> Annotation:
        """A target's statuses, tags and notes (the pair's, for another language version's
        item: ``store.versions``, ``store.pair_annotations``)."""
        with self._mutex:
            state, canonical = self._files.state, self.canonical_id(target_id)
            aliases = self.versions().standing_for(canonical)
            own = state.annotation(canonical)
            if not aliases:
                return own
            return pair_annotations.merged(canonical, [own, *map(state.annotation, aliases)])

    def ratings(self) -> Ratings:
        """Each target's status history and tags, for statistics (``store.model.Ratings``)."""
        with self._mutex:
            out = Ratings({}, {})
            for t, r in self._files.state.targets.items():  # one pass: each costs misses
                if r.history:  # replaced, never changed in place: shared
                    out.histories[t] = r.history
                if r.tags:
                    out.tags[t] = list(r.tags)
            canonical = self.versions().canonical  # a pair's versions' ratings as one
            return pair_annotations.merged_ratings(out, canonical) if canonical else out

    def annotations(self) -> dict[str, Annotation]:
        with self._mutex:
            state = self._files.state
            found = {t: state.annotation(t) for t in state.annotated_targets()}
            canonical = self.versions().canonical
            if not any(t in canonical for t in found):
                return found
            pairs: dict[str, list[Annotation]] = {}  # a pair's versions' annotations as one
            for t, ann in found.items():
                pairs.setdefault(canonical.get(t, t), []).append(ann)
            return {t: pair_annotations.merged(t, anns) for t, anns in pairs.items()}

    def all_tags(self) -> list[str]:
        with self._mutex:
            tags = {t for rec in self._files.state.targets.values() for t in rec.tags}
            return unique_tags(sorted(tags, key=lambda t: (t.casefold(), t)))

    def note(self, note_id: str) -> Note | None:
        """The note with this ID, or None if there is none (any more)."""
        with self._mutex:
            return self._files.state.notes.get(note_id)

    def notes(self) -> list[Note]:
        with self._mutex:
            # by time; notes written in the same millisecond keep the order they were written
            return sorted(self._files.state.notes.values(), key=lambda n: n.created)

    def deletions(self) -> list[Deletion]:
        """What was deleted (notes, tags, status history entries) and when, oldest
        first (see ``model.Deletion``)."""
        with self._mutex:
            state = self._files.state
            found = list(state.deletions.values())
            for target_id, rec in state.targets.items():
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
            found = orphans.find(self._files.state, self.corpus, self.has_target)
            if suggest:
                self.suggest(found)
            return found

    def suggest(self, found: Sequence[Orphan], pools: dict[Any, Any] | None = None) -> None:
        """Fill in the ``suggestions`` of orphans (those of one target together).
        ``pools`` keeps the candidates between calls: pass the same dict for every
        batch of one listing, so a meeting's commitments are normalised once."""
        with self._mutex:
            orphans.suggest(self._files.state, self.corpus, found, {} if pools is None else pools)

    def orphan_count(self) -> int:
        """How many orphans ``orphans`` lists (without working out suggestions)."""
        with self._mutex:
            return len(orphans.find(self._files.state, self.corpus, self.has_target))

    def source_text(self, meeting_id: str) -> str:
        with self._mutex:
            self.meeting(meeting_id)
            rec = self.corpus.record(meeting_id)
            assert rec is not None
            known = self._texts.get(rec.doc)
            if known is not None:
                return known
            data = self.corpus.source_bytes(rec)
        try:
            text = parsers.source_text(data, rec.source_name)
        except InputError as exc:
            raise StoreError(str(exc)) from exc
        with self._mutex:
            if len(self._texts) >= 4:  # the last four read
                self._texts.pop(next(iter(self._texts)))
            self._texts[rec.doc] = text  # the same bytes always give the same text
        return text


def check_store_exists(path: Path) -> None:
    """StoreError (``ErrorKind.MISSING``, ``path`` as given) unless a store exists at
    ``path`` (what ``open(create=False)`` opens), or one saying which of its files are
    there without it (``ErrorKind.CORRUPT``)."""
    store = Store(path)
    if store.path.exists():
        return
    store._files.check_missing(create=True)  # its journal or corpus is there: say so
    raise StoreError(f"no store at {path}", kind=ErrorKind.MISSING, path=Path(path))


class _CorpusError(StoreError):
    """The corpus file cannot be read (derived data: it can be set aside and rebuilt)."""

    @classmethod
    def of(cls, exc: StoreError) -> _CorpusError:
        return cls(exc.message, exc.status, kind=exc.kind, path=exc.path, advice=exc.advice,
                   **exc.facts)  # fmt: skip


def _has_dot_files(directory: Path) -> bool:
    """Whether a directory holds a file whose name starts with a dot (False if none or
    no such directory): listing thousands of sources costs less than a stat of each."""
    try:
        return any(name.startswith(".") for name in os.listdir(directory))
    except OSError:
        return False

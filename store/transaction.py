"""A transaction on the store: what an annotation write, a merge or an import does while
it holds the store's lock (``with store.transaction() as tx: …``, see
:meth:`store.store.Store.transaction`).

Inside the block ``tx.state`` is the annotation state as read under the lock (caught up
with every other process's writes), with the events appended so far applied; other
processes wait for the lock. ``tx.append`` adds annotation events, ``tx.save_meeting``
a parsed meeting (its source document, its corpus record and the events moving its
annotations). On leaving the block everything is written in one go: the new sources
synced, the events appended to the journal (one durable write), then the corpus. If the
block raises, or a write fails (StoreError, ``ErrorKind.WRITE_FAILED``), nothing is
kept: the store is as it was before, on disk and in memory.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store import carry_over, fsio
from store.annotations import Anchor, AnnotationState, EventError
from store.corpus import Corpus, MeetingRecord
from store.errors import ErrorKind, StoreError

if TYPE_CHECKING:
    from store.snapshot import AnnotationFiles
    from store.store import Store


class Transaction:
    """See the module docstring; made by ``Store.transaction`` only."""

    def __init__(self, store: Store, files: AnnotationFiles, reload: Callable[[], Any]) -> None:
        #: The store, for its queries (``locate``, ``annotation``, ``notes`` …: under the
        #: lock they read the state of this transaction).
        self.store = store
        self._files = files
        self._reload = reload  # re-reads the store from disk (after an undo)
        self._events: list[dict[str, Any]] = []
        self._sources: list[Path] = []
        self._meetings = 0
        self._changed = False  # memory differs from disk
        self._refused: StoreError | None = None  # an event that could not be applied
        self._open = True

    @property
    def state(self) -> AnnotationState:
        """The annotations as read under the lock, with this transaction's events applied.
        Read it; change it only through ``append``."""
        return self._files.state

    @property
    def corpus(self) -> Corpus:
        """The parsed meetings as read under the lock (change them with ``save_meeting``)."""
        return self.store.corpus

    @property
    def events(self) -> list[dict[str, Any]]:
        """The events appended so far (journalled on commit)."""
        return list(self._events)

    def anchor(self, target_id: str) -> Anchor:
        """What a target is (kind, text, meeting, document), to record with an event about
        it; StoreError if the store has no such target."""
        meeting, _area, _c = self.store.locate(target_id)
        record = self.corpus.record(meeting.id)
        assert record is not None
        anchor = carry_over.anchor_for(meeting, record.doc, target_id)
        assert anchor is not None
        return anchor

    def append(self, events: Iterable[dict[str, Any]]) -> None:
        """Apply annotation events to ``state``, to be journalled on commit; StoreError
        (nothing of the transaction kept) if one cannot be applied."""
        self._check_open()
        for event in events:
            self._changed = True
            try:
                self._files.state.apply(event)
            except EventError as exc:
                self._refused = StoreError(
                    f"a change the store cannot record ({exc}); nothing was changed"
                )
                raise self._refused from exc
            self._events.append(event)

    def save_meeting(
        self,
        record: MeetingRecord,
        data: bytes,
        *,
        replaces: str | None = None,
        events: Iterable[dict[str, Any]] = (),
        encoded: bytes | None = None,
    ) -> None:
        """Store a meeting (replacing the one with the ID ``replaces``): its source
        document ``data`` is written now (synced on commit), its record goes into the
        corpus and ``events`` (its annotations moving, see ``carry_over``) are applied;
        the corpus and the journal are written on commit. ``encoded`` is
        ``record.encoded(...)`` if the caller has it. StoreError if the source cannot be
        written: nothing of this meeting is kept, the transaction goes on."""
        self._check_open()
        try:
            source = self.corpus.save_source(record.doc, record.suffix, data, durable=False)
        except OSError as exc:
            raise self._failed(exc, meeting=True) from exc
        self._changed = True
        self._meetings += 1
        if source is not None:
            self._sources.append(source)
        self.corpus.save(record, replaces, defer=True, encoded=encoded)
        self.append(events)

    # -- ending (``Store.transaction``) ---------------------------------------------
    def commit(self) -> None:
        """Write what the transaction changed: sources synced, then the journal, then the
        corpus; StoreError (the store left as it was) if a write fails."""
        self._open = False
        if not self._changed:
            return
        if self._refused is not None:  # the block went on after it: keep nothing
            self.undo()
            raise self._refused
        journal = self._files.journal
        offset, line_no = journal.offset, journal.line_no
        appended = False
        try:
            fsio.sync_files(self._sources)
            if self._events:
                self._files.ready_journal()
                offset, line_no = journal.offset, journal.line_no
                journal.append(self._events)
                appended = True
            if self.corpus.dirty:
                self.corpus.flush()
        except OSError as exc:
            if appended:
                with contextlib.suppress(OSError):  # if not, the undo reads what is there
                    journal.truncate_to(offset, line_no)
            self.undo()
            raise self._failed(exc, meeting=self._meetings > 0) from exc
        if self._files.needs_compaction():
            self._files.compact()

    def undo(self) -> None:
        """Forget what the transaction changed: new sources removed, the store read again."""
        self._open = False
        if not self._changed:
            return
        for source in self._sources:
            self.corpus.discard_source(source)
        self._files.main_sig = None  # read again from disk (if that fails, at the next use)
        with contextlib.suppress(StoreError):
            if self._meetings:
                self._reload()  # the annotations and the corpus
            else:
                self._files.load()  # the corpus was not touched

    def _check_open(self) -> None:
        if not self._open:
            raise RuntimeError("the transaction has ended")

    def _failed(self, exc: OSError, *, meeting: bool) -> StoreError:
        reason = fsio.describe_os_error(exc)
        if meeting:
            path = self._files.files.corpus
            message = f"{path}: could not store the meeting ({reason}); the store is unchanged"
        else:
            path = self._files.files.journal
            message = f"{path}: could not save the change ({reason}); nothing was changed"
        return StoreError(message, kind=ErrorKind.WRITE_FAILED, path=path)

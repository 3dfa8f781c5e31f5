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
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store import carry_over, fsio, history
from store.annotations import Anchor, AnnotationState, EventError
from store.author import current_author
from store.corpus import Corpus, MeetingRecord
from store.errors import ErrorKind, StoreError
from store.model import now_iso

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
        self._change: dict[str, Any] | None = None  # what to log (``log_change``)
        self._before: dict[str, history.Projection] = {}

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

    def log_change(
        self,
        kind: str,
        summary: str,
        targets: Iterable[str],
        *,
        undoes: str | None = None,
        redoes: str | None = None,
    ) -> None:
        """Make this transaction one change of the activity log (``store.history``): on
        commit, after its events, an entry with who, when, ``kind``, ``summary``, the
        ``targets`` and what each thing it changed was before and after — what undo and
        redo need. Call it before ``append``."""
        self._change = {
            "kind": kind,
            "summary": summary,
            "targets": list(dict.fromkeys(targets)),
            "undoes": undoes,
            "redoes": redoes,
        }

    def append(self, events: Iterable[dict[str, Any]]) -> None:
        """Apply annotation events to ``state``, to be journalled on commit; StoreError
        (nothing of the transaction kept) if one cannot be applied."""
        self._check_open()
        for event in events:
            self._changed = True
            try:
                if self._change is not None:
                    for key in history.keys_of(self._files.state, event):
                        if key not in self._before:
                            self._before[key] = history.project(self._files.state, key)
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
    def _log_entry(self) -> None:
        """Append the activity log's entry for this change (see ``log_change``)."""
        change, state = self._change, self._files.state
        if change is None or not self._events:
            return
        after = {key: history.project(state, key) for key in self._before}
        before = {
            key: was for key, was in self._before.items() if not history.same(key, was, after[key])
        }
        if not before and change["kind"] not in ("undo", "redo"):
            return  # nothing a user would see changed
        at = now_iso()
        entry = history.LogEntry(
            id=secrets.token_hex(6),
            at=at,
            by=current_author(),
            kind=change["kind"],
            summary=change["summary"],
            targets=change["targets"],
            before=before,
            after={key: after[key] for key in before},
            undoes=change["undoes"],
            redoes=change["redoes"],
            session=history.SESSION,
        )
        self._change = None
        self.append([{"op": "log", "entry": entry.to_doc()}])

    def commit(self) -> None:
        """Write what the transaction changed: sources synced, then the journal, then the
        corpus; StoreError (the store left as it was) if a write fails."""
        if self._open and self._refused is None:
            try:
                self._log_entry()
            except BaseException:
                self.undo()  # nothing of the change kept, in memory either
                raise
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

"""The annotations on disk: ``store.json`` (the snapshot: schema version, generation
and the annotations as last compacted) and ``store.journal`` (the events since), read
into one :class:`AnnotationState` and kept up to date with them.

:class:`AnnotationFiles` loads (migrating an older schema), catches up with what other
processes appended, appends events and folds the journal into a new snapshot. It does
no locking: :class:`store.store.Store` calls it under the store's lock.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
from collections.abc import Callable, Iterable
from typing import Any

from tinydb.table import Table

from store import fsio
from store.annotations import AnnotationState, EventError, TargetRecord
from store.errors import ErrorKind, StoreError
from store.journal import JOURNAL_FORMAT, Journal
from store.model import now_iso
from store.paths import StorePaths
from store.storage import AtomicJSONStorage

SCHEMA_VERSION = 1
#: Migrations from schema N to N+1: ``(snapshot, journal events) -> (snapshot, events)``.
MIGRATIONS: dict[int, Callable[[dict[str, Any], list[dict[str, Any]]], tuple[dict, list]]] = {}
#: The tables of ``store.json`` that hold annotations (TinyDB tables: objects by document ID).
_ANNOTATION_TABLES = ("targets", "notes", "deletions", "corrections", "withdrawn", "log")
#: The journal is folded into a new snapshot once it outgrows the snapshot and this.
COMPACT_MIN_BYTES = 1 << 20


class AnnotationFiles:
    """``store.json`` and ``store.journal`` of the store at ``files.main``."""

    def __init__(self, files: StorePaths) -> None:
        self.files = files
        self.path = files.main
        self.snapshot = AtomicJSONStorage(
            self.path,
            what="store",
            advice="restore it from a backup, or move it aside to start a new store "
            "(the file is left untouched)",
        )
        self.journal = Journal(files.journal, self.path)
        #: The annotations: the snapshot with the journal's events applied.
        self.state = AnnotationState()
        #: The snapshot's generation (the journal of the same generation belongs to it).
        self.generation = 0
        self.main_sig: fsio.Signature | None = None
        self.created = False  # whether this object created the store (``create``)

    # -- reading ------------------------------------------------------------------
    def read(self, *, kept: bool = False) -> dict[str, Any] | None:
        """``store.json`` as data; None if there is none. ``kept``: each target's record
        as the annotations keep it (``_kept``), not as stored."""
        return self.snapshot.read(_kept if kept else None)

    def check_missing(self, *, create: bool) -> None:
        """``store.json`` is missing: may a new store be created here?"""
        others = [p for p in (self.files.journal, self.files.corpus) if p.exists()]
        if others or not create:
            names = " and ".join(p.name for p in others) or "nothing"
            raise StoreError(
                f"{self.path}: missing, but {names} exists beside it",
                kind=ErrorKind.CORRUPT,
                path=self.path,
                advice=f"restore {self.path.name} from a backup, or move the other store "
                "files aside to start a new store",
            )

    def meta_of(self, data: dict[str, Any]) -> dict[str, Any]:
        """The snapshot's metadata, checked: StoreError if it is no store this reads."""
        tables = data.get("_meta")
        meta = tables.get("1") if isinstance(tables, dict) else None
        if not isinstance(meta, dict) or meta.get("app") != "coop-tui":
            raise StoreError(
                f"{self.path}: not a coop-tui store",
                kind=ErrorKind.NOT_A_STORE,
                path=self.path,
                advice="open another file, or move this one aside (it is left untouched)",
            )
        schema = meta.get("schema")
        if not isinstance(schema, int) or schema < 1:
            raise StoreError(
                f"{self.path}: the store's schema version is unreadable",
                kind=ErrorKind.CORRUPT,
                path=self.path,
                advice="restore it from a backup or move it aside",
            )
        if schema > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer version of coop-tui (schema {schema}; this one "
                f"reads up to {SCHEMA_VERSION})",
                kind=ErrorKind.VERSION,
                path=self.path,
                advice="upgrade coop-tui to use it (the file is left untouched)",
            )
        generation = meta.get("generation", 0)
        tables_ok = all(isinstance(data.get(k) or {}, dict) for k in _ANNOTATION_TABLES)
        if type(generation) is not int or generation < 0 or not tables_ok:
            raise StoreError(
                f"{self.path}: the annotations are corrupt (not shaped as a coop-tui store "
                "writes them)",
                kind=ErrorKind.CORRUPT,
                path=self.path,
                advice="restore the store from a backup (the files are left untouched)",
            )
        return meta

    def load(self, *, create: bool = False) -> None:
        """(Re)read the annotations; with ``create`` start a new store if there is none."""
        data = self.read(kept=True)
        if data is None:
            self.check_missing(create=create)
            self.create()
        else:
            self.load_data(data)

    def create(self) -> None:
        meta = {"app": "coop-tui", "schema": SCHEMA_VERSION, "generation": 0, "created": now_iso()}
        self.write_snapshot(AnnotationState(), meta)
        self.journal.start(0)
        self.state = AnnotationState()
        self.generation = 0
        self.created = True

    def load_data(self, data: dict[str, Any]) -> None:
        """Read the annotations from the snapshot ``data`` and the journal."""
        meta = self.meta_of(data)
        self.main_sig = fsio.signature(self.path)
        generation: int = meta.get("generation", 0)
        # the journal's events applied as they are read, not all held at once (after
        # 50,000 changes, tens of MB); its header comes with the first
        reading = self.journal.read_events(generation)
        first = next(reading, None)
        journal_gen = self.journal.generation
        if journal_gen is not None and journal_gen > generation:
            raise StoreError(
                f"{self.files.journal}: newer than {self.path.name} (was {self.path.name} "
                "restored from a backup?)",
                kind=ErrorKind.CORRUPT,
                path=self.files.journal,
                advice=f"move {self.files.journal.name} aside to use {self.path.name} as it is",
            )
        began = [] if first is None else [first]
        events: Iterable[dict[str, Any]] = itertools.chain(began, reading)
        if journal_gen != generation:
            # no journal yet, or one already folded into this snapshot: read to its end
            # all the same (a damaged journal is refused whichever it is)
            collections.deque(events, maxlen=0)
            events = []
        if meta["schema"] < SCHEMA_VERSION:
            # the migrations take the records as stored
            data, events = self._migrate(self.read() or data, list(events), meta["schema"])
        try:
            state = _state_of(data)
            for event in events:
                state.apply(event)
        except EventError as exc:
            raise StoreError(
                f"{self.path}: the annotations are corrupt ({exc})",
                kind=ErrorKind.CORRUPT,
                path=self.path,
                advice="restore the store from a backup (the files are left untouched)",
            ) from exc
        self.state, self.generation = state, generation

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
                    f"{self.path}: no way to upgrade a schema {schema} store",
                    kind=ErrorKind.VERSION,
                    path=self.path,
                    advice="use the coop-tui version that wrote it",
                )
            data, events = MIGRATIONS[schema](data, events)
            schema += 1
        meta = dict(data["_meta"]["1"], schema=SCHEMA_VERSION)
        data["_meta"] = {"1": meta}
        state = _state_of(data)
        for event in events:
            state.apply(event)
        generation = int(meta.get("generation", 0)) + 1
        self.write_snapshot(state, dict(meta, generation=generation))
        self.journal.start(generation)
        targets, notes = state.to_docs()
        return {
            "_meta": {"1": dict(meta, generation=generation)},
            "targets": dict(enumerate(targets, 1)),
            "notes": dict(enumerate(notes, 1)),
            "deletions": dict(enumerate(state.deletion_docs(), 1)),
            **{name: dict(enumerate(docs, 1)) for name, docs in state.history_docs().items()},
        }, []

    # -- catching up ----------------------------------------------------------------
    def main_changed(self) -> bool:
        return fsio.signature(self.path) != self.main_sig

    def changed_on_disk(self) -> bool:
        return self.main_changed() or fsio.signature(self.files.journal) != self.journal.signature

    def catch_up(self) -> bool | None:
        """Apply the events other processes appended; True if there were some, None if
        the files changed otherwise (``load`` them again)."""
        if self.main_changed():
            return None
        if fsio.signature(self.files.journal) == self.journal.signature:
            return False
        if not (self.journal.grew_only() and self.journal.generation == self.generation):
            return None
        try:
            for event in self.journal.read_new():
                self.state.apply(event)
        except EventError as exc:
            raise StoreError(
                f"{self.files.journal}: corrupt event ({exc})",
                kind=ErrorKind.CORRUPT,
                path=self.files.journal,
                advice="restore the store from a backup",
            ) from exc
        return True

    # -- writing ------------------------------------------------------------------
    def ready_journal(self) -> None:
        """Make the journal ready for an append (OSError if that fails)."""
        if self.journal.generation != self.generation or not self.files.journal.exists():
            self.journal.start(self.generation)
        elif self.journal.format < JOURNAL_FORMAT:
            self._fold_old_journal()
        else:
            self.journal.drop_torn_tail()

    def _fold_old_journal(self) -> None:
        """The journal is an older coop-tui's (see ``store.journal``): fold it into a new
        snapshot and start a journal of this format. OSError if that fails: the journal
        still holds every change (a crash between the two writes is safe, as in ``compact``)."""
        meta = dict(self.meta_of(self.read() or {}), generation=self.generation + 1)
        self.write_snapshot(self.state, meta)
        self.generation += 1
        self.journal.start(self.generation)

    def write_snapshot(self, state: AnnotationState, meta: dict[str, Any]) -> None:
        targets, notes = state.to_docs()
        with self.snapshot.batch(start_empty=True):
            Table(self.snapshot, "_meta").insert(meta)
            Table(self.snapshot, "targets").insert_multiple(targets)
            Table(self.snapshot, "notes").insert_multiple(notes)
            Table(self.snapshot, "deletions").insert_multiple(state.deletion_docs())
            for name, docs in state.history_docs().items():
                Table(self.snapshot, name).insert_multiple(docs)
        self.main_sig = fsio.signature(self.path)

    def needs_compaction(self) -> bool:
        size = self.journal.size()
        return size >= COMPACT_MIN_BYTES and size >= (self.main_sig.size if self.main_sig else 0)

    def compact(self) -> None:
        """Fold the journal into a new snapshot (caught up, under the lock). A failure
        here loses nothing: the journal still holds every change."""
        meta = dict(self.meta_of(self.read() or {}), generation=self.generation + 1)
        try:
            self.write_snapshot(self.state, meta)
        except OSError:
            return  # try again next time
        self.generation += 1
        with contextlib.suppress(OSError):  # if this fails, the next write starts it
            self.journal.start(self.generation)


def _kept(name: str, records: dict[str, Any]) -> dict[str, Any]:
    """A table of ``store.json`` as the annotations keep it: a target's record turned
    into its ``TargetRecord`` as soon as it is read (a large file a piece at a time), so
    that the records as decoded (three times the size at 50,000 ratings) do not all
    live at once. EventError for one not shaped as a record."""
    if name != "targets":
        return records
    kept: dict[str, Any] = {}
    for key, doc in records.items():
        try:
            kept[key] = TargetRecord.from_doc(doc)
        except EventError:
            kept[key] = doc  # refused with the rest, once the file's version is checked
    return kept


def _state_of(data: dict[str, Any]) -> AnnotationState:
    return AnnotationState.from_docs(
        list((data.get("targets") or {}).values()),
        list((data.get("notes") or {}).values()),
        list((data.get("deletions") or {}).values()),
        list((data.get("corrections") or {}).values()),
        list((data.get("withdrawn") or {}).values()),
        list((data.get("log") or {}).values()),
    )

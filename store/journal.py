"""The annotation journal: one JSON event per line, appended and fsynced.

Appending a line and fsyncing the file is the cheapest durable write there is —
much cheaper than rewriting a snapshot of 10,000 notes — and it touches
nothing else. The first line is a header naming the snapshot *generation* the
events apply to; compaction writes a new snapshot (generation + 1) and then a
fresh journal, so after a crash between the two the old journal's events are
recognisably already folded in (its generation is older) and are skipped.

A line without its final newline is a write that was killed before it returned
(never acknowledged): readers ignore it, and the next writer, holding the lock,
cuts it off. A complete line that does not parse is corruption: the store
refuses to go on rather than drop it. So is a journal without its header (empty,
say): ``start`` writes the header atomically before any event can be appended,
so such a file was truncated or replaced, and the events it held are gone.

Each write is one line, however many events it holds: several (an import of
annotations, the moves of an updated meeting) are written as one *batch* line,
``{"op": "batch", "events": [...]}``, which readers apply whole. A write killed
part-way is a torn last line, so it lands whole or not at all.

Formats: 1 had one line per event and no batch lines; 2 adds them. A format-1
journal is still read; before a write it is folded into a new snapshot and a
format-2 journal is started (``store.snapshot.AnnotationFiles.ready_journal``), so that
an older coop-tui says the store is newer rather than calling a batch line corrupt.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from store import fsio, jsonload
from store.errors import ErrorKind, StoreError
from store.storage import dumps

JOURNAL_FORMAT = 2
#: The journal's mark is written over in place, always this many bytes (in one block).
MARK_BYTES = 128

_ADVICE = (
    "restore it from a backup, or move it and {mark} aside to fall back to the "
    "annotations last compacted into {main} (changes made since then would be lost)"
)


class Journal:
    def __init__(self, path: Path, main: Path) -> None:
        self.path = path
        self.main = main
        #: How long the journal was after its last write (``_mark``): a journal found
        #: shorter, or gone, lost changes that were written.
        self.mark = path.with_name(f"{path.name}.mark")
        self._header_size = 0
        self.generation: int | None = None  # from the header; None: no journal file
        self.format = JOURNAL_FORMAT  # from the header (an older coop-tui wrote 1)
        self.offset = 0  # bytes consumed: the end of the last complete line
        self.signature: fsio.Signature | None = None
        self._line_no = 0

    def _corrupt(self, what: str) -> StoreError:
        advice = _ADVICE.format(main=self.main.name, mark=self.mark.name)
        return StoreError(
            f"{self.path}: {what}", kind=ErrorKind.CORRUPT, path=self.path, advice=advice
        )

    def read_all(self, snapshot_generation: int | None = None) -> list[dict[str, Any]]:
        """Read the whole journal (header and events); [] if there is none (refused if
        changes of ``snapshot_generation`` were written to it: it was deleted)."""
        return list(self.read_events(snapshot_generation))

    def read_events(self, snapshot_generation: int | None = None) -> Iterator[dict[str, Any]]:
        """``read_all``'s events one at a time, as they are decoded: a caller that applies
        them as they come does not hold them all (tens of MB after many changes). The
        header is read before the first event comes (``generation`` is then known); the
        checks of the whole journal are made once the last has come: a caller must not
        keep what it made of them unless the iteration ended."""
        self.generation, self.offset, self._line_no = None, 0, 0
        self.signature = fsio.signature(self.path)
        if self.signature is None:
            marked = self._marked()
            if marked is not None and marked[0] == snapshot_generation and marked[1] > marked[2]:
                raise self._corrupt("the journal is missing, but changes were written to it")
            return
        yield from self._read_from(0)
        if self.generation is None:
            # ``start`` writes the header atomically before any event: a journal file
            # without one was truncated or replaced, and its events are gone.
            what = "is empty" if self.signature.size == 0 else "has lost its first line"
            raise self._corrupt(
                f"the journal {what} (truncated?): the changes it held cannot be read"
            )
        marked = self._marked()
        if marked is not None and marked[0] == self.generation and marked[1] > self.offset:
            raise self._corrupt(
                f"the journal is shorter ({self.offset} bytes) than after its last change "
                f"({marked[1]} bytes): it was truncated, and changes are missing"
            )

    def _marked(self) -> tuple[int, int, int] | None:
        """The generation, length and header length ``_mark`` recorded (None if there is
        no mark, or it cannot be read: it is a check, never needed to read the store)."""
        try:
            data = jsonload.loads(fsio.read_store_file(self.mark, "journal's mark") or b"")
            values = (data["generation"], data["size"], data["header"])
        except (StoreError, ValueError, KeyError, TypeError):
            return None
        if not all(isinstance(v, int) for v in values):
            return None
        return values

    def _mark(self) -> None:
        """Record how long the journal is now, after a write that made it so (durable
        first: the mark is never ahead of the journal on disk). Not synced, and written
        over in place in one small write: after a crash it may be older, or unreadable
        (then ignored), never ahead."""
        assert self.generation is not None
        record = {"generation": self.generation, "size": self.offset, "header": self._header_size}
        data = dumps(record).ljust(MARK_BYTES - 1) + b"\n"  # one size: written over in place
        # A mark that cannot be written only weakens the check: the change is safe in
        # the journal, and a stale mark is never ahead of it.
        with contextlib.suppress(OSError):
            # not blocked by a named pipe put in its place, and nothing written into one
            fd = os.open(self.mark, os.O_WRONLY | os.O_CREAT | os.O_NONBLOCK, 0o644)
            try:
                if stat.S_ISREG(os.fstat(fd).st_mode):
                    os.pwrite(fd, data, 0)
            finally:
                os.close(fd)

    def read_new(self) -> list[dict[str, Any]]:
        """Events appended since the last read (same file, grown)."""
        self.signature = fsio.signature(self.path)
        return list(self._read_from(self.offset))

    def grew_only(self) -> bool:
        """Whether the file is the one we read, only longer (so ``read_new`` suffices)."""
        sig = fsio.signature(self.path)
        old = self.signature
        return (
            sig is not None
            and old is not None
            and sig.inode == old.inode
            and sig.size >= self.offset
            and self.generation is not None
        )

    def _read_from(self, start: int) -> Iterator[dict[str, Any]]:
        data = fsio.read_store_file(self.path, "journal", start)
        if data is None:
            return
        end = data.rfind(b"\n") + 1  # a torn last line (no newline yet) is not consumed
        pos = 0
        while pos < end:
            nl = data.index(b"\n", pos)
            line = data[pos:nl]
            pos = nl + 1
            self._line_no += 1
            try:
                record = jsonload.loads(line)
            except ValueError as exc:
                raise self._corrupt(f"line {self._line_no} of the journal is corrupt") from exc
            if not isinstance(record, dict):
                raise self._corrupt(f"line {self._line_no} of the journal is corrupt")
            if self.generation is None:
                self._header(record)
                self._header_size = start + pos
                continue
            if record.get("op") == "batch":
                batch = record.get("events")
                if not isinstance(batch, list) or not all(isinstance(e, dict) for e in batch):
                    raise self._corrupt(f"line {self._line_no} of the journal is corrupt")
                yield from batch
                continue
            yield record
        self.offset = start + end

    def _header(self, record: dict[str, Any]) -> None:
        if record.get("coop-tui") != "journal" or not isinstance(record.get("generation"), int):
            raise self._corrupt("not a coop-tui journal (its first line is not a journal header)")
        fmt = record.get("format", 1)
        if not isinstance(fmt, int):
            raise self._corrupt("its header is corrupt")
        if fmt > JOURNAL_FORMAT:
            raise StoreError(
                f"{self.path}: written by a newer version of coop-tui",
                kind=ErrorKind.VERSION,
                path=self.path,
                advice="upgrade coop-tui to use this store (the file is left untouched)",
            )
        self.generation = int(record["generation"])
        self.format = fmt

    def torn_tail(self) -> bool:
        """Whether bytes after the last complete line exist (a killed, unacknowledged append)."""
        sig = fsio.signature(self.path)
        return sig is not None and sig.size > self.offset

    def drop_torn_tail(self) -> None:
        """Cut off an unacknowledged partial line; call only under the lock after a read."""
        if self.torn_tail():
            fsio.truncate_durable(self.path, self.offset)
            self.signature = fsio.signature(self.path)

    def start(self, generation: int) -> None:
        """Atomically replace the journal with an empty one for ``generation``."""
        header = {"coop-tui": "journal", "format": JOURNAL_FORMAT, "generation": generation}
        fsio.write_atomic(self.path, dumps(header) + b"\n")
        self.generation = generation
        self.format = JOURNAL_FORMAT
        self.offset = fsio.signature(self.path).size  # type: ignore[union-attr]
        self.signature = fsio.signature(self.path)
        self._line_no = 1
        self._header_size = self.offset
        self._mark()

    def append(self, events: list[dict[str, Any]]) -> None:
        """Append events durably as one line (a batch if several: see the module
        docstring), so that all of them are read back or none; on failure the file is
        unchanged."""
        if not events:
            return
        record = events[0] if len(events) == 1 else {"op": "batch", "events": events}
        self.offset = fsio.append_durable(self.path, dumps(record) + b"\n", self.offset)
        self._line_no += 1
        self.signature = fsio.signature(self.path)
        self._mark()

    def truncate_to(self, offset: int, line_no: int) -> None:
        """Take back events appended in a transaction that failed later."""
        fsio.truncate_durable(self.path, offset)
        self.offset, self._line_no = offset, line_no
        self.signature = fsio.signature(self.path)
        self._mark()

    @property
    def line_no(self) -> int:
        return self._line_no

    def size(self) -> int:
        try:
            return os.stat(self.path).st_size
        except FileNotFoundError:
            return 0

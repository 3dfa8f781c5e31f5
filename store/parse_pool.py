"""Reading and parsing the files of an import: in worker processes when there are many.

Parsing a release is pure computation on its bytes (milliseconds for 20 kB), so a bulk
import parses ahead in ``ProcessPoolExecutor`` workers while the importing process
stores what was parsed, in the files' order. Few files, a process with other threads
running (forking one is unsafe) or a platform without ``fork`` parse in-process; so
does every file whose worker failed, so a result never depends on where it was parsed.
"""

from __future__ import annotations

import collections
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple

import fetching
import parsers
from parsers.model import Area, Commitment, Meeting, SignedDocument
from parsers.reading import MAX_DOCUMENT_BYTES, InputError, read_bounded, release_size_limit
from store import fsio
from store.model import ImportResult
from store.storage import dumps

#: Fewer files than this are parsed in-process: starting workers would cost more.
PARALLEL_MIN_FILES = 32
#: Files per task sent to a worker, and tasks kept queued per worker: enough to go on
#: parsing while a slice is stored and written (about a second), few enough to bound
#: memory (tens of MB).
CHUNK_FILES = 4
TASKS_PER_WORKER = 64
MAX_WORKERS = 8

#: A file (or a URL, fetched when it is read), and the name it is shown and parsed under.
Job = tuple[Path | str, str | None]


class Origin(NamedTuple):
    """Where a fetched release came from."""

    url: str  # as given
    fetched: str  # when (ISO 8601, UTC)
    name: str  # the file name it is kept under (``fetching.Fetched.name``)


class ParsedFile(NamedTuple):
    data: bytes  # the file's bytes
    meeting: Meeting
    meeting_json: bytes  # ``storage.dumps(meeting.to_dict())``, for the corpus file
    origin: Origin | None = None  # fetched from a URL


#: A parsed file, or the failed result saying why it could not be parsed.
Parsed = ImportResult | ParsedFile


def read_and_parse(path: Path | str, name: str | None = None) -> Parsed:
    """Read and parse one file, or fetch and parse a URL (a ``str``); any problem is a
    failed result, never an exception."""
    shown = str(path) if name is None else name
    if isinstance(path, str):
        return _fetch_and_parse(path)
    try:
        data = read_bounded(
            path, MAX_DOCUMENT_BYTES, shown, "a press release", limit_of=release_size_limit
        )
        meeting = parsers.parse_bytes(data, name or path.name)
    except InputError as exc:
        return ImportResult(shown, "failed", reason=str(exc))
    except OSError as exc:
        return ImportResult(
            shown, "failed", reason=f"{shown}: cannot be read ({fsio.describe_os_error(exc)})"
        )
    except Exception as exc:  # a parser bug must not stop the other files
        return ImportResult(
            shown, "failed", reason=f"{shown}: the parser failed ({type(exc).__name__}: {exc})"
        )
    return ParsedFile(data, meeting, dumps(meeting.to_dict()))


def _fetch_and_parse(url: str) -> Parsed:
    """Fetch a release and parse it (``fetching``); a failed result names the URL
    (without its password: ``fetching.shown_url``)."""
    shown = fetching.shown_url(url)
    try:
        fetched = fetching.fetch(url)
        meeting = fetching.parse_fetched(fetched)
    except InputError as exc:
        return ImportResult(shown, "failed", reason=str(exc))
    except Exception as exc:  # a parser bug must not stop the other files
        return ImportResult(
            shown, "failed", reason=f"{shown}: the parser failed ({type(exc).__name__}: {exc})"
        )
    origin = Origin(fetched.url, fetched.fetched_at, fetched.name)
    return ParsedFile(fetched.data, meeting, dumps(meeting.to_dict()), origin)


def _parse_chunk(jobs: list[Job]) -> list[Parsed]:
    return [read_and_parse(path, name) for path, name in jobs]


# A worker's results travel as plain tuples: pickling a meeting's dataclasses one object
# at a time costs as much as a tenth of its parse, a tuple of strings much less.
MEETING_FIELDS = ("id", "title", "date", "place", "parties", "source", "stated_area_count",
                  "areas", "signed_documents", "warnings", "kind", "language")  # fmt: skip
AREA_FIELDS = ("id", "name", "heading_inferred", "commitments")
Packed = ImportResult | tuple[bytes, tuple[Any, ...], bytes, Origin | None]


def _parse_chunk_packed(jobs: list[Job]) -> list[Packed]:
    return [_pack(parsed) for parsed in _parse_chunk(jobs)]


def _pack(parsed: Parsed) -> Packed:
    if isinstance(parsed, ImportResult):
        return parsed
    m = parsed.meeting
    areas = [
        (a.id, a.name, a.heading_inferred, [(c.id, c.text) for c in a.commitments]) for a in m.areas
    ]
    meeting = (m.id, m.title, m.date, m.place, m.parties, m.source, m.stated_area_count,
               areas, [d.title for d in m.signed_documents], m.warnings, m.kind,
               m.language)  # fmt: skip
    return parsed.data, meeting, parsed.meeting_json, parsed.origin


def _unpack(packed: Packed) -> Parsed:
    if isinstance(packed, ImportResult):
        return packed
    data, fields, js, origin = packed
    mid, title, date, place, parties, source, stated, areas, signed, warnings, kind, language = (
        fields
    )
    meeting = Meeting(
        mid, title, date, place, parties, source, stated,
        [Area(aid, name, inferred, [Commitment(cid, text) for cid, text in commitments])
         for aid, name, inferred, commitments in areas],
        [SignedDocument(t) for t in signed], warnings, kind=kind, language=language,
    )  # fmt: skip
    return ParsedFile(data, meeting, js, origin)


#: How often a worker checks that the importing process is still there (where the
#: kernel cannot be asked to end it with its parent).
PARENT_CHECK_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _worker_init(parent: int) -> None:
    """Set up a worker forked by the importing process ``parent``.

    Ctrl-C and SIGTERM are the importing process's to handle (it shuts the workers
    down). A worker must never outlive it, however it ends (kill -9 too): on Linux
    the kernel sends the worker SIGKILL when its parent dies (``PR_SET_PDEATHSIG``);
    elsewhere, and in case that cannot be set, a thread of the worker checks that its
    parent is still its parent and ends the worker when it is not.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _release_interrupts(_INTERRUPTS)  # held back while the pool started (``__enter__``)
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


def _hold_interrupts() -> set[signal.Signals]:
    """Hold back SIGINT and SIGTERM (delivered at ``_release_interrupts``); returns what
    to release (nothing where signals cannot be held, or off the main thread)."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not on POSIX
        return set()
    return _INTERRUPTS - signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)


def _release_interrupts(held: set[signal.Signals]) -> None:
    if held and hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def _die_with_parent() -> None:
    """Ask Linux to send this process SIGKILL when its parent dies (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no libc prctl: the watching thread does it
        pass


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)  # orphaned: adopted by another process, the import is gone


def worker_count(files: int) -> int:
    """How many worker processes to parse ``files`` files with (0: parse in-process)."""
    if files < PARALLEL_MIN_FILES or threading.active_count() > 1:
        return 0
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - platforms without affinity
        cpus = os.cpu_count() or 1
    return min(cpus, MAX_WORKERS) if cpus > 1 else 0


class ParsedFiles:
    """The jobs' ``Parsed`` results, in order; a context manager that owns the workers.

    Enter it before taking the store lock: the workers are forked on entry.
    """

    def __init__(self, jobs: list[Job]) -> None:
        self._jobs = jobs
        self._workers = worker_count(len(jobs))
        self._pool: ProcessPoolExecutor | None = None
        self._pending: collections.deque[tuple[list[Job], Future[list[Packed]]]] = (
            collections.deque()
        )
        self._next = 0  # the first job not yet submitted (or parsed in-process)
        self._ready: collections.deque[Parsed] = collections.deque()

    def __enter__(self) -> ParsedFiles:
        if self._workers > 1:
            # Ctrl-C or SIGTERM while the workers start would leave a pool half made, out
            # of ``_close``'s reach: held back till it is made, then raised in the ``with``.
            held = _hold_interrupts()
            try:
                self._pool = ProcessPoolExecutor(
                    self._workers,
                    mp_context=multiprocessing.get_context("fork"),
                    initializer=_worker_init,
                    initargs=(os.getpid(),),
                )
                self._fill()
            except OSError:  # no processes to be had: parse in-process
                self._close()
            finally:
                _release_interrupts(held)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._close()

    def __iter__(self) -> Iterator[Parsed]:
        return self

    def __next__(self) -> Parsed:
        if not self._ready:
            if self._pending:
                jobs, future = self._pending.popleft()
                try:
                    self._ready.extend(map(_unpack, future.result()))
                except Exception:  # a worker died or its result could not be sent back
                    self._close()
                    self._ready.extend(_parse_chunk(jobs))
                self._fill()
            elif self._next < len(self._jobs):
                self._ready.append(read_and_parse(*self._jobs[self._next]))
                self._next += 1
            else:
                raise StopIteration
        return self._ready.popleft()

    def _fill(self) -> None:
        """Keep the workers busy: submit tasks until enough are queued."""
        if self._pool is None:
            return
        while len(self._pending) < self._workers * TASKS_PER_WORKER and self._next < len(
            self._jobs
        ):
            jobs = self._jobs[self._next : self._next + CHUNK_FILES]
            try:
                future = self._pool.submit(_parse_chunk_packed, jobs)
            except BrokenExecutor:  # a worker died (killed): the rest is parsed in-process
                self._close()
                return
            self._pending.append((jobs, future))
            self._next += len(jobs)

    def _close(self) -> None:
        """Stop the workers; jobs submitted but not parsed are parsed in-process instead."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.shutdown(wait=True, cancel_futures=True)
        # Queued tasks are contiguous and in order: take their jobs back.
        self._next -= sum(len(jobs) for jobs, _future in self._pending)
        self._pending.clear()

"""Importing releases from the app: files, folders and web addresses, in steps.

:meth:`session.Session.import_sources` hands every source the researcher typed to
:func:`import_sources` here. Paths (files, and folders as ``coop-tui import`` reads them:
``store.collect``) are imported a few files at a time, each step a call of the store's
importer under the session's write lock, so that a status or a note saved meanwhile is
written between two steps, not after the whole import; a step lasts about
``STEP_SECONDS``. Between steps the import looks whether it was asked to stop (the
dialog's Escape or Ctrl+C, or the app quitting): what the steps before stored stays in
the store, the files not read yet are counted, never half-stored (each step is the
importer's transactions, kept whole or not at all). A web address is one step of its
own (:func:`import_addresses`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from store import StoreError
from store.collect import Collected, collect_files, shown
from store.importer import SLICE_FLUSH_RATIO, Importer
from store.model import ImportResult

if TYPE_CHECKING:
    from store import Store

#: ``progress(done, total, name)``: as ``store.importer.Progress`` (files and addresses
#: done, of how many; the one being read now, "" at the end).
Progress = Callable[[int, int, str], None]

#: A step of the import (files read, parsed and stored under the write lock) lasts
#: about this long (longer on a large store: see ``_Steps``): a stop waits for it, and
#: so does a write made meanwhile. Less than the importer's shortest slice
#: (``SLICE_MIN_SECONDS``): a step is one transaction, stored whole or not at all.
STEP_SECONDS = 0.2
#: A step never takes longer than about this (reading, parsing and the step's writes, as
#: the last step measured them): a stop (Ctrl+C, Escape) is honoured within it, however
#: small the files or slow the store's writes.
MOST_STEP_SECONDS = 0.8
#: The first step's number of files (later steps are sized from how long a file took).
FIRST_STEP_FILES = 4
MOST_STEP_FILES = 1000

#: The schemes of a web address the import reads.
ADDRESS_SCHEMES = ("http://", "https://")


def is_address(source: str) -> bool:
    """Whether ``source`` is a web address (http or https) rather than a path."""
    return source.strip().lower().startswith(ADDRESS_SCHEMES)


def import_addresses(
    importer: Importer, addresses: list[str], progress: Progress
) -> list[ImportResult]:
    """Import releases from web addresses (fetched by the importer, ``fetching``); one
    result per address, in order."""
    return importer.import_sources(list[str | Path](addresses), progress)


@dataclass
class ImportReport:
    """What an import from the app did: a result per file or address, in order."""

    results: list[ImportResult] = field(default_factory=list)
    #: Files in the folders given that were not read because of their type.
    skipped: list[Path] = field(default_factory=list)
    #: The files and addresses not read because the import was stopped (or refused).
    not_read: list[str] = field(default_factory=list)
    #: Asked to stop (Escape, Ctrl+C, quitting) before every source was read.
    stopped: bool = False
    #: Why the rest was not imported (another process held the store too long …).
    error: str | None = None

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def failures(self) -> list[ImportResult]:
        return [r for r in self.results if r.outcome == "failed"]

    @property
    def meeting_ids(self) -> list[str]:
        """The meetings the import added or updated, in order."""
        return [
            r.meeting_id
            for r in self.results
            if r.outcome in ("added", "updated") and r.meeting_id is not None
        ]


class _Stopped(Exception):
    """Asked to stop between two steps."""


def import_sources(
    store: Store,
    sources: Sequence[str | Path],
    write_lock: threading.Lock,
    *,
    progress: Progress | None = None,
    stop: Callable[[], bool] = lambda: False,
) -> ImportReport:
    """Import ``sources`` (paths, and strings that are paths or web addresses: see
    :func:`is_address`) into ``store`` in steps taken under ``write_lock``, until
    ``stop()`` says to stop (looked at between steps). Paths come first, as
    ``store.collect`` lists them (a folder's files sorted), then the addresses."""
    paths = [Path(s).expanduser() if isinstance(s, str) else s for s in sources if not _url(s)]
    addresses = [s.strip() for s in sources if isinstance(s, str) and _url(s)]
    collected = collect_files(paths)
    report = ImportReport(skipped=list(collected.skipped))
    entries: list[Path | ImportResult | str] = [*collected.entries, *addresses]
    total = len(collected.files) + len(addresses)
    importer = Importer(store)  # one for every step: it sizes its writes by the last one
    steps = _Steps()
    done = i = 0

    def shifted(offset: int) -> Progress:
        def report_progress(n: int, _of: int, name: str) -> None:
            if name:  # (the importer's "" only ends a step)
                steps.file_started()
                if progress is not None:
                    progress(offset + n, total, name)

        return report_progress

    try:
        while i < len(entries):
            entry = entries[i]
            # an address is a step of its own
            step_end = i + 1 if isinstance(entry, str) else _step_end(entries, i, steps.files)
            with write_lock:
                if stop():
                    raise _Stopped
                steps.started()
                if isinstance(entry, str):
                    shifted(done)(0, 1, shown(entry))
                    report.results += import_addresses(importer, [entry], shifted(done))
                else:
                    step = Collected([e for e in entries[i:step_end] if not isinstance(e, str)])
                    report.results += importer.import_collected(step, shifted(done))
                    steps.ended()
            done += sum(not isinstance(e, ImportResult) for e in entries[i:step_end])
            i = step_end
    except _Stopped:
        report.stopped = True
    except StoreError as exc:  # refused before the step stored anything: the rest not read
        report.error = str(exc)
    except OSError as exc:  # (the store words its own; anything else is still said)
        report.error = f"{exc.strerror or exc}"
    for entry in entries[i:]:
        if isinstance(entry, ImportResult):
            report.results.append(entry)  # a missing path: said, whether stopped or not
        else:
            report.not_read.append(shown(entry))
    if progress is not None:
        progress(done, total, "")
    return report


class _Steps:
    """How many files the next step takes: about ``STEP_SECONDS`` of reading and
    parsing, or ``SLICE_FLUSH_RATIO`` times the last step's write if that is longer
    (as the importer sizes its slices: on a large store, whose every write takes long,
    writing stays a small share of the import), but at most ``MOST_STEP_SECONDS`` with
    its write, so that a stop is honoured within about a second. Worked out from when each file of a
    step was started (its progress) and when the step ended."""

    def __init__(self) -> None:
        self.files = FIRST_STEP_FILES
        self._starts: list[float] = []
        self._each: float | None = None  # seconds to read and parse a file

    def started(self) -> None:
        self._starts = []

    def file_started(self) -> None:
        self._starts.append(time.perf_counter())

    def ended(self) -> None:
        starts, end = self._starts, time.perf_counter()
        if not starts:
            return
        if len(starts) > 1:
            self._each = (starts[-1] - starts[0]) / (len(starts) - 1)
        each = self._each if self._each is not None else end - starts[-1]
        write = max(0.0, end - starts[-1] - each)
        target = max(STEP_SECONDS, SLICE_FLUSH_RATIO * write)
        # … but never so long that a stop waits for it: the step's write counts too
        target = min(target, MOST_STEP_SECONDS - write)
        self.files = max(1, min(MOST_STEP_FILES, round(target / max(each, 1e-4))))


def _step_end(entries: list[Path | ImportResult | str], i: int, size: int) -> int:
    """Where a step of files starting at ``i`` ends: after ``size`` files, before an
    address."""
    files = 0
    while i < len(entries) and not isinstance(entries[i], str):
        if isinstance(entries[i], Path):
            if files == size:
                break
            files += 1
        i += 1
    return i


def _url(source: str | Path) -> bool:
    return isinstance(source, str) and is_address(source)

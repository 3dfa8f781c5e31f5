"""Holding a store for a write: this process's threads (a mutex) and other processes
(``store.lock``, a file lock), waiting for another process's lock up to a timeout, and
the read-only case (a lock file that cannot be created or opened for want of the right
to: the store is read without the lock and every write is refused)."""

from __future__ import annotations

import contextlib
import errno
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from store import fsio
from store.errors import ErrorKind, StoreBusy, StoreError, StoreReadOnly

DEFAULT_LOCK_TIMEOUT = 10.0
LOCK_POLL = 0.05  # seconds between attempts at a lock another process holds
#: Why a lock file cannot be created or opened when the store cannot be written here.
READ_ONLY_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


class StoreLock:
    """The lock of the store at ``path`` (its lock file: ``lock_path``)."""

    def __init__(self, path: Path, lock_path: Path, timeout: float) -> None:
        self.path = path
        self.lock_path = lock_path
        self.timeout = timeout
        #: Held by every reader and writer of this process (re-entrant).
        self.mutex = threading.RLock()
        self.file_lock = _file_lock(lock_path, timeout)
        #: ``time.monotonic()`` when a write began waiting for a lock another process
        #: holds; None when no write waits.
        self.busy_since: float | None = None
        #: Why the store cannot be written here, or None (see the module docstring).
        self.read_only: str | None = None
        self._stopped = threading.Event()  # see ``stop_waiting``

    @contextlib.contextmanager
    def hold(self, *, reading: bool = False) -> Iterator[None]:
        """Hold the store (this process's threads and other processes) for a write.

        While another process holds the lock this waits without holding the store for
        this process's readers (a window keeps answering), up to ``timeout`` seconds or
        until ``stop_waiting``; ``busy_since`` says that it waits.

        If the lock file cannot be created or opened for want of the right to, the store
        is read-only (``read_only``): a write is refused (StoreReadOnly); ``reading``
        (opening, catching up) goes on holding this process's threads only.
        """
        deadline = time.monotonic() + self.timeout
        while True:
            self.mutex.acquire()
            try:
                try:
                    self.file_lock.acquire(blocking=False)
                except Timeout:
                    _raise_if_lock_cannot_exist(self.lock_path)
                    raise
                break
            except Timeout:
                self.mutex.release()
            except OSError as exc:
                if exc.errno in READ_ONLY_ERRNOS:
                    self.read_only = (
                        f"its lock file {self.lock_path} cannot be created or opened: "
                        f"{fsio.describe_os_error(exc)}"
                    )
                    if reading:
                        break  # holding the mutex only
                self.mutex.release()
                if exc.errno in READ_ONLY_ERRNOS:
                    raise StoreReadOnly(
                        f"{self.path}: the store is read-only here ({self.read_only}); "
                        "nothing was changed",
                        path=self.path,
                        reason=self.read_only,
                    ) from exc
                raise StoreError(
                    f"{self.lock_path}: cannot lock the store ({fsio.describe_os_error(exc)})",
                    kind=ErrorKind.WRITE_FAILED,
                    path=self.lock_path,
                ) from exc
            except BaseException:
                self.mutex.release()
                raise
            self._wait(deadline)
        self.busy_since = None
        locked = self.file_lock.is_locked
        if locked:
            self.read_only = None
        try:
            yield
        finally:
            try:
                if locked:
                    self.file_lock.release()
            finally:
                self.mutex.release()

    def _wait(self, deadline: float) -> None:
        """Another process holds the lock: wait a little, or give up (StoreError)."""
        now = time.monotonic()
        if self.busy_since is None:
            self.busy_since = now
        if self._stopped.is_set():
            self.busy_since = None
            raise StoreError(
                f"{self.path}: the store is busy (another coop-tui process holds its lock); "
                "stopped waiting for it",
                kind=ErrorKind.BUSY,
                path=self.path,
                stopped=True,
            )
        if now >= deadline:
            self.busy_since = None
            raise StoreBusy(
                f"{self.path}: the store is busy: another coop-tui process has held its lock "
                f"for {self.timeout:g} s; let it finish or close it, then retry "
                f"(lock file {self.lock_path})",
                path=self.path,
                seconds=self.timeout,
            )
        self._stopped.wait(min(LOCK_POLL, deadline - now))

    def stop_waiting(self) -> None:
        """Make every write waiting for another process's lock fail at once (StoreError),
        and every later one that would have to wait."""
        self._stopped.set()


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
        # preserve_lock_file is new in filelock 3.20 (typed there, unknown before)
        return FileLock(str(path), timeout=timeout, preserve_lock_file=True)  # type: ignore[call-arg, unused-ignore]
    except TypeError:  # filelock < 3.20 keeps the lock file anyway
        return FileLock(str(path), timeout=timeout)

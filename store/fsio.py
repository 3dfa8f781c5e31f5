"""Durable file primitives: atomic replace, durable append, change signatures.

Every write the store makes goes through this module:

* ``write_atomic`` writes a temporary file in the same directory, flushes and
  fsyncs it, renames it over the target with ``os.replace`` and fsyncs the
  directory, so a reader (or a process killed at any instant) sees either the
  old file or the new one, never a mixture; ``atomic_text_writer`` does the
  same for text written a piece at a time (a large export);
* ``write_replace`` does the same without the fsyncs, for a batch of files that
  ``sync_files`` then makes durable together (a bulk import's source documents);
* ``append_durable`` appends one record to a journal and fsyncs it; if the
  write fails part-way the file is truncated back to its old length, so a
  failed append leaves the file byte-identical.

Temporary files are named ``.<target>.tmp-<pid>-<random>``; anything with that
shape is left over from a killed write (writes happen only under the store
lock) and ``remove_stale_temps`` deletes it.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import os
import secrets
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from parsers.reading import InputError, NotAFile, open_regular, read_bounded
from store.errors import StoreError

TEMP_MARK = ".tmp-"
#: The buffer of ``atomic_text_writer``: pieces are written to the file in blocks this big.
WRITE_BUFFER = 1 << 20
#: The most read of one of a store's own files, far above any real one: a file that
#: says it is smaller but goes on (a device behind a link, a file still growing) stops here.
STORE_FILE_MAX = 2 << 30


@dataclass(frozen=True)
class Signature:
    """What identifies one version of a file on disk (cheap to read with ``stat``)."""

    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int


def signature(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return Signature(st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")


def is_temp_of(candidate: str, target: Path) -> bool:
    return candidate.startswith(f".{target.name}{TEMP_MARK}")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # pragma: no cover - os.write raises rather than returning 0
            raise OSError(errno.EIO, "short write")
        view = view[written:]


def fsync_dir(directory: Path) -> None:
    """Make a rename or a new file in ``directory`` durable."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - platforms without directory fds (Windows)
        return
    try:
        os.fsync(fd)
    except OSError as exc:  # pragma: no cover - some filesystems refuse fsync on dirs
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically and durably.

    On any failure the temporary file is removed and the exception propagates;
    ``path`` itself is untouched.
    """
    _replace(path, data, durable=True)
    fsync_dir(path.parent)


@contextlib.contextmanager
def atomic_text_writer(path: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text file (no newline translation) whose contents replace ``path`` at the end.

    What is written goes to a temporary file in the same directory; when the
    ``with`` block ends normally it is flushed, fsynced and renamed over ``path``
    (as ``write_atomic`` does). If the block or the writing fails, the temporary
    file is removed, the exception propagates and ``path`` is untouched.
    """
    tmp = temp_name(path)
    created = False

    def create(name: str, flags: int) -> int:
        nonlocal created
        fd = os.open(name, flags | os.O_EXCL, 0o644)
        created = True
        return fd

    try:
        with open(
            tmp, "w", encoding=encoding, newline="", buffering=WRITE_BUFFER, opener=create
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if created:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def write_replace(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically but not yet durably (no fsync).

    A reader sees the old file or the whole new one; after a crash the new file may be
    missing or torn until ``sync_files`` made it durable. A bulk import writes many
    files this way and syncs them together, before anything refers to them.
    """
    _replace(path, data, durable=False)


def _replace(path: Path, data: bytes, *, durable: bool) -> None:
    """Write ``data`` to a temporary file beside ``path`` (fsynced when ``durable``) and
    rename it over ``path``; on any failure the temporary file is removed."""
    tmp = temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        try:
            _write_all(fd, data)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def sync_files(paths: list[Path]) -> None:
    """Make files written by ``write_replace`` (and their names) durable.

    On Linux one ``syncfs`` of their file system does it (a file's own fsync costs a
    journal commit each: about a millisecond, more than writing it); elsewhere, or if
    ``syncfs`` is missing, each file and then each directory is fsynced.
    """
    if not paths:
        return
    directories = list(dict.fromkeys(p.parent for p in paths))
    syncfs = _syncfs()
    if syncfs is not None and len({os.stat(d).st_dev for d in directories}) == 1:
        fd = os.open(directories[0], os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            if syncfs(fd) != 0:
                error = ctypes.get_errno()
                raise OSError(error, os.strerror(error))
        finally:
            os.close(fd)
        return
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    for directory in directories:
        fsync_dir(directory)


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    """libc's ``syncfs`` (Linux), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).syncfs  # type: ignore[no-any-return, unused-ignore]
    except (OSError, AttributeError):
        return None


def append_durable(path: Path, data: bytes, expected_size: int) -> int:
    """Append ``data`` to an existing file whose length is ``expected_size``.

    Returns the new length once the data is on disk. If anything fails the file
    is truncated back to ``expected_size`` before the exception propagates.
    """
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, expected_size)
                os.fsync(fd)
            raise
        return expected_size + len(data)
    finally:
        os.close(fd)


def truncate_durable(path: Path, size: int) -> None:
    """Cut ``path`` back to ``size`` bytes (dropping a torn, never-acknowledged tail)."""
    fd = os.open(path, os.O_WRONLY)
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temps(directory: Path, targets: list[Path]) -> list[Path]:
    """Delete temporary files left by killed writes; call only under the store lock."""
    removed: list[Path] = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    for name in names:
        # a temporary file's name starts with a dot; most are not, so this is cheap
        if name.startswith(".") and any(is_temp_of(name, t) for t in targets):
            with contextlib.suppress(OSError):
                os.unlink(directory / name)
                removed.append(directory / name)
    return removed


def read_store_file(path: Path, what: str, offset: int = 0) -> bytes | None:
    """A file of the store (from ``offset`` on), read as ``parsers.reading.read_bounded``
    reads a file; None if it is missing. StoreError (one line, naming it) if it is not a
    regular file, larger than ``STORE_FILE_MAX`` or cannot be read."""
    with _store_file_errors(path, what):
        return read_bounded(path, STORE_FILE_MAX, str(path), f"the {what}", offset)
    return None  # missing


def open_store_file(path: Path, what: str) -> int | None:
    """A read-only descriptor of a file of the store (see ``read_store_file``)."""
    with _store_file_errors(path, what):
        return open_regular(path)
    return None  # missing


@contextlib.contextmanager
def _store_file_errors(path: Path, what: str) -> Iterator[None]:
    """A missing file passed over (the caller goes on after the block); any other error
    reading a file of the store as a StoreError, one line naming it."""
    try:
        yield
    except FileNotFoundError:
        pass
    except NotAFile as exc:
        raise StoreError(f"{path}: cannot read the {what} (it is {exc.kind}, not a file)") from exc
    except InputError as exc:
        raise StoreError(str(exc)) from exc
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the {what} ({describe_os_error(exc)})") from exc


def describe_os_error(exc: OSError) -> str:
    """A short reason for an OSError, with advice for the common cases."""
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        return f"{reason} (free some disk space and retry)"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{reason} (check that the directory is writable)"
    if exc.errno == errno.EDQUOT:
        return f"{reason} (disk quota exceeded)"
    return reason

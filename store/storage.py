"""A TinyDB storage that never leaves a half-written file.

TinyDB's own ``JSONStorage`` truncates and rewrites its file in place, so a kill
at the wrong moment leaves it unreadable. ``AtomicJSONStorage`` writes through
``fsio.write_atomic`` instead, and refuses (with ``StoreError``) to read a file
that is not a JSON object, rather than letting TinyDB start an empty database
over it.

TinyDB reads and writes the whole database for every operation; to make a
group of operations one read and at most one atomic write, run them inside
``with storage.batch():`` — they work on an in-memory copy, written once when
the block ends (and discarded if it raises).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from store import fsio, jsonload
from store.errors import ErrorKind, StoreError


def dumps(data: Any) -> bytes:
    """The store's JSON encoding: UTF-8, no ASCII escaping, stable key order."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode(
        "utf-8"
    )


def load_json_object(
    path: Path,
    what: str,
    advice: str,
    kind: ErrorKind = ErrorKind.CORRUPT,
    tables: jsonload.Tables | None = None,
) -> dict[str, Any] | None:
    """Read a JSON object file; None if missing; StoreError (of ``kind``, with
    ``advice``) if empty or corrupt. ``tables``: see ``jsonload.loads``."""
    raw = fsio.read_store_file(path, what)
    if raw is None:
        return None
    if not raw.strip():
        message = f"{path}: the {what} is empty, not a coop-tui store"
        raise StoreError(message, kind=kind, path=path, advice=advice)
    try:
        data = jsonload.loads(raw, tables=tables)
    except ValueError as exc:
        message = f"{path}: the {what} is corrupt ({_short(exc)})"
        raise StoreError(message, kind=kind, path=path, advice=advice) from exc
    if not isinstance(data, dict):
        message = f"{path}: the {what} is not a coop-tui store"
        raise StoreError(message, kind=kind, path=path, advice=advice)
    return data


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:120]


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic, durable writes; strict reads; optional batching."""

    def __init__(
        self,
        path: str | Path,
        what: str = "store",
        advice: str = "",
        kind: ErrorKind = ErrorKind.CORRUPT,
    ) -> None:
        self.path = Path(path)
        self.what = what
        self.advice = advice or "restore it from a backup or move it aside"
        self.kind = kind  # of the StoreError a file that cannot be read raises
        self._batch: dict[str, Any] | None = None
        self._batch_dirty = False

    def read(self, tables: jsonload.Tables | None = None) -> dict[str, Any] | None:
        """The file as data (``tables``: see ``jsonload.loads``; not for TinyDB's own
        reads, which must get the records as stored)."""
        if self._batch is not None:
            return self._batch
        return load_json_object(self.path, self.what, self.advice, self.kind, tables)

    def write(self, data: dict[str, Any]) -> None:
        if self._batch is not None:
            self._batch = data
            self._batch_dirty = True
            return
        self._write_now(data)

    def _write_now(self, data: dict[str, Any]) -> None:
        fsio.write_atomic(self.path, dumps(data))

    @contextlib.contextmanager
    def batch(self, *, start_empty: bool = False) -> Iterator[None]:
        """Group TinyDB operations into one atomic write at the end of the block.

        ``start_empty`` builds a whole new file without reading the old one.
        """
        if self._batch is not None:
            raise RuntimeError("batches do not nest")
        self._batch = {} if start_empty else (self.read() or {})
        self._batch_dirty = start_empty
        try:
            yield
            if self._batch_dirty:
                self._write_now(self._batch)
        finally:
            self._batch = None
            self._batch_dirty = False

    def close(self) -> None:
        self._batch = None

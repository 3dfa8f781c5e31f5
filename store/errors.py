"""The one exception the store raises for anything a user can act on.

A :class:`StoreError` says what happened (``message``, naming the file) and, where the
store can say it without knowing who asks, what can be done about it (``advice``: in
the store's own terms, never a command or an option of the command line). ``kind``
tells the failures apart and ``path`` and ``facts`` hold what a caller needs to phrase
its own advice: the command line (``tui.commands.errors``) and the app
(``tui.store_errors``) each do so by kind.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Any


class ErrorKind(str, enum.Enum):
    """What kind of failure a :class:`StoreError` reports."""

    #: A value the store refuses (an empty note, an unknown status …): nothing was written.
    INVALID = "invalid"
    #: No meeting, area, commitment, note, orphan or status entry with that ID
    #: (``facts["what"]``: ``"meeting"``, ``"target"``, ``"note"``, ``"orphan"`` or
    #: ``"status change"``; ``facts["id"]``).
    NOT_FOUND = "not_found"
    #: A status given to an area or a meeting (``facts["target"]``, ``facts["is_a"]``).
    NOT_A_COMMITMENT = "not_a_commitment"
    #: No store at ``path`` (nothing was created).
    MISSING = "missing"
    #: ``path`` is not a coop-tui store (it is left untouched).
    NOT_A_STORE = "not_a_store"
    #: A store file is corrupt or missing beside the others: restore it from a backup.
    CORRUPT = "corrupt"
    #: The corpus file (derived data only) cannot be read: it can be set aside and
    #: rebuilt from the stored sources (``facts["newer"]``: written by a newer version).
    CORPUS_UNREADABLE = "corpus_unreadable"
    #: Written by a version of coop-tui this one cannot read.
    VERSION = "version"
    #: Another process holds the store's lock (``StoreBusy``), or the wait for it was
    #: stopped.
    BUSY = "busy"
    #: The store cannot be written here (``StoreReadOnly``).
    READ_ONLY = "read_only"
    #: What an editor read has changed since (``ChangedElsewhere``).
    CHANGED_ELSEWHERE = "changed_elsewhere"
    #: The disk refused a write; nothing was changed.
    WRITE_FAILED = "write_failed"
    #: ``undo`` or ``redo`` found nothing of the author's to undo or redo.
    NOTHING_TO_UNDO = "nothing_to_undo"


class StoreError(Exception):
    """A one-line, user-facing message naming the file, and the store's own advice.

    ``status`` is the exit status the command line uses (2: bad input or a store
    that cannot be used as it is). ``str()`` is ``message`` and ``advice`` joined.
    """

    status: int = 2
    default_kind: ErrorKind = ErrorKind.INVALID

    def __init__(
        self,
        message: str,
        status: int = 2,
        *,
        kind: ErrorKind | None = None,
        path: Path | None = None,
        advice: str = "",
        **facts: Any,
    ) -> None:
        self.message = " ".join(message.split("\n"))
        self.advice = " ".join(advice.split("\n"))
        super().__init__(f"{self.message}; {self.advice}" if self.advice else self.message)
        self.status = status
        self.kind = kind if kind is not None else self.default_kind
        self.path = path
        self.facts: dict[str, Any] = facts


class ChangedElsewhere(StoreError):
    """A write from an editor refused because what the editor read (its ``base``) has
    changed since, in another process or window: nothing was written."""

    default_kind = ErrorKind.CHANGED_ELSEWHERE


class StoreBusy(StoreError):
    """Another process held the store's lock longer than the lock timeout: nothing was
    written, and the same write may succeed later."""

    default_kind = ErrorKind.BUSY


class StoreReadOnly(StoreError):
    """A write refused because the store cannot be written here (its lock file cannot be
    created: a read-only folder or file system, or no right to it): nothing was written.
    Reading such a store works (``Store.read_only``)."""

    default_kind = ErrorKind.READ_ONLY

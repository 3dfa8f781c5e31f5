"""The one exception the store raises for anything a user can act on."""

from __future__ import annotations


class StoreError(Exception):
    """A one-line, user-facing message naming the file and what to do.

    ``status`` is the exit status the command line uses (2: bad input or a store
    that cannot be used as it is).
    """

    status: int = 2

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(" ".join(message.split("\n")))
        self.status = status


class ChangedElsewhere(StoreError):
    """A write from an editor refused because what the editor read (its ``base``) has
    changed since, in another process or window: nothing was written."""


class StoreBusy(StoreError):
    """Another process held the store's lock longer than the lock timeout: nothing was
    written, and the same write may succeed later."""


class StoreReadOnly(StoreError):
    """A write refused because the store cannot be written here (its lock file cannot be
    created: a read-only folder or file system, or no right to it): nothing was written.
    Reading such a store works (``Store.read_only``)."""

"""The app's wording of the store's errors, by their kind (the command line has its own:
``tui.commands.errors``).

Imports nothing of the store until called: the app's first frame imports no store code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.errors import StoreError


def app_error_text(exc: StoreError) -> str:
    """What the app shows (in a notification) for a store error met while it runs."""
    from store.errors import ErrorKind

    if exc.kind is ErrorKind.NOT_FOUND:
        return exc.message  # (the command line says where to list the IDs)
    if exc.kind is ErrorKind.NOTHING_TO_UNDO:
        # the store's message names the author and the file; the app says it as a notice
        what = "undo" if exc.message.startswith("nothing to undo") else "redo"
        return f"Nothing to {what}: {exc.message.partition(': ')[2] or exc.message}"
    if exc.kind is ErrorKind.CORPUS_UNREADABLE:
        return (
            f"{exc.message}; it holds only data derived from the source documents: quit, "
            "move it aside and rebuild it (coop-tui rebuild)"
        )
    return str(exc)


def exit_error_text(exc: StoreError) -> str:
    """What the app leaves for the command line to print when the store cannot be opened
    or read and the app exits: the command line's own wording, since it is printed there
    (``coop-tui`` started the app on the store ``--db`` named)."""
    from tui.commands.errors import store_error_text

    return store_error_text(exc)

"""Importing releases from the app (``i``): the dialog, and the worker that imports.

The dialog (``tui.screens.import_releases``) asks for files, folders and web
addresses; :meth:`Importing.start` runs the import in a thread worker of the app
(not of the dialog: the key queue waits for the workers a key starts on the screen on
top, and Escape must reach the dialog while the import runs) through
``Session.import_sources``, a few files at a time under the session's write lock, so a
change saved meanwhile is written between two steps. The worker reports its progress
to the dialog (at most every ``PROGRESS_SECONDS``) and gives way to the screen between
files (``tui.loading``); what it reads stays as long as the app, as a large store's
meetings do, so it is kept out of the garbage collector's full collections (each would
hold the screen for a tenth of a second or more). Once done, the main view reads the
tree again from the store, with the new meetings, and rebuilds the search index and
the lineage, as after a correction (``MainScreen.restructured``).
"""

from __future__ import annotations

import gc
import threading
import time
from typing import TYPE_CHECKING

from textual.worker import Worker

from tui.screens.import_releases import ImportScreen, summary

if TYPE_CHECKING:
    from session import Session
    from session.importing import ImportReport
    from tui.app import CoopApp
    from tui.main.screen import MainScreen

#: The dialog's progress line is updated at most this often.
PROGRESS_SECONDS = 0.05
#: A notification (the dialog closed while importing) lists at most this many failures.
NOTICE_FAILURES = 5
#: How often the dialog looks whether the import waits for another process.
WAIT_CHECK_SECONDS = 0.5


class Importing:
    """Opens the import dialog over ``screen`` (the main view) and runs its import."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.dialog: ImportScreen | None = None
        self.worker: Worker[None] | None = None
        self._cursor_at_start: str | None = None

    @property
    def app(self) -> CoopApp:
        return self.screen.coop

    def open(self) -> None:
        """``i``: the import dialog (not on a read-only store, nor while one runs)."""
        if self.app.session is None or self.app.refused_read_only():
            return
        if self.worker is not None and not self.worker.is_finished:
            self.app.notify("An import is still running; it is stopping.", markup=False)
            return
        self.dialog = ImportScreen(self.start)
        self.app.push_screen(self.dialog)

    def start(self, dialog: ImportScreen, sources: list[str]) -> threading.Event:
        """Import ``sources`` in a worker reporting to ``dialog``; the event stops it."""
        session = self.app.session
        assert session is not None
        stop = threading.Event()
        current = self.screen.agreement_tree.current
        self._cursor_at_start = current.id if current is not None else None

        def waiting() -> None:
            since = session.store.busy_since
            if since is not None:
                seconds = time.monotonic() - since
                dialog.show_waiting(
                    f"Waiting for the store: another coop-tui process holds its lock "
                    f"({seconds:.0f} s so far) …"
                )

        dialog.set_interval(WAIT_CHECK_SECONDS, waiting)
        self.worker = self.app.run_worker(
            lambda: self._import(session, dialog, sources, stop),
            group="import",
            exclusive=True,
            thread=True,
        )
        return stop

    def _import(
        self, session: Session, dialog: ImportScreen, sources: list[str], stop: threading.Event
    ) -> None:
        """In the worker: import, reporting to the dialog, then to the main view."""
        from session.importing import ImportReport
        from tui.loading import Cancelled, Loading
        from tui.messages import ImportDone, ImportProgress

        app = self.app
        loading = Loading((), app.ui_clock, app.last_input)
        loading.freeze = True  # what it makes is the store's now, for the app's life
        gc.freeze()
        said = [0.0]

        def progress(done: int, total: int, name: str) -> None:
            now = time.monotonic()
            if not name or now - said[0] >= PROGRESS_SECONDS:
                said[0] = now
                dialog.post_message(ImportProgress(done, total, name))
            loading.pause()  # the screen first (raises Cancelled if the app closes)

        try:
            report = session.import_sources(sources, progress, stop)
        except Cancelled:  # the app is closing: what the steps before stored stays
            return
        except Exception as exc:  # a bug must not take the app (and what is typed) down
            report = ImportReport(error=f"{type(exc).__name__}: {exc}")
        self.screen.post_message(ImportDone(report))

    def _open_first(self, meeting_id: str) -> None:
        """The first meeting imported, under the cursor, is opened on its areas."""
        tree = self.screen.agreement_tree
        current = tree.current
        meeting_id = self.screen.languages.shown_id(meeting_id)  # the version shown
        node = tree.node_for(meeting_id)
        if node is not None and current is not None and current.id == meeting_id:
            tree.ensure_children(node)
            node.expand()

    def done(self, report: ImportReport) -> None:
        """The import is done: the tree shows the store's meetings now, the cursor on
        the first one imported (unless it was moved meanwhile); the summary is shown in
        the dialog if it is still open, else said in a notification."""
        self.worker = None
        if report.meeting_ids:
            self.screen.restructured(report.meeting_ids, self._cursor_at_start)
            self._open_first(report.meeting_ids[0])
            self.app.figures_stale()
        dialog = self.dialog
        if dialog is not None and dialog.is_attached and dialog.phase == "running":
            dialog.show_report(report)
            return
        failed = bool(report.failures or report.error)
        self.app.notify(
            summary(report, NOTICE_FAILURES).plain,
            title="Import stopped" if report.stopped else "Import",
            severity="warning" if failed else "information",
            timeout=20,
            markup=False,
        )

"""The background work that feeds the main view: opening the store, reading the rest of
it, building the search index and the lineage, a commitment's history, the store's
changes made by other processes, a note's links, the orphans, an export.

Start-up, so that a large store is usable at once: the opening worker starts once the
first frame is painted (``CoopApp.on_ready``); it opens the store reading only the list
of meetings (``Session.open(lazy=True)``) and the tree shows it, a meeting's areas
being read when it is expanded; the same worker then reads every other meeting, a slice
at a time, and builds the search index and the lineage, in steps that give way to the
screen (:mod:`tui.loading`).

Each job runs in a thread worker of the app (not of the screen: the key queue,
:mod:`tui.key_queue`, does not wait for the app's own workers, only for those it is told
to hold) and reports to the main view with a message of :mod:`tui.messages`, or by a
call on the event loop's thread. Each job imports what it needs inside it: the opening
job imports the store's code in its worker thread, off the event loop, after the first
frame; the later jobs find it loaded.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.worker import Worker

from tui.store_errors import app_error_text, exit_error_text

if TYPE_CHECKING:
    from compare import Lineage
    from parsers import Meeting
    from session import Session
    from sharing.export import ExportRequest
    from tui.app import CoopApp
    from tui.loading import Loading
    from tui.main.screen import MainScreen


class Feeding:
    """Starts the main view's background jobs (each in a thread worker of the app)."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.store_shown = threading.Event()  # the tree's first frame is painted

    @property
    def app(self) -> CoopApp:
        return self.screen.coop

    def _run(self, work: Callable[[], None], group: str, *, exclusive: bool = True) -> Worker[None]:
        return self.app.run_worker(work, group=group, exclusive=exclusive, thread=True)

    # ------------------------------------------------------------------ opening

    def open_store(self) -> Worker[None]:
        """Open the store and show its meetings; then read the rest (see the module
        docstring): every meeting, the search index, the lineage."""
        return self._run(self._open_store, "store")

    def _open_store(self) -> None:
        from store.collector import collections_paused
        from tui.messages import MeetingsRead, StoreFailed, StoreOpened

        app = self.app
        # nothing made until the store is shown is garbage; see tui.loading
        with collections_paused():
            from session import Session
            from store import StoreError
            from tui import labels  # noqa: F401  (the tree's labels: imported here, off the UI)
            from tui.loading import Cancelled

            try:
                session = Session.open(
                    app.store_path, seed_samples=app.seed_samples, lock_timeout=app.lock_timeout
                )
                summaries = session.store.meeting_summaries()
            except StoreError as exc:
                app.post_message(StoreFailed(exit_error_text(exc)))
                return
            loading = self._loading(session)
        self.screen.post_message(StoreOpened(session, summaries))
        try:
            loading.wait(self.store_shown)  # the screen first: the rest is background work
            meetings = session.read_meetings(loading.pause)
            self.screen.post_message(MeetingsRead(meetings))
            self._read_the_rest(session, meetings, loading)
        except StoreError as exc:
            app.post_message(StoreFailed(exit_error_text(exc)))
        except Cancelled:
            return

    def _loading(self, session: Session) -> Loading:
        """Pauses for a worker reading the store (see :mod:`tui.loading`)."""
        from tui.loading import Loading

        files = session.store.files
        app = self.app
        return Loading((files.corpus, files.main, files.journal), app.ui_clock, app.last_input)

    def _read_the_rest(self, session: Session, meetings: list[Meeting], loading: Loading) -> None:
        """Build the search index, then the lineage, in steps (in a worker)."""
        from tui.messages import IndexReady, LineageReady

        # first: the memory the shared texts free is what the index is then built in
        # (at 100,000 commitments, 50,000 rated, the app's peak 9 MB lower than last);
        # a slice at a time, the store free for the screen between
        session.store.share_texts(loading.pause)
        loading.pause(now=True)  # copying every annotation is one step, of tens of ms
        self.screen.post_message(IndexReady(session.build_index(meetings, loading.pause)))
        loading.pause()
        lineage = session.build_lineage(meetings)
        loading.pause()
        self.screen.post_message(LineageReady(lineage))

    # ------------------------------------------------------------------ on the way

    def work_out_history(self, lineage: Lineage, commitment_id: str) -> Worker[None]:
        """A commitment's history compares its meeting with its neighbours (tens of
        milliseconds a pair, more for a long series): done here, not on the screen."""
        from tui.messages import HistoryReady

        session = self.app.session
        assert session is not None

        def work() -> None:
            try:
                steps = session.history(lineage, commitment_id)
            except Exception as exc:  # a comparison failing must not take the app down
                self.screen.post_message(HistoryReady(lineage, commitment_id, [], f"{exc}"))
                return
            self.screen.post_message(HistoryReady(lineage, commitment_id, steps))

        return self._run(work, "history")

    def check_for_changes(self, asked: bool = False) -> Worker[None]:
        """Read what other processes changed in the store (every few seconds, or when
        ``asked`` with Ctrl+R, which also says when nothing changed)."""
        return self._run(lambda: self._check_for_changes(asked), "refresh")

    def _check_for_changes(self, asked: bool) -> None:
        from store import StoreError

        app = self.app
        session = app.session
        if session is None:
            return
        try:
            meetings = session.refresh()
        except StoreError as exc:
            app.call_from_thread(app.notify, app_error_text(exc), severity="error", markup=False)
            return
        if meetings is None:
            if asked:
                app.call_from_thread(app.notify, "The store is as shown: nothing changed on disk.")
            return
        from tui.loading import Cancelled
        from tui.messages import StoreChanged

        self.screen.post_message(StoreChanged(meetings))
        try:
            self._read_the_rest(session, meetings, self._loading(session))
        except Cancelled:
            return

    def reread(self) -> Worker[None]:
        """After a correction, an undo or a redo: read every meeting as corrected now,
        then build the search index and the lineage again (the tree is shown already).
        The reading begun at start, if it is still going, stops: what it would show was
        read before the change (this one reads it all)."""
        self.app.workers.cancel_group(self.app, "store")
        return self._run(self._reread, "refresh")

    def _reread(self) -> None:
        from store import StoreError
        from tui.loading import Cancelled
        from tui.messages import MeetingsRead

        app = self.app
        session = app.session
        if session is None:
            return
        try:
            meetings = session.read_meetings()
        except StoreError as exc:
            app.call_from_thread(app.notify, app_error_text(exc), severity="error", markup=False)
            return
        self.screen.post_message(MeetingsRead(meetings))
        try:
            self._read_the_rest(session, meetings, self._loading(session))
        except Cancelled:
            return

    def find_links(self, text: str, index: int) -> Worker[None]:
        """Read a note's links (a long note takes a while) and list them."""

        def work() -> None:
            from tui.screens.links import note_links

            self.app.call_from_thread(self.screen.show_links, note_links(text), index)

        return self._run(work, "links")

    def load_orphans(self) -> Worker[None]:
        """List the orphaned annotations, then open their dialog."""

        def work() -> None:
            from store import StoreError

            app = self.app
            session = app.session
            assert session is not None
            try:
                orphans = session.orphans()  # the dialog works out those shown
            except StoreError as exc:
                app.call_from_thread(app.notify, str(exc), severity="error", markup=False)
                return
            app.call_from_thread(self.screen.show_orphans, orphans)

        return self._run(work, "orphans")

    def load_overview(self, meeting_id: str | None) -> Worker[None]:
        """Import the compliance overview (the statistics and the diff engine: a tenth of
        a second) here, then open it on ``meeting_id``'s series."""

        def work() -> None:
            import tui.screens.overview  # noqa: F401  (off the screen; opened below)

            self.app.call_from_thread(self.screen.show_overview, meeting_id)

        return self._run(work, "overview")

    def load_source(self, target_id: str) -> Worker[None]:
        """Read the release ``target_id`` came from and map it, then open the source view."""

        def work() -> None:
            from parsers import release_text
            from parsers.source_map import source_map
            from store import StoreError

            app = self.app
            session = app.session
            assert session is not None
            try:
                meeting, _area, _commitment = session.store.locate(target_id)
                text = release_text(session.store.source_text(meeting.id), meeting.source)
            except StoreError as exc:
                app.call_from_thread(app.notify, str(exc), severity="error", markup=False)
                return
            found = source_map(text, meeting)
            app.call_from_thread(self.screen.show_source, meeting, found, target_id)

        return self._run(work, "source")

    def export(self, request: ExportRequest) -> Worker[None]:
        """Write an export; the main view says how it went."""

        def work() -> None:
            from store import StoreError
            from tui.messages import ExportDone

            session = self.app.session
            assert session is not None
            try:
                summary = session.export(request)
            except StoreError as exc:
                self.screen.post_message(ExportDone(error=str(exc)))
            except OSError as exc:
                self.screen.post_message(ExportDone(error=f"{request.path}: {exc.strerror or exc}"))
            else:
                self.screen.post_message(ExportDone(summary=summary))

        return self._run(work, "export", exclusive=False)

"""The coop-tui Textual app: browse, search, rate, tag and annotate agreements.

Build it with :func:`make_app` (the command line and the tests both do). Every write
runs in a worker and reports back with :class:`~tui.messages.Saved` or
:class:`~tui.messages.SaveFailed`, handled in one place each (``on_saved``,
``on_save_failed``: the workers' messages are handled by name, so that this module
need not import them before the first frame).

Start-up, so that a large store is usable at once:

* this module imports only Textual and the two widgets of the main view; the store,
  the parsers, the diff engine (numpy), the search engine (rapidfuzz) and every
  screen are imported where they are first used, the store's in the opening worker;
* that worker starts once the first frame is painted; it opens the store reading only
  the list of meetings (``Store.open(lazy=True)``) and the tree shows it, a meeting's
  areas being read when it is expanded;
* the same worker then reads every other meeting, a slice at a time, and builds the
  search index and the lineage, in steps that give way to the screen
  (:mod:`tui.loading`).
"""

from __future__ import annotations

import gc
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Tree

from tui.keys import KeyQueue, split_alt
from tui.store_errors import app_error_text, exit_error_text
from tui.widgets.agreement_tree import AgreementTree, NodeRef
from tui.widgets.detail import DetailPane, DetailView, HistoryStep
from tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from compare import Lineage
    from compare.lineage import Step
    from parsers import Meeting
    from search import SearchIndex, SearchResult
    from sharing.export import ExportRequest
    from store import Annotation, Note, Store
    from store.drafts import Draft, DraftKind, Drafts
    from tui.changes import Change, SetStatus
    from tui.loading import Loading
    from tui.messages import (
        ExportDone,
        HistoryReady,
        IndexReady,
        LineageReady,
        MeetingsRead,
        Saved,
        SaveFailed,
        StoreChanged,
        StoreFailed,
        StoreOpened,
    )
    from tui.screens.help import Section
    from tui.screens.note_editor import NoteResult
    from tui.screens.orphans import ReattachChoice
    from tui.screens.quit import QuitAnswer, QuitScreen
    from tui.screens.status import StatusChoice
    from tui.screens.tags import TagEdit


def _status_values() -> list[str]:
    from store import Status

    return [s.value for s in Status]


def _jump_provider() -> type[Provider]:
    """The command palette's "jump to" provider, imported when the palette opens."""
    from tui.palette import JumpProvider

    return JumpProvider


class CoopApp(App[None]):
    """Meetings → areas → commitments on the left, the selected one's detail on the right."""

    TITLE = "coop-tui"
    SUB_TITLE = "co-operation agreements"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_jump_provider}

    BINDINGS: ClassVar[list[BindingType]] = [
        # short words for the Footer, so that it fits 120 columns with "? Help" and
        # "q Quit" in it; the help screen shows the tooltip if there is one
        Binding("slash", "search", "Search", key_display="/"),
        Binding("s", "set_status", "Status"),
        Binding("n", "new_note", "New note"),
        Binding("e", "edit_note", "Edit", tooltip="Edit note"),
        Binding("delete", "delete_note", "Delete", tooltip="Delete note"),
        Binding("v", "view_note", "View note", show=False, tooltip="Read the whole note"),
        Binding("l", "links", "Links", show=False, tooltip="The note's links: see, copy"),
        # the Notes heading says "[ ] select a note" when there are several
        Binding("left_square_bracket", "select_note(-1)", "Prev note", key_display="[", show=False),
        Binding("right_square_bracket", "select_note(1)", "Next note", key_display="]", show=False),
        Binding("t", "tags", "Tags"),
        Binding("o", "orphans", "Orphans"),
        Binding("d", "diff", "Diff", tooltip="Year diff"),
        Binding("x", "export", "Export"),
        Binding("ctrl+r", "refresh_store", "Reload", show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit", tooltip="Quit (in a dialog or another screen, q closes it)"),
    ]

    def __init__(
        self,
        store_path: Path,
        *,
        seed_samples: bool = True,
        refresh_interval: float | None = 5.0,
        cursor_blink: bool = True,
        lock_timeout: float | None = None,
    ) -> None:
        super().__init__()
        self.store_path = Path(store_path)
        self.seed_samples = seed_samples
        self.refresh_interval = refresh_interval
        self.cursor_blink = cursor_blink
        self.lock_timeout = lock_timeout  # None: the store's default
        self.store: Store | None = None
        self.store_error: str | None = None
        #: Said on the terminal after the app closed (drafts kept when it was quit).
        self.exit_notice: str | None = None
        self.search_index: SearchIndex | None = None
        self.drafts: Drafts | None = None
        self._write_lock = threading.Lock()
        #: Changes handed to ``save`` and not yet written or refused, oldest first.
        self._pending: list[Change] = []
        self._abandon = threading.Event()  # quit at once: queued writes are not made
        self._seen_catch_ups = 0  # Store.catch_ups when the tree was last reloaded
        #: Open note editors and what each edits: (target, note ID, base, draft ID).
        self._editors: dict[Screen, tuple[str, str | None, Note | None, str | None]] = {}
        self._quit_screen: QuitScreen | None = None
        self._failed_on_quit: list[str] = []  # why changes were not saved while quitting
        self._keep_failed: str | None = None  # why drafts could not be kept when quitting
        self._quit_since = 0.0  # time.monotonic() when the quit dialog opened
        #: id() of a pending change → the draft kept for it while it waits (dropped once
        #: it is written).
        self._kept_while_pending: dict[int, str] = {}
        self._store_shown = threading.Event()  # the tree's first frame is painted
        self.input_at = 0.0  # time.monotonic() of the last key press or mouse event
        self._ui_clock: int | None = None  # the event loop thread's CPU clock
        self._meetings: list[Meeting] = []
        self.lineage: Lineage | None = None
        #: Commitment ID → its history, worked out by ``work_out_history`` for ``lineage``.
        self._histories: dict[str, list[Step]] = {}
        self._lineage_lock = threading.Lock()  # the lineage caches its comparisons
        #: Keys and pastes, handed to the screens one at a time, in order (tui.keys).
        self.keys = KeyQueue(self)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield AgreementTree(id="tree")
            yield DetailPane(
                DetailView(message=f"Opening the store {self.store_path} …"), id="detail"
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        if self.refresh_interval:
            self.set_interval(self.refresh_interval, self.check_for_changes)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not isinstance(event, events.MouseMove):
            self.input_at = time.monotonic()  # background reading yields (tui.loading)
        if not self.keys.admit(event):
            return  # typed ahead: handed out when the keys before it are handled
        handled = event
        try:
            if isinstance(event, events.Key) and (keys := split_alt(event)) is not None:
                handled, key = keys  # ESC and a key that came together (tui.keys.split_alt)
                self.keys.then(key)
            await super().on_event(handled)
        finally:
            self.keys.started(event)

    def on_ready(self) -> None:
        """The first frame is painted: open the store (the worker competes for the GIL)."""
        from tui.loading import thread_cpu_clock

        self._ui_clock = thread_cpu_clock()  # (this runs on the event loop's thread)
        self.open_store()

    @property
    def tree(self) -> AgreementTree:
        return self.query_one("#tree", AgreementTree)

    @property
    def detail(self) -> DetailPane:
        return self.query_one("#detail", DetailPane)

    @property
    def ready(self) -> bool:
        """The store is open and the search index built."""
        return self.store is not None and self.search_index is not None

    # ------------------------------------------------------------------ workers

    @work(thread=True, exclusive=True, group="store")
    def open_store(self) -> None:
        """Open the store and show its meetings; then read the rest (see the module
        docstring): every meeting, the search index, the lineage."""
        from tui.messages import MeetingsRead, StoreFailed, StoreOpened

        collecting = gc.isenabled()
        gc.disable()  # nothing made until the store is shown is garbage; see tui.loading
        try:
            from store import Store, StoreError
            from tui import labels  # noqa: F401  (the tree's labels: imported here, off the UI)
            from tui.loading import Cancelled

            try:
                options = {} if self.lock_timeout is None else {"lock_timeout": self.lock_timeout}
                store = Store.open(
                    self.store_path, seed_samples=self.seed_samples, lazy=True, **options
                )
                summaries = store.meeting_summaries()
            except StoreError as exc:
                self.post_message(StoreFailed(exit_error_text(exc)))
                return
            loading = self._loading(store)
        finally:
            if collecting:
                gc.enable()
        self.post_message(StoreOpened(store, summaries))
        try:
            loading.wait(self._store_shown)  # the screen first: the rest is background work
            while store.read_corpus():
                loading.pause()
            meetings = store.meetings()
            self.post_message(MeetingsRead(meetings))
            self._read_the_rest(store, meetings, loading)
        except StoreError as exc:
            self.post_message(StoreFailed(exit_error_text(exc)))
        except Cancelled:
            return

    def _loading(self, store: Store) -> Loading:
        """Pauses for a worker reading ``store`` (see :mod:`tui.loading`)."""
        from tui.loading import Loading

        files = (store.files.corpus, store.files.main, store.files.journal)
        return Loading(files, self._ui_clock, lambda: self.input_at)

    def _read_the_rest(self, store: Store, meetings: list[Meeting], loading: Loading) -> None:
        """Build the search index, then the lineage, in steps (in a worker)."""
        from tui.messages import IndexReady, LineageReady

        self.post_message(IndexReady(self._build_index(store, meetings, loading)))
        loading.pause()
        from compare import Lineage

        lineage = Lineage(meetings)
        loading.pause()
        self.post_message(LineageReady(lineage))

    def _build_index(
        self, store: Store, meetings: list[Meeting], loading: Loading | None = None
    ) -> SearchIndex:
        from search import SearchIndex

        if loading is not None:
            loading.pause(now=True)  # copying every annotation is one step, of tens of ms
        annotations = store.annotations()
        pause = loading.pause if loading is not None else None
        return SearchIndex.build(meetings, annotations, _status_values(), pause=pause)

    @work(thread=True, exclusive=True, group="history")
    def work_out_history(self, lineage: Lineage, commitment_id: str) -> None:
        """A commitment's history compares its meeting with its neighbours (tens of
        milliseconds a pair, more for a long series): done here, not on the screen."""
        from tui.messages import HistoryReady

        try:
            with self._lineage_lock:
                steps = lineage.history(commitment_id)
        except Exception as exc:  # a comparison failing must not take the app down
            self.post_message(HistoryReady(lineage, commitment_id, [], f"{exc}"))
            return
        self.post_message(HistoryReady(lineage, commitment_id, steps))

    @work(thread=True, exclusive=True, group="refresh")
    def check_for_changes(self, asked: bool = False) -> None:
        """Read what other processes changed in the store (every few seconds, or when
        ``asked`` with Ctrl+R, which also says when nothing changed)."""
        from store import StoreError

        store = self.store
        if store is None:
            return
        try:
            with self._write_lock:
                store.refresh()
                # also what a write of this app read from other processes before writing
                changed = store.catch_ups != self._seen_catch_ups
                self._seen_catch_ups = store.catch_ups
                meetings = store.meetings() if changed else []
        except StoreError as exc:
            self.call_from_thread(self.notify, app_error_text(exc), severity="error", markup=False)
            return
        if not changed and asked:
            self.call_from_thread(self.notify, "The store is as shown: nothing changed on disk.")
        if changed:
            from tui.loading import Cancelled
            from tui.messages import StoreChanged

            self.post_message(StoreChanged(meetings))

            try:
                self._read_the_rest(store, meetings, self._loading(store))
            except Cancelled:
                return

    def save(self, change: Change) -> None:
        """Write one change in the background; until it is written (or refused) it is
        pending, and quitting waits for it (see ``action_quit``)."""
        if self.refused_read_only():
            return
        self._pending.append(change)
        self._write(change)

    @work(thread=True, group="write")
    def _write(self, change: Change) -> None:
        """Write one change; writes are serialised so none overtakes another."""
        from store import ChangedElsewhere, StoreError
        from store.errors import StoreBusy
        from tui.messages import Saved, SaveFailed

        store = self.store
        if store is None:
            self.post_message(SaveFailed(change, "the store is not open"))
            return
        try:
            with self._write_lock:
                if self._abandon.is_set():
                    return  # the app was quit without it: it is kept as a draft
                outcome = change.apply(store)
                annotation = store.annotation(change.target_id)
        except ChangedElsewhere as exc:
            self.post_message(SaveFailed(change, str(exc), changed_elsewhere=True))
        except StoreBusy as exc:
            self.post_message(SaveFailed(change, str(exc), busy=True))
        except StoreError as exc:
            self.post_message(SaveFailed(change, app_error_text(exc)))
        except OSError as exc:  # the store reports its own; anything else is still shown
            self.post_message(SaveFailed(change, f"{exc.strerror or exc}"))
        else:
            self.post_message(Saved(change, annotation, outcome))

    # ------------------------------------------------------------------ store events

    def on_store_opened(self, message: StoreOpened) -> None:
        self.store = message.store
        self.sub_title = str(message.store.path)
        if message.store.read_only is not None:
            self.sub_title += " (read-only)"
            self.notify(
                f"The store is read-only here ({message.store.read_only}): you can read "
                "it, search and export, but not change it.",
                title="Read-only",
                severity="warning",
                timeout=20,
                markup=False,
            )
        self.tree.load(message.meetings, self.annotation_of, self._meeting_of)
        self.tree.focus()
        if message.meetings:
            first = self.tree.node_for(message.meetings[0].id)
            if first is not None:
                self.tree.ensure_children(first)  # before expanding: one layout, not two
                first.expand()
                self.tree.move_to(first)
        self.show_detail()
        self.call_after_refresh(self._store_shown.set)
        self.offer_drafts()

    def on_store_failed(self, message: StoreFailed) -> None:
        if len(self.screen_stack) > 1:  # reading the rest failed while the user types
            self.notify(message.error, title="Error", severity="error", markup=False)
            return
        self.store_error = message.error
        self.exit(return_code=2)  # the command line prints the message (one line)

    def on_meetings_read(self, message: MeetingsRead) -> None:
        self._meetings = message.meetings  # what d (the year diff) chooses from

    def on_index_ready(self, message: IndexReady) -> None:
        from tui.screens.search import SearchScreen

        self.search_index = message.index
        for screen in self.screen_stack:
            if isinstance(screen, SearchScreen):
                screen.set_index(message.index)

    def on_lineage_ready(self, message: LineageReady) -> None:
        self.lineage = message.lineage
        self._histories = {}
        if self.detail.view.kind == "commitment":  # the one view that shows the lineage
            self.show_detail()

    def on_history_ready(self, message: HistoryReady) -> None:
        if message.lineage is not self.lineage:
            return  # worked out for meetings since replaced
        if message.error is not None:
            text = f"Could not compare this commitment across meetings: {message.error}"
            self.notify(text, severity="error", markup=False)
        self._histories[message.commitment_id] = message.steps
        shown = self.detail.view.commitment
        if shown is not None and shown.id == message.commitment_id:
            self.show_detail()

    def on_store_changed(self, message: StoreChanged) -> None:
        current = self.tree.current
        self._meetings = message.meetings
        self.tree.reload(message.meetings, self.annotation_of)
        if current is not None:
            self.jump_to(current.id)
        self.show_detail()
        self.notify("The store changed on disk; showing its current content.", markup=False)

    def on_saved(self, message: Saved) -> None:
        from tui.changes import DeleteNote, Reattach

        change = message.change
        kept = self._kept_while_pending.pop(id(change), None)
        if kept is not None:  # kept as a draft while it waited: written after all
            self.drop_draft(kept)
        if self._abandon.is_set():  # quit meanwhile
            return
        if change.draft_id is not None:
            self.drop_draft(change.draft_id)
        if isinstance(change, DeleteNote):
            for draft in self._drafts_of_note(change.note_id):  # nothing left to edit
                self.drop_draft(draft.id)
        if self.search_index is not None:
            self.search_index.set_annotation(change.target_id, message.annotation)
            if isinstance(change, Reattach):
                self.search_index.set_annotation(
                    change.old_target_id, self._left_behind(change.old_target_id)
                )
        self.tree.refresh_label(change.target_id)
        if isinstance(change, Reattach):
            self.jump_to(change.target_id)
        else:
            self.show_detail(reveal_note_id=message.outcome.note_id)
        notice = message.outcome.notice
        if notice is not None:
            self.notify(
                notice, title="Changed elsewhere", severity="warning", timeout=20, markup=False
            )
        else:
            self.notify(change.done if message.outcome.changed else change.unchanged, markup=False)
        self._settled(change)
        self._catch_up_view()

    def on_save_failed(self, message: SaveFailed) -> None:
        """The one place a failed write is handled: say why, keep it as a draft, and
        give the typing back (a refusal because of a change made elsewhere shows it)."""
        from tui.changes import Reattach, SetStatus

        change, error = message.change, message.error
        if self._abandon.is_set():  # quit meanwhile: it was kept as a draft then
            return
        if message.busy and self._quit_screen is not None:
            # quitting waits for it: still pending, tried again (kept meanwhile)
            draft = self._draft_of_pending(change, f"not saved yet: {error}")
            if draft is not None and self.keep_draft(draft):
                self._kept_while_pending[id(change)] = draft.id
            self._write(change)
            return
        self._kept_while_pending.pop(id(change), None)
        draft_id = change.draft_id
        draft = self._draft_of_pending(change, f"not saved: {error}")
        if draft is not None and self.keep_draft(draft):
            draft_id = draft.id
        if self._quit_screen is not None:  # quitting: said there (and kept as a draft)
            self._failed_on_quit.append(f"{change.undone}: {error}")
        elif message.changed_elsewhere:
            self.notify(
                error, title="Changed elsewhere", severity="warning", timeout=20, markup=False
            )
            if isinstance(change, SetStatus):  # Enter again saves it over the new status
                notice = f"Not saved: {error}. Enter saves your choice now."
                self.open_status(change.target_id, change, notice=notice, draft_id=draft_id)
            elif isinstance(change, Reattach):
                self.load_orphans()  # the list as it is now
        else:
            self.notify(f"Not saved: {error}", title="Error", severity="error", markup=False)
            self.reopen(change, error, draft_id)
        self._settled(change)
        self._catch_up_view()

    def _draft_of_pending(self, change: Change, why: str) -> Draft | None:
        """``change`` as a draft, under the ID of the draft already kept for it if any."""
        draft = change.as_draft(why)
        kept = self._kept_while_pending.get(id(change))
        return draft if draft is None or kept is None else replace(draft, id=kept)

    def _settled(self, change: Change) -> None:
        """``change`` is written or refused: quitting no longer waits for it."""
        for i, pending in enumerate(self._pending):
            if pending is change:
                del self._pending[i]
                break
        screen = self._quit_screen
        if screen is not None and not self._pending:
            if self._failed_on_quit:
                screen.show_state()  # says what was not saved; q quits
            else:
                self._quit_screen = None  # answered once only
                screen.dismiss("done")

    def _catch_up_view(self) -> None:
        """A write read changes other processes made: show the store as it is now."""
        store = self.store
        if store is not None and store.catch_ups != self._seen_catch_ups:
            self.check_for_changes()

    def reopen(self, change: Change, error: str, draft_id: str | None = None) -> None:
        """Open the screen the failed change came from again, filled in as it was."""
        from tui.changes import AddNote, EditNote, EditTags, SetStatus
        from tui.screens.tags import TagEdit

        if isinstance(change, AddNote):
            self.open_note_editor(change.target_id, change.text, error=error, draft_id=draft_id)
        elif isinstance(change, EditNote):
            self.open_note_editor(
                change.target_id,
                change.text,
                note_id=change.note_id,
                base=change.base,
                error=error,
                draft_id=draft_id,
            )
        elif isinstance(change, SetStatus):
            self.open_status(change.target_id, change, draft_id=draft_id)
        elif isinstance(change, EditTags):
            self.open_tags(change.target_id, TagEdit(change.add, change.remove), draft_id=draft_id)

    # ------------------------------------------------------------------ drafts

    def keep_draft(self, draft: Draft) -> bool:
        """Write ``draft`` beside the store; say so and return False if that fails."""
        from store import StoreError

        if self.drafts is None:
            return False
        try:
            self.drafts.keep(draft)
        except StoreError as exc:
            self.notify(str(exc), title="Draft not kept", severity="error", markup=False)
            return False
        return True

    def drop_draft(self, draft_id: str) -> None:
        from store import StoreError

        if self.drafts is None:
            return
        try:
            self.drafts.drop(draft_id)
        except StoreError as exc:
            self.notify(str(exc), severity="warning", markup=False)

    def find_draft(
        self, kind: DraftKind, target_id: str, note_id: str | None = None
    ) -> Draft | None:
        """The draft the dialog about to open on ``target_id`` restores, if any."""
        if self.drafts is None:
            return None
        return self.drafts.find(kind, target_id, note_id)

    def _drafts_of_note(self, note_id: str) -> list[Draft]:
        if self.drafts is None:
            return []
        drafts, _problems = self.drafts.load()
        return [d for d in drafts if d.kind == "note" and d.note_id == note_id]

    def refused_read_only(self) -> bool:
        """Say so and return True if the store cannot be written here (before a dialog
        opens: nothing typed is lost)."""
        store = self.store
        if store is None or store.read_only is None:
            return False
        self.notify(
            f"The store is read-only here ({store.read_only}): nothing can be changed.",
            title="Read-only",
            severity="error",
            markup=False,
        )
        return True

    def offer_drafts(self) -> None:
        """At start: say which changes were kept as drafts last time, and how to get
        each back (one already in the store, written after all, is dropped)."""
        from store.drafts import Drafts

        store = self.store
        assert store is not None
        self.drafts = Drafts(store.files.drafts)
        drafts, problems = self.drafts.load()
        for problem in problems:
            self.notify(problem, severity="warning", markup=False)
        offered = []
        for draft in drafts:
            if draft.is_saved_in(store.annotation(draft.target_id)):
                self.drop_draft(draft.id)
            else:
                offered.append(self._describe_draft(draft))
        if offered:
            count = f"{len(offered)} unsaved change{'s' if len(offered) > 1 else ''}"
            self.notify(
                f"{count} kept as drafts from last time: {'; '.join(offered)}. Select it and "
                "press the key to get it back.",
                title="Drafts",
                severity="warning",
                timeout=30,
                markup=False,
            )

    def _describe_draft(self, draft: Draft) -> str:
        from store import StoreError
        from tui import labels

        if draft.kind == "status":
            what, key = "a status", "s"
        elif draft.kind == "tags":
            what, key = "a change of tags", "t"
        elif draft.note_id is not None:
            what, key = "an edited note", "e"
        else:
            what, key = "a new note", "n"
        try:
            on = f"“{labels.first_words(self._text_of(draft.target_id))}”"
        except StoreError:  # re-imported since: the draft stays in its file
            path = self.drafts.directory / f"{draft.id}.json" if self.drafts else draft.id
            on = f"{draft.target_id}, no longer in the store (the draft stays in {path})"
        return f"{what} on {on} ({key})"

    def _kind_of(self, target_id: str) -> str:
        assert self.store is not None
        _meeting, area, commitment = self.store.locate(target_id)
        return "commitment" if commitment else "area" if area else "meeting"

    # ------------------------------------------------------------------ selection

    def annotation_of(self, target_id: str) -> Annotation | None:
        return self.store.annotation(target_id) if self.store else None

    def _left_behind(self, old_target_id: str) -> Annotation | None:
        """What a re-attached orphan leaves on its old target: nothing if the target is
        gone, the rest of its annotation if it is an area or a meeting (a status an
        older version put there)."""
        from store import StoreError

        try:
            assert self.store is not None
            self.store.locate(old_target_id)
        except StoreError:
            return None
        return self.annotation_of(old_target_id)

    def _meeting_of(self, meeting_id: str) -> Meeting | None:
        """A meeting with its areas, for the tree (read now if it is not yet)."""
        from store import StoreError

        if self.store is None:
            return None
        try:
            return self.store.meeting(meeting_id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return None

    @on(Tree.NodeHighlighted, "#tree")
    def follow_cursor(self) -> None:
        current = self.tree.current
        if current is not None and current.id == self.detail.view.target_id:
            return  # shown already (e.g. the store's first meeting, put under the cursor)
        self.show_detail()

    def show_detail(self, reveal_note_id: str | None = None) -> None:
        """Show the selected node in the detail pane (scrolled to a note if given)."""
        ref = self.tree.current
        store = self.store
        if store is None:
            return
        if ref is None:
            self.detail.show(DetailView(message="Select a meeting, an area or a commitment."))
        else:
            view = self.view_of(ref)
            ids = [n.id for n in view.notes]
            reveal = ids.index(reveal_note_id) if reveal_note_id in ids else None
            self.detail.show(view, reveal_note=reveal)
        self.refresh_bindings()  # the Footer is rebuilt only if its keys change

    def view_of(self, ref: NodeRef) -> DetailView:
        store = self.store
        assert store is not None
        meeting, area, commitment = store.locate(ref.id)
        annotation = store.annotation(ref.id)
        if commitment is not None:
            view = DetailView("commitment", meeting, area, commitment, annotation)
            steps = self._history_of(commitment.id)
            if steps is None:
                view.history_pending = True
            else:
                view.history = [
                    HistoryStep(step.meeting, c, store.annotation(c.id), c.id == commitment.id)
                    for step in steps
                    for c in step.commitments
                ]
            return view
        items = area.commitments if area is not None else meeting.commitments
        statuses = [store.annotation(c.id).status for c in items]
        kind = "area" if area is not None else "meeting"
        return DetailView(kind, meeting, area, None, annotation, statuses)

    def _history_of(self, commitment_id: str) -> list[Step] | None:
        """The commitment's history if known (empty if it has none, or the lineage is
        not built yet); None while a worker works it out."""
        lineage = self.lineage
        if lineage is None or not lineage.in_series(commitment_id):
            return []
        steps = self._histories.get(commitment_id)
        if steps is None:
            self.work_out_history(lineage, commitment_id)
        return steps

    def jump_to(self, target_id: str, note_id: str | None = None) -> None:
        """Select a meeting, an area or a commitment in the tree, expanding its parents."""
        from store import StoreError

        if self.store is None:
            return
        try:
            meeting, area, commitment = self.store.locate(target_id)
        except StoreError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.tree.reveal(meeting, area, commitment)
        self.tree.focus()
        self.show_detail(reveal_note_id=note_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys of the main view work there only, and the Footer shows only those that
        apply to what is selected."""
        if action not in _MAIN_VIEW_ACTIONS:
            return True
        if len(self.screen_stack) > 1 or self.store is None:
            return False
        if action in ("search", "orphans", "help", "refresh_store", "export"):
            return True
        if action == "diff":
            return len(self.tree.meetings) > 1
        ref = self.tree.current
        if ref is None:
            return False
        if action == "set_status":
            return ref.kind == "commitment"
        notes = len(self.detail.view.notes)
        if action in ("edit_note", "delete_note", "view_note", "links"):
            return notes > 0
        if action == "select_note":
            return notes > 1
        return True

    # ------------------------------------------------------------------ actions

    def _target(self, what: str, kinds: tuple[str, ...]) -> NodeRef | None:
        ref = self.tree.current
        if self.store is None or ref is None or ref.kind not in kinds:
            names = " or ".join(kinds)
            self.notify(f"Select a {names} first to {what}.", severity="warning", markup=False)
            return None
        return ref

    def _text_of(self, target_id: str) -> str:
        from tui import labels

        assert self.store is not None
        meeting, area, commitment = self.store.locate(target_id)
        if commitment is not None:
            return commitment.text
        if area is not None:
            return area.name
        return f"{meeting.date or 'undated'} · {labels.parties(meeting)} · {meeting.place or ''}"

    def action_search(self) -> None:
        from tui.screens.search import SearchScreen

        if self.store is None:
            return
        self.push_screen(SearchScreen(self.search_index), self.go_to_result)

    def go_to_result(self, result: SearchResult | None) -> None:
        if result is not None:
            self.jump_to(result.target_id, result.note_id)

    def action_set_status(self) -> None:
        ref = self._target("set a status", ("commitment",))
        if ref is None:
            return
        draft = self.find_draft("status", ref.id)
        if draft is None:
            self.open_status(ref.id)
            return
        from store import Status
        from tui.changes import SetStatus

        kept = SetStatus(ref.id, Status(draft.status), draft.source, draft.evidence)
        self.open_status(ref.id, kept, notice=_restored(draft), draft_id=draft.id)

    def open_status(
        self,
        target_id: str,
        previous: SetStatus | None = None,
        *,
        notice: str | None = None,
        draft_id: str | None = None,
    ) -> None:
        """The status dialog, filled in with ``previous`` if given. What it shows is the
        base of the change: if the status is set elsewhere meanwhile, it is not saved."""
        from tui.changes import SetStatus
        from tui.screens.status import StatusScreen

        if self.refused_read_only():
            return
        assert self.store is not None
        annotation = self.store.annotation(target_id)
        base = tuple(annotation.history)
        screen = StatusScreen(
            self._text_of(target_id),
            annotation.status,
            source=(previous.source or "") if previous else "",
            evidence=(previous.evidence or "") if previous else "",
            chosen=previous.status if previous else None,
            notice=notice,
        )

        def chosen(choice: StatusChoice | None) -> None:
            if choice is None:
                if draft_id is not None:  # Escape gives up a kept change
                    self.drop_draft(draft_id)
                return
            self.save(
                SetStatus(
                    target_id,
                    choice.status,
                    choice.source,
                    choice.evidence,
                    base=base,
                    draft_id=draft_id,
                )
            )

        self.push_screen(screen, chosen)

    def action_tags(self) -> None:
        ref = self._target("edit tags", ("commitment", "area", "meeting"))
        if ref is None:
            return
        draft = self.find_draft("tags", ref.id)
        if draft is None:
            self.open_tags(ref.id)
            return
        from tui.screens.tags import TagEdit

        pending = TagEdit(draft.add, draft.remove)
        self.open_tags(ref.id, pending, notice=_restored(draft), draft_id=draft.id)

    def open_tags(
        self,
        target_id: str,
        pending: TagEdit | None = None,
        *,
        notice: str | None = None,
        draft_id: str | None = None,
    ) -> None:
        """The tags dialog; its edit is a delta from the tags it shows (``base``),
        merged with the tags as they are when it is written."""
        from tui.changes import EditTags
        from tui.screens.tags import TagsScreen

        if self.refused_read_only():
            return
        assert self.store is not None
        base = tuple(self.store.annotation(target_id).tags)
        screen = TagsScreen(
            self._text_of(target_id), list(base), self.store.all_tags(), pending, notice=notice
        )

        def edited(edit: TagEdit | None) -> None:
            if edit is not None and not edit.is_empty:
                self.save(EditTags(target_id, edit.add, edit.remove, base=base, draft_id=draft_id))
            elif draft_id is not None:  # Escape, or nothing left to change
                self.drop_draft(draft_id)

        self.push_screen(screen, edited)

    def action_new_note(self) -> None:
        ref = self._target("write a note", ("commitment", "area", "meeting"))
        if ref is None:
            return
        draft = self.find_draft("note", ref.id)
        if draft is None:
            self.open_note_editor(ref.id)
        else:
            self.open_note_editor(
                ref.id, draft.text, draft_id=draft.id, notice=_restored(draft, "note")
            )

    def action_edit_note(self) -> None:
        note = self.detail.selected_note
        if self.store is None or note is None:
            self.notify("There is no note here to edit.", severity="warning", markup=False)
            return
        draft = self.find_draft("note", note.target_id, note.id)
        if draft is None:
            self.open_note_editor(note.target_id, note.text, note_id=note.id, base=note)
        else:  # its base: the note as it was when the draft was begun
            self.open_note_editor(
                note.target_id,
                draft.text,
                note_id=note.id,
                base=draft.base or note,
                draft_id=draft.id,
                notice=_restored(draft, "note"),
            )

    def open_note_editor(
        self,
        target_id: str,
        text: str = "",
        *,
        note_id: str | None = None,
        base: Note | None = None,
        error: str | None = None,
        draft_id: str | None = None,
        notice: str | None = None,
    ) -> None:
        """The note editor: a new note on ``target_id``, or an edit of ``note_id`` as it
        was read (``base``). Escape keeps what was typed as a draft (``note_closed``)."""
        from tui.changes import AddNote, EditNote
        from tui.screens.note_editor import NoteEditorScreen

        if self.refused_read_only():
            return
        screen = NoteEditorScreen(
            self._text_of(target_id),
            text,
            editing=note_id is not None,
            error=error,
            notice=notice,
        )
        self._editors[screen] = (target_id, note_id, base, draft_id)

        def done(result: NoteResult | None) -> None:
            self._editors.pop(screen, None)
            if result is None:
                return
            if result.cancelled:
                self.note_closed(target_id, note_id, base, draft_id, result.text)
            elif result.delete and note_id is not None:
                self.confirm_delete(
                    target_id, note_id, typed=result.text, base=base, draft_id=draft_id
                )
            elif note_id is not None:
                self.save(EditNote(target_id, note_id, result.text, base=base, draft_id=draft_id))
            else:
                self.save(AddNote(target_id, result.text, draft_id=draft_id))

        self.push_screen(screen, done)

    def note_closed(
        self,
        target_id: str,
        note_id: str | None,
        base: Note | None,
        draft_id: str | None,
        text: str,
    ) -> None:
        """Escape in the note editor: text that is new is kept as a draft (the next ``n``
        on the target, or ``e`` on the note, brings it back); none, or the note as
        stored, just closes (and gives up a draft it came from)."""
        from store.drafts import Draft

        if not text.strip() or text == (base.text if base is not None else ""):
            if draft_id is not None:
                self.drop_draft(draft_id)
                self.notify("Draft discarded.", markup=False)
            return
        draft = Draft(
            "note", target_id, why="kept on Escape", text=text, note_id=note_id, base=base
        )
        if draft_id is not None:
            draft = replace(draft, id=draft_id)
        if not self.keep_draft(draft):  # back to the editor: the text must not be lost
            self.open_note_editor(
                target_id,
                text,
                note_id=note_id,
                base=base,
                draft_id=draft_id,
                error="the draft could not be kept (see the message)",
            )
            return
        key = "e on this note" if note_id else f"n on this {self._kind_of(target_id)}"
        self.notify(f"Draft kept: {key} brings it back.", markup=False)

    def action_delete_note(self) -> None:
        note = self.detail.selected_note
        if note is not None and not self.refused_read_only():
            self.confirm_delete(note.target_id, note.id, base=note)

    def confirm_delete(
        self,
        target_id: str,
        note_id: str,
        typed: str | None = None,
        *,
        base: Note | None = None,
        draft_id: str | None = None,
    ) -> None:
        """Ask, then delete the note as shown (``base``): not if it was edited elsewhere."""
        from rich.text import Text

        from tui import labels
        from tui.changes import DeleteNote
        from tui.render import literal
        from tui.screens.confirm import ConfirmScreen

        question = Text("Delete this note? This cannot be undone.\n\n", style="bold")
        note = base or next((n for n in self.detail.view.notes if n.id == note_id), None)
        if note is not None:
            question.append_text(literal(labels.clip(note.text, 200), style="not bold"))
        if self._drafts_of_note(note_id):
            question.append("\n\nIts unsaved draft goes too.", style="not bold")

        def answered(yes: bool | None) -> None:
            if yes:
                self.save(DeleteNote(target_id, note_id, base=note, draft_id=draft_id))
            elif typed is not None:  # back to the editor, with what was typed
                self.open_note_editor(
                    target_id, typed, note_id=note_id, base=base, draft_id=draft_id
                )

        self.push_screen(ConfirmScreen(question), answered)

    def action_select_note(self, step: int) -> None:
        self.detail.select_note(step)

    def action_view_note(self) -> None:
        """The selected note whole, however long, as written (a card shows the start of
        a long one)."""
        from tui.screens.note_view import NoteViewScreen

        note = self.detail.selected_note
        if note is not None:
            self.push_screen(NoteViewScreen(note, self.detail.note_index))

    def action_links(self) -> None:
        """The links of the selected note with their addresses; Enter copies one."""
        note = self.detail.selected_note
        if note is not None:
            self.keys.hold(self.find_links(note.text, self.detail.note_index))

    @work(thread=True, exclusive=True, group="links")
    def find_links(self, text: str, index: int) -> None:
        """Read a note's links (a long note takes a while) and list them."""
        from tui.screens.links import note_links

        self.call_from_thread(self.show_links, note_links(text), index)

    def show_links(self, links: list, index: int) -> None:
        from tui.render import strip_controls
        from tui.screens.links import LinksScreen

        def chosen(url: str | None) -> None:
            if url is not None:
                self.copy_link(strip_controls(url))

        if not links:
            self.notify(f"Note {index + 1} has no links.", markup=False)
            return
        self.push_screen(LinksScreen(links, index), chosen)

    def copy_link(self, url: str) -> None:
        """Put a link's address (as shown) on the clipboard, and say so."""
        self.copy_to_clipboard(url)
        self.notify(f"Copied to the clipboard: {url}", title="Link", markup=False)

    def action_orphans(self) -> None:
        if self.store is None:
            return
        self.keys.hold(self.load_orphans())  # keys typed after o are for its dialog

    @work(thread=True, exclusive=True, group="orphans")
    def load_orphans(self) -> None:
        from store import StoreError

        store = self.store
        assert store is not None
        try:
            orphans = store.orphans(suggest=False)  # the dialog works out those shown
        except StoreError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.call_from_thread(self.show_orphans, orphans)

    def show_orphans(self, orphans: list) -> None:
        from tui.changes import Reattach
        from tui.screens.orphans import OrphansScreen

        def chosen(choice: ReattachChoice | None) -> None:
            if choice is not None:
                orphan = choice.orphan
                self.save(
                    Reattach(
                        choice.commitment_id,
                        orphan.id,
                        orphan.kind,
                        orphan.old_target_id,
                        base=orphan,
                    )
                )

        assert self.store is not None
        self.push_screen(OrphansScreen(orphans, self.store), chosen)

    def action_diff(self) -> None:
        """The year diff, opened on the selected meeting and the one before it between the
        same parties (after it, if it is their first); if it is their only meeting, a
        notification says so and nothing opens: never another partnership's diff."""
        from compare.select import SelectionError, neighbour_pair
        from tui.screens.diff import DiffScreen

        if self.store is None:
            return
        if not self._meetings:  # the background reading is not done yet
            self.notify(
                "Still reading the store's meetings; the year diff opens in a moment.",
                markup=False,
            )
            return
        ref = self.tree.current
        a_id = b_id = None
        if ref is not None:
            meeting, _area, _commitment = self.store.locate(ref.id)
            try:
                a, b = neighbour_pair(self._meetings, meeting)
            except SelectionError as exc:
                message = str(exc)
                self.notify(
                    f"{message[:1].upper()}{message[1:]}. (The year diff's two pickers "
                    "compare any two meetings.)",
                    title="Nothing to compare",
                    severity="warning",
                    markup=False,
                )
                return
            a_id, b_id = a.id, b.id

        def chosen(target_id: str | None) -> None:
            if target_id:
                self.jump_to(target_id)

        self.push_screen(DiffScreen(self.store, a_id, b_id), chosen)

    def action_export(self) -> None:
        """Ask where and what to export; the file is written in a worker."""
        from tui.screens.export import ExportScreen

        if self.store is None:
            return
        ref = self.tree.current
        meeting = self.store.locate(ref.id)[0] if ref is not None else None

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self.export(request)

        self.push_screen(
            ExportScreen(
                meeting_id=meeting.id if meeting else None,
                meeting_title=meeting.title if meeting else "",
                known_tags=self.store.all_tags(),
            ),
            chosen,
        )

    @work(thread=True, group="export")
    def export(self, request: ExportRequest) -> None:
        from sharing.export import export_to_path
        from store import StoreError
        from tui.messages import ExportDone

        store = self.store
        assert store is not None
        try:
            with self._write_lock:
                summary = export_to_path(store, request)
        except StoreError as exc:
            self.post_message(ExportDone(error=str(exc)))
        except OSError as exc:
            self.post_message(ExportDone(error=f"{request.path}: {exc.strerror or exc}"))
        else:
            self.post_message(ExportDone(summary=summary))

    def on_export_done(self, message: ExportDone) -> None:
        if message.error:
            self.notify(f"Not exported: {message.error}", severity="error", markup=False)
        else:
            self.notify(message.summary or "Exported.", title="Export", markup=False)

    # ------------------------------------------------------------------ quitting

    async def action_quit(self) -> None:
        """q, Ctrl+Q and the palette's Quit: quit once every change is written. While
        some are still being written a dialog says so and waits (a second quit, or q
        there, quits at once); what is not written is kept as drafts (``quit_now``)."""
        self.request_quit()

    def request_quit(self) -> None:
        if self._quit_screen is not None:
            self.quit_now()  # asked twice: at once
        elif self._pending:
            self._open_quit_screen()
        else:
            self.quit_now()

    def _open_quit_screen(self) -> None:
        from tui.screens.quit import QuitScreen

        screen = QuitScreen(self._quit_state)
        self._quit_screen = screen
        self._quit_since = time.monotonic()
        self.push_screen(screen, self._quit_answered)

    def _quit_answered(self, answer: QuitAnswer | str) -> None:
        self._quit_screen = None
        if answer is not None:  # "now", or "done": every change is written
            self.quit_now()
            return
        if self._failed_on_quit:  # back in the app: the dialog said what was kept
            self.notify(
                "Not saved: " + "; ".join(self._failed_on_quit),
                title="Kept as drafts",
                severity="warning",
                markup=False,
            )
        self._failed_on_quit = []
        self._keep_failed = None

    def _quit_state(self) -> str:
        """What the quit dialog says: what is being saved, why it takes long, what failed."""
        lines = []
        pending = self._pending
        store = self.store
        if pending:
            what = ", ".join(change.undone for change in pending)
            plural = "s" if len(pending) > 1 else ""
            lines.append(f"Saving {len(pending)} change{plural} before quitting: {what}.")
            if store is not None and store.busy_since is not None:
                waited = time.monotonic() - self._quit_since
                lines.append(
                    f"The store is busy: another coop-tui process holds its lock "
                    f"({store.files.lock}); waiting for it ({waited:.0f} s so far)."
                )
        if self._failed_on_quit:
            lines.append(
                "Not saved: " + "; ".join(self._failed_on_quit) + ". Notes, statuses and "
                "tags not saved are kept as drafts; the next start offers them."
            )
        lines.append("")
        if self._keep_failed is not None:
            lines.append(
                f"They could not be kept as drafts: {self._keep_failed}. q quits anyway and "
                "loses them; Escape goes back to the app."
            )
        elif pending:
            lines.append(
                "q quits now, keeping what is not saved yet as drafts (offered at the next "
                "start); Escape goes back to the app while the saving goes on."
            )
        else:
            lines.append("q quits; Escape goes back to the app.")
        return "\n".join(lines)

    def quit_now(self) -> None:
        """Quit at once. Changes not written yet and text typed in an open note editor
        are kept as drafts first; if that fails, say so and quit only when asked again."""
        from store import StoreError
        from store.drafts import Draft

        drafts: list[Draft] = []
        not_done: list[str] = []
        for change in self._pending:
            draft = self._draft_of_pending(change, "not saved yet when the app was quit")
            if draft is None:
                not_done.append(change.undone)
            else:
                drafts.append(draft)
                self._kept_while_pending[id(change)] = draft.id
        for screen, (target_id, note_id, base, draft_id) in self._editors.items():
            typed = getattr(screen, "typed", "")
            if typed.strip() and typed != (base.text if base is not None else ""):
                draft = Draft(
                    "note", target_id, why="open when the app was quit", text=typed,
                    note_id=note_id, base=base,
                )  # fmt: skip
                drafts.append(draft if draft_id is None else replace(draft, id=draft_id))
        errors = []
        for draft in drafts:
            try:
                if self.drafts is None:
                    raise StoreError("the store is not open")
                self.drafts.keep(draft)
            except StoreError as exc:
                errors.append(str(exc))
        if errors and self._keep_failed is None:  # stay, say why; a second quit quits
            self._keep_failed = errors[0]
            if self._quit_screen is None:
                self._open_quit_screen()
            else:
                self._quit_screen.show_state()
            return
        self._abandon.set()  # a write still queued is not made: it is a draft now
        if self.store is not None:
            self.store.stop_waiting()
        notices = []
        if errors:
            notices.append(f"unsaved changes lost: {errors[0]}")
        kept = len(self.drafts.load()[0]) if self.drafts is not None else 0
        if kept:  # this time's and any older: what the next start offers
            plural = "s" if kept > 1 else ""
            notices.append(
                f"{kept} unsaved change{plural} kept as draft{plural} in "
                f"{self.drafts.directory if self.drafts else ''}; the next start offers them"
            )
        if not_done:
            notices.append("not done: " + ", ".join(not_done))
        self.exit_notice = "; ".join(notices) or None
        self.exit()

    def action_refresh_store(self) -> None:
        self.check_for_changes(asked=True)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.key_sections()))

    def key_sections(self) -> list[Section]:
        from tui.screens.confirm import ConfirmScreen as Confirm
        from tui.screens.diff import DiffScreen
        from tui.screens.export import ExportScreen
        from tui.screens.links import LinksScreen
        from tui.screens.note_editor import NoteEditorScreen
        from tui.screens.orphans import OrphansScreen
        from tui.screens.quit import QuitScreen
        from tui.screens.search import SearchScreen
        from tui.screens.status import StatusScreen
        from tui.screens.tags import TagsScreen

        palette = [Binding("ctrl+p", "command_palette", "Command palette: jump to commitment…")]
        return [
            ("Everywhere in the main view", [*self.BINDINGS, *palette]),
            ("Tree", [*AgreementTree.BINDINGS, *Tree.BINDINGS]),
            ("Search (/)", [*SearchScreen.BINDINGS, *_SEARCH_EXTRA]),
            ("Status (s)", [*StatusScreen.BINDINGS, *_STATUS_EXTRA]),
            ("Tags (t)", [*TagsScreen.BINDINGS, *_TAGS_EXTRA]),
            ("Note editor (n, e)", NoteEditorScreen.BINDINGS),
            ("Links of a note (l)", LinksScreen.BINDINGS),
            ("Orphans (o)", [*OrphansScreen.BINDINGS, *_ORPHANS_EXTRA]),
            ("Year diff (d)", [*DiffScreen.BINDINGS, *_DIFF_EXTRA]),
            ("Export (x)", ExportScreen.BINDINGS),
            ("Confirmation", Confirm.BINDINGS),
            ("Quitting while changes are being saved", QuitScreen.BINDINGS),
        ]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every message (from any screen) made safe for the screen first: it may quote a
        tag, a note or a path (control characters removed, bidirectional ones marked)."""
        from tui.render import strip_controls

        super().notify(
            strip_controls(message),
            title=strip_controls(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def get_system_commands(self, screen: Screen) -> object:
        yield from super().get_system_commands(screen)
        for key, title, help_text, action in _PALETTE_ACTIONS:
            yield SystemCommand(title, f"{help_text} ({key})", getattr(self, action))


_MAIN_VIEW_ACTIONS = {
    "search",
    "diff",
    "export",
    "set_status",
    "new_note",
    "edit_note",
    "delete_note",
    "select_note",
    "view_note",
    "links",
    "tags",
    "orphans",
    "refresh_store",
    "help",
}

#: Keys handled by widgets inside the screens, listed in the help.
_SEARCH_EXTRA = [
    Binding("enter", "choose", "Go to the highlighted result"),
    Binding("up", "up", "Previous result"),
]
_STATUS_EXTRA = [
    Binding("up,down", "move", "Pick a status"),
    Binding("enter", "save", "Save the status"),
    Binding("tab", "next", "Source, then evidence fields"),
]
_TAGS_EXTRA = [
    Binding("enter", "add", "Add the typed tag(s); on an empty field, save"),
    Binding("right", "complete", "Complete a known tag"),
    Binding("space", "toggle", "Un-tick / tick a tag in the list"),
    Binding("tab", "next", "Between the field and the list"),
]
_ORPHANS_EXTRA = [
    Binding("tab", "next", "Between orphans and suggestions"),
    Binding("enter", "reattach", "Re-attach to the highlighted suggestion"),
]

_DIFF_EXTRA = [  # ←/→, 1…7 and 0 are listed from DiffScreen.BINDINGS
    Binding("enter", "jump", "Go to the commitment in the tree"),
]

_PALETTE_ACTIONS = [
    ("/", "Search", "Fuzzy search commitments, areas, tags and notes", "action_search"),
    ("s", "Set status", "Set the selected commitment's status", "action_set_status"),
    ("t", "Edit tags", "Add or remove tags on the selection", "action_tags"),
    ("n", "New note", "Write a note on the selection", "action_new_note"),
    ("e", "Edit note", "Edit the selected note", "action_edit_note"),
    ("o", "Orphaned annotations", "List and re-attach orphaned annotations", "action_orphans"),
    ("d", "Year diff", "Compare a meeting's commitments with the previous one's", "action_diff"),
    ("x", "Export notes", "Write the notes as Markdown, JSON, CSV or a folder", "action_export"),
    ("?", "Help", "Show every key of every screen", "action_help"),
]


def _restored(draft: Draft, what: str = "change") -> str:
    """The line a dialog shows when it opens on a draft."""
    from tui import labels

    why = f" ({draft.why})" if draft.why else ""
    return (
        f"Your unsaved {what}, kept {labels.format_time(draft.kept)}{why}. Save it, or "
        f"{'empty it and press Escape' if what == 'note' else 'press Escape'} to discard it."
    )


def make_app(
    store_path: Path,
    *,
    seed_samples: bool = True,
    refresh_interval: float | None = 5.0,
    animations: bool = True,
    lock_timeout: float | None = None,
) -> CoopApp:
    """The one way to build the app: the command line and the tests use it.

    ``animations=False`` also stops the cursor blinking, for stable screenshots;
    ``lock_timeout`` is how long a write waits for another process (the store's
    default if None).
    """
    app = CoopApp(
        store_path,
        seed_samples=seed_samples,
        refresh_interval=refresh_interval,
        cursor_blink=animations,
        lock_timeout=lock_timeout,
    )
    if not animations:
        app.animation_level = "none"
    return app


__all__ = ["CoopApp", "make_app"]

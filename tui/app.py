"""The coop-tui Textual app: browse, search, rate, tag and annotate agreements.

Build it with :func:`make_app` (the command line and the tests both do). The app holds
what concerns every screen: the open store (a :class:`~session.Session`, once open),
the key queue (:mod:`tui.key_queue`), the writer of changes, quitting, the help screen, the
command palette's commands and the notifications. The main view, with its keys and
its background work, is :class:`~tui.main.screen.MainScreen`, the app's first screen;
every key is declared in :mod:`tui.keymap`.

Every write runs in a worker and reports back with :class:`~tui.messages.Saved` or
:class:`~tui.messages.SaveFailed`, handled in one place each (``on_saved``,
``on_save_failed``: the workers' messages are handled by name, so that this module
need not import them before the first frame). Start-up is lazy: this module imports
only Textual and the main view; the store, the parsers, the diff engine (numpy), the
search engine (rapidfuzz) and every dialog are imported where they are first used,
the store's in the opening worker (see :mod:`tui.main.feeding`).
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from textual import events
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen

from tui.key_queue import KeyQueue, split_alt
from tui.keymap import APP, bindings, help_sections, palette_entries
from tui.main.screen import MainScreen

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.command import Provider
    from textual.notifications import SeverityLevel
    from textual.worker import Worker

    from session import Session
    from store import Note
    from store.drafts import Draft
    from tui.changes import Change
    from tui.messages import Saved, SaveFailed, StoreFailed
    from tui.screens.quit import QuitAnswer, QuitScreen


def _jump_provider() -> type[Provider]:
    """The command palette's "jump to" provider, imported when the palette opens."""
    from tui.palette import JumpProvider

    return JumpProvider


@runtime_checkable
class ShowsFigures(Protocol):
    """A screen showing figures worked out from the statuses (the compliance overview)."""

    def figures_stale(self) -> None:
        """The store's statuses changed: work the figures out again."""


class CoopApp(App[None]):
    """The app: the main view first (:class:`MainScreen`), dialogs over it."""

    TITLE = "coop-tui"
    SUB_TITLE = "co-operation agreements"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_jump_provider}

    BINDINGS: ClassVar[list[BindingType]] = bindings(APP)

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
        #: The open store and what is worked out from it; None until it is open.
        self.session: Session | None = None
        #: changes Ctrl+Z was refused (changed since elsewhere): the next goes past them
        self.undo_refused: set[str] = set()
        self.store_error: str | None = None
        #: Said on the terminal after the app closed (drafts kept when it was quit).
        self.exit_notice: str | None = None
        #: Open note editors and what each edits: (target, note ID, base, draft ID).
        self.editors: dict[Screen[Any], tuple[str, str | None, Note | None, str | None]] = {}
        self._quit_screen: QuitScreen | None = None
        self._failed_on_quit: list[str] = []  # why changes were not saved while quitting
        self._keep_failed: str | None = None  # why drafts could not be kept when quitting
        self._quit_since = 0.0  # time.monotonic() when the quit dialog opened
        self.input_at = 0.0  # time.monotonic() of the last key press or mouse event
        self.ui_clock: int | None = None  # the event loop thread's CPU clock
        #: Keys and pastes, handed to the screens one at a time, in order (tui.key_queue).
        self.keys = KeyQueue(self)
        #: the store is shown, or failed to open: the keys typed before are handed out then
        self.store_opened = asyncio.Event()
        self._main: MainScreen | None = None
        #: id() of a correction, an undo or a redo being written → the tree's cursor
        #: then: it moves to what was corrected only if it has not moved since.
        self._cursor_at_save: dict[int, str | None] = {}

    # ------------------------------------------------------------------ screens and events

    def get_default_screen(self) -> MainScreen:
        self._main = MainScreen(self.store_path)
        return self._main

    @property
    def main(self) -> MainScreen:
        """The main view (the first screen)."""
        assert self._main is not None
        return self._main

    def on_mount(self) -> None:
        # from the start (before the first frame): keys typed while the store opens are
        # meant for the view it opens into
        self.keys.hold_until(self.store_opened)
        if self.refresh_interval:
            self.set_interval(self.refresh_interval, lambda: self.main.feeding.check_for_changes())

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not isinstance(event, events.MouseMove):
            self.input_at = time.monotonic()  # background reading yields (tui.loading)
        if (
            isinstance(event, events.Key)
            and event.key == "ctrl+j"
            and not event.is_forwarded
            and not self.store_opened.is_set()
        ):
            # typed before the terminal was switched to raw input, an Enter reaches the app
            # as the line feed the terminal turned it into (the app binds no Ctrl+J)
            event = events.Key("enter", "\r")
        if not self.keys.admit(event):
            return  # typed ahead: handed out when the keys before it are handled
        handled = event
        try:
            if isinstance(event, events.Key) and (keys := split_alt(event)) is not None:
                handled, key = keys  # ESC and a key that came together (tui.key_queue.split_alt)
                self.keys.then(key)
            await super().on_event(handled)
        finally:
            self.keys.started(event)

    def on_ready(self) -> None:
        """The first frame is painted: open the store (the worker competes for the GIL)."""
        from tui.loading import thread_cpu_clock

        self.ui_clock = thread_cpu_clock()  # (this runs on the event loop's thread)
        self.main.feeding.open_store()

    def last_input(self) -> float:
        """When a key or the mouse was last used (``time.monotonic()``)."""
        return self.input_at

    @property
    def ready(self) -> bool:
        """The store is open and the search index built."""
        return self.session is not None and self.session.ready

    def on_store_failed(self, message: StoreFailed) -> None:
        """The store could not be opened or read: the app ends with the error (status 2),
        unless a dialog or another screen is open over the main view: what is typed there
        is not thrown away, the error is shown instead. (Not a key: no binding decides
        this.)"""
        self.store_opened.set()  # the keys typed meanwhile are handed out
        if self.screen is not self.main:
            self.notify(message.error, title="Error", severity="error", markup=False)
            return
        self.store_error = message.error
        self.exit(return_code=2)  # the command line prints the message (one line)

    # ------------------------------------------------------------------ writing

    def save(self, change: Change) -> None:
        """Write one change in the background; until it is written (or refused) it is
        pending, and quitting waits for it (see ``action_quit``)."""
        if self.refused_read_only() or self.session is None:
            return
        if change.restructures:  # where the cursor was: see ``on_saved``
            current = self.main.agreement_tree.current
            self._cursor_at_save[id(change)] = current.id if current is not None else None
        self.session.begin(change)
        self._write(change)

    def _write(self, change: Change) -> Worker[None]:
        """Write one change in a worker; writes are serialised so none overtakes another."""
        session = self.session
        assert session is not None

        def work() -> None:
            from store import ChangedElsewhere, StoreError
            from store.errors import StoreBusy
            from tui.messages import Saved, SaveFailed
            from tui.store_errors import app_error_text

            try:
                written = session.write(change)
            except ChangedElsewhere as exc:
                self.post_message(SaveFailed(change, str(exc), changed_elsewhere=True))
            except StoreBusy as exc:
                self.post_message(SaveFailed(change, str(exc), busy=True))
            except StoreError as exc:
                self.post_message(SaveFailed(change, app_error_text(exc)))
            except OSError as exc:  # the store reports its own; anything else is still shown
                self.post_message(SaveFailed(change, f"{exc.strerror or exc}"))
            else:
                if written is not None:  # None: the app was quit without it (a draft now)
                    outcome, annotation = written
                    self.post_message(Saved(change, annotation, outcome))

        return self.run_worker(work, group="write", thread=True)

    def on_saved(self, message: Saved) -> None:
        from tui.changes import DeleteNote, Reattach

        change = message.change
        session = self.session
        assert session is not None
        problems = session.saved(
            change,
            message.annotation,
            deleted_note=change.note_id if isinstance(change, DeleteNote) else None,
            moved_from=change.old_target_id if isinstance(change, Reattach) else None,
        )
        for problem in problems:  # drafts that could not be dropped
            self.notify(problem, severity="warning", markup=False)
        if session.abandoned.is_set():  # quit meanwhile
            return
        outcome = message.outcome
        was = self._cursor_at_save.pop(id(change), None)
        if change.restructures and outcome.changed:  # a correction, an undo, a redo
            self.main.restructured(outcome.targets or (change.target_id,), was)
        else:
            self.main.show_written(
                change.target_id, jump=isinstance(change, Reattach), note_id=outcome.note_id
            )
        if outcome.notice is not None:
            self.notify(
                outcome.notice, title="Changed elsewhere", severity="warning", timeout=20,
                markup=False,
            )  # fmt: skip
        else:
            said = outcome.said or (change.done if outcome.changed else change.unchanged)
            self.notify(said, markup=False)
        self._settled(change)
        self._catch_up_view()
        self.figures_stale()

    def figures_stale(self) -> None:
        """A change was written here, or read from another process: the screens showing
        figures worked out from the statuses work them out again."""
        for screen in self.screen_stack:
            if isinstance(screen, ShowsFigures):
                screen.figures_stale()

    def on_save_failed(self, message: SaveFailed) -> None:
        """The one place a failed write is handled: say why, keep it as a draft, and
        give the typing back (a refusal because of a change made elsewhere shows it)."""
        from tui.changes import Reattach, SetStatus
        from tui.correction_changes import Redo, Undo

        change, error = message.change, message.error
        self._cursor_at_save.pop(id(change), None)
        session = self.session
        assert session is not None
        if session.abandoned.is_set():  # quit meanwhile: it was kept as a draft then
            return
        if message.busy and self._quit_screen is not None:
            # quitting waits for it: still pending, tried again (kept meanwhile)
            draft = session.draft_of_pending(change, f"not saved yet: {error}")
            if draft is not None and self.keep_draft(draft):
                session.kept_while_pending[id(change)] = draft.id
            self._write(change)
            return
        session.kept_while_pending.pop(id(change), None)
        draft_id = change.draft_id
        draft = session.draft_of_pending(change, f"not saved: {error}")
        if draft is not None and self.keep_draft(draft):
            draft_id = draft.id
        if self._quit_screen is not None:  # quitting: said there (and kept as a draft)
            self._failed_on_quit.append(f"{change.undone}: {error}")
        elif isinstance(change, (Undo, Redo)):  # the store's refusal, as it says it
            title = "Not undone" if isinstance(change, Undo) else "Not redone"
            self.notify(error, title=title, severity="warning", timeout=20, markup=False)
        elif message.changed_elsewhere:
            self.notify(
                error, title="Changed elsewhere", severity="warning", timeout=20, markup=False
            )
            if isinstance(change, SetStatus):  # Enter again saves it over the new status
                notice = f"Not saved: {error}. Enter saves your choice now."
                self.main.editing.open_status(
                    change.target_id, change, notice=notice, draft_id=draft_id
                )
            elif isinstance(change, Reattach):
                self.main.feeding.load_orphans()  # the list as it is now
            else:  # a correction: its dialog again, on what the store holds now
                self.main.correcting.reopen(change, error, changed_elsewhere=True)
        elif not (change.restructures and self.main.correcting.reopen(change, error)):
            # (a correction's dialog opened again says why itself, once)
            self.notify(f"Not saved: {error}", title="Error", severity="error", markup=False)
            if not change.restructures:
                self.main.editing.reopen(change, error, draft_id)
        self._settled(change)
        self._catch_up_view()

    def _settled(self, change: Change) -> None:
        """``change`` is written or refused: quitting no longer waits for it."""
        session = self.session
        assert session is not None
        session.settle(change)
        screen = self._quit_screen
        if screen is not None and not session.pending:
            if self._failed_on_quit:
                screen.show_state()  # says what was not saved; q quits
            else:
                self._quit_screen = None  # answered once only
                screen.dismiss("done")

    def _catch_up_view(self) -> None:
        """A write read changes other processes made: show the store as it is now."""
        if self.session is not None and self.session.behind:
            self.main.feeding.check_for_changes()

    # ------------------------------------------------------------------ undo, redo

    def action_undo(self) -> None:
        """Ctrl+Z: undo the researcher's latest change (the store says what it was, or
        why it cannot be undone: nothing left, or changed since by another process)."""
        from tui.correction_changes import Undo

        self.save(Undo("", refused=self.undo_refused))

    def action_redo(self) -> None:
        """Ctrl+Y (or Ctrl+Shift+Z): redo the change last undone."""
        from tui.correction_changes import Redo

        self.save(Redo(""))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo and redo act from the main view once the store is open (not while the
        command palette or another screen is over it)."""
        if action in ("undo", "redo"):
            return self.session is not None and self._main is not None and self.screen is self.main
        return True

    # ------------------------------------------------------------------ drafts

    def keep_draft(self, draft: Draft) -> bool:
        """Write ``draft`` beside the store; say so and return False if that fails."""
        from store import StoreError

        if self.session is None:
            return False
        try:
            self.session.keep_draft(draft)
        except StoreError as exc:
            self.notify(str(exc), title="Draft not kept", severity="error", markup=False)
            return False
        return True

    def drop_draft(self, draft_id: str) -> None:
        from store import StoreError

        if self.session is None:
            return
        try:
            self.session.drop_draft(draft_id)
        except StoreError as exc:
            self.notify(str(exc), severity="warning", markup=False)

    def refused_read_only(self) -> bool:
        """Say so and return True if the store cannot be written here (before a dialog
        opens: nothing typed is lost)."""
        session = self.session
        if session is None or session.store.read_only is None:
            return False
        self.notify(
            f"The store is read-only here ({session.store.read_only}): nothing can be changed.",
            title="Read-only",
            severity="error",
            markup=False,
        )
        return True

    # ------------------------------------------------------------------ quitting

    async def action_quit(self) -> None:
        """q, Ctrl+Q and the palette's Quit: quit once every change is written. While
        some are still being written a dialog says so and waits (a second quit, or q
        there, quits at once); what is not written is kept as drafts (``quit_now``)."""
        self.request_quit()

    def request_quit(self) -> None:
        if self._quit_screen is not None:
            self.quit_now()  # asked twice: at once
        elif self.session is not None and self.session.pending:
            self._open_quit_screen()
        else:
            self.quit_now()

    def _open_quit_screen(self) -> None:
        from tui.screens.quit import QuitScreen

        screen = QuitScreen(self._quit_state)
        self._quit_screen = screen
        self._quit_since = time.monotonic()
        self.push_screen(screen, self._quit_answered)

    def _quit_answered(self, answer: QuitAnswer) -> None:
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
        session = self.session
        pending = session.pending if session is not None else []
        if pending:
            what = ", ".join(change.undone for change in pending)
            plural = "s" if len(pending) > 1 else ""
            lines.append(f"Saving {len(pending)} change{plural} before quitting: {what}.")
            if session is not None and session.store.busy_since is not None:
                waited = time.monotonic() - self._quit_since
                lines.append(
                    f"The store is busy: another coop-tui process holds its lock "
                    f"({session.store.files.lock}); waiting for it ({waited:.0f} s so far)."
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
        session = self.session
        if session is None:
            self.exit_notice = None
            self.exit()
            return
        errors, not_done = session.keep_on_quit(self._typed_in_editors())
        if errors and self._keep_failed is None:  # stay, say why; a second quit quits
            self._keep_failed = errors[0]
            if self._quit_screen is None:
                self._open_quit_screen()
            else:
                self._quit_screen.show_state()
            return
        session.abandon()  # a write still queued is not made: it is a draft now
        notices = []
        if errors:
            notices.append(f"unsaved changes lost: {errors[0]}")
        kept = session.kept_drafts()
        if kept:  # this time's and any older: what the next start offers
            plural = "s" if kept > 1 else ""
            notices.append(
                f"{kept} unsaved change{plural} kept as draft{plural} in "
                f"{session.drafts.directory}; the next start offers them"
            )
        if not_done:
            notices.append("not done: " + ", ".join(not_done))
        self.exit_notice = "; ".join(notices) or None
        self.exit()

    def _typed_in_editors(self) -> list[Draft]:
        """What is typed in the open note editors and not in the store, as drafts."""
        from dataclasses import replace

        from store.drafts import Draft

        drafts = []
        for screen, (target_id, note_id, base, draft_id) in self.editors.items():
            typed = getattr(screen, "typed", "")
            if typed.strip() and typed != (base.text if base is not None else ""):
                draft = Draft(
                    "note", target_id, why="open when the app was quit", text=typed,
                    note_id=note_id, base=base,
                )  # fmt: skip
                drafts.append(draft if draft_id is None else replace(draft, id=draft_id))
        return drafts

    # ------------------------------------------------------------------ help, palette, notices

    def action_help(self) -> None:
        """Every key of every screen, as declared in :mod:`tui.keymap`."""
        from tui.screens.help import HelpScreen, Section

        sections: list[Section] = list(help_sections())
        self.push_screen(HelpScreen(sections))

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

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for key, title, explanation in palette_entries():
            shown = key.key_display or key.key.split(",")[0]
            owner = self.main if hasattr(self.main, f"action_{key.name}") else self
            action = getattr(owner, f"action_{key.name}")
            yield SystemCommand(title, f"{explanation} ({shown})", action)


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

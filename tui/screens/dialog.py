"""The base of the app's dialogs: the box, its title and key bar, Escape, dismissed once.

:class:`Dialog` draws what every dialog shares — a box over the main view (its frame
styled once here, each dialog setting only its size and what is its own), a title that
stays at the top of the box, the key bar below it — and the box scrolls to the focused
field when a small window cuts it short. Escape (and ``q``, where it is not typed into a
field) cancels: the dialog is dismissed with :meth:`Dialog.cancel_result`. Text fields
blink their cursor as the app says (:func:`cursor_blinks`; off for stable screenshots).
A dialog composes its fields in :meth:`Dialog.compose_body` and dismisses with a value.

A dialog is dismissed at most once. Textual's ``Screen.dismiss`` pops whatever screen
is on top: a second dismissal (a second ``Enter`` whose message was already queued, a
button pressed as the dialog closes) would close the screen below it, or fail with
``ScreenStackError`` on the main view and end the app. Here a dialog that has been
dismissed, or is not on top, ignores any further dismissal; the keys that follow go to
the screen now on top (see :mod:`tui.key_queue`).
"""

from __future__ import annotations

from typing import ClassVar, Protocol, TypeVar, runtime_checkable

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static, TextArea

from tui import labels
from tui.keymap import DIALOG, bindings
from tui.render import literal
from tui.widgets.footer import KeysFooter

ResultT = TypeVar("ResultT")


@runtime_checkable
class BlinkSetting(Protocol):
    """An app that says whether text cursors blink (``CoopApp.cursor_blink``)."""

    cursor_blink: bool


def cursor_blinks(app: App[object]) -> bool:
    """Whether text cursors blink in ``app``: its ``cursor_blink`` setting if it has one
    (the app turns it off for stable screenshots), else Textual's default (they do)."""
    return app.cursor_blink if isinstance(app, BlinkSetting) else True


class DismissedOnce(Screen[ResultT]):
    """A screen that closes once: later calls of :meth:`dismiss` do nothing.

    ``q`` closes it as ``Escape`` does (where ``q`` is not typed into a field): the
    app's ``q`` quits only from the main view."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(DIALOG)

    _dismissed = False

    async def action_close_screen(self) -> None:
        """What Escape does here (a dialog's cancel keeps a draft, say), else close."""
        escape = self.active_bindings.get("escape")
        if escape is not None and escape.enabled:
            await self.app.run_action(escape.binding.action, escape.node)
        else:
            self.dismiss(None)

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        if self._dismissed or not self.is_active:
            return AwaitComplete.nothing()
        self._dismissed = True
        return super().dismiss(result)


class Dialog(ModalScreen[ResultT], DismissedOnce[ResultT]):
    """A modal dialog of the app (status, tags, note, search, export, …).

    Subclasses give :meth:`compose_body` (the fields, in the box under the title),
    :meth:`dialog_title` if the box has a title, and in their ``DEFAULT_CSS`` only what
    is their own (``XScreen > .frame { width: …; }`` for the box's size).

    (``ModalScreen`` first: Textual takes a screen's default styles from its first
    base class only.)"""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog > .frame {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        background: $panel;
        padding: 0 1;
    }
    Dialog > .frame > .title {
        text-style: bold;
        dock: top;  /* stays in view when a small window scrolls the fields */
        padding: 1 0;
        background: $panel;
    }
    Dialog .hint, Dialog Label {
        color: $text-muted;
    }
    Dialog .notice {
        color: $warning;
        margin: 0 0 1 0;
    }
    Dialog .error {
        color: $error;
    }
    """

    #: The box scrolls to the focused field when the window is too small for it. False
    #: for a dialog whose own list takes the room left (its ↓ is its own key).
    SCROLLS: ClassVar[bool] = True

    #: A line said above the fields (:meth:`compose_notice`), if the dialog has one.
    notice: str | None = None

    def compose(self) -> ComposeResult:
        frame = (
            VerticalScroll(can_focus=False, classes="frame")
            if self.SCROLLS
            else Vertical(classes="frame")
        )
        with frame:
            title = self.dialog_title()
            if title is not None:
                yield Static(Text(title) if isinstance(title, str) else title, classes="title")
            yield from self.compose_body()
        yield KeysFooter()

    def dialog_title(self) -> str | Text | None:
        """The title at the top of the box (shown literally), or None for none."""
        return None

    def compose_body(self) -> ComposeResult:
        """The dialog's fields, in the box under its title."""
        yield from ()

    @staticmethod
    def title_about(prefix: str, text: str, width: int) -> Text:
        """A title naming what the dialog is about: ``prefix`` in bold, then ``text`` on
        one line, cut to ``width`` (shown literally)."""
        title = Text(prefix, style="bold")
        title.append(literal(labels.clip(text, width)))
        return title

    def compose_notice(self) -> ComposeResult:
        """The dialog's :attr:`notice` (a draft restored, a change made elsewhere), if any."""
        if self.notice:
            yield Static(literal(self.notice), classes="notice", id="notice")

    @on(events.Mount)
    def _blink_as_the_app_says(self) -> None:
        blink = cursor_blinks(self.app)
        for field in self.query(Input):
            field.cursor_blink = blink
        for area in self.query(TextArea):
            area.cursor_blink = blink

    def cancel_result(self) -> ResultT | None:
        """What Escape (and ``q``) dismiss the dialog with: None, nothing chosen."""
        return None

    def action_cancel(self) -> None:
        """Escape: close, dismissing with :meth:`cancel_result`."""
        self.dismiss(self.cancel_result())

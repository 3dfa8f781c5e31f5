"""The base of the app's dialogs: a dialog is dismissed at most once.

Textual's ``Screen.dismiss`` pops whatever screen is on top: a second dismissal (a
second ``Enter`` whose message was already queued, a button pressed as the dialog
closes) would close the screen below it, or fail with ``ScreenStackError`` on the main
view and end the app. Here a dialog that has been dismissed, or is not on top, ignores
any further dismissal; the keys that follow go to the screen now on top (see
:mod:`tui.keys`).
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.await_complete import AwaitComplete
from textual.binding import BindingType
from textual.screen import ModalScreen, Screen

from tui.keymap import DIALOG, bindings

ResultT = TypeVar("ResultT")


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

    (``ModalScreen`` first: Textual takes a screen's default styles from its first
    base class only.)"""

"""Quitting while changes are still being written: say so, wait, or quit keeping drafts."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Static

from tui.keymap import QUIT, bindings
from tui.render import literal
from tui.screens.dialog import Dialog

#: ``"now"``: quit at once, keeping what is not written as drafts; ``None``: back.
QuitAnswer = Literal["now", "done"] | None


class QuitScreen(Dialog[QuitAnswer]):
    """Shows what is still being saved, and what the keys do (``describe()``, read a
    few times a second); the app closes it and quits once everything is written. ``q``
    quits at once (what is not written is kept as drafts), Escape goes back."""

    DEFAULT_CSS = """
    QuitScreen > .frame {
        width: 72;
        border: thick $warning;
        padding: 1 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(QUIT)

    def __init__(self, describe: Callable[[], str]) -> None:
        super().__init__()
        self.describe = describe

    def compose_body(self) -> ComposeResult:
        yield Static(literal(self.describe()), id="state")

    def on_mount(self) -> None:
        self.set_interval(0.25, self.show_state)

    def show_state(self) -> None:
        self.query_one("#state", Static).update(literal(self.describe()))

    def action_quit_now(self) -> None:
        self.dismiss("now")

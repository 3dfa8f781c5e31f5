"""A yes/no question in a modal: y or Enter confirms, n or Escape declines."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Button, Static

from tui.keymap import CONFIRM, bindings
from tui.screens.dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    DEFAULT_CSS = """
    ConfirmScreen > .frame {
        width: 64;
        border: thick $error;
        padding: 1 2;
    }
    ConfirmScreen .question {
        margin: 0 0 1 0;
    }
    ConfirmScreen Horizontal {
        height: auto;
        align: right middle;
    }
    ConfirmScreen Button {
        margin: 0 0 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(CONFIRM)

    def __init__(self, question: Text, yes: str = "Delete") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose_body(self) -> ComposeResult:
        yield Static(self.question, classes="question")
        with Horizontal():
            yield Button(f"{self.yes} (y)", variant="error", id="yes")
            yield Button("Keep (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def cancel_result(self) -> bool:
        """Escape (and ``q``) decline, as ``n`` does."""
        return False

    @on(Button.Pressed, "#yes")
    def confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def decline(self) -> None:
        self.dismiss(False)

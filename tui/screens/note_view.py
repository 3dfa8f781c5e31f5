"""A whole note, however long, as the text that was written (Markdown source, links
with their addresses), scrolled a row at a time."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Static

from store import Note
from tui import labels
from tui.keymap import NOTE_VIEW, bindings
from tui.screens.dialog import Dialog
from tui.widgets.footer import KeysFooter
from tui.widgets.long_text import LongText


class NoteViewScreen(Dialog[None]):
    """The selected note, whole (v); Escape or q closes."""

    DEFAULT_CSS = """
    NoteViewScreen {
        align: center middle;
    }
    NoteViewScreen > Vertical {
        width: 90%;
        height: 90%;
        border: thick $primary;
        background: $panel;
        padding: 0 1;
    }
    NoteViewScreen .title {
        text-style: bold;
        margin: 1 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(NOTE_VIEW)

    def __init__(self, note: Note, index: int) -> None:
        super().__init__()
        self.note = note
        self.index = index

    def compose(self) -> ComposeResult:
        lines = self.note.text.count("\n") + 1
        count = f"{lines:,} line{'s' if lines != 1 else ''}"
        title = Text(f"Note {self.index + 1} · {count} · ", style="bold")
        title.append(f"created {labels.format_time(self.note.created)}", style="not bold")
        with Vertical():
            yield Static(title, classes="title")
            yield LongText(self.note.text, id="note-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(LongText).focus()

    def action_close(self) -> None:
        self.dismiss(None)

"""A whole note, however long, as the text that was written (Markdown source, links
with their addresses), scrolled a row at a time."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType

from store import Note
from tui import labels
from tui.keymap import NOTE_VIEW, bindings
from tui.screens.dialog import Dialog
from tui.widgets.long_text import LongText


class NoteViewScreen(Dialog[None]):
    """The selected note, whole (v); Escape or q closes."""

    DEFAULT_CSS = """
    NoteViewScreen > .frame {
        width: 90%;
        height: 90%;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(NOTE_VIEW)

    def __init__(self, note: Note, index: int) -> None:
        super().__init__()
        self.note = note
        self.index = index

    def dialog_title(self) -> Text:
        lines = self.note.text.count("\n") + 1
        count = f"{lines:,} line{'s' if lines != 1 else ''}"
        title = Text(f"Note {self.index + 1} · {count} · ", style="bold")
        title.append(f"created {labels.format_time(self.note.created)}", style="not bold")
        return title

    def compose_body(self) -> ComposeResult:
        yield LongText(self.note.text, id="note-text")

    def on_mount(self) -> None:
        self.query_one(LongText).focus()

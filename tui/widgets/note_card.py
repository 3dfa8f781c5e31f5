"""A note in the detail pane: when and what, its text rendered as Markdown.

Imported when the first note is shown (Textual's Markdown widget with it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Markdown, Static

from tui import labels
from tui.render import strip_controls

if TYPE_CHECKING:
    from store import Note


class NoteCard(Vertical, can_focus=True):
    """One note: when and what, its text rendered as Markdown (links do not open)."""

    DEFAULT_CSS = """
    NoteCard {
        height: auto;
        border: round $panel-lighten-2;
        padding: 0 1;
        margin: 0 0 1 0;
    }
    NoteCard.-selected {
        border: round $accent;
    }
    NoteCard:focus {
        border: double $accent;
    }
    NoteCard > .note-meta {
        color: $text-muted;
    }
    NoteCard > Markdown {
        margin: 0;
        padding: 0;
        background: transparent;
    }
    """

    @dataclass
    class Focused(Message):
        """The card got the focus: its note becomes the selected one."""

        card: NoteCard

        @property
        def control(self) -> NoteCard:
            return self.card

    def __init__(self, note: Note, index: int, *, reveal: bool = False) -> None:
        super().__init__(classes="note-card")
        self.note = note
        self.index = index
        self.reveal = reveal
        self.rendered = False

    def on_markdown_table_of_contents_updated(self, event: Markdown.TableOfContentsUpdated) -> None:
        """The Markdown is laid out (it renders in the background): scroll to it if asked."""
        event.stop()
        self.rendered = True
        if self.reveal:
            self.post_message(NoteCard.Drawn(self))

    def on_resize(self) -> None:
        if self.reveal and self.rendered:  # its final height, now that the Markdown is in
            self.reveal = False
            self.post_message(NoteCard.Drawn(self))

    @dataclass
    class Drawn(Message):
        """A card to be revealed has its final height: scroll to it."""

        card: NoteCard

        @property
        def control(self) -> NoteCard:
            return self.card

    def on_focus(self) -> None:
        self.post_message(NoteCard.Focused(self))

    def compose(self) -> ComposeResult:
        meta = Text(f"Note {self.index + 1} · ", style="bold")
        meta.append(f"created {labels.format_time(self.note.created)}")
        if self.note.updated != self.note.created:
            meta.append(f" · edited {labels.format_time(self.note.updated)}")
        yield Static(meta, classes="note-meta")
        yield Markdown(strip_controls(self.note.text), open_links=False)

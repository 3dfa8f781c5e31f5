"""A note in the detail pane: when and what, its text rendered as Markdown.

Imported when the first note is shown (Textual's Markdown widget with it). A long note
shows its start only (:func:`preview`: laying out megabytes of Markdown would hold the
app for seconds), with a line saying how much more there is and that ``v`` shows it
all (:class:`tui.screens.note_view.NoteViewScreen`).
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

#: The most of a note a card renders: lines, and characters.
PREVIEW_LINES = 60
PREVIEW_CHARS = 6_000


def preview(text: str) -> tuple[str, int, int]:
    """The start of ``text`` a card renders (whole lines where it can), and how many
    characters and lines are left out (0, 0 when it is shown whole)."""
    if len(text) <= PREVIEW_CHARS and text.count("\n") < PREVIEW_LINES:
        return text, 0, 0
    head = "\n".join(text[:PREVIEW_CHARS].split("\n")[:PREVIEW_LINES])
    if len(head) < len(text) and "\n" in head and text[len(head)] != "\n":
        head = head[: head.rindex("\n")]  # a line cut by the character limit: left out
    rest = text[len(head) :]
    return head, len(rest), rest.count("\n") + (0 if rest.startswith("\n") else 1)


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
    NoteCard > .note-more {
        color: $text-warning;
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
        shown, characters, lines = preview(self.note.text)
        if characters:  # said at the top too: the end of the start may be out of view
            meta.append(" · long: its start is shown, v reads it whole", style="bold")
        yield Static(meta, classes="note-meta")
        yield Markdown(strip_controls(shown), open_links=False)
        if characters:
            more = Text(f"… {characters:,} more characters", style="italic")
            if lines > 1:
                more.append(f" on {lines:,} more lines")
            more.append(" — press v to read the whole note", style="bold")
            yield Static(more, classes="note-more")

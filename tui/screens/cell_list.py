"""The commitments behind a cell of the compliance overview, to go to one of them.

Enter on a cell of the overview's matrix lists the commitments it counts: each with
its status badge and the start of its text, and under it its ID, meeting and area.
Enter on one dismisses the dialog with its ID (the overview then closes and the tree
selects it); Escape goes back to the matrix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from store import Status
from tui import labels
from tui.keymap import CELL_LIST, bindings
from tui.render import literal
from tui.screens.dialog import Dialog

#: How much of a commitment's text a line shows.
TEXT_WIDTH = 100


@dataclass(frozen=True)
class Entry:
    """One commitment of the cell: its ID, the status it counts with, its text, and
    where it stands (``2025-04-24 · Finance``)."""

    commitment_id: str
    status: Status
    text: str
    where: str


def entry_prompt(entry: Entry) -> Text:
    prompt = labels.badge(entry.status)
    prompt.append("  ")
    prompt.append_text(literal(labels.clip(entry.text, TEXT_WIDTH)))
    prompt.append("\n  ")
    prompt.append(entry.commitment_id, style="dim bold")
    prompt.append(" · ", style="dim")
    prompt.append_text(literal(labels.one_line(entry.where), style="dim"))
    return prompt


class CellListScreen(Dialog[str | None]):
    """Up/Down picks a commitment; Enter goes to it in the tree; Escape closes."""

    DEFAULT_CSS = """
    CellListScreen > .frame {
        width: 95%;
        max-width: 130;
        max-height: 85%;
    }
    CellListScreen OptionList {
        height: auto;
        max-height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(CELL_LIST)

    def __init__(self, title: Text, entries: list[Entry]) -> None:
        super().__init__()
        self.title_text = title
        self.entries = entries

    def dialog_title(self) -> Text:
        return self.title_text

    def compose_body(self) -> ComposeResult:
        options = [Option(entry_prompt(e), id=str(n)) for n, e in enumerate(self.entries)]
        yield OptionList(*options, id="cell-commitments")

    def on_mount(self) -> None:
        found = self.query_one("#cell-commitments", OptionList)
        found.highlighted = 0
        found.focus()

    @on(OptionList.OptionSelected, "#cell-commitments")
    def choose(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.entries[event.option_index].commitment_id)

"""Pick a status for a commitment, optionally with a source and an evidence note."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store import Status
from tui import labels
from tui.keymap import STATUS, bindings
from tui.screens.dialog import Dialog


@dataclass(frozen=True)
class StatusChoice:
    status: Status
    source: str | None
    evidence: str | None


class StatusScreen(Dialog[StatusChoice | None]):
    """Arrows pick a status; Enter saves (Tab first to add a source or evidence)."""

    DEFAULT_CSS = """
    StatusScreen > .frame {
        width: 80;
    }
    StatusScreen OptionList {
        height: auto;
        max-height: 8;
        margin: 0 0 1 0;
    }
    StatusScreen .hint {
        margin: 1 0 0 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(STATUS)

    def __init__(
        self,
        commitment_text: str,
        current: Status,
        source: str = "",
        evidence: str = "",
        chosen: Status | None = None,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        self.commitment_text = commitment_text
        self.current = current
        self.initial_source = source
        self.initial_evidence = evidence
        self.chosen = chosen or current
        self.notice = notice

    def dialog_title(self) -> Text:
        return self.title_about("Status of: ", self.commitment_text, 140)

    def compose_body(self) -> ComposeResult:
        yield from self.compose_notice()
        options = []
        for status in Status:
            prompt = labels.badge(status, long=True)
            if status is self.current:
                prompt.append("  (current)", style="dim italic")
            options.append(Option(prompt, id=status.value))
        yield OptionList(*options, id="statuses")
        yield Label("Source — a URL or a citation (optional)")
        yield Input(self.initial_source, placeholder="https://…", id="source")
        yield Label("Evidence — a short note (optional)")
        yield Input(self.initial_evidence, placeholder="what shows it", id="evidence")
        yield Static(
            "Enter saves · Tab moves to source and evidence · Escape cancels",
            classes="hint",
        )

    def on_mount(self) -> None:
        statuses = self.query_one("#statuses", OptionList)
        statuses.highlighted = list(Status).index(self.chosen)
        statuses.focus()

    def _choice(self) -> StatusChoice | None:
        statuses = self.query_one("#statuses", OptionList)
        if statuses.highlighted is None:
            return None
        status = list(Status)[statuses.highlighted]
        return StatusChoice(
            status,
            self.query_one("#source", Input).value.strip() or None,
            self.query_one("#evidence", Input).value.strip() or None,
        )

    @on(OptionList.OptionSelected, "#statuses")
    @on(Input.Submitted)
    def action_save(self) -> None:
        choice = self._choice()
        if choice is not None:
            self.dismiss(choice)

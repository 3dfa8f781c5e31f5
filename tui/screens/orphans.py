"""Orphaned annotations (their commitment vanished in a re-import) and where they may belong."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store import Orphan
from tui import labels
from tui.render import literal
from tui.screens.dialog import Dialog
from tui.widgets.footer import KeysFooter


@dataclass(frozen=True)
class ReattachChoice:
    orphan: Orphan
    commitment_id: str


def describe_orphan(orphan: Orphan) -> Text:
    kinds = {"status": "status", "tags": "tags", "note": "note"}
    out = Text(f"{kinds.get(orphan.kind, orphan.kind):<6} ", style="bold")
    payload = orphan.payload
    if orphan.kind == "note":
        out.append(literal(labels.clip(str(payload.get("text", "")), 50)))
    elif orphan.kind == "tags":
        out.append_text(labels.tags_text(str(t) for t in payload.get("tags", [])))
    else:
        out.append(literal(str(payload.get("status", ""))))
    out.append("\n   was on: ", style="dim")
    out.append_text(literal(labels.clip(orphan.old_text, 70), style="dim"))
    return out


class OrphansScreen(Dialog[ReattachChoice | None]):
    """Up/Down picks an orphan; Tab goes to its suggestions; Enter or r re-attaches."""

    DEFAULT_CSS = """
    OrphansScreen {
        align: center middle;
    }
    OrphansScreen > Vertical {
        width: 90%;
        max-width: 120;
        height: 85%;
        border: thick $warning;
        background: $panel;
        padding: 0 1;
    }
    OrphansScreen .title {
        text-style: bold;
        margin: 1 0 0 0;
    }
    OrphansScreen .hint {
        color: $text-muted;
        margin: 0 0 1 0;
    }
    OrphansScreen #orphans {
        height: 1fr;
    }
    OrphansScreen #suggestions {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close"),
        Binding("r", "reattach", "Re-attach"),
    ]

    def __init__(self, orphans: list[Orphan], texts: dict[str, str]) -> None:
        super().__init__()
        self.orphans = orphans
        self.texts = texts

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Orphaned annotations ({len(self.orphans)})", classes="title")
            yield Static(
                "Their commitment is gone after a re-import. Pick one, Tab to a suggested "
                "commitment, Enter or r re-attaches it.",
                classes="hint",
            )
            if not self.orphans:
                yield Static("Nothing is orphaned: every annotation is on its commitment.")
            yield OptionList(
                *[Option(describe_orphan(o), id=o.id) for o in self.orphans], id="orphans"
            )
            yield Static("Suggested commitments (best first)", classes="title")
            yield OptionList(id="suggestions")
        yield KeysFooter()

    def on_mount(self) -> None:
        orphans = self.query_one("#orphans", OptionList)
        if self.orphans:
            orphans.highlighted = 0
            self.show_suggestions(0)
        orphans.focus()

    @property
    def current(self) -> Orphan | None:
        index = self.query_one("#orphans", OptionList).highlighted
        return self.orphans[index] if index is not None and self.orphans else None

    @on(OptionList.OptionHighlighted, "#orphans")
    def follow_orphan(self, event: OptionList.OptionHighlighted) -> None:
        self.show_suggestions(event.option_index)

    def show_suggestions(self, index: int) -> None:
        suggestions = self.query_one("#suggestions", OptionList)
        suggestions.clear_options()
        for commitment_id, score in self.orphans[index].suggestions:
            prompt = Text(f"{score:5.1f}  ", style="bold")
            prompt.append(literal(labels.clip(self.texts.get(commitment_id, commitment_id), 90)))
            suggestions.add_option(Option(prompt, id=commitment_id))
        if not self.orphans[index].suggestions:
            suggestions.add_option(
                Option(Text("no similar commitment found", "dim"), disabled=True)
            )
        suggestions.highlighted = 0 if self.orphans[index].suggestions else None

    @on(OptionList.OptionSelected, "#orphans")
    def go_to_suggestions(self) -> None:
        self.query_one("#suggestions", OptionList).focus()

    @on(OptionList.OptionSelected, "#suggestions")
    def action_reattach(self) -> None:
        orphan = self.current
        suggestions = self.query_one("#suggestions", OptionList)
        if orphan is None or suggestions.highlighted is None:
            return
        option = suggestions.get_option_at_index(suggestions.highlighted)
        if option.id is None or option.disabled:
            return
        self.dismiss(ReattachChoice(orphan, option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)

"""Every key of the app, section by section, as the key registry (tui.keymap) lists them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.keymap import HELP, bindings
from tui.screens.dialog import Dialog

Section = tuple[str, Iterable[BindingType]]


def _bindings(items: Iterable[BindingType]) -> list[Binding]:
    out: list[Binding] = []
    for item in items:
        if isinstance(item, Binding):
            out.append(item)
        elif isinstance(item, tuple) and len(item) >= 2:
            out.append(Binding(*item))
    return out


class HelpScreen(Dialog[None]):
    """A table of keys per place (Escape, q or ? closes)."""

    DEFAULT_CSS = """
    HelpScreen > .frame {
        width: 84;
        height: 90%;
    }
    HelpScreen #keys-box {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(HELP)

    def __init__(self, sections: list[Section]) -> None:
        super().__init__()
        self.sections = sections

    def dialog_title(self) -> str:
        return "Keys"

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="keys-box"):
            yield Static(self.table(), id="keys")

    def table(self) -> Text:
        out = Text()
        for title, items in self.sections:
            if out:
                out.append("\n")
            out.append(f"{title}\n", style="bold underline")
            seen: set[str] = set()
            for binding in _bindings(items):
                if not binding.description or binding.action in seen:
                    continue
                seen.add(binding.action)
                keys = binding.key_display or ", ".join(
                    self.app.get_key_display(Binding(key.strip(), ""))
                    for key in binding.key.split(",")
                )
                out.append(f"  {keys:<18}", style="bold cyan")
                out.append(f"{binding.tooltip or binding.description}\n")
        return out

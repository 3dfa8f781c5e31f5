"""Split a commitment in two (``f``, then *Split*): type the words where the second
part starts; the two parts are shown as they would be while you type.

The point is the one the store will use (:func:`store.corrections.split_point`): the
words must occur once in the text, not at its start (whitespace in them matches any
run of whitespace). Enter splits only at such a point; otherwise the preview says why.
"""

from __future__ import annotations

import re
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Input, Label, Static

from store.corrections import split_point
from tui import labels
from tui.keymap import SPLIT, bindings
from tui.render import literal
from tui.screens.correct import OneLineInput
from tui.screens.dialog import Dialog


def split_preview(text: str, at: str) -> tuple[Text, bool]:
    """What the preview shows for the split of ``text`` at ``at``, and whether it is a
    split the store takes."""
    if not at.strip():
        return Text("Type the first words of the second part.", style="dim"), False
    point = split_point(text, at)
    if point is None:
        pattern = re.compile(r"\s+".join(re.escape(word) for word in at.split()))
        count = len(pattern.findall(text))
        why = (
            "do not occur in the text"
            if count == 0
            else "occur more than once: type more of them"
            if count > 1
            else "are its start: nothing would be left before them"
        )
        return Text(f"These words {why}.", style="bold red"), False
    out = Text("1  ", style="bold")
    out.append_text(literal(labels.one_line(text[:point])))
    out.append("\n\n2  ", style="bold")
    out.append_text(literal(labels.one_line(text[point:]), style="bold"))
    return out, True


class SplitScreen(Dialog[str]):
    """The commitment's text, a field for where the second part starts, and the two
    parts as they would be; Enter splits (dismissed with the words typed)."""

    DEFAULT_CSS = """
    SplitScreen > .frame {
        width: 96;
    }
    SplitScreen #text, SplitScreen #preview {
        margin: 0 0 1 0;
        padding: 0 1;
        border-left: thick $primary;
    }
    SplitScreen Input {
        margin: 0 0 1 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(SPLIT)

    def __init__(
        self, text: str, at: str = "", *, error: str | None = None, notice: str | None = None
    ) -> None:
        super().__init__()
        self.text = text
        self.at = at
        self.error = error
        self.notice = notice

    def dialog_title(self) -> Text:
        return self.title_about("Split in two: ", self.text, 76)

    def compose_body(self) -> ComposeResult:
        yield from self.compose_notice()
        yield Static(literal(self.text), id="text")
        yield Label("The second part starts with (type its first words)")
        yield OneLineInput(self.at, placeholder="the first words of the second part", id="at")
        yield Label("The two parts")
        preview, _ok = split_preview(self.text, self.at)
        yield Static(preview, id="preview")
        yield Static(literal(self.error or ""), classes="error", id="error")
        yield Static("Enter splits · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#at", Input).focus()

    @on(Input.Changed, "#at")
    def typed(self, event: Input.Changed) -> None:
        preview, _ok = split_preview(self.text, event.value)
        self.query_one("#preview", Static).update(preview)

    @on(Input.Submitted, "#at")
    def save(self) -> None:
        at = self.query_one("#at", Input).value
        preview, ok = split_preview(self.text, at)
        if ok:
            self.dismiss(at)
        else:
            self.query_one("#preview", Static).update(preview)

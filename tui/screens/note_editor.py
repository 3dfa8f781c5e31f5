"""Write or edit a note (Markdown) in a modal editor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Button, Static, TextArea

from tui.keymap import NOTE_EDITOR, bindings
from tui.render import literal
from tui.screens.dialog import Dialog


@dataclass(frozen=True)
class NoteResult:
    """``text`` to save, or ``delete`` the note being edited; ``cancelled``: Escape
    (the app keeps ``text`` as a draft if it holds anything new)."""

    text: str = ""
    delete: bool = False
    cancelled: bool = False


class NoteEditorScreen(Dialog[NoteResult | None]):
    """Ctrl+S saves, Escape closes (the stored note stays as it was; the app keeps what
    was typed as a draft), Ctrl+D deletes."""

    DEFAULT_CSS = """
    NoteEditorScreen > .frame {
        width: 90%;
        max-width: 110;
        height: 80%;
    }
    NoteEditorScreen TextArea {
        height: 1fr;
    }
    NoteEditorScreen Horizontal {
        height: auto;
        align: right middle;
        margin: 1 0 0 0;
    }
    NoteEditorScreen Button {
        margin: 0 0 0 1;
    }
    NoteEditorScreen .error {
        margin: 0 0 1 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(NOTE_EDITOR)

    def __init__(
        self,
        target_text: str,
        text: str = "",
        *,
        editing: bool = False,
        error: str | None = None,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        self.target_text = target_text
        self.text = text
        self.editing = editing
        self.error = error
        self.notice = notice

    def dialog_title(self) -> Text:
        prefix = "Edit note on: " if self.editing else "New note on: "
        return self.title_about(prefix, self.target_text, 120)

    def compose_body(self) -> ComposeResult:
        if self.error:
            yield Static(
                literal(f"Not saved: {self.error}. Your text is below; try again."),
                classes="error",
                id="error",
            )
        yield from self.compose_notice()
        yield TextArea(self.text, soft_wrap=True, id="note-text")
        with Horizontal():
            if self.editing:
                yield Button("Delete (ctrl+d)", variant="error", id="delete")
            yield Button("Cancel (esc)", id="cancel")
            yield Button("Save (ctrl+s)", variant="primary", id="save")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete":
            return self.editing
        return True

    @property
    def typed(self) -> str:
        return self.query_one(TextArea).text

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if not self.typed.strip():
            self.notify("The note is empty: write something or press Escape.", markup=False)
            return
        self.dismiss(NoteResult(self.typed))

    def cancel_result(self) -> NoteResult:
        """Escape: closed, with what was typed (the app keeps it as a draft)."""
        return NoteResult(self.typed, cancelled=True)

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Button.Pressed, "#delete")
    def action_delete(self) -> None:
        if self.editing:
            self.dismiss(NoteResult(self.typed, delete=True))

"""Add and remove a target's tags, with completion from the tags already in use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from parsers.normalise import strip_controls as remove_controls
from store.model import tag_key
from tui.keymap import TAGS, bindings
from tui.render import strip_controls
from tui.screens.dialog import Dialog


@dataclass(frozen=True)
class TagEdit:
    add: tuple[str, ...]
    remove: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not self.add and not self.remove


def split_tags(text: str) -> list[str]:
    """``"finance, green  bonds"`` → ``["finance", "green bonds"]`` (commas separate tags)."""
    out: list[str] = []
    for part in remove_controls(text).split(","):  # typed text: nothing marked
        tag = " ".join(part.split())
        if tag and tag_key(tag) not in {tag_key(t) for t in out}:  # one tag in any case
            out.append(tag)
    return out


class TagsScreen(Dialog[TagEdit | None]):
    """Type a tag and press Enter to add it (→ completes a known tag; commas separate
    several); Space un-ticks a tag in the list to remove it; Enter on an empty field
    or Ctrl+S saves; Escape cancels."""

    DEFAULT_CSS = """
    TagsScreen > .frame {
        width: 72;
    }
    TagsScreen SelectionList {
        height: auto;
        max-height: 12;
        margin: 0 0 1 0;
    }
    TagsScreen .hint {
        margin: 1 0 0 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(TAGS)

    def __init__(
        self,
        target_text: str,
        current: list[str],
        known: list[str],
        pending: TagEdit | None = None,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        self.target_text = target_text
        self.current = list(current)
        self.known = list(known)
        self.pending = pending
        self.notice = notice

    def dialog_title(self) -> Text:
        return self.title_about("Tags of: ", self.target_text, 120)

    def compose_body(self) -> ComposeResult:
        yield from self.compose_notice()
        yield Label("New tag (Enter adds; → completes; commas separate tags)")
        yield Input(
            placeholder="tag",
            suggester=SuggestFromList(self.known, case_sensitive=False),
            id="new-tag",
        )
        yield Label("Tags (Space un-ticks a tag to remove it)")
        removed = set(self.pending.remove) if self.pending else set()
        selections = [
            Selection(Content(strip_controls(tag)), tag, tag not in removed) for tag in self.current
        ]
        if self.pending:
            selections += [
                Selection(Content(strip_controls(tag)), tag, True)
                for tag in self.pending.add
                if tag not in self.current
            ]
        yield SelectionList[str](*selections, id="tag-list")
        yield Static("Enter on an empty field or Ctrl+S saves · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#new-tag", Input).focus()

    @on(Input.Submitted, "#new-tag")
    def add_typed_tags(self, event: Input.Submitted) -> None:
        # the field as it is now, not as it was at this Enter: a second Enter typed before
        # the first was handled finds the field emptied by it, and saves
        tags = split_tags(event.input.value)
        if not tags:
            self.action_save()
            return
        selection = self.query_one("#tag-list", SelectionList)
        values = [str(o.value) for o in selection.options if isinstance(o, Selection)]
        present = {tag_key(value): value for value in values}
        for tag in tags:
            if tag_key(tag) in present:  # the tag it has, in any case: ticked again
                selection.select(present[tag_key(tag)])
            else:
                selection.add_option(Selection(Content(tag), tag, True))
        event.input.value = ""

    def edit(self) -> TagEdit:
        selection = self.query_one("#tag-list", SelectionList)
        ticked = [str(v) for v in selection.selected]
        typed = split_tags(self.query_one("#new-tag", Input).value)
        add = [t for t in [*ticked, *typed] if t not in self.current]
        remove = [t for t in self.current if t not in ticked]
        return TagEdit(tuple(dict.fromkeys(add)), tuple(remove))

    def action_save(self) -> None:
        self.dismiss(self.edit())

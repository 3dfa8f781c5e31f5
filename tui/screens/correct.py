"""Correcting the parse (``f``): the menu of what applies to the selection, and the
dialogs that ask for a name, a title, a date, a place or a text, the area to move a
commitment to, and the commitment to merge it with. (Splitting has its own dialog,
:mod:`tui.screens.split`.)

Each dialog shows what it corrects as the store holds it now, and dismisses with the
researcher's answer only; :mod:`tui.main.correcting` turns the answer into a change.
Everything from a document or typed by a user is shown literally.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui import labels
from tui.keymap import CORRECT, FIX_TEXT, MERGE, MOVE, bindings
from tui.render import literal
from tui.screens.dialog import Dialog


class OneLineInput(Input):
    """A field that takes a pasted passage whole: its lines joined by spaces (Textual's
    field keeps only a paste's first line; a passage copied from a release, a name or
    the start of a commitment's second part is one line of text here)."""

    def on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # not the field's own: it would keep the first line only
        event.stop()
        text = " ".join(event.text.split())
        if not text:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)


@dataclass(frozen=True)
class Fix:
    """One entry of the corrections menu: ``action`` names what it opens."""

    action: str
    label: str
    explanation: str = ""


class CorrectMenuScreen(Dialog[str]):
    """What can be corrected of the selection; Enter picks (dismissed with its action)."""

    DEFAULT_CSS = """
    CorrectMenuScreen > .frame {
        width: 76;
    }
    CorrectMenuScreen OptionList {
        height: auto;
        max-height: 12;
        margin: 0 0 1 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(CORRECT)

    def __init__(self, what: str, about: str, fixes: list[Fix]) -> None:
        super().__init__()
        self.what = what
        self.about = about
        self.fixes = fixes

    def dialog_title(self) -> Text:
        return self.title_about(f"Correct the {self.what}: ", self.about, 66 - len(self.what))

    def compose_body(self) -> ComposeResult:
        options = []
        for fix in self.fixes:
            prompt = Text(fix.label, style="bold")
            if fix.explanation:
                prompt.append(f"  {fix.explanation}", style="dim")
            options.append(Option(prompt, id=fix.action))
        yield OptionList(*options, id="fixes")
        yield Static(
            "Enter opens it · Escape cancels · Ctrl+Z (main view) undoes a correction",
            classes="hint",
        )

    def on_mount(self) -> None:
        fixes = self.query_one("#fixes", OptionList)
        fixes.highlighted = 0
        fixes.focus()

    @on(OptionList.OptionSelected, "#fixes")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(event.option.id)


class FixTextScreen(Dialog[str]):
    """One field: a name, a title, a date, a place, a text from the source. Enter saves
    (an empty field only where ``allow_empty`` says it means "none")."""

    DEFAULT_CSS = """
    FixTextScreen > .frame {
        width: 80;
    }
    FixTextScreen .was {
        margin: 0 0 1 0;
    }
    FixTextScreen Input {
        margin: 0 0 1 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(FIX_TEXT)

    def __init__(
        self,
        title: str,
        about: str,
        label: str,
        value: str,
        *,
        was: Text | None = None,
        placeholder: str = "",
        allow_empty: bool = False,
        error: str | None = None,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.about = about
        self.label = label
        self.value = value
        self.was = was
        self.placeholder = placeholder
        self.allow_empty = allow_empty
        self.error = error
        self.notice = notice

    def dialog_title(self) -> Text:
        return self.title_about(self.title_text, self.about, 72 - len(self.title_text))

    def compose_body(self) -> ComposeResult:
        yield from self.compose_notice()
        if self.was is not None:
            yield Static(self.was, classes="was", id="was")
        yield Label(self.label)
        yield OneLineInput(self.value, placeholder=self.placeholder, id="value")
        yield Static(literal(self.error or ""), classes="error", id="error")
        yield Static("Enter saves · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#value", Input).focus()

    @on(Input.Submitted, "#value")
    def save(self) -> None:
        value = self.query_one("#value", Input).value
        if not value.strip() and not self.allow_empty:
            self.query_one("#error", Static).update("Type something first (Escape cancels).")
            return
        self.dismiss(value)


@dataclass(frozen=True)
class AreaChoice:
    """Where a commitment goes: an area of its meeting (``area_id``) or a new one."""

    area_id: str | None
    new_area: str | None
    name: str


class MoveScreen(Dialog[AreaChoice]):
    """Pick another area of the meeting (Enter), or Tab and type a new area's name."""

    DEFAULT_CSS = """
    MoveScreen > .frame {
        width: 80;
    }
    MoveScreen OptionList {
        height: auto;
        max-height: 12;
        margin: 0 0 1 0;
    }
    MoveScreen Input {
        margin: 0 0 1 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(MOVE)

    def __init__(
        self,
        text: str,
        current: str,
        areas: list[tuple[str, str, int]],
        *,
        chosen: str | None = None,
        new_area: str = "",
        error: str | None = None,
        notice: str | None = None,
    ) -> None:
        """``areas``: (ID, name, number of commitments) of the meeting's other areas."""
        super().__init__()
        self.text = text
        self.current = current
        self.areas = areas
        self.chosen = chosen
        self.new_area = new_area
        self.error = error
        self.notice = notice

    def dialog_title(self) -> Text:
        return self.title_about("Move to another area: ", self.text, 52)

    def compose_body(self) -> ComposeResult:
        yield from self.compose_notice()
        now = Text("Now in: ", style="bold")
        now.append_text(literal(labels.one_line(self.current) or "(unnamed area)"))
        yield Static(now, id="now")
        yield Label("Move it to an area of this meeting")
        options = []
        for area_id, name, count in self.areas:
            prompt = literal(labels.one_line(name) or "(unnamed area)")
            prompt.append(f" ({count})", style="dim")
            options.append(Option(prompt, id=area_id))
        yield OptionList(*options, id="areas")
        yield Label("… or to a new area (type its name, Enter)")
        yield OneLineInput(self.new_area, placeholder="a new area's name", id="new-area")
        yield Static(literal(self.error or ""), classes="error", id="error")
        yield Static(
            "Enter moves it · Tab between the areas and the new name · Escape cancels",
            classes="hint",
        )

    def on_mount(self) -> None:
        areas = self.query_one("#areas", OptionList)
        ids = [area_id for area_id, _n, _c in self.areas]
        if self.new_area or not ids:
            areas.highlighted = 0 if ids else None
            self.query_one("#new-area", Input).focus()
            return
        areas.highlighted = ids.index(self.chosen) if self.chosen in ids else 0
        areas.focus()

    @on(OptionList.OptionSelected, "#areas")
    def area_chosen(self, event: OptionList.OptionSelected) -> None:
        names = {area_id: name for area_id, name, _c in self.areas}
        area_id = event.option.id
        if area_id is not None:
            self.dismiss(AreaChoice(area_id, None, names.get(area_id, "")))

    @on(Input.Submitted, "#new-area")
    def new_area_typed(self) -> None:
        name = self.query_one("#new-area", Input).value
        if not name.strip():
            self.query_one("#error", Static).update(
                "Type the new area's name, or Tab back and pick an area."
            )
            return
        self.dismiss(AreaChoice(None, name, name))


class MergeScreen(Dialog[str]):
    """Pick the commitment of the same area to merge with; the text merged is shown."""

    DEFAULT_CSS = """
    MergeScreen > .frame {
        width: 90;
    }
    MergeScreen OptionList {
        height: auto;
        max-height: 10;
        margin: 0 0 1 0;
    }
    MergeScreen #merged {
        margin: 0 0 1 0;
        padding: 0 1;
        border-left: thick $primary;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(MERGE)

    def __init__(
        self,
        commitment_id: str,
        commitments: list[tuple[str, str]],
        *,
        chosen: str | None = None,
        notice: str | None = None,
    ) -> None:
        """``commitments``: (ID, text) of every commitment of the area, in order, the
        one to merge (``commitment_id``) among them."""
        super().__init__()
        self.commitment_id = commitment_id
        self.commitments = commitments
        self.texts = dict(commitments)
        self.chosen = chosen
        self.notice = notice

    def dialog_title(self) -> Text:
        return self.title_about("Merge: ", self.texts.get(self.commitment_id, ""), 76)

    def compose_body(self) -> ComposeResult:
        yield from self.compose_notice()
        yield Label("Merge it with (the earlier one keeps its ID, notes and status)")
        options = []
        for commitment_id, text in self.commitments:
            if commitment_id != self.commitment_id:
                options.append(Option(literal(labels.clip(text, 80)), id=commitment_id))
        yield OptionList(*options, id="others")
        yield Label("Merged text")
        yield Static("", id="merged")
        yield Static("Enter merges · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        others = self.query_one("#others", OptionList)
        ids = [c for c, _t in self.commitments if c != self.commitment_id]
        if ids:
            others.highlighted = ids.index(self.chosen) if self.chosen in ids else 0
        others.focus()
        self._preview(others.highlighted)

    def ordered(self, other_id: str) -> tuple[str, str]:
        """The two commitments in the area's order: the first keeps its ID."""
        order = [c for c, _t in self.commitments]
        pair = (self.commitment_id, other_id)
        return pair if order.index(self.commitment_id) < order.index(other_id) else pair[::-1]

    @on(OptionList.OptionHighlighted, "#others")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._preview(event.option_index)

    def _preview(self, index: int | None) -> None:
        others = self.query_one("#others", OptionList)
        if index is None or index >= others.option_count:
            return
        other_id = others.get_option_at_index(index).id
        if other_id is None:
            return
        first, second = self.ordered(other_id)
        merged = literal(labels.one_line(self.texts[first]))
        merged.append(" ")
        merged.append_text(literal(labels.one_line(self.texts[second]), style="italic"))
        self.query_one("#merged", Static).update(merged)

    @on(OptionList.OptionSelected, "#others")
    def other_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(event.option.id)

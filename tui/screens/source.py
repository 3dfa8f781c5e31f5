"""The source view: the release a commitment came from, as stored, and what the parser
took from it.

The whole text the parser read (a saved page's readable text) is shown line by line
(:class:`tui.widgets.source_lines.SourceLines`), scrolled to the chosen commitment (an
area: its heading; a meeting: its first line), which is highlighted; the other
commitments, the headings (a lost one as a line of its own, "(inferred heading: …)"),
excluded commitments, context and the text the parser dropped each have their style
and their gutter symbol, named by the legend at the top.

↑/↓ (or n/p) move a cursor between paragraphs; ``a`` on a paragraph of context or
dropped text (or on text selected with the mouse) asks which area of the meeting it
belongs to (:class:`AreaPickerScreen`), and the screen is dismissed with
``(area_id, text)`` for the main view to add it as a commitment. Escape closes.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from parsers import Meeting
from parsers.blocks import BULLET
from parsers.normalise import collapse_ws
from parsers.source_map import SourceMap, excluded_of
from tui.keymap import PICK_AREA, SOURCE, bindings
from tui.labels import meeting_label
from tui.render import literal
from tui.screens.dialog import Dialog, DismissedOnce
from tui.widgets.footer import KeysFooter
from tui.widgets.source_lines import NAMES, SourceLines, legend

#: What a paragraph of each kind is called on the line under the text.
_ABOUT = {
    "commitment": "a commitment",
    "excluded": "an excluded commitment",
    "heading": "an area's heading",
    "context": "context the parser read (not a commitment)",
    "dropped": "dropped by the parser",
}
#: The kinds ``a`` adds as a commitment.
ADDABLE = ("context", "dropped")


def chosen_ids(meeting: Meeting, target_id: str) -> set[str]:
    """What is highlighted for ``target_id``: a commitment; an area, its heading and its
    commitments; nothing for a meeting (the view opens at its start)."""
    for area in meeting.areas:
        if area.id == target_id:
            return {area.id, *(c.id for c in (*area.commitments, *excluded_of(area)))}
    return set() if target_id == meeting.id else {target_id}


def area_marks(meeting: Meeting) -> dict[str, str]:
    """The line shown for each area without a heading in the text."""
    return {
        a.id: f"{'added area' if a.added else 'inferred heading'}: {a.name}" for a in meeting.areas
    }


class SourceScreen(DismissedOnce[tuple[str, str] | None]):
    """The release of one meeting, scrolled to ``target_id``."""

    DEFAULT_CSS = """
    SourceScreen #source-title { height: auto; padding: 0 1; text-style: bold; }
    SourceScreen #source-legend { height: auto; padding: 0 1; }
    SourceScreen #source-lines { height: 1fr; }
    SourceScreen #source-about { height: 1; padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(SOURCE)

    def __init__(self, meeting: Meeting, source: SourceMap, target_id: str) -> None:
        super().__init__()
        self.meeting = meeting
        self.source = source
        self.target_id = target_id

    @property
    def lines(self) -> SourceLines:
        return self.query_one("#source-lines", SourceLines)

    def compose(self) -> ComposeResult:
        title = Text("Source · ")
        title.append_text(meeting_label(self.meeting))
        title.append_text(literal(f" · {self.meeting.source}"))
        yield Static(title, id="source-title")
        yield Static(legend(), id="source-legend")
        yield SourceLines(
            self.source.text,
            self.source.segments,
            chosen_ids(self.meeting, self.target_id),
            area_marks(self.meeting),
            id="source-lines",
        )
        yield Static("", id="source-about", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        lines = self.lines
        span = self.source.span(self.target_id)
        lines.scroll_to_unit(lines.unit_at(span[0]) if span else 0)

    @on(SourceLines.Moved)
    def _say_what_it_is(self) -> None:
        unit = self.lines.current
        about = self.query_one("#source-about", Static)
        if unit is None:
            about.update("")
            return
        text = Text(_ABOUT.get(unit.kind, NAMES.get(unit.kind, unit.kind)))
        if unit.target_id in chosen_ids(self.meeting, self.target_id):
            text = Text("this ") + Text(text.plain.removeprefix("a ").removeprefix("an "))
        if unit.kind in ADDABLE:
            text.append(" · a: add it as a commitment", style="italic")
        about.update(text)

    # -- keys ---------------------------------------------------------------------
    def action_close(self) -> None:
        self.dismiss(None)

    def action_move(self, step: int) -> None:
        self.lines.move(step)

    def action_page(self, step: int) -> None:
        self.lines.page(step)

    def action_add(self) -> None:
        """Add the selected text, or the paragraph under the cursor, as a commitment of
        an area the researcher picks."""
        selected = self.get_selected_text()
        unit = self.lines.current
        if selected and selected.strip():
            text = selected
        elif unit is not None and unit.kind in ADDABLE:
            text = self.source.text[unit.start : unit.end]
        else:
            what = _ABOUT.get(unit.kind, "") if unit is not None else ""
            self.app.notify(
                f"This is {what}: put the cursor on context or dropped text (or select "
                "some with the mouse) to add it as a commitment.",
                severity="warning",
                markup=False,
            )
            return
        text = BULLET.sub("", collapse_ws(text), count=1)
        if not self.meeting.areas:
            return

        def picked(area_id: str | None) -> None:
            if area_id is not None:
                self.dismiss((area_id, text))

        self.app.push_screen(AreaPickerScreen(self.meeting, text), picked)


class AreaPickerScreen(Dialog[str]):
    """Which area of the meeting a text becomes a commitment of: Enter picks."""

    DEFAULT_CSS = """
    AreaPickerScreen > .frame { width: 70; }
    AreaPickerScreen OptionList { height: auto; max-height: 16; }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(PICK_AREA)

    def __init__(self, meeting: Meeting, text: str) -> None:
        super().__init__()
        self.meeting = meeting
        self.text = text

    def dialog_title(self) -> Text:
        return self.title_about("Add as a commitment: ", self.text, 50)

    def compose_body(self) -> ComposeResult:
        yield Static(Text("The area it belongs to:"), classes="hint")
        yield OptionList(
            *(Option(literal(a.name), id=a.id) for a in self.meeting.areas), id="areas"
        )

    def on_mount(self) -> None:
        areas = self.query_one("#areas", OptionList)
        areas.highlighted = 0
        areas.focus()

    @on(OptionList.OptionSelected, "#areas")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

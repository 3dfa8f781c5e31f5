"""Orphaned annotations (their commitment vanished in a re-import) and where they may belong."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store import Orphan, Store, StoreError
from tui import labels
from tui.keymap import ORPHANS, bindings
from tui.render import literal
from tui.screens.dialog import Dialog


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
    """Up/Down picks an orphan; Tab goes to its suggestions; Enter or r re-attaches.

    An orphan's suggestions are worked out when it is highlighted (in a worker), not
    for every orphan before the dialog opens: with 100,000 orphans that took minutes.
    The list holds ``PAGE`` orphans at a time (a list lays out every line it holds),
    with a line before and after them that shows the previous or next ones.
    """

    PAGE = 200

    DEFAULT_CSS = """
    OrphansScreen > .frame {
        width: 90%;
        max-width: 120;
        height: 85%;
        border: thick $warning;
    }
    OrphansScreen > .frame > .title {
        padding: 1 0 0 0;
    }
    OrphansScreen .heading {
        text-style: bold;
        margin: 1 0 0 0;
    }
    OrphansScreen .hint {
        margin: 0 0 1 0;
    }
    OrphansScreen #orphans {
        height: 1fr;
    }
    OrphansScreen #suggestions {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(ORPHANS)

    def __init__(self, orphans: list[Orphan], store: Store) -> None:
        super().__init__()
        self.orphans = orphans
        self.store = store
        self.texts: dict[str, str] = {}  # suggested commitment → its text
        self._suggested: set[int] = set()  # indexes of the orphans with suggestions
        self._asked: set[int] = set()  # … and of those being worked out
        self._pools: dict[Any, Any] = {}  # the candidates, normalised once (Store.suggest)
        self._start = 0  # the index of the first orphan in the list

    def dialog_title(self) -> str:
        return f"Orphaned annotations ({len(self.orphans)})"

    def compose_body(self) -> ComposeResult:
        yield Static(
            "Their commitment is gone after a re-import. Pick one, Tab to a suggested "
            "commitment, Enter or r re-attaches it.",
            classes="hint",
        )
        if not self.orphans:
            yield Static("Nothing is orphaned: every annotation is on its commitment.")
        yield OptionList(*self._page(), id="orphans")
        yield Static("Suggested commitments (best first)", classes="heading")
        yield OptionList(id="suggestions")

    def on_mount(self) -> None:
        orphans = self.query_one("#orphans", OptionList)
        if self.orphans:
            orphans.highlighted = 0
            self.show_suggestions(0)
        orphans.focus()

    def _page(self) -> list[Option]:
        """The options for the orphans from ``_start`` on, with the lines to move on."""
        start, end = self._start, min(self._start + self.PAGE, len(self.orphans))
        options = []
        if start:
            before = Text(f"↑ the {start:,} orphans before (Enter)", style="italic")
            options.append(Option(before, id="-previous"))
        options += [Option(describe_orphan(o), id=o.id) for o in self.orphans[start:end]]
        if end < len(self.orphans):
            more = len(self.orphans) - end
            after = Text(f"↓ {more:,} more orphans (Enter)", style="italic")
            options.append(Option(after, id="-next"))
        return options

    def _orphan_at(self, option_index: int | None) -> int | None:
        """The index in ``orphans`` of the orphan at an option of the list, if one is."""
        if option_index is None or not self.orphans:
            return None
        index = self._start + option_index - (1 if self._start else 0)
        in_page = self._start <= index < min(self._start + self.PAGE, len(self.orphans))
        return index if in_page else None

    def _turn_page(self, step: int) -> None:
        last = max(0, len(self.orphans) - 1)
        self._start = min(max(0, self._start + step * self.PAGE), last - last % self.PAGE)
        orphans = self.query_one("#orphans", OptionList)
        orphans.set_options(self._page())
        first = 1 if self._start else 0
        orphans.highlighted = first if step > 0 else first + self.PAGE - 1
        self.show_suggestions(self._start if step > 0 else self._start + self.PAGE - 1)

    @property
    def current(self) -> Orphan | None:
        index = self._orphan_at(self.query_one("#orphans", OptionList).highlighted)
        return self.orphans[index] if index is not None else None

    @on(OptionList.OptionHighlighted, "#orphans")
    def follow_orphan(self, event: OptionList.OptionHighlighted) -> None:
        index = self._orphan_at(event.option_index)
        if index is not None:
            self.show_suggestions(index)
        else:  # on the line before or after the orphans shown
            self.query_one("#suggestions", OptionList).clear_options()

    def show_suggestions(self, index: int) -> None:
        suggestions = self.query_one("#suggestions", OptionList)
        suggestions.clear_options()
        if index not in self._suggested:
            waiting = Text("finding similar commitments …", "dim italic")
            suggestions.add_option(Option(waiting, disabled=True))
            if index not in self._asked:
                self._asked.add(index)
                self.work_out_suggestions(index)
            return
        for commitment_id, score in self.orphans[index].suggestions:
            prompt = Text(f"{score:5.1f}  ", style="bold")
            prompt.append(literal(labels.clip(self.texts.get(commitment_id, commitment_id), 90)))
            suggestions.add_option(Option(prompt, id=commitment_id))
        if not self.orphans[index].suggestions:
            suggestions.add_option(
                Option(Text("no similar commitment found", "dim"), disabled=True)
            )
        suggestions.highlighted = 0 if self.orphans[index].suggestions else None

    @work(thread=True, group="suggestions")
    def work_out_suggestions(self, index: int) -> None:
        """The highlighted orphan's suggestions and their texts, then shown if it is
        still the one highlighted."""
        orphan = self.orphans[index]
        try:
            self.store.suggest([orphan], self._pools)
            for commitment_id, _score in orphan.suggestions:
                if commitment_id not in self.texts:
                    _m, _a, commitment = self.store.locate(commitment_id)
                    if commitment is not None:
                        self.texts[commitment_id] = commitment.text
        except StoreError as exc:
            self._asked.discard(index)  # tried again when highlighted again
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._suggestions_ready, index)

    def _suggestions_ready(self, index: int) -> None:
        self._suggested.add(index)
        if not self.is_attached:
            return
        if self._orphan_at(self.query_one("#orphans", OptionList).highlighted) == index:
            self.show_suggestions(index)

    @on(OptionList.OptionSelected, "#orphans")
    def go_to_suggestions(self, event: OptionList.OptionSelected) -> None:
        if event.option.id in ("-previous", "-next"):
            self._turn_page(-1 if event.option.id == "-previous" else 1)
            return
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

"""Search as you type over commitments, area names, tags and notes."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from search import SearchIndex, SearchResult, filter_error, parse_query, snippet
from tui import labels
from tui.keymap import SEARCH, bindings
from tui.render import literal
from tui.screens.dialog import Dialog

KIND_MARK = {
    "commitment": "",
    "area": "area",
    "tag": "tag",
    "note": "note",
    "source": "status source",
    "evidence": "status evidence",
}
RESULT_LIMIT = 50


def highlighted(text: str, spans: tuple[tuple[int, int], ...], width: int) -> Text:
    """A result's text, cut around its first match, matched words highlighted, literally."""
    shown, kept = snippet(text, spans, width)
    # literal deletes and replaces characters, so clean the text piece by piece to keep spans right
    out = Text()
    position = 0
    for start, end in kept:
        out.append_text(literal(shown[position:start]))
        out.append_text(literal(shown[start:end], style="bold reverse"))
        position = end
    out.append_text(literal(shown[position:]))
    return out


def result_prompt(result: SearchResult, width: int = 110) -> Text:
    prompt = Text()
    mark = KIND_MARK.get(result.kind, result.kind)
    if mark:
        prompt.append(f"{mark}: ", style="bold magenta")
    prompt.append_text(highlighted(result.text, result.spans, width))
    prompt.append("\n")
    if result.language:  # found in its text in another language version (as the CLI says)
        tag = f"({result.language}) "
        prompt.append(tag, style="dim italic")
        width = max(width - len(tag), 10)
    prompt.append_text(literal(labels.clip(result.context, width), style="dim"))
    return prompt


class SearchScreen(Dialog[SearchResult | None]):
    """Type to search; Down moves into the results; Enter goes to the highlighted one."""

    DEFAULT_CSS = """
    SearchScreen {
        align: center top;
    }
    SearchScreen > .frame {
        width: 95%;
        max-width: 130;
        height: 90%;
        margin: 1 0 0 0;
    }
    SearchScreen #query {
        margin: 1 0 0 0;
    }
    SearchScreen #summary {
        color: $text-muted;
        height: 1;
        margin: 0 0 0 1;
    }
    SearchScreen #results {
        height: 1fr;
    }
    SearchScreen .hint {
        height: auto;
    }
    """

    #: The results take the room left, and ↓ goes to them (not a scroll of the box).
    SCROLLS = False

    BINDINGS: ClassVar[list[BindingType]] = bindings(SEARCH)

    def __init__(self, index: SearchIndex | None, query: str = "") -> None:
        super().__init__()
        self.index = index
        self.initial = query
        self.results: list[SearchResult] = []

    def compose_body(self) -> ComposeResult:
        yield Input(
            self.initial,
            placeholder="Search commitments, areas, tags and notes…",
            id="query",
        )
        yield Static("", id="summary", markup=False)
        yield OptionList(id="results")
        yield Static(
            "Filters: status:stalled · tag:finance · meeting:2025 · kind:note — "
            "Enter goes to the highlighted result · Escape closes",
            classes="hint",
            markup=False,
        )

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()
        self.run_search(self.initial)

    def set_index(self, index: SearchIndex) -> None:
        """The index finished building (or was rebuilt) while the screen is open."""
        self.index = index
        self.run_search(self.query_one("#query", Input).value)

    @on(Input.Changed, "#query")
    def search_as_typed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    def run_search(self, text: str) -> None:
        summary = self.query_one("#summary", Static)
        results_list = self.query_one("#results", OptionList)
        if self.index is None:
            self.results = []
            results_list.clear_options()
            summary.update("Building the search index…")
            return
        self.results = self.index.search(text, limit=RESULT_LIMIT)
        results_list.clear_options()
        results_list.add_options(
            Option(result_prompt(r), id=f"{i}") for i, r in enumerate(self.results)
        )
        if self.results:
            results_list.highlighted = 0
        summary.update(self.describe(text))

    def describe(self, text: str) -> str:
        statuses = self.index.statuses if self.index else ()
        query = parse_query(text, statuses)
        if query.is_empty:
            return "Type to search."
        problem = filter_error(query, statuses) if statuses else None
        if problem:
            return problem
        filters = [f"status {s}" for s in query.statuses]
        filters += [f"tag {t}" for t in query.tags]
        filters += [f"meeting {m}" for m in query.meetings]
        filters += [f"kind {k}" for k in query.kinds]
        count = len(self.results)
        found = "no results" if not count else f"{count}{'+' if count >= RESULT_LIMIT else ''}"
        if count:
            found += " result" + ("s" if count != 1 else "")
        return found + (" · " + ", ".join(filters) if filters else "")

    def action_to_results(self) -> None:
        results = self.query_one("#results", OptionList)
        if self.focused is not results and self.results:
            results.focus()
            results.highlighted = min(1, len(self.results) - 1)
        else:
            results.action_cursor_down()

    @on(OptionList.OptionSelected, "#results")
    def choose_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.results[event.option_index])

    @on(Input.Submitted, "#query")
    def action_choose(self) -> None:
        results = self.query_one("#results", OptionList)
        if self.results and results.highlighted is not None:
            self.dismiss(self.results[results.highlighted])

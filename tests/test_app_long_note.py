"""A note of megabytes: its card renders the start and says how to read it all, the
app keeps answering keys, and v shows the whole note a screen at a time."""

from __future__ import annotations

from pathlib import Path

from test_app_support import SIZE, app_for, detail_text, new_store, screen_text, settle
from textual.widgets import Markdown, Static

from store import Store
from tui.screens.note_view import NoteViewScreen
from tui.widgets.long_text import LongText
from tui.widgets.note_card import PREVIEW_CHARS, PREVIEW_LINES, NoteCard, preview

LINES = 60_000  # about 4 MB


def huge_note() -> str:
    return "\n".join(
        f"Line {n}: **checked** the report, see [the source](https://example.org/{n})."
        for n in range(LINES)
    )


async def test_a_huge_note_is_previewed_and_read_whole_on_demand(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    store = Store.open(path)
    first = store.meetings()[0].areas[0].commitments
    store.add_note(first[0].id, huge_note())
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down")
        await settle(pilot)
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id == first[0].id
        )
        card = app.main.detail.query_one(NoteCard)
        source = card.query_one(Markdown).source
        assert len(source) <= PREVIEW_CHARS and source.count("\n") < PREVIEW_LINES
        pane = detail_text(app)
        assert "Line 0: checked the report" in pane
        assert "long: its start is shown, v reads it whole" in pane
        more = str(card.query_one(".note-more", Static).render())
        assert f"on {LINES - PREVIEW_LINES:,} more lines — press v to read" in more
        await pilot.press("down")  # the tree still moves, to the next commitment
        await settle(pilot)
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id == first[1].id
        )
        await pilot.press("up", "v")
        await settle(pilot)
        assert isinstance(app.screen, NoteViewScreen)
        view = app.screen.query_one(LongText)
        assert view.virtual_size.height >= LINES  # a row (or more) for each line
        assert "Line 0: **checked** the report, see [the source](https://example.org/0)" in (
            screen_text(app)
        )
        await pilot.press("end")
        await settle(pilot)
        assert f"Line {LINES - 1}: **checked**" in screen_text(app)
        await pilot.press("q")
        await settle(pilot)
        assert len(app.screen_stack) == 1


def test_preview_keeps_whole_lines_and_counts_the_rest() -> None:
    assert preview("short\nnote") == ("short\nnote", 0, 0)
    text = "\n".join(f"line {n}" for n in range(100))
    shown, characters, lines = preview(text)
    assert shown.split("\n") == [f"line {n}" for n in range(PREVIEW_LINES)]
    assert lines == 100 - PREVIEW_LINES and characters == len(text) - len(shown)
    one_line = "x" * (PREVIEW_CHARS * 3)
    shown, characters, lines = preview(one_line)
    assert shown == "x" * PREVIEW_CHARS and characters == PREVIEW_CHARS * 2 and lines == 1
    long_lines = "\n".join("y" * 1000 for _ in range(20))
    shown, _characters, _lines = preview(long_lines)
    assert len(shown) <= PREVIEW_CHARS and set(shown.split("\n")) == {"y" * 1000}

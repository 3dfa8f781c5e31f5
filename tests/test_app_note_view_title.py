"""The whole-note view's title counts the note's lines in good English."""

from __future__ import annotations

from pathlib import Path

from test_app_support import SIZE, app_for, new_store, screen_text, settle

from store import Store
from tui.screens.note_view import NoteViewScreen


async def test_a_one_line_note_is_one_line(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    store = Store.open(path)
    first = store.meetings()[0].areas[0].commitments[0]
    store.add_note(first.id, "just this")
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down", "v")
        await settle(pilot)
        assert isinstance(app.screen, NoteViewScreen)
        text = screen_text(app)
        assert "Note 1 · 1 line · created" in text, text

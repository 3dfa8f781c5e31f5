"""A store that fails while the app runs: the app ends with the error on the main view,
and only shows it while a dialog is open over it (what is typed there stays)."""

from __future__ import annotations

from pathlib import Path

from test_app_support import SIZE, app_for, flat, new_store, screen_text, settle

from tui.messages import StoreFailed
from tui.screens.search import SearchScreen


async def test_a_store_failure_on_the_main_view_ends_the_app_with_it(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.post_message(StoreFailed("store.json: gone"))
        await pilot.pause()
    assert app.store_error == "store.json: gone"
    assert app.return_code == 2


async def test_a_store_failure_under_a_dialog_is_shown_and_the_dialog_stays(
    tmp_path: Path,
) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash", "f", "i")
        await settle(pilot)
        app.post_message(StoreFailed("store.json: gone"))
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.store_error is None and app.is_running
        assert app.screen.query("Toast")  # the error is shown
        assert "store.json: gone" in flat(screen_text(app))

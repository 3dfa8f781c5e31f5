"""``q`` closes the screen or dialog on top; it quits the app only from the main view."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_support import SIZE, app_for, new_store, settle

from tui.screens.confirm import ConfirmScreen
from tui.screens.diff import DiffScreen
from tui.screens.help import HelpScreen
from tui.screens.orphans import OrphansScreen
from tui.screens.search import SearchScreen
from tui.screens.status import StatusScreen


@pytest.mark.parametrize(
    ("keys", "screen"),
    [
        (("d",), DiffScreen),
        (("question_mark",), HelpScreen),
        (("o",), OrphansScreen),
        (("slash", *"finance", "down"), SearchScreen),  # on the results, not the field
        (("s",), StatusScreen),
        (("n", *"a note", "ctrl+s", "delete"), ConfirmScreen),
    ],
)
async def test_q_closes_the_screen_on_top_and_the_app_stays(
    tmp_path: Path, keys: tuple[str, ...], screen: type
) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down")
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        assert isinstance(app.screen, screen)
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert len(app.screen_stack) == 1  # back on the main view
        await pilot.press("q")  # there, q quits
        await settle(pilot)
        assert not app.is_running


async def test_q_is_typed_into_a_field(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"quota")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("Input").value == "quota"  # type: ignore[attr-defined]

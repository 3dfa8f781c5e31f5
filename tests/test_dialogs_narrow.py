"""At 80×24 the dialogs fit the screen: the export dialog's "Only this meeting" box (the
meeting's title cut with an ellipsis, not at the dialog's edge) and the help."""

from __future__ import annotations

from pathlib import Path

from test_app_support import app_for, new_store, settle
from textual.widgets import Checkbox

from tui.screens.export import ExportScreen
from tui.screens.help import HelpScreen


async def test_this_meeting_box_fits_at_80_columns(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "x")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        box = app.screen.query_one("#this-meeting", Checkbox)
        inside = box.parent.content_region  # type: ignore[union-attr]
        assert box.region.right <= inside.right, (box.region, inside)
        assert str(box.label).endswith("…")


async def test_the_help_fits_at_80_columns(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        wide = [w for w in app.screen.query("*") if w.region.width and w.region.right > 80]
        assert wide == []  # its right border and the ends of its lines were cut off

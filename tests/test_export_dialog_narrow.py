"""At 80×24 the export dialog's "Only this meeting" box fits inside the dialog: the
meeting's title is cut with an ellipsis, not at the dialog's edge."""

from __future__ import annotations

from pathlib import Path

from test_app_support import app_for, new_store, settle
from textual.widgets import Checkbox

from tui.screens.export import ExportScreen


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

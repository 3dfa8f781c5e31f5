"""Defects found by a new user's acceptance test, each pinned by what the user sees."""

from __future__ import annotations

from pathlib import Path

from test_app_support import SIZE, app_for, detail_text, new_store, screen_text, settle
from textual import events

from store import Store


def tree_text(app) -> str:
    """The tree's columns of the screen."""
    region = app.tree.region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return "\n".join(line[region.x : region.right] for line in lines)


async def test_a_reload_keeps_expanded_meetings_and_areas_expanded(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        meetings = Store.open(path).meetings()
        finance, trade = meetings[0].areas[0], meetings[0].areas[2]
        # open Finance and Trade and Investment of the first meeting, and the second meeting
        await pilot.press("down", "right", "down", "down", "down", "down", "right")
        await settle(pilot)
        second = app.tree.node_for(meetings[1].id)
        assert second is not None
        second.expand()
        await settle(pilot)
        app.jump_to(trade.commitments[0].id)
        await settle(pilot)
        before = tree_text(app)
        assert "▼ Finance" in before and "▼ Trade and Investment" in before
        # another process tags a commitment of Finance, e.g. `coop-tui tag ID x`
        Store.open(path).add_tags(finance.commitments[1].id, ["from-cli"])
        await pilot.press("ctrl+r")
        await settle(pilot)
        after = tree_text(app)
        assert "The store changed on disk" in screen_text(app)
        assert "▼ Finance" in after and "▼ Trade and Investment" in after
        assert "▼ 2025-04-24" in after
        for area in (finance, trade):
            for commitment in area.commitments:
                assert app.tree.node_for(commitment.id) is not None
        tagged = next(line for line in after.splitlines() if "Promote Hong Kong's green" in line)
        assert "#1" in tagged
        assert app.tree.current is not None and app.tree.current.id == trade.commitments[0].id


async def test_tags_on_a_meeting_and_an_area_are_shown(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    meeting = Store.open(path).meetings()[0]
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert app.tree.current is not None and app.tree.current.id == meeting.id
        await pilot.press("t", *"summit", "enter", "enter")  # tag the meeting
        await settle(pilot)
        await pilot.press("down", "t", *"money, banks", "enter", "enter")  # and its first area
        await settle(pilot)
        assert Store.open(path).annotation(meeting.id).tags == ["summit"]
        assert Store.open(path).annotation(meeting.areas[0].id).tags == ["money", "banks"]
        assert "Tags #money #banks" in detail_text(app)
        tree = tree_text(app)
        assert "Finance (3) inferred  #2" in tree
        meeting_node = app.tree.node_for(meeting.id)
        assert meeting_node is not None and str(meeting_node.label).endswith("Hong Kong  #1")
        await pilot.press("up")
        await settle(pilot)
        assert "Tags #summit" in detail_text(app)


async def test_down_right_after_expand_lands_on_the_first_child(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    area = Store.open(path).meetings()[0].areas[0]
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down")
        assert app.tree.current is not None and app.tree.current.id == area.id
        # → and ↓ typed quickly: both keys are queued before either is handled
        for key in ("right", "down"):
            app._driver.send_message(events.Key(key, None))
        await settle(pilot)
        assert app.tree.current is not None and app.tree.current.id == area.commitments[0].id
        assert f"Commitment {area.commitments[0].id}" in screen_text(app)

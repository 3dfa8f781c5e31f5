"""The tree loads children lazily and in chunks; the app sees changes made by other processes."""

from __future__ import annotations

from pathlib import Path

from test_app_literal import TreeHarness
from test_app_support import SIZE, app_for, new_store, screen_text, settle

from parsers import Area, Commitment, Meeting
from store import Status, Store
from tui.widgets.agreement_tree import CHUNK, AgreementTree


def big_meetings(meetings: int = 300, commitments: int = 2 * CHUNK + 50) -> list[Meeting]:
    out = []
    for m in range(meetings):
        area = Area(
            f"a{m}",
            f"Area {m}",
            False,
            [
                Commitment(f"c{m}-{i}", f"Commitment number {i} of meeting {m}")
                for i in range(commitments if m == 0 else 3)
            ],
        )
        out.append(
            Meeting(
                f"m{m}",
                f"Meeting {m}",
                f"2024-01-{m % 28 + 1:02d}",
                "P",
                ["A", "B"],
                "s",
                1,
                [area],
            )
        )
    return out


async def test_children_are_added_on_expand_and_in_chunks() -> None:
    meetings = big_meetings()
    app = TreeHarness(meetings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.query_one(AgreementTree)
        # only the first chunk of meetings is in the tree; nothing below them yet
        assert len(tree.root.children) == CHUNK + 1
        assert str(tree.root.children[-1].label) == f"… {300 - CHUNK} more (Enter to show)"
        assert tree.node_for("a0") is None
        await pilot.press("enter", "down", "enter")  # expand meeting 0, then its area
        await pilot.pause()
        area = tree.node_for("a0")
        assert area is not None and len(area.children) == CHUNK + 1
        assert tree.node_for(f"c0-{CHUNK}") is None
        # reveal a commitment far down: the chunks up to it are loaded, the cursor is on it
        target = meetings[0].areas[0].commitments[CHUNK + 20]
        tree.reveal(meetings[0], meetings[0].areas[0], target)
        await pilot.pause()
        assert tree.current is not None and tree.current.id == target.id
        assert len(area.children) == 2 * CHUNK + 1
        # Enter on the "more" node shows the rest
        more = area.children[-1]
        assert "50 more" in str(more.label)
        tree.move_to(more)
        await pilot.press("enter")
        await pilot.pause()
        assert len(area.children) == 2 * CHUNK + 50
        assert tree.current is not None and tree.current.id == f"c0-{2 * CHUNK}"


async def test_changes_from_another_process_appear_on_refresh(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down")
        await settle(pilot)
        current = app.main.agreement_tree.current
        assert current is not None
        other = Store.open(path)  # e.g. `coop-tui status ID implemented` in another terminal
        other.set_status(current.id, Status.IMPLEMENTED, evidence="from the command line")
        other.add_tags(current.id, ["cli-tag"])
        await pilot.press("ctrl+r")
        await settle(pilot)
        text = screen_text(app)
        assert "The store changed on disk" in text
        assert "evidence: from the command line" in text
        assert "#cli-tag" in text
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id == current.id
        )
        await pilot.press("slash", *"cli-tag")
        assert [r.kind for r in app.screen.results] == ["tag"]

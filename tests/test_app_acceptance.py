"""Defects found by a new user's acceptance test, each pinned by what the user sees."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from test_app_support import SIZE, app_for, detail_text, flat, new_store, screen_text, settle
from textual import events
from textual.widgets import Static

from compare import KINDS
from store import Status, Store
from tests.store_support import write_release
from tui.screens import diff as diff_screen
from tui.screens.diff import DiffScreen


def region_text(app, region) -> str:
    """What the screen shows in a region."""
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return "\n".join(line[region.x : region.right] for line in lines)


def tree_text(app) -> str:
    return region_text(app, app.main.agreement_tree.region)


def toasts(app) -> list[str]:
    """The notifications on the screen, each flattened to one line."""
    return [flat(region_text(app, toast.region)) for toast in app.screen.query("Toast")]


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
        second = app.main.agreement_tree.node_for(meetings[1].id)
        assert second is not None
        second.expand()
        await settle(pilot)
        app.main.jump_to(trade.commitments[0].id)
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
                assert app.main.agreement_tree.node_for(commitment.id) is not None
        tagged = next(line for line in after.splitlines() if "Promote Hong Kong's green" in line)
        assert "#1" in tagged
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id == trade.commitments[0].id
        )


async def test_tags_on_a_meeting_and_an_area_are_shown(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    meeting = Store.open(path).meetings()[0]
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id == meeting.id
        )
        await pilot.press("t", *"summit", "enter", "enter")  # tag the meeting
        await settle(pilot)
        await pilot.press("down", "t", *"money, banks", "enter", "enter")  # and its first area
        await settle(pilot)
        assert Store.open(path).annotation(meeting.id).tags == ["summit"]
        assert Store.open(path).annotation(meeting.areas[0].id).tags == ["money", "banks"]
        assert "Tags #money #banks" in detail_text(app)
        tree = tree_text(app)
        assert "Finance (3) inferred  #2" in tree
        meeting_node = app.main.agreement_tree.node_for(meeting.id)
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
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id == area.id
        )
        # → and ↓ typed quickly: both keys are queued before either is handled
        for key in ("right", "down"):
            app.post_message(events.Key(key, None))
        await settle(pilot)
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id == area.commitments[0].id
        )
        assert f"Commitment {area.commitments[0].id}" in screen_text(app)


async def test_d_on_a_meeting_without_a_partner_says_so_and_opens_no_diff(
    tmp_path: Path,
) -> None:
    path = new_store(tmp_path)
    Store.open(path).import_paths([write_release(tmp_path)])  # Hong Kong & Testland, alone
    meetings = Store.open(path).meetings()
    lonely = next(m for m in meetings if "Testland" in " ".join(m.parties))
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.main.jump_to(lonely.id)
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert not isinstance(app.screen, DiffScreen)  # no other partnership's diff
        shown = " ".join(toasts(app))
        assert "Nothing to compare" in shown
        assert f"is the only meeting between {' & '.join(lonely.parties)}" in shown
        assert "no other meeting of theirs to compare it with" in shown


async def test_d_says_what_it_compares_while_comparing(tmp_path: Path, monkeypatch) -> None:
    path = new_store(tmp_path)
    meetings = Store.open(path).meetings()
    later = max(meetings, key=lambda m: m.date or "")
    started, release = threading.Event(), threading.Event()

    def diff_meetings(a, b):  # held until the test has looked at the screen
        started.set()
        release.wait(timeout=30)
        return real_diff(a, b)

    real_diff = diff_screen.diff_meetings
    monkeypatch.setattr(diff_screen, "diff_meetings", diff_meetings)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.main.jump_to(later.id)
        await settle(pilot)
        await pilot.press("d")
        while not started.is_set():
            await pilot.pause(0.02)
        await pilot.pause()
        seen_while_comparing = flat(screen_text(app))  # what the user sees meanwhile
        release.set()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        assert screen.b_id == later.id
        # the screen said what it was doing while the diff was made, then showed it
        assert "Comparing 2023-06-26" in seen_while_comparing
        assert "with 2025-04-24" in seen_while_comparing
        text = screen_text(app)
        assert "Comparing" not in text and "reworded" in text
        assert "different parties" not in text


async def test_help_lists_each_year_diff_key_once(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        keys = str(app.screen.query_one("#keys", Static).content)
        start = keys.index("Year diff (d)")
        end = re.compile(r"^\S.*\(\S+\)$", re.M).search(keys, start + 1)  # the next section
        diff = keys[start : end.start() if end else len(keys)]
        rows = [line for line in diff.splitlines()[1:] if line.strip()]
        shown = [row[:20].strip() for row in rows]  # "  key               description"
        descriptions = [row[20:].strip() for row in rows]
        assert len(shown) == len(set(shown)), shown
        assert descriptions.count("Old side") == 1 and descriptions.count("New side") == 1
        assert "Old or new side for Enter" not in descriptions
        assert [d for d in descriptions if d.startswith("Only ")] == [
            f"Only {kind.value}" for kind in KINDS
        ]
        assert "All classes" in descriptions
        assert "Go to the commitment in the tree" in descriptions


async def test_the_footer_keeps_help_and_quit_with_a_note_selected(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    store = Store.open(path)
    commitment = store.meetings()[0].areas[0].commitments[0]
    store.add_note(commitment.id, "first note")
    store.add_note(commitment.id, "second note")
    app = app_for(path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.main.jump_to(commitment.id)  # every key of the main view applies here
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        for key in ("/ Search", "s Status", "n New note", "e Edit", "del Delete", "d Diff"):
            assert key in footer, footer
        assert "? Help" in footer and "q Quit" in footer, footer
        assert "[ ] select a note" in detail_text(app)
        await pilot.press("question_mark")  # the help keeps the long words
        await settle(pilot)
        text = screen_text(app)
        for line in (
            "e                 Edit note",
            "del               Delete note",
            "[                 Prev note",
            "d                 Year diff",
        ):
            assert line in text, line


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (Status.IMPLEMENTED, "compliance +1.00"),
        (Status.PARTIAL, "compliance 0.00"),
        (Status.NOT_IMPLEMENTED, "compliance -1.00"),
    ],
)
async def test_compliance_zero_has_no_sign(tmp_path: Path, status: Status, shown: str) -> None:
    path = new_store(tmp_path)
    store = Store.open(path)
    commitment = store.meetings()[0].areas[0].commitments[0]
    store.set_status(commitment.id, status)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.main.jump_to(commitment.id)
        await settle(pilot)
        text = detail_text(app)
        assert shown in text
        assert "+0" not in text


@pytest.mark.parametrize("width", [120, 90])
async def test_long_area_names_are_clipped_with_an_ellipsis_and_keep_the_count(
    tmp_path: Path, width: int
) -> None:
    path = new_store(tmp_path)
    meeting = Store.open(path).meetings()[0]
    area = next(a for a in meeting.areas if a.name.startswith("Facilitation"))
    Store.open(path).add_tags(area.id, ["a", "b"])
    app = app_for(path)
    async with app.run_test(size=(width, 40), notifications=True) as pilot:
        await settle(pilot)
        line = next(x for x in tree_text(app).splitlines() if "Facilitation" in x)
        assert line.rstrip(" ▎").endswith(f"… ({len(area.commitments)})  #2"), line
        shown = line.split("▶ ", 1)[1].split("…")[0]
        assert area.name.startswith(shown)
        assert (
            app.main.agreement_tree.virtual_size.width
            <= app.main.agreement_tree.scrollable_content_region.width
        )

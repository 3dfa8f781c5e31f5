"""The diff screen (issue 5), driven with Pilot in a small app of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Select, Static

from compare import AreaMatch, Change, Kind
from store import Status, Store
from tests.store_support import write_release
from tui.screens.diff import DiffScreen
from tui.widgets.diff_view import DiffRow, DiffView

SIZE = (160, 50)


class DiffApp(App[None]):
    def __init__(self, store: Store, a_id: str | None = None, b_id: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.ids = (a_id, b_id)
        self.result: str | None = "not dismissed"

    def on_mount(self) -> None:
        self.push_screen(DiffScreen(self.store, *self.ids), self.done)

    def done(self, result: str | None) -> None:
        self.result = result


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "s.json")  # the two samples


def screen_of(app: App[None]) -> DiffScreen:
    assert isinstance(app.screen, DiffScreen)
    return app.screen


def cell_text(row: DiffRow, side: str) -> str:
    return (row.left if side == "a" else row.right).plain


def view_of(screen: DiffScreen) -> DiffView:
    return screen.query_one("#rows", DiffView)


def rows_of(screen: DiffScreen) -> list[DiffRow]:
    return view_of(screen).rows


def highlighted(screen: DiffScreen) -> DiffRow:
    current = view_of(screen).current
    assert current is not None
    return current


async def settle(pilot: Pilot[None]) -> None:
    """Wait for the comparing worker and the messages it posts."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_opens_on_the_two_latest_meetings_side_by_side(store: Store) -> None:
    app = DiffApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        assert screen.query_one("#pick-a", Select).value == store.meetings()[0].id
        assert screen.query_one("#pick-b", Select).value == store.meetings()[1].id
        rows = rows_of(screen)
        housing = next(r for r in rows if "Housing" in cell_text(r, "b"))
        assert "new area" in cell_text(housing, "a")
        summary = str(screen.query_one("#summary", Static).content)
        assert "new" in summary and "dropped" in summary and "areas: 12 continued" in summary
        # an area row is followed by its changes, old text left and new text right
        fully = next(r for r in rows if "Fully implement the policies" in cell_text(r, "b"))
        assert "Zhejiang fully implements" in cell_text(fully, "a")
        assert "reworded" in cell_text(fully, "b")


async def test_next_and_previous_change_skip_areas_and_unchanged(store: Store) -> None:
    app = DiffApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        assert isinstance(highlighted(screen).row, AreaMatch)  # starts on the first area
        await pilot.press("n")
        first = highlighted(screen)
        assert isinstance(first.row, Change) and first.row.kind is not Kind.UNCHANGED
        await pilot.press("n", "n")
        third = highlighted(screen)
        assert third is not first and isinstance(third.row, Change)
        await pilot.press("p", "p")
        assert highlighted(screen) is first
        await pilot.press("]")
        assert highlighted(screen) is not first


async def test_number_keys_show_one_class_and_zero_all(store: Store) -> None:
    app = DiffApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        everything = len(rows_of(screen))
        await pilot.press("2")  # dropped
        await settle(pilot)
        changes = [r.row for r in rows_of(screen) if isinstance(r.row, Change)]
        assert changes and {c.kind for c in changes} == {Kind.DROPPED}
        summary = str(screen.query_one("#summary", Static).content)
        assert "showing only" in summary and "there are none" not in summary
        await pilot.press("0")
        await settle(pilot)
        assert len(rows_of(screen)) == everything
        # a class with no change between these meetings says so (not a blank pane)
        diff = screen.diff
        assert diff is not None
        from compare import KINDS

        empty = next(
            n
            for n, kind in enumerate(KINDS, start=1)
            if not any(isinstance(r, Change) for r in diff.rows({kind}))
        )
        await pilot.press(str(empty))
        await settle(pilot)
        assert not [r for r in rows_of(screen) if isinstance(r.row, Change)]
        summary = str(screen.query_one("#summary", Static).content)
        assert "there are none between these meetings" in summary


async def test_enter_dismisses_with_the_commitment_on_the_chosen_side(store: Store) -> None:
    app = DiffApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        await pilot.press("3")  # reworded only: both sides have a commitment
        await settle(pilot)
        await pilot.press("n")
        row = highlighted(screen).row
        assert isinstance(row, Change)
        await pilot.press("left", "enter")
        await settle(pilot)
        assert app.result == row.a[0].commitment.id
        assert not isinstance(app.screen, DiffScreen)


async def test_enter_defaults_to_the_new_side(store: Store) -> None:
    app = DiffApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        row = highlighted(screen_of(app)).row
        assert isinstance(row, Change)
        await pilot.press("enter")
        await settle(pilot)
        expected = (row.b or row.a)[0].commitment.id
        assert app.result == expected


async def test_escape_closes_without_a_choice(store: Store) -> None:
    app = DiffApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.result is None


async def test_status_badge_and_note_count_are_shown(store: Store) -> None:
    new_meeting = store.meetings()[1]
    target = next(c for c in new_meeting.commitments if c.text.startswith("Fully implement"))
    store.set_status(target.id, Status.IMPLEMENTED)
    store.add_note(target.id, "seen in the 2025 report")
    store.add_note(target.id, "second note")
    app = DiffApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row = next(r for r in rows_of(screen_of(app)) if target.text[:40] in cell_text(r, "b"))
        text = cell_text(row, "b")
        assert "●" in text and "✎2" in text
        assert "○" in cell_text(row, "a")  # the 2023 commitment is not rated


async def test_choosing_meetings_from_the_screen(store: Store, tmp_path: Path) -> None:
    markup = "Support [bold]markup[/bold] and [@click=app.quit]links[/] in ceramics exchanges."
    path = write_release(
        tmp_path,
        name="third.txt",
        date="2026-01-01",
        title="Hong Kong and Testland hold a co-operation conference",
        areas={"Culture": [markup, "Lend museum collections of ceramics for exhibitions."]},
    )
    store.import_paths([path])
    third = next(m for m in store.meetings() if m.date == "2026-01-01")
    old, new = store.meetings()[0], store.meetings()[1]
    app = DiffApp(store, old.id, new.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        screen.query_one("#pick-b", Select).value = third.id
        await settle(pilot)
        assert screen.diff is not None and screen.diff.b.id == third.id
        texts = [cell_text(r, "b") for r in rows_of(screen)]
        assert any(markup in t for t in texts)  # shown literally, never run
        screen.query_one("#pick-a", Select).value = third.id
        await settle(pilot)
        assert screen.diff is None and rows_of(screen) == []
        assert "same" in str(screen.query_one("#summary", Static).content)
        await pilot.press("escape")
        await settle(pilot)
        assert app.result is None  # still running: the markup link did not quit the app


async def test_both_columns_scroll_together_with_the_cursor(store: Store) -> None:
    app = DiffApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        view = view_of(screen)
        assert view.virtual_size.height > view.size.height  # more rows than fit
        await pilot.press("end")
        await pilot.pause()
        assert highlighted(screen) is rows_of(screen)[-1]
        assert view.scroll_y == view.max_scroll_y > 0  # the last row is on screen
        await pilot.press("home")
        await pilot.pause()
        assert highlighted(screen) is rows_of(screen)[0] and view.scroll_y == 0


async def test_a_click_chooses_the_row_and_the_side(store: Store) -> None:
    app = DiffApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        view = view_of(screen)
        await pilot.press("3")  # reworded only: rows with both sides
        await pilot.pause()
        await pilot.click(DiffView, offset=(5, 3))  # left column, the second row
        await pilot.pause()
        assert view.side == "a" and view.cursor == 1
        expected = rows_of(screen)[1].target("a")
        assert expected != rows_of(screen)[1].target("b")
        await pilot.press("enter")
        await pilot.pause()
        assert app.result == expected

"""The diff screen (issue 5), driven with Pilot in a small app of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import ListView, Select, Static

from compare import AreaMatch, Change, Kind
from store import Status, Store
from tests.store_support import write_release
from tui.screens.diff import DiffRow, DiffScreen

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
    return str(row.query_one(f".cell-{side}", Static).content)


def highlighted(screen: DiffScreen) -> DiffRow:
    view = screen.query_one("#rows", ListView)
    assert view.index is not None
    return screen._rows()[view.index]


async def test_opens_on_the_two_latest_meetings_side_by_side(store: Store) -> None:
    app = DiffApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        assert screen.query_one("#pick-a", Select).value == store.meetings()[0].id
        assert screen.query_one("#pick-b", Select).value == store.meetings()[1].id
        rows = screen._rows()
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
        await pilot.pause()
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
        await pilot.pause()
        screen = screen_of(app)
        everything = len(screen._rows())
        await pilot.press("2")  # dropped
        await pilot.pause()
        changes = [r.row for r in screen._rows() if isinstance(r.row, Change)]
        assert changes and {c.kind for c in changes} == {Kind.DROPPED}
        assert "showing only" in str(screen.query_one("#summary", Static).content)
        await pilot.press("0")
        await pilot.pause()
        assert len(screen._rows()) == everything


async def test_enter_dismisses_with_the_commitment_on_the_chosen_side(store: Store) -> None:
    app = DiffApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await pilot.press("3")  # reworded only: both sides have a commitment
        await pilot.pause()
        await pilot.press("n")
        row = highlighted(screen).row
        assert isinstance(row, Change)
        await pilot.press("left", "enter")
        await pilot.pause()
        assert app.result == row.a[0].commitment.id
        assert not isinstance(app.screen, DiffScreen)


async def test_enter_defaults_to_the_new_side(store: Store) -> None:
    app = DiffApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        row = highlighted(screen_of(app)).row
        assert isinstance(row, Change)
        await pilot.press("enter")
        await pilot.pause()
        expected = (row.b or row.a)[0].commitment.id
        assert app.result == expected


async def test_escape_closes_without_a_choice(store: Store) -> None:
    app = DiffApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.result is None


async def test_status_badge_and_note_count_are_shown(store: Store) -> None:
    new_meeting = store.meetings()[1]
    target = next(c for c in new_meeting.commitments if c.text.startswith("Fully implement"))
    store.set_status(target.id, Status.IMPLEMENTED)
    store.add_note(target.id, "seen in the 2025 report")
    store.add_note(target.id, "second note")
    app = DiffApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        row = next(r for r in screen_of(app)._rows() if target.text[:40] in cell_text(r, "b"))
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
        await pilot.pause()
        screen = screen_of(app)
        screen.query_one("#pick-b", Select).value = third.id
        await pilot.pause()
        assert screen.diff is not None and screen.diff.b.id == third.id
        texts = [cell_text(r, "b") for r in screen._rows()]
        assert any(markup in t for t in texts)  # shown literally, never run
        screen.query_one("#pick-a", Select).value = third.id
        await pilot.pause()
        assert screen.diff is None and screen._rows() == []
        assert "same" in str(screen.query_one("#summary", Static).content)
        await pilot.press("escape")
        await pilot.pause()
        assert app.result is None  # still running: the markup link did not quit the app

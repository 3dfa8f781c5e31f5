"""Pilot tests of the keys that leave the main view for another tool: the year diff (d),
the export dialog (x), and each commitment's lineage across meetings in the detail pane."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from test_app_support import SIZE, app_for, new_store, screen_text, settle
from textual.widgets import Input

from store import Status, Store
from tui.screens.diff import DiffScreen
from tui.screens.export import ExportScreen

EXPEDITE_2025 = "af9666bb6dc4"  # 2025, Health: "Expedite academic and talent exchanges …"
HEALTH_2023 = "79169ef3d75f"  # 2023, Health: the paragraph holding "Accelerate academic …"


async def test_d_while_the_meetings_are_still_being_read_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = new_store(tmp_path)
    release = threading.Event()
    real_read = Store.read_corpus

    def slow_read(self: Store, seconds: float = 0.005) -> bool:
        release.wait(30)  # the background reading of a large store, held up
        return real_read(self, seconds)

    monkeypatch.setattr(Store, "read_corpus", slow_read)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        try:
            for _ in range(300):  # the tree is shown before every meeting is read
                if app.main.agreement_tree.current is not None and "d Diff" in screen_text(app):
                    break
                await pilot.pause(0.01)
            assert "d Diff" in screen_text(app)
            assert "2023-06-26 · Hong Kong & Zhejiang · Hong Kong" in screen_text(app)
            await pilot.press("d")
            await pilot.pause()
            assert not isinstance(app.screen, DiffScreen)
            assert "Still reading the store's meetings" in screen_text(app)
        finally:
            release.set()
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)


async def test_d_opens_the_diff_of_the_two_meetings_and_enter_jumps_back(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert "d Diff" in screen_text(app)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        text = screen_text(app)
        assert "2023-06-26" in text and "2025-04-24" in text
        assert "new" in text and "dropped" in text
        screen = app.screen
        await pilot.press("n")  # the first change
        await settle(pilot)
        first = screen.diff.changes[0] if screen.diff else None
        assert first is not None
        ids = {item.commitment.id for item in [*first.a, *first.b]}
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, DiffScreen)
        current = app.main.agreement_tree.current
        assert current is not None and current.kind == "commitment"
        assert current.id in ids  # the tree now shows that commitment
        assert f"Commitment {current.id}" in screen_text(app)


async def test_escape_closes_the_diff_and_keeps_the_selection(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        before = app.main.agreement_tree.current
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, DiffScreen)
        assert app.main.agreement_tree.current == before


async def test_x_writes_the_markdown_report_where_asked(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    Store.open(path).add_note("31a5014a9d10", "A note for **the report**")
    target = tmp_path / "report.md"
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        field = app.screen.query_one("#path", Input)
        field.value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
        assert "wrote markdown" in screen_text(app)
    report = target.read_text(encoding="utf-8")
    assert "A note for **the report**" in report
    assert report.startswith("#")


async def test_escape_cancels_the_export_and_writes_nothing(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(tmp_path / "never.md")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
    assert not (tmp_path / "never.md").exists()


async def test_a_commitment_shows_its_predecessor_with_its_status(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    Store.open(path).set_status(HEALTH_2023, Status.IN_PROGRESS)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.main.jump_to(EXPEDITE_2025)
        await settle(pilot)
        text = screen_text(app)
        assert "Across meetings" in text
        # the 2023 paragraph it continues, with the status set on it there
        line = next(ln for ln in text.splitlines() if "2023-06-26  " in ln and "Promote" in ln)
        assert "in progress" in line
        assert "▶ 2025-04-24" in text  # the selected one, marked


async def test_the_history_is_worked_out_off_the_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Comparing a commitment's meeting with its neighbours takes tens of milliseconds
    a pair: while a worker does it the pane says so and the tree still moves."""
    from compare.lineage import Lineage

    release, threads = threading.Event(), []
    original = Lineage.history

    def slow_history(self: Lineage, commitment_id: str) -> list:  # type: ignore[type-arg]
        threads.append(threading.current_thread())
        assert release.wait(10)
        return original(self, commitment_id)

    monkeypatch.setattr(Lineage, "history", slow_history)
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.jump_to(EXPEDITE_2025)
        for _ in range(20):
            await pilot.pause()
            if threads:
                break
        assert "comparing with the meetings before and after" in screen_text(app)
        assert threads and threads[0] is not threading.main_thread()
        await pilot.press("up")  # the screen answers meanwhile
        await pilot.pause()
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id != EXPEDITE_2025
        )
        await pilot.press("down")
        release.set()
        await settle(pilot)
        text = screen_text(app)
        assert "comparing with" not in text
        assert "▶ 2025-04-24" in text and "2023-06-26  " in text

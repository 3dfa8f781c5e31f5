"""The export dialog on its own, in a tiny app: defaults, filters, checks, Escape."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import App
from textual.widgets import Input, Select, SelectionList, Static

from sharing.export import ExportRequest
from store import Status
from tui.screens.export import ExportScreen, default_name

TODAY = date(2025, 4, 24)
SIZE = (100, 45)


class DialogApp(App[None]):
    def __init__(self, directory: Path, **kwargs: object) -> None:
        super().__init__()
        self.directory = directory
        self.kwargs = kwargs
        self.results: list[ExportRequest | None] = []

    def on_mount(self) -> None:
        screen = ExportScreen(directory=self.directory, today=TODAY, **self.kwargs)  # type: ignore[arg-type]
        self.push_screen(screen, self.results.append)


def test_default_name() -> None:
    assert default_name("markdown", TODAY) == "coop-tui-notes-2025-04-24.md"
    assert default_name("notes-dir", TODAY) == "coop-tui-notes-2025-04-24"


async def test_escape_cancels(tmp_path: Path) -> None:
    app = DialogApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#path", Input).value == "coop-tui-notes-2025-04-24.md"
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_enter_exports_with_the_chosen_filters(tmp_path: Path) -> None:
    app = DialogApp(tmp_path, meeting_id="abc123", meeting_title="A [b]meeting[/b]")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#format", Select).value = "json"
        await pilot.pause()
        assert screen.query_one("#path", Input).value == "coop-tui-notes-2025-04-24.json"
        await pilot.click("#only-annotated")
        await pilot.click("#this-meeting")
        screen.query_one("#statuses", SelectionList).select(Status.STALLED.value)
        screen.query_one("#tags", Input).value = "finance, green  bonds"
        screen.query_one("#path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
    [request] = app.results
    assert request is not None
    assert request.path == tmp_path / "coop-tui-notes-2025-04-24.json"
    assert request.format == "json" and not request.force
    assert request.filters.meetings == ("abc123",)
    assert request.filters.statuses == (Status.STALLED,)
    assert request.filters.tags == ("finance", "green bonds")
    assert request.filters.only_annotated


async def test_existing_file_needs_replace(tmp_path: Path) -> None:
    (tmp_path / "report.md").write_text("mine", encoding="utf-8")
    app = DialogApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#path", Input).value = "report.md"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []  # still open, with the reason shown
        error = str(screen.query_one("#error", Static).render())
        assert "already exists" in error and "Replace" in error and "--force" not in error
        await pilot.click("#force")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [request] = app.results
    assert request is not None and request.force and request.path == tmp_path / "report.md"


async def test_a_folder_name_with_brackets_is_shown_as_it_is(tmp_path: Path) -> None:
    """A folder such as ``[bold]drafts`` is a name, not markup: the dialog shows it whole."""
    folder = tmp_path / "[bold]drafts [@click=app.quit]x"
    folder.mkdir()
    app = DialogApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = [str(label.render()) for label in app.screen.query("Label")]
        assert any(str(folder) in text for text in shown), shown

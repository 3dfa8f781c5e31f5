"""The export's format follows the file name unless given, and a clash is refused:
on the command line (in a subprocess, as a user runs it) and in the export dialog."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from store_support import new_store, one_error
from store_support import run_cli as run
from textual.app import App
from textual.widgets import Input, Select, Static

from sharing.export import ExportRequest
from tui.screens.export import ExportScreen


@pytest.fixture
def db(tmp_path: Path) -> Path:
    store = new_store(tmp_path)
    store.set_status(store.meetings()[0].commitments[0].id, "implemented")
    return store.path


def test_the_file_name_chooses_the_format(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("report.csv", "REPORT.CSV", "data.json", "notes.md", "notes.markdown", "plain"):
        done = run("export", "-o", out / name, "--db", db)
        assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader((out / "report.csv").open(encoding="utf-8")))
    assert {r["status"] for r in rows} == {"implemented", "not-rated"}
    assert (out / "REPORT.CSV").read_text(encoding="utf-8").startswith("meeting_id,")
    assert json.loads((out / "data.json").read_text(encoding="utf-8"))["coop-tui"] == "annotations"
    for name in ("notes.md", "notes.markdown", "plain"):  # no ending: Markdown, as before
        assert (out / name).read_text(encoding="utf-8").startswith("# coop-tui notes"), name
    # a name ending in / (made by export) or an existing folder: a notes folder
    assert run("export", f"{out / 'team'}/", "--db", db).returncode == 0
    assert any((out / "team").rglob("*.md"))
    empty = out / "empty"
    empty.mkdir()
    assert run("export", "-o", empty, "--db", db).returncode == 0
    assert any(empty.rglob("*.md"))
    # standard output: Markdown unless --format says otherwise
    assert run("export", "--db", db).stdout.startswith("# coop-tui notes")
    assert run("export", "-f", "csv", "--db", db).stdout.startswith("meeting_id,")


def test_a_format_the_name_contradicts_is_refused(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    line = one_error(run("export", "--format", "json", "-o", target, "--db", db), "--format")
    assert ".csv" in line and "json" in line
    assert not target.exists()
    one_error(run("export", "-f", "notes-dir", tmp_path / "n.md", "--db", db), ".md")
    one_error(run("export", "-f", "csv", "-o", tmp_path, "--db", db), "folder", "notes-dir")
    # agreeing, or an ending that says nothing, is fine with --format
    assert run("export", "-f", "csv", "-o", tmp_path / "y.csv", "--db", db).returncode == 0
    assert run("export", "-f", "json", "-o", tmp_path / "y.data", "--db", db).returncode == 0
    assert json.loads((tmp_path / "y.data").read_text(encoding="utf-8"))


def test_an_ending_that_names_no_format_needs_format(db: Path, tmp_path: Path) -> None:
    one_error(run("export", "-o", tmp_path / "r.xlsx", "--db", db), ".xlsx", "--format")
    assert not (tmp_path / "r.xlsx").exists()


# -- the dialog ----------------------------------------------------------------------
TODAY = date(2025, 4, 24)


class DialogApp(App[None]):
    def __init__(self, directory: Path) -> None:
        super().__init__()
        self.directory = directory
        self.results: list[ExportRequest | None] = []

    def on_mount(self) -> None:
        self.push_screen(ExportScreen(directory=self.directory, today=TODAY), self.results.append)


async def _type_name(pilot, name: str) -> None:
    field = pilot.app.screen.query_one("#path", Input)
    field.value = ""
    await pilot.press(*name)
    await pilot.pause()


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("report.csv", "csv"), ("a.JSON", "json"), ("r.markdown", "markdown"), ("team/", "notes-dir")],
)
async def test_a_typed_name_selects_its_format(tmp_path: Path, name: str, fmt: str) -> None:
    app = DialogApp(tmp_path)
    async with app.run_test(size=(100, 45)) as pilot:
        await pilot.pause()
        if fmt == "markdown":  # start from another format, to see it follow the name
            app.screen.query_one("#format", Select).value = "json"
            await pilot.pause()
        await _type_name(pilot, name)
        assert app.screen.query_one("#format", Select).value == fmt
        await pilot.press("enter")
        await pilot.pause()
    [request] = app.results
    assert request is not None and request.format == fmt


async def test_a_format_chosen_against_the_name_is_refused(tmp_path: Path) -> None:
    app = DialogApp(tmp_path)
    async with app.run_test(size=(100, 45)) as pilot:
        await pilot.pause()
        await _type_name(pilot, "report.csv")
        app.screen.query_one("#format", Select).value = "json"
        await pilot.pause()
        assert app.screen.query_one("#path", Input).value == "report.csv"  # the name is kept
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []  # still open, saying why
        error = str(app.screen.query_one("#error", Static).render())
        assert "report.csv" in error and ".csv" in error and "json" in error
        assert "--format" not in error
        app.screen.query_one("#format", Select).value = "csv"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    [request] = app.results
    assert request is not None and request.format == "csv"
    assert request.path == tmp_path / "report.csv"

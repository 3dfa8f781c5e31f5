"""Importing from the app (``i``): a dialog taking paths or addresses, with progress.

The releases are written here (Sichuan and Macao, in the family's form, with the
furniture a saved page carries); the folder also holds a file that is not a release,
named with markup, whose failure the summary shows literally."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from test_app_support import SIZE, record_notices, screen_text, settle
from test_app_writes import ROOT, hold, release, until
from textual.pilot import Pilot
from textual.widgets import ProgressBar

import session.importing as session_importing
import tui.screens.import_releases
from session import Session
from session.importing import ImportReport
from store import Store
from store.model import ImportResult
from tui.app import CoopApp, make_app
from tui.screens.import_releases import ImportScreen, summary

FIRST = """Print this page | Text size A A A

Sichuan and Macao hold Third Plenary of Co-operation Joint Conference

2024-09-12

The Chief Executive of the Macao SAR and the Governor of Sichuan led their delegations
to the Third Plenary of the Sichuan/Macao Co-operation Joint Conference in Chengdu today
(September 12).

Sichuan and Macao reached consensus on the following 3 co-operation areas:

Cultural Tourism
----------------

The two sides will jointly design multi-destination tourism routes linking the giant panda
bases of Sichuan with the historic centre of Macao.

Support travel agencies of both places in promoting each other's festivals to overseas
visitors.

Traditional Chinese Medicine
----------------------------

The two sides will set up a joint laboratory for the quality testing of Sichuan medicinal
herbs registered in Macao.

Encourage Macao enterprises to invest in the cultivation bases of medicinal herbs in
western Sichuan.

Youth Exchange
--------------

Organise summer internships in Chengdu for university students from Macao every year.

Back to top

Ends/Thursday, September 12, 2024
"""

SECOND = """Sichuan and Macao hold Fourth Plenary of Co-operation Joint Conference

2025-10-03

The Governor of Sichuan and the Chief Executive of the Macao SAR co-chaired the Fourth
Plenary of the Sichuan/Macao Co-operation Joint Conference in Macao today (October 3).
Photos of the plenary are available at the press room.

Sichuan and Macao reached consensus on the following 2 co-operation areas:

Trade in Services
-----------------

The two sides will promote the mutual recognition of professional qualifications for
accountants and architects.

Support Sichuan service exporters in using Macao as a platform to reach Portuguese-speaking
countries.

Green Development
-----------------

Strengthen exchanges on the monitoring of air quality in the Chengdu plain.

Ends/Friday, October 3, 2025
"""

BAD_NAME = "[bold]lunch-menu[red].txt"


def release_folder(tmp_path: Path) -> Path:
    """Two releases of the family and a file that is not a release (named with markup)."""
    folder = tmp_path / "Sichuan Macao releases"  # a space in the path
    folder.mkdir()
    (folder / "sichuan-macao-2024.txt").write_text(FIRST, encoding="utf-8")
    (folder / "sichuan-macao-2025.txt").write_text(SECOND, encoding="utf-8")
    (folder / BAD_NAME).write_text("Minutes of a lunch: soup, then noodles.\n", encoding="utf-8")
    return folder


@pytest.fixture
def lock_holder() -> Iterator[list[subprocess.Popen[str]]]:
    """Processes holding the store's lock (``hold``), released at the end."""
    held: list[subprocess.Popen[str]] = []
    yield held
    for process in held:
        release(process)


def empty_store(tmp_path: Path) -> Path:
    path = tmp_path / "store" / "store.json"
    Store.open(path, seed_samples=False)
    return path


async def wait_for_summary(pilot: Pilot) -> ImportScreen:
    app = pilot.app
    await until(
        pilot,
        lambda: isinstance(app.screen, ImportScreen) and app.screen.phase == "done",
        "the import's summary",
    )
    await settle(pilot)
    assert isinstance(app.screen, ImportScreen)
    return app.screen


def app_without_samples(path: Path) -> CoopApp:
    return make_app(path, seed_samples=False, refresh_interval=None, animations=False)


async def test_a_folder_typed_as_a_burst_is_imported_and_the_tree_shows_it(
    tmp_path: Path,
) -> None:
    """``i``, a folder's path and Enter typed in one burst: the two releases are added,
    the tree shows their meetings (the cursor on the first), the summary lists the
    file that is not a release with its reason, its name literally."""
    folder = release_folder(tmp_path)
    path = empty_store(tmp_path)
    app = app_without_samples(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i", *str(folder), "enter")  # no pause: keys typed ahead
        screen = await wait_for_summary(pilot)
        report = screen.report
        assert report is not None
        assert sorted(r.outcome for r in report.results) == ["added", "added", "failed"]
        shown = screen_text(app)
        assert "3 files: 2 added, 0 updated, 0 unchanged, 1 failed" in shown
        assert f"failed  {BAD_NAME}:" in shown  # the name as typed: no markup ran
        await pilot.press("enter")  # closes the summary
        await settle(pilot)
        assert app.screen is app.main
        shown = screen_text(app)
        assert "2024-09-12 · Sichuan & Macao" in shown
        assert "2025-10-03 · Sichuan & Macao" in shown
        assert "Cultural Tourism" in shown  # the first imported meeting, opened
        meetings = Store.open(path, seed_samples=False).meetings()
        assert sorted(m.date for m in meetings) == ["2024-09-12", "2025-10-03"]
        session = app.session
        assert session is not None and session.search_index is not None
        assert session.search_index.search("panda")  # the index was rebuilt


async def test_escape_cancels_with_nothing_imported(tmp_path: Path) -> None:
    folder = release_folder(tmp_path)
    path = empty_store(tmp_path)
    app = app_without_samples(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i", *str(folder), "escape")
        await settle(pilot)
        assert app.screen is app.main
        assert Store.open(path, seed_samples=False).meetings() == []


async def test_a_missing_path_is_said_before_anything_is_imported(tmp_path: Path) -> None:
    folder = release_folder(tmp_path)
    path = empty_store(tmp_path)
    app = app_without_samples(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i", *str(folder / "sichuan-macao-2026.txt"), "enter")
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen) and app.screen.phase == "ask"
        text = screen_text(app)
        assert "✗ " in text and "sichuan-macao-2026.txt" in text
        assert "no such file or folder" in text and "1 entry cannot be imported" in text
        assert Store.open(path, seed_samples=False).meetings() == []


async def test_several_sources_listed_with_ctrl_n_and_a_pasted_list(tmp_path: Path) -> None:
    """Ctrl+N lists the typed path and clears the field; a pasted list of paths (one a
    line: a path may hold spaces) is listed whole; Enter imports them all."""
    folder = release_folder(tmp_path)
    path = empty_store(tmp_path)
    first, second = folder / "sichuan-macao-2024.txt", folder / "sichuan-macao-2025.txt"
    app = app_without_samples(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i", *str(first), "ctrl+n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen) and screen.sources == [str(first)]
        from textual import events

        screen.query_one("#source").post_message(events.Paste(f"{second}\n{first}\n"))
        await settle(pilot)
        assert screen.sources == [str(first), str(second)]
        await pilot.press("enter")
        screen = await wait_for_summary(pilot)
        assert "2 files: 2 added" in screen_text(app)


async def test_a_path_is_completed_as_it_is_typed(tmp_path: Path, monkeypatch) -> None:
    """A relative path is completed from the folder it names: → takes the suggestion."""
    release_folder(tmp_path)
    monkeypatch.setattr(tui.screens.import_releases, "working_directory", lambda: tmp_path)
    path = empty_store(tmp_path)
    app = app_without_samples(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i", *"Sich", "right", *"sichuan-macao-2025", "right")
        await settle(pilot)
        field = app.screen.query_one("#source")
        assert field.value == "Sichuan Macao releases/sichuan-macao-2025.txt"  # type: ignore[attr-defined]


async def test_importing_beside_another_process_keeps_both(
    tmp_path: Path, lock_holder: list[subprocess.Popen[str]]
) -> None:
    """Another process holds the store while the app imports and a command imports
    too: the dialog says it waits; once the lock is free both imports are stored."""
    folder = release_folder(tmp_path)
    path = empty_store(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    (other / "sichuan-macao-2025.txt").write_text(SECOND, encoding="utf-8")
    app = make_app(
        path, seed_samples=False, refresh_interval=None, animations=False, lock_timeout=60
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        holder = hold(lock_holder, path)
        await pilot.press("i", *str(folder / "sichuan-macao-2024.txt"), "enter")
        await until(pilot, lambda: "Waiting for the store" in screen_text(app), "waiting")
        command = subprocess.Popen(
            [sys.executable, "-m", "tui", "--db", str(path), "import", str(other)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        await pilot.pause(1.0)  # the command starts and waits for the lock too
        release(holder)
        out, err = command.communicate(timeout=60)
        assert command.returncode == 0, out + err
        screen = await wait_for_summary(pilot)
        assert "1 file: 1 added" in screen_text(app)
        assert screen.report is not None
        dates = {m.date for m in Store.open(path, seed_samples=False).meetings()}
        assert {"2024-09-12", "2025-10-03"} <= dates  # (the command seeds an empty store)


def test_a_stop_between_steps_keeps_what_was_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped after the first step, the import keeps the files it stored and counts
    the rest as not read; nothing is half-stored."""
    folder = release_folder(tmp_path)
    path = empty_store(tmp_path)
    session = Session.open(path, seed_samples=False)
    stop = threading.Event()
    monkeypatch.setattr(session_importing, "FIRST_STEP_FILES", 1)
    report = session.import_sources([str(folder)], lambda *_progress: stop.set(), stop)
    assert report.stopped
    assert len(report.results) == 1 and len(report.not_read) == 2
    assert len(Store.open(path, seed_samples=False).meetings()) == sum(
        r.outcome == "added" for r in report.results
    )


async def test_an_address_is_imported(tmp_path: Path, httpserver: HTTPServer) -> None:
    """A release served over http is imported from its address, as a file is; the
    meeting's detail then names the address."""
    httpserver.expect_request("/sichuan-macao-2024.html").respond_with_data(
        FIRST, content_type="text/plain; charset=utf-8"
    )
    path = empty_store(tmp_path)
    app = app_without_samples(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        url = httpserver.url_for("/sichuan-macao-2024.html")
        await pilot.press("i", *url, "enter")
        await wait_for_summary(pilot)
        store = Store.open(path, seed_samples=False)
        assert [m.date for m in store.meetings()] == ["2024-09-12"]
        origin = store.origin(store.meetings()[0].id)
        assert origin is not None and origin[0] == url


def many_releases(tmp_path: Path, count: int) -> Path:
    """``count`` releases of one series, a year apart (each its own meeting)."""
    folder = tmp_path / "series"
    folder.mkdir()
    for n in range(count):
        text = FIRST.replace("2024-09-12", f"{1990 + n}-09-12").replace(
            "September 12, 2024", f"September 12, {1990 + n}"
        )
        (folder / f"sichuan-macao-{1990 + n}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("key", ["ctrl+c", "escape"])
async def test_stopping_keeps_the_files_in_hand_and_says_what_was_not_read(
    tmp_path: Path,
    lock_holder: list[subprocess.Popen[str]],
    monkeypatch: pytest.MonkeyPatch,
    key: str,
) -> None:
    """While the import waits for another process's lock the bar knows the file count;
    Ctrl+C (the dialog stays, with the summary) or Escape (it closes; a notification
    gives the summary) stops it once the step in hand is stored: those files are in the
    store, whole, and the rest are counted as not read."""
    monkeypatch.setattr(session_importing, "FIRST_STEP_FILES", 2)
    folder = many_releases(tmp_path, 6)
    path = empty_store(tmp_path)
    app = make_app(
        path, seed_samples=False, refresh_interval=None, animations=False, lock_timeout=60
    )
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        said = record_notices(app)
        await settle(pilot)
        holder = hold(lock_holder, path)
        await pilot.press("i", *str(folder), "enter")
        await until(pilot, lambda: "Waiting for the store" in screen_text(app), "waiting")
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        assert screen.query_one(ProgressBar).total == 6
        await pilot.press(key)
        release(holder)
        if key == "ctrl+c":
            await wait_for_summary(pilot)
            shown = screen_text(app)
            assert "2 files: 2 added" in shown
            assert "Stopped: 4 not read" in shown
        else:
            await until(pilot, lambda: any("Import stopped" in s for s in said), "the notice")
            assert app.screen is app.main
            assert any("2 added" in s and "Stopped: 4 not read" in s for s in said)
        await settle(pilot)
        assert len(Store.open(path, seed_samples=False).meetings()) == 2
        assert "1990-09-12 · Sichuan & Macao" in screen_text(app)


def test_a_store_held_too_long_is_said_and_nothing_is_half_stored(
    tmp_path: Path, lock_holder: list[subprocess.Popen[str]]
) -> None:
    """Another process holds the store past the lock timeout: the import stops with the
    store's reason, every file counted as not read, nothing stored."""
    folder = release_folder(tmp_path)
    path = empty_store(tmp_path)
    session = Session.open(path, seed_samples=False, lock_timeout=0.5)
    hold(lock_holder, path)
    report = session.import_sources([str(folder)])
    assert report.error is not None and "busy" in report.error
    assert len(report.not_read) == 3 and not report.stopped
    shown = summary(report).plain
    assert "Not finished: " in shown and "Not read: 3 not read" in shown
    release(lock_holder[0])
    assert Store.open(path, seed_samples=False).meetings() == []


def test_a_closed_dialogs_notice_names_the_first_failures_literally() -> None:
    """The summary a notification gives (the dialog closed while importing) lists the
    first failures, names as they are, and how many more failed."""
    failures = [
        ImportResult(f"/r/[red]{n}.txt", "failed", reason=f"[red]{n}.txt: a binary file")
        for n in range(7)
    ]
    report = ImportReport(results=[*failures, ImportResult("/r/a.txt", "added", "abc")])
    shown = summary(report, 5)
    assert shown.plain.splitlines() == [
        "8 files: 1 added, 0 updated, 0 unchanged, 7 failed",
        *(f"failed  [red]{n}.txt: a binary file" for n in range(5)),
        "… and 2 more failed",
    ]  # (markup in a name would have vanished from the plain text)


# -- entries typed ahead, quoted paths, file:// URIs --------------------------------
async def test_entries_typed_ahead_never_run_together_and_a_refused_one_can_be_removed(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    """A burst: an address that will fail, a missing folder, an ftp address and a good
    file, each followed by Ctrl+N, then Enter: four entries (none glued to another), the
    two that cannot be imported marked with the command line's words, nothing started;
    Tab to the list, Delete removes them, and Enter imports the rest."""
    from fetching import not_fetched

    folder = release_folder(tmp_path)
    first = folder / "sichuan-macao-2024.txt"
    httpserver.expect_request("/nothere").respond_with_data("Not here", status=404)
    nothere = httpserver.url_for("/nothere")
    path = empty_store(tmp_path)
    app = app_without_samples(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(
            "i", *nothere, "ctrl+n", *"nonexistent/dir", "ctrl+n", *"ftp://x/y", "ctrl+n",
            *str(first), "enter",
        )  # fmt: skip
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen) and screen.phase == "ask"
        assert screen.sources == [nothere, "nonexistent/dir", "ftp://x/y", str(first)]
        assert screen.query_one("#source").value == ""  # type: ignore[attr-defined]
        text = screen_text(app)
        assert "2 entries cannot be imported" in text
        assert "✗ ftp://x/y" in text and not_fetched("ftp") in text  # as `coop-tui import`
        assert screen.problem("ftp://x/y") == f"ftp://x/y: {not_fetched('ftp')}"
        # the list: the good file is selected; up twice to the ftp address … (a burst too)
        await pilot.press("tab", "up", "delete", "up", "delete", "shift+tab", "enter")
        screen = await wait_for_summary(pilot)
        assert screen.sources == [nothere, str(first)]
        text = screen_text(app)
        assert "1 file and 1 address: 1 added" in text and "1 failed" in text
        assert "HTTP 404 Not Found" in text


async def test_a_quoted_path_and_a_file_uri_are_paths(tmp_path: Path) -> None:
    """A path in single or double quotes (a file manager's drag) and a file:// URI
    (percent-encoded) are read as the paths they name."""
    folder = tmp_path / "my releases"
    folder.mkdir()
    one, two = folder / "rel one.txt", folder / "rel two.txt"
    one.write_text(FIRST, encoding="utf-8")
    two.write_text(SECOND, encoding="utf-8")
    uri = "file://" + str(two).replace(" ", "%20")
    path = empty_store(tmp_path)
    app = app_without_samples(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(
            "i", *f"'{one}'", "ctrl+n", *f'"{one}"', "ctrl+n", *uri, "enter"
        )  # fmt: skip
        screen = await wait_for_summary(pilot)
        assert screen.sources == [str(one), str(two)]
        assert "2 files: 2 added" in screen_text(app)
    assert len(Store.open(path, seed_samples=False).meetings()) == 2


@pytest.mark.parametrize(("each", "write"), [(0.001, 0.3), (0.0001, 0.05), (0.002, 0.0)])
def test_a_step_is_never_so_long_that_a_stop_waits_more_than_about_a_second(
    monkeypatch: pytest.MonkeyPatch, each: float, write: float
) -> None:
    """Small files on a store whose write is slow made one step of everything (56
    files: Ctrl+C was honoured only at the end). A step's files, at the pace the last
    step measured, with its write, take at most MOST_STEP_SECONDS."""
    clock = [100.0]

    class Clock:
        @staticmethod
        def perf_counter() -> float:
            return clock[0]

    monkeypatch.setattr(session_importing, "time", Clock)
    steps = session_importing._Steps()
    steps.started()
    for _file in range(4):
        steps.file_started()
        clock[0] += each
    clock[0] += write
    steps.ended()
    assert steps.files >= 1
    assert steps.files * each + write <= session_importing.MOST_STEP_SECONDS + 1e-6
    assert session_importing.MOST_STEP_SECONDS <= 1.0


async def test_a_listed_address_shows_no_password(tmp_path: Path) -> None:
    path = empty_store(tmp_path)
    app = app_without_samples(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i", *"http://ann:pw9Zq@press.example.org/0912.htm", "ctrl+n")
        await settle(pilot)
        text = screen_text(app)
        assert "http://ann@press.example.org/0912.htm" in text and "pw9Zq" not in text

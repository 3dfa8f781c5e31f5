"""Pilot tests of undo and redo in the app (issue 15): Ctrl+Z undoes the researcher's
last change — a status, a deleted note, a correction — and Ctrl+Y (or Ctrl+Shift+Z)
redoes it, through the app's write pipeline; the tree and the detail pane follow. An
undo that would write over another process's later change is refused and said; the
app and another process write to one store at once and nothing of either is lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_app_corrections import FINANCE, FIRST, MEETING_2023, SECOND, cursor_id, tree_label
from test_app_support import (
    SIZE,
    app_for,
    detail_text,
    flat,
    new_store,
    record_notices,
    screen_text,
    settle,
)

from store import Status, Store
from tui.screens.confirm import ConfirmScreen

ROOT = Path(__file__).resolve().parent.parent
TO_FIRST = ("down", "enter", "down")
OTHER = "A colleague"


def elsewhere(path: Path, code: str) -> subprocess.Popen[str]:
    """``code`` run with ``store`` open on ``path`` in another process, by another author."""
    script = f"from store import Status, Store\nstore = Store.open({str(path)!r})\n{code}"
    return subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
        env={"COOP_TUI_AUTHOR": OTHER, "PATH": "/usr/bin:/bin", "HOME": str(path.parent)},
    )  # fmt: skip


def finished(process: subprocess.Popen[str]) -> None:
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err


async def test_undo_and_redo_a_status(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    said = record_notices(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press(*TO_FIRST, "s", "down", "enter")  # in progress
        await settle(pilot)
        assert Store.open(path).annotation(FIRST).status is Status.IN_PROGRESS
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert Store.open(path).annotation(FIRST).status is Status.NOT_RATED
        assert tree_label(app, FIRST).startswith("○ ")
        assert said[-1] == f"Undone: set the status of {FIRST} to in-progress"
        app.clear_notifications()
        await settle(pilot)
        assert "no status set yet" in detail_text(app)
        assert cursor_id(app) == FIRST
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert Store.open(path).annotation(FIRST).status is Status.IN_PROGRESS
        assert tree_label(app, FIRST).startswith("◐ ")
        assert said[-1] == f"Redone: set the status of {FIRST} to in-progress"
        await pilot.press("ctrl+z", "ctrl+shift+z")  # a terminal with the kitty protocol
        await settle(pilot)
        assert Store.open(path).annotation(FIRST).status is Status.IN_PROGRESS


async def test_undo_and_redo_a_correction(tmp_path: Path) -> None:
    """A rename undone and redone: the tree shows the name each time, the cursor on it."""
    path = new_store(tmp_path)
    app = app_for(path)
    said = record_notices(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "f", "enter", *"Green finance", "enter")
        await settle(pilot)
        await pilot.press("up")  # elsewhere: the undo brings the cursor back to the area
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        area = Store.open(path).meeting(MEETING_2023).areas[0]
        assert (area.name, area.original_name) == ("Finance", None)
        assert tree_label(app, FINANCE).startswith("Finance (3) inferred")
        assert "✱" not in tree_label(app, FINANCE)
        assert cursor_id(app) == FINANCE
        assert said[-1] == f"Undone: renamed area {FINANCE} to 'Green finance'"
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert Store.open(path).meeting(MEETING_2023).areas[0].name == "Green finance"
        assert tree_label(app, FINANCE).startswith("Green finance (3)  ✱")  # named: not inferred


async def test_undoing_a_split_takes_the_second_part_away(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press(*TO_FIRST, "f", "down", "enter", *"give full play", "enter")
        await settle(pilot)
        _m, area, _c = Store.open(path).locate(FINANCE)
        assert area is not None and len(area.commitments) == 4
        second = area.commitments[1].id
        assert app.main.agreement_tree.node_for(second) is not None
        await pilot.press("ctrl+z")
        await settle(pilot)
        _m, area, first = Store.open(path).locate(FIRST)
        assert area is not None and len(area.commitments) == 3 and first is not None
        assert first.original_text is None
        assert app.main.agreement_tree.node_for(second) is None
        assert tree_label(app, FINANCE).startswith("Finance (3)")
        assert cursor_id(app) == FIRST


async def test_a_deleted_note_comes_back_with_ctrl_z(tmp_path: Path) -> None:
    """The deletion's question says Ctrl+Z undoes it; and it does."""
    path = new_store(tmp_path)
    Store.open(path).add_note(FIRST, "a note worth keeping")
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press(*TO_FIRST, "delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = flat(screen_text(app))
        assert "Ctrl+Z in the main view undoes it" in question
        assert "cannot be undone" not in question
        await pilot.press("y")
        await settle(pilot)
        assert Store.open(path).annotation(FIRST).notes == []
        await pilot.press("ctrl+z")
        await settle(pilot)
        notes = Store.open(path).annotation(FIRST).notes
        assert [n.text for n in notes] == ["a note worth keeping"]
        app.clear_notifications()
        await settle(pilot)
        assert "a note worth keeping" in detail_text(app)
        assert tree_label(app, FIRST).endswith("✎ 1")


async def test_nothing_to_undo_is_said(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    said = record_notices(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z", "ctrl+y")
        await settle(pilot)
        assert said == [
            "Not undone: Nothing to undo: no change made in this window is left to undo",
            "Not redone: Nothing to redo: no change made in this window was undone since the "
            "last change",
        ]
        assert app.is_running and app.screen is app.main


async def test_an_undo_is_refused_when_another_process_changed_it_since(tmp_path: Path) -> None:
    """The app sets a status; a colleague's script sets another on the same commitment;
    Ctrl+Z in the app does not write over it: it says who changed it, and both statuses
    stay in the history."""
    path = new_store(tmp_path)
    app = app_for(path)
    said = record_notices(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press(*TO_FIRST, "s", "down", "enter")  # in progress
        await settle(pilot)
        finished(elsewhere(path, f"store.set_status({FIRST!r}, Status.STALLED)"))
        await pilot.press("ctrl+z")
        await settle(pilot)
        refusal = next(line for line in said if line.startswith("Not undone: "))
        assert refusal.startswith(
            f"Not undone: cannot undo 'set the status of {FIRST} to in-progress': the status "
            f"and tags of {FIRST} was changed since by {OTHER} at "
        )
        assert refusal.endswith(
            f"(set the status of {FIRST} to stalled); nothing was undone. "
            "Ctrl+Z again goes on to the change before it"
        )
        history = Store.open(path).annotation(FIRST).history
        assert [(c.status, c.by) for c in history][-1] == (Status.STALLED, OTHER)
        assert [c.status for c in history] == [Status.IN_PROGRESS, Status.STALLED]
        assert tree_label(app, FIRST).startswith("■ ")  # the app shows the store as it is
        await pilot.press("ctrl+z")  # goes past the refused one: nothing else to undo here
        await settle(pilot)
        assert said[-1].startswith("Not undone: Nothing to undo")


async def test_a_correction_undone_after_another_process_changed_it_is_refused(
    tmp_path: Path,
) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    said = record_notices(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "f", "enter", *"Green finance", "enter")
        await settle(pilot)
        finished(elsewhere(path, f"store.rename_area({FINANCE!r}, 'Their finance')"))
        await pilot.press("ctrl+z")
        await settle(pilot)
        refusal = next(line for line in said if line.startswith("Not undone: "))
        assert "cannot undo" in refusal and f"since by {OTHER}" in refusal
        assert Store.open(path).meeting(MEETING_2023).areas[0].name == "Their finance"
        assert tree_label(app, FINANCE).startswith("Their finance (3)")


async def test_the_app_and_another_process_write_at_once(tmp_path: Path) -> None:
    """While a script adds notes and renames an area again and again (until told to
    stop), the app renames, splits and sets a status, then Ctrl+Z undoes the app's own
    last change (the colleague's later ones are theirs). Every change of both is in the
    store, and the app shows them."""
    path = new_store(tmp_path)
    aviation = Store.open(path).meeting(MEETING_2023).areas[3].id
    stop = tmp_path / "stop"
    script = elsewhere(
        path,
        f"from pathlib import Path\nstop = Path({str(stop)!r})\ni = 0\n"
        "while i < 5 or not stop.exists():\n"
        f"    store.add_note({SECOND!r}, f'note {{i}}')\n"
        f"    store.rename_area({aviation!r}, f'Aviation {{i}}')\n"
        "    i += 1\n"
        "print(i)\n",
    )
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "f", "enter", *"Green finance", "enter")
        await pilot.press("enter", "down", "f", "down", "enter", *"give full play", "enter")
        await pilot.press("s", "down", "down", "enter")  # stalled
        await settle(pilot)
        await pilot.press("ctrl+z")  # the app's status: the script wrote no status
        await settle(pilot)
        stop.touch()
        out, err = script.communicate(timeout=120)
        assert script.returncode == 0, err
        written = int(out)
        store = Store.open(path)
        meeting = store.meeting(MEETING_2023)
        assert meeting.areas[0].name == "Green finance"
        assert meeting.areas[3].name == f"Aviation {written - 1}"
        assert len(meeting.areas[0].commitments) == 4  # the split stays
        notes = store.annotation(SECOND).notes
        assert sorted(n.text for n in notes) == sorted(f"note {i}" for i in range(written))
        assert store.annotation(FIRST).status is Status.NOT_RATED  # undone
        assert [e.kind for e in store.log() if e.by == OTHER].count("correction") == written
        mine = [e.kind for e in store.log() if e.by != OTHER]
        assert mine[:4] == ["undo", "status", "correction", "correction"]  # newest first
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert tree_label(app, aviation).startswith(f"Aviation {written - 1} (2)")
        assert tree_label(app, FINANCE).startswith("Green finance (4)")
        assert tree_label(app, SECOND).endswith(f"✎ {written}")

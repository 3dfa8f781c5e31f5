"""Pilot tests of the app's writes beside other writers: nothing a researcher writes is
lost. A change made elsewhere while the app shows the old state is kept (issue 12 item
1); quitting waits for writes or keeps them as drafts (item 2); Escape keeps a note's
text as a draft (item 5)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_app_support import SIZE, app_for, detail_text, flat, new_store, screen_text, settle
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea

from store import Status, Store, StoreError
from store.paths import StorePaths
from tui.app import make_app
from tui.screens.note_editor import NoteEditorScreen
from tui.screens.orphans import OrphansScreen
from tui.screens.quit import QuitScreen
from tui.screens.status import StatusScreen
from tui.screens.tags import TagsScreen

ROOT = Path(__file__).resolve().parent.parent
FINANCE_FIRST = "31a5014a9d10"  # 2023, Finance (inferred), first commitment
SAMPLES = ROOT / "store" / "samples"

HOLD_LOCK = """
import sys
from filelock import FileLock

with FileLock(sys.argv[1]):
    print("locked", flush=True)
    sys.stdin.readline()
"""


def cli(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(path), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.fixture
def lock_holder() -> Iterator[list[subprocess.Popen[str]]]:
    """``hold(path)`` takes the store's lock in another process until ``release``."""
    held: list[subprocess.Popen[str]] = []
    yield held
    for process in held:
        release(process)


def hold(held: list[subprocess.Popen[str]], path: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(StorePaths(path).lock)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None and process.stdout.readline().strip() == "locked"
    held.append(process)
    return process


def release(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)


async def open_first_commitment(pilot: Pilot) -> None:
    await pilot.press("down", "enter", "down")
    await settle(pilot)


async def until(pilot: Pilot, condition, what: str) -> None:
    """Let the app run until ``condition()`` holds (bounded by pytest's timeout)."""
    while not condition():
        assert pilot.app.is_running, f"the app quit while waiting for {what}"
        await pilot.pause(0.05)


async def press_in(pilot: Pilot, key: str, screen: type, *keys: str) -> None:
    """``key`` opens ``screen``; once it is open, type ``keys`` in it (typing ahead of a
    dialog is another matter, tested elsewhere)."""
    await pilot.press(key)
    app = pilot.app
    await until(
        pilot,
        lambda: isinstance(app.screen, screen) and app.screen.focused is not None,
        screen.__name__,
    )
    await pilot.press(*keys)


def drafts_of(path: Path) -> list[Path]:
    folder = StorePaths(path).drafts
    return sorted(folder.glob("*.json")) if folder.exists() else []


# ---------------------------------------------------------------- item 1: changed elsewhere


async def test_a_note_edited_elsewhere_is_kept_beside_the_apps_text(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    note = Store.open(path).add_note(FINANCE_FIRST, "first version")
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        done = cli(path, "note-edit", note.id, "their version, from the command line")
        assert done.returncode == 0, done.stderr
        await pilot.press(*" and mine", "ctrl+s")
        await settle(pilot)

        notes = Store.open(path).annotation(FINANCE_FIRST).notes
        assert sorted(n.text for n in notes) == [
            "first version and mine",
            "their version, from the command line",
        ]
        assert next(n for n in notes if n.id == note.id).text.startswith("their version")
        text = flat(screen_text(app))
        assert "The note was changed elsewhere at" in text
        assert "your text was saved as a second note beside it" in text
        app.clear_notifications()
        await settle(pilot)
        shown = detail_text(app)
        assert "Notes (2)" in shown
        assert "their version, from the command line" in shown


async def test_a_note_deleted_elsewhere_while_edited_is_saved_as_a_new_note(
    tmp_path: Path,
) -> None:
    path = new_store(tmp_path)
    note = Store.open(path).add_note(FINANCE_FIRST, "first version")
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        await pilot.press("e")
        await settle(pilot)
        Store.open(path).delete_note(note.id)
        await pilot.press(*" and mine", "ctrl+s")
        await settle(pilot)
        notes = Store.open(path).annotation(FINANCE_FIRST).notes
        assert [n.text for n in notes] == ["first version and mine"]
        assert "The note was deleted elsewhere meanwhile" in flat(screen_text(app))


async def test_a_status_set_elsewhere_is_not_overwritten(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("down", "tab", *"my source")  # in progress, with a source
        Store.open(path).set_status(FINANCE_FIRST, Status.STALLED, source="their source")
        await pilot.press("enter")
        await settle(pilot)

        history = Store.open(path).annotation(FINANCE_FIRST).history
        assert [(c.status, c.source) for c in history] == [(Status.STALLED, "their source")]
        assert isinstance(app.screen, StatusScreen)  # open again, filled in as it was
        assert app.screen.query_one("#source", Input).value == "my source"
        statuses = app.screen.query_one("#statuses", OptionList)
        assert statuses.highlighted == list(Status).index(Status.IN_PROGRESS)
        text = flat(screen_text(app))
        assert "changed elsewhere" in text and "stalled" in text
        assert "stalled (current)" in text

        await pilot.press("enter")  # saved now, over the status set elsewhere
        await settle(pilot)
        history = Store.open(path).annotation(FINANCE_FIRST).history
        assert [(c.status, c.source) for c in history] == [
            (Status.STALLED, "their source"),
            (Status.IN_PROGRESS, "my source"),
        ]
        assert not isinstance(app.screen, StatusScreen)
        app.clear_notifications()
        await settle(pilot)
        assert "◐ in progress" in detail_text(app)


async def test_tags_changed_elsewhere_are_merged_and_said(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    Store.open(path).add_tags(FINANCE_FIRST, ["alpha", "beta"])
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TagsScreen)
        other = Store.open(path)
        other.add_tags(FINANCE_FIRST, ["theirs"])
        other.remove_tags(FINANCE_FIRST, ["alpha"])
        await pilot.press(*"mine", "enter")  # add "mine"
        await pilot.press("tab", "down", "space")  # un-tick "beta"
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert Store.open(path).annotation(FINANCE_FIRST).tags == ["theirs", "mine"]
        text = flat(screen_text(app))
        assert "The tags were changed elsewhere meanwhile" in text
        assert "Tags now: theirs, mine" in text


async def test_deleting_a_note_edited_elsewhere_is_refused(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    note = Store.open(path).add_note(FINANCE_FIRST, "first version")
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        assert "first version" in detail_text(app)
        Store.open(path).edit_note(note.id, "their newer version")
        await pilot.press("delete", "y")
        await settle(pilot)

        notes = Store.open(path).annotation(FINANCE_FIRST).notes
        assert [n.text for n in notes] == ["their newer version"]
        text = flat(screen_text(app))
        assert "Changed elsewhere" in text and "the note was edited elsewhere at" in text
        app.clear_notifications()
        await settle(pilot)
        assert "their newer version" in detail_text(app)  # shown as it is now


async def test_reattaching_an_orphan_reattached_elsewhere_says_so(tmp_path: Path) -> None:
    source = SAMPLES / "hong-kong-zhejiang-2023-06-26.txt"
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    path = tmp_path / "store.json"
    store = Store.open(path, seed_samples=False)
    store.import_paths([copy])
    commitment = store.meetings()[0].areas[1].commitments[0]
    store.add_note(commitment.id, "my orphaned note")
    half = commitment.text[: len(commitment.text) // 2]
    changed = half + " Both sides will also set up a joint laboratory for marine science."
    copy.write_text(copy.read_text(encoding="utf-8").replace(commitment.text, changed))
    store.import_paths([copy])
    [orphan] = store.orphans()
    best = orphan.suggestions[0][0]

    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OrphansScreen)
        Store.open(path).reattach(orphan.id, best)  # by another window meanwhile
        await pilot.press("tab", "r")
        await settle(pilot)
        assert app.is_running
        assert [n.text for n in Store.open(path).annotation(best).notes] == ["my orphaned note"]
        text = flat(screen_text(app))
        assert "was re-attached or removed elsewhere since it was listed" in text
        assert "Orphaned annotations (0)" in text or "no orphan" in text.lower()


async def test_the_app_and_a_command_writing_at_once_both_keep_their_change(
    tmp_path: Path, lock_holder: list[subprocess.Popen[str]]
) -> None:
    """Both wait for the lock another process holds; once it is free both are written,
    and the app shows the command's note beside its own."""
    path = new_store(tmp_path)
    app = make_app(path, refresh_interval=None, animations=False, lock_timeout=60)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        holder = hold(lock_holder, path)
        command = subprocess.Popen(
            [sys.executable, "-m", "tui", "--db", str(path), "note", FINANCE_FIRST,
             "from the command line"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        await press_in(pilot, "n", NoteEditorScreen, *"from the app", "ctrl+s")
        await until(
            pilot, lambda: app.session is not None and app.session.store.busy_since, "waiting"
        )
        await pilot.press("down")  # the app answers while its write waits
        await until(pilot, lambda: "Promote Hong Kong's green" in detail_text(app), "the pane")
        await pilot.press("up")
        release(holder)
        _out, err = command.communicate(timeout=60)
        assert command.returncode == 0, err
        await settle(pilot)
        texts = sorted(n.text for n in Store.open(path).annotation(FINANCE_FIRST).notes)
        assert texts == ["from the app", "from the command line"]
        await pilot.press("ctrl+r")  # whichever wrote last, the app shows both
        await settle(pilot)
        app.clear_notifications()
        await settle(pilot)
        assert "Notes (2)" in detail_text(app)
        assert "Encourage Zhejiang enterprises to…  ✎ 2" in screen_text(app)  # the tree


async def test_a_write_shows_what_other_processes_wrote_before_it(tmp_path: Path) -> None:
    """The app's write reads the other processes' changes first: the tree then shows
    them at once, not only at the next check of the disk."""
    path = new_store(tmp_path)
    store = Store.open(path)
    second = store.meetings()[0].areas[0].commitments[1].id
    app = app_for(path)  # no periodic check of the disk
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        assert "Promote Hong Kong's green and sus…  ✎ 1" not in screen_text(app)
        assert cli(path, "note", second, "from the command line").returncode == 0
        await press_in(pilot, "s", StatusScreen, "down", "enter")
        await settle(pilot)
        assert "Promote Hong Kong's green and sus…  ✎ 1" in screen_text(app)


# ---------------------------------------------------------------- item 2: quitting


async def test_quitting_waits_for_a_write_while_the_store_is_busy(
    tmp_path: Path, lock_holder: list[subprocess.Popen[str]]
) -> None:
    """Quitting waits as long as the store is busy (a write that times out meanwhile is
    tried again), saying so; once the other process lets go, both are written and the
    app quits by itself."""
    path = new_store(tmp_path)
    # long enough to type both before the first write gives up
    app = make_app(path, refresh_interval=None, animations=False, lock_timeout=3)
    tries: list[object] = []
    write = app._write

    def counted(change: object) -> None:
        tries.append(change)
        write(change)

    app._write = counted  # type: ignore[method-assign]
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        holder = hold(lock_holder, path)
        await press_in(pilot, "n", NoteEditorScreen, *"weeks of work", "ctrl+s")
        await press_in(pilot, "t", TagsScreen, *"urgent", "enter", "enter")
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, QuitScreen), "the quit dialog")
        await until(
            pilot, lambda: app.session is not None and app.session.store.busy_since, "waiting"
        )
        app.screen.show_state()
        text = flat(screen_text(app))
        assert "Saving 2 changes before quitting: a new note, a change of tags" in text
        assert "The store is busy: another coop-tui process holds its lock" in text
        await until(pilot, lambda: len(tries) >= 3, "a write to time out and be tried again")
        assert app.is_running and isinstance(app.screen, QuitScreen)
        assert "Not saved" not in flat(screen_text(app))
        assert drafts_of(path)  # kept meanwhile, in case the app is killed
        release(holder)  # the writes go through; then the app quits by itself
        await until(pilot, lambda: not app.is_running, "the app to quit")
    annotation = Store.open(path).annotation(FINANCE_FIRST)
    assert [n.text for n in annotation.notes] == ["weeks of work"]
    assert annotation.tags == ["urgent"]
    assert drafts_of(path) == []
    assert app.exit_notice is None


async def test_quitting_at_once_keeps_unwritten_changes_as_drafts_for_the_next_start(
    tmp_path: Path, lock_holder: list[subprocess.Popen[str]]
) -> None:
    path = new_store(tmp_path)
    app = make_app(path, refresh_interval=None, animations=False, lock_timeout=60)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        hold(lock_holder, path)
        await press_in(pilot, "n", NoteEditorScreen, *"weeks of work", "ctrl+s")
        await press_in(pilot, "t", TagsScreen, *"urgent", "enter", "enter")
        await press_in(pilot, "s", StatusScreen, "down", "enter")  # every kind of change
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, QuitScreen), "the quit dialog")
        await until(pilot, lambda: "Saving 3 changes" in flat(screen_text(app)), "the count")
        await pilot.press("q")  # quit now
        await until(pilot, lambda: not app.is_running, "the app to quit")
    assert app.exit_notice is not None and "3 unsaved changes kept as drafts" in app.exit_notice
    assert len(drafts_of(path)) == 3
    release(lock_holder[0])
    annotation = Store.open(path).annotation(FINANCE_FIRST)
    assert annotation.notes == [] and annotation.tags == []  # not written behind our back
    assert annotation.history == []

    app = app_for(path)  # the next start offers them
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        said = "3 unsaved changes kept as drafts from last time"
        await until(pilot, lambda: said in flat(screen_text(app)), "the drafts to be offered")
        # (which drafts: n, t and s below bring back each one)
        app.clear_notifications()
        await open_first_commitment(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one(TextArea).text == "weeks of work"
        await pilot.press("ctrl+s")
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    annotation = Store.open(path).annotation(FINANCE_FIRST)
    assert [n.text for n in annotation.notes] == ["weeks of work"]
    assert annotation.tags == ["urgent"]
    assert annotation.status.value == "in-progress"
    assert drafts_of(path) == []


async def test_a_write_failing_while_quitting_is_kept_as_a_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    disk_full = threading.Event()

    def add_note(self: Store, target_id: str, text: str) -> None:
        disk_full.wait(60)
        raise StoreError(f"{path}: cannot write the store (no space left on device)")

    monkeypatch.setattr(Store, "add_note", add_note)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        await press_in(pilot, "n", NoteEditorScreen, *"weeks of work", "ctrl+s", "q")
        await until(pilot, lambda: isinstance(app.screen, QuitScreen), "the quit dialog")
        assert "Saving 1 change before quitting: a new note" in flat(screen_text(app))
        disk_full.set()
        await until(
            pilot, lambda: app.session is not None and not app.session.pending, "the write to fail"
        )
        app.screen.show_state()
        text = flat(screen_text(app))
        assert "Not saved: a new note:" in text and "no space left on device" in text
        assert "kept as drafts" in text
        assert app.is_running
        await pilot.press("q")
        await until(pilot, lambda: not app.is_running, "the app to quit")
    assert app.exit_notice is not None and "1 unsaved change kept as draft" in app.exit_notice
    [draft] = drafts_of(path)
    assert "weeks of work" in draft.read_text(encoding="utf-8")


# ---------------------------------------------------------------- item 5: Escape


async def test_escape_keeps_a_new_note_as_a_draft_that_n_restores(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        await press_in(pilot, "n", NoteEditorScreen, *"half a thought", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, NoteEditorScreen)
        assert "Draft kept: n on this commitment brings it back" in flat(screen_text(app))
        assert Store.open(path).annotation(FINANCE_FIRST).notes == []
        assert len(drafts_of(path)) == 1

        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one(TextArea).text == "half a thought"
        assert "Your unsaved note, kept" in flat(screen_text(app))
        await pilot.press(*", finished", "ctrl+s")
        await settle(pilot)
        notes = Store.open(path).annotation(FINANCE_FIRST).notes
        assert [n.text for n in notes] == ["half a thought, finished"]
        assert drafts_of(path) == []

        await press_in(pilot, "n", NoteEditorScreen, "escape")  # nothing typed: just closes
        await settle(pilot)
        assert drafts_of(path) == []
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one(TextArea).text == ""
        await pilot.press("escape")


async def test_a_draft_survives_a_restart_and_an_emptied_editor_discards_it(
    tmp_path: Path,
) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        await press_in(pilot, "n", NoteEditorScreen, *"half a thought", "escape")
        await settle(pilot)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert "1 unsaved change kept as drafts from last time" in flat(screen_text(app))
        await open_first_commitment(pilot)
        await pilot.press("n")
        await settle(pilot)
        editor = app.screen.query_one(TextArea)
        assert editor.text == "half a thought"
        editor.clear()
        await pilot.press("escape")
        await settle(pilot)
        assert "Draft discarded" in screen_text(app)
    assert drafts_of(path) == []


async def test_quitting_from_an_open_editor_keeps_its_text(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        await press_in(pilot, "n", NoteEditorScreen, *"typed, never saved", "ctrl+q")
        await until(pilot, lambda: not app.is_running, "the app to quit")
    assert app.exit_notice is not None and "1 unsaved change kept as draft" in app.exit_notice
    [draft] = drafts_of(path)
    assert "typed, never saved" in draft.read_text(encoding="utf-8")

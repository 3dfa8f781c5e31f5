"""Pilot tests of the main view: start-up, the tree, the detail pane, status, tags, notes."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from test_app_support import SIZE, app_for, flat, new_store, screen_text, settle
from textual.widgets import Input, OptionList, SelectionList, TextArea

from store import Status, Store, StoreError
from tui.screens.confirm import ConfirmScreen
from tui.screens.note_editor import NoteEditorScreen
from tui.screens.status import StatusScreen
from tui.screens.tags import TagsScreen
from tui.widgets.detail import NoteCard

ROOT = Path(__file__).resolve().parent.parent
FINANCE_FIRST = "31a5014a9d10"  # 2023, Finance (inferred), first commitment


def first_meeting_id(path: Path) -> str:
    return Store.open(path).meetings()[0].id


async def open_first_commitment(pilot) -> None:
    """From start-up: down to Finance, Enter expands it, down to its first commitment."""
    await pilot.press("down", "enter", "down")
    await settle(pilot)


FIRST_FRAME = """
import sys
from pathlib import Path
from tui.app import CoopApp, make_app

CoopApp.on_ready = lambda self: None  # paint the main view, never open the store
app = make_app(Path(sys.argv[1]), refresh_interval=None)

async def look(pilot):
    await pilot.pause()
    # textual.widgets._markdown: the module name of Textual's Markdown widget (a name,
    # not an API: no public module is loaded only with the widget)
    heavy = ("store", "parsers", "compare", "numpy", "rapidfuzz", "tui.screens",
             "tui.widgets.note_card", "textual.widgets._markdown")
    print(sorted(m for m in sys.modules if m.split(".")[0] in heavy or m in heavy))
    app.exit()

app.run(headless=True, size=(120, 40), auto_pilot=look)
"""


def test_the_first_frame_imports_no_store_parser_or_screen_code(tmp_path: Path) -> None:
    """The first frame waits only for Textual and the main view: everything else is
    imported after it (the store's code by the opening worker)."""
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(tmp_path / "store.json")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


async def test_startup_paints_before_the_store_is_open(tmp_path: Path, monkeypatch) -> None:
    path = new_store(tmp_path)
    release = threading.Event()
    real_open = Store.open

    def slow_open(*args, **kwargs):
        release.wait()
        return real_open(*args, **kwargs)

    monkeypatch.setattr(Store, "open", slow_open)  # the class the app opens its store with
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        try:
            await pilot.pause()
            text = screen_text(app)
            assert app.session is None
        finally:
            release.set()  # never leave the worker thread waiting
        assert "Opening the store" in text
        assert "coop-tui" in text
        await settle(pilot)
        text = screen_text(app)
        assert "2023-06-26 · Hong Kong & Zhejiang · Hong Kong" in text
        assert "2025-04-24 · Hong Kong & Zhejiang · Hangzhou" in text
        assert app.ready


async def test_a_store_that_cannot_be_opened_exits_with_its_message(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.write_text("{ this is not json", encoding="utf-8")
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
    assert app.return_code == 2
    assert app.store_error is not None and "store.json" in app.store_error
    assert path.read_text(encoding="utf-8") == "{ this is not json"


async def test_tree_reads_meetings_areas_and_commitments(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "▼ 2023-06-26 · Hong Kong & Zhejiang · Hong Kong" in text
        assert "Finance (3) inferred" in text
        assert "Innovation and Technology (2)" in text
        assert "Innovation and Technology (2) inferred" not in text
        # the meeting's detail: metadata, signed documents, warnings, counts per status
        assert "Areas: 12 found, 12 stated · 24 commitments" in text
        assert "Signed documents (4)" in text
        assert "Warnings (1)" in text
        assert "○ 24 not rated" in text

        await open_first_commitment(pilot)
        assert app.main.agreement_tree.current is not None
        assert app.main.agreement_tree.current.id == FINANCE_FIRST
        text = screen_text(app)
        assert "○ Encourage Zhejiang enterprises to…" in text
        assert f"Commitment {FINANCE_FIRST}" in text
        assert "Area: Finance (3) inferred" in text
        assert "not yet rated" in text

        await pilot.press("left", "left")  # to the area, then collapse it
        await settle(pilot)
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.kind == "area"
        )
        assert "Encourage Zhejiang enterprises to…" not in screen_text(app)


async def test_set_status_with_source_and_evidence(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatusScreen)
        await pilot.press("down", "down", "down", "down")  # not rated → … → implemented
        await pilot.press("tab")
        await pilot.press(*"https://example.org/report")
        await pilot.press("tab")
        await pilot.press(*"listed 3 firms")
        await pilot.press("enter")
        await settle(pilot)

        annotation = Store.open(path).annotation(FINANCE_FIRST)
        assert annotation.status is Status.IMPLEMENTED
        assert annotation.history[-1].source == "https://example.org/report"
        assert annotation.history[-1].evidence == "listed 3 firms"

        text = screen_text(app)
        assert "● Encourage Zhejiang enterprises to…" in text  # the tree's badge
        assert "● implemented   compliance +1.00" in text
        assert "source: https://example.org/report" in text
        assert "evidence: listed 3 firms" in text
        assert "Status set: implemented" in text

        # Enter on the list saves at once; the history keeps both, newest first
        await pilot.press("s", "up", "up", "enter")
        await settle(pilot)
        annotation = Store.open(path).annotation(FINANCE_FIRST)
        assert [c.status for c in annotation.history] == [Status.IMPLEMENTED, Status.STALLED]
        text = screen_text(app)
        assert text.index("■ stalled", text.index("Status")) < text.index("● implemented\n")


async def test_status_escape_changes_nothing(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        await pilot.press("s", "down", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, StatusScreen)
    assert Store.open(path).annotation(FINANCE_FIRST).history == []


async def test_status_key_applies_to_commitments_only(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert "s Status" not in screen_text(app)  # a meeting is selected
        await pilot.press("s")
        await settle(pilot)
        assert not isinstance(app.screen, StatusScreen)
        await open_first_commitment(pilot)
        assert "s Status" in screen_text(app)


async def test_two_enters_typed_ahead_add_the_tags_then_save(tmp_path: Path) -> None:
    """Enter, Enter typed faster than the app handles them (a busy machine, a paste):
    the second finds the field emptied by the first and saves, as if typed slowly."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        await pilot.press("t")
        await settle(pilot)
        field = app.screen.query_one("#new-tag", Input)
        await pilot.press(*"youth")
        for _ in range(2):  # both queued before either is handled
            field.post_message(Input.Submitted(field, field.value))
        await settle(pilot)
        assert not isinstance(app.screen, TagsScreen)
        assert Store.open(path).annotation(FINANCE_FIRST).tags == ["youth"]


async def test_tags_add_with_completion_and_remove(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    store = Store.open(path)
    other = store.meetings()[1].commitments[0].id
    store.add_tags(other, ["green finance"])
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TagsScreen)
        await pilot.press(*"gre", "right")  # → takes the suggested existing tag
        assert app.screen.query_one("#new-tag", Input).value == "green finance"
        await pilot.press("enter")  # adds it to the list
        await pilot.press(*"bonds, listing", "enter")  # two more, comma-separated
        await pilot.press("enter")  # empty field: save
        await settle(pilot)
        assert Store.open(path).annotation(FINANCE_FIRST).tags == [
            "green finance",
            "bonds",
            "listing",
        ]
        text = screen_text(app)
        assert "#green finance  #bonds  #listing" in text
        assert "#3" in text  # tag count in the tree label

        await pilot.press("t")
        await settle(pilot)
        await pilot.press("tab")  # to the list of tags
        assert isinstance(app.screen.focused, SelectionList)
        await pilot.press("down", "space")  # un-tick "bonds"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Store.open(path).annotation(FINANCE_FIRST).tags == ["green finance", "listing"]
        assert "#green finance  #listing" in screen_text(app)
        assert "Tags removed bonds" in screen_text(app)


async def test_note_add_edit_delete(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        await pilot.press(*"Listing **progress**", "enter", "enter", *"- one item")
        await pilot.press("ctrl+s")
        await settle(pilot)
        notes = Store.open(path).annotation(FINANCE_FIRST).notes
        assert [n.text for n in notes] == ["Listing **progress**\n\n- one item"]
        text = screen_text(app)
        assert "Notes (1)" in text
        assert "Listing progress" in text  # rendered as Markdown: no asterisks
        assert "**" not in text
        assert "• one item" in text or "one item" in text
        assert "✎ 1" in text  # the tree's note count

        # edit: the editor opens with the stored text; Escape keeps the stored note,
        # and what was typed as a draft that the next e brings back
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen.query_one(TextArea)
        assert editor.text == "Listing **progress**\n\n- one item"
        await pilot.press(*" and more", "escape")
        await settle(pilot)
        assert Store.open(path).annotation(FINANCE_FIRST).notes[0].text.endswith("one item")
        assert "Draft kept: e on this note brings it back" in flat(screen_text(app))

        await pilot.press("e")
        await settle(pilot)
        assert app.screen.query_one(TextArea).text.endswith("one item and more")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert (
            Store.open(path).annotation(FINANCE_FIRST).notes[0].text.endswith("one item and more")
        )
        assert "Note saved" in screen_text(app)

        # delete from the editor, with confirmation: n keeps it (back in the editor)
        await pilot.press("e", "ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        await pilot.press("escape")
        assert len(Store.open(path).annotation(FINANCE_FIRST).notes) == 1

        await pilot.press("delete")  # from the main view
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert Store.open(path).annotation(FINANCE_FIRST).notes == []
        app.clear_notifications()  # as the toasts fade, the pane shows no notes left
        await settle(pilot)
        assert "Notes (0)" in screen_text(app)


async def test_select_and_edit_the_second_note(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    store = Store.open(path)
    store.add_note(FINANCE_FIRST, "first note")
    store.add_note(FINANCE_FIRST, "second note")
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        assert "[ ] select a note" in screen_text(app)
        cards = list(app.query(NoteCard))
        assert [c.has_class("-selected") for c in cards] == [True, False]
        await pilot.press("right_square_bracket")
        assert [c.has_class("-selected") for c in app.query(NoteCard)] == [False, True]
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.query_one(TextArea).text == "second note"
        await pilot.press("escape")


async def test_a_failed_save_shows_the_error_and_keeps_the_text(
    tmp_path: Path, monkeypatch
) -> None:
    path = new_store(tmp_path)
    app = app_for(path)

    def disk_full(self, target_id: str, text: str):
        raise StoreError(f"{path}: cannot write the store (no space left on device)")

    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        with monkeypatch.context() as patch:
            patch.setattr(Store, "add_note", disk_full)
            await pilot.press("n", *"weeks of [bold]work[/]", "ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, NoteEditorScreen)
            assert app.screen.query_one(TextArea).text == "weeks of [bold]work[/]"
            text = flat(screen_text(app))
            assert "no space left on device" in text
            assert "Not saved" in text
        assert Store.open(path).annotation(FINANCE_FIRST).notes == []
        await pilot.press("ctrl+s")  # the disk has room again
        await settle(pilot)
        assert [n.text for n in Store.open(path).annotation(FINANCE_FIRST).notes] == [
            "weeks of [bold]work[/]"
        ]


async def test_a_failed_status_save_reopens_the_dialog_filled_in(
    tmp_path: Path, monkeypatch
) -> None:
    path = new_store(tmp_path)
    app = app_for(path)

    def read_only(self, *args, **kwargs):
        raise StoreError(f"{path}: read-only directory")

    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        monkeypatch.setattr(Store, "set_status", read_only)
        await pilot.press("s", "down", "tab", *"src", "enter")
        await settle(pilot)
        assert isinstance(app.screen, StatusScreen)
        assert app.screen.query_one("#source", Input).value == "src"
        assert app.screen.query_one("#statuses", OptionList).highlighted == 1
        assert "read-only directory" in flat(screen_text(app))


async def test_notes_on_areas_and_meetings(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    meeting_id = first_meeting_id(path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n", *"meeting note", "ctrl+s")
        await settle(pilot)
        assert [n.text for n in Store.open(path).annotation(meeting_id).notes] == ["meeting note"]
        assert "meeting note" in screen_text(app)


async def test_help_lists_every_key(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = screen_text(app)
        for line in (
            "/                 Search",
            "s                 Status",
            "n                 New note",
            "e                 Edit note",
            "t                 Tags",
            "o                 Orphans",
            "?                 Help",
            "q                 Quit",
            "^p                Command palette",
        ):
            assert line in text, line
        await pilot.press("escape")
        await settle(pilot)
        assert "Keys" not in screen_text(app).splitlines()[2]


async def test_modal_keys_do_not_reach_the_main_view(tmp_path: Path) -> None:
    """Typing s, t, n or o inside a dialog must not open another dialog; q closes the
    dialog (as Escape does) and does not quit."""
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        await pilot.press("s", "s", "t", "n", "o")
        await settle(pilot)
        assert isinstance(app.screen, StatusScreen)
        assert len(app.screen_stack) == 2
        await pilot.press("q")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert app.is_running


@pytest.mark.parametrize("key", ["q"])
async def test_quit(tmp_path: Path, key: str) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert not app.is_running


async def test_the_dialogs_fit_a_small_window(tmp_path: Path) -> None:
    """At 80×24 the status dialog's last field is reached with Tab and shown (the dialog
    scrolls), and the export dialog fits the width."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_first_commitment(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatusScreen)
        await pilot.press("tab", "tab", *"seen in the annual report")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#evidence", Input)
        assert "seen in the annual report" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert Store.open(path).annotation(FINANCE_FIRST).history[-1].evidence == (
            "seen in the annual report"
        )
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen.query_one("VerticalScroll")
        assert dialog.region.right <= 80


async def test_ctrl_r_says_when_nothing_changed_and_the_palette_names_are_unique(
    tmp_path: Path,
) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "nothing changed on disk" in screen_text(app)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert len(titles) == len(set(titles)), titles

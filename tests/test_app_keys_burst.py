"""Keys typed ahead: a burst of keys (a paste, a fast typist, keys bunched over ssh) is
handled as if typed one by one, in every dialog, and a dialog that has closed ignores
the keys that follow it (issue 12, items 3 and 4).

Each burst is posted to the app at once, without Pilot's pauses between keys, so that
every key is waiting before the first one is handled; then the test waits until the
app has handled them all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_app_support import SIZE, app_for, new_store, screen_text, settle
from textual import events
from textual.app import App
from textual.command import CommandPalette
from textual.keys import _character_to_key, key_to_character
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from store import Status, Store
from tui.screens.diff import DiffScreen
from tui.screens.export import ExportScreen
from tui.screens.note_editor import NoteEditorScreen
from tui.screens.search import RESULT_LIMIT, SearchScreen
from tui.screens.status import StatusScreen
from tui.screens.tags import TagsScreen

FINANCE_FIRST = "31a5014a9d10"  # 2023, Finance (inferred), first commitment
SAMPLES = Path(__file__).resolve().parent.parent / "store" / "samples"
INTERNSHIP = "9610bef81371"  # 2023, Youth Exchange: "Support and promote the … Internship …"


def typed(text: str) -> list[str]:
    """The keys that type ``text``."""
    return list(text)


def burst(app: App[object], *keys: str | events.Paste) -> None:
    """Post every key (a key name such as ``enter``, or one character) to the app at once."""
    for key in keys:
        if isinstance(key, events.Paste):
            app.post_message(key)
            continue
        if len(key) == 1:  # private: no public function names a character's key
            event = events.Key(_character_to_key(key), key)
        else:
            event = events.Key(key, key_to_character(key))
        app.post_message(event)


async def handled(pilot: Pilot) -> None:
    """Wait until the app has handled every key posted so far, and what they started."""
    await pilot.pause()
    keys = getattr(pilot.app, "keys", None)  # the app's queue of keys (tui.key_queue)
    if keys is not None:
        await keys.handled()
    await settle(pilot)


async def open_first_commitment(pilot: Pilot) -> None:
    """From start-up: down to Finance, Enter expands it, down to its first commitment."""
    await settle(pilot)
    await pilot.press("down", "enter", "down")
    await settle(pilot)
    assert pilot.app.main.agreement_tree.current.id == FINANCE_FIRST  # type: ignore[attr-defined]


def on_main_view(app: App[object]) -> bool:
    return app.is_running and len(app.screen_stack) == 1


# -- item 3: every key in order, in the field it was typed for ----------------------


async def test_down_typed_with_the_enter_that_expands(tmp_path: Path) -> None:
    """Enter opens an area (its commitments are added when it opens); the Down typed with
    it goes to the area's first commitment, not to the next area."""
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        burst(app, "down", "enter", "down")
        await handled(pilot)
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id == FINANCE_FIRST
        )


async def test_status_source_and_evidence_typed_ahead(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first_commitment(pilot)
        burst(
            app,
            "s",
            "down",
            "tab",
            *typed("https://example.org/report?id=7"),
            "tab",
            *typed("listed 3 firms"),
            "enter",
        )
        await handled(pilot)
        assert on_main_view(app)
        [entry] = Store.open(path).annotation(FINANCE_FIRST).history
        assert entry.status is Status.IN_PROGRESS
        assert entry.source == "https://example.org/report?id=7"
        assert entry.evidence == "listed 3 firms"


async def test_status_fields_pasted_between_keys(tmp_path: Path) -> None:
    """Bracketed pastes keep their place among the keys."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first_commitment(pilot)
        burst(
            app,
            "s",
            "down",
            "down",
            "tab",
            events.Paste("https://example.org/a b"),
            "tab",
            events.Paste("page 4"),
            "enter",
        )
        await handled(pilot)
        assert on_main_view(app)
        [entry] = Store.open(path).annotation(FINANCE_FIRST).history
        assert (entry.status, entry.source, entry.evidence) == (
            Status.STALLED,
            "https://example.org/a b",
            "page 4",
        )


async def test_search_query_typed_with_the_slash(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        burst(app, "slash", *typed("youth internship"))
        await handled(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#query", Input).value == "youth internship"
        burst(app, "enter")
        await handled(pilot)
        assert on_main_view(app)
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id == INTERNSHIP
        )


async def test_note_typed_with_the_n_and_saved(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first_commitment(pilot)
        burst(app, "n", *typed("Ask the Labour Department"), "enter", *typed("- 2025"), "ctrl+s")
        await handled(pilot)
        assert on_main_view(app)
        notes = Store.open(path).annotation(FINANCE_FIRST).notes
        assert [n.text for n in notes] == ["Ask the Labour Department\n- 2025"]


async def test_note_pasted_right_after_the_n(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first_commitment(pilot)
        burst(app, "n", events.Paste("pasted **text**"))
        await handled(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.screen.query_one(TextArea).text == "pasted **text**"
        burst(app, "ctrl+s")
        await handled(pilot)
        notes = Store.open(path).annotation(FINANCE_FIRST).notes
        assert [n.text for n in notes] == ["pasted **text**"]


async def test_tag_typed_with_the_t(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first_commitment(pilot)
        burst(app, "t", *typed("green finance, youth"), "enter")
        await handled(pilot)
        assert isinstance(app.screen, TagsScreen)
        assert app.screen.query_one("#new-tag", Input).value == ""
        burst(app, "enter")
        await handled(pilot)
        assert on_main_view(app)
        assert Store.open(path).annotation(FINANCE_FIRST).tags == ["green finance", "youth"]


async def test_export_file_name_typed_with_the_x(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = new_store(tmp_path)
    Store.open(path).add_note(FINANCE_FIRST, "A note for the report")
    monkeypatch.chdir(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        burst(app, "x", *typed("typed-report.md"))
        await handled(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.query_one("#path", Input).value == "typed-report.md"
        burst(app, "ctrl+s")
        await handled(pilot)
        assert on_main_view(app)
    assert "A note for the report" in (tmp_path / "typed-report.md").read_text(encoding="utf-8")


async def test_palette_query_typed_with_ctrl_p_then_a_note(tmp_path: Path) -> None:
    """Ctrl+P, words of a commitment, Enter jumps to it; n and the note typed next are
    for that commitment."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        burst(app, "ctrl+p", *typed("youth internship programme"), "enter")
        burst(app, "n", *typed("asked for numbers"), "ctrl+s")
        await handled(pilot)
        assert on_main_view(app)
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id == INTERNSHIP
        )
        notes = Store.open(path).annotation(INTERNSHIP).notes
        assert [n.text for n in notes] == ["asked for numbers"]


async def test_year_diff_keys_typed_with_the_d(tmp_path: Path) -> None:
    """d, then n (the first change) and Enter (go to it) in one burst: n waits for the
    comparison, as a person would wait to see the rows."""
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        burst(app, "d", "n")
        await handled(pilot)
        screen = app.screen
        assert isinstance(screen, DiffScreen) and screen.diff is not None
        first = screen.diff.changes[0]
        ids = {item.commitment.id for item in [*first.a, *first.b]}
        burst(app, "enter", "enter")  # the second Enter is for the tree
        await handled(pilot)
        assert on_main_view(app)
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id in ids
        )


async def test_orphan_reattached_by_keys_typed_with_the_o(tmp_path: Path) -> None:
    """o lists the orphans once they are worked out (in the background); Tab and Enter
    typed with it re-attach the orphan to the best suggestion."""
    source = SAMPLES / "hong-kong-zhejiang-2023-06-26.txt"
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    path = tmp_path / "store.json"
    store = Store.open(path, seed_samples=False)
    store.import_paths([copy])
    commitment = store.meetings()[0].areas[1].commitments[0]
    store.add_note(commitment.id, "my orphaned note")
    changed = commitment.text[: len(commitment.text) // 2] + " And a joint laboratory."
    copy.write_text(copy.read_text(encoding="utf-8").replace(commitment.text, changed))
    store.import_paths([copy])
    [orphan] = store.orphans()
    best = orphan.suggestions[0][0]
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        burst(app, "o", "tab", "enter")
        await handled(pilot)
        assert on_main_view(app)
        assert Store.open(path).orphans() == []
        assert [n.text for n in Store.open(path).annotation(best).notes] == ["my orphaned note"]


async def test_help_closed_by_a_key_typed_ahead(tmp_path: Path) -> None:
    """? then q closes the help (it does not quit the app); the tag typed after t is for
    the tags dialog."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first_commitment(pilot)
        burst(app, "question_mark", "q", "t", *typed("quokka"), "enter", "enter")
        await handled(pilot)
        assert on_main_view(app)
        assert Store.open(path).annotation(FINANCE_FIRST).tags == ["quokka"]


async def test_delete_confirmed_by_a_key_typed_ahead(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    store = Store.open(path)
    store.add_note(FINANCE_FIRST, "keep me")
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first_commitment(pilot)
        burst(app, "e", *typed(" too"), "ctrl+d", "n", "ctrl+s")  # n: keep, back to edit
        await handled(pilot)
        assert on_main_view(app)
        notes = Store.open(path).annotation(FINANCE_FIRST).notes
        assert [n.text for n in notes] == ["keep me too"]


# -- item 4: keys after a dialog closed go to the screen below, nothing crashes -----


@pytest.mark.parametrize("enters", [2, 3])
async def test_enters_after_the_tags_dialog_closed(tmp_path: Path, enters: int) -> None:
    """t Enter Enter (nothing typed) and t, a tag, three Enters."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first_commitment(pilot)
        tag = typed("youth") if enters == 3 else []
        burst(app, "t", *tag, *["enter"] * enters)
        await handled(pilot)
        assert on_main_view(app)
        assert Store.open(path).annotation(FINANCE_FIRST).tags == (["youth"] if tag else [])
    assert app.return_code in (None, 0)


async def test_enter_after_the_status_dialog_closed(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first_commitment(pilot)
        burst(app, "s", "down", "enter", "enter")
        await handled(pilot)
        assert on_main_view(app)
        statuses = [c.status for c in Store.open(path).annotation(FINANCE_FIRST).history]
        assert statuses == [Status.IN_PROGRESS]
    assert app.return_code in (None, 0)


async def test_enter_after_the_status_dialog_closed_from_the_source(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first_commitment(pilot)
        burst(app, "s", "tab", *typed("src"), "enter", "enter")
        await handled(pilot)
        assert on_main_view(app)
        [entry] = Store.open(path).annotation(FINANCE_FIRST).history
        assert (entry.status, entry.source, entry.evidence) == (Status.NOT_RATED, "src", None)
    assert app.return_code in (None, 0)


async def test_enter_after_the_search_closed(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert app.session.search_index is not None
        second = app.session.search_index.search("hong", limit=RESULT_LIMIT)[1]
        burst(app, "slash", *typed("hong"), "down", "enter", "enter")
        await handled(pilot)
        assert on_main_view(app)
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id == second.target_id
        )
    assert app.return_code in (None, 0)


async def test_enter_after_the_palette_closed(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        burst(app, "ctrl+p", *typed("hong"), "enter", "enter")
        await handled(pilot)
        assert on_main_view(app)
        assert not isinstance(app.screen, CommandPalette)
        assert "Jump to" not in screen_text(app)
    assert app.return_code in (None, 0)


async def test_a_dialog_dismissed_twice_closes_once(tmp_path: Path) -> None:
    """Two Submitted messages queued in one dialog (two Enters handled by the field
    before the first closed it) close it once; the main view stays."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first_commitment(pilot)
        await pilot.press("s", "tab", *"src")
        await settle(pilot)
        assert isinstance(app.screen, StatusScreen)
        field = app.screen.query_one("#source", Input)
        for _ in range(2):
            field.post_message(Input.Submitted(field, field.value))
        await settle(pilot)
        assert on_main_view(app)
        assert len(Store.open(path).annotation(FINANCE_FIRST).history) == 1
    assert app.return_code in (None, 0)


async def test_escape_and_the_key_after_it_in_one_burst(tmp_path: Path) -> None:
    """A terminal sends Escape then ``n`` typed together as the bytes of Alt+n: the app
    reads such a key as the two (it binds no Alt key). ``n``, text, Escape, ``n`` in one
    burst: the note is kept as a draft on Escape and the second ``n`` brings it back;
    ``s`` Escape ``t`` closes the status dialog and opens the tags."""
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first_commitment(pilot)
        burst(app, "n", *typed("draft text"))
        app.post_message(events.Key("alt+n", "n"))  # how "Escape n" arrives together
        await handled(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.screen.query_one(TextArea).text == "draft text"
        burst(app, "escape")
        await handled(pilot)
        assert on_main_view(app)
        burst(app, "s")
        app.post_message(events.Key("alt+t", "t"))
        burst(app, *typed("fast"), "enter", "enter")
        await handled(pilot)
        assert on_main_view(app)
    assert Store.open(app.store_path).annotation(FINANCE_FIRST).tags == ["fast"]


async def test_keys_typed_while_the_store_opens_go_to_the_view_it_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``i`` and a path typed at once while the store is still opening (a slow disk, a
    large store): the import dialog opens once the tree is there and the path is in its
    field, whole; no key acts on the tree or opens another dialog."""
    import threading

    from session import Session
    from tui.screens.import_releases import ImportScreen, SourceField

    path = new_store(tmp_path)
    opening = threading.Event()
    real_open = Session.open

    def slow_open(*args: object, **kwargs: object) -> Session:
        opening.wait(5)  # the store opens only once the keys are all in
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Session, "open", slow_open)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "i", *typed("releases/fast2032.txt"))
        await pilot.pause()
        assert app.session is None  # typed before the store was open
        opening.set()
        await handled(pilot)
        assert isinstance(app.screen, ImportScreen)
        assert app.screen.query_one(SourceField).value == "releases/fast2032.txt"


async def test_an_enter_typed_before_the_terminal_is_set_up_is_an_enter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys typed as the app starts reach it before the terminal takes raw input, which
    turns Enter into a line feed (Ctrl+J): ``i``, a folder and Enter sent at once (tmux
    send-keys 0.1 s after start) must import the folder, not leave the dialog waiting."""
    import threading

    from session import Session

    folder = tmp_path / "releases"
    folder.mkdir()
    shutil.copy(SAMPLES / "hong-kong-zhejiang-2023-06-26.txt", folder / "again.txt")
    text = (SAMPLES / "hong-kong-zhejiang-2025-04-24.txt").read_text(encoding="utf-8")
    (folder / "later.txt").write_text(text.replace("2025", "2027"), encoding="utf-8")
    path = new_store(tmp_path)
    opening = threading.Event()
    real_open = Session.open

    def slow_open(*args: object, **kwargs: object) -> Session:
        opening.wait(5)
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Session, "open", slow_open)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "i", *typed(str(folder)), "ctrl+j")
        await pilot.pause()
        opening.set()
        await handled(pilot)
        for _ in range(100):
            if "2 files" in screen_text(app):
                break
            await pilot.pause(0.05)
        assert "2 files: 1 added" in screen_text(app)

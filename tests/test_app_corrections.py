"""Pilot tests of correcting the parse in the app (issue 15): ``f`` on the selection opens
a menu of what applies; each correction goes from the keys to the store, and the tree
shows the corrected structure with the cursor on what was corrected. Keys are typed in
bursts (as a fast typist, a paste or ssh deliver them): each lands in the dialog it is
meant for."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from test_app_keys_burst import burst, handled
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
from test_app_writes import hold, release
from textual import events
from textual.widgets import Input

from store import Store
from store.corrections import split_point
from tui.app import CoopApp
from tui.screens.correct import CorrectMenuScreen, FixTextScreen, MoveScreen
from tui.screens.split import SplitScreen

ROOT = Path(__file__).resolve().parent.parent
MEETING_2023 = "4420f466fb7c"
FINANCE = "9f7d6b330862"  # 2023, Finance (inferred): 3 commitments
TRADE = "dbcb94cc3d11"  # 2023, Trade and Investment (the third area)
FIRST, SECOND = "31a5014a9d10", "96da56788eaa"  # Finance's first two commitments


def tree_label(app: CoopApp, target_id: str) -> str:
    node = app.main.agreement_tree.node_for(target_id)
    assert node is not None, f"{target_id} is not in the tree"
    return str(node.label)


def cursor_id(app: CoopApp) -> str | None:
    current = app.main.agreement_tree.current
    return current.id if current is not None else None


def area_of(store: Store, commitment_id: str) -> str:
    _meeting, area, _c = store.locate(commitment_id)
    assert area is not None
    return area.id


def run_elsewhere(path: Path, code: str) -> None:
    """Run ``code`` (with ``store`` open on ``path``) in another process, as a colleague
    in another window or a script would, under another author's name."""
    script = f"from store import Store\nstore = Store.open({str(path)!r})\n{code}"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"COOP_TUI_AUTHOR": "A colleague", "PATH": "/usr/bin:/bin", "HOME": str(path.parent)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


async def test_a_meetings_parties_typed_in_a_burst(tmp_path: Path) -> None:
    """On the meeting: f ↓ ↓ ↓ Enter (parties), the parties separated by ";", Enter — at
    once (the dialog once failed to open: the menu offered it, the opener did not know it)."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert cursor_id(app) == MEETING_2023
        await pilot.press("f", "down", "down", "down", "enter", "ctrl+u", *"HKSAR; Zhejiang")
        await pilot.press("enter")
        await settle(pilot)
        meeting = Store.open(path).meeting(MEETING_2023)
        assert meeting.parties == ["HKSAR", "Zhejiang"]
        assert meeting.original == {"parties": "Hong Kong; Zhejiang"}


async def test_renaming_an_area_typed_in_a_burst(tmp_path: Path) -> None:
    """↓ to Finance, f, Enter (Rename), the new name, Enter — all at once."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "f", "enter", *"Green finance", "enter")
        await settle(pilot)
        area = Store.open(path).meeting(MEETING_2023).areas[0]
        assert (area.id, area.name, area.original_name) == (FINANCE, "Green finance", "Finance")
        assert tree_label(app, FINANCE).startswith("Green finance (3)  ✱")  # named: not inferred
        assert cursor_id(app) == FINANCE
        assert "renamed from “Finance” (the parser's name)" in detail_text(app)


async def test_a_meetings_date_and_place(tmp_path: Path) -> None:
    """On the meeting: f ↓ Enter (date) … Enter, then f ↓ ↓ Enter (place) … Enter."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert cursor_id(app) == MEETING_2023
        await pilot.press("f", "down", "enter", *"2023-06-27", "enter")
        await pilot.press("f", "down", "down", "enter", *"Hangzhou", "enter")
        await settle(pilot)
        meeting = Store.open(path).meeting(MEETING_2023)
        assert (meeting.date, meeting.place) == ("2023-06-27", "Hangzhou")
        assert meeting.original == {"date": "2023-06-26", "place": "Hong Kong"}
        assert tree_label(app, MEETING_2023) == ("2023-06-27 · Hong Kong & Zhejiang · Hangzhou  ✱")
        shown = detail_text(app)
        assert "Date: 2023-06-27 ✱ corrected; the parser read “2023-06-26”" in shown
        assert "Place: Hangzhou ✱ corrected; the parser read “Hong Kong”" in shown


async def test_a_date_that_is_not_one_is_refused_and_kept_in_the_dialog(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    said = record_notices(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f", "down", "enter", *"27 June", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FixTextScreen)  # open again, with what was typed
        assert app.screen.query_one("#value", Input).value == "27 June"
        assert "is not a date; give it as YYYY-MM-DD" in flat(screen_text(app))
        assert said == []  # said once, in the dialog (no toast besides, to linger after)
        assert Store.open(path).meeting(MEETING_2023).date == "2023-06-26"


async def test_moving_a_commitment_to_another_area(tmp_path: Path) -> None:
    """f Enter (Move), ↓ to the second other area (Trade and Investment), Enter."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down", "f", "enter", "down", "enter")
        await settle(pilot)
        store = Store.open(path)
        assert area_of(store, FIRST) == TRADE
        _m, _a, moved = store.locate(FIRST)
        assert moved is not None and moved.moved_from == FINANCE
        assert cursor_id(app) == FIRST  # still on it, in its new area
        node = app.main.agreement_tree.node_for(FIRST)
        assert node is not None and node.parent is not None
        assert node.parent.data is not None and node.parent.data.id == TRADE
        assert tree_label(app, TRADE).startswith("Trade and Investment (3)")
        assert tree_label(app, FINANCE).startswith("Finance (2)")
        assert "✱" in tree_label(app, FIRST)
        assert "moved from area “Finance”" in detail_text(app)


async def test_moving_a_commitment_to_a_new_area(tmp_path: Path) -> None:
    """f Enter (Move), Tab to the new area's name, type it, Enter."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down", "f", "enter", "tab", *"Capital markets")
        await pilot.press("enter")
        await settle(pilot)
        _meeting, area, _c = Store.open(path).locate(FIRST)
        assert area is not None and (area.name, area.added) == ("Capital markets", True)
        assert area.id != FINANCE and [c.id for c in area.commitments] == [FIRST]
        assert cursor_id(app) == FIRST
        assert tree_label(app, area.id).startswith("Capital markets (1)  ✱")
        assert "a new area: commitments were moved here" not in detail_text(app)
        await pilot.press("shift+left")  # to its area
        await settle(pilot)
        assert "a new area: commitments were moved here" in detail_text(app)


async def test_splitting_a_commitment_with_a_live_preview(tmp_path: Path) -> None:
    """f ↓ Enter (Split), the words where the second part starts: the preview shows both
    parts as they are typed; Enter splits; the cursor is on the first part."""
    path = new_store(tmp_path)
    text = Store.open(path).locate(FIRST)[2].text  # type: ignore[union-attr]
    at = "give full play to the role"
    point = split_point(text, at)
    assert point is not None
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down", "f", "down", "enter", *"give full play")
        await settle(pilot)
        assert isinstance(app.screen, SplitScreen)
        preview = flat(str(app.screen.query_one("#preview").render()))
        assert preview.startswith("1 Encourage Zhejiang enterprises")
        assert "2 give full play to the role of Hong Kong's capital market" in preview
        await pilot.press(*" to the role", "enter")
        await settle(pilot)
        _m, area, first = Store.open(path).locate(FIRST)
        assert area is not None and first is not None
        assert first.text == text[:point].rstrip() and first.original_text == text
        second = area.commitments[1]
        assert second.text == text[point:].strip() and second.origin == "split"
        assert cursor_id(app) == FIRST
        assert tree_label(app, second.id).startswith("○ give full play to the role")
        assert tree_label(app, FINANCE).startswith("Finance (4)")
        shown = detail_text(app)
        assert "split: this is the first part" in shown and "The parser's text" in shown
        await pilot.press("down")
        await settle(pilot)
        assert f"split from commitment {FIRST}" in detail_text(app)


async def test_a_split_point_that_occurs_twice_is_said_and_not_taken(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down", "f", "down", "enter", *"Hong Kong", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SplitScreen)  # Enter did not split
        assert "These words occur more than once: type more of them" in flat(screen_text(app))
        assert Store.open(path).corrections() == []


async def test_merging_two_commitments_of_an_area(tmp_path: Path) -> None:
    """On the second commitment: f ↓ ↓ Enter (Merge), Enter on the first: the earlier one
    keeps its ID, and the cursor is on it."""
    path = new_store(tmp_path)
    store = Store.open(path)
    first_text = store.locate(FIRST)[2].text  # type: ignore[union-attr]
    second_text = store.locate(SECOND)[2].text  # type: ignore[union-attr]
    store.add_note(SECOND, "a note on the second")
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down", "down", "f", "down", "down", "enter", "enter")
        await settle(pilot)
        store = Store.open(path)
        _m, area, merged = store.locate(FIRST)
        assert area is not None and merged is not None
        assert merged.text == f"{first_text} {second_text}" and merged.merged == [SECOND]
        assert [c.id for c in area.commitments][:1] == [FIRST] and len(area.commitments) == 2
        assert [n.text for n in store.annotation(FIRST).notes] == ["a note on the second"]
        assert cursor_id(app) == FIRST
        assert app.main.agreement_tree.node_for(SECOND) is None
        assert tree_label(app, FINANCE).startswith("Finance (2)")
        assert f"merged from {SECOND}" in detail_text(app)


async def test_excluding_a_commitment_and_restoring_it(tmp_path: Path) -> None:
    """f ↓ ↓ ↓ Enter excludes: the commitment stays under its area, dimmed and marked,
    not counted; f Enter on it restores it."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down", "f", "down", "down", "down", "enter")
        await settle(pilot)
        _m, area, _c = Store.open(path).locate(FINANCE)
        assert area is not None and [c.id for c in area.excluded] == [FIRST]
        assert FIRST not in [c.id for c in area.commitments]
        assert tree_label(app, FIRST).startswith("⊘ Encourage Zhejiang")
        assert tree_label(app, FIRST).endswith("excluded — not a commitment")
        assert tree_label(app, FINANCE).startswith("Finance (2)")
        assert cursor_id(app) == FIRST
        assert "Excluded — not a commitment" in detail_text(app)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, CorrectMenuScreen)
        assert [f.action for f in app.screen.fixes] == ["restore"]
        await pilot.press("enter")
        await settle(pilot)
        _m, area, _c = Store.open(path).locate(FINANCE)
        assert area is not None and not area.excluded and len(area.commitments) == 3
        assert tree_label(app, FIRST).startswith("○ Encourage Zhejiang")
        assert tree_label(app, FINANCE).startswith("Finance (3)")


async def test_adding_a_commitment_from_the_source(tmp_path: Path) -> None:
    """On an area: f ↓ Enter (Add), a passage of the release, Enter: text not in the
    release is refused (the dialog comes back with it); text in it, pasted as several
    lines (the field keeps them all, joined), is added."""
    path = new_store(tmp_path)
    store = Store.open(path)
    source = store.source_text(MEETING_2023)
    sentence = re.search(r"[A-Z][^.\n]{40,200}\.", source)
    assert sentence is not None
    passage = sentence.group()
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "f", "down", "enter", *"Words no release says", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FixTextScreen)
        assert app.screen.query_one("#value", Input).value == "Words no release says"
        assert "the text is not in the source of meeting" in flat(screen_text(app))
        await pilot.press("ctrl+shift+a")  # select it all, and paste over it, in lines
        app.post_message(events.Paste(passage.replace(" ", "\n", 3)))
        await pilot.press("enter")
        await settle(pilot)
        _m, area, _c = Store.open(path).locate(FINANCE)
        assert area is not None
        added = area.commitments[-1]
        assert (added.text, added.origin) == (passage, "added")
        assert cursor_id(app) == added.id
        assert "added from the source" in detail_text(app)


async def test_escape_in_the_menu_and_in_a_dialog_changes_nothing(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down", "f", "escape", "f", "enter", "escape")
        await settle(pilot)
        assert app.screen is app.main
        assert Store.open(path).corrections() == []


async def test_a_rename_refused_because_it_was_renamed_elsewhere_keeps_the_name_typed(
    tmp_path: Path,
) -> None:
    """Another process renames the area while the dialog is open: the app's rename is
    not written over it; the dialog opens again with the name typed and says why."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "f", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FixTextScreen)
        run_elsewhere(path, f"store.rename_area({FINANCE!r}, 'Their name')")
        await pilot.press(*"My name", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FixTextScreen)
        assert app.screen.query_one("#value", Input).value == "My name"
        shown = flat(screen_text(app))
        assert "the area's name was changed elsewhere since it was shown" in shown
        assert Store.open(path).meeting(MEETING_2023).areas[0].name == "Their name"
        await pilot.press("enter")  # on what is shown now: saved over theirs
        await settle(pilot)
        assert Store.open(path).meeting(MEETING_2023).areas[0].name == "My name"
        assert tree_label(app, FINANCE).startswith("My name (3)")


async def test_the_menu_shows_only_what_applies(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        menus = []
        for keys in (("f",), ("escape", "down", "f"), ("escape", "enter", "down", "f")):
            await pilot.press(*keys)
            await settle(pilot)
            assert isinstance(app.screen, CorrectMenuScreen)
            menus.append([fix.action for fix in app.screen.fixes])
        assert menus == [
            ["title", "date", "place", "parties"],
            ["rename", "add"],
            ["move", "split", "merge", "exclude"],
        ]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MoveScreen)
        assert "Now in: Finance" in flat(screen_text(app))


async def test_keys_typed_after_a_correction_are_not_undone_by_its_refresh(
    tmp_path: Path,
) -> None:
    """Enter ↓ typed right after the rename's Enter, while it waits to be written (another
    process holds the store): the cursor stays where they took it when the tree is
    refreshed, not back on the renamed area."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        holder = hold([], path)
        try:
            await pilot.press("down", "f", "enter", *"Green finance", "enter", "enter", "down")
            await pilot.pause(0.3)
            assert cursor_id(app) == FIRST and app.session is not None and app.session.pending
        finally:
            release(holder)
        await settle(pilot)
        assert Store.open(path).meeting(MEETING_2023).areas[0].name == "Green finance"
        assert tree_label(app, FINANCE).startswith("Green finance (3)")
        assert cursor_id(app) == FIRST


async def test_corrections_posted_in_one_burst(tmp_path: Path) -> None:
    """Every key posted to the app at once (as a paste or ssh delivers them, before the
    first is handled): a date, a rename, a split and a move to a new area, one after
    another, each in the dialog it was typed for."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "f", "down", "enter", *"2023-06-27", "enter")  # the meeting's date
        burst(app, "down", "f", "enter", *"Green finance", "enter")  # Finance renamed
        burst(app, "enter", "down", "f", "down", "enter", *"give full play", "enter")
        burst(app, "f", "enter", "tab", *"Capital markets", "enter")  # the first part moved
        await handled(pilot)
        assert app.screen is app.main
        store = Store.open(path)
        meeting = store.meeting(MEETING_2023)
        assert meeting.date == "2023-06-27"
        assert meeting.areas[0].name == "Green finance"
        _m, area, first = store.locate(FIRST)
        assert area is not None and first is not None
        assert area.name == "Capital markets" and first.original_text is not None
        assert [c.origin for c in meeting.areas[0].commitments] == ["split", None, None]
        assert cursor_id(app) == FIRST
        assert tree_label(app, area.id).startswith("Capital markets (1)  ✱")


async def test_search_and_the_year_diff_see_the_corrected_structure(tmp_path: Path) -> None:
    """After a rename and an exclusion, / finds the area by its new name and no longer
    finds the excluded commitment; the year diff's meetings are the corrected ones."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "f", "enter", *"Zebra finance", "enter")
        await pilot.press("enter", "down", "down", "f", "down", "down", "down", "enter")
        await settle(pilot)
        session = app.session
        assert session is not None and session.search_index is not None
        found = {hit.target_id for hit in session.search_index.search("zebra")}
        assert FINANCE in found
        green = {hit.target_id for hit in session.search_index.search("green sustainable grant")}
        assert SECOND not in green
        diffed = next(m for m in session.meetings if m.id == MEETING_2023)
        assert diffed.areas[0].name == "Zebra finance"
        assert SECOND not in [c.id for c in diffed.commitments]
        await pilot.press("slash", *"zebra")
        await settle(pilot)
        assert "Zebra finance" in flat(screen_text(app))


async def test_names_from_users_are_shown_literally(tmp_path: Path) -> None:
    """A name typed with markup is shown as typed in the tree, the detail pane and the
    menu's title."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "f", "enter", *"[bold red]Fin[/] [@click=app.quit]x[/]", "enter")
        await settle(pilot)
        name = "[bold red]Fin[/] [@click=app.quit]x[/]"
        assert Store.open(path).meeting(MEETING_2023).areas[0].name == name
        assert tree_label(app, FINANCE).startswith(f"{name} (3)")
        assert f"Area: {name} (3)" in detail_text(app)
        await pilot.press("f")
        await settle(pilot)
        assert f"Correct the area: {name}" in screen_text(app)
        assert app.is_running


async def test_a_split_refused_because_the_text_changed_elsewhere_keeps_the_words(
    tmp_path: Path,
) -> None:
    """Another process splits the commitment while the split dialog is open: the app's
    split is refused (its text is no longer the one shown); the dialog opens again on the
    text as it is now, with the words typed and why."""
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down", "f", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SplitScreen)
        run_elsewhere(path, f"store.split_commitment({FIRST!r}, 'encourage Zhejiang fintech')")
        await pilot.press(*"give full play", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SplitScreen)
        assert app.screen.query_one("#at", Input).value == "give full play"
        now = Store.open(path).locate(FIRST)[2]
        assert now is not None and app.screen.text == now.text  # the text as it is now
        assert "the commitment's text was changed elsewhere since it was shown" in flat(
            screen_text(app)
        )
        await pilot.press("enter")  # the words are still in the first part: split there
        await settle(pilot)
        _m, area, _c = Store.open(path).locate(FIRST)
        assert area is not None and len(area.commitments) == 5

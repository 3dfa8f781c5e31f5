"""Issue 15, the source view (``w``): the release as stored, scrolled to the selected
commitment, which is highlighted (▶ in the gutter); headings, inferred headings,
context and dropped text each marked; Escape closes; ``a`` on a dropped paragraph asks
for an area and adds it as a commitment. Keys are pressed in bursts, as typed ahead."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import AREAS, release_text
from test_app_support import SIZE, app_for, flat, new_store, screen_text, settle
from textual.geometry import Offset
from textual.pilot import Pilot
from textual.selection import Selection

from store import Store
from tui.main.screen import MainScreen
from tui.screens.source import AreaPickerScreen, SourceScreen
from tui.widgets.source_lines import GUTTER, SourceLines

FINANCE_FIRST = "31a5014a9d10"  # the 2023 sample: Finance (heading inferred), first
TO_FINANCE_FIRST = ("down", "enter", "down")
CAPTION = "Source: Testland Daily, a photo of the delegates at the signing"
WORDS = "Testland Daily, a photo"  # selected with the mouse: a part of the caption


def rows(screen: SourceScreen) -> list[tuple[str, str]]:
    """(gutter symbol, text) of each line the source view shows now (read from the
    screen: the rows of the view, cut where its gutter ends)."""
    view = screen.query_one(SourceLines)
    region = view.scrollable_content_region
    out = []
    for line in screen_text(screen.app).splitlines()[region.y : region.bottom]:
        gutter = line[region.x : region.x + view.gutter_width]
        text = line[region.x + view.gutter_width : region.right]
        symbol = next((s for s in GUTTER.values() if s.strip() and s in gutter), "")
        out.append((symbol, text.strip()))
    return out


async def test_w_opens_the_source_at_the_commitment_highlighted(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    text = Store.open(tmp_path / "store.json").locate(FINANCE_FIRST)[2]
    assert text is not None
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*TO_FINANCE_FIRST, "w")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        shown = rows(screen)
        chosen = " ".join(t for s, t in shown if s == GUTTER["chosen"])
        assert flat(chosen).startswith(flat(text.text)[:60])  # its lines, marked ▶
        assert flat(text.text) in flat(chosen)
        assert (GUTTER["inferred"], "(inferred heading: Finance)") in shown
        assert any(
            s == GUTTER["heading"] and t.endswith("Innovation and Technology") for s, t in shown
        )
        assert any(s == GUTTER["commitment"] for s, _ in shown)  # the others, unmarked
        assert "this commitment" in screen_text(app)  # the line under the text, and legend
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_the_view_shows_context_and_dropped_text_and_moves_by_paragraph(
    tmp_path: Path,
) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*TO_FINANCE_FIRST, "w", "p")  # to the stated count, above
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        unit = screen.query_one(SourceLines).current
        assert unit is not None and unit.kind == "context"
        assert "12 mutual co-operation areas" in screen.source.text[unit.start : unit.end]
        assert "context the parser read" in screen_text(app)
        await pilot.press("p", "p", "p", "p")  # the title, then the page's first line
        await settle(pilot)
        shown = rows(screen)
        assert shown[0] == (GUTTER["dropped"], "Go to main content")
        assert "dropped by the parser · a: add it as a commitment" in screen_text(app)
        assert any(s == GUTTER["context"] for s, _ in shown)
        await pilot.press("q")  # q closes it too
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_a_on_a_commitment_says_what_to_do_and_stays(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press(*TO_FINANCE_FIRST, "w", "a")
        await settle(pilot)
        assert isinstance(app.screen, SourceScreen)
        lines = screen_text(app).splitlines()
        toasts = [
            flat(
                " ".join(
                    line[t.region.x : t.region.right]
                    for line in lines[t.region.y : t.region.bottom]
                )
            )
            for t in app.screen.query("Toast")
        ]
        assert toasts and "put the cursor on context or dropped text" in toasts[0]


@pytest.fixture
def caption_store(tmp_path: Path) -> Path:
    """A store with one release whose caption (between two Aviation commitments) the
    parser dropped."""
    text = release_text().replace(AREAS["Aviation"][0], f"{AREAS['Aviation'][0]}\n\n{CAPTION}")
    (tmp_path / "release.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "store.json"
    store = Store.open(path, seed_samples=False)
    assert [r.outcome for r in store.import_paths([tmp_path / "release.txt"])] == ["added"]
    assert CAPTION not in [c.text for c in store.meetings()[0].commitments]
    return path


async def test_a_on_a_dropped_paragraph_adds_it_to_the_area_picked(caption_store: Path) -> None:
    app = app_for(caption_store)
    aviation = Store.open(caption_store).meetings()[0].areas[1]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # the meeting, Aviation, its first commitment; the view; the caption below it; a
        await pilot.press("down", "down", "enter", "down", "w", "n", "a")
        await settle(pilot)
        assert isinstance(app.screen, AreaPickerScreen)
        assert "Add as a commitment: Source: Testland Daily" in screen_text(app)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    area = Store.open(caption_store).meetings()[0].areas[1]
    assert area.id == aviation.id
    added = [c for c in area.commitments if c.origin == "added"]
    assert [c.text for c in added] == [CAPTION]


async def test_the_whole_add_flow_typed_ahead_in_one_burst(caption_store: Path) -> None:
    app = app_for(caption_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "enter", "down", "w", "n", "a", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    finance = Store.open(caption_store).meetings()[0].areas[0]
    assert [c.text for c in finance.commitments if c.origin == "added"] == [CAPTION]


async def test_escape_in_the_area_picker_goes_back_to_the_view(caption_store: Path) -> None:
    app = app_for(caption_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "enter", "down", "w", "n", "a", "escape")
        await settle(pilot)
        assert isinstance(app.screen, SourceScreen)
    meeting = Store.open(caption_store).meetings()[0]
    assert not [c for c in meeting.commitments if c.origin == "added"]


async def test_text_selected_with_the_mouse_is_what_a_adds(caption_store: Path) -> None:
    """A selection (Textual's, as a mouse drag makes it) within the caption: ``a`` adds
    the selected words (enough of them to be a commitment), not the whole paragraph."""
    app = app_for(caption_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "enter", "down", "w")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        view = screen.query_one(SourceLines)
        row = next(i for i, (_s, t) in enumerate(rows(screen)) if t.startswith(CAPTION))
        y = row + int(view.scroll_y)
        start = len("Source: ")
        screen.selections = {
            view: Selection.from_offsets(Offset(start, y), Offset(start + len(WORDS), y))
        }
        assert screen.get_selected_text() == WORDS
        await pilot.press("a", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    finance = Store.open(caption_store).meetings()[0].areas[0]
    assert [c.text for c in finance.commitments if c.origin == "added"] == [WORDS]


def test_snapshot_of_the_source_view(tmp_path: Path, snap_compare) -> None:
    """The 2023 sample's release opened with ``w`` on Finance's first commitment: the
    title line (Source · 2023-06-26 · Hong Kong & Zhejiang · Hong Kong · the file name),
    the legend (▶ this commitment ● commitment ✕ excluded § heading ◇ inferred heading
    ✂ dropped by the parser · context); three rows of context above; the stated count
    (·, line 5); "(inferred heading: Finance)" in italics (◇); the commitment's six
    wrapped rows in reverse, ▶ in the gutter and the cursor bar ▌; the next commitments
    (●, lines 7 and 8), the heading Innovation and Technology (§, bold, underlined);
    under the text "this commitment", and the key bar: esc Close, n/↓ Next, p/↑ Prev,
    a Add."""
    app = app_for(new_store(tmp_path))

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press(*TO_FINANCE_FIRST, "w")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


async def test_the_release_is_shown_literally(tmp_path: Path) -> None:
    """Markup in a release is text, and a right-to-left override is shown as its mark
    (it would reverse what follows it on the screen)."""
    areas = {
        "Finance": [
            "Encourage [bold red]listing[/] in Hong Kong \u202eand Testland.",
            "Support x.",
        ],
        "Aviation": ["Increase the frequency of direct flights."],
    }
    (tmp_path / "r.txt").write_text(release_text(areas), encoding="utf-8")
    path = tmp_path / "store.json"
    Store.open(path, seed_samples=False).import_paths([tmp_path / "r.txt"])
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down", "w")  # Finance, its first
        await settle(pilot)
        assert isinstance(app.screen, SourceScreen)
        shown = rows(app.screen)
        (chosen,) = [t for s, t in shown if s == GUTTER["chosen"]]
        assert chosen == "Encourage [bold red]listing[/] in Hong Kong ⟨RLO⟩and Testland."


async def test_an_area_opens_at_its_heading_and_a_meeting_at_its_first_line(
    tmp_path: Path,
) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")  # the 2023 meeting (selected at start)
        await settle(pilot)
        shown = rows(app.screen)
        assert shown[1][1].startswith("Zhejiang and Hong Kong signed a number of co-operation")
        assert GUTTER["chosen"] not in [s for s, _ in shown]  # nothing singled out
        # its second area, whose heading is in the page: the heading and commitments ▶
        await pilot.press("escape", "down", "down", "w")
        await settle(pilot)
        shown = rows(app.screen)
        at = shown.index((GUTTER["chosen"], "Innovation and Technology"))
        assert shown[at + 1][0] == GUTTER["chosen"] and shown[at + 1][1].startswith("Strengthen")
        assert "this area's heading" in screen_text(app)

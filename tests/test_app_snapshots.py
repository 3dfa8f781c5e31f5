"""SVG snapshots of the main screens (pytest-textual-snapshot).

The store holds the bundled samples plus a fixed status, tags and note; times are
shown as a fixed value and the header shows the store's file name only, so every
run draws the same picture. Update with ``pytest --snapshot-update`` after checking
the new pictures by eye.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_app_support import SIZE, app_for, new_store, screen_text, settle
from textual.pilot import Pilot

import store.edits
import tui.labels
import tui.screens.export
import tui.screens.import_releases
from store import Status, Store
from tui.screens.status import StatusScreen

FINANCE_FIRST = "31a5014a9d10"


@pytest.fixture
def annotated_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tui.labels, "format_time", lambda _iso: "2025-05-01 09:30 UTC")
    path = new_store(tmp_path)
    store = Store.open(path)
    store.set_status(FINANCE_FIRST, Status.IN_PROGRESS, source="HKEX listing statistics 2024")
    store.set_status(
        FINANCE_FIRST,
        Status.IMPLEMENTED,
        source="https://www.info.gov.hk/gia/general/202504/24/P2025042400001.htm",
        evidence="Three Zhejiang firms listed in Hong Kong in 2024",
    )
    store.add_tags(FINANCE_FIRST, ["finance", "capital markets"])
    store.add_note(
        FINANCE_FIRST,
        "## Follow-up\n\nCheck the **2025** release: it repeats this commitment.\n\n"
        "- listing\n- bonds",
    )
    return path


def prepared(*keys: str):
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.sub_title = "store.json"
        await pilot.press("down", "enter", "down")
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run_before


def test_main_view(annotated_store: Path, snap_compare) -> None:
    """The tree with 2023 expanded and Finance (inferred) open; its first commitment
    selected (● badge, ✎ 1, #2); on the right its full text, area and meeting, status
    implemented with two history entries, tags #finance #capital markets, and the note
    rendered as Markdown (heading, bold, list). Footer: / s n e del t f o d ? q (x
    and ^z ^y left out for want of room), and
    ^p palette at the right-hand end."""
    app = app_for(annotated_store)
    assert snap_compare(app, terminal_size=SIZE, run_before=prepared())


def test_search(annotated_store: Path, snap_compare) -> None:
    """The search dialog over the main view with the query "youth intern": three
    results, matched words in reverse video, each with its area and date below."""
    app = app_for(annotated_store)
    assert snap_compare(app, terminal_size=SIZE, run_before=prepared("slash", *"youth intern"))


def test_note_editor(annotated_store: Path, snap_compare) -> None:
    """The note editor editing the Finance commitment's note: title "Edit note on: …",
    the Markdown source in a text area, Delete / Cancel / Save buttons, footer keys."""
    app = app_for(annotated_store)
    assert snap_compare(app, terminal_size=SIZE, run_before=prepared("e"))


def test_status_dialog(annotated_store: Path, snap_compare) -> None:
    """The status dialog for the Finance commitment: the six statuses with badges,
    "implemented" highlighted as current, empty source and evidence fields."""
    app = app_for(annotated_store)
    assert snap_compare(app, terminal_size=SIZE, run_before=prepared("s"))


def test_help(annotated_store: Path, snap_compare) -> None:
    """The keys dialog, titled "Keys": every key of the main view (/ s n e del v l [ ] t
    f o d x w c L ^r ? ^z, "^y, shift+^z" q ^p), then the start of the tree's (the list
    scrolls on to search's, status', tags', the note editor's and the orphans'); footer:
    esc Close."""
    app = app_for(annotated_store)
    assert snap_compare(app, terminal_size=SIZE, run_before=prepared("question_mark"))


def test_diff_screen(annotated_store: Path, snap_compare) -> None:
    """The year diff (d) of 2023 and 2025: both meetings in the pickers at the top, the
    summary line (+ new, − dropped, ~ reworded … areas: 12 continued), then two columns
    split by a rule: the area "Trade and Investment" beside its renamed successor, and
    below it the first change under the cursor (n) — the dropped 2023 commitment on the
    left with its ○ badge, the new side empty and highlighted; footer: ⏎ esc n/] p/[."""
    app = app_for(annotated_store)
    assert snap_compare(app, terminal_size=SIZE, run_before=prepared("d", "n"))


def test_corrected_tree(annotated_store: Path, snap_compare) -> None:
    """A corrected area and an excluded commitment. Tree: Finance renamed "Finance and
    capital markets (3)  ✱" (named now: no longer "inferred"), open; its first commitment
    split in two, both parts with ✱ (the first selected, with its ● ✎ 1 #2; the second
    "○ give full play to the role…"); the third commitment; then "⊘ Promote Hong Kong's
    green…  excluded — not a commitment", dimmed and struck through, not counted. Detail
    pane: the first part's text, "✱ split: this is the first part", and under "The
    parser's text" the whole text as parsed; the area line "Finance and capital markets
    (3)  ✱"."""
    store = Store.open(annotated_store)
    store.rename_area("9f7d6b330862", "Finance and capital markets")
    store.split_commitment(FINANCE_FIRST, "give full play to the role")
    store.exclude_commitment("96da56788eaa")
    app = app_for(annotated_store)
    assert snap_compare(app, terminal_size=SIZE, run_before=prepared())


SMALL = (80, 24)


class _Day(date):
    @classmethod
    def today(cls) -> _Day:
        return cls(2025, 5, 1)


def test_main_view_80x24(annotated_store: Path, snap_compare) -> None:
    """The main view in an 80×24 window: the key bar leaves out the keys that do not
    fit, the last first, but keeps ? Help and q Quit (and ^p palette at the end)."""
    app = app_for(annotated_store)
    assert snap_compare(app, terminal_size=SMALL, run_before=prepared())


def test_status_dialog_80x24_keeps_its_title(annotated_store: Path, snap_compare) -> None:
    """The status dialog at 80×24 with the evidence field focused (Tab Tab): the
    fields have scrolled, the title "Status of: …" is still at the top."""
    app = app_for(annotated_store)
    assert snap_compare(app, terminal_size=SMALL, run_before=prepared("s", "tab", "tab"))


def test_export_dialog_80x24_keeps_its_title(
    annotated_store: Path, snap_compare, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export dialog at 80×24 with the last checkbox focused: the fields have
    scrolled to it, the title "Export notes" is still at the top."""
    monkeypatch.setattr(tui.screens.export, "date", _Day)
    app = app_for(annotated_store)
    keys = ("x", *["tab"] * 7)
    assert snap_compare(app, terminal_size=SMALL, run_before=prepared(*keys))


async def test_a_dialog_title_stays_in_view_when_its_fields_scroll(annotated_store: Path) -> None:
    app = app_for(annotated_store)
    async with app.run_test(size=SMALL) as pilot:
        await prepared("s", "tab", "tab")(pilot)
        screen = app.screen
        assert isinstance(screen, StatusScreen)
        box = screen.query_one("VerticalScroll")
        assert box.scroll_y > 0  # the fields scrolled to the evidence field
        title = screen.query_one(".title")
        assert box.region.contains_region(title.region)
        assert "Status of:" in screen_text(app).splitlines()[title.content_region.y]


@pytest.fixture
def rated_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The samples with statuses set at fixed times (May to August 2025), in both
    meetings and several areas: the overview draws the same picture every run."""
    clock = ["2025-05-02T09:00:00.000Z"]
    monkeypatch.setattr(store.edits, "now_iso", lambda: clock[0])
    path = new_store(tmp_path)
    st = Store.open(path)
    first, second = st.meetings()
    plan = [
        ("2025-05-02", first.areas[0].commitments[0], Status.IN_PROGRESS),
        ("2025-05-02", first.areas[0].commitments[1], Status.IMPLEMENTED),
        ("2025-05-20", first.areas[1].commitments[0], Status.PARTIAL),
        ("2025-06-11", first.areas[1].commitments[1], Status.STALLED),
        ("2025-06-11", first.areas[2].commitments[0], Status.NOT_IMPLEMENTED),
        ("2025-08-05", first.areas[0].commitments[0], Status.IMPLEMENTED),
        ("2025-08-05", second.areas[0].commitments[0], Status.IMPLEMENTED),
        ("2025-08-06", second.areas[0].commitments[1], Status.PARTIAL),
        ("2025-08-06", second.areas[2].commitments[0], Status.STALLED),
    ]
    for day, commitment, status in plan:
        clock[0] = f"{day}T09:00:00.000Z"
        st.set_status(commitment.id, status)
    return path


def test_overview(rated_store: Path, snap_compare) -> None:
    """The compliance overview (c) of the samples' series, Hong Kong & Zhejiang: the
    series picker and "raters disagree" box at the top, the tag / author / as-of fields,
    the line "2 meetings · 57 commitments, 8 rated · compliance 0.00 (50 %)"; the matrix
    with a row per area (renamed ones as "Old name → new name", cut with …), a column
    per meeting (2023-06-26, 2025-04-24) and All, each cell its figures then its symbol
    on its colour, as the command line and the report write them (Finance 2023 "+1.00 ·
    2/3 ▲▲" under the cursor), unrated cells "not rated · 0/n ·", Housing "—" in 2023,
    the All areas row last; under it the cell under the cursor named whole; at the
    bottom left the legend and a status bar per meeting with its counts, at the right
    the trend from 2025-05 to 2025-08 (July with no change); footer: esc ] [ f."""
    app = app_for(rated_store)
    assert snap_compare(app, terminal_size=SIZE, run_before=prepared("c"))


def test_import_dialog(
    annotated_store: Path, snap_compare, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import dialog (i) over the main view: title "Import releases", the line
    saying what it takes and that a path is relative to /home/researcher/releases, the
    field with "https://www.example.gov.mo/release-2025.html" typed, under it the list
    holding the folder "Sichuan Macao 2024" (a space in the name) listed with Ctrl+N,
    and the hint "Enter imports · Ctrl+N lists it and takes another · → completes a
    path · Tab to the list: Delete removes, Enter edits · Escape cancels"; key bar: esc
    Close, ^n Add another (Delete is the list's: the field deletes with it)."""
    folder = annotated_store.parent / "Sichuan Macao 2024"
    folder.mkdir()
    monkeypatch.setattr(
        tui.screens.import_releases, "working_directory", lambda: annotated_store.parent
    )
    monkeypatch.setattr(
        tui.screens.import_releases, "shown_directory", lambda _path: "/home/researcher/releases"
    )
    app = app_for(annotated_store)
    keys = ("i", *"Sichuan Macao 2024", "ctrl+n", *"https://www.example.gov.mo/release-2025.html")
    assert snap_compare(app, terminal_size=SIZE, run_before=prepared(*keys))


@pytest.fixture
def two_languages_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The 2024 meeting in English (imported first) and in Traditional Chinese, its first
    commitment rated through the English version."""
    from tests.bilingual_support import write_pair

    monkeypatch.setattr(tui.labels, "format_time", lambda _iso: "2025-05-01 09:30 UTC")
    en, zh = write_pair(tmp_path / "releases")
    path = tmp_path / "store.json"
    store = Store.open(path, seed_samples=False, create=True)
    store.import_paths([en])
    store.import_paths([zh])
    first = store.meetings()[0].areas[0].commitments[0]
    store.set_status(first.id, Status.IN_PROGRESS, source="HKEX listing statistics 2025")
    return path


def test_two_languages(two_languages_store: Path, snap_compare) -> None:
    """L twice: the tree in 繁體中文 (the header ends "store.json  ·  繁體中文"):
    "2024-09-12 · 香港 & 浙江 · 杭州" open, 金融 open with its two commitments (the first
    selected, with the ◐ badge of the status set on the English version), 航空 and 教育
    (2) closed. Detail pane: "Commitment …", the Chinese text in the bordered body, then
    the heading "English" and the English text in a body of its own, wrapped; the area 金融
    and the meeting; status in progress with its history entry (source HKEX listing
    statistics 2025). Key bar: / s n t f o x w c ? q (L Language, at the end, is left
    out for want of room on a commitment)."""
    app = app_for(two_languages_store)
    keys = ("L", "L", "down", "enter", "down")

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.sub_title = "store.json"
        await pilot.press(*keys)
        await settle(pilot)
        pilot.app.clear_notifications()  # "Showing 繁體中文." said; not in the picture
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)

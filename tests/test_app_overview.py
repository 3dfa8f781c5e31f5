"""Pilot tests of the compliance overview (``c``, issue 16): the matrix of one series'
areas × meetings with hand-computed figures, a renamed area kept on its row, Enter on a
cell and on a commitment, the filters, the refresh after a write here or in another
process, keys typed ahead, and area names shown literally.

The store holds two small releases of the same parties (Hong Kong and Testland, 2023
and 2024), written here: Finance in both, "Culture and Tourism" renamed "Cultural
exchange and tourism", and a third area; a third release of other parties (Otherland)
makes a second series.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.color import Color
from test_app_keys_burst import burst, handled
from test_app_support import SIZE, app_for, flat, screen_text, settle
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

import store.author
import store.edits
from session import Session
from stats import Filters, Overview
from store import Status, Store, StoreError
from tui.app import CoopApp, make_app
from tui.changes import SetStatus
from tui.screens.cell_list import CellListScreen
from tui.screens.overview import OverviewScreen
from tui.widgets.overview_matrix import OverviewMatrix

ROOT = Path(__file__).resolve().parent.parent
SMALL = (80, 24)

FIRST = {
    "Finance": [
        "Encourage Testland enterprises to list in Hong Kong and to issue green bonds in the "
        "Hong Kong market.",
        "Support Testland enterprises in setting up treasury centres in Hong Kong to manage "
        "overseas funds.",
        "Deepen the mutual access of the two financial markets through the bond connect.",
    ],
    "Culture and Tourism": [
        "Jointly promote multi-destination tourism products combining Hong Kong and Testland "
        "attractions.",
        "Hold cultural exhibitions of museums of the two places in turn every year.",
    ],
    "Aviation": [
        "Strengthen the co-operation between the airports of Hong Kong and Testland on cargo "
        "handling.",
        "Increase the frequency of direct flights between Hong Kong and the main cities of "
        "Testland.",
    ],
}
SECOND = {
    "Finance": [
        "Encourage Testland enterprises to list in Hong Kong and to issue green bonds in Hong "
        "Kong.",
        "Support Testland enterprises in setting up treasury centres in Hong Kong.",
    ],
    "Cultural exchange and tourism": [
        "Jointly promote multi-destination tourism products combining Hong Kong and Testland "
        "sights.",
        "Hold cultural exhibitions of the museums of the two places in turn each year.",
    ],
    "Aviation": FIRST["Aviation"],
}
OTHER = {"Finance": FIRST["Finance"][:2]}


@dataclass
class Series:
    """The test store and what the tests refer to."""

    path: Path
    first: str  # meeting IDs
    second: str
    other: str
    finance_1: list[str]  # commitment IDs of Finance in the first meeting
    finance_2: list[str]
    culture_1: list[str]
    aviation: tuple[str, str]  # the third area's ID in each meeting


def write_release(path: Path, party: str, date: str, areas: dict[str, list[str]]) -> Path:
    """A release of a meeting of Hong Kong and ``party`` on ``date`` (``YYYY-MM-DD``)."""
    parts = [
        f"Hong Kong and {party} hold co-operation conference",
        date,
        f"The Chief Executive met the Governor of {party} in Hong Kong today.",
        f"Hong Kong and {party} reached consensus on the following {len(areas)} co-operation "
        "areas:",
    ]
    for name, commitments in areas.items():
        parts += [f"{name}\n{'-' * len(name)}", *commitments]
    path.write_text("\n\n".join([*parts, "Ends"]) + "\n", encoding="utf-8")
    return path


def series_store(tmp_path: Path) -> Series:
    files = [
        write_release(tmp_path / "a.txt", "Testland", "2023-05-01", FIRST),
        write_release(tmp_path / "b.txt", "Testland", "2024-05-01", SECOND),
        write_release(tmp_path / "c.txt", "Otherland", "2024-06-01", OTHER),
    ]
    path = tmp_path / "store.json"
    st = Store.open(path, seed_samples=False)
    assert [r.outcome for r in st.import_paths(files)] == ["added"] * 3
    by_date = {m.date: m for m in st.meetings()}
    first, second, other = by_date["2023-05-01"], by_date["2024-05-01"], by_date["2024-06-01"]
    return Series(
        path,
        first.id,
        second.id,
        other.id,
        [c.id for c in first.areas[0].commitments],
        [c.id for c in second.areas[0].commitments],
        [c.id for c in first.areas[1].commitments],
        (first.areas[2].id, second.areas[2].id),
    )


def rate(s: Series) -> None:
    """2023 Finance: implemented, stalled, one not rated; 2024 Finance: implemented and
    partial."""
    st = Store.open(s.path)
    st.set_status(s.finance_1[0], Status.IMPLEMENTED)
    st.set_status(s.finance_1[1], Status.STALLED)
    st.set_status(s.finance_2[0], Status.IMPLEMENTED)
    st.set_status(s.finance_2[1], Status.PARTIAL)


def overview(app: CoopApp) -> OverviewScreen:
    screen = app.screen
    assert isinstance(screen, OverviewScreen), screen
    return screen


def lines_with(app: CoopApp, start: str) -> list[str]:
    """The matrix's rows whose label starts with ``start``, white space runs made one."""
    region = overview(app).matrix.region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return [" ".join(line.split()) for line in lines if line.strip().startswith(start)]


async def open_overview(pilot: Pilot, *before: str) -> OverviewScreen:
    await settle(pilot)
    if before:
        await pilot.press(*before)
        await settle(pilot)
    await pilot.press("c")
    await settle(pilot)
    screen = overview(pilot.app)  # type: ignore[arg-type]
    assert screen.aligned
    return screen


async def test_c_opens_the_overview_and_escape_and_q_close_it(tmp_path: Path) -> None:
    s = series_store(tmp_path)
    app = app_for(s.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "c Overview" in screen_text(app)  # a meeting is selected: the key bar has room
        await open_overview(pilot)
        text = screen_text(app)
        assert "2023-05-01" in text and "2024-05-01" in text and "All areas" in text
        assert "Statuses per meeting" in text and "Trend, month by month" in text
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        await pilot.press("c")
        await settle(pilot)
        overview(app)
        await pilot.press("q")  # closes the overview, does not quit
        await settle(pilot)
        assert app.is_running and len(app.screen_stack) == 1


async def test_cells_show_the_hand_computed_figures(tmp_path: Path) -> None:
    """2023 Finance: +1 and −1 rated of 3 → mean 0.00, 2/3 (◆); 2024 Finance: +1 and 0 →
    +0.50, 2/2 (▲); Finance over both: (1 − 1 + 1 + 0) / 4 = +0.25, 4/5; 2023 as a
    whole: 0.00, 2/7; 2024: +0.50, 2/6; everything: +0.25, 4/13. Culture, rated nowhere,
    is plainly unrated."""
    s = series_store(tmp_path)
    rate(s)
    app = app_for(s.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_overview(pilot)
        assert lines_with(app, "Finance") == ["Finance 0.00 · 2/3 ◆ +0.50 · 2/2 ▲ +0.25 · 4/5 ▲"]
        assert lines_with(app, "All areas") == [
            "All areas 0.00 · 2/7 ◆ +0.50 · 2/6 ▲ +0.25 · 4/13 ▲"
        ]
        [culture] = lines_with(app, "Culture and Tourism")
        assert culture.count("not rated · 0/2 ·") == 2 and "not rated · 0/4 ·" in culture
        text = screen_text(app)
        assert "3 meetings" not in text and "2 meetings · 13 commitments, 4 rated" in text
        # the bars: per meeting each status's count
        assert "▒ 1  ▓ 0  █ 1  × 0" in text and "▒ 0  ▓ 1  █ 1  × 0" in text
        # the trend: the month the statuses were set, with the compliance at its end
        [month] = [line for line in text.splitlines() if " +0.25  62 %   4" in line]
        assert month.split()[0] in text


async def test_a_renamed_area_stays_on_one_row(tmp_path: Path) -> None:
    s = series_store(tmp_path)
    app = app_for(s.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_overview(pilot)
        matrix = screen.matrix
        assert matrix.labels == [
            "Finance",
            "Culture and Tourism → Cultural exchange and tourism",
            "Aviation",
            "all areas",
        ]
        assert not lines_with(app, "Cultural exchange")  # no row of its own
        [culture] = lines_with(app, "Culture and Tourism")
        assert culture.count("not rated · 0/2") == 2  # a cell in both meetings
        await pilot.press("down")
        await settle(pilot)
        assert "Culture and Tourism → Cultural exchange and tourism · 2023-05-01" in flat(
            screen_text(app)
        )  # the line under the matrix names the row whole


async def test_enter_lists_a_cells_commitments_and_enter_goes_to_one(tmp_path: Path) -> None:
    s = series_store(tmp_path)
    rate(s)
    app = app_for(s.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_overview(pilot)
        await pilot.press("enter")  # on 2023 Finance, where the cursor starts
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CellListScreen)
        assert [e.commitment_id for e in dialog.entries] == s.finance_1
        text = screen_text(app)
        assert "● implemented  Encourage Testland enterprises" in text
        assert "■ stalled  Support Testland" in text and "○ not rated  Deepen" in text
        await pilot.press("down", "enter")
        await settle(pilot)
        assert len(app.screen_stack) == 1  # the overview closed too
        current = app.main.agreement_tree.current
        assert current is not None and current.id == s.finance_1[1]
        assert f"Commitment {s.finance_1[1]}" in screen_text(app)


async def test_the_total_column_lists_the_area_in_every_meeting(tmp_path: Path) -> None:
    s = series_store(tmp_path)
    app = app_for(s.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_overview(pilot)
        await pilot.press("right", "right", "enter")  # Finance, All
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CellListScreen)
        assert [e.commitment_id for e in dialog.entries] == [*s.finance_1, *s.finance_2]
        await pilot.press("escape")
        await settle(pilot)
        overview(app)


async def test_the_series_shown_is_the_selected_meetings_and_brackets_switch(
    tmp_path: Path,
) -> None:
    s = series_store(tmp_path)
    app = app_for(s.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = app.main.agreement_tree
        assert tree.current is not None and tree.current.id == s.first
        await open_overview(pilot, "shift+down", "shift+down")  # the third meeting
        assert "2024-06-01" in screen_text(app) and "2023-05-01" not in screen_text(app)
        assert "Hong Kong & Otherland" in screen_text(app)
        assert overview(app).matrix.labels == ["Finance", "all areas"]
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "2023-05-01" in screen_text(app) and "2024-06-01" not in screen_text(app)
        assert "Hong Kong & Testland" in screen_text(app)
        assert overview(app).aligned and len(overview(app).matrix.labels) == 4


async def test_the_totals_show_while_the_areas_are_being_aligned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Aligning the areas of a long series takes a while the first time: the totals,
    the bars and the trend are shown meanwhile, and the matrix says "aligning areas…"."""
    s = series_store(tmp_path)
    rate(s)
    release = threading.Event()
    real = Session.overview

    def slow(
        self: Session,
        filters: Filters,
        *,
        align: bool = True,
        pause: Callable[[], None] | None = None,
    ) -> Overview:
        if align:
            release.wait(30)
        return real(self, filters, align=align, pause=pause)

    monkeypatch.setattr(Session, "overview", slow)
    app = app_for(s.path)
    async with app.run_test(size=SIZE) as pilot:
        try:
            await settle(pilot)
            await pilot.press("c")
            for _ in range(1500):  # up to 30 s on a busy machine; usually a few frames
                await pilot.pause(0.02)
                if "All areas" in screen_text(app):
                    break
            screen = overview(app)
            assert not screen.aligned
            assert lines_with(app, "All areas") == [
                "All areas 0.00 · 2/7 ◆ +0.50 · 2/6 ▲ +0.25 · 4/13 ▲"
            ]
            assert lines_with(app, "aligning areas…")
            assert "▒ 1  ▓ 0  █ 1  × 0" in screen_text(app)  # the bars
        finally:
            release.set()
        await settle(pilot)
        assert screen.aligned and lines_with(app, "Finance")
        assert not lines_with(app, "aligning areas…")


async def test_as_of_a_day_before_the_statuses_were_set_shows_them_unrated(
    tmp_path: Path,
) -> None:
    s = series_store(tmp_path)
    rate(s)
    app = app_for(s.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_overview(pilot)
        await pilot.press("f", "tab", "tab", *"2024-12-31", "enter")  # as of
        await settle(pilot)
        assert screen.filters.as_of == "2024-12-31"
        assert lines_with(app, "Finance") == [
            "Finance not rated · 0/3 · not rated · 0/2 · not rated · 0/5 ·"
        ]
        assert "filters: as of 2024-12-31" in screen_text(app)
        assert app.screen.focused is screen.matrix  # Enter applied and went back to it
        # a day that is not one: said on the screen, the figures as they were
        await pilot.press("f", "tab", "tab", "ctrl+u", *"2024-13-01", "enter")
        await settle(pilot)
        assert "⚠ As of: '2024-13-01' is not a date (write it as YYYY-MM-DD" in screen_text(app)
        assert screen.filters.as_of == "2024-12-31" and app.is_running
        field = screen.query_one("#ov-as-of", Input)
        field.value = ""
        await pilot.press("enter")
        await settle(pilot)
        [finance] = lines_with(app, "Finance")
        assert "0.00 · 2/3 ◆" in finance and "⚠" not in screen_text(app)


async def test_the_author_filter_counts_that_raters_statuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = series_store(tmp_path)
    st = Store.open(s.path)
    monkeypatch.setattr(store.author, "_author", "anne")
    st.set_status(s.finance_1[0], Status.IMPLEMENTED)
    st.set_status(s.finance_1[1], Status.IMPLEMENTED)
    monkeypatch.setattr(store.author, "_author", "ben")
    st.set_status(s.finance_1[1], Status.STALLED)  # ben disagrees on the second
    st.set_status(s.finance_1[2], Status.PARTIAL)
    app = app_for(s.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_overview(pilot)
        [finance] = lines_with(app, "Finance")
        assert "0.00 · 3/3 ◆" in finance  # latest: implemented, stalled, partial
        await pilot.press("f", "tab", *"anne", "enter")
        await settle(pilot)
        assert screen.filters.author == "anne"
        [finance] = lines_with(app, "Finance")
        assert "+1.00 · 2/3 ▲▲" in finance  # anne's two implemented
        await pilot.press("f", "tab", "ctrl+u", *"ben", "enter")
        await settle(pilot)
        [finance] = lines_with(app, "Finance")
        assert "-0.50 · 2/3 ▼" in finance  # ben's stalled and partial
        # raters disagree: only the second commitment (anne implemented, ben stalled)
        screen.query_one("#ov-author", Input).value = ""
        await pilot.press("f", "shift+tab", "space")
        await settle(pilot)
        assert screen.filters.disagree and screen.filters.author is None
        [finance] = lines_with(app, "Finance")
        assert "-1.00 · 1/1 ▼▼" in finance


async def test_the_tag_filter_is_cleaned_as_stored_tags_are(tmp_path: Path) -> None:
    """A tag typed with extra spaces finds the stored tag (runs of spaces made one, as the
    store keeps tags): Finance shows its one tagged commitment, not an empty overview."""
    s = series_store(tmp_path)
    rate(s)
    Store.open(s.path).add_tags(s.finance_1[0], ["climate change"])
    app = app_for(s.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_overview(pilot)
        await pilot.press("f", *"  Climate   change ", "enter")
        await settle(pilot)
        assert screen.filters.tag == "Climate change"
        [finance] = lines_with(app, "Finance")
        assert "+1.00 · 1/1 ▲▲" in finance


async def test_a_status_written_by_the_app_refreshes_the_overview(tmp_path: Path) -> None:
    s = series_store(tmp_path)
    rate(s)
    app = app_for(s.path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_overview(pilot)
        assert "0.00 · 2/3 ◆" in lines_with(app, "Finance")[0]
        app.save(SetStatus(s.finance_1[2], Status.IMPLEMENTED))  # written while it is open
        await settle(pilot)
        overview(app)
        assert "+0.33 · 3/3 ▲" in lines_with(app, "Finance")[0]


async def test_a_status_set_by_another_process_refreshes_the_overview(tmp_path: Path) -> None:
    s = series_store(tmp_path)
    rate(s)
    app = make_app(s.path, refresh_interval=0.3, animations=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_overview(pilot)
        done = subprocess.run(
            [sys.executable, "-m", "tui", "--db", str(s.path), "status", s.finance_1[2],
             "not-implemented"],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        for _ in range(300):  # the app looks every 0.3 s (up to 30 s on a busy machine)
            await pilot.pause(0.1)
            if "-0.33 · 3/3" in lines_with(app, "Finance")[0]:
                break
        overview(app)
        assert "-0.33 · 3/3 ▼" in lines_with(app, "Finance")[0]


async def test_keys_typed_with_c_act_on_the_overview(tmp_path: Path) -> None:
    """c, Down and Enter arriving together: the overview opens, the cursor moves to the
    Culture row once it is drawn, and Enter lists Culture's commitments; Enter typed
    then goes to the first of them."""
    s = series_store(tmp_path)
    app = app_for(s.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "c", "down", "enter")
        await handled(pilot)
        dialog = app.screen
        assert isinstance(dialog, CellListScreen)
        assert [e.commitment_id for e in dialog.entries] == s.culture_1
        burst(app, "down", "enter")
        await handled(pilot)
        assert len(app.screen_stack) == 1
        current = app.main.agreement_tree.current
        assert current is not None and current.id == s.culture_1[1]


async def test_area_names_are_shown_literally(tmp_path: Path) -> None:
    s = series_store(tmp_path)
    st = Store.open(s.path)
    st.rename_area(s.aviation[0], "[bold]x[/]")
    st.rename_area(s.aviation[1], "[@click=app.quit]")
    app = app_for(s.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_overview(pilot)
        assert "[bold]x[/] → [@click=app.quit]" in screen_text(app)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CellListScreen)
        assert "Commitments behind [bold]x[/] → [@click=app.quit]" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click(screen.matrix, offset=(3, 3))
        await settle(pilot)
        assert app.is_running and app.screen is screen


async def test_legible_at_80_by_24(tmp_path: Path) -> None:
    s = series_store(tmp_path)
    rate(s)
    app = app_for(s.path)
    async with app.run_test(size=SMALL) as pilot:
        await open_overview(pilot)
        text = screen_text(app)
        assert "2023-05-01" in text and "2024-05-01" in text
        assert "0.00 · 2/3 ◆" in lines_with(app, "Finance")[0]
        assert lines_with(app, "All areas")
        assert "Statuses per meeting" in text and "esc Close" in text
        matrix = overview(app).query_one(OverviewMatrix)
        assert matrix.region.height >= 6


async def test_the_list_is_an_option_list_of_the_cells_commitments(tmp_path: Path) -> None:
    s = series_store(tmp_path)
    app = app_for(s.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_overview(pilot)
        await pilot.press("left", "enter")  # the label column: the row's total
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 5


async def test_a_store_error_while_computing_is_one_line_on_the_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = series_store(tmp_path)
    failing = [True]
    real = Session.overview

    def broken(
        self: Session,
        filters: Filters,
        *,
        align: bool = True,
        pause: Callable[[], None] | None = None,
    ) -> Overview:
        if failing[0]:
            raise StoreError("the store file could not be read: disk on fire")
        return real(self, filters, align=align, pause=pause)

    monkeypatch.setattr(Session, "overview", broken)
    app = app_for(s.path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = overview(app)
        assert "⚠ the store file could not be read: disk on fire" in screen_text(app)
        assert app.is_running
        failing[0] = False
        screen.figures_stale()  # what a later change in the store does
        await settle(pilot)
        assert "⚠" not in screen_text(app) and lines_with(app, "Finance")


async def test_the_trend_has_a_line_per_month_with_the_standing_then(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Implemented in March 2025, another stalled in May: March and April stand at
    +1.00 (1 rated), May at 0.00 (2 rated); April, with no change, is a line too."""
    s = series_store(tmp_path)
    clock = [""]
    monkeypatch.setattr(store.edits, "now_iso", lambda: clock[0])
    st = Store.open(s.path)
    clock[0] = "2025-03-10T09:00:00.000Z"
    st.set_status(s.finance_1[0], Status.IMPLEMENTED)
    clock[0] = "2025-05-02T09:00:00.000Z"
    st.set_status(s.finance_2[0], Status.STALLED)
    app = app_for(s.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_overview(pilot)
        box = overview(app).query_one("#ov-trend-box")
        lines = screen_text(app).splitlines()[box.region.y : box.region.bottom]
        months = [" ".join(line[box.region.x :].split()) for line in lines]
        months = [m for m in months if m[:4] == "2025"]
        assert [m.split()[0] for m in months] == ["2025-03", "2025-04", "2025-05"]
        assert months[0].endswith("▲▲ +1.00 100 % 1")
        assert months[1].endswith("▲▲ +1.00 100 % 0")
        assert months[2].endswith("◆ 0.00 50 % 1")


async def test_a_series_wider_than_the_window_scrolls_with_the_cursor(tmp_path: Path) -> None:
    """Twelve meetings do not fit 80 columns: moving right scrolls the meetings' columns
    while the areas' labels stay at the left; the line under the matrix and Enter follow
    the cursor to the last meeting's cell."""
    files = [
        write_release(tmp_path / f"m{n}.txt", "Testland", f"{2010 + n}-05-01", FIRST)
        for n in range(12)
    ]
    path = tmp_path / "store.json"
    st = Store.open(path, seed_samples=False)
    st.import_paths(files)
    last = max(st.meetings(), key=lambda m: m.date or "")
    app = app_for(path)
    async with app.run_test(size=SMALL) as pilot:
        await open_overview(pilot)
        assert "2021-05-01" not in screen_text(app)  # off to the right at first
        await pilot.press(*["right"] * 11)
        await settle(pilot)
        text = screen_text(app)
        assert "2021-05-01" in text and "2010-05-01" not in text.split("Finance ·")[0]
        assert lines_with(app, "Finance") and lines_with(app, "All areas")  # labels stay
        assert "Finance · 2021-05-01" in flat(text)  # the line under the matrix
        await pilot.press("end")  # the last row, the same column
        await settle(pilot)
        assert "all areas · 2021-05-01" in flat(screen_text(app))
        await pilot.press("home")
        await settle(pilot)
        assert "Finance · 2021-05-01" in flat(screen_text(app))
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CellListScreen)
        assert [e.commitment_id for e in dialog.entries] == [
            c.id for c in last.areas[0].commitments
        ]


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
async def test_cells_read_on_a_light_theme_as_on_a_dark_one(tmp_path: Path, theme: str) -> None:
    """Each cell's text is black or white for contrast with its step's colour, whatever
    the theme: 0.00 (◆, pale yellow) in black, +1.00 (▲▲, blue) in white."""
    s = series_store(tmp_path)
    rate(s)
    st = Store.open(s.path)
    st.set_status(s.finance_2[1], Status.IMPLEMENTED)  # 2024 Finance: +1.00 (▲▲)
    app = app_for(s.path)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = theme
        screen = await open_overview(pilot)
        await pilot.press("down")  # the cursor off Finance: its cells in their own colours
        await settle(pilot)
        matrix = screen.matrix
        segments = list(matrix.render_line(1))  # the header, then Finance
        colours = {
            seg.text.strip(): (seg.style.color, seg.style.bgcolor)
            for seg in segments
            if seg.style is not None and seg.text.strip()
        }
        assert colours["0.00 · 2/3 ◆"] == (Color.parse("#000000"), Color.parse("#ffffbf"))
        assert colours["+1.00 · 2/2 ▲▲"] == (Color.parse("#ffffff"), Color.parse("#2c7bb6"))

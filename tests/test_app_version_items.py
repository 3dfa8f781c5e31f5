"""Pilot tests of the items only one language version of a meeting has, in the app: a
commitment only the Chinese version has is shown under its area in every view of the
meeting, and searching, the command palette and ``L`` put the cursor on it (not on its
area); the detail pane says it is only in one version; a Chinese commitment that stands
for two English ones says so; the meeting shows its versions' alignment warnings.

The releases are written for these tests (``tests/bilingual_support.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_support import SIZE, app_for, detail_text, screen_text, settle
from textual.command import CommandPalette

from store import Store
from tests.bilingual_support import write_pair


def _store(tmp_path: Path) -> Path:
    en, zh = write_pair(tmp_path / "releases")
    path = tmp_path / "store.json"
    store = Store.open(path, seed_samples=False, create=True)
    store.import_paths([en])
    store.import_paths([zh])
    return path


def _extra(path: Path) -> str:
    """The commitment only the Chinese version has (姊妹學校, under 教育)."""
    chinese = Store.open(path).meetings("zh-Hant")[0]
    return chinese.areas[2].commitments[1].id


def _current(app) -> str | None:
    current = app.main.agreement_tree.current
    return current.id if current is not None else None


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    return _store(tmp_path)


async def test_search_enter_selects_the_commitment_only_one_version_has(pair: Path) -> None:
    extra = _extra(pair)
    app = app_for(pair)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        # the tree shows the English (primary) version, which lists the extra under Education
        await pilot.press("slash", *"締結姊妹學校", "enter")
        await settle(pilot)
        assert _current(app) == extra
        assert "支持兩地中小學締結姊妹學校" in detail_text(app).splitlines()[0]
        # and in the English view (L once), where it is still shown
        await pilot.press("L", "slash", *"締結姊妹學校", "enter")
        await settle(pilot)
        assert _current(app) == extra


async def test_the_palette_jumps_to_the_commitment_only_one_version_has(pair: Path) -> None:
    extra = _extra(pair)
    app = app_for(pair)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"締結姊妹學校")
        for _ in range(200):  # the palette gathers hits in the background
            await pilot.pause()
            if "Jump to" in screen_text(app):
                break
        await pilot.press("enter")
        await settle(pilot)
        assert _current(app) == extra


async def test_L_keeps_the_cursor_on_a_commitment_the_view_still_shows(pair: Path) -> None:
    extra = _extra(pair)
    english = Store.open(pair).meetings()[0]
    app = app_for(pair)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.main.jump_to(extra)
        await settle(pilot)
        assert _current(app) == extra
        # a burst: → English (the pair lists it there), → 繁體中文 (its own), → primary
        await pilot.press("L")
        await settle(pilot)
        assert _current(app) == extra
        await pilot.press("L", "L", "up")
        await settle(pilot)
        assert "Education" in screen_text(app)
        # on the extra in the primary view, then up: Education's English commitment
        assert _current(app) == english.areas[2].commitments[0].id


async def test_a_search_result_found_in_another_language_says_which(pair: Path) -> None:
    from textual.widgets import OptionList

    app = app_for(pair)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"跨境理財")  # the English commitment's Chinese text
        await settle(pilot)
        options = app.screen.query_one("#results", OptionList)
        first = str(options.get_option_at_index(0).prompt)
        assert "跨境理財" in first
        assert "(zh-Hant) Finance" in first  # the tree shows the English version


#: Another partnership's meeting on the same day, in Simplified Chinese only.
SICHUAN_SAME_DAY = """\
四川省人民政府门户网站 | 首页 | 新闻发布

川港合作会议在成都召开

2024年9月12日，四川省人民政府与香港特别行政区政府在成都召开川港合作会议。双方同意在以下两个领域加强合作：

一、物流合作

推动成都国际铁路港与香港机场共建多式联运通道。

二、青年交流

鼓励两地青年参加暑期实习计划，每年不少于200人。

完
"""


async def test_meetings_of_one_date_keep_their_order_with_L(tmp_path: Path) -> None:
    en, zh = write_pair(tmp_path / "releases")
    sichuan = tmp_path / "releases" / "sichuan.txt"
    sichuan.write_text(SICHUAN_SAME_DAY, encoding="utf-8")
    path = tmp_path / "store.json"
    store = Store.open(path, seed_samples=False, create=True)
    for release in (en, sichuan, zh):  # the Chinese version imported last
        store.import_paths([release])
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        tree = app.main.agreement_tree
        first = [m.date for m in tree.meetings]
        assert first == ["2024-09-12", "2024-09-12"]
        primary = [m.id for m in tree.meetings]
        versions = Store.open(path).versions()
        for _ in range(3):  # English, 繁體中文, 简体中文: the same order each time
            await pilot.press("L")
            await settle(pilot)
            shown = [versions.primary.get(m.id, m.id) for m in tree.meetings]
            assert shown == primary


def _joined_pair(tmp_path: Path) -> Path:
    """The pair with the Chinese version's two aviation commitments said in one sentence."""
    from tests.bilingual_support import TRADITIONAL

    joined = TRADITIONAL.replace("目標為每周120班。\n\n探索寧波", "目標為每周120班，並探索寧波")
    assert joined != TRADITIONAL
    en, zh = write_pair(tmp_path / "releases", joined)
    path = tmp_path / "store.json"
    store = Store.open(path, seed_samples=False, create=True)
    store.import_paths([en])
    store.import_paths([zh])
    return path


async def test_the_app_marks_what_only_one_version_has_and_shows_the_warnings(
    tmp_path: Path,
) -> None:
    path = _joined_pair(tmp_path)
    store = Store.open(path)
    english = store.meetings()[0]
    chinese = store.meetings("zh-Hant")[0]
    extra = chinese.areas[2].commitments[1]
    joined = chinese.areas[1].commitments[0]
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        shown = detail_text(app)  # the meeting: its versions' alignment warnings
        assert "Warnings (2)" in shown
        assert "2 commitments in English, 1 in Chinese" in shown
        assert "Chinese commitment 2 has no counterpart in English" in shown
        app.main.jump_to(extra.id)
        await settle(pilot)
        assert "only in 繁體中文" in detail_text(app)
        # where the tree shows it: the English version's area and meeting
        assert "Area: Education" in detail_text(app)
        assert "教育" not in detail_text(app).split("Area:")[1]
        tree = [x.split("▎")[0] for x in screen_text(app).splitlines()]
        line = next(x for x in tree if "支持兩地中小學" in x)
        assert "◇zh-Hant" in line  # the tree marks it too
        # the English commitments with a counterpart carry no mark
        assert "◇" not in next(x for x in tree if "Encourage the u" in x)
        # in 繁體中文: the sentence that says the two English aviation ones in one
        await pilot.press("L", "L")
        await settle(pilot)
        app.main.jump_to(joined.id)
        await settle(pilot)
        shown = detail_text(app)
        first, second = english.areas[1].commitments
        assert "stands for 2 English commitments" in shown
        assert first.id in shown and second.id in shown
        assert f"recorded on the first ({first.id})" in shown
        assert "only in" not in shown
        # the second English one says that one Chinese commitment says both
        await pilot.press("L")
        await settle(pilot)
        app.main.jump_to(second.id)
        await settle(pilot)
        shown = detail_text(app)
        assert "one 繁體中文 commitment says 2 English ones" in shown
        assert f"recorded on the first ({first.id})" in shown


#: The partnership's next meeting, released in English only (April 2025).
ENGLISH_2025_APRIL = """\
Hong Kong and Zhejiang hold working meeting on trade

The Government of the Hong Kong Special Administrative Region and the People's Government
of Zhejiang Province held a working meeting in Hong Kong on 24 April 2025. The two sides
agreed to co-operate in the following two areas:

Trade

Jointly organise a Zhejiang products fair in Hong Kong in the autumn, with about 150
exhibitors.

Tourism

Promote two-way tourism with joint promotion of itineraries covering West Lake and
Victoria Harbour.

Ends/Thursday, April 24, 2025
"""


def _three_meetings(tmp_path: Path) -> Path:
    """The 2024 pair, an English-only meeting, then a Chinese-only one (Sept. 2025)."""
    from tests.test_app_languages import ZHEJIANG_2025

    path = _store(tmp_path)
    store = Store.open(path)
    for n, text in enumerate((ENGLISH_2025_APRIL, ZHEJIANG_2025)):
        release = tmp_path / "releases" / f"later-{n}.txt"
        release.write_text(text, encoding="utf-8")
        store.import_paths([release])
    return path


async def test_the_year_diff_says_when_the_meetings_share_no_language(tmp_path: Path) -> None:
    from tui.screens.diff import DiffScreen

    path = _three_meetings(tmp_path)
    store = Store.open(path)
    september = store.meetings()[-1]
    assert september.language == "zh-Hant" and september.date == "2025-09-18"
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.main.jump_to(september.id)
        await settle(pilot)
        await pilot.press("d")  # September (Chinese only) and April (English only)
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        diff = app.screen.diff
        assert diff is not None and (diff.a.language, diff.b.language) == ("en", "zh-Hant")
        shown = screen_text(app)
        assert "no versions in one language" in shown
        assert "compares en with zh-Hant" in shown


async def test_a_chinese_only_meetings_commitment_has_a_history(tmp_path: Path) -> None:
    path = _three_meetings(tmp_path)
    store = Store.open(path)
    september = store.meetings()[-1]
    listing = september.areas[0].commitments[0]
    assert listing.text.startswith("支持浙江企業赴港上市")
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.main.jump_to(listing.id)
        for _ in range(50):  # the history is worked out in the background
            await settle(pilot)
            if "comparing with the meetings" not in detail_text(app):
                break
        shown = detail_text(app)
        # compared with 2024 (which has a Chinese version), past the English-only April
        assert "Across meetings" in shown
        assert "2024-09-12" in shown


async def test_the_overview_labels_a_translated_area_as_one_not_a_renaming(
    tmp_path: Path,
) -> None:
    from tests.test_app_languages import ZHEJIANG_2025
    from tui.screens.overview import OverviewScreen

    path = _store(tmp_path)  # 2024: Finance / 金融, then 2025 in Chinese only: 金融
    release = tmp_path / "releases" / "2025.txt"
    release.write_text(ZHEJIANG_2025, encoding="utf-8")
    Store.open(path).import_paths([release])
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("c")
        for _ in range(50):
            await settle(pilot)
            if isinstance(app.screen, OverviewScreen) and app.screen.aligned:
                break
        screen = app.screen
        assert isinstance(screen, OverviewScreen) and screen.aligned
        labels = screen.matrix.labels
        assert "Finance / 金融" in labels, labels  # one area, in two languages
        assert not any("→ 金融" in label for label in labels)

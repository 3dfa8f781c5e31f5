"""Pilot tests of the app with Chinese releases and a meeting in two languages: the detail
pane shows a commitment's other version, ``L`` switches the tree between the languages, a
status set on the Chinese version is the pair's, the year diff compares a language with
itself, search finds either script and a commitment through its translation, and a store
of Chinese releases only shows them in Chinese.

The releases are written for these tests (``tests/bilingual_support.py`` for the pair)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_app_support import SIZE, app_for, detail_text, flat, screen_text, settle
from textual.widgets import OptionList

from parsers.zh_script import to_simplified
from store import Status, Store
from tests.bilingual_support import TRADITIONAL, write_pair
from tui.screens.diff import DiffScreen
from tui.screens.search import SearchScreen
from tui.screens.status import StatusScreen

ROOT = Path(__file__).resolve().parent.parent

#: The next meeting of the same parties, released in Traditional Chinese only, with the
#: furniture of a government page around it.
ZHEJIANG_2025 = """\
首頁 > 新聞公報 > 2025年
政府新聞網 | 繁體 | 简体 | English

港浙第五次合作會議在港舉行

香港特別行政區政府與浙江省人民政府今日（九月十八日）在香港舉行第五次浙港合作會議，雙方同意在以下三個範疇深化合作：

一、金融

支持浙江企業赴港上市及發行離岸人民幣債券，並推動更多綠色債券在港發行。

鼓勵兩地銀行拓展跨境理財服務至溫州居民。

二、航空

推動增加香港國際機場與杭州蕭山國際機場之間的直航航班，目標為每周150班。

三、文化

共同舉辦港浙文化周，促進兩地青年藝術交流。

（圖片說明：雙方代表在會後合照。）

完

2025年9月18日（星期四）
香港時間18時05分
"""

#: Another partnership's release, in Simplified Chinese only.
SICHUAN_MACAO = """\
四川省人民政府门户网站 | 首页 | 政务公开 | 新闻发布

川澳合作会议在成都召开

2025年6月10日，四川省人民政府与澳门特别行政区政府在成都召开第三次川澳合作会议。双方同意在以下两个领域加强合作：

（一）医疗合作

支持两地医疗机构共建中医药研究中心，推动中医药标准互认。

鼓励澳门医护人员赴川开展短期交流。

（二）旅游合作

共同推广川澳“一程多站”旅游线路，促进两地旅游市场互联互通。

探索在成都设立澳门旅游推广中心。

完
"""


def _store(tmp_path: Path, *extra: str) -> Path:
    """A store with the English, then the Chinese release of the 2024 meeting (the English
    is the primary version), and ``extra`` releases after them."""
    en, zh = write_pair(tmp_path / "releases")
    path = tmp_path / "store.json"
    store = Store.open(path, seed_samples=False, create=True)
    store.import_paths([en])
    store.import_paths([zh])
    for n, text in enumerate(extra):
        release = tmp_path / "releases" / f"extra-{n}.txt"
        release.write_text(text, encoding="utf-8")
        store.import_paths([release])
    return path


def _current(app) -> str | None:
    current = app.main.agreement_tree.current
    return current.id if current is not None else None


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    return _store(tmp_path)


async def test_the_detail_shows_the_other_versions_text(pair: Path) -> None:
    app = app_for(pair)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        shown = detail_text(app)  # the meeting: one, with its two languages
        assert "Languages: English · 繁體中文" in shown
        assert "2024-09-12" in screen_text(app)
        await pilot.press("down")  # the area: its Chinese name
        await settle(pilot)
        assert "繁體中文: 金融" in detail_text(app)
        await pilot.press("enter", "down")  # its first commitment: both texts
        await settle(pilot)
        shown = detail_text(app)
        assert "Support Zhejiang enterprises in listing in Hong Kong" in shown
        assert "繁體中文" in shown
        assert "支持浙江企業赴港上市及發行離岸人民幣債券" in shown
        assert shown.index("Support Zhejiang") < shown.index("支持浙江企業")


async def test_L_cycles_the_tree_through_the_languages_keeping_the_cursor(pair: Path) -> None:
    store = Store.open(pair)
    english = store.meetings()[0]
    chinese = store.meetings("zh-Hant")[0]
    app = app_for(pair)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        # a burst: to Finance's second commitment, then English, 繁體中文, then down once
        await pilot.press("down", "enter", "down", "down", "L", "L", "down")
        await settle(pilot)
        text = screen_text(app)
        assert "金融" in text and "航空" in text and "Finance" not in text
        assert "繁體中文" in text.splitlines()[0]  # the header says which language
        # the cursor was on the bank commitment in both versions, then went down one:
        # Aviation's area in Chinese
        assert _current(app) == chinese.areas[1].id
        # the extra commitment of the Chinese version has no English one, but the
        # primary version lists it under its area: back there (L once more), the cursor
        # stays on it
        extra = chinese.areas[2].commitments[1]
        app.main.jump_to(extra.id)
        await settle(pilot)
        assert _current(app) == extra.id
        assert "支持兩地中小學締結姊妹學校" in detail_text(app)  # no history, no crash
        await pilot.press("L", "up")
        await settle(pilot)
        text = screen_text(app)
        assert "Finance" in text and "金融" not in text.split("▎")[0]
        # on the extra, then up: Education's English commitment
        assert _current(app) == english.areas[2].commitments[0].id


async def test_L_goes_through_each_language_the_store_has(tmp_path: Path) -> None:
    """English, Traditional and Simplified releases of one meeting: L goes through the
    three and back to the primary versions, the cursor on the same commitment."""
    en, zh = write_pair(tmp_path / "releases")
    simplified = tmp_path / "releases" / "conference-zh-hans.txt"
    simplified.write_text(to_simplified(TRADITIONAL), encoding="utf-8")
    path = tmp_path / "store.json"
    store = Store.open(path, seed_samples=False, create=True)
    for release in (en, zh, simplified):
        store.import_paths([release])
    versions = [store.meetings(language)[0] for language in ("en", "zh-Hant", "zh-Hans")]
    firsts = [m.areas[0].commitments[0].id for m in versions]
    assert len(set(firsts)) == 3
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down", "L")
        await settle(pilot)
        assert _current(app) == firsts[0]  # English: the primary version here
        shown = []
        for _ in range(3):
            await pilot.press("L")
            await settle(pilot)
            header = screen_text(app).splitlines()[0]
            language = header.split("  ·  ")[1].strip() if "  ·  " in header else ""
            shown.append((language, _current(app)))
        assert shown == [("繁體中文", firsts[1]), ("简体中文", firsts[2]), ("", firsts[0])]


async def test_a_status_set_on_the_chinese_version_is_the_english_ones(pair: Path) -> None:
    store = Store.open(pair)
    en_first = store.meetings()[0].areas[0].commitments[0]
    app = app_for(pair)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("L", "L", "down", "enter", "down")
        await settle(pilot)
        assert "支持浙江企業赴港上市" in detail_text(app).split("English")[0]
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatusScreen)
        await pilot.press("down", "down", "down", "down", "enter")  # implemented
        await settle(pilot)
        assert "● 支持浙江企業赴港上市" in flat(screen_text(app))
        # the search index learns it under the pair's ID: the status filter finds it
        await pilot.press("slash", *"status:implemented")
        await settle(pilot)
        assert [r for r in _results(app) if "Support Zhejiang enterprises" in r]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("L")  # back to the primary versions: the English one is rated
        await settle(pilot)
        assert _current(app) == en_first.id
        assert "● Support Zhejiang enterprises" in screen_text(app)
    shown = subprocess.run(
        [sys.executable, "-m", "tui", "show", en_first.id, "--json", "--db", str(pair)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["status"] == Status.IMPLEMENTED.value


async def test_the_year_diff_compares_chinese_with_chinese(tmp_path: Path) -> None:
    path = _store(tmp_path, ZHEJIANG_2025)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("d")  # on 2024 (English and Chinese) and 2025 (Chinese only)
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        diff = app.screen.diff
        assert diff is not None
        assert (diff.a.date, diff.b.date) == ("2024-09-12", "2025-09-18")
        assert (diff.a.language, diff.b.language) == ("zh-Hant", "zh-Hant")
        assert "支持浙江企業赴港上市" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        # with the tree in English: 2025 has no English version, Chinese again
        await pilot.press("L", "d")
        await settle(pilot)
        diff = app.screen.diff
        assert diff is not None
        assert (diff.a.language, diff.b.language) == ("zh-Hant", "zh-Hant")
        await pilot.press("escape", "L", "down", "enter", "down")
        await settle(pilot)
        # the Chinese version's commitment has the history of the English one it stands
        # for: the 2025 commitment that continues it
        shown = detail_text(app)
        assert "Across meetings" in shown
        assert "2025-09-18" in shown


def _results(app) -> list[str]:
    options = app.screen.query_one("#results", OptionList)
    return [flat(str(options.get_option_at_index(i).prompt)) for i in range(options.option_count)]


async def test_search_finds_either_script_and_a_commitment_by_its_translation(
    tmp_path: Path,
) -> None:
    path = _store(tmp_path, SICHUAN_MACAO)
    en_bank = Store.open(path).meetings()[0].areas[0].commitments[1]
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"醫療機構")  # Traditional: the Simplified text
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert any("支持两地医疗机构共建中医药研究中心" in r for r in _results(app))
        await pilot.press(*["backspace"] * 4, *"跨境理財")  # the English one's Chinese
        await settle(pilot)
        found = _results(app)
        assert found and "跨境理財" in found[0]
        await pilot.press("enter")
        await settle(pilot)
        assert _current(app) == en_bank.id  # the commitment, in the version shown
        assert "Encourage the two places' banks" in detail_text(app)
        # with the tree in 繁體中文, the same hit selects the Chinese version's commitment
        await pilot.press("L", "L", "slash", *"wealth management", "enter")
        await settle(pilot)
        chinese = Store.open(path).versions().counterpart(en_bank.id, "zh-Hant")
        assert chinese is not None and chinese != en_bank.id
        assert _current(app) == chinese
        assert detail_text(app).startswith(f"Commitment {_current(app)} 鼓勵兩地銀行")


async def test_a_store_of_chinese_releases_only_shows_them_in_chinese(tmp_path: Path) -> None:
    release = tmp_path / "sichuan.txt"
    release.write_text(SICHUAN_MACAO, encoding="utf-8")
    path = tmp_path / "store.json"
    Store.open(path, seed_samples=False, create=True).import_paths([release])
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "医疗合作" in text and "旅游合作" in text
        assert "Language: 简体中文" in detail_text(app)
        assert "L Language" not in text  # one language: nothing to switch
        await pilot.press("L", "down", "enter", "down")  # L does nothing; keys still go
        await settle(pilot)
        assert "支持两地医疗机构共建中医药研究中心" in detail_text(app)


async def test_importing_the_chinese_version_in_the_app_pairs_it(tmp_path: Path) -> None:
    """The store holds the English release; ``i`` imports the Chinese one: the tree still
    lists one meeting, L now applies, and the search index, rebuilt, finds the English
    commitment by its Chinese text."""
    from test_app_import import wait_for_summary

    en, zh = write_pair(tmp_path / "releases")
    path = tmp_path / "store.json"
    Store.open(path, seed_samples=False, create=True).import_paths([en])
    en_bank = Store.open(path).meetings()[0].areas[0].commitments[1]
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert "L Language" not in screen_text(app)
        await pilot.press("i", *str(zh), "enter")
        await wait_for_summary(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert [m.date for m in app.main.agreement_tree.meetings] == ["2024-09-12"]
        assert "L Language" in screen_text(app)
        assert "Languages: English · 繁體中文" in detail_text(app)
        await pilot.press("slash", *"跨境理財", "enter")
        await settle(pilot)
        assert _current(app) == en_bank.id


def test_counterpart_finds_an_item_in_each_version(pair: Path) -> None:
    """``Versions.counterpart``: the same meeting, area or commitment in another version;
    None for the Chinese version's extra commitment in English."""
    store = Store.open(pair)
    english, chinese = store.meetings()[0], store.meetings("zh-Hant")[0]
    versions = store.versions()
    assert versions.counterpart(english.id, "zh-Hant") == chinese.id
    assert versions.counterpart(chinese.id, None) == english.id
    for en_area, zh_area in zip(english.areas, chinese.areas, strict=True):
        assert versions.counterpart(en_area.id, "zh-Hant") == zh_area.id
        assert versions.counterpart(zh_area.id, "en") == en_area.id
        assert versions.counterpart(zh_area.id, "zh-Hant") == zh_area.id
    en_bank, zh_bank = english.areas[0].commitments[1], chinese.areas[0].commitments[1]
    assert versions.counterpart(en_bank.id, "zh-Hant") == zh_bank.id
    assert versions.counterpart(zh_bank.id, None) == en_bank.id
    extra = chinese.areas[2].commitments[1]
    assert versions.counterpart(extra.id, "en") is None
    assert versions.counterpart(extra.id, "zh-Hans") is None  # no such version: English
    assert versions.counterpart("0123456789ab", "zh-Hant") == "0123456789ab"

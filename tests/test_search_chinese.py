"""Search finds Chinese (issue 18): Han text indexed by characters, in either script.

The meetings are written for these tests: a Traditional release of a Sichuan–Macao
meeting, a Simplified one of a Zhejiang–Hong Kong meeting, and an English one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_support import write_release

from parsers.model import Area, Commitment, Meeting
from parsers.zh_script import to_simplified
from search import SearchIndex, SearchResult, snippet
from store import Status, Store
from store.model import Annotation, Note
from tui.cli import main

STATUSES = [s.value for s in Status]

# Traditional: 四川–澳門
HANT_OFFICE = "支持四川企業在澳門設立區域總部，拓展葡語國家市場。"
HANT_FAIR = "鼓勵兩地商會共同舉辦投資推介活動，每年輪流在成都和澳門舉行。"
HANT_BRANCH = "推動澳門金融機構在成都開設分支機構，發展跨境人民幣結算業務。"
HANT_BONDS = "探索在綠色債券和金融科技領域開展合作。"
HANT_TOURS = "加強兩地旅遊線路互推，共同開發「一程多站」旅遊產品。"
# Simplified: 浙江–香港
HANS_LABS = "支持浙江高校与香港的大学共建联合实验室，促进科研成果转化。"
HANS_YOUTH = "推动两地青年创新创业交流，每年互派实习生。"
HANS_BONDS = "鼓励浙江企业赴香港发行绿色债券，拓宽跨境融资渠道。"
HANS_SANDBOX = "共同探索发展金融科技fintech沙盒试点。"
HANS_HEALTH = "加强两地医疗机构在中医药领域的合作。"
HANS_MECHANISM = "深化两地合作机制，每年召开一次联席会议。"
# English
EN_BONDS = "Jointly issue green bonds in the Hong Kong market to fund the railways."
EN_TREASURY = "Support enterprises in setting up treasury centres to manage overseas funds."
EN_SCATTERED = "Promote green energy in villages, and study whether municipal bonds could pay."
EN_DESIGN = "Grant regional events extra news coverage, and build on nearby design studios."


def meeting(
    mid: str,
    date: str,
    place: str,
    parties: list[str],
    areas: dict[str, list[str]],
    language: str,
) -> Meeting:
    built = [
        Area(
            f"{mid}-a{n}",
            name,
            False,
            [Commitment(f"{mid}-a{n}-c{k}", text) for k, text in enumerate(paragraphs)],
        )
        for n, (name, paragraphs) in enumerate(areas.items())
    ]
    return Meeting(
        mid, f"{place} meeting", date, place, parties, f"{mid}.txt", len(areas), built,
        language=language,
    )  # fmt: skip


SICHUAN = meeting(
    "sichuan", "2024-06-18", "成都", ["澳門特別行政區", "四川省人民政府"],
    {
        "經貿合作": [HANT_OFFICE, HANT_FAIR],
        "金融服務": [HANT_BRANCH, HANT_BONDS],
        "文化旅遊": [HANT_TOURS],
    },
    "zh-Hant",
)  # fmt: skip
ZHEJIANG = meeting(
    "zhejiang", "2024-09-12", "杭州", ["香港特别行政区", "浙江省"],
    {
        "科技创新": [HANS_LABS, HANS_YOUTH],
        "金融合作": [HANS_BONDS, HANS_SANDBOX],
        "医疗卫生": [HANS_HEALTH],
        "机制建设": [HANS_MECHANISM],
    },
    "zh-Hans",
)  # fmt: skip
ENGLISH = meeting(
    "english", "2023-05-01", "Hong Kong", ["Hong Kong", "Testland"],
    {
        "Finance": [EN_SCATTERED, EN_DESIGN, EN_BONDS],
        "Treasury Management": [EN_TREASURY],
    },
    "en",
)  # fmt: skip
MEETINGS = [SICHUAN, ZHEJIANG, ENGLISH]


def cid(text: str) -> str:
    return next(c.id for m in MEETINGS for c in m.commitments if c.text == text)


def build(
    annotations: dict[str, Annotation] | None = None,
    translations: dict[str, dict[str, str]] | None = None,
    meetings: list[Meeting] | None = None,
) -> SearchIndex:
    if translations is None:  # as the app and the command line call it
        return SearchIndex.build(meetings or MEETINGS, annotations or {}, STATUSES)
    return SearchIndex.build(
        meetings or MEETINGS, annotations or {}, STATUSES, translations=translations
    )


def texts(results: list[SearchResult], kind: str = "commitment") -> list[str]:
    return [r.text for r in results if r.kind == kind]


def marked(result: SearchResult) -> list[str]:
    return [result.text[start:end] for start, end in result.spans]


def hit(results: list[SearchResult], text: str) -> SearchResult:
    return next(r for r in results if r.text == text)


def test_traditional_finds_simplified_and_simplified_finds_traditional() -> None:
    index = build()
    for query in ("綠色債券", "绿色债券"):
        results = index.search(query)
        assert set(texts(results)) == {HANT_BONDS, HANS_BONDS}, query
        assert marked(hit(results, HANT_BONDS)) == ["綠色債券"]  # the text's own characters
        assert marked(hit(results, HANS_BONDS)) == ["绿色债券"]
    for query in ("跨境", "實驗室", "医疗機構"):  # mixed scripts in one query too
        assert texts(index.search(query)), query
    assert set(texts(index.search("澳门"))) == {HANT_OFFICE, HANT_FAIR, HANT_BRANCH}


def test_two_character_and_one_character_queries() -> None:
    index = build()
    finance = index.search("金融")
    assert set(texts(finance)) == {HANT_BRANCH, HANT_BONDS, HANS_SANDBOX}
    assert set(texts(finance, "area")) == {"金融服務", "金融合作"}
    assert marked(hit(finance, HANT_BRANCH)) == ["金融"]
    # one character, in the middle of a clause and at its end (before the full stop)
    assert set(texts(index.search("債"))) == {HANT_BONDS, HANS_BONDS}
    assert texts(index.search("場")) == [HANT_OFFICE]
    assert set(texts(index.search("醫"))) == {HANS_HEALTH}
    assert texts(index.search("医"), "area") == ["医疗卫生"]
    # characters that are there, but not together, and a look-alike: nothing
    assert index.search("金科") == []
    assert index.search("全") == []
    assert index.search("債金") == []


def test_words_typed_apart_rank_first_where_they_stand_together() -> None:
    index = build()
    for query in ("兩地 合作", "两地 合作"):
        assert texts(index.search(query)) == [HANS_MECHANISM, HANS_HEALTH], query
    assert set(texts(index.search("加強兩地"))) == {HANT_TOURS, HANS_HEALTH}


def test_a_longer_chinese_word_typed_with_a_wrong_character_is_found_nearly() -> None:
    index = build()
    results = index.search("綠色債卷")  # 卷 typed for 券: nowhere as typed
    assert set(texts(results)) == {HANT_BONDS, HANS_BONDS}
    assert marked(hit(results, HANT_BONDS)) == ["綠色債"]  # what is there of it
    assert all(r.score < 100 for r in results)
    assert texts(index.search("推進两地")) == [HANS_YOUTH]  # 推动两地: one character off
    # only where no text has the word as typed: 推动两地 is one character off 加强两地
    assert set(texts(index.search("加強兩地"))) == {HANT_TOURS, HANS_HEALTH}
    # and never for one to three characters, nor two characters off in four
    assert index.search("色債卷") == []
    assert index.search("債卷") == []
    assert index.search("卷") == []
    assert index.search("促进两岸") == []


def test_a_mixed_query_is_an_and_of_its_words() -> None:
    index = build()
    assert texts(index.search("fintech")) == [HANS_SANDBOX]  # written against the Chinese
    results = index.search("金融 fintech")
    assert texts(results) == [HANS_SANDBOX]
    assert marked(results[0]) == ["金融", "fintech"]
    assert index.search("金融 railways") == []  # no text has both
    assert texts(index.search("債券 green")) == []


def test_full_width_letters_and_digits_are_their_ascii_ones() -> None:
    """Chinese texts and input methods write letters and digits full-width (ＣＥＰＡ,
    ２０２５): they are the same words as the ASCII ones, both ways."""
    full = "推動ＣＥＰＡ框架下的服務貿易自由化，２０２５年前完成評估。"
    ascii_ = "Review the CEPA arrangements on services by 2025."
    index = build(
        meetings=[meeting("w", "2024-01-01", "澳門", ["澳門"], {"服務": [full, ascii_]}, "zh-Hant")]
    )
    for query in ("cepa", "ＣＥＰＡ", "ｃｅｐａ"):
        results = index.search(query)
        assert set(texts(results)) == {full, ascii_}, query
        assert marked(hit(results, full)) == ["ＣＥＰＡ"]
        assert marked(hit(results, ascii_)) == ["CEPA"]
    results = index.search("２０２５年")
    assert texts(results) == [full]
    assert marked(results[0]) == ["２０２５年"]


def test_tags_and_notes_in_chinese_and_the_filters() -> None:
    when = "2024-07-01T09:00:00+00:00"
    note = Note("n1", cid(HANT_BRANCH), "需要跟進澳門金管局的書面回覆。", when, when)
    annotations = {
        cid(HANT_BRANCH): Annotation(
            cid(HANT_BRANCH), Status.PARTIAL, tags=["綠色金融", "跨境"], notes=[note]
        ),
        cid(HANS_BONDS): Annotation(cid(HANS_BONDS), Status.IMPLEMENTED, tags=["绿色金融"]),
    }
    index = build(annotations)
    notes = index.search("跟进")  # Simplified finds the Traditional note
    assert [(r.kind, r.note_id) for r in notes] == [("note", "n1")]
    assert marked(notes[0]) == ["跟進"]
    tags = index.search("绿色金融 kind:tag")
    assert sorted(r.text for r in tags) == ["綠色金融", "绿色金融"]
    # tag: in either script, a prefix as for English tags
    for query in ("tag:綠色 發展", "tag:绿色 发展", "tag:绿 發展"):
        assert texts(index.search(query)) == [HANT_BRANCH], query
    assert set(texts(index.search("tag:綠色金融"))) == {HANT_BRANCH, HANS_BONDS}
    assert texts(index.search("status:implemented 债券")) == [HANS_BONDS]
    assert texts(index.search("status:partial 金融")) == [HANT_BRANCH]
    # meeting: by a party in Chinese, in either script, or by its English name
    for place in ("澳門", "澳门", "macao", "四川", "Sichuan"):
        query = f"meeting:{place} 金融"
        assert set(texts(index.search(query))) == {HANT_BRANCH, HANT_BONDS}, query
    assert texts(index.search("meeting:浙江 金融")) == [HANS_SANDBOX]
    assert texts(index.search("meeting:zhejiang 金融")) == [HANS_SANDBOX]


def test_highlights_mark_the_original_characters() -> None:
    index = build()
    [result] = index.search("輪流 成都 kind:commitment")
    assert marked(result) == ["輪流", "成都"]
    long_text = HANT_FAIR * 8
    spans = index.search("推介")[0].spans
    shown, kept = snippet(HANT_FAIR, spans, width=20)
    assert [shown[s:e] for s, e in kept] == ["推介"]
    many = SearchIndex.build(
        [meeting("long", "2024-01-01", "澳門", ["澳門"], {"會展": [long_text]}, "zh-Hant")],
        {},
        STATUSES,
    )
    [hit_long] = many.search("推介")
    assert len(hit_long.spans) == 8
    # a snippet is measured in terminal cells: a Chinese character takes two
    shown, kept = snippet(hit_long.text, hit_long.spans, width=30)
    assert shown.startswith("…") and shown.endswith("…")
    assert len(shown) == 2 + 15 and next(shown[s:e] for s, e in kept) == "推介"
    shown, kept = snippet(hit_long.text, hit_long.spans[-1:], width=80)  # near the end
    assert shown.startswith("…") and not shown.endswith("…") and len(shown) == 1 + 40
    assert [shown[s:e] for s, e in kept] == ["推介"]


def test_highlights_stay_right_where_a_phrase_folds_to_another_length(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """OpenCC folds a few phrases to a text of another length: the highlights are then
    found character by character, in the original's positions."""
    import search.chinese as chinese

    def longer(text: str) -> str:  # a phrase that folds to a longer one, before the hit
        return to_simplified(text).replace("商会", "商业协会")

    monkeypatch.setattr(chinese, "script_fold", longer)
    index = build()
    [result] = index.search("推介")
    assert result.text == HANT_FAIR
    assert marked(result) == ["推介"]
    assert [r.text for r in index.search("商业协会")] == [HANT_FAIR]  # the phrase's form
    assert marked(index.search("商會")[0]) == ["商會"]  # and by character


def test_translations_are_found_as_their_commitments() -> None:
    english_bonds, english_treasury = cid(EN_BONDS), cid(EN_TREASURY)
    chinese_bonds = "在香港市場共同發行綠色債券，為鐵路建設籌集資金。"
    index = build(
        translations={
            english_bonds: {"zh-Hant": chinese_bonds},
            english_treasury: {"zh-Hans": "支持企业设立财资中心，管理海外资金。"},
            "no-such-id": {"zh-Hans": "不存在的承诺"},
            "english-a1": {"zh-Hans": "财资管理"},  # an area's name
        }
    )
    [area] = index.search("財資管理 kind:area")
    assert (area.target_id, area.text, area.language) == ("english-a1", "财资管理", "zh-Hans")
    results = index.search("铁路")
    assert [(r.target_id, r.text, r.language) for r in results] == [
        (english_bonds, chinese_bonds, "zh-Hant")
    ]
    assert marked(results[0]) == ["鐵路"]
    bonds = index.search("綠色債券")
    assert [r.target_id for r in bonds].count(english_bonds) == 1  # listed once
    assert index.search("不存在") == []
    assert [r.target_id for r in index.search("财资中心")] == [english_treasury]
    # the English text is still its own, and a hit there names no language
    [own] = [r for r in index.search("railways") if r.kind == "commitment"]
    assert (own.target_id, own.text, own.language) == (english_bonds, EN_BONDS, None)
    # a translation replaced: the old text is no longer found
    index.set_translations(english_bonds, {"zh-Hans": "共同发行债券。"})
    assert index.search("铁路") == []
    assert [r.target_id for r in index.search("共同發行")][:1] == [english_bonds]


def test_english_results_are_ranked_as_before() -> None:
    """With Chinese meetings in the index too, an English query ranks as it did before
    Chinese was indexed (the order and scores recorded then): a guard, which passes
    on that search too."""
    index = SearchIndex.build(MEETINGS, {}, STATUSES)
    results = index.search("green bonds")
    assert [(r.text, round(r.score, 1)) for r in results] == ENGLISH_GREEN_BONDS
    assert [r.text for r in index.search("tresury")] == ["Treasury Management", EN_TREASURY]
    finance = index.search("fin")  # (and fintech, written against the Chinese, after)
    assert next((r.text, marked(r)) for r in finance) == ("Finance", ["Finance"])


#: recorded with the search before Chinese was indexed (commit 85ddd81)
ENGLISH_GREEN_BONDS = [(EN_BONDS, 110.0), (EN_SCATTERED, 73.6)]


HAN_POOL = (
    "支持推動推动鼓勵鼓励加強加强探索促進促进共同金融科技創新创新合作發展发展"
    "乾隆著名藉口憑藉頭髮头发於于後后皇后瞭解了解裏里鐘钟臺台灣湾"
    "澳門门香港浙江四川成都杭州綠绿色債债券醫医療疗區区域國国際际"
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(HAN_POOL), min_size=1, max_size=24).map("".join),
    st.data(),
)
def test_any_part_of_a_chinese_commitment_finds_it(text: str, data: st.DataObject) -> None:
    length = data.draw(st.integers(1, min(4, len(text))))
    start = data.draw(st.integers(0, len(text) - length))
    part = text[start : start + length]
    body = f"第一條：{text}。"
    areas = {"合作": [body, "無關的內容"]}
    index = SearchIndex.build(
        [meeting("prop", "2024-01-01", "澳門", ["澳門"], areas, "zh-Hant")], {}, STATUSES
    )
    results = index.search(part, limit=10)
    found = [r for r in results if r.kind == "commitment" and r.text == body]
    assert found, (part, body)
    assert any(part in body[s:e] for s, e in found[0].spans)  # and marked where it is


def test_cli_search_finds_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store" / "store.json"
    store = Store.open(db, seed_samples=False)
    release = write_release(
        tmp_path, areas={"金融服務": [HANT_BRANCH, HANT_BONDS], "Trade": [EN_TREASURY]}
    )
    assert [r.outcome for r in store.import_paths([release])] == ["added"]
    target = next(c.id for m in store.meetings() for c in m.commitments if c.text == HANT_BONDS)
    store.add_tags(target, ["綠色金融"])
    capsys.readouterr()
    assert main(["--db", str(db), "search", "绿色债券", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["kind"], r["text"]) for r in results] == [
        (target, "commitment", HANT_BONDS)
    ]
    [[start, end]] = results[0]["spans"]
    assert HANT_BONDS[start:end] == "綠色債券"
    assert main(["--db", str(db), "search", "tag:绿色", "金融", "kind:commitment", "--json"]) == 0
    assert [r["text"] for r in json.loads(capsys.readouterr().out)] == [HANT_BONDS]


def chinese_store(tmp_path: Path) -> tuple[Path, str]:
    """A store with a release whose commitments are Chinese (Traditional), and the ID of
    the green bonds one, tagged 綠色金融."""
    db = tmp_path / "store" / "store.json"
    store = Store.open(db, seed_samples=False)
    release = write_release(
        tmp_path, areas={"金融服務": [HANT_BRANCH, HANT_BONDS * 4], "Trade": [EN_TREASURY]}
    )
    assert [r.outcome for r in store.import_paths([release])] == ["added"]
    target = next(
        c.id for m in store.meetings() for c in m.commitments if c.text.startswith(HANT_BONDS)
    )
    store.add_tags(target, ["綠色金融"])
    return db, target


async def test_app_search_finds_chinese_typed_in_the_other_script(tmp_path: Path) -> None:
    from test_app_support import SIZE, app_for, settle
    from textual.widgets import OptionList

    from tui.screens.search import SearchScreen

    db, target = chinese_store(tmp_path)
    app = app_for(db)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"绿色债券")  # typed ahead, in Simplified
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        options = app.screen.query_one("#results", OptionList)
        assert options.option_count == 1
        prompt = options.get_option_at_index(0).prompt
        marked = [prompt.plain[s.start : s.end] for s in prompt.spans if "reverse" in str(s.style)]
        assert marked[0] == "綠色債券"  # the text's own characters
        # the long text's snippet fits the dialog's line: 110 cells, not 110 characters
        first_line = prompt.plain.split("\n")[0]
        assert first_line.startswith(HANT_BONDS[:5]) and len(first_line) <= 58
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.agreement_tree.current is not None
        assert app.main.agreement_tree.current.id == target

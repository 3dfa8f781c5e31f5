"""Aligning the English and the Chinese version of one meeting (issue 18,
compare.versions): which area and which commitment of one is which of the other, and a
warning naming the area wherever the two versions disagree.

The meetings are in tests/version_pair_support.py: a Fujian–Hong Kong conference written
in English and translated into Traditional Chinese (Simplified made from it), changed
here as translations differ in practice: an item added, two merged, an area left out,
two areas in another order.
"""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from version_pair_support import chinese, english, english_release, ids, meeting

from compare.version_anchors import anchors
from compare.version_costs import AREA_PRIORS, Item, Level, Scale, estimate_variance
from compare.versions import Bead, VersionAlignment, align_versions
from parsers import Meeting, parse_text

CHINESE = ["zh-Hant", "zh-Hans"]


def shapes(beads: list[Bead]) -> list[tuple[int, int]]:
    return [(len(b.primary), len(b.other)) for b in beads]


def mirrored(result: VersionAlignment) -> tuple[list[Bead], list[Bead], list[str]]:
    turn = [Bead(b.other, b.primary) for b in result.areas]
    turn_c = [Bead(b.other, b.primary) for b in result.commitments]
    return turn, turn_c, result.warnings


def assert_symmetric(a: Meeting, b: Meeting) -> VersionAlignment:
    """The alignment of a with b, checked to be the mirror of b's with a."""
    result = align_versions(a, b)
    back = align_versions(b, a)
    assert (back.areas, back.commitments, back.warnings) == mirrored(result)
    return result


@pytest.mark.parametrize("language", CHINESE)
def test_a_faithful_translation_pairs_every_area_and_commitment_one_to_one(
    language: str,
) -> None:
    en = parse_text(english_release())  # the English as the parser reads it
    zh = meeting(chinese(), language)
    assert [a.name for a in en.areas] == [name for name, _ in english()]
    result = assert_symmetric(en, zh)
    assert result.areas == [Bead((x.id,), (y.id,)) for x, y in zip(en.areas, zh.areas, strict=True)]
    expected = [
        Bead((c.id,), (d.id,))
        for x, y in zip(en.areas, zh.areas, strict=True)
        for c, d in zip(x.commitments, y.commitments, strict=True)
    ]
    assert result.commitments == expected
    assert result.warnings == []
    # looked up either way, commitments and areas
    first = en.areas[1].commitments[3]
    assert result.other_of(first.id) == (zh.areas[1].commitments[3].id,)
    assert result.primary_of(zh.areas[1].commitments[3].id) == (first.id,)
    assert result.other_of(en.areas[4].id) == (zh.areas[4].id,)
    assert result.other_of("no such id") == ()


def test_an_extra_chinese_commitment_has_no_counterpart_in_its_place() -> None:
    zh_areas = chinese()
    # the Chinese version adds a commitment to Finance, third of five
    zh_areas[1][1].insert(
        2,
        "支持香港金融機構參與福建自由貿易試驗區建設，為區內企業提供跨境融資及風險管理服務。",
    )
    en, zh = meeting(english(), "en"), meeting(zh_areas, "zh-Hant")
    result = assert_symmetric(en, zh)
    assert shapes(result.areas) == [(1, 1)] * 8
    finance = [b for b in result.commitments if set(b.primary) <= set(ids(en, 1, 0, 1, 2, 3))]
    assert finance == [
        Bead(ids(en, 1, 0), ids(zh, 1, 0)),
        Bead(ids(en, 1, 1), ids(zh, 1, 1)),
        Bead((), ids(zh, 1, 2)),
        Bead(ids(en, 1, 2), ids(zh, 1, 3)),
        Bead(ids(en, 1, 3), ids(zh, 1, 4)),
    ]
    assert result.warnings == [
        'areas "Finance" / "金融合作": 4 commitments in English, 5 in Chinese '
        "(Chinese commitment 3 has no counterpart in English)"
    ]


def test_an_extra_english_commitment_has_no_counterpart_in_its_place() -> None:
    en_areas = english()
    en_areas[1][1].insert(
        0,
        "The two sides will support Hong Kong financial institutions in taking part in "
        "the development of the pilot free trade zone in Fujian.",
    )
    en, zh = meeting(en_areas, "en"), meeting(chinese(), "zh-Hans")
    result = assert_symmetric(zh, en)  # the Chinese as the primary this time
    assert Bead((), ids(en, 1, 0)) in result.commitments
    assert Bead(ids(zh, 1, 0), ids(en, 1, 1)) in result.commitments
    assert result.other_of(ids(zh, 1, 0)[0]) == ids(en, 1, 1)
    assert result.warnings == [
        'areas "Finance" / "金融合作": 5 commitments in English, 4 in Chinese '
        "(English commitment 1 has no counterpart in Chinese)"
    ]


@pytest.mark.parametrize("language", CHINESE)
def test_two_english_commitments_merged_into_one_chinese(language: str) -> None:
    zh_areas = chinese()
    # Trade and Investment: the translation makes one paragraph of the last two
    zh_areas[0][1][2:4] = [
        "雙方加強知識產權保護合作，探索建立電子商務及跨境物流信息交流機制，並促進兩地商會交流。"
    ]
    en, zh = meeting(english(), "en"), meeting(zh_areas, language)
    result = assert_symmetric(en, zh)
    assert result.commitments[:3] == [
        Bead(ids(en, 0, 0), ids(zh, 0, 0)),
        Bead(ids(en, 0, 1), ids(zh, 0, 1)),
        Bead(ids(en, 0, 2, 3), ids(zh, 0, 2)),
    ]
    assert shapes(result.commitments[3:]) == [(1, 1)] * (24 - 4)
    trade = zh.areas[0].name
    assert result.warnings == [
        f'areas "Trade and Investment" / "{trade}": 4 commitments in English, 3 in Chinese '
        "(English commitments 3 and 4 matched to Chinese commitment 3)"
    ]
    assert result.primary_of(ids(zh, 0, 2)[0]) == ids(en, 0, 2, 3)


def test_an_area_left_out_of_one_version_is_named() -> None:
    zh_areas = chinese()
    del zh_areas[3]  # no Youth in the Chinese version
    en, zh = meeting(english(), "en"), meeting(zh_areas, "zh-Hant")
    result = assert_symmetric(en, zh)
    assert result.areas[3] == Bead((en.areas[3].id,), ())
    assert result.areas[4] == Bead((en.areas[4].id,), (zh.areas[3].id,))  # Culture follows
    youth = [b for b in result.commitments if set(b.primary) <= set(ids(en, 3, 0, 1, 2))]
    assert youth == [Bead(ids(en, 3, p), ()) for p in range(3)]
    assert result.other_of(en.areas[3].id) == ()
    assert result.warnings == ['area "Youth" has no counterpart in the zh-Hant version']
    # and the other way round, the area only in the Chinese version
    only_zh = align_versions(meeting([a for i, a in enumerate(english()) if i != 3], "en"),
                             meeting(chinese(), "zh-Hans"))  # fmt: skip
    assert only_zh.warnings == ['area "青年交流" has no counterpart in the English version']


def test_areas_in_another_order_are_matched_by_their_topic() -> None:
    """The dynamic programme keeps the order: of two areas swapped it pairs one and
    leaves the other out on both sides (or pairs each with the area in its place); a
    pass after it pairs areas left out on both sides when their names give the same
    topic and the pair costs less than two omissions (or exchanges the partners of two
    pairs on the same grounds). Each area so placed is warned about."""
    zh_areas = chinese()
    zh_areas[1], zh_areas[2] = zh_areas[2], zh_areas[1]  # Innovation before Finance
    en, zh = meeting(english(), "en"), meeting(zh_areas, "zh-Hant")
    result = assert_symmetric(en, zh)
    assert result.other_of(en.areas[1].id) == (zh.areas[2].id,)  # Finance / 金融合作
    assert result.other_of(en.areas[2].id) == (zh.areas[1].id,)  # Innovation / 創新科技
    assert shapes(result.areas) == [(1, 1)] * 8
    # their commitments are paired within the matched areas
    for p in range(4):
        assert result.other_of(ids(en, 1, p)[0]) == ids(zh, 2, p)
    for p in range(3):
        assert result.other_of(ids(en, 2, p)[0]) == ids(zh, 1, p)
    assert result.warnings == [
        'areas "Finance" / "金融合作" stand at different places in the two versions '
        "(matched by topic)",
        'areas "Innovation and Technology" / "創新科技" stand at different places in the two '
        "versions (matched by topic)",
    ]


@pytest.mark.parametrize(("first", "second"), [(0, 3), (0, 1), (1, 3)])
def test_commitments_in_another_order_are_matched_by_what_they_share(
    first: int, second: int
) -> None:
    """The DP keeps the order; two 1–1 pairs are exchanged after it when each item
    shares a number, date or place (or two words) with the other pair's item and the
    exchange costs less; a pair left out on both sides is joined likewise."""
    zh_areas = chinese()
    finance = zh_areas[1][1]
    finance[first], finance[second] = finance[second], finance[first]
    en, zh = meeting(english(), "en"), meeting(zh_areas, "zh-Hant")
    result = assert_symmetric(en, zh)
    where = {first: second, second: first}
    for p in range(4):
        assert result.other_of(ids(en, 1, p)[0]) == ids(zh, 1, where.get(p, p))
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith('areas "Finance" / "金融合作": 4 commitments in English')
    assert "in another order" in result.warnings[0]


def test_an_area_split_in_two_in_one_version_is_a_two_to_one() -> None:
    en_areas = english()
    _name, texts = en_areas[0]
    en_areas[0:1] = [("Trade", texts[:2]), ("Investment Promotion", texts[2:])]
    en, zh = meeting(en_areas, "en"), meeting(chinese(), "zh-Hant")
    result = assert_symmetric(en, zh)
    assert result.areas[0] == Bead((en.areas[0].id, en.areas[1].id), (zh.areas[0].id,))
    assert shapes(result.areas[1:]) == [(1, 1)] * 7
    # the commitments of the two English areas, read one after the other, each with its own
    assert result.commitments[:4] == [
        Bead(ids(en, 0, 0), ids(zh, 0, 0)),
        Bead(ids(en, 0, 1), ids(zh, 0, 1)),
        Bead(ids(en, 1, 0), ids(zh, 0, 2)),
        Bead(ids(en, 1, 1), ids(zh, 0, 3)),
    ]
    assert result.warnings == [
        'areas "Trade" + "Investment Promotion" / "經貿合作": two English areas matched to '
        "one Chinese area"
    ]


TRANSPORT = (
    "Transport and Logistics",
    "交通物流",
    [
        "The two sides will study opening more cross-boundary coach routes and better "
        "arrangements for passengers at the boundary control points.",
        "Open a new air cargo route between Hong Kong and Xiamen by the end of 2026, with "
        "a flight every day in its first year.",
    ],
    # only the second, its translation longer than most (but within what translations do)
    ["爭取於2026年底前開通香港至廈門航空貨運航線，首年每日一班。"],
)


def test_shared_numbers_and_places_outweigh_misleading_lengths() -> None:
    name, zh_name, en_texts, zh_texts = TRANSPORT
    en = meeting([*english(), (name, en_texts)], "en")
    zh = meeting([*chinese(), (zh_name, zh_texts)], "zh-Hant")
    # by length alone the Chinese paragraph would be the long English one's translation
    c = sum(len(t) for _, ts in chinese() for t in ts) / sum(
        len("".join(t.split())) for _, ts in english() for t in ts
    )
    lengths = [len("".join(t.split())) for t in en_texts]
    scale = Scale(c, 6.8 * c * c)
    assert abs(scale.delta(lengths[0], len(zh_texts[0]))) < abs(
        scale.delta(lengths[1], len(zh_texts[0]))
    )
    # but 2026, Xiamen and the flights are in the short one
    assert {"n:2026", "p:Xiamen"} <= anchors(en_texts[1]) & anchors(zh_texts[0])
    result = assert_symmetric(en, zh)
    assert result.commitments[-2:] == [Bead(ids(en, 8, 0), ()), Bead(ids(en, 8, 1), ids(zh, 8, 0))]
    assert result.warnings == [
        'areas "Transport and Logistics" / "交通物流": 2 commitments in English, 1 in Chinese '
        "(English commitment 1 has no counterpart in Chinese)"
    ]


def test_a_pair_far_off_the_length_ratio_with_nothing_shared_is_warned_about() -> None:
    zh_areas = chinese()
    # Youth's second paragraph replaced by a far longer one about something else
    zh_areas[3][1][1] = (
        "雙方同意就兩地青年的身心健康狀況展開長期追蹤調查，由兩地社工及心理輔導人員組成聯合工作小組，"
        "定期交換個案處理經驗，並研究為有需要的青年提供更全面及持續的支援，"
        "同時邀請家長、老師及社區團體參與，建立跨界別的協作網絡。"
    )
    en, zh = meeting(english(), "en"), meeting(zh_areas, "zh-Hant")
    result = assert_symmetric(en, zh)
    youth = [w for w in result.warnings if w.startswith('areas "Youth" / "青年交流"')]
    assert len(youth) == 1, result.warnings
    assert "commitment 2" in youth[0]


def test_a_one_to_one_pair_far_off_the_ratio_is_kept_but_warned_about() -> None:
    zh_areas = chinese()
    # Youth's third paragraph is twice the usual length and shares nothing with the English
    zh_areas[3][1][2] = (
        "雙方同意研究設立專項資金，資助兩地非牟利機構合辦以環保及社區服務為主題的義工計劃，並定期檢討成效。"
    )
    en, zh = meeting(english(), "en"), meeting(zh_areas, "zh-Hant")
    result = assert_symmetric(en, zh)
    assert Bead(ids(en, 3, 2), ids(zh, 3, 2)) in result.commitments
    assert result.warnings == [
        'areas "Youth" / "青年交流": 3 commitments in English, 3 in Chinese (English commitment 3 '
        "and Chinese commitment 3 differ in length far beyond the usual ratio, with nothing shared)"
    ]


SPORTS = (
    "Sports",
    [
        "Encourage the sportsmen and sportswomen of the two places to prepare together "
        "before major competitions.",
        "Hold a friendly football match between the two places each autumn.",
    ],
)
METEOROLOGY = (
    "Meteorology",
    [
        "Share the observations of weather radars along the coast to improve typhoon warnings.",
        "Exchange forecasters for short attachments.",
    ],
)
METEOROLOGY_ZH = (
    "氣象",
    ["共享沿海天氣雷達觀測資料，提升颱風預警能力。", "互派天氣預報員短期交流。"],
)


@pytest.mark.parametrize("order", ["sports first", "meteorology first"])
def test_the_area_left_out_is_told_by_the_names_topics(order: str) -> None:
    """Two areas of two short commitments each, sharing no number, place or word with
    the translation: only the names (体育 / Sports, 氣象 / Meteorology) tell which of
    the two the Chinese version left out."""
    extra = [SPORTS, METEOROLOGY] if order == "sports first" else [METEOROLOGY, SPORTS]
    en = meeting([*english(), *extra], "en")
    zh = meeting([*chinese(), METEOROLOGY_ZH], "zh-Hant")
    result = assert_symmetric(en, zh)
    sports = next(a for a in en.areas if a.name == "Sports")
    meteorology = next(a for a in en.areas if a.name == "Meteorology")
    assert result.other_of(meteorology.id) == (zh.areas[-1].id,)
    assert result.other_of(sports.id) == ()
    assert result.warnings == ['area "Sports" has no counterpart in the zh-Hant version']


def test_the_length_variance_is_measured_on_the_two_versions() -> None:
    """Gale and Church's variance is the prior; the versions' own area pairs move it: a
    translation whose lengths keep closely to the ratio gets a smaller one (lengths
    then tell more), one whose lengths scatter a larger one."""

    def areas(lengths: list[tuple[int, int]]) -> tuple[list[Item], list[Item]]:
        a = [Item(f"a{k}", la, frozenset()) for k, (la, _lb) in enumerate(lengths)]
        b = [Item(f"b{k}", lb, frozenset()) for k, (_la, lb) in enumerate(lengths)]
        return a, b

    c, prior = 0.25, 6.8 * 0.25 * 0.25
    pairs = [((k,), (k,)) for k in range(10)]
    close = Level(*areas([(400, 100)] * 10), Scale(c, prior), AREA_PRIORS, areas=True)
    assert estimate_variance(close, pairs, prior) < prior / 2
    scattered = [(400, 100 + (-1) ** k * 40) for k in range(10)]
    loose = Level(*areas(scattered), Scale(c, prior), AREA_PRIORS, areas=True)
    assert estimate_variance(loose, pairs, prior) > 2 * prior


def test_anchors_read_the_same_in_both_languages() -> None:
    assert anchors("2025年9月12日在杭州") == anchors("in Hangzhou on 12 September 2025")
    assert anchors("September 12, 2025") >= {"d:9-12", "n:2025"}
    assert "pct:30" in anchors("提高百分之三十") & anchors("raise it by 30 per cent")
    assert "n:10000000000" in anchors("人民幣100億元") & anchors("RMB 10 billion")
    assert "n:3" in anchors("第三屆論壇") & anchors("the third forum")
    assert "p:Hong Kong" in anchors("HKSAR")
    assert "p:Macao" in anchors("Macau") & anchors("澳門")
    # 一 and 两 alone are parts of words (进一步, 两地), not numbers
    assert not any(x.startswith("n:") for x in anchors("進一步深化兩地合作"))
    # the verb "may" is no month; May is
    assert anchors("they may agree") == frozenset()
    assert "m:5" in anchors("in May")


def test_a_version_without_areas_leaves_every_area_unmatched() -> None:
    en = meeting(english()[:2], "en")
    zh = meeting([], "zh-Hant")
    result = assert_symmetric(en, zh)
    assert result.areas == [Bead((a.id,), ()) for a in en.areas]
    assert all(not b.other for b in result.commitments)
    assert len(result.commitments) == 8
    assert result.warnings == [
        'area "Trade and Investment" has no counterpart in the zh-Hant version',
        'area "Finance" has no counterpart in the zh-Hant version',
    ]


def test_the_meetings_are_not_changed() -> None:
    en, zh = meeting(english(), "en"), meeting(chinese(), "zh-Hant")
    before = (copy.deepcopy(en.to_dict()), copy.deepcopy(zh.to_dict()))
    align_versions(en, zh)
    assert (en.to_dict(), zh.to_dict()) == before


_TEXTS = (
    [t for _name, texts in english() for t in texts]
    + [t for _name, texts in chinese() for t in texts]
    + ["", "5", "2025年9月12日", "Hong Kong", "。", "\u3000"]
)
_NAMES = ["Finance", "金融合作", "Youth", "青年", "", "Other matters", "其他"]
_VERSION = st.lists(
    st.tuples(st.sampled_from(_NAMES), st.lists(st.sampled_from(_TEXTS), max_size=6)),
    max_size=6,
)


@settings(max_examples=80, deadline=None)
@given(_VERSION, _VERSION, st.sampled_from(["en", "zh-Hant", "zh-Hans"]))
def test_any_two_versions_align_every_item_once_and_the_same_both_ways(
    first: list[tuple[str, list[str]]], second: list[tuple[str, list[str]]], language: str
) -> None:
    a = meeting([(n, list(dict.fromkeys(t))) for n, t in dict(first).items()], "en")
    b = meeting([(n, list(dict.fromkeys(t))) for n, t in dict(second).items()], language)
    result = assert_symmetric(a, b)
    for beads, items_a, items_b in (
        (result.areas, [x.id for x in a.areas], [x.id for x in b.areas]),
        (result.commitments, [c.id for c in a.commitments], [c.id for c in b.commitments]),
    ):
        primary = [i for bead in beads for i in bead.primary]
        other = [i for bead in beads for i in bead.other]
        assert sorted(primary) == sorted(items_a)  # each once
        assert sorted(other) == sorted(items_b)
        if not any("another order" in w or "different places" in w for w in result.warnings):
            assert (primary, other) == (items_a, items_b)  # and in order
        assert all(len(x.primary) + len(x.other) > 0 and max(len(x.primary), len(x.other)) <= 2
                   for x in beads)  # fmt: skip
    if any(len(x.primary) != 1 or len(x.other) != 1 for x in result.areas):
        assert result.warnings

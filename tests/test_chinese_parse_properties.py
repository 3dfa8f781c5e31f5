"""Random Chinese and mixed text never makes the parser raise: ``parse_text`` and
``layout`` (the source view's) give a Meeting or a layout whatever the text."""

from __future__ import annotations

import zh_fixtures as zh
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import release_text
from parsers.release import layout, parse_text
from parsers.zh_script import detect_language

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Pieces of Chinese releases and their noise, to be shuffled into random texts.
PIECES = [
    line
    for text in (zh.one_per_line(zh.ZJ_HK), zh.wrapped(zh.SC_MO, 9), zh.BRACKETED, zh.LOST)
    for line in text.split("\n")
] + [
    "", "　　", "完", "（完）", "香港時間18時30分", "HKT 18:30", "圖：", "第 2 頁", "返回頁首",
    "以下十二个领域", "以下〇個範疇", "十二月三十二日", "二〇二四年十三月一日", "《", "》", "【】",
    "一、", "（一）", "第一部分", "## ", "**", "雙方簽署了《", "Support the two sides.", "Finance",
]  # fmt: skip

han = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
mixed = st.text(
    alphabet=st.one_of(
        han, st.sampled_from("，。；：、（）《》【】「」　 \n0123456789０１２年月日")
    ),
    max_size=400,
)
release_like = st.lists(st.sampled_from(PIECES), max_size=60).map("\n".join)


@SETTINGS
@given(st.one_of(mixed, release_like, st.text(max_size=300)), st.booleans())
def test_random_chinese_text_never_raises(text: str, html: bool) -> None:
    m = parse_text(text, html=html)
    assert m.language in ("en", "zh-Hant", "zh-Hans")
    assert all(c.text for c in m.commitments)
    lay = layout(text, m.id)
    assert all(0 <= i < len(lay.blocks) for i in (*lay.headings, *lay.paragraphs))


@SETTINGS
@given(release_like)
def test_layout_places_every_commitment_the_parse_gives(text: str) -> None:
    """The source view's layout of a release's text gives the parse's commitments."""
    shown = release_text(text)
    m = parse_text(shown)
    assert m.language == detect_language(shown)
    lay = layout(shown, m.id)
    assert sorted(lay.paragraphs.values()) == sorted(c.id for c in m.commitments)
    assert sorted(lay.headings.values()) == sorted(a.id for a in m.areas if not a.heading_inferred)

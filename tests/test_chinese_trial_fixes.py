"""What a new user's trial of the Chinese releases found misread, each as the researcher
would notice it (the releases are invented: tests/zh_trial_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import zh_trial_fixtures as zt

from parsers import InputError, parse_bytes, parse_file
from parsers.release import parse_text


@pytest.mark.parametrize("width", [20, 24, 28, 30, 36])
def test_hard_wrapped_plain_headings_indented_paragraphs(width: int) -> None:
    """Wrapped at 30 characters or fewer, a paragraph's lines that fill the width are not
    headings: the four plain headings name the areas, no commitment is cut."""
    m = parse_text(zt.gz_hk_wrapped(width), source="qian.txt")
    assert [a.name for a in m.areas] == [name for name, _ in zt.GZ_HK_AREAS]
    assert [[c.text for c in a.commitments] for a in m.areas] == [
        paras for _, paras in zt.GZ_HK_AREAS
    ]
    assert m.stated_area_count == 4
    assert [d.title for d in m.signed_documents] == ["黔港数字经济合作备忘录"]


def test_particulars_on_one_line_are_not_the_meeting_date() -> None:
    """The page went up on 21 June; the body says 6月20日: the meeting is of 20 June, as
    when the particulars are on two lines (same meeting ID)."""
    one = parse_bytes(zt.fj_mo_page(True).encode(), "fj.html")
    two = parse_bytes(zt.fj_mo_page(False).encode(), "fj.html")
    assert one.date == two.date == "2025-06-20"
    assert one.id == two.id
    assert [a.name for a in one.areas] == ["海洋经济", "会展商贸", "青年交流"]
    assert one.areas[0].commitments[0].text.startswith("推动两地在远洋渔业")


@pytest.mark.parametrize(
    ("text", "parties", "abbreviation"),
    [(zt.MIN_GANG, ["福建", "香港"], "閩港"), (zt.GUI_GANG, ["广西", "香港"], "桂港")],
    ids=["traditional", "simplified"],
)
def test_parties_named_by_their_abbreviations(
    text: str, parties: list[str], abbreviation: str
) -> None:
    """閩港合作會議: the two parties are Fujian and Hong Kong, not the observers (列席),
    and the user is told they were read from the meeting's name."""
    m = parse_text(text, source="r.txt")
    assert m.parties == parties
    assert any(abbreviation in w and "check" in w for w in m.warnings)
    assert len(m.areas) == 2


def test_abbreviations_only_before_cooperation() -> None:
    from parsers.gazetteer import abbreviated_parties

    assert abbreviated_parties("粵港合作聯席會議第二十六次會議")[0] == "粵港"  # type: ignore[index]
    assert abbreviated_parties("粤港澳合作论坛") is None  # three, not a pair
    assert abbreviated_parties("青年交流") is None


def _hostile(text: str) -> str:
    """A vertical tab and a form feed inside sentences, a bell, bidi controls alone on a
    line after a heading and on the heading's line."""
    text = text.replace("湖南企業", "湖南\x0b企業").replace("張家界", "張家\x0c界\x07")
    text = text.replace("【旅遊】\n", "【旅遊】\n\u202e\n")
    return text.replace("【教育】\n", "【教育】\u200f\n")


def test_control_characters_in_a_chinese_release_split_nothing() -> None:
    plain = parse_text(zt.XIANG_AO, source="r.txt")
    m = parse_text(_hostile(zt.XIANG_AO), source="r.txt")
    assert [a.name for a in m.areas] == ["經貿", "旅遊", "教育"]
    assert [[c.text for c in a.commitments] for a in m.areas] == [
        [c.text for c in a.commitments] for a in plain.areas
    ]
    assert [c.id for c in m.commitments] == [c.id for c in plain.commitments]


def test_control_characters_in_an_english_release_split_nothing() -> None:
    from tests.store_support import release_text

    areas = {
        "Trade": ["The two sides will promote trade fairs in both places every year."],
        "Tourism": ["The two sides will jointly market multi-destination tours."],
    }
    text = release_text(areas)
    hostile = text.replace("trade fairs", "trade\x0bfairs").replace("jointly ", "jointly\x0c")
    hostile = hostile.replace("Tourism\n-------\n", "Tourism\n-------\n\u202e\n\n")
    plain, m = parse_text(text, source="r.txt"), parse_text(hostile, source="r.txt")
    assert [[c.text for c in a.commitments] for a in m.areas] == [
        ["The two sides will promote trade fairs in both places every year."],
        ["The two sides will jointly market multi-destination tours."],
    ]
    assert [c.id for c in m.commitments] == [c.id for c in plain.commitments]


def test_big5_text_and_page_read_as_the_utf8_release(tmp_path: Path) -> None:
    """A Hong Kong release saved in Big5 (a text file, and a page declaring charset=big5)
    gives the same meeting as the UTF-8 file; GBK still reads as GB18030."""
    text = zt.XIANG_AO.replace("長沙", "長沙（邨）")  # 邨: a Hong Kong (HKSCS) character
    base = parse_bytes(text.encode("utf-8"), "r.txt")
    big5 = parse_bytes(text.encode("big5hkscs"), "r.txt")
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5">'
        "<title>新聞公報</title></head><body>"
        + "".join(f"<p>{line}</p>" for line in text.splitlines())
        + "</body></html>"
    )
    html = parse_bytes(page.encode("big5hkscs"), "r.html")
    gbk = parse_bytes(zt.GUI_GANG.encode("gbk"), "r.txt")
    assert [c.text for c in big5.commitments] == [c.text for c in base.commitments]
    assert big5.id == base.id == html.id and big5.title == base.title
    assert gbk.parties == ["广西", "香港"] and len(gbk.commitments) == 2


def test_two_byte_text_in_no_chinese_encoding_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(("ソウルと釜山は本日協力会議を開催しました。" * 20).encode("shift_jis"))
    with pytest.raises(InputError, match="could not tell the encoding") as info:
        parse_file(path)
    assert "\n" not in str(info.value)


def test_closing_date_line_without_end_mark_is_no_commitment() -> None:
    """No 完 before the closing 2024年11月3日: it ends the areas and gives the year."""
    m = parse_text(zt.GUI_GANG, source="r.txt")
    assert m.date == "2024-11-03"
    assert [len(a.commitments) for a in m.areas] == [1, 1]


def test_two_lost_bracketed_headings_split_where_the_topic_changes() -> None:
    """Two 【】 headings lost after 旅遊: its two paragraphs stay with it (the second,
    on travel between the two places, is of no other topic), the two school paragraphs
    make one area and the two health ones another."""
    m = parse_text(zt.MIN_AO_LOST, source="r.txt")
    assert [(a.name, len(a.commitments), a.heading_inferred) for a in m.areas] == [
        ("經貿", 1, False),
        ("旅遊", 2, False),
        ("教育", 2, True),
        (m.areas[3].name, 2, True),
        ("青年", 1, False),
    ]
    assert m.areas[3].commitments[0].text.startswith("加強兩地在傳染病監測")
    assert any("check them" in w for w in m.warnings)


def test_chinese_progress_report_read_as_one() -> None:
    """A working meeting's progress report: kind "progress report", its first area and
    both its paragraphs kept, the closing remarks context (not items), no warning that
    a count of areas is missing."""
    m = parse_text(zt.YUE_AO_PROGRESS, source="r.txt")
    assert m.kind == "progress report"
    assert [(a.name, len(a.commitments)) for a in m.areas] == [
        ("横琴开发", 2),
        ("旅游会展", 1),
        ("民生合作", 1),
    ]
    assert m.areas[0].commitments[0].text.startswith("去年横琴粤澳深度合作区")
    assert not any("第二十五次会议" in c.text or "出席" in c.text for c in m.commitments)
    assert not any("number of co-operation areas" in w for w in m.warnings)
    assert m.date == "2025-04-22"


def test_an_area_left_before_the_first_commitment_is_named_in_a_warning() -> None:
    """No stated count and no lead-in: the areas start at the first paragraph opening as
    a commitment does; a topic heading before it is not dropped silently."""
    text = zt.YUE_AO_PROGRESS.replace("有关进展及下一步工作安排如下：", "")
    text = text.replace("工作会议", "会议").replace("落实情况", "成效")
    m = parse_text(text, source="r.txt")
    assert m.kind == "agreement"
    dropped = [w for w in m.warnings if "left out" in w]
    assert len(dropped) == 1 and "横琴开发" in dropped[0]

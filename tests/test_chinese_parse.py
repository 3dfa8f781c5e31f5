"""Chinese releases (Traditional and Simplified) parsed as a researcher would notice:
the language, the areas and their names, each area's commitments, the stated count, the
date, place, parties and signed documents, the warnings; the same IDs whatever the file's
layout or format; the command line. The releases are invented (tests/zh_fixtures.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import zh_fixtures as zh

from parsers import InputError, parse_bytes, parse_file, release_text, source_text
from parsers.gazetteer import party_key
from parsers.model import Meeting, id_key, make_id
from parsers.release import parse_text
from parsers.source_map import source_map
from tui.cli import main


@dataclass
class Expect:
    language: str
    areas: list[tuple[str, int, str, str]]  # name, commitments, first text, last text
    stated: int | None
    date: str | None
    place: str | None
    parties: list[str]
    signed: list[str]
    warnings: list[str]
    inferred: tuple[str, ...] = ()


ZJ = Expect(
    "zh-Hant",
    [
        (
            "金融合作",
            3,
            "支持兩地金融機構在對方市場設立分支機構，拓展跨境人民幣業務及財富管理服務。",
            "推動兩地保險業在產品開發及再保險方面加強合作。",
        ),
        (
            "經貿合作",
            2,
            "推動兩地企業共同參與「一帶一路」建設，聯合開拓海外市場。",
            "加強兩地商會交流，定期舉辦經貿洽談及展覽活動。",
        ),
        ("創新科技", 1, "促進兩地高校及科研機構共建聯合實驗室，推動科研成果轉化及產業化。", ""),
        (
            "教育",
            2,
            "鼓勵兩地學校締結姊妹學校，擴大師生交流及互訪。",
            "支持兩地大學開展聯合培養及學術研究合作。",
        ),
        (
            "文化旅遊",
            2,
            "共同推廣兩地旅遊資源，開發「一程多站」旅遊產品。",
            "支持兩地博物館合作舉辦文物展覽，促進文化藝術交流。",
        ),
        ("青年交流", 1, "支持香港青年到浙江實習、就業及創業，為他們提供便利措施。", ""),
    ],
    6,
    "2024-09-12",
    "杭州",
    ["浙江", "香港"],
    ["浙江省人民政府與香港特別行政區政府關於加強金融合作的備忘錄", "浙港青年交流合作協議"],
    [],
)
SC = Expect(
    "zh-Hans",
    [
        (
            "经贸合作",
            2,
            "支持澳门发挥中葡商贸合作服务平台作用，协助四川企业开拓葡语国家市场。",
            "共同举办川澳投资推介会，促进两地企业互相投资。",
        ),
        (
            "文化旅游",
            2,
            "推动两地旅游业界互送客源，联合开发文化旅游线路。",
            "鼓励两地艺术团体互访演出，加强非物质文化遗产保护交流。",
        ),
        ("中医药", 1, "支持两地中医药机构在澳门共建研发平台，推动中医药产品注册及走向国际。", ""),
        (
            "会展业",
            2,
            "鼓励四川企业参加澳门国际贸易投资展览会等品牌展会。",
            "探索两地会展业人才培训合作。",
        ),
        ("青年交流", 1, "深化两地青年交流，支持澳门青年到四川参访、实习及创业。", ""),
    ],
    5,
    "2025-03-18",
    "成都",
    ["四川", "澳门"],
    ["四川省人民政府与澳门特别行政区政府关于深化中医药合作的协议", "川澳会展业合作备忘录"],
    [],
)
BRACKETED = Expect(
    "zh-Hans",
    [
        (
            "金融",
            2,
            "推动两地金融市场互联互通，扩大跨境理财通试点范围。",
            "支持香港金融机构在广东设立分支机构。",
        ),
        ("交通物流", 1, "加快推进两地跨境铁路建设，提升口岸通关效率。", ""),
        (
            "环境保护",
            2,
            "共同推进大湾区碳排放交易合作，加强空气污染联防联治。",
            "探索两地在绿色低碳技术方面的合作。",
        ),
        ("青年", 1, "支持香港青年到广东创新创业，完善创业孵化基地服务。", ""),
    ],
    4,
    "2024-05-27",
    "广州",
    ["广东", "香港"],
    ["粤港金融合作协议"],
    [],
)
PLAIN = Expect(
    "zh-Hant",
    [
        (
            "經貿投資",
            2,
            "推動兩地企業互相投資，支持澳門企業參與福建自由貿易試驗區建設。",
            "鼓勵兩地商會合作舉辦推介活動。",
        ),
        ("海洋經濟", 1, "探討兩地在海洋漁業及海洋科研方面的合作。", ""),
        ("社會民生", 1, "支持兩地在醫療衛生及長者服務方面交流經驗。", ""),
        ("人才培訓", 1, "加強兩地公務員培訓交流，共同培養專業人才。", ""),
    ],
    4,
    "2023-11-06",
    "福州",
    ["澳門", "福建"],
    [],
    [],
)
LOST = Expect(
    "zh-Hans",
    [
        (
            "金融合作",
            2,
            "支持湖北企业赴香港上市融资，发行债券。",
            "鼓励两地银行及保险机构开展业务合作，发展绿色金融。",
        ),
        (
            "教育",
            2,
            "推动两地学校结为姊妹学校，扩大学生及教师交流。",
            "支持两地高校合作开设课程，开展职业教育合作。",
        ),
        ("文化旅游", 1, "共同开发两地旅游线路，推广文化旅游产品。", ""),
        (
            "航空",
            2,
            "加强两地航空合作，增加两地航班及航线。",
            "支持两地机场在航空货运方面合作。",
        ),
    ],
    4,
    "2024-12-03",
    "武汉",
    ["湖北", "香港"],
    [],
    ["2 area heading(s) missing from the page; named from their content: 教育, 航空 — check them"],
    inferred=("教育", "航空"),
)

NO_HEADINGS = Expect(
    "zh-Hant",
    [
        (
            "金融",
            2,
            "鼓勵浙江企業繼續善用香港金融市場的融資渠道，包括在港上市及發行債券。",
            "推廣香港綠色金融資助計劃，共同推進碳排放權交易市場建設。",
        ),
        (
            "創新科技",
            2,
            "支持兩地高校及科研機構加強科研合作，共建聯合實驗室。",
            "鼓勵兩地科技企業互相投資，推動科技成果轉化。",
        ),
        (
            "航空",
            2,
            "增加香港與杭州、寧波及溫州三個機場之間的航班，加強航空貨運合作。",
            "推動兩地機場管理經驗交流。",
        ),
        (
            "教育",
            2,
            "支持兩地學校締結姊妹學校，推動師生交流。",
            "鼓勵兩地高校開展學術合作及聯合培養。",
        ),
        (
            "文化旅遊",
            2,
            "共同推廣兩地文化旅遊資源，支持兩地博物館合作舉辦展覽。",
            "推動兩地旅遊業界互送客源，促進文化藝術團體交流演出。",
        ),
    ],
    5,
    "2023-06-26",
    "香港",
    ["香港", "浙江"],
    [],
    [
        "5 area heading(s) missing from the page; named from their content: "
        "金融, 創新科技, 航空, 教育, 文化旅遊 — check them"
    ],
    inferred=("金融", "創新科技", "航空", "教育", "文化旅遊"),
)
MAINLAND = Expect(
    "zh-Hans",
    [
        (
            "深化金融合作",
            2,
            "支持浙江企业赴港上市，鼓励香港金融机构在浙江设立分支机构。",
            "推动两地绿色金融标准互认。",
        ),
        ("加强科技创新合作", 1, "共建联合实验室，推动科研成果转化。", ""),
        ("促进人文交流", 1, "鼓励两地青年交流，支持香港青年到浙江实习就业。", ""),
    ],
    3,
    "2025-04-24",
    "杭州",
    ["浙江", "香港"],
    ["浙港合作会议机制框架协议"],
    [],
)

INLINE = Expect(
    "zh-Hans",
    [
        (
            "经贸合作",
            2,
            "支持澳门企业参与江苏自由贸易试验区建设，推动两地企业互相投资。",
            "鼓励两地商会定期举办经贸交流活动。",
        ),
        ("文化旅游", 1, "推动两地旅游业界联合开发旅游产品。", ""),
        ("青年交流", 1, "支持澳门青年到江苏实习及创业。", ""),
        ("中医药", 1, "推进两地中医药产业合作，共建中医药研发平台。", ""),
    ],
    4,
    "2024-11-05",
    "南京",
    ["江苏", "澳门"],
    [],
    [],
)

COLON = Expect(
    "zh-Hans",
    [
        (
            "金融",
            2,
            "支持澳门金融机构参与海南自由贸易港建设，拓展跨境人民币业务。",
            "推动两地在绿色金融领域开展合作。",
        ),
        ("旅游", 1, "共同开发“一程多站”旅游产品，联合开展旅游推广活动。", ""),
        ("教育", 1, "鼓励两地高校开展学术交流，支持两地学校结为姊妹学校。", ""),
    ],
    None,
    "2025-06-10",
    "海口",
    ["海南", "澳门"],
    [],
    ["no sentence stating the number of co-operation areas was found"],
)

CASES: dict[str, tuple[str, bool, Expect]] = {
    "traditional, 一、 headings, a line per paragraph": (zh.one_per_line(zh.ZJ_HK), False, ZJ),
    "traditional, hard-wrapped, U+3000 indents": (zh.wrapped(zh.ZJ_HK), False, ZJ),
    "traditional, saved page with menu, 完, time line, photo": (zh.saved_page(zh.ZJ_HK), True, ZJ),
    "simplified, （一） headings, U+3000 indents": (
        zh.one_per_line(zh.SC_MO, "\u3000\u3000"),
        False,
        SC,
    ),
    "simplified, （一） headings, hard-wrapped": (zh.wrapped(zh.SC_MO, 18), False, SC),
    "simplified, saved page": (zh.saved_page(zh.SC_MO), True, SC),
    "simplified, 【】 headings, page number and caption": (zh.BRACKETED, False, BRACKETED),
    "traditional, plain-line headings, U+3000 indents": (zh.PLAIN, False, PLAIN),
    "simplified, lost headings": (zh.LOST, False, LOST),
    "simplified, no count, headings ending in a colon, another article": (
        zh.COLON_HEADINGS,
        False,
        COLON,
    ),
    "simplified, headings with their first paragraph on their line": (zh.INLINE, False, INLINE),
    "traditional, every heading lost, skip link and ＊＊＊ rule": (
        zh.NO_HEADINGS,
        False,
        NO_HEADINGS,
    ),
    "simplified, government page with particulars and tool links": (
        zh.MAINLAND_PAGE,
        True,
        MAINLAND,
    ),
}


def check(m: Meeting, want: Expect) -> None:
    assert m.language == want.language
    got = [
        (
            a.name,
            len(a.commitments),
            a.commitments[0].text,
            a.commitments[-1].text if len(a.commitments) > 1 else "",
        )
        for a in m.areas
    ]
    assert got == want.areas
    assert m.stated_area_count == want.stated
    assert (m.date, m.place, m.parties) == (want.date, want.place, want.parties)
    assert [d.title for d in m.signed_documents] == want.signed
    assert m.warnings == want.warnings
    assert tuple(a.name for a in m.areas if a.heading_inferred) == want.inferred


@pytest.mark.parametrize("case", list(CASES))
def test_chinese_release_parses(case: str) -> None:
    text, html, want = CASES[case]
    check(parse_text(text, html=html), want)


@pytest.mark.parametrize("case", list(CASES))
def test_every_commitment_and_heading_is_found_in_the_source(case: str) -> None:
    text, html, _ = CASES[case]
    name = "r.html" if html else "r.txt"
    data = text.encode()
    m = parse_bytes(data, name)
    shown = release_text(source_text(data, name), name)
    spans = source_map(shown, m)
    for c in m.commitments:
        span = spans.span(c.id)
        assert span is not None, c.text
        assert "".join(shown[span[0] : span[1]].split()) == c.text
    for area in m.areas:
        kinds = {s.kind for s in spans.segments_of(area.id)}
        assert kinds == ({"inferred-heading"} if area.heading_inferred else {"heading"})


def ids(m: Meeting) -> tuple[str, list[str], list[str]]:
    return m.id, [a.id for a in m.areas], [c.id for c in m.commitments]


@pytest.mark.parametrize("release", [zh.ZJ_HK, zh.SC_MO], ids=["traditional", "simplified"])
def test_same_text_in_every_format_gives_the_same_ids(release: zh.ZhRelease) -> None:
    base = parse_bytes(zh.one_per_line(release).encode(), "r.txt")
    assert len(base.commitments) >= 8
    others = {
        "wrapped": parse_bytes(zh.wrapped(release).encode("utf-8"), "r.txt"),
        "indented": parse_bytes(zh.one_per_line(release, "\u3000\u3000").encode(), "r.txt"),
        "html": parse_bytes(zh.saved_page(release).encode(), "r.html"),
        "docx": parse_bytes(zh.word_file(release), "r.docx"),
        "utf-16": parse_bytes(zh.one_per_line(release).encode("utf-16"), "r.txt"),
    }
    for name, m in others.items():
        assert ids(m) == ids(base), name
        assert [c.text for c in m.commitments] == [c.text for c in base.commitments], name


@pytest.mark.parametrize("release", [zh.ZJ_HK, zh.SC_MO], ids=["traditional", "simplified"])
def test_pdf_gives_the_text_and_ids_of_the_text_file(release: zh.ZhRelease, tmp_path: Path) -> None:
    pytest.importorskip("reportlab", reason="reportlab writes the Chinese PDF fixtures")
    base = parse_bytes(zh.one_per_line(release).encode(), "r.txt")
    path = tmp_path / "r.pdf"
    path.write_bytes(zh.pdf_file(release))
    m = parse_file(path)
    assert ids(m) == ids(base)
    assert [c.text for c in m.commitments] == [c.text for c in base.commitments]
    assert [a.name for a in m.areas] == [a.name for a in base.areas]
    assert [d.title for d in m.signed_documents] == [d.title for d in base.signed_documents]


def test_meeting_id_has_the_language_and_links_parties_by_gazetteer() -> None:
    m = parse_text(zh.one_per_line(zh.ZJ_HK))
    keys = sorted(party_key(p) for p in m.parties)
    assert keys == ["hongkong", "zhejiang"]  # the English version's parties give these too
    assert m.id == make_id("meeting", "2024-09-12", "|".join(keys), id_key("杭州"), "", "zh-Hant")
    english_formula = make_id("meeting", "2024-09-12", "|".join(keys), id_key("杭州"), "")
    assert m.id != english_formula


def test_traditional_and_simplified_of_one_release() -> None:
    from parsers.zh_script import to_simplified

    trad = parse_text(zh.one_per_line(zh.ZJ_HK))
    simp = parse_text(to_simplified(zh.one_per_line(zh.ZJ_HK)))
    assert (trad.language, simp.language) == ("zh-Hant", "zh-Hans")
    assert simp.parties == ["浙江", "香港"] and simp.place == "杭州"
    assert [a.name for a in simp.areas] == [
        "金融合作",
        "经贸合作",
        "创新科技",
        "教育",
        "文化旅游",
        "青年交流",
    ]
    assert simp.date == trad.date and simp.id != trad.id


@pytest.mark.parametrize(
    ("stated", "count"),
    [("以下十二个领域", 12), ("以下13個方面", 13), ("以下８個範疇", 8), ("以下兩個範疇", 2)],
)
def test_stated_count_in_chinese_numerals_and_digits(stated: str, count: int) -> None:
    text = zh.one_per_line(zh.ZJ_HK).replace("以下六個範疇", stated)
    m = parse_text(text)
    assert m.stated_area_count == count
    assert (
        f"the release states {count} co-operation areas but {len(m.areas)} were found" in m.warnings
    )


@pytest.mark.parametrize(
    ("lead", "closing", "date", "warning"),
    [
        ("二〇二四年九月十二日，", [], "2024-09-12", None),
        ("２０２４年９月１２日，", [], "2024-09-12", None),
        ("九月十二日，", ["2024年9月13日（星期五）"], "2024-09-12", "several dates"),
        ("9月12日，", ["2024年9月12日（星期四）", "HKT 18:30"], "2024-09-12", None),
        ("", ["2024年9月12日（星期三）"], "2024-09-12", "the date line says"),
        ("九月十二日，", [], None, "the date has no year; date left unknown"),
    ],
)
def test_dates(lead: str, closing: list[str], date: str | None, warning: str | None) -> None:
    r = zh.ZhRelease(
        title="浙港合作會議舉行",
        lead=[
            lead
            + "香港特別行政區政府與浙江省人民政府舉行合作會議，雙方同意在以下六個範疇深化合作："
        ],
        stated="六",
        areas=zh.ZJ_HK.areas,
        after=zh.ZJ_HK.after,
        closing=["完", *closing],
    )
    m = parse_text(zh.one_per_line(r))
    assert m.date == date
    if warning is None:
        assert m.warnings == []
    else:
        assert any(w.startswith(warning) for w in m.warnings), m.warnings
    assert len(m.areas) == 6


def test_noise_of_a_saved_page_is_dropped() -> None:
    m = parse_text(zh.saved_page(zh.ZJ_HK), html=True)
    assert len(m.commitments) == 11
    texts = [c.text for c in m.commitments] + [a.name for a in m.areas]
    for noise in ("圖", "完", "香港時間", "列印", "返回頁首", "English", "2024年9月12日"):
        assert not any(noise in t for t in texts), noise
    assert m.title == "浙江—香港合作會議第五次會議在杭州舉行"


def test_control_characters_are_stripped() -> None:
    text = zh.one_per_line(zh.ZJ_HK).replace("支持兩地金融", "支持\x1b[31m兩地\x07金融")
    m = parse_text(text)
    assert m.areas[0].commitments[0].text.startswith("支持兩地金融機構")
    assert ids(m) == ids(parse_text(zh.one_per_line(zh.ZJ_HK)))


def test_chinese_text_without_an_agreement_has_no_areas(tmp_path: Path) -> None:
    news = (
        "香港特別行政區政府今日宣布，天文台預測明天天氣晴朗，市民外出時應注意防曬及補充水分。"
        "政府發言人表示，將繼續密切留意天氣變化。\n\n完\n\n2024年7月2日（星期二）\n"
    )
    m = parse_text(news)
    assert m.language == "zh-Hant" and m.areas == []
    path = tmp_path / "news.txt"
    path.write_text(news, encoding="utf-8")
    with pytest.raises(InputError, match="no co-operation agreement found"):
        parse_file(path)


def test_cli_parse_json_and_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "川澳.html"
    path.write_text(zh.saved_page(zh.SC_MO), encoding="utf-8")
    assert main(["parse", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    meeting = out[0] if isinstance(out, list) else out
    assert meeting["language"] == "zh-Hans"
    assert [a["name"] for a in meeting["areas"]] == [
        "经贸合作",
        "文化旅游",
        "中医药",
        "会展业",
        "青年交流",
    ]
    assert meeting["parties"] == ["四川", "澳门"] and meeting["date"] == "2025-03-18"
    assert main(["parse", str(path)]) == 0
    shown = capsys.readouterr().out
    assert "5 areas (stated: 5), 8 commitments" in shown
    empty = tmp_path / "空.txt"
    empty.write_text(
        "澳門特別行政區政府今日舉行記者會，介紹本年度施政報告的主要內容及各項措施。\n",
        encoding="utf-8",
    )
    assert main(["parse", str(empty)]) == 2
    assert "no co-operation agreement found" in capsys.readouterr().err


def test_english_release_with_chinese_names_stays_english() -> None:
    text = (
        "Zhejiang and Hong Kong (浙江與香港) agreed on the following two areas of co-operation:\n\n"
        "Finance\n\nSupport financial institutions of the two places to set up branches.\n\n"
        "Youth\n\nEncourage young people of Hong Kong to take up internships in Zhejiang.\n"
    )
    m = parse_text(text)
    assert m.language == "en"
    assert [a.name for a in m.areas] == ["Finance", "Youth"]


def test_a_bold_paragraph_ending_in_a_full_stop_is_no_heading() -> None:
    bold = "<p><strong>加強兩地商會交流，定期舉辦經貿洽談及展覽活動。</strong></p>"
    page = zh.saved_page(zh.ZJ_HK).replace(
        "<p>加強兩地商會交流，定\n期舉辦經貿洽談及展覽活動。</p>", bold
    )
    assert bold in page
    m = parse_text(page, html=True)
    assert [a.name for a in m.areas] == [name for name, *_ in ZJ.areas]
    assert m.areas[1].commitments[-1].text == "加強兩地商會交流，定期舉辦經貿洽談及展覽活動。"


def test_a_wrapped_paragraphs_last_line_repeated_is_kept() -> None:
    """ "合作。" ending three wrapped paragraphs is no running head."""
    heads = [
        "支持兩地金融機構互設分支機構並在綠色金融方面加強",
        "鼓勵兩地高校及科研機構共建實驗室並在人才培養方面",
        "推動兩地博物館互辦展覽並在文物保護及修復方面深化",
    ]
    assert {len(h) for h in heads} == {24}
    lead = (
        "2024年9月12日，浙江省人民政府與香港特別行政區政府在杭州舉行會議，"
        "雙方同意在以下三個範疇深化合作："
    )
    lines = ["浙港合作會議在杭州舉行", "", *zh.wrap(lead, 24)]  # wrapped as the paragraphs are
    for n, (name, head) in enumerate(zip(("金融", "科技", "文化"), heads, strict=True)):
        lines += [f"{'一二三'[n]}、{name}", head, "合作。"]
    m = parse_text("\n".join(lines) + "\n")
    assert [[c.text for c in a.commitments] for a in m.areas] == [[h + "合作。"] for h in heads]


def test_a_long_release_wrapped_at_a_count_of_characters() -> None:
    """Forty areas of ten paragraphs, wrapped at 30 characters (digits in some lines,
    so that the lines that fill the width are not all as wide in columns)."""
    paras = [p for _, ps in zh.ZJ_HK.areas for p in ps]
    areas = [
        (
            f"（{i + 1}）第{i + 1}個範疇",
            [
                paras[(7 * i + j) % len(paras)].replace("兩地", f"兩地第{i}{j}", 1)
                for j in range(10)
            ],
        )
        for i in range(40)
    ]
    areas = [(h.replace(f"（{i + 1}）", ""), ps) for i, (h, ps) in enumerate(areas)]
    r = zh.ZhRelease(
        zh.ZJ_HK.title,
        [zh.ZJ_HK.lead[0], "雙方同意在以下四十個範疇深化合作："],
        "四十",
        areas,
        zh.ZJ_HK.after,
        zh.ZJ_HK.closing,
    )
    m = parse_text(zh.wrapped(r, 30))
    assert (len(m.areas), len(m.commitments)) == (40, 400)
    assert m.warnings == []
    assert [c.text for c in m.commitments] == [p for _, ps in areas for p in ps]


PLANNING = """湖北—香港合作会议在武汉举行

2024年12月3日，湖北省人民政府与香港特别行政区政府在武汉举行合作会议，双方同意在以下三个领域加强合作：

一、金融合作
支持湖北企业赴香港上市融资，发行债券。
鼓励两地银行及保险机构开展业务合作。
推动两地在城市规划方面交流经验。
支持两地规划部门互派人员考察。
三、文化旅游
共同开发两地旅游线路，推广文化旅游产品。
（完）
"""


def test_a_lost_heading_on_a_topic_the_lexicon_does_not_know() -> None:
    """The numbering (一、 then 三、) says a heading was lost in 金融合作; its last two
    paragraphs share a word the others do not use (规划), which names the group."""
    m = parse_text(PLANNING)
    assert [(a.name, a.heading_inferred, len(a.commitments)) for a in m.areas] == [
        ("金融合作", False, 2),
        ("规划", True, 2),
        ("文化旅游", False, 1),
    ]
    assert m.warnings == [
        "1 area heading(s) missing from the page; named from their content: 规划 — check them"
    ]


def test_lost_headings_named_after_another_meeting_of_the_same_language_only() -> None:
    from parsers.area_names import names_from_meetings

    meeting = parse_text(PLANNING)
    earlier = parse_text(
        PLANNING.replace("2024年12月3日", "2023年11月20日").replace(
            "推动两地在城市规划", "二、城市规划\n推动两地在城市规划"
        )
    )
    assert [a.name for a in earlier.areas] == ["金融合作", "城市规划", "文化旅游"]
    named, borrowed = names_from_meetings(meeting, [earlier])
    assert [a.name for a in named.areas] == ["金融合作", "城市规划", "文化旅游"]
    assert [b.meeting_id for b in borrowed] == [earlier.id]
    earlier.language = "en"  # a version in another language lends no name
    named, borrowed = names_from_meetings(meeting, [earlier])
    assert [a.name for a in named.areas] == ["金融合作", "规划", "文化旅游"] and borrowed == []
    # an area the Chinese lexicon named keeps its name, as an English topic does
    lost = parse_text(zh.LOST)
    other = parse_text(
        zh.LOST.replace("推动两地学校", "二、青少年\n推动两地学校").replace("12月3日", "12月4日")
    )
    assert names_from_meetings(lost, [other])[1] == []


NESTED = """浙江省人民政府办公厅关于浙港合作会议成果的通报

2024年9月12日，浙江省人民政府与香港特别行政区政府在杭州召开浙港合作会议，明确以下三个方面重点合作：

一、深化经贸合作
（一）推动贸易便利化。支持两地海关加强通关协作，提升通关效率。
（二）加强投资合作。鼓励两地企业互相投资，共同开拓国际市场。
二、加强科技创新合作
（一）共建创新平台
支持两地高校共建联合实验室。
推动科研成果转化。
（二）促进人才交流
鼓励两地科研人员互访交流。
三、促进人文交流
支持两地青年交流，推动两地学校结为姊妹学校。
"""


def test_sub_headings_under_the_stated_areas_are_no_areas() -> None:
    """Three areas stated, headed 一、二、三、; the （一）（二） under them head parts of an
    area, whose paragraphs are the area's commitments."""
    m = parse_text(NESTED)
    assert [(a.name, len(a.commitments)) for a in m.areas] == [
        ("深化经贸合作", 2),
        ("加强科技创新合作", 3),
        ("促进人文交流", 1),
    ]
    assert m.areas[0].commitments[0].text == "支持两地海关加强通关协作，提升通关效率。"
    assert m.warnings == []
    spans = source_map(release_text(NESTED), m)
    assert all(spans.span(c.id) is not None for c in m.commitments)

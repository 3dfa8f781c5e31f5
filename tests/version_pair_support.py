"""A meeting written twice, in English and in Traditional Chinese (the Simplified made
from it with OpenCC), for the tests of aligning two language versions
(tests/test_version_align.py). Written for these tests: a Fujian–Hong Kong conference,
eight areas of two to four commitments, each Chinese commitment a translation of the
English one in the same place, as an official translation would be.
"""

from __future__ import annotations

from parsers.model import Area, Commitment, Meeting, make_id
from parsers.zh_script import to_simplified

#: (English name, Chinese name, [(English, Chinese), …]) in the order of the release.
AREAS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("Trade and Investment", "經貿合作", [
        ("The two sides will support Hong Kong professional service providers, including "
         "accountants, architects and surveyors, in offering services to enterprises in "
         "Fujian, and will hold a joint investment promotion seminar in Xiamen in the first "
         "half of 2026.",
         "雙方支持香港會計、建築及測量等專業服務提供者為福建企業提供服務，並於2026年上半年"
         "在廈門合辦投資推廣研討會。"),
        ("Both sides will encourage Fujian enterprises to use Hong Kong as a platform for "
         "going global, and will organise a delegation of at least 30 Fujian companies to "
         "visit the trade fairs held in Hong Kong.",
         "雙方鼓勵福建企業以香港為平台「走出去」，並組織不少於30家福建企業赴港參加在香港"
         "舉辦的展覽會。"),
        ("The two sides will strengthen co-operation in intellectual property protection.",
         "雙方加強知識產權保護合作。"),
        ("The two sides will explore the establishment of a mechanism for exchanging "
         "information on e-commerce and cross-border logistics, and will promote exchanges "
         "between the chambers of commerce of the two places.",
         "雙方探索建立電子商務及跨境物流信息交流機制，並促進兩地商會交流。"),
    ]),
    ("Finance", "金融合作", [
        ("Support qualified Fujian enterprises in listing and raising funds in Hong Kong, "
         "with the aim of bringing at least five new listings by the end of 2027.",
         "支持符合條件的福建企業赴香港上市融資，目標於2027年底前新增最少五家上市企業。"),
        ("Promote the issuance of green bonds in Hong Kong by the Fujian Provincial "
         "Government and by enterprises of the province.",
         "推動福建省政府及省內企業在香港發行綠色債券。"),
        ("Encourage banks and insurance institutions of the two places to set up branches in "
         "each other's jurisdiction, and deepen co-operation in cross-boundary wealth "
         "management.",
         "鼓勵兩地銀行及保險機構互設分支機構，深化跨境理財合作。"),
        ("Jointly organise a financial forum in Fuzhou on 15 November 2025 to introduce "
         "Hong Kong's financial services to Fujian enterprises.",
         "於2025年11月15日在福州共同舉辦金融論壇，向福建企業推介香港金融服務。"),
    ]),
    ("Innovation and Technology", "創新科技", [
        ("Support universities and research institutes of Fujian and Hong Kong in setting up "
         "joint laboratories, and encourage their researchers to apply for the science and "
         "technology funding schemes of both places.",
         "支持閩港兩地高校及科研機構共建聯合實驗室，鼓勵科研人員申請兩地科技資助計劃。"),
        ("Promote co-operation in turning research results into products, including through "
         "the innovation and technology park in Fuzhou.",
         "推動科研成果轉化合作，包括透過福州的創新科技園區。"),
        ("The two sides will hold the third Fujian–Hong Kong innovation and technology week "
         "in 2026.",
         "雙方將於2026年舉辦第三屆閩港創新科技周。"),
    ]),
    ("Youth", "青年交流", [
        ("Provide 200 internship places in Fujian each summer for Hong Kong university "
         "students.",
         "每年暑期為香港大學生提供200個福建實習名額。"),
        ("Support young people from Hong Kong in starting businesses at the youth innovation "
         "and entrepreneurship bases in Fujian, and provide them with one-stop advisory "
         "services.",
         "支持香港青年到福建的青年創新創業基地創業，並提供一站式諮詢服務。"),
        ("Organise exchange tours for young people of the two places to learn about each "
         "other's history and culture.",
         "組織兩地青年交流團，增進對彼此歷史文化的認識。"),
    ]),
    ("Culture and Tourism", "文化旅遊", [
        ("Jointly promote multi-destination tourism products combining Hong Kong with "
         "Wuyishan and Gulangyu, and encourage travel agents of the two places to develop "
         "such itineraries.",
         "共同推廣結合香港與武夷山、鼓浪嶼的一程多站旅遊產品，鼓勵兩地旅行社開發相關行程。"),
        ("Support performing arts groups of Fujian in staging performances in Hong Kong, and "
         "Hong Kong groups in performing in Fujian.",
         "支持福建表演藝術團體赴港演出，並支持香港藝團到福建演出。"),
        ("Strengthen co-operation between the museums of the two places in exhibitions and "
         "in the training of staff.",
         "加強兩地博物館在展覽及人員培訓方面的合作。"),
    ]),
    ("Education", "教育合作", [
        ("Encourage more schools of the two places to form sister schools, with a target of "
         "50 new pairs by 2027.",
         "鼓勵更多兩地學校締結姊妹學校，目標於2027年前新增50對。"),
        ("Support exchanges between teachers of Fujian and Hong Kong, including short visits "
         "and joint research on teaching.",
         "支持閩港教師交流，包括短期訪問及合作教研。"),
    ]),
    ("Health and Chinese Medicine", "醫療衞生及中醫藥", [
        ("Promote co-operation in Chinese medicine, including the training of practitioners "
         "and the registration of proprietary Chinese medicines.",
         "推動中醫藥合作，包括中醫師培訓及中成藥註冊。"),
        ("Strengthen the exchange of information on the prevention and control of "
         "infectious diseases.",
         "加強傳染病防控信息交流。"),
    ]),
    ("Environmental Protection", "環境保護", [
        ("Deepen co-operation on addressing climate change, and exchange experience on "
         "reaching carbon neutrality by 2060.",
         "深化應對氣候變化合作，就2060年實現碳中和目標交流經驗。"),
        ("Explore co-operation in the recycling of waste and the treatment of sewage.",
         "探索廢物回收及污水處理合作。"),
        ("Promote the green and low-carbon development of the two places, including the "
         "wider use of new energy vehicles.",
         "推動兩地綠色低碳發展，包括推廣使用新能源汽車。"),
    ]),
]  # fmt: skip

#: One English area's version: (name, commitments' texts).
Version = list[tuple[str, list[str]]]


def english() -> Version:
    return [(name, [en for en, _zh in pairs]) for name, _zh_name, pairs in AREAS]


def chinese() -> Version:
    return [(zh_name, [zh for _en, zh in pairs]) for _name, zh_name, pairs in AREAS]


def meeting(areas: Version, language: str) -> Meeting:
    """A Meeting of these areas, IDs from the texts as the parser makes them; Simplified
    Chinese made with OpenCC for "zh-Hans"."""
    if language == "zh-Hans":
        areas = [(to_simplified(n), [to_simplified(t) for t in texts]) for n, texts in areas]
    meeting_id = make_id("2025-09-12", "Fujian", "Hong Kong", language)
    out = Meeting(meeting_id, "Fujian–Hong Kong Co-operation Conference", "2025-09-12",
                  "Fuzhou", ["Fujian", "Hong Kong"], f"fujian-hk.{language}.txt", len(areas),
                  language=language)  # fmt: skip
    for name, texts in areas:
        area_id = make_id(meeting_id, name)
        commitments = [Commitment(make_id(area_id, text), text) for text in texts]
        out.areas.append(Area(area_id, name, False, commitments))
    return out


def ids(m: Meeting, area: int, *positions: int) -> tuple[str, ...]:
    """The IDs of commitments of an area (by positions, from 0)."""
    return tuple(m.areas[area].commitments[p].id for p in positions)


def english_release(areas: Version | None = None) -> str:
    """The English version as a release's text, for ``parsers.parse_text``."""
    areas = english() if areas is None else areas
    lines = [
        "Fujian and Hong Kong sign co-operation agreements",
        "",
        "The Chief Executive and the Governor of Fujian Province attended the Fujian–Hong "
        f"Kong Co-operation Conference in Fuzhou today (September 12). The two sides agreed "
        f"to co-operate in the following {len(areas)} areas:",
        "",
    ]
    for number, (name, texts) in enumerate(areas, 1):
        lines += [f"({number}) {name}", ""]
        for text in texts:
            lines += [text, ""]
    lines += ["Ends/Friday, September 12, 2025"]
    return "\n".join(lines)

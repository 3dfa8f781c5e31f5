"""Aligning the English and the Chinese version of a 15-area meeting of 10 commitments an
area (``compare.align_versions``), for ``bench/run.py``.

The two versions are made from phrase pairs (an English phrase and its Chinese), so each
Chinese commitment is the translation of the English one in its place, with numbers and
places in both; then the Chinese version is made to differ as translations do: a
commitment added, two merged, an area left out. Timed twice: the first time the texts
are seen (their numbers, dates, places and words found) and again (found already).
"""

from __future__ import annotations

import random
import statistics
import time
from typing import Any

from compare import align_versions
from compare.version_anchors import anchors
from parsers.model import Area, Commitment, Meeting, make_id

OPENERS = [
    ("Support", "支持"), ("Encourage", "鼓勵"), ("Promote", "推動"), ("Strengthen", "加強"),
    ("Explore", "探索"), ("Deepen", "深化"), ("Jointly establish", "共同建立"),
]  # fmt: skip
ACTORS = [
    ("enterprises of the two places", "兩地企業"), ("universities", "高校"),
    ("banks and insurance companies", "銀行及保險機構"), ("research institutes", "科研機構"),
    ("young entrepreneurs", "青年創業者"), ("hospitals", "醫院"), ("law firms", "律師事務所"),
    ("museums", "博物館"), ("port operators", "港口營運商"), ("chambers of commerce", "商會"),
]  # fmt: skip
ACTIONS = [
    ("in setting up joint laboratories", "共建聯合實驗室"),
    ("in holding exhibitions", "舉辦展覽"), ("in exchanging information", "交流信息"),
    ("in training their staff", "培訓人員"), ("in issuing green bonds", "發行綠色債券"),
    ("in developing e-commerce and logistics", "發展電子商務及物流"),
    ("in the recycling of waste", "推進廢物回收"),
    ("in offering internships to students", "為學生提供實習"),
]  # fmt: skip
PLACES = [("Hangzhou", "杭州"), ("Ningbo", "寧波"), ("Shenzhen", "深圳"), ("Xiamen", "廈門"),
          ("Chengdu", "成都"), ("Wuhan", "武漢")]  # fmt: skip
AREA_NAMES = [
    ("Finance", "金融合作"), ("Innovation and Technology", "創新科技"),
    ("Trade and Investment", "經貿合作"), ("Aviation", "航空"), ("Education", "教育"),
    ("Youth", "青年交流"), ("Culture and Tourism", "文化旅遊"),
    ("Health and Chinese Medicine", "醫療衞生"), ("Environmental Protection", "環境保護"),
    ("Legal and Dispute Resolution", "法律及爭議解決"), ("Maritime", "海運"),
    ("Agriculture and Food", "農業及食品"), ("Sports", "體育"), ("Energy", "能源"),
    ("Customs", "海關"),
]  # fmt: skip


def _commitment(rng: random.Random) -> tuple[str, str]:
    """One commitment in English and in Chinese: one or two clauses, a place and a year
    now and then."""
    en, zh = [], []
    for _ in range(rng.choice([1, 2, 2, 3])):
        (o_en, o_zh), (a_en, a_zh), (x_en, x_zh) = (
            rng.choice(OPENERS), rng.choice(ACTORS), rng.choice(ACTIONS)
        )  # fmt: skip
        en.append(f"{o_en} {a_en} {x_en}")
        zh.append(f"{o_zh}{a_zh}{x_zh}")
    if rng.random() < 0.5:
        place_en, place_zh = rng.choice(PLACES)
        year = rng.randint(2025, 2030)
        en.append(f"with a first project in {place_en} by {year}")
        zh.append(f"並於{year}年前在{place_zh}落實首個項目")
    return ", and ".join(en) + ".", "，".join(zh) + "。"


def pair(seed: int = 18, areas: int = 15, per_area: int = 10) -> tuple[Meeting, Meeting]:
    """An English meeting and its Chinese version (zh-Hant), differing in three places."""
    rng = random.Random(seed)
    versions: list[list[tuple[str, list[str]]]] = [[], []]
    for name_en, name_zh in AREA_NAMES[:areas]:
        texts = [_commitment(rng) for _ in range(per_area)]
        versions[0].append((name_en, [en for en, _zh in texts]))
        versions[1].append((name_zh, [zh for _en, zh in texts]))
    chinese = versions[1]
    chinese[1][1].insert(4, "支持兩地中小企業參與跨境電子商務平台。")  # an extra commitment
    chinese[2][1][2:4] = ["，".join(t.rstrip("。") for t in chinese[2][1][2:4]) + "。"]  # merged
    del chinese[7]  # an area left out
    return _meeting(versions[0], "en"), _meeting(chinese, "zh-Hant")


def _meeting(areas: list[tuple[str, list[str]]], language: str) -> Meeting:
    meeting_id = make_id("bench", language)
    out = Meeting(meeting_id, "Bench conference", "2025-09-12", "Hangzhou",
                  ["Zhejiang", "Hong Kong"], "bench", len(areas), language=language)  # fmt: skip
    for name, texts in areas:
        area_id = make_id(meeting_id, name)
        out.areas.append(
            Area(area_id, name, False, [Commitment(make_id(area_id, t), t) for t in texts])
        )
    return out


def measure(figures: dict[str, Any], runs: int = 7) -> None:
    """``version_align_first_ms`` (the texts' anchors not yet found) and
    ``version_align_ms`` (found), medians of ``runs``."""
    english, chinese = pair()
    first, again = [], []
    for _ in range(runs):
        anchors.cache_clear()
        start = time.perf_counter()
        align_versions(english, chinese)
        first.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        result = align_versions(english, chinese)
        again.append((time.perf_counter() - start) * 1000)
    figures["version_align_first_ms"] = statistics.median(first)
    figures["version_align_ms"] = statistics.median(again)
    figures["version_align_warnings"] = len(result.warnings)


if __name__ == "__main__":
    out: dict[str, Any] = {}
    measure(out)
    english, chinese = pair()
    for warning in align_versions(english, chinese).warnings:
        print(warning)
    print(out)

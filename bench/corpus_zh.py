"""A deterministic synthetic corpus of Chinese commitments, for the Chinese search figures.

Meetings of 10–15 areas of 3–10 commitments, every commitment one or two clauses built
from a vocabulary of the family (an opening verb such as 支持 or 推动, who, what, and a
closing phrase); every other meeting is in Traditional characters (OpenCC s2t), the rest
in Simplified. Built as ``parsers.Meeting`` objects (the figures are the search's, not
the parser's). The same ``size`` always gives the same meetings.
"""

from __future__ import annotations

import datetime as dt
import random

from parsers.model import Area, Commitment, Meeting
from parsers.zh_script import to_traditional

VERBS = ["支持", "推动", "鼓励", "加强", "探索", "促进", "共同", "深化", "拓展", "完善", "积极"]
ACTORS = [
    "两地企业", "高校和科研机构", "金融机构", "青年创业团队", "医疗机构", "文化艺术团体",
    "港口和机场", "中小企业", "专业服务界", "旅游业界", "商会和行业协会", "法律服务机构",
]  # fmt: skip
OBJECTS = [
    "在绿色债券和可持续金融领域开展合作", "共建联合实验室，促进科研成果转化",
    "开展跨境人民币结算和理财业务", "发展智慧城市和数字经济", "参与粤港澳大湾区建设",
    "加强知识产权保护和交易", "开拓一带一路沿线市场", "完善跨境数据流动安排",
    "发展新能源汽车及其零部件产业", "举办经贸投资推介活动", "扩大青年实习和交流计划",
    "推动中医药标准走向国际", "建设国际仲裁和调解中心", "发展养老服务和长者照顾",
    "提升航班和货运班列的密度", "合作培养金融科技人才",
]  # fmt: skip
ENDINGS = [
    "，每年举行一次联席会议。", "，并设立专项资金予以支持。", "。",
    "，争取三年内取得实质进展。", "，定期检讨落实情况。", "，研究出台便利措施。",
]  # fmt: skip
AREAS = [
    "金融合作", "科技创新", "经贸合作", "文化旅游", "医疗卫生", "青年发展", "基础设施",
    "生态环保", "法律服务", "人才交流", "交通物流", "养老服务",
]  # fmt: skip
PARTIES = [("香港", "浙江"), ("香港", "四川"), ("澳门", "广东"), ("香港", "福建"), ("澳门", "江苏")]
#: What a person types (every prefix is searched): words, a phrase, two words, a
#: Traditional query for Simplified text and the reverse, a wrong character (券 → 卷).
QUERIES = [
    "绿色债券", "跨境人民幣結算", "联合实验室", "大湾区", "知識產權", "新能源汽车",
    "仲裁", "青年实习", "金融 合作", "中医药", "智慧城市 数字", "綠色債卷",
]  # fmt: skip


def _clause(rng: random.Random) -> str:
    return rng.choice(VERBS) + rng.choice(ACTORS) + rng.choice(OBJECTS) + rng.choice(ENDINGS)


def build(size: int, seed: int = 7) -> list[Meeting]:
    """Meetings holding ``size`` commitments or a few more."""
    rng = random.Random(seed * 1_000_003 + size)
    meetings: list[Meeting] = []
    total = 0
    while total < size:
        n = len(meetings)
        traditional = n % 2 == 1
        script = to_traditional if traditional else str
        areas: list[Area] = []
        for a in range(rng.randint(10, 15)):
            texts = [
                _clause(rng) + (_clause(rng) if rng.random() < 0.5 else "")
                for _ in range(rng.randint(3, 10))
            ]
            commitments = [
                Commitment(f"zh{n:05d}a{a:02d}c{c:02d}", script(t)) for c, t in enumerate(texts)
            ]
            areas.append(Area(f"zh{n:05d}a{a:02d}", script(rng.choice(AREAS)), False, commitments))
            total += len(commitments)
        date = dt.date(2000, 1, 3) + dt.timedelta(days=7 * n)
        parties = [script(p) for p in PARTIES[n % len(PARTIES)]]
        language = "zh-Hant" if traditional else "zh-Hans"
        title, place, source = script("合作会议"), parties[1], f"zh-{n:05d}.txt"
        meeting = Meeting(f"zh{n:05d}", title, date.isoformat(), place, parties, source,
                          len(areas), areas, language=language)  # fmt: skip
        meetings.append(meeting)
    return meetings

"""A long Chinese release for the benchmark: forty areas of ten commitments in
Traditional Chinese, hard-wrapped at 30 characters with ideographic-space indents (the
parser's Chinese path at its widest: joining lines, the stated count, forty headings),
and the same text with its headings lost (the lost-heading splits at their most)."""

from __future__ import annotations

import statistics
import time
from typing import Any

_OPENERS = ["支持", "推動", "鼓勵", "加強", "探索", "促進", "共同", "深化", "推進", "雙方將"]
_TOPICS = [
    ("金融合作", "金融機構互設分支機構，拓展跨境人民幣業務及綠色債券發行"),
    ("教育交流", "高校締結姊妹學校，擴大師生交流及聯合培養"),
    ("航空運輸", "機場增加航班及航線，加強航空貨運合作"),
    ("文化旅遊", "博物館合辦文物展覽，聯合推廣旅遊線路"),
    ("醫療衛生", "醫院在中醫藥及臨床研究方面交流合作"),
]
_NUMERALS = "一二三四五六七八九十"


def _numeral(n: int) -> str:
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return head + (_NUMERALS[ones - 1] if ones else "")


def release(areas: int = 40, per_area: int = 10, headings: bool = True) -> str:
    lines = ["浙江—香港合作會議第五次會議在杭州舉行", ""]
    lead = (
        "香港特別行政區政府與浙江省人民政府今日（九月十二日）在杭州舉行合作會議，"
        f"雙方同意在以下{_numeral(areas)}個範疇深化合作："
    )
    paragraphs: list[str] = [lead]
    for a in range(areas):
        name, words = _TOPICS[a % len(_TOPICS)]
        if headings:
            paragraphs.append(f"#{_numeral(a + 1)}、{name}（第{a + 1}項）")
        for c in range(per_area):
            paragraphs.append(f"{_OPENERS[c]}兩地第{a + 1}批{words}，第{c + 1}項措施於年內推出。")
    for p in paragraphs:
        if p.startswith("#"):
            lines.append(p[1:])
            continue
        text = "\u3000\u3000" + p
        lines += [text[i : i + 30] for i in range(0, len(text), 30)]
    lines += ["", "完", "2024年9月12日（星期四）", "香港時間18時30分"]
    return "\n".join(lines) + "\n"


def measure(figures: dict[str, Any], runs: int = 5) -> None:
    from parsers.release import parse_text

    for key, text in (("zh_parse_ms", release()), ("zh_lost_headings_ms", release(headings=False))):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            meeting = parse_text(text)
            times.append((time.perf_counter() - start) * 1000)
        figures[key] = statistics.median(times)
        if key == "zh_parse_ms":
            figures["zh_commitments"] = len(meeting.commitments)

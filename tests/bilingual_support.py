"""A meeting released in English and in Chinese (Traditional and Simplified), written for
these tests: the same date, parties and areas; the Chinese version has one commitment
more in its education area (an official translation is not always item for item)."""

from __future__ import annotations

from pathlib import Path

ENGLISH = """\
Hong Kong and Zhejiang deepen co-operation at joint conference

The Government of the Hong Kong Special Administrative Region and the People's Government
of Zhejiang Province held the Fourth Zhejiang–Hong Kong Co-operation Conference in
Hangzhou on 12 September 2024. The two sides agreed to strengthen co-operation in the
following three areas:

Finance

Support Zhejiang enterprises in listing in Hong Kong and in issuing offshore renminbi
bonds, with about 20 companies expected to apply in 2025.

Encourage the two places' banks to develop cross-boundary wealth management services for
residents of Hangzhou and Ningbo.

Aviation

Promote more direct flights between Hong Kong International Airport and Hangzhou Xiaoshan
International Airport, aiming at 120 flights a week.

Explore air-cargo transhipment arrangements linking Ningbo with the Hong Kong airport.

Education

Encourage the universities of the two places to run joint laboratories and exchange 300
students each year.

Ends/Thursday, September 12, 2024
"""

TRADITIONAL = """\
港浙深化合作 舉行第四次聯席會議

香港特別行政區政府與浙江省人民政府今日（九月十二日）在杭州舉行第四次浙港合作會議。雙方同意在以下三個範疇加強合作：

一、金融

支持浙江企業赴港上市及發行離岸人民幣債券，預計2025年約有20家企業申請。

鼓勵兩地銀行為杭州及寧波居民發展跨境理財服務。

二、航空

推動增加香港國際機場與杭州蕭山國際機場之間的直航航班，目標為每周120班。

探索寧波與香港機場之間的航空貨運轉運安排。

三、教育

鼓勵兩地大學合辦聯合實驗室，每年交流300名學生。

支持兩地中小學締結姊妹學校。

完

2024年9月12日（星期四）
香港時間19時30分
"""


def write_pair(folder: Path, chinese: str = TRADITIONAL) -> tuple[Path, Path]:
    """The two releases as files in ``folder``: (English, Chinese)."""
    folder.mkdir(parents=True, exist_ok=True)
    en = folder / "conference-en.txt"
    zh = folder / "conference-zh.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    zh.write_text(chinese, encoding="utf-8")
    return en, zh


def write_2025(folder: Path, *, fifth: bool = False) -> Path:
    """The next year's meeting, released in Chinese only (24 April 2025; ``fifth``: called
    the fifth meeting, as it would be): a file in ``folder``."""
    text = TRADITIONAL.replace("2024年9月12日", "2025年4月24日").replace(
        "九月十二日", "四月二十四日"
    )
    later = folder / "later-zh.txt"
    later.write_text(text.replace("第四次", "第五次") if fifth else text, encoding="utf-8")
    return later

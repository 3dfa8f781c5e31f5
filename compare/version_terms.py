"""A small bilingual glossary of the words co-operation commitments are made of (banks
and 银行, museums and 博物馆, sewage and 污水), as anchors for aligning an English and a
Chinese version (:mod:`compare.version_anchors`): a commitment and its translation
name the same things, whatever the length of either.

Each line, its fields between " | ": a key; the English forms (regular expressions,
matched from the start of a word, case ignored); the Chinese words (Simplified; a
Traditional text is folded).
A term found in most commitments of an area weighs little there (the anchors' weights
go by how many items have them), so broad words (co-operation, 合作) are left out.
"""

from __future__ import annotations

import functools
import re

from parsers.zh_script import HAN, to_simplified

_GLOSSARY = """
bank | bank | 银行
insurance | insur | 保险
bond | bonds? | 债券
listing | listing|listed|initial public offering | 上市
financing | financing|raising funds|fund-raising|fund raising | 融资
wealth | wealth | 理财|财富
financial | financ | 金融
free-trade | free trade | 自由贸易|自贸
museum | museum | 博物馆
teacher | teacher | 教师|老师
student | student | 学生|大学生
school | schools?\\b|sister school | 学校
university | universit|higher education | 高校|大学
laboratory | laborator|labs?\\b | 实验室
internship | intern | 实习
entrepreneur | entrepreneur|start-up|starting businesses|start businesses | 创业|初创
youth | youth|young people | 青年|年轻人
tourism | touris|travel|itinerar | 旅游|旅行|行程
performance | perform | 演出|表演
exhibition | exhibition|trade fair|expo | 展览|博览会
ip | intellectual property|patent | 知识产权|专利
e-commerce | e-commerce|online retail | 电子商务|电商
logistics | logistic | 物流
chamber | chambers? of commerce | 商会
professional | professional | 专业
accounting | accountan|accounting | 会计
architecture | architect | 建筑
surveying | survey | 测量
legal | lawyer|legal|law firm | 律师|法律
arbitration | arbitrat | 仲裁
mediation | mediat | 调解
chinese-medicine | chinese medicine | 中医|中药|中成药
hospital | hospital | 医院
disease | disease|epidemic|pandemic | 传染病|疾病|疫情
climate | climate | 气候
carbon | carbon | 碳
waste | waste|recycl | 废物|回收|垃圾
sewage | sewage|wastewater | 污水
vehicle | vehicle | 汽车|车辆
hydrogen | hydrogen | 氢
airport | airport | 机场
flight | flights?\\b|air routes? | 航班|航线
shipping | shipping|ports?\\b|maritime | 航运|港口|海运
railway | rail | 铁路|高铁
coach | coach|bus\b|buses | 巴士|客运|大巴
control-point | boundary control|control point|border crossing|port of entry | 口岸
data | data\\b | 数据
ai | artificial intelligence | 人工智能
forum | forum | 论坛
seminar | seminar|symposi|conference | 研讨会|会议
delegation | delegation | 代表团
civil-service | civil serv | 公务员
training | training|train\\b | 培训
talent | talent | 人才
sport | sport|athlete | 体育|运动
elderly | elderly|older people|aged care|ageing | 长者|养老|安老
food | food | 食品|食物
agriculture | agricultur|farm | 农业|农产品
customs | customs|clearance | 海关|通关
film | film|movie | 电影
heritage | heritage|relic | 遗产|文物
belt-road | belt and road | 一带一路
bay-area | greater bay area | 大湾区
investment | invest | 投资
trade | trade\\b|trading | 贸易|经贸
green | green\\b|low-carbon | 绿色|低碳
technology | technolog|sci-tech | 科技|技术
research | research | 科研|研究|研发
energy | energy | 能源
funding | funding|grant | 资助
information | information | 信息|资讯
advisory | advis|consult | 咨询
one-stop | one-stop | 一站式
history | histor | 历史
culture | cultur | 文化
media | media|press | 媒体
water | water supply|drinking water | 供水
housing | housing|homes\\b | 住房|房屋
"""


@functools.cache
def _patterns() -> tuple[dict[str, re.Pattern[str]], list[str], re.Pattern[str],
                         dict[str, set[str]]]:  # fmt: skip
    """The English forms by their first two letters (one pattern each, a group per key,
    tried only where a word begins so), the keys in order; one pattern of every
    Chinese word (the longest first), with the keys of each."""
    keys: list[str] = []
    english: dict[str, list[str]] = {}
    chinese: dict[str, set[str]] = {}
    for line in _GLOSSARY.strip().splitlines():
        key, forms, words = (part.strip() for part in line.split(" | "))
        for form in forms.split("|"):
            same_start = english.setdefault(form[:2], [])
            # a group per form, named by its key's number and its place (names are unique)
            same_start.append(f"(?P<g{len(keys)}_{len(same_start)}>{form})")
        keys.append(key)
        for word in words.split("|"):
            chinese.setdefault(word, set()).add(key)
    by_start = {start: re.compile("|".join(forms)) for start, forms in english.items()}
    zh = re.compile("|".join(map(re.escape, sorted(chinese, key=len, reverse=True))))
    return by_start, keys, zh, chinese


_WORD_START = re.compile(r"(?<![a-z])[a-z]")


def terms(text: str) -> set[str]:
    """The glossary's keys a text in either language names, as anchors ``w:key``."""
    by_start, keys, zh, chinese = _patterns()
    out: set[str] = set()
    lower = text.lower()
    for start in _WORD_START.finditer(lower):
        pattern = by_start.get(lower[start.start() : start.start() + 2])
        if pattern is not None:
            found = pattern.match(lower, start.start())
            if found is not None and found.lastgroup:
                out.add(f"w:{keys[int(found.lastgroup[1:].split('_')[0])]}")
    if HAN.search(text):
        for m in zh.finditer(to_simplified(text)):
            out.update(f"w:{key}" for key in chinese[m.group()])
    return out

"""The co-operation topics of ``parsers.lexicon`` in Chinese: each topic's name as a
Chinese release would give it, and the words that tell it (Simplified; a Traditional
text is folded first). Chinese has no spaces, so a term counts each time it occurs.

Used to name an area whose heading was lost in a Chinese release, to tell where one
topic ends and the next begins, and to match an area's English name with its Chinese
one when two versions of a meeting are aligned (both give the same topic key).
"""

from __future__ import annotations

import functools
import math

from parsers.zh_script import to_simplified, to_traditional

#: topic key (as in ``parsers.lexicon.TOPICS``) → (Chinese name, terms), Simplified.
TOPICS_ZH: dict[str, tuple[str, str]] = {
    "Finance": (
        "金融",
        "金融 银行 保险 证券 债券 绿色金融 人民币 资本市场 上市 融资 财富管理 "
        "资产管理 基金 投资者 金融科技 跨境理财 家族办公室",
    ),
    "Aviation": (
        "航空",
        "航空 机场 航班 航线 航空货运 飞机 空域 民航",
    ),
    "Education": (
        "教育",
        "教育 学校 学生 教师 大学 高校 职业教育 姊妹学校 课程 学术 研学 幼儿园",
    ),
    "Innovation and Technology": (
        "创新科技",
        "创新 科技 科研 研发 实验室 数字 数字化 科学 高新技术 初创 孵化 人工智能 数据",
    ),
    "Trade and Investment": (
        "经贸合作",
        "经贸 贸易 投资 企业 电子商务 展览 商会 自由贸易 营商 知识产权 专业服务 招商 外贸",
    ),
    "Youth": (
        "青年",
        "青年 年轻人 实习 创业 交流团",
    ),
    "Culture and Tourism": (
        "文化旅游",
        "文化 艺术 博物馆 文物 非物质文化遗产 旅游 游客 演出 文创 电影 邮轮 文旅",
    ),
    "Talent and Civil Service": (
        "人才及公务员交流",
        "人才 公务员 专业人士 资格 挂职",
    ),
    "Health and Chinese Medicine": (
        "医疗卫生及中医药",
        "医疗 卫生 医院 医药 中医药 中医 药物 疾病 生物医药 临床 健康 "
        "传染病 医护 防疫 疫情 公共卫生",
    ),
    "Environmental Protection": (
        "环境保护",
        "环保 环境 生态 排放 碳 气候 污染 保育 温室气体 废物 绿色发展 碳中和",
    ),
    "Legal and Dispute Resolution": (
        "法律及争议解决",
        "法律 律师 仲裁 调解 争议 司法 法院 法律援助",
    ),
    "Facilitation for Hong Kong People": (
        "便利港人",
        "便利 居民 居住证 通行证 一站式 港人",
    ),
    "Housing": (
        "房屋",
        "房屋 住房 建筑 建造 物业管理",
    ),
    "Transport and Logistics": (
        "交通物流",
        "交通 物流 铁路 公路 多式联运 货运 供应链 仓储 冷链 高铁",
    ),
    "Maritime": (
        "海运",
        "海运 港口 航运 船舶 海员 船东 海事",
    ),
    "Belt and Road": (
        "一带一路",
        "一带一路 丝绸之路",
    ),
    "Agriculture and Food": (
        "农业及食品",
        "农业 食品 农产品 渔业 农场 粮食",
    ),
    "Sports": (
        "体育",
        "体育 运动员 赛事 运动会 马拉松 教练",
    ),
    "Energy": (
        "能源",
        "能源 电力 电网 可再生能源 氢能 核电 天然气",
    ),
    "Customs": (
        "海关",
        "海关 通关 检验 检疫",
    ),
    "Social Welfare": (
        "社会福利",
        "社会福利 福利 长者 安老 养老 社会服务 康复 民生 社会民生 社会保障",
    ),
    "Meteorology": (
        "气象",
        "气象 天气 台风 暴雨 雷达 预报 天文台 热带气旋 雷电 降雨",
    ),
    "Statistics": (
        "统计",
        "统计 普查 国民经济核算",
    ),
    "Emergency Management": (
        "应急管理",
        "应急 灾害 救援 疏散 演练 防灾",
    ),
}


@functools.cache
def _terms() -> list[tuple[str, tuple[str, ...]]]:
    return [(key, tuple(terms.split())) for key, (_name, terms) in TOPICS_ZH.items()]


def zh_scores(text: str) -> dict[str, float]:
    """How strongly each topic's words appear in a Chinese text (0 = not at all): each
    term's occurrences, the longer terms weighing more, a term inside a longer one that
    also occurs not counted twice."""
    simplified = to_simplified(text)
    out: dict[str, float] = {}
    for key, terms in _terms():
        score = 0.0
        for term in terms:
            n = simplified.count(term)
            if n and not any(term in t and t != term and t in simplified for t in terms):
                score += (1.0 + math.log(n)) * (1.5 if len(term) >= 3 else 1.0)
        if score:
            out[key] = score
    return out


def zh_topic_of_heading(heading: str) -> str | None:
    """The topic a Chinese heading names ("金融合作" → "Finance"), if any."""
    scores = zh_scores(heading)
    if not scores:
        return None
    return max(scores.items(), key=lambda kv: (kv[1], kv[0]))[0]


def zh_topic_name(key: str, language: str) -> str:
    """A topic's Chinese name in the script of ``language`` ("zh-Hant": Traditional)."""
    name = TOPICS_ZH[key][0]
    return to_traditional(name) if language == "zh-Hant" else name

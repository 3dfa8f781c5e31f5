"""A small gazetteer: China's provincial-level regions, their capitals and a few cities
that hold such meetings, by their Chinese (Simplified; Traditional is folded to it) and
English names, so that a Chinese release's parties and place can be given in English
and a meeting linked to its English version.

``english_name("浙江省人民政府") == "Zhejiang"``, ``english_name("HKSAR") == "Hong Kong"``,
``find_places("香港與浙江")`` → the two places in the order written.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from parsers.zh_script import to_simplified

#: (Chinese, English, kind) — kinds: "province", "region" (autonomous), "municipality",
#: "SAR", "capital" (of the province named after it), "city".
_PLACES = """
北京 Beijing municipality
天津 Tianjin municipality
上海 Shanghai municipality
重庆 Chongqing municipality
香港 Hong_Kong SAR
澳门 Macao SAR
河北 Hebei province 石家庄 Shijiazhuang
山西 Shanxi province 太原 Taiyuan
辽宁 Liaoning province 沈阳 Shenyang
吉林 Jilin province 长春 Changchun
黑龙江 Heilongjiang province 哈尔滨 Harbin
江苏 Jiangsu province 南京 Nanjing
浙江 Zhejiang province 杭州 Hangzhou
安徽 Anhui province 合肥 Hefei
福建 Fujian province 福州 Fuzhou
江西 Jiangxi province 南昌 Nanchang
山东 Shandong province 济南 Jinan
河南 Henan province 郑州 Zhengzhou
湖北 Hubei province 武汉 Wuhan
湖南 Hunan province 长沙 Changsha
广东 Guangdong province 广州 Guangzhou
海南 Hainan province 海口 Haikou
四川 Sichuan province 成都 Chengdu
贵州 Guizhou province 贵阳 Guiyang
云南 Yunnan province 昆明 Kunming
陕西 Shaanxi province 西安 Xi'an
甘肃 Gansu province 兰州 Lanzhou
青海 Qinghai province 西宁 Xining
台湾 Taiwan province 台北 Taipei
内蒙古 Inner_Mongolia region 呼和浩特 Hohhot
广西 Guangxi region 南宁 Nanning
西藏 Tibet region 拉萨 Lhasa
宁夏 Ningxia region 银川 Yinchuan
新疆 Xinjiang region 乌鲁木齐 Urumqi
深圳 Shenzhen city
珠海 Zhuhai city
东莞 Dongguan city
佛山 Foshan city
厦门 Xiamen city
宁波 Ningbo city
苏州 Suzhou city
青岛 Qingdao city
大连 Dalian city
前海 Qianhai city
"""

#: The usual one-character abbreviations (简称) of the provincial-level regions, by the
#: Simplified name of the region (either script; some regions have two or three), used
#: only where two stand together before 合作 in a meeting's name (浙港合作會議, 粤港合作).
_ABBREVIATIONS = """
北京 京
天津 津
上海 沪 滬
重庆 渝
河北 冀
山西 晋 晉
辽宁 辽 遼
吉林 吉
黑龙江 黑
江苏 苏 蘇
浙江 浙
安徽 皖
福建 闽 閩
江西 赣 贛
山东 鲁 魯
河南 豫
湖北 鄂
湖南 湘
广东 粤 粵
海南 琼 瓊
四川 川 蜀
贵州 贵 貴 黔
云南 云 雲 滇
陕西 陕 陝 秦
甘肃 甘 陇 隴
青海 青
内蒙古 蒙
西藏 藏
宁夏 宁 寧
新疆 新
台湾 台 臺
广西 桂
香港 港
澳门 澳
"""
#: A meeting named by its two parties' abbreviations: 浙港合作會議, 川港高层合作会议,
#: 粤港合作联席会议, 闽澳合作 — not a third abbreviation before them (粤港澳合作).
_ABBREVIATED_PAIR = "(?<![{a}])([{a}])([{a}])(?:高层|高層)?合作"

#: English names a release may give instead of the gazetteer's.
_ENGLISH_ALIASES = {
    "hksar": "Hong Kong",
    "hong kong special administrative region": "Hong Kong",
    "macau": "Macao",
    "macao sar": "Macao",
    "macao special administrative region": "Macao",
    "macau special administrative region": "Macao",
    "xian": "Xi'an",
    "guangxi zhuang autonomous region": "Guangxi",
    "ningxia hui autonomous region": "Ningxia",
    "xinjiang uygur autonomous region": "Xinjiang",
    "xinjiang uyghur autonomous region": "Xinjiang",
    "tibet autonomous region": "Tibet",
    "inner mongolia autonomous region": "Inner Mongolia",
}

#: What follows a place's name in a party's name: 省, 市, 特别行政区, 人民政府 …
_SUFFIXES = re.compile(
    r"(?:特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)?"
    r"(?:人民政府|政府|特区政府)?$"
)
_ENGLISH_SUFFIXES = re.compile(
    r"\s+(?:province|municipality|city|(?:municipal |provincial )?(?:people's )?government|"
    r"sar|special administrative region)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Place:
    chinese: str  # Simplified
    english: str
    kind: str
    capital_of: str | None = None  # the English name of its province


@functools.cache
def places() -> dict[str, Place]:
    """Every place by its Simplified Chinese name."""
    out: dict[str, Place] = {}
    for line in _PLACES.strip().splitlines():
        fields = line.split()
        zh, en, kind = fields[0], fields[1].replace("_", " "), fields[2]
        out[zh] = Place(zh, en, kind)
        if len(fields) == 5:
            out[fields[3]] = Place(fields[3], fields[4].replace("_", " "), "capital", en)
    return out


@functools.cache
def _by_english() -> dict[str, Place]:
    out = {p.english.casefold(): p for p in places().values()}
    for alias, name in _ENGLISH_ALIASES.items():
        out[alias] = out[name.casefold()]
    return out


@functools.cache
def _pattern() -> re.Pattern[str]:
    names = sorted(places(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def place(name: str) -> Place | None:
    """The place a party's or a place's name (Chinese in either script, or English)
    names, with the usual suffixes allowed (浙江省人民政府, Zhejiang Province); None if
    the gazetteer does not know it."""
    name = name.strip()
    if not name:
        return None
    simplified = _SUFFIXES.sub("", to_simplified(name)) or to_simplified(name)
    found = places().get(simplified)
    if found is not None:
        return found
    english = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    english = _ENGLISH_SUFFIXES.sub("", english).strip().casefold()
    return _by_english().get(english) or _by_english().get(english.replace("-", " "))


def english_name(name: str) -> str | None:
    """The English name of a place named in Chinese or English; None if unknown."""
    found = place(name)
    return found.english if found else None


def find_places(text: str) -> list[tuple[int, int, Place]]:
    """The places named in a Chinese text (either script), in order: (start, end, place)."""
    simplified = to_simplified(text)
    if len(simplified) != len(text):  # a phrase converted to another length: positions
        simplified = "".join(to_simplified(ch) for ch in text)  # by character
    return [(m.start(), m.end(), places()[m.group()]) for m in _pattern().finditer(simplified)]


@functools.cache
def abbreviations() -> dict[str, Place]:
    """The region each one-character abbreviation stands for (浙 → Zhejiang, 港 → Hong Kong)."""
    out: dict[str, Place] = {}
    for line in _ABBREVIATIONS.strip().splitlines():
        name, *short = line.split()
        for ch in short:
            out[ch] = places()[name]
    return out


@functools.cache
def _pair_pattern() -> re.Pattern[str]:
    return re.compile(_ABBREVIATED_PAIR.format(a="".join(abbreviations())))


def abbreviated_parties(text: str) -> tuple[str, Place, Place] | None:
    """The two regions a meeting's name gives by their abbreviations, in the order
    written, with the abbreviations as written: "浙港合作會議第六次會議" → ("浙港",
    Zhejiang, Hong Kong); None if the text names no meeting so ("粤港澳合作": three)."""
    for m in _pair_pattern().finditer(text):
        first, second = abbreviations()[m.group(1)], abbreviations()[m.group(2)]
        if first != second:
            return m.group(1) + m.group(2), first, second
    return None


def party_key(name: str) -> str:
    """What two versions' parties are compared by: the English name where known, else
    the name folded (case, script and spaces)."""
    english = english_name(name)
    return (english or to_simplified(name)).casefold().replace(" ", "")


def english_names(parties: list[str], place: str | None) -> dict[str, object]:
    """A meeting's parties and place by their English names, as the JSON outputs give them
    beside the names the release writes: ``{"parties_en": [...], "place_en": ...}``, a
    name the gazetteer does not know kept as written (so English releases' names stay)."""
    return {
        "parties_en": [english_name(p) or p for p in parties],
        "place_en": (english_name(place) or place) if place else None,
    }

"""What a commitment's English and Chinese texts can share whatever the wording: its
numbers, percentages, dates and places, as *anchors* for aligning two language versions
of a meeting (:mod:`compare.versions`).

An anchor is a short string of a kind and a value, the same in both languages:

- ``n:2025`` a number: digits (``1,200``, ``1.5``), Chinese numerals (``十二``,
  ``二〇二五``, ``第三``), English number words from three (``three`` … ``twelve``,
  ``twenty`` …, ``third`` …); with its scale (``10 billion`` and ``100亿`` are both
  ``n:10000000000``). One and two are left out as words (``一`` is in 进一步, 一带一路,
  统一; "two sides", 两地): as digits they count.
- ``pct:30`` a percentage (``30%``, ``30 per cent``, ``百分之三十``);
- ``d:9-12`` a day (``9月12日``, ``12 September``, ``September 12``) and ``m:9`` a
  month named without a day (``9月``, ``September``); the numbers of a date are not
  numbers of their own, but its year is (``2025年`` and ``2025`` are ``n:2025``);
- ``w:bank`` a word of the glossary in :mod:`compare.version_terms` (bank, 银行);
- ``p:Zhejiang`` a place of the gazetteer (:mod:`parsers.gazetteer`), by its English
  name: found in the Chinese text by ``find_places``, in the English text by its English
  name or a known alias (HKSAR, Macau).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from compare.version_terms import terms
from parsers import gazetteer
from parsers.zh_numerals import NUMBER, chinese_number
from parsers.zh_script import HAN

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]  # fmt: skip
_MONTH_NO = {name: i + 1 for i, name in enumerate(MONTHS)} | {
    name[:3]: i + 1 for i, name in enumerate(MONTHS) if name != "may"
} | {"sept": 9}  # fmt: skip
# Month names capitalised only: "may" the verb is not May.
_MONTH = (
    r"(?P<month>(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_EN_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?![A-Za-z])"
)
_EN_MONTH_DAY = re.compile(rf"(?<![A-Za-z]){_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b")
_EN_MONTH = re.compile(rf"(?<![A-Za-z]){_MONTH}(?![A-Za-z])")
_EN_PERCENT = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*(?:%|per\s*cent\b|percent\b)", re.IGNORECASE)
_EN_NUMBER = re.compile(
    r"(?<![0-9A-Za-z.])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion)\b|(?P<short>bn|m)\b)?",
    re.IGNORECASE,
)
_EN_WORDS = {
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000,
    "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
_EN_WORD = re.compile(r"\b(" + "|".join(_EN_WORDS) + r")\b", re.IGNORECASE)
_EN_SCALES = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
              "trillion": 1e12}  # fmt: skip

_ZH_NUM = rf"(?:[0-9]+(?:\.[0-9]+)?|{NUMBER.pattern})"
_ZH_DATE = re.compile(rf"(?P<month>{_ZH_NUM})月(?P<day>{_ZH_NUM})[日号號]")
_ZH_MONTH = re.compile(rf"(?P<month>{_ZH_NUM})月")
_ZH_PERCENT = re.compile(rf"百分之(?P<num>{_ZH_NUM})")
_ZH_NUMBER = re.compile(rf"(?P<num>{_ZH_NUM})(?P<scale>[万萬亿億])?")
_ZH_SCALES = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
#: Chinese numerals alone that are a number (as a word part, 百 and 千 are not: 百姓).
_ZH_SINGLE = set("三四五六七八九十")


def _value(text: str) -> float | None:
    """A number written in digits (with a decimal part) or in Chinese numerals."""
    text = text.replace(",", "")
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", text):
        return float(text)
    found = chinese_number(text)
    return None if found is None else float(found)


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _month_of(name: str) -> int | None:
    return _MONTH_NO.get(name.rstrip(".").casefold())


@functools.cache
def _english_places() -> re.Pattern[str]:
    names = {p.english for p in gazetteer.places().values()} | {"HKSAR", "Macau"}
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])")


def _dates(text: str, out: set[str]) -> str:
    """Days and months found (as anchors in ``out``); the text with them blanked."""
    english = _EN_MONTH.search(text) is not None  # the patterns below tried only if so
    chinese = "月" in text
    for pattern in (_EN_DAY_MONTH, _EN_MONTH_DAY) if english else ():
        for m in reversed(list(pattern.finditer(text))):
            month, day = _month_of(m.group("month")), int(m.group("day"))
            if month is not None and 1 <= day <= 31:
                out.add(f"d:{month}-{day}")
                text = _mask(text, m.start(), m.end())
    for m in reversed(list(_ZH_DATE.finditer(text))) if chinese else ():
        zh_month, zh_day = _value(m.group("month")), _value(m.group("day"))
        if (
            zh_month is not None
            and zh_day is not None
            and 1 <= zh_month <= 12
            and 1 <= zh_day <= 31
        ):
            out.add(f"d:{int(zh_month)}-{int(zh_day)}")
            text = _mask(text, m.start(), m.end())
    for m in reversed(list(_EN_MONTH.finditer(text))) if english else ():
        month = _month_of(m.group("month"))
        if month is not None:
            out.add(f"m:{month}")
            text = _mask(text, m.start(), m.end())
    for m in reversed(list(_ZH_MONTH.finditer(text))) if chinese else ():
        value = _value(m.group("month"))
        if value is not None and 1 <= value <= 12:
            out.add(f"m:{int(value)}")
            text = _mask(text, m.start(), m.end())
    return text


def _percentages(text: str, out: set[str]) -> str:
    if "%" not in text and "cent" not in text and "百分之" not in text:
        return text
    for pattern in (_EN_PERCENT, _ZH_PERCENT):
        for m in reversed(list(pattern.finditer(text))):
            value = _value(m.group("num"))
            if value is not None:
                out.add(f"pct:{_num(value)}")
                text = _mask(text, m.start(), m.end())
    return text


def _numbers(text: str, out: set[str]) -> None:
    han = HAN.search(text) is not None
    for m in _EN_NUMBER.finditer(text):
        value = _value(m.group("num"))
        scale = (m.group("scale") or m.group("short") or "").casefold()
        if value is None:
            continue
        if scale:
            value *= _EN_SCALES[scale]
        elif han and text[m.end() : m.end() + 1] in _ZH_SCALES:
            value *= _ZH_SCALES[text[m.end()]]
        out.add(f"n:{_num(value)}")
    for m in _EN_WORD.finditer(text):
        out.add(f"n:{_EN_WORDS[m.group(1).casefold()]}")
    if not han:
        return
    for m in _ZH_NUMBER.finditer(text):
        written = m.group("num")
        if written[0].isdigit():
            continue  # counted above
        if len(written) == 1 and written not in _ZH_SINGLE:
            continue  # 一, 两, 百 alone: parts of words far more often than numbers
        value = _value(written)
        if value is None:
            continue
        if m.group("scale"):
            value *= _ZH_SCALES[m.group("scale")]
        out.add(f"n:{_num(value)}")


def _places(text: str, out: set[str]) -> None:
    if HAN.search(text):
        out.update(f"p:{place.english}" for _s, _e, place in gazetteer.find_places(text))
    for m in _english_places().finditer(text):
        found = gazetteer.place(m.group())
        if found is not None:
            out.add(f"p:{found.english}")


@functools.lru_cache(maxsize=8192)
def anchors(text: str) -> frozenset[str]:
    """The anchors of a text in either language (see the module's docstring)."""
    text = unicodedata.normalize("NFKC", text)
    out: set[str] = set()
    _places(text, out)
    rest = _percentages(_dates(text, out), out)
    _numbers(rest, out)
    out |= terms(text)
    return frozenset(out)

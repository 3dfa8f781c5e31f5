"""Numbers written in Chinese: 八, 十二, 二十三, 一百零五, 兩, 〇, and digits (also
full-width ones). ``chinese_number("十二") == 12``; anything else is None."""

from __future__ import annotations

import re
import unicodedata

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
UNITS = {"十": 10, "百": 100, "千": 1000}
#: A number as written in a release: digits, or Chinese numerals.
NUMBER = re.compile(r"[0-9０-９]+|[〇零一二兩两三四五六七八九十百千]+")


def chinese_number(text: str) -> int | None:
    """The value of a number written in digits or Chinese numerals (up to 9999)."""
    text = unicodedata.normalize("NFKC", text.strip())
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(ch not in DIGITS and ch not in UNITS for ch in text):
        return None
    if all(ch in DIGITS for ch in text) and len(text) > 1:  # 二〇二四: digit by digit
        return int("".join(str(DIGITS[ch]) for ch in text))
    total, digit, last_unit = 0, None, 10_000
    for ch in text:
        if ch in DIGITS:
            if digit is not None and DIGITS[ch] != 0:
                return None  # two digits with no unit between them: not a number
            digit = DIGITS[ch] if DIGITS[ch] != 0 else digit
        else:
            unit = UNITS[ch]
            if unit >= last_unit:
                return None  # 十百: units must fall
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)

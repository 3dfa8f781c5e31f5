"""Chinese script: which language a text is in, and Traditional ↔ Simplified.

The conversion is OpenCC's (the ``opencc`` package, its phrase-aware dictionaries), made
once and kept: search folds every Chinese text and query to Simplified so that either
script finds the other, and the language of a release is told by which of the two
scripts its characters belong to.
"""

from __future__ import annotations

import functools
import re
import threading
from typing import Any

#: Han ideographs (the unified block, extension A and the compatibility block).
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
#: A Chinese text has at least this many Han characters for each Latin letter's quarter:
#: a character is about a word, an English word about five letters.
_HAN_PER_LETTER = 0.25
#: ... and at least this many, so that a stray name does not make a text Chinese.
_MIN_HAN = 20

_lock = threading.Lock()


@functools.cache
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def _convert(config: str, text: str) -> str:
    if not text or not HAN.search(text):
        return text
    with _lock:  # an OpenCC converter is not documented as thread-safe
        return str(_converter(config).convert(text))


def to_simplified(text: str) -> str:
    """``text`` with its Traditional characters (and phrases) in Simplified."""
    return _convert("t2s", text)


def to_traditional(text: str) -> str:
    """``text`` with its Simplified characters (and phrases) in Traditional."""
    return _convert("s2t", text)


def han_count(text: str) -> int:
    return len(HAN.findall(text))


def is_chinese(text: str) -> bool:
    """Whether a text is written in Chinese (mostly Han characters, a few Latin words
    such as names or addresses allowed)."""
    han = han_count(text)
    return han >= _MIN_HAN and han >= _HAN_PER_LETTER * len(_LATIN.findall(text))


def chinese_script(text: str) -> str:
    """ "zh-Hant" or "zh-Hans": which script a Chinese text is in, by the characters
    that differ between the two (a text with none, or as many of each: Simplified, the
    form the Mainland's releases take)."""
    simplified = to_simplified(text)
    traditional = to_traditional(text)
    if len(simplified) == len(text) and len(traditional) == len(text):
        trad = sum(1 for a, b in zip(text, simplified, strict=True) if a != b)
        simp = sum(1 for a, b in zip(text, traditional, strict=True) if a != b)
    else:  # a phrase of another length: count the characters that are not in the other
        trad = len(set(text) - set(simplified))
        simp = len(set(text) - set(traditional))
    return "zh-Hant" if trad > simp else "zh-Hans"


def detect_language(text: str) -> str:
    """The language of a release's text: "en", "zh-Hant" or "zh-Hans"."""
    return chinese_script(text) if is_chinese(text) else "en"


def fold(text: str) -> str:
    """The form search compares Chinese in: Simplified (English is left as it is)."""
    return to_simplified(text)

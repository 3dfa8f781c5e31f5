"""Where a query's words are in a hit's text, and the part of a long text to show."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from search.chinese import blank_han, han_spans, narrow


def match_pattern(tokens: Sequence[str], words: Sequence[str] = ()) -> re.Pattern[str] | None:
    """Where words that are not Chinese are: the query's ``tokens`` as prefixes,
    ``words`` whole (:func:`find_spans` reads a Chinese character as a word's end)."""
    parts = [re.escape(t) + r"\w*" for t in sorted(tokens, key=len, reverse=True)]
    parts += [re.escape(w) + r"(?!\w)" for w in words]
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE)


def spans(pattern: re.Pattern[str] | None, text: str) -> tuple[tuple[int, int], ...]:
    if pattern is None:
        return ()
    return tuple(m.span() for m in pattern.finditer(text))


def find_spans(
    pattern: re.Pattern[str] | None, text: str, chinese_words: Sequence[str] = ()
) -> tuple[tuple[int, int], ...]:
    """The spans of ``pattern``'s words and of the Chinese words (folded, in any
    script: see ``search.chinese.han_spans``) in the original ``text``, in order,
    overlapping ones merged."""
    if text.isascii():
        return spans(pattern, text)
    # the same length, Chinese as spaces (金融fintech has fintech), ＣＥＰＡ as CEPA
    blanked = blank_han(narrow(text))
    found = list(spans(pattern, blanked))
    if not chinese_words or blanked is text:
        return tuple(found)
    found += han_spans(text, chinese_words)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


#: A snippet's start or end moves at most this far to fall between words.
SNAP = 24


def _next_space(text: str, start: int, stop: int) -> int | None:
    return next((i for i in range(start, stop) if text[i].isspace()), None)


def _last_space(text: str, start: int, stop: int) -> int | None:
    return next((i for i in range(stop - 1, start - 1, -1) if text[i].isspace()), None)


def _cells(text: str) -> list[int] | None:
    """Where each character of ``text`` starts in terminal cells (and the end), a wide
    (East Asian) character taking two; None if every character takes one."""
    if text.isascii():
        return None
    offsets = [0]
    wide = False
    for char in text:
        cells = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        wide = wide or cells == 2
        offsets.append(offsets[-1] + cells)
    return offsets if wide else None


def snippet(
    text: str, spans: Sequence[tuple[int, int]], width: int = 160
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """At most ``width`` terminal cells of ``text`` around its first match (a Chinese
    character takes two), spans shifted.

    Line breaks become spaces; a cut is marked with ``…`` and falls between words.
    """
    flat = text.replace("\r", " ").replace("\n", " ")
    cells = _cells(flat)
    if (len(flat) if cells is None else cells[-1]) <= width:
        return flat, tuple(spans)
    first = spans[0][0] if spans else 0
    if cells is None:
        start = max(0, min(first - width // 4, len(flat) - width))
        end = start + width
    else:
        start = bisect_left(cells, max(0, min(cells[first] - width // 4, cells[-1] - width)))
        end = bisect_right(cells, cells[start] + width) - 1
    # cut between words: drop a word cut at the start, and one cut at the end (as long
    # as the first match stays whole and the word is not longer than SNAP)
    if start > 0 and not flat[start - 1].isspace():
        gap = _next_space(flat, start, min(first, start + SNAP))
        if gap is not None:
            start = gap + 1
    if end < len(flat) and not flat[end].isspace():
        last = spans[0][1] if spans else start
        gap = _last_space(flat, max(start, last, end - SNAP), end)
        if gap is not None:
            end = gap
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    body = flat[start:end]
    shift = len(prefix) - start
    kept = tuple(
        (max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end
    )
    return prefix + body + suffix, kept

"""Meeting metadata: date, place and title — with a warning wherever unsure.

The parties are found by ``parsers.parties`` (``find_parties``, re-exported here)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from parsers.blocks import CHROME, Block
from parsers.normalise import collapse_ws
from parsers.parties import find_parties as find_parties

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        (
            "january february march april may june july august september october november december"
        ).split()
    )
}
MONTHS.update({m[:3]: n for m, n in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
_FULL_DATES = [
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\b", re.I),
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})\b"),
    re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"),
]
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})\b")
_TODAY = re.compile(
    r"\btoday\s*\((?:"
    + _MONTH
    + r"\s+(?P<day>\d{1,2})|(?P<day2>\d{1,2})\s+"
    + _MONTH.replace("month", "month2")
    + r")\)",
    re.I,
)
_END_LINE = re.compile(r"^\s*(?:-+\s*)?ends?\s*[/-]", re.I | re.M)
_PLACE = r"(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
_PLACE_PATTERNS = [
    re.compile(r"\bin\s+" + _PLACE + r"(?:,\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?,?\s+today\b"),
    re.compile(r"\b(?:held|convened|took place|meeting|met|signed)\s+in\s+" + _PLACE),
    re.compile(r"\b(?:agreements?|memorand\w*)\s+in\s+" + _PLACE),
    # "held the Fourth … Co-operation Conference in Hangzhou on 12 September"
    re.compile(r"\b(?:Conference|Meeting|Forum|Session|Talks)\s+in\s+" + _PLACE),
]
_NOT_PLACES = {"the", "a", "an", "this", "that", "accordance", "addition", "order", "particular"}
_TITLE_SUFFIX = re.compile(r"\s*\((?:with\s+)?(?:photos?|videos?)(?:\s*/\s*videos?)?\)\s*$", re.I)


def _month(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.lower().rstrip(".")]


_YEAR = re.compile(r"\d\d\d\d")  # as \d{4}, scanned twice as fast
#: How far a full date reaches before and after its year ("Wednesday, September 26, 2023").
_BEFORE_YEAR, _AFTER_YEAR = 120, 40


def _year_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` around its four-digit numbers: every full date lies in one.

    Trying the date patterns (case-insensitive alternations of month and weekday names)
    at every position of a long release costs tens of milliseconds; a date needs a year.
    """
    windows: list[tuple[int, int]] = []
    for start in _year_starts(text):
        lo, hi = max(0, start - _BEFORE_YEAR), min(len(text), start + 4 + _AFTER_YEAR)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _year_starts(text: str) -> Iterator[int]:
    """Where ``_YEAR`` matches; in ASCII text found by a byte scan, not the pattern."""
    if not text.isascii():
        yield from (m.start() for m in _YEAR.finditer(text))
        return
    digits = text.encode("ascii").translate(_DIGITS_AS_ZERO)
    at = digits.find(b"0000")
    while at >= 0:
        yield at
        at = digits.find(b"0000", at + 4)


_DIGITS_AS_ZERO = bytes(ord("0") if ord("0") <= b <= ord("9") else ord(" ") for b in range(256))


def _end_line(scope: str) -> re.Match[str] | None:
    """``_END_LINE.search(scope)``, started where it can first match in ASCII text.

    A match holds "end" with only whitespace and dashes before it on its lines, so
    none starts before the first "end" and the run of those characters ahead of it.
    """
    if not scope.isascii():
        return _END_LINE.search(scope)
    at = scope.lower().find("end")
    if at < 0:
        return None
    while at > 0 and (scope[at - 1].isspace() or scope[at - 1] == "-"):
        at -= 1
    return _END_LINE.search(scope, at)


#: How a match of each of the first two ``_FULL_DATES`` starts: a weekday's or month's name,
#: or a weekday's name or a day's digits (every name begins with one of these).
_WEEKDAY_STARTS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_NAME_STARTS = (*_WEEKDAY_STARTS, *(m for m in MONTHS if len(m) == 3))


def _date_matches(index: int, text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """``_FULL_DATES[index].finditer(text, lo, hi)``.

    The month and weekday alternations, case-insensitive, are slow to try at every
    position; in ASCII text they are tried only where a match can start (found with
    ``str.find`` in the lower-cased window), in order and not overlapping, as finditer.
    """
    pattern = _FULL_DATES[index]
    window = text[lo:hi]
    if index > 1 or not window.isascii():
        yield from pattern.finditer(text, lo, hi)
        return
    low = window.lower()
    starts: set[int] = set()
    for name in _NAME_STARTS if index == 0 else _WEEKDAY_STARTS:
        at = low.find(name)
        while at >= 0:
            starts.add(at)
            at = low.find(name, at + 1)
    if index == 1:
        starts.update(_digit_positions(window))
    resume = 0
    for at in sorted(starts):
        if at >= resume:
            m = pattern.match(text, lo + at, hi)
            if m:
                yield m
                resume = m.end() - lo


def _digit_positions(ascii_text: str) -> Iterator[int]:
    digits = ascii_text.encode("ascii").translate(_DIGITS_AS_ZERO)
    at = digits.find(b"0")
    while at >= 0:
        yield at
        at = digits.find(b"0", at + 1)


def _full_dates(text: str) -> list[tuple[dt.date, int, str | None]]:
    found = []
    windows = _year_windows(text)
    for index in range(len(_FULL_DATES)):
        for m in (m for lo, hi in windows for m in _date_matches(index, text, lo, hi)):
            try:
                d = dt.date(int(m.group("year")), _month(m.group("month")), int(m.group("day")))
            except (ValueError, KeyError):
                continue
            if 1900 <= d.year <= 2200:
                weekday = m.groupdict().get("weekday")
                found.append((d, m.start(), weekday))
    return sorted(found, key=lambda t: t[1])


def find_date(scope: str, header: list[Block]) -> tuple[str | None, list[str]]:
    """The meeting's date (ISO) and any warnings about it."""
    warnings: list[str] = []
    dates = _full_dates(scope)
    end = _end_line(scope)
    chosen: dt.date | None = None
    if end:
        at_end = [d for d in dates if d[1] >= end.start()]
        if at_end:
            chosen = at_end[0][0]
            if at_end[0][2] and at_end[0][2].lower() != chosen.strftime("%A").lower():
                warnings.append(
                    f"the date line says {at_end[0][2]} but {chosen.isoformat()} "
                    f"was a {chosen.strftime('%A')}"
                )
    if chosen is None and dates:
        chosen = dates[0][0]
    distinct = sorted({d for d, _, _ in dates})
    if chosen is not None and len(distinct) > 1:
        others = ", ".join(d.isoformat() for d in distinct if d != chosen)
        warnings.append(
            f"several dates appear ({others} besides {chosen.isoformat()}); "
            f"using {chosen.isoformat()}"
        )
    today = _TODAY.search(scope)
    if today:
        month = _month(today.group("month") or today.group("month2"))
        day = int(today.group("day") or today.group("day2"))
        if chosen is None:
            years = sorted(set(re.findall(r"\b(?:19|20)\d{2}\b", scope)))
            if len(years) == 1:
                try:
                    chosen = dt.date(int(years[0]), month, day)
                    warnings.append(f"the date has no year; {years[0]} assumed from the text")
                except ValueError:
                    chosen = None
            if chosen is None:
                warnings.append("the date has no year; date left unknown")
        elif (chosen.month, chosen.day) != (month, day):
            warnings.append(
                f"the text says today is {today.group(0)[7:-1]} but the dated line says "
                f"{chosen.isoformat()}"
            )
    if chosen is None:
        numeric = _NUMERIC.search(scope)
        if numeric:
            a, b = int(numeric.group("a")), int(numeric.group("b"))
            year = int(numeric.group("year"))
            if a > 12 >= b or b > 12 >= a:
                day, month = (a, b) if a > 12 else (b, a)
                try:
                    chosen = dt.date(year, month, day)
                except ValueError:
                    chosen = None
            if chosen is None:
                warnings.append(
                    f"the date {numeric.group(0)} is ambiguous (day/month or month/day); "
                    "date left unknown"
                )
        elif not today:
            warnings.append("no date was found")
    return (chosen.isoformat() if chosen else None), warnings


def find_place(header: list[Block], scope: str) -> str | None:
    texts = [b.text for b in header] + [scope]
    for pattern in _PLACE_PATTERNS:
        for text in texts:
            for m in pattern.finditer(text):
                place = m.group("place").rstrip(".")
                if place.split()[0].lower() not in _NOT_PLACES:
                    return place
    return None


#: A title may open with an ordinal: "25th Working Meeting of …".
_ORDINAL = re.compile(r"\d{1,3}(?:st|nd|rd|th)\s+[A-Z]")


def find_title(page_title: str, header: list[Block], text: str) -> str:
    for b in header:
        if b.kind == "heading" and len(b.text.split()) >= 3 and not CHROME.match(b.text):
            return _TITLE_SUFFIX.sub("", b.text)
    for b in header:
        words = b.text.split()
        if (
            b.kind == "para"
            and b.lines <= 2
            and 4 <= len(words) <= 30
            and not CHROME.match(b.text)
            and not b.text.endswith((";", ",", ":"))
            and (b.text[:1].isupper() or _ORDINAL.match(b.text) is not None)
        ):
            return _TITLE_SUFFIX.sub("", b.text)
    if page_title:
        return collapse_ws(page_title)
    first = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    return collapse_ws(first)[:120]

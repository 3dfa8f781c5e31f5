"""A Chinese release's date, place, parties, title and signed documents.

- Date: ``2024年9月12日`` (digits, full-width digits or ``二〇二四年九月十二日``); a date in
  the body without its year (``九月十二日``) takes the year of the release's closing date
  line (``2024年9月12日（星期四）``) or of its title. The meeting's date is the first full
  date of the header (the title, dateline and introduction), else the body's date without
  a year, else the closing line's. The warnings are worded as the English path's.
- Place: ``在杭州舉行`` / ``於香港召開`` — given by the gazetteer's short name as the release
  writes it (``杭州``), else as written.
- Parties: the provinces, regions and cities the header names (``浙江省人民政府與香港特別
  行政區政府``), in the order written, as written (``浙江``, ``香港``: the gazetteer's short
  names in the release's script), a capital left out when it is the meeting's place.
- Signed documents: the ``《》`` titles of the blocks from a signing sentence or heading
  (簽署/签署 …) on, without the brackets (the title as written inside them).
"""

from __future__ import annotations

import datetime as dt
import re

from parsers.blocks import Block
from parsers.gazetteer import Place, find_places
from parsers.model import SignedDocument
from parsers.zh_numerals import chinese_number

_DIGIT = r"[0-9０-９]"
_ZH_DIGIT = r"[〇零一二三四五六七八九]"
_YEAR = rf"(?P<year>{_DIGIT}{{4}}|{_ZH_DIGIT}{{4}})"
_MONTH = rf"(?P<month>{_DIGIT}{{1,2}}|十[一二]?|[一二三四五六七八九])"
_DAY = rf"(?P<day>{_DIGIT}{{1,2}}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
FULL_DATE = re.compile(rf"{_YEAR}\s*年\s*{_MONTH}\s*月\s*{_DAY}\s*[日號号]")
MONTH_DAY = re.compile(rf"(?<![年0-9０-９]){_MONTH}\s*月\s*{_DAY}\s*[日號号]")
YEAR_ONLY = re.compile(rf"{_YEAR}\s*年")
_WEEKDAY = re.compile(r"\s*[（(]\s*(?:星期|週|周|礼拜|禮拜)\s*([一二三四五六日天])\s*[）)]")
_WEEKDAYS = "一二三四五六日"
_PLACE = re.compile(
    r"(?:在|於|于)\s*(?P<place>[\u4e00-\u9fff]{2,12}?)\s*(?:舉行|举行|召開|召开|舉辦|举办|會晤|会晤)"
)
_SIGNING = re.compile(r"簽署|签署|簽訂|签订|簽約|签约|簽定|签定")
_DOC_WORDS = re.compile(
    r"協議|协议|備忘錄|备忘录|協定|协定|合作書|合作书|意向書|意向书|安排|框架|方案|計劃|计划"
)
_QUOTED = re.compile(r"《([^《》]{2,200})》")
_NARRATIVE_END = re.compile(r"出席|見證|见证|致辭|致辞|表示|指出|會見|会见|隨後|随后")


def _number(text: str) -> int | None:
    return chinese_number(text)


def _date(m: re.Match[str], year: int | None = None) -> dt.date | None:
    y = year if year is not None else _number(m.group("year"))
    month, day = _number(m.group("month")), _number(m.group("day"))
    if y is None or month is None or day is None or not 1900 <= y <= 2200:
        return None
    try:
        return dt.date(y, month, day)
    except ValueError:
        return None


def _weekday_warning(text: str, m: re.Match[str], date: dt.date) -> str | None:
    said = _WEEKDAY.match(text, m.end())
    if said is None:
        return None
    written = _WEEKDAYS.index("日" if said.group(1) == "天" else said.group(1))
    if written == date.weekday():
        return None
    return (
        f"the date line says {said.group(0).strip()} but {date.isoformat()} "
        f"was a {date.strftime('%A')}"
    )


def find_zh_date(header: list[Block], body: str, closing: str) -> tuple[str | None, list[str]]:
    """The meeting's date (ISO) and warnings: ``header``'s blocks, the text of the body
    (areas and signing), and the closing lines (after the agreement)."""
    warnings: list[str] = []
    head = "\n".join(b.text for b in header)
    full = [(d, m, src) for src in (head, body, closing)
            for m in FULL_DATE.finditer(src) if (d := _date(m)) is not None]  # fmt: skip
    closing_dates = [(d, m) for d, m, src in full if src is closing]
    years = [
        y for m in YEAR_ONLY.finditer(head + "\n" + closing) if (y := _number(m.group("year")))
    ]
    year = closing_dates[-1][0].year if closing_dates else (years[0] if years else None)
    chosen: dt.date | None = None
    head_full = [(d, m) for d, m, src in full if src is head]
    if head_full:
        chosen = head_full[0][0]
    else:
        for src in (head, body):
            partial = next(MONTH_DAY.finditer(src), None)
            if partial is None:
                continue
            if year is None:
                warnings.append("the date has no year; date left unknown")
                break
            guess = _date(partial, year)
            if guess is not None and closing_dates and guess > closing_dates[-1][0]:
                guess = _date(partial, year - 1)  # December's meeting, January's release
            if guess is not None:
                chosen = guess
                if not closing_dates:
                    warnings.append(f"the date has no year; {year} assumed from the text")
            break
    if chosen is None and closing_dates:
        chosen = closing_dates[-1][0]
    if chosen is None:
        if not warnings:
            warnings.append("no date was found")
        return None, warnings
    for d, m in closing_dates:
        said = _weekday_warning(closing, m, d)
        if said:
            warnings.append(said)
    distinct = sorted({d for d, _, _ in full if d != chosen})
    if distinct:
        others = ", ".join(d.isoformat() for d in distinct)
        warnings.append(
            f"several dates appear ({others} besides {chosen.isoformat()}); "
            f"using {chosen.isoformat()}"
        )
    return chosen.isoformat(), warnings


def _written(text: str, start: int, end: int) -> str:
    return text[start:end]


def find_zh_place(texts: list[str]) -> str | None:
    """Where the meeting was held, as the release writes it (the gazetteer's short name
    where it knows the place)."""
    for text in texts:
        m = _PLACE.search(text)
        if m is None:
            continue
        name = m.group("place")
        found = find_places(name)
        if found:
            start, end, _ = found[0]
            return _written(name, start, end)
        return re.sub(r"[市省]$", "", name) or name
    return None


def find_zh_parties(texts: list[str], place: str | None) -> list[str]:
    """The governments meeting: the places the first text naming two or more of them
    names (else every place of ``texts``), as written, in order, each once."""
    found: list[list[tuple[str, Place]]] = []
    for text in texts:
        here: list[tuple[str, Place]] = []
        for start, end, p in find_places(text):
            if p.kind == "capital" and (place is None or _written(text, start, end) == place):
                continue
            if all(q.english != p.english for _, q in here):
                here.append((_written(text, start, end), p))
        found.append(here)
    chosen = next((here for here in found if len(here) >= 2), None)
    if chosen is None:
        chosen = []
        for here in found:
            chosen += [(w, p) for w, p in here if all(q.english != p.english for _, q in chosen)]
    return [w for w, _ in chosen[:4]]


def find_zh_title(page_title: str, header: list[Block]) -> str:
    """The release's title: its first heading or short first line, else the page's title."""
    for b in header:
        short = b.lines == 1 and len(b.text) <= 80 and not b.text.endswith("。")
        if b.kind == "heading" or short:
            return b.text.strip("#* ")
    return page_title


def find_zh_signed(blocks: list[Block]) -> list[SignedDocument]:
    """The documents signed, from the blocks after the areas: the ``《》`` titles of a
    signing sentence or heading and of the blocks listed after it."""
    out: list[SignedDocument] = []
    seen: set[str] = set()
    signing = False
    for b in blocks:
        if b.kind == "end":
            break
        if _SIGNING.search(b.text):
            signing = True
        elif signing and (
            b.kind == "heading"
            or (b.kind == "para" and _NARRATIVE_END.search(b.text) and "《" not in b.text)
        ):
            signing = False  # another part of the release
        if not signing:
            continue
        titles = _QUOTED.findall(b.text)
        if not titles and b.kind == "item" and _DOC_WORDS.search(b.text) and len(b.text) <= 120:
            titles = [b.text.rstrip("；;。，,")]
        for title in titles:
            if title not in seen:
                seen.add(title)
                out.append(SignedDocument(title=title))
    return out

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
from parsers.gazetteer import Place, abbreviated_parties, find_places
from parsers.model import SignedDocument
from parsers.zh_numerals import chinese_number
from parsers.zh_script import chinese_script, to_traditional

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


#: A header line of a page's particulars (its source, publication time, views), whose
#: date is when the page went up, not when the meeting was held.
META = re.compile(r"来源|來源|發布|发布|發佈|時間|时间|日期|瀏覽|浏览|字號|字号|作者|編輯|编辑")
ISO_DATE = re.compile(
    r"(?<![0-9])(?P<year>[0-9]{4})\s*[-/.]\s*(?P<month>[0-9]{1,2})\s*[-/.]\s*(?P<day>[0-9]{1,2})(?![0-9])"
)


def _dates(text: str, iso: bool = False) -> list[tuple[dt.date, re.Match[str]]]:
    found = [(d, m) for m in FULL_DATE.finditer(text) if (d := _date(m)) is not None]
    if iso:
        found += [(d, m) for m in ISO_DATE.finditer(text) if (d := _date(m)) is not None]
    return found


def find_zh_date(header: list[Block], body: str, closing: str) -> tuple[str | None, list[str]]:
    """The meeting's date (ISO) and warnings: ``header``'s blocks, the text of the body
    (areas and signing), and the closing lines (after the agreement).

    The first full date of the header (its particulars aside) is the meeting's; else a
    date without its year in the header or the body, the year taken from the closing
    date line, the page's particulars or a year the header or closing lines name; else
    the closing line's date, else the page's."""
    warnings: list[str] = []
    head = "\n".join(b.text for b in header if not META.search(b.text))
    meta = "\n".join(b.text for b in header if META.search(b.text))
    head_dates, closing_dates = _dates(head), _dates(closing, iso=True)
    meta_dates = _dates(meta, iso=True)
    dated = closing_dates or meta_dates
    years = [
        y for m in YEAR_ONLY.finditer(head + "\n" + closing) if (y := _number(m.group("year")))
    ]
    year = dated[-1][0].year if dated else (years[0] if years else None)
    chosen: dt.date | None = head_dates[0][0] if head_dates else None
    for src in (head, body) if chosen is None else ():
        partial = next(MONTH_DAY.finditer(src), None)
        if partial is None:
            continue
        if year is None:
            warnings.append("the date has no year; date left unknown")
            break
        chosen = _date(partial, year)
        if chosen is not None and dated and chosen > dated[-1][0] + dt.timedelta(days=31):
            chosen = _date(partial, year - 1)  # December's meeting, January's release
        if chosen is not None and not dated:
            warnings.append(f"the date has no year; {year} assumed from the text")
        break
    if chosen is None and dated:
        chosen = dated[-1][0]
    if chosen is None:
        if not warnings:
            warnings.append("no date was found")
        return None, warnings
    for d, m in closing_dates:
        said = _weekday_warning(closing, m, d)
        if said:
            warnings.append(said)
    every = [*head_dates, *_dates(body), *closing_dates]  # the page's own dates aside
    distinct = sorted({d for d, _ in every if d != chosen})
    if distinct:
        others = ", ".join(d.isoformat() for d in distinct)
        warnings.append(
            f"several dates appear ({others} besides {chosen.isoformat()}); "
            f"using {chosen.isoformat()}"
        )
    return chosen.isoformat(), warnings


def _written(text: str, start: int, end: int) -> str:
    return text[start:end]


#: A place the gazetteer knows right after 在/於, a verb of the meeting soon after.
_AT_PLACE = re.compile(
    r"(?:在|於|于)\s*(?P<place>[\u4e00-\u9fff]{2,8}?)\s*"
    r"(?:出席|舉行|举行|召開|召开|舉辦|举办|會見|会见|會晤|会晤|簽署|签署|見證|见证|主持)"
)


def find_zh_place(texts: list[str], header: int = 1) -> str | None:
    """Where the meeting was held, as the release writes it (the gazetteer's short name
    where it knows the place): "在杭州舉行"; else, in the first ``header`` texts, a
    place the gazetteer knows before another verb of the meeting ("在香港出席")."""
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
    for text in texts[:header]:
        for m in _AT_PLACE.finditer(text):
            found = find_places(m.group("place"))
            if found and found[0][0] == 0:
                return m.group("place")[: found[0][1]]
    return None


#: A clause naming those who attended without being parties: 上海、江蘇代表列席.
_OBSERVERS = re.compile(r"[^，,。；;：:\n]*(?:列席|觀察員|观察员)[^，,。；;\n]*")


def _named(text: str, place: str | None) -> list[tuple[str, Place]]:
    """The parties a text names, as written, in order, each once: not the meeting's place
    (a capital), not the observers of a clause saying they attend (列席)."""
    here: list[tuple[str, Place]] = []
    observers = [(m.start(), m.end()) for m in _OBSERVERS.finditer(text)]
    for start, end, p in find_places(text):
        if p.kind == "capital" and (place is None or _written(text, start, end) == place):
            continue
        if any(s <= start < e for s, e in observers):
            continue
        if all(q.english != p.english for _, q in here):
            here.append((_written(text, start, end), p))
    return here


def _as_written(p: Place, texts: list[str]) -> str:
    """A region's name as the release writes it: as a text names it, else the
    gazetteer's short name in the release's script."""
    for text in texts:
        for start, end, q in find_places(text):
            if q == p:
                return _written(text, start, end)
    joined = "".join(texts)
    return to_traditional(p.chinese) if chinese_script(joined) == "zh-Hant" else p.chinese


def find_zh_parties(texts: list[str], place: str | None) -> tuple[list[str], list[str]]:
    """The governments meeting and the warnings on them: the places the first text naming
    two or more of them names (else every place of ``texts``), as written, in order, each
    once; a meeting named by its parties' abbreviations (浙港合作會議) gives them where the
    texts do not name both in full."""
    found = [_named(text, place) for text in texts]
    chosen = next((here for here in found if len(here) >= 2), None)
    named = next((ab for text in texts if (ab := abbreviated_parties(text))), None)
    warnings: list[str] = []
    if named is not None and (
        chosen is None or any(p not in [q for _, q in chosen] for p in named[1:])
    ):
        abbreviation, *pair = named
        parties = [_as_written(p, texts) for p in pair]
        warnings.append(
            f"the parties were read from the meeting's name ({abbreviation}: "
            f"{' & '.join(p.english for p in pair)}) — check them"
        )
        return parties, warnings
    if chosen is None:
        chosen = []
        for here in found:
            chosen += [(w, p) for w, p in here if all(q.english != p.english for _, q in chosen)]
        if chosen:
            warnings.append(
                "no sentence names the two governments meeting; the parties are the places "
                "the release names — check them"
            )
    return [w for w, _ in chosen[:4]], warnings


#: A title's note of its pictures: （附圖）, （附图及短片）, （附短片）.
_TITLE_SUFFIX = re.compile(
    r"\s*[（(]\s*附\s*(?:圖|图|相片|照片|短片|視頻|视频|[及和、])+\s*[）)]\s*$"
)


def find_zh_title(page_title: str, header: list[Block]) -> str:
    """The release's title: its first heading or short first line (not a line of the
    page's particulars, nor a date), else the page's title; its note of pictures
    ("（附圖）") left out."""
    for b in header:
        if (META.search(b.text) and b.kind != "heading") or FULL_DATE.fullmatch(b.text):
            continue
        short = b.lines == 1 and len(b.text) <= 80 and not b.text.endswith("。")
        if b.kind == "heading" or short:
            return _TITLE_SUFFIX.sub("", b.text.strip("#* "))
    return _TITLE_SUFFIX.sub("", page_title)


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

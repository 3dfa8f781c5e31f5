"""What a Word document's styles and numbering say about a paragraph: heading level,
boldness, list numbering (and the label Word draws for it), table-of-contents styles.

Read from the XML of ``word/styles.xml`` and ``word/numbering.xml`` (as python-docx
parsed them). A style inherits from its ``w:basedOn`` style: a custom "Area heading"
based on "Heading 2" is a heading, a "Strong lead" based on a bold style is bold.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from lxml import etree  # type: ignore[import-untyped]  # (no stubs installed)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@functools.cache
def q(tag: str) -> str:
    """The Clark name of a ``w:`` tag or attribute (cached: asked for every run)."""
    return f"{{{W}}}{tag}"


_VAL = q("val")
#: A heading style's name: Word stores its own in English whatever the language of its
#: menus; other programs (WPS Office, older LibreOffice) may store a translated one.
_HEADING_NAME = re.compile(
    r"^\s*(?:heading|标题|標題|見出し|überschrift|titre|título|titolo|kop|заголовок)\s*([1-9])\s*$",
    re.IGNORECASE,
)
_TOC_NAME = re.compile(r"^\s*(?:toc\s*\d|toc heading|table of figures|index\s*\d)", re.IGNORECASE)
_FALSE = {"0", "false", "off", "none"}
#: Word's text size when no style says one: 10 points, in half-points.
DEFAULT_SIZE = 20


def on_off(el: etree._Element | None) -> bool | None:
    """A ``w:b``-like toggle: None when absent, else its value (no ``w:val`` means on)."""
    if el is None:
        return None
    return el.get(_VAL, "1").strip().lower() not in _FALSE


def int_val(el: etree._Element | None) -> int | None:
    if el is None:
        return None
    try:
        return int(el.get(_VAL, ""))
    except ValueError:
        return None


def num_pr(ppr: etree._Element | None) -> tuple[int | None, int | None]:
    """(numId, ilvl) of a ``w:pPr``'s ``w:numPr`` (each None when absent)."""
    if ppr is None:
        return None, None
    numpr = ppr.find(q("numPr"))
    if numpr is None:
        return None, None
    return int_val(numpr.find(q("numId"))), int_val(numpr.find(q("ilvl")))


@dataclass
class _Style:
    name: str
    based_on: str | None
    outline: int | None  # w:outlineLvl (0-8 a heading level, 9 body text)
    bold: bool | None
    hidden: bool | None
    num_id: int | None
    ilvl: int | None
    size: int | None  # w:sz, in half-points


@dataclass
class ParaStyle:
    """What a paragraph style (with the styles it is based on) says."""

    heading: int | None = None  # 1-6 for a heading (Title is 1)
    bold: bool = False
    num_id: int | None = None
    ilvl: int = 0
    contents: bool = False  # a table-of-contents (or index) entry
    size: int = DEFAULT_SIZE  # its text's size, in half-points


class Styles:
    """The styles of a document, each resolved through its ``w:basedOn`` chain."""

    def __init__(self, styles_el: etree._Element | None) -> None:
        self._by_id: dict[str, _Style] = {}
        self.default_para: str | None = None
        self.default_bold = False
        self.default_size = DEFAULT_SIZE
        self._resolved: dict[str | None, ParaStyle] = {}
        self._run_bold: dict[str, bool | None] = {}
        self._run_hidden: dict[str, bool] = {}
        self._run_size: dict[str, int | None] = {}
        if styles_el is None:
            return
        defaults = styles_el.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}")
        if defaults is not None:
            self.default_bold = bool(on_off(defaults.find(q("b"))))
            self.default_size = int_val(defaults.find(q("sz"))) or DEFAULT_SIZE
        for st in styles_el.iterfind(q("style")):
            sid = st.get(q("styleId"))
            if sid is None:
                continue
            name_el = st.find(q("name"))
            based = st.find(q("basedOn"))
            ppr = st.find(q("pPr"))
            rpr = st.find(q("rPr"))
            num_id, ilvl = num_pr(ppr)
            self._by_id[sid] = _Style(
                name=name_el.get(_VAL, "") if name_el is not None else sid,
                based_on=based.get(_VAL) if based is not None else None,
                outline=int_val(ppr.find(q("outlineLvl"))) if ppr is not None else None,
                bold=on_off(rpr.find(q("b"))) if rpr is not None else None,
                hidden=on_off(rpr.find(q("vanish"))) if rpr is not None else None,
                num_id=num_id,
                ilvl=ilvl,
                size=int_val(rpr.find(q("sz"))) if rpr is not None else None,
            )
            if st.get(q("type")) == "paragraph" and st.get(q("default")) in ("1", "true", "on"):
                self.default_para = sid

    def _chain(self, sid: str | None) -> list[_Style]:
        chain: list[_Style] = []
        seen: set[str] = set()
        while sid is not None and sid not in seen and sid in self._by_id:
            seen.add(sid)
            style = self._by_id[sid]
            chain.append(style)
            sid = style.based_on
        return chain

    def paragraph(self, sid: str | None) -> ParaStyle:
        """A paragraph style's heading level, boldness and numbering (the default
        paragraph style when ``sid`` is None or unknown)."""
        if sid is None or sid not in self._by_id:
            sid = self.default_para
        if sid in self._resolved:
            return self._resolved[sid]
        chain = self._chain(sid)
        result = ParaStyle(bold=self.default_bold)
        for style in chain:
            name = style.name.split(",")[0]  # "heading 1,H1": a name and its aliases
            m = _HEADING_NAME.match(name)
            if m:
                result.heading = min(int(m.group(1)), 6)
            elif name.strip().lower() == "title":
                result.heading = 1
            elif style.outline is not None:
                result.heading = style.outline + 1 if style.outline < 9 else None
            else:
                continue
            break
        result.bold = next((s.bold for s in chain if s.bold is not None), self.default_bold)
        for style in chain:
            if style.num_id is not None:
                result.num_id = style.num_id
                result.ilvl = next((s.ilvl for s in chain if s.ilvl is not None), 0)
                break
        result.contents = any(_TOC_NAME.match(s.name) for s in chain[:1])
        result.size = next((s.size for s in chain if s.size), self.default_size)
        self._resolved[sid] = result
        return result

    def run_bold(self, sid: str) -> bool | None:
        """A character style's boldness (None when it does not say)."""
        if sid not in self._run_bold:
            chain = self._chain(sid)
            self._run_bold[sid] = next((s.bold for s in chain if s.bold is not None), None)
        return self._run_bold[sid]

    def run_size(self, sid: str) -> int | None:
        """A character style's text size in half-points (None when it does not say)."""
        if sid not in self._run_size:
            self._run_size[sid] = next((s.size for s in self._chain(sid) if s.size), None)
        return self._run_size[sid]

    def run_hidden(self, sid: str) -> bool:
        if sid not in self._run_hidden:
            chain = self._chain(sid)
            hidden = next((s.hidden for s in chain if s.hidden is not None), False)
            self._run_hidden[sid] = bool(hidden)
        return self._run_hidden[sid]

    def numbering_of_style(self, sid: str) -> int | None:
        """The numId a numbering style (``w:numStyleLink``) stands for."""
        return next((s.num_id for s in self._chain(sid) if s.num_id is not None), None)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Abstract:
    levels: dict[int, _Level] = field(default_factory=dict)
    style_link: str | None = None


def _level(el: etree._Element) -> _Level:
    fmt = el.find(q("numFmt"))
    text = el.find(q("lvlText"))
    start = int_val(el.find(q("start")))
    return _Level(
        fmt=fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
        text=text.get(_VAL, "") if text is not None else "",
        start=start if start is not None else 1,
    )


def _letters(n: int) -> str:
    """1 → a, 26 → z, 27 → aa (as Word counts)."""
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, mark in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out.append(mark)
            n -= value
    return "".join(out)


_CJK = "〇一二三四五六七八九"
_CJK_FORMATS = {
    "chineseCounting", "chineseCountingThousand", "ideographDigital", "japaneseCounting",
    "taiwaneseCounting", "taiwaneseCountingThousand", "ideographTraditional",
}  # fmt: skip


def _cjk(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (as Chinese lists count)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CJK[tens] + "十")
    return head + (_CJK[ones] if ones else "")


def format_number(n: int, fmt: str) -> str:
    """A list number as Word draws it in the format ``w:numFmt`` names."""
    if fmt in _CJK_FORMATS:
        return _cjk(n)
    if fmt == "decimalEnclosedCircle" and 0 < n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class Numbering:
    """The document's lists: which numbering a paragraph has and the label Word shows
    for it ("•" for a bullet, "1.", "(a)", "iii)" … as its level's ``w:lvlText`` says),
    counted in document order."""

    def __init__(self, numbering_el: etree._Element | None, styles: Styles) -> None:
        self._abstract: dict[int, _Abstract] = {}
        self._nums: dict[int, tuple[int, dict[int, int], dict[int, _Level]]] = {}
        self._styles = styles
        self._counts: dict[int, dict[int, int]] = {}
        self._started: set[int] = set()
        if numbering_el is None:
            return
        for ab in numbering_el.iterfind(q("abstractNum")):
            aid = _int_attr(ab, "abstractNumId")
            if aid is None:
                continue
            link = ab.find(q("numStyleLink"))
            levels = {}
            for lvl in ab.iterfind(q("lvl")):
                ilvl = _int_attr(lvl, "ilvl")
                if ilvl is not None:
                    levels[ilvl] = _level(lvl)
            self._abstract[aid] = _Abstract(levels, link.get(_VAL) if link is not None else None)
        for num in numbering_el.iterfind(q("num")):
            nid = _int_attr(num, "numId")
            aid = int_val(num.find(q("abstractNumId")))
            if nid is None or aid is None:
                continue
            starts: dict[int, int] = {}
            overrides: dict[int, _Level] = {}
            for ov in num.iterfind(q("lvlOverride")):
                ilvl = _int_attr(ov, "ilvl")
                if ilvl is None:
                    continue
                start = int_val(ov.find(q("startOverride")))
                if start is not None:
                    starts[ilvl] = start
                lvl = ov.find(q("lvl"))
                if lvl is not None:
                    overrides[ilvl] = _level(lvl)
            self._nums[nid] = (aid, starts, overrides)

    def _resolve(self, num_id: int, depth: int = 0) -> tuple[int, _Abstract] | None:
        entry = self._nums.get(num_id)
        if entry is None:
            return None
        abstract = self._abstract.get(entry[0])
        if abstract is None:
            return None
        if abstract.style_link is not None and not abstract.levels and depth < 3:
            linked = self._styles.numbering_of_style(abstract.style_link)
            if linked is not None and linked != num_id:
                return self._resolve(linked, depth + 1)
        return entry[0], abstract

    def label(self, num_id: int | None, ilvl: int) -> str | None:
        """The label of the next paragraph of list ``num_id`` at level ``ilvl`` ("•" for
        a bullet), counting it; None when it is not a (visible) list."""
        if not num_id:
            return None  # absent, or numId 0: numbering taken off
        found = self._resolve(num_id)
        if found is None:
            return None
        aid, abstract = found
        _, starts, overrides = self._nums[num_id]
        ilvl = min(max(ilvl, 0), 8)
        level = overrides.get(ilvl) or abstract.levels.get(ilvl)
        if level is None:
            return None
        counts = self._counts.setdefault(aid, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for lv, start in starts.items():
                counts[lv] = start - 1  # a list restarted by its numbering instance
        counts[ilvl] = counts.get(ilvl, level.start - 1) + 1
        for deeper in [lv for lv in counts if lv > ilvl]:
            del counts[deeper]
        if level.fmt == "bullet":
            return "•"
        if level.fmt == "none" or not level.text.strip():
            return None

        def number(m: re.Match[str]) -> str:
            lv = int(m.group(1)) - 1
            at = overrides.get(lv) or abstract.levels.get(lv) or _Level()
            return format_number(counts.get(lv, at.start), at.fmt)

        return re.sub(r"%([1-9])", number, level.text).strip() or None


def _int_attr(el: etree._Element, name: str) -> int | None:
    try:
        return int(el.get(q(name), ""))
    except ValueError:
        return None

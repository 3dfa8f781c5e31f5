"""A Chinese release's lines → blocks (``parsers.blocks.Block``): headings, paragraphs,
list items and the end marker, as ``parsers.blocks.to_blocks`` gives them for English.

Chinese is written without spaces between words, so the lines of a wrapped paragraph
are joined without one (a space is kept only between two Latin letters or digits). A
paragraph ends at a blank line, at a first-line indent (the ideographic space U+3000,
which ``clean_text`` has made a space, or spaces), at a line that did not fill the
wrapping width, or, in a text with a line per paragraph, at a full stop (。！？；：).

Headings: Markdown ``#`` and ``**bold**`` lines (what the HTML, PDF and Word readers
give), ``一、`` ``（一）`` ``(一)`` ``第一部分`` and ``【金融】`` lines, and plain short lines
(whether a plain line is a heading the section walk decides, as for English).

Dropped: the closing ``完``/``（完）`` (an "end" block), time lines (``香港時間18時30分``,
``HKT 18:30``), photo captions (圖/图, 相片, 攝/摄), page numbers and site chrome (返回頁首,
列印, 分享, 上一頁 …), and lines repeated on every page.
"""

from __future__ import annotations

import re
import unicodedata

from parsers.blocks import BOLD_LINE, MD_HEADING, PAGE_NUMBER, Block, noise_lines
from parsers.blocks import _Line as Line
from parsers.normalise import collapse_ws, is_blank
from parsers.zh_lexicon import zh_topic_of_heading

_NUM = "〇零一二兩两三四五六七八九十百"
#: A heading's number: 一、 （一） (一) 第一部分 一. and its bracketed form 【…】.
ZH_HEADING_NUMBER = re.compile(
    rf"^\s*(?:[{_NUM}]{{1,4}}\s*[、.．]|[（(]\s*[{_NUM}]{{1,4}}\s*[）)]|"
    rf"第\s*[{_NUM}0-9]{{1,4}}\s*(?:部分|章|節|节|項|项|方面)[：:、\s]*)\s*"
)
BRACKETED = re.compile(r"^\s*【\s*([^【】]{1,30}?)\s*】\s*(.*)$")
#: A list item's mark: 1、 1. 1． （1） (1) ① • - …
ZH_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[、.．]|[（(]\s*\d{1,2}\s*[）)]|[①-⑳]|[•·▪●○■□\-－—*])\s*")
#: The closing mark of a release: 完, （完）, -完-, ——完——, and the English "Ends".
ZH_END = re.compile(
    r"^\s*[（(\-－—–]*\s*(?:完|完畢|完毕|Ends?)\s*[）)\-－—–]*\s*(?:[/／].*)?$", re.IGNORECASE
)
#: A time line: 香港時間18時30分, 香港时间下午6时30分, HKT 18:30, 18:30 HKT.
TIME_LINE = re.compile(
    r"^\s*(?:(?:香港|澳門|澳门|北京)?(?:時間|时间)\s*(?:上午|下午|晚上|中午)?\s*"
    r"[0-9０-９〇零一二三四五六七八九十]{1,3}\s*[時时:：]\s*[0-9０-９〇零一二三四五六七八九十]{0,3}\s*分?|"
    r"HKT\s*\d{1,2}[:：]\d{2}|\d{1,2}[:：]\d{2}\s*HKT)\s*$",
    re.I,
)
#: A photo caption: 圖：… 图片：… 相片… （新華社記者 攝） 攝影：…
CAPTION = re.compile(
    r"^\s*[（(]?\s*(?:圖|图|相片|照片|圖片|图片|攝影|摄影)\s*[\d０-９一二三四五六七八九十]*\s*[：:)）]|"
    r"^\s*(?:相片|照片)|(?:攝|摄)\s*[）)]?\s*$"
)
#: A line that is only a date: 2024年9月12日（星期四）.
DATE_LINE = re.compile(
    r"^\s*[^\s，。]{2,10}年[^\s，。]{1,3}月[^\s，。]{1,3}日\s*(?:[（(]\s*(?:星期|週|周).\s*[）)])?\s*$"
)
#: The words of a Chinese page's site chrome (its menus, tools and page furniture).
_CHROME_WORDS = (
    "返回頁首|返回页首|返回頂部|返回顶部|回到頂部|回到顶部|返回|列印本頁|列印此頁|打印本页|列印|打印|"
    "關閉窗口|关闭窗口|關閉本頁|关闭本页|關閉|关闭|收藏|分享到|分享|電郵|电邮|微信|微博|Facebook|"
    "Twitter|WhatsApp|上一頁|上一页|下一頁|下一页|上一篇|下一篇|首頁|首页|主頁|主页|網站地圖|网站地图|"
    "新聞公報|新闻公报|繁體|繁体|简体|簡體|English|字體大小|字体大小|字號|字号|默認|默认|預設|[大中小]字?|"
    "更多|登入|登录|搜尋|搜索|私隱政策|隐私政策|重要告示|私隱|頁首|页首|RSS|Top|"
    "跳至主要內容|跳至主要内容|跳到主要內容|跳到主要内容|跳至內容|跳至内容|跳過導航|跳过导航|無障礙|无障碍|"
    "更多圖片|更多图片|圖片|图片|相片|影片|視頻|视频"
)
_SEPARATORS = r"[\s【】\[\]（）()|｜/／>＞»·:：]"
#: Site chrome and page furniture of a Chinese page: a line of chrome words only
#: ("列印 | 分享", "【打印本页】【关闭窗口】", "字号：大 中 小"), breadcrumbs, a page number.
CHROME = re.compile(
    rf"^{_SEPARATORS}*(?:(?:{_CHROME_WORDS}){_SEPARATORS}*)+$|"
    r"^\s*(?:首頁|首页|主頁|主页|您的位置|您现在的位置|當前位置|当前位置|現在位置|现在位置)\s*[:：]?"
    r"\s*(?:[|｜/／>＞»·]\s*[^\s|｜/／>＞»·]{1,12}\s*){0,12}$|"
    r"^\s*(?:(?:頁|页)\s*\d{1,3}\s*(?:/|／|of)\s*\d{1,3}|\d{1,3}\s*/\s*\d{1,3}|"
    r"第\s*\d{1,3}\s*[頁页](?:\s*[，,]?\s*共\s*\d{1,3}\s*[頁页])?)\s*$",
    re.IGNORECASE,
)
#: A line of a page's particulars ("来源：… 发布时间：2024-09-13 09:30 字号：大 中 小"), a
#: block of its own: never joined to the paragraph after it.
PARTICULARS = re.compile(
    r"^\s*(?:来源|來源|发布时间|發布時間|發佈時間|发布日期|發布日期|發佈日期|日期|时间|時間|作者|"
    r"编辑|編輯|责任编辑|責任編輯|浏览次数|瀏覽次數|浏览|瀏覽|字号|字號|信息来源|資料來源)\s*[：:]"
)
#: What ends a sentence or a clause: a line ending so is no heading.
ZH_TERMINAL = ("。", "；", "，", "、", "：", "！", "？", ".", ";", ",", ":", "!", "?", "」", "”")
_FULL_STOP = ("。", "！", "？", "；", "：", ".", "!", "?", ";", ":")
_SENTENCE_END = ("。", "！", "？", "」", "”", "）")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef《》「」『』“”‘’（）]")
_WORDS = re.compile(r"[^\W_]|[\u2460-\u24ff]")  # letters, digits, Han; ① …
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")
#: The longest heading (characters of its name).
HEADING_CHARS = 30
#: The longest plain heading ending in a colon (a longer line is a lead-in sentence).
_COLON_HEADING_CHARS = 10


def squeeze_cjk(text: str) -> str:
    """A line whitespace-collapsed, with no space between two Chinese characters (a
    page's markup or a converter puts one where the source wrapped)."""
    text = collapse_ws(text)
    if " " not in text:
        return text
    parts = text.split(" ")
    out = parts[0]
    for part in parts[1:]:
        out = join_text(out, part)
    return out


def join_text(before: str, after: str) -> str:
    """Two pieces of one paragraph: no space unless both sides are Latin letters or digits."""
    if not before or not after:
        return before + after
    if _LATIN_END.search(before) and _LATIN_START.match(after):
        return f"{before} {after}"
    return before + after


def width_of(text: str) -> int:
    """A line's width in columns (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def heading_name(text: str) -> str:
    """A heading's name: its number, brackets, emphasis and trailing colon removed."""
    name = text.strip().strip("*_#").strip()
    m = BRACKETED.match(name)
    if m and not m.group(2):
        name = m.group(1)
    name = ZH_HEADING_NUMBER.sub("", name, count=1).strip()
    name = name.rstrip("：:").strip()
    return name or text.strip()


def zh_heading_like(text: str) -> bool:
    """Could this line, on its own, be a heading of a Chinese release?"""
    name = heading_name(text)
    numbered = ZH_HEADING_NUMBER.match(text) is not None or BRACKETED.match(text) is not None
    if not name or len(name) > HEADING_CHARS or DATE_LINE.match(text):
        return False
    if (name if numbered else text.rstrip()).endswith(ZH_TERMINAL[:-2]):
        # "金融合作：", a plain line naming a topic before its paragraphs, is one
        colon = text.rstrip().endswith(("：", ":")) and len(name) <= _COLON_HEADING_CHARS
        if numbered or not colon or zh_topic_of_heading(name) is None:
            return False
    if not re.search(r"[\u4e00-\u9fff]", name):
        return False
    return not (is_dropped(text) or ZH_END.match(text))


def is_dropped(text: str) -> bool:
    """A time line, a photo caption or a line of site chrome."""
    return bool(
        TIME_LINE.match(text)
        or (len(text) <= 60 and CAPTION.search(text))
        or CHROME.match(text)
        or PAGE_NUMBER.match(text)
    )


#: How much shorter than the wrapping width a line may be and still be full (a line
#: breaks early rather than start the next with a comma or a closing bracket), in
#: columns and in characters.
_SLACK = (4, 2)


def _measure(line: Line) -> tuple[int, int]:
    """A line's width as written (its indent too): in columns (a Chinese character takes
    two, and so does an indent's space, which was an ideographic one more often than
    not) and in characters — some tools wrap Chinese at a count of characters."""
    text = line.raw.strip()
    return width_of(text) + 2 * line.indent, len(text) + line.indent


def _wrap_width(lines: list[Line]) -> tuple[int, int] | None:
    """The width the text was wrapped at (columns, characters), if several lines fill
    it by either measure. A few lines may be longer (a title or a header paragraph left
    on one line, a line the wrapper let run over by a character): the width is the
    longest one that several lines reach with at most a fifth of the lines beyond it."""
    measured = [(_measure(ln), ln.text) for ln in lines if ln.text and ln.no >= 0]
    long = [(m, t) for m, t in measured if m[0] >= 20]
    if len(long) < 3:
        return None
    for k in (0, 1):
        for top in sorted({m[k] for m, _ in long}, reverse=True):
            if top > 400:
                continue
            above = sum(1 for m, _ in long if m[k] > top)
            if above > max(2, len(long) // 5):
                break
            within = [(m, t) for m, t in long if m[k] <= top]
            full = [t for m, t in within if m[k] >= top - _SLACK[k]]
            # a wrapped line stops mid-sentence; a line per paragraph ends in 。
            cut = sum(1 for t in full if not t.endswith(_SENTENCE_END))
            if len(full) >= 3 and len(full) >= 0.25 * len(within) and 2 * cut > len(full):
                return (max(m[0] for m, _ in within), max(m[1] for m, _ in within))
    return None


def _filled(line: Line, width: tuple[int, int] | None) -> bool:
    """Whether a line reaches the wrapping width (by either measure)."""
    if width is None:
        return False
    cols, chars = _measure(line)
    return cols >= width[0] - _SLACK[0] or chars >= width[1] - _SLACK[1]


#: Where a numbered heading's name ends when its paragraph goes on on the same line.
_NAME_END = re.compile(r"[：:。]")
_CLAUSE = re.compile(r"[，,、；;（(「《]")


def _inline_heading(text: str) -> tuple[str, str] | None:
    """A numbered heading followed on its line by its first paragraph: (the heading, the
    paragraph) — "（一）金融合作：支持……", "一、深化經貿合作。推動……"."""
    m = ZH_HEADING_NUMBER.match(text)
    if m is None:
        return None
    end = _NAME_END.search(text, m.end(), m.end() + HEADING_CHARS // 2 + 1)
    if end is None:
        return None
    name, rest = text[m.end() : end.start()], text[end.end() :].strip()
    if not name.strip() or _CLAUSE.search(name) or len(rest) < 2:
        return None
    return text[: end.start()].strip(), rest


def _rest(line: Line, text: str) -> Line:
    """What follows a heading on its line, as a line of its own (its measure the whole
    line's, so that whether it fills the wrapping width is told as for the line)."""
    return Line(line.no, line.raw, text, line.indent, False)


def to_zh_blocks(text: str) -> list[Block]:
    lines: list[Line] = []
    for i, s in enumerate(text.split("\n")):
        stripped = s.strip()
        if is_blank(stripped):  # nothing, or a bidi control alone
            lines.append(Line(-1, "", "", 0, False))
            continue
        rule = len(stripped) >= 3 and not _WORDS.search(stripped)  # ---, ＊＊＊, ———
        lines.append(Line(i, s, squeeze_cjk(stripped), len(s) - len(s.lstrip(" ")), rule))
    width = _wrap_width(lines)
    # lines on every page (a running head); not a sentence's end, which a wrapped
    # paragraph's last line may repeat ("合作。"), nor a line filling the width
    repeated = noise_lines(lines)
    noise = {
        ln.text
        for ln in lines
        if ln.text in repeated and not ln.text.endswith(ZH_TERMINAL) and not _filled(ln, width)
    }
    indents = [ln.indent for ln in lines if ln.text]
    base = min(indents) if indents else 0

    blocks: list[Block] = []
    cur: list[Line] = []
    kind = "para"

    def flush() -> None:
        nonlocal cur, kind
        if cur:
            body = cur[0].text
            for ln in cur[1:]:
                body = join_text(body, ln.text)
            if kind == "item":
                body = ZH_ITEM.sub("", body, count=1) or body
            blocks.append(Block(kind, body, cur[0].no, lines=len(cur)))
        cur, kind = [], "para"

    def joins(prev: Line, line: Line) -> bool:
        if line.indent > base:
            return False  # a first-line indent starts a paragraph
        filled = _filled(prev, width)
        if not filled and len(cur) == 1 and zh_heading_like(prev.text):
            return False  # a heading line
        if prev.text.endswith(_FULL_STOP) and zh_heading_like(line.text):
            return False  # a heading after a paragraph whose last line filled the width
        if width is not None:
            return filled
        return not prev.text.endswith(_FULL_STOP) and not zh_heading_like(line.text)

    blank_before = True
    for ln in lines:
        if ln.rule and len(cur) == 1 and kind == "para" and zh_heading_like(cur[0].text):
            blocks.append(Block("heading", cur[0].text, cur[0].no, strong=True))  # underlined
            cur = []
        if not ln.text or ln.rule:
            flush()
            blank_before = True
            continue
        raw = ln.raw.strip()
        md = MD_HEADING.match(raw) or BOLD_LINE.match(raw)
        if md and md.group(2).strip():
            flush()
            blocks.append(Block("heading", squeeze_cjk(md.group(2)), ln.no, strong=True))
        elif ZH_END.match(ln.text):
            flush()
            blocks.append(Block("end", ln.text, ln.no))
        elif (ln.text in noise and not (cur and _filled(cur[-1], width))) or is_dropped(ln.text):
            flush()
        elif (m := BRACKETED.match(ln.text)) is not None:
            flush()
            blocks.append(Block("heading", f"【{m.group(1)}】", ln.no, strong=True))
            if not is_blank(m.group(2)):  # not a bidi control alone after 【】
                cur = [_rest(ln, m.group(2))]
        elif ZH_HEADING_NUMBER.match(ln.text) and zh_heading_like(ln.text):
            flush()
            blocks.append(Block("heading", ln.text, ln.no, strong=True))
        elif (inline := _inline_heading(ln.text)) is not None:
            flush()  # "（一）金融合作：支持……": the heading, then its first paragraph
            blocks.append(Block("heading", inline[0], ln.no, strong=True))
            cur = [_rest(ln, inline[1])]
        elif PARTICULARS.match(ln.text):
            flush()  # a page's particulars: a line of its own
            cur = [ln]
            flush()
        elif ZH_ITEM.match(ln.text) and not ZH_HEADING_NUMBER.match(ln.text):
            flush()
            cur, kind = [ln], "item"
        elif cur and not blank_before and joins(cur[-1], ln):
            cur.append(ln)
        else:
            flush()
            cur = [ln]
        blank_before = False
    flush()
    return blocks

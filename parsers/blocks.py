"""Lines → blocks: headings, paragraphs and list items, whatever the layout.

Handles headings underlined with ``=``/``-``, Markdown ``#``, UPPERCASE or numbered
headings and plain heading lines; paragraphs indented or not, as bullets, or
hard-wrapped; blank lines that are unreliable; repeated captions and page chrome.
"""

from __future__ import annotations

import functools
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from parsers.normalise import collapse_ws, is_blank

RULE = re.compile(r"^\s*([-=_~*#•·]\s*){3,}$")
_RULE_CHARS = "-=_~*#•·"  # what a rule's first non-space character is
MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*$")
BULLET = re.compile(
    r"^\s*(?:[•·▪‣◦●○■□➢►\-–—*+]|\(?(?:[ivxlc]{1,6}|[a-z]|\d{1,3})\)|(?:\d{1,3}|[a-z])[.)])\s+",
    re.IGNORECASE,
)
HEADING_NUMBER = re.compile(
    r"^\s*(?:\(?\d{1,2}\)|\d{1,2}(?:\.\d{1,2})*\.?|\(?[IVXivx]{1,6}[.)]|\(?[A-Ha-h][.)]|"
    r"[一二三四五六七八九十]+[、.．])\s+"
)
CAPTION = re.compile(r"\bSource\s*:\s*\S", re.IGNORECASE)
CHROME = re.compile(
    r"^(?:skip to|go to|jump to|back to|more images|more photos|last updated|"
    r"recommended articles|related (?:articles|news)|share this|print this|"
    r"today's press releases|issued at|follow us|advertisement|sign in|log in|"
    r"read more|click here|photo(?:s)?\s*:|video\s*:)",
    re.IGNORECASE,
)
#: A page number typed into the text, or left there by a converter: "Page 1 of 2", "- 3 -",
#: "3/12", "3 of 12", "p. 3", "第 3 頁".
PAGE_NUMBER = re.compile(
    r"^(?:page\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|p(?:age|\.|g\.)\s*\d{1,4}|"
    r"[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*(?:/|of)\s*\d{1,4}|"
    r"第\s*\d{1,4}\s*[頁页](?:\s*[，,]?\s*共\s*\d{1,4}\s*[頁页])?)$",
    re.IGNORECASE,
)
#: A running head or foot of a government release: "HKSAR Government Press Release".
RUNNING_HEAD = re.compile(
    r"^(?:[\w.&'’/-]+\s+){0,6}(?:press|news|media)\s+releases?$|^for\s+immediate\s+release\b",
    re.IGNORECASE,
)
END_MARKER = re.compile(r"^\s*(?:-+\s*)?(?:ends?|END)\s*(?:[/-]|$)", re.IGNORECASE)
TERMINAL = (".", ";", ":", "!", "?", "。", "；", "：", '."', ".”", ';"', ")")

#: Verbs and openers that start commitments in co-operation agreements.
COMMITMENT_STARTERS = frozenset(
    (
        "strengthen promote support encourage explore continue enhance deepen expand "
        "establish facilitate expedite accelerate increase jointly actively fully "
        "further leverage make take improve implement provide organise organize set "
        "launch build develop foster work carry co-operate cooperate collaborate share "
        "study consider step pursue conduct effectively proactively optimise optimize "
        "give help introduce attract intensify advance boost create ensure maintain "
        "hold seek strive both the through with each all reinforce"
    ).split()
)


#: Words a heading does not end with, but a line wrapped mid-sentence often does.
_DANGLING = frozenset(
    "the of and to by in for with a an on at from or as that which its their this these "
    "is are be will".split()
)


@dataclass
class Block:
    kind: str  # "heading" | "para" | "item" | "end"
    text: str  # whitespace-collapsed (``collapse_ws``): one space between words, none at the ends
    line: int  # first line number (0-based) in the cleaned text
    strong: bool = False  # a heading marked as such (underline, Markdown, HTML)
    lines: int = 1  # how many source lines it spans


@dataclass
class _Line:
    no: int
    raw: str
    text: str
    indent: int
    rule: bool  # a horizontal rule (``RULE``)

    @property
    def blank(self) -> bool:
        return not self.text


_FIRST_WORD = re.compile(r"[\W\d_]*([^\W\d_]+)")


def first_word(text: str) -> str:
    m = _FIRST_WORD.match(text)
    return m.group(1).lower() if m else ""


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_CJK_DIGITS = {c: i + 1 for i, c in enumerate("一二三四五六七八九十")}


def heading_number(text: str) -> int | None:
    """The number a numbered heading carries ("3. Finance", "(iii) …", "C. …", "三、…")."""
    m = HEADING_NUMBER.match(text)
    if not m:
        return None
    mark = m.group(0).strip().strip("().、．").split(".")[0]
    if mark.isdigit():
        return int(mark)
    low = mark.lower()
    if low and all(ch in _ROMAN for ch in low):
        total = 0
        for i, ch in enumerate(low):
            value = _ROMAN[ch]
            nxt = _ROMAN[low[i + 1]] if i + 1 < len(low) else 0
            total += -value if value < nxt else value
        return total
    if len(low) == 1 and "a" <= low <= "h":
        return ord(low) - ord("a") + 1
    if mark and all(ch in _CJK_DIGITS for ch in mark):
        return _CJK_DIGITS[mark[-1]] + (9 if len(mark) > 1 else 0)
    return None


def heading_text(text: str) -> str:
    """A heading without its numbering, emphasis and trailing colon."""
    text = HEADING_NUMBER.sub("", text, count=1)
    text = text.strip().strip("*_").strip()
    return text[:-1].strip() if text.endswith((":", "：")) else text


def is_caption(text: str) -> bool:
    """Whether ``text`` names a source ("Source: Xinhua"); the colon is looked for first,
    as ``CAPTION`` (case-insensitive, so without a fast literal scan) is slow on long text."""
    return ":" in text and CAPTION.search(text) is not None


@functools.lru_cache(maxsize=4096)
def heading_like(text: str) -> bool:
    """Could this line, on its own, be a section heading? (Asked of the same texts again
    and again by the block builder and the section walk: cached.)"""
    if len(text.split(None, 16)) > 16:
        return False  # 17+ words: the name below keeps 13+ (its number and marks aside)
    name = heading_text(text)
    words = name.split()
    if not words or len(words) > 12 or len(name) > 100:
        return False
    if text.rstrip().endswith((".", ";", ",", "。", "；")) or (
        text.rstrip().endswith(":") and len(words) > 6
    ):
        return False
    first = name[0]
    if not (first.isupper() or first.isdigit() or not first.isascii()):
        return False
    if len(words) >= 6 and first_word(name) in COMMITMENT_STARTERS:
        return False
    if len(words) > 2 and words[-1].lower() in _DANGLING:
        return False  # a wrapped line that stops mid-sentence
    if CHROME.match(name) or is_caption(name) or END_MARKER.match(name):
        return False
    return any(ch.isalpha() for ch in name)


def display_heading(text: str) -> str:
    """Heading text for people: numbering removed, SHOUTED headings in title case."""
    name = collapse_ws(heading_text(text))
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 3:
        small = {"and", "or", "of", "the", "in", "on", "for", "to", "with", "a", "an", "at"}
        words = name.lower().split()
        name = " ".join(
            w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words)
        )
    return name


def noise_lines(lines: list[_Line]) -> set[str]:
    """Lines that are page furniture: repeated captions and the like (3+ copies)."""
    counts = Counter(ln.text for ln in lines if ln.text and not ln.rule)
    return {s for s, n in counts.items() if n >= 3}


def _bare(text: str) -> str:
    """A line's words without Markdown heading or bold marks, case folded."""
    return text.lstrip("#").strip().strip("*_").strip().casefold()


#: The longest line page furniture is (a title repeated as a running head included).
_SHORT_CHARS = 240


def _short_line(text: str) -> bool:
    return len(text.split()) <= 12 and not text.endswith((".", ";", ",", "。", "；"))


def _heading_line(text: str) -> bool:
    return text.startswith("#") or heading_like(text)


def page_furniture(lines: list[_Line]) -> set[int]:
    """Lines (their indices) that are page furniture typed into the body or left there by a
    converter: page numbers ("Page 1 of 2", "- 3 -", "3/12"); a running head or foot at a
    page break, that is a short line next to a page number that is repeated, names a press
    release, or stands between the page number and a heading (two headings in a row); the
    release's own title repeated further down."""
    filled = [i for i, ln in enumerate(lines) if ln.text and not ln.rule]
    if not filled:
        return set()
    pages = {
        i
        for i in filled
        if len(lines[i].text) <= 30
        and any(c.isdigit() for c in lines[i].text)
        and PAGE_NUMBER.match(_bare(lines[i].text))
    }
    first = lines[filled[0]].text
    title = _bare(first) if len(first.split(None, 25)) <= 25 else None
    near = range(len(first) - 12, len(first) + 12)  # the lengths a copy of the title has
    # A running head's other copies (only short lines can be furniture; counted when needed).
    short = [i for i in filled if len(lines[i].text) <= _SHORT_CHARS]
    counts: Counter[str] = Counter()
    if pages or any("release" in lines[i].text.lower() for i in short):
        counts.update(_bare(lines[i].text) for i in short)
    out = set(pages)
    for n, i in enumerate(filled):
        text = lines[i].text
        if n and title is not None and len(text) in near and _bare(text) == title:
            out.add(i)  # the title again: a running head
        if i in pages or len(text) > _SHORT_CHARS or not _short_line(text):
            continue
        before = filled[n - 1] if n else None
        after = filled[n + 1] if n + 1 < len(filled) else None
        if before not in pages and after not in pages:
            if (
                n
                and "release" in text.lower()
                and counts[_bare(text)] > 1
                and RUNNING_HEAD.match(_bare(text))
            ):
                out.add(i)  # a running head repeated on pages whose numbers were not typed
            continue
        nxt = filled[n + 2] if n + 2 < len(filled) else None
        stacked = (  # between a page number and a heading over text: not a heading itself
            before in pages
            and after is not None
            and after not in pages
            and _heading_line(lines[after].text)
            and (nxt is None or not _heading_line(lines[nxt].text))
        )
        bare = _bare(text)
        if counts[bare] > 1 or RUNNING_HEAD.match(bare) or stacked:
            out.add(i)
    out.discard(filled[0])
    return out


def _wrap_width(lines: list[_Line]) -> int | None:
    """The column a hard-wrapped text is wrapped at, or None when lines are paragraphs."""
    lengths = [len(ln.raw.rstrip()) for ln in lines if ln.text and not ln.rule]
    long = [n for n in lengths if n >= 40]
    if len(long) < 6:
        return None
    p90 = sorted(long)[int(0.9 * (len(long) - 1))]
    if p90 > 130:
        return None
    width = max(n for n in long if n <= p90 + 5)
    near = sum(1 for n in long if n >= 0.8 * width)
    return width if near >= 0.4 * len(long) else None


def _blank_separated(lines: list[_Line]) -> bool:
    """Whether paragraphs that end a sentence are (almost) always followed by a blank line."""
    ends = [i for i, ln in enumerate(lines[:-1]) if ln.text.endswith((".", ";", "。")) and ln.text]
    if len(ends) < 4:
        return False
    followed = sum(1 for i in ends if lines[i + 1].blank)
    return followed >= 0.7 * len(ends)


def to_blocks(text: str) -> list[Block]:
    lines = []
    blank = _Line(-1, "", "", 0, False)  # every blank line (nothing reads their other fields)
    for i, s in enumerate(text.split("\n")):
        words = s.split()
        if not words or (not s.isascii() and is_blank(s)):  # a bidi control alone: blank
            lines.append(blank)
            continue
        rule = s.lstrip()[0] in _RULE_CHARS and RULE.match(s) is not None
        lines.append(_Line(i, s, " ".join(words), len(s) - len(s.lstrip(" ")), rule))
    noise = noise_lines(lines)
    furniture = page_furniture(lines)
    width = _wrap_width(lines)
    blank_separated = width is not None and _blank_separated(lines)
    indents = [ln.indent for ln in lines if ln.text]
    base_indent = statistics.median(indents) if indents else 0

    blocks: list[Block] = []
    cur: list[_Line] = []
    cur_kind = "para"
    blank_before = False

    def flush() -> None:
        nonlocal cur, cur_kind
        if cur:
            # Lines' texts are whitespace-collapsed and not empty, and a bullet's pattern
            # ends in ``\s+``: the body is collapsed already.
            body = cur[0].text if len(cur) == 1 else " ".join(ln.text for ln in cur)
            if cur_kind == "item":
                body = BULLET.sub("", body, count=1)
            blocks.append(Block(cur_kind, body, cur[0].no, lines=len(cur)))
        cur, cur_kind = [], "para"

    def joins(prev: _Line, line: _Line, blank: bool) -> bool:
        starts_lower = line.text[:1].islower()
        if blank:
            return starts_lower and not prev.text.endswith(TERMINAL)
        if starts_lower and not prev.text.endswith((".", "!", "?", "。")):
            return True
        if width is None:
            return False
        starts_heading_block = (
            len(cur) == 1
            and cur_kind == "para"
            and heading_like(prev.text)
            and line.text[:1].isupper()
            and (
                not 0.75 * width <= len(prev.raw.rstrip()) <= width
                or first_word(line.text) in COMMITMENT_STARTERS
            )
        )
        if blank_separated:
            return not starts_heading_block
        if len(prev.raw.rstrip()) + 1 + len(line.text.split()[0]) <= width:
            return False  # the next word would have fitted: the line ended its paragraph
        if starts_heading_block:
            return False  # a heading line
        if (
            prev.text.endswith(TERMINAL)
            and heading_like(line.text)
            and len(line.raw.strip()) < 0.75 * width
        ):
            return False  # a heading line after a finished paragraph
        if line.indent > prev.indent and line.indent > base_indent and cur_kind == "para":
            return False  # a first-line indent starts a paragraph
        return not (
            prev.text.endswith((".", ";", "。", "；"))
            and first_word(line.text) in COMMITMENT_STARTERS
            and line.text[:1].isupper()
        )

    for at, ln in enumerate(lines):
        if not ln.text or at in furniture:
            blank_before = True  # page furniture: a paragraph may go on after it
            continue
        # Cheap tests of the first character, or first word, go before the patterns that
        # could match only then (a Markdown or bold heading starts with #, * or _, an end
        # marker with - or e, a bullet's mark is a word of its own).
        first = ln.text[0]
        mark = ln.text.partition(" ")[0]
        if ln.rule:
            if ln.raw.strip()[0] in "-=~_" and cur and len(cur) == 1 and heading_like(cur[0].text):
                heading = cur[0]
                cur = []
                name = BULLET.sub("", heading.raw, count=1).strip()
                blocks.append(Block("heading", collapse_ws(name), heading.no, strong=True))
            elif (
                ln.raw.strip()[0] in "-=~_"
                and not cur
                and blocks
                and blocks[-1].kind in ("para", "item")
                and blocks[-1].lines == 1
                and heading_like(blocks[-1].text)
            ):
                prev = blocks.pop()
                blocks.append(Block("heading", prev.text, prev.line, strong=True))
            else:
                flush()
            blank_before = False
            continue
        md = (MD_HEADING.match(ln.raw) or BOLD_LINE.match(ln.raw)) if first in "#*_" else None
        if md and md.group(2).strip():
            flush()
            blocks.append(Block("heading", collapse_ws(md.group(2)), ln.no, strong=True))
            blank_before = False
            continue
        if (
            ln.text in noise
            or (is_caption(ln.text) and len(ln.text.split()) <= 30)
            or (CHROME.match(ln.text) and len(ln.text.split()) <= 8)
        ):
            flush()
            blank_before = False
            continue
        if first in "-eE" and END_MARKER.match(ln.text):
            flush()
            blocks.append(Block("end", ln.text, ln.no))
            blank_before = False
            continue
        if (
            (len(mark) == 1 or mark[-1] in ".)")
            and BULLET.match(ln.raw)
            and not (HEADING_NUMBER.match(ln.raw) and heading_like(ln.text))
        ):
            flush()
            cur, cur_kind = [ln], "item"
        elif cur and joins(cur[-1], ln, blank_before):
            cur.append(ln)
        else:
            flush()
            cur = [ln]
        blank_before = False
    flush()
    return blocks

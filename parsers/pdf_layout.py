"""A PDF's text lines (with their positions and fonts) → headings, paragraphs, items.

``parsers.pdf`` reads the lines; here they become the release parser's plain form:

- **Page furniture goes.** A line among the first or last three of its page repeated
  at the same height on at least half the pages (digits ignored, so "Page 3 of 20"
  repeats as "Page # of #") is a running header or footer; a page number ("3", "- 3 -",
  "Page 3", "Page 3 of 20", "3/20", "iv") at the top or foot of a page, a browser's
  "print to PDF" date and address line in the margin, and lines in type smaller than
  the body's at the foot of a page or at the top of a later page go too. Turned text
  (a watermark, a note up the margin) is not read (``parsers.pdf``).
- **Headings** are lines set apart by their font: every visible character bold, or a
  size at least 8% above the body text's (the size most of the text is set in), or
  another colour than the body's on a line that reads as a heading, and
  short (at most 25 words, not ending as a sentence). Consecutive lines in the same
  style are one heading (a title wrapped over two lines). A heading in the body's own
  font on a line of its own is left as a paragraph of its own: the release parser's
  heading rules (``parsers.blocks.heading_like``, the lexicon) decide about it as they
  do for a text file.
- **Paragraphs** end where the gap to the next line is clearly larger than the usual
  line step (20% more, baseline to baseline), where the next line is indented further
  than the one before (a first-line indent), where a line stops short of its column's
  right edge by more than the next line's first word (which would have fitted: the line
  was ended on purpose; Chinese breaks between any two characters, so for a line opening
  with one that is a character's width), where the font size changes, and before a
  bullet or a number opening a list item. The usual line step is measured within
  pdfminer's text boxes, or, where every line is a box of its own (lines set 1.5 apart
  or more, as Chinese documents often are), between body lines one under the other.
  A paragraph interrupted by a page break (or a column break) goes
  on when the next page goes on in lowercase, or when the line before the break was not
  stopped short and the next page's line is not indented, and either the paragraph did
  not end a sentence or its line reaches the edge of a justified column (where a
  paragraph's last line seldom does).
- **Words hyphenated at a line end** are joined; whether the hyphen stays is decided in
  this order: a soft hyphen goes; a hyphen before a capital or a digit stays
  ("Guangdong-\\nMacao", "2024-\\n25"); the document's own spelling elsewhere decides
  ("co-operation" keeps it, "development" drops it); a prefix that makes compounds
  ("co-", "non-", "cross-", "multi-", "self-"…) or a second part that does ("-speaking",
  "-based", "-led", "-level"…) keeps it; a head of three letters or fewer, or a prefix
  written closed up ("inter-", "trans-", "under-"…), is a syllable and drops it
  ("de-\\nvelop", "inter-\\nnational"); a second part that the document uses as a word
  of its own keeps it (two words: "emission-\\nreduction", "people-to-\\npeople"); and
  what is left drops it ("develop-\\nment": "ment" is no word). Word processors and
  browsers do not hyphenate by default, so most line-end hyphens in their PDFs are
  compounds; typesetting programs hyphenate words.
- **Two columns** (a gap no narrow line crosses, three lines or more on each side):
  the left column is read before the right between lines spanning both.
- **List items**: a line opening with a bullet (•, ●, ▪, –, -, *; a symbol font's bullet
  too) becomes a "• " item; a numbered one ("1.", "(a)", "iii)") keeps its number, which
  the release parser reads as an item.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from math import ceil

from parsers.blocks import heading_like
from parsers.pdf_hyphens import CLOSERS, SOFT_HYPHEN, TERMINAL, join_lines, mid_sentence, vocabulary
from parsers.pdf_pieces import merge_pieces


@dataclass(frozen=True)
class PdfLine:
    """One line of text on a page, in points, measured from the page's top."""

    page: int
    box: int  # the text box (pdfminer's) it is in, numbered on its page in reading order
    box_x0: float  # its column's left and right edges (the text box's, then ``_columns``)
    box_x1: float
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float
    bold: bool
    colour: str  # the fill colour of its first character (pdfminer's value, as text)
    page_height: float
    word2_x0: float  # where its second word starts (the text after a bullet)
    baseline: float = 0.0  # where its characters stand, from the page's top


Page = tuple[float, float, list[PdfLine]]

_PAGE_NUMBER = re.compile(
    r"^(?:page|p\.|pg\.?)?\s*[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(?:\s*(?:of|/)\s*\d{1,4})?$"
    r"|^\d{1,4}\s*\|\s*p\s?a\s?g\s?e$|^p\s?a\s?g\s?e\s*\|\s*\d{1,4}$",  # Word's "3 | Page"
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ROMAN_NUMBER = re.compile(r"^[-–—(]?\s*[ivxlc]{1,7}\s*[-–—)]?$", re.IGNORECASE)
_BROWSER_MARGIN = re.compile(
    r"(?:https?|file)://\S+|\b\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}", re.IGNORECASE
)
_GLYPH_BULLET = re.compile(r"^(?:[•●▪◦■□‣➢►❖]\s*|[-–—*·]\s+)")
_LONE_BULLETS = frozenset("•●▪◦■□‣➢►❖-–—*·o")  # "o": Word's second-level bullet
_LONE_NUMBER = re.compile(
    r"^(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})\)|(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)])$", re.I
)
_NUMBER_MARK = re.compile(
    r"^(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})\)|(?:\d{1,3}|[a-z])[.)])\s+", re.IGNORECASE
)


# --- page furniture ----------------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.casefold().split()))


def _running(pages: list[Page]) -> set[tuple[int, int]]:
    """(page, index) of the lines repeated at the same height on half the pages or more,
    among the first and last three lines of their pages (where headers and footers are:
    two paragraphs ending in "places." at the same height are not furniture)."""
    if len(pages) < 2:
        return set()
    need = max(2, ceil(0.5 * len(pages)))
    seen: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
    for p, (_, _, lines) in enumerate(pages):
        order = sorted(range(len(lines)), key=lambda i: lines[i].top)
        outer = set(order[:3] + order[-3:])
        for i, line in enumerate(lines):
            if i not in outer or line.text in _LONE_BULLETS or _LONE_NUMBER.match(line.text):
                continue  # "1." and "2." at the same height on two pages: list items
            seen[_norm(line.text)].append((p, i, line.top))
    found: set[tuple[int, int]] = set()
    for places in seen.values():
        if len({p for p, _, _ in places}) < need:
            continue
        for p, i, top in places:
            if len({q for q, _, t in places if abs(t - top) <= 4}) >= need:
                found.add((p, i))
    return found


def _margin_line(line: PdfLine, first: bool, last: bool, body: float) -> bool:
    """A page number, or a browser's date/address line, at the top or foot of a page."""
    in_margin = line.top < 0.1 * line.page_height or line.bottom > 0.9 * line.page_height
    text = line.text.strip()
    if (first or last or in_margin) and _PAGE_NUMBER.match(text):
        return True
    if in_margin and _ROMAN_NUMBER.match(text):
        return True
    return in_margin and line.size < body and _BROWSER_MARGIN.search(text) is not None


def _body_size(lines: Iterable[PdfLine]) -> float:
    """The size most of the text is set in (to half a point; at least 1 pt)."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return max(1.0, float(sizes.most_common(1)[0][0])) if sizes else 10.0


def _columns(lines: list[PdfLine], gutter: float | None, body: float) -> list[PdfLine]:
    """The lines with their column's edges: the left edge is the leftmost place where
    several lines of the page start (or the leftmost start of its column) at most four
    font sizes left of the line (an indent or a hanging list item is within that;
    pdfminer puts a paragraph's indented first line in a text box of its own), the
    right edge the furthest a line of body size starting there reaches. Lines in
    smaller type (a grey running header wider than the text, a caption) are left out
    of both, and larger ones (a title) of the right edge: a header or title reaching
    past the text's edge made every line of it look ended short of the margin."""
    text = [line for line in lines if line.size >= 0.9 * body] or lines
    starts = Counter(round(line.x0) for line in text)
    edges = [float(x) for x, n in starts.items() if n >= 3 or n >= 0.2 * len(text)]
    for side in (
        [line for line in text if gutter is None or line.x1 <= gutter],
        [line for line in text if gutter is not None and line.x0 >= gutter],
    ):
        if side:
            edges.append(min(line.x0 for line in side))
    lefts = [
        min((e for e in edges if line.x0 - 4 * line.size <= e <= line.x0 + 1.5), default=line.x0)
        for line in lines
    ]
    rights: dict[float, float] = defaultdict(float)
    small: dict[float, float] = defaultdict(float)  # for a column of small type only
    for left, line in zip(lefts, lines, strict=True):
        reach = rights if 0.9 * body <= line.size < 1.08 * body else small
        reach[left] = max(reach[left], line.x1)
    for left, x1 in small.items():
        rights.setdefault(left, x1)
    return [
        replace(line, box_x0=left, box_x1=rights[left])
        for left, line in zip(lefts, lines, strict=True)
    ]


def _gutter(lines: list[PdfLine], width: float) -> float | None:
    """The x of the gap between two columns of text, if the page has two: at least
    three lines lie on each side of it, and where both sides have lines no line
    narrower than 60% of the page crosses it (above or below, a centred title or
    header may: it spans both columns)."""
    for step in range(0, 41, 2):  # from the middle outwards, 30%–70% of the width
        for x in (width * (0.5 + step / 200), width * (0.5 - step / 200)):
            if _splits(lines, x, width, 3):
                return x
    return None


def _splits(lines: list[PdfLine], x: float, width: float, need: int) -> bool:
    """Whether ``x`` is a gap between two columns of the page (``_gutter``), with at
    least ``need`` lines on each side."""
    left = [line for line in lines if line.x1 <= x]
    right = [line for line in lines if line.x0 >= x]
    if len(left) < max(1, need) or len(right) < max(1, need):
        return False
    top = max(min(line.top for line in left), min(line.top for line in right))
    bottom = min(max(line.bottom for line in left), max(line.bottom for line in right))
    return not any(
        line.x0 < x < line.x1 and line.bottom > top and line.top < bottom
        for line in lines
        if line.x1 - line.x0 < 0.6 * width
    )


def _apart_mark(text: str) -> bool:
    return text in _LONE_BULLETS or _LONE_NUMBER.match(text) is not None


def _rows(lines: list[PdfLine]) -> list[PdfLine]:
    """Lines top to bottom, those side by side (sharing most of their height: a bullet
    set apart from its text, in a font of another height) left to right."""
    rows: list[list[PdfLine]] = []
    for line in sorted(lines, key=lambda item: item.top):
        if rows:
            last = rows[-1][0]
            overlap = min(last.bottom, line.bottom) - max(last.top, line.top)
            if overlap > 0.5 * min(last.bottom - last.top, line.bottom - line.top):
                rows[-1].append(line)
                continue
        rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda item: item.x0)]


def _reading_order(lines: list[PdfLine], gutter: float | None, body: float) -> list[PdfLine]:
    """A page's lines in reading order: top to bottom, and on a page in two columns,
    between two lines that span both (a title, a full-width paragraph), the left
    column's lines before the right column's. (pdfminer's own order of text boxes puts
    a paragraph at the foot of a column after the next column, now and then.)"""
    by_top = _rows(lines)
    if gutter is None:
        return by_top
    out: list[PdfLine] = []
    band: list[PdfLine] = []
    for line in [*by_top, None]:
        if line is None or line.x0 < gutter < line.x1:
            left = [item for item in band if item.x0 < gutter]
            right = [item for item in band if item.x0 >= gutter]
            # a line of the right side above all of the left side's, in type smaller than
            # the body's (a header), goes first; text there is the right column's
            above = []
            for item in right:
                if not left or item.bottom > left[0].top or item.size >= 0.9 * body:
                    break
                above.append(item)
            out.extend([*above, *left, *right[len(above) :]])
            band = []
            if line is not None:
                out.append(line)
        else:
            band.append(line)
    return out


def _small_margins(lines: list[PdfLine], body: float, page: int) -> set[int]:
    """Indexes of the lines set smaller than the body text at the foot of a page, or at
    its top after the first page: a header or footer that is not repeated (a Word
    document's "different first page") and would otherwise run into a paragraph going
    on across the page break. (The first page's top is kept: a letterhead or date.)"""
    order = sorted(range(len(lines)), key=lambda i: lines[i].top)
    found: set[int] = set()
    for direction in (order, order[::-1]):
        for i in direction:
            line = lines[i]
            at_top = direction is order
            if at_top and page == 0:
                found.update(_furniture_above_title(lines, order, body))
                break
            edge = (
                line.top < 0.12 * line.page_height
                if at_top
                else (line.bottom > 0.88 * line.page_height)
            )
            if not edge or line.size >= 0.9 * body:
                break
            found.add(i)
    return found


def _furniture_above_title(lines: list[PdfLine], order: list[int], body: float) -> set[int]:
    """Indexes of the lines in small type at the top of the first page above its title
    (the first line not in small type, set larger than the body): a running header the
    one page does not repeat, not the release's title. A line there holding a year (a
    date) is kept."""
    found: set[int] = set()
    for i in order:
        line = lines[i]
        if line.size >= 0.9 * body:
            title = line.size >= 1.08 * body
            return found if title else set()
        if line.top > 0.12 * line.page_height or _YEAR.search(line.text):
            return set()
        found.add(i)
    return set()


def content_lines(pages: list[Page]) -> list[PdfLine]:
    """The pages' lines in reading order without running headers, footers and page
    numbers, each with its column's edges."""
    running = _running(pages)
    body = _body_size(line for _, _, lines in pages for line in lines)
    kept: list[PdfLine] = []
    layouts: list[tuple[float, list[PdfLine]]] = []
    for p, (width, _, lines) in enumerate(pages):
        order = sorted(range(len(lines)), key=lambda i: lines[i].top)
        first, last = (order[0], order[-1]) if order else (-1, -1)
        small = _small_margins(lines, body, p)
        page = [
            line
            for i, line in enumerate(lines)
            if (p, i) not in running
            and i not in small
            and not _margin_line(line, i == first, i == last, body)
        ]
        layouts.append((width, page))
    gutters = [_gutter(page, width) for width, page in layouts]
    found = [g for g in gutters if g is not None]
    for (width, page), gutter in zip(layouts, gutters, strict=True):
        if gutter is None and found:
            # a page of a document in two columns with little in one of them (its last)
            usual = max(set(found), key=found.count)
            gutter = usual if _splits(page, usual, width, 1) else None
        page = merge_pieces(page, gutter, _apart_mark)
        kept.extend(_columns(_reading_order(page, gutter, body), gutter, body))
    return kept


# --- paragraphs ---------------------------------------------------------------------------


@dataclass
class _Block:
    kind: str  # "heading" | "para" | "item"
    lines: list[PdfLine] = field(default_factory=list)
    text: str = ""
    hang: float = 0.0  # an item's text starts here: its wrapped lines hang under it
    mark_x0: float | None = None  # where a bullet or number set apart from it starts


class _Assembler:
    def __init__(self, lines: list[PdfLine]) -> None:
        self.lines = lines
        self.body = _body_size(lines)
        self.step = self._line_step()
        self.vocab = vocabulary(line.text for line in lines)
        # bold marks a heading only where most of the text is not bold
        bold = sum(len(line.text) for line in lines if line.bold)
        self.bold_marks = bold < 0.5 * sum(len(line.text) for line in lines)
        colours: Counter[str] = Counter()
        for line in lines:
            colours[line.colour] += len(line.text)
        self.body_colour = colours.most_common(1)[0][0] if colours else ""
        # the columns (page, left edge) set justified: most lines reach the right edge
        reach: dict[tuple[int, float], list[bool]] = defaultdict(list)
        for line in lines:
            reach[line.page, line.box_x0].append(line.box_x1 - line.x1 < 0.25 * line.size)
        self.justified = {key for key, ends in reach.items() if sum(ends) >= 0.5 * len(ends)}
        self.wrapped_by_count = self._wrapped_by_count()
        self.notes = self._notes()

    def _line_step(self) -> float:
        """The usual distance between the tops of two lines of a body paragraph."""
        steps: Counter[float] = Counter()
        for a, b in zip(self.lines, self.lines[1:], strict=False):
            same = a.page == b.page and a.box == b.box
            if same and abs(a.size - self.body) < 0.6 and abs(b.size - self.body) < 0.6:
                gap = b.baseline - a.baseline
                if 0 < gap < 3 * self.body:
                    steps[round(gap * 2) / 2] += 1
        if not steps:  # a line per text box (lines set far apart, 1.5 or more): the
            steps = self._page_steps()  # usual step of body lines one under the other
        return steps.most_common(1)[0][0] if steps else 1.2 * self.body

    def _page_steps(self) -> Counter[float]:
        steps: Counter[float] = Counter()
        for a, b in zip(self.lines, self.lines[1:], strict=False):
            body = abs(a.size - self.body) < 0.6 and abs(b.size - self.body) < 0.6
            if a.page == b.page and a.box_x0 == b.box_x0 and body:
                gap = b.baseline - a.baseline
                if 0 < gap < 3 * self.body:
                    steps[round(gap * 2) / 2] += 1
        return steps

    def _wrapped_by_count(self) -> bool:
        """Whether the text's lines were wrapped by a count of characters, not at the
        column's width (matplotlib, plain-text tools): among lines one under the other
        that stop short, at least two (and a fifth) stop in the middle of a sentence
        going on in lowercase, which a word processor's wrapping never does."""
        short = mid = 0
        for a, b in zip(self.lines, self.lines[1:], strict=False):
            if (
                a.page != b.page
                or a.box_x0 != b.box_x0
                or abs(a.size - self.body) > 0.6
                or abs(b.size - self.body) > 0.6
                or not 0 < b.baseline - a.baseline <= 1.2 * self.step + 0.3
                or not _stops_short(a, b)
            ):
                continue
            short += 1
            ended = a.text.rstrip(CLOSERS).endswith(TERMINAL)
            mid += not ended and b.text[:1].islower()
        return mid >= 2 and mid >= 0.2 * short

    def styled(self, line: PdfLine) -> bool:
        if not any(c.isalpha() for c in line.text):
            return False
        if (line.bold and self.bold_marks) or line.size >= 1.08 * self.body:
            return True
        # a heading in colour (Word's Heading 3: 12 pt blue beside 11 pt black text)
        return line.colour != self.body_colour and heading_like(line.text)

    def marker(self, line: PdfLine) -> bool:
        if id(line) in self.notes:
            return False
        return bool(_GLYPH_BULLET.match(line.text) or _NUMBER_MARK.match(line.text))

    def _notes(self) -> set[int]:
        """ids of the lines opening with "* " that are a footnote, not a list item: an
        asterisk is a bullet only on a line in the body's size that is indented from its
        column's edge or has another such line under the same place on its page."""
        stars = [line for line in self.lines if line.text.startswith("* ")]
        places = Counter((line.page, round(line.x0)) for line in stars)
        return {
            id(line)
            for line in stars
            if line.size < 0.9 * self.body
            or (line.x0 <= line.box_x0 + 0.5 * line.size and places[line.page, round(line.x0)] < 2)
        }

    def blocks(self) -> list[_Block]:
        blocks: list[_Block] = []
        current: _Block | None = None
        mark = ""  # a bullet or number laid out apart from its text (a line of its own)
        mark_x0 = 0.0
        for line in self.lines:
            if line.text in _LONE_BULLETS or _LONE_NUMBER.match(line.text):
                current = None
                mark = "• " if line.text in _LONE_BULLETS else f"{line.text} "
                mark_x0 = line.x0 - line.box_x0
                continue
            if mark:
                kind = "heading" if self.styled(line) else "item"
                current = _Block(kind, [line], mark + line.text, line.x0, mark_x0 + line.box_x0)
                blocks.append(current)
                mark = ""
                continue
            if current is not None and not self._breaks(current, line):
                current.lines.append(line)
                current.text = join_lines(current.text, line.text, self.vocab)
                continue
            # a numbered heading ("1. Finance") is a heading; a bold numbered sentence an item
            heading = not self.marker(line) or heading_like(line.text)
            kind = "heading" if self.styled(line) and heading else "para"
            if kind == "para" and self.marker(line):
                kind = "item"
            current = _Block(kind, [line], line.text, hang=line.word2_x0)
            blocks.append(current)
        for block in blocks:
            words = block.text.split()
            if block.kind == "heading" and (len(words) > 25 or block.text.endswith((".", ";"))):
                block.kind = "para"
        return blocks

    def _breaks(self, block: _Block, b: PdfLine) -> bool:
        a = block.lines[-1]
        step = self.step * (b.size / self.body if self.body else 1)
        new_flow = b.page != a.page or b.top < a.top - 1
        if block.kind == "heading":
            same_style = b.bold == a.bold and abs(b.size - a.size) < 0.6 and self.styled(b)
            if new_flow:  # a heading cut by a page break goes on in its style
                return not same_style or self.marker(b)
            return not same_style or b.baseline - a.baseline > 1.5 * max(step, a.size * 1.2)
        if self.styled(b) or self.marker(b):
            return True
        if new_flow:
            return not self._continues(block, b)
        if abs(b.size - a.size) > 0.6 or b.baseline - a.baseline > 1.2 * step + 0.3:
            return True
        indent = 0.8 * b.size
        if block.kind == "para" and (b.x0 > a.x0 + indent or a.x0 == b.x0 > b.box_x0 + indent):
            return True  # a first-line indent (after a paragraph of one line, indented too)
        # a line ended short in the middle of a sentence goes on; in text wrapped by a
        # count of characters (not at the width) only a line ending a sentence ends short
        ended = a.text.rstrip(CLOSERS).endswith(TERMINAL)
        short = _stops_short(a, b) and not mid_sentence(a.text, b.text)
        short = short and (ended or not self.wrapped_by_count)
        if block.kind == "item":
            return short or not _hangs(block, b)
        return short

    def _continues(self, block: _Block, b: PdfLine) -> bool:
        """Whether a paragraph cut by a page or column break goes on with ``b``."""
        text = block.text
        if b.text[:1].islower() or text.endswith(("-", ",")):
            return True
        if block.kind == "item":
            # a list item goes on hanging under its text, as far from its column's edge,
            # after a line that did not stop short
            return _hangs(block, b) and not _stops_short(block.lines[-1], b)
        a = block.lines[-1]
        if b.x0 > b.box_x0 + 0.8 * b.size or _stops_short(a, b):
            # a first-line indent, or the line before was ended on purpose (a heading in
            # the body's font at the foot of a page, a paragraph's last line)
            return False
        # after a full stop, only a line that reaches the edge of a justified column (where
        # a paragraph's last line seldom does) goes on
        ended = text.rstrip(CLOSERS).endswith(TERMINAL)
        full = (a.page, a.box_x0) in self.justified and a.box_x1 - a.x1 < 0.25 * a.size
        return not ended or full


def _hangs(block: _Block, b: PdfLine) -> bool:
    """Whether ``b`` can be a wrapped line of the list item ``block``: it hangs under the
    item's text (its second word) or starts under its bullet, or under the line before,
    or at its column's edge under an item indented as a paragraph's first line is.
    Measured from each line's column edge, so that it holds across a page or column."""
    first, a = block.lines[0], block.lines[-1]
    at = b.x0 - b.box_x0
    # a bullet set apart, the item's first line indented further as a paragraph's first
    # line is (reportlab's list of indented paragraphs): its wrapped lines start between
    mark = block.mark_x0 - first.box_x0 if block.mark_x0 is not None else None
    return (
        (mark is not None and mark + 2 < at < block.hang - first.box_x0 - 2)
        or abs(at - (block.hang - first.box_x0)) < 2
        or abs(at - (first.x0 - first.box_x0)) < 2
        or (len(block.lines) > 1 and abs(at - (a.x0 - a.box_x0)) < 2)
        or (first.x0 - first.box_x0 > 0.8 * first.size and abs(at) < 2)
    )


#: A line opening with a Chinese (or Japanese) character or full-width punctuation.
_CJK_START = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def _stops_short(a: PdfLine, b: PdfLine) -> bool:
    """Whether line ``a`` stopped short of its column's right edge: ``b``'s first word
    would have fitted after it (so ``a`` was ended on purpose)."""
    word = (b.word2_x0 if b.word2_x0 > b.x0 + 0.1 else b.x1) - b.x0
    if _CJK_START.match(b.text):
        word = min(word, b.size)  # Chinese breaks between any two characters: one fits
    hyphen = a.text.endswith(("-", "‐", SOFT_HYPHEN))
    return not hyphen and a.box_x1 - a.x1 > word + 0.3 * a.size


def _render(blocks: list[_Block]) -> str:
    out: list[str] = []
    for block in blocks:
        text = " ".join(block.text.split())
        if block.kind == "heading":
            out.append(f"## {text}")
        elif block.kind == "item" and _GLYPH_BULLET.match(text):
            out.append("• " + _GLYPH_BULLET.sub("", text, count=1))
        else:
            out.append(text)
    return "\n\n".join(out) + "\n"


def lines_to_text(pages: list[Page]) -> str:
    """The text of a PDF's pages in the release parser's plain form."""
    return _render(_Assembler(content_lines(pages)).blocks())

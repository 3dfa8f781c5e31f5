"""PDF releases → the plain-text form the release parser reads.

pdfminer.six opens the file and lays each page out (``LAParams``: characters into
words and lines, with the spaces between words). Each line is kept with its position,
font size and weight; ``parsers.pdf_layout`` puts the lines in reading order (two
columns one after the other, not interleaved) and turns them into headings, paragraphs
and list items, dropping the page furniture.

Every failure is one ``InputError`` line: a PDF with no text layer (a scan) needs OCR;
an encrypted one (unless its user password is empty, which pdfminer opens) cannot be
read; anything pdfminer cannot parse is "damaged or truncated". pdfminer raises many
kinds of exception on a broken file (its own syntax errors, ``KeyError``,
``TypeError``, ``struct.error``, ``ValueError``, ``RecursionError``…), so every
exception is caught at this boundary and worded as one line.
"""

from __future__ import annotations

import functools
import logging
import re
import statistics
from collections.abc import Iterable, Iterator, Sequence
from io import BytesIO

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTContainer, LTImage, LTPage, LTTextBox, LTTextLine
from pdfminer.pdfcolor import PDFColorSpace
from pdfminer.pdfdevice import PDFTextSeq
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdffont import PDFFont, PDFSimpleFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import (
    PDFGraphicState,
    PDFPageInterpreter,
    PDFResourceManager,
    PDFTextState,
)
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.utils import Matrix, PathSegment

from parsers.pdf_layout import PdfLine, lines_to_text
from parsers.reading import InputError

#: A press release is a few pages; a longer file is not read to its end (the size
#: limit of ``parsers.reading.MAX_BYTES`` bounds the bytes, this bounds the work).
MAX_PAGES = 300
#: Characters read at most (about 150 dense pages): a file made of nothing but text
#: operators is refused, not laid out for many minutes (``_BoundedAggregator``).
MAX_CHARS = 600_000
#: Paths drawn at most (lines, boxes, vector figures).
MAX_PATHS = 200_000

# pdfminer reports what it works around (a missing /CropBox, a font without widths) as
# log warnings; with no handler Python would print them on stderr beside our one line.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())
logging.getLogger("pdfminer").propagate = False

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|extrabold|,b$", re.IGNORECASE)
_CID = re.compile(r"\(cid:\d+\)")
_LEADING_CID = re.compile(r"^\s*\(cid:\d+\)\s*")
#: Bullets drawn with a symbol font (Symbol, Wingdings) land in the private use area.
_PUA_BULLETS = dict.fromkeys(map(ord, "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8\uf0e0"), "•")
#: Typographic ligatures as the letters they join ("ﬁ" → "fi"), so that a PDF's words
#: are the text file's (search, and the text a commitment shows).
_LIGATURES = {
    0xFB00: "ff",
    0xFB01: "fi",
    0xFB02: "fl",
    0xFB03: "ffi",
    0xFB04: "ffl",
    0xFB05: "st",
    0xFB06: "st",
}
_CHARACTERS = {**_PUA_BULLETS, **_LIGATURES}
#: Codes a simple font's WinAnsi encoding leaves unused: "all unused codes greater than
#: 40 map to the bullet character" (the PDF reference's note on WinAnsiEncoding); 127 is
#: reportlab's default list bullet, drawn in Helvetica.
_WINANSI_BULLETS = frozenset((127, 129, 141, 143, 144, 157))


def pdf_to_text(data: bytes, name: str) -> str:
    """The release in a PDF as plain text: ``## `` headings, one paragraph per line
    with a blank line between, list items as "• " lines. InputError (one line) for a
    PDF that is encrypted, damaged or truncated, or has no text layer."""
    pages, images = _read(data, name)
    if not any(page[2] for page in pages):
        if images:
            raise InputError(
                f"{name}: the PDF has no text layer (a scanned image?): it needs OCR first"
            )
        raise InputError(f"{name}: the PDF has no text (its pages are blank)")
    return lines_to_text(pages)


def _read(data: bytes, name: str) -> tuple[list[tuple[float, float, list[PdfLine]]], bool]:
    """Each page's width, height and text lines, and whether any page shows an image."""
    try:
        return _layout(data, name)
    except InputError:
        raise
    except _TooMuch:
        raise InputError(
            f"{name}: the PDF holds more than {MAX_CHARS:,} characters or {MAX_PATHS:,} "
            "drawings: too much for a press release"
        ) from None
    except PDFPasswordIncorrect:
        raise InputError(f"{name}: the PDF is encrypted (password-protected)") from None
    except PDFEncryptionError:
        raise InputError(
            f"{name}: the PDF is encrypted (password-protected) in a way that cannot be read"
        ) from None
    except Exception:  # pdfminer fails on a broken file in many ways
        raise InputError(f"{name}: not a readable PDF (damaged or truncated)") from None


def _layout(data: bytes, name: str) -> tuple[list[tuple[float, float, list[PdfLine]]], bool]:
    document = PDFDocument(PDFParser(BytesIO(data)), password="")
    manager = PDFResourceManager(caching=True)
    # boxes_flow=None: the lines are put in reading order here (pdf_layout), not by
    # pdfminer's hierarchical grouping of text boxes, which costs more and errs more
    device = _BoundedAggregator(manager, laparams=LAParams(boxes_flow=None))
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[tuple[float, float, list[PdfLine]]] = []
    images = False
    unmapped = [0, 0]  # glyphs without a Unicode value, characters
    for number, page in enumerate(PDFPage.create_pages(document)):
        if number >= MAX_PAGES:
            raise InputError(
                f"{name}: the PDF has more than {MAX_PAGES} pages: too long for a press release"
            )
        # a page shown turned (/Rotate) is read as drawn: its text upright, not turned
        # with the page (lines of turned characters are not read: see _font)
        page.rotate = 0
        interpreter.process_page(page)
        layout = device.get_result()
        lines = list(_lines(layout, number, unmapped))
        images = images or _has_image(layout)
        pages.append((float(layout.width), float(layout.height), lines))
    if not pages:
        raise InputError(f"{name}: not a readable PDF (damaged or truncated)")
    if unmapped[0] * 8 > unmapped[1]:  # "(cid:12)" is 8 characters: most of the text
        raise InputError(
            f"{name}: the PDF's fonts give no readable text (glyphs without Unicode "
            "values): it needs OCR"
        )
    return pages, images


class _TooMuch(Exception):
    """More characters or drawing operations than a press release has."""


class _StrokedChar(LTChar):
    """A character drawn filled and stroked: a regular face made bold, as browsers and
    some word processors do for a bold style the font has no face for."""


class _BoundedAggregator(PDFPageAggregator):
    """pdfminer's page aggregator, stopped once the file has drawn ``MAX_CHARS``
    characters or ``MAX_PATHS`` paths: a page of millions of characters or lines (a
    crafted or broken file) is refused within seconds, not laid out for many minutes.
    Characters drawn filled and stroked are kept as ``_StrokedChar``."""

    chars = 0
    paths = 0
    stroked = False

    def render_string(
        self,
        textstate: PDFTextState,
        seq: PDFTextSeq,
        ncs: PDFColorSpace,
        graphicstate: PDFGraphicState,
    ) -> None:
        # text rendering modes 2 and 6: fill, then stroke (a synthetic bold)
        self.stroked = textstate.render in (2, 6)
        super().render_string(textstate, seq, ncs, graphicstate)

    def render_char(
        self,
        matrix: Matrix,
        font: PDFFont,
        fontsize: float,
        scaling: float,
        rise: float,
        cid: int,
        ncs: PDFColorSpace,
        graphicstate: PDFGraphicState,
    ) -> float:
        self.chars += 1
        if self.chars > MAX_CHARS:
            raise _TooMuch
        if not self.stroked:
            return super().render_char(
                matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate
            )
        try:  # as pdfminer's own render_char, the character kept as stroked
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        item = _StrokedChar(
            matrix, font, fontsize, scaling, rise, text, font.char_width(cid),
            font.char_disp(cid), ncs, graphicstate,
        )  # fmt: skip
        self.cur_item.add(item)
        return float(item.adv)

    def handle_undefined_char(self, font: PDFFont, cid: int) -> str:
        if isinstance(font, PDFSimpleFont) and cid in _WINANSI_BULLETS:
            return "•"
        return super().handle_undefined_char(font, cid)

    def paint_path(
        self,
        gstate: PDFGraphicState,
        stroke: bool,
        fill: bool,
        evenodd: bool,
        path: Sequence[PathSegment],
    ) -> None:
        self.paths += 1
        if self.paths > MAX_PATHS:
            raise _TooMuch
        super().paint_path(gstate, stroke, fill, evenodd, path)


def _has_image(item: LTContainer) -> bool:
    for child in item:
        if isinstance(child, LTImage):
            return True
        if isinstance(child, LTContainer) and _has_image(child):
            return True
    return False


def _lines(layout: LTPage, page: int, unmapped: list[int]) -> Iterator[PdfLine]:
    """The page's text lines in pdfminer's reading order, top measured from the top."""
    height = float(layout.height)
    # a line pdfminer leaves outside any text box (a line of one glyph without a Unicode
    # value, such as a list's bullet) is a box of its own
    boxes = [item for item in layout if isinstance(item, LTTextBox | LTTextLine)]
    for box_no, box in enumerate(boxes):
        for item in [box] if isinstance(box, LTTextLine) else box:
            if not isinstance(item, LTTextLine):
                continue
            raw = item.get_text()
            unmapped[0] += raw.count("(cid:")
            unmapped[1] += len(raw)
            # a glyph without a Unicode value: a bullet at the line's start, else dropped
            text = _CID.sub("", _LEADING_CID.sub("• ", raw)).translate(_CHARACTERS)
            text = " ".join(text.split())
            if not text:
                continue
            chars = [c for c in item if isinstance(c, LTChar)]
            sizes, bold, colour = _font(chars)
            if not sizes:
                continue
            # the characters' origin: where they stand, whatever their glyphs' heights
            baseline = float(statistics.median(float(c.matrix[5]) for c in chars))
            yield PdfLine(
                page=page,
                box=box_no,
                box_x0=float(box.x0),
                box_x1=float(box.x1),
                x0=float(item.x0),
                x1=float(item.x1),
                top=height - float(item.y1),
                bottom=height - float(item.y0),
                text=text,
                size=sizes,
                bold=bold,
                colour=colour,
                page_height=height,
                word2_x0=_second_word_x0(item),
                baseline=height - baseline,
            )


def _second_word_x0(line: LTTextLine) -> float:
    """Where the line's second word starts (after a list item's bullet or number, the
    text that its wrapped lines hang under), or the line's start if it has one word."""
    seen_text = seen_gap = False
    previous: LTChar | None = None
    for item in line:
        visible = bool(item.get_text().strip())
        if isinstance(item, LTChar) and visible:
            wide_gap = previous is not None and item.x0 - previous.x1 > 0.25 * float(item.size)
            if seen_text and (seen_gap or wide_gap):
                return float(item.x0)
            seen_text, previous = True, item
        elif seen_text and not visible:
            seen_gap = True
    return float(line.x0)


def _rgb(value: object) -> str:
    """A fill colour as "r,g,b" in tenths, whatever its colour space (grey, RGB, CMYK),
    so that black is black whether set as "0 g" or "0 0 0 rg"; "" if it is not one."""
    if value is None:
        value = 0  # the initial fill colour: black
    if isinstance(value, int | float):
        parts: tuple[float, ...] = (float(value),) * 3
    elif isinstance(value, tuple | list) and all(isinstance(v, int | float) for v in value):
        numbers = [float(v) for v in value]
        if len(numbers) == 1:
            parts = (numbers[0],) * 3
        elif len(numbers) == 3:
            parts = tuple(numbers)
        elif len(numbers) == 4:
            c, m, y, k = numbers
            parts = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
        else:
            return ""
    else:
        return ""
    return ",".join(f"{round(min(max(v, 0.0), 1.0) * 10)}" for v in parts)


@functools.lru_cache(maxsize=256)
def _bold_face(fontname: str) -> bool:
    return _BOLD_FONT.search(fontname) is not None


def _font(chars: Iterable[LTChar]) -> tuple[float, bool, str]:
    """A line's font size (the median of its characters'), whether it is bold (four in
    five of its visible characters in a bold face) and its colour (its first visible
    character's fill colour, as text). Size 0 for a line of turned characters (a
    watermark across the page, a note up its margin): it is not read."""
    sizes: list[float] = []
    bold = turned = 0
    colour = ""
    for char in chars:
        if not char.get_text().strip():
            continue
        a, b, c, d = char.matrix[:4]
        if a <= 0 or d <= 0 or abs(b) > 0.05 * a or abs(c) > 0.05 * d:
            turned += 1
        if not sizes:
            colour = _rgb(getattr(char.graphicstate, "ncolor", None))
        sizes.append(round(float(char.size), 1))
        if isinstance(char, _StrokedChar) or _bold_face(str(char.fontname)):
            bold += 1
    if not sizes or turned * 2 > len(sizes):
        return 0.0, False, colour
    return float(statistics.median(sizes)), bold >= 0.8 * len(sizes), colour

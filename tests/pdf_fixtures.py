"""Releases of the co-operation family written for the PDF tests, and their rendering
as PDF files with fpdf2 the way word processors and "print to PDF" lay them out: a
larger bold title, bold area headings, justified paragraphs wrapped at the margin with
words hyphenated at line ends, a running header, a footer "Page N of M" and page breaks
inside paragraphs. Invented text (not a real release): Hainan and Macao, Guizhou and
Hong Kong.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import TextMode

#: A release as the text parser reads it: title, date line, lead paragraphs, then each
#: area's heading and commitment paragraphs, then the signed documents and "Ends".
HAINAN_TITLE = "Hainan and Macao hold Fourth Co-operation Joint Conference in Haikou"
HAINAN_DATE = "2025-03-18"
HAINAN_LEAD = [
    "The Chief Executive of the Macao Special Administrative Region, Mr Sam Hou-fai, and "
    "the Governor of Hainan Province led their delegations to the Fourth Plenary Session "
    "of the Hainan/Macao Co-operation Joint Conference in Haikou today (March 18). The two "
    "sides looked back on the development of their relations since the last session and "
    "discussed the next steps of their co-operation.",
    "Hainan and Macao reached consensus on the following five areas of co-operation:",
]
HAINAN_AREAS: list[tuple[str, list[str]]] = [
    (
        "Trade and Investment",
        [
            "Encourage Hainan enterprises to make use of Macao as a service platform for "
            "commercial and trade co-operation with Portuguese-speaking countries, and "
            "jointly hold investment promotion seminars in Lisbon, Sao Paulo and Luanda.",
            "Support the development of cross-boundary e-commerce between the free trade "
            "port and Macao, and simplify customs clearance for goods of the two places.",
        ],
    ),
    (
        "Tourism and Leisure",
        [
            "The two sides will jointly develop multi-destination itineraries combining "
            "island holidays in Sanya with heritage walks in Macao, and promote them to "
            "travellers from Southeast Asia through travel agencies of the two places.",
            "Strengthen the co-operation of cruise operators and explore new cruise routes "
            "between Haikou, Sanya and Macao for the international market.",
        ],
    ),
    (
        "Traditional Chinese Medicine",
        [
            "Support the Guangdong-Macao In-depth Cooperation Zone and Hainan medical "
            "institutions in the registration of traditional Chinese medicine products, "
            "and promote their entry into Portuguese-speaking markets.",
        ],
    ),
    (
        "Education and Talent",
        [
            "Encourage universities of the two places to offer joint degree programmes in "
            "hospitality management, tropical agriculture and marine science, and to "
            "exchange teachers and students every academic year.",
            "Organise internship programmes for young people of Macao in enterprises of "
            "the Hainan Free Trade Port, and provide assistance for accommodation.",
        ],
    ),
    (
        "Marine Economy",
        [
            "Deepen the co-operation in marine scientific research, fishery management and "
            "the protection of coral reefs, and establish a joint working group for the "
            "development of the marine economy.",
        ],
    ),
]
HAINAN_SIGNED = [
    "Agreement on Co-operation in Tourism between the Hainan Provincial Department of "
    "Tourism, Culture, Radio, Television and Sports and the Macao Government Tourism Office",
    "Memorandum of Understanding on Talent Exchange between Hainan and Macao",
]


@dataclass
class Release:
    title: str
    date: str
    lead: list[str]
    areas: list[tuple[str, list[str]]]
    signed: list[str] = field(default_factory=list)
    headings: bool = True  # False: the areas' headings are left out (lost headings)
    ends: str = "Ends"  # the closing line ("Ends/Tuesday, September 3, 2024")
    #: paragraphs after the areas under a heading of their own (a signing section),
    #: "• " opening a list item; used instead of ``signed`` when given
    closing_heading: str = ""
    closing: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The release as a plain-text file."""
        parts = [self.title, *([self.date] if self.date else []), *self.lead]
        for name, commitments in self.areas:
            if self.headings:
                parts.append(name)
            parts.extend(commitments)
        if self.closing_heading:
            parts.append(self.closing_heading)
        parts.extend(self.closing)
        if self.signed and not self.closing:
            parts.append("The following documents were signed at the conference:")
            parts.extend(f"• {doc}" for doc in self.signed)
        parts.append(self.ends)
        return "\n\n".join(parts) + "\n"


def hainan(**kwargs: object) -> Release:
    return Release(HAINAN_TITLE, HAINAN_DATE, HAINAN_LEAD, HAINAN_AREAS, HAINAN_SIGNED, **kwargs)  # type: ignore[arg-type]


# --- rendering ---------------------------------------------------------------------------


@dataclass
class Style:
    header: str = "Information Services Department · Press Releases"
    footer: bool = True  # ``footer_text`` centred at the foot of each page
    footer_text: str = "Page {n} of {nb}"
    #: a browser's "print to PDF": the date and the page's title at the top of each
    #: page, its address and "n/m" at the foot (instead of ``header`` and ``footer``)
    browser: bool = False
    first_page_header: bool = True  # False: the header from the second page on
    #: the header in small grey type across the page's top, wider than the text (its
    #: left part before the left margin, ``header`` reaching past the right margin)
    wide_header: str = ""
    #: each word drawn on its own at its place, without space characters (as Microsoft
    #: Print to PDF and typesetting programs write text)
    spaceless: bool = False
    #: a watermark across each page (turned 45°) and a note up its left margin
    watermark: str = ""
    body_bold: bool = False  # the whole text set in bold (headings told by size alone)
    font: str = "Helvetica"
    size: float = 11
    heading_bold: bool = True
    heading_size: float = 11  # the same as the body: told by weight alone
    heading_colour: tuple[int, int, int] | None = None  # (Word's headings are blue)
    #: headings in the regular face filled and stroked: a browser's synthetic bold
    heading_stroke: bool = False
    indent: float = 0  # first-line indent of paragraphs, in mm
    para_gap: float = 3  # space between paragraphs, in mm
    page_height: float = 297
    bottom_margin: float = 22
    columns: int = 1
    #: each line but a paragraph's last justified by drawing its words one by one, the
    #: gaps between them widened to reach the column's edge (as reportlab does: in a
    #: narrow column pdfminer makes each word a line of its own)
    justify_words: bool = False
    #: paragraphs wrapped at this many characters, not at the column's width (as
    #: matplotlib's text and plain-text tools wrap): ragged lines, some ended short
    wrap_chars: int = 0
    #: a note in small type at the end, after "Ends" ("* The Chinese text prevails.")
    footnote: str = ""
    #: the signed documents' list marks: a glyph, "\x7f" (reportlab's bullet: code 127
    #: in Helvetica, which has no Unicode value), or "1." for numbers (one, two …)
    bullet: str = "-"
    #: the list mark's cell width (mm): a wide one is laid out apart from its text
    bullet_width: float = 6


#: "DejaVu": a TrueType font embedded as a subset with a ToUnicode map, as Word and
#: LibreOffice embed theirs (the core fonts are Latin-1 only, so bullets need it).
UNICODE_FONT = "DejaVu"


class _Doc(FPDF):
    def __init__(self, style: Style) -> None:
        super().__init__(format=(210, style.page_height))
        self.style = style
        if style.font == UNICODE_FONT:
            fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
            for face, file in (("", ""), ("B", "-Bold"), ("I", "-Oblique")):
                self.add_font(UNICODE_FONT, face, fonts / f"DejaVuSans{file}.ttf")
        self.set_auto_page_break(True, margin=style.bottom_margin)
        self.alias_nb_pages()

    def header(self) -> None:
        if self.style.watermark:
            with self.local_context(text_color=(200, 200, 200)):
                self.set_font(self.style.font, "B", 60)
                with self.rotation(45, 105, self.style.page_height / 2):
                    self.text(45, self.style.page_height / 2, self.style.watermark)
                self.set_font(self.style.font, "", 7)
                with self.rotation(90, 8, self.style.page_height - 30):
                    self.text(8, self.style.page_height - 30, "Ref. HM/2025/03 - for the record")
        if self.style.browser:
            self.set_font(self.style.font, "", 8)
            self.set_x(5)
            self.cell(60, 5, "18/03/2025, 21:47")
            self.set_x(70)
            self.cell(110, 5, "Hainan and Macao hold Joint Conference | press releases", align="C")
            self.ln(15)
        elif self.style.wide_header:
            with self.local_context(text_color=(128, 128, 128)):
                self.set_font(self.style.font, "", 8)
                self.set_xy(8, 8)
                self.cell(90, 6, self.style.wide_header)
                self.set_x(100)
                self.cell(105, 6, self.style.header, align="R")
            self.set_y(20)
        elif self.style.header and (self.style.first_page_header or self.page_no() > 1):
            self.set_font(self.style.font, "I", 8)
            self.cell(0, 6, self.style.header, align="R")
            self.ln(12)

    def footer(self) -> None:
        if self.style.browser:
            self.set_y(-10)
            self.set_font(self.style.font, "", 8)
            self.set_x(5)
            self.cell(150, 5, "https://www.example.gov/press/2025/03/18/hainan-macao.htm")
            self.set_x(190)
            self.cell(15, 5, f"{self.page_no()}/{{nb}}", align="R")
        elif self.style.footer:
            self.set_y(-15)
            self.set_font(self.style.font, "", 8)
            text = self.style.footer_text.format(n=self.page_no(), nb="{nb}")
            self.cell(0, 8, text, align="C")


def _wrap(pdf: FPDF, text: str, width: float, indent: float = 0) -> list[str]:
    """Lines of ``text`` at most ``width`` wide (the first ``indent`` less), a long word
    hyphenated at the line end where it has a hyphen or a syllable break, as a word
    processor does."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if pdf.get_string_width(trial) <= width - (0 if lines else indent):
            line = trial
            continue
        head, tail = _hyphenate(pdf, line, word, width - (0 if lines else indent))
        if head:
            lines.append(f"{line} {head}" if line else head)
            line = tail
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _hyphenate(pdf: FPDF, line: str, word: str, width: float) -> tuple[str, str]:
    """Split ``word`` as "co-"/"operation" or "develop-"/"ment" so that the head fits."""
    core = word.rstrip(".,;:")
    if len(core) < 8:
        return "", word
    cuts = [i + 1 for i, ch in enumerate(core[:-3]) if ch == "-" and i >= 1]
    cuts += [
        i
        for i in range(3, len(core) - 3)
        if core[i - 1].isalpha() and core[i] not in "aeiou-" and core[i + 1] in "aeiou"
    ]
    for cut in sorted(cuts, reverse=True):
        head = core[:cut] if core[cut - 1] == "-" else core[:cut] + "-"
        if pdf.get_string_width(f"{line} {head}" if line else head) <= width:
            return head, word[cut:]
    return "", word


def release_pdf(release: Release, style: Style | None = None) -> bytes:
    """``release`` as a PDF laid out with ``style``."""
    style = style or Style()
    pdf = _Doc(style)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    width = (pdf.epw - 8 * (style.columns - 1)) / style.columns
    line_h = style.size * 0.45
    top = [pdf.get_y()]  # where the columns of the page begin (below its header)
    column = [0]

    def room(height: float) -> None:
        """Go on in the next column, or on a new page, when ``height`` does not fit."""
        if not pdf.will_page_break(height):
            return
        if column[0] + 1 < style.columns:
            column[0] += 1
            pdf.set_left_margin(20 + column[0] * (width + 8))
            pdf.set_y(top[0])
            return
        column[0] = 0
        pdf.set_left_margin(20)
        pdf.add_page()
        top[0] = pdf.get_y()

    def paragraph(text: str, *, bullet: str = "") -> None:
        pdf.set_font(style.font, "B" if style.body_bold else "", style.size)
        mark = style.bullet_width if bullet else 0
        first = pdf.l_margin + (style.indent if not bullet else 0)
        if style.wrap_chars:
            lines = textwrap.wrap(text, style.wrap_chars, break_on_hyphens=False)
        else:
            lines = _wrap(pdf, text, width - mark, first - pdf.l_margin)
        for i, line in enumerate(lines):
            room(line_h)
            first = pdf.l_margin + (style.indent if not bullet else 0)
            x = first if i == 0 else pdf.l_margin
            if bullet:
                if i == 0:
                    pdf.set_x(pdf.l_margin)
                    pdf.cell(mark, line_h, bullet)
                x = pdf.l_margin + mark
            pdf.set_x(x)
            words = line.split()
            if style.justify_words and i < len(lines) - 1 and len(words) > 1:
                widths = [pdf.get_string_width(word) for word in words]
                gap = (pdf.l_margin + width - x - sum(widths)) / (len(words) - 1)
                for word, word_width in zip(words, widths, strict=True):
                    pdf.cell(word_width, line_h, word)
                    pdf.set_x(pdf.get_x() + gap)
            elif style.spaceless:
                space = pdf.get_string_width(" ")
                for word in line.split():
                    pdf.cell(pdf.get_string_width(word), line_h, word)
                    pdf.set_x(pdf.get_x() + space)
            else:
                pdf.cell(width, line_h, line)
            pdf.ln(line_h)
        pdf.ln(style.para_gap)

    def heading(text: str, size: float) -> None:
        pdf.set_font(style.font, "B" if style.heading_bold else "", size)
        room(line_h * 3)
        pdf.ln(2)
        if style.heading_colour:
            pdf.set_text_color(*style.heading_colour)
        mode = TextMode.FILL_STROKE if style.heading_stroke else TextMode.FILL
        lines: list[str] = []
        for word in text.split():  # wrapped at the column, never hyphenated
            if lines and pdf.get_string_width(f"{lines[-1]} {word}") <= width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        with pdf.local_context(text_mode=mode):  # (q … Q: the mode ends with the heading)
            for line in lines:  # line by line, each where room() says (not fpdf's breaks)
                room(size * 0.5)
                pdf.set_x(pdf.l_margin)
                pdf.cell(width, size * 0.5, line)
                pdf.ln(size * 0.5)
        pdf.set_text_color(0, 0, 0)
        pdf.ln(style.para_gap)

    heading(release.title, 15)
    if release.date:
        paragraph(release.date)
    for text in release.lead:
        paragraph(text)
    for name, commitments in release.areas:
        if release.headings:
            heading(name, style.heading_size)
        for text in commitments:
            paragraph(text)
    if release.closing_heading:
        heading(release.closing_heading, style.heading_size)
    for text in release.closing:
        if text.startswith("• "):
            paragraph(text[2:], bullet="•" if style.font == UNICODE_FONT else "-")
        else:
            paragraph(text)
    if release.signed and not release.closing:
        paragraph("The following documents were signed at the conference:")
        for n, doc in enumerate(release.signed, 1):
            paragraph(doc, bullet=f"{n}." if style.bullet == "1." else style.bullet)
    paragraph(release.ends)
    if style.footnote:
        pdf.set_font(style.font, "", 7)
        pdf.ln(4)
        pdf.multi_cell(width, 3.5, style.footnote)
    return bytes(pdf.output())

"""A release of the co-operation family written once, built as plain text and as a Word
file (python-docx) with the noise real Word files carry: a title style, a header and a
footer with a page-number field, headings styled or only bold, list paragraphs, a table
of contacts, soft line breaks inside paragraphs."""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

TITLE = "Hubei and Macao hold second co-operation joint conference in Wuhan"
DATELINE = "Wuhan, 18 September 2024"
INTRO = [
    "The Second Plenary Session of the Hubei-Macao Co-operation Joint Conference took place "
    "in Wuhan on 18 September 2024, chaired jointly by the Governor of Hubei Province and the "
    "Chief Executive of the Macao Special Administrative Region.",
    "Building on the framework set up at the first session, the two sides reviewed what had "
    "been done over the past two years and mapped out the next steps.",
]
STATED = "Hubei and Macao agreed to work together in the following five co-operation areas:"

#: Area heading → its commitment paragraphs.
AREAS: dict[str, list[str]] = {
    "Economy and Trade": [
        "Support Hubei manufacturers in using Macao as a platform to reach Portuguese-speaking "
        "markets, and hold a joint trade fair in Macao every year.",
        "Both sides will simplify the procedures for Macao investors setting up enterprises in "
        "the Wuhan East Lake High-tech Zone.",
    ],
    "Financial Services": [
        "Encourage Hubei enterprises to issue bonds in Macao and to settle cross-border trade in "
        "renminbi through Macao banks.",
        "Explore a joint fund for small and medium enterprises, managed by financial "
        "institutions of the two places.",
    ],
    "Culture and Tourism": [
        "Promote multi-destination travel routes linking the Three Gorges with Macao's historic "
        "centre, and invite travel agencies of each side to inspection tours.",
        "Strengthen exchanges between museums and performing troupes, and stage a Hubei culture "
        "week in Macao in 2025.",
    ],
    "Education and Youth": [
        "Expand the exchange of students between universities in Wuhan and Macao, with more "
        "scholarships for postgraduate study.",
        "Organise summer internships for Macao young people in Hubei enterprises and research "
        "institutes.",
    ],
    "Health Care": [
        "Deepen co-operation in traditional Chinese medicine, including joint clinical research "
        "and the registration of Hubei medicines in Macao.",
        "Set up a mechanism for sharing information on public health emergencies between the "
        "health authorities of the two sides.",
    ],
}

SIGNED_HEADING = "Documents signed at the conference"
SIGNED = [
    "Memorandum of Understanding on Tourism Co-operation between Hubei and Macao",
    "Framework Agreement on Strengthening Co-operation in Traditional Chinese Medicine",
]
END = "Ends"


def release_text(areas: dict[str, list[str]] | None = None, lost: tuple[str, ...] = ()) -> str:
    """The release as a plain-text file: headings as lines of their own (``lost``:
    headings left out, their paragraphs kept)."""
    areas = AREAS if areas is None else areas
    lines = [TITLE, DATELINE, *INTRO, STATED]
    for heading, paras in areas.items():
        if heading not in lost:
            lines.append(heading)
        lines.extend(paras)
    lines.append(SIGNED_HEADING)
    lines.extend(f"• {doc}" for doc in SIGNED)
    lines.append(END)
    return "\n\n".join(lines) + "\n"


def field_run(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complex field (``{ PAGE }``, ``{ HYPERLINK … }``) in ``paragraph``, showing ``shown``."""
    p = paragraph._p
    for inner in (
        '<w:fldChar w:fldCharType="begin"/>',
        f'<w:instrText xml:space="preserve"> {instruction} </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        f'<w:t xml:space="preserve">{shown}</w:t>',
        '<w:fldChar w:fldCharType="end"/>',
    ):
        p.append(parse_xml(f"<w:r {nsdecls('w')}>{inner}</w:r>"))


def soft_broken(paragraph: Paragraph, text: str) -> None:
    """``text`` in ``paragraph`` with a soft line break (Shift+Enter) near its middle."""
    words = text.split()
    half = len(words) // 2
    run = paragraph.add_run(" ".join(words[:half]))
    run.add_break()
    paragraph.add_run(" ".join(words[half:]))


@dataclass
class WordRelease:
    """How the Word file is built; every choice changes only the layout, not the text."""

    areas: dict[str, list[str]] = field(default_factory=lambda: dict(AREAS))
    lost: tuple[str, ...] = ()
    bold_headings: tuple[str, ...] = ("Culture and Tourism", "Health Care")  # the rest: Heading 2
    signed_as: str = "List Bullet"
    #: page furniture typed into the body at page breaks, as some writers do: "Page 1 of 2"
    #: and a running head before a heading, "- 2 -" and the title again inside an area
    typed_furniture: bool = False

    def build(self) -> bytes:
        doc: Any = Document()
        section = doc.sections[0]
        section.header.paragraphs[0].text = "Hubei Provincial People's Government - Press Release"
        footer = section.footer.paragraphs[0]
        footer.add_run("Page ")
        field_run(footer, "PAGE", "1")
        footer.add_run(" of ")
        field_run(footer, "NUMPAGES", "2")
        doc.add_heading(TITLE, level=0)
        doc.add_paragraph(DATELINE, style="Subtitle")
        for para in INTRO:
            doc.add_paragraph(para)
        doc.add_paragraph(STATED)
        for n, (heading, paras) in enumerate(self.areas.items()):
            if self.typed_furniture and n == 2:
                doc.add_paragraph("Page 1 of 2")
                doc.add_paragraph("Government of the Macao SAR")
            if heading not in self.lost:
                if heading in self.bold_headings:
                    doc.add_paragraph().add_run(heading).bold = True
                else:
                    doc.add_heading(heading, level=2)
            for i, para in enumerate(paras):
                if self.typed_furniture and n == 3 and i == 1:
                    doc.add_paragraph("- 2 -")
                    doc.add_paragraph(TITLE)
                if (n + i) % 3 == 0:
                    soft_broken(doc.add_paragraph(), para)
                else:
                    doc.add_paragraph(para)
        doc.add_heading(SIGNED_HEADING, level=2)
        for title in SIGNED:
            doc.add_paragraph(title, style=self.signed_as)
        doc.add_paragraph(END)
        doc.add_paragraph("")
        table = doc.add_table(rows=3, cols=3)
        for row, cells in zip(
            table.rows,
            (
                ("Media enquiries", "Office", "Telephone"),
                ("Ms Chan Wing-yee", "Government Information Bureau", "+853 2833 2886"),
                ("Mr Li Wei", "Hubei Foreign Affairs Office", "+86 27 8723 6000"),
            ),
            strict=True,
        ):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
        out = BytesIO()
        doc.save(out)
        return out.getvalue()

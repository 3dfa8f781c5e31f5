"""Word (.docx) releases: the structure Word gives (heading styles, bold lines, lists),
what is not a commitment (tables, headers, footers, fields, text boxes, deleted text),
the same IDs as the same release saved as text, and bad Word files refused in one line.
The Word files are made here with python-docx (``docx_support``)."""

from __future__ import annotations

import io
import json
import textwrap
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt
from docx_support import (
    AREAS,
    SIGNED,
    SIGNED_HEADING,
    STATED,
    TITLE,
    WordRelease,
    field_run,
    release_text,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from parsers import InputError, Meeting, parse_bytes
from parsers.docx_text import docx_to_text
from parsers.formats import release_from_bytes, sniff
from tui.cli import main

W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def saved(doc: Document) -> bytes:  # type: ignore[valid-type]
    out = io.BytesIO()
    doc.save(out)  # type: ignore[attr-defined]
    return out.getvalue()


def body_xml(doc: object, xml: str) -> None:
    """Raw WordprocessingML appended to the body (before its section properties)."""
    body = doc.element.body  # type: ignore[attr-defined]
    body.sectPr.addprevious(parse_xml(xml))


def outline(meeting: Meeting) -> tuple[object, ...]:
    """What a user sees of a parse: the meeting, its areas and commitments with their
    IDs, the signed documents and the warnings."""
    return (
        meeting.id,
        meeting.title,
        meeting.date,
        meeting.place,
        meeting.parties,
        meeting.stated_area_count,
        [
            (a.id, a.name, a.heading_inferred, [(c.id, c.text) for c in a.commitments])
            for a in meeting.areas
        ],
        [d.title for d in meeting.signed_documents],
        meeting.warnings,
    )


# -- the same release as text and as Word -------------------------------------------


def test_the_same_release_as_text_and_as_word_gives_the_same_meeting_and_ids() -> None:
    from_text = parse_bytes(release_text().encode("utf-8"), "hubei-macao.txt")
    from_word = parse_bytes(WordRelease().build(), "hubei-macao.docx")
    assert outline(from_word) == outline(from_text)
    assert [a.name for a in from_word.areas] == list(AREAS)
    assert from_word.stated_area_count == 5 and from_word.warnings == []
    assert [d.title for d in from_word.signed_documents] == SIGNED
    assert (from_word.date, from_word.place, from_word.title) == ("2024-09-18", "Wuhan", TITLE)


def test_a_lost_heading_in_a_word_file_is_inferred_as_in_the_text() -> None:
    lost = ("Culture and Tourism",)
    from_text = parse_bytes(release_text(lost=lost).encode("utf-8"), "r.txt")
    from_word = parse_bytes(WordRelease(lost=lost).build(), "r.docx")
    assert outline(from_word) == outline(from_text)
    assert len(from_word.areas) == 5
    assert any(a.heading_inferred for a in from_word.areas)
    assert any("missing" in w for w in from_word.warnings)


def test_signed_documents_in_a_numbered_list_are_found_as_in_the_text() -> None:
    numbered = release_text()
    for n, title in enumerate(SIGNED, 1):
        numbered = numbered.replace(f"• {title}", f"{n}. {title}")
    from_text = parse_bytes(numbered.encode("utf-8"), "r.txt")
    from_word = parse_bytes(WordRelease(signed_as="List Number").build(), "r.docx")
    assert [d.title for d in from_word.signed_documents] == SIGNED
    assert outline(from_word) == outline(from_text)


def test_signed_documents_as_plain_paragraphs_under_their_heading_are_found() -> None:
    """Titles typed as ordinary paragraphs (no list style) under "Documents signed at the
    conference", one of them set in bold: the same documents as the bulleted list."""
    doc_bytes = WordRelease(signed_as="Normal").build()
    assert "• " not in docx_to_text(doc_bytes, "r.docx")
    from_word = parse_bytes(doc_bytes, "r.docx")
    assert [d.title for d in from_word.signed_documents] == SIGNED
    assert from_word.warnings == []


def test_headers_footers_page_fields_and_tables_are_not_read() -> None:
    text = docx_to_text(WordRelease().build(), "r.docx")
    for noise in ("Press Release", "Page", "Ms Chan", "Media enquiries", "+853"):
        assert noise not in text
    # a paragraph with a soft line break is one line
    first = AREAS["Economy and Trade"][0]
    assert first in text.split("\n")
    assert text.startswith(f"# {TITLE}\n")


def test_page_numbers_and_running_heads_typed_into_the_body_are_not_commitments() -> None:
    """ "Page 1 of 2" and a running head typed at a page break, "- 2 -" and the title again
    inside an area: the same meeting as the text without them."""
    from_text = parse_bytes(release_text().encode("utf-8"), "r.txt")
    data = WordRelease(typed_furniture=True).build()
    assert "Page 1 of 2" in docx_to_text(data, "r.docx")  # typed, not a field: read …
    from_word = parse_bytes(data, "r.docx")
    assert outline(from_word) == outline(from_text)  # … and left out as page furniture
    texts = " ".join(c.text for c in from_word.commitments)
    assert "Page 1" not in texts and "Macao SAR" not in texts and "- 2 -" not in texts


# -- structure ----------------------------------------------------------------------


def test_heading_styles_custom_styles_outline_levels_bold_and_underlined_lines_are_headings() -> (
    None
):
    doc = Document()
    based = doc.styles.add_style("Area Title", WD_STYLE_TYPE.PARAGRAPH)
    based.base_style = doc.styles["Heading 2"]
    doc.add_paragraph("Port Logistics", style="Area Title")
    doc.add_heading("Green Energy", level=3)
    aliased = doc.styles.add_style("Area Title Old", WD_STYLE_TYPE.PARAGRAPH)
    aliased.name = "heading 2,H2,Area"  # a name with its aliases, as older converters write
    doc.add_paragraph("Smart Cities", style=aliased)
    translated = doc.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)  # as WPS Office names it
    doc.add_paragraph("Cross-border Data", style=translated)
    marked = doc.add_paragraph("Digital Economy")
    marked._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    doc.add_paragraph().add_run("Food Safety").bold = True
    half = doc.add_paragraph()
    half.add_run("Note: ").bold = True
    half.add_run("the figures are provisional")
    doc.add_paragraph().add_run("Both sides will hold a forum each year.").bold = True
    doc.add_paragraph().add_run("Water Resources").underline = True
    body_xml(
        doc,
        f'<w:p {nsdecls("w", "r")}><w:hyperlink r:id="rId99"><w:r><w:rPr><w:u w:val="single"/>'
        "</w:rPr><w:t>Macao Government Portal</w:t></w:r></w:hyperlink></w:p>",
    )
    lines = docx_to_text(saved(doc), "h.docx").split("\n")
    for heading in (
        "## Port Logistics",
        "### Green Energy",
        "## Digital Economy",
        "## Food Safety",
        "## Water Resources",
        "## Smart Cities",
        "## Cross-border Data",
    ):
        assert heading in lines
    assert "Macao Government Portal" in lines  # underlined as a link: not a heading
    assert "Note: the figures are provisional" in lines
    assert "Both sides will hold a forum each year." in lines


def test_short_lines_in_a_larger_type_are_headings() -> None:
    """A writer who styled nothing: the title and the headings only set larger."""
    doc = Document()
    for paragraph in release_text().strip().split("\n\n"):
        if paragraph.startswith("• "):
            doc.add_paragraph(paragraph[2:], style="List Bullet")
            continue
        run = doc.add_paragraph().add_run(paragraph)
        run.font.size = Pt(11)
        if paragraph == TITLE:
            run.font.size = Pt(16)
        elif paragraph in AREAS or paragraph == SIGNED_HEADING:
            run.font.size = Pt(13)
    lines = docx_to_text(saved(doc), "sized.docx").split("\n")
    assert "## Culture and Tourism" in lines and f"## {TITLE}" in lines
    expected = parse_bytes(release_text().encode("utf-8"), "r.txt")
    assert outline(parse_bytes(saved(doc), "sized.docx")) == outline(expected)


def test_numbered_and_bulleted_list_paragraphs() -> None:
    doc = Document()
    doc.add_paragraph("Shipping", style="List Number")
    doc.add_paragraph("Support more container routes between the ports of the two places.")
    doc.add_paragraph("Aviation", style="List Number")
    doc.add_paragraph("Increase direct flights between the two airports.", style="List Bullet")
    lines = [ln for ln in docx_to_text(saved(doc), "l.docx").split("\n") if ln]
    assert lines == [
        "1. Shipping",
        "Support more container routes between the ports of the two places.",
        "2. Aviation",
        "• Increase direct flights between the two airports.",
    ]


def test_list_labels_are_counted_as_word_draws_them() -> None:
    """Levels counted and reset, a list restarted by a second instance, Chinese counting."""
    doc = Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
            '<w:lvlText w:val="(%2)"/></w:lvl></w:abstractNum>'
        ),
    )
    for num_id, restart in (
        (90, ""),
        (91, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'),
    ):
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="90"/>'
                f"{restart}</w:num>"
            )
        )

    def item(text: str, num_id: int, level: int) -> None:
        p = doc.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                f'<w:numId w:val="{num_id}"/></w:numPr>'
            )
        )

    for text, num_id, level in (
        ("Finance", 90, 0),
        ("Support green bonds issued in Macao.", 90, 1),
        ("Encourage renminbi settlement.", 90, 1),
        ("Tourism", 90, 0),
        ("Promote joint travel routes.", 90, 1),
        ("Annex", 91, 0),
    ):
        item(text, num_id, level)
    lines = [ln for ln in docx_to_text(saved(doc), "n.docx").split("\n") if ln]
    assert lines == [
        "一、 Finance",
        "(a) Support green bonds issued in Macao.",
        "(b) Encourage renminbi settlement.",
        "二、 Tourism",
        "(a) Promote joint travel routes.",
        "一、 Annex",
    ]


def test_numbered_list_paragraphs_as_area_headings_give_the_areas() -> None:
    doc = Document()
    doc.add_paragraph(TITLE, style="Title")
    doc.add_paragraph("Wuhan, 18 September 2024")
    doc.add_paragraph("The two sides reached consensus on the following three co-operation areas:")
    for heading, paras in list(AREAS.items())[:3]:
        doc.add_paragraph(heading, style="List Number")
        for para in paras:
            doc.add_paragraph(para)
    meeting = parse_bytes(saved(doc), "numbered.docx")
    assert [a.name for a in meeting.areas] == list(AREAS)[:3]
    assert [c.text for c in meeting.areas[0].commitments] == AREAS["Economy and Trade"]
    assert meeting.warnings == []


def test_tracked_changes_are_read_as_accepted() -> None:
    doc = Document()
    body_xml(
        doc,
        f'<w:p {nsdecls("w")}><w:r><w:t xml:space="preserve">Support </w:t></w:r>'
        '<w:ins w:id="1" w:author="Editor" w:date="2024-09-01T00:00:00Z"><w:r>'
        '<w:t xml:space="preserve">joint </w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="Editor" w:date="2024-09-01T00:00:00Z"><w:r>'
        '<w:delText xml:space="preserve">separate </w:delText></w:r></w:del>'
        "<w:r><w:t>trade fairs in Macao.</w:t></w:r></w:p>",
    )
    body_xml(
        doc,
        f'<w:p {nsdecls("w")}><w:pPr><w:rPr><w:del w:id="3" w:author="Editor" '
        'w:date="2024-09-01T00:00:00Z"/></w:rPr></w:pPr>'
        "<w:r><w:t>Encourage the banks of the two places</w:t></w:r></w:p>",
    )
    body_xml(
        doc,
        f'<w:p {nsdecls("w")}><w:r><w:t xml:space="preserve"> to open branches.</w:t></w:r></w:p>',
    )
    # python-docx's own text skips the insertion: the walk of the XML is needed
    assert doc.paragraphs[0].text == "Support trade fairs in Macao."
    lines = [ln for ln in docx_to_text(saved(doc), "t.docx").split("\n") if ln]
    assert lines == [
        "Support joint trade fairs in Macao.",
        "Encourage the banks of the two places to open branches.",
    ]


def test_fields_text_boxes_hidden_text_and_the_table_of_contents_are_dropped() -> None:
    doc = Document()
    body_xml(
        doc,
        f'<w:p {nsdecls("w")}><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>'
        '<w:instrText xml:space="preserve"> TOC \\o "1-3" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Finance 1</w:t></w:r></w:p>',
    )
    body_xml(doc, f"<w:p {nsdecls('w')}><w:r><w:t>Tourism 2</w:t></w:r></w:p>")
    body_xml(
        doc,
        f"<w:p {nsdecls('w')}><w:r><w:t>Aviation 3</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
    )
    para = doc.add_paragraph("Details are on ")
    field_run(para, 'HYPERLINK "https://www.gov.mo"', "the Macao government portal")
    para.add_run(", page ")
    field_run(para, "PAGE", "7")
    para.add_run(".")
    hidden = doc.add_paragraph("Strengthen co-operation on ports.")
    hidden.add_run(" DRAFT ONLY").font.hidden = True
    boxed = doc.add_paragraph("Promote the tea trade.")
    boxed._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml">'
            "<w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>"
            "<w:t>Photo: the delegates in Wuhan</w:t></w:r></w:p></w:txbxContent></v:textbox>"
            "</v:shape></w:pict></w:r>"
        )
    )
    lines = [ln for ln in docx_to_text(saved(doc), "f.docx").split("\n") if ln]
    assert lines == [
        "Details are on the Macao government portal, page .",
        "Strengthen co-operation on ports.",
        "Promote the tea trade.",
    ]


def test_line_breaks_end_a_paragraph_only_at_an_empty_line_or_after_a_bold_heading() -> None:
    doc = Document()
    pasted = doc.add_paragraph()
    pasted.add_run("Finance").bold = True
    pasted.add_run().add_break()
    pasted.add_run("Encourage the issuing of green bonds")
    pasted.add_run().add_break()
    pasted.add_run("in the Macao market.")
    pasted.add_run().add_break()
    pasted.add_run().add_break()
    pasted.add_run("Support a joint fund for small enterprises.")
    control = doc.add_paragraph("Contact: ")
    control._p.append(
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r>"
            "<w:t>Click or tap here to enter text.</w:t></w:r></w:sdtContent></w:sdt>"
        )
    )
    control.add_run("the press office")
    lines = [ln for ln in docx_to_text(saved(doc), "b.docx").split("\n") if ln]
    assert lines == [
        "## Finance",
        "Encourage the issuing of green bonds in the Macao market.",
        "Support a joint fund for small enterprises.",
        "Contact: the press office",
    ]


def test_commitments_typed_one_per_line_with_soft_breaks_stay_apart() -> None:
    """Each area's commitments in one paragraph, one per line (Shift+Enter): as many
    commitments, with the same IDs, as the text with a paragraph each; a line broken
    mid-sentence (before a capitalised name, after "Mr.") is still joined."""
    intro = "Wuhan, 18 September 2024. The conference was chaired by Mr. Ho and the Governor "
    doc = Document()
    doc.add_heading(TITLE, level=0)
    p = doc.add_paragraph("Wuhan, 18 September 2024. The conference was chaired by Mr.")
    p.add_run().add_break()
    p.add_run("Ho and the Governor of Hubei, who spoke of the Greater")
    p.add_run().add_break()
    p.add_run("Bay Area.")
    doc.add_paragraph(STATED)
    for heading, paras in AREAS.items():
        doc.add_heading(heading, level=2)
        p = doc.add_paragraph()
        for i, para in enumerate(paras):
            if i:
                p.add_run().add_break()
            p.add_run(para)
    intro += "of Hubei, who spoke of the Greater Bay Area."
    assert intro in docx_to_text(saved(doc), "r.docx").split("\n")
    m = parse_bytes(saved(doc), "r.docx")
    assert [[c.text for c in a.commitments] for a in m.areas] == list(AREAS.values())
    lines = [TITLE, intro, STATED]
    for heading, paras in AREAS.items():
        lines += [heading, *paras]
    ref = parse_bytes("\n\n".join(lines).encode("utf-8"), "r.txt")
    assert [c.id for c in m.commitments] == [c.id for c in ref.commitments]
    assert [a.id for a in m.areas] == [a.id for a in ref.areas]


def test_a_list_of_documents_signed_typed_with_soft_breaks_is_read_title_by_title() -> None:
    """'The two sides signed the following documents:' and each title on a line of its own
    (Shift+Enter), no full stops: the titles are read one by one."""
    doc = Document()
    doc.add_heading(TITLE, level=0)
    doc.add_paragraph(STATED)
    for heading, paras in AREAS.items():
        doc.add_heading(heading, level=2)
        for para in paras:
            doc.add_paragraph(para)
    p = doc.add_paragraph("The two sides signed the following documents:")
    for title in SIGNED:
        p.add_run().add_break()
        p.add_run(title)
    m = parse_bytes(saved(doc), "r.docx")
    assert [d.title for d in m.signed_documents] == SIGNED
    assert [[c.text for c in a.commitments] for a in m.areas] == list(AREAS.values())


def _boxed(paragraphs: list[str]) -> str:
    """A paragraph anchoring a text box that holds ``paragraphs``, as Word writes it: the
    box in DrawingML for new readers and again in VML as the fallback for old ones."""
    inner = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    return (
        f'<w:p {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:v="urn:schemas-microsoft-com:vml"><w:r><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
        f"<w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox>"
        f"<w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )


def test_a_release_laid_out_in_text_boxes_is_read_from_them_once() -> None:
    doc = Document()
    areas = list(AREAS.items())[:2]
    for heading, paras in areas:
        body_xml(doc, _boxed([heading, *paras]))
    lines = [ln for ln in docx_to_text(saved(doc), "boxes.docx").split("\n") if ln]
    assert lines == [text for heading, paras in areas for text in (heading, *paras)]
    # beside a body of text, a text box is a caption or a pull quote: not read
    body = [text for paras in AREAS.values() for text in paras]
    for text in body:
        doc.add_paragraph(text)
    assert [ln for ln in docx_to_text(saved(doc), "boxes.docx").split("\n") if ln] == body


@pytest.mark.parametrize("empty_between", [True, False], ids=["empty-paragraphs", "spacing"])
def test_a_paragraph_per_printed_line_is_joined_as_a_wrapped_text(empty_between: bool) -> None:
    """A PDF converted to Word may keep each printed line as a paragraph, paragraphs
    apart by an empty one or by spacing only."""
    doc = Document()
    for paragraph in release_text().strip().split("\n\n"):
        for line in textwrap.wrap(paragraph, 78, break_on_hyphens=False):
            doc.add_paragraph(line)
        if empty_between:
            doc.add_paragraph()
    expected = parse_bytes(release_text().encode("utf-8"), "r.txt")
    assert outline(parse_bytes(saved(doc), "converted.docx")) == outline(expected)


def test_commitments_without_full_stops_stay_apart() -> None:
    """Paragraphs that do not end a sentence are not taken for printed lines when each
    starts a sentence of its own."""
    areas = {name: [p.rstrip(".") for p in paras] for name, paras in AREAS.items()}
    expected = parse_bytes(release_text(areas).encode("utf-8"), "r.txt")
    from_word = parse_bytes(WordRelease(areas=areas).build(), "r.docx")
    assert outline(from_word) == outline(expected)
    assert [len(a.commitments) for a in from_word.areas] == [2] * 5


def test_a_release_laid_out_in_a_table_of_two_columns_is_read_from_it() -> None:
    """A page template: a narrow column for the logo, the release in the other."""
    doc = Document()
    paragraphs = release_text().strip().split("\n\n")
    frame = doc.add_table(rows=1, cols=2)
    logo, text = frame.rows[0].cells
    logo.text = ""
    text.text = paragraphs[0]
    for paragraph in paragraphs[1:]:
        if paragraph in AREAS:
            text.add_paragraph().add_run(paragraph).bold = True
        else:
            text.add_paragraph(paragraph)
    contacts = doc.add_table(rows=1, cols=3)
    for cell, value in zip(
        contacts.rows[0].cells, ("Enquiries", "Ms Chan", "+853 2833 2886"), strict=True
    ):
        cell.text = value
    expected = parse_bytes(release_text().encode("utf-8"), "r.txt")
    assert outline(parse_bytes(saved(doc), "framed.docx")) == outline(expected)


@pytest.mark.parametrize(
    ("suffix", "content_type"),
    [
        (".docm", "application/vnd.ms-word.document.macroEnabled.main+xml"),
        (
            ".dotx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        ),
    ],
)
def test_macro_enabled_documents_and_templates_are_read(suffix: str, content_type: str) -> None:
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    data = _rezip(
        WordRelease().build(),
        lambda n, b: (
            b.replace(main.encode(), content_type.encode()) if n == "[Content_Types].xml" else b
        ),
    )
    expected = parse_bytes(release_text().encode("utf-8"), "r.txt")
    assert outline(parse_bytes(data, f"release{suffix}")) == outline(expected)


def test_a_strict_open_xml_word_file_is_read() -> None:
    """Word's "Strict Open XML Document" writes its XML in other namespaces."""
    strict = _rezip(
        WordRelease().build(),
        lambda n, b: b.replace(
            b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        ).replace(
            b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        ),
    )
    expected = parse_bytes(release_text().encode("utf-8"), "r.txt")
    assert outline(parse_bytes(strict, "strict.docx")) == outline(expected)


def test_body_order_is_kept_and_a_one_column_table_is_read_as_layout() -> None:
    doc = Document()
    doc.add_paragraph("First paragraph of the release.")
    frame = doc.add_table(rows=2, cols=1)
    frame.rows[0].cells[0].text = "Second, inside a layout frame."
    frame.rows[1].cells[0].text = "Third, in the frame's next row."
    doc.add_paragraph("Fourth, after the frame.")
    grid = doc.add_table(rows=1, cols=2)
    grid.rows[0].cells[0].text = "Telephone"
    grid.rows[0].cells[1].text = "+86 27 8723 6000"
    doc.add_paragraph("Fifth, after a table of contacts.")
    lines = [ln for ln in docx_to_text(saved(doc), "o.docx").split("\n") if ln]
    assert lines == [
        "First paragraph of the release.",
        "Second, inside a layout frame.",
        "Third, in the frame's next row.",
        "Fourth, after the frame.",
        "Fifth, after a table of contacts.",
    ]


def test_a_word_file_is_told_by_its_bytes_not_its_name() -> None:
    data = WordRelease().build()
    assert sniff(data, "release.txt") == "docx"
    assert parse_bytes(data, "release").id == parse_bytes(data, "release.docx").id


_STYLES = ["Normal", "Heading 2", "List Bullet", "List Number", "Title", "Quote"]
_WORDS = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-'", max_size=80
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_WORDS, st.sampled_from(_STYLES), st.booleans()), max_size=25))
def test_every_paragraph_comes_out_once_in_order(paragraphs: list[tuple[str, str, bool]]) -> None:
    doc = Document()
    for text, style, bold in paragraphs:
        doc.add_paragraph(style=style).add_run(text).bold = bold
    lines = [ln for ln in docx_to_text(saved(doc), "p.docx").split("\n") if ln]
    expected = [" ".join(t.split()) for t, _, _ in paragraphs if t.split()]
    assert len(lines) == len(expected)
    for line, text in zip(lines, expected, strict=True):  # after its mark: "## ", "• ", "1. "
        assert line == text or line.endswith(" " + text)


# -- bad Word files -----------------------------------------------------------------


def _rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            part = change(name, src.read(name))
            if part is not None:
                dst.writestr(name, part)
    return out.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _bad_files() -> list[tuple[str, bytes, str]]:
    good = WordRelease().build()
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("data.csv", "a,b\n1,2\n")
    flipped = bytearray(good)
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        at = z.getinfo("word/document.xml").header_offset + 30 + len("word/document.xml")
    flipped[at + 100 : at + 140] = bytes(40)  # inside the document's compressed text
    return [
        ("empty.docx", b"", "empty"),
        ("truncated.docx", good[: len(good) // 2], "damaged or truncated"),
        ("corrupt.docx", bytes(flipped), "damaged or truncated"),
        (
            "encrypted.docx",
            OLE + "EncryptedPackage".encode("utf-16-le"),
            "encrypted (password-protected)",
        ),
        (
            "old.doc",
            OLE + "WordDocument".encode("utf-16-le"),
            "Word 97-2003 .doc file: save it as .docx",
        ),
        ("data.docx", other_zip.getvalue(), "not a Word (.docx) document"),
        (
            "broken.docx",
            _rezip(good, lambda n, b: b[: len(b) // 2] if n == "word/document.xml" else b),
            "XML is broken",
        ),
        (
            "nodoc.docx",
            _rezip(good, lambda n, b: None if n == "word/document.xml" else b),
            "not a Word",
        ),
        ("text.docx", b"Hubei and Macao signed agreements.\n", "not a zip archive"),
        ("letter.rtf", b"{\\rtf1\\ansi Hubei and Macao}", "RTF"),
    ]


@pytest.mark.parametrize(
    ("name", "data", "words"), _bad_files(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_a_bad_word_file_is_one_line_input_error(name: str, data: bytes, words: str) -> None:
    with pytest.raises(InputError) as caught:
        release_from_bytes(data, name)
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and "\n" not in message
    assert words in message


def test_a_damaged_part_the_release_does_not_need_is_passed_over() -> None:
    """A header that is not well-formed XML, or a part a relationship names that is
    missing: python-docx gives up on the package; the document itself is read."""
    good = WordRelease().build()
    expected = docx_to_text(good, "good.docx")
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        header = next(n for n in z.namelist() if n.startswith("word/header"))
    broken_header = _rezip(good, lambda n, b: b"<w:hdr><w:p>" if n == header else b)
    missing_part = _rezip(good, lambda n, b: None if n == header else b)
    assert docx_to_text(broken_header, "h.docx") == expected
    assert docx_to_text(missing_part, "m.docx") == expected


def test_a_real_password_protected_word_file_is_refused_and_nothing_is_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    encrypted = Path(__file__).parent / "data" / "encrypted-release.docx"
    good = tmp_path / "hubei.docx"
    good.write_bytes(WordRelease().build())
    db = tmp_path / "store" / "store.json"
    capsys.readouterr()
    assert main(["--db", str(db), "--create", "import", str(encrypted), str(good)]) == 2
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"coop-tui: {encrypted}: the Word file is encrypted (password-protected); "
        "save a copy without a password"
    ]
    assert out.splitlines()[-1] == "2 file(s): 1 added, 0 unchanged, 0 updated, 1 failed"


_GOOD = WordRelease().build()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(0, len(_GOOD) - 1), st.integers(0, 255)), max_size=30),
    st.integers(1, len(_GOOD)),
)
def test_mangled_word_files_give_text_or_one_line_never_a_traceback(
    changes: list[tuple[int, int]], keep: int
) -> None:
    data = bytearray(_GOOD[:keep])
    for at, value in changes:
        if at < len(data):
            data[at] = value
    try:
        text, html = release_from_bytes(bytes(data), "m.docx")
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("m.docx: ")
    else:
        assert isinstance(text, str) and not html


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["word/document.xml", "word/styles.xml", "word/numbering.xml"]),
    st.binary(max_size=200),
)
def test_a_part_replaced_by_junk_gives_one_line(part: str, junk: bytes) -> None:
    data = _rezip(_GOOD, lambda n, b: junk if n == part else b)
    try:
        release_from_bytes(data, "j.docx")
    except InputError as exc:
        assert "\n" not in str(exc)


# -- the command line ---------------------------------------------------------------


def test_cli_parse_reads_a_word_file_as_its_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "r.docx").write_bytes(WordRelease().build())
    (tmp_path / "r.txt").write_text(release_text(), encoding="utf-8")
    assert main(["parse", "--json", str(tmp_path / "r.docx"), str(tmp_path / "r.txt")]) == 0
    word, text = json.loads(capsys.readouterr().out)
    assert word["id"] == text["id"] and word["areas"] == text["areas"]
    assert main(["parse", str(tmp_path / "r.docx")]) == 0
    shown = capsys.readouterr().out
    assert "Culture and Tourism" in shown and "Set up a mechanism for sharing" in shown


def test_cli_import_of_word_files_with_a_bad_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "store" / "store.json"
    good = tmp_path / "hubei.docx"
    good.write_bytes(WordRelease().build())
    bad = tmp_path / "broken.docx"
    bad.write_bytes(good.read_bytes()[:5000])
    text = tmp_path / "other.txt"
    text.write_text(release_text().replace("18 September 2024", "2 May 2025"), encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", str(db), "--create", "import", str(good), str(bad), str(text)]) == 2
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"coop-tui: {bad}: the Word file is damaged or truncated (File is not a zip file)"
    ]
    assert out.splitlines()[-1] == "3 file(s): 2 added, 0 unchanged, 0 updated, 1 failed"
    # the release's text, read again from the stored Word file, shows where a commitment stands
    commitment = parse_bytes(good.read_bytes(), good.name).areas[2].commitments[0]
    assert main(["--db", str(db), "source", commitment.id]) == 0
    shown = capsys.readouterr().out
    assert commitment.text in shown and ">>" in shown and "PK" not in shown
    # importing it again changes nothing
    assert main(["--db", str(db), "import", str(good)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("1 file(s): 0 added, 1 unchanged")


def test_cli_import_of_a_folder_takes_its_word_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "store" / "store.json"
    folder = tmp_path / "releases"
    folder.mkdir()
    (folder / "hubei-macao.docx").write_bytes(WordRelease().build())
    capsys.readouterr()
    assert main(["--db", str(db), "--create", "import", str(folder)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("1 file(s): 1 added")


def _open_document(mimetype: str) -> bytes:
    """An OpenDocument file as LibreOffice writes one: ``mimetype`` first, stored."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mimetype)  # stored, not compressed
        z.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:'
            'xmlns:office:1.0"><office:body><office:text>Hubei and Macao hold a joint '
            "conference</office:text></office:body></office:document-content>",
            zipfile.ZIP_DEFLATED,
        )
        z.writestr("META-INF/manifest.xml", "<manifest/>", zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.mark.parametrize("name", ["hubei-macao.odt", "hubei-macao.docx", "download"])
def test_an_opendocument_text_is_told_to_be_saved_as_docx(name: str) -> None:
    """A LibreOffice .odt (whatever it is named) is named for what it is, not "a zip"."""
    with pytest.raises(InputError) as caught:
        release_from_bytes(_open_document("application/vnd.oasis.opendocument.text"), name)
    assert str(caught.value) == f"{name}: an OpenDocument text (.odt): save it as .docx"
    with pytest.raises(InputError, match=r"an OpenDocument spreadsheet \(\.ods\), not a release"):
        release_from_bytes(_open_document("application/vnd.oasis.opendocument.spreadsheet"), name)


def test_an_opendocument_text_fetched_is_named_too(tmp_path: Path) -> None:
    from fetching.content import read_content

    with pytest.raises(InputError, match=r"^https://x\.gov/a: an OpenDocument text \(\.odt\)"):
        read_content(
            _open_document("application/vnd.oasis.opendocument.text"),
            "application/octet-stream",
            "https://x.gov/a",
        )


# -- a Word file with a large photo: pictures are not text --------------------------------
def _png(width: int, height: int) -> bytes:
    """A PNG of random pixels (incompressible, as a photo nearly is), stored unzipped."""
    import os
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    row = width * 3
    noise = os.urandom(row * height)
    raw = b"".join(b"\x00" + noise[y * row : (y + 1) * row] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 0))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def photo_docx() -> bytes:
    """The release as Word writes it, with a 21 MB photo of the signing after the text."""
    doc: Any = Document(io.BytesIO(WordRelease().build()))
    doc.add_paragraph("Photo: the signing ceremony in Wuhan.")
    doc.add_picture(io.BytesIO(_png(2700, 2700)))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_a_word_file_with_a_large_photo_is_read_by_file_and_by_url(
    photo_docx: bytes, tmp_path: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    from parsers import parse_file
    from parsers.reading import MAX_BYTES, MAX_DOCUMENT_BYTES

    assert MAX_BYTES < len(photo_docx) < MAX_DOCUMENT_BYTES  # 21 MB: over the text limit
    path = tmp_path / "hubei-macao-with-photo.docx"
    path.write_bytes(photo_docx)
    expected = parse_bytes(WordRelease().build(), "hubei.docx")
    meeting = parse_file(path)
    assert [a.name for a in meeting.areas] == [a.name for a in expected.areas]
    db = tmp_path / "store" / "store.json"
    capsys.readouterr()
    assert main(["--db", str(db), "--create", "import", str(path)]) == 0
    assert "1 added" in capsys.readouterr().out
    httpserver.expect_request("/release.docx").respond_with_data(
        photo_docx, content_type="application/octet-stream"
    )
    assert main(["--db", str(db), "import", httpserver.url_for("/release.docx")]) == 0
    assert "1 unchanged" in capsys.readouterr().out  # the same file, now with its URL


def test_a_text_or_page_over_20_mb_is_still_refused_by_file_and_by_url(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    from fetching import FetchError, fetch
    from parsers import parse_file

    page = b"<html><body><p>" + b"Hubei and Macao " * (21 << 16) + b"</p></body></html>"
    big = tmp_path / "big.html"
    big.write_bytes(page)
    with pytest.raises(InputError, match=r"too large for a press release \(21 MB; at most 20 MB\)"):
        parse_file(big)
    httpserver.expect_request("/big.html").respond_with_data(page, content_type="text/html")
    with pytest.raises(FetchError, match=r"too large \(21 MB; at most 20 MB\)"):
        fetch(httpserver.url_for("/big.html"))
    # a Word file is allowed more, but not without end
    huge = tmp_path / "huge.docx"
    with open(huge, "wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(101 << 20)
    with pytest.raises(InputError, match=r"\(101 MB; at most 100 MB\)"):
        parse_file(huge)

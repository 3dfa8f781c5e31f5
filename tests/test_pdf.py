"""PDF releases (issue 17): the same release as a text file and as a PDF laid out as
word processors lay it out gives the same meeting, areas, commitments and IDs; page
furniture is dropped, hyphenated words joined; a scan, an encrypted or a broken PDF is
one line (exit 2 on the command line), and the other files of an import still go in."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_fixtures import UNICODE_FONT, Release, Style, hainan, release_pdf
from PIL import Image
from store_support import one_error, run_cli, write_release

from parsers import InputError, Meeting, parse_bytes
from parsers.pdf import pdf_to_text
from parsers.pdf_layout import PdfLine, join_lines, lines_to_text


def summary(m: Meeting) -> dict[str, object]:
    return {
        "id": m.id,
        "title": m.title,
        "date": m.date,
        "place": m.place,
        "parties": m.parties,
        "stated": m.stated_area_count,
        "areas": [(a.id, a.name, a.heading_inferred) for a in m.areas],
        "commitments": [(c.id, " ".join(c.text.split())) for c in m.commitments],
        "signed": [d.title for d in m.signed_documents],
        "warnings": m.warnings,
    }


STYLES = {
    # bold headings, a running header, "Page N of M", short pages: paragraphs cut by
    # page breaks, words hyphenated at line ends
    "word": Style(page_height=160),
    # headings told by size alone, not weight
    "larger": Style(heading_bold=False, heading_size=13.5, page_height=180),
    # no space between paragraphs: a first-line indent marks them
    "indented": Style(indent=8, para_gap=0, page_height=170),
    # a serif face, longer pages, no header
    "serif": Style(font="Times", size=12, page_height=230, indent=6, header=""),
    # neither space nor indent between paragraphs: a line ended before the margin
    # (the next line's first word would have fitted) ends its paragraph
    "flush": Style(header="", footer=False, para_gap=0, page_height=150),
    # two columns: the left one read before the right, a paragraph going on from the
    # foot of one column to the top of the next
    "two-columns": Style(columns=2, size=9, page_height=200),
    "two-columns-a4": Style(columns=2, size=10, header=""),
    # an embedded TrueType subset (as Word and LibreOffice embed fonts), its bullets
    # set apart from their text (pdfminer makes them lines of their own)
    "truetype-bullets": Style(font=UNICODE_FONT, bullet="•", bullet_width=14, page_height=170),
    # the signed documents numbered, the numbers set apart from their text
    "numbered": Style(font=UNICODE_FONT, bullet="1.", bullet_width=14, size=10),
    # a browser's print to PDF: date and title above, address and "2/3" below
    "browser": Style(browser=True, page_height=170),
    # page numbers alone, or between dashes, at the foot; the whole text in bold
    "dashes": Style(footer_text="- {n} -", page_height=160, header=""),
    "number": Style(footer_text="{n}", page_height=170, header="Hainan · Macao"),
    # a header from the second page on only (Word's "different first page"), on a page
    # break inside a paragraph: not repeated enough to be found as a running header
    "later-header": Style(first_page_header=False, page_height=240),
    # Word's Heading 3: 12 pt, blue, not bold, beside 11 pt black text
    "word-heading-3": Style(heading_bold=False, heading_size=12, heading_colour=(31, 55, 99)),
    # headings told by colour alone
    "colour": Style(heading_bold=False, heading_colour=(192, 0, 0), page_height=180),
    # headings in a synthetic bold (the regular face filled and stroked, as browsers do)
    "synthetic-bold": Style(heading_bold=False, heading_stroke=True, page_height=200),
    # each word drawn at its place without space characters (Microsoft Print to PDF)
    "spaceless": Style(spaceless=True, page_height=170),
    # a watermark across every page and a note up the margin: turned text, not read
    "watermark": Style(watermark="DRAFT", page_height=297),
    "all-bold": Style(body_bold=True, heading_size=13, page_height=190),
    # justified narrow columns drawn word by word (reportlab): pieces of a line that
    # pdfminer makes lines of their own are one line again, no word lost
    "justified-words": Style(columns=2, size=12, justify_words=True, header=""),
    # reportlab's list bullet: code 127 in Helvetica (no Unicode value), set apart, the
    # items' first lines indented as paragraphs' first lines are, wrapped lines between
    "reportlab-bullets": Style(bullet="\x7f", bullet_width=8, indent=5, para_gap=2),
    # one page under a small grey header wider than the text (past its right edge):
    # not the title, and the text's right edge is measured from the text
    "wide-header": Style(
        wide_header="Government Press Releases",
        header="Hainan-Macao Co-operation",
        footer=False,
        para_gap=0,
        page_height=320,
    ),
    # ragged lines wrapped by a count of characters (matplotlib): a line ended short
    # in the middle of a sentence does not end its paragraph
    "wrapped-by-characters": Style(wrap_chars=62, font="Times", header="", para_gap=2),
    "numbered-two-columns": Style(
        font=UNICODE_FONT, bullet="1.", columns=2, size=9, page_height=200, header=""
    ),
}


def as_text(release: Release, style: Style) -> str:
    """The release as a text file, its signed documents marked as the PDF marks them."""
    text = release.text()
    if style.bullet == "1.":
        for n, doc in enumerate(release.signed, 1):
            text = text.replace(f"• {doc}", f"{n}. {doc}")
    return text


@pytest.mark.parametrize("headings", [True, False], ids=["headings", "lost-headings"])
@pytest.mark.parametrize("style", list(STYLES))
def test_a_pdf_gives_the_same_meeting_as_its_text(style: str, headings: bool) -> None:
    release = hainan(headings=headings)
    expected = summary(parse_bytes(as_text(release, STYLES[style]).encode(), "hainan.txt"))
    assert len(expected["commitments"]) == 8 and expected["stated"] == 5  # type: ignore[arg-type]
    assert expected["date"] == "2025-03-18" and expected["place"] == "Haikou"
    assert expected["signed"]  # (numbered, the parser finds only the first: not the PDF's doing)
    if not headings:
        assert expected["warnings"], "lost headings are warned about"
    got = summary(parse_bytes(release_pdf(release, STYLES[style]), "hainan.pdf"))
    assert got == expected


@pytest.mark.parametrize(
    "style", ["justified-words", "reportlab-bullets", "wide-header", "wrapped-by-characters"]
)
def test_each_paragraph_of_the_release_is_one_paragraph_of_the_pdf(style: str) -> None:
    """What the source view shows: no paragraph cut into pieces, no word lost (a word
    drawn apart from the rest of its line in a justified column was a paragraph of its
    own, or went missing)."""
    release = hainan()
    got = pdf_to_text(release_pdf(release, STYLES[style]), "hainan.pdf").strip().split("\n\n")
    got = [text.removeprefix("## ") for text in got]
    for paragraph in release.text().strip().split("\n\n"):
        assert paragraph in got


def test_a_footnote_marked_with_an_asterisk_is_no_list_item() -> None:
    note = "* This release is issued for information only: the Chinese text prevails."
    release = hainan()
    paragraphs = pdf_to_text(release_pdf(release, Style(footnote=note)), "hainan.pdf")
    assert note in paragraphs.split("\n\n")[-1]
    assert "• This release" not in paragraphs
    # asterisks opening the lines of a list are its bullets
    listed = pdf_to_text(release_pdf(release, Style(bullet="*")), "hainan.pdf")
    assert all(f"• {doc}" in listed.split("\n\n") for doc in release.signed)


def test_a_page_shown_turned_is_read_as_drawn() -> None:
    release = hainan()
    data = release_pdf(release, STYLES["word"])
    turned = data.replace(b"/Type /Page\n>>", b"/Type /Page\n/Rotate 90\n>>")
    assert turned.count(b"/Rotate 90") == 3  # (the cross-references now point askew too)
    expected = summary(parse_bytes(release.text().encode(), "hainan.txt"))
    assert summary(parse_bytes(turned, "hainan.pdf")) == expected


def test_page_furniture_is_dropped_and_paragraphs_and_words_joined() -> None:
    release = hainan()
    text = pdf_to_text(release_pdf(release, STYLES["word"]), "hainan.pdf")
    assert "Press Releases" not in text and "Page " not in text  # header, "Page N of M"
    paragraphs = text.split("\n\n")
    # a paragraph cut by a page break is one paragraph again
    assert (
        "Organise internship programmes for young people of Macao in enterprises of the "
        "Hainan Free Trade Port, and provide assistance for accommodation." in paragraphs
    )
    # headings marked, the title too
    assert f"## {release.title}" == paragraphs[0]
    assert [p[3:] for p in paragraphs if p.startswith("## ")][1:] == [n for n, _ in release.areas]
    # "Gover-\nnor", "manage-\nment" joined; "co-\noperation" keeps its hyphen
    assert "Governor of Hainan" in text and "hospitality management" in text
    assert "co- operation" not in text and "cooperation" not in text.replace("Cooperation Zone", "")
    assert "- " not in text.replace(" - ", "")
    # the signed documents' bullets are items
    assert sum(p.startswith("• ") for p in paragraphs) == 2


@pytest.mark.parametrize(
    "style",
    ["word", "larger", "word-heading-3", "colour", "synthetic-bold", "all-bold", "two-columns"],
)
def test_headings_are_told_by_weight_size_or_colour(style: str) -> None:
    release = hainan()
    text = pdf_to_text(release_pdf(release, STYLES[style]), "hainan.pdf")
    headings = [p[3:] for p in text.split("\n\n") if p.startswith("## ")]
    assert headings == [release.title, *(name for name, _ in release.areas)]


@pytest.mark.parametrize(
    ("before", "after", "vocab", "joined"),
    [
        ("the develop-", "ment of", set(), "the development of"),  # a word cut in two
        ("their co-", "operation", set(), "their co-operation"),  # a compound's prefix
        ("Portuguese-", "speaking markets", set(), "Portuguese-speaking markets"),
        ("the Guangdong-", "Macao zone", set(), "the Guangdong-Macao zone"),  # capital after
        ("in 2024-", "25", set(), "in 2024-25"),
        ("multi-", "destination", {"multi-destination"}, "multi-destination"),  # as written
        ("co-", "ordinate", {"coordinate"}, "coordinate"),  # the document writes it whole
        ("multi-", "destination tours", set(), "multi-destination tours"),  # a prefix
        ("multi-", "destination", {"multidestination"}, "multidestination"),  # written whole
        ("multi-", "lateral talks", set(), "multilateral talks"),  # a word written closed up
        ("the meeting-", "cum-plenary", {"meeting-cum", "cum-plenary"}, "the meeting-cum-plenary"),
        ("soft\u00ad", "ware", set(), "software"),
        ("emission-", "reduction work", {"reduction"}, "emission-reduction work"),  # 2 words
        ("inter-", "national trade", {"national"}, "international trade"),  # closed prefix
        ("a re-", "port", {"port"}, "a report"),  # a short head: a syllable
        ("a dash -", "and more", set(), "a dash - and more"),
        ("the Zhejiang–", "Hong Kong meeting", set(), "the Zhejiang–Hong Kong meeting"),
        ("Hong Kong –", "Zhejiang", set(), "Hong Kong – Zhejiang"),
        ("合作", "协议", set(), "合作协议"),
    ],
)
def test_a_hyphen_at_a_line_end(before: str, after: str, vocab: set[str], joined: str) -> None:
    assert join_lines(before, after, vocab) == joined


def test_a_release_with_a_stated_count_in_digits_and_numbered_headings() -> None:
    release = Release(
        title="Guizhou and Hong Kong sign agreements at co-operation meeting in Guiyang",
        date="",
        ends="Ends/Tuesday, September 3, 2024\nIssued at HKT 19:45",
        lead=[
            "The Secretary for Commerce and Economic Development led a Hong Kong delegation "
            "to Guiyang today (September 3) for the Guizhou/Hong Kong Co-operation Meeting.",
            "Guizhou and Hong Kong agreed to step up co-operation in the following 3 areas:",
        ],
        areas=[
            (
                "1. Big Data and Innovation",
                [
                    "Support Hong Kong enterprises in using the data centres in Gui'an New "
                    "Area for cloud services, and jointly train data engineers.",
                ],
            ),
            (
                "2. Agricultural Trade",
                [
                    "Promote the supply of Guizhou tea, chilli and mountain vegetables to "
                    "the Hong Kong market through inspection arrangements of both sides.",
                    "Encourage logistics companies of the two places to build cold chains.",
                ],
            ),
            (
                "3. Tourism",
                [
                    "Jointly promote karst landscapes, waterfalls and ethnic villages of "
                    "Guizhou to visitors from Hong Kong and overseas markets.",
                ],
            ),
        ],
        signed=["Framework Agreement on Data Industry Co-operation"],
    )
    expected = summary(parse_bytes(release.text().encode(), "guizhou.txt"))
    assert expected["stated"] == 3 and len(expected["areas"]) == 3  # type: ignore[arg-type]
    assert expected["date"] == "2024-09-03" and expected["place"] == "Guiyang"
    assert expected["signed"] == ["Framework Agreement on Data Industry Co-operation"]
    style = Style(heading_bold=True, heading_size=12, page_height=140, header="GovNews")
    assert summary(parse_bytes(release_pdf(release, style), "guizhou.pdf")) == expected


def test_ligatures_are_letters_and_a_bullet_font_gives_items() -> None:
    pdf = FPDF()
    pdf.add_font(UNICODE_FONT, "", _dejavu())
    pdf.add_page()
    pdf.set_font(UNICODE_FONT, size=11)
    pdf.cell(0, 6, "Support the ﬁnancial sector and oﬀshore ﬂows.")
    pdf.ln(10)
    pdf.cell(6, 6, "•")
    pdf.cell(0, 6, "Promote the two places' scientiﬁc co-operation.")
    text = pdf_to_text(bytes(pdf.output()), "ligatures.pdf")
    assert text == (
        "Support the financial sector and offshore flows.\n\n"
        "• Promote the two places' scientific co-operation.\n"
    )


def _dejavu() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def test_numbered_documents_indented_as_paragraphs_wrap_to_the_margin() -> None:
    release = hainan()
    release.signed = []
    release.closing = [
        "The two sides signed the following documents at the conference:",
        "(i) Agreement on Co-operation in Tourism between the Hainan Provincial Department "
        "of Tourism, Culture, Radio, Television and Sports and the Macao Government Tourism "
        "Office;",
        "(ii) Memorandum of Understanding on Talent Exchange and the Training of Young "
        "Civil Servants between Hainan and Macao; and",
        "(iii) Letter of Intent on Co-operation in Marine Science between the universities "
        "of the two places.",
    ]
    expected = summary(parse_bytes(release.text().encode(), "hainan.txt"))
    assert len(expected["signed"]) == 3  # type: ignore[arg-type]
    got = summary(parse_bytes(release_pdf(release, STYLES["indented"]), "hainan.pdf"))
    assert got == expected


def test_another_invented_agreement_of_the_test_data_as_pdf() -> None:
    """tests/data's Guangxi agreement (invented for the tests: ’, é and & in its text, its
    date only in its "Ends/…" line, a signing section with quoted titles) as a PDF with
    an embedded TrueType face, indented paragraphs and two-line headings."""
    data = json.loads((Path(__file__).parent / "data" / "agreement-guangxi-2025.json").read_text())
    release = Release(
        title=data["title"],
        date="",
        lead=data["lead"],
        areas=[(a["name"], a["commitments"]) for a in data["areas"]],
        ends=data["date_line"],
        closing_heading=data["signing_heading"],
        closing=data["signing"],
    )
    expected = summary(parse_bytes(release.text().encode(), "guangxi.txt"))
    assert expected["date"] == data["date"] and expected["place"] == data["place"]
    assert expected["stated"] == data["stated_area_count"] == len(expected["areas"])  # type: ignore[arg-type]
    style = Style(font=UNICODE_FONT, size=10.5, indent=7, para_gap=1.5, page_height=230)
    assert summary(parse_bytes(release_pdf(release, style), "guangxi.pdf")) == expected


def _guangxi() -> Release:
    data = json.loads((Path(__file__).parent / "data" / "agreement-guangxi-2025.json").read_text())
    return Release(
        title=data["title"],
        date="",
        lead=data["lead"],
        areas=[(a["name"], a["commitments"]) for a in data["areas"]],
        ends=data["date_line"],
        closing_heading=data["signing_heading"],
        closing=data["signing"],
    )


def _random_style(rng: random.Random) -> Style:
    """A layout drawn at random from what word processors and browsers produce; not one
    where paragraphs cannot be told apart by eye either (neither space nor indent), nor
    where a paragraph's indent is exactly a list's hanging indent."""
    style = Style(
        font=rng.choice(["Helvetica", "Times", UNICODE_FONT]),
        size=rng.choice([9, 10, 11, 12]),
        heading_bold=rng.random() < 0.7,
        heading_size=rng.choice([11, 12, 13, 14]),
        indent=rng.choice([0, 0, 8, 10]),
        para_gap=rng.choice([0, 1.5, 3, 5]),
        page_height=rng.choice([150, 200, 297]),
        columns=rng.choice([1, 1, 2]),
        header=rng.choice(["", "Press Releases · Government", "GovNews"]),
        footer=rng.random() < 0.7,
        footer_text=rng.choice(["Page {n} of {nb}", "{n}", "- {n} -"]),
        browser=rng.random() < 0.15,
        spaceless=rng.random() < 0.2,
        first_page_header=rng.random() < 0.7,
    )
    if style.para_gap == 0 and style.indent == 0:
        style.para_gap = 2
    if not style.heading_bold and style.heading_size <= style.size:
        style.heading_bold = True
    return style


def test_random_layouts_give_the_text_meeting() -> None:
    """Thirty layouts drawn at random (fixed seed) of three releases: every one gives the
    meeting, areas, commitments, signed documents and IDs of the text file."""
    rng = random.Random(20251205)
    releases = [hainan(), hainan(headings=False), _guangxi()]
    expected = [summary(parse_bytes(r.text().encode(), "release.txt")) for r in releases]
    for _ in range(30):
        n = rng.randrange(len(releases))
        style = _random_style(rng)
        if n == 2:
            style.font = UNICODE_FONT  # its ’ and é are not in the core fonts
        got = summary(parse_bytes(release_pdf(releases[n], style), "release.pdf"))
        assert got == expected[n], style


# --- bad input ----------------------------------------------------------------------------


def _one_page(**encryption: object) -> bytes:
    pdf = FPDF()
    if encryption:
        pdf.set_encryption(owner_password="owner", **encryption)  # type: ignore[arg-type]
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 10, "Support the two sides in trade and investment.")
    return bytes(pdf.output())


def _scan() -> bytes:
    image = Image.new("L", (600, 800), 255)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(buffer, x=10, y=10, w=190)
    return bytes(pdf.output())


def test_a_scanned_pdf_needs_ocr() -> None:
    with pytest.raises(InputError) as caught:
        parse_bytes(_scan(), "scan.pdf")
    assert str(caught.value) == (
        "scan.pdf: the PDF has no text layer (a scanned image?): it needs OCR first"
    )


@pytest.mark.parametrize("method", list(EncryptionMethod)[1:], ids=lambda m: m.name)
def test_an_encrypted_pdf_is_refused_unless_its_user_password_is_empty(
    method: EncryptionMethod,
) -> None:
    with pytest.raises(InputError) as caught:
        pdf_to_text(_one_page(user_password="secret", encryption_method=method), "locked.pdf")
    assert str(caught.value) == "locked.pdf: the PDF is encrypted (password-protected)"
    opened = pdf_to_text(_one_page(user_password="", encryption_method=method), "open.pdf")
    assert opened == "Support the two sides in trade and investment.\n"


BROKEN = "not a readable PDF (damaged or truncated)"


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<< /Type /Catalog", b"%PDF-" + b"\x00" * 500],
    ids=["header-only", "cut-object", "zeros"],
)
def test_a_broken_pdf_is_one_line(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        parse_bytes(data, "broken.pdf")
    assert str(caught.value) == f"broken.pdf: {BROKEN}"


def test_the_work_on_a_huge_pdf_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import parsers.pdf

    data = release_pdf(hainan(), Style(page_height=160))  # 3 pages, 2,600 characters
    monkeypatch.setattr(parsers.pdf, "MAX_PAGES", 2)
    with pytest.raises(InputError, match=r"^big\.pdf: the PDF has more than 2 pages: too long"):
        pdf_to_text(data, "big.pdf")
    monkeypatch.setattr(parsers.pdf, "MAX_PAGES", 300)
    monkeypatch.setattr(parsers.pdf, "MAX_CHARS", 1000)
    with pytest.raises(InputError, match=r"more than 1,000 characters or .* too much"):
        pdf_to_text(data, "big.pdf")


_SAMPLE = release_pdf(hainan(), Style(page_height=200))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.integers(min_value=8, max_value=len(_SAMPLE) - 1),
    flips=st.lists(st.tuples(st.integers(0, len(_SAMPLE) - 1), st.integers(0, 255)), max_size=12),
)
def test_truncated_or_mangled_pdfs_never_raise_anything_but_input_error(
    cut: int, flips: list[tuple[int, int]]
) -> None:
    for data in (_SAMPLE[:cut], _mangle(_SAMPLE, flips)):
        try:
            parse_bytes(data, "x.pdf")
        except InputError as error:
            assert "\n" not in str(error) and str(error).startswith("x.pdf: ")


_TEXTS = st.sampled_from(
    ["Trade and Investment", "Support the two sides.", "- 3 -", "•", "1.", "co-", "operation",
     "Page 2 of 9", "", "the develop-", "ment of ports", "Ends", "２０２５年", "ﬁnance"]
)  # fmt: skip


@st.composite
def _lines(draw: st.DrawFn) -> list[tuple[float, float, list[PdfLine]]]:
    pages = []
    for page in range(draw(st.integers(1, 3))):
        lines = []
        for box in range(draw(st.integers(0, 12))):
            x0 = draw(st.floats(0, 500))
            top = draw(st.floats(0, 800))
            size = draw(st.sampled_from([0.0, 0.3, 8.0, 11.0, 11.0, 11.0, 15.0]))
            text = draw(_TEXTS)
            if not text:
                continue
            x1 = x0 + draw(st.floats(0, 500))
            lines.append(
                PdfLine(
                    page,
                    box,
                    x0,
                    x1,
                    x0,
                    x1,
                    top,
                    top + size,
                    text,
                    size,
                    draw(st.booleans()),
                    draw(st.sampled_from(["0,0,0", "0,0,9", ""])),
                    842.0,
                    x0 + draw(st.floats(0, 40)),
                    top + 0.8 * size,
                )
            )
        pages.append((595.0, 842.0, lines))
    return pages


def _line(page: int, x0: float, top: float, text: str, *, x1: float = 0) -> PdfLine:
    x1 = x1 or x0 + 6 * len(text)
    return PdfLine(
        page, 0, 60, 540, x0, x1, top, top + 11, text, 11, False, "0,0,0", 842, x0, top + 9
    )


def test_numbers_set_apart_at_the_same_height_on_two_pages_are_not_page_furniture() -> None:
    pages = [
        (595.0, 842.0, [
            _line(p, 60, 60, "Press releases"),
            _line(p, 60, 300, f"{p + 1}."),
            _line(p, 90, 300, ["Support the ports.", "Promote tourism."][p], x1=300),
            _line(p, 280, 800, f"Page {p + 1} of 2"),
        ])
        for p in range(2)
    ]  # fmt: skip
    assert lines_to_text(pages) == ("1. Support the ports.\n\n2. Promote tourism.\n")


@settings(max_examples=200, deadline=None)
@given(pages=_lines())
def test_any_lines_give_text_without_an_error(
    pages: list[tuple[float, float, list[PdfLine]]],
) -> None:
    text = lines_to_text(pages)
    assert "\n\n\n" not in text


def _mangle(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for at, value in flips:
        out[at] = value
    return bytes(out)


# --- the command line ---------------------------------------------------------------------


def test_parse_import_and_source_of_a_pdf_on_the_command_line(tmp_path: Path) -> None:
    release = hainan()
    pdf = tmp_path / "hainan.pdf"
    pdf.write_bytes(release_pdf(release, STYLES["word"]))
    done = run_cli("parse", "--json", pdf)
    assert done.returncode == 0, done.stderr
    [parsed] = json.loads(done.stdout)
    expected = parse_bytes(release.text().encode(), "hainan.txt")
    assert parsed["id"] == expected.id
    assert [c["id"] for a in parsed["areas"] for c in a["commitments"]] == [
        c.id for c in expected.commitments
    ]

    db = tmp_path / "db" / "store.json"
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(_one_page(user_password="secret"))
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(pdf.read_bytes()[:1500])
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(_scan())
    text = write_release(tmp_path, "other.txt")
    done = run_cli("--db", db, "--create", "import", locked, pdf, truncated, scan, text)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"coop-tui: {locked}: the PDF is encrypted (password-protected)",
        f"coop-tui: {truncated}: {BROKEN}",
        f"coop-tui: {scan}: the PDF has no text layer (a scanned image?): it needs OCR first",
    ]
    outcomes = [line.split()[:2] for line in done.stdout.splitlines() if line[:1].strip()]
    assert outcomes[:5] == [
        ["failed", str(locked)],
        ["added", str(pdf)],
        ["failed", str(truncated)],
        ["failed", str(scan)],
        ["added", str(text)],
    ]

    shown = run_cli("--db", db, "source", expected.commitments[3].id)
    assert shown.returncode == 0, shown.stderr
    assert "Strengthen the co-operation of cruise operators" in shown.stdout

    one_error(run_cli("parse", locked), "encrypted (password-protected)")


def test_a_folder_import_reads_its_pdfs(tmp_path: Path) -> None:
    folder = tmp_path / "releases"
    folder.mkdir()
    (folder / "hainan.PDF").write_bytes(release_pdf(hainan(), STYLES["word"]))
    write_release(folder, "other.txt")
    done = run_cli("--db", tmp_path / "db" / "store.json", "--create", "import", folder)
    assert done.returncode == 0, done.stderr
    outcomes = [line.split()[:2] for line in done.stdout.splitlines() if line[:1].strip()]
    assert outcomes[:2] == [
        ["added", str(folder / "hainan.PDF")],
        ["added", str(folder / "other.txt")],
    ]

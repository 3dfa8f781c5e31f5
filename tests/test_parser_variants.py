"""Issue 2, "It generalises": the same agreement laid out another way gives the same result.

Each agreement in ``tests/data`` (the two seeds' real structures, written down without
the parser, and two invented agreements between other parties) is rendered here in many
layouts — heading styles, paragraph styles, wrapping, line endings, non-breaking spaces,
captions, an unrelated article at the end, missing headings, saved HTML pages — and the
parser must give back the same areas, commitments, metadata and IDs every time.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import textwrap
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import pytest

from parsers import Meeting, parse_bytes, parse_file, parse_text

DATA = Path(__file__).resolve().parent / "data"
KEYS = ["zhejiang-2023", "zhejiang-2025", "guangxi-2025", "sichuan-2024"]
AGREEMENTS = {
    k: json.loads((DATA / f"agreement-{k}.json").read_text(encoding="utf-8")) for k in KEYS
}


def ws(text: str) -> str:
    return " ".join(text.split())


def name_key(text: str) -> str:
    return ws(text).casefold()


def expected_names(ag: dict) -> list[str]:
    return [name_key(a["name"]) for a in ag["areas"]]


def expected_texts(ag: dict) -> list[list[str]]:
    return [list(a["commitments"]) for a in ag["areas"]]


def got_names(m: Meeting) -> list[str]:
    return [name_key(a.name) for a in m.areas]


def got_texts(m: Meeting) -> list[list[str]]:
    return [[ws(c.text) for c in a.commitments] for a in m.areas]


# --- rendering -----------------------------------------------------------------------------

ROMAN = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI".split()


@dataclass(frozen=True)
class Layout:
    heading: str = "plain"  # plain eq dash md bold upper num paren roman
    para: str = "plain"  # plain indent bullet
    bullet: str = "•"
    blank: bool = True  # blank lines between blocks
    wrap: int | None = None
    newline: str = "\n"
    nbsp: bool = False
    trailing_ws: bool = False
    captions: bool = False
    article: bool = False
    flip_date: bool = False  # the date as "Ends/…" instead of ISO at the top, or the reverse
    glue: bool = False  # words glued together as by a scraper
    drop: tuple[int, ...] = ()  # areas whose heading is left out

    @property
    def paragraphs_visible(self) -> bool:
        """Whether a reader can see where one paragraph ends and the next begins."""
        return not (self.wrap and not self.blank and self.para == "plain")


def ends_line(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"Ends/{d:%A}, {d:%B} {d.day}, {d.year}"


def _nbsp(text: str) -> str:
    parts = text.split(" ")
    return (
        "".join(p + ("\xa0" if i % 4 == 3 else " ") for i, p in enumerate(parts[:-1])) + (parts[-1])
    )


# Applied in this order; word boundaries so that e.g. "within Hong Kong" is left alone.
GLUE = [
    (r"\bZhejiang in the field\b", "Zhejiangin the field"),
    (r"\bin Hong Kong and Zhejiang\b", "inHong Kong andZhejiang"),
    (r"\band Zhejiang\b", "andZhejiang"),
    (r"\band Guangxi\b", "andGuangxi"),
    (r"\bin Hong Kong\b", "inHong Kong"),
]


def _glue(text: str) -> str:
    for spaced, glued in GLUE:
        text = re.sub(spaced, glued, text)
    return text


def _heading_lines(name: str, number: int | None, lay: Layout) -> list[str]:
    h = lay.heading
    if h in ("num", "paren", "roman") and number is None:
        h = "plain"  # sections outside the list of areas are not numbered
    if h == "eq":
        return [name, "=" * len(name)]
    if h == "dash":
        return [name, "", "-" * max(10, len(name))] if lay.blank else [name, "-" * len(name)]
    return [
        {
            "plain": name,
            "md": f"## {name}",
            "bold": f"**{name}**",
            "upper": name.upper(),
            "num": f"{number}. {name}",
            "paren": f"({number}) {name}",
            "roman": f"{ROMAN[(number or 1) - 1]}. {name}",
        }[h]
    ]


CAPTIONS = [
    "{title} Source: HKSAR Government Press Releases",
    "Source: Information Services Department",
    "More Images",
    "Photo shows the two delegations at the meeting. Source: Xinhua",
]

ARTICLE_TITLE = "Temporary traffic arrangements for the Hong Kong Marathon"
ARTICLE = [
    ("p", ARTICLE_TITLE),
    (
        "p",
        "The Transport Department today (March 3) announced that temporary traffic "
        "arrangements will be implemented in Kowloon and on Hong Kong Island on Sunday to "
        "facilitate the holding of the Hong Kong Marathon.",
    ),
    ("h", "Road closures"),
    ("p", "The following roads will be closed from 3am to 1pm:"),
    ("li", "Nathan Road between Jordan Road and Salisbury Road;"),
    ("li", "Canton Road southbound between Haiphong Road and Salisbury Road; and"),
    ("li", "Connaught Road Central westbound."),
    ("h", "Public transport"),
    (
        "p",
        "Bus routes passing through the closed roads will be diverted. Members of the public "
        "are advised to use the MTR and to allow extra travelling time.",
    ),
    ("li", "Support runners by keeping the pavements clear;"),
    ("li", "Encourage passengers to plan their journeys in advance."),
]
ARTICLE_WORDS = [
    "Transport Department",
    "Nathan Road",
    "Road closures",
    "Public transport",
    "runners",
    "travelling time",
]


def render(ag: dict, lay: Layout) -> str:
    out: list[str] = []
    date_style = ag["date_style"]
    if lay.flip_date:
        date_style = "ends" if date_style == "iso" else "iso"

    def blank() -> None:
        if lay.blank:
            out.append("")

    def paragraph(text: str, kind: str) -> None:
        if lay.glue and kind == "commitment":
            text = _glue(text)
        if lay.nbsp:
            text = _nbsp(text)
        prefix, cont = "", ""
        if lay.para == "indent":
            prefix = "\xa0" * 5 if lay.nbsp else " " * 5
        elif lay.para == "bullet" and kind == "commitment":
            prefix, cont = lay.bullet + " ", "  "
        if lay.wrap:
            out.extend(
                textwrap.wrap(
                    text,
                    lay.wrap,
                    initial_indent=prefix,
                    subsequent_indent=cont,
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
        else:
            out.append(prefix + text)
        blank()

    def heading(name: str, number: int | None) -> None:
        out.extend(_heading_lines(_nbsp(name) if lay.nbsp else name, number, lay))
        blank()

    out.append(ag["title"])
    blank()
    if date_style == "iso":
        out.append(ag["date_line"] if ag["date_style"] == "iso" else ag["date"])
        blank()
    for text in ag["lead"]:
        paragraph(text, "lead")
    for i, area in enumerate(ag["areas"]):
        if i not in lay.drop:
            heading(area["name"], i + 1)
        for text in area["commitments"]:
            paragraph(text, "commitment")
        if lay.captions:
            out.append(CAPTIONS[i % len(CAPTIONS)].format(title=ag["title"]))
            blank()
    heading(ag["signing_heading"], None)
    for text in ag["signing"]:
        paragraph(text, "signing")
    if date_style == "ends":
        out.append(ag["date_line"] if ag["date_style"] == "ends" else ends_line(ag["date"]))
        out.append("Issued at HKT 20:15")
        blank()
    if lay.article:
        for kind, text in ARTICLE:
            if kind == "h":
                out.extend([text, "-" * len(text)])
            elif kind == "li":
                out.append("  • " + text)
                continue
            else:
                out.append(text)
            out.append("")
    if lay.trailing_ws:
        out = [line + "  \t " for line in out]
    return lay.newline.join(out) + lay.newline


LAYOUTS: dict[str, Layout] = {
    "plain": Layout(),
    "plain-no-blank-lines": Layout(blank=False),
    "underline-equals": Layout(heading="eq"),
    "underline-dashes": Layout(heading="dash"),
    "underline-dashes-no-blank-lines": Layout(heading="dash", blank=False),
    "markdown": Layout(heading="md"),
    "markdown-bold": Layout(heading="bold"),
    "uppercase": Layout(heading="upper"),
    "numbered-dot": Layout(heading="num"),
    "numbered-paren": Layout(heading="paren"),
    "numbered-roman": Layout(heading="roman"),
    "indented": Layout(para="indent", blank=False),
    "indented-blank-lines": Layout(para="indent"),
    "bullets-dot": Layout(para="bullet", bullet="•"),
    "bullets-hyphen": Layout(para="bullet", bullet="-", blank=False),
    "bullets-star": Layout(para="bullet", bullet="*"),
    "wrapped-72": Layout(wrap=72),
    "wrapped-72-indented": Layout(wrap=72, para="indent", blank=False),
    "wrapped-72-bullets": Layout(wrap=72, para="bullet", bullet="-", blank=False),
    "wrapped-72-no-blank-lines": Layout(wrap=72, blank=False),
    "crlf": Layout(newline="\r\n"),
    "crlf-wrapped-markdown": Layout(newline="\r\n", wrap=72, heading="md"),
    "nbsp": Layout(nbsp=True),
    "nbsp-indented": Layout(nbsp=True, para="indent", blank=False),
    "trailing-whitespace": Layout(trailing_ws=True),
    "captions": Layout(captions=True),
    "captions-underline-dashes": Layout(captions=True, heading="dash"),
    "unrelated-article": Layout(article=True),
    "unrelated-article-underline-dashes": Layout(article=True, heading="dash"),
    "other-date-style": Layout(flip_date=True),
    "glued-words": Layout(glue=True),
    "everything": Layout(
        heading="dash", wrap=72, newline="\r\n", nbsp=True, captions=True, article=True
    ),
}
# Layouts that differ from "plain" only in whitespace, line endings or wrapping.
WHITESPACE_ONLY = {
    "plain-no-blank-lines",
    "indented",
    "indented-blank-lines",
    "wrapped-72",
    "wrapped-72-indented",
    "crlf",
    "nbsp",
    "nbsp-indented",
    "trailing-whitespace",
}
CASES = [(k, name) for k in KEYS for name in LAYOUTS]
SEPARABLE_CASES = [(k, n) for k, n in CASES if LAYOUTS[n].paragraphs_visible]


@cache
def parsed(key: str, layout: str) -> Meeting:
    return parse_text(render(AGREEMENTS[key], LAYOUTS[layout]), source=f"{key}.txt")


def _ids(case):
    return f"{case[0]}-{case[1]}"


# --- the renderer itself (so a failure below is the parser's, not the test's) ---------------


@pytest.mark.parametrize("key", KEYS)
def test_data_commitments_come_from_the_seeds_or_are_invented(key):
    ag = AGREEMENTS[key]
    assert len(ag["areas"]) == ag["stated_area_count"]
    if key.startswith("zhejiang"):
        seed = Path(__file__).resolve().parent.parent / "store" / "samples"
        text = ws((seed / f"hong-kong-zhejiang-{ag['date']}.txt").read_text(encoding="utf-8"))
        unglued = _unglue_seed(text)
        for area in ag["areas"]:
            for c in area["commitments"]:
                assert c in unglued, c[:80]


def _unglue_seed(text: str) -> str:
    for glued, spaced in [("Zhejiangin ", "Zhejiang in "), ("andZhejiang", "and Zhejiang")]:
        text = text.replace(glued, spaced)
    return text.replace("inHong", "in Hong")


def test_renderer_keeps_every_word():
    ag = AGREEMENTS["guangxi-2025"]
    for name, lay in LAYOUTS.items():
        flat = ws(render(ag, lay)).replace("\xa0", " ")
        for area in ag["areas"]:
            for c in area["commitments"]:
                if lay.glue:
                    c = _glue(c)
                assert ws(c) in ws(flat), (name, c[:60])


# --- plain-text layouts --------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_same_area_names(case):
    key, layout = case
    m = parsed(key, layout)
    assert got_names(m) == expected_names(AGREEMENTS[key])
    assert [a.heading_inferred for a in m.areas] == [False] * len(m.areas)


@pytest.mark.parametrize("case", SEPARABLE_CASES, ids=_ids)
def test_same_commitments_grouped_the_same(case):
    key, layout = case
    assert got_texts(parsed(key, layout)) == expected_texts(AGREEMENTS[key])


@pytest.mark.parametrize("key", KEYS)
def test_wrapped_without_paragraph_breaks_keeps_each_areas_text(key):
    # Hard-wrapped paragraphs with no blank line or indent between them: where one
    # commitment ends is not visible, but each area must still hold exactly its text.
    m = parsed(key, "wrapped-72-no-blank-lines")
    assert got_names(m) == expected_names(AGREEMENTS[key])
    assert [" ".join(t) for t in got_texts(m)] == [
        " ".join(t) for t in expected_texts(AGREEMENTS[key])
    ]


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_same_metadata(case):
    key, layout = case
    ag, m = AGREEMENTS[key], parsed(key, layout)
    assert (m.date, m.place, sorted(m.parties), m.stated_area_count) == (
        ag["date"],
        ag["place"],
        sorted(ag["parties"]),
        ag["stated_area_count"],
    )


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_signed_documents_found(case):
    key, layout = case
    m = parsed(key, layout)
    titles = [ws(d.title) for d in m.signed_documents]
    keywords = AGREEMENTS[key]["signed_documents_keywords"]
    assert len(titles) == len(keywords), titles
    for ks in keywords:
        matches = [t for t in titles if all(k.casefold() in t.casefold() for k in ks)]
        assert len(matches) == 1, (ks, titles)


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_nothing_from_around_the_agreement_becomes_an_area_or_commitment(case):
    key, layout = case
    ag, m = AGREEMENTS[key], parsed(key, layout)
    outside = [
        "Source:",
        "More Images",
        "Issued at HKT",
        "Ends/",
        ag["signing_heading"],
        *ARTICLE_WORDS,
        *(" ".join(p.split()[:6]) for p in ag["lead"]),
        *(" ".join(p.split()[:6]) for p in ag["signing"]),
    ]
    for junk in outside:
        key_ = name_key(junk)
        assert [a.name for a in m.areas if key_ in name_key(a.name)] == [], junk
        assert [c.text[:60] for c in m.commitments if key_ in name_key(c.text)] == [], junk


@pytest.mark.parametrize("case", [c for c in SEPARABLE_CASES if c[1] != "plain"], ids=_ids)
def test_same_commitment_and_meeting_ids_as_plain_layout(case):
    key, layout = case
    ref, m = parsed(key, "plain"), parsed(key, layout)
    assert got_texts(m) == got_texts(ref), "different commitments; IDs cannot be compared"
    assert m.id == ref.id
    assert [c.id for c in m.commitments] == [c.id for c in ref.commitments]


@pytest.mark.parametrize("case", [c for c in CASES if c[1] in WHITESPACE_ONLY], ids=_ids)
def test_same_area_ids_across_whitespace_variants(case):
    key, layout = case
    ref, m = parsed(key, "plain"), parsed(key, layout)
    assert got_names(m) == got_names(ref)
    assert [a.id for a in m.areas] == [a.id for a in ref.areas]


@pytest.mark.parametrize("key", KEYS)
def test_ids_unique_and_deterministic(key):
    text = render(AGREEMENTS[key], LAYOUTS["everything"])
    a, b = parse_text(text, source="x.txt"), parse_text(text, source="x.txt")
    assert a.to_dict() == b.to_dict()
    cids = [c.id for c in a.commitments]
    aids = [ar.id for ar in a.areas]
    assert len(cids) == sum(len(x["commitments"]) for x in AGREEMENTS[key]["areas"])
    assert len(set(cids)) == len(cids)
    assert len(set(aids)) == len(aids)


def test_different_agreements_have_different_meeting_ids():
    ids = {parsed(k, "plain").id for k in KEYS}
    assert len(ids) == len(KEYS)


@pytest.mark.parametrize("layout", ["plain", "crlf", "wrapped-72-indented", "everything"])
def test_parse_file_and_parse_bytes_agree_with_parse_text(tmp_path, layout):
    ag = AGREEMENTS["guangxi-2025"]
    text = render(ag, LAYOUTS[layout])
    path = tmp_path / "hong-kong-guangxi.txt"
    path.write_bytes(text.encode("utf-8"))
    from_text = parse_text(text, source=path.name).to_dict()
    assert parse_file(path).to_dict() == from_text
    assert parse_bytes(path.read_bytes(), path.name).to_dict() == from_text


def _with_page_furniture(ag: dict, text: str) -> str:
    """``text`` (a layout with a commitment per line) with page furniture typed at page
    breaks: a page number and a running head before the second area's heading, "- 2 -" and
    the release's title again between two commitments, "3/3" before the signing section."""
    lines = text.split("\n")

    def after(commitment: str, extra: list[str]) -> None:
        at = next(i for i, line in enumerate(lines) if ws(line).endswith(ws(commitment)))
        lines[at + 1 : at + 1] = [x for e in extra for x in ("", e)]

    areas = ag["areas"]
    after(areas[0]["commitments"][-1], ["Page 1 of 3", "Government of the HKSAR"])
    inner = next(a for a in areas[1:] if len(a["commitments"]) > 1)
    after(inner["commitments"][0], ["- 2 -", ag["title"]])
    after(areas[-1]["commitments"][-1], ["3/3", "HKSAR Government Press Release"])
    return "\n".join(lines)


@pytest.mark.parametrize(
    "case",
    [(k, n) for k in KEYS for n in ("plain", "plain-no-blank-lines", "markdown", "numbered-paren")],
    ids=_ids,
)
def test_page_numbers_and_running_heads_in_the_text_are_left_out(case):
    key, layout = case
    ag = AGREEMENTS[key]
    text = _with_page_furniture(ag, render(ag, LAYOUTS[layout]))
    assert "Page 1 of 3" in text and "- 2 -" in text
    ref, m = parsed(key, layout), parse_text(text, source="x.txt")
    assert got_names(m) == got_names(ref)
    assert got_texts(m) == got_texts(ref)
    assert [c.id for c in m.commitments] == [c.id for c in ref.commitments]
    assert m.warnings == ref.warnings and m.title == ref.title


ANHUI_MACAO = """\
Macao and Anhui sign co-operation documents in Hefei

The Chief Executive of Macao and the Governor of Anhui Province met in Hefei today (October 9, \
2025) and agreed to co-operate in the following three areas:

Trade

Support Anhui's carmakers in exhibiting at the Macao International Trade and Investment Fair.

Tourism

Promote joint tour packages covering the Huangshan Mountains and Macao.

Education

Encourage universities of the two places to run joint master's programmes.

The two sides signed the following documents:

Memorandum of Understanding on Trade and Investment Promotion

Co-operation Plan on Cultural Tourism 2025-2027

Agreement on the Exchange of University Students;

Also present at the signing were officials of the Macao Economic Bureau.

Framework Agreement on Something Mentioned After The Narrative

Ends/Thursday, October 9, 2025
"""


def test_signed_documents_on_plain_lines_after_a_lead_in_are_found():
    m = parse_text(ANHUI_MACAO, source="anhui.txt")
    assert [a.name for a in m.areas] == ["Trade", "Tourism", "Education"]
    assert [d.title for d in m.signed_documents] == [
        "Memorandum of Understanding on Trade and Investment Promotion",
        "Co-operation Plan on Cultural Tourism 2025-2027",
        "Agreement on the Exchange of University Students",
    ]  # the list stops at the narrative; a title after it is not the list's
    # the same list in an HTML page, each title a paragraph of its own
    page = "".join(f"<p>{html.escape(p)}</p>" for p in ANHUI_MACAO.split("\n\n"))
    from_html = parse_bytes(f"<html><body>{page}</body></html>".encode(), "anhui.html")
    assert [d.title for d in from_html.signed_documents] == [d.title for d in m.signed_documents]


# --- headings missing ----------------------------------------------------------------------

DROPS = [
    ("zhejiang-2025", (10,), Layout()),  # Housing
    ("zhejiang-2025", (4, 7), Layout(heading="dash")),  # Legal, Youth
    pytest.param(
        (
            "zhejiang-2025",
            (0, 8, 10),
            Layout(heading="md", wrap=72),
        ),  # Belt and Road, Health, Housing
        marks=pytest.mark.xfail(
            strict=True,
            reason="known limit: the Housing paragraphs share much of Environmental protection's "
            "vocabulary, and a stronger false split wins in Belt and Road",
        ),
    ),
    ("zhejiang-2023", (0, 3, 4), Layout(heading="md", wrap=72)),  # as in the seed, other layout
    ("zhejiang-2023", (0, 3, 4, 6), Layout(para="indent", blank=False)),  # + Culture and Tourism
    ("zhejiang-2023", (9, 11), Layout(heading="dash")),  # Environmental, Legal
    ("zhejiang-2023", (5,), Layout(heading="upper", newline="\r\n")),  # Youth
    ("guangxi-2025", (6,), Layout()),  # Sports
    ("guangxi-2025", (1, 3), Layout(heading="num", captions=True)),  # Maritime, Agriculture
    ("guangxi-2025", (0,), Layout(para="bullet", article=True)),  # Logistics (the first)
]


def _drop_id(case) -> str:
    key, drop, lay = case
    names = "+".join(AGREEMENTS[key]["areas"][i]["name"].split()[0] for i in drop)
    return f"{key}-without-{names}-{lay.heading}"


@pytest.mark.parametrize("case", DROPS, ids=_drop_id)
def test_missing_headings_still_give_the_stated_areas(case):
    key, drop, lay = case
    ag = AGREEMENTS[key]
    m = parse_text(render(ag, replace(lay, drop=drop)), source=f"{key}.txt")
    assert m.stated_area_count == ag["stated_area_count"]
    assert len(m.areas) == ag["stated_area_count"], got_names(m)
    assert got_texts(m) == expected_texts(ag)
    for i, (area, want) in enumerate(zip(m.areas, ag["areas"], strict=True)):
        if i in drop:
            assert area.heading_inferred is True, (i, area.name)
        else:
            assert (name_key(area.name), area.heading_inferred) == (name_key(want["name"]), False)


@pytest.mark.parametrize("case", DROPS[:3], ids=_drop_id)
def test_missing_headings_keep_commitment_ids(case):
    key, drop, lay = case
    ag = AGREEMENTS[key]
    m = parse_text(render(ag, replace(lay, drop=drop)), source=f"{key}.txt")
    ref = parsed(key, "plain")
    assert got_texts(m) == got_texts(ref)
    assert [c.id for c in m.commitments] == [c.id for c in ref.commitments]


# --- stated and found counts differ; ambiguous date: a warning, never a silent guess ------------


def _with_lead(ag: dict, old: str, new: str) -> dict:
    assert any(old in p for p in ag["lead"]), old
    return {**ag, "lead": [p.replace(old, new) for p in ag["lead"]]}


@pytest.mark.parametrize(
    "stated",
    [
        pytest.param(
            9,
            marks=pytest.mark.xfail(
                strict=True,
                reason="known limit: a Youth section with a school paragraph is split as if an "
                "Education heading were lost (with a warning naming the inferred area)",
            ),
        ),
        7,
    ],
)
def test_stated_count_differs_from_headed_areas_gives_a_warning(stated):
    ag = _with_lead(AGREEMENTS["guangxi-2025"], "following 8", f"following {stated}")
    m = parse_text(render(ag, Layout(heading="dash")), source="guangxi.txt")
    assert m.stated_area_count == stated
    # all eight headed areas are kept as they are: none invented, none dropped
    assert got_names(m) == expected_names(ag)
    assert got_texts(m) == expected_texts(ag)
    assert m.warnings, "stated and found area counts differ but there is no warning"


def test_ambiguous_date_gives_a_warning():
    ag = AGREEMENTS["guangxi-2025"]
    ag = _with_lead(ag, " today (March 7)", "")
    ag = {**ag, "date_style": "iso", "date_line": "07/03/2025"}
    m = parse_text(render(ag, Layout()), source="guangxi.txt")
    assert m.date in (None, "2025-03-07", "2025-07-03")
    assert any("date" in w.casefold() for w in m.warnings), m.warnings


def test_stated_count_in_words():
    m = parsed("sichuan-2024", "plain")
    assert m.stated_area_count == 6


# --- saved HTML pages ----------------------------------------------------------------------


def _html_text(text: str) -> str:
    """Escape for HTML, with entities a saved page really has: &amp; &#8217; &eacute; &nbsp;."""
    out = html.escape(text, quote=False).replace("’", "&#8217;").replace("é", "&eacute;")
    parts = out.split(" ")
    return (
        "".join(p + ("&nbsp;" if i % 6 == 5 else " ") for i, p in enumerate(parts[:-1]))
        + (parts[-1])
    )


def render_html(ag: dict, style: str, drop: tuple[int, ...] = ()) -> str:
    """A saved press-release page: the agreement inside navigation, scripts and a footer."""
    body: list[str] = []
    br = style == "br"
    source_wrap = style.endswith("-source-wrapped")
    tag = style.removesuffix("-source-wrapped")

    def p(text: str) -> None:
        t = _html_text(text)
        if source_wrap:
            t = "\n    ".join(textwrap.wrap(t, 72, break_long_words=False, break_on_hyphens=False))
        if br:
            body.append(f"&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;{t}<br />")
        elif text.startswith("• "):
            body.append(f"<ul><li>{_html_text(text[2:])}</li></ul>")
        else:
            body.append(f"<p>{t}</p>")

    def h(name: str) -> None:
        t = _html_text(name)
        if br:
            body.append(f"<b>{t}</b><br />")
        elif tag in ("b", "strong"):
            body.append(f"<p><{tag}>{t}</{tag}></p>")
        else:
            body.append(f"<{tag}>{t}</{tag}>")

    if ag["date_style"] == "iso":
        body.append(f'<p class="date">{html.escape(ag["date_line"])}</p>')
    for text in ag["lead"]:
        p(text)
    for i, area in enumerate(ag["areas"]):
        if i not in drop:
            h(area["name"])
        for text in area["commitments"]:
            p(text)
    h(ag["signing_heading"])
    for text in ag["signing"]:
        p(text)
    if ag["date_style"] == "ends":
        body.append(f"<p>{ag['date_line']}<br />Issued at HKT 20:15</p>")
    content = "\n".join(body)
    if br:
        content = f'<div id="pressrelease">\n{content}\n</div>'
    title = html.escape(ag["title"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
  body {{ font-family: Arial, sans-serif; }}
  h2, h3 {{ color: #036; }} .cookie-banner {{ position: fixed; bottom: 0; }}
</style>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag() {{ dataLayer.push(arguments); }}
  var headings = "Finance; Support the development of scripts; Encourage tracking.";
</script>
</head>
<body>
<div class="cookie-banner" id="cookie">This website uses cookies to improve your experience.
By continuing to browse, you agree to our use of cookies. <button>Accept all cookies</button></div>
<a href="#main" class="skip">Skip to main content</a>
<nav>
  <ul>
    <li><a href="/">Home</a></li><li><a href="/press">Press Releases</a></li>
    <li><a href="/photos">Photo Gallery</a></li><li><a href="/contact">Contact Us</a></li>
  </ul>
</nav>
<main id="main">
<h1>{title}</h1>
{content}
</main>
<footer>
  <p>2025 | Important notices | Privacy Policy | Accessibility</p>
  <p>Last revision date: 10 March 2025</p>
</footer>
<script>document.getElementById("cookie").onclick = function () {{ this.remove(); }};</script>
</body>
</html>
"""


HTML_STYLES = ["b", "strong", "h2", "h3", "h4", "br", "h3-source-wrapped"]
HTML_CASES = [(k, s) for k in KEYS for s in HTML_STYLES]
HTML_JUNK = [
    "cookie",
    "Accept all",
    "Skip to main content",
    "Press Releases",
    "Photo Gallery",
    "Contact Us",
    "Important notices",
    "Privacy Policy",
    "Last revision date",
    "dataLayer",
    "gtag",
    "function",
    "font-family",
    "Support the development of scripts",
    "Encourage tracking",
    "&amp;",
    "&nbsp;",
    "&#8217;",
    "&eacute;",
    "<",
    ">",
]


@pytest.fixture(scope="module")
def parse_html(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    cache: dict[tuple[str, str], Meeting] = {}

    def parse(key: str, style: str) -> Meeting:
        if (key, style) not in cache:
            suffix = ".htm" if HTML_STYLES.index(style) % 2 else ".html"
            path = folder / f"{key}-{style}{suffix}"
            path.write_text(render_html(AGREEMENTS[key], style), encoding="utf-8")
            cache[key, style] = parse_file(path)
        return cache[key, style]

    return parse


@pytest.mark.parametrize("case", HTML_CASES, ids=_ids)
def test_html_same_areas_and_commitments(case, parse_html):
    key, style = case
    m = parse_html(key, style)
    assert got_names(m) == expected_names(AGREEMENTS[key])
    assert got_texts(m) == expected_texts(AGREEMENTS[key])


@pytest.mark.parametrize("case", HTML_CASES, ids=_ids)
def test_html_page_furniture_is_not_part_of_the_agreement(case, parse_html):
    key, style = case
    m = parse_html(key, style)
    for junk in HTML_JUNK:
        k = junk.casefold()
        assert [a.name for a in m.areas if k in a.name.casefold()] == [], junk
        assert [c.text[:60] for c in m.commitments if k in c.text.casefold()] == [], junk
    assert "cookie" not in m.title.casefold()
    assert "<" not in m.title


@pytest.mark.parametrize("case", HTML_CASES, ids=_ids)
def test_html_same_metadata_and_ids_as_text(case, parse_html):
    key, style = case
    ag, m, ref = AGREEMENTS[key], parse_html(key, style), parsed(key, "plain")
    assert (m.date, m.place, sorted(m.parties), m.stated_area_count) == (
        ag["date"],
        ag["place"],
        sorted(ag["parties"]),
        ag["stated_area_count"],
    )
    assert len(m.signed_documents) == len(ag["signed_documents_keywords"]), [
        d.title for d in m.signed_documents
    ]
    assert got_texts(m) == got_texts(ref), "different commitments; IDs cannot be compared"
    assert [c.id for c in m.commitments] == [c.id for c in ref.commitments]


def test_html_entities_are_decoded(parse_html):
    texts = [c.text for c in parse_html("guangxi-2025", "h3").commitments]
    assert any("Hong Kong & Guangxi" in t for t in texts)
    assert any("Hong Kong’s maritime" in t for t in texts)
    assert any("café" in t for t in texts)


def test_html_via_parse_bytes_detects_html_from_the_name():
    data = render_html(AGREEMENTS["guangxi-2025"], "h2").encode("utf-8")
    m = parse_bytes(data, "release.html")
    assert got_texts(m) == expected_texts(AGREEMENTS["guangxi-2025"])
    assert not re.search(r"</?\w+", " ".join(c.text for c in m.commitments))


HTML_DROPS = [
    ("zhejiang-2023", (0, 3, 4), "br"),  # the real 2023 page: three headings lost
    ("zhejiang-2023", (0, 3, 4), "strong"),
    ("zhejiang-2025", (10,), "h3"),  # Housing
    ("guangxi-2025", (6,), "h2"),  # Sports
]


@pytest.mark.parametrize(
    "case", HTML_DROPS, ids=[f"{k}-{s}-without-{len(d)}" for k, d, s in HTML_DROPS]
)
def test_html_missing_headings_still_give_the_stated_areas(case, tmp_path):
    key, drop, style = case
    ag = AGREEMENTS[key]
    path = tmp_path / f"{key}.htm"
    path.write_text(render_html(ag, style, drop), encoding="utf-8")
    m = parse_file(path)
    assert len(m.areas) == ag["stated_area_count"], got_names(m)
    assert got_texts(m) == expected_texts(ag)
    for i, (area, want) in enumerate(zip(m.areas, ag["areas"], strict=True)):
        if i in drop:
            assert area.heading_inferred is True, (i, area.name)
        else:
            assert (name_key(area.name), area.heading_inferred) == (name_key(want["name"]), False)

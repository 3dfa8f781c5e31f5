"""Issue 2: the two seed releases parse into the structures a reader sees in them.

The expectations below were written by hand from the seed texts
(``store/samples/hong-kong-zhejiang-2023-06-26.txt`` and ``…-2025-04-24.txt``).
"""

from __future__ import annotations

import re
import textwrap

import pytest

from parsers import Meeting, parse_file, parse_text


def ws(text: str) -> str:
    """Whitespace-normalised text (non-breaking spaces count as spaces)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def m2023(seed_2023_path) -> Meeting:
    return parse_file(seed_2023_path)


@pytest.fixture(scope="module")
def m2025(seed_2025_path) -> Meeting:
    return parse_file(seed_2025_path)


# --- 2023 ----------------------------------------------------------------------------------
# (name or None for a heading missing from the page, first words of each commitment)
EXPECTED_2023 = [
    (
        None,  # Finance
        [
            "Encourage Zhejiang enterprises to continue to make full use",
            "Promote Hong Kong's green and sustainable finance grant scheme",
            "Support Zhejiang enterprises to set up treasury centres",
        ],
    ),
    (
        "Innovation and Technology",
        [
            "Strengthen exchanges and co-operation in innovation and technology",
            "Explore the establishment of a joint training mechanism",
        ],
    ),
    (
        "Trade and Investment",
        [
            "Support Hong Kong-funded enterprises to set up offices in Zhejiang",
            "Explore co-operation in publicity and organising seminars",
        ],
    ),
    (
        None,  # Aviation
        [
            "Strengthen the airport co-operation between Hong Kong and Zhejiang",
            "Strengthen the personnel exchanges between Hong Kong and Zhejiang airports",
        ],
    ),
    (
        None,  # Education
        [
            "Strengthen exchanges and co-operation in higher education personnel training",
            "Encourage schools in the two places to form a sister school pairs",
        ],
    ),
    (
        "Youth Exchange",
        [
            "Promote exchanges between Zhejiang and Hong Kong youths",
            "Support and promote the Hong Kong Youth Internship Programme",
        ],
    ),
    (
        "Culture and Tourism",
        [
            "Actively support various arts groups",
            "Support the development of creative industries in the two places",
        ],
    ),
    (
        "Exchange of Talents and Civil Servants",
        [
            "Both sides work together to improve the facilitation policy",
            'Through the "Talent Engage"',
            "With the co-ordination of the Hong Kong and Macao Affairs Office",
        ],
    ),
    (
        "Health, Hygiene and Chinese Medicine",
        ["Promote regular exchanges on health between Hong Kong and Zhejiang"],
    ),
    (
        "Environmental Protection",
        ["Promote exchanges on environmental protection between Zhejiang and Hong Kong"],
    ),
    (
        "Facilitation for Hong Kong People in the Mainland",
        [
            "Zhejiang fully implements the policies and measures",
            'Explore the establishment of a "one-stop" consulting service platform',
        ],
    ),
    (
        "Legal and Dispute Resolution",
        [
            "Support and promote the expansion of business co-operation",
            "Explore the establishment of an exchange and training base",
        ],
    ),
]
# The three groups whose heading was lost, and a stem their inferred name must contain.
INFERRED_2023 = {0: "financ", 3: "aviation", 4: "educat"}

# --- 2025 ----------------------------------------------------------------------------------
EXPECTED_2025 = [
    (
        "Joint pursuit of the Belt and Road development and business investment",
        [
            "Strengthen co-operation on the Belt and Road Initiative",
            "Promote the co-operation between Hong Kong and Zhejiang in the field",
            "Continue to actively promote collaboration and exchanges on intellectual",
        ],
    ),
    (
        "Finance",
        [
            "Support Zhejiang Province in collaborating with the Hong Kong Exchanges",
            "Encourage enterprises in Zhejiang Province and financial institutions",
        ],
    ),
    (
        "Innovation and technology",
        [
            "Jointly promote co-operation in technology research and development",
            "Actively establish a two-way sci-tech financial investment",
            "Encourage and support technology entities in Hong Kong and Zhejiang",
        ],
    ),
    (
        "Aviation",
        [
            "Increase the frequency of flights between Hong Kong",
            "Enhance the exchange of advanced airport management experience",
        ],
    ),
    (
        "Legal and dispute resolution",
        [
            "Continue to proactively support law firms",
            "Promote co-operation between the arbitral institutions",
            "Support and promote the expansion of exchange platforms",
        ],
    ),
    (
        "Cultural exchange and tourism",
        [
            "Strengthen cultural and tourism exchanges between the two places.",
            "Strengthen the exchanges and collaboration between the museums",
        ],
    ),
    (
        "Education",
        [
            "Promote the development of the Zhejiang-Hong Kong Vocational Education Alliance",
            "Facilitate more schools in the two places in forming sister school pairs",
            "Encourage higher education institutions in Zhejiang Province",
        ],
    ),
    (
        "Youth development",
        [
            "Actively explore the introduction of a quality internship programme",
            "Support Hong Kong youths to participate in short-term experiential",
            "Encourage and support Hong Kong youth entrepreneurial teams",
        ],
    ),
    (
        "Health and Chinese medicine",
        [
            "Strengthen exchanges and co-operation between the two sides in areas",
            "Support Hong Kong service providers to develop Hong Kong-Zhejiang joint ventures",
            "Expedite academic and talent exchanges in Chinese medicine",
        ],
    ),
    (
        "Environmental protection",
        [
            "Promote the implementation of the co-operation agreement signed",
            "Strengthen technical exchanges and co-operation in the field of carbon",
            "Strengthen exchanges and discussions between Hong Kong and Zhejiang",
        ],
    ),
    (
        "Housing",
        [
            "The two parties will engage in collaborative exchanges",
            "The two parties will strengthen collaboration in innovative housing",
        ],
    ),
    (
        "Talent and civil service exchange",
        [
            "Strengthen communication and connections with renowned schools",
            "Continue to promote and deepen exchanges between civil servants",
        ],
    ),
    (
        "Facilitation measures for Hong Kong people on the Mainland",
        [
            "Fully implement the policies and measures introduced",
            "Explore the expansion of the scope of application of the Mainland Travel Permits",
        ],
    ),
]


def outline(meeting: Meeting) -> list[tuple[str, int]]:
    return [(ws(a.name), len(a.commitments)) for a in meeting.areas]


# --- structure -----------------------------------------------------------------------------


def test_2023_has_12_areas_and_24_commitments(m2023):
    assert len(m2023.areas) == 12, outline(m2023)
    assert len(m2023.commitments) == 24, outline(m2023)
    assert [len(a.commitments) for a in m2023.areas] == [len(c) for _, c in EXPECTED_2023]


def test_2023_headings_present_in_the_text_are_kept_exactly(m2023):
    got = [(ws(a.name), a.heading_inferred) for a in m2023.areas]
    want = [(name, False) for name, _ in EXPECTED_2023 if name is not None]
    assert [g for i, g in enumerate(got) if i not in INFERRED_2023] == want


@pytest.mark.parametrize(("index", "stem"), sorted(INFERRED_2023.items()))
def test_2023_missing_headings_are_inferred_from_content(m2023, index, stem):
    assert len(m2023.areas) == 12, outline(m2023)
    area = m2023.areas[index]
    assert area.heading_inferred is True, (area.name, outline(m2023))
    assert stem in area.name.casefold(), (area.name, outline(m2023))


def test_2023_commitments_grouped_under_the_right_area(m2023):
    got = [[ws(c.text) for c in a.commitments] for a in m2023.areas]
    assert len(got) == len(EXPECTED_2023), outline(m2023)
    for i, ((name, firsts), texts) in enumerate(zip(EXPECTED_2023, got, strict=True)):
        assert len(texts) == len(firsts), (i, name, texts)
        for first, text in zip(firsts, texts, strict=True):
            assert text.startswith(first), (i, name, first, text[:90])


def test_2023_commitment_texts_are_the_whole_paragraphs(m2023, agreement_2023):
    want = [c for a in agreement_2023["areas"] for c in a["commitments"]]
    assert [ws(c.text) for c in m2023.commitments] == want


def test_2025_has_13_areas_and_33_commitments(m2025):
    assert len(m2025.areas) == 13, outline(m2025)
    assert len(m2025.commitments) == 33, outline(m2025)


def test_2025_area_names_are_the_dash_underlined_headings(m2025):
    assert [(ws(a.name), a.heading_inferred) for a in m2025.areas] == [
        (name, False) for name, _ in EXPECTED_2025
    ]


def test_2025_commitments_grouped_under_the_right_area(m2025):
    got = [[ws(c.text) for c in a.commitments] for a in m2025.areas]
    assert len(got) == len(EXPECTED_2025), outline(m2025)
    for (name, firsts), texts in zip(EXPECTED_2025, got, strict=True):
        assert len(texts) == len(firsts), (name, texts)
        for first, text in zip(firsts, texts, strict=True):
            assert text.startswith(first), (name, first, text[:90])


def test_2025_commitment_texts_are_the_whole_paragraphs(m2025, agreement_2025):
    want = [c for a in agreement_2025["areas"] for c in a["commitments"]]
    assert [ws(c.text) for c in m2025.commitments] == want


# Text that sits around the 2025 agreement on the saved page and is not part of it.
NOT_AGREEMENT_2025 = [
    "Source: HKSAR Government Press Releases",
    "More Images",
    "Last Updated",
    "Skip to Content",
    "hotpot",
    "influenza",
    "Elderly and people with chronic illnesses",
    "Infants, children and pregnant women",
    "Outdoor workers",
    "General public",
    "cold weather",
    "CHP",
    "AI-found images",
    "Recommended Articles",
    "Officials of the HKSAR Government",
    "signed the",
    "Memorandum of Understanding on",
    "Co-operation memorandum signing ceremony",
]


@pytest.mark.parametrize("junk", NOT_AGREEMENT_2025)
def test_2025_page_furniture_and_appended_article_are_not_areas_or_commitments(m2025, junk):
    key = junk.casefold()
    assert [a.name for a in m2025.areas if key in a.name.casefold()] == []
    assert [c.text[:80] for c in m2025.commitments if key in c.text.casefold()] == []


NOT_AGREEMENT_2023 = [
    "Go to main content",
    "The Chief Executive, Mr John Lee, attended",
    "Mr Lee said that",
    "reached consensus on the following",
    "Co-operation Memorandum Signing Ceremony",
    "At the meeting, the Chief Secretary",
    "In addition, three co-operation agreements",
    "Co-operation Memorandum between",
    "Officials of the HKSAR Government",
    "Ends/Monday",
    "Issued at HKT",
    "Today's Press Releases",
]


@pytest.mark.parametrize("junk", NOT_AGREEMENT_2023)
def test_2023_lead_and_signing_section_are_not_areas_or_commitments(m2023, junk):
    key = junk.casefold()
    assert [a.name for a in m2023.areas if key in a.name.casefold()] == []
    assert [c.text[:80] for c in m2023.commitments if key in c.text.casefold()] == []


# --- glued words ---------------------------------------------------------------------------

GLUED = ["andZhejiang", "Zhejiangin", "inHong"]


@pytest.mark.parametrize("glued", GLUED)
def test_2025_glued_words_are_separated(m2025, glued):
    assert [c.text[:80] for c in m2025.commitments if glued in c.text] == []


@pytest.mark.parametrize(
    "spaced",
    [
        "between Hong Kong and Zhejiang in the field of professional services",
        "research and development between Hong Kong and Zhejiang. Support",
        "enterprises in Hong Kong and Zhejiang to jointly launch",
        "technology entities in Hong Kong and Zhejiang to take the lead",
        "airport personnel in Hong Kong and Zhejiang.",
        "institutions of Hong Kong and Zhejiang, and jointly organise",
        "between Hong Kong and Zhejiang in areas such as environmental",
    ],
)
def test_2025_glued_words_appear_in_their_spaced_form(m2025, spaced):
    texts = [ws(c.text) for c in m2025.commitments]
    assert any(spaced in t for t in texts), spaced


@pytest.mark.parametrize(
    "kept",
    ["Hong Kong-Zhejiang joint ventures", "Zhejiang-Hong Kong Vocational Education Alliance"],
)
def test_2025_hyphenated_names_are_not_split(m2025, kept):
    assert any(kept in ws(c.text) for c in m2025.commitments), kept


# --- metadata ------------------------------------------------------------------------------


def test_2023_metadata(m2023):
    assert m2023.date == "2023-06-26"
    assert m2023.place == "Hong Kong"
    assert set(m2023.parties) == {"Hong Kong", "Zhejiang"}
    assert len(m2023.parties) == 2
    assert m2023.stated_area_count == 12
    assert m2023.source == "hong-kong-zhejiang-2023-06-26.txt"


def test_2025_metadata(m2025):
    assert m2025.date == "2025-04-24"
    assert m2025.place == "Hangzhou"
    assert set(m2025.parties) == {"Hong Kong", "Zhejiang"}
    assert len(m2025.parties) == 2
    assert m2025.stated_area_count == 13
    assert m2025.source == "hong-kong-zhejiang-2025-04-24.txt"


def test_titles_are_the_headline_not_page_furniture(m2023, m2025):
    assert "co-operation agreements" in m2023.title
    assert "Go to main content" not in m2023.title
    assert "Zhejiang" in m2025.title
    assert "Skip to Content" not in m2025.title
    assert "Source:" not in m2025.title


def _match_documents(meeting: Meeting, keywords: list[list[str]]) -> list[list[str]]:
    """For each expected document, the titles that contain all its key words."""
    titles = [ws(d.title) for d in meeting.signed_documents]
    return [[t for t in titles if all(k.casefold() in t.casefold() for k in ks)] for ks in keywords]


@pytest.mark.parametrize("year", ["2023", "2025"])
def test_signed_documents_each_found_once(year, m2023, m2025, agreement_2023, agreement_2025):
    meeting, data = (m2023, agreement_2023) if year == "2023" else (m2025, agreement_2025)
    keywords = data["signed_documents_keywords"]
    titles = [ws(d.title) for d in meeting.signed_documents]
    assert len(titles) == len(keywords), titles
    for ks, matches in zip(keywords, _match_documents(meeting, keywords), strict=True):
        assert len(matches) == 1, (ks, titles)


@pytest.mark.parametrize("year", ["2023", "2025"])
def test_signed_document_titles_have_no_duplicates_or_list_punctuation(year, m2023, m2025):
    meeting = m2023 if year == "2023" else m2025
    titles = [ws(d.title) for d in meeting.signed_documents]
    keys = [re.sub(r"[\W_]+", "", t.casefold()) for t in titles]
    assert len(set(keys)) == len(keys), titles
    for t in titles:
        assert t, titles
        assert not re.search(r"(;|; and|\band)$", t), t
        assert not t.startswith(("•", "(i)", "(ii)", "(iii)", "(iv)")), t


def _count_warnings(meeting: Meeting) -> list[str]:
    return [
        w
        for w in meeting.warnings
        if re.search(r"area", w, re.I)
        and re.search(r"stat|found|count|differ|mismatch|expect", w, re.I)
    ]


def test_no_area_count_warnings_on_the_seeds(m2023, m2025):
    assert _count_warnings(m2023) == []
    assert _count_warnings(m2025) == []


# --- IDs -----------------------------------------------------------------------------------


def ids(meeting: Meeting) -> tuple[str, list[str], list[str]]:
    return (meeting.id, [a.id for a in meeting.areas], [c.id for c in meeting.commitments])


@pytest.mark.parametrize("year", ["2023", "2025"])
def test_reparse_is_identical(year, seed_2023_path, seed_2025_path):
    path = seed_2023_path if year == "2023" else seed_2025_path
    assert parse_file(path).to_dict() == parse_file(path).to_dict()


@pytest.mark.parametrize("year", ["2023", "2025"])
def test_ids_are_unique_within_a_meeting(year, m2023, m2025):
    meeting = m2023 if year == "2023" else m2025
    area_ids = [a.id for a in meeting.areas]
    commitment_ids = [c.id for c in meeting.commitments]
    assert all(area_ids) and all(commitment_ids) and meeting.id
    assert len(set(area_ids)) == len(area_ids)
    assert len(set(commitment_ids)) == len(commitment_ids)
    assert not ({meeting.id} & set(area_ids) | {meeting.id} & set(commitment_ids))
    assert not set(area_ids) & set(commitment_ids)


def test_the_two_seeds_have_different_ids(m2023, m2025):
    assert m2023.id != m2025.id
    assert not {c.id for c in m2023.commitments} & {c.id for c in m2025.commitments}


def _crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def _extra_whitespace(text: str) -> str:
    # trailing spaces, doubled spaces between words, tabs before indented lines
    lines = [line.replace(" ", "  ") + "   " for line in text.split("\n")]
    return "\n".join("\t" + line if line[:1].isspace() else line for line in lines)


def _rewrapped(text: str) -> str:
    out = []
    for line in text.split("\n"):
        indent = line[: len(line) - len(line.lstrip())]
        if len(line) <= 72 or set(line.strip()) <= {"-"}:
            out.append(line)
            continue
        # every line of a paragraph keeps the paragraph's indent (none in 2025)
        out.extend(
            textwrap.wrap(
                line.strip(),
                72,
                initial_indent=indent,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(out)


@pytest.mark.parametrize(
    "transform",
    [_crlf, _extra_whitespace, _rewrapped],
    ids=["crlf", "extra-whitespace", "rewrapped-72"],
)
@pytest.mark.parametrize("year", ["2023", "2025"])
def test_ids_survive_whitespace_line_endings_and_rewrapping(
    year, transform, seed_2023_text, seed_2025_text, m2023, m2025
):
    text, reference = (seed_2023_text, m2023) if year == "2023" else (seed_2025_text, m2025)
    variant = parse_text(transform(text), source=reference.source)
    assert [ws(a.name) for a in variant.areas] == [ws(a.name) for a in reference.areas]
    assert [ws(c.text) for c in variant.commitments] == [ws(c.text) for c in reference.commitments]
    assert ids(variant) == ids(reference)


def test_ids_do_not_depend_on_the_file_name(seed_2025_text):
    a = parse_text(seed_2025_text, source="a.txt")
    b = parse_text(seed_2025_text, source="copy of the release.txt")
    assert ids(a) == ids(b)


def test_parse_text_and_parse_file_agree(seed_2025_path, seed_2025_text, m2025):
    assert parse_text(seed_2025_text, source=seed_2025_path.name).to_dict() == m2025.to_dict()


def test_to_dict_has_the_public_keys(m2025):
    d = m2025.to_dict()
    assert set(d) >= {
        "id",
        "title",
        "date",
        "place",
        "parties",
        "source",
        "stated_area_count",
        "areas",
        "signed_documents",
        "warnings",
    }
    assert set(d["areas"][0]) >= {"id", "name", "heading_inferred", "commitments"}
    assert set(d["areas"][0]["commitments"][0]) >= {"id", "text"}
    assert set(d["signed_documents"][0]) >= {"title"}
    assert len(d["areas"]) == 13
    assert sum(len(a["commitments"]) for a in d["areas"]) == 33

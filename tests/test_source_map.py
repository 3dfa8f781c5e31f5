"""Issue 15, "Where it came from": every commitment knows its span in the source.

``parsers.source_map`` cuts the text the parser read into segments: each commitment's
text (a split one's part of its paragraph, a merged one's two paragraphs, an added one
where its text is), the headings (a lost one as an empty mark at its area's first
commitment), and the rest as context (header, stated count, signing, closing lines) or
dropped (captions, page furniture, an unrelated article). Releases are built here in
many shapes (not only the samples), and corrected meetings are made by hand.
"""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from test_parser_properties import PROPERTY_SETTINGS, release_like

from parsers import Area, Commitment, Meeting, decode, parse_bytes, parse_text, release_text
from parsers.model import make_id
from parsers.normalise import collapse_ws
from parsers.source_map import KINDS, SourceMap, source_map, span_of, squeeze

SAMPLES = Path(__file__).resolve().parent.parent / "store" / "samples"

STARTERS = ["Strengthen", "Promote", "Support", "Encourage", "Explore", "Deepen", "Enhance"]
WORDS = (
    "co-operation exchanges between the two places in finance banking insurance aviation "
    "airports flights tourism museums culture heritage schools universities students "
    "hospitals medicine doctors rivers forests carbon emissions startups research "
    "laboratories lawyers arbitration mediation housing youth internships talent"
).split()
AREA_NAMES = [
    "Finance",
    "Aviation",
    "Culture and Tourism",
    "Education",
    "Health and Medicine",
    "Environmental Protection",
    "Innovation and Technology",
    "Legal Services",
]


def sentence(words: list[str], starter: str) -> str:
    return f"{starter} {' '.join(words)}."


commitments_st = st.lists(
    st.builds(
        sentence,
        st.lists(st.sampled_from(WORDS), min_size=4, max_size=18),
        st.sampled_from(STARTERS),
    ),
    min_size=1,
    max_size=4,
)


@dataclasses.dataclass
class Built:
    text: str
    captions: list[str]
    header: list[str]
    closing: list[str]
    unrelated: list[str]


def heading(name: str, style: int, n: int) -> str:
    return [name, f"## {name}", f"{n}. {name}", f"**{name}**", f"{name}\n{'-' * len(name)}"][style]


@st.composite
def releases(draw: st.DrawFn) -> Built:
    names = draw(st.lists(st.sampled_from(AREA_NAMES), min_size=2, max_size=6, unique=True))
    style = draw(st.integers(0, 4))
    bullet = draw(st.sampled_from(["", "• ", "- "]))
    gap = draw(st.sampled_from(["\n\n", "\n"]))
    caption = draw(st.sampled_from(["Source: HKSAR Government Press Releases", "More Images"]))
    title = "Hong Kong and Guangxi hold co-operation conference"
    header = [title, "Monday, June 26, 2023"]
    lines = [*header, caption]
    lines.append("Hong Kong and Guangxi reached consensus on the following "
                 f"{len(names)} co-operation areas:")  # fmt: skip
    for n, name in enumerate(names, 1):
        if not draw(st.booleans()) or n == 1:
            lines.append(heading(name, style, n))
        lines += [f"{bullet}{c[:-1]} in batch {len(lines)}." for c in draw(commitments_st)]
        if draw(st.booleans()):
            lines.append(caption)
    closing = [
        'The two sides signed the "Co-operation Agreement on Finance between Hong Kong '
        'and Guangxi".',
        "Ends/Monday, June 26, 2023",
    ]
    unrelated = [
        "CHP reminds public to take precautions against cold weather",
        "The Centre for Health Protection today (January 3) reminded the public to stay "
        "warm, a spokesman said.",
    ]
    lines += closing + unrelated
    return Built(gap.join(lines), [caption], header, closing, unrelated)


def check_map(text: str, meeting: Meeting, sm: SourceMap) -> None:
    """The segments cover the text in order without overlapping; each commitment has
    segments whose text is the commitment's (whitespace aside)."""
    pos = 0
    for seg in sm.segments:
        assert seg.kind in KINDS
        assert seg.start == pos, (seg, pos)
        assert seg.end >= seg.start
        if seg.kind == "inferred-heading":
            assert seg.start == seg.end
        pos = seg.end
    assert pos == len(text)
    for c in meeting.commitments:
        segs = sm.segments_of(c.id)
        assert segs and all(s.kind == "commitment" for s in segs), c.text
        assert "".join(squeeze(text[s.start : s.end]) for s in segs) == squeeze(c.text)
    for seg in sm.segments:  # what is not taken is context or dropped
        taken = seg.kind in ("commitment", "excluded", "inferred-heading")
        assert taken == (seg.kind != "heading" and seg.target_id is not None), seg


def kinds_at(sm: SourceMap, text: str, needle: str) -> set[str]:
    """The kinds of the segments holding ``needle``'s first occurrence."""
    at = text.index(needle)
    end = at + len(needle)
    return {s.kind for s in sm.segments if s.start < end and s.end > at}


# --- built releases -------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(releases())
def test_every_commitment_of_a_built_release_has_its_span(built: Built) -> None:
    meeting = parse_text(built.text, source="built.txt")
    text = release_text(built.text, "built.txt")
    sm = source_map(text, meeting)
    check_map(text, meeting, sm)
    assert meeting.commitments
    for c in meeting.commitments:
        span = sm.span(c.id)
        assert span is not None
        assert collapse_ws(text[span[0] : span[1]]) == c.text  # no glued words here


@PROPERTY_SETTINGS
@given(releases())
def test_what_was_left_out_is_dropped_and_the_rest_context(built: Built) -> None:
    meeting = parse_text(built.text, source="built.txt")
    text = release_text(built.text, "built.txt")
    sm = source_map(text, meeting)
    for line in built.captions + built.unrelated:
        assert kinds_at(sm, text, line) == {"dropped"}, line
    for line in built.header + built.closing:
        assert kinds_at(sm, text, line) == {"context"}, line
    stated = text.index("Hong Kong and Guangxi reached consensus")
    assert kinds_at(sm, text, text[stated : text.index(":", stated)]) == {"context"}


@PROPERTY_SETTINGS
@given(releases())
def test_headings_are_marked_and_lost_ones_are_empty_marks(built: Built) -> None:
    meeting = parse_text(built.text, source="built.txt")
    text = release_text(built.text, "built.txt")
    sm = source_map(text, meeting)
    for area in meeting.areas:
        (mark,) = [s for s in sm.segments_of(area.id)]
        first = sm.segments_of(area.commitments[0].id)[0]
        if area.heading_inferred:
            assert mark.kind == "inferred-heading"
            assert mark.start == mark.end == first.start
        else:
            assert mark.kind == "heading"
            assert area.name.casefold() in text[mark.start : mark.end].casefold()
            assert mark.end <= first.start


@PROPERTY_SETTINGS
@given(release_like)
def test_any_release_like_text_maps_every_commitment(raw: str) -> None:
    """Messy input (captions, rules, bullets, controls, markup, glued words, CR line
    ends): still every commitment found, whitespace and glue aside."""
    meeting = parse_text(raw, source="x.txt")
    text = release_text(raw, "x.txt")
    check_map(text, meeting, source_map(text, meeting))


def test_the_samples_map_every_commitment_and_their_glued_words() -> None:
    for path in sorted(SAMPLES.glob("*.txt")):
        data = path.read_bytes()
        meeting = parse_bytes(data, path.name)
        text = release_text(decode(data, path.name), path.name)
        sm = source_map(text, meeting)
        check_map(text, meeting, sm)
        assert {s.kind for s in sm.segments} >= {"commitment", "heading", "context", "dropped"}


def test_html_offsets_are_in_the_pages_readable_text() -> None:
    page = (
        "<html><head><title>Meeting</title></head><body><nav>Home | News</nav>"
        "<h1>Hong Kong and Guangxi hold co-operation conference</h1>"
        "<p>Hong Kong and Guangxi reached consensus on the following 2 co-operation "
        "areas:</p><h2>Finance</h2><ul><li>Strengthen co-operation in <b>banking</b> "
        "and insurance.</li><li>Promote exchanges between the two places in finance.</li>"
        "</ul><h2>Aviation</h2><p>Enhance co-operation between the airports.</p>"
        "<p>Ends/Monday, June 26, 2023</p><footer>Contact us</footer></body></html>"
    )
    meeting = parse_bytes(page.encode(), "page.html")
    text = release_text(page, "page.html")
    assert "<" not in text and "Home | News" not in text
    sm = source_map(text, meeting)
    check_map(text, meeting, sm)
    first = meeting.areas[0].commitments[0]
    start, end = sm.span(first.id) or (0, 0)
    assert text[start:end] == "Strengthen co-operation in banking and insurance."
    assert kinds_at(sm, text, "• ") == {"context"}  # the list mark of a taken item


# --- corrected meetings -----------------------------------------------------------------

RELEASE = """Hong Kong and Guangxi hold co-operation conference
Monday, June 26, 2023

Hong Kong and Guangxi reached consensus on the following 2 co-operation areas:

Finance

Strengthen co-operation in banking and insurance. Promote green finance between the two places.

Support exchanges between the financial regulators of the two places.

Source: HKSAR Government Press Releases

Aviation

Enhance co-operation between the airports of the two places.

Explore new flights between the two places.

Source: the delegates at the meeting and a view of the harbour of Hong Kong

Ends/Monday, June 26, 2023
"""


def parsed() -> tuple[str, Meeting]:
    meeting = parse_text(RELEASE, source="r.txt")
    assert [len(a.commitments) for a in meeting.areas] == [2, 2]
    return release_text(RELEASE, "r.txt"), meeting


def test_a_split_commitment_maps_each_part_to_its_part_of_the_paragraph() -> None:
    text, meeting = parsed()
    corrected = copy.deepcopy(meeting)
    area = corrected.areas[0]
    whole = area.commitments[0]
    cut = whole.text.index("Promote")
    first = Commitment(whole.id, whole.text[:cut].strip())
    second = Commitment(make_id("split", whole.id), whole.text[cut:])
    area.commitments[0:1] = [first, second]
    sm = source_map(text, corrected)
    check_map(text, corrected, sm)
    assert (
        text[slice(*sm.span(first.id) or (0, 0))]
        == "Strengthen co-operation in banking and insurance."
    )
    assert (
        text[slice(*sm.span(second.id) or (0, 0))]
        == "Promote green finance between the two places."
    )


def test_a_merged_commitment_maps_to_both_paragraphs() -> None:
    text, meeting = parsed()
    corrected = copy.deepcopy(meeting)
    area = corrected.areas[1]
    a, b = area.commitments
    area.commitments = [Commitment(a.id, f"{a.text} {b.text}")]
    sm = source_map(text, corrected)
    check_map(text, corrected, sm)
    segs = sm.segments_of(a.id)
    assert [text[s.start : s.end] for s in segs] == [a.text, b.text]
    start, end = sm.span(a.id) or (0, 0)
    assert text[start:end].startswith(a.text) and text[start:end].endswith(b.text)


def test_a_moved_commitment_keeps_its_span_and_the_order_does_not_matter() -> None:
    text, meeting = parsed()
    corrected = copy.deepcopy(meeting)
    moved = corrected.areas[1].commitments.pop()
    corrected.areas[0].commitments.insert(0, moved)
    sm = source_map(text, corrected)
    check_map(text, corrected, sm)
    assert sm.span(moved.id) == source_map(text, meeting).span(moved.id)


def test_an_added_commitment_maps_where_its_text_is_and_is_no_longer_dropped() -> None:
    text, meeting = parsed()
    caption = "the delegates at the meeting and a view of the harbour of Hong Kong"
    assert kinds_at(source_map(text, meeting), text, caption) == {"dropped"}
    corrected = copy.deepcopy(meeting)
    added = Commitment(
        make_id("added", caption),
        "the delegates at the\nmeeting and a view of the harbour of Hong Kong",
    )
    corrected.areas[1].commitments.append(added)
    sm = source_map(text, corrected)
    check_map(text, corrected, sm)
    assert kinds_at(sm, text, caption) == {"commitment"}
    assert text[slice(*sm.span(added.id) or (0, 0))] == caption


def test_an_excluded_commitment_is_marked_as_such_where_it_was() -> None:
    text, meeting = parsed()
    corrected = copy.deepcopy(meeting)
    area = corrected.areas[0]
    gone = area.commitments.pop(1)
    area.excluded.append(gone)
    sm = source_map(text, corrected)
    check_map(text, corrected, sm)
    (seg,) = sm.segments_of(gone.id)
    assert (seg.kind, text[seg.start : seg.end]) == ("excluded", gone.text)
    assert sm.span(area.id) == source_map(text, meeting).span(area.id)  # still its area's


def test_an_added_area_is_an_empty_mark_at_its_first_commitment() -> None:
    text, meeting = parsed()
    corrected = copy.deepcopy(meeting)
    moved = corrected.areas[1].commitments.pop()
    new = Area(make_id("new", "Flights"), "Flights", commitments=[moved], added=True)
    corrected.areas.append(new)
    sm = source_map(text, corrected)
    check_map(text, corrected, sm)
    mark, commitment = sm.segments_of(new.id)[0], sm.segments_of(moved.id)[0]
    assert (mark.kind, mark.start, mark.end) == (
        "inferred-heading",
        commitment.start,
        commitment.start,
    )


def test_a_commitment_whose_text_is_not_in_the_source_has_no_span_and_takes_nothing() -> None:
    """Half of it is the caption, the rest is nowhere: it gets no span, and the caption
    is still there for a commitment added from it (what was tried is given back)."""
    text, meeting = parsed()
    caption = "the delegates at the meeting and a view of the harbour of Hong Kong"
    corrected = copy.deepcopy(meeting)
    stray = Commitment(make_id("x"), "the delegates at the meeting and a view of Macao Tower")
    added = Commitment(make_id("added"), caption)
    corrected.areas[1].commitments[:0] = [stray, added]
    sm = source_map(text, corrected)
    assert sm.span(stray.id) is None
    assert text[slice(*sm.span(added.id) or (0, 0))] == caption
    for c in meeting.commitments:
        assert sm.span(c.id) == source_map(text, meeting).span(c.id)


def test_renamed_areas_keep_their_heading_and_removed_commitments_their_text() -> None:
    text, meeting = parsed()
    corrected = copy.deepcopy(meeting)
    corrected.areas[0].name = "Banking"
    gone = corrected.areas[0].commitments.pop()
    sm = source_map(text, corrected)
    (heading,) = sm.segments_of(corrected.areas[0].id)
    assert heading.kind == "heading" and text[heading.start : heading.end] == "Finance"
    assert sm.segments_of(gone.id) == []
    assert kinds_at(sm, text, gone.text) == {"dropped"}


def test_spans_of_an_area_and_of_the_meeting() -> None:
    text, meeting = parsed()
    area = meeting.areas[1]
    start, end = span_of(text, meeting, area.id) or (0, 0)
    assert text[start:end].startswith("Aviation")
    assert text[start:end].endswith("Explore new flights between the two places.")
    start, end = span_of(text, meeting, meeting.id) or (0, 0)
    assert text[start:end].startswith("Hong Kong and Guangxi hold")
    assert text[start:end].endswith("Ends/Monday, June 26, 2023")
    assert span_of(text, meeting, "0123456789ab") is None


def test_the_parse_is_unchanged_by_the_source_map() -> None:
    """``parse --json``'s contract: parsing gives the same meeting as before the map
    existed (the structure the map reads is the parser's own)."""
    before = parse_text(RELEASE, source="r.txt").to_dict()
    text, meeting = parsed()
    source_map(text, meeting)
    assert parse_text(RELEASE, source="r.txt").to_dict() == before == meeting.to_dict()

"""The Markdown report: structure under hostile notes and text, escaping, filters, stability."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from export_support import (
    HOSTILE_NOTES,
    fences,
    headings,
    hostile_store,
    html_tokens,
    markdown_tokens,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from store_support import new_store, write_release

from parsers.model import Area, Commitment, Meeting
from parsers.normalise import collapse_ws as one_line
from sharing.export import (
    AreaView,
    Filters,
    Item,
    MeetingView,
    Selection,
    make_filters,
    markdown_report,
    select,
)
from sharing.markdown_text import escape, normalise_newlines
from store import Annotation, Note, Status, Store
from store.safetext import visible


def expected_headings(store: Store) -> list[tuple[int, str]]:
    out = [(1, "coop-tui notes"), (2, "Summary")]
    for meeting in store.meetings():
        out.append((2, meeting.title))
        for ai, area in enumerate(meeting.areas, 1):
            out.append((3, f"{ai}. {area.name}"))
            out += [(4, f"{ai}.{ci} Commitment {c.id}") for ci, c in enumerate(area.commitments, 1)]
    return out


def report(store: Store, **filters: object) -> str:
    return markdown_report(select(store, make_filters(store, **filters)), "TIME")  # type: ignore[arg-type]


def test_hostile_notes_and_text_never_change_the_structure(tmp_path: Path) -> None:
    store = hostile_store(tmp_path)
    first, second, *_ = store.meetings()[0].commitments
    for text in HOSTILE_NOTES:
        store.add_note(first.id, text)
    store.add_note(second.id, "a plain note after the hostile ones")
    store.set_status(first.id, "implemented", source="http://a.org/<x>", evidence="# *bold* [x]")
    store.add_tags(first.id, ["<b>tag</b>", "#hash", "[@click=app.quit]"])
    store.add_note(store.meetings()[0].id, "## meeting-level note\n```")
    md = report(store)

    assert headings(md) == expected_headings(store)
    notes = [*HOSTILE_NOTES, "a plain note after the hostile ones", "## meeting-level note\n```"]
    found = fences(md)
    assert all(f.info == "markdown" for f in found)
    assert sorted(f.content for f in found) == sorted(normalise_newlines(n) + "\n" for n in notes)
    assert html_tokens(md) == []  # no raw HTML, no links from document text or fields


def test_document_text_is_escaped_but_reads_the_same(tmp_path: Path) -> None:
    store = hostile_store(tmp_path)
    md = report(store)
    tokens = markdown_tokens(md)
    quoted = []
    for i, token in enumerate(tokens):
        if token.type == "blockquote_open":
            inline = tokens[i + 2]
            quoted.append("".join(c.content for c in inline.children or []))
    assert quoted == [c.text for c in store.meetings()[0].commitments]
    assert "\\<script\\>" in md and "\\*bold\\*" in md and "\\[links\\]" in md


def _tiny_selection(note: str) -> Selection:
    c1, c2 = Commitment("c1", "First # commitment"), Commitment("c2", "Second")
    area = Area("a1", "Area *one*", commitments=[c1, c2])
    meeting = Meeting("m1", "Title", "2024-01-01", None, ["A", "B"], "x.txt", 1, [area])
    ann = Annotation("c1", notes=[Note("n1", "c1", note, "2024-01-02T00:00:00.000Z", "x")])
    items = [Item("1.1", c1, ann), Item("1.2", c2, Annotation("c2"))]
    view = MeetingView(
        meeting, "doc", Annotation("m1"), [AreaView(1, area, Annotation("a1"), items)]
    )
    return Selection(Filters(), [view], [])


TINY_HEADINGS = [
    (1, "coop-tui notes"),
    (2, "Summary"),
    (2, "Title"),
    (3, "1. Area *one*"),
    (4, "1.1 Commitment c1"),
    (4, "1.2 Commitment c2"),
]


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_characters="\x00"), min_size=1))
def test_any_note_stays_inside_its_fence(text: str) -> None:
    md = markdown_report(_tiny_selection(text), "TIME")
    assert headings(md) == TINY_HEADINGS
    [fence] = fences(md)
    assert fence.content == visible(normalise_newlines(text)) + "\n"


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_characters="\x00"), min_size=1))
def test_any_document_text_is_literal(text: str) -> None:
    tokens = markdown_tokens("> " + escape(text) + "\n")
    inline = [t for t in tokens if t.type == "inline"]
    shown = "".join(c.content for t in inline for c in t.children or [])
    assert shown == one_line(text)
    assert not any(c.type != "text" for t in inline for c in t.children or [])


def _shown(quote_line: str) -> str:
    inline = [t for t in markdown_tokens(quote_line + "\n") if t.type == "inline"]
    assert not any(c.type != "text" for t in inline for c in t.children or [])
    return "".join(c.content for t in inline for c in t.children or [])


#: Text with the spaces, marks and digits that matter at the ends of a line, often.
LINE_EDGES = st.text(
    st.one_of(st.sampled_from(" \t-+=>1.)a*é中"), st.characters(blacklist_characters="\x00")),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE_EDGES, min_size=1, max_size=6))
def test_commitment_texts_are_literal_in_the_report(texts: list[str]) -> None:
    # the report escapes a meeting's commitments together: leading, trailing or doubled
    # spaces, empty texts and list markers in one of them must not change the others
    commitments = [Commitment(f"c{i}", text) for i, text in enumerate(texts)]
    area = Area("a1", "Area", commitments=commitments)
    meeting = Meeting("m1", "Title", "2024-01-01", None, [], "x.txt", 1, [area])
    items = [Item(f"1.{i}", c) for i, c in enumerate(commitments, 1)]
    areas = [AreaView(1, area, Annotation("a1"), items)]
    view = MeetingView(meeting, "doc", Annotation("m1"), areas)
    md = markdown_report(Selection(Filters(), [view], []), "TIME")
    assert headings(md)[4:] == [(4, f"1.{i} Commitment c{i - 1}") for i in range(1, len(texts) + 1)]
    quotes = [line for line in md.splitlines() if line.startswith("> ")]
    # as each would be on its own; control characters written as their codes
    assert quotes == ["> " + visible(escape(t)) for t in texts]
    assert [_shown(q) for q in quotes] == [visible(one_line(t)) for t in texts]
    assert md.count("- Status: not yet rated") == len(texts)


def test_summary_counts_and_compliance(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    finance = store.meetings()[0].areas[0].commitments
    store.set_status(finance[0].id, "implemented")
    store.set_status(finance[1].id, "stalled")
    md = report(store)
    summary = md.split("## Summary", 1)[1].split("\n## ", 1)[0]
    assert "4 commitments — 1 implemented, 1 stalled, 2 not yet rated" in summary
    assert "compliance 0.00 (2 of 4 rated)" in summary
    assert "Finance (area 1): 2 commitments, compliance 0.00 (2 of 2 rated)" in summary
    assert "Aviation (area 2): 2 commitments, compliance not rated (0 of 2 rated)" in summary


def test_status_history_tags_and_note_times(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    store.set_status(cid, "in-progress", source="https://gov.example/a")
    store.set_status(cid, "implemented", evidence="opened in May")
    store.add_tags(cid, ["finance", "green bonds"])
    note = store.add_note(cid, "checked")
    time.sleep(0.002)  # times are in milliseconds: make the edit visibly later
    store.edit_note(note.id, "checked twice")
    md = report(store)
    assert "- Status: **implemented**, compliance +1.00 — set " in md
    assert "; evidence: opened in May" in md
    assert "  - in progress — set " in md and "; source: https://gov.example/a" in md
    assert "- Tags: finance, green bonds" in md
    assert "**Note 1 of 1** — written " in md and ", edited " in md and note.id in md


def test_filters(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    other = write_release(
        tmp_path, "other.txt", title="Hong Kong and Otherland meet", date="2024-06-01"
    )
    store.import_paths([other])
    first, second = store.meetings()
    a, b, c, _d = first.commitments
    store.set_status(a.id, "implemented")
    store.set_status(b.id, "stalled")
    store.add_tags(b.id, ["Finance"])
    store.add_note(c.id, "a note")

    def commitments(md: str) -> list[str]:
        return [text.split()[-1] for level, text in headings(md) if level == 4]

    assert commitments(report(store, statuses=["implemented"])) == [a.id]
    assert commitments(report(store, statuses=["implemented", "stalled"])) == [a.id, b.id]
    assert commitments(report(store, tags=["finance"])) == [b.id]  # tags match any case
    assert commitments(report(store, only_annotated=True)) == [a.id, b.id, c.id]
    assert commitments(report(store, statuses=["stalled"], tags=["nope"])) == []
    md = report(store, meetings=[second.id[:6]])
    assert [t for level, t in headings(md) if level == 2] == ["Summary", second.title]
    assert "Filters: meeting " in md
    md = report(store, statuses=["implemented"])
    assert [t for level, t in headings(md) if level == 3] == ["1. Finance"]  # empty areas left out
    assert "No meeting matches" in report(store, tags=["nope"])


def test_bad_filters_are_store_errors(tmp_path: Path) -> None:
    from store import StoreError

    store = new_store(tmp_path)
    with pytest.raises(StoreError, match="not a status"):
        make_filters(store, statuses=["done-ish"])
    with pytest.raises(StoreError, match="no meeting matches"):
        make_filters(store, meetings=[store.meetings()[0].commitments[0].id])


def test_same_store_same_bytes_apart_from_the_generated_line(tmp_path: Path) -> None:
    store = hostile_store(tmp_path)
    ids = [c.id for c in store.meetings()[0].commitments]
    for i, cid in enumerate(ids):
        store.set_status(cid, list(Status)[i % len(Status)])
        store.add_tags(cid, [f"t{i}", "shared"])
        for text in HOSTILE_NOTES[i::3]:
            store.add_note(cid, text)
    first = markdown_report(select(store, Filters()), "2025-01-01T00:00:00.000Z")
    again = Store.open(store.path, seed_samples=False)
    again.compact()
    second = markdown_report(select(Store.open(store.path), Filters()), "2026-02-02T00:00:00.000Z")
    diff = [(x, y) for x, y in zip(first.splitlines(), second.splitlines(), strict=True) if x != y]
    assert len(diff) == 1 and diff[0][0].startswith("Generated 2025-01-01")
    assert markdown_report(select(again, Filters()), "2025-01-01T00:00:00.000Z") == first


def test_orphans_are_reported_at_the_end(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    store.add_note(cid, "keep me")
    areas = {"Finance": ["Something else entirely about ports and harbours."], "Aviation": ["x y"]}
    store.import_paths([write_release(tmp_path, areas=areas)])
    md = report(store)
    assert headings(md)[-1] == (3, f"Orphan {cid} (was a commitment)")
    assert (2, "Orphaned annotations") in headings(md)
    assert "keep me" in md

"""The Markdown report of a selection: a summary, then meeting → area → commitment.

The report is made in pieces (``markdown_chunks``: the summary, then one piece per
meeting, then the orphans), so that a large store can be written to a file as it
is made instead of being built as one string first; ``markdown_report`` joins the
pieces. Only the ``Generated`` line depends on anything but the selection. Each
area's statuses are counted once and used by both the summary and the body, and a
commitment with no annotation (most of them, in a large store) is one formatted
string. See ``sharing.markdown_text`` for how untrusted text is kept from changing the
Markdown structure, and ``store.safetext`` for the control characters written as
their codes. No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

import stats
from parsers.model import Meeting
from parsers.reading import OWN_REPORT_HEADING
from sharing import markdown_text
from sharing.report_overview import BY_SCORE, ChartLinks, overview_of, overview_text
from sharing.selection import AreaView, Item, MeetingView, OrphanView, Selection
from store.model import Annotation, Note, Status, compliance_text
from store.safetext import visible

#: What ``_annotation_lines`` gives for an annotation with no history, tags or notes.
_BARE_STATUS = {s: f"- Status: {s.label}\n\n" for s in Status}


# -- counting (``stats.Tally``: the one way statuses are counted) ----------------------
def _tally(items: list[Item]) -> stats.Tally:
    tally = stats.Tally()
    for item in items:
        tally.add(item.status)
    return tally


def _counts(tally: stats.Tally) -> str:
    """``2 implemented, 1 stalled`` (by score, best first; not rated last)."""
    by_status = tally.by_status
    shown = [f"{n} {s.label}" for s in BY_SCORE if (n := by_status[s])]
    return ", ".join(shown) if shown else "none"


def _compliance(tally: stats.Tally) -> str:
    """The mean compliance of the rated commitments, and how many are rated of how many."""
    return (
        f"compliance {compliance_text(tally.compliance)} "
        f"({tally.rated} of {tally.commitments} rated)"
    )


class AreaFacts(NamedTuple):
    """What the summary and the body both say about an area, worked out once."""

    name: str  # escaped
    counts: stats.Tally
    compliance: str


def _area_facts(view: MeetingView) -> list[AreaFacts]:
    names = markdown_text.escape_all([area.area.name for area in view.areas])
    out = []
    for name, area in zip(names, view.areas, strict=True):
        counts = _tally(area.items)
        out.append(AreaFacts(name, counts, _compliance(counts)))
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _text(lines: list[str]) -> str:
    """Lines as text, each ending in a newline."""
    return "\n".join(lines) + "\n" if lines else ""


# -- annotations ------------------------------------------------------------------
def _change_detail(change: Any) -> str:
    text = markdown_text.when(change.at)
    if change.source:
        text += f"; source: {markdown_text.escape(change.source)}"
    if change.evidence:
        text += f"; evidence: {markdown_text.escape(change.evidence)}"
    return text


def _status_lines(ann: Annotation) -> list[str]:
    if not ann.history:
        return [f"- Status: {ann.status.label}"]
    current = ann.history[-1]
    compliance = ann.status.compliance
    score = "" if compliance is None else f", compliance {compliance_text(compliance)}"
    out = [f"- Status: **{ann.status.label}**{score} — set {_change_detail(current)}"]
    if len(ann.history) > 1:
        out.append("- Earlier:")
        out.extend(
            f"  - {c.status.label} — set {_change_detail(c)}" for c in reversed(ann.history[:-1])
        )
    return out


def _leftover_lines(ann: Annotation, kind: str) -> list[str]:
    """A status history on an area or a meeting, which an older coop-tui allowed: not
    its status (statuses are for commitments, and the area's score is counted from
    them), so it is shown apart, as the leftover it is."""
    out = [
        f"- A status set on this {kind} by an older coop-tui (statuses are for commitments; "
        "not counted; `coop-tui orphans` re-attaches it to a commitment):"
    ]
    out += [f"  - {c.status.label} — set {_change_detail(c)}" for c in reversed(ann.history)]
    return out


def _note_blocks(notes: list[Note]) -> list[str]:
    out: list[str] = []
    for i, note in enumerate(notes, 1):
        edited = (
            f", edited {markdown_text.when(note.updated)}" if note.updated != note.created else ""
        )
        out += [
            f"**Note {i} of {len(notes)}** — written {markdown_text.when(note.created)}{edited} "
            f"(note {note.id})",
            "",
            markdown_text.fenced(note.text),
            "",
        ]
    return out


def _annotation_lines(
    ann: Annotation, *, always_status: bool, leftover: str | None = None
) -> list[str]:
    """``leftover`` names the kind (area, meeting) whose status history is a leftover."""
    out: list[str] = []
    if leftover and ann.history:
        out += _leftover_lines(ann, leftover)
    elif ann.history or always_status:
        out += _status_lines(ann)
    if ann.tags:
        out.append("- Tags: " + ", ".join(markdown_text.escape(t) for t in ann.tags))
    if out:
        out.append("")
    return out + _note_blocks(ann.notes)


def _annotation_text(ann: Annotation, *, always_status: bool, leftover: str | None = None) -> str:
    if not (ann.history or ann.tags or ann.notes):
        return _BARE_STATUS[ann.status] if always_status else ""
    return _text(_annotation_lines(ann, always_status=always_status, leftover=leftover))


# -- corrections ------------------------------------------------------------------
def _parsed_as(text: str) -> str:
    return f"parsed as “{markdown_text.escape(text)}”"


def _commitment_mark(item: Item, parsed_areas: dict[str, str]) -> str:
    """``- Corrected: …`` for a commitment a researcher's correction changed ("" if none)."""
    c = item.commitment
    if not c.corrected:
        return ""
    words = []
    if c.origin == "added":
        words.append("added from the source")
    elif c.origin == "split":
        words.append("second part of a split")
    if c.moved_from:
        came = parsed_areas.get(c.moved_from)
        where = f"“{markdown_text.escape(came)}”" if came else f"area {c.moved_from}"
        words.append(f"moved here from {where}")
    if c.merged:
        words.append(f"merged with {', '.join(c.merged)}")
    elif c.original_text is not None:
        words.append("split")
    if c.original_text is not None:
        words.append(_parsed_as(c.original_text))
    return f"- Corrected: {'; '.join(words)}\n"


def _area_mark(area: AreaView) -> list[str]:
    if area.area.added:
        return ["- Corrected: a new area made by the researcher"]
    if area.area.original_name is not None:
        return [f"- Corrected: renamed; {_parsed_as(area.area.original_name)}"]
    return []


def _excluded_text(area: AreaView) -> str:
    """The commitments a researcher excluded: not numbered, counted or scored."""
    parts = []
    texts = markdown_text.escape_all([item.commitment.text for item in area.excluded])
    for item, text in zip(area.excluded, texts, strict=True):
        head = f"#### Excluded: {item.commitment.id}\n\n> {text}\n\n"
        head += "- Excluded by the researcher: not a commitment (not counted)\n"
        ann = _annotation_text(item.annotation, always_status=False)
        parts.append(head + ("\n" + ann if ann else "\n"))
    return "".join(parts)


# -- the pieces ---------------------------------------------------------------------
def _header(sel: Selection, generated: str) -> str:
    out = [OWN_REPORT_HEADING, "", f"Generated {generated} by coop-tui.", ""]
    if sel.filters.describe():
        out += [f"Filters: {markdown_text.escape(sel.filters.describe())}.", ""]
    return _text(out)


def _summary(sel: Selection, facts: list[list[AreaFacts]]) -> str:
    out = ["## Summary", ""]
    if not sel.meetings:
        out += ["No meeting matches the filters.", ""]
    for view, areas in zip(sel.meetings, facts, strict=True):
        m, counts = view.meeting, stats.Tally()
        for area in areas:
            counts.absorb(area.counts)
        date = f" ({markdown_text.escape(m.date)})" if m.date else ""
        out.append(
            f"- **{markdown_text.escape(m.title) or '(untitled)'}**{date}: "
            f"{_plural(counts.commitments, 'commitment')} — {_counts(counts)}; "
            f"{_compliance(counts)}"
        )
        out.extend(
            f"  - {f.name} (area {a.number}): {_plural(len(a.items), 'commitment')}, {f.compliance}"
            for a, f in zip(view.areas, areas, strict=True)
        )
    if sel.orphans:
        out += ["", f"{_plural(len(sel.orphans), 'orphaned annotation')} (see the end)."]
    return _text([*out, ""])


def _translated(texts: dict[str, str] | None) -> str:
    """A text's other language versions, each quoted after its language's tag."""
    return "".join(
        f"> {markdown_text.escape(lang)}: {markdown_text.escape(text)}\n\n"
        for lang, text in (texts or {}).items()
    )


def _area_text(area: AreaView, facts: AreaFacts, quoted: Iterator[str], view: MeetingView) -> str:
    """An area's section; ``quoted`` gives its commitments' texts, escaped, in order."""
    head = [markdown_text.escaped_heading(3, facts.name, f"{area.number}. "), ""]
    head += [f"- Area ID: {area.area.id}; {facts.compliance}", *_area_mark(area)]
    head += [f"- {markdown_text.escape(lang)}: {markdown_text.escape(name)}"
             for lang, name in view.translations.get(area.area.id, {}).items()]  # fmt: skip
    parts = [_text([*head, ""])]
    parts.append(_annotation_text(area.annotation, always_status=False, leftover="area"))
    for item, text in zip(area.items, quoted, strict=False):  # items first: takes len(items)
        head_text = f"#### {item.number} Commitment {item.commitment.id}\n\n> {text}\n\n"
        head_text += _translated(view.translations.get(item.commitment.id))
        head_text += _commitment_mark(item, view.parsed_areas)
        if item.is_bare:  # most commitments: one string, no list of lines
            parts.append(head_text + _BARE_STATUS[item.status])
        else:
            parts += (head_text, _text(_annotation_lines(item.annotation, always_status=True)))
    if area.excluded:
        parts.append(_excluded_text(area))
    return "".join(parts)


def _meeting_text(view: MeetingView, areas: list[AreaFacts]) -> str:
    m = view.meeting
    out = [markdown_text.heading(2, m.title), ""]
    facts = [
        ("Date", m.date),
        ("Place", m.place),
        ("Parties", "; ".join(m.parties) if m.parties else None),
        ("Source", m.source),
        ("URL", view.url),
        ("Fetched", view.fetched if view.url else None),
        ("Kind", m.kind if m.kind != "agreement" else None),  # a progress report says so
        ("Languages", ", ".join(view.languages) if len(view.languages) > 1 else None),
    ]
    out += [f"- {label}: {markdown_text.escape(value)}{_field_mark(m, label.lower())}"
            for label, value in facts if value]  # fmt: skip
    if "title" in m.original:
        was = m.original["title"]
        out.append(f"- Title: corrected; {_parsed_as(was) if was else 'the parser found none'}")
    for name in ("date", "place"):  # cleared by a correction: said so, not left out
        if name in m.original and not getattr(m, name):
            out.append(f"- {name.capitalize()}: none{_field_mark(m, name)}")
    out += [f"- Meeting ID: {m.id}", ""]
    parts = [_text(out), _annotation_text(view.annotation, always_status=False, leftover="meeting")]
    quoted = iter(
        markdown_text.escape_all([i.commitment.text for a in view.areas for i in a.items])
    )
    parts.extend(
        _area_text(area, f, quoted, view) for area, f in zip(view.areas, areas, strict=True)
    )
    return "".join(parts)


def _field_mark(m: Meeting, name: str) -> str:
    """`` (corrected; parsed as “…”)`` for a meeting's field a researcher corrected."""
    if name not in m.original:
        return ""
    was = m.original[name]
    return f" (corrected; {_parsed_as(was) if was else 'the parser found none'})"


def _orphans_text(orphans: list[OrphanView]) -> str:
    if not orphans:
        return ""
    out = [
        "## Orphaned annotations",
        "",
        "Their commitment (or area or meeting) is no longer in the store; "
        "`coop-tui orphans` suggests where to re-attach them.",
        "",
    ]
    for o in orphans:
        kind = str(o.anchor.get("kind") or "commitment")
        out += [f"### Orphan {o.target_id} (was a {markdown_text.escape(kind)})", ""]
        if o.anchor.get("text"):
            out += ["> " + markdown_text.escape(str(o.anchor["text"])), ""]
        if o.anchor.get("meeting"):
            out += [f"- Meeting ID: {markdown_text.escape(str(o.anchor['meeting']))}"]
        out += _annotation_lines(o.annotation, always_status=True)
    return _text(out)


def _pieces(
    sel: Selection, generated: str, overview: stats.Overview | None, charts: ChartLinks | None
) -> Iterator[str]:
    if overview is None:
        overview = overview_of(sel, stats.AreaAligner(None))
    every_status = bool(sel.filters.statuses)
    yield _header(sel, generated) + overview_text(overview, charts, every_status=every_status)
    facts = list(map(_area_facts, sel.meetings))
    yield _summary(sel, facts)
    yield from map(_meeting_text, sel.meetings, facts)
    yield _orphans_text(sel.orphans)


def _one_final_newline(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces without the blank lines at the very end, then one newline.

    A piece's trailing newlines are held back until a piece with text follows,
    so the end is found without building the whole report first.
    """
    held = ""
    for piece in pieces:
        text = piece.rstrip("\n")
        if text:
            if held:
                yield held
            yield text
            held = piece[len(text) :]
        else:
            held += piece
    yield "\n"


def markdown_chunks(
    sel: Selection,
    generated: str,
    *,
    overview: stats.Overview | None = None,
    charts: ChartLinks | None = None,
) -> Iterator[str]:
    """The report in pieces, in order; joined, they are ``markdown_report``. Every piece
    goes through ``safetext.visible``: no control character or bidi override from a
    document, a note or an import reaches the file.

    It opens with the overview (``sharing.report_overview``): ``overview`` as computed
    by ``overview_of`` (with the store's cached alignments), else computed here with
    areas aligned in memory; ``charts`` are the chart files to link to."""
    return map(visible, _one_final_newline(_pieces(sel, generated, overview, charts)))


def markdown_report(
    sel: Selection,
    generated: str,
    *,
    overview: stats.Overview | None = None,
    charts: ChartLinks | None = None,
) -> str:
    """The report; only the ``Generated`` line depends on anything but the selection
    (and the charts' links, on where the chart files were written)."""
    return "".join(markdown_chunks(sel, generated, overview=overview, charts=charts))

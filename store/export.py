"""Reports of the researcher's work: a Markdown report, JSON and CSV (no Textual here).

``select`` reads the store once (``Store.annotations()`` is one in-memory pass, no
per-note round trips) and applies the filters; the writers turn the selection
into text. Everything is sorted — meetings by date, title and ID, areas and
commitments in document order, notes by creation time and ID, orphans by
meeting, text and ID — so the same store gives the same bytes apart from the one
``generated`` line. See ``store.mdtext`` for how untrusted text is kept from
changing the Markdown structure.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parsers.model import Area, Commitment, Meeting
from store import fsio, mdtext
from store.errors import StoreError
from store.model import Annotation, Note, Status, compliance_score
from store.store import Store

FORMATS = ("markdown", "json", "csv", "notes-dir")
EXPORT_FORMAT = 1
#: The order statuses are counted and listed in.
STATUS_ORDER = (
    Status.IMPLEMENTED,
    Status.PARTIAL,
    Status.IN_PROGRESS,
    Status.STALLED,
    Status.NOT_IMPLEMENTED,
    Status.NOT_RATED,
)
QUOTE_CHARS = 160


# -- selecting ----------------------------------------------------------------
@dataclass(frozen=True)
class Filters:
    """Which commitments to export. Tags match case-insensitively; several statuses or
    several tags mean any of them; the kinds of filter combine with *and*."""

    meetings: tuple[str, ...] = ()
    statuses: tuple[Status, ...] = ()
    tags: tuple[str, ...] = ()
    only_annotated: bool = False

    @property
    def narrows(self) -> bool:
        """Whether the filters can leave out commitments of a selected meeting."""
        return bool(self.statuses or self.tags or self.only_annotated)

    def keeps(self, ann: Annotation) -> bool:
        if self.statuses and ann.status not in self.statuses:
            return False
        if self.tags:
            have = {t.casefold() for t in ann.tags}
            if not any(t.casefold() in have for t in self.tags):
                return False
        return not (self.only_annotated and ann.is_empty)

    def describe(self) -> str:
        parts = []
        if self.meetings:
            parts.append("meeting " + ", ".join(self.meetings))
        if self.statuses:
            parts.append("status " + ", ".join(s.value for s in self.statuses))
        if self.tags:
            parts.append("tag " + ", ".join(self.tags))
        if self.only_annotated:
            parts.append("annotated commitments only")
        return "; ".join(parts)


def make_filters(
    store: Store,
    meetings: list[str] | None = None,
    statuses: list[str] | None = None,
    tags: list[str] | None = None,
    only_annotated: bool = False,
) -> Filters:
    """Filters from command-line values: meeting ID prefixes, status names, tags."""
    ids: list[str] = []
    for prefix in meetings or []:
        full = store.resolve(prefix)
        _meeting, area, _commitment = store.locate(full)
        if area is not None:
            raise StoreError(f"{prefix!r} is not a meeting ID (see coop-tui list)")
        if full not in ids:
            ids.append(full)
    parsed: list[Status] = []
    for name in statuses or []:
        try:
            status = Status.parse(name)
        except ValueError:
            names = ", ".join(s.value for s in Status)
            raise StoreError(f"{name!r} is not a status; use one of: {names}") from None
        if status not in parsed:
            parsed.append(status)
    wanted = tuple(dict.fromkeys(" ".join(t.split()) for t in tags or [] if t.strip()))
    return Filters(tuple(ids), tuple(parsed), wanted, only_annotated)


@dataclass
class Item:
    number: str  # "2.3": area 2, commitment 3 of the meeting, whatever the filters
    commitment: Commitment
    annotation: Annotation


@dataclass
class AreaView:
    number: int
    area: Area
    annotation: Annotation
    items: list[Item] = field(default_factory=list)


@dataclass
class MeetingView:
    meeting: Meeting
    doc: str
    annotation: Annotation
    areas: list[AreaView] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        return [i for a in self.areas for i in a.items]


@dataclass
class OrphanView:
    """An annotation whose target is not in the store (its anchor tells what it was)."""

    target_id: str
    anchor: dict[str, Any]
    annotation: Annotation


@dataclass
class Selection:
    filters: Filters
    meetings: list[MeetingView]
    orphans: list[OrphanView]


def _sorted_notes(ann: Annotation) -> Annotation:
    ann.notes = sorted(ann.notes, key=lambda n: (n.created, n.id))
    return ann


def select(store: Store, filters: Filters) -> Selection:
    anns = {tid: _sorted_notes(a) for tid, a in store.annotations().items()}

    def ann_of(target_id: str) -> Annotation:
        return anns.get(target_id) or Annotation(target_id=target_id)

    views: list[MeetingView] = []
    for meeting in store.meetings():
        if filters.meetings and meeting.id not in filters.meetings:
            continue
        view = MeetingView(meeting, store.corpus.records[meeting.id].doc, ann_of(meeting.id))
        for ai, area in enumerate(meeting.areas, 1):
            items = [
                Item(f"{ai}.{ci}", c, ann_of(c.id))
                for ci, c in enumerate(area.commitments, 1)
                if filters.keeps(ann_of(c.id))
            ]
            if items or not filters.narrows:
                view.areas.append(AreaView(ai, area, ann_of(area.id), items))
        if view.areas or not filters.narrows:
            views.append(view)
    orphans: list[OrphanView] = []
    for tid, ann in anns.items():
        if tid in store.corpus.index or ann.is_empty or not filters.keeps(ann):
            continue
        anchor = store.anchor_of(tid)
        if filters.meetings:
            found = store.corpus.successor(anchor.get("meeting"), anchor.get("doc"))
            meeting_id = found.meeting.id if found else anchor.get("meeting")
            if meeting_id not in filters.meetings:
                continue
        orphans.append(OrphanView(tid, anchor, ann))
    orphans.sort(
        key=lambda o: (
            str(o.anchor.get("meeting") or ""),
            mdtext.one_line(str(o.anchor.get("text", ""))),
            o.target_id,
        )
    )
    return Selection(filters, views, orphans)


# -- Markdown -----------------------------------------------------------------
def _counts(items: list[Item]) -> str:
    counts = {s: 0 for s in STATUS_ORDER}
    for item in items:
        counts[item.annotation.status] += 1
    shown = [f"{n} {s.label}" for s, n in counts.items() if n]
    return ", ".join(shown) if shown else "none"


def _compliance(items: list[Item]) -> str:
    statuses = [i.annotation.status for i in items]
    rated = sum(1 for s in statuses if s.compliance is not None)
    return f"compliance {mdtext.score(compliance_score(statuses))} ({rated} of {len(items)} rated)"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _summary(sel: Selection) -> list[str]:
    out = ["## Summary", ""]
    if not sel.meetings:
        out += ["No meeting matches the filters.", ""]
    for view in sel.meetings:
        m, items = view.meeting, view.items
        date = f" ({mdtext.escape(m.date)})" if m.date else ""
        out.append(
            f"- **{mdtext.escape(m.title) or '(untitled)'}**{date}: "
            f"{_plural(len(items), 'commitment')} — {_counts(items)}; {_compliance(items)}"
        )
        out.extend(
            f"  - {mdtext.escape(a.area.name)} (area {a.number}): "
            f"{_plural(len(a.items), 'commitment')}, {_compliance(a.items)}"
            for a in view.areas
        )
    if sel.orphans:
        out += ["", f"{_plural(len(sel.orphans), 'orphaned annotation')} (see the end)."]
    return [*out, ""]


def _status_lines(ann: Annotation) -> list[str]:
    if not ann.history:
        return [f"- Status: {ann.status.label}"]
    current = ann.history[-1]
    score = "" if ann.status.compliance is None else f", compliance {ann.status.compliance:+d}"
    out = [f"- Status: **{ann.status.label}**{score} — set {_change_detail(current)}"]
    if len(ann.history) > 1:
        out.append("- Earlier:")
        out.extend(
            f"  - {c.status.label} — set {_change_detail(c)}" for c in reversed(ann.history[:-1])
        )
    return out


def _change_detail(change: Any) -> str:
    text = mdtext.when(change.at)
    if change.source:
        text += f"; source: {mdtext.escape(change.source)}"
    if change.evidence:
        text += f"; evidence: {mdtext.escape(change.evidence)}"
    return text


def _note_blocks(notes: list[Note]) -> list[str]:
    out: list[str] = []
    for i, note in enumerate(notes, 1):
        edited = f", edited {mdtext.when(note.updated)}" if note.updated != note.created else ""
        out += [
            f"**Note {i} of {len(notes)}** — written {mdtext.when(note.created)}{edited} "
            f"(note {note.id})",
            "",
            mdtext.fenced(note.text),
            "",
        ]
    return out


def _annotation_lines(ann: Annotation, *, always_status: bool) -> list[str]:
    out: list[str] = []
    if ann.history or always_status:
        out += _status_lines(ann)
    if ann.tags:
        out.append("- Tags: " + ", ".join(mdtext.escape(t) for t in ann.tags))
    if out:
        out.append("")
    return out + _note_blocks(ann.notes)


def _meeting_body(view: MeetingView) -> list[str]:
    m = view.meeting
    out = [mdtext.heading(2, m.title), ""]
    facts = [
        ("Date", m.date),
        ("Place", m.place),
        ("Parties", "; ".join(m.parties) if m.parties else None),
        ("Source", m.source),
    ]
    out += [f"- {label}: {mdtext.escape(value)}" for label, value in facts if value]
    out += [f"- Meeting ID: {m.id}", ""]
    out += _annotation_lines(view.annotation, always_status=False)
    for area in view.areas:
        out += [mdtext.heading(3, area.area.name, f"{area.number}. "), ""]
        out += [f"- Area ID: {area.area.id}; {_compliance(area.items)}", ""]
        out += _annotation_lines(area.annotation, always_status=False)
        for item in area.items:
            out += [f"#### {item.number} Commitment {item.commitment.id}", ""]
            out += ["> " + mdtext.escape(item.commitment.text), ""]
            out += _annotation_lines(item.annotation, always_status=True)
    return out


def _orphan_body(orphans: list[OrphanView]) -> list[str]:
    if not orphans:
        return []
    out = [
        "## Orphaned annotations",
        "",
        "Their commitment (or area or meeting) is no longer in the store; "
        "`coop-tui orphans` suggests where to re-attach them.",
        "",
    ]
    for o in orphans:
        kind = str(o.anchor.get("kind") or "commitment")
        out += [f"### Orphan {o.target_id} (was a {mdtext.escape(kind)})", ""]
        if o.anchor.get("text"):
            out += ["> " + mdtext.escape(str(o.anchor["text"])), ""]
        if o.anchor.get("meeting"):
            out += [f"- Meeting ID: {mdtext.escape(str(o.anchor['meeting']))}"]
        out += _annotation_lines(o.annotation, always_status=True)
    return out


def markdown_report(sel: Selection, generated: str) -> str:
    """The report; only the ``Generated`` line depends on anything but the selection."""
    out = ["# coop-tui notes", "", f"Generated {generated} by coop-tui.", ""]
    if sel.filters.describe():
        out += [f"Filters: {mdtext.escape(sel.filters.describe())}.", ""]
    out += _summary(sel)
    for view in sel.meetings:
        out += _meeting_body(view)
    out += _orphan_body(sel.orphans)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


# -- JSON and CSV ---------------------------------------------------------------
def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """The start of a text, cut at a word, for people to recognise it by."""
    text = mdtext.one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _meeting_json(m: Meeting, doc: str) -> dict[str, Any]:
    return {
        "id": m.id,
        "title": m.title,
        "date": m.date,
        "place": m.place,
        "parties": list(m.parties),
        "doc": doc,
    }


def _record(
    kind: str,
    target_id: str,
    text: str,
    meeting: dict[str, Any] | None,
    area: Area | None,
    ann: Annotation,
    orphan: bool = False,
) -> dict[str, Any]:
    return {
        "id": target_id,
        "kind": kind,
        "orphan": orphan,
        "meeting": meeting,
        "area": {"id": area.id, "name": area.name} if area is not None else None,
        "text": text,
        "quote": quote(text),
        "status": ann.status.value,
        "compliance": ann.status.compliance,
        "history": [c.to_dict() for c in ann.history],
        "tags": list(ann.tags),
        "notes": [
            {"id": n.id, "text": n.text, "created": n.created, "updated": n.updated}
            for n in ann.notes
        ],
    }


def annotation_records(sel: Selection) -> Iterator[dict[str, Any]]:
    """Every non-empty annotation of the selection, with what is needed to re-attach it."""
    for view in sel.meetings:
        meeting = _meeting_json(view.meeting, view.doc)
        if not view.annotation.is_empty:
            yield _record(
                "meeting", view.meeting.id, view.meeting.title, meeting, None, view.annotation
            )
        for area in view.areas:
            if not area.annotation.is_empty:
                yield _record(
                    "area", area.area.id, area.area.name, meeting, area.area, area.annotation
                )
            for item in area.items:
                if not item.annotation.is_empty:
                    yield _record(
                        "commitment",
                        item.commitment.id,
                        item.commitment.text,
                        meeting,
                        area.area,
                        item.annotation,
                    )
    for o in sel.orphans:
        anchor = o.anchor
        meeting = {"id": anchor.get("meeting"), "doc": anchor.get("doc")}
        kind = str(anchor.get("kind") or "commitment")
        yield _record(
            kind, o.target_id, str(anchor.get("text", "")), meeting, None, o.annotation, orphan=True
        )


def json_export(sel: Selection, generated: str) -> str:
    data = {
        "coop-tui": "annotations",
        "format": EXPORT_FORMAT,
        "generated": generated,
        "filters": sel.filters.describe() or None,
        "annotations": list(annotation_records(sel)),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "meeting_id", "meeting_title", "meeting_date", "parties", "area_id", "area",
    "commitment_id", "commitment", "status", "status_label", "compliance", "status_changed",
    "tags", "notes",
)  # fmt: skip


def csv_export(sel: Selection) -> str:
    """One row per selected commitment; ``compliance`` empty when not rated (NaN in pandas),
    ``tags`` joined with ``; ``, ``notes`` the number of notes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for view in sel.meetings:
        m = view.meeting
        for area in view.areas:
            for item in area.items:
                ann = item.annotation
                writer.writerow([
                    m.id, m.title, m.date or "", "; ".join(m.parties), area.area.id,
                    area.area.name, item.commitment.id, item.commitment.text, ann.status.value,
                    ann.status.label, "" if ann.status.compliance is None
                    else ann.status.compliance, ann.history[-1].at if ann.history else "",
                    "; ".join(ann.tags), len(ann.notes),
                ])  # fmt: skip
    return buffer.getvalue()


def render(sel: Selection, fmt: str, generated: str) -> str:
    if fmt == "markdown":
        return markdown_report(sel, generated)
    if fmt == "json":
        return json_export(sel, generated)
    if fmt == "csv":
        return csv_export(sel)
    raise ValueError(f"not a single-file format: {fmt}")


# -- writing files safely -------------------------------------------------------
def check_output_file(path: Path, force: bool) -> None:
    """Refuse (one-line StoreError) a target we should not write: see ``write_output``."""
    if path.is_symlink():
        raise StoreError(f"{path}: is a symbolic link; give the real file's path")
    parent = path.parent
    if not parent.exists():
        raise StoreError(f"{parent}: no such folder; create it first")
    if not parent.is_dir():
        raise StoreError(f"{parent}: not a folder")
    if path.is_dir():
        raise StoreError(f"{path}: is a folder; give a file name")
    if path.exists() and not force:
        raise StoreError(f"{path}: already exists; add --force to replace it")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise StoreError(f"{parent}: no permission to write in this folder")


def write_output(path: Path, text: str, force: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path``: a temporary file in the same folder, renamed."""
    check_output_file(path, force)
    try:
        fsio.write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise StoreError(f"{path}: cannot write it ({fsio.describe_os_error(exc)})") from exc


# -- one call for the app's worker ----------------------------------------------
@dataclass(frozen=True)
class ExportRequest:
    """What the export dialog asks for: where, in which format, which commitments."""

    path: Path
    format: str = "markdown"
    filters: Filters = field(default_factory=Filters)
    force: bool = False


def check_request(request: ExportRequest) -> None:
    """The target checks alone (cheap; the dialog runs them before closing)."""
    if request.format == "notes-dir":
        from store.notesdir import check_output_dir

        check_output_dir(request.path, request.force)
    else:
        check_output_file(request.path, request.force)


def export_to_path(store: Store, request: ExportRequest, generated: str | None = None) -> str:
    """Write the export the request describes; returns a one-line summary.

    Raises StoreError (one line) for anything the user can fix. Safe to call from
    a worker thread (the store's reads are thread-safe; nothing here touches Textual).
    """
    from store.model import now_iso
    from store.notesdir import write_notes_dir

    selection = select(store, request.filters)
    if request.format == "notes-dir":
        written = write_notes_dir(selection, request.path, force=request.force)
        return f"{request.path}: wrote {len(written)} notes file(s)"
    write_output(request.path, render(selection, request.format, generated or now_iso()),
                 force=request.force)  # fmt: skip
    count = sum(len(v.items) for v in selection.meetings)
    return f"{request.path}: wrote {request.format} for {count} commitment(s)"

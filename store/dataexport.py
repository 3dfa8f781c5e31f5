"""The researcher's work as data: JSON (``import-annotations`` reads it) and CSV.

JSON has every non-empty annotation of a selection with what is needed to
re-attach it (``annotation_records``, also what ``store.notesdir`` writes) and the
store's deletions (``Selection.deletions``); CSV has one row per selected
commitment. No Textual here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from parsers.model import Area, Meeting
from store import mdtext
from store.model import Annotation, Note
from store.selection import Selection

EXPORT_FORMAT = 1
QUOTE_CHARS = 160


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
        "tag_added": {t: dict(ann.tag_added[t]) for t in ann.tags if t in ann.tag_added},
        "notes": [_note(n) for n in ann.notes],
    }


def _note(note: Note) -> dict[str, Any]:
    data = note.to_dict()
    del data["target_id"]
    return data


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
                if not item.is_bare:
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
        if anchor.get("parties"):
            meeting["parties"] = list(anchor["parties"])
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
        "deletions": [d.to_dict() for d in sel.deletions],
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

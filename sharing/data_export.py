"""The researcher's work as data: JSON (``import-annotations`` reads it) and CSV.

JSON has every non-empty annotation of a selection with what is needed to
re-attach it (``annotation_records``, also what ``sharing.notes_folder`` writes) and the
store's deletions (``Selection.deletions``); CSV has one row per selected
commitment. No Textual here.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from parsers.model import Area, Meeting
from parsers.normalise import collapse_ws
from sharing.selection import Selection
from store.model import Annotation, Note
from store.safetext import visible

EXPORT_FORMAT = 1
QUOTE_CHARS = 160


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """The start of a text, cut at a word, for people to recognise it by."""
    text = collapse_ws(str(text))
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
    # visible: DEL, C1 controls and bidi overrides as \u escapes (json.dumps escapes C0)
    return visible(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


CSV_COLUMNS = (
    "meeting_id", "meeting_title", "meeting_date", "parties", "area_id", "area",
    "commitment_id", "commitment", "status", "status_label", "compliance", "status_changed",
    "tags", "notes", "status_source", "status_evidence", "notes_text",
)  # fmt: skip
#: What a spreadsheet takes for the start of a formula (OWASP, "CSV Injection"), and
#: their full-width forms, which spreadsheets in East Asian locales take as the same.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
#: A formula start, after any spaces, line breaks or invisible characters (a byte-order
#: mark, zero-width spaces and joiners) that a spreadsheet may skip.
_FORMULA = re.compile(rf"[\s\ufeff\u200b-\u200d\u2060]*[{re.escape(''.join(FORMULA_STARTS))}]")
#: Between two notes in ``notes_text``.
NOTES_SEPARATOR = "\n\n"


def csv_cell(text: str) -> str:
    """Text from a document or a user as a CSV cell that no spreadsheet runs: control
    characters and bidi overrides made visible (``safetext.visible``), and a cell that
    starts as a formula would (``=``, ``+``, ``-``, ``@``, tab, carriage return, or the
    full-width ``＝`` ``＋`` ``－`` ``＠``; also after spaces, line breaks or invisible
    characters, which some spreadsheets skip) given a leading ``'``, as OWASP recommends."""
    if _FORMULA.match(text):
        text = "'" + text
    return visible(text)


def csv_export(sel: Selection) -> str:
    """One row per selected commitment; ``compliance`` empty when not rated (NaN in pandas),
    ``tags`` joined with ``; ``, ``notes`` the number of notes and ``notes_text`` their
    text, oldest first, separated by a blank line. Every text cell is a ``csv_cell``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for view in sel.meetings:
        m = view.meeting
        meeting = [csv_cell(m.id), csv_cell(m.title), csv_cell(m.date or ""),
                   csv_cell("; ".join(m.parties))]  # fmt: skip
        for area in view.areas:
            area_cells = [csv_cell(area.area.id), csv_cell(area.area.name)]
            for item in area.items:
                ann = item.annotation
                last = ann.history[-1] if ann.history else None
                writer.writerow([
                    *meeting, *area_cells, csv_cell(item.commitment.id),
                    csv_cell(item.commitment.text), ann.status.value, ann.status.label,
                    "" if ann.status.compliance is None else ann.status.compliance,
                    csv_cell(last.at) if last else "", csv_cell("; ".join(ann.tags)),
                    len(ann.notes), csv_cell(last.source or "") if last else "",
                    csv_cell(last.evidence or "") if last else "",
                    csv_cell(NOTES_SEPARATOR.join(n.text for n in ann.notes)),
                ])  # fmt: skip
    return buffer.getvalue()

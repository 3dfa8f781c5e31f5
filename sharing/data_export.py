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

from parsers.model import Area, Commitment, Meeting
from parsers.normalise import collapse_ws
from sharing.selection import Selection
from store.model import Annotation, Note
from store.safetext import visible

#: The newest format written and read: 2 carries corrections of the parse. An export
#: without corrections is written as format 1, which older coop-tui versions read; one
#: with them as 2, which they refuse (saying to upgrade) instead of dropping them unsaid.
EXPORT_FORMAT = 2
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


def _meeting_json(
    m: Meeting, doc: str, url: str = "", fetched: str = "", languages: list[str] | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": m.id,
        "title": m.title,
        "date": m.date,
        "place": m.place,
        "parties": list(m.parties),
        "kind": m.kind,
        "doc": doc,
        "language": m.language,
        "languages": languages or [m.language],
    }
    if url:  # fetched from a URL: which, and when
        out.update(url=url, fetched=fetched)
    if m.original:  # a title, date or place the researcher corrected: the parser's beside
        out.update(corrected=True, original=dict(m.original))
    return out


def _area_json(area: Area) -> dict[str, Any]:
    out: dict[str, Any] = {"id": area.id, "name": area.name}
    if area.corrected:
        out["corrected"] = True
        if area.original_name is not None:
            out["original_name"] = area.original_name
        if area.added:
            out["added"] = True
    return out


def _commitment_marks(c: Commitment, excluded: bool) -> dict[str, Any]:
    """What corrections did to a commitment (``Commitment.to_dict``'s marks)."""
    marks = {k: v for k, v in c.to_dict().items() if k not in ("id", "text")}
    if excluded:
        marks["excluded"] = True
    return marks


def _record(
    kind: str,
    target_id: str,
    text: str,
    meeting: dict[str, Any] | None,
    area: Area | None,
    ann: Annotation,
    orphan: bool = False,
    marks: dict[str, Any] | None = None,
    translations: dict[str, str] | None = None,
) -> dict[str, Any]:
    return {
        "id": target_id,
        "kind": kind,
        "orphan": orphan,
        "meeting": meeting,
        "area": _area_json(area) if area is not None else None,
        "text": text,
        **(marks or {}),
        "quote": quote(text),
        "translations": dict(translations or {}),
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
        meeting = _meeting_json(view.meeting, view.doc, view.url, view.fetched, view.languages)
        other = view.translations  # the texts of its other language versions
        if not view.annotation.is_empty:
            yield _record(
                "meeting", view.meeting.id, view.meeting.title, meeting, None, view.annotation
            )
        for area in view.areas:
            if not area.annotation.is_empty:
                yield _record(
                    "area", area.area.id, area.area.name, meeting, area.area, area.annotation,
                    translations=other.get(area.area.id),
                )  # fmt: skip
            for item in area.items:
                if not item.is_bare:
                    c = item.commitment
                    marks = _commitment_marks(c, False) if c.corrected else None
                    record = _record(
                        "commitment", c.id, c.text, meeting, area.area, item.annotation,
                        marks=marks, translations=other.get(c.id),
                    )  # fmt: skip
                    if c.id in view.foreign:  # only another language version has it
                        record["language"] = view.foreign[c.id]
                    yield record
            for item in area.excluded:
                if not item.is_bare:
                    c = item.commitment
                    yield _record(
                        "commitment", c.id, c.text, meeting, area.area, item.annotation,
                        marks=_commitment_marks(c, True), translations=other.get(c.id),
                    )  # fmt: skip
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
        "format": EXPORT_FORMAT if sel.corrections else 1,
        "generated": generated,
        "filters": sel.filters.describe() or None,
        "annotations": list(annotation_records(sel)),
        "deletions": [d.to_dict() for d in sel.deletions],
        "corrections": sel.corrections,
    }
    # visible: DEL, C1 controls and bidi overrides as \u escapes (json.dumps escapes C0)
    return visible(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


CSV_COLUMNS = (
    "meeting_id", "meeting_title", "meeting_date", "parties", "area_id", "area",
    "commitment_id", "commitment", "status", "status_label", "compliance", "status_changed",
    "tags", "notes", "status_source", "status_evidence", "notes_text", "corrected",
    "correction", "original_area", "original_text", "meeting_kind", "language", "translations",
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


def _meeting_correction(m: Meeting) -> list[str]:
    return [f"meeting {name} corrected" for name in ("title", "date", "place")
            if name in m.original]  # fmt: skip


def correction_words(c: Commitment, area: Area, parsed_areas: dict[str, str]) -> list[str]:
    """What corrections did to a commitment and its area, in a few words each."""
    words = []
    if area.original_name is not None:
        words.append("area renamed")
    if area.added:
        words.append("new area")
    if c.moved_from:
        came = parsed_areas.get(c.moved_from)
        words.append(f"moved from “{came}”" if came else f"moved from area {c.moved_from}")
    if c.origin == "added":
        words.append("added from the source")
    elif c.origin == "split":
        words.append("second part of a split")
    if c.merged:
        words.append("merged with " + ", ".join(c.merged))
    elif c.original_text is not None:
        words.append("split (first part)")
    return words


def _original_area(c: Commitment, area: Area, parsed_areas: dict[str, str]) -> str:
    """The parser's name of the area the parser put ``c`` in, if not ``area``'s name now."""
    if c.moved_from:
        return parsed_areas.get(c.moved_from, "")
    return area.original_name or ""


def csv_export(sel: Selection) -> str:
    """One row per selected commitment; ``compliance`` empty when not rated (NaN in pandas),
    ``tags`` joined with ``; ``, ``notes`` the number of notes and ``notes_text`` their
    text, oldest first, separated by a blank line; ``corrected`` is ``true`` when a
    researcher's correction changed the row (its meeting's title, date or place, its area's
    name, its area, its text), ``correction`` says what in a few words, ``original_area`` and
    ``original_text`` are the parser's where they differ; ``meeting_kind`` is the meeting's
    ``kind`` ("agreement" or "progress report"); ``language`` the commitment's text's,
    ``translations`` its text in the meeting's other language versions, one line each,
    ``zh-Hant: …``. Every text cell is a ``csv_cell``; excluded commitments are not rows
    (they are not commitments)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for view in sel.meetings:
        m = view.meeting
        meeting = [csv_cell(m.id), csv_cell(m.title), csv_cell(m.date or ""),
                   csv_cell("; ".join(m.parties))]  # fmt: skip
        meeting_fixed = _meeting_correction(m)
        for area in view.areas:
            area_cells = [csv_cell(area.area.id), csv_cell(area.area.name)]
            for item in area.items:
                ann = item.annotation
                last = ann.history[-1] if ann.history else None
                c = item.commitment
                words = [*meeting_fixed, *correction_words(c, area.area, view.parsed_areas)]
                writer.writerow([
                    *meeting, *area_cells, csv_cell(item.commitment.id),
                    csv_cell(item.commitment.text), ann.status.value, ann.status.label,
                    "" if ann.status.compliance is None else ann.status.compliance,
                    csv_cell(last.at) if last else "", csv_cell("; ".join(ann.tags)),
                    len(ann.notes), csv_cell(last.source or "") if last else "",
                    csv_cell(last.evidence or "") if last else "",
                    csv_cell(NOTES_SEPARATOR.join(n.text for n in ann.notes)),
                    "true" if words else "false", csv_cell("; ".join(words)),
                    csv_cell(_original_area(c, area.area, view.parsed_areas)),
                    csv_cell(c.original_text or ""), m.kind, view.foreign.get(c.id, m.language),
                    csv_cell("\n".join(f"{lang}: {text}" for lang, text
                                        in view.translations.get(c.id, {}).items())),
                ])  # fmt: skip
    return buffer.getvalue()

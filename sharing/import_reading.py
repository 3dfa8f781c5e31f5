"""Reading what ``coop-tui import-annotations`` merges: a JSON export, a notes folder or
one notes file, every value checked (``store.validate``; the corrections by
``sharing.corrections_io``) before anything is merged (``sharing.merge``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sharing import corrections_io, data_export, notes_reading
from sharing.corrections_io import IncomingCorrection
from store import jsonload, validate
from store.errors import StoreError
from store.model import Deletion, Note, StatusChange
from store.validate import MISSING

KINDS = validate.KINDS


@dataclass
class Incoming:
    """One target's annotation as a colleague exported it."""

    target_id: str
    anchor: dict[str, Any]
    history: list[StatusChange] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    tag_added: dict[str, dict[str, str | None]] = field(default_factory=dict)


@dataclass
class Source:
    """What a JSON export, a notes folder or a notes file holds."""

    items: list[Incoming] = field(default_factory=list)
    deletions: list[Deletion] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "PATH (why)": files not read
    corrections: list[IncomingCorrection] = field(default_factory=list)


# -- reading ---------------------------------------------------------------------
def _incoming(record: Any, path: str) -> Incoming:
    """One annotation of a JSON export (or a notes file's, read by ``sharing.notes_folder``),
    checked value by value (``store.validate``; raises ``validate.Invalid`` at ``path``)."""
    if not isinstance(record, dict):
        raise validate.Invalid(path, f"an object expected, found {validate.kind_of(record)}")
    target = validate.target_id(record.get("id", MISSING), f"{path}.id")
    kind = record.get("kind", MISSING)
    kind = "commitment" if kind is MISSING else validate.one_of(kind, f"{path}.kind", KINDS)
    meeting = record.get("meeting", MISSING)
    meeting = {} if meeting is None else validate.mapping(meeting, f"{path}.meeting")
    anchor: dict[str, Any] = {
        "kind": kind,
        "text": validate.optional_text(record.get("text", MISSING), f"{path}.text") or "",
        "meeting": validate.optional_text(meeting.get("id", MISSING), f"{path}.meeting.id"),
        "doc": validate.optional_text(meeting.get("doc", MISSING), f"{path}.meeting.doc"),
    }
    where = f"{path}.meeting.parties"
    parties = validate.optional_text_list(meeting.get("parties", MISSING), where)
    if parties:
        anchor["parties"] = parties
    history = [
        validate.change(c, f"{path}.history[{i}]")
        for i, c in enumerate(validate.array(record.get("history", MISSING), f"{path}.history"))
    ]
    tags: list[str] = []
    for i, tag in enumerate(validate.array(record.get("tags", MISSING), f"{path}.tags")):
        tags.append(validate.tag(tag, f"{path}.tags[{i}]"))
    added: dict[str, dict[str, str | None]] = {}
    times = validate.mapping(record.get("tag_added", MISSING), f"{path}.tag_added")
    for tag, when in times.items():
        where = f"{path}.tag_added[{json.dumps(tag, ensure_ascii=False)}]"
        name = validate.tag(tag, where)
        if (found := validate.tag_time(when, where)) is not None:
            added[name] = found
    notes = [
        validate.note(n, f"{path}.notes[{i}]", target)
        for i, n in enumerate(validate.array(record.get("notes", MISSING), f"{path}.notes"))
    ]
    return Incoming(target, anchor, history, tags, notes, added)


def _refused(where: str, exc: validate.Invalid) -> StoreError:
    return StoreError(f"{where}: {exc}; nothing was imported")


def read_json(path: Path) -> Source:
    text = notes_reading.read_text(path)
    try:
        data = jsonload.loads(text)  # NaN is refused where a value is used, with its place
    except jsonload.JSONRefused as exc:
        raise StoreError(f"{path}: {exc}; nothing was imported") from exc
    except ValueError as exc:
        notes_reading.check_conflicts(text, str(path))
        raise StoreError(f"{path}: not a JSON export of coop-tui ({exc!s:.80})") from exc
    if not isinstance(data, dict) or data.get("coop-tui") != "annotations":
        raise StoreError(f"{path}: not a JSON export of coop-tui (coop-tui export --format json)")
    try:
        version = validate.whole_number(data.get("format", MISSING), "format")
        if version < 1:
            raise validate.Invalid("format", f"{version} is not a format of coop-tui's")
        if version > data_export.EXPORT_FORMAT:
            raise StoreError(f"{path}: written by a newer coop-tui; upgrade coop-tui to import it")
        records = validate.array(data.get("annotations", MISSING), "annotations")
        deletions = validate.array(data.get("deletions", MISSING), "deletions")
        return Source(
            [_incoming(r, f"annotations[{i}]") for i, r in enumerate(records)],
            [validate.deletion(d, f"deletions[{i}]") for i, d in enumerate(deletions)],
            corrections=corrections_io.read_corrections(
                data.get("corrections", MISSING), "corrections"
            ),
        )
    except validate.Invalid as exc:
        raise _refused(str(path), exc) from None


def read_source(path: Path) -> Source:
    """Annotations, deletions and corrections from a JSON export, a notes folder or one
    notes file (or an author's deletions or corrections file)."""
    if path.is_dir():
        found = notes_reading.read_notes_dir(path)
        records, deletions = found.records, found.deletions
        skipped = [f"{p} ({reason})" for p, reason in found.skipped]
        corrections = found.corrections
    elif not path.exists():
        raise StoreError(f"{path}: no such file or folder")
    elif path.suffix.lower() == ".md":
        text = notes_reading.read_markdown(path, follow=True)  # named by the user
        if text is None:
            raise StoreError(f"{path}: not a coop-tui notes file (not UTF-8)")
        notes_reading.check_conflicts(text, str(path))
        notes_reading.check_format(text, str(path))
        if notes_reading.is_deletions_file(text):
            return Source([], notes_reading.read_deletions_file(text, str(path)))
        if notes_reading.is_corrections_file(text):
            found_corrections = notes_reading.read_corrections_file(text, str(path))
            return Source(corrections=found_corrections)
        if not notes_reading.is_notes_file(text):
            raise StoreError(f"{path}: not a coop-tui notes file")
        records, deletions, skipped = [notes_reading.read_notes_file(text, str(path))], [], []
        corrections = []
    else:
        return read_json(path)
    try:  # checked with their lines by sharing.notes_folder already
        return Source([_incoming(r, "") for r in records], deletions, skipped, corrections)
    except validate.Invalid as exc:
        raise _refused(str(path), exc) from None

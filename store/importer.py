"""Import helpers: which files to read, and where annotations go when a meeting changes."""

from __future__ import annotations

import stat
import unicodedata
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parsers.model import Meeting
from parsers.reading import InputError, decode
from store import matching
from store.annotations import Anchor, AnnotationState
from store.corpus import MeetingRecord
from store.model import ImportResult, now_iso

#: What ``import DIR`` reads in a directory: plain text (Markdown too) and HTML.
SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml")


@dataclass
class Collected:
    """What ``collect_files`` found, in the order the paths were given.

    ``entries`` holds a file to import, or the failed result of a path that
    could not be used (missing, or a directory without releases), each where
    its path came in the arguments; a directory's files are sorted.
    ``skipped`` are the files in those directories that were not read because of
    their type (relative to the directory given, sorted).
    """

    entries: list[Path | ImportResult] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return [e for e in self.entries if isinstance(e, Path)]


def collect_files(paths: list[Path]) -> Collected:
    """Expand directories (recursively: files with a suffix in ``SUFFIXES``).

    Hidden files and anything in hidden directories are left out silently;
    other files in the directories, and what is not a regular file there (a named
    pipe, a device), are listed in ``skipped``. A file named
    explicitly is imported whatever its suffix; a missing path or a directory
    without releases is reported as failed.
    """
    found_all = Collected()
    seen: set[Path] = set()
    for path in paths:
        try:
            is_dir = stat.S_ISDIR(path.stat().st_mode)
        except OSError as exc:
            reason = "no such file" if isinstance(exc, FileNotFoundError) else _unreadable(exc)
            found_all.entries.append(ImportResult(str(path), "failed", reason=f"{path}: {reason}"))
            continue
        if is_dir:
            found: list[Path] = []
            for p in sorted(path.rglob("*")):
                inside = p.relative_to(path)
                if any(part.startswith(".") for part in inside.parts):
                    continue
                try:
                    if p.is_dir():
                        continue
                    regular = p.is_file()  # (a link is followed, to /dev/zero say)
                except OSError as exc:  # a name the system refuses to look up
                    reason = f"{p}: {_unreadable(exc)}"
                    found_all.entries.append(ImportResult(str(p), "failed", reason=reason))
                    continue
                if regular and p.suffix.lower() in SUFFIXES:
                    found.append(p)
                else:
                    found_all.skipped.append(inside)
            if not found:
                found_all.entries.append(
                    ImportResult(
                        str(path),
                        "failed",
                        reason=f"{path}: no release files ({', '.join(SUFFIXES)}) in it",
                    )
                )
            candidates = found
        else:
            candidates = [path]
        for p in candidates:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                found_all.entries.append(p)
    return found_all


def _unreadable(exc: OSError) -> str:
    return f"cannot be read ({exc.strerror or exc})"


def content_of(meeting: Meeting) -> dict[str, Any]:
    """What makes two parses "the same": everything but the file name they came from."""
    data = meeting.to_dict()
    data.pop("source", None)
    return data


def same_text(a: bytes, b: bytes) -> bool:
    """Whether two release files hold the same text: decoded (UTF-8, UTF-16 … with or
    without a byte-order mark), with the same line endings and Unicode normal form, and
    without spaces at the ends of lines or blank lines at the end."""
    if a == b:
        return True
    try:
        return _normalised(a) == _normalised(b)
    except InputError:
        return False


def _normalised(data: bytes) -> str:
    text = decode(data).removeprefix("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # spaces at line ends and blank lines at the end: what editors add or cut on a save
    text = "\n".join(line.rstrip() for line in lines).rstrip("\n")
    return unicodedata.normalize("NFC", text)


def anchor_for(meeting: Meeting, doc: str, target_id: str) -> Anchor | None:
    """What a target of ``meeting`` is: its kind and text, for finding it again, and its
    meeting's parties (an orphan is offered only their meetings' commitments)."""
    where = {"meeting": meeting.id, "doc": doc, "parties": list(meeting.parties)}
    if target_id == meeting.id:
        return {"kind": "meeting", "text": meeting.title, **where}
    for area in meeting.areas:
        if area.id == target_id:
            return {"kind": "area", "text": area.name, **where}
        for c in area.commitments:
            if c.id == target_id:
                return {"kind": "commitment", "text": c.text, **where}
    return None


def all_ids(meeting: Meeting) -> set[str]:
    ids = {meeting.id}
    for area in meeting.areas:
        ids.add(area.id)
        ids.update(c.id for c in area.commitments)
    return ids


def candidates(meeting: Meeting, kind: str) -> list[tuple[str, str]]:
    if kind == "area":
        return [(a.id, a.name) for a in meeting.areas]
    if kind == "meeting":
        return [(meeting.id, meeting.title)]
    return [(c.id, c.text) for c in meeting.commitments]


@dataclass
class Plan:
    """The annotation moves a re-import makes, as journal events.

    ``reattached`` and ``orphaned`` count what ``Store.orphans`` lists one by one: a
    status, a tag set, each note; ``orphaned`` only what this re-import orphaned (not
    an orphan that stays one)."""

    events: list[dict[str, Any]] = field(default_factory=list)
    reattached: int = 0
    orphaned: int = 0


def belongs_to(anchor: Anchor, old: MeetingRecord) -> bool:
    meeting = anchor.get("meeting")
    return meeting == old.meeting.id or meeting in old.previous_ids or anchor.get("doc") == old.doc


def plan_update(
    state: AnnotationState,
    old: MeetingRecord,
    new: Meeting,
    new_doc: str,
    stored_ids: Container[str],
) -> Plan:
    """Re-attach the annotations whose targets ``new`` no longer has, where that is clear.

    ``stored_ids`` are all IDs in the corpus before the import; targets missing
    from it were orphans already and are tried again against the new version.
    """
    old_ids, new_ids = all_ids(old.meeting), all_ids(new)
    fresh = new_ids - old_ids
    lost: dict[str, Anchor] = {}
    orphans_already: set[str] = set()
    for tid in state.annotated_targets():
        if tid in new_ids:
            continue
        if tid in old_ids:
            lost[tid] = state.anchor(tid) or anchor_for(old.meeting, old.doc, tid) or {}
        elif tid not in stored_ids:
            anchor = state.anchor(tid)
            if anchor and belongs_to(anchor, old):
                lost[tid] = anchor
                orphans_already.add(tid)
    wanted: dict[str, str | None] = {}
    for tid, anchor in lost.items():
        kind = anchor.get("kind", "commitment")
        if kind == "meeting":
            wanted[tid] = new.id
            continue
        ranked = matching.rank(str(anchor.get("text", "")), candidates(new, kind))
        wanted[tid] = matching.clear_match(ranked, fresh)
    plan = Plan()
    at = now_iso()
    for tid, dest in matching.assign(wanted).items():
        if dest is None:
            if tid not in orphans_already:
                plan.orphaned += len(pieces(state, tid))
            continue
        events = move_events(state, tid, dest, anchor_for(new, new_doc, dest), at, True)
        plan.reattached += len(events)
        plan.events.extend(events)
    return plan


def move_events(
    state: AnnotationState,
    old: str,
    new: str,
    anchor: Anchor | None,
    at: str,
    auto: bool,
    only: tuple[str, str | None] | None = None,
) -> list[dict[str, Any]]:
    """Events moving everything on ``old`` (or just ``only=(what, note_id)``) to ``new``."""
    base = {"op": "move", "from": old, "to": new, "anchor": anchor, "auto": auto, "at": at}
    moved = pieces(state, old)
    if only is not None:
        moved = [p for p in moved if p == only]
    return [{**base, "what": what, "note": note} for what, note in moved]


def pieces(state: AnnotationState, target_id: str) -> list[tuple[str, str | None]]:
    """What of a target's annotation moves on its own (and is one orphan in
    ``Store.orphans``): its status, its tags, each note (with its ID)."""
    ann = state.annotation(target_id)
    found: list[tuple[str, str | None]] = []
    if ann.history:
        found.append(("status", None))
    if ann.tags:
        found.append(("tags", None))
    found.extend(("note", n.id) for n in ann.notes)
    return found

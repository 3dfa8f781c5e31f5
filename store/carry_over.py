"""Where annotations go when a meeting is imported again (carried over to the new
version's commitments where that is clear, else left as orphans), and what tells two
versions of a release apart."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from typing import Any

from parsers.model import Meeting
from parsers.reading import InputError, decode
from store import matching
from store.annotations import Anchor, AnnotationState
from store.corpus import MeetingRecord
from store.corrections import squeezed
from store.model import now_iso


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
        for c in [*area.commitments, *area.excluded]:
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
    release: Callable[[], str] | None = None,
) -> Plan:
    """Re-attach the annotations whose targets ``new`` no longer has, where that is clear.

    ``stored_ids`` are all IDs in the corpus before the import; targets missing
    from it were orphans already and are tried again against the new version.
    ``release`` gives the new version's text, for the commitments a researcher added
    from the old one (asked for only if there are some).
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
    plan.events.extend(correction_events(state, old.meeting, new, fresh, release))
    return plan


#: Why a commitment added from a release is not in its new version.
GONE = "its text is no longer in the release"


def correction_events(
    state: AnnotationState,
    old: Meeting,
    new: Meeting,
    fresh: set[str],
    release: Callable[[], str] | None = None,
) -> list[dict[str, Any]]:
    """Events re-anchoring the corrections of ``old`` to ``new``, its new parse: the
    meeting's ID if it changed, and each ID they name (what they correct, a move's
    area, a merge's second commitment) that ``new`` lacks, to the one clear match by
    text (as annotations move). What has no clear match keeps its ID: the correction
    then finds its target by its text, or is an orphan (``Store.correction_orphans``).
    A commitment added from the old release whose text the new one lacks is marked
    ``gone`` (an orphan saying so)."""
    corrections = state.corrections
    new_ids = all_ids(new)
    events: list[dict[str, Any]] = []
    new_text: list[str] = []  # the new release's text, squeezed, once asked for
    for slot in sorted(corrections.by_meeting.get(old.id, ())):
        for corr in corrections.history(slot):
            change: dict[str, Any] = {}
            if corr.meeting != new.id:
                change["meeting"] = new.id
            kind = {"rename": "area", "add": "area", "meeting": "meeting"}.get(
                corr.kind, "commitment"
            )
            named = {"target": (corr.target, kind), "other": (corr.other, "commitment"),
                     "area": (corr.area, "area")}  # fmt: skip
            for name, (item, item_kind) in named.items():
                if item is None or item in new_ids or item in corrections.created:
                    continue
                if item_kind == "meeting":
                    change[name] = new.id
                    continue
                text = (corr.text if name == "target" else "") or _text_of(old, item)
                dest = matching.clear_match(matching.rank(text, candidates(new, item_kind)), fresh)
                if dest is not None:
                    change[name] = dest
            if corr.kind == "add" and release is not None and corr.value:
                if not new_text:
                    new_text.append(squeezed(release()))
                gone = squeezed(corr.value) not in new_text[0]
                if gone != bool(corr.gone):
                    change["gone"] = GONE if gone else ""
            if change:
                events.append({"op": "correct-retarget", "id": corr.id, **change})
    return events


def _text_of(meeting: Meeting, target_id: str) -> str:
    anchor = anchor_for(meeting, "", target_id)
    return str(anchor.get("text", "")) if anchor else ""


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

"""A researcher's corrections of the parse, and how they apply to a parsed meeting.

Corrections are annotations, not edits of the corpus: the parsed meetings stay as the
parser made them (rebuildable), and each correction is journalled (``{"op": "correct",
"correction": {...}}``, see ``store.annotations``) with its time and author. The store
hands out meetings with their corrections applied (:func:`apply`), so the tree, search,
the year diff, the exports and ``list --json`` all see the corrected structure, with the
parser's original beside it (``Area.original_name``, ``Commitment.original_text`` …).

Each correction fills a *slot* (what it decides: the name of one area, the area of one
commitment, whether one commitment is excluded …). Two corrections of one slot — two
researchers, or one who changed their mind — are resolved like statuses: the most
recent wins and the other stays in the slot's history. Undoing a correction *withdraws*
it (``correct-withdraw``): the slot's previous correction, if any, applies again.

A correction is anchored by the ID of what it corrects and by its text then: applied to
a new parse (``rebuild``, a re-import of an edited release) it finds its target by ID,
else by the same text; one that finds nothing is an orphan (:func:`apply` returns it),
listed with suggestions like an orphaned note.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from parsers.model import Area, Commitment, Meeting, id_key, make_id

KINDS = ("rename", "meeting", "move", "split", "merge", "exclude", "add")
MEETING_FIELDS = ("title", "date", "place", "parties")
#: Between a meeting's parties in a correction's value ("Hong Kong; Zhejiang").
PARTIES_SEPARATOR = "; "


def meeting_field(meeting: Meeting, name: str) -> str | None:
    """A meeting's field as a correction's value gives it: the parties joined with
    ``PARTIES_SEPARATOR`` (None if none), the others as they are."""
    if name == "parties":
        return PARTIES_SEPARATOR.join(meeting.parties) or None
    value: str | None = getattr(meeting, name)
    return value


def parties_of(value: str | None) -> list[str]:
    """The parties a correction's value names ("Hong Kong; Zhejiang")."""
    return [p.strip() for p in (value or "").split(";") if p.strip()]


@dataclass(frozen=True)
class Correction:
    """One correction. ``target`` is what it corrects: an area's ID (rename, add), a
    meeting's (meeting), a commitment's (move, split, exclude, merge: the first one);
    ``text`` is the target's name or text when corrected (its anchor). The rest by kind:

    - rename: ``value`` the new name;
    - meeting: ``field`` (title, date, place, parties) and ``value`` (date: YYYY-MM-DD,
      parties: separated by "; ", or None);
    - move: ``area`` the destination area's ID, or ``value`` a new area's name;
    - split: ``value`` the text where the second part starts, ``new_id`` its ID;
    - merge: ``other`` the second commitment's ID (merged into the target);
    - exclude: ``excluded`` True, or False to restore;
    - add: ``value`` the commitment's text (from the source), ``new_id`` its ID.
    """

    id: str
    kind: str
    meeting: str
    target: str
    at: str
    by: str | None = None
    text: str = ""
    value: str | None = None
    field: str | None = None
    area: str | None = None
    other: str | None = None
    new_id: str | None = None
    excluded: bool = True
    #: why it no longer applies, when a re-import found that out (an added text gone
    #: from the release); cleared when it is re-attached
    gone: str | None = None

    @property
    def slot(self) -> str:
        """What it decides: the corrections of one slot replace each other."""
        if self.kind == "meeting":
            return f"meeting|{self.meeting}|{self.field}"
        if self.kind == "merge":
            return f"merge|{self.other}"
        if self.kind in ("split", "add"):
            return f"{self.kind}|{self.new_id}"
        return f"{self.kind}|{self.target}"

    @property
    def created_ids(self) -> list[str]:
        """IDs this correction brings into being (a split's second part, an added
        commitment, a new area)."""
        if self.kind in ("split", "add") and self.new_id:
            return [self.new_id]
        if self.kind == "move" and self.area is None and self.value:
            return [new_area_id(self.meeting, self.value)]
        return []

    @property
    def touched(self) -> list[str]:
        """The IDs a user would say it touched (for ``fix`` and the log)."""
        ids = [self.target]
        for extra in (self.other, self.area, *self.created_ids):
            if extra and extra not in ids:
                ids.append(extra)
        return ids

    def describe(self) -> str:
        """One line for the log and the history: what it did."""
        value = self.value if self.value is not None else "(none)"
        match self.kind:
            case "rename":
                return f"renamed area {self.target} to {value!r}"
            case "meeting":
                return f"set the {self.field} of meeting {self.target} to {value!r}"
            case "move":
                dest = self.area or f"a new area {value!r}"
                return f"moved commitment {self.target} to {dest}"
            case "split":
                return f"split commitment {self.target} (second part {self.new_id})"
            case "merge":
                return f"merged commitment {self.other} into {self.target}"
            case "exclude":
                verb = "excluded" if self.excluded else "restored"
                return f"{verb} commitment {self.target}"
            case _:
                return f"added commitment {self.new_id} to area {self.target}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "meeting": self.meeting,
            "target": self.target,
            "at": self.at,
            "by": self.by,
            "text": self.text,
        }
        for name in ("value", "field", "area", "other", "new_id", "gone"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        if self.kind == "exclude":
            out["excluded"] = self.excluded
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Correction:
        kind = str(data["kind"])
        if kind not in KINDS:
            raise ValueError(f"unknown correction {kind!r}")

        def text(name: str) -> str | None:
            value = data.get(name)
            if value is not None and not isinstance(value, str):
                raise TypeError(f"a correction's {name} is not text")
            return value

        found = cls(
            id=str(data["id"]),
            kind=kind,
            meeting=str(data["meeting"]),
            target=str(data["target"]),
            at=str(data["at"]),
            by=text("by"),
            text=text("text") or "",
            value=text("value"),
            field=text("field"),
            area=text("area"),
            other=text("other"),
            new_id=text("new_id"),
            excluded=bool(data.get("excluded", True)),
            gone=text("gone"),
        )
        if kind == "meeting" and found.field not in MEETING_FIELDS:
            raise ValueError(f"a meeting has no field {found.field!r} to correct")
        return found


def squeezed(text: str) -> str:
    """A text without its whitespace, in lower case: what "occurs in the source,
    whitespace aside" compares."""
    return "".join(text.split()).casefold()


def new_area_id(meeting_id: str, name: str) -> str:
    """The ID of an area a researcher makes (moving a commitment to a new area)."""
    return make_id(meeting_id, "area", "added", id_key(name))


def split_id(meeting_id: str, first_id: str, second_text: str) -> str:
    """The ID of the second part of a split."""
    return make_id(meeting_id, "split", first_id, id_key(second_text))


def added_id(meeting_id: str, text: str) -> str:
    """The ID of a commitment added from the source: the ID the parser would give the
    same paragraph, so a later parse that finds it makes the correction moot."""
    return make_id(meeting_id, id_key(text), "")  # as parsers.release._build_areas


@dataclass
class CorrectionState:
    """Every correction journalled, by slot (time order), and those withdrawn."""

    by_id: dict[str, Correction] = field(default_factory=dict)
    withdrawn: dict[str, str] = field(default_factory=dict)  # correction ID → when
    #: corrections set aside here only (an import undone): not in force here, but not
    #: withdrawn either — an export does not withdraw them in their author's store
    declined: dict[str, str] = field(default_factory=dict)
    slots: dict[str, list[str]] = field(default_factory=dict)
    by_meeting: dict[str, set[str]] = field(default_factory=dict)  # meeting → slots
    versions: dict[str, int] = field(default_factory=dict)  # meeting → changes so far
    created: dict[str, str] = field(default_factory=dict)  # created ID → meeting

    def add(self, correction: Correction) -> None:
        self.withdrawn.pop(correction.id, None)  # re-done
        self.declined.pop(correction.id, None)
        if correction.id not in self.by_id:
            self.by_id[correction.id] = correction
            ids = self.slots.setdefault(correction.slot, [])
            ids.append(correction.id)
            # most recent last; of two in the same millisecond, by ID: every store that
            # has both decides alike, whatever order it got them in
            ids.sort(key=lambda i: (self.by_id[i].at, i))
            self.by_meeting.setdefault(correction.meeting, set()).add(correction.slot)
        self._changed(correction.meeting)

    def retarget(self, correction_id: str, change: dict[str, str]) -> None:
        """A correction anchored anew (a re-import changed the IDs it names)."""
        old = self.by_id.get(correction_id)
        if old is None:
            return
        new = dataclasses.replace(
            old,
            meeting=change.get("meeting", old.meeting),
            target=change.get("target", old.target),
            other=change.get("other", old.other),
            area=change.get("area", old.area),
            gone=change.get("gone") or None,
        )
        ids = self.slots.get(old.slot, [])
        if correction_id in ids:
            ids.remove(correction_id)
        if not ids:
            self.slots.pop(old.slot, None)
            self.by_meeting.get(old.meeting, set()).discard(old.slot)
        del self.by_id[correction_id]
        self._changed(old.meeting)
        withdrawn = self.withdrawn.get(correction_id)
        declined = self.declined.get(correction_id)
        self.add(new)
        if withdrawn is not None:
            self.withdraw(correction_id, withdrawn)
        if declined is not None:
            self.withdraw(correction_id, declined, local=True)

    def withdraw(self, correction_id: str, at: str, local: bool = False) -> None:
        (self.declined if local else self.withdrawn)[correction_id] = at
        found = self.by_id.get(correction_id)
        if found is not None:
            self._changed(found.meeting)

    def _changed(self, meeting_id: str) -> None:
        self.versions[meeting_id] = self.versions.get(meeting_id, 0) + 1
        for slot in self.by_meeting.get(meeting_id, ()):
            for cid in self.slots.get(slot, ()):
                for new in self.by_id[cid].created_ids:
                    self.created[new] = meeting_id

    def active(self, slot: str) -> Correction | None:
        """The correction in force for a slot: the most recent not withdrawn."""
        for cid in reversed(self.slots.get(slot, ())):
            if cid not in self.withdrawn and cid not in self.declined:
                return self.by_id[cid]
        return None

    def active_ids(self, slot: str) -> list[str]:
        gone = (self.withdrawn, self.declined)
        return [c for c in self.slots.get(slot, ()) if not any(c in g for g in gone)]

    def for_meeting(self, meeting_id: str) -> list[Correction]:
        """The corrections in force for a meeting, oldest first."""
        found = [self.active(s) for s in self.by_meeting.get(meeting_id, ())]
        return sorted((c for c in found if c is not None), key=lambda c: (c.at, c.id))

    def history(self, slot: str) -> list[Correction]:
        return [self.by_id[c] for c in self.slots.get(slot, ())]

    def all_active(self) -> list[Correction]:
        found = [self.active(s) for s in self.slots]
        return sorted((c for c in found if c is not None), key=lambda c: (c.at, c.id))

    def to_docs(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        corrections = [c.to_dict() for c in self.by_id.values()]
        withdrawn: list[dict[str, Any]] = [{"id": c, "at": at} for c, at in self.withdrawn.items()]
        withdrawn += [{"id": c, "at": at, "local": True} for c, at in self.declined.items()]
        return corrections, withdrawn

    @classmethod
    def from_docs(
        cls, corrections: Iterable[dict[str, Any]], withdrawn: Iterable[dict[str, Any]]
    ) -> CorrectionState:
        state = cls()
        for doc in corrections:
            state.add(Correction.from_dict(doc))
        for doc in withdrawn:
            state.withdraw(str(doc["id"]), str(doc["at"]), bool(doc.get("local")))
        return state


# -- applying corrections to a parsed meeting --------------------------------------
@dataclass
class Applied:
    """A meeting with its corrections, and the corrections that found no target."""

    meeting: Meeting
    orphans: list[tuple[Correction, str]]  # the correction, and why it does not apply


class _View:
    """A corrected copy of a meeting being built, with the parser's order of its
    commitments (moved and added ones keep their place in the document)."""

    def __init__(self, meeting: Meeting) -> None:
        self.meeting = meeting.copy()
        self.order: dict[str, float] = {}
        for n, c in enumerate(meeting.commitments):
            self.order[c.id] = float(n)
        self._own: set[int] = set()  # the commitments copied (the rest are the parse's)

    def own(self, area: Area, commitment: Commitment) -> Commitment:
        """``commitment`` (in ``area``) as a copy of this view's own, to be changed."""
        if id(commitment) in self._own:
            return commitment
        mine = commitment.copy()
        area.commitments[area.commitments.index(commitment)] = mine
        self._own.add(id(mine))
        return mine

    def area(self, area_id: str, anchor: str = "") -> Area | None:
        for area in self.meeting.areas:
            if area.id == area_id:
                return area
        if anchor:
            key = id_key(anchor)
            for area in self.meeting.areas:
                if key and id_key(area.original_name or area.name) == key:
                    return area
        return None

    def find(self, commitment_id: str, anchor: str = "") -> tuple[Area, Commitment] | None:
        for area in self.meeting.areas:
            for c in area.commitments:
                if c.id == commitment_id:
                    return area, c
        if anchor:
            key = id_key(anchor)
            for area in self.meeting.areas:
                for c in area.commitments:
                    if key and id_key(c.original_text or c.text) == key:
                        return area, c
        return None

    def find_excluded(self, commitment_id: str, anchor: str) -> tuple[Area, Commitment] | None:
        key = id_key(anchor)
        for area in self.meeting.areas:
            for c in area.excluded:
                if c.id == commitment_id or (key and id_key(c.text) == key):
                    return area, c
        return None

    def place(self, area: Area, commitment: Commitment, order: float) -> None:
        """Put a commitment into an area at its place in the document."""
        self.order[commitment.id] = order
        at = len(area.commitments)
        for n, c in enumerate(area.commitments):
            if self.order.get(c.id, float("inf")) > order:
                at = n
                break
        area.commitments.insert(at, commitment)


def apply(meeting: Meeting, corrections: Iterable[Correction]) -> Applied:
    """``meeting`` with ``corrections`` applied in the order given (time order:
    ``CorrectionState.for_meeting``), on a new copy (the parsed meeting is not changed);
    those that find no target are returned as orphans."""
    view = _View(meeting)
    orphans: list[tuple[Correction, str]] = []
    for corr in corrections:
        why = _apply_one(view, corr)
        if why:
            orphans.append((corr, why))
    out = view.meeting
    # an area of the parse stays even if every commitment was moved out (its notes and
    # tags stay shown); one a move made goes when nothing is left in it
    out.areas = [a for a in out.areas if a.commitments or a.excluded or not a.added]
    out.original = dict(sorted(out.original.items()))  # the same order however made
    return Applied(out, orphans)


def _apply_one(view: _View, corr: Correction) -> str | None:
    """Apply one correction; a reason if it finds nothing to apply to."""
    m = view.meeting
    if corr.gone:
        return corr.gone
    if corr.kind == "meeting":
        assert corr.field is not None
        m.original.setdefault(corr.field, meeting_field(m, corr.field))
        if corr.field == "parties":
            m.parties = parties_of(corr.value)
        else:
            setattr(m, corr.field, corr.value if corr.field != "title" else corr.value or "")
        return None
    if corr.kind in ("rename", "add"):
        area = view.area(corr.target, corr.text)
        if area is None:
            return "its area is no longer in the meeting"
        if corr.kind == "rename":
            if area.original_name is None and corr.value != area.name:
                area.original_name = area.name
            area.name = corr.value or area.name
            area.heading_inferred = False  # named by the researcher, not inferred any more
            return None
        assert corr.new_id is not None and corr.value is not None
        if view.find(corr.new_id) or view.find_excluded(corr.new_id, ""):
            return None  # the parse has it now: nothing to add
        order = _source_order(view, corr.value)
        view.place(area, Commitment(corr.new_id, corr.value, origin="added"), order)
        return None
    found = view.find(corr.target, corr.text)
    if corr.kind == "exclude":
        if not corr.excluded:
            return None  # restored: as parsed
        if found is None:
            return None if view.find_excluded(corr.target, corr.text) else _gone(corr)
        area, c = found
        area.commitments.remove(c)
        area.excluded.append(c)
        return None
    if found is None:
        return _gone(corr)
    area, c = found
    c = view.own(area, c)  # it changes: the parse's commitment stays as parsed
    if corr.kind == "move":
        dest = view.area(corr.area) if corr.area else _new_area(view, corr)
        if dest is None:
            return "the area it was moved to is no longer in the meeting"
        if dest is not area:
            area.commitments.remove(c)
            if c.moved_from is None:
                c.moved_from = area.id
            elif c.moved_from == dest.id:
                c.moved_from = None  # back where the parser put it
            view.place(dest, c, view.order.get(c.id, 0.0))
        return None
    if corr.kind == "split":
        assert corr.value is not None and corr.new_id is not None
        at = _split_point(c.text, corr.value)
        if at is None:
            return "its text no longer contains the split point"
        if view.find(corr.new_id) or view.find_excluded(corr.new_id, ""):
            return "the ID of its second part is another commitment's"
        if c.original_text is None:
            c.original_text = c.text
        first, second = c.text[:at].rstrip(), c.text[at:].strip()
        c.text = first
        part = Commitment(corr.new_id, second, origin="split")
        area.commitments.insert(area.commitments.index(c) + 1, part)
        view.order[part.id] = view.order.get(c.id, 0.0) + 0.5
        return None
    # merge
    assert corr.other is not None
    other = view.find(corr.other)
    if other is None:
        return "the commitment merged into it is no longer in the meeting"
    other_area, absorbed = other
    if other_area is not area:
        return "the two commitments are no longer in one area"
    other_area.commitments.remove(absorbed)  # (not changed: no copy needed)
    if c.original_text is None:
        c.original_text = c.text
    c.text = f"{c.text} {absorbed.text}"
    c.merged.append(absorbed.id)
    return None


def _gone(corr: Correction) -> str:
    return "the commitment is no longer in the meeting"


def _new_area(view: _View, corr: Correction) -> Area:
    assert corr.value is not None
    area_id = new_area_id(corr.meeting, corr.value)
    found = view.area(area_id)
    if found is None:
        found = Area(area_id, corr.value, added=True)
        view.meeting.areas.append(found)
    return found


def _source_order(view: _View, text: str) -> float:
    """Where an added commitment goes: after every commitment of its area (the order
    of additions kept)."""
    return float(len(view.order)) + 0.25


def split_point(text: str, at: str) -> int | None:
    """Where ``at`` starts in ``text`` if it occurs there exactly once, not at the start;
    whitespace in ``at`` matches any run of whitespace."""
    return _split_point(text, at)


def _split_point(text: str, at: str) -> int | None:
    words = at.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    hits = [m.start() for m in pattern.finditer(text)]
    if len(hits) != 1 or not text[: hits[0]].strip():
        return None
    return hits[0]

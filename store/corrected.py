"""The store's meetings as the researcher corrected them, and the correction, undo and
log methods of ``Store`` (a mixin: ``store.store`` stays a readable facade).

The corpus keeps each meeting as parsed; :class:`CorrectedMeetings` applies the
corrections in force (``store.corrections``) to a meeting when it is asked for and keeps
the result until the meeting or its corrections change, so a meeting nobody corrected
costs nothing and one that was is worked out once.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import TYPE_CHECKING, Any

from parsers.model import Meeting
from store import correcting, corrections, history
from store.author import current_author
from store.corpus import Corpus, Location
from store.corpus_scan import MeetingSummary
from store.history import LogEntry

if TYPE_CHECKING:
    import contextlib
    import threading
    from collections.abc import Callable
    from pathlib import Path

    from store.annotations import AnnotationState
    from store.corrections import Correction
    from store.snapshot import AnnotationFiles
    from store.transaction import Transaction


class CorrectedMeetings:
    """Corrected copies of the corpus's meetings, worked out when first asked for."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[Meeting, object, int, corrections.Applied]] = {}

    def applied(self, state: AnnotationState, raw: Meeting) -> corrections.Applied | None:
        found = state.corrections
        if raw.id not in found.by_meeting:
            return None
        version = found.versions.get(raw.id, 0)
        hit = self._cache.get(raw.id)
        if hit is not None and hit[0] is raw and hit[1] is found and hit[2] == version:
            return hit[3]
        result = corrections.apply(raw, found.for_meeting(raw.id))
        self._cache[raw.id] = (raw, found, version, result)
        return result

    def meeting(self, state: AnnotationState, raw: Meeting) -> Meeting:
        result = self.applied(state, raw)
        return raw if result is None else result.meeting

    def locate(self, state: AnnotationState, corpus: Corpus, target_id: str) -> Location | None:
        meeting_id = state.corrections.created.get(target_id)
        if meeting_id is None:
            found = corpus.locate(target_id)
            if found is None or found[0].id not in state.corrections.by_meeting:
                return found
            meeting_id = found[0].id
        record = corpus.record(meeting_id)
        if record is None:
            return None
        return find_in(self.meeting(state, record.meeting), target_id)

    def summaries(
        self, state: AnnotationState, found: list[MeetingSummary]
    ) -> list[MeetingSummary]:
        """Summaries with the meetings' corrected title, date and place."""
        by_meeting = state.corrections.by_meeting
        out = []
        for summary in found:
            if summary.id in by_meeting:
                fixed = state.corrections.active
                title = fixed(f"meeting|{summary.id}|title")
                date = fixed(f"meeting|{summary.id}|date")
                place = fixed(f"meeting|{summary.id}|place")
                parties = fixed(f"meeting|{summary.id}|parties")
                summary = summary._replace(
                    title=(title.value or "") if title else summary.title,
                    date=date.value if date else summary.date,
                    place=place.value if place else summary.place,
                    parties=(
                        tuple(corrections.parties_of(parties.value))
                        if parties else summary.parties
                    ),
                )  # fmt: skip
            out.append(summary)
        return out

    def orphans(self, state: AnnotationState, corpus: Corpus) -> list[tuple[Correction, str]]:
        """The corrections in force that no longer find what they correct."""
        out: list[tuple[Correction, str]] = []
        for meeting_id in list(state.corrections.by_meeting):
            record = corpus.record(meeting_id)
            if record is None:
                why = "its meeting is no longer in the store"
                out += [(c, why) for c in state.corrections.for_meeting(meeting_id)]
                continue
            result = self.applied(state, record.meeting)
            if result is not None:
                out += result.orphans
        return out


def find_in(meeting: Meeting, target_id: str) -> Location | None:
    """A meeting's, area's or commitment's (excluded ones too) place in ``meeting``."""
    if meeting.id == target_id:
        return meeting, None, None
    for area in meeting.areas:
        if area.id == target_id:
            return meeting, area, None
        for c in [*area.commitments, *area.excluded]:
            if c.id == target_id:
                return meeting, area, c
    return None


class CorrectionMethods:
    """``Store``'s corrections, undo, redo and log (see ``store.correcting`` and
    ``store.history``). Each correction is one transaction and one change of the log;
    each returns the IDs it touched (empty if there was nothing to change)."""

    # provided by Store
    _mutex: threading.RLock
    path: Path
    corpus: Corpus
    _corrected: CorrectedMeetings
    transaction: Callable[[], contextlib.AbstractContextManager[Transaction]]
    source_text: Callable[[str], str]
    locate: Callable[[str], Location]

    _files: AnnotationFiles

    def _state(self) -> AnnotationState:
        return self._files.state

    def has_target(self, target_id: str) -> bool:
        """Whether a meeting, area or commitment (excluded ones too) with this ID is in the
        store as corrected (a commitment merged into another is not)."""
        with self._mutex:
            return self._corrected.locate(self._state(), self.corpus, target_id) is not None

    def rename_area(self, area_id: str, name: str, *, base: str | None = None) -> list[str]:
        """Rename an area (its ID and every annotation stay). ``base`` (here and below)
        is what an editor showed: if it has changed since, nothing is written
        (ChangedElsewhere)."""
        with self.transaction() as tx:
            return correcting.rename_area(tx, area_id, name, base)

    def correct_meeting(
        self,
        meeting_id: str,
        *,
        base: dict[str, str | None] | None = None,
        **values: str | None,
    ) -> list[str]:
        """Correct a meeting's ``title``, ``date`` (YYYY-MM-DD), ``place`` or ``parties``
        (separated by ";")."""
        unknown = set(values) - set(corrections.MEETING_FIELDS)
        if unknown:
            raise TypeError(f"a meeting has no field {sorted(unknown)[0]!r}")
        with self.transaction() as tx:
            return correcting.correct_meeting(tx, meeting_id, values, base)

    def move_commitment(
        self,
        commitment_id: str,
        area_id: str | None = None,
        *,
        new_area: str | None = None,
        base: str | None = None,
    ) -> list[str]:
        """Move a commitment to another area of its meeting, or to a new area (``base``:
        the area it was shown in)."""
        with self.transaction() as tx:
            return correcting.move_commitment(tx, commitment_id, area_id, new_area, base)

    def split_commitment(
        self, commitment_id: str, at: str, *, base: str | None = None
    ) -> list[str]:
        """Split a commitment where ``at`` starts (it must occur once in its text);
        returns [the first part's ID (kept), the second's (new)]."""
        with self.transaction() as tx:
            return correcting.split_commitment(tx, commitment_id, at, base)

    def merge_commitments(
        self, first_id: str, second_id: str, *, base: tuple[str, str] | None = None
    ) -> list[str]:
        """Merge the second commitment into the first (one area); the first keeps its
        ID and gets the second's statuses, tags and notes."""
        with self.transaction() as tx:
            return correcting.merge_commitments(tx, first_id, second_id, base)

    def exclude_commitment(self, commitment_id: str, *, restore: bool = False) -> list[str]:
        """Mark a commitment as not one (a caption, a remark), or restore it."""
        with self.transaction() as tx:
            return correcting.exclude_commitment(tx, commitment_id, restore)

    def add_commitment(self, area_id: str, text: str) -> list[str]:
        """Add a commitment to an area: ``text`` must occur in the meeting's source."""
        meeting, _area, _c = self.locate(area_id)
        source = self.source_text(meeting.id)
        with self.transaction() as tx:
            return correcting.add_commitment(tx, area_id, text, source)

    def corrections(self) -> list[Correction]:
        """Every correction in force, oldest first."""
        with self._mutex:
            return self._state().corrections.all_active()

    def correction_history(self) -> list[dict[str, Any]]:
        """Every correction journalled (withdrawn ones and those a later one replaced
        too), oldest first, each with ``"in_force"`` and ``"withdrawn"`` (and, when withdrawn,
        ``"withdrawn_at"``: an export carries the withdrawal with its time)."""
        with self._mutex:
            found = self._state().corrections
            out = []
            for c in sorted(found.by_id.values(), key=lambda c: (c.at, c.id)):
                active = found.active(c.slot)
                doc = {**c.to_dict(), "in_force": active is not None and active.id == c.id,
                       "withdrawn": c.id in found.withdrawn}  # fmt: skip
                if c.id in found.withdrawn:
                    doc["withdrawn_at"] = found.withdrawn[c.id]
                out.append(doc)
            return out

    def correction_orphans(self) -> list[tuple[Correction, str]]:
        """Corrections that no longer apply to the parse (after a rebuild or a
        re-import), each with why."""
        with self._mutex:
            return self._corrected.orphans(self._state(), self.corpus)

    def correction_suggestions(self, correction: Correction) -> list[tuple[str, float]]:
        """Where an orphaned correction might belong now: the IDs of its meeting's areas
        (for a rename or an addition) or commitments (excluded ones too) most like what
        it corrected, best first, with their scores."""
        from store import matching

        with self._mutex:
            record = self.corpus.record(correction.meeting)
            if record is None or correction.kind == "meeting":
                return []
            meeting = self._corrected.meeting(self._state(), record.meeting)
            if correction.kind in ("rename", "add"):
                found = [(a.id, a.name) for a in meeting.areas]
            else:
                found = [
                    (c.id, c.text) for a in meeting.areas for c in [*a.commitments, *a.excluded]
                ]
            return matching.suggestions(correction.text, found)

    def reattach_correction(self, correction_id: str, target_id: str) -> list[str]:
        """Point an orphaned correction at ``target_id`` (an area for a rename or an
        addition, else a commitment) of its meeting; returns the IDs touched."""
        with self.transaction() as tx:
            return correcting.reattach(tx, correction_id, target_id)

    # -- undo, redo, the log ------------------------------------------------------
    def undo(self, *, here: bool = False, skip: Container[str] = ()) -> LogEntry:
        """Undo the current author's latest change (``store.history``) — with ``here``,
        this process's latest first (an app window undoes its own changes before another
        window's), passing over the changes in ``skip``; StoreError (``NOTHING_TO_UNDO``)
        if there is none, ChangedElsewhere (``facts["change"]``: the change) if what it
        changed was changed again since by another change (named in the message)."""
        with self.transaction() as tx:
            return history.undo(tx, here, skip)

    def redo(self, *, here: bool = False) -> LogEntry:
        """Redo the current author's (``here``: this process's) latest undone change."""
        with self.transaction() as tx:
            return history.redo(tx, here)

    def log(self, limit: int | None = None) -> list[LogEntry]:
        """The activity log, newest first (at most ``limit`` entries)."""
        with self._mutex:
            return self._state().log.newest_first(limit)

    def can_undo(self, *, here: bool = False) -> bool:
        """Whether ``undo`` has something to undo (it may still be refused)."""
        session = history.SESSION if here else None
        with self._mutex:
            return self._state().log.to_undo(current_author(), session) is not None

    def can_redo(self, *, here: bool = False) -> bool:
        session = history.SESSION if here else None
        with self._mutex:
            return self._state().log.to_redo(current_author(), session) is not None


def meetings_of(
    corrected: CorrectedMeetings, state: AnnotationState, meetings: Sequence[Meeting]
) -> list[Meeting]:
    return [corrected.meeting(state, m) for m in meetings]

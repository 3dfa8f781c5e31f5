"""One open store and what is worked out from it: the state the app's screens share.

A :class:`Session` holds the store, the search index and the lineage built from its
meetings (and each commitment's history, once worked out), the drafts kept beside the
store, and the changes being written. Its methods are safe to call from a worker
thread where they say so: writes, exports and reloads take ``write_lock`` (so that
none overtakes another), comparisons take ``lineage_lock``. It never shows anything:
what it cannot do it raises (``StoreError``) or returns as lines for the caller to
show, and the caller decides when to adopt what a worker built (``search_index``,
``lineage``, ``meetings`` are plain attributes).

A change is any :class:`Write`: the app's are in ``tui.changes``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from store import Annotation, Status, Store, StoreError
from store.drafts import Draft, DraftKind, Drafts

if TYPE_CHECKING:
    from collections.abc import Sequence

    from compare import Lineage, MeetingDiff
    from compare.lineage import Step
    from compare.model import Item
    from parsers import Meeting
    from search import SearchIndex
    from session.importing import ImportReport, Progress
    from sharing.export import ExportRequest
    from stats import Agreement, AreaAligner, Filters, Overview
    from store import Orphan

OutcomeT = TypeVar("OutcomeT", covariant=True)


class Write(Protocol[OutcomeT]):
    """A change the user made, to be written to the store (see ``tui.changes``)."""

    @property
    def target_id(self) -> str: ...

    @property
    def draft_id(self) -> str | None:
        """The draft the change came from (dropped once the change is written)."""

    @property
    def undone(self) -> str:
        """What is not done if the change is never written."""

    def apply(self, store: Store) -> OutcomeT:
        """Write the change; raises ``StoreError``."""

    def as_draft(self, why: str) -> Draft | None:
        """The change as a draft to keep while it is not written (None: nothing typed)."""


class Session:
    """The open store and what the screens and workers share about it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.drafts = Drafts(store.files.drafts)
        #: Every meeting with its areas and commitments, once all are read.
        self.meetings: list[Meeting] = []
        self.search_index: SearchIndex | None = None
        self.lineage: Lineage | None = None
        #: Commitment ID → its history, worked out by :meth:`history` for ``lineage``.
        self.histories: dict[str, list[Step]] = {}
        #: Changes handed to the writer and not yet written or refused, oldest first.
        self.pending: list[Write[Any]] = []
        #: id() of a pending change → the draft kept for it while it waits (dropped once
        #: it is written).
        self.kept_while_pending: dict[int, str] = {}
        self.write_lock = threading.Lock()  # writes, exports and reloads, one at a time
        self.lineage_lock = threading.Lock()  # the lineage caches its comparisons
        self.abandoned = threading.Event()  # quit at once: queued writes are not made
        self.seen_catch_ups = 0  # Store.catch_ups when the meetings were last read
        self.aligner: AreaAligner | None = None  # the overview's area alignments, once used
        self._aligner_lock = threading.Lock()

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        seed_samples: bool = True,
        lazy: bool = True,
        lock_timeout: float | None = None,
    ) -> Session:
        """Open the store at ``path`` (``lazy``: only its list of meetings is read now;
        ``lock_timeout`` None: the store's default). Raises ``StoreError``."""
        if lock_timeout is None:
            return cls(Store.open(path, seed_samples=seed_samples, lazy=lazy))
        return cls(
            Store.open(path, seed_samples=seed_samples, lazy=lazy, lock_timeout=lock_timeout)
        )

    @property
    def ready(self) -> bool:
        """The search index is built."""
        return self.search_index is not None

    # ------------------------------------------------------------------ reading

    def read_meetings(self, pause: Callable[[], None] | None = None) -> list[Meeting]:
        """Read every meeting not read yet, a slice at a time (``pause`` between slices);
        in a worker. Raises ``StoreError``."""
        while self.store.read_corpus():
            if pause is not None:
                pause()
        return self.store.meetings()

    def build_index(
        self, meetings: list[Meeting], pause: Callable[[], None] | None = None
    ) -> SearchIndex:
        """A search index over ``meetings`` and the store's annotations (in a worker)."""
        from search import SearchIndex

        store = self.store
        annotations = store.annotations()
        statuses = [s.value for s in Status]
        # a commitment is found by its text in its meeting's other languages too
        translations = store.versions().translations
        return SearchIndex.build(
            meetings, annotations, statuses, pause=pause, translations=translations
        )

    def build_lineage(self, meetings: list[Meeting]) -> Lineage:
        """Each commitment's predecessors and successors across its series (in a worker).
        Two meetings are compared in one language where they have versions in one (an
        English meeting and the next in Chinese only: its Chinese version), their
        commitments standing for the primary versions' (``meetings``)."""
        from compare import Lineage

        versions = self.store.versions()
        if not versions.groups and len({m.language for m in meetings}) < 2:
            return Lineage(meetings)

        def languages(m: Meeting) -> set[str]:
            return set(versions.languages(m.id) or [m.language])

        def comparable(a: Meeting, b: Meeting) -> bool:  # in one language
            return bool(languages(a) & languages(b))

        return Lineage(meetings, compare=self._compare_versions, comparable=comparable)

    def _compare_versions(self, a: Meeting, b: Meeting) -> MeetingDiff:
        """The year diff of two primary versions, made on the versions of one language
        (``Store.comparable``), told in the primaries' commitments (one with no
        counterpart in the primary left out)."""
        from compare import diff_meetings

        store = self.store
        a_version, b_version = store.comparable(a, b)
        diff = diff_meetings(a_version, b_version)
        if a_version is a and b_version is b:
            return diff
        canonical = store.versions().canonical
        primary = {c.id: c for m in (a, b) for c in m.commitments}

        def primaries(items: list[Item]) -> list[Item]:
            out = []
            for item in items:
                found = primary.get(canonical.get(item.commitment.id, item.commitment.id))
                if found is not None:
                    out.append(replace(item, commitment=found))
            return out

        changes = [replace(c, a=primaries(c.a), b=primaries(c.b)) for c in diff.changes]
        return replace(diff, a=a, b=b, changes=changes)

    def use_lineage(self, lineage: Lineage) -> None:
        self.lineage = lineage
        self.histories = {}

    def known_history(self, commitment_id: str) -> list[Step] | None:
        """The commitment's history if known: empty if it has none or the lineage is not
        built yet; None if it is still to be worked out (:meth:`history`)."""
        lineage = self.lineage
        if lineage is None or not lineage.in_series(commitment_id):
            return []
        return self.histories.get(commitment_id)

    def history(self, lineage: Lineage, commitment_id: str) -> list[Step]:
        """Work out a commitment's history (in a worker: tens of milliseconds a pair of
        meetings); :attr:`histories` keeps it once the caller adopts it."""
        with self.lineage_lock:
            return lineage.history(commitment_id)

    def refresh(self) -> list[Meeting] | None:
        """Read what other processes changed (in a worker); every meeting if something
        changed since the last look (by this or by a write that read it first), else None."""
        store = self.store
        with self.write_lock:
            store.refresh()
            changed = store.catch_ups != self.seen_catch_ups
            self.seen_catch_ups = store.catch_ups
            return store.meetings() if changed else None

    @property
    def behind(self) -> bool:
        """A write read changes other processes made, not yet shown (see :meth:`refresh`)."""
        return self.store.catch_ups != self.seen_catch_ups

    # ------------------------------------------------------------------ looking up

    def annotation(self, target_id: str) -> Annotation:
        return self.store.annotation(target_id)

    # ------------------------------------------------------------------ statistics

    def overview(
        self, filters: Filters, *, align: bool = True, pause: Callable[[], None] | None = None
    ) -> Overview:
        """The compliance overview under ``filters`` (in a worker; ``align`` False: the
        areas not yet aligned across meetings, see ``stats.compute``). The alignments
        are kept in memory and beside the store for the next time. Raises ``StoreError``."""
        from stats import compute

        meetings = self.read_meetings(pause)
        aligner = self.area_aligner() if align else None
        overview = compute(meetings, self.store.ratings(), filters, aligner, step=pause)
        if aligner is not None:
            aligner.save([m.id for m in meetings])
        return overview

    def agreement(self, filters: Filters) -> Agreement:
        """Agreement between the raters under ``filters`` (in a worker)."""
        from stats import agreement

        return agreement(self.read_meetings(), self.store.ratings(), filters)

    def left_behind(self, old_target_id: str) -> Annotation | None:
        """What a re-attached orphan leaves on its old target: nothing if the target is
        gone, the rest of its annotation if it is an area or a meeting (a status an
        older version put there)."""
        try:
            self.store.locate(old_target_id)
        except StoreError:
            return None
        return self.store.annotation(old_target_id)

    def kind_of(self, target_id: str) -> str:
        """``commitment``, ``area`` or ``meeting``; raises ``StoreError``."""
        _meeting, area, commitment = self.store.locate(target_id)
        return "commitment" if commitment else "area" if area else "meeting"

    def orphans(self) -> list[Orphan]:
        """The annotations whose target is gone (in a worker; the dialog suggests)."""
        return self.store.orphans(suggest=False)

    def export(self, request: ExportRequest) -> str:
        """Write an export (in a worker); its summary. Raises ``StoreError``, ``OSError``."""
        from sharing.export import export_to_path
        from sharing.selection import select
        from stats.series import align_neighbours

        aligner = self.area_aligner()  # shared with the overview: aligned once for both
        if request.format == "markdown":  # its overview: aligned before writes are held off
            chosen = select(self.store, request.filters).meetings
            align_neighbours([view.meeting for view in chosen], aligner)
            aligner.save(s.id for s in self.store.meeting_summaries())
        with self.write_lock:
            return export_to_path(self.store, request, aligner=aligner)

    def area_aligner(self) -> AreaAligner:
        """The overview's area alignments, kept for the session (and beside the store)."""
        from stats import AreaAligner

        with self._aligner_lock:  # two workers may ask at once: one aligner for both
            if self.aligner is None:
                self.aligner = AreaAligner.for_store(self.store)
            return self.aligner

    # ------------------------------------------------------------------ writing

    def begin(self, change: Write[Any]) -> None:
        """``change`` is on its way to the store: pending until :meth:`settle`."""
        self.pending.append(change)

    def write(self, change: Write[OutcomeT]) -> tuple[OutcomeT, Annotation] | None:
        """Write ``change`` (in a worker; one at a time, in order) and return what it did
        and the target's annotation after it; None if the session was abandoned
        meanwhile (the change is a draft then). Raises ``StoreError``, ``OSError``."""
        with self.write_lock:
            if self.abandoned.is_set():
                return None
            outcome = change.apply(self.store)
            return outcome, self.store.annotation(change.target_id)

    def saved(
        self,
        change: Write[Any],
        annotation: Annotation,
        *,
        deleted_note: str | None = None,
        moved_from: str | None = None,
    ) -> list[str]:
        """Bring the drafts and the index up to date with ``change``, written: its draft
        and one kept while it waited are dropped (and a deleted note's drafts), the
        index learns ``annotation`` (and what a re-attached orphan left behind on
        ``moved_from``). Returns the lines to show for drafts that could not be dropped."""
        problems: list[str] = []
        kept = self.kept_while_pending.pop(id(change), None)
        if kept is not None:  # kept as a draft while it waited: written after all
            self._drop(kept, problems)
        if self.abandoned.is_set():
            return problems
        if change.draft_id is not None:
            self._drop(change.draft_id, problems)
        if deleted_note is not None:
            for draft in self.drafts_of_note(deleted_note):  # nothing left to edit
                self._drop(draft.id, problems)
        if self.search_index is not None:  # indexed under the primary version's ID
            target_id = self.store.canonical_id(change.target_id)
            self.search_index.set_annotation(target_id, annotation)
            if moved_from is not None:
                self.search_index.set_annotation(moved_from, self.left_behind(moved_from))
        return problems

    def settle(self, change: Write[Any]) -> None:
        """``change`` is written or refused: no longer pending."""
        for i, pending in enumerate(self.pending):
            if pending is change:
                del self.pending[i]
                break

    def draft_of_pending(self, change: Write[Any], why: str) -> Draft | None:
        """``change`` as a draft, under the ID of the draft already kept for it if any."""
        draft = change.as_draft(why)
        kept = self.kept_while_pending.get(id(change))
        return draft if draft is None or kept is None else replace(draft, id=kept)

    def abandon(self) -> None:
        """Write nothing more: a write still queued is not made, one waiting for
        another process's lock stops waiting."""
        self.abandoned.set()
        self.store.stop_waiting()

    def import_sources(
        self,
        sources: Sequence[str | Path],
        progress: Progress | None = None,
        stop: threading.Event | None = None,
    ) -> ImportReport:
        """Import release files, folders and web addresses (in a worker), a step at a
        time under the write lock, until ``stop`` is set or the session is abandoned
        (see ``session.importing``). Raises nothing: what failed is in the report."""
        from session.importing import import_sources

        def stopped() -> bool:
            return self.abandoned.is_set() or (stop is not None and stop.is_set())

        return import_sources(self.store, sources, self.write_lock, progress=progress, stop=stopped)

    # ------------------------------------------------------------------ drafts

    def keep_draft(self, draft: Draft) -> None:
        """Write ``draft`` beside the store; raises ``StoreError``."""
        self.drafts.keep(draft)

    def drop_draft(self, draft_id: str) -> None:
        """Delete a draft; raises ``StoreError``."""
        self.drafts.drop(draft_id)

    def _drop(self, draft_id: str, problems: list[str]) -> None:
        try:
            self.drafts.drop(draft_id)
        except StoreError as exc:
            problems.append(str(exc))

    def find_draft(
        self, kind: DraftKind, target_id: str, note_id: str | None = None
    ) -> Draft | None:
        """The draft a dialog about to open on ``target_id`` restores, if any."""
        return self.drafts.find(kind, target_id, note_id)

    def drafts_of_note(self, note_id: str) -> list[Draft]:
        drafts, _problems = self.drafts.load()
        return [d for d in drafts if d.kind == "note" and d.note_id == note_id]

    def drafts_to_offer(self) -> tuple[list[Draft], list[str]]:
        """The drafts kept last time that are not in the store (one written after all
        is dropped), and a line for each that could not be read or dropped."""
        drafts, problems = self.drafts.load()
        offered = []
        for draft in drafts:
            if draft.is_saved_in(self.store.annotation(draft.target_id)):
                self._drop(draft.id, problems)
            else:
                offered.append(draft)
        return offered, problems

    def keep_on_quit(self, typed: list[Draft]) -> tuple[list[str], list[str]]:
        """Keep every pending change, and ``typed`` (text of open editors), as drafts.
        Returns why drafts could not be kept, and the pending changes that have no
        draft form (they are not done)."""
        drafts: list[Draft] = []
        not_done: list[str] = []
        for change in self.pending:
            draft = self.draft_of_pending(change, "not saved yet when the app was quit")
            if draft is None:
                not_done.append(change.undone)
            else:
                drafts.append(draft)
                self.kept_while_pending[id(change)] = draft.id
        errors = []
        for draft in [*drafts, *typed]:
            try:
                self.drafts.keep(draft)
            except StoreError as exc:
                errors.append(str(exc))
        return errors, not_done

    def kept_drafts(self) -> int:
        """How many drafts there are now (this time's and any older)."""
        return len(self.drafts.load()[0])

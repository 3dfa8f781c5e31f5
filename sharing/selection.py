"""What an export covers: the filters, and the selection they make from the store.

``select`` reads the store once (``Store.annotations()`` is one in-memory pass, no
per-note round trips) and applies the filters. Everything is sorted — meetings by
date, title and ID, areas and commitments in document order, notes by creation
time and ID, orphans by meeting, text and ID — so the writers (``sharing.report``,
``sharing.data_export``, ``sharing.notes_folder``) give the same bytes for the same store.
No Textual here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from parsers.model import Area, Commitment, Meeting
from parsers.naming import NamingError
from parsers.normalise import collapse_ws
from sharing.corrections_io import correction_records
from store.errors import StoreError
from store.model import Annotation, Deletion, Status, clean_tag, tag_key
from store.store import Store


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
            have = {tag_key(t) for t in ann.tags}
            if not any(tag_key(t) in have for t in self.tags):
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
    """Filters from command-line values: meeting names (see ``parsers.naming``: an ID or
    its start, a date, a year, parties), status names, tags."""
    ids: list[str] = []
    for name in meetings or []:
        try:  # a meeting's other language version names the meeting
            full = store.find_meeting(name)
        except NamingError as exc:
            raise StoreError(str(exc)) from None
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
    wanted = tuple(dict.fromkeys(clean_tag(t) for t in tags or [] if t.strip()))
    return Filters(tuple(ids), tuple(parsed), wanted, only_annotated)


class Item:
    """A selected commitment, its number and its annotation.

    ``number`` is "2.3" for area 2, commitment 3 of the meeting, whatever the
    filters. Most commitments of a large store have no annotation: for them an
    empty one is made only if ``annotation`` is asked for (``status`` and
    ``is_bare`` answer without it), so selecting a whole store makes one object
    per commitment, not five.
    """

    __slots__ = ("_annotation", "commitment", "number")

    def __init__(
        self, number: str, commitment: Commitment, annotation: Annotation | None = None
    ) -> None:
        self.number = number
        self.commitment = commitment
        self._annotation = annotation

    @property
    def annotation(self) -> Annotation:
        if self._annotation is None:
            self._annotation = Annotation(target_id=self.commitment.id)
        return self._annotation

    @property
    def status(self) -> Status:
        """``annotation.status`` (a new annotation's is not-rated)."""
        return Status.NOT_RATED if self._annotation is None else self._annotation.status

    @property
    def is_bare(self) -> bool:
        """``annotation.is_empty``: no status history, tags or notes."""
        return self._annotation is None or self._annotation.is_empty

    def __repr__(self) -> str:
        return f"Item({self.number!r}, {self.commitment!r}, {self._annotation!r})"


@dataclass
class AreaView:
    number: int
    area: Area
    annotation: Annotation
    items: list[Item] = field(default_factory=list)
    #: the commitments a researcher excluded ("not a commitment"), kept with their
    #: annotations but not numbered, counted or listed as commitments
    excluded: list[Item] = field(default_factory=list)


@dataclass
class MeetingView:
    meeting: Meeting
    doc: str
    annotation: Annotation
    areas: list[AreaView] = field(default_factory=list)
    #: the URL its release was fetched from and when (ISO 8601, UTC); "" for a file
    url: str = ""
    fetched: str = ""
    #: a corrected meeting's areas as the parser named them, by ID (where a moved
    #: commitment came from, even an area its moves emptied); empty if not corrected
    parsed_areas: dict[str, str] = field(default_factory=dict)
    #: the languages of its versions, its own first (``store.versions``)
    languages: list[str] = field(default_factory=list)
    #: an area's or commitment's text in the meeting's other languages, by its ID
    translations: Mapping[str, dict[str, str]] = field(default_factory=dict)
    #: the commitments only another language version has, shown in this meeting: their
    #: language (their text is in it), by ID
    foreign: dict[str, str] = field(default_factory=dict)

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
    #: every deletion the store records, whatever the filters: a deletion is a fact
    #: about the store that a colleague's copy must learn (see ``sharing.merge``)
    deletions: list[Deletion] = field(default_factory=list)
    #: every correction of the parse journalled, whatever the filters, for the same
    #: reason (``sharing.corrections_io.correction_records``)
    corrections: list[dict[str, Any]] = field(default_factory=list)
    #: how to select the meetings as every filter but the statuses selects them (None: no
    #: status filter was given, they are ``meetings``); only the report's overview asks
    #: (``counted_meetings``), so a JSON or CSV export does not pay for it
    counted: Callable[[], list[MeetingView]] | None = field(default=None, compare=False)

    @functools.cached_property
    def counted_meetings(self) -> list[MeetingView]:
        """The meetings the report's overview counts: every status of the commitments the
        other filters choose, or its compliance would be that of the statuses asked for
        (+1.00 for implemented)."""
        return self.meetings if self.counted is None else self.counted()


def _sorted_notes(ann: Annotation) -> Annotation:
    ann.notes = sorted(ann.notes, key=lambda n: (n.created, n.id))
    return ann


def _presence(store: Store) -> Callable[[str], bool]:
    """Whether a target is in the store's meetings as corrected (else its annotation is
    an orphan): a commitment of a meeting nobody corrected by the corpus's index; in a
    corrected meeting by looking (a split's second part or an added commitment is there,
    a commitment merged into another is not, nor one a correction that no longer applies
    would have made)."""
    index = store.corpus.index
    corrected = {c.meeting for c in store.corrections()}

    def present(target_id: str) -> bool:
        where = index.get(target_id)
        if where is not None and where[0] not in corrected:
            return True
        if where is None and not corrected:
            return False
        try:
            store.locate(target_id)
        except StoreError:
            return False
        return True

    return present


def select(store: Store, filters: Filters) -> Selection:
    """The meetings, areas and commitments the filters keep, each with its annotation.

    One pass over the corpus with dictionary look-ups; a commitment with no
    annotation gets none until one is asked for (see ``Item``), and the filters
    are only consulted when they can leave something out. The meetings are the store's,
    as corrected (``Store.meetings``): renamed areas, moved, split, merged and added
    commitments as the researcher left them, excluded ones apart (``AreaView.excluded``).
    """
    anns = {tid: _sorted_notes(a) for tid, a in store.annotations().items()}
    views = _meeting_views(store, filters, anns)
    # the overview counts every status of what the other filters select (``counted``)
    counted = None
    if filters.statuses:  # worked out when the report's overview asks for it
        counted = functools.partial(_meeting_views, store, replace(filters, statuses=()), anns)
    orphans: list[OrphanView] = []
    present = _presence(store)
    for tid, ann in anns.items():
        if ann.is_empty or not filters.keeps(ann) or present(tid):
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
            collapse_ws(str(o.anchor.get("text", ""))),
            o.target_id,
        )
    )
    return Selection(filters, views, orphans, store.deletions(), correction_records(store), counted)


def _meeting_views(
    store: Store, filters: Filters, anns: dict[str, Annotation]
) -> list[MeetingView]:
    """The meetings, areas and commitments (and excluded ones) ``filters`` keep."""
    records = store.corpus.records
    narrows, keeps = filters.narrows, filters.keeps
    wanted = set(filters.meetings)
    views: list[MeetingView] = []
    versions = store.versions()
    for meeting in store.meetings():
        if wanted and meeting.id not in wanted:
            continue
        meeting_ann = anns.get(meeting.id) or Annotation(target_id=meeting.id)
        record = records[meeting.id]
        view = MeetingView(meeting, record.doc, meeting_ann, url=record.url, fetched=record.fetched,
                           languages=versions.languages(meeting.id) or [meeting.language],
                           translations=versions.translations)  # fmt: skip
        if meeting.corrected:
            view.parsed_areas = {a.id: a.name for a in record.meeting.areas}
        if meeting.id in versions.primary:  # a version's commitments only it has
            view.foreign = {
                c.id: versions.language[m] for c in meeting.commitments
                if (m := versions.item_meeting.get(c.id, meeting.id)) != meeting.id
            }  # fmt: skip
        for ai, area in enumerate(meeting.areas, 1):
            items = [
                Item(f"{ai}.{ci}", c, anns.get(c.id)) for ci, c in enumerate(area.commitments, 1)
            ]
            excluded = [Item(f"{ai}.x{n}", c, anns.get(c.id)) for n, c in
                        enumerate(area.excluded, 1)]  # fmt: skip
            if narrows:
                items = [item for item in items if keeps(item.annotation)]
                excluded = [item for item in excluded if keeps(item.annotation)]
            if items or excluded or not narrows:
                area_ann = anns.get(area.id) or Annotation(target_id=area.id)
                view.areas.append(AreaView(ai, area, area_ann, items, excluded))
        if view.areas or not narrows:
            views.append(view)
    return views

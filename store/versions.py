"""One meeting in two languages: the English and the Chinese release of a meeting, both
imported, are two *versions* of one meeting, not two meetings.

Which releases are versions of one meeting is worked out from what the store holds,
never stored: two meetings are versions when they have the same date and the same
parties (by ``parsers.gazetteer.party_key``, so 香港 and Hong Kong are one party) and
are written in different languages. The version imported first is the *primary*: the
meeting's ID, and each of its areas' and commitments' IDs, are the primary's, and the
other versions' IDs stand for them (``canonical``): a status, tag or note given to a
Chinese commitment is the annotation of the English commitment it translates, and the
reverse. A version added later never moves an annotation.

The areas and commitments of the versions are matched by ``parsers.versions`` (a
Gale–Church alignment); where they do not match one to one, the alignment's warnings
name the area, and an item with no counterpart keeps its own ID and annotations.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from compare.versions import Bead, VersionAlignment, align_versions
from parsers import naming
from parsers.gazetteer import party_key
from parsers.lexicon import default_lexicon
from parsers.model import LANGUAGES, Area, Commitment, Meeting, make_id
from parsers.zh_lexicon import zh_topic_name, zh_topic_of_heading
from parsers.zh_script import HAN
from store.corpus import Corpus
from store.corpus_scan import MeetingSummary
from store.corrected import CorrectedMeetings, meetings_of

if TYPE_CHECKING:
    from store.snapshot import AnnotationFiles


_M = TypeVar("_M", Meeting, MeetingSummary)
#: Of two versions imported together, which is the primary: the first in this order.
_RANK = {language: n for n, language in enumerate(LANGUAGES)}


@functools.lru_cache(maxsize=4096)
def _party(name: str) -> str:
    return party_key(name)


def version_key(summary: MeetingSummary) -> tuple[str, frozenset[str]] | None:
    """What versions of one meeting share: the date and the parties; None for a meeting
    without a date or parties (it is never paired)."""
    if not summary.date or not summary.parties:
        return None
    return summary.date, frozenset(_party(p) for p in summary.parties)


def version_groups(summaries: Iterable[MeetingSummary]) -> list[list[str]]:
    """The meetings that are versions of one meeting, each group's primary first (the
    earliest imported; then the corpus's order), at most one version per language."""
    by_key: dict[tuple[str, frozenset[str]], list[tuple[int, MeetingSummary]]] = {}
    for n, s in enumerate(summaries):
        key = version_key(s)
        if key is not None:
            by_key.setdefault(key, []).append((n, s))
    groups: list[list[str]] = []
    for found in by_key.values():
        if len({s.language for _, s in found}) < 2:
            continue
        # the earliest imported; of two imported together, English, then Traditional
        found.sort(key=lambda ns: (ns[1].imported or "\uffff", _RANK.get(ns[1].language, 9), ns[0]))
        seen: set[str] = set()
        group = []
        for _, s in found:
            if s.language not in seen:
                seen.add(s.language)
                group.append(s.id)
        groups.append(group)
    return groups


@dataclass
class Versions:
    """The versions of the store's meetings, and how their items stand for each other."""

    #: every meeting with versions → the IDs of its versions, the primary first
    groups: dict[str, list[str]] = field(default_factory=dict)
    #: a version's meeting ID → the primary's meeting ID (the primary's own too)
    primary: dict[str, str] = field(default_factory=dict)
    #: a meeting ID (of a version) → its language
    language: dict[str, str] = field(default_factory=dict)
    #: an item of another version → the primary's item it stands for (meetings, areas,
    #: commitments matched one to one, or several of the other's to one of the primary's)
    canonical: dict[str, str] = field(default_factory=dict)
    #: a commitment's (or area's) ID in any version → {language: the other versions' text}
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    #: a primary meeting's ID → what its versions' alignment warns of
    warnings: dict[str, list[str]] = field(default_factory=dict)
    #: an area whose heading was lost (its name inferred) → its name after the other
    #: version's heading, where that has one (the topic it names, in this language)
    names: dict[str, str] = field(default_factory=dict)
    #: an area's or commitment's ID in any version → its meeting's ID
    item_meeting: dict[str, str] = field(default_factory=dict)
    #: an area (of any version) → the commitments of another version that have no
    #: counterpart in its version (one version's extra commitment), shown in it
    extra: dict[str, list[Commitment]] = field(default_factory=dict)
    #: a meeting (a version) → the areas of another version that have none in it
    extra_areas: dict[str, list[Area]] = field(default_factory=dict)
    #: another version's item that says several of the primary's in one → those (it
    #: stands for the first: ``canonical``)
    shares: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: an area that is two of another version's (its second heading lost, with no count
    #: to tell) → where its second part starts and that part as an area of its own
    splits: dict[str, tuple[int, Area]] = field(default_factory=dict)
    _standing_for: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)

    def canonical_id(self, target_id: str) -> str:
        return self.canonical.get(target_id, target_id)

    def languages(self, meeting_id: str) -> list[str]:
        """The languages of a meeting's versions, the primary's first (one if none)."""
        group = self.groups.get(self.primary.get(meeting_id, meeting_id))
        if not group:
            return [self.language[meeting_id]] if meeting_id in self.language else []
        return [self.language[m] for m in group]

    def named(self, meeting: Meeting) -> Meeting:
        """``meeting`` as shown: its lost headings named after the other version's
        (``names``), and the other versions' commitments and areas that have no
        counterpart in it added (``extra``, ``extra_areas``: a commitment only one version
        has is not hidden with the version); itself if none is."""
        areas = meeting.areas
        if not (
            meeting.id in self.extra_areas
            or any(a.id in self.names or a.id in self.extra or a.id in self.splits for a in areas)
        ):
            return meeting
        out = meeting.copy()
        shown: list[Area] = []
        for area in out.areas:
            area.name = self.names.get(area.id, area.name)
            area.commitments += self.extra.get(area.id, [])
            shown.append(area)
            if area.id in self.splits:  # its lost second heading, from the other version
                at, second = self.splits[area.id]
                second = second.copy()
                second.commitments = area.commitments[at:]
                area.commitments = area.commitments[:at]
                shown.append(second)
        out.areas = shown + self.extra_areas.get(meeting.id, [])
        return out

    def standing_for(self, target_id: str) -> list[str]:
        """The other versions' items that stand for ``target_id`` (a primary's item)."""
        if not self.canonical:
            return []
        if self._standing_for is None:
            standing: dict[str, list[str]] = {}
            for other, primary in self.canonical.items():
                standing.setdefault(primary, []).append(other)
            self._standing_for = standing
        return self._standing_for.get(target_id, [])

    def counterpart(self, target_id: str, language: str | None) -> str | None:
        """The ID of the same meeting, area or commitment in the meeting's version in
        ``language`` (its primary version's for None): ``target_id`` itself where it is of
        that version or its meeting has no versions; None where that version has no
        counterpart (an extra commitment of one version)."""
        if target_id in self.primary:  # a meeting
            return self.version(target_id, language)
        meeting = self.item_meeting.get(target_id)
        if meeting is None:
            return target_id  # of a meeting without versions
        wanted = self.version(meeting, language)
        if meeting == wanted:
            return target_id
        first = self.canonical.get(target_id, target_id)
        if first != target_id and self.item_meeting.get(first) == wanted:
            return first
        return next(
            (o for o in self.standing_for(first) if self.item_meeting.get(o) == wanted), None
        )

    def hidden(self, meeting_id: str) -> bool:
        """Whether a meeting is another version of a primary (shown as part of it)."""
        return self.primary.get(meeting_id, meeting_id) != meeting_id

    def version(self, meeting_id: str, language: str | None) -> str:
        """The ID of a meeting's version in ``language`` if it has one, else the primary's."""
        primary = self.primary.get(meeting_id, meeting_id)
        if language:
            for m in self.groups.get(primary, ()):
                if self.language.get(m) == language:
                    return m
        return primary


def build_versions(
    groups: Sequence[list[str]],
    meeting: Callable[[str], Meeting],
    align: Callable[[Meeting, Meeting], VersionAlignment] = align_versions,
) -> Versions:
    """The versions of each group (``version_groups``), their items aligned."""
    out = Versions()
    for group in groups:
        versions = [meeting(m) for m in group]
        first = versions[0]
        out.groups[first.id] = [m.id for m in versions]
        for m in versions:
            out.primary[m.id] = first.id
            out.language[m.id] = m.language
            for area in m.areas:
                out.item_meeting[area.id] = m.id
                for c in (*area.commitments, *area.excluded):
                    out.item_meeting[c.id] = m.id
        warnings: list[str] = []
        for other in versions[1:]:
            out.canonical[other.id] = first.id
            found = align(first, other)
            warnings.extend(found.warnings)
            _link(out, first, other, found, into_first=other is versions[1])
        if warnings:
            out.warnings[first.id] = warnings
    return out


def _named_after(heading: str, language: str) -> str | None:
    """An area's name in ``language`` after its heading in another language: the topic
    the heading names (``parsers.lexicon``, ``parsers.zh_lexicon``), None if none."""
    if HAN.search(heading):
        topic = zh_topic_of_heading(heading)
    else:
        topic = default_lexicon().topic_of_heading(heading)
    if topic is None:
        return None
    return topic if language == "en" else zh_topic_name(topic, language)


def _name_lost_headings(out: Versions, first: Meeting, other: Meeting, beads: list[Bead]) -> None:
    areas = {a.id: (a, m.language) for m in (first, other) for a in m.areas}
    for bead in beads:
        if len(bead.primary) != 1 or len(bead.other) != 1:
            continue
        for mine, theirs in ((bead.primary[0], bead.other[0]), (bead.other[0], bead.primary[0])):
            (area, language), (heading, _) = areas[mine], areas[theirs]
            if area.heading_inferred and not heading.heading_inferred and not area.corrected:
                name = _named_after(heading.name, language)
                if name is not None:
                    out.names[area.id] = name


def _add_extras(
    out: Versions, first: Meeting, other: Meeting, found: VersionAlignment, into_first: bool
) -> None:
    """Each version's commitments with no counterpart, to be shown in the other version:
    in the area their own area is aligned with, else with their whole area. Into the
    primary only from one other version (``into_first``): a third version's extra
    commitment is, most likely, the second's in another script, shown once."""
    where = {c.id: (c, a) for m in (first, other) for a in m.areas for c in a.commitments}
    counterpart: dict[str, str] = {}
    for bead in found.areas:
        if bead.primary and bead.other:
            for p in bead.primary:
                counterpart.setdefault(p, bead.other[0])
            for o in bead.other:
                counterpart.setdefault(o, bead.primary[0])
    whole: set[str] = set()
    for bead in found.commitments:
        if bead.primary and bead.other:
            continue
        ids, into = (bead.other, first) if bead.other else (bead.primary, other)
        if into is first and not into_first:
            continue
        for cid in ids:
            if cid not in where:
                continue
            commitment, area = where[cid]
            if area.id in counterpart:
                out.extra.setdefault(counterpart[area.id], []).append(commitment)
            elif area.id not in whole:
                whole.add(area.id)
                out.extra_areas.setdefault(into.id, []).append(area)


def _split_merged_areas(
    out: Versions, first: Meeting, other: Meeting, found: VersionAlignment
) -> None:
    """An area of one version matched to two of the other's, its commitments following
    the first's then the second's (a heading lost where no count told the parser): shown
    as two areas, the second named after the other version's heading (inferred)."""
    owner = {c.id: a.id for m in (first, other) for a in m.areas for c in a.commitments}
    areas = {a.id: (a, m) for m in (first, other) for a in m.areas}
    partners: dict[str, tuple[str, ...]] = {}
    for bead in found.commitments:
        for mine, theirs in ((bead.primary, bead.other), (bead.other, bead.primary)):
            for cid in mine:
                partners[cid] = theirs
    for bead in found.areas:
        for mine, theirs, primary in ((bead.primary, bead.other, True),
                                      (bead.other, bead.primary, False)):  # fmt: skip
            if len(mine) != 1 or len(theirs) != 2:
                continue
            area, meeting = areas[mine[0]]
            sides = [
                {owner.get(p) for p in partners.get(c.id, ())} & set(theirs)
                for c in area.commitments
            ]
            second = [theirs[1] in s and theirs[0] not in s for s in sides]
            if True not in second:
                continue
            at = second.index(True)
            if any(theirs[1] in s for s in sides[:at]) or any(theirs[0] in s for s in sides[at:]):
                continue  # not one run, then the other: no clean place to split
            heading = areas[theirs[1]][0]
            name = _named_after(heading.name, meeting.language) or heading.name
            part = Area(make_id(area.id, "version split", theirs[1]), name, True)
            out.splits[area.id] = (at, part)
            out.item_meeting[part.id] = meeting.id
            out.translations[area.id] = {areas[theirs[0]][1].language: areas[theirs[0]][0].name}
            out.translations[part.id] = {areas[theirs[1]][1].language: heading.name}
            out.translations[theirs[1]] = {meeting.language: name}
            if primary:  # the other's second area stands for the part
                out.canonical[theirs[1]] = part.id
            else:
                out.canonical[part.id] = theirs[1]


def _link(
    out: Versions, first: Meeting, other: Meeting, found: VersionAlignment, into_first: bool
) -> None:
    _name_lost_headings(out, first, other, found.areas)
    _add_extras(out, first, other, found, into_first)
    areas = {a.id: a.name for m in (first, other) for a in m.areas}
    texts = {c.id: c.text for m in (first, other) for a in m.areas for c in a.commitments}
    for beads, names in ((found.areas, areas), (found.commitments, texts)):
        for bead in beads:
            if not bead.primary or not bead.other:
                continue
            # one, or several of the other's, stand for it; one of the other's that says
            # two of the primary's in one stands for the first (its annotations shown)
            for o in bead.other:
                out.canonical.setdefault(o, bead.primary[0])
                if len(bead.primary) > 1:
                    out.shares[o] = bead.primary
            mine = "\n".join(names[i] for i in bead.primary if i in names)
            theirs = "\n".join(names[i] for i in bead.other if i in names)
            for i in bead.primary:
                out.translations.setdefault(i, {})[other.language] = theirs
            for i in bead.other:
                out.translations.setdefault(i, {})[first.language] = mine
    _split_merged_areas(out, first, other, found)  # after: its translations win


class VersionMethods:
    """``Store``'s meetings as the researcher sees them: each meeting once, whatever the
    number of its language versions (a mixin of ``Store``)."""

    # provided by Store
    _mutex: threading.RLock
    corpus: Corpus
    _corrected: CorrectedMeetings
    _files: AnnotationFiles
    meeting: Callable[[str], Meeting]
    _versions_cache: tuple[Any, Versions] | None = None

    def versions(self) -> Versions:
        """The store's meetings' language versions and how their items stand for each
        other (see the module docstring); worked out again only when they change: the
        corpus (an import), a correction, or a version's meeting decoded anew."""
        with self._mutex:
            state = self._files.state
            fixes = state.corrections
            quick = (self.corpus.changes, self.corpus.signature, id(fixes),
                     len(fixes.versions), sum(fixes.versions.values()))  # fmt: skip
            cached = self._versions_cache
            if cached is not None and cached[0] == quick:
                return cached[1]
            if len(self.corpus.languages()) < 2:  # no meeting can have a version
                self._versions_cache = quick, _NONE
                return _NONE
            groups = version_groups(self._corrected.summaries(state, self.corpus.summaries()))
            records = {m: self.corpus.record(m) for g in groups for m in g}

            def meeting(m: str) -> Meeting:
                rec = records[m]
                assert rec is not None, m  # in the summaries: in the corpus
                return self._corrected.meeting(state, rec.meeting)

            found = build_versions(groups, meeting) if groups else _NONE
            self._versions_cache = quick, found
            return found

    def comparable(
        self, a: Meeting, b: Meeting, language: str | None = None
    ) -> tuple[Meeting, Meeting]:
        """Two meetings' versions to compare in a year diff, which compares a language with
        itself: both in ``language`` where both have it; else ``b`` in ``a``'s language,
        or ``a`` in ``b``'s, where there is such a version; else the two as given."""
        found = self.versions()
        if not found.groups:
            return a, b
        meeting = self.meeting
        if language:
            va, vb = meeting(found.version(a.id, language)), meeting(found.version(b.id, language))
            if va.language == vb.language == language:
                return va, vb
        if a.language == b.language:
            return a, b
        other = found.version(b.id, a.language)
        if found.language.get(other) == a.language:
            return a, meeting(other)
        other = found.version(a.id, b.language)
        if found.language.get(other) == b.language:
            return meeting(other), b
        return a, b

    def find_meeting(self, spec: str, *, version: bool = False) -> str:
        """The ID of the meeting ``spec`` names (``parsers.naming``: an ID or its start, a
        date, a year, parties), among the meetings as listed; another language version's
        own ID (or its start) names its meeting too: the primary's ID, or with ``version``
        the version's. NamingError if none or several."""
        shown = self.meeting_summaries()
        if naming.matching(shown, " ".join(spec.split())):  # one, or several: said so
            return naming.find_meeting(shown, spec).id
        found = naming.find_meeting(self.meeting_summaries(every=True), spec).id
        return found if version else self.versions().primary.get(found, found)

    def as_shown(
        self, found: tuple[Meeting, Area | None, Commitment | None] | None, target_id: str
    ) -> tuple[Meeting, Area | None, Commitment | None] | None:
        """Where ``target_id`` is (``found`` in the corpus, as corrected) in its meeting as
        shown (``Versions.named``): an area split after another version's headings is
        found too, and a commitment in the part it is shown in."""
        versions = self.versions()
        if found is None:
            parts = {p.id: a for a, (_, p) in versions.splits.items()}
            if target_id not in parts:
                return None
            meeting = self.meeting(versions.item_meeting[target_id])
            area = next((a for a in meeting.areas if a.id == target_id), None)
            return (meeting, area, None) if area is not None else None
        meeting, area, commitment = found
        named = versions.named(meeting)
        if named is meeting:
            return found
        if commitment is not None:
            area = next((a for a in named.areas if commitment in a.commitments), area)
        elif area is not None:
            area = next((a for a in named.areas if a.id == area.id), area)
        return named, area, commitment

    def canonical_id(self, target_id: str) -> str:
        """The ID a target's annotations are kept under: its primary version's item's
        for another language version's item, else its own."""
        found = self.versions()
        return found.canonical.get(target_id, target_id) if found.canonical else target_id

    def translations(self, target_id: str) -> dict[str, str]:
        """A commitment's or area's text in its meeting's other languages ({} if none)."""
        return dict(self.versions().translations.get(target_id, {}))

    def meetings(self, language: str | None = None, *, every: bool = False) -> list[Meeting]:
        """Every meeting, as corrected (``store.corrections``), in date order: a meeting
        with versions in several languages once, as its primary version, or as its
        version in ``language`` where it has one; ``every``: each version."""
        with self._mutex:
            found = meetings_of(self._corrected, self._files.state, self.corpus.meetings())
            versions = self.versions()
            if versions.groups:
                found = [versions.named(m) for m in found]
            return found if every else self._shown(found, language)

    def meeting_summaries(
        self, language: str | None = None, *, every: bool = False
    ) -> list[MeetingSummary]:
        """Every meeting's ID, title, date, place, parties and source, as ``meetings()``
        lists them, without decoding their areas (fast after ``open(lazy=True)``)."""
        with self._mutex:
            found = self._corrected.summaries(self._files.state, self.corpus.summaries())
            return found if every else self._shown(found, language)

    def _shown(self, found: list[_M], language: str | None) -> list[_M]:
        versions = self.versions()
        if not versions.groups:
            return found
        shown = {versions.version(p, language) for p in versions.groups}
        return [m for m in found if m.id not in versions.primary or m.id in shown]


_NONE = Versions()

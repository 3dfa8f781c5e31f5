"""Aligning two language versions of one meeting (the English and the Chinese release):
which area and which commitment of one is which of the other.

The method is Gale and Church's (1993, "A program for aligning sentences in bilingual
corpora", *Computational Linguistics* 19(1)): a dynamic-programming alignment of two
sequences into *beads* (1–1, 1–0, 0–1, 2–1, 1–2), each bead's cost the negative log of
its prior times the probability of its two lengths under a normal model of the
translation's length, here lowered where the two sides share *anchors*
(:mod:`compare.version_anchors`: numbers, percentages, dates, places, the words of a
small glossary) and, for areas, their topic and their number of commitments. Areas are
aligned first, then the commitments within each aligned pair of areas; then items the
two versions give in another order are put together (``Level.reorder`` in
:mod:`compare.version_costs`). The whole method, its figures and what is warned about
are in docs/chinese.md ("How the two versions are aligned").

The result is the same whichever version is given first (the primary): both are put in
one order (English first, then by language tag, meeting ID and contents), aligned, and
the beads turned round if the primary came second; the warnings read the same either
way.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from compare.version_anchors import anchors
from compare.version_costs import (
    AREA_PRIORS,
    PRIORS,
    RELATIVE_VARIANCE,
    Item,
    Level,
    Pos,
    Scale,
    estimate_variance,
)
from parsers import Meeting
from parsers.lexicon import default_lexicon
from parsers.model import LANGUAGES
from parsers.zh_lexicon import zh_topic_of_heading
from parsers.zh_script import HAN

#: A 1–1 match whose lengths are this many standard deviations off the ratio, with no
#: shared anchor (nor topic, for areas), is warned about.
HIGH_DELTA = 3.0

_ORDER = {tag: i for i, tag in enumerate(LANGUAGES)}


@dataclass(frozen=True)
class Bead:
    """One aligned group: the IDs on the primary version's side and on the other's
    (0, 1 or 2 each; never 0 on both)."""

    primary: tuple[str, ...]
    other: tuple[str, ...]


@dataclass
class VersionAlignment:
    """Two versions aligned: areas, then commitments (within aligned areas; the
    commitments of an area with no counterpart are 1–0 or 0–1 beads), both in the
    reading order of the English version (of the first in :func:`_order_key`'s order);
    the warnings where the versions disagree, in English, each naming the areas.
    A result: its lists are not to be changed (the look-ups are built once)."""

    areas: list[Bead]
    commitments: list[Bead]
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def _by_primary(self) -> dict[str, tuple[str, ...]]:
        return {i: b.other for b in (*self.areas, *self.commitments) for i in b.primary}

    @cached_property
    def _by_other(self) -> dict[str, tuple[str, ...]]:
        return {i: b.primary for b in (*self.areas, *self.commitments) for i in b.other}

    def other_of(self, primary_id: str) -> tuple[str, ...]:
        """The other version's IDs aligned with a primary commitment or area (() if none)."""
        return self._by_primary.get(primary_id, ())

    def primary_of(self, other_id: str) -> tuple[str, ...]:
        """The primary version's IDs aligned with the other's commitment or area."""
        return self._by_other.get(other_id, ())


def _length(text: str) -> int:
    return len("".join(text.split()))


@functools.lru_cache(maxsize=4096)
def _topic(name: str) -> str | None:
    if HAN.search(name):
        return zh_topic_of_heading(name)
    return default_lexicon().topic_of_heading(name)


def _items(meeting: Meeting) -> tuple[list[Item], list[list[Item]]]:
    areas: list[Item] = []
    commitments: list[list[Item]] = []
    for area in meeting.areas:
        inner = [Item(c.id, _length(c.text), anchors(c.text))
                 for c in area.commitments]  # fmt: skip
        commitments.append(inner)
        found = anchors(area.name).union(*(c.anchors for c in inner))
        length = _length(area.name) + sum(c.length for c in inner)
        areas.append(Item(area.id, length, found, area.name, _topic(area.name), len(inner)))
    return areas, commitments


class _Words:
    """The warnings' wording: both versions' language names and the areas' names."""

    def __init__(self, a: Meeting, b: Meeting) -> None:
        self.la, self.lb = self.label(a.language), self.label(b.language)
        if self.la == self.lb:
            self.la, self.lb = a.language, b.language
        self.va = "English" if a.language == "en" else a.language
        self.vb = "English" if b.language == "en" else b.language

    @staticmethod
    def label(language: str) -> str:
        return "English" if language == "en" else "Chinese"

    @staticmethod
    def names(items: Sequence[Item]) -> str:
        return " + ".join(f'"{x.name}"' for x in items)


def _count(n: int) -> str:
    return {1: "one", 2: "two"}.get(n, str(n))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _numbers(positions: Sequence[int]) -> str:
    listed = [str(p + 1) for p in positions]
    words = listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} and {listed[-1]}"
    return f"commitment{'s' if len(positions) > 1 else ''} {words}"


def _commitment_notes(level: Level, beads: list[Pos], moved: list[Pos], w: _Words) -> list[str]:
    notes = []
    for ia, ib in beads:
        if (ia, ib) in moved:
            if (ia, ib) == moved[0]:  # the pairs made in another order, in one note
                in_a = _numbers([i for x, _ in moved for i in x])
                in_b = _numbers([j for _, y in moved for j in y])
                notes.append(f"{w.la} {in_a} matched to {w.lb} {in_b} in another order "
                             f"{'(respectively) ' if len(moved) > 1 else ''}"
                             "by the numbers, dates, places or words they share")  # fmt: skip
        elif not ib:
            notes.append(f"{w.la} {_numbers(ia)} has no counterpart in {w.lb}")
        elif not ia:
            notes.append(f"{w.lb} {_numbers(ib)} has no counterpart in {w.la}")
        elif len(ia) != len(ib):
            notes.append(f"{w.la} {_numbers(ia)} matched to {w.lb} {_numbers(ib)}")
        elif _far_off(level, ia, ib):
            notes.append(f"{w.la} {_numbers(ia)} and {w.lb} {_numbers(ib)} differ in length "
                         "far beyond the usual ratio, with nothing shared")  # fmt: skip
    return notes


def _far_off(level: Level, ia: Sequence[int], ib: Sequence[int]) -> bool:
    la, lb = level.a[ia[0]].length, level.b[ib[0]].length
    if abs(level.scale.delta(la, lb)) <= HIGH_DELTA or level.shared(ia, ib) > 0:
        return False
    return not (
        level.areas and level.a[ia[0]].topic and level.a[ia[0]].topic == level.b[ib[0]].topic
    )


def _area_warning(level: Level, bead: Pos, moved: bool, w: _Words) -> str | None:
    ia, ib = bead
    names_a, names_b = w.names([level.a[i] for i in ia]), w.names([level.b[j] for j in ib])
    if not ib:
        return f"area {names_a} has no counterpart in the {w.vb} version"
    if not ia:
        return f"area {names_b} has no counterpart in the {w.va} version"
    both = f"areas {names_a} / {names_b}"
    if moved:
        return f"{both} stand at different places in the two versions (matched by topic)"
    if len(ia) != len(ib):
        return (f"{both}: {_count(len(ia))} {w.la} area{'s' if len(ia) > 1 else ''} matched "
                f"to {_count(len(ib))} {w.lb} area{'s' if len(ib) > 1 else ''}")  # fmt: skip
    if _far_off(level, ia, ib):
        return (f"{both} matched by their place only: their lengths are far off the usual "
                "ratio, with no shared topic, number, date or place")  # fmt: skip
    return None


#: The commitments of one bead of areas: side a's, side b's, and their beads.
_Group = tuple[list[Item], list[Item], list[Pos]]


def _align(a: Meeting, b: Meeting) -> tuple[Level, list[Pos], list[_Group], list[str]]:
    """Areas, then the commitments of each bead of areas; the warnings."""
    areas_a, inner_a = _items(a)
    areas_b, inner_b = _items(b)
    total_a = sum(x.length for x in areas_a)
    total_b = sum(x.length for x in areas_b)
    c = total_b / total_a if total_a and total_b else 1.0
    prior = RELATIVE_VARIANCE * c * c
    level = Level(areas_a, areas_b, Scale(c, prior), AREA_PRIORS, areas=True)
    first = level.align()
    scale = Scale(c, estimate_variance(level, first, prior))
    level = Level(areas_a, areas_b, scale, AREA_PRIORS, areas=True)
    area_beads, moved = level.reorder(level.align())
    w = _Words(a, b)
    warnings: list[str] = []
    groups: list[_Group] = []
    for ia, ib in area_beads:
        warning = _area_warning(level, (ia, ib), (ia, ib) in moved, w)
        if warning:
            warnings.append(warning)
        items_a = [x for i in ia for x in inner_a[i]]
        items_b = [x for j in ib for x in inner_b[j]]
        inner = Level(items_a, items_b, scale, PRIORS, areas=False)
        if items_a and items_b:
            beads, moved_inner = inner.reorder(inner.align())
        else:
            beads, moved_inner = inner.align(), []
        groups.append((items_a, items_b, beads))
        notes = _commitment_notes(inner, beads, moved_inner, w) if ia and ib else []
        if notes:
            names = f"{w.names([level.a[i] for i in ia])} / {w.names([level.b[j] for j in ib])}"
            counts = f"{_plural(len(items_a), 'commitment')} in {w.la}, {len(items_b)} in {w.lb}"
            warnings.append(f"areas {names}: {counts} ({'; '.join(notes)})")
    return level, area_beads, groups, warnings


def _order_key(m: Meeting) -> tuple[int, str, str, tuple[str, ...], tuple[str, ...]]:
    """What puts two versions in one order: English first, then by language tag, meeting
    ID, and (two versions of one language and ID) their areas' and commitments' IDs."""
    areas = tuple(a.id for a in m.areas)
    return (_ORDER.get(m.language, len(_ORDER)), m.language, m.id, areas,
            tuple(c.id for c in m.commitments))  # fmt: skip


def align_versions(primary: Meeting, other: Meeting) -> VersionAlignment:
    """The areas and commitments of two versions of one meeting aligned (see the module's
    docstring); the same pairs and warnings whichever is given first."""
    turned = _order_key(other) < _order_key(primary)
    a, b = (other, primary) if turned else (primary, other)
    level, area_beads, groups, warnings = _align(a, b)

    def bead(ids_a: tuple[str, ...], ids_b: tuple[str, ...]) -> Bead:
        return Bead(ids_b, ids_a) if turned else Bead(ids_a, ids_b)

    areas = [bead(tuple(level.a[i].id for i in ia), tuple(level.b[j].id for j in ib))
             for ia, ib in area_beads]  # fmt: skip
    commitments = [
        bead(tuple(items_a[i].id for i in ia), tuple(items_b[j].id for j in ib))
        for items_a, items_b, beads in groups
        for ia, ib in beads
    ]
    return VersionAlignment(areas, commitments, warnings)

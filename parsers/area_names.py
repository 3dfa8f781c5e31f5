"""Naming an area whose heading was lost from the same area in other meetings of the same
parties: a series repeats its areas year after year, and a heading the page lost this
year is usually printed in another year's release.

:func:`names_from_meetings` takes a parsed meeting and other meetings (the store gives
the ones it holds, ``store.importer``) and gives back the meeting with each area named
from its content (``parsers.keyphrase``) or "Unnamed area N" renamed after the area of
another meeting of the same parties whose commitments resemble its own:

- the same commitments, or nearly (rapidfuzz's ``ratio`` ≥ ``NEAR_TEXT`` on most of
  them), or
- the same vocabulary: the cosine of the two areas' content words (weighted by how rare
  each is among all the areas compared), plus ``HEADING_WEIGHT`` × the share of the other
  area's heading words that its commitments use, at least ``MIN_SIMILARITY``. (The two
  Zhejiang–Hong Kong agreements of ``tests/data``, each area's heading lost in turn: a
  2023 area is named after its 2025 counterpart for 11 of 12, a 2025 area after its 2023
  one for 8 of the 12 that have one; none is given a wrong name.)

Only areas under a printed heading lend their name (an inferred one is no better than
ours), each name is lent once per meeting and never one the meeting has already, and an
area named from the lexicon keeps its name (the lexicon knew its topic). A renamed area
keeps its ID: IDs come from the release alone, so ``coop-tui parse`` and an import, and
two stores holding other meetings, agree on them, and annotations never move.
The warning about lost headings says which name came from which meeting.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from parsers.keyphrase import runs, stem
from parsers.lexicon import TOPICS
from parsers.model import Area, Meeting
from parsers.naming import party_key

#: Vocabulary similarity (0–1) from which an area takes another meeting's name.
MIN_SIMILARITY = 0.3
#: How much it adds that the other area's heading words are in the area's commitments.
HEADING_WEIGHT = 0.2
#: A commitment this close (rapidfuzz ratio, 0–100) to one of the other area's is the same.
NEAR_TEXT = 85.0

_MISSING = re.compile(r"\d+ area heading\(s\) missing from the page; ")


@dataclass(frozen=True)
class Borrowed:
    """An area named after another meeting's area."""

    area_id: str
    old_name: str  # its name from its content
    name: str
    meeting_id: str  # the meeting it was named from
    meeting_date: str | None

    def label(self) -> str:
        """``Tourism (as in the 2024-06-12 meeting)``"""
        return f"{self.name} (as in {_meeting_label(self.meeting_id, self.meeting_date)})"


def _meeting_label(meeting_id: str, date: str | None) -> str:
    return f"the {date} meeting" if date else f"meeting {meeting_id}"


def missing_headings_warning(names: list[str]) -> str:
    """The warning listing the names given to areas whose heading was lost."""
    return (
        f"{len(names)} area heading(s) missing from the page; named from their "
        f"content: {', '.join(names)} — check them"
    )


def named_from_content(area: Area) -> bool:
    """Whether the parser named ``area`` from its paragraphs' words (or could not name
    it): an inferred heading that is not one of the lexicon's topics (in English, or in
    Chinese in either script: ``parsers.zh_lexicon``)."""
    return area.heading_inferred and area.name not in TOPICS and area.name not in _zh_topics()


@functools.cache
def _zh_topics() -> frozenset[str]:
    from parsers.zh_lexicon import TOPICS_ZH, zh_topic_name

    return frozenset(zh_topic_name(k, lang) for k in TOPICS_ZH for lang in ("zh-Hans", "zh-Hant"))


def names_from_meetings(
    meeting: Meeting, others: Iterable[Meeting]
) -> tuple[Meeting, list[Borrowed]]:
    """``meeting`` with its areas named from their content renamed after the alike areas
    of ``others`` of the same parties and language (a copy; ``meeting`` itself when none
    is), and what was renamed.

    Every area of the meeting takes part in the pairing, the best pairs first: an area
    with its own name (a printed heading, a lexicon topic) is paired too, so the other
    meeting's area that is its counterpart is not lent to another area."""
    parties = party_key(meeting)
    if not parties or not any(named_from_content(a) for a in meeting.areas):
        return meeting, []
    lenders = [
        (o, a)
        for o in others
        if o.id != meeting.id and party_key(o) == parties and o.language == meeting.language
        for a in o.areas
        if not a.heading_inferred and a.commitments and a.name.strip()
    ]
    if not lenders:
        return meeting, []
    mine = [a for a in meeting.areas if a.commitments]
    pairs = _pairs(meeting, mine, lenders)
    taken = {a.name.casefold() for a in meeting.areas if not named_from_content(a)}
    paired: set[int] = set()
    lent: set[int] = set()
    by_id: dict[str, Borrowed] = {}
    for _score, _near, ti, li in pairs:
        other, lender = lenders[li]
        if ti in paired or li in lent:
            continue
        target = mine[ti]
        if named_from_content(target):
            if lender.name.casefold() in taken:
                continue
            by_id[target.id] = Borrowed(target.id, target.name, lender.name, other.id, other.date)
        paired.add(ti)
        lent.add(li)
        taken.add(lender.name.casefold())
    if not by_id:
        return meeting, []
    out = meeting.copy()
    for area in out.areas:
        if area.id in by_id:
            area.name = by_id[area.id].name
    names = [
        by_id[a.id].label() if a.id in by_id else a.name for a in out.areas if a.heading_inferred
    ]
    out.warnings = [
        missing_headings_warning(names) if _MISSING.match(w) else w for w in out.warnings
    ]
    return out, [by_id[a.id] for a in out.areas if a.id in by_id]


def _pairs(
    meeting: Meeting, mine: list[Area], lenders: list[tuple[Meeting, Area]]
) -> list[tuple[float, int, int, int]]:
    """(score, -distance in days, area, lender) of each alike pair, the best first (the
    nearest meeting first on a tie)."""
    vectors = _Vectors([*meeting.areas, *(a for _, a in lenders)])
    avoid = {stem(w) for p in meeting.parties for w in p.split()}
    headings = [_stems(area.name, avoid) for _, area in lenders]
    pairs: list[tuple[float, int, int, int]] = []
    for ti, target in enumerate(mine):
        said = _stems(" ".join(c.text for c in target.commitments), avoid)
        for li, (other, area) in enumerate(lenders):
            heading = headings[li]
            named = len(heading & said) / len(heading) if heading else 0.0
            score = vectors.similarity(target, area) + HEADING_WEIGHT * named
            if score < MIN_SIMILARITY:
                score = max(score, _same_texts(target, area))
            if score >= MIN_SIMILARITY:
                pairs.append((score, -_distance(meeting.date, other.date), ti, li))
    pairs.sort(key=lambda p: (-p[0], -p[1], p[2], p[3]))
    return pairs


def _distance(a: str | None, b: str | None) -> int:
    """Days between two ISO dates, roughly (undated: far)."""
    if not a or not b or len(a) < 4 or len(b) < 4 or not (a[:4] + b[:4]).isdigit():
        return 1 << 20
    return abs(int(a[:4]) - int(b[:4])) * 366 + abs(_day_of_year(a) - _day_of_year(b))


def _day_of_year(date: str) -> int:
    parts = date.split("-")
    try:
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
    except ValueError:
        return 0
    return month * 31 + day


class _Vectors:
    """Each area's content words weighted by tf-idf over the areas compared."""

    def __init__(self, areas: list[Area]) -> None:
        self._counts = {id(a): _words(a) for a in areas}
        df: Counter[str] = Counter()
        for counts in self._counts.values():
            df.update(counts.keys())
        n = len(areas)
        self._idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}

    def _vector(self, area: Area) -> dict[str, float]:
        counts = self._counts.get(id(area)) or _words(area)
        return {w: (1 + math.log(c)) * self._idf.get(w, 1.0) for w, c in counts.items()}

    def similarity(self, a: Area, b: Area) -> float:
        va, vb = self._vector(a), self._vector(b)
        dot = sum(x * vb.get(w, 0.0) for w, x in va.items())
        na = math.sqrt(sum(x * x for x in va.values()))
        nb = math.sqrt(sum(x * x for x in vb.values()))
        return dot / (na * nb) if na and nb else 0.0


def _stems(text: str, avoid: set[str]) -> set[str]:
    return {s for run in runs(text) for _, s in run.words} - avoid


def _words(area: Area) -> Counter[str]:
    """The content words (stems) of an area's commitments, the parties' names aside
    (capitalised words inside a sentence are left out: every area names the parties)."""
    out: Counter[str] = Counter()
    for c in area.commitments:
        for run in runs(c.text):
            out.update(
                s
                for i, (w, s) in enumerate(run.words)
                if not w[:1].isupper() or (i == 0 and run.sentence_start)
            )
    return out


def _same_texts(a: Area, b: Area) -> float:
    """The share of ``a``'s commitments that ``b`` has too, word for word or nearly."""
    from rapidfuzz import fuzz, process

    theirs = [c.text.casefold() for c in b.commitments]
    same = 0
    for c in a.commitments:
        found = process.extractOne(c.text.casefold(), theirs, scorer=fuzz.ratio)
        if found is not None and found[1] >= NEAR_TEXT:
            same += 1
    return same / len(a.commitments)

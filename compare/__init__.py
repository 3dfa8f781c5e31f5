"""Comparing meetings: what is new, what continued, what was dropped (issue 5).

No Textual here: the command line and the app both use this package.

- :func:`diff_meetings` aligns two meetings (areas, then commitments; see
  :mod:`compare.align` for the method and its thresholds);
- :class:`Lineage` links each commitment to its predecessors and successors across
  all meetings between the same parties (:mod:`compare.lineage`);
- :mod:`compare.select` finds meetings by ID prefix, date or year;
- :func:`align_versions` pairs the areas and commitments of two language versions of
  one meeting (English and Chinese; :mod:`compare.versions`).
"""

from __future__ import annotations

from compare.align import AREA_THRESHOLD, LINK_THRESHOLD, align_areas, diff_meetings
from compare.lineage import Lineage, Link, Step, same_parties, series_of
from compare.model import KINDS, AreaMatch, Change, Item, Kind, MeetingDiff, Row, Span
from compare.select import SelectionError, choose_pair, default_pair, find_meeting
from compare.versions import Bead, VersionAlignment, align_versions

__all__ = [
    "AREA_THRESHOLD",
    "KINDS",
    "LINK_THRESHOLD",
    "AreaMatch",
    "Bead",
    "Change",
    "Item",
    "Kind",
    "Lineage",
    "Link",
    "MeetingDiff",
    "Row",
    "SelectionError",
    "Span",
    "Step",
    "VersionAlignment",
    "align_areas",
    "align_versions",
    "choose_pair",
    "default_pair",
    "diff_meetings",
    "find_meeting",
    "same_parties",
    "series_of",
]

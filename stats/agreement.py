"""Agreement between raters: who rated the same commitments, and how alike.

Each rater's rating of a commitment is their latest status change on it (as of a day,
if given): a store that merged a colleague's export keeps both raters' histories
(``sharing.merge``), so both are there. Ratings are compared on the compliance scale
(−1, 0, +1; not rated is missing data, so "partial" and "in progress" agree). Per pair
of raters: how many commitments both rated, the share on which they agree, Cohen's
kappa (nominal: the three scores as categories) and Krippendorff's alpha (ordinal);
overall: Krippendorff's alpha over every rater, on the commitments at least two
rated. Alpha comes from the ``krippendorff`` package (Santiago Castro's, on PyPI);
kappa is its textbook formula, (p_o − p_e) / (1 − p_e). A coefficient is None (JSON
null) where it is undefined: no commitment both rated, or no variation at all (every
rating the same score, so chance agreement is already 1).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np

from parsers import Meeting
from stats.ratings import Filters, by_rater, chosen_commitments, disagree, in_time
from stats.tally import rounded
from store.collector import collections_paused
from store.model import Ratings, Status

SCALE = (-1, 0, 1)


@dataclass
class Pair:
    raters: tuple[str, str]
    both_rated: int
    percent_agreement: float | None
    cohen_kappa: float | None
    krippendorff_alpha: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "raters": list(self.raters),
            "both_rated": self.both_rated,
            "percent_agreement": rounded(self.percent_agreement),
            "cohen_kappa": rounded(self.cohen_kappa),
            "krippendorff_alpha": rounded(self.krippendorff_alpha),
        }


@dataclass
class Disagreement:
    id: str
    meeting_id: str
    area: str
    text: str
    ratings: dict[str, Status]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "meeting_id": self.meeting_id,
            "area": self.area,
            "text": self.text,
            "ratings": {r: s.value for r, s in self.ratings.items()},
        }


@dataclass
class Agreement:
    raters: list[str]
    units: int  # commitments rated by at least two raters
    alpha: float | None
    pairs: list[Pair]
    disagreements: list[Disagreement]
    unattributed: int  # ratings with no author, left out

    def to_json(self) -> dict[str, Any]:
        return {
            "raters": self.raters,
            "overall": {"units": self.units, "krippendorff_alpha": rounded(self.alpha)},
            "pairs": [p.to_json() for p in self.pairs],
            "disagreements": [d.to_json() for d in self.disagreements],
            "unattributed": self.unattributed,
        }


def agreement(meetings: Sequence[Meeting], ratings: Ratings, filters: Filters) -> Agreement:
    """Agreement over the commitments of ``meetings`` that ``filters`` keep (its
    ``author`` and ``disagree`` are not used here: every rater is compared)."""
    with collections_paused():
        return _agreement(meetings, ratings, filters)


def _agreement(meetings: Sequence[Meeting], ratings: Ratings, filters: Filters) -> Agreement:
    scope = Filters(meetings=filters.meetings, tag=filters.tag, as_of=filters.as_of)
    units: list[tuple[str, dict[str, int]]] = []
    disagreements: list[Disagreement] = []
    raters: set[str] = set()
    unattributed = 0
    for meeting, area, commitment in chosen_commitments(meetings, ratings, scope):
        history = ratings.histories.get(commitment.id, ())
        unattributed += sum(1 for c in history if c.by is None and in_time(c, filters.as_of))
        given = by_rater(history, as_of=filters.as_of)
        scores = {r: s.compliance for r, s in given.items() if s.compliance is not None}
        if not scores:
            continue
        raters.update(scores)
        units.append((commitment.id, scores))
        if disagree(given):  # as the overview's "raters disagree" filter decides
            rated = {r: given[r] for r in sorted(scores)}
            disagreements.append(
                Disagreement(commitment.id, meeting.id, area.name, commitment.text, rated)
            )
    names = sorted(raters)
    index = {r: k for k, r in enumerate(names)}
    matrix = np.full((len(names), len(units)), np.nan)
    for u, (_id, scores) in enumerate(units):
        for rater, score in scores.items():
            matrix[index[rater], u] = score
    pairs = [_pair(a, b, matrix[index[a]], matrix[index[b]]) for a, b in combinations(names, 2)]
    pairable = int(np.sum(np.sum(~np.isnan(matrix), axis=0) >= 2)) if units else 0
    alpha = _alpha(matrix) if pairable else None
    return Agreement(names, pairable, alpha, pairs, disagreements, unattributed)


def _pair(a: str, b: str, xs: np.ndarray, ys: np.ndarray) -> Pair:
    both = ~np.isnan(xs) & ~np.isnan(ys)
    n = int(both.sum())
    if not n:
        return Pair((a, b), 0, None, None, None)
    x, y = xs[both], ys[both]
    observed = float(np.mean(x == y))
    expected = sum(float(np.mean(x == k)) * float(np.mean(y == k)) for k in SCALE)
    kappa = (observed - expected) / (1.0 - expected) if expected < 1.0 else None
    return Pair((a, b), n, observed, kappa, _alpha(np.vstack([x, y])))


def _alpha(matrix: np.ndarray) -> float | None:
    """Krippendorff's ordinal alpha of a raters × units matrix (NaN: not rated)."""
    import krippendorff  # a few milliseconds to import: only when agreement is asked for

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # 0/0 when nothing varies
            value = krippendorff.alpha(
                reliability_data=matrix, level_of_measurement="ordinal", value_domain=list(SCALE)
            )
    except ValueError:  # no unit rated twice
        return None
    value = float(value)
    return None if math.isnan(value) else value

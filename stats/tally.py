"""Counting statuses: how many of each, how many rated, and the mean compliance.

The compliance scale is the G20 Research Group's (``store.model.Status.compliance``):
+1 implemented, 0 partial or in progress, −1 stalled or not implemented; not rated is
left out of the mean. ``compliance_pct`` is the same mean as a percentage,
(compliance + 1) / 2 × 100, as the G20 reports give it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from store.model import Status

#: The statuses in the order every table, bar and chart lists them: from not rated,
#: through work under way, to the ends of the scale.
ORDER: tuple[Status, ...] = (
    Status.NOT_RATED,
    Status.IN_PROGRESS,
    Status.STALLED,
    Status.PARTIAL,
    Status.IMPLEMENTED,
    Status.NOT_IMPLEMENTED,
)

_VALUES = tuple(s.value for s in ORDER)

#: decimals kept in JSON and CSV figures (a mean of thousands of −1/0/+1 scores)
DECIMALS = 4


def percent(compliance: float | None) -> float | None:
    """A −1…+1 compliance as a percentage: (compliance + 1) / 2 × 100."""
    return None if compliance is None else (compliance + 1.0) / 2.0 * 100.0


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, DECIMALS) + 0.0  # no -0.0


#: a status's place in ``ORDER``: how the figures' hot loops hold a status (an Enum's
#: hash is computed in Python; an int's is not)
CODE: dict[Status, int] = {s: k for k, s in enumerate(ORDER)}
SCORES: tuple[int, ...] = tuple(s.compliance or 0 for s in ORDER)


@dataclass(slots=True)
class Tally:
    """Statuses counted: ``counts[k]`` commitments of status ``ORDER[k]``."""

    counts: list[int] = field(default_factory=lambda: [0] * len(ORDER))

    def add(self, status: Status, times: int = 1) -> None:
        self.counts[CODE[status]] += times

    def absorb(self, other: Tally) -> None:
        self.counts = [a + b for a, b in zip(self.counts, other.counts, strict=True)]

    @property
    def by_status(self) -> dict[Status, int]:
        return dict(zip(ORDER, self.counts, strict=True))

    @property
    def score(self) -> int:
        """The sum of the compliance scores."""
        return sum(n * s for n, s in zip(self.counts, SCORES, strict=True))

    @property
    def commitments(self) -> int:
        return sum(self.counts)

    @property
    def rated(self) -> int:
        return sum(self.counts) - self.counts[0]  # ORDER[0] is not rated

    @property
    def compliance(self) -> float | None:
        """The mean compliance of the rated commitments, None if none is rated."""
        rated = self.rated
        return self.score / rated if rated else None

    @property
    def compliance_pct(self) -> float | None:
        return percent(self.compliance)

    def to_json(self) -> dict[str, Any]:
        return {
            "commitments": self.commitments,
            "rated": self.rated,
            "by_status": dict(zip(_VALUES, self.counts, strict=True)),
            "compliance": rounded(self.compliance),
            "compliance_pct": rounded(self.compliance_pct),
        }

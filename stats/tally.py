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

#: decimals kept in JSON and CSV figures (a mean of thousands of −1/0/+1 scores)
DECIMALS = 4


def percent(compliance: float | None) -> float | None:
    """A −1…+1 compliance as a percentage: (compliance + 1) / 2 × 100."""
    return None if compliance is None else (compliance + 1.0) / 2.0 * 100.0


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, DECIMALS) + 0.0  # no -0.0


@dataclass
class Tally:
    """Statuses counted: of each kind, and the sum of their compliance scores."""

    by_status: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(ORDER, 0))
    score: int = 0

    def add(self, status: Status, times: int = 1) -> None:
        self.by_status[status] += times
        value = status.compliance
        if value is not None:
            self.score += value * times

    def absorb(self, other: Tally) -> None:
        for status, n in other.by_status.items():
            self.by_status[status] += n
        self.score += other.score

    @property
    def commitments(self) -> int:
        return sum(self.by_status.values())

    @property
    def rated(self) -> int:
        return sum(n for s, n in self.by_status.items() if s.compliance is not None)

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
            "by_status": {s.value: self.by_status[s] for s in ORDER},
            "compliance": rounded(self.compliance),
            "compliance_pct": rounded(self.compliance_pct),
        }

"""What the ratings add up to: the compliance overview, its trend, and agreement.

No Textual here: ``coop-tui stats``, ``coop-tui agreement``, the report and the app's
overview screen all draw what this package computes.

- :mod:`stats.tally` counts statuses and gives the mean compliance (−1…+1) and its
  percentage, as the G20 Research Group's compliance reports do;
- :mod:`stats.ratings` says which status a commitment counts with (latest, a rater's,
  as of a day) and which commitments the filters keep;
- :mod:`stats.overview` computes the figures per meeting, per area and per area across
  a series, :mod:`stats.series` lays the areas of a series out as rows (the year
  diff's area alignment, kept between runs by :mod:`stats.alignment`), and
  :mod:`stats.trend` the month-by-month trend;
- :mod:`stats.agreement` compares raters (percent agreement, Cohen's kappa,
  Krippendorff's alpha).
"""

from __future__ import annotations

from stats.agreement import Agreement, agreement
from stats.alignment import AreaAligner
from stats.overview import AreaFigures, MeetingFigures, Overview, Series, SeriesRow, compute
from stats.ratings import FilterError, Filters, parse_day
from stats.tally import ORDER, Tally, percent

__all__ = [
    "ORDER",
    "Agreement",
    "AreaAligner",
    "AreaFigures",
    "FilterError",
    "Filters",
    "MeetingFigures",
    "Overview",
    "Series",
    "SeriesRow",
    "Tally",
    "agreement",
    "compute",
    "parse_day",
    "percent",
]

"""The month-by-month trend as a chart in the terminal (the overview's right chart).

One line per month (``stats.trend.Month``), from the first status change counted to
the last: a bar of where the counted commitments stood at the month's end (the marks
and colours of :mod:`tui.widgets.status_bars`), the mean compliance then and its
percentage, and how many statuses were set that month. A long trend is as many
lines: the chart scrolls in its box.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from stats.scale import percent_text, step
from stats.trend import Month
from store.model import compliance_text
from tui.widgets.overview_matrix import scale_style
from tui.widgets.status_bars import stacked_bar
from tui.widgets.text_lines import TextLines

#: The columns of a line: month, bar, compliance, percentage, changes set.
MONTH = 8  # "2025-04 "
FIGURES = 23  # "  ▲     +0.50  75 %   12": symbol 3, compliance 10, percentage 6, set 4


def month_line(month: Month, width: int) -> Text:
    """``2025-04 ███▓▓··· ▲ +0.50  75 %    3``: the month's standing and changes."""
    standing = month.standing
    line = Text(f"{month.month:<{MONTH}}", style="bold")
    line.append_text(stacked_bar(standing, max(width - MONTH - FIGURES, 4)))
    mark = step(standing.compliance)
    line.append(" ")
    line.append(f"{mark.symbol:>2}", style=scale_style(mark))
    line.append(f" {compliance_text(standing.compliance):>9}")
    line.append(f" {percent_text(standing.compliance_pct):>5}")
    line.append(f" {month.set.commitments:>3}", style="bold")
    return line


def heading(width: int) -> Text:
    bar = max(width - MONTH - FIGURES, 4)
    words = "statuses at the month’s end" if bar >= 28 else "at the month’s end"
    text = f"{'month':<{MONTH}}{words:<{bar}.{bar}}"
    return Text(f"{text}{'':3}{'compliance':>10}{'%':>6}{'set':>4}", style="dim")


class TrendChart(TextLines):
    """The trend of the series shown, a line per month (only the lines on screen
    drawn: :class:`tui.widgets.text_lines.TextLines`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.months: list[Month] = []
        self.note = ""

    def show(self, months: Sequence[Month], note: str = "") -> None:
        """Draw ``months`` (``note``, one line, instead when there are none)."""
        shown = list(months)
        same = len(shown) == len(self.months) and all(
            a is b for a, b in zip(shown, self.months, strict=True)
        )
        if same and note == self.note:
            return  # the same figures (the areas aligned since): drawn already
        self.months = shown
        self.note = note
        self.redraw()

    def lines(self, width: int) -> list[Text]:
        if not self.months:
            return [Text(self.note or "No status set yet: no trend.", style="italic")]
        return [heading(width), *(month_line(month, width) for month in self.months)]

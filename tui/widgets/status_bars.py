"""The six statuses of each meeting as a bar, with their counts (the overview's left chart).

A bar is as wide as the room: each status takes a share of the cells in proportion to
its count (every status present gets at least one cell), drawn with its mark of
:data:`stats.scale.STATUS_MARKS` in its colour of :data:`stats.scale.STATUS_COLOURS`, so
the bar reads without colour too. Under each bar, each status's mark and count. The
bars are laid out again at every width (:meth:`StatusBars.lines`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.style import Style
from rich.text import Text

from stats import ORDER, MeetingFigures, Tally
from stats.scale import STATUS_COLOURS, STATUS_MARKS
from store import Status
from tui.widgets.text_lines import TextLines

#: Columns before a bar: the meeting's date (or ``undated``) and a space.
LABEL = 11
#: A bar's ground, the same in every theme, light or dark: the statuses' colours (light
#: ones too) stand out on it.
GROUND = "#262626"


def shares(counts: Sequence[int], width: int) -> list[int]:
    """``width`` cells shared in proportion to ``counts`` (largest remainders first); a
    non-zero count gets at least one cell when there are enough cells."""
    total = sum(counts)
    if total <= 0 or width <= 0:
        return [0] * len(counts)
    exact = [n * width / total for n in counts]
    cells = [int(x) for x in exact]
    by_remainder = sorted(range(len(counts)), key=lambda i: exact[i] - cells[i], reverse=True)
    for i in by_remainder[: width - sum(cells)]:
        cells[i] += 1
    for i, n in enumerate(counts):
        if n and not cells[i]:
            widest = max(range(len(cells)), key=lambda k: cells[k])
            if cells[widest] > 1:
                cells[widest] -= 1
                cells[i] = 1
    return cells


def mark_style(status: Status, *, ground: bool = False) -> Style:
    """A status's mark in its colour (on the bars' dark ground, in a bar)."""
    return Style(color=STATUS_COLOURS[status], bgcolor=GROUND if ground else None)


def stacked_bar(tally: Tally, width: int) -> Text:
    """The tally's statuses as one bar of ``width`` cells (blank if it counts none)."""
    counts = [tally.by_status[s] for s in ORDER]
    out = Text()
    for status, cells in zip(ORDER, shares(counts, width), strict=True):
        if cells:
            out.append(STATUS_MARKS[status] * cells, style=mark_style(status, ground=True))
    if not out:
        out.append(" " * max(width, 0), style=Style(bgcolor=GROUND))
    return out


def counts_text(tally: Tally) -> Text:
    """``· 20  ░ 1  ▒ 2  ▓ 0  █ 3  × 0``: each status's mark and count, in ORDER."""
    counts = tally.by_status
    return _marked(lambda status: str(counts[status]))


def legend() -> Text:
    """``· not rated  ░ in progress  ▒ stalled …``: what each mark stands for."""
    return _marked(lambda status: status.label)


def _marked(word: Callable[[Status], str]) -> Text:
    """Each status's mark, then its word, in ORDER."""
    out = Text()
    for status in ORDER:
        if out:
            out.append("  ")
        out.append(STATUS_MARKS[status], style=mark_style(status, ground=True))
        out.append(f" {word(status)}")
    return out


class StatusBars(TextLines):
    """Per meeting of the series shown: its date, a bar of its statuses, their counts
    (only the lines on screen drawn: :class:`tui.widgets.text_lines.TextLines`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.meetings: list[MeetingFigures] = []
        self.note = ""

    def show(self, meetings: Sequence[MeetingFigures], note: str = "") -> None:
        """Draw ``meetings`` (``note``, one line, instead when there are none)."""
        shown = list(meetings)
        same = len(shown) == len(self.meetings) and all(
            a is b for a, b in zip(shown, self.meetings, strict=True)
        )
        if same and note == self.note:
            return  # the same figures (the areas aligned since): drawn already
        self.meetings = shown
        self.note = note
        self.redraw()

    def lines(self, width: int) -> list[Text]:
        out = [legend()]
        if not self.meetings:
            return [*out, Text(""), Text(self.note or "No meetings.", style="italic")]
        bar = max(width - LABEL, 4)
        for fig in self.meetings:
            line = Text(f"{fig.meeting.date or 'undated':<{LABEL - 1}} ", style="bold")
            line.append_text(stacked_bar(fig.tally, bar))
            counts = counts_text(fig.tally)
            indent = min(LABEL, max(width - counts.cell_len, 0))  # narrow: less
            below = Text(" " * indent)
            below.append_text(counts)
            out += [line, below]
        return out

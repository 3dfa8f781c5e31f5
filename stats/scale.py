"""How a compliance figure is shown: its text, and its step on a diverging scale.

Every view draws a cell the same way, :func:`cell_label`: ``+0.50 · 3/4 ▲`` (the mean
compliance, then how many commitments are rated of how many, then the symbol of its
step), on a step of the diverging scale from −1 to +1 that reads without colour too: a
symbol (``▼▼ ▼ ◆ ▲ ▲▲``; ``·`` for a cell with
nothing rated) as well as a colour (ColorBrewer's RdYlBu, red for −1 to blue for +1,
distinguishable with the common colour-vision deficiencies).
"""

from __future__ import annotations

from dataclasses import dataclass

from store.model import Status, compliance_text


@dataclass(frozen=True)
class Step:
    """One step of the scale: the lowest compliance it takes, its symbol, its colour."""

    low: float
    symbol: str
    colour: str  # #rrggbb
    name: str

    @property
    def ink(self) -> str:
        """The colour of text drawn on this step's colour (:func:`ink`)."""
        return ink(self.colour)


#: From the lowest step up; a figure takes the highest step whose ``low`` it reaches.
STEPS: tuple[Step, ...] = (
    Step(-1.0, "▼▼", "#d7191c", "mostly not kept"),
    Step(-0.6, "▼", "#fdae61", "more not kept than kept"),
    Step(-0.2, "◆", "#ffffbf", "mixed or under way"),
    Step(0.2, "▲", "#abd9e9", "more kept than not"),
    Step(0.6, "▲▲", "#2c7bb6", "mostly kept"),
)
UNRATED = Step(float("nan"), "·", "#bdbdbd", "nothing rated")

#: Each status's colour in bars and charts (its compliance's step; not rated grey).
STATUS_COLOURS: dict[Status, str] = {
    Status.NOT_RATED: UNRATED.colour,
    Status.IN_PROGRESS: "#fee090",
    Status.STALLED: "#fdae61",
    Status.PARTIAL: "#abd9e9",
    Status.IMPLEMENTED: "#2c7bb6",
    Status.NOT_IMPLEMENTED: "#d7191c",
}

#: Each status's mark in a monochrome bar: distinct shapes, densest for the ends.
STATUS_MARKS: dict[Status, str] = {
    Status.NOT_RATED: "·",
    Status.IN_PROGRESS: "░",
    Status.STALLED: "▒",
    Status.PARTIAL: "▓",
    Status.IMPLEMENTED: "█",
    Status.NOT_IMPLEMENTED: "×",
}


#: The decimals a compliance is shown with (``store.model.compliance_text``).
SHOWN_DECIMALS = 2


def ink(colour: str) -> str:
    """Black or white, whichever reads on ``colour`` (``#rrggbb``) as a ground: black on
    the light steps (the pale yellow ◆ above all), white on the dark red and blue ends.
    The same on a light or a dark terminal: the ground is the step's colour either way.
    Each step's pair keeps WCAG's 4.5:1 contrast for text (tests/test_stats_scale.py)."""
    r, g, b = (int(colour[k : k + 2], 16) for k in (1, 3, 5))
    return "#000000" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 140 else "#ffffff"


def step(compliance: float | None) -> Step:
    """The scale's step for a mean compliance (``UNRATED`` for None), as it is shown:
    rounded to the decimals printed first, so that a mean of 0.199, shown ``+0.20``,
    takes the step of +0.20 (▲), as the reader expects from the figure beside it."""
    if compliance is None:
        return UNRATED
    shown = round(compliance, SHOWN_DECIMALS)
    found = STEPS[0]
    for candidate in STEPS:
        if shown >= candidate.low - 1e-9:
            found = candidate
    return found


def cell_text(compliance: float | None, rated: int, commitments: int) -> str:
    """``+0.50 · 3/4``; ``not rated · 0/4`` when nothing is rated."""
    return f"{compliance_text(compliance)} · {rated}/{commitments}"


def cell_label(compliance: float | None, rated: int, commitments: int) -> str:
    """A cell as every view writes it: ``+0.50 · 3/4 ▲``, the figures then the step's
    symbol; ``not rated · 0/4 ·`` when nothing is rated."""
    return f"{cell_text(compliance, rated, commitments)} {step(compliance).symbol}"


def percent_text(pct: float | None) -> str:
    """``75 %``, ``—`` when nothing is rated."""
    return "—" if pct is None else f"{pct:.0f} %"

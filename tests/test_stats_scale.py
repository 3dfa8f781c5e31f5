"""The scale every view draws a figure with (``stats.scale``): one cell label for the
app, ``coop-tui stats`` and the report, and a step that agrees with the figure printed
beside it."""

from __future__ import annotations

import pytest

from stats.scale import STEPS, UNRATED, Step, cell_label, step
from store.model import compliance_text


def test_a_cell_label_is_the_figures_then_the_steps_symbol() -> None:
    assert cell_label(0.5, 3, 4) == "+0.50 · 3/4 ▲"
    assert cell_label(-1.0, 1, 2) == "-1.00 · 1/2 ▼▼"
    assert cell_label(0.0, 2, 2) == "0.00 · 2/2 ◆"
    assert cell_label(None, 0, 4) == "not rated · 0/4 ·"


@pytest.mark.parametrize(
    ("compliance", "shown", "symbol"),
    [
        (0.199, "+0.20", "▲"),  # printed +0.20: the step of +0.20, not of 0.199
        (0.195, "+0.20", "▲"),
        (0.194, "+0.19", "◆"),
        (-0.201, "-0.20", "◆"),  # printed -0.20: the step from -0.2 up
        (-0.205, "-0.20", "◆"),
        (0.5999, "+0.60", "▲▲"),
        (-0.6049, "-0.60", "▼"),
        (-0.606, "-0.61", "▼▼"),
    ],
)
def test_the_step_is_taken_from_the_figure_as_printed(
    compliance: float, shown: str, symbol: str
) -> None:
    assert compliance_text(compliance) == shown
    assert step(compliance).symbol == symbol
    assert cell_label(compliance, 3, 5) == f"{shown} · 3/5 {symbol}"


def test_every_printed_figure_has_one_step() -> None:
    """Two means that print the same figure never get different steps (a sweep of the
    whole scale in steps of 0.0001)."""
    for k in range(-10_000, 10_001):
        value = k / 10_000
        printed = compliance_text(value)
        again = 0.0 if printed == "0.00" else float(printed)
        assert step(value) is step(again), (value, printed)
    assert step(None) is UNRATED
    assert [step(s.low) for s in STEPS] == list(STEPS)


def _luminance(colour: str) -> float:
    """WCAG 2's relative luminance of ``#rrggbb``."""

    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[k : k + 2], 16)) for k in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("mark", [*STEPS, UNRATED], ids=lambda s: s.name)
def test_text_on_every_step_keeps_wcag_contrast(mark: Step) -> None:
    """A cell's text is black or white, whichever reads on its step's colour: at least
    4.5:1 (WCAG AA), on a light terminal as on a dark one (the ground is the step)."""
    assert _contrast(mark.ink, mark.colour) >= 4.5


def test_the_light_steps_get_black_text() -> None:
    light = [s for s in (*STEPS, UNRATED) if _luminance(s.colour) > 0.4]
    assert {s.symbol for s in light} >= {"◆", "▲", "·"}
    assert all(s.ink == "#000000" for s in light)
    assert step(0.0).ink == "#000000"  # ◆ on #ffffbf: never white on pale yellow

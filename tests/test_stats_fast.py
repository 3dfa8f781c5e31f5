"""The overview's figures with no filter (``stats.overview.every_figures``, counted all
at once, and ``stats.trend.Trend.unfiltered``, from one pass over the histories) are
the figures the general path gives, commitment by commitment (``meeting_figures``,
``Trend.of``): with changes made before a meeting was held, statuses set back to not
rated, histories of several changes, of targets that are gone or are areas, empty
histories, and only some meetings chosen (most of the rated ones, or few)."""

from __future__ import annotations

import random

import pytest

from parsers import Area, Commitment, Meeting
from stats import Filters, compute
from stats.alignment import digest
from stats.overview import meeting_figures
from stats.ratings import chosen
from stats.trend import Trend
from store.model import Ratings, Status, StatusChange


def corpus(seed: int) -> list[Meeting]:
    rng = random.Random(seed)
    meetings = []
    for m in range(24):
        year = 2019 + m % 8
        date = None if m == 5 else f"{year}-{m % 12 + 1:02d}-15"
        areas = []
        for a in range(rng.randint(0, 5)):  # a meeting with no area too
            aid = f"m{m}-a{a}"
            commitments = [
                Commitment(f"{aid}-c{c}", f"text {aid} {c}") for c in range(rng.randint(0, 6))
            ]
            areas.append(Area(aid, f"Area {a}", commitments=commitments))
        parties = ["A", "B"] if m % 3 else ["C", "D"]
        meetings.append(Meeting(f"m{m}", f"meeting {m}", date, None, parties, "x.txt", None, areas))
    return meetings


def histories(meetings: list[Meeting], seed: int) -> dict[str, list[StatusChange]]:
    rng = random.Random(seed)
    targets = [c.id for m in meetings for a in m.areas for c in a.commitments]
    targets += [a.id for m in meetings for a in m.areas][::4]  # statuses on areas
    targets += [f"gone-{k}" for k in range(15)]  # orphans: their targets are gone
    out: dict[str, list[StatusChange]] = {}
    for target in targets:
        if rng.random() < 0.3:
            continue
        changes = []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            month = rng.randint(0, 95)  # 2019 to 2026: some before their meeting
            at = f"{2019 + month // 12}-{month % 12 + 1:02d}-{rng.randint(1, 28):02d}T10:00:00Z"
            changes.append(StatusChange(rng.choice(list(Status)), at, by="r"))
        changes.sort(key=lambda c: c.at)
        if rng.random() < 0.1:  # set back to not rated
            changes.append(StatusChange(Status.NOT_RATED, "2027-01-01T00:00:00Z", by="r"))
        out[target] = changes
    out["empty"] = []
    return out


def general(meetings: list[Meeting], ratings: Ratings, filters: Filters) -> tuple[list, list]:
    """Figures and trend as the filtered path makes them, commitment by commitment."""
    figures = [meeting_figures(m, ratings, filters) for m in chosen(meetings, filters)]
    trend = Trend.of(figures, ratings, filters).months()
    return figures, trend


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("some", [None, 20, 3])
def test_the_unfiltered_figures_are_those_counted_one_by_one(seed: int, some: int | None) -> None:
    meetings = corpus(seed)
    ratings = Ratings(histories(meetings, seed), {})
    picked = tuple(m.id for m in meetings[:some]) if some is not None else None
    filters = Filters(meetings=picked)
    overview = compute(meetings, ratings, filters, None)
    figures, trend = general(meetings, ratings, filters)
    assert [f.meeting.id for f in overview.meetings] == [f.meeting.id for f in figures]
    for fast, slow in zip(overview.meetings, figures, strict=True):
        assert fast.tally.counts == slow.tally.counts
        assert fast.digest == digest(fast.meeting)
        for a, b in zip(fast.areas, slow.areas, strict=True):
            assert (a.area.id, a.tally.counts, a.codes, a.ids) == (
                b.area.id,
                b.tally.counts,
                b.codes,
                b.ids,
            )
            assert a.statuses == b.statuses
    assert [m.to_json() for m in overview.trend] == [m.to_json() for m in trend]
    assert trend or some == 3  # the case is not empty

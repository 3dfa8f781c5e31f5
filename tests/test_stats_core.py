"""The figures of ``stats`` against examples worked by hand: tallies and the G20
percentage, unrated cells, excluded commitments, the filters (tag, author, as of a day),
areas followed across a series (renamed, skipping a meeting), the month-by-month trend,
and agreement between raters (percent agreement, Cohen's kappa, Krippendorff's alpha).

The meetings are small synthetic releases of the same two parties, parsed by the real
parser; the status histories are written by hand with known times and authors."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import AREAS, new_store, release_text

from parsers import Meeting
from parsers.release import parse_text
from stats import ORDER, Filters, Tally, agreement, compute, percent
from stats.overview import Overview
from store.model import Ratings, Status, StatusChange

IM, P, G, S, N, R = (
    Status.IMPLEMENTED,
    Status.PARTIAL,
    Status.IN_PROGRESS,
    Status.STALLED,
    Status.NOT_IMPLEMENTED,
    Status.NOT_RATED,
)

EDUCATION = [
    "Promote exchanges between the universities of Hong Kong and Testland on research.",
    "Encourage secondary schools of Hong Kong and Testland to form sister schools.",
]
TITLE = "Hong Kong and Testland hold {} co-operation conference"


def _meeting(areas: dict[str, list[str]], date: str, nth: str, source: str) -> Meeting:
    return parse_text(release_text(areas=areas, title=TITLE.format(nth), date=date), source)


@pytest.fixture(scope="module")
def series() -> list[Meeting]:
    """2024: Finance, Aviation, Education; 2025: Finance renamed "Financial services"
    (the same commitments), Aviation, no Education; 2026: Aviation, Education again."""
    return [
        _meeting({**AREAS, "Education": EDUCATION}, "2024-05-01", "first", "a.txt"),
        _meeting(
            {"Financial services": AREAS["Finance"], "Aviation": AREAS["Aviation"]},
            "2025-05-01",
            "second",
            "b.txt",
        ),
        _meeting(
            {"Aviation": AREAS["Aviation"], "Education": EDUCATION}, "2026-05-01", "third", "c.txt"
        ),
    ]


def _change(status: Status, at: str, by: str | None = "alice") -> StatusChange:
    return StatusChange(status, at, by=by)


def _rated(statuses: dict[str, Status], by: str | None = "alice") -> Ratings:
    at = "2025-06-01T10:00:00.000Z"
    return Ratings({c: [_change(s, at, by)] for c, s in statuses.items()}, {})


def _ids(meeting: Meeting) -> dict[str, list[str]]:
    return {a.name: [c.id for c in a.commitments] for a in meeting.areas}


def _overview(meetings: list[Meeting], ratings: Ratings, **filters: object) -> Overview:
    return compute(meetings, ratings, Filters(**filters), align=None)  # type: ignore[arg-type]


# -- tallies -------------------------------------------------------------------------
def test_tally_mean_and_percentage_by_hand() -> None:
    t = Tally()
    for status in (IM, IM, P, N, R):
        t.add(status)
    # scores +1 +1 0 −1 (not rated left out): mean 1/4 = 0.25; (0.25 + 1) / 2 × 100 = 62.5
    assert (t.commitments, t.rated) == (5, 4)
    assert t.compliance == pytest.approx(0.25)
    assert t.compliance_pct == pytest.approx(62.5)
    assert t.to_json()["by_status"] == {
        "not-rated": 1, "in-progress": 0, "stalled": 0, "partial": 1, "implemented": 2,
        "not-implemented": 1,
    }  # fmt: skip
    assert [s.value for s in ORDER] == list(t.to_json()["by_status"])
    assert percent(-1.0) == 0.0 and percent(1.0) == 100.0 and percent(None) is None
    stalled = Tally()
    stalled.add(S)
    stalled.add(G)  # −1 and 0: mean −0.5, 25 %
    assert stalled.compliance == pytest.approx(-0.5) and stalled.compliance_pct == 25.0


def test_nothing_rated_is_none_not_zero(series: list[Meeting]) -> None:
    ids = _ids(series[0])
    overview = _overview(series[:1], _rated({ids["Finance"][0]: IM}))
    doc = overview.to_json()["meetings"][0]
    areas = {a["name"]: a for a in doc["areas"]}
    assert areas["Aviation"]["compliance"] is None and areas["Aviation"]["compliance_pct"] is None
    assert areas["Aviation"]["rated"] == 0 and areas["Aviation"]["commitments"] == 2
    assert areas["Finance"]["compliance"] == 1.0 and areas["Finance"]["compliance_pct"] == 100.0
    assert (doc["commitments"], doc["rated"], doc["compliance"]) == (6, 1, 1.0)


def test_meeting_and_area_figures_by_hand(series: list[Meeting]) -> None:
    ids = _ids(series[0])
    f0, f1 = ids["Finance"]
    a0, a1 = ids["Aviation"]
    ratings = _rated({f0: IM, f1: S, a0: P, a1: G})
    fig = _overview(series[:1], ratings).meetings[0]
    finance, aviation, education = fig.areas
    assert finance.tally.compliance == 0.0 and finance.tally.compliance_pct == 50.0  # (+1 −1)/2
    assert aviation.tally.compliance == 0.0 and aviation.tally.by_status[G] == 1
    assert education.tally.rated == 0 and education.tally.compliance is None
    assert finance.statuses == [(f0, IM), (f1, S)]
    assert fig.tally.rated == 4 and fig.tally.commitments == 6
    assert fig.tally.compliance == 0.0


def test_excluded_commitments_are_not_counted(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    meeting = store.meetings()[0]
    f0, f1 = (c.id for c in meeting.areas[0].commitments)
    store.set_status(f0, IM)
    store.set_status(f1, N)
    before = _overview(store.meetings(), store.ratings()).meetings[0]
    assert (before.tally.commitments, before.tally.rated, before.tally.compliance) == (4, 2, 0.0)
    store.exclude_commitment(f1)  # "not a commitment": its stalled status no longer counts
    after = _overview(store.meetings(), store.ratings()).meetings[0]
    assert (after.tally.commitments, after.tally.rated, after.tally.compliance) == (3, 1, 1.0)
    assert after.areas[0].statuses == [(f0, IM)]


# -- filters -------------------------------------------------------------------------
def test_tag_on_a_commitment_an_area_or_a_meeting(series: list[Meeting]) -> None:
    m = series[0]
    ids = _ids(m)
    areas = {a.name: a.id for a in m.areas}
    base = _rated({ids["Finance"][0]: IM, ids["Aviation"][0]: N, ids["Education"][1]: P})

    def counted(tags: dict[str, list[str]]) -> tuple[int, int, float | None]:
        t = _overview([m], Ratings(base.histories, tags), tag="green").meetings[0].tally
        return t.commitments, t.rated, t.compliance

    assert counted({}) == (0, 0, None)
    assert counted({ids["Finance"][0]: ["Green"]}) == (1, 1, 1.0)  # any case
    assert counted({areas["Aviation"]: ["green"]}) == (2, 1, -1.0)
    assert counted({m.id: ["GREEN"]}) == (6, 3, 0.0)


def test_author_counts_that_raters_latest_only(series: list[Meeting]) -> None:
    ids = _ids(series[0])
    f0, f1 = ids["Finance"]
    histories = {
        f0: [
            _change(S, "2025-01-01T00:00:00.000Z", "alice"),
            _change(IM, "2025-02-01T00:00:00.000Z", "alice"),
            _change(N, "2025-03-01T00:00:00.000Z", "bob"),
        ],
        f1: [_change(P, "2025-01-05T00:00:00.000Z", "bob")],
    }
    ratings = Ratings(histories, {})
    finance = lambda **f: _overview(series[:1], ratings, **f).meetings[0].areas[0]  # noqa: E731
    assert finance().statuses == [(f0, N), (f1, P)]  # the latest, whoever set it
    assert finance(author="alice").statuses == [(f0, IM), (f1, R)]  # bob's alone: not rated
    assert finance(author="alice").tally.compliance == 1.0
    assert finance(author="bob").tally.compliance == pytest.approx(-0.5)
    assert finance(author="carol").tally.rated == 0


def test_as_of_takes_the_status_as_it_stood_that_day(series: list[Meeting]) -> None:
    ids = _ids(series[0])
    f0 = ids["Finance"][0]
    ratings = Ratings(
        {f0: [_change(S, "2025-01-10T09:00:00.000Z"), _change(IM, "2025-03-05T23:59:59.999Z")]},
        {},
    )

    def status(day: str | None) -> Status:
        return _overview(series[:1], ratings, as_of=day).meetings[0].areas[0].statuses[0][1]

    assert status("2025-01-09") == R
    assert status("2025-01-10") == S  # the whole day counts
    assert status("2025-03-04") == S
    assert status("2025-03-05") == IM
    assert status(None) == IM
    # only meetings held by then: 2024-05-01 and 2025-05-01 by 2025-06-30, not 2026
    held = _overview(series, ratings, as_of="2025-06-30").meetings
    assert [f.meeting.date for f in held] == ["2024-05-01", "2025-05-01"]


def test_disagree_keeps_commitments_two_raters_scored_differently(series: list[Meeting]) -> None:
    ids = _ids(series[0])
    f0, f1 = ids["Finance"]
    a0 = ids["Aviation"][0]
    at = "2025-01-01T00:00:00.000Z"
    ratings = Ratings(
        {
            f0: [_change(IM, at, "alice"), _change(S, at, "bob")],  # +1 / −1: disagree
            f1: [_change(P, at, "alice"), _change(G, at, "bob")],  # 0 / 0: agree
            a0: [_change(N, at, "alice")],  # one rater only
        },
        {},
    )
    fig = _overview(series[:1], ratings, disagree=True).meetings[0]
    assert [c for a in fig.areas for c, _s in a.statuses] == [f0]


# -- series ----------------------------------------------------------------------------
def test_a_renamed_area_stays_on_its_row_and_a_skipped_one_resumes(
    series: list[Meeting],
) -> None:
    m24, m25, m26 = series
    ids24, ids25 = _ids(m24), _ids(m25)
    ratings = _rated({
        ids24["Finance"][0]: IM, ids24["Finance"][1]: P,  # 2024: +0.50 · 2/2
        ids25["Financial services"][0]: N,  # 2025: −1.00 · 1/2
        _ids(m26)["Education"][0]: IM,
    })  # fmt: skip
    overview = compute(series, ratings, Filters(), align=_aligner())
    [s] = overview.series
    assert [f.meeting.date for f in s.meetings] == ["2024-05-01", "2025-05-01", "2026-05-01"]
    rows = {r.name: r for r in s.rows}
    assert list(rows) == ["Financial services", "Aviation", "Education"]
    finance = rows["Financial services"]
    assert finance.names == ["Finance", "Financial services"]
    assert set(finance.cells) == {m24.id, m25.id}
    assert finance.cells[m24.id].tally.compliance == 0.5
    assert finance.cells[m25.id].tally.compliance == -1.0
    # the row's total: +1, 0, −1 over 3 rated of 4 = 0.00, 50 %
    assert (finance.total.rated, finance.total.commitments) == (3, 4)
    assert finance.total.compliance == 0.0 and finance.total.compliance_pct == 50.0
    education = rows["Education"]  # not in 2025, back in 2026: the same row
    assert set(education.cells) == {m24.id, m26.id}
    assert education.total.compliance == 1.0 and education.total.rated == 1
    doc = overview.to_json()["series"][0]["rows"][0]
    assert doc["cells"][m25.id] == {
        "area_id": m25.areas[0].id, "name": "Financial services", "commitments": 2, "rated": 1,
        "compliance": -1.0, "compliance_pct": 0.0,
    }  # fmt: skip


def _aligner():  # type: ignore[no-untyped-def]
    from stats import AreaAligner

    return AreaAligner(None)


# -- trend -------------------------------------------------------------------------------
def test_trend_month_by_month_with_an_empty_month(series: list[Meeting]) -> None:
    ids = _ids(series[0])
    f0, f1 = ids["Finance"]
    ratings = Ratings(
        {
            f0: [_change(S, "2025-01-10T00:00:00.000Z"), _change(IM, "2025-03-02T00:00:00.000Z")],
            f1: [_change(P, "2025-01-20T00:00:00.000Z")],
        },
        {},
    )
    trend = _overview(series[:1], ratings).to_json()["trend"]
    assert [m["month"] for m in trend] == ["2025-01", "2025-02", "2025-03"]
    jan, feb, mar = trend
    assert jan["set"]["stalled"] == 1 and jan["set"]["partial"] == 1
    # end of January: stalled −1 and partial 0 of 6 commitments → −0.5, 25 %
    assert jan["standing"]["not-rated"] == 4 and jan["compliance"] == -0.5
    assert jan["compliance_pct"] == 25.0
    assert sum(feb["set"].values()) == 0  # nothing set in February: the standing carries on
    assert feb["standing"] == jan["standing"] and feb["compliance"] == -0.5
    assert mar["set"]["implemented"] == 1 and mar["standing"]["stalled"] == 0
    assert mar["compliance"] == 0.5 and mar["compliance_pct"] == 75.0


# -- agreement ---------------------------------------------------------------------------
#: Two raters, six commitments, on the compliance scale:
#:     alice  +1 +1  0 −1 +1  0
#:     bob    +1  0  0 −1 +1 −1
#: p_o = 4/6 (units 1, 3, 4, 5 agree). Marginals: alice +1:3, 0:2, −1:1; bob +1:2, 0:2,
#: −1:2, so p_e = 3/6·2/6 + 2/6·2/6 + 1/6·2/6 = 12/36 = 1/3, and
#: kappa = (2/3 − 1/3) / (1 − 1/3) = 0.5.
#: Krippendorff's ordinal alpha: the 12 values pooled are n(−1) = 3, n(0) = 4, n(+1) = 5;
#: coincidences off the diagonal: (+1, 0) twice (unit 2, both orders) and (0, −1) twice
#: (unit 6). Ordinal distances δ²(c, k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²:
#: δ²(−1, 0) = 3.5² = 12.25, δ²(0, +1) = 4.5² = 20.25, δ²(−1, +1) = (12 − 4)² = 64.
#: D_o = (2·20.25 + 2·12.25) / 12 = 65/12; D_e = 2·(5·4·20.25 + 4·3·12.25 + 5·3·64) /
#: (12·11) = 3024/132; alpha = 1 − D_o / D_e = 1 − 8580/36288 = 0.763558…
ALICE = (IM, IM, P, N, IM, G)
BOB = (IM, G, G, N, IM, S)  # unit 3: partial and in progress, both 0: agree


def _two_raters(series: list[Meeting]) -> tuple[list[str], Ratings]:
    m = series[0]
    units = [c.id for c in m.commitments]
    assert len(units) == 6
    at = "2025-02-01T00:00:00.000Z"
    histories = {
        u: [_change(a, at, "alice"), _change(b, "2025-02-02T00:00:00.000Z", "bob")]
        for u, a, b in zip(units, ALICE, BOB, strict=True)
    }
    return units, Ratings(histories, {})


def test_agreement_of_two_raters_by_hand(series: list[Meeting]) -> None:
    units, ratings = _two_raters(series)
    result = agreement(series[:1], ratings, Filters())
    assert result.raters == ["alice", "bob"] and result.units == 6
    [pair] = result.pairs
    assert pair.both_rated == 6
    assert pair.percent_agreement == pytest.approx(4 / 6)
    assert pair.cohen_kappa == pytest.approx(0.5)
    assert pair.krippendorff_alpha == pytest.approx(1 - 8580 / 36288)
    assert result.alpha == pytest.approx(1 - 8580 / 36288)
    # units 2 and 6 differ on the scale; unit 3 (partial / in progress) does not
    assert [d.id for d in result.disagreements] == [units[1], units[5]]
    assert result.disagreements[0].ratings == {"alice": IM, "bob": G}
    doc = result.to_json()
    assert doc["pairs"][0]["cohen_kappa"] == 0.5
    assert doc["overall"] == {"units": 6, "krippendorff_alpha": round(1 - 8580 / 36288, 4)}
    assert doc["disagreements"][0]["ratings"] == {"alice": "implemented", "bob": "in-progress"}


def test_each_raters_latest_rating_and_as_of(series: list[Meeting]) -> None:
    units, ratings = _two_raters(series)
    # alice changes her mind on unit 2 later, to bob's score: one disagreement fewer
    ratings.histories[units[1]].append(_change(P, "2025-03-01T00:00:00.000Z", "alice"))
    now = agreement(series[:1], ratings, Filters())
    assert now.pairs[0].percent_agreement == pytest.approx(5 / 6)
    assert [d.id for d in now.disagreements] == [units[5]]
    before = agreement(series[:1], ratings, Filters(as_of="2025-02-28"))
    assert before.pairs[0].percent_agreement == pytest.approx(4 / 6)
    # before bob's first rating, alice is the only rater: nothing to compare
    alone = agreement(series[:1], ratings, Filters(as_of="2025-02-01"))
    assert alone.raters == ["alice"] and alone.pairs == [] and alone.units == 0
    assert alone.alpha is None


def test_undefined_coefficients_are_none(series: list[Meeting]) -> None:
    units = [c.id for c in series[0].commitments][:3]
    at = "2025-02-01T00:00:00.000Z"
    same = Ratings({u: [_change(IM, at, "alice"), _change(IM, at, "bob")] for u in units}, {})
    [pair] = agreement(series[:1], same, Filters()).pairs
    # every rating +1: chance agreement p_e = 1, kappa = 0/0; no variation for alpha either
    assert pair.percent_agreement == 1.0 and pair.both_rated == 3
    assert pair.cohen_kappa is None and pair.krippendorff_alpha is None
    apart = Ratings({units[0]: [_change(IM, at, "alice")], units[1]: [_change(N, at, "bob")]}, {})
    [pair] = agreement(series[:1], apart, Filters()).pairs
    assert pair.both_rated == 0 and pair.percent_agreement is None and pair.cohen_kappa is None
    assert pair.to_json()["krippendorff_alpha"] is None


def test_unattributed_ratings_are_counted_apart(series: list[Meeting]) -> None:
    units, ratings = _two_raters(series)
    ratings.histories[units[0]].insert(0, _change(N, "2024-12-01T00:00:00.000Z", None))
    ratings.histories[units[1]].append(_change(N, "2025-05-01T00:00:00.000Z", None))
    result = agreement(series[:1], ratings, Filters())
    assert result.unattributed == 2
    assert result.raters == ["alice", "bob"]  # no rater named None
    # the figures are those of the named raters alone (as worked out above)
    assert result.pairs[0].cohen_kappa == pytest.approx(0.5)

"""Edge cases of the statistics, each once a wrong figure or a traceback: which row an
area lands on when a name comes back, the name a row shows after renaming back,
meetings whose parties were not found, a damaged or read-only alignment cache, the
trend before a meeting was held, week dates, authorless changes after the as-of day,
whitespace in a tag, histories read while the store writes, and the collector held
off by two threads at once."""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from parsers import Area, Commitment, Meeting
from stats import AreaAligner, FilterError, Filters, agreement, compute, parse_day
from stats.series import area_rows, series_key
from store import Status, Store
from store.collector import collections_paused
from store.model import Ratings, StatusChange


def meeting(
    mid: str, date: str | None, areas: list[tuple[str, str]], parties: tuple[str, ...] = ("A", "B")
) -> Meeting:
    """A meeting with one commitment per area: ``(area ID, name)``."""
    return Meeting(
        mid, f"meeting {mid}", date, None, list(parties), f"{mid}.txt", None,
        [Area(aid, name, commitments=[Commitment(f"{aid}-c", f"text of {aid}")])
         for aid, name in areas],
    )  # fmt: skip


Links = dict[tuple[str, str], list[tuple[str, str]]]


def aligner(links: Links) -> Callable[[Meeting, Meeting], list[tuple[str | None, str | None]]]:
    """An aligner pairing the areas given for each pair of meetings, the rest unpaired."""

    def align(older: Meeting, newer: Meeting) -> list[tuple[str | None, str | None]]:
        return list(links.get((older.id, newer.id), []))

    return align


def rows_of(series: list[Meeting], links: Links) -> list[list[str]]:
    return [[row.areas[m].id for m in row.order] for row in area_rows(series, aligner(links))]


def test_a_continued_area_keeps_its_row_whatever_the_order_of_the_areas() -> None:
    """2021 Finance (a1); 2023 Economy (b1, continues a1); 2025 a new "Finance" (c1)
    and Economy (c2, continues b1). c1 listed first must not take the row Economy
    continues: the new Finance starts its own row (the old one did not skip 2023)."""
    m1 = meeting("m1", "2021-01-01", [("a1", "Finance")])
    m3 = meeting("m3", "2025-01-01", [("c1", "Finance"), ("c2", "Economy")])
    m2 = meeting("m2", "2023-01-01", [("b1", "Economy")])
    links = {("m1", "m2"): [("a1", "b1")], ("m2", "m3"): [("b1", "c2")]}
    assert rows_of([m1, m2, m3], links) == [["a1", "b1", "c2"], ["c1"]]
    reordered = meeting("m3", "2025-01-01", [("c2", "Economy"), ("c1", "Finance")])
    assert rows_of([m1, m2, reordered], links) == [["a1", "b1", "c2"], ["c1"]]


def test_a_name_that_skipped_a_meeting_resumes_its_row() -> None:
    m1 = meeting("m1", "2021-01-01", [("a1", "Finance"), ("a2", "Aviation")])
    m2 = meeting("m2", "2023-01-01", [("b2", "Aviation")])
    m3 = meeting("m3", "2025-01-01", [("c1", "finance"), ("c2", "Aviation")])
    links = {("m1", "m2"): [("a2", "b2")], ("m2", "m3"): [("b2", "c2")]}
    assert rows_of([m1, m2, m3], links) == [["a1", "c1"], ["a2", "b2", "c2"]]


def test_a_row_renamed_back_shows_its_present_name_last() -> None:
    m1 = meeting("m1", "2021-01-01", [("a1", "Finance")])
    m2 = meeting("m2", "2023-01-01", [("b1", "Economy")])
    m3 = meeting("m3", "2025-01-01", [("c1", "Finance")])
    links = {("m1", "m2"): [("a1", "b1")], ("m2", "m3"): [("b1", "c1")]}
    (row,) = area_rows([m1, m2, m3], aligner(links))
    assert row.name == "Finance"
    assert row.names == ["Economy", "Finance"] and row.former == ["Economy"]


def test_meetings_whose_parties_were_not_found_are_not_one_series() -> None:
    one = meeting("u1", "2021-01-01", [("a1", "Finance")], parties=())
    two = meeting("u2", "2022-01-01", [("b1", "Finance")], parties=())
    known = meeting("k1", "2022-01-01", [("d1", "Finance")])
    assert series_key(one) != series_key(two)
    overview = compute([one, two, known], Ratings({}, {}), Filters(), aligner({}))
    assert sorted(len(s.meetings) for s in overview.series) == [1, 1, 1]


@pytest.mark.parametrize(
    "damage",
    [
        b'{"version":2,"pairs":[1]}',
        b'{"version":2,"pairs":"x"}',
        b'{"version":2,"pairs":{"m1 m2":["stamp",[{"a":1},null]]}}',
        b'{"version":2,"pairs":{"m1 m2":5}}',
        b'{"version":2,"pairs":{"m1 m2":["stamp","a1,b1,c1"]}}',
        b'{"version":2,"pairs":{"m1 m2":["stamp"," "]}}',
        b'{"version":1,"pairs":{"m1 m2":["stamp",[["a1","b9"]]]}}',
        b"[[[[[[[[[[",
        b"\xff\xfe not json",
    ],
)
def test_a_damaged_cache_is_passed_over(tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / "store.aligned.json"
    path.write_bytes(damage)
    m1 = meeting("m1", "2021-01-01", [("a1", "Finance")])
    m2 = meeting("m2", "2023-01-01", [("b1", "Finance")])
    found = AreaAligner(path)
    assert found(m1, m2) == [("a1", "b1")]
    assert found.aligned == 1
    found.save()
    again = AreaAligner(path)
    assert again(m1, m2) == [("a1", "b1")] and again.aligned == 0  # repaired


def test_a_read_only_store_uses_the_cache_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "store.aligned.json"
    m1 = meeting("m1", "2021-01-01", [("a1", "Finance")])
    m2 = meeting("m2", "2023-01-01", [("b1", "Finance")])
    first = AreaAligner(path)
    first(m1, m2)
    first.save()
    before = path.read_bytes()
    m3 = meeting("m3", "2025-01-01", [("c1", "Finance")])
    reading = AreaAligner(path, writable=False)
    reading(m1, m2)
    reading(m2, m3)
    reading.save()
    assert reading.aligned == 1  # m1–m2 came from the cache
    assert path.read_bytes() == before


def test_save_drops_pairs_of_meetings_no_longer_there(tmp_path: Path) -> None:
    path = tmp_path / "store.aligned.json"
    m1 = meeting("m1", "2021-01-01", [("a1", "Finance")])
    m2 = meeting("m2", "2023-01-01", [("b1", "Finance")])
    m3 = meeting("m3", "2025-01-01", [("c1", "Finance")])
    cache = AreaAligner(path)
    cache(m1, m2)
    cache(m2, m3)
    cache.save(["m2", "m3"])
    kept = AreaAligner(path)
    assert kept.cached(m2, m3) and not kept.cached(m1, m2)


def test_the_trend_counts_a_meeting_from_the_month_it_was_held() -> None:
    """A 2024-01 meeting (2 commitments) and a 2024-03 one (3): rated in 2024-01 and
    2024-04. In 2024-01 and 2024-02 only the first meeting's two are counted."""
    first = meeting("m1", "2024-01-10", [("a1", "Finance"), ("a2", "Aviation")])
    later = meeting("m2", "2024-03-10", [("b1", "Finance"), ("b2", "Aviation"), ("b3", "Trade")])
    ratings = Ratings(
        {
            "a1-c": [StatusChange(Status.IMPLEMENTED, "2024-01-20T00:00:00.000Z", by="x")],
            "b1-c": [StatusChange(Status.STALLED, "2024-04-02T00:00:00.000Z", by="x")],
        },
        {},
    )
    months = compute([first, later], ratings, Filters(), None).trend
    standing = {m.month: (m.standing.commitments, m.standing.rated) for m in months}
    assert standing == {"2024-01": (2, 1), "2024-02": (2, 1), "2024-03": (5, 1), "2024-04": (5, 2)}


@pytest.mark.parametrize(
    "text", ["2025-W01-1", "2025-13-40", "20250101", "2025-1-01", "２０２５-01-01"]
)
def test_only_a_calendar_day_is_a_date(text: str) -> None:
    with pytest.raises(FilterError):
        parse_day(text)


def test_authorless_changes_after_the_as_of_day_are_not_counted() -> None:
    m1 = meeting("m1", "2024-01-10", [("a1", "Finance")])
    history = [
        StatusChange(Status.PARTIAL, "2024-02-01T00:00:00.000Z", by=None),
        StatusChange(Status.PARTIAL, "2024-09-01T00:00:00.000Z", by=None),
    ]
    ratings = Ratings({"a1-c": history}, {})
    assert agreement([m1], ratings, Filters(as_of="2024-01-31")).unattributed == 0
    assert agreement([m1], ratings, Filters(as_of="2024-03-01")).unattributed == 1
    assert agreement([m1], ratings, Filters()).unattributed == 2


def test_a_tag_with_other_spacing_and_case_finds_the_same_commitments() -> None:
    m1 = meeting("m1", "2024-01-10", [("a1", "Finance"), ("a2", "Aviation")])
    ratings = Ratings({}, {"a1-c": ["Climate change"]})
    for given in ("climate change", "  CLIMATE   change ", "Climate change"):
        overview = compute([m1], ratings, Filters(tag=given), None)
        assert overview.total.commitments == 1, given


def test_ratings_taken_before_a_write_do_not_change_under_the_reader(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "store.json")
    target = store.meetings()[0].commitments[0].id
    store.set_status(target, Status.PARTIAL)
    before = store.ratings()
    seen = list(before.histories[target])
    store.set_status(target, Status.IMPLEMENTED)
    store.remove_status_change(target, store.annotation(target).history[0])
    assert before.histories[target] == seen
    assert [c.status for c in store.ratings().histories[target]] == [Status.IMPLEMENTED]


def test_the_collector_is_back_on_when_the_last_of_two_threads_ends() -> None:
    assert gc.isenabled()
    inside, release = threading.Event(), threading.Event()

    def hold() -> None:
        with collections_paused():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=hold)
    worker.start()
    inside.wait(5)
    with collections_paused():
        assert not gc.isenabled()
        release.set()
        worker.join(5)
        assert not gc.isenabled()  # this block still runs
    assert gc.isenabled()


def test_a_name_changed_only_in_case_is_not_a_rename() -> None:
    m1 = meeting("m1", "2021-01-01", [("a1", "Innovation and Technology")])
    m2 = meeting("m2", "2023-01-01", [("b1", "Innovation and technology")])
    (row,) = area_rows([m1, m2], aligner({("m1", "m2"): [("a1", "b1")]}))
    assert row.names == ["Innovation and technology"] and row.former == []


@pytest.mark.parametrize("damaged", ["a1,b1,c1", " ", "a1 b1 c1", "a1", 5, ["a1", "b1"]])
def test_a_damaged_pair_list_under_the_right_digests_is_aligned_again(
    tmp_path: Path, damaged: object
) -> None:
    """The cache's pair lists are read only when used: one that does not read as saved
    is aligned again (and repaired), not taken as pairs."""
    path = tmp_path / "store.aligned.json"
    m1 = meeting("m1", "2021-01-01", [("a1", "Finance"), ("a2", "Aviation")])
    m2 = meeting("m2", "2023-01-01", [("b1", "Finance"), ("b2", "Tourism")])
    first = AreaAligner(path)
    expected = first(m1, m2)
    # Aviation and Tourism have no partner: pairs with a side missing
    assert any(a is None for a, _ in expected) and any(b is None for _, b in expected)
    first.save()
    doc = json.loads(path.read_text())
    ((key, (stamp, _)),) = doc["pairs"].items()
    doc["pairs"][key] = [stamp, damaged]
    path.write_text(json.dumps(doc))
    again = AreaAligner(path)
    assert again(m1, m2) == expected
    assert again.aligned == 1
    again.save()
    third = AreaAligner(path)
    assert third(m1, m2) == expected and third.aligned == 0


def test_the_trend_follows_a_rating_taken_back() -> None:
    """Rated in 2024-01, set back to not rated in 2024-03: the trend shows the change made
    in March and one fewer commitment rated from then on."""
    held = meeting("m1", "2024-01-05", [("a1", "Finance"), ("a2", "Aviation")])
    ratings = Ratings(
        {
            "a1-c": [
                StatusChange(Status.IMPLEMENTED, "2024-01-20T00:00:00.000Z", by="x"),
                StatusChange(Status.NOT_RATED, "2024-03-02T00:00:00.000Z", by="x"),
            ],
            "a2-c": [StatusChange(Status.STALLED, "2024-02-11T00:00:00.000Z", by="x")],
        },
        {},
    )
    months = {m.month: m for m in compute([held], ratings, Filters(), None).trend}
    assert [months[k].standing.rated for k in ("2024-01", "2024-02", "2024-03")] == [1, 2, 1]
    assert months["2024-03"].set.by_status[Status.NOT_RATED] == 1
    assert months["2024-03"].standing.compliance == -1.0


def test_the_figures_digest_is_the_meetings_so_kept_alignments_are_found(tmp_path: Path) -> None:
    """The overview makes each meeting's digest with its figures: it must be the one the
    cache is keyed by, or every run aligns every pair again."""
    from stats.alignment import digest

    path = tmp_path / "store.aligned.json"
    m1 = meeting("m1", "2021-01-01", [("a1", "Finance"), ("a2", "Aviation")])
    m2 = meeting("m2", "2023-01-01", [("b1", "Finance"), ("b2", "Tourism")])
    first = AreaAligner(path)
    overview = compute([m1, m2], Ratings({}, {}), Filters(), first)
    assert [f.digest for f in overview.meetings] == [digest(m1), digest(m2)]
    assert first.aligned == 1
    first.save()
    again = AreaAligner(path)
    compute([m1, m2], Ratings({}, {}), Filters(), again)
    assert again.aligned == 0
    filtered = compute([m1, m2], Ratings({}, {}), Filters(tag="x"), None)
    assert all(f.digest is None for f in filtered.meetings)  # not every commitment counted

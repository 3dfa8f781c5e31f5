"""Corrections of the parse in the store: each kind as the store hands meetings out, their
IDs and annotations, restarts, rebuild and re-import, conflicts, and their refusals."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from store_support import AREAS, new_store, release_text, write_release

from parsers.model import Area, Meeting
from store import Store
from store.errors import StoreError


def _meeting(store: Store) -> Meeting:
    [meeting] = store.meetings()
    return meeting


def _area(store: Store, name: str) -> Area:
    return next(a for a in _meeting(store).areas if a.name == name)


def _reopen(store: Store) -> Store:
    return Store.open(store.path, seed_samples=False, lock_timeout=5)


def test_rename_keeps_the_id_the_annotations_and_the_parsers_name(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    area = _area(store, "Finance")
    store.add_tags(area.id, ["money"])
    assert store.rename_area(area.id, "  Financial   services ") == [area.id]
    again = _reopen(store)
    renamed = again.locate(area.id)[1]
    assert renamed is not None
    assert (renamed.name, renamed.original_name) == ("Financial services", "Finance")
    assert again.annotation(area.id).tags == ["money"]
    shown = renamed.to_dict()
    assert shown["corrected"] is True and shown["original_name"] == "Finance"
    assert again.meeting_summaries()[0].title == _meeting(again).title
    parsed = again.corpus.record(_meeting(again).id)
    assert parsed is not None and parsed.meeting.areas[0].name == "Finance"  # corpus as parsed


def test_meeting_fields_are_corrected_and_a_bad_date_refused(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    meeting = _meeting(store)
    store.correct_meeting(meeting.id, date="2024-05-02", place="Shenzhen")
    with pytest.raises(StoreError, match="not a date; give it as YYYY-MM-DD"):
        store.correct_meeting(meeting.id, date="2024-02-30")
    fixed = _reopen(store)
    summary = fixed.meeting_summaries()[0]
    assert (summary.date, summary.place) == ("2024-05-02", "Shenzhen")
    assert fixed.meeting(meeting.id).original == {"date": "2024-05-01", "place": meeting.place}
    assert fixed.meeting(meeting.id).to_dict()["corrected"] is True


def test_move_keeps_the_id_and_status_and_a_new_area_is_made(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    finance, aviation = _area(store, "Finance"), _area(store, "Aviation")
    moved = finance.commitments[1]
    store.set_status(moved.id, "implemented")
    store.move_commitment(moved.id, aviation.id)
    _meeting_of, area, c = _reopen(store).locate(moved.id)
    assert area is not None and c is not None
    assert area.id == aviation.id and c.moved_from == finance.id
    assert moved.id in [x.id for x in area.commitments]
    assert store.annotation(moved.id).status.value == "implemented"
    touched = store.move_commitment(aviation.commitments[0].id, new_area="Airports")
    made = _area(store, "Airports")
    assert made.added and made.id in touched
    assert [c.id for c in made.commitments] == [aviation.commitments[0].id]


def test_split_gives_the_second_part_a_new_id_and_keeps_annotations_on_the_first(
    tmp_path: Path,
) -> None:
    store = new_store(tmp_path)
    c = _area(store, "Finance").commitments[0]
    store.add_note(c.id, "on the whole paragraph")
    first, second = store.split_commitment(c.id, "and to issue green bonds")
    assert first == c.id and second != c.id
    area = _area(_reopen(store), "Finance")
    texts = {x.id: x.text for x in area.commitments}
    assert texts[first] == "Encourage Testland enterprises to list in Hong Kong"
    assert texts[second] == "and to issue green bonds in the Hong Kong market."
    assert [n.text for n in store.annotation(first).notes] == ["on the whole paragraph"]
    assert store.annotation(second).notes == []
    assert store.orphans() == []  # the new part's ID is known, not an orphan
    parsed = store.corpus.record(_meeting(store).id)
    assert parsed is not None and parsed.meeting.commitments[0].text == c.text  # as parsed


@pytest.mark.parametrize(
    ("at", "why"),
    [
        ("Hong Kong", "occurs more than once"),
        ("Encourage", "is its start"),
        ("no such words", "does not occur"),
    ],
)
def test_a_bad_split_point_is_refused_and_nothing_changes(
    tmp_path: Path, at: str, why: str
) -> None:
    store = new_store(tmp_path)
    c = _area(store, "Finance").commitments[0]
    before = store.files.journal.read_bytes() if store.files.journal.exists() else b""
    with pytest.raises(StoreError, match=why):
        store.split_commitment(c.id, at)
    after = store.files.journal.read_bytes() if store.files.journal.exists() else b""
    assert after == before and store.log() == []


def test_merge_keeps_the_first_id_and_both_annotations(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    one, two = _area(store, "Aviation").commitments
    store.set_status(one.id, "in-progress")
    store.set_status(two.id, "implemented")
    store.add_note(two.id, "note on the second")
    store.add_tags(two.id, ["flights"])
    store.merge_commitments(one.id, two.id)
    again = _reopen(store)
    [merged] = _area(again, "Aviation").commitments
    assert merged.id == one.id and merged.merged == [two.id]
    assert merged.text == f"{one.text} {two.text}" and merged.original_text == one.text
    ann = again.annotation(one.id)
    assert [h.status.value for h in ann.history] == ["in-progress", "implemented"]
    assert [n.text for n in ann.notes] == ["note on the second"] and ann.tags == ["flights"]
    finance = _area(again, "Finance").commitments[0]
    with pytest.raises(StoreError, match="another area"):
        again.merge_commitments(one.id, finance.id)


def test_exclude_hides_a_commitment_from_the_counts_and_restore_brings_it_back(
    tmp_path: Path,
) -> None:
    store = new_store(tmp_path)
    c = _area(store, "Finance").commitments[1]
    store.exclude_commitment(c.id)
    area = _area(_reopen(store), "Finance")
    assert c.id not in [x.id for x in area.commitments]
    assert [x.id for x in area.excluded] == [c.id]
    assert len(_meeting(store).commitments) == 3
    with pytest.raises(StoreError, match="already excluded"):
        store.exclude_commitment(c.id)
    store.exclude_commitment(c.id, restore=True)
    assert len(_meeting(store).commitments) == 4 and not _area(store, "Finance").excluded


def test_add_takes_only_text_from_the_source(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    finance = _area(store, "Finance")
    text = "The Chief Executive met the Governor of Testland\n in Hong Kong today (May 1)."
    [new_id] = store.add_commitment(finance.id, text)
    added = next(c for c in _area(_reopen(store), "Finance").commitments if c.id == new_id)
    assert added.origin == "added"
    assert added.text == " ".join(text.split())  # as one line
    with pytest.raises(StoreError, match="not in the source"):
        store.add_commitment(finance.id, "Build a bridge to the moon.")
    with pytest.raises(StoreError, match="already commitment"):
        store.add_commitment(finance.id, AREAS["Aviation"][0])


def test_a_move_across_meetings_is_refused(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    other = write_release(tmp_path, "other.txt", date="2025-06-01", title="Second meeting")
    store.import_paths([other])
    first, second = store.meetings()
    with pytest.raises(StoreError, match="another meeting"):
        store.move_commitment(first.commitments[0].id, second.areas[0].id)


def test_corrections_survive_rebuild_and_a_reimport_of_an_edited_release(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    finance = _area(store, "Finance")
    flights = _area(store, "Aviation").commitments[1]
    store.rename_area(finance.id, "Financial services")
    store.exclude_commitment(flights.id)
    store.rebuild()
    again = _reopen(store)
    assert _area(again, "Financial services").id == finance.id
    assert [c.id for c in _area(again, "Aviation").excluded] == [flights.id]
    # the release edited: another paragraph reworded, the excluded one's text touched
    areas = {k: list(v) for k, v in AREAS.items()}
    areas["Finance"][0] = areas["Finance"][0].replace("green bonds", "green and blue bonds")
    areas["Aviation"][1] = areas["Aviation"][1].replace("main cities", "major cities")
    edited = write_release(tmp_path, "release.txt", areas=areas)
    [result] = again.import_paths([edited])
    assert result.outcome == "updated"
    third = _reopen(again)
    assert _area(third, "Financial services").original_name == "Finance"
    [excluded] = _area(third, "Aviation").excluded
    assert "major cities" in excluded.text  # re-anchored to the reworded paragraph
    assert third.correction_orphans() == []


def test_a_correction_whose_target_went_is_an_orphan(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    gone = _area(store, "Finance").commitments[1]
    store.exclude_commitment(gone.id)
    areas = {k: list(v) for k, v in AREAS.items()}
    areas["Finance"][1] = "Something else entirely about ports and ferries between the two."
    store.import_paths([write_release(tmp_path, "release.txt", areas=areas)])
    again = _reopen(store)
    [(orphan, why)] = again.correction_orphans()
    assert orphan.target == gone.id and "no longer" in why
    [best, *_rest] = again.correction_suggestions(orphan)
    ids = [c.id for c in _area(again, "Finance").commitments]
    assert best[0] in ids
    again.reattach_correction(orphan.id, ids[1])
    assert again.correction_orphans() == []
    assert [c.id for c in _area(_reopen(store), "Finance").excluded] == [ids[1]]
    again.undo()  # the re-attaching, as any change
    assert [c for c, _why in _reopen(store).correction_orphans()] == [orphan]


def test_conflicting_renames_the_most_recent_wins_and_both_are_kept(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    other = _reopen(store)  # a second window
    area = _area(store, "Finance")
    store.rename_area(area.id, "Money")
    time.sleep(0.002)  # a later millisecond (within one, the order is by ID, alike everywhere)
    other.rename_area(area.id, "Banking")
    store.refresh()
    assert _area(store, "Banking").id == area.id
    history = [c for c in store.correction_history() if c["kind"] == "rename"]
    assert [(c["value"], c["in_force"]) for c in history] == [("Money", False), ("Banking", True)]


def test_the_app_reads_a_rename_as_a_base_and_refuses_a_stale_one(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    area = _area(store, "Finance")
    _reopen(store).rename_area(area.id, "Changed elsewhere")
    with pytest.raises(StoreError, match="changed elsewhere"):
        store.rename_area(area.id, "Mine", base="Finance")
    assert _area(_reopen(store), "Changed elsewhere").id == area.id


def test_add_takes_the_release_s_wording_of_one_paragraph(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    finance = _area(store, "Finance")
    [new_id] = store.add_commitment(finance.id, "the chief executive MET the governor")
    [added] = [c for c in _area(store, "Finance").commitments if c.id == new_id]
    assert added.text == "The Chief Executive met the Governor"  # as the release has it
    with pytest.raises(StoreError, match="more than one paragraph"):
        store.add_commitment(finance.id, "in Hong Kong today (May 1). Hong Kong and Testland")
    with pytest.raises(StoreError, match="too short"):
        store.add_commitment(finance.id, "Hong Kong")
    with pytest.raises(StoreError, match="part of commitment"):
        store.add_commitment(finance.id, "to list in Hong Kong and to issue green bonds")


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("\u200b\u200f", "no visible characters"),
        ("x" * 301, "longer than 300 characters"),
        ("aviation", "already named 'Aviation'"),
    ],
)
def test_a_name_no_one_could_read_or_tell_apart_is_refused(
    tmp_path: Path, name: str, why: str
) -> None:
    store = new_store(tmp_path)
    with pytest.raises(StoreError, match=why):
        store.rename_area(_area(store, "Finance").id, name)


def test_an_area_emptied_by_moves_stays_with_its_notes(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    finance, aviation = _area(store, "Finance"), _area(store, "Aviation")
    store.add_note(finance.id, "about the whole area")
    for c in finance.commitments:
        store.move_commitment(c.id, aviation.id)
    emptied = _area(_reopen(store), "Finance")
    assert emptied.commitments == [] and emptied.id == finance.id
    assert [n.text for n in store.annotation(finance.id).notes] == ["about the whole area"]
    assert store.orphans() == []


def test_a_reimport_that_drops_an_added_text_or_parts_a_merge_orphans_them(
    tmp_path: Path,
) -> None:
    store = new_store(tmp_path)
    finance, aviation = _area(store, "Finance"), _area(store, "Aviation")
    store.add_commitment(finance.id, "The Chief Executive met the Governor of Testland")
    store.merge_commitments(*(c.id for c in aviation.commitments))
    release = write_release(tmp_path, "release.txt").read_text(encoding="utf-8")
    edited = release.replace("The Chief Executive met", "The Secretary met")
    flights = AREAS["Aviation"][1]
    edited = edited.replace(f"\n\n{flights}", "").replace(
        "Aviation\n--------", f"Aviation\n--------\n\n{flights}\n\nAirports\n--------"
    )  # the second commitment now under a new heading (and the count no longer stated)
    (tmp_path / "release.txt").write_text(edited, encoding="utf-8")
    store.import_paths([tmp_path / "release.txt"])
    whys = sorted(why for _c, why in _reopen(store).correction_orphans())
    assert whys == [
        "its text is no longer in the release",
        "the two commitments are no longer in one area",
    ]


def test_reattaching_a_correction_where_it_cannot_apply_is_refused(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    c = _area(store, "Finance").commitments[0]
    store.split_commitment(c.id, "and to issue green bonds")
    areas = {k: list(v) for k, v in AREAS.items()}
    areas["Finance"][0] = "Encourage listings of Testland enterprises in Hong Kong."
    store.import_paths([write_release(tmp_path, "release.txt", areas=areas)])
    [(orphan, _why)] = store.correction_orphans()
    other = _area(store, "Aviation").commitments[0]
    with pytest.raises(StoreError, match="does not apply"):
        store.reattach_correction(orphan.id, other.id)
    assert [c for c, _why in _reopen(store).correction_orphans()] == [orphan]


def test_an_inferred_heading_once_named_is_not_called_inferred(tmp_path: Path) -> None:
    store = new_store(tmp_path, release=False)
    lost = tmp_path / "lost.txt"  # the Aviation heading lost: the parser names the area
    lost.write_text(release_text().replace("Aviation\n--------\n\n", ""), encoding="utf-8")
    store.import_paths([lost])
    inferred = _area(store, "Aviation")
    assert inferred.heading_inferred
    store.rename_area(inferred.id, "Air transport")
    named = _area(store, "Air transport")
    assert (named.heading_inferred, named.original_name) == (False, "Aviation")

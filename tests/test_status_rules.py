"""Statuses are for commitments; repeating one is a no-op; a mistaken entry can be removed.

Command-line tests run ``coop-tui`` in a subprocess, as a user would; the app's
dialog is driven with Pilot.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from store_support import new_store, one_error, write_release
from store_support import run_cli as run
from test_app_support import SIZE, app_for, screen_text, settle

from store import Status, Store, StoreError

FINANCE_FIRST = "31a5014a9d10"  # a sample commitment (2023, Finance, the first)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store with one synthetic release and no samples."""
    store = new_store(tmp_path)
    return store.path


def ids(db: Path) -> tuple[str, str, list[str]]:
    """The meeting's ID, its first area's and its commitments'."""
    meeting = Store.open(db).meetings()[0]
    return meeting.id, meeting.areas[0].id, [c.id for c in meeting.commitments]


def show(db: Path, target: str) -> dict[str, Any]:
    done = run("show", target, "--json", "--db", db)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def legacy_area_status(store: Store, area_id: str, status: str = "stalled") -> None:
    """What an older coop-tui wrote for ``status AREA stalled`` (it was accepted)."""
    anchor = store.anchor_of(area_id) or {"kind": "area", "text": "", "meeting": None}
    change = {"status": status, "at": "2024-06-01T00:00:00.000Z", "source": None,
              "evidence": "set on the area"}  # fmt: skip
    event = {"op": "status", "target": area_id, "anchor": anchor, "change": change}
    with store.transaction() as tx:
        tx.append([event])


# -- 13: statuses are for commitments ----------------------------------------------
def test_a_status_on_an_area_or_a_meeting_is_refused(db: Path) -> None:
    meeting, area, commitments = ids(db)
    line = one_error(run("status", area, "stalled", "--db", db), "is an area", "commitment")
    assert area in line
    one_error(run("status", meeting[:6], "implemented", "--db", db), "is a meeting")
    assert show(db, area)["history"] == [] and show(db, meeting)["history"] == []
    with pytest.raises(StoreError, match="is an area"):
        Store.open(db).set_status(area, Status.STALLED)
    # tags and notes on areas and meetings are still welcome
    assert run("tag", area, "finance", "--db", db).returncode == 0
    assert run("note", meeting, "on the meeting", "--db", db).returncode == 0
    assert run("status", commitments[0], "stalled", "--db", db).returncode == 0


def test_importing_a_status_on_an_area_skips_it_and_says_so(db: Path, tmp_path: Path) -> None:
    meeting, area, commitments = ids(db)
    change = {"status": "stalled", "at": "2024-06-01T00:00:00.000Z", "source": None,
              "evidence": None}  # fmt: skip
    bundle = {
        "coop-tui": "annotations",
        "format": 1,
        "annotations": [
            {"id": area, "kind": "area", "meeting": {"id": meeting}, "history": [change],
             "tags": ["from-colleague"], "notes": []},
            {"id": commitments[0], "kind": "commitment", "meeting": {"id": meeting},
             "history": [change], "tags": [], "notes": []},
        ],
    }  # fmt: skip
    path = tmp_path / "colleague.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    done = run("import-annotations", path, "--db", db)
    assert done.returncode == 0, done.stderr
    assert "1 on areas or meetings skipped (statuses are for commitments)" in done.stdout
    assert show(db, area)["history"] == [] and show(db, area)["tags"] == ["from-colleague"]
    assert [h["status"] for h in show(db, commitments[0])["history"]] == ["stalled"]


def test_a_status_left_on_an_area_is_not_shown_as_its_status(db: Path, tmp_path: Path) -> None:
    _meeting, area, commitments = ids(db)
    store = Store.open(db)
    store.set_status(commitments[0], "implemented")
    legacy_area_status(store, area)
    report = tmp_path / "report.md"
    assert run("export", "-o", report, "--db", db).returncode == 0
    text = report.read_text(encoding="utf-8")
    section = text[text.index("- Area ID: " + area) :]
    section = section[: section.index("####")]
    assert "compliance +1.00 (1 of 2 rated)" in section  # the score counts commitments only
    assert "Status:" not in section and "**stalled**" not in section
    assert "A status set on this area by an older coop-tui" in section
    # it is offered as an orphan, for a commitment, and can go nowhere else
    done = run("orphans", "--json", "--db", db)
    [orphan] = json.loads(done.stdout)
    assert (orphan["kind"], orphan["old_target_id"]) == ("status", area)
    assert {s["id"] for s in orphan["suggestions"]} == set(commitments[:2])  # the area's own
    one_error(run("reattach", orphan["id"], area, "--db", db), "is an area")
    assert run("reattach", orphan["id"], commitments[1], "--db", db).returncode == 0
    assert show(db, area)["history"] == []
    assert [h["evidence"] for h in show(db, commitments[1])["history"]] == ["set on the area"]


# -- 14: a repeat is a no-op; an entry can be removed --------------------------------
def test_the_same_status_again_is_unchanged(db: Path) -> None:
    cid = ids(db)[2][0]
    assert (
        run("status", cid, "stalled", "--source", "https://a.example", "--db", db).returncode == 0
    )
    done = run("status", cid, "stalled", "--db", db)
    assert done.returncode == 0 and "unchanged" in done.stdout, done
    done = run("status", cid, "stalled", "--source", "https://a.example", "--db", db)
    assert done.returncode == 0 and "unchanged" in done.stdout
    assert len(show(db, cid)["history"]) == 1
    # other evidence is worth an entry; so is another status
    assert run("status", cid, "stalled", "--evidence", "no budget", "--db", db).returncode == 0
    assert run("status", cid, "partial", "--db", db).returncode == 0
    assert [h["status"] for h in show(db, cid)["history"]] == ["stalled", "stalled", "partial"]
    # not rated, never rated: nothing to record either
    other = ids(db)[2][1]
    assert "unchanged" in run("status", other, "not-rated", "--db", db).stdout
    assert show(db, other)["history"] == []


def test_removing_the_last_entry_restores_the_previous_status(db: Path, tmp_path: Path) -> None:
    cid = ids(db)[2][0]
    for status in ("in-progress", "stalled", "implemented"):
        assert run("status", cid, status, "--db", db).returncode == 0
    listing = run("show", cid, "--db", db).stdout
    assert "  1. " in listing and "  3. " in listing and "implemented" in listing
    done = run("status-remove", cid[:6], "--last", "--db", db)
    assert done.returncode == 0, done.stderr
    assert "removed entry 3 (implemented" in done.stdout and "status now: stalled" in done.stdout
    data = show(db, cid)
    assert data["status"] == "stalled"
    assert [h["status"] for h in data["history"]] == ["in-progress", "stalled"]
    done = run("status-remove", cid, "--entry", "1", "--db", db)
    assert done.returncode == 0 and "status now: stalled" in done.stdout
    assert [h["status"] for h in show(db, cid)["history"]] == ["stalled"]
    one_error(run("status-remove", cid, "--entry", "2", "--db", db), "no entry 2", "1 to 1")
    assert run("status-remove", cid, "--last", "--db", db).returncode == 0
    assert show(db, cid)["status"] == "not-rated"
    one_error(run("status-remove", cid, "--last", "--db", db), "no status history")


def test_a_removal_is_journalled_and_kept(db: Path) -> None:
    cid = ids(db)[2][0]
    store = Store.open(db)
    store.set_status(cid, "stalled")
    wrong = store.set_status(cid, "implemented", source="a mistake")
    assert wrong is not None
    assert run("status-remove", cid, "--last", "--db", db).returncode == 0
    lines = [json.loads(line) for line in store.files.journal.read_text().splitlines()[1:]]
    last = lines[-1]  # the removal and its entry in the activity log, one batch line
    [removal, logged] = last["events"]
    assert logged["op"] == "log" and logged["entry"]["kind"] == "status"
    assert removal["op"] == "status-remove" and removal["change"] == wrong.to_dict()
    assert removal["at"] > wrong.at  # when it was removed, to undo it later
    for reopened in (Store.open(db), _compacted(db)):
        assert reopened.annotation(cid).status is Status.STALLED
        assert reopened.removed_status_changes(cid) == [wrong]


def _compacted(db: Path) -> Store:
    Store.open(db).compact()
    return Store.open(db)


def test_exports_leave_out_a_removed_entry_and_a_merge_does_not_bring_it_back(
    db: Path, tmp_path: Path
) -> None:
    cid = ids(db)[2][0]
    assert run("status", cid, "stalled", "--db", db).returncode == 0
    assert run("status", cid, "implemented", "--evidence", "WRONG", "--db", db).returncode == 0
    older = tmp_path / "older.json"  # a colleague's copy, taken before the removal
    assert run("export", "-o", older, "--db", db).returncode == 0
    older_dir = tmp_path / "older-notes"
    assert run("export", "-o", f"{older_dir}/", "--db", db).returncode == 0
    assert run("status-remove", cid, "--last", "--db", db).returncode == 0

    for name in ("now.md", "now.json", "now.csv"):
        assert run("export", "-o", tmp_path / name, "--db", db).returncode == 0
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "WRONG" not in text and "stalled" in text, name
    assert run("export", "-o", f"{tmp_path / 'now-notes'}/", "--db", db).returncode == 0
    notes = "".join(p.read_text() for p in (tmp_path / "now-notes").rglob("*.md"))
    assert "WRONG" not in notes and "stalled" in notes

    for source in (older, older_dir):
        done = run("import-annotations", source, "--db", db)
        assert done.returncode == 0, done.stderr
        assert "1 removed here earlier, not brought back" in done.stdout
        data = show(db, cid)
        assert data["status"] == "stalled" and len(data["history"]) == 1


def test_a_removed_entry_stays_removed_when_the_history_moves(tmp_path: Path) -> None:
    """A re-import that re-attaches a changed commitment's status takes the record of
    what was removed with it."""
    store = new_store(tmp_path)
    meeting = store.meetings()[0]
    cid = meeting.commitments[0].id
    store.set_status(cid, "stalled")
    wrong = store.set_status(cid, "implemented")
    assert wrong is not None
    store.remove_status_change(cid, wrong)
    areas = {name: list(texts) for name, texts in meeting_areas(meeting).items()}
    first = next(iter(areas))
    areas[first][0] = areas[first][0].replace("Encourage", "Encourages")
    store.import_paths([write_release(tmp_path, "edited.txt", areas=areas)])
    [new_id] = [c for c in store.annotations() if c != cid]
    assert store.removed_status_changes(new_id) == [wrong]


def meeting_areas(meeting: Any) -> dict[str, list[str]]:
    return {a.name: [c.text for c in a.commitments] for a in meeting.areas}


def test_setting_the_same_status_in_the_store_writes_nothing(db: Path) -> None:
    store = Store.open(db)
    cid = ids(db)[2][0]
    assert store.set_status(cid, "partial", evidence="half") is not None
    size = store.files.journal.stat().st_size
    assert store.set_status(cid, "partial") is None
    assert store.set_status(cid, "partial", evidence="half") is None
    assert store.files.journal.stat().st_size == size


async def test_the_app_says_unchanged_for_the_same_status(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    Store.open(path).set_status(FINANCE_FIRST, Status.STALLED)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down")  # Finance, then its first commitment
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("enter")  # the current status, highlighted
        await settle(pilot)
        assert "Status unchanged: already stalled" in screen_text(app)
    assert len(Store.open(path).annotation(FINANCE_FIRST).history) == 1


def test_the_record_of_a_removal_outlives_the_targets_last_note(db: Path) -> None:
    cid = ids(db)[2][0]
    store = Store.open(db)
    wrong = store.set_status(cid, "stalled")
    assert wrong is not None
    note = store.add_note(cid, "a note")
    store.remove_status_change(cid, wrong)
    store.delete_note(note.id)  # nothing left on the commitment but the record
    for reopened in (Store.open(db), _compacted(db)):
        assert reopened.annotation(cid).history == []
        assert reopened.removed_status_changes(cid) == [wrong]


async def test_the_app_reattaches_a_status_left_on_an_area(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    store = Store.open(path)
    area = store.meetings()[0].areas[0]
    store.add_tags(area.id, ["area-tag"])
    legacy_area_status(store, area.id)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("tab", "r")
        await settle(pilot)
        assert "Re-attached the orphaned status" in screen_text(app)
        assert app.session.search_index is not None
        found = app.session.search_index.search("tag:area-tag")
        assert [r.target_id for r in found] == [area.id]  # the area keeps its tag
    reopened = Store.open(path)
    assert reopened.annotation(area.id).history == [] and reopened.orphans() == []
    assert reopened.annotation(area.id).tags == ["area-tag"]

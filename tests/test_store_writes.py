"""The store's checked writes (``base``: what an editor read), its lock waits, and the
drafts the app keeps beside it (issue 12 items 1, 2 and 5)."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from filelock import FileLock
from store_support import commitment_ids, new_store

from store import ChangedElsewhere, Status, Store, StoreError
from store.drafts import Draft, Drafts


def two_windows(tmp_path: Path) -> tuple[Store, Store, str]:
    app = new_store(tmp_path)
    other = Store.open(app.path, seed_samples=False)
    return app, other, commitment_ids(app)[0]


def test_a_status_set_elsewhere_refuses_a_write_on_the_old_base(tmp_path: Path) -> None:
    app, other, cid = two_windows(tmp_path)
    base = tuple(app.annotation(cid).history)
    other.set_status(cid, Status.STALLED, source="theirs")
    with pytest.raises(ChangedElsewhere, match=r"changed elsewhere.*now: stalled"):
        app.set_status(cid, Status.IMPLEMENTED, base=base)
    assert [c.status for c in Store.open(app.path).annotation(cid).history] == [Status.STALLED]
    app.set_status(cid, Status.IMPLEMENTED, base=tuple(app.annotation(cid).history))
    assert app.annotation(cid).status is Status.IMPLEMENTED


def test_a_note_edited_elsewhere_keeps_both(tmp_path: Path) -> None:
    app, other, cid = two_windows(tmp_path)
    note = app.add_note(cid, "first")
    other.edit_note(note.id, "theirs")
    written = app.edit_note(note.id, "mine", base=note)
    assert written.id != note.id and written.target_id == cid
    texts = {n.id: n.text for n in Store.open(app.path).annotation(cid).notes}
    assert texts == {note.id: "theirs", written.id: "mine"}
    again = app.edit_note(written.id, "mine, edited", base=written)  # no clash: same note
    assert again.id == written.id


def test_a_note_deleted_elsewhere_keeps_the_edit_as_a_new_note(tmp_path: Path) -> None:
    app, other, cid = two_windows(tmp_path)
    note = app.add_note(cid, "first")
    other.delete_note(note.id)
    written = app.edit_note(note.id, "mine", base=note)
    assert [n.text for n in Store.open(app.path).annotation(cid).notes] == ["mine"]
    assert written.id != note.id


def test_deleting_checks_the_note_as_shown(tmp_path: Path) -> None:
    app, other, cid = two_windows(tmp_path)
    note = app.add_note(cid, "first")
    other.edit_note(note.id, "theirs")
    with pytest.raises(ChangedElsewhere, match="edited elsewhere"):
        app.delete_note(note.id, base=note)
    assert [n.text for n in Store.open(app.path).annotation(cid).notes] == ["theirs"]
    current = app.note(note.id)
    assert current is not None
    other.delete_note(note.id)
    assert app.delete_note(note.id, base=current) is False  # gone already: nothing to do
    with pytest.raises(StoreError, match="no note has ID"):
        app.delete_note(note.id)  # the command line's refusal is unchanged


def test_tags_merge_with_changes_made_elsewhere(tmp_path: Path) -> None:
    app, other, cid = two_windows(tmp_path)
    app.add_tags(cid, ["a", "b"])
    other.change_tags(cid, add=["c"], remove=["a"])
    assert app.change_tags(cid, add=["d"], remove=["b"]) == ["c", "d"]
    assert Store.open(app.path).annotation(cid).tags == ["c", "d"]


def test_a_write_counts_what_it_read_from_others(tmp_path: Path) -> None:
    app, other, cid = two_windows(tmp_path)
    before = app.catch_ups
    app.add_note(cid, "mine")
    assert app.catch_ups == before  # its own write is nothing new
    other.add_note(cid, "theirs")
    app.add_note(cid, "mine again")
    assert app.catch_ups == before + 1


def test_a_waiting_write_leaves_readers_alone_and_can_be_stopped(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    store.lock_timeout = 60
    failed: list[str] = []

    def write() -> None:
        try:
            store.add_note(cid, "waits for the lock")
        except StoreError as exc:
            failed.append(str(exc))

    with FileLock(str(store.files.lock)):
        writer = threading.Thread(target=write)
        writer.start()
        while store.busy_since is None:
            writer.join(0.01)
        assert store.annotation(cid).notes == []  # a read does not wait for the write
        store.stop_waiting()
        writer.join(30)
    assert not writer.is_alive()
    assert failed and "busy" in failed[0] and "stopped waiting" in failed[0]
    assert store.busy_since is None
    assert Store.open(store.path).annotation(cid).notes == []


def test_drafts_are_kept_one_file_each_and_dropped(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    drafts = Drafts(store.files.drafts)
    assert drafts.load() == ([], [])
    note = Draft("note", cid, text="half a thought")
    status = Draft("status", cid, status="stalled", source="src")
    drafts.keep(note)
    drafts.keep(status)
    assert drafts.find("note", cid) == note
    assert drafts.find("note", cid, "some-note") is None
    # kept again under the same ID (as the app does when a kept draft is edited): replaces it
    drafts.keep(replace(Draft("note", cid, why="again", text="a whole thought"), id=note.id))
    loaded, problems = drafts.load()
    assert problems == []
    assert sorted(d.text for d in loaded) == ["", "a whole thought"]
    drafts.drop(note.id)
    drafts.drop(status.id)
    assert not store.files.drafts.exists()  # no empty folder left


def test_an_unreadable_draft_is_reported_and_left_alone(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    folder = store.files.drafts
    folder.mkdir()
    (folder / "bad.json").write_text("{not json", encoding="utf-8")
    bogus = Draft("status", "x", id="bogus", status="no such status").to_dict()
    (folder / "bogus.json").write_text(json.dumps(bogus), encoding="utf-8")
    drafts = Drafts(folder)
    keep = Draft("note", commitment_ids(store)[0], text="kept")
    drafts.keep(keep)
    loaded, problems = drafts.load()
    assert loaded == [keep]
    assert len(problems) == 2 and "bad.json: not a readable draft" in problems[0]
    assert "bogus.json: not a readable draft" in problems[1]
    assert (folder / "bad.json").read_text(encoding="utf-8") == "{not json"


def test_a_draft_already_in_the_store_is_recognised(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    note = Draft("note", cid, text="written after all")
    tags = Draft("tags", cid, add=("x",), remove=("y",))
    status = Draft("status", cid, status="stalled", source="src")
    for draft in (note, tags, status):
        assert not draft.is_saved_in(store.annotation(cid))
    store.add_note(cid, "written after all")
    store.change_tags(cid, add=["x"])
    store.set_status(cid, Status.STALLED, source="src")
    for draft in (note, tags, status):
        assert draft.is_saved_in(store.annotation(cid))

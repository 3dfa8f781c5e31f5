"""Deletions do not come back: a colleague's older copy of a deleted note or removed tag is
skipped, the deletion travels to the colleague, and an edit made after it is kept as a
conflict (issue 12, item 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sharing_support import Researcher
from store_support import new_store

from sharing.export import Filters, json_export, select
from sharing.merge import import_annotations, merge, read_source
from sharing.notes_folder import write_notes_dir
from store import Store, StoreError
from store.annotations import AnnotationState


def _both_have(tmp_path: Path) -> tuple[Researcher, Researcher, str, str]:
    """Anne's note and tag on a commitment, imported by Bob from her JSON export."""
    anne, bob = Researcher(tmp_path, "anne"), Researcher(tmp_path, "bob")
    cid = anne.commitments()[0]
    anne.run("tag", cid, "finance", "keep me")
    anne.run("note", cid, "a note Anne will delete")
    anne.run("note", cid, "a note that stays")
    anne.run("export", "-f", "json", "-o", str(tmp_path / "anne.json"))
    bob.run("import-annotations", str(tmp_path / "anne.json"))
    return anne, bob, cid, anne.note_id(cid, "a note Anne will delete")


@pytest.mark.parametrize("fmt", ["json", "notes-dir"])
def test_a_deleted_note_and_a_removed_tag_do_not_come_back(tmp_path: Path, fmt: str) -> None:
    anne, bob, cid, doomed = _both_have(tmp_path)
    anne.run("note-delete", doomed)
    anne.run("tag", cid, "--remove", "finance")
    bobs = tmp_path / ("bob.json" if fmt == "json" else "bob-notes")
    bob.run("export", "-f", fmt, "-o", str(bobs))  # Bob's copy still has both

    out = anne.run("import-annotations", str(bobs)).stdout
    got = anne.show(cid)
    assert [n["text"] for n in got["notes"]] == ["a note that stays"]
    assert got["tags"] == ["keep me"]
    assert "skipped as deleted: 1 note(s), 1 tag(s)" in out

    # Anne's export carries the deletions: Bob's copies go too
    annes = tmp_path / ("anne2.json" if fmt == "json" else "anne-notes")
    anne.run("export", "-f", fmt, "-o", str(annes))
    out = bob.run("import-annotations", str(annes)).stdout
    got = bob.show(cid)
    assert [n["text"] for n in got["notes"]] == ["a note that stays"]
    assert got["tags"] == ["keep me"]
    assert "deleted here as there: 1 note(s)" in out and "1 removed (removed there)" in out

    # and a third researcher who imports Bob's old copy after Anne's export keeps them deleted
    carol = Researcher(tmp_path, "carol")
    carol.run("import-annotations", str(annes))
    out = carol.run("import-annotations", str(tmp_path / "anne.json")).stdout
    assert [n["text"] for n in carol.show(cid)["notes"]] == ["a note that stays"]
    assert carol.show(cid)["tags"] == ["keep me"]
    assert "skipped as deleted: 1 note(s), 1 tag(s)" in out


def test_a_note_edited_after_its_deletion_is_kept_as_a_conflict(tmp_path: Path) -> None:
    anne, bob, cid, doomed = _both_have(tmp_path)
    anne.run("note-delete", doomed)
    bob.run("note-edit", doomed, "Bob still needs this note")  # after Anne deleted it
    bob.run("export", "-f", "json", "-o", str(tmp_path / "bob.json"))
    anne.run("export", "-f", "json", "-o", str(tmp_path / "anne2.json"))

    out = anne.run("import-annotations", str(tmp_path / "bob.json")).stdout
    assert "Bob still needs this note" in [n["text"] for n in anne.show(cid)["notes"]]
    assert f"conflict kept: 1 note(s) ({doomed}) edited after it was deleted" in out

    out = bob.run("import-annotations", str(tmp_path / "anne2.json")).stdout
    assert "Bob still needs this note" in [n["text"] for n in bob.show(cid)["notes"]]
    assert f"conflict kept: 1 note(s) ({doomed}) deleted there but edited here since" in out


def test_a_tag_added_again_after_its_removal_stays(tmp_path: Path) -> None:
    store = new_store(tmp_path / "a")
    cid = store.meetings()[0].commitments[0].id
    store.add_tags(cid, ["finance"])
    old = tmp_path / "old.json"
    old.write_text(json_export(select(store, Filters()), "T"), "utf-8")
    store.remove_tags(cid, ["finance"])
    assert import_annotations(store, old).tags_skipped == 1
    store.add_tags(cid, ["finance"])  # added again, later than the removal
    newer = tmp_path / "newer.json"
    newer.write_text(json_export(select(store, Filters()), "T"), "utf-8")

    other = new_store(tmp_path / "b")
    import_annotations(other, old)
    summary = import_annotations(other, newer)
    assert other.annotation(cid).tags == ["finance"] and summary.tags_removed == 0
    store.remove_tags(cid, ["finance"])
    assert store.deletions()[-1].by is not None  # the author of the removal


def test_deletions_are_kept_in_the_snapshot_and_a_deleted_conflict_copy_stays_deleted(
    tmp_path: Path,
) -> None:
    store = new_store(tmp_path / "a")
    cid = store.meetings()[0].commitments[0].id
    mine = store.add_note(cid, "mine")
    theirs = {
        "id": mine.id,
        "text": "theirs",
        "created": "2020-01-01T00:00:00.000Z",
        "updated": "2020-01-02T00:00:00.000Z",
    }  # edited elsewhere, not from ours
    record = {"id": cid, "kind": "commitment", "notes": [theirs]}
    bundle = tmp_path / "b.json"
    bundle.write_text(
        json.dumps({"coop-tui": "annotations", "format": 1, "annotations": [record]}), "utf-8"
    )
    assert import_annotations(store, bundle).notes_conflicting == 1
    copy = next(n for n in store.annotation(cid).notes if n.text == "theirs")
    store.delete_note(copy.id)
    store.compact()
    reopened = Store.open(store.path, seed_samples=False)
    assert {d.item for d in reopened.deletions()} == {copy.id}
    summary = import_annotations(reopened, bundle)  # the same version: stays deleted
    assert [n.text for n in reopened.annotation(cid).notes] == ["mine"]
    assert summary.notes_skipped == 1 and summary.notes_conflicting == 0


def test_events_of_older_versions_stay_valid() -> None:
    state = AnnotationState()
    note = {"id": "n1", "target_id": "t", "text": "x", "created": "2020", "updated": "2021"}
    for event in (
        {"op": "tags", "target": "t", "anchor": {}, "add": ["a", "b"], "remove": []},
        {"op": "tags", "target": "t", "anchor": {}, "add": [], "remove": ["a"]},
        {"op": "note", "anchor": {}, "note": note},
        {"op": "note-delete", "id": "n1"},
    ):
        state.apply(event)
    assert state.annotation("t").tags == ["b"] and state.notes == {}
    # a deletion without a time counts from the note's last edit
    [gone] = state.deletions.values()
    assert (gone.what, gone.item, gone.at, gone.by) == ("note", "n1", "2021", None)


def test_a_notes_folder_carries_the_deletions_in_a_file_of_their_own(tmp_path: Path) -> None:
    store = new_store(tmp_path / "a")
    cid = store.meetings()[0].commitments[0].id
    store.delete_note(store.add_note(cid, "gone").id)
    folder = tmp_path / "notes"
    done = write_notes_dir(select(store, Filters()), folder, author="anne")
    assert done.files == [] and [p.name for p in done.others] == [
        "index-anne.md",
        "deleted-anne.md",
    ]
    source = read_source(folder)
    assert [(d.what, d.target) for d in source.deletions] == [("note", cid)]
    other = new_store(tmp_path / "b")
    assert merge(other, source).deletions == 1
    assert [d.item for d in other.deletions()] == [d.item for d in store.deletions()]


def test_a_full_re_export_removes_only_the_authors_own_files_of_what_is_gone(
    tmp_path: Path,
) -> None:
    store = new_store(tmp_path / "a")
    first, second = (c.id for c in store.meetings()[0].commitments[:2])
    note = store.add_note(first, "soon gone")
    store.add_tags(second, ["stays"])
    folder = tmp_path / "notes"
    write_notes_dir(select(store, Filters()), folder, author="anne")
    bob = write_notes_dir(select(store, Filters()), folder, force=True, author="bob")
    [bobs_first] = [p for p in bob.files if first in p.parent.name]

    store.delete_note(note.id)
    only = Filters(tags=("stays",))
    assert write_notes_dir(select(store, only), folder, force=True, author="anne").removed == []
    done = write_notes_dir(select(store, Filters()), folder, force=True, author="anne")
    assert [p.name for p in done.removed] == ["anne.md"] and first in str(done.removed[0])
    assert not (folder / done.removed[0]).exists() and (folder / bobs_first).exists()
    assert (folder / "deleted-anne.md").exists()
    fresh = new_store(tmp_path / "b")
    import_annotations(fresh, folder)  # Bob's old copy of the note: skipped as deleted
    assert fresh.annotation(first).notes == [] and fresh.annotation(second).tags == ["stays"]


def test_two_authors_whose_names_give_one_file_name_do_not_overwrite_each_other(
    tmp_path: Path,
) -> None:
    store = new_store(tmp_path / "a")
    store.add_note(store.meetings()[0].commitments[0].id, "mine")
    folder = tmp_path / "notes"
    done = write_notes_dir(select(store, Filters()), folder, author="Anne Li")
    before = (folder / done.files[0]).read_bytes()
    with pytest.raises(StoreError, match="same file name"):
        write_notes_dir(select(store, Filters()), folder, force=True, author="anne-li")
    assert (folder / done.files[0]).read_bytes() == before


@pytest.mark.parametrize("fmt", ["json", "notes-dir"])
def test_a_removed_status_entry_travels_and_does_not_come_back(tmp_path: Path, fmt: str) -> None:
    """Anne removes a mistaken status entry: her export removes it from Bob's history
    too, and an older copy (Bob's earlier export) does not bring it back to anyone."""
    anne, bob = Researcher(tmp_path, "anne"), Researcher(tmp_path, "bob")
    cid = anne.commitments()[0]
    anne.run("status", cid, "in-progress")
    anne.run("status", cid, "implemented", "--source", "a misread report")
    anne.run("export", "-f", "json", "-o", str(tmp_path / "anne.json"))
    bob.run("import-annotations", str(tmp_path / "anne.json"))
    bob.run("export", "-f", fmt, "-o", str(tmp_path / f"bob-old-{fmt}"))
    assert bob.show(cid)["status"] == "implemented"

    anne.run("status-remove", cid, "--last")
    annes = tmp_path / f"anne2-{fmt}"
    anne.run("export", "-f", fmt, "-o", str(annes))
    out = bob.run("import-annotations", str(annes)).stdout
    got = bob.show(cid)
    assert got["status"] == "in-progress"
    assert [c["status"] for c in got["history"]] == ["in-progress"]
    assert "1 removed here as there" in out

    carol = Researcher(tmp_path, "carol")
    carol.run("import-annotations", str(annes))
    carol.run("import-annotations", str(tmp_path / f"bob-old-{fmt}"))
    assert carol.show(cid)["status"] == "in-progress"
    anne.run("import-annotations", str(tmp_path / f"bob-old-{fmt}"))
    assert anne.show(cid)["status"] == "in-progress"

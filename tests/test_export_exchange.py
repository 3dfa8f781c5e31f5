"""Carrying annotations to a colleague: the notes folder, JSON import, the merge rules."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from export_support import HOSTILE_NOTES, hostile_store
from store_support import new_store, write_release

from sharing.export import Filters, json_export, select
from sharing.merge import import_annotations
from sharing.notes_folder import slug, write_notes_dir
from sharing.notes_reading import read_notes_dir
from store import Status, Store, StoreError


def annotations(store: Store) -> dict[str, dict[str, Any]]:
    """Every annotation; notes in (created, ID) order, as exports list them (notes written
    in the same millisecond have no other order)."""
    out = {}
    for tid, ann in store.annotations().items():
        data = ann.to_dict()
        data["notes"].sort(key=lambda n: (n["created"], n["id"]))
        out[tid] = data
    return out


def empty_store(path: Path) -> Store:
    return Store.open(path / "store.json", seed_samples=False, lock_timeout=5)


def busy_store(tmp_path: Path) -> Store:
    store = hostile_store(tmp_path)
    meeting = store.meetings()[0]
    ids = [c.id for c in meeting.commitments]
    store.set_status(ids[0], "in-progress", source="https://a.example/1", evidence="begun")
    store.set_status(ids[0], "implemented")
    store.add_tags(ids[0], ["finance", "green bonds", "中文"])
    for text in HOSTILE_NOTES:
        if "\r" not in text:  # the folder keeps notes with \n line endings (documented)
            store.add_note(ids[0], text)
    store.set_status(ids[1], "stalled")
    store.add_note(ids[2], "  leading spaces and trailing newline\n")
    store.add_note(meeting.areas[1].id, "an area note")
    store.add_tags(meeting.id, ["meeting tag"])
    edited = store.add_note(ids[3], "draft")
    store.edit_note(edited.id, "final text")
    return store


def export_json(store: Store, path: Path) -> Path:
    path.write_text(json_export(select(store, Filters()), "T"), encoding="utf-8")
    return path


def test_notes_dir_round_trip_into_an_empty_store(tmp_path: Path) -> None:
    source = busy_store(tmp_path / "a")
    folder = tmp_path / "notes"
    written = write_notes_dir(select(source, Filters()), folder, author="Anne").files
    assert len(written) == 6 and all(p.name == "anne.md" for p in written)

    same_corpus = empty_store(tmp_path / "b")
    same_corpus.import_paths([tmp_path / "a" / "hostile.txt"])
    import_annotations(same_corpus, folder)
    assert annotations(same_corpus) == annotations(source)
    assert same_corpus.orphans() == []

    bare = empty_store(tmp_path / "c")  # no meetings at all: everything kept, as orphans
    summary = import_annotations(bare, folder)
    assert annotations(bare) == annotations(source)
    assert summary.orphans == 6
    assert {o.old_target_id for o in bare.orphans()} == set(annotations(source))


def test_json_round_trip_and_second_import_changes_nothing(tmp_path: Path) -> None:
    source = busy_store(tmp_path / "a")
    exported = export_json(source, tmp_path / "export.json")
    target = empty_store(tmp_path / "b")
    target.import_paths([tmp_path / "a" / "hostile.txt"])
    first = import_annotations(target, exported)
    assert first.notes_added == len(source.notes())
    assert annotations(target) == annotations(source)
    journal = target.files.journal.read_bytes()
    again = import_annotations(target, exported)
    assert again.notes_added == again.changes_added == again.tags_added == 0
    assert again.notes_identical == len(source.notes())
    assert target.files.journal.read_bytes() == journal


def _later() -> str:
    """A time after every change made in the test (an import refuses one from the future)."""
    moment = datetime.now(timezone.utc) + timedelta(minutes=5)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _change(status: str, at: str) -> dict[str, Any]:
    return {"status": status, "at": at, "source": None, "evidence": None}


def _bundle(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(
        json.dumps({"coop-tui": "annotations", "format": 1, "annotations": records}),
        encoding="utf-8",
    )
    return path


def _record(cid: str, text: str = "", **fields: Any) -> dict[str, Any]:
    return {"id": cid, "kind": "commitment", "text": text, "meeting": None, **fields}


def test_a_newer_colleague_status_wins_and_yours_stays_in_the_history(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    mine = store.set_status(cid, "in-progress")
    theirs = _change("implemented", _later())
    summary = import_annotations(
        store, _bundle(tmp_path / "b.json", [_record(cid, history=[theirs])])
    )
    ann = store.annotation(cid)
    assert ann.status is Status.IMPLEMENTED
    assert [c.at for c in ann.history] == [mine.at, theirs["at"]]
    assert summary.statuses_changed == 1 and summary.changes_added == 1


def test_an_older_colleague_status_goes_into_the_history_only(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    store.set_status(cid, "stalled")
    mine = store.set_status(cid, "in-progress")
    old = [_change("implemented", "2001-01-01T00:00:00.000Z"),
           _change("partial", "2002-01-01T00:00:00.000Z")]  # fmt: skip
    summary = import_annotations(store, _bundle(tmp_path / "b.json", [_record(cid, history=old)]))
    ann = store.annotation(cid)
    assert ann.status is Status.IN_PROGRESS
    assert [c.status.value for c in ann.history] == [
        "implemented",
        "partial",
        "stalled",
        "in-progress",
    ]
    assert ann.history[-1].at == mine.at
    assert summary.statuses_changed == 0 and summary.changes_added == 2
    assert set(store.annotations()) == {cid}  # no scratch target left behind
    reopened = Store.open(store.path)  # the journal replays to the same thing
    assert reopened.annotation(cid).to_dict() == ann.to_dict()


def test_notes_identical_new_and_edited_differently(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    kept = store.add_note(cid, "same text")
    mine = store.add_note(cid, "my version")
    notes = [
        {"id": "aaaaaaaaaaaa", "text": "same text", "created": "2020-01-01T00:00:00.000Z"},
        {"id": kept.id, "text": "same text", "created": kept.created},
        {"id": mine.id, "text": "their version", "created": mine.created,
         "updated": _later()},
        {"id": "bbbbbbbbbbbb", "text": "brand new", "created": "2021-05-05T10:00:00.000Z",
         "updated": "2021-05-06T10:00:00.000Z"},
    ]  # fmt: skip
    summary = import_annotations(store, _bundle(tmp_path / "b.json", [_record(cid, notes=notes)]))
    assert (summary.notes_identical, summary.notes_added, summary.notes_conflicting) == (2, 1, 1)
    by_text = {n.text: n for n in store.annotation(cid).notes}
    assert set(by_text) == {"same text", "my version", "their version", "brand new"}
    assert by_text["my version"].id == mine.id
    assert by_text["their version"].id != mine.id  # kept beside mine under a new ID
    new = by_text["brand new"]
    assert (new.id, new.created, new.updated) == (
        "bbbbbbbbbbbb", "2021-05-05T10:00:00.000Z", "2021-05-06T10:00:00.000Z",
    )  # fmt: skip


def test_tags_are_added_not_removed(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    store.add_tags(cid, ["mine", "shared"])
    bundle = _bundle(tmp_path / "b.json", [_record(cid, tags=["shared", "theirs"])])
    assert import_annotations(store, bundle).tags_added == 1
    assert store.annotation(cid).tags == ["mine", "shared", "theirs"]


def test_missing_commitment_becomes_an_orphan_with_suggestions(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    meeting = store.meetings()[0]
    target = meeting.commitments[0]
    changed = target.text.replace("green bonds", "blue bonds and sukuk")
    record = _record(
        "0123456789ab",
        changed,
        meeting={"id": meeting.id, "doc": store.corpus.records[meeting.id].doc},
        history=[_change("implemented", "2024-01-01T00:00:00.000Z")],
        notes=[{"id": "cccccccccccc", "text": "theirs", "created": "2024-01-01T00:00:00.000Z"}],
    )
    summary = import_annotations(store, _bundle(tmp_path / "b.json", [record]))
    assert summary.orphans == 1
    orphans = store.orphans()
    assert {o.kind for o in orphans} == {"status", "note"}
    assert all(o.old_target_id == "0123456789ab" and o.old_text == changed for o in orphans)
    assert all(o.suggestions[0][0] == target.id for o in orphans)
    note = next(o for o in orphans if o.kind == "note")
    store.reattach(note.id, target.id)
    assert [n.text for n in store.annotation(target.id).notes] == ["theirs"]


def test_file_names_from_hostile_titles_stay_inside(tmp_path: Path) -> None:
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("a/b\\c:d") == "a-b-c-d"
    assert slug("..") == "untitled" and slug("") == "untitled"
    assert "/" not in slug("/" * 80) and "." not in slug("x.y.z")
    store = new_store(tmp_path, release=False)
    title = "../../escape / Hong Kong and Testland hold first co-operation conference"
    store.import_paths([write_release(tmp_path, "evil.txt", title=title)])
    cid = store.meetings()[0].commitments[0].id
    store.add_note(cid, "inside")
    bundle = _bundle(tmp_path / "b.json", [_record("../../../outside/x", "../../x/..",
                     notes=[{"id": "../n", "text": "orphan", "created": "2024-01-01T00:00:00.000Z"}]
                     )])  # fmt: skip
    import_annotations(store, bundle)
    folder = tmp_path / "out" / "notes"
    (tmp_path / "out").mkdir()
    written = write_notes_dir(select(store, Filters()), folder, author="../../a/..").files
    assert len(written) == 2
    for rel in written:
        assert not rel.is_absolute() and ".." not in rel.parts and len(rel.parts) == 3
        assert (folder / rel).resolve().is_relative_to(folder.resolve())
        assert rel.name == "a.md"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["notes"]
    found = read_notes_dir(folder)
    assert {r["id"] for r in found.records} == {cid, "../../../outside/x"}
    assert found.skipped == []


def test_notes_dir_safety(tmp_path: Path) -> None:
    store = busy_store(tmp_path / "a")
    sel = select(store, Filters())
    with pytest.raises(StoreError, match="no such folder"):
        write_notes_dir(sel, tmp_path / "missing" / "notes")
    folder = tmp_path / "notes"
    write_notes_dir(sel, folder)
    with pytest.raises(StoreError, match="--force"):
        write_notes_dir(sel, folder)
    write_notes_dir(sel, folder, force=True)
    link = tmp_path / "link"
    link.symlink_to(folder)
    with pytest.raises(StoreError, match="symbolic link"):
        write_notes_dir(sel, link, force=True)
    victim = next(folder.rglob("*.md"))
    outside = tmp_path / "outside.md"
    outside.write_text("keep", encoding="utf-8")
    victim.unlink()
    victim.symlink_to(outside)
    with pytest.raises(StoreError, match="symbolic link"):
        write_notes_dir(sel, folder, force=True)
    assert outside.read_text(encoding="utf-8") == "keep"
    assert not [p for p in folder.rglob("*") if ".tmp-" in p.name]


def test_readme_in_a_notes_folder_is_skipped_and_bad_files_refused(tmp_path: Path) -> None:
    store = busy_store(tmp_path / "a")
    folder = tmp_path / "notes"
    write_notes_dir(select(store, Filters()), folder)
    (folder / "README.md").write_text("# Our notes\n", encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "x.md").write_text("---\nnot ours\n", encoding="utf-8")
    target = empty_store(tmp_path / "b")
    skipped = import_annotations(target, folder).skipped
    assert skipped == [f"{folder / 'README.md'} (no coop-tui front matter)"]
    bad = next(folder.glob("*/*/*.md"))
    text = bad.read_text(encoding="utf-8")
    bad.write_text(text.replace("history:", "history: {broken", 1), encoding="utf-8")
    fresh = empty_store(tmp_path / "c")
    with pytest.raises(StoreError, match=str(bad.name)):
        import_annotations(fresh, folder)
    assert fresh.annotations() == {}  # nothing merged when any file is bad


def test_rejects_what_is_not_an_export(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(StoreError, match="not a JSON export"):
        import_annotations(store, other)
    broken = _bundle(tmp_path / "broken.json", [{"id": "x", "history": [{"status": "great"}]}])
    with pytest.raises(StoreError, match=r"annotations\[0\]\.history\[0\]\.status"):
        import_annotations(store, broken)
    newer = tmp_path / "newer.json"
    newer.write_text('{"coop-tui": "annotations", "format": 9, "annotations": []}', "utf-8")
    with pytest.raises(StoreError, match="newer"):
        import_annotations(store, newer)


def test_one_notes_file_can_be_imported_alone(tmp_path: Path) -> None:
    source = busy_store(tmp_path / "a")
    folder = tmp_path / "notes"
    written = write_notes_dir(select(source, Filters()), folder).files
    one = next(folder / p for p in written if p.parent.name.startswith("support-links"))
    target = empty_store(tmp_path / "b")
    summary = import_annotations(target, one)
    assert summary.targets == 1
    [tid] = target.annotations()
    assert annotations(target)[tid] == annotations(source)[tid]

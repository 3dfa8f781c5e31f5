"""A store that is damaged, foreign, newer, locked or unwritable is never made worse."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from filelock import FileLock
from store_support import commitment_ids, new_store, write_release

import store.locking as locking_module
import store.snapshot as snapshot_module
from store import Status, Store, StoreError


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.name != "store.lock"
    }


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"   \n", "is empty"),
        (b'{"_meta": {"1": {"app": "coop-tui", "schema": 1', "is corrupt"),
        (b"\xff\xfe garbage", "is corrupt"),
        (b"[1, 2, 3]", "not a coop-tui store"),
        (b'{"_default": {"1": {"a": 1}}}', "not a coop-tui store"),
    ],
)
def test_unreadable_store_is_refused_and_kept(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "store.json"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=expected) as info:
        Store.open(path)
    message = str(info.value)
    assert str(path) in message and "\n" not in message
    assert path.read_bytes() == content  # never overwritten, never replaced by an empty store
    assert not (tmp_path / "store.corpus.json").exists()


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    data = json.loads(store.path.read_text(encoding="utf-8"))
    data["_meta"]["1"]["schema"] = 99
    store.path.write_text(json.dumps(data), encoding="utf-8")
    before = _snapshot(store.path.parent)
    with pytest.raises(StoreError, match=r"newer version of coop-tui .*upgrade"):
        Store.open(store.path)
    assert _snapshot(store.path.parent) == before


def test_migration_hook_upgrades_and_keeps_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    store.add_note(cid, "kept through the upgrade")
    old_bytes = store.path.read_bytes()
    seen: list[int] = []

    def upgrade(data: dict, events: list) -> tuple[dict, list]:
        seen.append(len(events))
        return data, events

    monkeypatch.setattr(snapshot_module, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(snapshot_module, "MIGRATIONS", {1: upgrade})
    upgraded = Store.open(store.path, seed_samples=False)
    assert seen == [2]  # the note and its entry in the activity log
    assert [n.text for n in upgraded.annotation(cid).notes] == ["kept through the upgrade"]
    assert json.loads(store.path.read_text(encoding="utf-8"))["_meta"]["1"]["schema"] == 2
    assert (store.path.parent / "store.json.schema1.bak").read_bytes() == old_bytes


def test_corrupt_journal_line_is_refused_and_kept(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    store.add_note(cid, "one")
    store.add_note(cid, "two")
    journal = store.files.journal
    lines = journal.read_bytes().split(b"\n")
    lines[1] = b'{"op": "note", "note": {"id": broken'
    journal.write_bytes(b"\n".join(lines))
    before = journal.read_bytes()
    pattern = r"line 2 of the journal is corrupt.*move it and store.journal.mark aside"
    with pytest.raises(StoreError, match=pattern):
        Store.open(store.path)
    assert journal.read_bytes() == before


def test_torn_last_line_is_ignored_then_cut_off(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    store.add_note(cid, "acknowledged")
    with open(store.files.journal, "ab") as f:  # a write killed half-way through
        f.write(b'{"op": "note", "anchor": null, "note": {"id": "abc", "te')
    reader = Store.open(store.path, seed_samples=False)
    assert [n.text for n in reader.annotation(cid).notes] == ["acknowledged"]
    reader.add_note(cid, "after the crash")
    again = Store.open(store.path, seed_samples=False)
    assert [n.text for n in again.annotation(cid).notes] == ["acknowledged", "after the crash"]
    assert b'"te\n' not in store.files.journal.read_bytes()


def test_stale_temp_files_are_ignored_and_removed(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    store.add_note(cid, "safe")
    stale = store.path.parent / ".store.json.tmp-99999-deadbeef"
    stale.write_bytes(b'{"half": ')
    unrelated = store.path.parent / "notes.txt"
    unrelated.write_text("mine", encoding="utf-8")
    again = Store.open(store.path, seed_samples=False)
    assert [n.text for n in again.annotation(cid).notes] == ["safe"]
    assert not stale.exists()
    assert unrelated.exists()


def test_missing_main_file_beside_other_store_files_is_refused(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    store.path.unlink()
    with pytest.raises(StoreError, match=r"missing, but .*restore store.json"):
        Store.open(store.path)
    assert not store.path.exists()


def _fail_with(error: int):
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(error, os.strerror(error))

    return fail


@pytest.mark.parametrize("call", ["write", "fsync", "replace"])
def test_failed_import_leaves_store_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    store.add_note(cid, "precious")
    before = _snapshot(store.path.parent)
    release = write_release(tmp_path, "other.txt", title="Hong Kong and Otherland meet")
    with monkeypatch.context() as m:
        m.setattr(os, call, _fail_with(errno.ENOSPC))
        results = store.import_paths([release])
    assert [r.outcome for r in results] == ["failed"]
    assert "No space left on device" in (results[0].reason or "")
    assert _snapshot(store.path.parent) == before
    assert len(Store.open(store.path, seed_samples=False).meetings()) == 1


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_failed_annotation_write_leaves_files_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    store.add_note(cid, "precious")
    before = _snapshot(store.path.parent)
    with monkeypatch.context() as m:
        m.setattr(os, call, _fail_with(errno.ENOSPC))
        with pytest.raises(StoreError, match=r"No space left on device.*nothing was changed"):
            store.set_status(cid, Status.IMPLEMENTED)
    assert _snapshot(store.path.parent) == before
    assert store.annotation(cid).status is Status.NOT_RATED  # memory agrees with disk
    store.set_status(cid, Status.IMPLEMENTED)  # and the store still works afterwards
    assert Store.open(store.path, seed_samples=False).annotation(cid).status is Status.IMPLEMENTED


def test_partial_append_is_rolled_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    before = store.files.journal.read_bytes()
    real_write = os.write

    def half_then_full(fd: int, data: bytes) -> int:
        if len(data) > 8:
            real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    with monkeypatch.context() as m:
        m.setattr(os, "write", half_then_full)
        with pytest.raises(StoreError):
            store.add_note(cid, "does not fit")
    assert store.files.journal.read_bytes() == before


def test_read_only_directory(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    directory = store.path.parent
    directory.chmod(0o555)
    try:
        if os.access(directory, os.W_OK):
            pytest.skip("running as root: chmod does not stop writes (see the ENOSPC tests)")
        before = _snapshot(directory)
        results = store.import_paths([write_release(tmp_path, "x.txt", title="Other meeting")])
        assert results[0].outcome == "failed" and "writable" in (results[0].reason or "")
        store.set_status(cid, Status.STALLED)  # the journal file itself is still writable
        assert _snapshot(directory) != before
    finally:
        directory.chmod(0o755)


def test_lock_timeout_is_a_clear_error(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    store.lock_timeout = 0.2
    store._lock.file_lock = locking_module._file_lock(store.files.lock, 0.2)
    other = FileLock(str(store.files.lock))
    with other, pytest.raises(StoreError, match=r"busy.*retry"):
        store.add_note(cid, "waits, then gives up")
    store.add_note(cid, "works once the lock is free")


def test_corrupt_corpus_is_refused_then_rebuilt(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    store.add_note(cid, "survives a lost corpus")
    store.files.corpus.write_bytes(b'{"meetings": {"1": ')
    with pytest.raises(StoreError, match=r"corpus is corrupt.*rebuild"):
        Store.open(store.path)
    fixed = Store.open(store.path, seed_samples=False, set_aside_bad_corpus=True)
    assert fixed.set_aside is not None and fixed.set_aside.read_bytes() == b'{"meetings": {"1": '
    results = fixed.rebuild()
    assert [r.outcome for r in results] == ["added"]
    assert [n.text for n in fixed.annotation(cid).notes] == ["survives a lost corpus"]
    assert fixed.orphans() == []

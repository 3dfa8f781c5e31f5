"""Bulk imports write the corpus once per slice of files, and undo a slice whose write fails."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from store_support import AREAS, commitment_ids, new_store, write_release

import store.importer as importing
from store import Store, StoreError
from store.corpus import Corpus


def _releases(directory: Path, count: int) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    return [
        write_release(
            directory,
            f"r{n:03d}.txt",
            title=f"Hong Kong and Place{n} meet",
            date=f"2020-01-{n + 1:02d}",
        )
        for n in range(count)
    ]


def _files(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.name != "store.lock"
    }


def _count_flushes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = Corpus.flush

    def flush(self: Corpus) -> None:
        calls.append(len(self.records))
        original(self)

    monkeypatch.setattr(Corpus, "flush", flush)
    return calls


def test_a_bulk_import_writes_the_corpus_once_per_slice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = new_store(tmp_path, release=False)
    releases = _releases(tmp_path / "in", 12)
    flushes = _count_flushes(monkeypatch)
    results = store.import_paths([tmp_path / "in"])
    assert [r.outcome for r in results] == ["added"] * 12
    assert 1 <= len(flushes) < 12
    reopened = Store.open(store.path, seed_samples=False)
    assert sorted(m.id for m in reopened.meetings()) == sorted(m.id for m in store.meetings())
    assert len(reopened.meetings()) == 12
    assert commitment_ids(reopened) == commitment_ids(store)
    for cid in commitment_ids(store)[:3]:
        assert reopened.locate(cid) == store.locate(cid)
    again = store.import_paths(releases)
    assert [r.outcome for r in again] == ["unchanged"] * 12


def test_slices_end_when_their_time_is_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing, "SLICE_MIN_SECONDS", 0.0)
    monkeypatch.setattr(importing, "SLICE_FLUSH_RATIO", 0.0)
    store = new_store(tmp_path, release=False)
    _releases(tmp_path / "in", 4)
    flushes = _count_flushes(monkeypatch)
    assert [r.outcome for r in store.import_paths([tmp_path / "in"])] == ["added"] * 4
    assert flushes == [1, 2, 3, 4]  # one file per slice: the lock is released in between


def test_a_failed_corpus_write_undoes_its_whole_slice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = new_store(tmp_path)  # one meeting, annotated below
    cid = commitment_ids(store)[0]
    store.add_note(cid, "precious")
    before = _files(store.path.parent)
    meetings_before = [m.id for m in store.meetings()]
    # an update of the annotated meeting (its note moves: journalled) and two new meetings
    changed = {name: [text + " Updated." for text in texts] for name, texts in AREAS.items()}
    new = _releases(tmp_path / "in", 2)
    update = write_release(tmp_path / "in", "update.txt", areas=changed)

    def fail(self: Corpus) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(Corpus, "flush", fail)
        results = store.import_paths([update, *new])
    assert [r.outcome for r in results] == ["failed"] * 3
    assert all("No space left on device" in (r.reason or "") for r in results)
    assert _files(store.path.parent) == before
    assert [m.id for m in store.meetings()] == meetings_before  # memory agrees with disk
    assert [n.text for n in store.annotation(cid).notes] == ["precious"]
    results = store.import_paths([update, *new])  # and the store still works afterwards
    assert [r.outcome for r in results] == ["updated", "added", "added"]
    reopened = Store.open(store.path, seed_samples=False)
    assert len(reopened.meetings()) == 3
    assert [n.text for n in reopened.notes()] == ["precious"]


def test_the_corpus_is_read_a_meeting_at_a_time_and_old_layouts_still_load(
    tmp_path: Path,
) -> None:
    store = new_store(tmp_path, release=False)
    _releases(tmp_path / "in", 3)
    store.import_paths([tmp_path / "in"])
    corpus_file = store.files.corpus
    raw = corpus_file.read_bytes()
    assert raw.count(b"\n") == 4  # a header line, one line per meeting, the end
    whole = json.loads(raw)
    assert store.corpus._read_lines() == whole
    ids = sorted(m.id for m in store.meetings())
    # the single-line layout TinyDB writes (stores from before) is still read
    corpus_file.write_bytes(json.dumps(whole).encode("utf-8"))
    reopened = Store.open(store.path, seed_samples=False)
    assert reopened.corpus._read_lines() is None
    assert sorted(m.id for m in reopened.meetings()) == ids
    # a damaged line is not skipped: the file is read whole and refused as corrupt
    corpus_file.write_bytes(raw.replace(b'"2":{', b'"2":{{', 1))
    with pytest.raises(StoreError, match="corrupt"):
        Store.open(store.path, seed_samples=False)

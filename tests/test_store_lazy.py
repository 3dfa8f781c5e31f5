"""A store opened lazily (``Store.open(lazy=True)``, as the app opens it) shows the same
store as one read whole, decodes a meeting only when asked, and loses nothing."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from store_support import AREAS, new_store, write_release

from store import Status, Store, StoreError
from store.corpus_scan import MeetingSummary


def three_meetings(tmp_path: Path) -> Store:
    store = new_store(tmp_path)
    more = {"Trade": ["Promote trade in services between Hong Kong and Testland."], **AREAS}
    store.import_paths(
        [
            write_release(tmp_path, "b.txt", date="2023-03-02", areas=more),
            write_release(tmp_path, "c.txt", date="2025-07-09", title="Testland delegation visit"),
        ]
    )
    return store


def every_id(store: Store) -> list[str]:
    return [
        target
        for m in store.meetings()
        for target in [m.id, *(a.id for a in m.areas), *(c.id for c in m.commitments)]
    ]


def test_a_lazy_store_is_the_same_store(tmp_path: Path) -> None:
    whole = three_meetings(tmp_path)
    lazy = Store.open(whole.path, seed_samples=False, lazy=True)
    assert not lazy.fully_read
    summaries = lazy.meeting_summaries()
    assert not lazy.fully_read  # the list of meetings decodes none of them
    assert summaries == _summaries(whole)
    assert lazy.meetings() == whole.meetings()
    assert lazy.fully_read
    assert list(lazy.corpus.records) == list(whole.corpus.records)  # file order kept
    assert lazy.corpus.index == whole.corpus.index
    for target in every_id(whole):
        assert lazy.locate(target) == whole.locate(target)


def test_a_meeting_is_decoded_when_asked_for_and_the_rest_in_slices(tmp_path: Path) -> None:
    whole = three_meetings(tmp_path)
    lazy = Store.open(whole.path, seed_samples=False, lazy=True)
    first = lazy.meeting_summaries()[0]
    meeting = lazy.meeting(first.id)
    assert meeting == whole.meeting(first.id)
    assert len(lazy.corpus._records) == 1  # only that one
    area = meeting.areas[0]
    assert lazy.locate(area.id) == whole.locate(area.id)
    assert len(lazy.corpus._records) == 1
    with pytest.raises(StoreError, match="no meeting has ID"):
        lazy.meeting("0" * 12)
    slices = 0
    while lazy.read_corpus(seconds=0):  # at least one meeting per call
        slices += 1
    assert slices == 1 and lazy.fully_read
    assert lazy.meetings() == whole.meetings()


def test_an_unknown_id_decodes_everything_then_is_refused(tmp_path: Path) -> None:
    whole = three_meetings(tmp_path)
    lazy = Store.open(whole.path, seed_samples=False, lazy=True)
    with pytest.raises(StoreError, match="no meeting, area or commitment"):
        lazy.locate("f" * 12)
    assert lazy.fully_read


def test_writes_and_imports_on_a_lazy_store_keep_every_meeting(tmp_path: Path) -> None:
    whole = three_meetings(tmp_path)
    before = whole.meetings()
    lazy = Store.open(whole.path, seed_samples=False, lazy=True)
    target = lazy.meeting(lazy.meeting_summaries()[-1].id).commitments[0].id
    lazy.set_status(target, Status.IMPLEMENTED, evidence="seen")
    lazy.add_note(target, "a note written before the rest was read")
    assert not lazy.fully_read  # an annotation needs only its own meeting
    results = lazy.import_paths([write_release(tmp_path, "d.txt", date="2026-01-05")])
    assert [r.outcome for r in results] == ["added"]
    reopened = Store.open(whole.path, seed_samples=False)
    assert len(reopened.meetings()) == len(before) + 1
    assert all(m in reopened.meetings() for m in before)
    assert reopened.annotation(target).status is Status.IMPLEMENTED
    assert [n.text for n in reopened.annotation(target).notes] == [
        "a note written before the rest was read"
    ]


def test_a_corrupt_meeting_is_reported_when_it_is_read(tmp_path: Path) -> None:
    whole = three_meetings(tmp_path)
    path = whole.files.corpus
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b'"commitments":[', b'"commitments":[{', 1)  # areas broken
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(StoreError, match="corpus is corrupt"):
        Store.open(whole.path, seed_samples=False)
    lazy = Store.open(whole.path, seed_samples=False, lazy=True)
    assert len(lazy.meeting_summaries()) == 3  # the list of meetings is still readable
    with pytest.raises(StoreError, match=r"corpus is corrupt.*rebuild"):
        lazy.meetings()


def test_a_corpus_laid_out_otherwise_is_read_whole(tmp_path: Path) -> None:
    whole = three_meetings(tmp_path)
    path = whole.files.corpus
    path.write_bytes(path.read_bytes().replace(b"\n", b""))  # the same JSON, one line
    lazy = Store.open(whole.path, seed_samples=False, lazy=True)
    assert lazy.fully_read
    assert lazy.meetings() == whole.meetings()
    assert lazy.meeting_summaries() == _summaries(whole)


def test_a_record_laid_out_otherwise_gets_its_summary_from_the_whole_record(
    tmp_path: Path,
) -> None:
    whole = three_meetings(tmp_path)
    path = whole.files.corpus
    lines = path.read_bytes().split(b"\n")
    key, _, record = lines[1].rstrip(b",").partition(b":")
    doc = json.loads(record)
    meeting = doc["meeting"]
    doc["meeting"] = {"id": meeting["id"], "areas": meeting["areas"], **meeting}  # areas first
    lines[1] = key + b":" + json.dumps(doc, separators=(",", ":")).encode() + b","
    path.write_bytes(b"\n".join(lines))
    lazy = Store.open(whole.path, seed_samples=False, lazy=True)
    assert not lazy.fully_read
    assert lazy.meeting_summaries() == _summaries(whole)
    assert lazy.meetings() == whole.meetings()


def test_reading_in_the_background_while_another_thread_asks(tmp_path: Path) -> None:
    whole = three_meetings(tmp_path)
    ids = every_id(whole)
    for _ in range(20):
        lazy = Store.open(whole.path, seed_samples=False, lazy=True)
        errors: list[BaseException] = []

        def read_rest(store: Store = lazy, errors: list[BaseException] = errors) -> None:
            try:
                while store.read_corpus(seconds=0):
                    pass
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        reader = threading.Thread(target=read_rest)
        reader.start()
        found = [lazy.locate(target) for target in reversed(ids)]
        reader.join()
        assert not errors
        assert found == [whole.locate(target) for target in reversed(ids)]
        assert lazy.meetings() == whole.meetings()


def test_the_meeting_list_comes_from_the_index_in_the_first_line(tmp_path: Path) -> None:
    """Opening reads the corpus's first line only (its index of summaries and record
    spans); each record is read from the file when its meeting is wanted."""
    whole = three_meetings(tmp_path)
    first_line = whole.files.corpus.read_bytes().split(b"\n", 1)[0]
    assert b'"index":[' in first_line
    lazy = Store.open(whole.path, seed_samples=False, lazy=True)
    found = lazy.corpus._scan
    assert found is not None and found.raw is None  # nothing read but the first line
    assert lazy.meeting_summaries() == _summaries(whole)
    assert lazy.meetings() == whole.meetings()
    assert lazy.corpus._scan is None and found.file is not None and found.file.closed


def test_a_corpus_without_an_index_is_scanned(tmp_path: Path) -> None:
    """A corpus written before the index existed opens lazily as before."""
    whole = three_meetings(tmp_path)
    path = whole.files.corpus
    head, rest = path.read_bytes().split(b"\n", 1)
    meta = json.loads(head[: -len(b',"meetings":{')] + b"}")
    del meta["_meta"]["1"]["index"]
    path.write_bytes(json.dumps(meta).encode()[:-1] + b',"meetings":{\n' + rest)
    lazy = Store.open(whole.path, seed_samples=False, lazy=True)
    found = lazy.corpus._scan
    assert found is not None and found.raw is not None
    # an older file's records are read up to their areas: when imported is not known
    assert lazy.meeting_summaries() == [s._replace(imported="") for s in _summaries(whole)]
    assert lazy.meetings() == whole.meetings()


def test_an_index_that_does_not_fit_its_records_falls_back_to_scanning(tmp_path: Path) -> None:
    """A record moved by a hand edit (the same JSON, one more space) is still found."""
    whole = three_meetings(tmp_path)
    path = whole.files.corpus
    lines = path.read_bytes().split(b"\n")
    key, _, record = lines[1].partition(b":")
    lines[1] = key + b": " + record
    path.write_bytes(b"\n".join(lines))
    lazy = Store.open(whole.path, seed_samples=False, lazy=True)
    assert not lazy.fully_read
    assert lazy.meetings() == whole.meetings()
    for target in every_id(whole):
        assert lazy.locate(target) == whole.locate(target)


def test_a_corpus_replaced_meanwhile_is_read_as_it_was_opened(tmp_path: Path) -> None:
    """Another process imports while the app is still reading: the meetings not read
    yet come from the file as it was opened (not from the new file at old offsets),
    and the next refresh shows the new meeting."""
    whole = three_meetings(tmp_path)
    before = whole.meetings()
    lazy = Store.open(whole.path, seed_samples=False, lazy=True)
    other = Store.open(whole.path, seed_samples=False)
    other.import_paths([write_release(tmp_path, "a-first.txt", date="2020-01-02")])
    assert lazy.meeting(before[-1].id) == before[-1]
    found = lazy.corpus._scan
    assert found is not None and found.raw is None  # read where the index said: no rescan
    assert lazy.meetings() == before
    assert lazy.refresh()
    assert len(lazy.meetings()) == len(before) + 1


def _summaries(store: Store) -> list[MeetingSummary]:
    """What a store decoded whole lists of its meetings (with when each was imported)."""
    return [MeetingSummary.of(m, store.corpus.records[m.id].imported) for m in store.meetings()]

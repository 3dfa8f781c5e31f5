"""What a large store keeps in memory is kept once: the snapshot's records read a piece
at a time into the same annotations as read whole, and an anchor sharing its
commitment's text with the corpus changes nothing anyone sees."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from store import Status, Store, jsonload


def _store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "store.json", lock_timeout=5)  # the samples imported
    assert store.meetings()
    return store


def test_anchors_share_the_corpus_text_and_nothing_seen_changes(tmp_path: Path) -> None:
    store = _store(tmp_path)
    commitments = [c for m in store.meetings() for a in m.areas for c in a.commitments]
    first, second = commitments[0], commitments[1]
    store.set_status(first.id, Status.IMPLEMENTED)
    store.set_status(second.id, Status.STALLED)
    store.add_note(second.id, "checked with the 2025 report")

    reopened = Store.open(tmp_path / "store.json", lock_timeout=5)
    before = {t: reopened.annotation(t) for t in (first.id, second.id)}
    anchors = {t: reopened._files.state.targets[t].anchor for t in (first.id, second.id)}
    decoded = [anchors[first.id]["text"], anchors[second.id]["text"]]
    assert decoded[0] is not first.text and decoded[1] is not second.text  # two copies
    assert reopened.share_texts() == 2
    for target, commitment in ((first.id, first), (second.id, second)):
        kept = reopened._files.state.targets[target].anchor["text"]
        corpus_text = reopened.locate(target)[2]
        assert corpus_text is not None and kept is corpus_text.text  # one copy
        assert kept == commitment.text
        assert reopened.annotation(target) == before[target]
    assert reopened.share_texts() == 0  # nothing left to share


def test_an_anchor_whose_text_differs_keeps_its_own(tmp_path: Path) -> None:
    """An annotation made on an earlier text (its anchor says so) is not given the
    corpus's text: the anchor is what finds it again after a re-import."""
    store = _store(tmp_path)
    commitment = store.meetings()[0].areas[0].commitments[0]
    store.set_status(commitment.id, Status.PARTIAL)
    record = store._files.state.targets[commitment.id]
    record.anchor = {**record.anchor, "text": "an earlier wording of the commitment"}
    assert store.share_texts() == 0
    assert record.anchor["text"] == "an earlier wording of the commitment"


def test_a_large_snapshot_read_in_pieces_gives_the_same_annotations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(tmp_path)
    targets = [c.id for m in store.meetings() for a in m.areas for c in a.commitments]
    statuses = [Status.IMPLEMENTED, Status.STALLED, Status.PARTIAL, Status.IN_PROGRESS]
    for n, target in enumerate(targets):
        store.set_status(target, statuses[n % len(statuses)])
    store.add_tags(targets[3], ["budget"])
    store.compact()  # the records in store.json, not only in the journal
    expected = Store.open(tmp_path / "store.json", lock_timeout=5).annotations()
    calls: list[bool] = []
    real = jsonload._decode_sliced

    def sliced(raw: bytes, *args: object) -> object:
        found = real(raw, *args)  # type: ignore[arg-type]
        calls.append(found is not None)
        return found

    monkeypatch.setattr(jsonload, "SLICE_CHARS", 2000)
    monkeypatch.setattr(jsonload, "_decode_sliced", sliced)
    pieces = Store.open(tmp_path / "store.json", lock_timeout=5)
    assert any(calls), "the snapshot was not read in pieces"
    assert pieces.annotations() == expected
    assert len(expected) == len(targets)


def test_a_sources_text_is_extracted_once_while_it_is_asked_for_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The source view and `fix add` ask for a release's text each time; a PDF's takes most
    of a second to extract: the store keeps the last few it read (by the source's hash, so
    never a stale one)."""
    import parsers

    store = _store(tmp_path)
    meetings = store.meetings()
    calls: list[str] = []
    real = parsers.source_text

    def counted(data: bytes, name: str) -> str:
        calls.append(name)
        return real(data, name)

    monkeypatch.setattr(parsers, "source_text", counted)
    first = store.source_text(meetings[0].id)
    assert store.source_text(meetings[0].id) == first and len(calls) == 1
    second = store.source_text(meetings[1].id)
    assert second != first and len(calls) == 2
    assert store.source_text(meetings[0].id) == first and len(calls) == 2


def test_texts_are_shared_a_slice_at_a_time_leaving_the_store_free_between(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app shares the texts while the screen runs: between slices the store is free
    (another thread reads and writes it), and a status set then is kept."""
    from store import shared_texts

    store = _store(tmp_path)
    commitments = [c for m in store.meetings() for a in m.areas for c in a.commitments]
    for c in commitments[:5]:
        store.set_status(c.id, Status.PARTIAL)
    reopened = Store.open(tmp_path / "store.json", lock_timeout=5)
    monkeypatch.setattr(shared_texts, "SLICE", 2)
    seen: list[Status] = []

    def pause() -> None:  # the screen, on its own thread, while the texts are shared
        def screen() -> None:
            reopened.set_status(commitments[6].id, Status.STALLED)
            seen.append(reopened.annotation(commitments[6].id).status)

        worker = threading.Thread(target=screen)
        worker.start()
        worker.join(timeout=10)
        assert not worker.is_alive(), "the store was held between slices"

    assert reopened.share_texts(pause) == 5
    assert seen and all(s is Status.STALLED for s in seen)
    assert reopened.annotation(commitments[6].id).status is Status.STALLED
    assert reopened.annotation(commitments[0].id).status is Status.PARTIAL

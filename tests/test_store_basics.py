"""The store's API: statuses, tags, notes, prefixes, Unicode, paths, samples, refresh."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_support import commitment_ids, new_store

import store.snapshot as snapshot_module
from store import Status, Store, StoreError, compliance_score, default_db_path, resolve_db_path
from tui.commands.ids import resolve_id

ROOT = Path(__file__).resolve().parent.parent


def test_status_vocabulary_labels_and_compliance() -> None:
    assert [s.value for s in Status] == [
        "not-rated", "in-progress", "stalled", "partial", "implemented", "not-implemented",
    ]  # fmt: skip
    assert Status.PARTIAL.label == "partially implemented"
    assert Status.NOT_RATED.label == "not yet rated"
    assert Status.IMPLEMENTED.compliance == 1
    assert Status.PARTIAL.compliance == 0 and Status.IN_PROGRESS.compliance == 0
    assert Status.STALLED.compliance == -1 and Status.NOT_IMPLEMENTED.compliance == -1
    assert Status.NOT_RATED.compliance is None
    assert Status.parse("Partially implemented") is Status.PARTIAL
    assert compliance_score([Status.IMPLEMENTED, Status.STALLED, Status.NOT_RATED]) == 0
    assert compliance_score([Status.NOT_RATED]) is None


def test_db_path_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COOP_TUI_DB", str(tmp_path / "env.json"))
    assert resolve_db_path(str(tmp_path / "cli.json")) == tmp_path / "cli.json"
    assert resolve_db_path(None) == tmp_path / "env.json"
    monkeypatch.delenv("COOP_TUI_DB")
    assert resolve_db_path(None) == default_db_path()
    assert default_db_path().name == "store.json"
    assert "coop-tui" in default_db_path().parts


def test_new_store_gets_the_samples_and_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "dir" / "store.json"
    store = Store.open(path)
    assert all(r.outcome == "added" for r in store.seed_results), store.seed_results
    titles = [m.date for m in store.meetings()]
    assert titles == ["2023-06-26", "2025-04-24"]  # by date
    reopened = Store.open(path)
    assert reopened.seed_results == []  # not imported twice
    assert len(reopened.meetings()) == 2
    sample = reopened.meetings()[0]
    assert "Zhejiang" in reopened.source_text(sample.id)


def test_status_history_tags_and_notes_persist(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    store.set_status(cid, Status.IN_PROGRESS, source="https://example.org/a", evidence="budget")
    store.set_status(cid, "implemented")
    assert store.add_tags(cid, ["finance", "green bonds", "finance"]) == ["finance", "green bonds"]
    assert store.remove_tags(cid, ["finance"]) == ["green bonds"]
    note = store.add_note(cid, "**First** note")
    edited = store.edit_note(note.id, "**First** note, revised")
    second = store.add_note(cid, "second")
    store.delete_note(second.id)

    again = Store.open(store.path, seed_samples=False)
    ann = again.annotation(cid)
    assert ann.status is Status.IMPLEMENTED
    assert [c.status for c in ann.history] == [Status.IN_PROGRESS, Status.IMPLEMENTED]
    assert ann.history[0].source == "https://example.org/a"
    assert ann.history[0].evidence == "budget"
    assert ann.history[0].at.endswith("Z")
    assert ann.tags == ["green bonds"]
    assert [(n.id, n.text) for n in ann.notes] == [(note.id, "**First** note, revised")]
    assert ann.notes[0].created == note.created and ann.notes[0].updated == edited.updated
    assert again.all_tags() == ["green bonds"]
    assert list(again.annotations()) == [cid]


def test_unannotated_target_reads_as_not_rated(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    ann = store.annotation(commitment_ids(store)[1])
    assert ann.status is Status.NOT_RATED and ann.history == [] and ann.notes == []


def test_notes_on_areas_and_meetings(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    meeting = store.meetings()[0]
    store.add_note(meeting.id, "on the meeting")
    store.add_note(meeting.areas[0].id, "on the area")
    m, a, c = store.locate(meeting.areas[0].id)
    assert (m.id, a.id if a else None, c) == (meeting.id, meeting.areas[0].id, None)
    assert [n.text for n in store.notes()] == ["on the meeting", "on the area"]
    reopened = Store.open(store.path)  # the order survives a reload (and a compaction)
    assert [n.text for n in reopened.notes()] == ["on the meeting", "on the area"]
    reopened.compact()
    assert [n.text for n in Store.open(store.path).notes()] == ["on the meeting", "on the area"]


def test_bad_annotations_are_refused(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    with pytest.raises(StoreError, match="not a status"):
        store.set_status(cid, "done-ish")
    with pytest.raises(StoreError, match="no meeting, area or commitment"):
        store.set_status("0123456789ab", Status.STALLED)
    with pytest.raises(StoreError, match="empty"):
        store.add_note(cid, "   \n")
    with pytest.raises(StoreError, match="not valid Unicode"):
        store.add_note(cid, "bad \udcff bytes")
    with pytest.raises(StoreError, match="no note"):
        store.edit_note("nosuchnote", "x")
    assert store.annotations() == {}


def test_prefix_resolution(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    ids = commitment_ids(store)
    assert resolve_id(store, ids[0][:8]) == ids[0]
    assert resolve_id(store, ids[0].upper()) == ids[0]
    with pytest.raises(StoreError, match="no meeting, area or commitment ID starts with"):
        resolve_id(store, "zzzz")
    everything = [m.id for m in store.meetings()] + ids
    shared = next(
        (p for p in "0123456789abcdef" if sum(i.startswith(p) for i in everything) > 1), None
    )
    if shared is not None:
        with pytest.raises(StoreError, match="ambiguous") as info:
            resolve_id(store, shared)
        assert "give more characters" in str(info.value)
    with pytest.raises(StoreError):
        resolve_id(store, "   ")


TEXTS = [
    "合作備忘錄：兩地將加強金融合作。",
    "Great news 🎉🚀 👩🏽‍🔬 flags 🇭🇰",
    "مرحبا بالعالم — שלום עולם",
    "e\u0301 vs \u00e9, a\u030a, Z\u0336\u0335",
    "tabs\tand\nnew\r\nlines, NUL-free \u200b zero width \ufeff BOM",
]


def test_unicode_round_trips_exactly(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    made = [store.add_note(cid, text).id for text in TEXTS]
    store.add_tags(cid, ["金融", "🌱 green", "עברית"])
    store.set_status(cid, Status.PARTIAL, source="《人民日報》", evidence="نص")
    store.compact()  # through the snapshot as well as the journal
    store.add_note(cid, TEXTS[0] + " (after compaction)")
    again = Store.open(store.path, seed_samples=False)
    texts = {n.id: n.text for n in again.annotation(cid).notes}
    assert [texts[i] for i in made] == TEXTS
    assert again.annotation(cid).tags == ["金融", "🌱 green", "עברית"]
    assert again.annotation(cid).history[0].source == "《人民日報》"
    raw = store.path.read_text(encoding="utf-8")
    assert "合作備忘錄" in raw  # stored as UTF-8, not \\u escapes


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(st.characters(blacklist_categories=["Cs"]), min_size=1).filter(str.strip))
def test_any_note_text_round_trips(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    store = new_store(tmp_path_factory.mktemp("prop"))
    cid = commitment_ids(store)[0]
    note = store.add_note(cid, text)
    assert Store.open(store.path, seed_samples=False).annotation(cid).notes[0].text == text
    assert note.text == text


def test_second_instance_sees_changes_on_refresh_and_never_overwrites(tmp_path: Path) -> None:
    app = new_store(tmp_path)
    cli = Store.open(app.path, seed_samples=False)
    cid = commitment_ids(app)[0]
    cli.add_note(cid, "from the command line")
    assert app.annotation(cid).notes == []  # not yet seen
    assert app.refresh() is True
    assert [n.text for n in app.annotation(cid).notes] == ["from the command line"]
    assert app.refresh() is False
    app.add_note(cid, "from the app")  # a write catches up first, keeping the other's note
    cli.add_note(cid, "from the command line again")
    final = Store.open(app.path, seed_samples=False).annotation(cid).notes
    assert [n.text for n in final] == [
        "from the command line", "from the app", "from the command line again",
    ]  # fmt: skip


def test_compaction_keeps_everything_and_other_instances_follow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot_module, "COMPACT_MIN_BYTES", 2048)
    a = new_store(tmp_path)
    b = Store.open(a.path, seed_samples=False)
    cid = commitment_ids(a)[0]
    for i in range(60):
        (a if i % 2 else b).add_note(cid, f"note {i} " + "x" * 40)
    a.refresh()
    assert a._files.generation > 0  # it was compacted on the way ...
    header = json.loads(a.files.journal.read_text(encoding="utf-8").splitlines()[0])
    assert header["generation"] == a._files.generation  # ... and the journal restarted
    for s in (a, b, Store.open(a.path, seed_samples=False)):
        s.refresh()
        assert [n.text.split(" x")[0] for n in s.annotation(cid).notes] == [
            f"note {i}" for i in range(60)
        ]


def test_thread_safety_of_writes(tmp_path: Path) -> None:
    import threading

    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]

    def work(k: int) -> None:
        for i in range(20):
            store.add_note(cid, f"{k}-{i}")

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    texts = {n.text for n in Store.open(store.path, seed_samples=False).annotation(cid).notes}
    assert texts == {f"{k}-{i}" for k in range(4) for i in range(20)}

"""Undo, redo and the activity log in the store: every kind of change, across restarts and
compaction, and never over another process's later change."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import new_store

from sharing.export import ExportRequest, export_to_path
from sharing.merge import import_annotations
from store import Store
from store.errors import ChangedElsewhere, ErrorKind, StoreError
from store.model import Note, now_iso


@pytest.fixture(autouse=True)
def _author(monkeypatch: pytest.MonkeyPatch) -> None:
    _as(monkeypatch, "alice")


def _as(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Write as ``name`` from now on (as ``--author NAME`` does for a process)."""
    monkeypatch.setattr("store.author._author", name)


def _reopen(store: Store) -> Store:
    return Store.open(store.path, seed_samples=False, lock_timeout=5)


def _first(store: Store) -> str:
    return store.meetings()[0].commitments[0].id


def test_undo_and_redo_a_status_across_a_restart(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = _first(store)
    store.set_status(cid, "in-progress")
    store.set_status(cid, "implemented")
    again = _reopen(store)
    assert again.undo().summary == f"set the status of {cid} to implemented"
    assert _reopen(store).annotation(cid).status.value == "in-progress"
    third = _reopen(store)
    third.redo()
    assert _reopen(store).annotation(cid).status.value == "implemented"
    kinds = [(e.kind, e.undone) for e in _reopen(store).log()]
    assert kinds == [("redo", False), ("undo", False), ("status", False), ("status", False)]


def test_undo_brings_back_a_deleted_note_and_an_edit(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = _first(store)
    note = store.add_note(cid, "first words")
    store.edit_note(note.id, "second words")
    store.delete_note(note.id)
    assert store.annotation(cid).notes == []
    store.undo()
    assert [n.text for n in _reopen(store).annotation(cid).notes] == ["second words"]
    store.undo()
    assert [n.text for n in store.annotation(cid).notes] == ["first words"]
    store.undo()
    assert store.annotation(cid).notes == []
    store.redo()
    assert [n.text for n in _reopen(store).annotation(cid).notes] == ["first words"]


def test_undo_of_tags_takes_back_only_what_the_change_did(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = _first(store)
    store.add_tags(cid, ["keep"])
    store.change_tags(cid, add=["new"], remove=["keep"])
    store.undo()
    assert store.annotation(cid).tags == ["keep"]


def test_undo_of_each_correction_restores_the_parse(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    parsed = store.meetings()[0].to_dict()
    meeting = store.meetings()[0]
    finance, aviation = meeting.areas
    one, two = aviation.commitments
    store.set_status(two.id, "stalled")
    store.rename_area(finance.id, "Money")
    store.correct_meeting(meeting.id, place="Macao", title="Another title")
    store.move_commitment(finance.commitments[1].id, new_area="Treasury")
    store.split_commitment(finance.commitments[0].id, "and to issue")
    store.merge_commitments(one.id, two.id)
    store.exclude_commitment(one.id)
    assert store.meetings()[0].to_dict() != parsed
    for _ in range(6):
        store.undo()
    assert _reopen(store).meetings()[0].to_dict() == parsed
    assert store.annotation(two.id).status.value == "stalled"  # back from the merge
    assert store.annotation(one.id).history == []


def test_nothing_to_undo_and_redo_cleared_by_a_new_change(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    with pytest.raises(StoreError) as caught:
        store.undo()
    assert caught.value.kind is ErrorKind.NOTHING_TO_UNDO
    cid = _first(store)
    store.set_status(cid, "partial")
    store.undo()
    store.add_tags(cid, ["later"])
    with pytest.raises(StoreError, match="nothing to redo"):
        store.redo()


def test_undo_refuses_over_another_process_s_later_change_and_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = new_store(tmp_path)
    cid = _first(store)
    store.set_status(cid, "in-progress")
    _as(monkeypatch, "bob")
    _reopen(store).set_status(cid, "stalled")  # another window, another author
    _as(monkeypatch, "alice")
    with pytest.raises(ChangedElsewhere, match=r"changed since by bob at .*set the status"):
        store.undo()
    assert _reopen(store).annotation(cid).status.value == "stalled"


def test_undo_takes_the_author_s_own_latest_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = new_store(tmp_path)
    first, second = store.meetings()[0].commitments[:2]
    store.set_status(first.id, "partial")
    _as(monkeypatch, "bob")
    store.set_status(second.id, "implemented")
    _as(monkeypatch, "alice")
    undone = store.undo()
    assert undone.targets == [first.id]
    assert store.annotation(second.id).status.value == "implemented"


def test_the_history_lasts_through_compaction(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = _first(store)
    store.add_note(cid, "before compaction")
    store.compact()
    assert len(_reopen(store).log()) == 1
    _reopen(store).undo()
    assert _reopen(store).annotation(cid).notes == []


def test_an_import_of_annotations_is_undone_as_one_step(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    other = new_store(tmp_path / "colleague")
    ids = [c.id for c in other.meetings()[0].commitments]
    for cid in ids:
        other.set_status(cid, "implemented")
    other.add_note(ids[0], "theirs")
    export = tmp_path / "theirs.json"
    export_to_path(other, ExportRequest(export, "json"))
    import_annotations(store, export)
    assert all(store.annotation(c).status.value == "implemented" for c in ids)
    assert store.log()[0].kind == "import-annotations"
    store.undo()
    assert all(store.annotation(c).history == [] for c in ids)
    assert store.annotation(ids[0]).notes == []


def test_a_window_undoes_its_own_change_not_another_window_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two windows of one researcher: each window's undo (``here``) takes its own latest
    change; the command line's (author-wide) takes the latest of either."""
    store = new_store(tmp_path)
    first, second = store.meetings()[0].commitments[:2]
    store.set_status(first.id, "partial")  # this window
    monkeypatch.setattr("store.history.SESSION", "other-window")
    _reopen(store).set_status(second.id, "stalled")  # the other window, later
    monkeypatch.setattr("store.history.SESSION", "this-window-again")
    store.refresh()
    assert store.log()[0].targets == [second.id]
    # this process's marks changed: it made nothing under its new mark, so its undo
    # goes to the author's latest change (as after a restart)
    assert store.can_undo(here=True) is True
    assert store.undo().targets == [second.id]  # author-wide: the latest
    monkeypatch.undo()
    assert store.undo(here=True).targets == [first.id]


def test_undoing_a_split_is_refused_while_its_new_part_is_annotated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Withdrawing the split would leave a colleague's note on nothing: refused, naming
    the note; once the note is gone the split can be undone."""
    store = new_store(tmp_path)
    c = store.meetings()[0].commitments[0]
    _first, second = store.split_commitment(c.id, "and to issue green bonds")
    _as(monkeypatch, "bob")
    note = _reopen(store).add_note(second, "on the second part")
    _as(monkeypatch, "alice")
    with pytest.raises(
        ChangedElsewhere, match=rf"{second}, which it made, was annotated since by bob"
    ):
        store.undo()
    assert [n.text for n in _reopen(store).annotation(second).notes] == ["on the second part"]
    _as(monkeypatch, "bob")
    _reopen(store).delete_note(note.id)  # bob takes his note back
    _as(monkeypatch, "alice")
    store.refresh()
    assert store.undo().kind == "correction"
    assert [c.id for c in store.meetings()[0].commitments].count(second) == 0


def test_an_annotation_on_a_commitment_merged_away_is_an_orphan(tmp_path: Path) -> None:
    """A colleague's import put a note on a commitment merged away here: it is listed as an
    orphan (not lost in no listing)."""
    store = new_store(tmp_path)
    one, two = store.meetings()[0].areas[1].commitments
    store.merge_commitments(one.id, two.id)
    with store.transaction() as tx:  # as an import writes it: straight onto the old ID
        now = now_iso()
        note = Note("feedbeef0001", two.id, "theirs", now, now)
        tx.append([{"op": "note", "anchor": tx.anchor(one.id), "note": note.to_dict()}])
    assert [(o.kind, o.old_target_id) for o in store.orphans()] == [("note", two.id)]


def test_undoing_a_merge_moves_its_notes_back_unedited(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    one, two = store.meetings()[0].areas[1].commitments
    note = store.add_note(two.id, "on the second")
    store.merge_commitments(one.id, two.id)
    assert [n.id for n in store.annotation(one.id).notes] == [note.id]
    store.undo()
    [back] = _reopen(store).annotation(two.id).notes
    assert (back.id, back.text, back.updated, back.prior) == (note.id, note.text, note.updated, [])


def test_a_window_s_undo_goes_on_to_the_author_s_earlier_changes_after_a_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app restarted (a new process) has made nothing yet: Ctrl+Z takes the
    researcher's latest change from before, as the history lasts across restarts."""
    store = new_store(tmp_path)
    cid = _first(store)
    store.set_status(cid, "partial")
    monkeypatch.setattr("store.history.SESSION", "after-a-restart")
    again = _reopen(store)
    assert again.undo(here=True).targets == [cid]
    assert again.redo(here=True).targets == [cid]


def test_a_refused_undo_can_be_passed_over_for_the_change_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = new_store(tmp_path)
    first, second = store.meetings()[0].commitments[:2]
    store.set_status(first.id, "partial")
    store.set_status(second.id, "partial")
    _as(monkeypatch, "bob")
    _reopen(store).set_status(second.id, "stalled")
    _as(monkeypatch, "alice")
    with pytest.raises(ChangedElsewhere) as refused:
        store.undo()
    blocked = refused.value.facts["change"]
    assert store.undo(skip={blocked}).targets == [first.id]
    assert store.annotation(second.id).status.value == "stalled"

"""The session (the open store, the search index, the lineage, the drafts, the queue of
writes) driven as the app drives it, without Textual: it is a core package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from session import Session
from store import ChangedElsewhere, Status, Store
from tui.changes import AddNote, EditTags, SetStatus

ROOT = Path(__file__).resolve().parent.parent


def opened(tmp_path: Path) -> tuple[Session, str]:
    """A session on a store of the sample agreements, read whole and indexed, and the
    ID of its first commitment."""
    path = tmp_path / "store.json"
    Store.open(path)
    session = Session.open(path)
    session.meetings = session.read_meetings()
    session.search_index = session.build_index(session.meetings)
    session.use_lineage(session.build_lineage(session.meetings))
    return session, session.meetings[0].commitments[0].id


def write(session: Session, change: object) -> None:
    """What the app's writer does with a change: pending, written, saved, settled."""
    session.begin(change)  # type: ignore[arg-type]
    assert session.pending == [change]
    written = session.write(change)  # type: ignore[arg-type]
    assert written is not None
    _outcome, annotation = written
    assert session.saved(change, annotation) == []  # type: ignore[arg-type]
    session.settle(change)  # type: ignore[arg-type]


def test_a_status_tags_and_a_note_written_through_the_session_reach_the_index(
    tmp_path: Path,
) -> None:
    session, target = opened(tmp_path)
    assert session.ready
    base = tuple(session.annotation(target).history)
    write(session, SetStatus(target, Status.IN_PROGRESS, evidence="seen", base=base))
    write(session, EditTags(target, ("sessiontag",), base=()))
    write(session, AddNote(target, "a zebrafish hatchery in the bay"))

    assert session.pending == []
    annotation = Store.open(session.store.path).annotation(target)
    assert annotation.status is Status.IN_PROGRESS and annotation.tags == ["sessiontag"]
    assert session.search_index is not None
    assert [r.target_id for r in session.search_index.search("tag:sessiontag")] == [target]
    assert [r.target_id for r in session.search_index.search("status:in-progress")] == [target]
    found = session.search_index.search("zebrafish hatchery")
    assert found and found[0].target_id == target and found[0].note_id is not None


def test_a_status_set_by_another_writer_meanwhile_is_refused_and_kept_as_a_draft(
    tmp_path: Path,
) -> None:
    session, target = opened(tmp_path)
    base = tuple(session.annotation(target).history)  # what the dialog showed
    Store.open(session.store.path).set_status(target, Status.STALLED)  # another writer

    change = SetStatus(target, Status.IMPLEMENTED, base=base)
    session.begin(change)
    with pytest.raises(ChangedElsewhere):
        session.write(change)
    draft = session.draft_of_pending(change, "not saved: changed elsewhere")
    assert draft is not None
    session.keep_draft(draft)
    session.settle(change)
    assert session.pending == []
    assert session.annotation(target).status is Status.STALLED  # theirs, not overwritten
    assert session.behind and session.refresh() is not None  # the write read their change
    assert not session.behind

    again = Session.open(session.store.path)  # the next start offers it
    offered, problems = again.drafts_to_offer()
    assert problems == [] and [d.id for d in offered] == [draft.id]
    kept = again.find_draft("status", target)
    assert kept is not None and kept.status == Status.IMPLEMENTED.value
    # saved over theirs from the draft: the draft is dropped
    now = tuple(again.annotation(target).history)
    write(again, SetStatus(target, Status(kept.status), base=now, draft_id=kept.id))
    assert again.find_draft("status", target) is None
    assert again.annotation(target).status is Status.IMPLEMENTED


def test_quitting_keeps_what_is_pending_as_drafts_and_writes_nothing_more(
    tmp_path: Path,
) -> None:
    session, target = opened(tmp_path)
    change = AddNote(target, "typed just before quitting")
    session.begin(change)
    errors, not_done = session.keep_on_quit([])
    assert errors == [] and not_done == []
    session.abandon()
    assert session.write(change) is None  # abandoned: a draft now, never written
    assert session.annotation(target).notes == []
    assert session.kept_drafts() == 1
    assert session.find_draft("note", target) is not None


def test_a_commitment_history_is_worked_out_once_and_kept(tmp_path: Path) -> None:
    session, _target = opened(tmp_path)
    lineage = session.lineage
    assert lineage is not None
    in_series = next(
        c.id for m in session.meetings for c in m.commitments if lineage.in_series(c.id)
    )
    assert session.known_history(in_series) is None  # to be worked out
    session.histories[in_series] = session.history(lineage, in_series)
    steps = session.known_history(in_series)
    assert steps and any(c.id == in_series for step in steps for c in step.commitments)


def test_the_session_and_the_changes_load_no_textual() -> None:
    code = (
        "import sys, session, session.session, tui.changes\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual']\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_an_export_aligns_the_areas_before_it_holds_writes_off(tmp_path: Path) -> None:
    """Aligning a large store's areas takes seconds the first time: a report's overview
    must not keep the app's status writes waiting meanwhile (the write lock is taken only
    once every pair is aligned)."""
    from sharing.export import ExportRequest
    from stats import AreaAligner

    session, _target = opened(tmp_path)
    calls: list[bool] = []  # for each pair aligned (not from the cache): lock held?

    class Watched(AreaAligner):
        def __call__(self, older, newer):  # type: ignore[no-untyped-def]
            if not self.cached(older, newer):
                calls.append(session.write_lock.locked())
            return super().__call__(older, newer)

    session.aligner = Watched(None)
    summary = session.export(ExportRequest(tmp_path / "report.md", "markdown"))
    assert summary and (tmp_path / "report.md").read_text(encoding="utf-8").count("|") > 10
    assert calls == [False]  # the two sample meetings: one pair, aligned before the lock

"""Importing: idempotent, all-or-nothing per file, and every annotation kept on re-import."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import AREAS, commitment_ids, new_store, write_release

import store.store as store_module
from parsers.model import make_id
from store import Status, Store, matching
from tui.commands.ids import resolve_orphan

FINANCE_0 = AREAS["Finance"][0]


def _areas(**changes: list[str]) -> dict[str, list[str]]:
    areas = {k: list(v) for k, v in AREAS.items()}
    areas.update(changes)
    return areas


def test_import_is_idempotent(tmp_path: Path) -> None:
    store = new_store(tmp_path, release=False)
    release = write_release(tmp_path)
    [again] = store.import_paths([release])
    assert again.outcome in ("added", "updated"), again
    corpus_before = store.files.corpus.read_bytes()
    again = store.import_paths([release])
    assert [r.outcome for r in again] == ["unchanged"]
    assert store.files.corpus.read_bytes() == corpus_before
    copy = tmp_path / "copy-with-another-name.txt"
    copy.write_bytes(release.read_bytes())
    assert [r.outcome for r in store.import_paths([copy])] == ["unchanged"]
    assert len(store.meetings()) == 1
    assert store.source_text(store.meetings()[0].id) == release.read_text(encoding="utf-8")


HTML = """<!DOCTYPE html><html><head><title>x</title><script>var a = 1;</script></head>
<body><nav>Home | News</nav><h1>Hong Kong and Otherland hold a co-operation meeting</h1>
<p>2024-06-02</p><p>The two sides met in Hong Kong today (June 2).</p>
<p>Hong Kong and Otherland reached consensus on the following 1 co-operation areas:</p>
<h2>Finance</h2>
<p>Encourage Otherland enterprises to list in Hong Kong and to raise funds there.</p>
<p>Support Otherland banks in opening branches in Hong Kong for trade finance.</p>
<p>Ends</p></body></html>
"""


def test_directories_are_searched_and_bad_files_do_not_stop_the_rest(tmp_path: Path) -> None:
    store = new_store(tmp_path, release=False)
    folder = tmp_path / "releases"
    (folder / "2024" / ".hidden").mkdir(parents=True)
    write_release(folder, "a.txt")
    (folder / "2024" / "b.HTM").write_text(HTML, encoding="utf-8")
    write_release(folder / "2024" / ".hidden", "c.txt", title="Hidden meeting")
    (folder / "2024" / "empty.txt").write_text("", encoding="utf-8")
    (folder / "2024" / "notes.pdf").write_text("not a release", encoding="utf-8")
    (folder / "2024" / "binary.html").write_bytes(b"\x00\x01\x02" * 100)
    results = store.import_paths([folder, tmp_path / "missing.txt"])
    outcomes = {Path(r.path).name: r.outcome for r in results}
    assert outcomes == {
        "missing.txt": "failed",
        "a.txt": "added",
        "b.HTM": "added",
        "binary.html": "failed",
        "empty.txt": "failed",
        "notes.pdf": "failed",  # a PDF is read in a folder: this one has no PDF header
    }
    failed = {Path(r.path).name: r.reason or "" for r in results if r.outcome == "failed"}
    assert "empty" in failed["empty.txt"]
    assert "binary" in failed["binary.html"]
    assert "no such file" in failed["missing.txt"]
    assert failed["notes.pdf"].endswith("notes.pdf: not a PDF file (no PDF header)")
    assert len(store.meetings()) == 2
    html_meeting = next(m for m in store.meetings() if "Otherland" in m.title)
    assert store.source_text(html_meeting.id) == HTML


def test_progress_is_reported(tmp_path: Path) -> None:
    store = new_store(tmp_path, release=False)
    files = [
        write_release(
            tmp_path, f"r{i}.txt", title=f"Hong Kong and Land{i} meet", date=f"2024-0{i + 1}-01"
        )
        for i in range(3)
    ]
    calls: list[tuple[int, int, str]] = []
    store.import_paths(files, progress=lambda done, total, name: calls.append((done, total, name)))
    assert [c[:2] for c in calls] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert calls[0][2].endswith("r0.txt")


def test_reimport_with_slight_changes_reattaches_everything(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    meeting = store.meetings()[0]
    cid = meeting.areas[0].commitments[0].id
    store.set_status(cid, Status.PARTIAL, source="https://example.org/report")
    store.add_tags(cid, ["bonds"])
    note = store.add_note(cid, "watch the 2025 figures")
    store.add_note(meeting.areas[1].commitments[1].id, "untouched commitment")
    # The source now has one more word: a new ID, clearly the same text.
    changed = FINANCE_0.replace("to issue green bonds", "to issue the green bonds")
    assert changed != FINANCE_0
    write_release(tmp_path, areas=_areas(Finance=[changed, AREAS["Finance"][1]]))
    [result] = store.import_paths([tmp_path / "release.txt"])
    assert result.outcome == "updated"
    assert (result.reattached, result.orphaned) == (3, 0)  # a status, a tag set, a note
    new_id = next(c.id for c in store.meetings()[0].commitments if c.text == changed)
    assert new_id != cid
    for s in (store, Store.open(store.path, seed_samples=False)):
        ann = s.annotation(new_id)
        assert ann.status is Status.PARTIAL and ann.tags == ["bonds"]
        assert [n.id for n in ann.notes] == [note.id]
        assert ann.history[0].source == "https://example.org/report"
        assert s.orphans() == []
        assert len(s.notes()) == 2


def test_rewritten_commitment_becomes_an_orphan_with_suggestions(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].areas[0].commitments[0].id
    store.set_status(cid, Status.STALLED)
    store.add_tags(cid, ["bonds"])
    note = store.add_note(cid, "my analysis")
    rewritten = (
        "Encourage Testland companies to list in Hong Kong and to issue sustainable bonds in the "
        "market of Hong Kong."
    )
    assert matching.score(FINANCE_0, rewritten) < matching.AUTO_SCORE
    write_release(tmp_path, areas=_areas(Finance=[rewritten, AREAS["Finance"][1]]))
    [result] = store.import_paths([tmp_path / "release.txt"])
    assert (result.outcome, result.reattached, result.orphaned) == ("updated", 0, 3)
    orphans = store.orphans()
    assert sorted(o.kind for o in orphans) == ["note", "status", "tags"]
    new_id = next(c.id for c in store.meetings()[0].commitments if c.text == rewritten)
    for o in orphans:
        assert o.old_target_id == cid and o.old_text == FINANCE_0
        assert o.suggestions[0][0] == new_id  # the rewritten commitment is the best guess
        assert o.suggestions == sorted(o.suggestions, key=lambda s: -s[1])
        assert 50 < o.suggestions[0][1] < matching.AUTO_SCORE
    assert store.annotation(new_id).is_empty  # nothing attached silently
    note_orphan = next(o for o in orphans if o.kind == "note")
    assert note_orphan.id == note.id and note_orphan.payload["text"] == "my analysis"
    # Re-attach piece by piece: the orphan list shrinks, nothing is lost.
    status_orphan = next(o for o in orphans if o.kind == "status")
    store.reattach(status_orphan.id, new_id)
    assert sorted(o.kind for o in store.orphans()) == ["note", "tags"]
    store.reattach(resolve_orphan(store, note.id[:6]), new_id)
    store.reattach(next(o.id for o in store.orphans() if o.kind == "tags"), new_id)
    final = Store.open(store.path, seed_samples=False)
    assert final.orphans() == []
    ann = final.annotation(new_id)
    assert (ann.status, ann.tags, [n.text for n in ann.notes]) == (
        Status.STALLED, ["bonds"], ["my analysis"],
    )  # fmt: skip


def test_near_twin_commitments_are_never_chosen_automatically(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].areas[0].commitments[0].id
    store.add_note(cid, "which one?")
    twin_a = FINANCE_0.replace("green bonds", "green bond")
    twin_b = FINANCE_0.replace("green bonds", "green bonds,")
    twin_b = twin_b.replace("in the Hong Kong", "on the Hong Kong")
    write_release(tmp_path, areas=_areas(Finance=[twin_a, twin_b, AREAS["Finance"][1]]))
    [result] = store.import_paths([tmp_path / "release.txt"])
    assert (result.reattached, result.orphaned) == (0, 1)
    [orphan] = store.orphans()
    suggested = [s for s, _ in orphan.suggestions[:2]]
    ids = {c.text: c.id for c in store.meetings()[0].commitments}
    assert set(suggested) == {ids[twin_a], ids[twin_b]}


def test_removed_commitment_is_not_moved_onto_a_similar_survivor(tmp_path: Path) -> None:
    first, second = AREAS["Aviation"]
    almost = second.replace("main cities", "major cities")
    write_release(tmp_path, areas=_areas(Aviation=[first, second, almost]))
    store = new_store(tmp_path, release=False)
    store.import_paths([tmp_path / "release.txt"])
    ids = {c.text: c.id for c in store.meetings()[0].commitments}
    store.add_note(ids[almost], "on the one that will be dropped")
    write_release(tmp_path, areas=_areas(Aviation=[first, second]))
    [result] = store.import_paths([tmp_path / "release.txt"])
    assert (result.reattached, result.orphaned) == (0, 1)
    assert store.annotation(ids[second]).notes == []
    assert store.orphans()[0].suggestions[0][0] == ids[second]


def _reidentified(parse):  # a parser that now derives other IDs from the same document
    def reparse(data: bytes, source: str, **kw: object):
        meeting = parse(data, source, **kw)
        meeting.id = make_id("v2", meeting.id)
        for area in meeting.areas:
            area.id = make_id(meeting.id, area.id)
            for c in area.commitments:
                c.id = make_id(meeting.id, c.id)
        return meeting

    return reparse


def test_meeting_id_change_moves_every_annotation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = new_store(tmp_path)
    meeting = store.meetings()[0]
    store.add_note(meeting.id, "on the meeting")
    store.add_tags(meeting.areas[0].id, ["area tag"])
    for c in meeting.commitments:
        store.set_status(c.id, Status.IMPLEMENTED)
    monkeypatch.setattr(
        store_module.parsers, "parse_bytes", _reidentified(store_module.parsers.parse_bytes)
    )
    [result] = store.import_paths([tmp_path / "release.txt"])  # the same bytes, new IDs
    assert result.outcome == "updated"
    [new] = store.meetings()
    assert new.id != meeting.id
    assert result.reattached == len(meeting.commitments) + 2 and result.orphaned == 0
    assert all(store.annotation(c.id).status is Status.IMPLEMENTED for c in new.commitments)
    assert [n.text for n in store.annotation(new.id).notes] == ["on the meeting"]
    assert store.annotation(new.areas[0].id).tags == ["area tag"]
    assert store.orphans() == []


def test_a_corrected_date_is_another_meeting(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    store.add_note(cid, "stays with the first version")
    write_release(tmp_path, "corrected.txt", date="2024-05-02")
    [result] = store.import_paths([tmp_path / "corrected.txt"])
    assert result.outcome == "added"  # other bytes, other meeting ID: not provably the same
    assert len(store.meetings()) == 2
    assert [n.text for n in store.annotation(cid).notes] == ["stays with the first version"]


def test_crash_between_journal_and_corpus_is_completed_by_importing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].areas[0].commitments[0].id
    store.add_note(cid, "in flight")
    changed = FINANCE_0.replace("to issue green bonds", "to issue the green bonds")
    write_release(tmp_path, areas=_areas(Finance=[changed, AREAS["Finance"][1]]))

    def crash(*args: object, **kwargs: object) -> None:
        raise SystemExit("killed")  # not an OSError: nothing is rolled back, as with kill -9

    monkeypatch.setattr(store.corpus, "save", crash)
    with pytest.raises(SystemExit):
        store.import_paths([tmp_path / "release.txt"])
    monkeypatch.undo()
    after_crash = Store.open(store.path, seed_samples=False)
    assert len(after_crash.notes()) == 1  # not lost: shown as an orphan meanwhile
    [result] = after_crash.import_paths([tmp_path / "release.txt"])
    assert result.outcome == "updated"
    new_id = next(c.id for c in after_crash.meetings()[0].commitments if c.text == changed)
    assert [n.text for n in after_crash.annotation(new_id).notes] == ["in flight"]
    assert after_crash.orphans() == []


def test_rebuild_after_a_parser_change_keeps_annotations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].areas[0].commitments[0].id
    store.add_tags(cid, ["kept"])
    real_parse = store_module.parsers.parse_bytes

    def better_parser(data: bytes, source: str, **kw: object):  # fixes a typo the old one kept
        meeting = real_parse(data, source, **kw)
        c = meeting.areas[0].commitments[0]
        c.text = c.text.replace("Testland", "TestLand")
        c.id = c.id[::-1]
        return meeting

    monkeypatch.setattr(store_module.parsers, "parse_bytes", better_parser)
    [result] = store.rebuild()
    assert (result.outcome, result.reattached, result.orphaned) == ("updated", 1, 0)
    assert store.annotation(cid[::-1]).tags == ["kept"]


def test_import_summary_counts(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    other = write_release(
        tmp_path, "other.txt", title="Hong Kong and Otherland meet", date="2024-07-01"
    )
    results = store.import_paths([tmp_path / "release.txt", other])
    assert [r.outcome for r in results] == ["unchanged", "added"]
    assert all(r.meeting_id for r in results)


def test_a_notes_report_exported_by_coop_tui_is_not_imported_as_a_release(
    tmp_path: Path,
) -> None:
    """The report quotes every commitment under its area's name; imported from the folder
    coop-tui saves it in, it would come back as a copy of the meetings."""
    from parsers import InputError, parse_file
    from sharing.export import ExportRequest, export_to_path

    store = new_store(tmp_path)
    store.add_note(commitment_ids(store)[0], "checked with the bureau")
    report = tmp_path / "in" / "coop-tui-notes.md"
    report.parent.mkdir()
    export_to_path(store, ExportRequest(report, "markdown"))
    [result] = store.import_paths([tmp_path / "in"])
    assert result.outcome == "failed"
    assert result.reason is not None and "a notes report exported by coop-tui" in result.reason
    assert len(store.meetings()) == 1
    with pytest.raises(InputError, match="not a press release"):
        parse_file(report)
    # a release that merely mentions coop-tui is still a release
    release = write_release(tmp_path, "mentions.txt", title="# coop-tui notes on a visit")
    [again] = store.import_paths([release])
    assert again.outcome in ("added", "updated"), again

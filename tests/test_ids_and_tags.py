"""IDs are case-insensitive on input; a tag is one tag in any case; the command line
splits tags on commas as the app does and says when a tag to remove is not there."""

from __future__ import annotations

import json
from pathlib import Path

from store_support import new_store, run_cli

from sharing.export import Filters, json_export, select
from sharing.merge import import_annotations
from sharing.selection import make_filters
from store import Store


def _reopen(store: Store) -> Store:
    """The store as another process left it."""
    return Store.open(store.path, seed_samples=False)


def _import_note(store: Store, tmp_path: Path, target: str, note_id: str) -> None:
    note = {"id": note_id, "text": "theirs", "created": "2024-03-01T10:00:00.000Z"}
    bundle = tmp_path / "their.json"
    bundle.write_text(
        json.dumps({"coop-tui": "annotations", "format": 1,
                    "annotations": [{"id": target, "notes": [note]}]}),
        encoding="utf-8",
    )  # fmt: skip
    import_annotations(store, bundle)


def test_ids_in_any_case_name_notes_orphans_and_commitments(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    _import_note(store, tmp_path, cid, "ABCDEF123456")  # a colleague's upper-case ID
    _import_note(store, tmp_path, "GONE-TARGET", "FEDCBA654321")  # becomes an orphan
    db = store.path

    edited = run_cli("--db", db, "note-edit", "abcdef123456", "edited")
    assert (edited.returncode, edited.stderr) == (0, "")
    assert _reopen(store).note("ABCDEF123456").text == "edited"  # type: ignore[union-attr]
    deleted = run_cli("--db", db, "note-delete", "ABCDEF")
    assert (deleted.returncode, deleted.stderr) == (0, "")
    assert _reopen(store).note("ABCDEF123456") is None

    shown = run_cli("--db", db, "show", cid[:8].upper())
    assert shown.returncode == 0 and cid in shown.stdout
    [orphan] = store.orphans()
    moved = run_cli("--db", db, "reattach", orphan.id[:10].upper(), cid.upper())
    assert (moved.returncode, moved.stderr) == (0, "")
    assert [n.id for n in _reopen(store).annotation(cid).notes] == ["FEDCBA654321"]
    meeting = store.meetings()[0].id
    assert run_cli("--db", db, "export", "--meeting", meeting[:6].upper()).returncode == 0


def test_tags_in_any_case_are_one_tag_the_first_spelling_kept(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid, other = (c.id for c in store.meetings()[0].commitments[:2])
    assert store.add_tags(cid, ["UPPER", "Finance"]) == ["UPPER", "Finance"]
    assert store.add_tags(cid, ["upper", "finance", "new"]) == ["UPPER", "Finance", "new"]
    store.add_tags(other, ["finance"])
    assert store.all_tags() == ["Finance", "new", "UPPER"]
    assert store.remove_tags(cid, ["FINANCE"]) == ["UPPER", "new"]
    assert _reopen(store).annotation(cid).tags == ["UPPER", "new"]
    # removed in one case: a colleague's copy in another case does not bring it back
    bundle = tmp_path / "their.json"
    record = {"id": cid, "tags": ["finance", "Upper"],
              "tag_added": {"finance": {"at": "2024-01-01T00:00:00.000Z"}}}  # fmt: skip
    bundle.write_text(
        json.dumps({"coop-tui": "annotations", "format": 1, "annotations": [record]}),
        encoding="utf-8",
    )
    summary = import_annotations(store, bundle)
    assert (summary.tags_added, summary.tags_skipped) == (0, 1)
    assert store.annotation(cid).tags == ["UPPER", "new"]


def test_a_store_holding_both_spellings_shows_and_filters_one_tag(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    store.add_tags(cid, ["Finance"])
    line = {"op": "tags", "target": cid, "add": ["finance"], "remove": [],
            "at": "2024-01-01T00:00:00.000Z", "by": "old"}  # fmt: skip
    with store.files.journal.open("a", encoding="utf-8") as journal:  # an older coop-tui's
        journal.write(json.dumps(line) + "\n")
    reopened = _reopen(store)
    assert reopened.annotation(cid).tags == ["Finance"]
    sel = select(reopened, make_filters(reopened, tags=["FINANCE"]))
    assert json.loads(json_export(sel, "T"))["annotations"][0]["tags"] == ["Finance"]
    everything = json.loads(json_export(select(reopened, Filters()), "T"))
    assert everything["annotations"][0]["tags"] == ["Finance"]


def test_the_command_line_splits_tags_on_commas_like_the_app(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    done = run_cli("--db", store.path, "tag", cid, "a,b", "green  bonds, c,", "A")
    assert (done.returncode, done.stderr) == (0, "")
    assert _reopen(store).annotation(cid).tags == ["a", "b", "green bonds", "c"]
    removed = run_cli("--db", store.path, "tag", "--remove", cid, "a, B")
    assert removed.returncode == 0
    assert _reopen(store).annotation(cid).tags == ["green bonds", "c"]


def test_removing_a_tag_that_is_not_there_says_so_and_changes_nothing(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    store.add_tags(cid, ["finance", "aviation"])
    journal = store.files.journal.read_bytes()
    done = run_cli("--db", store.path, "tag", "--remove", cid, "finance", "absent")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"coop-tui: {cid}: not tagged 'absent' (its tags: finance, aviation); nothing removed"
    ]
    assert store.files.journal.read_bytes() == journal
    assert _reopen(store).annotation(cid).tags == ["finance", "aviation"]

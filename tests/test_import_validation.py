"""Importing a colleague's annotations: every value is checked against the documented
shape, and a wrong one is named with its place (JSON path, or file and line), never
turned into something else; notes folders skip what is not theirs and never leave the
folder."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from store_support import new_store, run_cli

from sharing.export import Filters, select
from sharing.merge import import_annotations
from sharing.notes_folder import write_notes_dir
from store import Store, StoreError

GOOD_TIME = "2024-03-01T10:00:00.000Z"


def _bundle(path: Path, records: list[Any], **top: Any) -> Path:
    data = {"coop-tui": "annotations", "format": 1, "annotations": records, **top}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _state(store: Store) -> dict[str, Any]:
    return {tid: ann.to_dict() for tid, ann in store.annotations().items()}


def _note(**fields: Any) -> dict[str, Any]:
    return {"id": "aaaaaaaaaaaa", "text": "a note", "created": GOOD_TIME, **fields}


def _change(**fields: Any) -> dict[str, Any]:
    return {"status": "implemented", "at": GOOD_TIME, "source": None, "evidence": None, **fields}


# (what the record gets, the JSON path named in the error)
WRONG_RECORDS: list[tuple[dict[str, Any], str]] = [
    ({"tags": "abc"}, "annotations[0].tags"),
    ({"tags": {"a": 1, "b": 2}}, "annotations[0].tags"),
    ({"tags": [int("9" * 4000)]}, "annotations[0].tags[0]"),
    ({"tags": ["ok", float("nan")]}, "annotations[0].tags[1]"),
    ({"tags": [None]}, "annotations[0].tags[0]"),
    ({"tag_added": {"x": {"at": "yesterday"}}, "tags": ["x"]}, 'annotations[0].tag_added["x"].at'),
    ({"notes": [_note(text=5)]}, "annotations[0].notes[0].text"),
    ({"notes": [_note(text=["a", "b"])]}, "annotations[0].notes[0].text"),
    ({"notes": [_note(created=None)]}, "annotations[0].notes[0].created"),
    ({"notes": [_note(updated="zzzz-garbage")]}, "annotations[0].notes[0].updated"),
    ({"notes": [_note(prior=[1e308])]}, "annotations[0].notes[0].prior[0]"),
    ({"notes": [_note(id=None)]}, "annotations[0].notes[0].id"),
    ({"history": [_change(at=None)]}, "annotations[0].history[0].at"),
    ({"history": [_change(at="zzzz-garbage")]}, "annotations[0].history[0].at"),
    ({"history": [_change(at=1e308)]}, "annotations[0].history[0].at"),
    ({"history": [_change(at="9999-12-31T23:59:59Z")]}, "annotations[0].history[0].at"),
    ({"history": [_change(at="99999-01-01T00:00:00Z")]}, "annotations[0].history[0].at"),
    ({"history": [_change(at="2024-02-30T00:00:00Z")]}, "annotations[0].history[0].at"),
    ({"history": [_change(at="2024-03-01T10:00:00")]}, "annotations[0].history[0].at"),  # no zone
    ({"history": [_change(at="1969-12-31T23:59:59Z")]}, "annotations[0].history[0].at"),
    ({"history": [_change(source=42)]}, "annotations[0].history[0].source"),
    ({"history": [_change(status=None)]}, "annotations[0].history[0].status"),
    ({"history": "implemented"}, "annotations[0].history"),
    ({"id": None}, "annotations[0].id"),
    ({"id": 12}, "annotations[0].id"),
    ({"kind": "planet"}, "annotations[0].kind"),
    ({"meeting": "m1"}, "annotations[0].meeting"),
]


@pytest.mark.parametrize(("fields", "place"), WRONG_RECORDS)
def test_a_wrong_value_in_a_json_import_is_refused_with_its_place(
    tmp_path: Path, fields: dict[str, Any], place: str
) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    store.add_tags(cid, ["mine"])
    before = _state(store)
    record = {"id": cid, "kind": "commitment", "text": "", "meeting": None, **fields}
    bundle = _bundle(tmp_path / "their.json", [record])
    with pytest.raises(StoreError) as caught:
        import_annotations(store, bundle)
    message = str(caught.value)
    assert message.startswith(f"{bundle}: {place}: "), message
    assert "nothing was imported" in message
    assert _state(store) == before
    assert _state(Store.open(store.path, seed_samples=False)) == before


@pytest.mark.parametrize(
    ("top", "place"),
    [
        ({"format": "1"}, "format"),
        ({"format": 1.0}, "format"),
        ({"format": True}, "format"),
        ({"format": 0}, "format"),
        ({"annotations": None}, "annotations"),
        ({"deletions": "x"}, "deletions"),
        (
            {"deletions": [{"what": "tag", "tag": "x", "target": "t", "at": None}]},
            "deletions[0].at",
        ),
        ({"deletions": [{"what": "note", "note": 7, "at": GOOD_TIME}]}, "deletions[0].note"),
        ({"deletions": [{"what": "file", "at": GOOD_TIME}]}, "deletions[0].what"),
    ],
)
def test_a_wrong_export_header_or_deletion_is_refused_with_its_place(
    tmp_path: Path, top: dict[str, Any], place: str
) -> None:
    store = new_store(tmp_path)
    records = top.pop("annotations", [])
    bundle = _bundle(tmp_path / "their.json", records, **top)
    with pytest.raises(StoreError, match=rf"^{re.escape(f'{bundle}: {place}: ')}"):
        import_annotations(store, bundle)


def test_a_newer_format_is_still_named_as_such(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    with pytest.raises(StoreError, match="written by a newer coop-tui"):
        import_annotations(store, _bundle(tmp_path / "b.json", [], format=3))


def test_the_command_line_refuses_in_one_line_with_exit_2(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    bundle = _bundle(tmp_path / "b.json", [{"id": cid, "tags": "abc"}])
    done = run_cli("--db", store.path, "import-annotations", bundle)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"coop-tui: {bundle}: annotations[0].tags: a list expected, found text; "
        "nothing was imported"
    ]


def test_times_with_an_offset_are_kept_in_utc_so_they_compare(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    history = [
        _change(status="stalled", at="2024-03-01T09:30:00.000Z"),
        _change(status="partial", at="2024-03-01T12:00:00+05:00"),
    ]  # 07:00 UTC
    import_annotations(store, _bundle(tmp_path / "b.json", [{"id": cid, "history": history}]))
    ann = store.annotation(cid)
    assert [c.at for c in ann.history] == ["2024-03-01T07:00:00.000Z", "2024-03-01T09:30:00.000Z"]
    assert ann.status.value == "stalled"  # the later one in real time


# -- notes folders -------------------------------------------------------------------
def _notes_folder(tmp_path: Path) -> tuple[Store, Path, Path]:
    store = new_store(tmp_path / "a")
    cid = store.meetings()[0].commitments[0].id
    store.set_status(cid, "in-progress")
    store.add_tags(cid, ["finance"])
    store.add_note(cid, "a note")
    folder = tmp_path / "notes"
    [rel] = write_notes_dir(select(store, Filters()), folder, author="anne").files
    return store, folder, folder / rel


def _line_number(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return [i for i, line in enumerate(lines, 1) if line.startswith(start)][-1]


@pytest.mark.parametrize(
    ("old", "new", "line_start", "place"),
    [
        ('  - {"tag": "finance"', '  - {"tag": 12345', '  - {"tag"', "tags[0].tag"),
        ('  - {"tag": "finance"', '  - {"tag": NaN', '  - {"tag"', None),
        ('progress", "at": "', 'progress", "at": null, "x": "', '  - {"status"', "history[0].at"),
        ('progress", "at": "', 'progress", "at": "9999', '  - {"status"', "history[0].at"),
        (
            '  - {"tag": "finance", "at": "',
            '  - {"tag": "finance", "at": "+',
            '  - {"tag"',
            "tags[0].at",
        ),
        ('target: "', 'target: null, "', "target:", None),
        ('target: "', 'target: 12\nx: "', "target:", "target"),
        ('"created": "', '"created": null, "x": "', "<!-- coop-tui note", "note.created"),
        ("author: ", 'author: "bob"\nauthor: ', "author:", None),  # given twice
    ],
)
def test_a_wrong_value_in_a_notes_file_is_refused_with_file_and_line(
    tmp_path: Path, old: str, new: str, line_start: str, place: str | None
) -> None:
    _source, folder, path = _notes_folder(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = _line_number(path, line_start)
    target = new_store(tmp_path / "b")
    with pytest.raises(StoreError) as caught:
        import_annotations(target, folder)
    message = str(caught.value)
    assert message.startswith(f"{path}: line {line}"), message
    if place is not None:
        assert f": {place}: " in message
    assert target.annotations() == {}


def test_other_markdown_is_skipped_and_named_and_notes_files_read_in_any_case(
    tmp_path: Path,
) -> None:
    source, folder, path = _notes_folder(tmp_path)
    (folder / "README.md").write_bytes("# Notizen für Müller\n".encode("latin-1"))
    (folder / "plan.md").write_text("# A plan\n", encoding="utf-8")
    upper = path.with_name("ANNE.MD")
    path.rename(upper)
    upper.write_bytes(b"\xef\xbb\xbf" + upper.read_bytes())  # a byte-order mark
    target = new_store(tmp_path / "b")
    summary = import_annotations(target, folder)
    assert _state(target) == _state(source)
    assert summary.skipped == [
        f"{folder / 'README.md'} (not UTF-8)",
        f"{folder / 'plan.md'} (no coop-tui front matter)",
    ]
    lines = summary.lines(str(folder))
    assert f"  {folder / 'README.md'} (not UTF-8)" in lines


def test_symbolic_links_in_a_notes_folder_are_never_followed(tmp_path: Path) -> None:
    _source, folder, path = _notes_folder(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    moved = outside / "anne.md"
    path.rename(moved)  # the only notes file now lives outside the folder
    (folder / "link.md").symlink_to(moved)
    (folder / "linked-folder").symlink_to(outside, target_is_directory=True)
    (path.parent / "inside.md").symlink_to(folder / "index-anne.md")
    target = new_store(tmp_path / "b")
    summary = import_annotations(target, folder)
    assert target.annotations() == {}
    assert summary.targets == 0
    assert sorted(summary.skipped) == sorted([
        f"{folder / 'link.md'} (a symbolic link: not followed)",
        f"{folder / 'linked-folder'} (a symbolic link to a folder: not followed)",
        f"{path.parent / 'inside.md'} (a symbolic link: not followed)",
    ])  # fmt: skip


def test_a_named_pipe_in_a_notes_folder_is_skipped(tmp_path: Path) -> None:
    source, folder, _path = _notes_folder(tmp_path)
    os.mkfifo(folder / "pipe.md")
    target = new_store(tmp_path / "b")
    summary = import_annotations(target, folder)
    assert summary.skipped == [f"{folder / 'pipe.md'} (not a regular file)"]
    assert _state(target) == _state(source)


def test_a_notes_file_that_is_not_utf8_is_refused_not_skipped(tmp_path: Path) -> None:
    _source, folder, path = _notes_folder(tmp_path)
    path.write_bytes(path.read_bytes().replace(b"a note", b"a n\xf6te"))  # Latin-1
    target = new_store(tmp_path / "b")
    with pytest.raises(StoreError, match=rf"^{re.escape(str(path))}: .*not UTF-8"):
        import_annotations(target, folder)
    assert target.annotations() == {}

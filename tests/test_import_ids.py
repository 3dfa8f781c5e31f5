"""IDs in an import: a target's ID is matched in any case, as IDs are typed; an ID
with spaces or control characters is refused with its place, never trimmed or
printed as it is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from store_support import new_store

from sharing.export import Filters, select
from sharing.merge import import_annotations
from sharing.notes_folder import write_notes_dir
from store import Store, StoreError

GOOD_TIME = "2024-03-01T10:00:00.000Z"


def _bundle(path: Path, records: list[Any], **top: Any) -> Path:
    data = {"coop-tui": "annotations", "format": 1, "annotations": records, **top}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_an_upper_case_target_id_is_the_commitment_not_an_orphan(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    note = {"id": "aaaaaaaaaaaa", "text": "theirs", "created": GOOD_TIME}
    bundle = _bundle(tmp_path / "b.json", [{"id": cid.upper(), "tags": ["x"], "notes": [note]}])
    import_annotations(store, bundle)
    store = Store.open(store.path, seed_samples=False)
    assert store.orphans() == []
    ann = store.annotation(cid)
    assert ann.tags == ["x"] and [n.text for n in ann.notes] == ["theirs"]


def test_an_upper_case_target_in_a_notes_file_is_the_commitment(tmp_path: Path) -> None:
    source = new_store(tmp_path / "a")
    cid = source.meetings()[0].commitments[0].id
    source.add_tags(cid, ["finance"])
    folder = tmp_path / "notes"
    [rel] = write_notes_dir(select(source, Filters()), folder, author="anne").files
    path = folder / rel
    path.write_text(path.read_text(encoding="utf-8").replace(cid, cid.upper()), encoding="utf-8")
    target = new_store(tmp_path / "b")
    import_annotations(target, folder)
    assert target.orphans() == [] and target.annotation(cid).tags == ["finance"]


@pytest.mark.parametrize(
    ("records", "top", "place"),
    [
        ([{"id": " {cid} "}], {}, "annotations[0].id"),
        ([{"id": "{cid}\x1b[31m"}], {}, "annotations[0].id"),
        ([{"id": "{cid}", "notes": [{"id": "ab cd", "text": "t", "created": GOOD_TIME}]}], {},
         "annotations[0].notes[0].id"),
        ([{"id": "{cid}", "notes": [{"id": "n\u202e1", "text": "t", "created": GOOD_TIME}]}], {},
         "annotations[0].notes[0].id"),
        ([], {"deletions": [{"what": "note", "note": "a\nb", "at": GOOD_TIME}]},
         "deletions[0].note"),
        ([], {"deletions": [{"what": "tag", "tag": "x", "target": "a b", "at": GOOD_TIME}]},
         "deletions[0].target"),
    ],
)  # fmt: skip
def test_an_id_with_spaces_or_controls_is_refused_with_its_place(
    tmp_path: Path, records: list[dict[str, Any]], top: dict[str, Any], place: str
) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    records = json.loads(json.dumps(records).replace("{cid}", cid))
    bundle = _bundle(tmp_path / "b.json", records, **top)
    with pytest.raises(StoreError) as caught:
        import_annotations(store, bundle)
    assert str(caught.value).startswith(f"{bundle}: {place}: "), caught.value
    assert "is not an ID" in str(caught.value)
    assert store.annotations() == {} and store.orphans() == []


def test_a_removed_status_entry_without_its_time_is_named_as_such(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    gone = {"what": "status", "status": "stalled", "target": cid, "at": GOOD_TIME}
    with pytest.raises(StoreError, match=r"deletions\[0\]\.status: 'stalled' is not a time and"):
        import_annotations(store, _bundle(tmp_path / "b.json", [], deletions=[gone]))

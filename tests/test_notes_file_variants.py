"""A notes file is never passed over unsaid: one from a newer coop-tui is refused as
such (not skipped as some other Markdown), and a note whose comment line cannot be
read is refused with its line instead of being dropped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from store_support import new_store

from sharing.export import Filters, select
from sharing.merge import import_annotations
from sharing.notes_folder import write_notes_dir
from store import Store, StoreError


def _notes_folder(tmp_path: Path) -> tuple[Path, Path]:
    store = new_store(tmp_path / "a")
    cid = store.meetings()[0].commitments[0].id
    store.add_tags(cid, ["finance"])
    store.add_note(cid, "a note")
    folder = tmp_path / "notes"
    [rel] = write_notes_dir(select(store, Filters()), folder, author="anne").files
    return folder, folder / rel


@pytest.mark.parametrize("mark", ['"notes/9"', "2", '"deletions/7"', "notes/3"])
@pytest.mark.parametrize("single", [False, True])
def test_a_notes_file_of_another_format_is_refused_as_such(
    tmp_path: Path, mark: str, single: bool
) -> None:
    folder, path = _notes_folder(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('coop-tui: "notes/2"', f"coop-tui: {mark}", 1), encoding="utf-8")
    target = new_store(tmp_path / "b")
    with pytest.raises(StoreError) as caught:
        import_annotations(target, path if single else folder)
    message = str(caught.value)
    assert message.startswith(f"{path}: line 2: coop-tui: "), message
    assert "upgrade coop-tui" in message and "nothing was imported" in message
    assert target.annotations() == {}


@pytest.mark.parametrize(
    "broken",
    [
        '<!-- coop-tui note [{"id": "x"}] -->',
        "<!-- coop-tui note -->",
        '<!-- coop-tui note {"id": "x"}-->',
    ],
)
def test_a_note_line_that_cannot_be_read_is_refused_with_its_line(
    tmp_path: Path, broken: str
) -> None:
    folder, path = _notes_folder(tmp_path)
    lines = path.read_text(encoding="utf-8").split("\n")
    [at] = [i for i, line in enumerate(lines) if line.startswith("<!-- coop-tui note ")]
    lines[at] = broken
    path.write_text("\n".join(lines), encoding="utf-8")
    target = new_store(tmp_path / "b")
    with pytest.raises(StoreError, match=rf"^{re.escape(str(path))}: line {at + 1}: a note"):
        import_annotations(target, folder)
    assert Store.open(target.path, seed_samples=False).annotations() == {}

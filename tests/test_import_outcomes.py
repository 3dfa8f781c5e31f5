"""What an import says agrees with the store (issue 13, item 14).

A copy of a stored release in another encoding or with other line endings is the same
document ("unchanged", nothing written); the annotations an import orphans are counted
as ``coop-tui orphans`` lists them, and the summary tells them from those orphaned
before.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from store_support import AREAS, new_store, release_text, write_release

from store import Status
from tui.cli import main

FINANCE_0, FINANCE_1 = AREAS["Finance"]
AVIATION_0, AVIATION_1 = AREAS["Aviation"]
REWRITTEN = "Encourage Testland companies to raise capital in Hong Kong through sustainable bonds."


def _copies(text: str) -> dict[str, bytes]:
    crlf = text.replace("\n", "\r\n")
    return {
        "crlf": crlf.encode("utf-8"),
        "cr": text.replace("\n", "\r").encode("utf-8"),
        "utf-8-bom": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf-16": text.encode("utf-16"),  # with its byte-order mark
        "utf-16-le": text.encode("utf-16-le"),  # without
        "utf-16-crlf": crlf.encode("utf-16"),
        # an editor's save: spaces cut from (or left at) line ends, a last newline added
        "trailing spaces": text.replace("\n", "  \n").encode("utf-8"),
        "blank lines at the end": (text + "\n\n\n").encode("utf-8"),
    }


@pytest.mark.parametrize("kind", list(_copies("x")))
def test_a_copy_in_another_encoding_or_line_ending_is_unchanged(tmp_path: Path, kind: str) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    store.add_note(cid, "kept as it is")
    files = sorted(p.name for p in store.path.parent.rglob("*"))
    journal = store.files.journal.read_bytes()
    copy = tmp_path / "copy" / "release.txt"
    copy.parent.mkdir()
    copy.write_bytes(_copies(release_text())[kind])
    [result] = store.import_paths([copy])
    assert result.outcome == "unchanged", result
    assert sorted(p.name for p in store.path.parent.rglob("*")) == files  # no new source
    assert store.files.journal.read_bytes() == journal
    assert [n.text for n in store.annotation(cid).notes] == ["kept as it is"]


def test_a_changed_copy_in_another_encoding_is_updated(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    areas = {**AREAS, "Finance": [FINANCE_0, FINANCE_1 + " And more."]}
    copy = tmp_path / "copy.txt"
    copy.write_bytes(release_text(areas).encode("utf-16"))
    [result] = store.import_paths([copy])
    assert result.outcome == "updated"


def test_the_orphans_an_import_reports_are_those_orphans_lists(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].areas[0].commitments[0].id
    store.set_status(cid, Status.STALLED)
    store.add_tags(cid, ["bonds"])
    store.add_note(cid, "my analysis")
    write_release(tmp_path, areas={**AREAS, "Finance": [REWRITTEN, FINANCE_1]})
    [result] = store.import_paths([tmp_path / "release.txt"])
    assert result.orphaned == len(store.orphans()) == 3  # a status, a tag set, a note


def test_the_summary_tells_this_imports_orphans_from_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = new_store(tmp_path)
    finance = store.meetings()[0].areas[0].commitments[0].id
    aviation = store.meetings()[0].areas[1].commitments[0].id
    store.add_note(finance, "on finance")
    store.add_tags(finance, ["bonds"])
    store.add_note(aviation, "on aviation")
    db = str(store.path)
    write_release(tmp_path, areas={**AREAS, "Finance": [REWRITTEN, FINANCE_1]})
    assert main(["--db", db, "import", str(tmp_path / "release.txt")]) == 0
    out = capsys.readouterr().out
    assert "annotations: 0 re-attached, 2 orphaned (see coop-tui orphans)" in out
    # another import orphans one more: the summary says it, and how many there are in all
    other = "Open new direct flights between Hong Kong and every city of Testland, by sea."
    areas = {"Finance": [REWRITTEN, FINANCE_1], "Aviation": [other, AVIATION_1]}
    write_release(tmp_path, areas=areas)
    assert main(["--db", db, "import", str(tmp_path / "release.txt")]) == 0
    out = capsys.readouterr().out
    assert (
        "annotations: 0 re-attached, 1 orphaned by this import "
        "(3 orphaned in all: see coop-tui orphans)" in out
    ), out
    assert main(["--db", db, "orphans", "--json"]) == 0
    assert capsys.readouterr().out.count('"kind"') == 3

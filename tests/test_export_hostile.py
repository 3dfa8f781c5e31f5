"""What an export carries to the next program: no formulas for a spreadsheet, no control
characters for a terminal, no half-written notes folder, the same figures everywhere."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
from pathlib import Path

import pytest
from store_support import new_store, write_release
from test_export_screen import SIZE, DialogApp
from textual.widgets import Input, Static

from sharing.data_export import csv_cell
from sharing.export import ExportRequest, Filters, export_to_path, select
from sharing.merge import import_annotations
from sharing.notes_folder import write_notes_dir
from sharing.notes_reading import read_notes_dir
from store import Store, StoreError, fsio
from store.safetext import UNSAFE_CHARS
from tui.cli import main

#: A note that, shown raw in a terminal, sets the window title (OSC), turns the text red
#: (CSI, and the one-character C1 CSI), rings the bell, hides text behind a carriage
#: return, and shows the rest right-to-left.
HOSTILE_NOTE = (
    "title \x1b]0;pwned\x07 red \x1b[31m c1 \x9b2J nul \x00 del \x7f bs \x08\r"
    "overwritten\nrtl \u202egnp.exe\u202c isolate \u2067x\u2069 tab\tkept"
)
FORMULA_AREAS = {
    "Finance": ['=HYPERLINK("http://evil.example","click") to list in Hong Kong.'],
    "Aviation": ["+1+2 flights between Hong Kong and the main cities of Testland."],
}


def _hostile_store(tmp_path: Path) -> tuple[Store, str]:
    store = Store.open(tmp_path / "db" / "store.json", seed_samples=False, lock_timeout=5)
    path = write_release(tmp_path, "formula.txt", areas=FORMULA_AREAS)
    assert [r.outcome for r in store.import_paths([path])] == ["added"]
    first = store.meetings()[0].commitments[0].id
    store.set_status(first, "stalled", source="-2+3 \x1b[2J", evidence="@SUM(A1) \u202eevil")
    store.add_tags(first, ["=1+1", "esc\x1b[31m"])
    store.add_note(first, HOSTILE_NOTE)
    store.add_note(first, '=WEBSERVICE("http://evil.example")')
    return store, first


def _unsafe(text: str) -> list[str]:
    return sorted({repr(c) for c in text if c in UNSAFE_CHARS})


def _csv_rows(store: Store) -> list[dict[str, str]]:
    text = "".join(_export(store, "csv"))
    return list(csv.DictReader(io.StringIO(text)))


def _export(store: Store, fmt: str, tmp: Path | None = None) -> str:
    target = (tmp or store.files.main.parent) / f"out.{'md' if fmt == 'markdown' else fmt}"
    export_to_path(store, ExportRequest(target, fmt, force=True), "TIME")
    return target.read_bytes().decode("utf-8")


# -- item: formulas ----------------------------------------------------------------------
def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    store, first = _hostile_store(tmp_path)
    rows = _csv_rows(store)
    row = next(r for r in rows if r["commitment_id"] == first)
    assert row["commitment"].startswith("'=HYPERLINK(")
    other = next(r for r in rows if r["area"] == "Aviation")
    assert other["commitment"].startswith("'+1+2 flights")
    assert row["tags"].startswith("'=1+1; ")
    assert row["status_source"].startswith("'-2+3 ")
    assert row["status_evidence"].startswith("'@SUM(A1) ")
    # a number the tool writes stays a number
    assert row["compliance"] == "-1" and row["notes"] == "2"
    for r in rows:
        for column, value in r.items():
            if column != "compliance":
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\r=1", "'\n=1"),
        ("a=1", "a=1"),
        ("  =1+1", "'  =1+1"),
        ("\n@A1", "'\n@A1"),
        ("1-2", "1-2"),
        ("", ""),
    ],
)
def test_csv_cell(text: str, cell: str) -> None:
    assert csv_cell(text) == cell


# -- item: control characters and bidi overrides ------------------------------------------
@pytest.mark.parametrize("fmt", ["markdown", "csv", "json"])
def test_no_control_character_reaches_a_file(tmp_path: Path, fmt: str) -> None:
    store, _first = _hostile_store(tmp_path)
    text = _export(store, fmt)
    assert _unsafe(text) == []
    assert "\\u001b]0;pwned\\u0007" in text  # shown as its code, not dropped
    if fmt == "json":  # JSON's escapes read back as the exact text
        notes = [n["text"] for r in json.loads(text)["annotations"] for n in r["notes"]]
        assert HOSTILE_NOTE in notes
    else:
        assert "\\u202egnp.exe\\u202c" in text


def test_no_control_character_reaches_the_notes_folder_and_it_reads_back(
    tmp_path: Path,
) -> None:
    store, first = _hostile_store(tmp_path)
    folder = tmp_path / "notes"
    write_notes_dir(select(store, Filters()), folder, author="anne")
    texts = {p: p.read_bytes().decode("utf-8") for p in folder.rglob("*") if p.is_file()}
    assert len(texts) == 2
    for path, text in texts.items():
        assert _unsafe(text) == [], path
    [notes_file] = [t for p, t in texts.items() if p.name == "anne.md"]
    assert "\\u001b]0;pwned\\u0007" in notes_file
    # the folder is a round trip: the notes, tags and source come back exactly
    [record] = read_notes_dir(folder).records
    assert HOSTILE_NOTE in [n["text"] for n in record["notes"]]
    assert "esc\x1b[31m" in record["tags"]
    assert record["history"][-1]["source"] == "-2+3 \x1b[2J"
    other = Store.open(tmp_path / "other" / "store.json", seed_samples=False, lock_timeout=5)
    other.import_paths([tmp_path / "formula.txt"])
    import_annotations(other, folder)
    assert HOSTILE_NOTE in [n.text for n in other.annotation(first).notes]


def test_cat_of_the_report_runs_nothing(tmp_path: Path, capsys) -> None:
    store, _first = _hostile_store(tmp_path)
    db = store.files.main
    capsys.readouterr()
    assert main(["--db", str(db), "export"]) == 0
    out = capsys.readouterr().out
    assert _unsafe(out) == [] and "\\u009b2J" in out


# -- item: a notes folder is written whole or not at all -----------------------------------
def _disk_full_after(monkeypatch: pytest.MonkeyPatch, files: int) -> None:
    """Every write after the first ``files`` fails as on a full disk."""
    real = fsio._write_all
    count = 0

    def write(fd: int, data: bytes) -> None:
        nonlocal count
        count += 1
        if count > files:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd, data)

    monkeypatch.setattr(fsio, "_write_all", write)


def _annotated(tmp_path: Path, notes: int = 4) -> Store:
    store = new_store(tmp_path)
    for i, commitment in enumerate(store.meetings()[0].commitments[:notes]):
        store.add_note(commitment.id, f"note {i}")
    return store


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_new_notes_folder_that_fails_midway_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    store = _annotated(tmp_path)
    db = store.files.main
    folder = tmp_path / "out" / "team-notes"
    folder.parent.mkdir()
    capsys.readouterr()
    with monkeypatch.context() as m:
        _disk_full_after(m, 2)
        assert main(["--db", str(db), "export", "-f", "notes-dir", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coop-tui: ") and "No space left" in err and err.count("\n") == 1
    assert list(folder.parent.iterdir()) == []  # no folder, no temporary one
    # the retry needs no --force
    assert main(["--db", str(db), "export", "-f", "notes-dir", str(folder)]) == 0
    assert len(list(folder.glob("*/*/*.md"))) == 4


def test_a_notes_folder_replaced_with_force_is_kept_whole_if_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    store = _annotated(tmp_path)
    folder = tmp_path / "team-notes"
    write_notes_dir(select(store, Filters()), folder, author="anne")
    (folder / "README.md").write_text("our notes\n", encoding="utf-8")
    for i, commitment in enumerate(store.meetings()[0].commitments):
        store.add_note(commitment.id, f"a second note {i}")
    before = _tree(folder)
    with monkeypatch.context() as m:
        _disk_full_after(m, 2)
        with pytest.raises(Exception, match="No space left"):
            write_notes_dir(select(store, Filters()), folder, force=True, author="anne")
    assert _tree(folder) == before
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    # and written whole when the disk has room
    write_notes_dir(select(store, Filters()), folder, force=True, author="anne")
    assert _tree(folder) != before and (folder / "README.md").exists()
    assert all(b"a second note" in data for name, data in _tree(folder).items()
               if name.endswith("/anne.md"))  # fmt: skip


def test_single_file_exports_are_atomic_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _annotated(tmp_path)
    for fmt in ("markdown", "csv", "json"):
        target = tmp_path / f"old.{fmt}"
        target.write_text("old\n", encoding="utf-8")
        with monkeypatch.context() as m:
            m.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
            with pytest.raises(Exception, match="full"):
                export_to_path(store, ExportRequest(target, fmt, force=True))
        assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# -- item: one way to print a compliance score ----------------------------------------------
def test_a_compliance_score_is_printed_alike_everywhere(tmp_path: Path, capsys) -> None:
    store = new_store(tmp_path)
    partial, done, *_ = store.meetings()[0].commitments
    store.set_status(partial.id, "partial")
    store.set_status(done.id, "implemented")
    md = "".join(_export(store, "markdown"))
    assert "- Status: **partially implemented**, compliance 0.00 — set " in md
    assert "- Status: **implemented**, compliance +1.00 — set " in md
    assert "compliance +0.50 (2 of 4 rated)" in md
    # zero is "0.00", never signed (the overview's scale legend shows +0.20 and +0.60)
    assert "+0 " not in md and "+0.00" not in md and "-0.00" not in md
    capsys.readouterr()
    assert main(["--db", str(store.files.main), "show", partial.id]) == 0
    assert "(compliance 0.00)" in capsys.readouterr().out
    assert main(["--db", str(store.files.main), "status", done.id, "implemented", "--evidence",
                 "seen"]) == 0  # fmt: skip
    assert "(compliance +1.00)" in capsys.readouterr().out


# -- item: the CSV carries the status's source and evidence, and the notes ---------------------
def test_csv_has_source_evidence_and_the_notes_text(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    first, second, *_ = store.meetings()[0].commitments
    store.set_status(first.id, "in-progress", source="https://gov.example/old")
    store.set_status(first.id, "implemented", source="https://gov.example/a", evidence="opened")
    store.add_note(first.id, "first note\nwith two lines")
    store.add_note(first.id, 'second, "quoted"')
    rows = {r["commitment_id"]: r for r in _csv_rows(store)}
    row = rows[first.id]
    assert row["status_source"] == "https://gov.example/a"
    assert row["status_evidence"] == "opened"
    assert row["status_changed"] == store.annotation(first.id).history[-1].at
    assert row["notes"] == "2"
    # oldest first (two notes written in the same millisecond: by ID, as every export)
    notes = sorted(store.annotation(first.id).notes, key=lambda n: (n.created, n.id))
    assert {n.text for n in notes} == {"first note\nwith two lines", 'second, "quoted"'}
    assert row["notes_text"] == "\n\n".join(n.text for n in notes)
    empty = rows[second.id]
    assert empty["status_source"] == empty["status_evidence"] == empty["notes_text"] == ""


# -- item: the export dialog can create its target folder ---------------------------------------
async def test_the_export_dialog_creates_missing_folders_when_asked(tmp_path: Path) -> None:
    store = _annotated(tmp_path)
    app = DialogApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#path", Input).value = "reports/2025/notes.csv"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []  # still open, with the reason and the way out
        error = str(screen.query_one("#error", Static).render())
        assert "reports/2025: no such folder" in error and "Create missing folders" in error
        await pilot.click("#make-folders")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [request] = app.results
    assert request is not None and request.make_folders and request.format == "csv"
    assert not (tmp_path / "reports").exists()  # made when the export is written
    summary = export_to_path(store, request)
    assert (tmp_path / "reports" / "2025" / "notes.csv").read_text(encoding="utf-8")
    assert f"created {tmp_path / 'reports'}" in summary
    # a folder for the notes folder, too; a file in the way is refused in one line
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for target, fmt in ((tmp_path / "a" / "b" / "team", "notes-dir"),
                        (tmp_path / "file" / "sub" / "r.md", "markdown")):  # fmt: skip
        request = ExportRequest(target, fmt, make_folders=True)
        if fmt == "notes-dir":
            export_to_path(store, request)
            assert len(list(target.glob("*/*/*.md"))) == 4
        else:
            with pytest.raises(StoreError, match="file: not a folder"):
                export_to_path(store, request)


def test_an_export_killed_midway_is_cleaned_up_by_the_next(tmp_path: Path) -> None:
    store = _annotated(tmp_path)
    folder = tmp_path / "team-notes"
    dead = 2**22 + 12345  # above the usual pid_max: no such process
    left = [tmp_path / f".team-notes.tmp-{dead}-0a1b2c3d",
            folder / f".coop-tui-export.tmp-{dead}-0a1b2c3d"]  # fmt: skip
    left[0].mkdir()
    (left[0] / "index-anne.md").write_text("half", encoding="utf-8")
    write_notes_dir(select(store, Filters()), folder, author="anne")
    assert not left[0].exists()
    left[1].mkdir()
    write_notes_dir(select(store, Filters()), folder, force=True, author="anne")
    assert not left[1].exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []

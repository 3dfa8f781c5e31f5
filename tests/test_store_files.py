"""The store's own files: one store however its path is spelled, a journal that lost its
contents refused, exports and store names that would land on a store's files refused,
imports of annotations all or nothing under kill -9, and rebuild from current sources."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock
from store_support import AREAS, commitment_ids, new_store, release_text, write_release

from sharing.export import ExportRequest, export_to_path
from store import Store, StoreError
from store.journal import JOURNAL_FORMAT

ROOT = Path(__file__).resolve().parent.parent


def coop(*args: str, stdout: int | None = None) -> subprocess.CompletedProcess[str]:
    """``coop-tui ARGS`` in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE if stdout is None else stdout,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def refused(done: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 2 and one line on stderr, ``coop-tui: …``, naming ``words``."""
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stderr.startswith("coop-tui: ") and done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr, (word, done.stderr)


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


def files_of(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` (the lock file aside) and its bytes."""
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.name != "store.lock"
    }


def note_texts(db: Path) -> list[str]:
    return sorted(n["text"] for n in json.loads(ok(coop("--db", str(db), "notes", "--json"))))


# -- 6: --db through a symbolic link ---------------------------------------------------
@pytest.mark.parametrize("link", ["file", "folder"])
def test_a_store_reached_through_a_link_is_the_same_store(tmp_path: Path, link: str) -> None:
    real = tmp_path / "A" / "store.json"
    store = new_store(tmp_path)  # the release, imported into A
    shutil.move(store.path.parent, real.parent)
    if link == "file":
        (tmp_path / "B").mkdir()
        (tmp_path / "B" / "store.json").symlink_to(real)
    else:
        (tmp_path / "B").symlink_to(real.parent, target_is_directory=True)
    via_b = tmp_path / "B" / "store.json"
    cid = commitment_ids(Store.open(real, seed_samples=False))[0]

    ok(coop("--db", str(real), "note", cid, "written through A"))
    ok(coop("--db", str(via_b), "note", cid, "written through B"))
    Store.open(real, seed_samples=False).compact()  # A folds its journal into store.json
    ok(coop("--db", str(via_b), "note", cid, "written through B after A compacted"))
    ok(coop("--db", str(via_b), "tag", cid, "via-b"))
    Store.open(real, seed_samples=False).compact()
    ok(coop("--db", str(real), "note", cid, "written through A at the end"))

    wanted = sorted(
        [
            "written through A",
            "written through B",
            "written through B after A compacted",
            "written through A at the end",
        ]
    )
    assert note_texts(real) == wanted
    assert note_texts(via_b) == wanted
    assert json.loads(ok(coop("--db", str(real), "show", cid, "--json")))["tags"] == ["via-b"]
    if link == "file":  # nothing of the store was made beside the link
        assert sorted(p.name for p in (tmp_path / "B").iterdir()) == ["store.json"]

    held = FileLock(str(real.with_name("store.lock")))  # one lock for both paths
    with held, pytest.raises(StoreError, match="busy"):
        Store.open(via_b, seed_samples=False, lock_timeout=0.2)


# -- 7: a journal that lost its contents -------------------------------------------------
@pytest.mark.parametrize("cut", [0, 20], ids=["empty", "header cut"])
def test_a_truncated_journal_is_refused_by_every_command(tmp_path: Path, cut: int) -> None:
    store = new_store(tmp_path)
    db = store.path
    cid = commitment_ids(store)[0]
    ok(coop("--db", str(db), "status", cid, "stalled", "--evidence", "minutes"))
    ok(coop("--db", str(db), "tag", cid, "finance"))
    ok(coop("--db", str(db), "note", cid, "a note that must not vanish"))
    journal = store.files.journal
    with open(journal, "r+b") as f:
        f.truncate(cut)
    before = files_of(db.parent)
    export = tmp_path / "out.json"
    commands = [
        ["list"],
        ["notes"],
        ["show", cid],
        ["status", cid, "implemented"],
        ["tag", cid, "other"],
        ["note", cid, "another"],
        ["export", "-f", "json", "-o", str(export)],
        ["import", str(tmp_path / "release.txt")],
        ["rebuild"],
        ["orphans"],
    ]
    for command in commands:
        done = coop("--db", str(db), *command)
        refused(done, str(journal), "journal", "truncated")
        assert files_of(db.parent) == before, command
    assert not export.exists()


def test_a_missing_journal_still_falls_back_to_the_last_compaction(tmp_path: Path) -> None:
    """Moving the journal and its mark aside is the documented way back to
    ``store.json`` alone."""
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    store.add_note(cid, "compacted")
    store.compact()
    store.add_note(cid, "journalled")
    store.files.journal.rename(tmp_path / "journal.aside")
    store.files.journal_mark.rename(tmp_path / "mark.aside")
    assert [n.text for n in Store.open(store.path).annotation(cid).notes] == ["compacted"]


@pytest.mark.parametrize("compacted", [False, True], ids=["generation 0", "after compaction"])
@pytest.mark.parametrize("how", ["cut to its header", "deleted"])
def test_a_journal_that_lost_written_changes_is_refused(
    tmp_path: Path, compacted: bool, how: str
) -> None:
    """A journal cut back to its first line, or deleted, after changes were written to
    it looks like a fresh one: the length recorded after each write tells them apart."""
    store = new_store(tmp_path)
    db = store.path
    cid = commitment_ids(store)[0]
    if compacted:
        store.add_note(cid, "compacted")
        store.compact()
    ok(coop("--db", str(db), "tag", cid, "journalled"))
    ok(coop("--db", str(db), "note", cid, "a note that must not vanish"))
    journal = store.files.journal
    if how == "deleted":
        journal.unlink()
    else:
        header = journal.read_bytes().split(b"\n")[0] + b"\n"
        journal.write_bytes(header)
    before = files_of(db.parent)
    for command in (["show", cid], ["notes"], ["tag", cid, "other"], ["note", cid, "x"]):
        refused(coop("--db", str(db), *command), str(journal), "journal")
        assert files_of(db.parent) == before, command


def test_a_fresh_or_just_compacted_journal_is_not_taken_for_a_cut_one(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    assert Store.open(store.path).annotation(cid).notes == []  # fresh: header only
    store.add_note(cid, "kept")
    store.compact()  # header only again, at the next generation
    assert [n.text for n in Store.open(store.path).annotation(cid).notes] == ["kept"]
    ok(coop("--db", str(store.path), "note", cid, "after"))
    texts = [n.text for n in Store.open(store.path).annotation(cid).notes]
    assert texts == ["kept", "after"]


# -- 8: exports and store names that land on a store's files ------------------------------
def test_an_export_never_replaces_a_file_of_the_store(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    db = store.path
    cid = commitment_ids(store)[0]
    store.add_note(cid, "kept")
    store.add_tags(cid, ["kept"])
    (tmp_path / "link").symlink_to(db.parent, target_is_directory=True)
    before = files_of(db.parent)
    targets = [
        (db, "markdown"),
        (db, "json"),
        (db, "csv"),
        (store.files.journal, "json"),
        (store.files.corpus, "csv"),
        (store.files.lock, "markdown"),
        (db.parent / ".." / db.parent.name / "store.json", "json"),  # another spelling
        (tmp_path / "link" / "store.json", "markdown"),  # through a linked folder
        (store.files.sources / "report.md", "markdown"),
        (store.files.sources, "notes-dir"),
        (store.files.drafts, "notes-dir"),
        (store.files.drafts / "d.json", "json"),
    ]
    for target, fmt in targets:
        done = coop("--db", str(db), "export", "-f", fmt, "-o", str(target), "--force")
        refused(done, "store")
        assert files_of(db.parent) == before, target
    assert [n.text for n in Store.open(db).annotation(cid).notes] == ["kept"]

    with open(store.files.journal, "a", encoding="utf-8") as appended:  # export >> store.journal
        refused(coop("--db", str(db), "export", stdout=appended.fileno()), "standard output")
    assert files_of(db.parent) == before


def test_the_apps_export_refuses_the_store_files_too(tmp_path: Path) -> None:
    """The export dialog's worker writes through ``export_to_path``, as the command does."""
    store = new_store(tmp_path)
    before = files_of(store.path.parent)
    for target in (store.path, store.files.journal):
        with pytest.raises(StoreError, match="is the store's"):
            export_to_path(store, ExportRequest(target, "json", force=True))
    other = new_store(tmp_path / "other")  # another store's file: not replaced either
    with pytest.raises(StoreError, match="coop-tui store's file"):
        export_to_path(store, ExportRequest(other.path, "markdown", force=True))
    assert files_of(store.path.parent) == before


async def test_the_export_dialog_will_not_replace_the_store(tmp_path: Path) -> None:
    from test_app_support import SIZE, app_for, screen_text, settle
    from textual.widgets import Checkbox, Input

    from tui.screens.export import ExportScreen

    store = new_store(tmp_path)
    store.add_note(commitment_ids(store)[0], "kept")
    before = files_of(store.path.parent)
    app = app_for(store.path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#path", Input).value = str(store.path)
        app.screen.query_one("#force", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Not exported" in screen_text(app)
    assert files_of(store.path.parent) == before


@pytest.mark.parametrize(
    "name",
    [
        "x.journal",
        "y.lock",
        "z.corpus.json",
        "w.sources",
        "v.drafts",
        "u.journal.mark",
        "STORE.JOURNAL",
    ],
)
def test_a_store_named_like_a_store_file_is_refused(tmp_path: Path, name: str) -> None:
    done = coop("--db", str(tmp_path / name), "list")
    refused(done, name, "cannot be named")
    assert list(tmp_path.iterdir()) == []


# -- 9: an import of annotations is all or nothing ---------------------------------------
NOTES = 8_000


def _big_export(db: Path, path: Path) -> tuple[int, int]:
    """A JSON export with ``NOTES`` notes and some tags on the store's commitments."""
    meetings = json.loads(ok(coop("--db", str(db), "list", "--json")))
    records = [
        {
            "id": c["id"],
            "kind": "commitment",
            "text": c["text"],
            "meeting": {"id": m["id"]},
            "history": [],
            "tags": [f"imported-{i}-{k}" for k in range(3)],
            "notes": [],
        }
        for m in meetings
        for a in m["areas"]
        for i, c in enumerate(a["commitments"])
    ]
    for n in range(NOTES):
        records[n % len(records)]["notes"].append(
            {
                "id": f"{n:012x}",
                "text": f"imported note {n} " + "with some words in it " * 30,
                "created": "2024-01-01T00:00:00.000Z",
            }
        )
    export = {"coop-tui": "annotations", "format": 1, "annotations": records}
    path.write_text(json.dumps(export), encoding="utf-8")
    return NOTES, 3 * len(records)


def _imported(db: Path) -> tuple[int, int]:
    """How many imported notes and tags the store holds (it must open)."""
    store = Store.open(db, seed_samples=False)
    notes = sum(n.text.startswith("imported note") for n in store.notes())
    tags = sum(t.startswith("imported-") for a in store.annotations().values() for t in a.tags)
    return notes, tags


def test_kill_9_during_import_annotations_applies_all_of_it_or_nothing(tmp_path: Path) -> None:
    pristine = tmp_path / "pristine"
    db0 = pristine / "store.json"
    ok(coop("--db", str(db0), "init"))  # a new store, with the samples
    big = tmp_path / "big.json"
    everything = _big_export(db0, big)
    rng = random.Random(1209)
    seen: list[tuple[int, int]] = []
    for run in range(12):
        work = tmp_path / f"run{run}"
        shutil.copytree(pristine, work)
        db = work / "store.json"
        journal = work / "store.journal"
        size = journal.stat().st_size
        child = subprocess.Popen(
            [sys.executable, "-m", "tui", "--db", str(db), "import-annotations", str(big)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if run % 2:  # at a random moment of the whole run ...
            time.sleep(rng.random() * 0.8)
        else:  # ... or just after it starts writing the journal
            while child.poll() is None and journal.stat().st_size == size:
                pass
            time.sleep(rng.random() * 0.004)
        child.send_signal(signal.SIGKILL)
        child.wait()
        got = _imported(db)  # it opens, with all of the import or none of it
        seen.append(got)
        assert got in ((0, 0), everything), seen
    # a killed import leaves nothing in the way: importing again gives all of it, once
    db = tmp_path / "run0" / "store.json"
    ok(coop("--db", str(db), "import-annotations", str(big)))
    assert _imported(db) == everything
    assert len(json.loads(ok(coop("--db", str(db), "notes", "--json")))) == NOTES


def test_a_torn_batch_line_applies_none_of_its_events(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    ids = commitment_ids(store)

    def plan(current: Store) -> list[dict]:
        return [
            {"op": "tags", "target": cid, "anchor": current.anchor_of(cid), "add": ["batch"],
             "remove": []}
            for cid in ids
        ]  # fmt: skip

    size = store.files.journal.stat().st_size
    mark = store.files.journal_mark.read_bytes()  # a write killed part-way never marks
    with store.transaction() as tx:
        tx.append(plan(store))
    data = store.files.journal.read_bytes()
    assert data.count(b"\n") == 2  # the header, then the whole transaction as one line
    for cut in (size + 10, len(data) - 1):  # killed part-way through the write
        store.files.journal.write_bytes(data[:cut])
        store.files.journal_mark.write_bytes(mark)
        reopened = Store.open(store.path, seed_samples=False)
        assert all(reopened.annotation(cid).tags == [] for cid in ids)
    store.files.journal.write_bytes(data)
    reopened = Store.open(store.path, seed_samples=False)
    assert all(reopened.annotation(cid).tags == ["batch"] for cid in ids)


def test_a_journal_of_the_older_format_is_read_and_upgraded(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    at = "2024-01-01T00:00:00.000Z"
    note = {"id": "0123456789ab", "target_id": cid, "text": "from format 1", "created": at}
    lines = [
        {"coop-tui": "journal", "format": 1, "generation": 0},
        {"op": "note", "anchor": store.anchor_of(cid), "note": note},
        {"op": "tags", "target": cid, "anchor": {}, "add": ["old"], "remove": []},
    ]
    store.files.journal.write_text("".join(json.dumps(r) + "\n" for r in lines), "utf-8")
    old = Store.open(store.path, seed_samples=False)
    assert [n.text for n in old.annotation(cid).notes] == ["from format 1"]
    assert old.annotation(cid).tags == ["old"]
    old.add_tags(cid, ["new"])  # the first write folds it in and starts a new journal
    header = json.loads(store.files.journal.read_text("utf-8").splitlines()[0])
    assert header["format"] == JOURNAL_FORMAT
    again = Store.open(store.path, seed_samples=False)
    assert [n.text for n in again.annotation(cid).notes] == ["from format 1"]
    assert again.annotation(cid).tags == ["old", "new"]


# -- 10: rebuild keeps each meeting's current version -----------------------------------
EDITED = AREAS["Finance"][0].replace("green bonds", "blue bonds")


def _texts(db: Path) -> list[str]:
    meetings = json.loads(ok(coop("--db", str(db), "list", "--json")))
    return [c["text"] for m in meetings for a in m["areas"] for c in a["commitments"]]


def _status_of(db: Path, text: str) -> str:
    meetings = json.loads(ok(coop("--db", str(db), "list", "--json")))
    found = [c for m in meetings for a in m["areas"] for c in a["commitments"] if c["text"] == text]
    assert len(found) == 1, found
    return str(found[0]["status"])


@pytest.mark.parametrize("corpus", ["kept", "lost"])
def test_rebuild_keeps_the_last_imported_version_of_a_release(tmp_path: Path, corpus: str) -> None:
    db = tmp_path / "db" / "store.json"
    first = write_release(tmp_path, "v1.txt")
    ok(coop("--db", str(db), "--create", "import", str(first)))
    edited = tmp_path / "v2.txt"
    edited.write_text(
        release_text(areas={**AREAS, "Finance": [EDITED, AREAS["Finance"][1]]}), encoding="utf-8"
    )
    ok(coop("--db", str(db), "import", str(edited)))
    cid = next(c.id for m in Store.open(db).meetings() for c in m.commitments if c.text == EDITED)
    ok(coop("--db", str(db), "status", cid, "implemented"))
    if corpus == "lost":  # parsed back from the stored sources alone
        (db.parent / "store.corpus.json").unlink()
    ok(coop("--db", str(db), "rebuild"))  # exit 0: no file failed
    texts = _texts(db)
    assert EDITED in texts and AREAS["Finance"][0] not in texts
    assert _status_of(db, EDITED) == "implemented"
    assert json.loads(ok(coop("--db", str(db), "orphans", "--json"))) == []


def test_rebuild_without_the_corpus_takes_a_version_imported_again(tmp_path: Path) -> None:
    """v1, v2, then v1 again: v1 is the current version, also for a rebuild from sources."""
    store = new_store(tmp_path)
    first = tmp_path / "release.txt"
    edited = tmp_path / "v2.txt"
    edited.write_text(
        release_text(areas={**AREAS, "Finance": [EDITED, AREAS["Finance"][1]]}), encoding="utf-8"
    )
    assert [r.outcome for r in store.import_paths([edited])] == ["updated"]
    sources = {p.read_bytes(): p for p in store.files.sources.iterdir()}
    old = time.time() - 7200
    os.utime(sources[first.read_bytes()], (old, old))  # written two hours ago ...
    os.utime(sources[edited.read_bytes()], (old + 3600, old + 3600))  # ... and one hour ago
    assert [r.outcome for r in store.import_paths([first])] == ["updated"]
    store.files.corpus.unlink()
    rebuilt = Store.open(store.path, seed_samples=False)
    assert [r.outcome for r in rebuilt.rebuild()] == ["added"]
    texts = [c.text for c in rebuilt.meetings()[0].commitments]
    assert AREAS["Finance"][0] in texts and EDITED not in texts


def test_an_export_never_replaces_a_device_or_a_pipe(tmp_path: Path) -> None:
    """``--force`` replaces a regular file only: a FIFO (or a device node) named as the
    output is refused and left as it is."""
    store = new_store(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for fmt in ("markdown", "json", "csv"):
        done = coop("--db", str(store.path), "export", "-f", fmt, "-o", str(fifo), "--force")
        refused(done, "not a regular file")
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)

"""A store that cannot be written here is read all the same (issue 13, item 11).

The command line runs as a user without the right to write in the store's folder: this
user if it is not root (the folder made read-only), else ``nobody`` through ``setpriv``
(root may write anywhere). Reading commands work; writes are refused in one line and
change no file. The app opens such a store, says it is read-only and refuses changes.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_support import ROOT
from test_app_support import app_for, flat, screen_text, settle

import store.locking as locking_module
from store import Store
from tui.screens.note_editor import NoteEditorScreen

NOBODY = 65534


#: ``coop-tui`` with the lock file refused as the system refuses it to a user without
#: the right to write (EACCES): the fallback where root cannot become such a user.
_REFUSED_LOCK = """
import errno, sys
import store.locking
from tui.cli import main

class NoRightToLock:
    def __init__(self, path, timeout):
        self.path, self.is_locked = path, False
    def acquire(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(self.path))
    def release(self):
        raise AssertionError("released a lock never taken")

store.locking._file_lock = NoRightToLock
sys.exit(main(sys.argv[1:]))
"""


def _reader_command() -> list[str]:
    """How to run ``coop-tui`` as a user who cannot write to a folder made read-only:
    this user if not root; else ``nobody`` through ``setpriv`` if it can run Python here;
    else (root may write anywhere) with the lock file refused as it is to such a user."""
    if os.geteuid() != 0:
        return [sys.executable, "-m", "tui"]
    setpriv = shutil.which("setpriv")
    if setpriv is not None:
        command = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        probe = subprocess.run(
            [*command, sys.executable, "-c", "import tui.cli"], cwd=ROOT, capture_output=True
        )
        if probe.returncode == 0:
            return [*command, sys.executable, "-m", "tui"]
    return [sys.executable, "-c", _REFUSED_LOCK]


READER = _reader_command()


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture(params=["no lock file", "lock file not writable"])
def read_only_store(request: pytest.FixtureRequest) -> Iterator[tuple[Path, str]]:
    """A store with a note, in a folder the reader cannot write to; and the note's target."""
    folder = Path(tempfile.mkdtemp(prefix="coop-tui-read-only-"))  # reachable by nobody
    db = folder / "store.json"
    store = Store.open(db)
    target = store.meetings()[0].commitments[0].id
    store.add_note(target, "a note read without the right to write")
    lock = folder / "store.lock"
    if request.param == "no lock file":
        lock.unlink()
    else:
        lock.chmod(0o444)
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield db, target
    finally:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(stat.S_IRWXU | (stat.S_IRWXG if path.is_dir() else 0))
        shutil.rmtree(folder)


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*READER, *map(str, args)], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
    )


def test_reading_needs_no_right_to_write(read_only_store: tuple[Path, str]) -> None:
    db, target = read_only_store
    before = _snapshot(db.parent)
    reads = [
        ("list", "--json"),
        ("show", target, "--json"),
        ("notes", "--json"),
        ("search", "read without"),
        ("export", "-f", "json"),
        ("diff",),
        ("orphans",),
    ]
    for args in reads:
        done = _run("--db", db, *args)
        assert done.returncode == 0, (args, done.stderr)
        assert "read without the right to write" in done.stdout or args[0] in ("diff", "orphans")
    shown = json.loads(_run("--db", db, "show", target, "--json").stdout)
    assert [n["text"] for n in shown["notes"]] == ["a note read without the right to write"]
    assert _snapshot(db.parent) == before


def test_writes_are_refused_in_one_line(read_only_store: tuple[Path, str]) -> None:
    db, target = read_only_store
    before = _snapshot(db.parent)
    for args in [("note", target, "another"), ("tag", target, "finance"), ("rebuild",)]:
        done = _run("--db", db, *args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("coop-tui: "), done.stderr
        assert "the store is read-only here" in lines[0]
    assert _snapshot(db.parent) == before


class _NoRightToLock:
    """A lock file that cannot be created (as for a user without the right to)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.is_locked = False

    def acquire(self, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", self.path)

    def release(self) -> None:  # pragma: no cover - never acquired
        raise AssertionError("released a lock never taken")


async def test_app_opens_read_only_and_refuses_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "store.json"
    Store.open(db)
    monkeypatch.setattr(locking_module, "_file_lock", lambda path, timeout: _NoRightToLock(path))
    app = app_for(db)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert app.session is not None and app.session.store.read_only is not None
        assert app.sub_title.endswith("(read-only)")
        assert len(app.main.agreement_tree.meetings) == 2  # read all the same
        shown = flat(screen_text(app))
        assert "The store is read-only here" in shown, shown
        app.clear_notifications()
        await pilot.press("down", "down")  # a commitment
        await pilot.press("n")
        await settle(pilot)
        assert not isinstance(app.screen, NoteEditorScreen)  # nothing to type in vain
        assert "nothing can be changed" in flat(screen_text(app))

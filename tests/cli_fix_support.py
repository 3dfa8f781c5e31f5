"""Helpers for the command-line tests of corrections and undo: a store with the synthetic
release (and a second meeting), ``coop-tui`` in a subprocess as a given author, and the
store's files as bytes (to show that a refused command changed nothing)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from store_support import AREAS, run_cli, write_release

from store import Store

OTHER = {"Trade": ["Promote the trade between Hong Kong and Otherland in services."]}


def make_store(tmp_path: Path) -> Path:
    """A store (no samples) holding the synthetic release and a second meeting."""
    store = Store.open(tmp_path / "db" / "store.json", seed_samples=False, create=True)
    first = write_release(tmp_path)
    second = write_release(
        tmp_path,
        "other.txt",
        areas=OTHER,
        title="Hong Kong and Otherland hold a co-operation meeting",
        date="2025-06-02",
    )
    results = store.import_paths([first, second])
    assert [r.outcome for r in results] == ["added", "added"], results
    return store.path


def cli(
    db: Path, *args: str, author: str = "anne", **options: Any
) -> subprocess.CompletedProcess[str]:
    """``coop-tui --db DB --author AUTHOR ARGS`` in a subprocess."""
    env = {**os.environ, "COOP_TUI_AUTHOR": "someone-else"}
    return run_cli("--db", db, "--author", author, *args, env=env, **options)


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    return done.stdout


def files(db: Path) -> dict[str, bytes]:
    """Every file of the store (the lock file aside) and its bytes."""
    return {
        str(p.relative_to(db.parent)): p.read_bytes()
        for p in sorted(db.parent.rglob("*"))
        if p.is_file() and p.name != "store.lock"
    }


def listed(db: Path) -> list[dict[str, Any]]:
    """``coop-tui list --json``."""
    return json.loads(ok(cli(db, "list", "--json")))


def first_meeting(db: Path) -> dict[str, Any]:
    """The synthetic release's meeting as ``list --json`` gives it."""
    return next(m for m in listed(db) if m["source"] == "release.txt")


def ids(db: Path) -> dict[str, str]:
    """The synthetic release's IDs by name: ``Finance``, ``Aviation`` (areas), ``F0``,
    ``F1``, ``A0``, ``A1`` (commitments), ``meeting``, and the second meeting's
    ``other``, ``Trade`` and ``T0``."""
    store = Store.open(db)
    found: dict[str, str] = {}
    for meeting in store.meetings():
        key = "meeting" if meeting.source == "release.txt" else "other"
        found[key] = meeting.id
        for area in meeting.areas:
            found[area.name] = area.id
            for n, c in enumerate(area.commitments):
                found[f"{area.name[0]}{n}"] = c.id
    assert found["F0"] != found["A0"] and len(AREAS) == 2
    return found

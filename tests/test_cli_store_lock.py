"""A store file coop-tui refuses gets no lock file left beside it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import Store, StoreError
from tui.cli import main


def _corrupt(path: Path) -> None:
    path.write_bytes(b'{"_meta": ')


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _not_a_store(path: Path) -> None:
    path.write_text('{"hello": "world"}', encoding="utf-8")


def _newer_schema(path: Path) -> None:
    meta = {"app": "coop-tui", "schema": 999, "generation": 0}
    path.write_text(json.dumps({"_meta": {"1": meta}}), encoding="utf-8")


def _a_directory(path: Path) -> None:
    path.mkdir()


def _missing_beside_a_journal(path: Path) -> None:
    path.with_name("bad.journal").write_text("", encoding="utf-8")


REFUSED = {
    "corrupt": (_corrupt, "the store is corrupt"),
    "empty": (_empty, "the store is empty"),
    "not a store": (_not_a_store, "not a coop-tui store"),
    "newer schema": (_newer_schema, "written by a newer version of coop-tui"),
    "a directory": (_a_directory, "cannot read the store"),
    "missing beside a journal": (_missing_beside_a_journal, "missing, but bad.journal exists"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_refused_store_gets_no_lock_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    make, message = REFUSED[case]
    path = tmp_path / "bad.json"
    make(path)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["--db", str(path), "list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"coop-tui: {path}") and message in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no bad.lock, nothing else
    with pytest.raises(StoreError):
        Store.open(path)
    assert not path.with_name("bad.lock").exists()


def test_a_lock_file_already_there_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    _corrupt(path)
    lock = path.with_name("bad.lock")
    lock.write_bytes(b"")
    with pytest.raises(StoreError, match="corrupt"):
        Store.open(path)
    assert lock.exists()  # another process may be waiting on it: never removed


def test_a_new_and_a_valid_store_are_locked_as_before(tmp_path: Path) -> None:
    path = tmp_path / "new" / "store.json"
    Store.open(path, seed_samples=False)
    assert path.with_name("store.lock").exists()
    path.with_name("store.lock").unlink()
    Store.open(path, seed_samples=False)  # a valid store without its lock file
    assert path.with_name("store.lock").exists()

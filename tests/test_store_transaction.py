"""The store's public transaction API (``with store.transaction() as tx: …``), and the
importer's use of the store through that API only."""

from __future__ import annotations

import ast
import contextlib
import errno
from pathlib import Path
from typing import Any

import pytest
from store_support import ROOT, commitment_ids, new_store

from store import Store, StoreError
from store.errors import ErrorKind, StoreBusy
from store.journal import Journal


def _tag_event(store: Store, target_id: str, tag: str) -> dict[str, Any]:
    return {"op": "tags", "target": target_id, "anchor": store.anchor_of(target_id),
            "add": [tag], "remove": []}  # fmt: skip


def test_a_committed_block_is_one_write_seen_by_another_store(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    ids = commitment_ids(store)[:3]
    other = Store.open(store.path, seed_samples=False)
    with store.transaction() as tx:
        tx.append([_tag_event(store, cid, "batch") for cid in ids])
        assert all(tx.state.annotation(cid).tags == ["batch"] for cid in ids)  # at once
        assert all(other.annotation(cid).tags == [] for cid in ids)  # not yet on disk
    assert other.refresh()
    assert all(other.annotation(cid).tags == ["batch"] for cid in ids)
    reopened = Store.open(store.path, seed_samples=False)
    assert all(reopened.annotation(cid).tags == ["batch"] for cid in ids)


def test_a_block_that_raises_commits_nothing(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    journal = store.files.journal.read_bytes()
    with pytest.raises(ValueError, match="changed my mind"), store.transaction() as tx:
        tx.append([_tag_event(store, cid, "never")])
        raise ValueError("changed my mind")
    assert store.annotation(cid).tags == []  # in memory …
    assert store.files.journal.read_bytes() == journal  # … and on disk
    assert Store.open(store.path, seed_samples=False).annotation(cid).tags == []
    store.add_tags(cid, ["later"])  # and the store still works
    assert Store.open(store.path, seed_samples=False).annotation(cid).tags == ["later"]


def test_a_failed_write_commits_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]

    def full(self: Journal, events: list[dict[str, Any]]) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(Journal, "append", full)
        refused = pytest.raises(StoreError, match="No space left on device")
        with refused as info, store.transaction() as tx:
            tx.append([_tag_event(store, cid, "lost")])
    assert info.value.kind is ErrorKind.WRITE_FAILED
    assert store.annotation(cid).tags == []
    assert Store.open(store.path, seed_samples=False).annotation(cid).tags == []


def test_a_transaction_reads_what_others_wrote_and_holds_them_off(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    other = Store.open(store.path, seed_samples=False, lock_timeout=0.2)
    other.add_note(cid, "written elsewhere first")
    with store.transaction() as tx:
        # caught up under the lock: what another process wrote before is read …
        assert [n.text for n in tx.state.annotation(cid).notes] == ["written elsewhere first"]
        # … and while the block runs, no other process can change it
        with pytest.raises(StoreBusy):
            other.add_note(cid, "must wait")
        tx.append([_tag_event(store, cid, "mine")])
    other.add_note(cid, "after the transaction")
    final = Store.open(store.path, seed_samples=False).annotation(cid)
    assert final.tags == ["mine"]
    assert [n.text for n in final.notes] == ["written elsewhere first", "after the transaction"]


def test_an_event_the_store_cannot_apply_is_refused(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    with pytest.raises(StoreError), store.transaction() as tx:
        tx.append([_tag_event(store, cid, "fine"), {"op": "no such operation"}])
    assert store.annotation(cid).tags == []
    assert Store.open(store.path, seed_samples=False).annotation(cid).tags == []
    with pytest.raises(StoreError), store.transaction() as tx:  # even if the block goes on
        tx.append([_tag_event(store, cid, "fine")])
        with contextlib.suppress(StoreError):
            tx.append([{"op": "no such operation"}])
    assert store.annotation(cid).tags == []
    assert Store.open(store.path, seed_samples=False).annotation(cid).tags == []


def test_a_transaction_cannot_be_used_after_its_block(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    with store.transaction() as tx:
        pass
    with pytest.raises(RuntimeError):
        tx.append([_tag_event(store, cid, "late")])
    assert store.annotation(cid).tags == []


def private_uses(source: str) -> list[str]:
    """Every private attribute (``x._name``) that code reaches on anything but ``self``
    itself, and every private name it imports: what the importer must not touch."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            own = isinstance(node.value, ast.Name) and node.value.id == "self"
            if not own and not node.attr.startswith("__"):
                found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom):
            found += [f"line {node.lineno}: {a.name}" for a in node.names if a.name[0] == "_"]
    return found


def test_the_importer_uses_only_the_stores_public_api() -> None:
    source = (ROOT / "store" / "importer.py").read_text(encoding="utf-8")
    assert private_uses(source) == []
    # the check finds what it looks for
    assert private_uses("def f(self):\n    self.store._sync()\n") == ["line 2: ._sync"]
    assert private_uses("def f(store):\n    store._journal.append([])\n") == ["line 2: ._journal"]
    assert private_uses("from store.store import _CorpusError\n") == ["line 1: _CorpusError"]

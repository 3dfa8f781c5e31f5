"""A tag is one tag however its letters are written: in any case, composed or
decomposed (NFC or NFD), in full-width letters."""

from __future__ import annotations

import json
from pathlib import Path

from store_support import new_store, run_cli

from store import Store
from tui.screens.tags import split_tags

CAFE = "café"  # é composed (NFC)
SPELLINGS = ["cafe\u0301", "CAFE\u0301", "ＣＡＦÉ", "Café"]  # NFD, upper NFD, full-width, title


def test_one_tag_in_any_form_added_removed_and_filtered(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    assert store.add_tags(cid, [CAFE]) == [CAFE]
    assert store.add_tags(cid, SPELLINGS) == [CAFE]  # the first spelling kept, no other
    db = store.path
    for spelling in SPELLINGS:
        exported = run_cli("--db", db, "export", "--format", "json", "--tag", spelling)
        assert exported.returncode == 0, exported.stderr
        assert [a["id"] for a in json.loads(exported.stdout)["annotations"]] == [cid]
        found = run_cli("--db", db, "search", f"tag:{spelling}", "--json")
        assert found.returncode == 0, found.stderr
        assert cid in {r["id"] for r in json.loads(found.stdout)}, spelling
    removed = run_cli("--db", db, "tag", cid, "--remove", SPELLINGS[0])
    assert removed.returncode == 0, removed.stderr
    assert Store.open(db, seed_samples=False).annotation(cid).tags == []


def test_typed_tags_are_one_tag_in_any_form() -> None:
    assert split_tags(", ".join([CAFE, *SPELLINGS])) == [CAFE]

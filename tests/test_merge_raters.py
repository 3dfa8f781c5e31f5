"""A merge keeps each rater's latest status, not only the most recent one overall.

Alice and Bob rate the same meetings in two stores; Bob imports Alice's export
(``coop-tui import-annotations``) and ``coop-tui agreement --json`` in his store sees
both raters with their own statuses; importing again changes nothing. Each command runs
in a subprocess, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_fix_support import cli, files, ids, make_store, ok


def _stores(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    (tmp_path / "alice").mkdir()
    (tmp_path / "bob").mkdir()
    alice, bob = make_store(tmp_path / "alice"), make_store(tmp_path / "bob")
    i = ids(alice)
    assert ids(bob) == i  # the same releases: the same IDs
    return alice, bob, i


def _agreement(db: Path) -> dict[str, Any]:
    return json.loads(ok(cli(db, "agreement", "--json")))


@pytest.mark.parametrize("form", ["json", "notes-dir"])
def test_after_an_import_both_raters_latest_statuses_are_compared(
    tmp_path: Path, form: str
) -> None:
    alice, bob, i = _stores(tmp_path)
    for target, status in (("F0", "stalled"), ("F0", "implemented"), ("F1", "stalled"),
                           ("A0", "partial")):  # fmt: skip
        ok(cli(alice, "status", i[target], status, author="alice"))
    for target, status in (("F0", "implemented"), ("F1", "partial"), ("A1", "stalled")):
        ok(cli(bob, "status", i[target], status, author="bob"))
    # Bob's F1 is later than Alice's: the most recent status overall is his, yet
    # Alice's rating of F1 must still count as hers
    exported = tmp_path / ("alice.json" if form == "json" else "alice-notes")
    ok(cli(alice, "export", "--format", form, "-o", str(exported), author="alice"))
    ok(cli(bob, "import-annotations", str(exported), author="bob"))

    doc = _agreement(bob)
    assert doc["raters"] == ["alice", "bob"]
    # F0: both implemented (Alice's earlier "stalled" is not her rating); F1: stalled
    # (−1) against partial (0); A0 and A1 rated by one rater each
    [pair] = doc["pairs"]
    assert pair["raters"] == ["alice", "bob"] and pair["both_rated"] == 2
    assert pair["percent_agreement"] == 0.5
    # p_o = 1/2; alice +1:1, −1:1; bob +1:1, 0:1: p_e = 1/4; kappa = 0.25 / 0.75
    assert pair["cohen_kappa"] == round(1 / 3, 4)
    # ordinal alpha, values n(−1) = 1, n(0) = 1, n(+1) = 2: D_o = 2·1/4 = 0.5,
    # D_e = 2·(2·1·2.25 + 1·1·1 + 2·1·6.25) / 12 = 3, alpha = 1 − 0.5/3
    assert pair["krippendorff_alpha"] == round(1 - 0.5 / 3, 4)
    assert doc["overall"] == {"units": 2, "krippendorff_alpha": round(1 - 0.5 / 3, 4)}
    [d] = doc["disagreements"]
    assert d["id"] == i["F1"] and d["ratings"] == {"alice": "stalled", "bob": "partial"}

    # each rater's figures from Bob's store, as they rated
    def finance(author: str) -> dict[str, Any]:
        stats = json.loads(ok(cli(bob, "stats", "--json", "--author", author)))
        return next(a for m in stats["meetings"] for a in m["areas"] if a["id"] == i["Finance"])

    assert finance("alice")["by_status"]["stalled"] == 1
    assert finance("alice")["compliance"] == 0.0  # +1 and −1
    assert finance("bob")["compliance"] == 0.5  # +1 and 0

    before = files(bob)
    again = ok(cli(bob, "import-annotations", str(exported), author="bob"))
    assert "0 added" in again
    assert _agreement(bob) == doc
    assert files(bob) == before  # not a byte of the store written


def test_two_raters_setting_a_status_in_the_same_millisecond_are_both_kept(
    tmp_path: Path,
) -> None:
    """The merge's "already here" test compares the author too: Alice's rating made at
    the very time Bob made the same one is another rating, not a copy of his."""
    alice, bob, i = _stores(tmp_path)
    ok(cli(alice, "status", i["F0"], "implemented", author="alice"))
    ok(cli(alice, "status", i["F1"], "stalled", author="alice"))
    ok(cli(bob, "status", i["F0"], "implemented", author="bob"))
    ok(cli(bob, "status", i["F1"], "implemented", author="bob"))
    shown = json.loads(ok(cli(bob, "show", i["F0"], "--json")))
    bobs_time = shown["history"][-1]["at"]
    exported = tmp_path / "alice.json"
    ok(cli(alice, "export", "--format", "json", "-o", str(exported), author="alice"))
    doc = json.loads(exported.read_text(encoding="utf-8"))
    [f0] = [a for a in doc["annotations"] if a["id"] == i["F0"]]
    f0["history"][-1]["at"] = bobs_time  # the same status, the same millisecond
    exported.write_text(json.dumps(doc), encoding="utf-8")
    ok(cli(bob, "import-annotations", str(exported), author="bob"))

    [pair] = _agreement(bob)["pairs"]
    assert pair["both_rated"] == 2  # F0 (both implemented) and F1
    assert pair["percent_agreement"] == 0.5
    history = json.loads(ok(cli(bob, "show", i["F0"], "--json")))["history"]
    assert sorted(c["by"] for c in history if c["at"] == bobs_time) == ["alice", "bob"]

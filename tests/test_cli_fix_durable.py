"""Corrections are the researcher's work: they survive ``kill -9`` in the middle of
``coop-tui fix`` or ``undo`` (each is all there or not at all, and the activity log
agrees with the store), ``coop-tui rebuild`` and a re-import of an edited release (where
one whose commitment changed becomes an orphan that ``coop-tui orphans`` lists)."""

from __future__ import annotations

import json
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from cli_fix_support import cli, first_meeting, ids, make_store, ok
from store_support import AREAS, ROOT, write_release

from store import Status, Store
from store.corrections import Correction
from store.model import tag_key


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return make_store(tmp_path)


def _corrected(db: Path) -> tuple[dict[str, str], str]:
    """Four corrections of the synthetic release: the IDs, and the split's second part."""
    i = ids(db)
    ok(cli(db, "fix", "rename", i["Finance"], "Money"))
    ok(cli(db, "fix", "exclude", i["A0"]))
    ok(cli(db, "fix", "meeting", i["meeting"], "--place", "Kowloon"))
    _first, second = ok(cli(db, "fix", "split", i["A1"], "--at", "the main cities")).split()
    ok(cli(db, "note", i["F1"], "a note on the treasury centres"))
    return i, second


def test_corrections_survive_rebuild(db: Path) -> None:
    _corrected(db)
    before = first_meeting(db)
    done = cli(db, "rebuild")
    assert done.returncode == 0, done.stderr
    assert first_meeting(db) == before
    assert ok(cli(db, "orphans")).startswith("no orphans")


def test_a_reimport_of_an_edited_release_keeps_the_corrections_that_still_apply(
    db: Path, tmp_path: Path
) -> None:
    i, second = _corrected(db)
    edited = {  # a commitment changed elsewhere, and the split one's text changed
        "Finance": [AREAS["Finance"][0], AREAS["Finance"][1].replace("overseas", "their")],
        "Aviation": [
            AREAS["Aviation"][0],
            "Increase the frequency of direct flights between Hong Kong and Testland.",
        ],
    }
    (tmp_path / "edited").mkdir()
    path = write_release(tmp_path / "edited", areas=edited)
    done = cli(db, "import", str(path))
    assert done.returncode == 0, done.stderr
    assert "updated" in done.stdout
    assert "; corrections: 1 no longer apply (see coop-tui orphans)" in done.stdout
    meeting = first_meeting(db)
    finance, aviation = meeting["areas"]
    assert (finance["id"], finance["name"], finance["original_name"]) == (
        i["Finance"],
        "Money",
        "Finance",
    )
    assert [c["id"] for c in aviation["excluded"]] == [i["A0"]]  # still excluded
    assert meeting["place"] == "Kowloon"
    assert all(c["id"] != second for c in aviation["commitments"])  # the split is gone
    [f1] = [c for c in finance["commitments"] if "their" in c["text"]]
    assert [n["text"] for n in f1["notes"]] == ["a note on the treasury centres"]

    out = ok(cli(db, "orphans"))
    assert f"split commitment {i['A1']}" in out
    assert "does not apply: the commitment is no longer in the meeting" in out
    assert "Increase the frequency of direct flights between Hong Kong and Testland." in out
    listed = json.loads(ok(cli(db, "orphans", "--json")))
    [orphan] = [o for o in listed if o["kind"] == "correction"]
    assert orphan["old_target_id"] == i["A1"] and orphan["payload"]["kind"] == "split"
    assert orphan["why"] == "the commitment is no longer in the meeting"
    assert orphan["suggestions"][0]["text"].startswith("Increase the frequency")
    # the rename, the exclusion and the place do apply: they are no orphans
    assert {o["payload"]["kind"] for o in listed if o["kind"] == "correction"} == {"split"}
    # the suggested paragraph has no split point either: re-attaching there is refused
    # (one line, exit 2) and the orphan stays as it was
    done = cli(db, "reattach", orphan["id"][:8], orphan["suggestions"][0]["id"])
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "does not apply" in done.stderr and "split point" in done.stderr
    [again] = [o for o in json.loads(ok(cli(db, "orphans", "--json"))) if o["kind"] == "correction"]
    assert again == orphan


# -- kill -9 -----------------------------------------------------------------------------
# coop-tui's command line, with a tiny compaction threshold so that kills also land in
# the folding of the journal into store.json
RUNNER = """
import sys
sys.path.insert(0, {root!r})
import store.snapshot as snapshot_module
snapshot_module.COMPACT_MIN_BYTES = 3000
from tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _projections(store: Store) -> dict[str, Any]:
    """What each logged thing is now, as the log's projections give it."""
    now: dict[str, Any] = {}
    for entry in store.correction_history():
        slot = Correction.from_dict(
            {k: v for k, v in entry.items() if k not in ("in_force", "withdrawn")}
        ).slot
        ids_now = now.setdefault(f"s:{slot}", [])
        if not entry["withdrawn"]:
            ids_now.append(entry["id"])
    return {k: v or None for k, v in now.items()}


def _check_consistent(store: Store) -> None:
    """Every correction is in the log and the log's latest word on each thing it touched
    (a correction slot, a target's statuses and tags) is what the store holds."""
    log = store.log()
    projections = _projections(store)
    logged: set[str] = set()
    for e in log:
        for value in (*e.before.values(), *e.after.values()):
            if isinstance(value, list):  # a correction slot's corrections
                logged.update(value)
    stored = {c["id"] for c in store.correction_history()}
    assert stored <= logged, "a correction without its log entry"
    assert logged <= stored, "a log entry without its correction"
    seen: set[str] = set()
    for entry in log:  # newest first
        for key, after in entry.after.items():
            if key in seen:
                continue
            seen.add(key)
            if key.startswith("s:"):
                assert projections.get(key) == after, (key, entry.summary)
            elif key.startswith("t:"):
                ann = store.annotation(key[2:])
                history = [c.to_dict() for c in ann.history]
                tags = sorted(map(tag_key, ann.tags))
                want = after or {"history": [], "tags": []}
                assert history == want["history"], (key, entry.summary)
                assert tags == sorted(map(tag_key, want["tags"])), (key, entry.summary)


def test_kill_9_in_fix_and_undo_leaves_every_change_whole(db: Path, tmp_path: Path) -> None:
    i = ids(db)
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER.format(root=str(ROOT)), encoding="utf-8")
    rng = random.Random(20261205)
    statuses = [s.value for s in Status]
    kills = finished = 0
    took: list[float] = []  # how long the first commands took, not killed (this machine's pace)
    for n in range(150):
        if kills >= 30 and finished >= 8:
            break
        op = rng.choice(["rename", "undo", "undo", "redo", "exclude", "status", "split"])
        args = {
            "rename": ["fix", "rename", i["Finance"], f"Name {n}"],
            "undo": ["undo"],
            "redo": ["redo"],
            "exclude": ["fix", "exclude", i["A0"], *(["--restore"] if n % 2 else [])],
            "status": ["status", i["F0"], statuses[n % len(statuses)]],
            "split": ["fix", "split", i["F1"], "--at", "to manage"],
        }[op]
        child = subprocess.Popen(
            [sys.executable, str(runner), "--db", str(db), "--author", "anne", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        started = time.monotonic()
        if n < 3:
            child.wait()
            took.append(time.monotonic() - started)
        else:  # most kills where the command writes (its last part), some anywhere
            pace = statistics.median(took)
            late = rng.random() < 0.8
            time.sleep(rng.uniform(0.6, 1.1) * pace if late else rng.uniform(0, pace))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            kills += 1
        _out, err = child.communicate(timeout=60)
        store = Store.open(db, seed_samples=False, lock_timeout=30)  # it opens ...
        _check_consistent(store)  # ... and the log agrees with what it holds
        if child.returncode == 0:
            finished += 1
            if op == "rename":  # an acknowledged correction is there
                area = store.locate(i["Finance"])[1]
                assert area is not None and area.name == f"Name {n}"
            if op == "status":
                assert store.annotation(i["F0"]).status.value == args[-1]
        else:
            assert child.returncode in (-signal.SIGKILL, 1, 2), err
            assert "Traceback" not in err
    assert kills >= 30 and finished >= 8, (kills, finished)
    # and the command line reads it: the log, and the corrected meeting
    log = json.loads(ok(cli(db, "log", "--json")))
    assert log and all(e["by"] == "anne" for e in log)
    assert first_meeting(db)["id"] == i["meeting"]

"""kill -9 at any moment, and two writers at once: no acknowledged write is ever lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from store_support import commitment_ids, new_store

from store import Status, Store

ROOT = Path(__file__).resolve().parent.parent

# Writes notes, statuses and tags in a loop and prints "ack <n>" after each write
# returns. A tiny compaction threshold makes kills land in compactions as well.
WRITER = """
import sys
sys.path.insert(0, {root!r})
import store.snapshot as snapshot_module
from store import Status, Store
snapshot_module.COMPACT_MIN_BYTES = 1500
store = Store.open({path!r}, seed_samples=False, lock_timeout=30)
target, label, start, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
statuses = list(Status)
for n in range(start, start + count):
    if n % 5 == 4:
        store.set_status(target, statuses[n % len(statuses)], evidence=f"{{label}}-{{n}}")
    elif n % 7 == 6:
        store.add_tags(target, [f"{{label}}-{{n}}"])
    else:
        store.add_note(target, f"{{label}}-{{n}} ✓ 注")
    print(f"ack {{n}}", flush=True)
"""


def _writer(path: Path) -> str:
    return WRITER.format(root=str(ROOT), path=str(path))


def _written(store: Store, target: str, label: str) -> set[int]:
    ann = store.annotation(target)
    found = {
        int(n.text.split()[0].rsplit("-", 1)[1]) for n in ann.notes if n.text.startswith(label)
    }
    found |= {int(t.rsplit("-", 1)[1]) for t in ann.tags if t.startswith(label)}
    found |= {
        int(c.evidence.rsplit("-", 1)[1])
        for c in ann.history
        if c.evidence and c.evidence.startswith(label)
    }
    return found


def test_sigkill_never_loses_an_acknowledged_write(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    target = commitment_ids(store)[0]
    script = tmp_path / "writer.py"
    script.write_text(_writer(store.path), encoding="utf-8")
    rng = random.Random(20240501)
    acked: set[int] = set()
    next_n = 0
    kills = 0
    while kills < 30:
        child = subprocess.Popen(
            [sys.executable, str(script), target, "w", str(next_n), "100000"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        wanted = rng.randint(1, 25)  # kill after a random number of acknowledgements ...
        for got, line in enumerate(child.stdout, 1):
            acked.add(int(line.split()[1]))
            if got >= wanted:
                time.sleep(rng.random() * 0.01)  # ... at a random point in the next write
                break
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        for line in child.stdout:  # acks printed before the kill landed
            acked.add(int(line.split()[1]))
        kills += 1
        next_n = max(acked) + 1000 if acked else next_n + 1000
        # After every kill the store opens and holds every acknowledged write.
        reopened = Store.open(store.path, seed_samples=False)
        missing = acked - _written(reopened, target, "w")
        assert not missing, f"lost acknowledged writes {sorted(missing)[:10]} after kill {kills}"
    assert len(acked) >= 30
    leftovers = [p.name for p in store.path.parent.iterdir() if ".tmp-" in p.name]
    assert leftovers == []  # stale temporary files were cleaned up on open


def test_two_processes_never_lose_each_others_writes(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    target = commitment_ids(store)[0]
    script = tmp_path / "writer.py"
    script.write_text(_writer(store.path), encoding="utf-8")
    children = [
        subprocess.Popen(
            [sys.executable, str(script), target, label, "0", "60"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for label in ("a", "b")
    ]
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        assert out.count("ack") == 60
    final = Store.open(store.path, seed_samples=False)
    assert _written(final, target, "a") == set(range(60))
    assert _written(final, target, "b") == set(range(60))
    history = final.annotation(target).history
    assert len(history) == 24  # 12 status changes from each writer, none overwritten
    assert final.annotation(target).status in set(Status)

"""The statistics benchmarks (issue 16): ratings stored, then the overview and agreement.

``rate`` stores a status on half the commitments (every other one, all statuses in
turn, times spread over 24 months) by one rater, and a second rater's status on the
first ``DOUBLE`` of them (agreeing on about two in three), in batches through the
store's public transaction, as ``Store.set_status`` journals them.
``measure`` times what ``coop-tui stats`` and ``coop-tui agreement`` compute: the
overview with its areas aligned across every series (first with no alignment kept,
then as every later run finds them in ``store.aligned.json``), its JSON, and
agreement.
"""

from __future__ import annotations

import gc
import json
import statistics
import time
from typing import Any

from stats import AreaAligner, Filters, agreement, compute
from store import Status, Store
from store.model import StatusChange

RATERS = ("bench rater a", "bench rater b")
DOUBLE = 10_000
RATED = [s for s in Status if s is not Status.NOT_RATED]


def rate(store: Store) -> tuple[int, int]:
    """Rate half the commitments, ``DOUBLE`` of them twice; (rated, doubly rated)."""
    ids = [c.id for m in store.meetings() for c in m.commitments][::2]
    changes: list[tuple[str, StatusChange]] = []
    for n, target in enumerate(ids):
        month = n % 24
        at = f"{2024 + month // 12}-{month % 12 + 1:02d}-{n % 28 + 1:02d}T10:00:00.000Z"
        first = RATED[n % len(RATED)]
        changes.append((target, StatusChange(first, at, by=RATERS[0])))
        if n < DOUBLE:
            second = first if n % 3 else RATED[(n + 1) % len(RATED)]
            later = at.replace("T10", "T11")
            changes.append((target, StatusChange(second, later, by=RATERS[1])))
    for start in range(0, len(changes), 5000):
        with store.transaction() as tx:
            tx.append([
                {"op": "status", "target": t, "anchor": tx.anchor(t), "change": c.to_dict()}
                for t, c in changes[start : start + 5000]
            ])  # fmt: skip
    return len(ids), min(DOUBLE, len(ids))


def ms(seconds: float) -> float:
    return seconds * 1000.0


def measure(store: Store, figures: dict[str, Any]) -> None:
    figures["rated"], figures["doubly_rated"] = rate(store)
    meetings = store.meetings()
    store.files.aligned.unlink(missing_ok=True)
    start = time.perf_counter()
    aligner = AreaAligner(store.files.aligned)
    compute(meetings, store.ratings(), Filters(), aligner)
    aligner.save()
    figures["stats_first_s"] = time.perf_counter() - start
    # As the app and a command run: what was read of the store frozen (tui/loading.py),
    # so that a full collection of the store's objects does not land in the timing.
    gc.freeze()
    times, json_times = [], []
    for _ in range(5):
        start = time.perf_counter()
        # as ``coop-tui stats`` computes it (``keep``: it holds the overview until it exits)
        overview = compute(
            meetings, store.ratings(), Filters(), AreaAligner(store.files.aligned), keep=True
        )
        times.append(ms(time.perf_counter() - start))
        start = time.perf_counter()
        json.dumps(overview.to_json())
        json_times.append(ms(time.perf_counter() - start))
    figures["stats_ms"] = statistics.median(times)
    figures["stats_json_ms"] = statistics.median(json_times)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        agreement(meetings, store.ratings(), Filters())
        times.append(ms(time.perf_counter() - start))
    figures["agreement_ms"] = statistics.median(times)
    gc.unfreeze()

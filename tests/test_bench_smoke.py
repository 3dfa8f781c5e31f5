"""The benchmark still runs end to end (at a tiny size; no timing is asserted)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KEYS = [
    "commitments",
    "search_median_ms",
    "search_p95_ms",
    "fzf_ms",
    "first_paint_ms",
    "textual_floor_ms",
    "tree_usable_ms",
    "write_median_ms",
    "fsync_floor_ms",
    "import_mb_s",
    "store_mb",
    "diff_ms",
    "export_10k_notes_ms",
    "rss_mb",
]


@pytest.mark.timeout(600)
def test_the_benchmark_runs_at_a_tiny_size(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "200", "--json", str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=580,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "search per keystroke" in proc.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ["200"]
    figures = data["200"]
    for key in KEYS:
        assert key in figures, key
        value = figures[key]
        assert value is None or (
            isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        ), (key, value)
    assert figures["commitments"] >= 200
    # Figures that need nothing outside Python are always taken (fzf may be missing).
    always = ("search_median_ms", "write_median_ms", "import_mb_s", "diff_ms", "store_mb",
              "correction_write_median_ms", "undo_write_median_ms", "corrections",
              "stats_ms", "stats_first_s", "agreement_ms", "version_align_ms",
              "version_align_first_ms")  # fmt: skip
    assert figures["version_align_warnings"] == 3  # the three differences made, each named
    for key in always:
        assert figures[key] is not None, key
    assert figures["corrections"] > 0  # stored before the app's start-up was timed
    # half the commitments (those not excluded by then) rated, all of them at this size
    # by a second rater too
    assert figures["rated"] == figures["doubly_rated"] >= figures["commitments"] // 3

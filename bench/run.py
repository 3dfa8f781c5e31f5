"""coop-tui benchmarks (issue 7): every figure beside a reference measured in the same run.

    python bench/run.py [--sizes 1000,10000,100000] [--json FILE] [--notes 10000]

For each size a deterministic synthetic corpus (see ``bench/corpus.py``) is written as
release text files and imported through ``Store.import_paths``; ``--notes`` notes are
stored on its commitments; then each figure is taken. Start-up figures run the app in
a child process (``bench/app_probe.py``), median of several runs. One rich table is
printed; ``--json`` writes the figures keyed by size (null where one could not be taken).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import corpus_zh  # noqa: E402
import ratings  # noqa: E402
import versions  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from compare import diff_meetings  # noqa: E402
from search import SearchIndex  # noqa: E402
from sharing.export import ExportRequest, export_to_path  # noqa: E402
from store import Status, Store  # noqa: E402
from store.carry_over import anchor_for  # noqa: E402
from store.model import Note, now_iso  # noqa: E402

STATUS_VALUES = [s.value for s in Status]
#: What a person types, one keystroke at a time (every prefix is searched).
QUERIES = [
    "finance",
    "green bonds",
    "youth internship",
    "carbon neutrality",
    "cross-boundary data flow",
    "arbitration institutions",
    "elderly care services",
    "smart city",
    "new energy vehicles",
    "tresury centres",  # a typo
    "belt and road",
    "intellectual property trading",
]
#: The app's result list length (tui/screens/search.py RESULT_LIMIT).
RESULT_LIMIT = 50
PROBE_RUNS = 7
#: The app's import (``i``): this many new releases, taken from a corpus this large.
APP_IMPORT_FILES = 200
APP_IMPORT_COMMITMENTS = 15_000
WRITE_RUNS = 60
NOTE_TEXTS = [
    "Checked the **annual report**: progress on this item is slow; follow up with the bureau.",
    "Source: LegCo paper CB(1)123/24. The pilot began in March with 12 firms.",
    "Compare with the 2019 agreement — same wording, no new budget.",
    "Asked the liaison office; answer expected next month. See [report](https://example.org).",
]

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
EXTRA_KEYS = [
    "app_import_added",
    "app_import_mb_s",
    "app_import_max_block_ms",
    "status_write_median_ms",
    "note_write_median_ms",
    "fzf_startup_ms",
    "max_block_ms",
    "index_build_ms",
    "zh_search_median_ms",
    "zh_search_p95_ms",
    "zh_index_build_ms",
    "open_store_ms",
    "import_s",
    "source_mb",
    "notes",
    "orphans",
    "orphans_dialog_ms",
    "orphans_cli_first_ms",
    "orphans_cli_ms",
    "corrections",
    "correction_write_median_ms",
    "undo_write_median_ms",
    "corrections_floor_ms",
    "rated",
    "doubly_rated",
    "stats_first_s",
    "stats_ms",
    "stats_json_ms",
    "agreement_ms",
    "overview_usable_ms",
    "overview_aligned_ms",
    "overview_max_block_ms",
    "rated_tree_usable_ms",
    "version_align_ms",
    "version_align_first_ms",
    "version_align_warnings",
    "rated_rss_mb",
    "rated_max_block_ms",
    "pdf_20_pages_s",
    "pdf_20_pages_cpu_s",
    "pdf_files",
    "pdf_import_text_mb_s",
    "pdf_import_file_mb_s",
    "zh_parse_ms",
    "zh_lost_headings_ms",
    "zh_commitments",
]
#: Corrections stored before the app's start-up is timed (issue 15: first paint and
#: tree-usable within the targets with 1,000 corrections stored).
CORRECTIONS = 1_000


def ms(seconds: float) -> float:
    return seconds * 1000.0


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@dataclass
class Bench:
    size: int
    notes: int
    work: Path
    console: Console

    def say(self, text: str) -> None:
        self.console.log(f"[{self.size:,}] {text}", markup=False, highlight=False)

    # -- the corpus -------------------------------------------------------------
    def build_store(self, figures: dict[str, Any]) -> Store:
        specs = corpus.build(self.size)
        _paths, source_bytes = corpus.write(specs, self.work / "releases")
        self.say(f"{len(specs)} releases, {source_bytes / 1e6:.1f} MB; importing")
        db = self.work / "store" / "store.json"
        store = Store.open(db, seed_samples=False)
        start = time.perf_counter()
        results = store.import_paths([self.work / "releases"])
        elapsed = time.perf_counter() - start
        failed = [r for r in results if r.outcome == "failed"]
        if failed:
            raise SystemExit(f"import failed: {failed[0].reason}")
        figures["import_s"] = elapsed
        figures["source_mb"] = source_bytes / 1e6
        figures["import_mb_s"] = source_bytes / 1e6 / elapsed
        figures["commitments"] = sum(len(m.commitments) for m in store.meetings())
        self.add_notes(store)
        figures["notes"] = len(store.notes())
        figures["store_mb"] = dir_bytes(db.parent) / 1e6
        return store

    def add_notes(self, store: Store) -> None:
        """Store ``notes`` notes, spread over the commitments, in batches of 1,000.

        The events are the ones ``Store.add_note`` journals, written through the public
        ``Store.transaction`` so that 10,000 notes do not take 10,000 fsyncs to set up.
        """
        self.say(f"storing {self.notes:,} notes")
        records = store.corpus.records
        targets = [
            (m, c) for m in store.meetings() for c in m.commitments
        ]  # fmt: skip
        step = max(1, len(targets) // max(1, self.notes))
        chosen = [targets[(i * step) % len(targets)] for i in range(self.notes)]
        for start in range(0, len(chosen), 1000):
            batch = chosen[start : start + 1000]
            with store.transaction() as tx:
                events = []
                for n, (meeting, commitment) in enumerate(batch, start):
                    now = now_iso()
                    note = Note(secrets.token_hex(6), commitment.id,
                                NOTE_TEXTS[n % len(NOTE_TEXTS)], now, now)  # fmt: skip
                    anchor = anchor_for(meeting, records[meeting.id].doc, commitment.id)
                    events.append({"op": "note", "anchor": anchor, "note": note.to_dict()})
                tx.append(events)

    # -- figures ----------------------------------------------------------------
    def search(self, store: Store, figures: dict[str, Any]) -> None:
        start = time.perf_counter()
        index = SearchIndex.build(store.meetings(), store.annotations(), STATUS_VALUES)
        figures["index_build_ms"] = ms(time.perf_counter() - start)
        times: list[float] = []
        for query in QUERIES:
            for end in range(1, len(query) + 1):
                prefix = query[:end]
                times.append(ms(timed(lambda p=prefix: index.search(p, limit=RESULT_LIMIT))))
        figures["search_median_ms"] = statistics.median(times)
        figures["search_p95_ms"] = percentile(times, 0.95)
        self.say(f"search: {len(times)} keystrokes")

    def search_chinese(self, store: Store, figures: dict[str, Any]) -> None:
        """The same on as many Chinese commitments (``corpus_zh``), half Traditional."""
        meetings = corpus_zh.build(self.size)
        start = time.perf_counter()
        index = SearchIndex.build(meetings, {}, STATUS_VALUES)
        figures["zh_index_build_ms"] = ms(time.perf_counter() - start)
        times: list[float] = []
        for query in corpus_zh.QUERIES:
            for end in range(1, len(query) + 1):
                prefix = query[:end]
                times.append(ms(timed(lambda p=prefix: index.search(p, limit=RESULT_LIMIT))))
        figures["zh_search_median_ms"] = statistics.median(times)
        figures["zh_search_p95_ms"] = percentile(times, 0.95)
        self.say(f"Chinese search: {len(times)} keystrokes")

    def fzf(self, store: Store, figures: dict[str, Any]) -> None:
        fzf = shutil.which("fzf")
        if fzf is None:
            self.say("fzf not found: n/a")
            return
        texts = self.work / "commitments.txt"
        lines = (c.text.replace("\n", " ") for m in store.meetings() for c in m.commitments)
        texts.write_text("\n".join(lines) + "\n", encoding="utf-8")

        def run(query: str, source: Path | None) -> float:
            with open(source or os.devnull, "rb") as stdin:
                start = time.perf_counter()
                subprocess.run([fzf, "--filter", query], stdin=stdin,
                               stdout=subprocess.DEVNULL, check=False)  # fmt: skip
                return ms(time.perf_counter() - start)

        startup = statistics.median(run(q, None) for q in ("a", "green bonds", "x") * 5)
        # fzf reads and scores the whole input on every run, so a few prefixes of each
        # query (first letter, half, whole) stand for all of them.
        prefixes = sorted({q[:n] for q in QUERIES for n in (1, (len(q) + 1) // 2, len(q))})
        times = [run(prefix, texts) for prefix in prefixes]
        figures["fzf_startup_ms"] = startup
        figures["fzf_ms"] = max(0.0, statistics.median(times) - startup)

    def writes(self, store: Store, figures: dict[str, Any]) -> None:
        commitments = [c.id for m in store.meetings()[:50] for c in m.commitments]
        statuses = [s for s in Status if s is not Status.NOT_RATED]
        status_times: list[float] = []
        note_times: list[float] = []
        for i in range(WRITE_RUNS):
            target = commitments[i % len(commitments)]
            status = statuses[i % len(statuses)]
            status_times.append(ms(timed(lambda t=target, s=status: store.set_status(t, s))))
            other = commitments[-1 - i % len(commitments)]
            text = NOTE_TEXTS[i % len(NOTE_TEXTS)]
            note_times.append(ms(timed(lambda t=other, x=text: store.add_note(t, x))))
        figures["status_write_median_ms"] = statistics.median(status_times)
        figures["note_write_median_ms"] = statistics.median(note_times)
        figures["write_median_ms"] = max(
            figures["status_write_median_ms"], figures["note_write_median_ms"]
        )
        figures["fsync_floor_ms"] = statistics.median(
            fsync_floor(store.path.parent) for _ in range(WRITE_RUNS)
        )

    def corrections(self, store: Store, figures: dict[str, Any]) -> None:
        """Store ``CORRECTIONS`` corrections over the meetings (renamed areas, excluded
        and moved commitments, one kind after another), then time correction writes and
        undoing them (each one journalled write, like a status)."""
        meetings = store.meetings()
        for n in range(CORRECTIONS):
            meeting = store.meeting(meetings[n % len(meetings)].id)  # as corrected so far
            area = meeting.areas[(n // len(meetings)) % len(meeting.areas)]
            if n % 3 == 0:
                store.rename_area(area.id, f"{area.original_name or area.name} (checked {n})")
            elif n % 3 == 1 and len(area.commitments) > 1:
                store.exclude_commitment(area.commitments[-1].id)
            elif len(meeting.areas) > 1 and area.commitments:
                other = meeting.areas[-1] if area is not meeting.areas[-1] else meeting.areas[0]
                store.move_commitment(area.commitments[0].id, other.id)
        figures["corrections"] = len(store.corrections())
        targets = [a.id for m in store.meetings()[-50:] for a in m.areas]
        write_times: list[float] = []
        undo_times: list[float] = []
        floors: list[float] = []  # taken between the writes: the disk as they saw it
        for i in range(WRITE_RUNS):
            target = targets[i % len(targets)]
            name = f"Area renamed in run {i}"
            write_times.append(ms(timed(lambda t=target, x=name: store.rename_area(t, x))))
            floors.append(fsync_floor(store.path.parent))
            undo_times.append(ms(timed(store.undo)))
        figures["correction_write_median_ms"] = statistics.median(write_times)
        figures["undo_write_median_ms"] = statistics.median(undo_times)
        figures["corrections_floor_ms"] = statistics.median(floors)

    def stats(self, store: Store, figures: dict[str, Any]) -> None:
        """Half the commitments rated, 10,000 of them by two raters; the overview and
        agreement timed (``bench/ratings.py``)."""
        ratings.measure(store, figures)

    def diff(self, store: Store, figures: dict[str, Any]) -> None:
        pair = [m for m in store.meetings() if len(m.areas) == 15 and "Zhejiang" in m.parties]
        a, b = pair[0], pair[1]
        figures["diff_ms"] = statistics.median(
            ms(timed(lambda: diff_meetings(a, b))) for _ in range(5)
        )

    def versions(self, store: Store, figures: dict[str, Any]) -> None:
        """The English and the Chinese version of a 15 × 10 meeting aligned
        (``bench/versions.py``; it does not depend on the store's size)."""
        versions.measure(figures)

    def export(self, store: Store, figures: dict[str, Any]) -> None:
        target = self.work / "report.md"
        request = ExportRequest(target, "markdown", force=True)
        figures["export_10k_notes_ms"] = statistics.median(
            ms(timed(lambda: export_to_path(store, request))) for _ in range(3)
        )

    def app(self, store: Store, figures: dict[str, Any]) -> None:
        start = time.perf_counter()
        Store.open(store.path, seed_samples=False).meetings()
        figures["open_store_ms"] = ms(time.perf_counter() - start)
        floors, paints, usable, blocks, rss = [], [], [], [], []
        probe("minimal", self.work)  # each compiles its bytecode once (see ``probe``)
        probe("coop", self.work, store.path)
        for _ in range(PROBE_RUNS):  # interleaved, so both see the same machine state
            floor = probe("minimal", self.work)
            coop = probe("coop", self.work, store.path)
            if floor:
                floors.append(floor["first_paint_ms"])
            if coop:
                paints.append(coop["first_paint_ms"])
                usable.append(coop["tree_usable_ms"])
                blocks.append(coop["max_block_ms"])
                rss.append(coop["rss_mb"])
        if floors:
            figures["textual_floor_ms"] = statistics.median(floors)
        if paints:
            figures["first_paint_ms"] = statistics.median(paints)
            figures["tree_usable_ms"] = statistics.median(usable)
            figures["max_block_ms"] = max(blocks)
            figures["rss_mb"] = max(rss)

    def rated_app(self, store: Store, figures: dict[str, Any]) -> None:
        """With half the commitments rated (``stats``): the app's start-up again, and the
        overview's key once the store is read (median of 3; the longest stall of all)."""
        runs = [probe("overview", self.work, store.path) for _ in range(3)]
        seen = [o for o in runs if o and o.get("overview_usable_ms") is not None]
        if not seen:
            return
        for key in ("overview_usable_ms", "overview_aligned_ms", "tree_usable_ms", "rss_mb"):
            figures[f"rated_{key}" if key in ("tree_usable_ms", "rss_mb") else key] = (
                statistics.median(o[key] for o in seen)
            )
        figures["rated_max_block_ms"] = max(o["max_block_ms"] for o in seen)
        figures["overview_max_block_ms"] = max(o["overview_max_block_ms"] for o in seen)

    def orphans(self, store: Store, figures: dict[str, Any]) -> None:
        """As many orphans as commitments (a note each, on a commitment no longer in its
        meeting, as after re-imports that changed every text): what the orphans dialog
        does before it shows them (list them, suggest for the first one), and the time
        to the first line and to the end of ``coop-tui orphans``. Run last: it adds them."""
        meetings = store.meetings()
        records = []
        for i in range(figures["commitments"] or self.size):
            meeting = meetings[i % len(meetings)]
            commitment = meeting.commitments[(i // len(meetings)) % len(meeting.commitments)]
            records.append({
                "id": f"{i:012x}", "kind": "commitment", "text": f"{commitment.text} {i}",
                "meeting": {"id": meeting.id, "doc": store.corpus.records[meeting.id].doc},
                "notes": [{"id": f"{i + 2**44:012x}", "text": "note",
                           "created": "2024-01-01T00:00:00.000Z"}],
            })  # fmt: skip
        bundle = self.work / "orphans.json"
        data = {"coop-tui": "annotations", "format": 1, "annotations": records}
        bundle.write_text(json.dumps(data), encoding="utf-8")
        from sharing.merge import import_annotations

        figures["orphans"] = import_annotations(store, bundle).orphans
        fresh = Store.open(store.path, seed_samples=False)
        fresh.orphans(suggest=False)  # the store's first listing reads every anchor
        # as in the app, where what was read of the store is frozen (tui/loading.py):
        # else a full collection of everything this process made may land in the window
        gc.freeze()
        start = time.perf_counter()
        listed = fresh.orphans(suggest=False)
        fresh.suggest(listed[:1])
        figures["orphans_dialog_ms"] = ms(time.perf_counter() - start)
        gc.unfreeze()
        args = [sys.executable, "-m", "tui", "--db", str(store.path), "orphans"]
        start = time.perf_counter()
        with subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL) as proc:  # fmt: skip
            assert proc.stdout is not None
            proc.stdout.readline()
            figures["orphans_cli_first_ms"] = ms(time.perf_counter() - start)
            for _line in proc.stdout:
                pass
        figures["orphans_cli_ms"] = ms(time.perf_counter() - start)

    def app_import(self, store: Store, figures: dict[str, Any]) -> None:
        """Import APP_IMPORT_FILES new releases from the app (``i``) into the store as it
        is by now: the time to the summary, the rate, the longest event-loop stall."""
        specs = corpus.build(APP_IMPORT_COMMITMENTS, seed=11)[:APP_IMPORT_FILES]
        _paths, source_bytes = corpus.write(specs, self.work / "app-import")
        found = probe("import", self.work, store.path, self.work / "app-import")
        if found and found.get("app_import_s"):
            figures["app_import_added"] = found["app_import_added"]
            figures["app_import_mb_s"] = source_bytes / 1e6 / found["app_import_s"]
            figures["app_import_max_block_ms"] = found["app_import_max_block_ms"]

    def pdf(self, store: Store, figures: dict[str, Any]) -> None:
        import pdfs  # lays the corpus out as PDFs with fpdf2, a test extra

        pdfs.measure(corpus.build(self.size), self.work / "pdf", figures)

    def chinese(self, store: Store, figures: dict[str, Any]) -> None:
        import zh_release  # a long Chinese release, made here

        zh_release.measure(figures)

    def run(self) -> dict[str, Any]:
        figures: dict[str, Any] = dict.fromkeys(KEYS + EXTRA_KEYS)
        store = self.build_store(figures)
        steps = [self.search, self.search_chinese, self.fzf, self.diff, self.versions]
        steps += [self.export, self.corrections]
        steps += [self.app, self.writes]  # the app starts with the corrections stored
        steps += [self.stats, self.rated_app]  # rates half the commitments
        steps.append(self.pdf)  # a store of its own
        steps.append(self.chinese)  # no store
        steps.append(self.orphans)  # it adds orphans to the store
        steps.append(self.app_import)  # last: it adds meetings
        for step in steps:
            self.say(step.__name__)
            try:
                step(store, figures)
            except Exception as exc:  # one figure failing leaves the others
                self.say(f"{step.__name__} failed: {type(exc).__name__}: {exc}")
        return figures


def fsync_floor(directory: Path) -> float:
    """A bare write + fsync + rename of a 200-byte file: what any durable write costs."""
    target = directory / "floor.bin"
    temp = directory / ".floor.bin.tmp"
    data = os.urandom(200)
    start = time.perf_counter()
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, target)
    return ms(time.perf_counter() - start)


def probe(
    mode: str, work: Path, db: Path | None = None, folder: Path | None = None
) -> dict[str, Any] | None:
    """Run ``app_probe.py`` in a child process and read what it measured.

    Both apps start as installed programs do, from compiled bytecode (pip compiles it
    at install): the child writes and reads its ``.pyc`` files under ``work/pycache``,
    so a first, uncounted run of each compiles them. Without this, where
    ``PYTHONDONTWRITEBYTECODE`` is set (as in some CI images), every start would compile
    coop-tui's modules from source, while Textual's come compiled from site-packages."""
    out = work / f"probe-{mode}.json"
    out.unlink(missing_ok=True)
    args = [sys.executable, str(HERE / "app_probe.py"), mode, str(out)]
    if db is not None:
        args.append(str(db))
    if folder is not None:
        args.append(str(folder))
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["BENCH_T0"] = str(time.perf_counter_ns())
    try:
        subprocess.run(args, env=env, timeout=300, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    except (subprocess.SubprocessError, OSError):
        return None
    try:
        return json.loads(out.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# -- the table ----------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    figure: str
    key: str
    unit: str
    reference: str | None = None  # the key measured beside it
    target: str = ""
    check: Callable[[dict[str, Any]], bool | None] | None = None


def _ratio_ok(key: str, ref: str, most: float) -> Callable[[dict[str, Any]], bool | None]:
    def check(f: dict[str, Any]) -> bool | None:
        if f.get(key) is None or not f.get(ref):
            return None
        return f[key] / f[ref] <= most

    return check


def _at_most(key: str, most: float) -> Callable[[dict[str, Any]], bool | None]:
    def check(f: dict[str, Any]) -> bool | None:
        return None if f.get(key) is None else f[key] <= most

    return check


def _search_ok(key: str, most: float) -> Callable[[dict[str, Any]], bool | None]:
    def check(f: dict[str, Any]) -> bool | None:
        if f.get(key) is None:
            return None
        fast = f[key] <= most
        if key == "search_median_ms" and f.get("fzf_ms") is not None:
            fast = fast and f["fzf_ms"] >= 10 * f[key]
        return fast

    return check


ROWS = [
    Row("search per keystroke, median", "search_median_ms", "ms", "fzf_ms",
        "≤ 16 ms and ≥ 10× faster than fzf", _search_ok("search_median_ms", 16)),
    Row("search per keystroke, p95", "search_p95_ms", "ms", "fzf_ms", "≤ 33 ms",
        _search_ok("search_p95_ms", 33)),
    Row("search per keystroke, Chinese (half Traditional), median", "zh_search_median_ms",
        "ms", None, "≤ 16 ms", _at_most("zh_search_median_ms", 16)),
    Row("search per keystroke, Chinese, p95", "zh_search_p95_ms", "ms", None, "≤ 33 ms",
        _at_most("zh_search_p95_ms", 33)),
    Row("first paint (process start → first frame)", "first_paint_ms", "ms",
        "textual_floor_ms", "≤ 1.2 × minimal app",
        _ratio_ok("first_paint_ms", "textual_floor_ms", 1.2)),
    Row("tree usable (meeting expanded, cursor moved)", "tree_usable_ms", "ms", None, "≤ 1 s",
        _at_most("tree_usable_ms", 1000)),
    Row("longest event-loop stall while loading", "max_block_ms", "ms", None, "≤ 100 ms",
        _at_most("max_block_ms", 100)),
    Row("status change, median", "status_write_median_ms", "ms", "fsync_floor_ms",
        "≤ 3 × floor", _ratio_ok("status_write_median_ms", "fsync_floor_ms", 3)),
    Row("note write, median", "note_write_median_ms", "ms", "fsync_floor_ms", "≤ 3 × floor",
        _ratio_ok("note_write_median_ms", "fsync_floor_ms", 3)),
    Row("correction (rename an area), median", "correction_write_median_ms", "ms",
        "corrections_floor_ms", "≤ 3 × floor",
        _ratio_ok("correction_write_median_ms", "corrections_floor_ms", 3)),
    Row("undo (of a correction), median", "undo_write_median_ms", "ms",
        "corrections_floor_ms", "≤ 3 × floor",
        _ratio_ok("undo_write_median_ms", "corrections_floor_ms", 3)),
    Row("corrections stored when the app started", "corrections", ""),
    Row("commitments rated (half of them)", "rated", ""),
    Row("of which rated by two raters", "doubly_rated", ""),
    Row("stats: the overview, areas aligned (as every run after the first)", "stats_ms",
        "ms", None, "≤ 200 ms", _at_most("stats_ms", 200)),
    Row("stats: its JSON (coop-tui stats --json)", "stats_json_ms", "ms"),
    Row("stats: the first run, aligning every series' areas", "stats_first_s", "s"),
    Row("agreement over the doubly-rated commitments", "agreement_ms", "ms", None, "≤ 1 s",
        _at_most("agreement_ms", 1000)),
    Row("overview (c) usable: its figures on screen after the key", "overview_usable_ms",
        "ms", None, "≤ 300 ms", _at_most("overview_usable_ms", 300)),
    Row("overview: its areas aligned (kept from an earlier run)", "overview_aligned_ms", "ms"),
    Row("longest event-loop stall while the overview computes", "overview_max_block_ms",
        "ms", None, "≤ 100 ms", _at_most("overview_max_block_ms", 100)),
    Row("half rated: tree usable", "rated_tree_usable_ms", "ms", None, "≤ 1 s",
        _at_most("rated_tree_usable_ms", 1000)),
    Row("half rated: longest event-loop stall while loading", "rated_max_block_ms", "ms",
        None, "≤ 100 ms", _at_most("rated_max_block_ms", 100)),
    Row("half rated: peak RSS of the app", "rated_rss_mb", "MB", None, "≤ 400 MB",
        _at_most("rated_rss_mb", 400)),
    Row("import throughput", "import_mb_s", "MB/s", None, "≥ 5 MB/s",
        lambda f: None if f.get("import_mb_s") is None else f["import_mb_s"] >= 5),
    Row("app import (i): new releases added", "app_import_added", ""),
    Row("app import (i): throughput, to the summary", "app_import_mb_s", "MB/s"),
    Row("longest event-loop stall while the app imports", "app_import_max_block_ms", "ms",
        None, "≤ 100 ms", _at_most("app_import_max_block_ms", 100)),
    Row("PDF: parse a 20-page text PDF (wall clock)", "pdf_20_pages_s", "s", None, "≤ 1 s",
        _at_most("pdf_20_pages_s", 1)),
    Row("PDF: parse a 20-page text PDF (CPU time)", "pdf_20_pages_cpu_s", "s"),
    Row("PDF import (the first 40 meetings at most), MB/s of the text extracted",
        "pdf_import_text_mb_s", "MB/s"),
    Row("PDF import, MB/s of the PDF files", "pdf_import_file_mb_s", "MB/s"),
    Row("Chinese: parse a 40-area Traditional release, wrapped (~40 KB)", "zh_parse_ms", "ms",
        None, "≤ 300 ms", _at_most("zh_parse_ms", 300)),
    Row("Chinese: the same with its 40 headings lost", "zh_lost_headings_ms", "ms", None,
        "≤ 1 s", _at_most("zh_lost_headings_ms", 1000)),
    Row("store size on disk", "store_mb", "MB"),
    Row("diff of two 15-area meetings", "diff_ms", "ms", None, "≤ 100 ms",
        _at_most("diff_ms", 100)),
    Row("English and Chinese versions of a 15 × 10 meeting aligned", "version_align_ms", "ms",
        None, "≤ 10 ms", _at_most("version_align_ms", 10)),
    Row("the same, the first time its texts are seen (anchors found)",
        "version_align_first_ms", "ms", None, "≤ 50 ms", _at_most("version_align_first_ms", 50)),
    Row("warnings of that alignment (3 differences made: 3 expected)",
        "version_align_warnings", ""),
    Row("Markdown export (10,000 notes)", "export_10k_notes_ms", "ms", None, "≤ 2 s",
        _at_most("export_10k_notes_ms", 2000)),
    Row("peak RSS of the app, large store open", "rss_mb", "MB", None, "≤ 400 MB",
        _at_most("rss_mb", 400)),
    Row("orphans dialog: list them all, suggest for the first", "orphans_dialog_ms", "ms",
        None, "≤ 1 s", _at_most("orphans_dialog_ms", 1000)),
    Row("coop-tui orphans: first line (store opened)", "orphans_cli_first_ms", "ms"),
    Row("coop-tui orphans: every orphan with suggestions", "orphans_cli_ms", "ms"),
]  # fmt: skip
REFERENCE_NAMES = {
    "fzf_ms": "fzf --filter",
    "textual_floor_ms": "Header+Footer+Tree app",
    "fsync_floor_ms": "write+fsync+rename",
    "corrections_floor_ms": "write+fsync+rename",
}


def _num(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if value >= 100:
        return f"{value:,.0f} {unit}"
    return f"{value:.2f} {unit}" if value < 10 else f"{value:.1f} {unit}"


def table(results: dict[str, dict[str, Any]]) -> Table:
    out = Table(title="coop-tui benchmarks", show_lines=False)
    for name in ("size", "figure", "value", "reference", "ratio", "target", "result"):
        out.add_column(name, overflow="fold")
    for size, f in results.items():
        first = True
        for row in ROWS:
            value = f.get(row.key)
            ref = f.get(row.reference) if row.reference else None
            reference = ""
            ratio = ""
            if row.reference:
                reference = f"{REFERENCE_NAMES[row.reference]}: {_num(ref, 'ms')}"
                if value is not None and ref:
                    ratio = f"{value / ref:.2f}×" if value >= ref / 10 else f"1/{ref / value:,.0f}"
            ok = row.check(f) if row.check else None
            verdict = "" if row.check is None else {True: "pass", False: "FAIL", None: "n/a"}[ok]
            style = {"pass": "green", "FAIL": "bold red"}.get(verdict, "")
            label = f"{f.get('commitments') or int(size):,}" if first else ""
            out.add_row(label, row.figure, _num(value, row.unit), reference, ratio, row.target,
                        f"[{style}]{verdict}[/]" if style else verdict)  # fmt: skip
            first = False
        out.add_section()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="commitments per corpus, comma-separated")  # fmt: skip
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures as JSON")
    parser.add_argument("--notes", type=int, default=10_000, help="notes stored before timing")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the stores in DIR")
    args = parser.parse_args(argv)
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes: not a list of numbers: {args.sizes!r}")
    if not sizes or min(sizes) < 50:
        parser.error("--sizes: each size must be at least 50 commitments")
    console = Console(stderr=True)
    results: dict[str, dict[str, Any]] = {}
    base = args.keep or Path(tempfile.mkdtemp(prefix="coop-bench-"))
    try:
        for size in sizes:
            work = base / str(size)
            if work.exists():
                shutil.rmtree(work)
            work.mkdir(parents=True)
            results[str(size)] = Bench(size, args.notes, work, console).run()
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    Console(width=None if sys.stdout.isatty() else 200).print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

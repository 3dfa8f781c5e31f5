"""Child process for the start-up benchmarks: run an app headless and time its frames.

``python bench/app_probe.py MODE OUT [DB]`` with ``BENCH_T0`` (``time.perf_counter_ns()``
taken by the parent just before starting this process; on Linux perf_counter is
CLOCK_MONOTONIC, one clock for every process) in the environment. MODE is
``minimal`` (Header, Footer, Tree: Textual's floor), ``coop`` (the real app on DB) or
``overview`` (as ``coop``, then the overview's key once the store is read: see
``overview``).
Both are timed the same way: ``App._display`` is wrapped, so the first frame the
compositor hands to the (headless) driver marks the first paint.

For ``coop`` it goes on: once the store is shown (first meeting expanded, cursor on
it) it presses ``down`` and records *tree usable* when the frame with the moved cursor
is painted; it records the longest stall of the event loop from the first paint until
the search index is ready; then the peak RSS (VmHWM). Results go to OUT as JSON.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
import time
from pathlib import Path

T0 = int(os.environ["BENCH_T0"])
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App, ComposeResult  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Footer, Header, Tree  # noqa: E402

#: A terminal's size; without one, a headless app with no terminal gets none at all.
SIZE = (120, 40)


def since_start_ms() -> float:
    return (time.perf_counter_ns() - T0) / 1e6


marks: dict[str, float | None] = {"first_paint_ms": None, "tree_usable_ms": None}
_frame_checks: list = []
# Private: Textual has no public hook for "a frame was handed to the driver" (headless)
_original_display = App._display


def _display(self: App, screen, renderable) -> None:  # type: ignore[no-untyped-def]
    _original_display(self, screen, renderable)
    if renderable is None:
        return
    if marks["first_paint_ms"] is None:
        marks["first_paint_ms"] = since_start_ms()
    for check in list(_frame_checks):
        check()


App._display = _display  # type: ignore[method-assign]


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        tree: Tree[None] = Tree("root")
        tree.root.expand()
        yield tree
        yield Footer()


async def watch_loop(app: App, stop: asyncio.Event, out: dict[str, float]) -> None:
    """The longest time the event loop did not get to run this coroutine (5 ms ticks)."""
    worst = 0.0
    while not stop.is_set():
        before = time.perf_counter()
        await asyncio.sleep(0.005)
        worst = max(worst, (time.perf_counter() - before - 0.005) * 1000)
    out["max_block_ms"] = worst


def peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM). Not ``getrusage``: its ru_maxrss keeps
    the high-water mark of the parent's memory image replaced by exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    mode, out_path = sys.argv[1], Path(sys.argv[2])
    result: dict[str, float | None] = {}
    if mode == "minimal":
        app: App = MinimalApp()

        async def pilot_minimal(pilot: Pilot) -> None:
            while marks["first_paint_ms"] is None:
                await asyncio.sleep(0.001)
            app.exit()

        app.run(headless=True, size=SIZE, auto_pilot=pilot_minimal)
    else:
        from tui.app import make_app

        coop = make_app(Path(sys.argv[3]), seed_samples=False, refresh_interval=None)
        app = coop
        stop = asyncio.Event()
        loop_stats: dict[str, float] = {}

        def tree_ready() -> bool:
            if coop.session is None:
                return False
            node = coop.main.agreement_tree.cursor_node
            return (
                node is not None
                and node.data is not None
                and node.data.kind == "meeting"
                and node.is_expanded
            )

        async def pilot_coop(pilot: Pilot) -> None:
            watcher = asyncio.create_task(watch_loop(coop, stop, loop_stats))
            while not tree_ready():
                await asyncio.sleep(0.001)
            moved = asyncio.Event()

            def check_moved() -> None:
                node = coop.main.agreement_tree.cursor_node
                if node is not None and node.data is not None and node.data.kind == "area":
                    marks["tree_usable_ms"] = since_start_ms()
                    _frame_checks.clear()
                    moved.set()

            _frame_checks.append(check_moved)
            await pilot.press("down")
            await moved.wait()
            while coop.session is None or coop.session.search_index is None:
                await asyncio.sleep(0.005)
            stop.set()
            await watcher
            result["index_ready_ms"] = since_start_ms()
            result.update(loop_stats)
            if mode == "overview":
                await overview(pilot, coop, result)
            if mode == "import":
                await app_import(pilot, coop, result, Path(sys.argv[4]))
            finish(result, out_path)
            # Quitting joins the app's worker threads, which may still be busy with work
            # begun after the index (the lineage of every series); that is not start-up.
            os._exit(0)

        app.run(headless=True, size=SIZE, auto_pilot=pilot_coop)
        result.update(loop_stats)
    finish(result, out_path)


async def overview(pilot: Pilot, coop: App, result: dict[str, float | None]) -> None:
    """Press the overview's key with the store read and indexed: the time until its
    figures are on the screen (usable: totals, bars, trend, cells unaligned), until its
    areas are aligned (the matrix's rows), and the longest stall of the event loop
    meanwhile."""
    from tui.screens.overview import OverviewScreen

    await asyncio.sleep(0.5)  # what the start left in the event loop settles
    stop = asyncio.Event()
    stats: dict[str, float] = {}
    watcher = asyncio.create_task(watch_loop(coop, stop, stats))
    start = time.perf_counter()
    shown = asyncio.Event()

    def check_shown() -> None:
        screen = coop.screen
        if isinstance(screen, OverviewScreen) and screen.overview is not None:
            result["overview_usable_ms"] = (time.perf_counter() - start) * 1000
            _frame_checks.clear()
            shown.set()

    _frame_checks.append(check_shown)
    await pilot.press("c")
    await shown.wait()
    while not (isinstance(coop.screen, OverviewScreen) and coop.screen.aligned):
        await asyncio.sleep(0.005)
    result["overview_aligned_ms"] = (time.perf_counter() - start) * 1000
    stop.set()
    await watcher
    result["overview_max_block_ms"] = stats["max_block_ms"]


async def app_import(
    pilot: Pilot, coop: App, result: dict[str, float | None], folder: Path
) -> None:
    """Import ``folder`` from the app (``i``, its path, Enter) with the store read and
    indexed: the time until the dialog shows the summary, and the longest stall of the
    event loop meanwhile (the import runs in a worker, a step at a time)."""
    from textual.widgets import Input

    from tui.screens.import_releases import ImportScreen

    await asyncio.sleep(0.5)  # what the start left in the event loop settles
    await pilot.press("i")
    while not (isinstance(coop.screen, ImportScreen) and coop.screen.focused is not None):
        await asyncio.sleep(0.005)
    screen = coop.screen
    screen.query_one(Input).value = str(folder)
    stop = asyncio.Event()
    stats: dict[str, float] = {}
    watcher = asyncio.create_task(watch_loop(coop, stop, stats))
    start = time.perf_counter()
    await pilot.press("enter")
    while screen.phase != "done":
        await asyncio.sleep(0.005)
    result["app_import_s"] = time.perf_counter() - start
    stop.set()
    await watcher
    result["app_import_max_block_ms"] = stats["max_block_ms"]
    report = screen.report
    result["app_import_added"] = report.count("added") if report is not None else None


def finish(result: dict[str, float | None], out_path: Path) -> None:
    result.update(marks)
    result["rss_mb"] = peak_rss_mb()
    out_path.write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()

"""Reading a store in a worker thread without getting in the way of the screen.

The app's workers read every meeting, build the search index and the lineage after
the tree is shown: seconds of Python at 100,000 commitments, under the same GIL as
the event loop. :class:`Loading` keeps that work a background task:

* the work is cut into slices of a few milliseconds (``pause`` is called between
  small steps and ends a slice when it is long enough);
* between slices the worker sleeps a moment and looks at the event loop's thread: if
  that thread used the CPU for most of the moment (painting, handling a key), or a
  key or the mouse was used in the last tenth of a second, the worker keeps sleeping
  until the thread is idle (for at most a fifth of a second at a time, so that the
  reading always ends). The screen answers at full speed instead of sharing the GIL;
* for a large store, each slice also moves every object made so far out of reach of
  the cyclic garbage collector (``gc.freeze``), as does the start. What the app is
  made of by then (modules, Textual's objects) and what a store's reading makes
  (meetings, the search index, the lineage) live as long as the app, and what is read
  holds no reference cycles (it is freed by reference counting when replaced); but
  each full collection walks every object it was not told to skip, and the collector
  runs one each time the heap has grown by a quarter, holding the GIL throughout: at
  100,000 commitments a few hundred milliseconds during which the screen cannot move.
  A small store is not frozen: its collections are short, and nothing else is kept
  from the collector.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from textual.worker import get_current_worker

#: Files holding at least this much (corpus and annotations) make a large store.
FREEZE_ABOVE_BYTES = 1_000_000
#: A slice of work lasts about this long …
SLICE_SECONDS = 0.008
#: … then the worker sleeps this long and looks at the event loop's thread …
LOOK_SECONDS = 0.001
#: … which is busy if it used the CPU for more than this share of that time …
BUSY_SHARE = 0.5
#: … or if a key or the mouse was used this recently; while it is busy the worker
#: sleeps in naps of this long …
NAP_SECONDS = 0.01
#: … at most this many in a row.
MOST_NAPS = 20
INPUT_QUIET_SECONDS = 0.1


class Cancelled(Exception):
    """The worker was cancelled while reading (the app is closing)."""


def thread_cpu_clock() -> int | None:
    """A clock of the calling thread's CPU time that other threads can read (None
    where the platform has none): the event loop's thread is asked from a worker."""
    try:
        return time.pthread_getcpuclockid(threading.get_ident())
    except (AttributeError, OSError):
        return None


class Loading:
    """Pauses of one worker reading a store (see the module docstring)."""

    def __init__(
        self,
        files: Iterable[Path],
        ui_clock: int | None,
        last_input: Callable[[], float],
    ) -> None:
        """``files`` make the store's size; ``ui_clock`` is the event loop thread's
        ``thread_cpu_clock()``; ``last_input`` the ``time.monotonic()`` of the last
        key press or mouse event."""
        self.worker = get_current_worker()
        self.ui_clock = ui_clock
        self.last_input = last_input
        size = 0
        for path in files:
            with contextlib.suppress(OSError):
                size += path.stat().st_size
        self.freeze = size >= FREEZE_ABOVE_BYTES
        if self.freeze:
            gc.freeze()
        self._slice = time.perf_counter()

    def wait(self, event: threading.Event) -> None:
        """Wait for the event loop's thread to set ``event`` (or the app to close), then
        until it is idle (it is usually still drawing what made it set the event)."""
        while not event.wait(0.05):
            self._check_cancelled()
        self.pause(now=True)

    def pause(self, *, now: bool = False) -> None:
        """Called between small steps of the work: ends the slice once it is long
        enough (or ``now``, before a step that cannot be cut), and then waits while
        the event loop's thread is busy."""
        if not now and time.perf_counter() - self._slice < SLICE_SECONDS:
            return
        if self.freeze:
            gc.freeze()
        nap = LOOK_SECONDS
        for _ in range(MOST_NAPS):
            self._check_cancelled()
            if not self._busy_during(nap):
                break
            nap = NAP_SECONDS
        self._check_cancelled()
        self._slice = time.perf_counter()

    def _busy_during(self, seconds: float) -> bool:
        """Sleep ``seconds``: was the event loop's thread busy meanwhile?"""
        start, used = time.perf_counter(), self._ui_cpu()
        time.sleep(seconds)
        if time.monotonic() - self.last_input() < INPUT_QUIET_SECONDS:
            return True
        now = self._ui_cpu()
        if used is None or now is None:
            return False
        return now - used > BUSY_SHARE * (time.perf_counter() - start)

    def _ui_cpu(self) -> float | None:
        if self.ui_clock is None:
            return None
        try:
            return time.clock_gettime(self.ui_clock)
        except OSError:  # the thread is gone (the app is closing)
            return None

    def _check_cancelled(self) -> None:
        if self.worker.is_cancelled:
            raise Cancelled

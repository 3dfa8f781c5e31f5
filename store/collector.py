"""The cyclic garbage collector held off while a large piece of work makes its objects.

Reading a store, exporting it or working out its figures makes a few objects per
commitment that all live until the work ends; every so many of them set off a full
collection, which walks the whole corpus in memory for nothing (what they make holds
no reference cycles: reference counting frees it). ``collections_paused()`` holds the
collector off for the block. Several threads may do such work at once: the collector
is back on when the last of them ends, and only if it was on when the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def collections_paused(*, keep_made: bool = False) -> Iterator[None]:
    """Hold the collector off for the block. ``keep_made``: for a process that keeps
    what the block made until it exits (a command printing it): when the collector comes
    back on, what is in memory is moved out of its way (``gc.freeze``) instead of walked
    by the first collection after the block (a tenth of the overview's time at 100,000
    commitments). Never in a long-running process such as the app: garbage with
    reference cycles made before would never be collected."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                if keep_made:
                    gc.freeze()
                gc.enable()

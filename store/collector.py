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
def collections_paused() -> Iterator[None]:
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
                gc.enable()

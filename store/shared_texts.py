"""The anchors' texts shared with the corpus (``Store.share_texts``), a slice at a time.

Each annotation's anchor keeps its commitment's text, to find it again after a
re-import; decoded from the store's own file, it is a second copy of the text the
corpus holds (at 50,000 rated commitments, about 15 MB). Once the corpus is read, each
anchor whose text is the same as its commitment's is made to hold the corpus' copy.
The store is held a slice of targets at a time (the whole pass takes 150 ms at
100,000 commitments): between slices others (the screen) have it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.store import Store

#: targets looked at while the store is held (a few milliseconds)
SLICE = 2000


def share_texts(store: Store, pause: Callable[[], None] | None = None) -> int:
    """Share the anchors' texts of ``store`` with its corpus; ``pause`` is called
    between slices (it may raise to stop: what is shared stays so). The number shared."""
    with store._mutex:
        targets = list(store._files.state.targets)
    shared = 0
    for start in range(0, len(targets), SLICE):
        if start and pause is not None:
            pause()
        with store._mutex:  # the state as it is now: it may have been read again
            records_of = store._files.state.targets
            index, records = store.corpus.index, store.corpus.records
            for target in targets[start : start + SLICE]:
                rec = records_of.get(target)
                text = rec.anchor.get("text") if rec is not None else None
                where = index.get(target) if type(text) is str else None
                if where is None or rec is None:
                    continue
                mid, ai, ci = where
                if ai is None or ci is None:
                    continue  # a meeting's or an area's annotation
                own = records[mid].meeting.areas[ai].commitments[ci].text
                if own == text and own is not text:
                    # the same value: a reader holding the anchor sees no change
                    rec.anchor["text"] = own
                    shared += 1
    return shared

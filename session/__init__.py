"""The open store and what the app works out from it, without Textual.

:class:`Session` is what the app's screens and workers talk to: the store, the search
index over it, the lineage of its commitments and their histories, the drafts, and the
queue of changes being written with the locks that keep the writes in order. It can be
driven from a test or a script as it is from the app; the screens only show it.
"""

from session.session import Session, Write

__all__ = ["Session", "Write"]

"""Messages the app's workers and widgets send: small dataclasses, one meaning each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # imported by the workers, after the first frame
    from compare import Lineage
    from compare.lineage import Step
    from parsers import Meeting
    from search import SearchIndex
    from session import Session
    from session.importing import ImportReport
    from store import Annotation
    from store.corpus_scan import MeetingSummary
    from tui.changes import Change, Outcome


@dataclass
class StoreOpened(Message):
    """The store is open and its list of meetings read (posted from the opening worker);
    a meeting's areas are read when it is asked for (``Store.meeting``)."""

    session: Session
    meetings: list[MeetingSummary]


@dataclass
class MeetingsRead(Message):
    """Every meeting of the store is read, areas and commitments too."""

    meetings: list[Meeting]


@dataclass
class StoreFailed(Message):
    """The store could not be opened; ``error`` is one line for the user."""

    error: str


@dataclass
class StoreChanged(Message):
    """Another process changed the store; here is what it holds now."""

    meetings: list[Meeting]


@dataclass
class IndexReady(Message):
    """The search index over the store's current content is built."""

    index: SearchIndex


@dataclass
class LineageReady(Message):
    """Each commitment's predecessors and successors across the meetings of a series."""

    lineage: Lineage


@dataclass
class HistoryReady(Message):
    """A commitment's history across its series, worked out by ``lineage`` (``steps``
    empty and ``error`` set if the comparison failed)."""

    lineage: Lineage
    commitment_id: str
    steps: list[Step]
    error: str | None = None


@dataclass
class ExportDone(Message):
    """An export was written (``summary``) or failed (``error``, one line)."""

    summary: str | None = None
    error: str | None = None


@dataclass
class Saved(Message):
    """A change is durable; ``annotation`` is the target's annotation after it."""

    change: Change
    annotation: Annotation
    outcome: Outcome


@dataclass
class SaveFailed(Message):
    """A change could not be written; nothing of it is in the store. ``changed_elsewhere``:
    refused because what the user saw has changed since (``ChangedElsewhere``); ``busy``:
    another process held the store too long (``StoreBusy``), so it may be tried again."""

    change: Change
    error: str
    changed_elsewhere: bool = False
    busy: bool = False


@dataclass
class ImportProgress(Message):
    """An import from the app has read ``done`` of ``total`` files and addresses and
    reads ``name`` now ("" once it is done)."""

    done: int
    total: int
    name: str


@dataclass
class ImportDone(Message):
    """An import from the app is done (or stopped): what it did."""

    report: ImportReport

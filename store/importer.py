"""Importing release files into a store: :class:`Importer` parses releases and stores
the meetings, through the store's public API only (``Store.transaction``).

A bulk import works in slices (``Importer._import_batch``): files are parsed ahead, in
worker processes when there are many (``store.parse_pool``), then stored and written a
slice at a time, each slice one transaction: a slice whose write fails is undone whole.
Where the annotations of a meeting imported again go is ``store.carry_over``'s job;
which files a folder holds, ``store.collect``'s.

A release may be given by its address (``Importer.import_sources``): it is fetched when
its turn comes (``fetching.fetch``, in ``store.parse_pool``), stored with its URL and
fetch time (``MeetingRecord.url``, ``.fetched``), and the URL is its key: importing the
same URL again with the same content changes nothing, a changed page is re-imported as
a changed file is, its annotations carried over.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import fetching
import parsers
from parsers.area_names import named_from_content, names_from_meetings
from parsers.model import Meeting
from parsers.naming import party_key
from parsers.reading import InputError, name_text
from store import carry_over, collect, parse_pool
from store.corpus import Corpus, MeetingRecord, sha256
from store.errors import StoreError
from store.model import ImportResult, now_iso
from store.storage import dumps
from store.transaction import Transaction

if TYPE_CHECKING:
    from store.store import Store

#: A bulk import writes the corpus after parsing for at least this long …
SLICE_MIN_SECONDS = 0.25
#: … and at least this many times the last corpus write took (see ``_import_batch``) …
SLICE_FLUSH_RATIO = 8.0
#: … unless it has read this many bytes of releases (what it holds in memory till then).
SLICE_MAX_BYTES = 32 << 20

Progress = Callable[[int, int, str], None]


def _newest_first(path: Path) -> tuple[int, str]:
    """Sort key: the most recently written (or re-imported) source document first."""
    try:
        return (-path.stat().st_mtime_ns, path.name)
    except OSError:
        return (0, path.name)


@dataclass
class _Ready:
    """A parsed file of a slice, waiting to be stored."""

    path: Path | str  # a file, or a URL fetched
    name: str | None  # the name it is shown and parsed under (None: its path)
    parsed: parse_pool.Parsed
    only_new: bool  # store it only if the store lacks its meeting (``rebuild``)


class Importer:
    """Imports release files into ``store``."""

    def __init__(self, store: Store) -> None:
        self.store = store
        #: when the meetings this importer adds are imported: once for one command, so
        #: that which of two language versions given together is the primary does not
        #: depend on which was parsed first (``store.versions``)
        self.started = now_iso()
        self._last_flush = 0.0  # seconds the last slice's write took
        self._series = _Series()

    def import_paths(
        self, paths: list[Path], progress: Progress | None = None
    ) -> list[ImportResult]:
        """Import release files and directories; one result per file, in argument order
        (a directory's files sorted), a path that cannot be used reported where it came."""
        return self.import_collected(collect.collect_files([Path(p) for p in paths]), progress)

    def import_sources(
        self, sources: Sequence[str | Path], progress: Progress | None = None
    ) -> list[ImportResult]:
        """Import a mix of release files, directories and URLs (a ``str`` such as
        ``https://…``; see ``fetching.is_url``), as ``coop-tui import`` and the app's
        import dialog take them. One ``ImportResult`` per file or URL, in the order
        given (a directory's files sorted); a URL's result has the URL as its ``path``.
        ``progress(done, total, current)`` is called before each file or URL is read
        (``current`` its path or URL) and once at the end with ``done == total`` and
        ``current == ""``; a URL is fetched in its turn (``fetching.fetch``: its
        timeout, size and redirect limits). Nothing is raised for a file or URL that
        fails (its result says why, one line); a StoreError only if the store cannot
        be written at all (locked, read-only)."""
        return self.import_collected(collect.collect_files(list(sources)), progress)

    def import_collected(
        self, collected: collect.Collected, progress: Progress | None = None
    ) -> list[ImportResult]:
        """Import what ``collect.collect_files`` found; one result per entry, in order."""
        jobs: list[parse_pool.Job] = [
            (e, None) for e in collected.entries if not isinstance(e, ImportResult)
        ]
        imported = iter(self._import_batch(jobs, progress))
        return [e if isinstance(e, ImportResult) else next(imported) for e in collected.entries]

    def rebuild(self, progress: Progress | None = None) -> list[ImportResult]:
        """Parse each stored meeting's source document again (after a parser improvement).

        Only the document each meeting was last imported from: the earlier versions of a
        release stay in ``store.sources/`` but are never parsed back over the current one.
        A stored document that no meeting refers to (the corpus was lost or moved aside,
        or a rebuild was cut short) is parsed too, the most recently imported first, and
        added only if the store has no such meeting yet: so a meeting comes back from
        the last version imported, and an older version is left out (no result)."""
        with self.store.transaction() as tx:  # reads only: the corpus as it is now
            corpus = tx.corpus
            jobs: list[parse_pool.Job] = [
                (corpus.source_path(r.doc, r.suffix), r.source_name)
                for r in corpus.records.values()
            ]
            known = {p for p, _n in jobs if isinstance(p, Path)}
            spare = [p for p in corpus.stored_sources() if p not in known]
        spare.sort(key=_newest_first)
        return self._import_batch(jobs + [(p, p.name) for p in spare], progress, len(jobs))

    def _import_batch(
        self,
        jobs: list[parse_pool.Job],
        progress: Progress | None,
        only_new_from: int | None = None,
    ) -> list[ImportResult]:
        """Import files in slices: each slice reads and parses files for a while (without
        the lock: parsing needs nothing from the store), then stores them in one
        transaction, which writes the corpus once — not once per file, which at
        thousands of meetings would rewrite a large file thousands of times.

        A slice lasts at least ``SLICE_MIN_SECONDS`` and at least ``SLICE_FLUSH_RATIO``
        times the last slice's write (unless it holds ``SLICE_MAX_BYTES`` of releases), so
        writing costs a bounded share of the import; the lock is held only to store a
        slice's meetings and write them (other processes wait up to ``lock_timeout``).
        Results are final only once their slice is written: if that write fails, every
        file of the slice is reported failed and the store is left as it was before it.

        The jobs from ``only_new_from`` on add only meetings the store does not have
        (``rebuild``); one it has is left alone, and has no result.
        """
        results: list[ImportResult] = []
        total = len(jobs)
        i = 0
        with parse_pool.ParsedFiles(jobs) as parsed:  # parsed ahead, by workers if many
            while i < total:
                budget = max(SLICE_MIN_SECONDS, SLICE_FLUSH_RATIO * self._last_flush)
                start = time.perf_counter()
                first = i
                ready: list[_Ready] = []
                held = 0
                while i < total and (
                    i == first or (time.perf_counter() - start < budget and held < SLICE_MAX_BYTES)
                ):
                    path, name = jobs[i]
                    if progress:
                        progress(i, total, name or _shown(path))
                    file = next(parsed)
                    held += len(file.data) if isinstance(file, parse_pool.ParsedFile) else 0
                    only_new = only_new_from is not None and i >= only_new_from
                    ready.append(_Ready(path, name, file, only_new))
                    i += 1
                results.extend(self._store_slice(ready))
        if progress:
            progress(total, total, "")
        return results

    def _store_slice(self, ready: list[_Ready]) -> list[ImportResult]:
        """Store a slice's files in one transaction; if its write fails, each file that
        was to be added or updated is reported failed (the store is as it was)."""
        results: list[ImportResult] = []
        writing = False
        try:
            with self.store.transaction() as tx:
                for file in ready:
                    result = self._import_parsed(tx, file)
                    if result is not None:
                        results.append(result)
                start = time.perf_counter()  # the write: on leaving the block
                writing = True
        except StoreError as exc:
            if not writing:  # refused (busy, read-only …) before: nothing of it stored
                raise
            return [
                ImportResult(r.path, "failed", meeting_id=r.meeting_id, reason=str(exc))
                if r.outcome in ("added", "updated")
                else r
                for r in results
            ]
        if any(r.outcome in ("added", "updated") for r in results):
            self._last_flush = time.perf_counter() - start
        return results

    def _import_parsed(self, tx: Transaction, file: _Ready) -> ImportResult | None:
        """Store what ``parse_pool.read_and_parse`` made of a file; with ``only_new``,
        only if the store does not have its meeting (else None)."""
        parsed = file.parsed
        if isinstance(parsed, ImportResult):
            return parsed
        if file.only_new and tx.corpus.has_meeting(parsed.meeting.id, sha256(parsed.data)):
            return None
        shown = _shown(file.path) if file.name is None else file.name
        named = parsed.origin.name if parsed.origin else file.name or Path(file.path).name
        try:
            return self._store_parsed(tx, shown, parsed, name_text(Path(named).suffix))
        except StoreError as exc:
            return ImportResult(shown, "failed", meeting_id=parsed.meeting.id, reason=str(exc))

    def _store_parsed(
        self, tx: Transaction, shown: str, parsed: parse_pool.ParsedFile, suffix: str
    ) -> ImportResult:
        """Add or update a parsed meeting, in the transaction of its slice."""
        data, meeting, origin = parsed.data, parsed.meeting, parsed.origin
        meeting_json = parsed.meeting_json
        corpus = tx.corpus
        doc = sha256(data)
        old = corpus.records.get(meeting.id)
        if old is None and origin is not None:  # the URL is the key (a changed page)
            old = _by_url(corpus, origin.url)
        old = old or corpus.by_doc(doc)
        renamed: list[str] = []
        if any(named_from_content(a) for a in meeting.areas):
            others = self._series.of(corpus, meeting, old.meeting.id if old else None)
            meeting, borrowed = names_from_meetings(meeting, others)
            if borrowed:
                meeting_json = dumps(meeting.to_dict())
                # said only where a name changes: not on every re-import of the meeting
                stored = {a.id: a.name for a in old.meeting.areas} if old else {}
                renamed = [
                    f"{_which(meeting)}: {b.label()}"
                    for b in borrowed
                    if stored.get(b.area_id) != b.name
                ]
        if old is not None and carry_over.content_of(old.meeting) == carry_over.content_of(meeting):
            same = (
                old.doc == doc
                or self._same_text(tx, old, data)  # another encoding, line ending …
                or (origin is not None and self._same_page(tx, old, data, origin.name))
            )
            if same and origin is not None and not old.url:  # a file's: now with its URL
                kept = data if old.doc == doc else corpus.source_bytes(old)
                tx.save_meeting(_with_origin(old, origin), kept)
            elif old.doc == doc and not corpus.source_path(doc, old.suffix).exists():
                tx.save_meeting(old, data)  # repair a deleted source
            if same:
                return ImportResult(shown, "unchanged", meeting_id=meeting.id)
        now = now_iso()
        plan = carry_over.Plan()
        previous: list[str] = []
        if old is not None:
            plan = carry_over.plan_update(
                tx.state, old, meeting, doc, corpus.index, lambda: _release_text(data, shown)
            )
            previous = list(old.previous_ids)
            if old.meeting.id != meeting.id and old.meeting.id not in previous:
                previous.append(old.meeting.id)
        record = MeetingRecord(
            meeting=meeting,
            doc=doc,
            source_name=meeting.source or name_text(Path(shown).name),
            suffix=suffix.lower(),
            imported=old.imported if old else self.started,
            updated=now,
            previous_ids=previous,
        )
        if origin is not None:
            record = _with_origin(record, origin)
        elif old is not None and old.doc == doc:  # its stored page parsed again (rebuild)
            record.url, record.fetched = old.url, old.fetched
        tx.save_meeting(
            record,
            data,
            replaces=old.meeting.id if old else None,
            events=plan.events,
            encoded=record.encoded(meeting_json),
        )
        renamed += self._rename_others(tx, meeting, old.meeting.id if old else None)
        return ImportResult(
            shown,
            "updated" if old else "added",
            meeting_id=meeting.id,
            reattached=plan.reattached,
            orphaned=plan.orphaned,
            renamed=renamed,
        )

    def _rename_others(self, tx: Transaction, meeting: Meeting, replaced: str | None) -> list[str]:
        """Name the lost headings of the stored meetings of ``meeting``'s parties after
        its areas too (a series imported in any order ends named alike): each such
        meeting is stored again, its IDs unchanged (``parsers.area_names``)."""
        if all(a.heading_inferred for a in meeting.areas):
            return []
        corpus = tx.corpus
        renamed: list[str] = []
        for other in self._series.of(corpus, meeting, replaced, content_named=True):
            named, borrowed = names_from_meetings(other, self._series.of(corpus, other, None))
            # ``other`` is stored named: only a name that changes is stored and said
            changed = [b for b in borrowed if b.meeting_id == meeting.id and b.name != b.old_name]
            if not changed:
                continue
            rec = corpus.records[other.id]
            new = MeetingRecord(
                meeting=named,
                doc=rec.doc,
                source_name=rec.source_name,
                suffix=rec.suffix,
                imported=rec.imported,
                updated=now_iso(),
                previous_ids=list(rec.previous_ids),
            )
            tx.save_meeting(new, corpus.source_bytes(rec), replaces=other.id)
            renamed += [f"{_which(named)}: {b.label()}" for b in changed]
        return renamed

    @staticmethod
    def _same_text(tx: Transaction, old: MeetingRecord, data: bytes) -> bool:
        """Whether ``data`` is the stored source document of ``old`` in another encoding,
        byte-order mark, line ending or Unicode normal form (False if it cannot be read)."""
        try:
            stored = tx.corpus.source_bytes(old)
        except (OSError, StoreError):
            return False
        return carry_over.same_text(stored, data)

    @staticmethod
    def _same_page(tx: Transaction, old: MeetingRecord, data: bytes, name: str) -> bool:
        """Whether a page fetched again reads as the stored one: only what the parser
        drops (scripts, navigation, a session token, a visitor count) differs."""
        try:
            stored = tx.corpus.source_bytes(old)
        except (OSError, StoreError):
            return False
        text = _release_text(data, name)
        return bool(text) and text == _release_text(stored, old.source_name)


def _shown(path: Path | str) -> str:
    """A file's path, or a URL as it is stored and shown (no password)."""
    return fetching.shown_url(path) if isinstance(path, str) else str(path)


def _by_url(corpus: Corpus, url: str) -> MeetingRecord | None:
    """The stored meeting last fetched from ``url``, if any."""
    return next((r for r in corpus.records.values() if r.url == url), None)


def _with_origin(record: MeetingRecord, origin: parse_pool.Origin) -> MeetingRecord:
    return dataclasses.replace(record, url=origin.url, fetched=origin.fetched)


class _Series:
    """The stored meetings of a meeting's parties, their parties' keys worked out once per
    stored meeting (a bulk import asks for each file)."""

    def __init__(self) -> None:
        # by the meeting object's id(), the object kept so that its id() is not reused
        self._known: dict[int, tuple[Meeting, frozenset[str], bool]] = {}

    def _about(self, meeting: Meeting) -> tuple[frozenset[str], bool]:
        known = self._known.get(id(meeting))
        if known is None or known[0] is not meeting:
            named = any(named_from_content(a) for a in meeting.areas)
            known = self._known[id(meeting)] = (meeting, party_key(meeting), named)
        return known[1], known[2]

    def of(
        self, corpus: Corpus, meeting: Meeting, replaced: str | None, content_named: bool = False
    ) -> list[Meeting]:
        """The stored meetings of ``meeting``'s parties but itself (and the one it
        replaces); with ``content_named``, only those with an area named from its content."""
        parties = party_key(meeting)
        if not parties:
            return []
        skip = {meeting.id, replaced}
        out = []
        for r in corpus.records.values():
            theirs, named = self._about(r.meeting)
            if theirs == parties and r.meeting.id not in skip and (named or not content_named):
                out.append(r.meeting)
        return out


def _which(meeting: Meeting) -> str:
    """``the 2023-06-26 meeting`` (or by its ID, undated)."""
    return f"the {meeting.date} meeting" if meeting.date else f"meeting {meeting.id}"


def _release_text(data: bytes, name: str) -> str:
    """A release's text as the parser read it ("" if it cannot be read again)."""
    try:
        return parsers.release_text(parsers.source_text(data, name), name)
    except InputError:
        return ""

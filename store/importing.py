"""``Store``'s imports (see ``store.importer``), and where a stored meeting came from."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from store.corpus import Corpus
from store.model import ImportResult

if TYPE_CHECKING:  # imported where used: opening a store needs neither
    from store.collect import Collected
    from store.importer import Importer, Progress
    from store.store import Store


class ImportMethods:
    """Importing releases into the store (``Importer``), a mix-in of ``Store``."""

    # provided by Store
    _mutex: threading.RLock
    corpus: Corpus

    def _importer(self) -> Importer:
        from store.importer import Importer

        return Importer(cast("Store", self))

    def import_paths(
        self, paths: list[Path], progress: Progress | None = None
    ) -> list[ImportResult]:
        """Import release files and directories (``Importer.import_paths``)."""
        return self._importer().import_paths(paths, progress)

    def import_sources(
        self, sources: Sequence[str | Path], progress: Progress | None = None
    ) -> list[ImportResult]:
        """Import release files, directories and URLs (``Importer.import_sources``)."""
        return self._importer().import_sources(sources, progress)

    def import_collected(
        self, collected: Collected, progress: Progress | None = None
    ) -> list[ImportResult]:
        """Import what ``collect.collect_files`` found (``Importer.import_collected``)."""
        return self._importer().import_collected(collected, progress)

    def rebuild(self, progress: Progress | None = None) -> list[ImportResult]:
        """Parse each stored meeting's source document again (``Importer.rebuild``)."""
        return self._importer().rebuild(progress)

    def origin(self, meeting_id: str) -> tuple[str, str] | None:
        """The URL a meeting's release was fetched from and when (ISO 8601, UTC), or
        None if it was imported from a file (or is not in the store)."""
        with self._mutex:
            record = self.corpus.record(meeting_id)
        return (record.url, record.fetched) if record is not None and record.url else None

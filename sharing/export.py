"""Reports of the researcher's work, written to a file or returned as text (no Textual here).

The pieces are in their own modules: ``sharing.selection`` (the filters and what they
select), ``sharing.report`` (the Markdown report), ``sharing.data_export`` (JSON and CSV)
and ``sharing.notes_folder`` (a folder of notes files). This module puts them behind one
call for the app's worker and the command line, and writes files safely: the
target is checked first, and the export goes to a temporary file in the same
folder that is fsynced and renamed over the target. The Markdown report is
written as it is made, a meeting at a time, never built as one string. The names
of the other modules that callers use are importable from here too.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from parsers.reading import InputError, open_regular
from sharing.data_export import (
    CSV_COLUMNS,
    EXPORT_FORMAT,
    QUOTE_CHARS,
    annotation_records,
    csv_export,
    json_export,
    quote,
)
from sharing.notes_folder import check_output_dir, write_notes_dir
from sharing.report import markdown_chunks, markdown_report
from sharing.report_charts import chart_links, check_charts_dir, write_charts
from sharing.report_overview import ChartLinks, overview_of
from sharing.selection import (
    AreaView,
    Filters,
    Item,
    MeetingView,
    OrphanView,
    Selection,
    make_filters,
    select,
)
from stats import AreaAligner, Overview
from store import fsio
from store.collector import collections_paused
from store.errors import StoreError
from store.model import now_iso
from store.paths import real_store_path
from store.store import Store

__all__ = [
    "CSV_COLUMNS",
    "EXPORT_FORMAT",
    "FORMATS",
    "QUOTE_CHARS",
    "AreaView",
    "ExportRequest",
    "Filters",
    "FormatClash",
    "Item",
    "MeetingView",
    "OrphanView",
    "Selection",
    "annotation_records",
    "check_charts_dir",
    "check_not_store_file",
    "check_output_file",
    "check_request",
    "csv_export",
    "export_to_path",
    "export_to_stream",
    "format_for",
    "format_of_name",
    "json_export",
    "make_filters",
    "make_missing_folders",
    "markdown_report",
    "missing_folders",
    "quote",
    "render",
    "render_chunks",
    "select",
    "write_output",
]

FORMATS = ("markdown", "json", "csv", "notes-dir")
#: The format a file name's ending stands for (in any case).
FORMAT_SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "markdown",
    ".json": "json",
    ".csv": "csv",
}


class FormatClash(StoreError):
    """The file name's ending stands for one format, and another was asked for."""

    def __init__(self, name: str, named: str, given: str) -> None:
        #: what the name is, as a phrase: "a .csv name", "a folder"
        self.what = "a folder" if named == "notes-dir" else f"a {Path(name).suffix} name"
        super().__init__(
            f"{name}: {self.what} is for {named}, but --format is {given}; "
            "change the name, or leave out --format"
        )
        self.name, self.named, self.given = name, named, given


def format_of_name(name: str, *, folders: bool = True) -> str | None:
    """The format a name stands for: by its ending (``FORMAT_SUFFIXES``), notes-dir for
    a name that ends in ``/`` or (with ``folders``) is an existing folder; None if it
    says nothing."""
    name = name.strip()
    if name.endswith(("/", os.sep)) or (folders and name and Path(name).expanduser().is_dir()):
        return "notes-dir"
    return FORMAT_SUFFIXES.get(Path(name).suffix.lower())


def format_for(name: str, given: str | None) -> str:
    """The format to write ``name`` in: ``given`` (refused if the name stands for another:
    FormatClash), else the one the name stands for; a name without an ending is
    Markdown, and any other ending is refused (StoreError)."""
    named = format_of_name(name)
    if given is not None:
        if named is not None and named != given:
            raise FormatClash(name, named, given)
        return given
    if named is not None:
        return named
    suffix = Path(name.strip()).suffix
    if suffix:
        known = ", ".join(FORMAT_SUFFIXES)
        raise StoreError(
            f"{name}: cannot tell the format from {suffix}; give --format, or a name ending "
            f"in {known} (or a folder, for notes-dir)"
        )
    return "markdown"


def render_chunks(
    sel: Selection,
    fmt: str,
    generated: str,
    *,
    overview: Overview | None = None,
    charts: ChartLinks | None = None,
) -> Iterator[str]:
    """A single-file export in pieces, in order (the Markdown report a meeting at a time;
    its overview and chart links as ``markdown_chunks`` takes them)."""
    if fmt == "markdown":
        return markdown_chunks(sel, generated, overview=overview, charts=charts)
    if fmt == "json":
        return iter([json_export(sel, generated)])
    if fmt == "csv":
        return iter([csv_export(sel)])
    raise ValueError(f"not a single-file format: {fmt}")


def render(sel: Selection, fmt: str, generated: str) -> str:
    return "".join(render_chunks(sel, fmt, generated))


# -- writing files safely -------------------------------------------------------
class OutputExists(StoreError):
    """The file to write exists, and replacing it was not asked for (``--force``; in
    the app, the export dialog's "Replace" box)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: already exists; add --force to replace it")
        self.path = path


def check_output_file(path: Path, force: bool) -> None:
    """Refuse (one-line StoreError) a target we should not write: see ``write_output``."""
    if path.is_symlink():
        raise StoreError(f"{path}: is a symbolic link; give the real file's path")
    parent = path.parent
    if not parent.exists():
        raise StoreError(f"{parent}: no such folder; create it first")
    if not parent.is_dir():
        raise StoreError(f"{parent}: not a folder")
    if path.is_dir():
        raise StoreError(f"{path}: is a folder; give a file name")
    if path.exists() and not path.is_file():  # a device, a FIFO, a socket: never replaced
        raise StoreError(f"{path}: not a regular file (a device, a pipe or a socket); give a "
                         "file name")  # fmt: skip
    if path.exists() and not force:
        raise OutputExists(path)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise StoreError(f"{parent}: no permission to write in this folder")


def write_output(path: Path, text: str | Iterable[str], force: bool = False) -> None:
    """Write ``text`` (UTF-8; a string or its pieces in order) to ``path``.

    It goes to a temporary file in the same folder, fsynced and renamed over
    ``path``; if anything fails, ``path`` is left as it was.
    """
    check_output_file(path, force)
    chunks = iter([text]) if isinstance(text, str) else text
    try:
        with fsio.atomic_text_writer(path) as out:
            for chunk in chunks:
                out.write(chunk)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write it ({fsio.describe_os_error(exc)})") from exc


# -- one call for the app's worker ----------------------------------------------
@dataclass(frozen=True)
class ExportRequest:
    """What the export dialog asks for: where, in which format, which commitments."""

    path: Path
    format: str = "markdown"
    filters: Filters = field(default_factory=Filters)
    force: bool = False
    #: create the folders missing on the way to ``path`` (the dialog's "Create missing
    #: folders" box); otherwise a missing folder is refused
    make_folders: bool = False
    #: a folder to write the overview's charts into as SVG files, which the report
    #: links to (Markdown only; ``coop-tui export --charts DIR``)
    charts: Path | None = None


def missing_folders(path: Path) -> list[Path]:
    """The folders on the way to ``path`` that do not exist, outermost first."""
    return [p for p in reversed(path.parents) if not p.exists() and not p.is_symlink()]


def _check_folders_can_be_made(path: Path) -> None:
    """Refuse (StoreError) missing folders that could not be made: the nearest existing
    folder above them must be a folder we may write in."""
    missing = missing_folders(path)
    above = missing[0].parent
    if not above.is_dir():
        raise StoreError(f"{above}: not a folder")
    if not os.access(above, os.W_OK | os.X_OK):
        raise StoreError(f"{above}: no permission to write in this folder")


def make_missing_folders(path: Path) -> list[Path]:
    """Create the folders missing on the way to ``path``; returns them (StoreError if not)."""
    missing = missing_folders(path)
    if missing:
        _check_folders_can_be_made(path)
        try:
            for folder in missing:
                folder.mkdir()
        except OSError as exc:
            raise StoreError(f"{folder}: cannot create it ({fsio.describe_os_error(exc)})") from exc
    return missing


def check_request(request: ExportRequest) -> None:
    """The target checks alone (cheap; the dialog runs them before closing)."""
    if request.charts is not None:
        if request.format != "markdown":
            raise StoreError(f"charts go with the Markdown report, not {request.format}")
        check_charts_dir(request.charts)
    if request.make_folders and missing_folders(request.path):
        _check_folders_can_be_made(request.path)  # nothing is there yet to check against
        return
    if request.format == "notes-dir":
        check_output_dir(request.path, request.force)
    else:
        check_output_file(request.path, request.force)


def export_to_path(
    store: Store,
    request: ExportRequest,
    generated: str | None = None,
    *,
    aligner: AreaAligner | None = None,
) -> str:
    """Write the export the request describes; returns a one-line summary.

    Raises StoreError (one line) for anything the user can fix. Safe to call from
    a worker thread (the store's reads are thread-safe; nothing here touches Textual).
    ``aligner`` gives the report's overview its area alignments (the app's session
    shares its own, already in memory); by default they are read from beside the store.
    """
    # the selection is gone when _write_export returns (see store.collector)
    with collections_paused():
        return _write_export(store, request, generated or now_iso(), aligner)


def check_not_store_file(store: Store, path: Path) -> None:
    """Refuse (one-line StoreError) to write an export over a file of ``store`` — its
    main file, journal, corpus or lock, or anything in its folders of source documents
    and drafts —
    however the path is spelled (``..``, a linked folder, another case), or over
    another coop-tui store's file."""
    files = store.files
    own = {
        files.main: "main file",
        files.journal: "journal",
        files.journal_mark: "journal's length mark",
        files.corpus: "corpus",
        files.lock: "lock file",
        files.sources: "folder of source documents",
        files.drafts: "folder of drafts",
    }
    real = real_store_path(path)
    for file, what in own.items():
        if real == file or _same_file(path, file):
            raise StoreError(f"{path}: is the store's {what}; give another name to export to")
    for folder, what in ((files.sources, "source documents"), (files.drafts, "drafts")):
        if real.is_relative_to(folder):
            raise StoreError(f"{path}: is in the store's folder of {what}; export somewhere else")
    if path.is_file() and _is_store_file(path):
        raise StoreError(f"{path}: is a coop-tui store's file; give another name to export to")


def check_not_store_stream(store: Store, stream: TextIO) -> None:
    """Refuse standard output appended to a file of the store (``export >> store.json``)."""
    try:
        fd = stream.fileno()
        st = os.fstat(fd)
    except (OSError, ValueError, io.UnsupportedOperation):
        return  # not a file (a pipe, a terminal, a string buffer)
    files = store.files
    for file in (files.main, files.journal, files.journal_mark, files.corpus, files.lock):
        try:
            other = os.stat(file)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == (other.st_dev, other.st_ino):
            raise StoreError(f"{file}: standard output is this store file; export elsewhere")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _is_store_file(path: Path) -> bool:
    """Whether a file begins as a coop-tui store's main file, journal or corpus does."""
    try:
        fd = open_regular(path)
    except (OSError, InputError):
        return False
    try:
        head = os.read(fd, 64)
    except OSError:
        return False
    finally:
        os.close(fd)
    marks = (
        b'{"_meta":{"1":{"app":"coop-tui"',
        b'{"coop-tui":"journal"',
        b'{"_meta":{"1":{"schema":',
    )
    return head.startswith(marks)


def _write_export(
    store: Store, request: ExportRequest, generated: str, aligner: AreaAligner | None = None
) -> str:
    check_not_store_file(store, request.path)
    made = make_missing_folders(request.path) if request.make_folders else []
    created = f" (created {made[0]})" if made else ""
    selection = select(store, request.filters)
    n = len(selection.corrections)
    fixes = f" and {n} correction(s) of the parse" if n else ""
    if request.format == "notes-dir":
        done = write_notes_dir(selection, request.path, force=request.force)
        removed = f"; removed {len(done.removed)} no longer in the store" if done.removed else ""
        return (
            f"{request.path}: wrote {len(done.files)} notes file(s){fixes} for {done.author}"
            f"{removed}{created}"
        )
    overview, links, drawn = _overview(store, selection, request.format, request.charts,
                                       request.path.parent, aligner)  # fmt: skip
    chunks = render_chunks(selection, request.format, generated, overview=overview, charts=links)
    write_output(request.path, chunks, request.force)
    count = sum(len(a.items) for v in selection.meetings for a in v.areas)
    carried = fixes if request.format == "json" else ""  # the others show them in place
    return (
        f"{request.path}: wrote {request.format} for {count} commitment(s){carried}{created}{drawn}"
    )


def _overview(
    store: Store,
    selection: Selection,
    fmt: str,
    charts: Path | None,
    report_dir: Path,
    aligner: AreaAligner | None = None,
) -> tuple[Overview | None, ChartLinks | None, str]:
    """The Markdown report's overview, its areas aligned with the alignments kept beside
    the store (``stats.AreaAligner``; not written to a read-only store), the charts
    written into ``charts`` if given, their links from ``report_dir``, and what was
    written, said for the summary line."""
    if fmt != "markdown":
        return None, None, ""
    if aligner is None:
        aligner = AreaAligner.for_store(store)
    overview = overview_of(selection, aligner)
    aligner.save(s.id for s in store.meeting_summaries())
    if charts is None:
        return overview, None, ""
    files, removed = write_charts(overview, charts)
    drawn = f"; {len(files)} chart(s) in {charts}"
    if removed:
        drawn += f" (removed {len(removed)} earlier chart(s) this export did not make)"
    return overview, chart_links(files, charts, report_dir), drawn


def export_to_stream(
    store: Store,
    filters: Filters,
    fmt: str,
    stream: TextIO,
    generated: str | None = None,
    *,
    charts: Path | None = None,
) -> str:
    """Write a single-file export to an open text stream (standard output), a piece at a
    time; the charts (Markdown only) go into ``charts``, linked relative to the current
    folder. Returns what was written besides the stream ("" or the charts, said)."""
    check_not_store_stream(store, stream)
    with collections_paused():  # the pieces hold the selection, and go with the loop
        selection = select(store, filters)
        overview, links, drawn = _overview(store, selection, fmt, charts, Path.cwd())
        chunks = render_chunks(
            selection, fmt, generated or now_iso(), overview=overview, charts=links
        )
        for chunk in chunks:
            stream.write(chunk)
    return drawn.removeprefix("; ")

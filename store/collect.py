"""Which files an import reads: the release files named, those found in folders, and
the addresses (URLs) given, fetched when they are read (``store.parse_pool``)."""

from __future__ import annotations

import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fetching import file_uri_path, is_url, shown_url
from store.model import ImportResult

#: What ``import DIR`` reads in a directory: plain text (Markdown too), HTML, PDF and Word.
SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf", ".docx")


@dataclass
class Collected:
    """What ``collect_files`` found, in the order the paths were given.

    ``entries`` holds a file to import, a URL to fetch and import (a ``str``), or the
    failed result of a path that could not be used (missing, or a directory without
    releases), each where its path came in the arguments; a directory's files are sorted.
    ``skipped`` are the files in those directories that were not read because of
    their type (relative to the directory given, sorted).
    """

    entries: list[Path | str | ImportResult] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return [e for e in self.entries if isinstance(e, Path)]


def collect_files(paths: Sequence[Path | str]) -> Collected:
    """Expand directories (recursively: files with a suffix in ``SUFFIXES``); a ``str``
    that is an address (``fetching.is_url``: ``https://…``) is kept as a URL to fetch
    (each once), any other is a path; a ``file:///…`` URI is the path it names
    (``fetching.file_uri_path``: percent-decoded).

    Hidden files and anything in hidden directories are left out silently;
    other files in the directories, and what is not a regular file there (a named
    pipe, a device), are listed in ``skipped``. A file named
    explicitly is imported whatever its suffix; a missing path or a directory
    without releases is reported as failed.
    """
    found_all = Collected()
    seen: set[Path] = set()
    urls: set[str] = set()
    for given in paths:
        local = file_uri_path(given) if isinstance(given, str) else None
        if local is not None:  # file:///… is read as the file it names
            given = local
        if isinstance(given, str) and is_url(given):
            if given.strip() not in urls:
                urls.add(given.strip())
                found_all.entries.append(given.strip())
            continue
        path = Path(given)
        try:
            is_dir = stat.S_ISDIR(path.stat().st_mode)
        except OSError as exc:
            reason = "no such file" if isinstance(exc, FileNotFoundError) else _unreadable(exc)
            found_all.entries.append(ImportResult(str(path), "failed", reason=f"{path}: {reason}"))
            continue
        if is_dir:
            found: list[Path] = []
            for p in sorted(path.rglob("*")):
                inside = p.relative_to(path)
                if any(part.startswith(".") for part in inside.parts):
                    continue
                try:
                    if p.is_dir():
                        continue
                    regular = p.is_file()  # (a link is followed, to /dev/zero say)
                except OSError as exc:  # a name the system refuses to look up
                    reason = f"{p}: {_unreadable(exc)}"
                    found_all.entries.append(ImportResult(str(p), "failed", reason=reason))
                    continue
                if regular and p.suffix.lower() in SUFFIXES:
                    found.append(p)
                else:
                    found_all.skipped.append(inside)
            if not found:
                found_all.entries.append(
                    ImportResult(
                        str(path),
                        "failed",
                        reason=f"{path}: no release files ({', '.join(SUFFIXES)}) in it",
                    )
                )
            candidates = found
        else:
            candidates = [path]
        for p in candidates:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                found_all.entries.append(p)
    return found_all


def shown(entry: Path | str) -> str:
    """A file's path, or an address as it is stored and shown: without its password
    (``fetching.shown_url``)."""
    return shown_url(entry) if isinstance(entry, str) and is_url(entry) else str(entry)


def _unreadable(exc: OSError) -> str:
    return f"cannot be read ({exc.strerror or exc})"

"""Parsing co-operation press releases (text or saved HTML) into the agreement model.

No Textual here: the model layer is shared by the CLI, the store and the app.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parsers.formats import release_from_bytes
from parsers.model import Area, Commitment, Meeting, SignedDocument
from parsers.reading import (
    InputError,
    decode,
    is_html,
    name_text,
    read_release_bytes,
    refuse_own_report,
)

if TYPE_CHECKING:
    from parsers.release import parse_text

__all__ = [
    "Area",
    "Commitment",
    "InputError",
    "Meeting",
    "SignedDocument",
    "decode",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "release_text",
    "source_text",
]


def __getattr__(name: str) -> Any:
    """``parse_text`` is imported when first used: the model alone (what the store and
    the app need to read stored meetings) does not compile the parser's patterns."""
    if name == "parse_text":
        from parsers.release import parse_text

        return parse_text
    raise AttributeError(f"module 'parsers' has no attribute {name!r}")


def parse_bytes(data: bytes, source: str, *, html: bool | None = None) -> Meeting:
    """Parse a release held in memory (``source`` is its file name): text, a saved
    page, a PDF or a Word file (``parsers.formats``)."""
    from parsers.release import parse_text

    text, found_html = release_from_bytes(data, source)
    refuse_own_report(text, source)
    if html is None:
        html = found_html
    return _checked(parse_text(text, source=name_text(source), html=html), source)


def source_text(data: bytes, name: str) -> str:
    """A stored release's text as decoded (a PDF's or Word file's text in the parser's
    plain form), what ``release_text`` takes. InputError if it cannot be read."""
    return release_from_bytes(data, name)[0]


def release_text(text: str, source: str = "") -> str:
    """A release's text as the parser reads it (the page's text for HTML, cleaned):
    what a commitment's text is taken from and found in again (``fix add``), and what
    the offsets of ``parsers.source_map`` are in. ``source``: the file's name, whose
    suffix may say it is HTML (as in ``parse_bytes``)."""
    from parsers.release import readable_text

    return readable_text(text, is_html(text, Path(source).suffix))[0]


def parse_file(path: str | os.PathLike[str]) -> Meeting:
    """Parse one release file; raises InputError (one-line message) for bad input."""
    from parsers.release import parse_text

    data = read_release_bytes(Path(path), str(path))
    text, html = release_from_bytes(data, str(path))
    refuse_own_report(text, str(path))
    return _checked(parse_text(text, source=name_text(Path(path).name), html=html), str(path))


def _checked(meeting: Meeting, name: str) -> Meeting:
    if not meeting.commitments:
        raise InputError(f"{name}: no co-operation agreement found (no areas with commitments)")
    return meeting

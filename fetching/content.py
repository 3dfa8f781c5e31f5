"""What a fetched response is: its kind (text, HTML, PDF, Word), the encoding of its text,
and the file name it is kept under.

The response's Content-Type is a claim the bytes are checked against: a PDF or Word file
is told by its first bytes (``parsers.formats.sniff``) whatever the server calls it, and
an HTML page served as ``text/plain`` is still read as a page. The encoding of a text or
HTML response is chosen in this order (what browsers do, except where servers are known
to be wrong):

1. a byte-order mark;
2. the bytes themselves when they are valid UTF-8 with some non-ASCII in them (a page
   declared ISO-8859-1 in the header, the default of many servers, but written in UTF-8);
3. the charset declared in the ``Content-Type`` header, unless it is the ISO-8859-1 or
   ASCII default and the page's ``<meta>`` says otherwise;
4. the charset in the page's ``<meta charset>`` or ``<meta http-equiv="Content-Type">``
   (or an XHTML page's ``<?xml … encoding="…"?>``);
5. the ISO-8859-1/ASCII default of the header, read as windows-1252 (as browsers do);
6. nothing declared: the same guess as for a file (``parsers.reading.decode``).

A text read in a declared encoding other than UTF-8 is handed on (and stored)
transcoded to UTF-8, so it reads the same later without the header it came with; bytes
that are UTF-8 already, or whose encoding was guessed, are kept as they came.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal
from urllib.parse import unquote

from parsers.formats import sniff
from parsers.reading import HTML_SUFFIXES, InputError, decode, is_html

Kind = Literal["text", "html", "pdf", "docx"]

#: The suffix a fetched release is kept under, by kind (see ``file_name``).
SUFFIX: dict[str, str] = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "text": ".txt"}
_KEEP: dict[str, set[str]] = {
    "pdf": {".pdf"},
    "docx": {".docx", ".docm", ".dotx"},
    "html": set(HTML_SUFFIXES) | {".shtml", ".shtm"},
    "text": {".txt", ".text", ".md", ".markdown"},
}
#: A page's address often ends in the script that wrote it: its suffix is replaced.
_SCRIPT_SUFFIXES = {".php", ".asp", ".aspx", ".jsp", ".jspx", ".cfm", ".cgi", ".do",
                    ".action", ".pl", ".py", ".nsf"}  # fmt: skip
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
#: Media types that are never a release (a PDF or Word file among them is still read).
_NOT_RELEASES = ("image/", "audio/", "video/", "font/", "model/")
#: The charsets servers declare by default, whatever the page is written in.
_WEAK_CHARSETS = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
                  "ansi_x3.4-1968", "windows-1252", "cp1252"}  # fmt: skip
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f/\\]+")
NAME_CHARS_MAX = 100


@dataclass(frozen=True)
class Content:
    """A response's bytes as the parser is to read them."""

    kind: Kind
    data: bytes  # as served, or the text transcoded to UTF-8 (``encoding`` says)
    media_type: str  # as declared ("" if none)
    #: How the text was read, in words ("UTF-8 by its bytes", "windows-1252 declared
    #: in the header" …); "" for a PDF or Word file.
    encoding: str = ""


def media_type(content_type: str) -> tuple[str, str | None]:
    """The media type (lower case) and the charset parameter of a Content-Type header."""
    parts = content_type.split(";")
    charset = None
    for param in parts[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").strip() or None
    return parts[0].strip().lower(), charset


def read_content(data: bytes, content_type: str, name: str) -> Content:
    """The kind and readable bytes of a response. InputError (one line, opening with
    ``name``) for a type that is never a release or bytes that are no text."""
    declared, charset = media_type(content_type)
    try:
        kind = sniff(data, "")  # by the bytes alone: the declared type may be wrong
    except InputError as exc:  # a zip that is not a Word file: its message names ""
        raise InputError(f"{name}{exc}") from exc
    if kind in ("pdf", "docx"):
        return Content(kind, data, declared)
    if declared.startswith(_NOT_RELEASES):
        raise InputError(f"{name}: the server sent {declared}, not a release")
    text, data, how = _text(data, charset, declared, name)
    if declared in _HTML_TYPES or is_html(text):
        return Content("html", data, declared, how)
    return Content("text", data, declared, how)


def _text(data: bytes, charset: str | None, declared: str, name: str) -> tuple[str, bytes, str]:
    """The text, the bytes to hand on and how it was read (see the module's order)."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, name), data, "by its byte-order mark"
    if data.isascii() and b"\x00" not in data:
        return decode(data, name), data, "ASCII"
    if b"\x00" not in data:  # (UTF-16 without a byte-order mark may pass as UTF-8)
        try:
            return data.decode("utf-8"), data, "UTF-8 by its bytes"
        except UnicodeDecodeError:
            pass
    header = _codec(charset)
    meta = _codec(_meta_charset(data)) if declared != "text/plain" else None
    weak = header is not None and charset is not None and charset.lower() in _WEAK_CHARSETS
    for codec, where in (
        (None if weak and meta else header, "declared in the header"),
        (meta, "declared in the page"),
        (header if weak and meta else None, "declared in the header"),
    ):
        if codec is None:
            continue
        if codec == "utf-8":  # declared UTF-8 with a few bad bytes: kept UTF-8
            text = data.decode("utf-8", "replace")
            return text, text.encode("utf-8"), f"UTF-8 {where} (bad bytes replaced)"
        if codec in ("iso8859-1", "ascii"):  # browsers read these as windows-1252
            codec = "cp1252"
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        return text, text.encode("utf-8"), f"{codecs.lookup(codec).name} {where}"
    return decode(data, name), data, "guessed from its bytes"


def _codec(charset: str | None) -> str | None:
    """Python's name of a declared charset (None if unknown or not a text encoding)."""
    if not charset:
        return None
    if charset.lower() in _WEAK_CHARSETS:
        return "cp1252"
    try:
        info = codecs.lookup(charset)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):  # e.g. "base64", "zip"
        return None
    return "utf-8" if info.name == "utf-8" else info.name


_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)""")


def _meta_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` or its XML declaration."""
    found = _META_CHARSET.search(data[:8192]) or _XML_ENCODING.search(data[:1024])
    return found.group(1).decode("ascii") if found else None


def file_name(path: str, host: str, kind: str, disposition: str = "") -> str:
    """The name a fetched release is shown and kept under: the file name the server
    gives (``Content-Disposition: attachment; filename=…``, as a download script sends),
    else the last part of its URL's path (decoded), its suffix the kind's
    (``release.html``, ``Joint-statement.pdf``); the host's name if the path has none."""
    given = disposition_name(disposition) or unquote(path.rstrip("/").rsplit("/", 1)[-1])
    last = _NAME_CHARS.sub(" ", given.rsplit("/", 1)[-1]).strip(" .")
    if not last:
        last = host.strip(".") or "release"
    suffix = PurePosixPath(last).suffix.lower()
    if suffix in _KEEP[kind]:
        return _clip(last, "")
    if suffix in _SCRIPT_SUFFIXES or (suffix and any(suffix in s for s in _KEEP.values())):
        last = last[: -len(suffix)] or "release"
    return _clip(last, SUFFIX[kind])


def _clip(stem: str, suffix: str) -> str:
    if len(stem) + len(suffix) <= NAME_CHARS_MAX:
        return stem + suffix
    keep = PurePosixPath(stem).suffix if not suffix else ""
    return stem[: NAME_CHARS_MAX - len(suffix) - len(keep)].rstrip(" .") + (keep or suffix)


_FILENAME_STAR = re.compile(r"""filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)""", re.IGNORECASE)
_FILENAME = re.compile(r"""filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))""", re.IGNORECASE)


def disposition_name(header: str) -> str:
    """The file name in a Content-Disposition header ("" if none): ``filename*`` (RFC 6266,
    percent-encoded in its charset) before ``filename``."""
    found = _FILENAME_STAR.search(header)
    if found:
        try:
            return unquote(found[2].strip(), encoding=found[1], errors="strict")
        except (LookupError, UnicodeDecodeError):
            pass
    found = _FILENAME.search(header)
    if not found:
        return ""
    quoted = found[1]
    return re.sub(r"\\(.)", r"\1", quoted) if quoted is not None else found[2].strip()

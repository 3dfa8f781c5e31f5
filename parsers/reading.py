"""Reading release files: bytes → text, with one clear error for every bad input."""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from parsers.zh_encoding import decode_chinese, double_byte_share


class InputError(Exception):
    """A file that cannot be read as a release; the message is one line for the user."""


#: Larger text or HTML files are not press releases; refuse them before reading them whole.
MAX_BYTES = 20 * 1024 * 1024
#: A PDF or Word file may be larger: its pictures (a photo of the signing) do not count
#: as text. What a Word file unpacks to is limited besides (``docx_package.MAX_UNPACKED``).
MAX_DOCUMENT_BYTES = 100 * 1024 * 1024
#: How much of a file's start tells a PDF, a zip (Word) or an OLE file (old Word) apart.
HEAD_BYTES = 1024
_DOCUMENT_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_PDF_MAGIC = b"%PDF-"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotAFile(InputError):
    """A path that is a folder, a named pipe, a device or a socket, not a regular file."""

    def __init__(self, name: str, kind: str) -> None:
        super().__init__(f"{name}: is {kind}, not a file; nothing was read")
        self.kind = kind


def _refuse_unless_regular(mode: int, name: str) -> None:
    if not stat.S_ISREG(mode):
        raise NotAFile(name, next((what for test, what in _KINDS if test(mode)), "not a file"))


def open_regular(path: str | os.PathLike[str], name: str | None = None) -> int:
    """A read-only descriptor of the regular file at ``path`` (a symbolic link is
    followed). InputError (one line) for a folder, a named pipe, a device or a socket,
    refused before it is opened and without waiting on a pipe with no writer; OSError
    (FileNotFoundError for a missing path) is left to the caller."""
    name = str(path) if name is None else name
    _refuse_unless_regular(os.stat(path).st_mode, name)
    # O_NONBLOCK: a file swapped for a named pipe after the check does not block the
    # open; what was opened is checked again.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        _refuse_unless_regular(os.fstat(fd).st_mode, name)
    except BaseException:
        os.close(fd)
        raise
    return fd


def release_size_limit(head: bytes) -> int:
    """The most a release starting with ``head`` (its first ``HEAD_BYTES``) may hold:
    ``MAX_DOCUMENT_BYTES`` for a PDF or a Word file (a zip, or an old OLE one, refused
    later with its own reason), ``MAX_BYTES`` for anything else (text, HTML)."""
    if _PDF_MAGIC in head[:HEAD_BYTES] or head.startswith(_DOCUMENT_MAGIC):
        return MAX_DOCUMENT_BYTES
    return MAX_BYTES


def read_bounded(
    path: str | os.PathLike[str],
    limit: int,
    name: str | None = None,
    what: str = "coop-tui",
    offset: int = 0,
    limit_of: Callable[[bytes], int] | None = None,
) -> bytes:
    """The bytes of the regular file at ``path`` from ``offset`` on, at most ``limit``
    of them whatever its size says (a file in /proc says 0; a file may grow). With
    ``limit_of``, the file's first ``HEAD_BYTES`` are read first and the limit is the
    smaller of ``limit`` and ``limit_of(head)`` (``release_size_limit``: a larger one
    for a PDF or Word file), so a text over its limit is refused before the rest is read.

    InputError (one line) for what ``open_regular`` refuses, or more than the limit;
    OSError (FileNotFoundError for a missing path) is left to the caller.
    """
    name = str(path) if name is None else name
    fd = open_regular(path, name)
    try:
        size = os.fstat(fd).st_size - offset
        _refuse_size(size, limit, name, what)
        chunks: list[bytes] = []
        total = 0
        want = max(size, 0) + 1  # a file as long as it says is read in one call
        if offset:
            os.lseek(fd, offset, os.SEEK_SET)
        if limit_of is not None:
            head = os.read(fd, HEAD_BYTES)
            chunks.append(head)
            total = len(head)
            limit = min(limit, limit_of(head))
            _refuse_size(size, limit, name, what)
            want = max(size - total, 0) + 1
            if total > limit:
                raise InputError(f"{name}: too large for {what} (more than {_size(limit)})")
        while True:
            chunk = os.read(fd, min(max(want, 1 << 16), limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = 1 << 20
            if total > limit:
                raise InputError(f"{name}: too large for {what} (more than {_size(limit)})")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _refuse_size(size: int, limit: int, name: str, what: str) -> None:
    if size > limit:
        shown, most = _size(size), _size(limit)
        if shown == most:  # just over: the rounded sizes would read the same
            shown, most = f"{size:,} bytes", f"{limit:,} bytes"
        raise InputError(f"{name}: too large for {what} ({shown}; at most {most})")


def name_text(name: str) -> str:
    """A file's name as text that can be stored and shown: the bytes of a name that are
    not UTF-8 (which Python keeps as lone surrogates) become U+FFFD."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that is no byte of a name
        return name.encode("utf-8", "replace").decode("utf-8")


def _size(n: int) -> str:
    """A size in whole MB of 2**20 bytes, as the limits are given (20 MB), or in bytes."""
    return f"{n / (1 << 20):.0f} MB" if n >= 1 << 20 else f"{n:,} bytes"


def _looks_utf16(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from the pattern of NUL bytes in ASCII-heavy text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _paired_high_bytes(data: bytes) -> float:
    """Share of non-ASCII bytes that stand next to another non-ASCII byte.

    Chinese in GB18030 is runs of two-byte characters (close to 1.0); Western
    text in cp1252 has accented letters between ASCII ones (close to 0.0).
    """
    high = [b >= 0x80 for b in data]
    total = sum(high)
    if not total:
        return 0.0
    paired = sum(
        1
        for i, h in enumerate(high)
        if h and ((i > 0 and high[i - 1]) or (i + 1 < len(high) and high[i + 1]))
    )
    return paired / total


#: A charset a page declares in its ``<meta charset>`` or ``<meta http-equiv>``.
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
#: Declared charsets read with the superset a page in them may use.
#: (ISO-8859-1 as browsers read it: windows-1252.)
_SUPERSETS = {
    "big5": "big5hkscs", "cp950": "big5hkscs", "gb2312": "gb18030", "gbk": "gb18030",
    "iso8859-1": "cp1252", "latin-1": "cp1252",
}  # fmt: skip


def declared_charset(data: bytes) -> str | None:
    """Python's name of the charset a page declares in a ``<meta>`` near its start (a
    Big5 or GB2312 page read with its superset: Big5-HKSCS, GB18030); None if none or
    unknown."""
    m = _META_CHARSET.search(data[:8192])
    if m is None:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _SUPERSETS.get(name, name)


def decode(data: bytes, name: str = "input") -> str:
    """Decode a release: a BOM, then UTF-8, then UTF-16, the charset a page declares in
    its ``<meta>``, then Chinese (GB18030 or Big5-HKSCS: the one that reads as Chinese,
    ``parsers.zh_encoding``) or cp1252.

    Raises InputError for binary data or text in none of these encodings, and for bytes
    that look Chinese but read as neither GB18030 nor Big5 (never a wrong guess).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: not valid {encoding} text despite its byte-order mark"
                ) from exc
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError(f"{name}: a binary file, not a text or HTML release")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    if declared is not None and declared not in ("utf-8", "ascii"):
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # declared wrongly: told from the bytes
    chinese_bytes = _paired_high_bytes(data) > 0.8 or double_byte_share(data) >= 0.95
    if chinese_bytes:
        chinese = decode_chinese(data)
        if chinese is not None:
            return chinese[0]
        if _paired_high_bytes(data) > 0.8:
            raise InputError(
                f"{name}: could not tell the encoding: two-byte text that reads as "
                "neither GB18030 nor Big5 Chinese (save it as UTF-8)"
            )
    try:
        text = data.decode("cp1252")
        if _control_share(text) < 0.01:
            return text
    except UnicodeDecodeError:
        pass
    chinese = None if chinese_bytes else decode_chinese(data)
    if chinese is not None:
        return chinese[0]
    raise InputError(f"{name}: not text in UTF-8, UTF-16, GB18030, Big5 or cp1252")


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad / len(text)


def read_release(path: str | os.PathLike[str]) -> tuple[str, bool]:
    """Read a release file; return its text and whether it is HTML.

    Raises InputError with a one-line message for a missing path, anything that is
    not a regular file (a folder, a named pipe, a device), a file of more than
    ``MAX_BYTES``, an empty or binary file, or undecodable text.
    """
    p = Path(path)
    name = str(path)
    data = read_release_bytes(p, name)
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    text = decode(data, name)
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    return text, is_html(text, p.suffix)


def read_release_bytes(path: Path, name: str) -> bytes:
    """A release file's bytes (see ``read_bounded``); InputError for anything that is
    not a readable file of at most ``MAX_BYTES`` (text, HTML) or ``MAX_DOCUMENT_BYTES``
    (PDF, Word: ``release_size_limit``)."""
    try:
        return read_bounded(
            path, MAX_DOCUMENT_BYTES, name, "a press release", limit_of=release_size_limit
        )
    except FileNotFoundError as exc:
        raise InputError(f"{name}: no such file") from exc
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from exc


def is_html(text: str, suffix: str = "") -> bool:
    """Whether a release is an HTML page (by its suffix, or by its first tags)."""
    if suffix.lower() in HTML_SUFFIXES:
        return True
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        "<body" in head and "</" in head
    )


#: The first line of the notes report coop-tui exports (``sharing.report``): a file that
#: begins so is coop-tui's own, not a press release, and is not parsed as one.
OWN_REPORT_HEADING = "# coop-tui notes"


def refuse_own_report(text: str, name: str) -> None:
    """InputError if ``text`` is a notes report exported by coop-tui: it quotes every
    commitment under its area's name and would parse as a copy of the meetings."""
    head = text.lstrip("\ufeff \t\r\n")[:400]
    if head.startswith(OWN_REPORT_HEADING) and "by coop-tui." in head:
        raise InputError(f"{name}: a notes report exported by coop-tui, not a press release")

"""Fetching a release over http or https with httpx: one request at a time, with a
timeout, a size limit counted while the body streams in, and a redirect limit; every
failure one line naming the URL (``FetchError``)."""

from __future__ import annotations

import os
import re
import socket
import ssl
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit, urlunsplit

from fetching.content import Kind, file_name, read_content
from parsers.reading import (
    HEAD_BYTES,
    MAX_BYTES,
    MAX_DOCUMENT_BYTES,
    InputError,
    release_size_limit,
)

if TYPE_CHECKING:  # httpx is imported when a URL is fetched: not by every command
    import httpx

    from parsers.model import Meeting

#: Seconds to wait to connect, and for each piece of the answer (``$COOP_TUI_FETCH_TIMEOUT``).
DEFAULT_TIMEOUT = 20.0
TIMEOUT_ENV = "COOP_TUI_FETCH_TIMEOUT"
#: The whole fetch may take this many times the timeout (a server sending a trickle).
TOTAL_TIMEOUTS = 6
DEFAULT_MAX_REDIRECTS = 10
USER_AGENT = "coop-tui (reading a co-operation press release; +https://pypi.org/project/httpx/)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/pdf,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
    "text/plain;q=0.9,*/*;q=0.5"
)
SCHEMES = ("http", "https")
#: Schemes that are addresses without "//" (refused, but recognised as addresses).
_BARE_SCHEMES = {"javascript", "data", "mailto", "about", "file", "ftp", "http", "https"}
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+):")
_BAD_HOST = re.compile(r"[\s<>\"{}|\\^`%@/?#]")
#: Control characters and the bidirectional controls, refused in an address.
#: ``//user:password@`` in an address that cannot be split.
_PASSWORD = re.compile(r"(//[^/?#@:]*):[^/?#@]*@")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class FetchError(InputError):
    """A URL that cannot be fetched as a release; the message is one line naming it."""


@dataclass(frozen=True)
class Fetched:
    """A release fetched from ``url``."""

    url: str  # as given, but see ``stored_url`` (the key a re-import is matched by)
    final_url: str  # after redirects
    data: bytes  # what the parser reads (see ``fetching.content``)
    name: str  # the file name it is shown and kept under: ``release.html``, ``x.pdf``
    content_type: str  # as the server declared it ("" if it did not)
    kind: Kind  # what it is, by the declared type checked against the bytes
    encoding: str  # how its text was read, in words ("" for a PDF or Word file)
    fetched_at: str  # when, ISO 8601 in UTC: ``2026-12-05T13:02:11.512Z``


def is_url(text: str) -> bool:
    """Whether an argument is an address rather than a path: a scheme of two or more
    letters then ``//`` (``https://…``, ``file:///…``), or a scheme that is never a file
    name (``javascript:``, ``data:``, ``mailto:``)."""
    found = _SCHEME.match(text.strip())
    if found is None:
        return False
    return text.strip()[found.end() :].startswith("//") or found[1].lower() in _BARE_SCHEMES


def file_uri_path(text: str) -> Path | None:
    """The local path a ``file:`` URI names (``file:///tmp/my%20releases/x.txt`` →
    ``/tmp/my releases/x.txt``, percent-decoded; ``file://localhost/…`` too), read as
    that file is; None for anything else, a ``file:`` URI of another host included
    (refused as an address: it is not fetched)."""
    text = text.strip()
    if text[:7].lower() != "file://":
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.netloc.lower() not in ("", "localhost") or not parts.path.startswith("/"):
        return None
    return Path(unquote(parts.path))


def check_url(url: str) -> httpx.URL:
    """The URL to request; FetchError (one line) for one that is not http or https, or
    malformed (no host, a bad port, spaces in the host …)."""
    import httpx

    found = _SCHEME.match(url)
    shown = shown_url(url)
    if found is None:
        raise FetchError(f"{shown}: not an address (give it with http:// or https://)")
    if _CONTROL.search(url):
        raise FetchError(f"{shown}: a malformed address (a control character in it)")
    scheme = found[1].lower()
    if scheme not in SCHEMES:
        raise FetchError(f"{shown}: {not_fetched(scheme)}")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port out of range or not a number)
        host = parts.hostname or ""
        if not host or _BAD_HOST.search(host) or not parts.netloc:
            raise ValueError("no host" if not host else f"bad host {host!r}")
        return httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as exc:
        raise FetchError(f"{shown}: a malformed address ({_one_line(exc)})") from exc


def not_fetched(scheme: str) -> str:
    """Why an address of another scheme is refused, in the words the command line and
    the app's import dialog both use: ``only http and https addresses are fetched, not
    ftp:``."""
    return f"only http and https addresses are fetched, not {scheme.lower()}:"


def default_timeout() -> float:
    """``$COOP_TUI_FETCH_TIMEOUT`` seconds if set, else ``DEFAULT_TIMEOUT``."""
    value = os.environ.get(TIMEOUT_ENV, "").strip()
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        raise FetchError(f"{TIMEOUT_ENV}={value!r}: not a number of seconds") from None
    if not seconds > 0:  # (also NaN)
        raise FetchError(f"{TIMEOUT_ENV}={value!r}: the timeout must be more than 0 seconds")
    if not seconds < 24 * 3600:
        raise FetchError(f"{TIMEOUT_ENV}={value!r}: the timeout must be less than a day")
    return seconds


def fetch(
    url: str,
    *,
    timeout: float | None = None,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    max_document_bytes: int = MAX_DOCUMENT_BYTES,
) -> Fetched:
    """Fetch a release: GET ``url`` following at most ``max_redirects`` redirects (to
    http or https only), waiting at most ``timeout`` seconds (default
    ``default_timeout()``) to connect and for each piece of the answer and
    ``TOTAL_TIMEOUTS`` times that in all, reading at most ``max_bytes`` of a page or
    text, ``max_document_bytes`` of a PDF or Word file (told by the body's first bytes:
    ``parsers.reading.release_size_limit``); a Content-Length over the larger is refused
    before the body is read, over the smaller once the first bytes say it is no PDF or
    Word file, and the body is counted as it comes. FetchError (one line naming ``url``,
    without its password) for anything that goes wrong: DNS, a refused connection, an
    HTTP error status, a timeout, too large, too many redirects, a type that is never a
    release, a malformed or non-http address."""
    import httpx

    url = url.strip()
    target = check_url(url)
    shown = shown_url(url)  # in every message: never the password
    seconds = default_timeout() if timeout is None else timeout
    deadline = time.monotonic() + TOTAL_TIMEOUTS * seconds
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    try:
        with httpx.Client(
            timeout=httpx.Timeout(seconds), follow_redirects=False, headers=headers
        ) as client:
            request = client.build_request("GET", target)
            seen = {str(request.url)}
            looped = False
            for hop in range(max_redirects + 1):
                reply = client.send(request, stream=True)
                try:
                    nxt = reply.next_request if reply.has_redirect_location else None
                    if nxt is None:
                        limits = (max_bytes, max(max_bytes, max_document_bytes))
                        return _answer(url, reply, limits, deadline, seconds, hop > 0)
                    location = reply.headers.get("location", "")
                finally:
                    reply.close()
                if nxt.url.scheme not in SCHEMES:  # quoted as sent: httpx adds a host
                    sent = _CONTROL.sub("", shown_url(location.strip()))[:200]
                    raise FetchError(f"{shown}: redirected to {sent}, not an http(s) address")
                looped = str(nxt.url) in seen
                seen.add(str(nxt.url))
                request, target = nxt, nxt.url  # (an error names the host it was at)
            where = f"; a loop at {shown_url(str(request.url))}" if looped else ""
            raise FetchError(f"{shown}: too many redirects (more than {max_redirects}{where})")
    except httpx.TimeoutException as exc:
        what = "to connect" if isinstance(exc, httpx.ConnectTimeout) else "for an answer"
        raise FetchError(f"{shown}: timed out after {seconds:g} s waiting {what}") from exc
    except httpx.UnsupportedProtocol as exc:
        raise FetchError(f"{shown}: redirected to an address that is not http or https") from exc
    except httpx.InvalidURL as exc:
        raise FetchError(f"{shown}: a malformed address ({_one_line(exc)})") from exc
    except httpx.TransportError as exc:
        raise FetchError(f"{shown}: {_transport_error(exc, target)}") from exc
    except httpx.HTTPError as exc:  # anything else httpx raises: still one line
        raise FetchError(f"{shown}: {type(exc).__name__}: {_one_line(exc)}") from exc


def _answer(
    url: str,
    reply: httpx.Response,
    limits: tuple[int, int],
    deadline: float,
    seconds: float,
    redirected: bool = False,
) -> Fetched:
    """The final answer's body read and checked (status, size, time, type); its errors
    name ``url`` without its password, and the address redirected to if it was."""
    shown = shown_url(url)
    if reply.status_code >= 300 or reply.status_code < 200:
        try:
            reason = HTTPStatus(reply.status_code).phrase
        except ValueError:
            reason = " ".join(reply.reason_phrase.split()) or "error"
        where = f" at {shown_url(str(reply.url))} (after a redirect)" if redirected else ""
        raise FetchError(f"{shown}: HTTP {reply.status_code} {reason}{where}")
    length_text = reply.headers.get("content-length", "").strip()
    length = int(length_text) if length_text.isdigit() else None
    text_most, most = limits  # a page or text; a PDF or Word file (pictures and all)

    def refuse_length() -> None:
        if length is not None and length > most:
            raise FetchError(f"{shown}: too large ({_size(length)}; at most {_size(most)})")

    refuse_length()
    chunks: list[bytes] = []
    total = 0
    told = False  # whether the first bytes told the limit yet
    for chunk in reply.iter_bytes():  # decompressed: a small gzip bomb is counted as read
        chunks.append(chunk)
        total += len(chunk)
        if not told and total >= HEAD_BYTES:
            told = True
            if release_size_limit(b"".join(chunks)[:HEAD_BYTES]) <= MAX_BYTES:
                most = text_most
                refuse_length()
        if total > most:
            raise FetchError(f"{shown}: too large (more than {_size(most)})")
        if time.monotonic() > deadline:
            raise FetchError(f"{shown}: timed out after {TOTAL_TIMEOUTS * seconds:g} s reading it")
    data = b"".join(chunks)
    if not told and release_size_limit(data) <= MAX_BYTES and total > text_most:
        raise FetchError(f"{shown}: too large (more than {_size(text_most)})")
    if not data.strip():
        raise FetchError(f"{shown}: the server sent nothing (HTTP {reply.status_code})")
    content_type = reply.headers.get("content-type", "")
    final = reply.url
    try:
        content = read_content(data, content_type, shown)
    except FetchError:
        raise
    except InputError as exc:
        raise FetchError(str(exc)) from exc
    disposition = reply.headers.get("content-disposition", "")
    name = file_name(final.path, final.host, content.kind, disposition)
    return Fetched(stored_url(url), stored_url(str(final)), content.data, name,
                   content_type, content.kind, content.encoding, _now())  # fmt: skip


def stored_url(url: str) -> str:
    """``url`` as it is kept and exported: the password of ``user:password@`` left out
    (it must not be stored), and the ``#fragment`` (a place in the page, not another
    page: ``…/0912.htm#top`` is the same release as ``…/0912.htm``)."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password is not None:
        netloc = f"{parts.username}@{netloc.rpartition('@')[2]}"
    return urlunsplit(parts._replace(netloc=netloc, fragment=""))


def shown_url(url: str) -> str:
    """``url`` as every message shows it: as stored (``stored_url``: no password, no
    ``#fragment``); one too malformed to split has what looks like a password left out."""
    try:
        return stored_url(url)
    except ValueError:
        return _PASSWORD.sub(r"\1@", url)


def parse_fetched(fetched: Fetched) -> Meeting:
    """The meeting a fetched release holds (``parsers.parse_bytes``); FetchError naming
    the URL for one that is not a release ("no co-operation agreement found")."""
    import parsers

    try:
        return parsers.parse_bytes(fetched.data, fetched.name)
    except InputError as exc:
        raise relabel(exc, fetched.name, fetched.url) from exc


def relabel(exc: InputError, name: str, url: str) -> FetchError:
    """A parser's error about the file ``name`` said of the URL it came from."""
    message = str(exc)
    if message.startswith(f"{name}: "):
        message = message[len(name) + 2 :]
    return FetchError(f"{url}: {message}")


def _transport_error(exc: httpx.TransportError, url: httpx.URL) -> str:
    """What went wrong connecting, in words, from the error under httpx's."""
    import httpx

    host = url.host
    port = url.port or (443 if url.scheme == "https" else 80)
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return f"cannot find the host {host} (DNS lookup failed: {cause.strerror or cause})"
        if isinstance(cause, ConnectionRefusedError):
            return f"connection refused by {host} port {port}"
        if isinstance(cause, ssl.SSLError):
            return f"the secure connection to {host} failed ({_one_line(cause)})"
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect to {host} port {port} ({_one_line(exc)})"
    return f"the server's answer could not be read ({_one_line(exc) or type(exc).__name__})"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]


def _size(n: int) -> str:
    return f"{n / (1 << 20):.0f} MB" if n >= 1 << 20 else f"{n:,} bytes"


def _now() -> str:
    """ISO 8601 in UTC with milliseconds, as the store writes times."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")

"""Fetching a release by its address (http or https), for ``coop-tui parse URL`` and
``import URL``.

``fetch(url)`` returns the page or file as bytes the parser can read (``Fetched``), with
the name it is shown and stored under and when it was fetched; any problem is a
``FetchError``, an ``InputError`` with a one-line message naming the URL. Only http
and https are fetched, with a timeout, a size limit, a redirect limit, the content type
and character set of the response checked against the bytes (``fetching.content``).
No Textual here, and nothing of the store: it imports only ``parsers``.
"""

from __future__ import annotations

from fetching.content import Kind
from fetching.http import (
    DEFAULT_MAX_REDIRECTS,
    DEFAULT_TIMEOUT,
    Fetched,
    FetchError,
    check_url,
    fetch,
    file_uri_path,
    is_url,
    not_fetched,
    parse_fetched,
    shown_url,
)

__all__ = [
    "DEFAULT_MAX_REDIRECTS",
    "DEFAULT_TIMEOUT",
    "FetchError",
    "Fetched",
    "Kind",
    "check_url",
    "fetch",
    "file_uri_path",
    "is_url",
    "not_fetched",
    "parse_fetched",
    "shown_url",
]

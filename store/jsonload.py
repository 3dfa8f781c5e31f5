"""Decoding JSON from files and input: ``loads`` for everything coop-tui reads.

``json.loads`` alone lets two kinds of hostile input through: nesting so deep that
decoding it (or anything later that walks the value: printing, encoding it again)
raises ``RecursionError``, and ``\\ud800``-style escapes of lone surrogates, text that
is not Unicode and fails with ``UnicodeEncodeError`` only when it is written out.
``loads`` refuses both with ``JSONRefused``, a ``ValueError`` like the decoder's own
errors, so a caller handles every bad input in one place.

The checks cost little: the nesting is measured on the brackets alone (strings taken
out first), and strings are searched for surrogates only if the input has an escape
that could make one.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: No file coop-tui writes nests deeper than about ten; this leaves plenty of room and
#: stays far below what Python can walk recursively.
MAX_DEPTH = 100

_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}')
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class JSONRefused(ValueError):
    """Input that decodes as JSON but is refused (too deep, or not Unicode text)."""


def loads(data: bytes | bytearray | str, *, numbers_only: bool = False) -> Any:
    """``json.loads``, refusing with ``JSONRefused`` (a ``ValueError``) a value nested
    more than ``MAX_DEPTH`` deep or holding a lone surrogate; other errors are the
    decoder's own (``ValueError``; ``UnicodeDecodeError`` for bytes that are not UTF-8,
    which may begin with a byte-order mark). ``numbers_only`` refuses NaN and Infinity,
    which Python writes but JSON does not have."""
    if isinstance(data, str):
        if _SURROGATE.search(data):
            raise JSONRefused("not Unicode text (it holds a lone surrogate)")
        text, raw = data, data.encode("utf-8")
    else:
        # strictly UTF-8 (``json.loads`` of bytes would let encoded surrogates through)
        raw = bytes(data).removeprefix(b"\xef\xbb\xbf")
        text = raw.decode("utf-8")
    try:
        value = json.loads(text, parse_constant=_refuse_constant if numbers_only else None)
    except RecursionError:
        raise JSONRefused(f"nested more than {MAX_DEPTH} levels deep") from None
    if _depth_exceeds(raw, MAX_DEPTH):
        raise JSONRefused(f"nested more than {MAX_DEPTH} levels deep")
    if _SURROGATE_ESCAPE.search(raw) and _has_surrogate(value):
        raise JSONRefused("not Unicode text (it holds a lone surrogate, such as \\ud800)")
    return value


def _refuse_constant(name: str) -> Any:
    raise JSONRefused(f"{name} is not a JSON value")


def _depth_exceeds(raw: bytes, limit: int) -> bool:
    """Whether valid JSON ``raw`` nests arrays and objects more than ``limit`` deep."""
    # Take the strings out: escapes first (in a string, a backslash escapes the next
    # character, so pairs from the left are the escapes), then each quoted run.
    if b"\\" in raw:
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    structure = raw.translate(None, _NOT_STRUCTURE)
    brackets = b"".join(structure.split(b'"')[0::2])
    # Each pass removes the innermost level (at least): empty within ``limit`` passes
    # is at most ``limit`` deep.
    for _ in range(limit):
        if not brackets:
            return False
        shorter = brackets.replace(b"[]", b"").replace(b"{}", b"")
        if len(shorter) == len(brackets):  # pragma: no cover - not valid JSON
            return True
        brackets = shorter
    return bool(brackets)


def _has_surrogate(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False

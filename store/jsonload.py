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

import codecs
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
        text = _utf8(raw)
    constant = _refuse_constant if numbers_only else None
    try:
        value = _decode_sliced(text, constant) if len(text) > SLICE_CHARS else None
        if value is None:
            value = json.loads(text, parse_constant=constant)
            if _depth_exceeds(raw, MAX_DEPTH):
                raise JSONRefused(f"nested more than {MAX_DEPTH} levels deep")
    except RecursionError:
        raise JSONRefused(f"nested more than {MAX_DEPTH} levels deep") from None
    if _SURROGATE_ESCAPE.search(raw) and _has_surrogate(value):
        raise JSONRefused("not Unicode text (it holds a lone surrogate, such as \\ud800)")
    return value


# A large store file (26 MB of annotations at 50,000 ratings) is decoded in slices: one
# call of the decoder holds the interpreter throughout (a third of a second for 26 MB),
# and the app's screen cannot move meanwhile; between slices the other threads run.

#: A document longer than this is decoded in slices of about this many characters.
SLICE_CHARS = 1_000_000
#: Where one record of a table ends and the next begins, as TinyDB writes a table
#: (``{"1": {…}, "2": {…}}``): only ever outside a string, where a quote cannot
#: stand unescaped.
_RECORD_BREAK = re.compile(r'\}, ?"\d+": ?\{')


def _utf8(raw: bytes) -> str:
    """``raw.decode("utf-8")``, a slice at a time if it is large."""
    if len(raw) <= SLICE_CHARS:
        return raw.decode("utf-8")
    decoder = codecs.getincrementaldecoder("utf-8")()
    parts = [decoder.decode(raw[i : i + SLICE_CHARS]) for i in range(0, len(raw), SLICE_CHARS)]
    parts.append(decoder.decode(b"", final=True))
    return "".join(parts)


def _decode_sliced(text: str, parse_constant: Any) -> dict[str, Any] | None:
    """The top-level object ``text`` holds, decoded (and its depth checked) a piece at
    a time, cut between the records of its tables; None if it cannot be cut so. A cut
    anywhere but between two records of a table of the top-level object leaves a
    piece that is not JSON: each piece is decoded as what it must be (the document
    up to the first cut, closed; then each piece as the records that continue the
    table the last one was in, and the tables after it), so the result is
    ``json.loads(text)`` or None."""
    cuts: list[int] = []  # the commas between records
    pos = SLICE_CHARS
    while pos < len(text):
        found = _RECORD_BREAK.search(text, pos)
        if found is None:
            break
        cuts.append(found.start() + 1)
        pos = found.start() + SLICE_CHARS
    if not cuts:
        return None
    loads = json.JSONDecoder(parse_constant=parse_constant).decode
    doc: dict[str, Any] = {}
    name = ""  # the table the last piece ended in
    ends = [*cuts, len(text)]
    try:
        for k, (start, end) in enumerate(zip([-1, *cuts], ends, strict=True)):
            opened = "{" + json.dumps(name) + ":{" if k else ""
            piece = opened + text[start + 1 : end] + ("}}" if end < len(text) else "")
            found = loads(piece)  # a piece that is not JSON: not cut between records
            if _depth_exceeds(piece.encode("utf-8", "surrogatepass"), MAX_DEPTH):
                raise JSONRefused(f"nested more than {MAX_DEPTH} levels deep")
            if not isinstance(found, dict) or not found:
                return None
            if k:
                first = next(iter(found))
                if first != name or not isinstance(found[first], dict):
                    return None
                doc[name].update(found.pop(name))
            doc.update(found)
            name = next(reversed(doc))
            if not isinstance(doc[name], dict):
                return None
    except JSONRefused:
        raise
    except ValueError:
        return None
    return doc


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

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
from collections.abc import Callable
from typing import Any

#: No file coop-tui writes nests deeper than about ten; this leaves plenty of room and
#: stays far below what Python can walk recursively.
MAX_DEPTH = 100

_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}')
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class JSONRefused(ValueError):
    """Input that decodes as JSON but is refused (too deep, or not Unicode text)."""


#: ``tables(name, records)``: what a table of a store file (a top-level object of
#: objects) is kept as, given its records as decoded (some of them at a time).
Tables = Callable[[str, dict[str, Any]], dict[str, Any]]


def loads(
    data: bytes | bytearray | str, *, numbers_only: bool = False, tables: Tables | None = None
) -> Any:
    """``json.loads``, refusing with ``JSONRefused`` (a ``ValueError``) a value nested
    more than ``MAX_DEPTH`` deep or holding a lone surrogate; other errors are the
    decoder's own (``ValueError``; ``UnicodeDecodeError`` for bytes that are not UTF-8,
    which may begin with a byte-order mark). ``numbers_only`` refuses NaN and Infinity,
    which Python writes but JSON does not have. ``tables``: for a top-level object,
    each of its values that is an object is passed through it, a large one in pieces
    as they are decoded (so that a large file's records can be turned into what is kept
    of them a piece at a time, and the pieces as decoded do not all live at once)."""
    if isinstance(data, str):
        if _SURROGATE.search(data):
            raise JSONRefused("not Unicode text (it holds a lone surrogate)")
        raw = data.encode("utf-8")
    else:
        raw = bytes(data).removeprefix(b"\xef\xbb\xbf")
    constant = _refuse_constant if numbers_only else None
    escaped = _SURROGATE_ESCAPE.search(raw) is not None
    try:
        value = _decode_sliced(raw, constant, escaped, tables) if len(raw) > SLICE_CHARS else None
        if value is None:
            # strictly UTF-8 (``json.loads`` of bytes would let encoded surrogates through)
            text = data if isinstance(data, str) else _utf8(raw)
            value = json.loads(text, parse_constant=constant)
            if _depth_exceeds(raw, MAX_DEPTH):
                raise JSONRefused(f"nested more than {MAX_DEPTH} levels deep")
            _check_surrogates(value, escaped)
            if tables is not None and isinstance(value, dict):
                _pass_tables(value, tables)
    except RecursionError:
        raise JSONRefused(f"nested more than {MAX_DEPTH} levels deep") from None
    return value


def _check_surrogates(value: Any, escaped: bool) -> None:
    if escaped and _has_surrogate(value):
        raise JSONRefused("not Unicode text (it holds a lone surrogate, such as \\ud800)")


def _pass_tables(doc: dict[str, Any], tables: Tables) -> None:
    for name, records in doc.items():
        if isinstance(records, dict):
            doc[name] = tables(name, records)


# A large store file (26 MB of annotations at 50,000 ratings) is decoded in slices: one
# call of the decoder holds the interpreter throughout (a third of a second for 26 MB),
# and the app's screen cannot move meanwhile; between slices the other threads run.

#: A document longer than this many bytes is decoded in slices of about this size.
SLICE_CHARS = 1_000_000
#: Where one record of a table ends and the next begins, as TinyDB writes a table
#: (``{"1": {…}, "2": {…}}``): only ever outside a string, where a quote cannot
#: stand unescaped.
_RECORD_BREAK = re.compile(rb'\}, ?"\d+": ?\{')


def _utf8(raw: bytes) -> str:
    """``raw.decode("utf-8")``, a slice at a time if it is large."""
    if len(raw) <= SLICE_CHARS:
        return raw.decode("utf-8")
    decoder = codecs.getincrementaldecoder("utf-8")()
    parts = [decoder.decode(raw[i : i + SLICE_CHARS]) for i in range(0, len(raw), SLICE_CHARS)]
    parts.append(decoder.decode(b"", final=True))
    return "".join(parts)


def _decode_sliced(
    raw: bytes, parse_constant: Any, escaped: bool, tables: Tables | None
) -> dict[str, Any] | None:
    """The top-level object ``text`` holds, decoded (and its depth checked) a piece at
    a time, cut between the records of its tables; None if it cannot be cut so. A cut
    anywhere but between two records of a table of the top-level object leaves a
    piece that is not JSON: each piece is decoded as what it must be (the document
    up to the first cut, closed; then each piece as the records that continue the
    table the last one was in, and the tables after it), so the result is
    ``json.loads(text)`` or None."""
    cuts: list[int] = []  # the commas between records
    pos = SLICE_CHARS
    while pos < len(raw):
        cut = _RECORD_BREAK.search(raw, pos)
        if cut is None:
            break
        cuts.append(cut.start() + 1)
        pos = cut.start() + SLICE_CHARS
    if not cuts:
        return None
    decoder = json.JSONDecoder(parse_constant=parse_constant)
    doc: dict[str, Any] = {}
    name = ""  # the table the last piece ended in
    ends = [*cuts, len(raw)]
    for k, (start, end) in enumerate(zip([-1, *cuts], ends, strict=True)):
        # the cuts are at ASCII characters, between two UTF-8 sequences: each piece
        # decodes alone (strictly), and the file's text is never all in memory at once
        try:
            opened = "{" + json.dumps(name) + ":{" if k else ""
            piece = opened + raw[start + 1 : end].decode("utf-8") + ("}}" if end < len(raw) else "")
            pairs = _members(piece, decoder)
        except JSONRefused:
            raise
        except ValueError:
            return None  # a piece that is not JSON: not cut between records
        if _depth_exceeds(piece.encode("utf-8", "surrogatepass"), MAX_DEPTH):
            raise JSONRefused(f"nested more than {MAX_DEPTH} levels deep")
        found = dict(pairs)
        # a name given twice (a hand-made file): decoded whole, where the last one wins
        if not pairs or len(found) < len(pairs) or not isinstance(pairs[-1][1], dict):
            return None
        if k and (pairs[0][0] != name or not isinstance(pairs[0][1], dict)):
            return None
        if any(key in doc for key, _ in pairs[1 if k else 0 :]):
            return None
        last = pairs[-1][0]
        _check_surrogates(found, escaped)
        if tables is not None:
            _pass_tables(found, tables)
        if k:
            doc[name].update(found.pop(name))
        doc.update(found)
        name = last
    return doc


def _skip(text: str, pos: int) -> int:
    """The first position from ``pos`` that is not JSON white space."""
    while text[pos : pos + 1] in (" ", "\n", "\r", "\t"):
        pos += 1
    return pos


def _members(text: str, decoder: json.JSONDecoder) -> list[tuple[str, Any]]:
    """The names and values of the object ``text`` holds, in order, each name as often
    as it is given (``json.loads`` keeps the last); ValueError if ``text`` is not one
    JSON object."""
    pos = _skip(text, 0)
    if text[pos : pos + 1] != "{":
        raise ValueError("not an object")
    pos = _skip(text, pos + 1)
    pairs: list[tuple[str, Any]] = []
    if text[pos : pos + 1] == "}":
        pos += 1
    else:
        while True:
            key, pos = decoder.raw_decode(text, pos)
            pos = _skip(text, pos)
            if not isinstance(key, str) or text[pos : pos + 1] != ":":
                raise ValueError("a name expected")
            value, pos = decoder.raw_decode(text, _skip(text, pos + 1))
            pairs.append((key, value))
            pos = _skip(text, pos)
            if text[pos : pos + 1] == "}":
                pos += 1
                break
            if text[pos : pos + 1] != ",":
                raise ValueError("',' or '}' expected")
            pos = _skip(text, pos + 1)
    if _skip(text, pos) != len(text):
        raise ValueError("extra data")
    return pairs


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

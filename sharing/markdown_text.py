"""Putting untrusted text into CommonMark without letting it change the structure.

Two kinds of text go into the reports and the notes folder:

* **text from documents and short user fields** (titles, area names, commitment
  text, tags, sources, evidence): whitespace is collapsed to one line and every
  character that could start inline markup (emphasis, code, links, HTML,
  entities) is backslash-escaped, as is anything at the start of the line that
  could open a block (heading, list, quote, thematic break). It renders as the
  same words, and can never become a heading, a link or HTML;
* **notes** (Markdown the researcher wrote): kept verbatim inside a fenced code
  block marked ``markdown``, whose fence is a run of backticks longer than any
  run in the note. Nothing in a fenced block is parsed, so a note's headings,
  setext underlines, lists, HTML, unclosed fences or backticks stay inside it,
  and the note reads exactly as it was written (viewers highlight it as
  Markdown). The closing fence is the only line of the block that consists of
  that many backticks, so the text can also be read back exactly.
"""

from __future__ import annotations

import re

from parsers.normalise import collapse_ws
from store.model import is_utc, minute_text, read_time

#: Characters that can start inline constructs (or table cells, in GFM viewers).
_INLINE_CHARS = "\\`*_[]<>&|~#"
_INLINE = re.compile(f"([{re.escape(_INLINE_CHARS)}])")
#: The ASCII whitespace that ``collapse_ws`` turns into a space, and what else ``escape`` changes.
_ASCII_BREAKS = "".join(c for c in map(chr, range(128)) if c.isspace() and c != " ")
_ASCII_SUSPECTS = _INLINE_CHARS + _ASCII_BREAKS
#: What can open a block at the start of a line (after escaping the inline set).
_BLOCK_MARKS = "-+=>"
_BLOCK_START = re.compile(rf"^(\s*)([{re.escape(_BLOCK_MARKS)}]|\d{{1,9}}(?=[.)]))")
_BACKTICKS = re.compile(r"`+")


def _is_plain_line(text: str) -> bool:
    """Whether ``escape`` would leave ``text`` as it is, but for the start of the line.

    That is: no character of the inline set, and already one line (``collapse_ws``
    would not change it). Every whitespace character but the space is unprintable,
    and in ASCII text they are the few in ``_ASCII_BREAKS``. Single-character
    ``in`` tests are much faster than a regular expression on long text.
    """
    if text.isascii():
        suspects = _ASCII_SUSPECTS
    elif text.isprintable():
        suspects = _INLINE_CHARS
    else:
        return False
    for char in suspects:
        if char in text:
            return False
    return "  " not in text and text[:1] != " " and text[-1:] != " "


def _safe_line_start(line: str) -> str:
    """``line`` with a backslash where its start could open a block."""
    match = _BLOCK_START.match(line)
    if match:
        start, mark = match.group(1), match.group(2)
        if mark.isdigit():  # "1." or "1)" would start an ordered list: escape the dot
            rest = line[len(start) + len(mark) :]
            return f"{start}{mark}\\{rest}"
        return f"{start}\\{line[len(start) :]}"
    return line


def escape(text: str) -> str:
    """Document text (or a short user field) as literal CommonMark inline text on one line."""
    line = str(text)
    if not _is_plain_line(line):  # most document text is: skip the rewriting
        line = _INLINE.sub(r"\\\1", collapse_ws(line))
    return _safe_line_start(line)


def escape_all(texts: list[str]) -> list[str]:
    """``escape`` of each text, with one check of them all for the usual case.

    If the texts joined by spaces make a plain line, each text is one: what is in
    it is in the joined text, and a text starting or ending with a space (or an
    empty one) would have made a doubled space there. Then only the starts of the
    lines can need work.
    """
    if _is_plain_line(" ".join(texts)):
        return [
            _safe_line_start(t) if t[:1] in _BLOCK_MARKS or t[:1].isdecimal() else t for t in texts
        ]
    return list(map(escape, texts))


def heading(level: int, text: str, prefix: str = "") -> str:
    """An ATX heading: ``prefix`` (trusted) then ``text`` escaped."""
    return escaped_heading(level, escape(text), prefix)


def escaped_heading(level: int, escaped: str, prefix: str = "") -> str:
    """An ATX heading of text already escaped (``escape`` or ``escape_all``)."""
    return f"{'#' * level} {prefix}{escaped or '(untitled)'}"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def fence_for(text: str) -> str:
    """A backtick fence longer than any run of backticks in ``text`` (at least three)."""
    if "`" not in text:
        return "```"
    longest = max(map(len, _BACKTICKS.findall(text)))
    return "`" * max(3, longest + 1)


def fenced(text: str, info: str = "markdown") -> str:
    """``text`` verbatim in a fenced code block (line endings made ``\\n``)."""
    body = normalise_newlines(text)
    fence = fence_for(body)
    return f"{fence}{info}\n{body}\n{fence}"


def read_fenced(lines: list[str], start: int) -> tuple[str, int]:
    """Read back a block written by ``fenced`` whose opening line is ``lines[start]``.

    Returns the text and the index of the line after the closing fence; raises
    ValueError if the block is not closed.
    """
    opening = lines[start]
    fence = opening[: len(opening) - len(opening.lstrip("`"))]
    if len(fence) < 3:
        raise ValueError("expected a fenced block")
    for end in range(start + 1, len(lines)):
        if lines[end] == fence:
            return "\n".join(lines[start + 1 : end]), end + 1
    raise ValueError("a fenced block is not closed")


def when(iso: str | None) -> str:
    """``2025-04-24T10:32:05.123Z`` → ``2025-04-24 10:32 UTC`` (anything else as given)."""
    if not iso:
        return "unknown time"
    moment = read_time(iso)
    if moment is None or not is_utc(moment):
        return collapse_ws(iso)
    return minute_text(moment)

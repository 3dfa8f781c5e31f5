"""What no export may carry to the next program: control characters and bidi overrides.

A report, a CSV file or a notes file is read with ``cat`` in a terminal, opened
in an editor or a spreadsheet, and the text in it comes from documents and from
notes, tags and imports that anyone may have written. ``visible`` is the one
function every export passes its text through: each of

* the C0 control characters but tab and newline (ESC, which starts terminal
  escape and OSC sequences, NUL, BEL, backspace, carriage return …), DEL and the
  C1 control characters (U+0080–U+009F; U+009B is a one-character CSI);
* the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
  U+2066–U+2069), which make text display in another order than it is stored;

is written as its code, ``\\u001b`` (backslash, ``u``, four lower-case hex digits),
as JSON writes a control character. Carriage returns are line ends first
(``\\r\\n`` and a lone ``\\r`` become ``\\n``). In a JSON text the characters only
occur inside strings, so there ``visible`` is an exact escape that reads back as
the character; in Markdown a backslash before a letter is shown as it is.
"""

from __future__ import annotations

import re

#: C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates.
UNSAFE_CHARS = (
    "".join(map(chr, (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))))
    + "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_UNSAFE = re.compile(f"[{re.escape(UNSAFE_CHARS)}]")


def _code(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


def visible(text: str) -> str:
    """``text`` with every character of ``UNSAFE_CHARS`` written as ``\\uXXXX`` (line
    ends made ``\\n`` first); text without any is returned as it is."""
    if _UNSAFE.search(text) is None:
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub(_code, text)


def is_safe(text: str) -> bool:
    """Whether ``visible`` would leave ``text`` as it is."""
    return _UNSAFE.search(text) is None

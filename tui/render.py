"""Showing text from documents and users literally: no markup, no control characters.

Every text from a document or a user passes through :func:`strip_controls` (or
:func:`literal`, which calls it) before it is shown. Terminal escape sequences and
control characters are removed; the characters that reorder text on the screen — the
bidirectional embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069,
U+200E, U+200F, U+061C) — are replaced by a visible mark naming them (``⟨RLO⟩``), so
a right-to-left override in a release or a note can neither reverse what follows it
on the screen nor hide itself. :func:`literal` also styles the marks.
"""

from __future__ import annotations

import re

from rich.text import Text

from parsers.normalise import strip_controls as _strip_controls

__all__ = ["BIDI_MARKS", "literal", "strip_controls", "style_marks"]

#: Each bidirectional control character and the name its visible mark shows.
BIDI_MARKS: dict[str, str] = {
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u061c": "ALM",
}
_BIDI = re.compile("[" + "".join(BIDI_MARKS) + "]")
_MARK = re.compile("⟨(?:" + "|".join(BIDI_MARKS.values()) + ")⟩")
MARK_STYLE = "bold reverse red"


def _mark(match: re.Match[str]) -> str:
    return f"⟨{BIDI_MARKS[match.group()]}⟩"


def strip_controls(text: str) -> str:
    """``text`` safe to put on the screen: escape sequences and control characters
    removed (tab and newline kept), bidirectional controls shown as ``⟨RLO⟩`` marks."""
    text = _strip_controls(text)
    return _BIDI.sub(_mark, text) if _BIDI.search(text) else text


def literal(text: str, style: str = "") -> Text:
    """A rich Text that shows ``text`` exactly: markup is not interpreted, control
    characters are removed and bidirectional controls are marked (and styled)."""
    return style_marks(Text(strip_controls(text), style=style))


def style_marks(text: Text) -> Text:
    """Style the ``⟨RLO⟩`` marks of a Text made of :func:`strip_controls`' output."""
    if "⟨" in text.plain:
        text.highlight_regex(_MARK, MARK_STYLE)
    return text

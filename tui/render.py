"""Showing text from documents and users literally: no markup, no control characters."""

from __future__ import annotations

import re

from rich.text import Text

# C0 controls except tab and newline, DEL, C1 controls; ESC among them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """Remove terminal control characters (ESC, C1, NUL …), keeping tab and newline."""
    return _CONTROL.sub("", text)


def literal(text: str, style: str = "") -> Text:
    """A rich Text that shows ``text`` exactly: markup is not interpreted."""
    return Text(strip_controls(text), style=style)

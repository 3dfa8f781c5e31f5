"""Showing text from documents and users literally: no markup, no control characters."""

from __future__ import annotations

from rich.text import Text

from parsers.normalise import strip_controls

__all__ = ["literal", "strip_controls"]


def literal(text: str, style: str = "") -> Text:
    """A rich Text that shows ``text`` exactly: markup is not interpreted."""
    return Text(strip_controls(text), style=style)

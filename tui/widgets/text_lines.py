"""A widget drawn as lines of rich ``Text``, only the lines on screen (the Line API).

The overview's status bars and trend are a line or two per meeting or month: drawn as
one ``Text``, every line was laid out and rendered again at each layout of the screen
(tens of milliseconds for a series of dozens of meetings, in one frame). A
:class:`TextLines` is given its lines (:meth:`TextLines.lines`, for a width), wraps
each at that width once, says how tall it is from their number, and renders a line
only when it is on screen, once until :meth:`TextLines.redraw` or a new width.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget


class TextLines(Widget):
    """Lines of text, wrapped at the widget's width; a subclass says what they are."""

    DEFAULT_CSS = """
    TextLines {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._width = -1
        self._texts: list[Text] = []  # one line each, wrapped at ``_width``
        self._strips: dict[int, Strip] = {}

    #: the widget's lines at a width (each wrapped if it is wider): each subclass's own
    lines: Callable[[int], list[Text]]

    def redraw(self) -> None:
        """What the lines say changed: lay them out and draw them again."""
        self._width = -1
        self.refresh(layout=True)

    def _laid_out(self, width: int) -> list[Text]:
        width = max(width, 1)
        if width != self._width:
            console = self.app.console
            self._texts = [
                line
                for text in self.lines(width)
                for line in ([text] if text.cell_len <= width else text.wrap(console, width))
            ]  # most lines fit: wrapped only if not
            self._width = width
            self._strips = {}
        return self._texts

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._laid_out(width))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = {}  # the theme changed the colours

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        texts = self._laid_out(width)
        base = self.rich_style
        if not 0 <= y < len(texts):
            return Strip.blank(width, base)
        strip = self._strips.get(y)
        if strip is None:
            segments = list(texts[y].render(self.app.console))
            strip = Strip(segments).apply_style(base).crop_extend(0, width, base)
            self._strips[y] = strip
        return strip

"""The main view's Footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's Footer rebuilds itself (a widget per key) whenever the bindings may
    have changed: a change of focus asks twice, and the app asks after moves of the
    cursor. Each rebuild costs tens of milliseconds on the event loop, at start-up
    several times over; this one skips a rebuild that would show the same keys."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[object, ...] | None = None

    async def recompose(self) -> None:
        shown = self._keys_to_show()
        if shown == self._shown and self.children:  # (no children: not built yet)
            return
        self._shown = shown
        await super().recompose()

    def _keys_to_show(self) -> tuple[object, ...]:
        """Everything ``Footer.compose`` reads to build the keys."""
        get_display = self.app.get_key_display
        keys = tuple(
            (key, b.action, b.description, get_display(b), enabled, tooltip, b.show, b.group)
            for key, (_node, b, enabled, tooltip) in self.screen.active_bindings.items()
        )
        return (keys, self.compact, self.show_command_palette, self.combine_groups)

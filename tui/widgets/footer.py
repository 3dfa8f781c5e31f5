"""The key bar at the bottom of each screen, drawn as one line by one widget.

Textual's Footer is a container with a widget per key, rebuilt (removed, mounted and
styled again) whenever the bindings may have changed: after every change of focus and
whenever the app asks. On the main view that happens as the store opens and as the
cursor moves between kinds of node, each time tens of milliseconds of the event loop.
:class:`KeysFooter` shows the same keys, in the same order and theme colours, as one
``Text``: when the keys change it is drawn again, nothing is mounted. A click on a key
presses it (a disabled key rings the bell), and the pointer over a key shows its
tooltip. When the keys do not fit the width, the last ones are left out, but never
Help and Quit (:data:`PINNED`, marked so in :mod:`tui.keymap`): a small window still
says how to get help and out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.widget import Widget

from tui.keymap import pinned_actions

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.screen import Screen

#: The actions whose keys stay in the bar however narrow it is (others are left out).
PINNED = pinned_actions()


@dataclass(frozen=True)
class FooterItem:
    """One key as the footer shows it; ``keys`` holds several for a group of bindings."""

    keys: tuple[tuple[str, str], ...]  # (key, how it is displayed)
    description: str
    enabled: bool = True
    tooltip: str = ""
    palette: bool = False  # the command palette's key, drawn at the right-hand end
    pinned: bool = False  # kept when the keys do not all fit (see PINNED)


def footer_items(screen: Screen) -> tuple[FooterItem, ...]:
    """The keys to show for ``screen``'s active bindings, as Textual's Footer shows
    them: one key per action, a group's keys together under the group's name, the
    command palette's key last."""
    app = screen.app
    first_of_action: dict[str, tuple[Binding, bool, str]] = {}
    for _node, binding, enabled, tooltip in screen.active_bindings.values():
        if binding.show:
            first_of_action.setdefault(binding.action, (binding, enabled, tooltip))
    items: list[FooterItem] = []
    shown = list(first_of_action.values())
    i = 0
    while i < len(shown):
        binding, enabled, tooltip = shown[i]
        group = binding.group
        j = i + 1
        while group is not None and j < len(shown) and shown[j][0].group == group:
            j += 1
        if group is not None and j - i > 1:
            keys = tuple((b.key, app.get_key_display(b)) for b, _e, _t in shown[i:j])
            items.append(FooterItem(keys, group.description, enabled, tooltip))
        else:
            key = ((binding.key, app.get_key_display(binding)),)
            pinned = binding.action in PINNED
            items.append(FooterItem(key, binding.description, enabled, tooltip, pinned=pinned))
        i = j
    if app.ENABLE_COMMAND_PALETTE:
        palette = screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
        if palette is not None:
            _node, binding, enabled, _tooltip = palette
            key = ((binding.key, app.get_key_display(binding)),)
            tip = binding.tooltip or binding.description
            items.append(FooterItem(key, binding.description, enabled, tip, palette=True))
    return tuple(items)


class KeysFooter(Widget, can_focus=False):
    """The keys that work on this screen, in one line (see the module docstring)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "keys-footer--key",
        "keys-footer--description",
        "keys-footer--hover",
        "keys-footer--separator",
    }
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .keys-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keys-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keys-footer--hover {
            background: $block-hover-background;
        }
        & > .keys-footer--separator {
            color: $foreground 20%;
        }
    }
    """

    items: reactive[tuple[FooterItem, ...]] = reactive((), layout=False)
    hover: reactive[int | None] = reactive(None)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._spans: list[tuple[int, int, int, str]] = []  # (first cell, end, item, key)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.items = footer_items(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.items = footer_items(screen)  # drawn again only if they differ

    # ------------------------------------------------------------------ drawing

    def render(self) -> Text:
        """The keys, left to right, and the palette's key at the right-hand end; keys
        that do not fit the width are left out whole (none is cut in the middle), the
        last first, but pinned ones (Help, Quit) stay."""
        width = self.size.width
        pieces = [self._piece(index, item) for index, item in enumerate(self.items)]
        right = [p for p, item in zip(pieces, self.items, strict=True) if item.palette]
        right_width = sum(piece.cell_len for _i, piece, _s in right)
        if right_width > width:
            right, right_width = [], 0
        line = Text(no_wrap=True, end="")
        self._spans = []

        def add(index: int, piece: Text, spans: list[tuple[int, int, str]]) -> None:
            offset = line.cell_len
            line.append_text(piece)
            self._spans += [(offset + start, offset + end, index, key) for start, end, key in spans]

        room = width - right_width
        room -= sum(p.cell_len for (i, p, _s) in pieces if self.items[i].pinned)
        full = False
        for (index, piece, spans), item in zip(pieces, self.items, strict=True):
            if item.palette:
                continue
            if not item.pinned:
                full = full or piece.cell_len > room
                if full:
                    continue
                room -= piece.cell_len
            if line.cell_len + piece.cell_len > width - right_width:
                break
            add(index, piece, spans)
        line.append(" " * (width - right_width - line.cell_len))
        for index, piece, spans in right:
            add(index, piece, spans)
        return line

    def _piece(self, index: int, item: FooterItem) -> tuple[int, Text, list[tuple[int, int, str]]]:
        """One item drawn, with where each of its keys is (from the item's start)."""
        key_style = self.get_component_rich_style("keys-footer--key")
        piece = Text(no_wrap=True, end="")
        if item.palette:  # set apart, as in Textual's Footer
            piece.append("▏", self.get_component_rich_style("keys-footer--separator"))
        else:
            piece.append(" ", key_style)
        start = 1 if item.palette else 0
        spans: list[tuple[int, int, str]] = []
        for n, (key, display) in enumerate(item.keys):
            key_start = piece.cell_len
            piece.append(f"{display} " if n + 1 < len(item.keys) else display, key_style)
            spans.append((key_start, piece.cell_len, key))
        piece.append(" ", key_style)
        if item.description:
            description_style = self.get_component_rich_style("keys-footer--description")
            piece.append(f"{item.description} ", description_style)
        if len(item.keys) == 1:  # the whole item answers the pointer
            spans = [(start, piece.cell_len, item.keys[0][0])]
        if not item.enabled:
            piece.stylize(Style(dim=True), start)
        if index == self.hover:
            hover_style = self.get_component_rich_style("keys-footer--hover", partial=True)
            piece.stylize(hover_style, start)
        return index, piece, spans

    def key_at(self, x: int) -> tuple[FooterItem, str] | None:
        """The item and the key drawn at column ``x`` (None between keys)."""
        for start, end, index, key in self._spans:
            if start <= x < end:
                return self.items[index], key
        return None

    # ------------------------------------------------------------------ the pointer

    def on_mouse_move(self, event: events.MouseMove) -> None:
        found = self.key_at(event.x)
        index = None if found is None else self.items.index(found[0])
        if index != self.hover:
            self.hover = index
            item = None if found is None else found[0]
            self.tooltip = (item.tooltip or item.description) if item else None

    def on_leave(self, _event: events.Leave) -> None:
        self.hover = None
        self.tooltip = None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        found = self.key_at(event.x)
        if found is None:
            return
        item, key = found
        if item.enabled:
            self.app.simulate_key(key)
        else:
            self.app.bell()

"""The links of a note, each with its address, to read or copy.

A note rendered as Markdown shows a link's text, not where it goes; ``l`` lists them
all (text and address, in the order they are written) and ``Enter`` copies the
highlighted address to the clipboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from markdown_it import MarkdownIt
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui import labels
from tui.keymap import LINKS, bindings
from tui.render import literal
from tui.screens.dialog import Dialog


@dataclass(frozen=True)
class Link:
    text: str  # what the note shows ("" for a bare address)
    url: str
    image: bool = False


def note_links(markdown: str) -> list[Link]:
    """Every link and image of a note, in order, as Textual's Markdown reads them
    (the same parser: inline links, reference links, autolinks, bare addresses)."""
    links: list[Link] = []
    for block in MarkdownIt("gfm-like").parse(markdown):
        children = block.children or []
        i = 0
        while i < len(children):
            token = children[i]
            if token.type == "image":
                links.append(Link(token.content, str(token.attrGet("src") or ""), image=True))
            elif token.type == "link_open":
                words = []
                i += 1
                while i < len(children) and children[i].type != "link_close":
                    words.append(children[i].content)
                    i += 1
                url = str(token.attrGet("href") or "")
                text = "".join(words)
                links.append(Link("" if text == url else text, url))
            i += 1
    return links


class LinksScreen(Dialog[str | None]):
    """Up/Down picks a link; Enter copies its address; Escape closes."""

    DEFAULT_CSS = """
    LinksScreen > .frame {
        width: 90%;
        max-width: 120;
        max-height: 85%;
    }
    LinksScreen OptionList {
        height: auto;
        max-height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(LINKS)

    def __init__(self, links: list[Link], index: int) -> None:
        super().__init__()
        self.links = links
        self.index = index

    def dialog_title(self) -> str:
        return f"Links in note {self.index + 1} ({len(self.links)}) · Enter copies the address"

    def compose_body(self) -> ComposeResult:
        options = []
        for n, link in enumerate(self.links):
            prompt = Text("image: " if link.image else "", style="bold")
            prompt.append_text(literal(labels.clip(link.text, 100) or "(the address)"))
            prompt.append("\n  → ", style="dim")
            prompt.append_text(literal(link.url, style="underline"))
            options.append(Option(prompt, id=str(n)))
        yield OptionList(*options, id="links")

    def on_mount(self) -> None:
        links = self.query_one("#links", OptionList)
        links.highlighted = 0
        links.focus()

    @on(OptionList.OptionSelected, "#links")
    def action_copy(self) -> None:
        index = self.query_one("#links", OptionList).highlighted
        if index is not None:
            self.dismiss(self.links[index].url)

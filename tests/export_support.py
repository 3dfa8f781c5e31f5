"""Helpers for the export tests: a store with hostile text, and the Markdown heading tree."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from store_support import write_release

from store import Store

HOSTILE_AREAS: dict[str, list[str]] = {
    "Finance & *Banking*": [
        "Support [links](http://x.org) and `code` and <script>alert(1)</script> *bold* _it_ "
        "# not a heading.",
        "Encourage enterprises to list in Hong Kong &amp; issue green bonds.",
    ],
    "Aviation": [
        "Strengthen the co-operation between the airports of Hong Kong and Testland on cargo "
        "handling.",
        "Increase the frequency of direct flights between Hong Kong and the main cities of "
        "Testland.",
    ],
}
HOSTILE_TITLE = "Hong Kong and <Testland> hold # first *co-operation* conference"

HOSTILE_NOTES = [
    "# A heading in a note\n\nSome text.",
    "Setext heading\n==============\n\nAnother\n-------",
    "- a list\n- [@click=app.quit]\n\n1. ordered",
    "<div>\n<script>alert('x')</script>\n<!-- unclosed comment",
    "```python\nan unclosed fence\n",
    "backtick runs ` `` ``` ```` ````` and ~~~ tildes\n~~~\n",
    "[@click=app.quit] [link][ref]\n\n[ref]: http://evil.example\n\n> quote\n#no-space",
    "trailing spaces   \n\ttab indented\n    code\n\n***\n---\n",
    "CR\r\nLF and \u2028 line separator, emoji 🙂, RTL שלום, 中文",
]


def markdown_tokens(text: str) -> list[Token]:
    return MarkdownIt("commonmark").parse(text)


def headings(text: str, *, overview: bool = False) -> list[tuple[int, str]]:
    """(level, inline text) of every heading; all must be at the top level. The report's
    opening ``## Overview`` section (tests/test_export_overview.py checks it) is left
    out unless ``overview``."""
    tokens = markdown_tokens(text)
    out: list[tuple[int, str]] = []
    skipping = False
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            assert token.level == 0, "a heading nested inside another block"
            inline = tokens[i + 1]
            plain = "".join(
                c.content for c in inline.children or [] if c.type in ("text", "code_inline")
            )
            level = int(token.tag[1])
            if level <= 2:
                skipping = not overview and (level, plain) == (2, "Overview")
            if not skipping:
                out.append((level, plain))
    return out


def fences(text: str, *, charts: bool = False) -> list[Token]:
    """The fenced blocks; the overview's Mermaid charts only if ``charts``."""
    return [
        t
        for t in markdown_tokens(text)
        if t.type == "fence" and (charts or t.info.strip() != "mermaid")
    ]


def html_tokens(text: str) -> list[Token]:
    found: list[Token] = []
    for token in markdown_tokens(text):
        if token.type == "html_block":
            found.append(token)
        for child in token.children or []:
            if child.type in ("html_inline", "link_open", "image"):
                found.append(child)
    return found


def hostile_store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "db" / "store.json", seed_samples=False, lock_timeout=5)
    path = write_release(tmp_path, "hostile.txt", areas=HOSTILE_AREAS, title=HOSTILE_TITLE)
    assert [r.outcome for r in store.import_paths([path])] == ["added"]
    return store

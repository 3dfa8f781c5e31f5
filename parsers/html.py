"""Saved HTML pages → the plain-text form the release parser reads.

Headings (``<h1>``–``<h6>``, or a line whose text is all inside ``<b>``/``<strong>``)
become Markdown headings; paragraphs and list items become lines of their own.
Scripts, styles, navigation, headers, footers, forms and cookie banners are dropped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP_TAGS = {
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
    "select", "svg", "template", "iframe", "head", "object", "canvas", "menu",
}  # fmt: skip
_SKIP_MARKERS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|footer|sidebar|cookies?|"
    r"consent|share|social|banner|skip|masthead)(?:$|[\s_-])",
    re.IGNORECASE,
)
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "blockquote", "li", "ul", "ol", "dl", "dt",
    "dd", "table", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "figure",
    "figcaption", "center", "address", "hr", "body", "html",
}  # fmt: skip
_BOLD_TAGS = {"b", "strong"}
_VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "wbr", "area", "base", "col", "source"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.title = ""
        self._in_title = False
        self._skip_stack: list[str] = []
        self._bold = 0
        self._heading: int | None = None
        self._list_item = False
        self._segments: list[tuple[str, bool]] = []

    # -- lines -------------------------------------------------------------------
    def _flush(self) -> None:
        text = " ".join("".join(s for s, _ in self._segments).split())
        if text:
            visible = [(s, b) for s, b in self._segments if s.strip()]
            all_bold = bool(visible) and all(b for _, b in visible)
            if self._heading is not None:
                self.lines.append("")
                self.lines.append("#" * max(1, min(self._heading, 6)) + " " + text)
                self.lines.append("")
            elif all_bold and len(text) <= 120 and not text.endswith((".", ";", "。", "；")):
                self.lines.append("")
                self.lines.append("## " + text)
                self.lines.append("")
            elif self._list_item:
                self.lines.append("• " + text)
                self._list_item = False
            else:
                self.lines.append(text)
        self._segments = []

    # -- parser callbacks ----------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
            return
        if self._skip_stack:
            if tag not in _VOID_TAGS:
                self._skip_stack.append(tag)
            return
        marker = " ".join(v or "" for k, v in attrs if k in ("id", "class", "role"))
        if tag in _SKIP_TAGS or (marker and _SKIP_MARKERS.search(marker)):
            if tag not in _VOID_TAGS:
                self._skip_stack.append(tag)
            return
        if tag in _BLOCK_TAGS or tag == "br":
            self._flush()
        if tag in _BOLD_TAGS:
            self._bold += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = int(tag[1])
        elif tag == "li":
            self._list_item = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skip_stack and tag in ("br", "hr"):
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if self._skip_stack:
            if tag in self._skip_stack:
                while self._skip_stack and self._skip_stack.pop() != tag:
                    pass
            return
        if tag in _BOLD_TAGS:
            self._bold = max(0, self._bold - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()
            if re.fullmatch(r"h[1-6]", tag):
                self._heading = None
            if tag == "li":
                self._list_item = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._skip_stack:
            return
        self._segments.append((data, self._bold > 0))

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_text(html: str) -> tuple[str, str]:
    """Return the page's readable text (Markdown-style headings) and its ``<title>``."""
    extractor = _TextExtractor()
    try:
        extractor.feed(html)
        extractor.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        extractor._flush()
    return "\n".join(extractor.lines), " ".join(extractor.title.split())

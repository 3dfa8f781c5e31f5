"""Word (.docx) releases → the plain-text form the release parser reads.

python-docx opens the package (the zip, its parts and relationships, the styles and
numbering parts); the body's XML is walked here, in document order, because what a
release means is in details python-docx's ``Paragraph.text`` does not give: runs inside
tracked insertions (``w:ins``, which it skips), fields, hidden text and list labels.

- A paragraph styled as a heading (Heading 1-6, Title, or a custom style based on one,
  or with an outline level) becomes a Markdown heading line; so does a short paragraph
  that does not end a sentence and whose visible runs are all bold (or underlined), or
  set in a larger type than the body text.
- A list paragraph (``w:numPr`` on it or its style) becomes "• text" for a bullet, or
  its label and text ("1. text", "(a) text") as Word draws it for a numbered list, so
  the parser reads it as it reads the same release saved as text.
- Every other paragraph is one line, a blank line between paragraphs; a tab or a line
  break inside a sentence is a space, but an empty line (two breaks), a break after a
  bold heading line, or a break between lines that each read as a sentence or an item
  (commitments typed one per line with Shift+Enter) ends a paragraph there. A document
  whose paragraphs are printed lines (most stop mid-sentence) is given as the lines of a
  hard-wrapped text.
- Tracked changes are read as accepted: insertions kept, deletions dropped (a deleted
  paragraph mark joins the paragraph to the next).
- Not commitments, so not read: headers, footers, footnotes, endnotes and comments
  (other parts of the package), text boxes and drawings, hidden text, page-number and
  table-of-contents fields, and tables of two or more columns (contacts, schedules). A
  one-column table is a layout frame: its paragraphs are read in place. A document laid
  out in text boxes or in a table (they hold more than twice the words of the rest) is
  read from them.
"""

from __future__ import annotations

import re

from lxml import etree  # type: ignore[import-untyped]  # (no stubs installed)

from parsers.docx_package import WordParts, open_word, reason
from parsers.docx_styles import Numbering, Styles, int_val, num_pr, on_off, q
from parsers.reading import InputError

#: Fields whose shown text is page furniture, not the release's.
_DROPPED_FIELDS = frozenset(
    "PAGE NUMPAGES SECTIONPAGES SECTION PAGEREF TOC TOA INDEX XE TC RD".split()
)
#: A heading style on a paragraph this long is a slip: it is read as a paragraph.
_MAX_HEADING_WORDS = 30
#: A bold paragraph is a heading when it is at most this long (as for an HTML page).
_MAX_BOLD_HEADING = 120

_P, _TBL, _TR, _TC, _R = q("p"), q("tbl"), q("tr"), q("tc"), q("r")
_SDT, _SDT_CONTENT, _CUSTOM_XML = q("sdt"), q("sdtContent"), q("customXml")
_INLINE_CONTAINERS = frozenset(
    q(t) for t in ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "bdo", "dir")
)
_SPACE = frozenset(q(t) for t in ("tab", "ptab", "br", "cr"))
_BREAKS = frozenset((q("br"), q("cr")))
_HYPERLINK = q("hyperlink")
_R_PR, _U, _VAL = q("rPr"), q("u"), q("val")
_R_STYLE, _B, _VANISH = q("rStyle"), q("b"), q("vanish")
_T, _FLD_CHAR, _FLD_CHAR_TYPE, _INSTR_TEXT = q("t"), q("fldChar"), q("fldCharType"), q("instrText")
_TYPE, _NO_BREAK_HYPHEN, _RUBY, _SZ = q("type"), q("noBreakHyphen"), q("ruby"), q("sz")
_BREAK = "\n"  # a line break inside a paragraph, as a segment

#: A piece of a paragraph's text, whether it is strong (bold or underlined) and its size
#: in half-points.
Segment = tuple[str, bool, int]
#: A line of the text: its kind ("heading", "item", "para" or "empty": an empty
#: paragraph), the line, and its smallest text size in half-points.
Line = tuple[str, str, int]


class _Field:
    """A complex field (``w:fldChar`` begin … separate … end) being read."""

    def __init__(self) -> None:
        self.instr = ""
        self.in_result = False

    @property
    def dropped(self) -> bool:
        words = self.instr.split()
        return bool(words) and words[0].upper() in _DROPPED_FIELDS


class _Walker:
    def __init__(
        self, styles: Styles, numbering: Numbering, boxes: bool = False, tables: bool = False
    ) -> None:
        self.styles = styles
        self.numbering = numbering
        self.boxes = boxes  # read text boxes too (a document laid out in them)
        self.tables = tables  # read tables of several columns too (a page laid out in one)
        self.out: list[Line] = []
        self.fields: list[_Field] = []
        self.carry: list[Segment] = []

    # -- blocks ----------------------------------------------------------------
    def blocks(self, parent: etree._Element) -> None:
        for child in parent:
            tag = child.tag
            if tag == _P:
                self.paragraph(child)
            elif tag == _TBL:
                self.table(child)
            elif tag == _SDT:
                content = _sdt_content(child)
                if content is not None:
                    self.blocks(content)
            elif tag in (_CUSTOM_XML, q("ins"), q("moveTo")):
                self.blocks(child)

    def table(self, tbl: etree._Element) -> None:
        rows = [tr for tr in tbl.iter(_TR) if _nearest(tr, _TBL) is tbl]
        widest = max((len(_cells(tr)) for tr in rows), default=0)
        if widest > 1 and not self.tables:
            return  # a table of contacts, a schedule …: not commitments
        for tr in rows:
            trpr = tr.find(q("trPr"))
            if trpr is not None and trpr.find(q("del")) is not None:
                continue  # a deleted row
            for tc in _cells(tr):
                self.blocks(tc)

    def paragraph(self, p: etree._Element) -> None:
        ppr = p.find(q("pPr"))
        style_el = ppr.find(q("pStyle")) if ppr is not None else None
        style = self.styles.paragraph(style_el.get(q("val")) if style_el is not None else None)
        segments, self.carry = self.carry, []
        self.inline(p, segments, (style.bold, style.size))
        mark = ppr.find(q("rPr")) if ppr is not None else None
        if mark is not None and (
            mark.find(q("del")) is not None or mark.find(q("moveFrom")) is not None
        ):
            self.carry = segments  # its paragraph mark was deleted: it joins the next one
            return
        num_id, ilvl = num_pr(ppr)
        if num_id is None:
            num_id, ilvl = style.num_id, ilvl if ilvl is not None else style.ilvl
        label = self.numbering.label(num_id, ilvl or 0)
        if style.contents:
            return  # a table of contents' entry
        heading = style.heading
        outline = int_val(ppr.find(q("outlineLvl"))) if ppr is not None else None
        if outline is not None:
            heading = outline + 1 if 0 <= outline < 9 else None
        pieces = _pieces(segments)
        if not pieces:
            self.out.append(("empty", "", 0))
        for piece in pieces:
            self.emit(piece, heading, label)
            label = None  # the label goes with the paragraph's first piece

    def emit(self, segments: list[Segment], heading: int | None, label: str | None) -> None:
        """One paragraph (or a piece of one) as a line: a heading, a list item or text."""
        text = _text(segments)
        numbered = f"{label} {text}" if label and label != "•" else text
        size = min((size for s, _, size in segments if s.strip()), default=0)
        if heading is not None and len(text.split()) <= _MAX_HEADING_WORDS:
            self.out.append(("heading", "#" * min(heading, 6) + " " + numbered, size))
        elif _bold_heading(segments, text):
            self.out.append(("heading", "## " + numbered, size))
        elif label == "•":
            self.out.append(("item", "• " + text, size))
        else:
            self.out.append(("item" if label else "para", numbered, size))

    # -- runs ------------------------------------------------------------------
    def inline(
        self,
        parent: etree._Element,
        out: list[Segment],
        para: tuple[bool, int],
        link: bool = False,
    ) -> None:
        """The text of a paragraph's runs (``para``: the paragraph style's boldness and size)."""
        for child in parent:
            tag = child.tag
            if tag == _R:
                self.run(child, out, para, link)
            elif tag in _INLINE_CONTAINERS:
                self.inline(child, out, para, link or tag == _HYPERLINK)
            elif tag == _SDT:
                content = _sdt_content(child)
                if content is not None:
                    self.inline(content, out, para, link)
            elif tag == q("fldSimple"):
                instr = (child.get(q("instr")) or "").split()
                if not (instr and instr[0].upper() in _DROPPED_FIELDS):
                    self.inline(child, out, para, True)
            # w:del and w:moveFrom (deleted text), bookmarks, comment marks, proofing
            # marks and math carry no text of the release

    def _suppressed(self) -> bool:
        return any(not f.in_result or f.dropped for f in self.fields)

    def run(
        self, r: etree._Element, out: list[Segment], para: tuple[bool, int], link: bool
    ) -> None:
        """A run's text, each piece marked strong when the run is bold, or underlined
        outside a link (a heading typed the typewriter's way)."""
        bold: bool | None = None
        size: int | None = None
        hidden = False
        underlined = False
        for child in r:  # w:rPr comes first when there is one
            if child.tag == _R_PR:
                underline = child.find(_U)
                underlined = underline is not None and underline.get(_VAL, "single") != "none"
                char_style = child.find(_R_STYLE)
                sid = char_style.get(_VAL) if char_style is not None else None
                bold = on_off(child.find(_B))
                if bold is None and sid is not None:
                    bold = self.styles.run_bold(sid)
                size = int_val(child.find(_SZ))
                if size is None and sid is not None:
                    size = self.styles.run_size(sid)
                hidden = bool(on_off(child.find(_VANISH))) or (
                    sid is not None and self.styles.run_hidden(sid)
                )
            break
        is_bold = para[0] if bold is None else bold
        is_bold = is_bold or (underlined and not link and not self.fields)
        size = size or para[1]
        suppressed = hidden or self._suppressed()
        for child in r:
            tag = child.tag
            if tag == _T:
                if not suppressed:
                    out.append((child.text or "", is_bold, size))
            elif tag == _FLD_CHAR:
                kind = child.get(_FLD_CHAR_TYPE)
                if kind == "begin":
                    self.fields.append(_Field())
                elif kind == "separate" and self.fields:
                    self.fields[-1].in_result = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
                suppressed = hidden or self._suppressed()
            elif tag == _INSTR_TEXT:
                if self.fields and not self.fields[-1].in_result:
                    self.fields[-1].instr += child.text or ""
            elif suppressed or tag == _R_PR:
                continue
            elif tag in _BREAKS and child.get(_TYPE) in (None, "textWrapping"):
                out.append((_BREAK, is_bold, size))
            elif tag in _SPACE:
                out.append((" ", is_bold, size))
            elif tag == _NO_BREAK_HYPHEN:
                out.append(("-", is_bold, size))
            elif tag == _RUBY:
                base = child.find(q("rubyBase"))
                if base is not None:
                    self.inline(base, out, (is_bold, size))
            elif self.boxes and tag in _BOX_HOLDERS:
                for box in _text_boxes(child):
                    self.blocks(box)
            # w:softHyphen (shown only at a line end), w:sym, drawings and text boxes
            # (w:drawing, w:pict, mc:AlternateContent), note and comment references: no text


_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_TXBX_CONTENT = q("txbxContent")
_BOX_HOLDERS = frozenset((q("drawing"), q("pict"), f"{{{_MC}}}AlternateContent"))


def _text_boxes(holder: etree._Element) -> list[etree._Element]:
    """The text boxes' contents (``w:txbxContent``) in a drawing; of an
    ``mc:AlternateContent``, those of its first choice holding any (the fallback
    repeats them for older readers)."""
    if holder.tag == f"{{{_MC}}}AlternateContent":
        for option in holder:
            found = _text_boxes_in(option)
            if found:
                return found
        return []
    return _text_boxes_in(holder)


def _box_words(body: etree._Element) -> int:
    """About how many words the text boxes hold (each once: not their VML fallback)."""
    fallback = f"{{{_MC}}}Fallback"
    return sum(
        len((t.text or "").split())
        for box in body.iter(_TXBX_CONTENT)
        if _nearest(box, fallback) is None
        for t in box.iter(_T)
    )


def _table_words(body: etree._Element) -> int:
    """How many words the body's tables hold (outside text boxes)."""
    return sum(
        len((t.text or "").split())
        for table in body.iterchildren(_TBL)
        for t in table.iter(_T)
        if _nearest(t, _TXBX_CONTENT) is None
    )


def _text_boxes_in(el: etree._Element) -> list[etree._Element]:
    """The outermost text boxes under ``el`` (a box inside a box is read with it)."""
    return [box for box in el.iter(_TXBX_CONTENT) if _nearest(box, _TXBX_CONTENT) is None]


def _sdt_content(sdt: etree._Element) -> etree._Element | None:
    """A content control's content; None while it shows its placeholder ("Click or tap
    here to enter text") or when it is a table of contents' gallery."""
    props = sdt.find(q("sdtPr"))
    if props is not None:
        if props.find(q("showingPlcHdr")) is not None:
            return None
        gallery = props.find(f"{q('docPartObj')}/{q('docPartGallery')}")
        if gallery is not None and "contents" in (gallery.get(q("val")) or "").lower():
            return None
    return sdt.find(_SDT_CONTENT)


def _text(segments: list[Segment]) -> str:
    return " ".join("".join(s for s, _, _ in segments).split())


def _bold_heading(segments: list[Segment], text: str) -> bool:
    """Whether a paragraph is a heading by its look: every visible run bold, short, not
    ending a sentence (as a bold line of an HTML page)."""
    visible = [bold for s, bold, _ in segments if s.strip()]
    return (
        bool(visible)
        and all(visible)
        and len(text) <= _MAX_BOLD_HEADING
        and not text.endswith((".", ";"))
    )


#: A line that ends a sentence (or leads into a list): ".", ";", ":", "!", "?" …
_SENTENCE_END = re.compile(r"[.;:!?。；：][\"”’')]?$")
#: … but not after a title or an initial ("Mr.", "No.", "J.", "e.g.").
_ABBREVIATION = re.compile(r"(?:^|\s)(?:Mr|Ms|Mrs|Dr|No|St|Prof|[A-Z]|e\.g|i\.e|etc|vs)\.$")
#: A line that opens a sentence or an item: a capital, a quote or bracket before one, a
#: bullet or a list mark, a CJK character.
_SENTENCE_START = re.compile(
    r"^(?:[\"“‘'(\[]?[A-Z]|[•·▪‣◦●○■□➢►\-–—]\s|\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s|"
    r"[\u3400-\u9fff])"
)


def _sentence_break(before: str, after: str) -> bool:
    """Whether a soft line break between two lines of a paragraph separates sentences or
    items ("… bond issues." / "Support the regulators …"): kept as a paragraph break. A
    line broken mid-sentence ("green bonds" / "in the Macao market.") is joined."""
    return (
        _SENTENCE_END.search(before) is not None
        and _ABBREVIATION.search(before) is None
        and _SENTENCE_START.match(after) is not None
    )


def _pieces(segments: list[Segment]) -> list[list[Segment]]:
    """A paragraph's text split at its line breaks where they end a paragraph: at an
    empty line (two breaks), after a bold heading line followed by plain text, and
    between lines that each read as a sentence or an item (one ends a sentence, the next
    opens with a capital: commitments typed one per line with Shift+Enter), and after a
    line leading into a list (ending in ":"), before each line opening with a capital
    (titles of documents signed, without full stops). Any other line break is a space (a
    soft break inside a sentence)."""
    lines: list[list[Segment]] = [[]]
    for seg in segments:
        if seg[0] == _BREAK:
            lines.append([])
        else:
            lines[-1].append(seg)
    pieces: list[list[Segment]] = []
    current: list[Segment] = []
    blank = False
    last = ""  # the text of the line before
    listing = False  # after a line leading into a list ("… the following documents:")
    for line in lines:
        text = _text(line)
        if not text:
            blank = True
            continue
        if current and (
            blank
            or (_bold_heading(current, _text(current)) and not _bold_heading(line, text))
            or _sentence_break(last, text)
            or (listing and _SENTENCE_START.match(text) is not None)
        ):
            pieces.append(current)
            current = []
        elif current:
            current.append((" ", True, 0))
        current.extend(line)
        blank = False
        last = text
        listing = listing or text.endswith((":", "："))
    if current:
        pieces.append(current)
    return pieces


def _nearest(el: etree._Element, tag: str) -> etree._Element | None:
    """The closest ancestor of ``el`` with ``tag``."""
    parent = el.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _cells(tr: etree._Element) -> list[etree._Element]:
    """A row's cells (some wrapped in content controls or custom XML)."""
    cells = []
    for child in tr:
        if child.tag == _TC:
            cells.append(child)
        elif child.tag in (_SDT, _CUSTOM_XML):
            cells.extend(c for c in child.iter(_TC) if _nearest(c, _TR) is tr)
    return cells


def _words(lines: list[Line]) -> int:
    return sum(len(line.split()) for _, line, _ in lines)


#: How a paragraph that finishes a sentence ends.
_ENDS = (".", ";", ":", "!", "?", "。", "；", "：", '"', "”", ")", "’", "'")


def _sized_headings(out: list[Line]) -> list[Line]:
    """Short lines in a larger type than the text's (by 2 points and a sixth at least),
    not ending a sentence, are headings: what a writer who styled nothing made of them."""
    sizes: dict[int, int] = {}
    for kind, line, size in out:
        if kind in ("para", "item") and size:
            sizes[size] = sizes.get(size, 0) + len(line)
    if not sizes:
        return out
    body = max(sizes, key=lambda size: (sizes[size], -size))
    big = max(body + 4, body * 7 // 6)
    return [
        ("heading", "## " + line, size)
        if kind in ("para", "item")
        and size >= big
        and not line.startswith("• ")
        and len(line) <= _MAX_BOLD_HEADING
        and not line.endswith((".", ";"))
        else (kind, line, size)
        for kind, line, size in out
    ]


def _line_per_paragraph(out: list[Line]) -> bool:
    """Whether the document's paragraphs are its printed lines: at least six longer
    paragraphs, half of them stopping mid-sentence, and a quarter of those followed by a
    paragraph that goes on in lower case (a list of commitments without full stops is
    not: each starts a sentence)."""
    paras = [line for kind, line, _ in out if kind == "para"]
    long = [i for i, line in enumerate(paras) if len(line) >= 30]
    open_ = [i for i in long if not paras[i].endswith(_ENDS)]
    going_on = [i for i in open_ if i + 1 < len(paras) and paras[i + 1][:1].islower()]
    return len(long) >= 6 and len(open_) >= len(long) / 2 and len(going_on) >= len(open_) / 4


def _assemble(out: list[Line]) -> str:
    """The lines in the parser's plain form: a blank line around each heading and between
    paragraphs. But when most longer paragraphs stop mid-sentence the document has a
    paragraph per printed line (as a PDF converted to Word may): its lines follow one
    another and its empty paragraphs are the blank lines, so that the parser joins them
    as it joins a hard-wrapped text file."""
    out = _sized_headings(out)
    wrapped = _line_per_paragraph(out)
    lines: list[str] = []
    for kind, line, _ in out:
        if kind == "empty":
            if wrapped and lines and lines[-1]:
                lines.append("")
        elif wrapped and kind != "heading":
            lines.append(line)
        else:
            if lines and lines[-1]:
                lines.append("")
            lines.extend((line, ""))
    return "\n".join(lines).strip("\n") + "\n"


def _walk(parts: WordParts, boxes: bool = False, tables: bool = False) -> _Walker:
    walker = _Walker(parts.styles, Numbering(parts.numbering, parts.styles), boxes, tables)
    walker.blocks(parts.body)
    return walker


def docx_to_text(data: bytes, name: str) -> str:
    """A Word release's text in the parser's plain form (see the module's docstring).
    InputError (one line) for a file that cannot be read as a Word document."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    parts = open_word(data, name)
    try:
        walker = _walk(parts)
        # A release laid out in text boxes (a PDF converted to Word), or in a table of
        # several columns (a page template): read from them when they hold more than
        # twice the words of the rest.
        if _box_words(parts.body) > 2 * _words(walker.out):
            boxed = _walk(parts, boxes=True)
            if _words(boxed.out) > 2 * _words(walker.out):
                walker = boxed
        if _table_words(parts.body) > 2 * _words(walker.out):
            tabled = _walk(parts, boxes=walker.boxes, tables=True)
            if _words(tabled.out) > 2 * _words(walker.out):
                walker = tabled
    except Exception as exc:  # a document python-docx opened but that is malformed inside
        raise InputError(
            f"{name}: cannot be read as a Word document ({type(exc).__name__}: {reason(exc)})"
        ) from exc
    return _assemble(walker.out)

"""Where each part of a meeting stands in its release: the spans of the source text.

The text is the release as the parser reads it (``parsers.release_text``: a page's readable
text, cleaned), and the meeting the one parsed from it, corrected or not: a commitment
moved, split, merged, added from the source or excluded. :func:`source_map` cuts the
whole text into :class:`Segment` s, in order, none overlapping, together covering it:

- ``commitment``: a commitment's text (its ID); a split commitment's part of its
  paragraph, a merged one's two paragraphs (two segments), an added one where its
  text occurs;
- ``excluded``: an excluded commitment (``Area.excluded``);
- ``heading``: an area's heading (the area's ID);
- ``inferred-heading``: a heading the page lost (or an area added by hand), which has
  no text: an empty segment where the area's first commitment starts;
- ``context``: the header, dateline and introduction, the sentence stating the number of
  areas, the signed documents and closing lines, a commitment's list mark, rules and
  blank lines;
- ``dropped``: text the parser left out: captions, page furniture, lines repeated on
  every page, an unrelated article after the release.

Each of the parser's paragraphs (its blocks), and each line between them, is a segment
of its own (or several, where a commitment takes part of it).

Texts are matched ignoring whitespace (the parser collapses it, and ``GlueFixer`` only
ever inserts spaces into words scraping glued together). Nothing is stored: the map is
worked out from the stored text when asked for (a parse's worth of work).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from parsers.blocks import RULE, Block, display_heading
from parsers.model import Area, Commitment, Meeting
from parsers.release import Layout, layout

Kind = Literal["commitment", "excluded", "heading", "inferred-heading", "context", "dropped"]
KINDS: tuple[Kind, ...] = (
    "commitment",
    "excluded",
    "heading",
    "inferred-heading",
    "context",
    "dropped",
)
#: The shortest piece of a commitment matched on its own (a merged commitment's parts):
#: shorter ones would be found anywhere.
MIN_PIECE = 8

_NON_SPACE = re.compile(r"\S+")


@dataclass(frozen=True)
class Segment:
    """``text[start:end]`` is of ``kind``; ``target_id``: the commitment's or area's ID."""

    start: int
    end: int
    kind: Kind
    target_id: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "id": self.target_id}


class SourceMap:
    """The segments of one release's text for one meeting, and each target's span."""

    def __init__(self, text: str, meeting: Meeting, segments: list[Segment]) -> None:
        self.text = text
        self.meeting = meeting
        self.segments = segments
        self._by_target: dict[str, list[Segment]] = {}
        for seg in segments:
            if seg.target_id is not None:
                self._by_target.setdefault(seg.target_id, []).append(seg)

    def segments_of(self, target_id: str) -> list[Segment]:
        """The segments of a commitment (two for a merged one) or an area's heading."""
        return list(self._by_target.get(target_id, ()))

    def span(self, target_id: str) -> tuple[int, int] | None:
        """(start, end) of a commitment, an area (its heading to its last commitment) or
        the meeting (everything but the dropped text around it); None if not found."""
        if target_id == self.meeting.id:
            found = [
                s
                for s in self.segments
                if s.kind != "dropped"
                and (s.kind != "context" or self.text[s.start : s.end].strip())
            ]
        else:
            ids = [target_id]
            area = next((a for a in self.meeting.areas if a.id == target_id), None)
            if area is not None:
                ids += [c.id for c in (*area.commitments, *excluded_of(area))]
            found = [s for i in ids for s in self._by_target.get(i, ())]
        if not found:
            return None
        start, end = min(s.start for s in found), max(s.end for s in found)
        while start < end and self.text[end - 1].isspace():
            end -= 1
        while start < end and self.text[start].isspace():
            start += 1
        return start, end


def excluded_of(area: Area) -> list[Commitment]:
    """An area's excluded commitments."""
    return list(area.excluded)


def span_of(text: str, meeting: Meeting, target_id: str) -> tuple[int, int] | None:
    """(start, end) in ``text`` of the commitment, area or meeting ``target_id``."""
    return source_map(text, meeting).span(target_id)


def source_map(text: str, meeting: Meeting) -> SourceMap:
    """The segments of ``text`` (``parsers.release_text``'s) for ``meeting``."""
    return _Mapper(text, meeting).run()


class _Squeezed:
    """A text without its whitespace, and the way back to the text's offsets."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []  # each run of non-space characters: where it starts …
        self.at_: list[int] = []  # … and where it starts in the squeezed text
        parts: list[str] = []
        n = 0
        for m in _NON_SPACE.finditer(text):
            self.starts.append(m.start())
            self.at_.append(n)
            parts.append(m.group())
            n += m.end() - m.start()
        self.text = "".join(parts)

    def to_text(self, i: int) -> int:
        """The offset in the text of the squeezed text's character ``i``."""
        k = bisect_right(self.at_, i) - 1
        return self.starts[k] + i - self.at_[k]

    def end_in_text(self, j: int) -> int:
        """The end in the text of a squeezed span ending at ``j`` (> 0)."""
        return self.to_text(j - 1) + 1

    def at(self, offset: int) -> int:
        """The squeezed index of the first non-space character at or after ``offset``."""
        k = bisect_right(self.starts, offset) - 1
        if k < 0:
            return 0
        run_end = self.at_[k + 1] if k + 1 < len(self.at_) else len(self.text)
        return min(self.at_[k] + offset - self.starts[k], run_end)


def squeeze(text: str) -> str:
    """``text`` without whitespace."""
    return "".join(text.split())


class _Taken:
    """Disjoint squeezed spans already given to something."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, a: int, b: int) -> bool:
        k = bisect_right(self.starts, a) - 1
        if k >= 0 and self.ends[k] > a:
            return False
        return not (k + 1 < len(self.starts) and self.starts[k + 1] < b)

    def take(self, a: int, b: int) -> None:
        k = bisect_right(self.starts, a)
        self.starts.insert(k, a)
        self.ends.insert(k, b)


@dataclass
class _Block:
    start: int  # whole lines of the text
    end: int
    kind: Kind  # of what is left of it when its commitments and heading are taken
    index: int


class _Mapper:
    def __init__(self, text: str, meeting: Meeting) -> None:
        self.text = text
        self.meeting = meeting
        self.sq = _Squeezed(text)
        self.taken = _Taken()
        self.claims: list[Segment] = []
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.layout: Layout = layout(text, meeting.id)
        self.blocks = [self._block(i, b) for i, b in enumerate(self.layout.blocks)]
        self._by_start = sorted(self.blocks, key=lambda b: b.start)
        self._starts = [b.start for b in self._by_start]

    # -- blocks ---------------------------------------------------------------------
    def _line_end(self, offset: int) -> int:
        end = self.text.find("\n", offset)
        return len(self.text) if end < 0 else end

    def _block(self, index: int, block: Block) -> _Block:
        """A block's whole lines (its text is found from its first line on)."""
        lines = self.line_starts
        start = lines[block.line]
        needle = squeeze(block.text)
        at = self.sq.at(start)
        found = self.sq.text.find(needle, at)
        next_line = self.sq.at(lines[block.line + 1]) if block.line + 1 < len(lines) else None
        if needle and found >= 0 and (next_line is None or found < max(next_line, at + 1)):
            end = self._line_end(self.sq.end_in_text(found + len(needle)))
            # a Chinese heading with its first paragraph on its line ("【金融】支持……"):
            # two blocks of one line, each its own part of it
            shared = self.layout.blocks
            if index + 1 < len(shared) and shared[index + 1].line == block.line:
                end = self.sq.end_in_text(found + len(needle))
            if index > 0 and shared[index - 1].line == block.line:
                start = self.sq.to_text(found)
        else:
            end = self._line_end(start)
        if block.kind == "heading":  # its underline
            after = end + 1
            if after < len(self.text) and RULE.match(self.text, after, self._line_end(after)):
                end = self._line_end(after)
        return _Block(start, end, self._role(index, block), index)

    def _role(self, index: int, block: Block) -> Kind:
        lay = self.layout
        if index < lay.header or index == lay.stated_at:
            return "context"
        if lay.start is not None and lay.start <= index < lay.end:
            return "dropped"  # unless a commitment or heading is found in it
        return "context" if block.line < lay.trailer_line else "dropped"

    def _sq_span(self, start: int, end: int) -> tuple[int, int]:
        return self.sq.at(start), self.sq.at(end)

    # -- claims -----------------------------------------------------------------------
    def _claim(self, a: int, b: int, kind: Kind, target: str | None) -> None:
        """Squeezed span [a, b) is ``kind`` (a segment in each block it runs over)."""
        self.taken.take(a, b)
        start, end = self.sq.to_text(a), self.sq.end_in_text(b)
        k = bisect_right(self._starts, start)
        while k < len(self._starts) and self._starts[k] < end:
            cut = self.sq.at(self._starts[k])
            if a < cut < b:
                self.claims.append(Segment(start, self.sq.end_in_text(cut), kind, target))
                a, start = cut, self.sq.to_text(cut)
            k += 1
        self.claims.append(Segment(start, end, kind, target))

    def _find_free(self, needle: str, lo: int, hi: int) -> int:
        i = self.sq.text.find(needle, lo, hi)
        while i >= 0 and not self.taken.free(i, i + len(needle)):
            i = self.sq.text.find(needle, i + 1, hi)
        return i

    def _longest_free_prefix(self, needle: str, lo: int, hi: int) -> tuple[int, int]:
        """(length, where) of the longest start of ``needle`` found free in [lo, hi)."""
        best = (0, -1)
        low, high = 1, len(needle)
        while low <= high:
            mid = (low + high) // 2
            at = self._find_free(needle[:mid], lo, hi)
            if at >= 0:
                best = (mid, at)
                low = mid + 1
            else:
                high = mid - 1
        return best

    def _locate(self, needle: str, regions: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
        """Where ``needle`` (squeezed) is, free: whole in the first region that has it,
        else piece by piece (each piece as long as can be found, the next searched after
        it first); None if some piece of it is nowhere."""
        whole = self._locate_whole(needle, regions)
        if whole is not None or not needle:
            return whole
        pieces: list[tuple[int, int]] = []
        rest = needle
        everywhere = (0, len(self.sq.text))
        while rest:
            for lo, hi in regions:
                length, at = self._longest_free_prefix(rest, lo, hi)
                if length >= min(len(rest), MIN_PIECE):
                    break
            else:
                break  # this piece is nowhere
            pieces.append((at, at + length))
            self.taken.take(at, at + length)  # the next pieces are searched around it
            rest = rest[length:]
            regions = [(at + length, len(self.sq.text)), everywhere]
        for a, _b in pieces:  # given back: the caller claims them (if all were found)
            k = self.taken.starts.index(a)
            del self.taken.starts[k], self.taken.ends[k]
        return None if rest else pieces

    # -- the steps --------------------------------------------------------------------
    def run(self) -> SourceMap:
        areas = {a.id: a for a in self.meeting.areas}
        headed = self._headings(areas)
        placed = self._commitments()
        self._inferred(headed, placed)
        return SourceMap(self.text, self.meeting, self._fill())

    def _headings(self, areas: dict[str, Area]) -> set[str]:
        """Claim the areas' headings; the IDs of the areas whose heading was found."""
        headed: set[str] = set()
        for index, area_id in self.layout.headings.items():
            block = self.blocks[index]
            a, b = self._sq_span(block.start, block.end)
            if a < b:
                target = area_id if area_id in areas else None
                self._claim(a, b, "heading", target)
                block.kind = "context"
                if target is not None:
                    headed.add(target)
        lay = self.layout
        body = range(lay.start or 0, lay.end)
        free_headings = [i for i in body if i not in lay.headings and i not in lay.paragraphs]
        for area in areas.values():  # an older parse's areas: by name
            if area.id in headed or area.heading_inferred or area.added:
                continue
            name = squeeze(area.original_name or area.name).casefold()
            for i in free_headings:
                block = self.blocks[i]
                shown = squeeze(display_heading(self.layout.blocks[i].text)).casefold()
                a, b = self._sq_span(block.start, block.end)
                if shown == name and a < b and self.taken.free(a, b):
                    self._claim(a, b, "heading", area.id)
                    block.kind = "context"
                    headed.add(area.id)
                    break
        return headed

    def _items(self) -> Iterable[tuple[Commitment, Kind]]:
        for area in self.meeting.areas:
            for c in area.commitments:
                yield c, "commitment"
            for c in excluded_of(area):
                yield c, "excluded"

    def _commitments(self) -> dict[str, int]:
        """Claim each commitment's text; where each placed one starts (in the text)."""
        own = {cid: self.blocks[i] for i, cid in self.layout.paragraphs.items()}
        items = list(self._items())
        placed: dict[str, list[tuple[int, int]]] = {}
        for c, kind in items:  # as parsed: in its own paragraph
            block = own.get(c.id)
            if block is not None:
                found = self._locate_whole(squeeze(c.text), [self._sq_span(block.start, block.end)])
                if found is not None:
                    placed[c.id] = found
                    self._claim_pieces(found, kind, c.id, block)
        body_start = (
            self.sq.at(self.blocks[self.layout.start].start)
            if (self.layout.start is not None and self.layout.start < len(self.blocks))
            else 0
        )
        cursor = body_start
        end = len(self.sq.text)
        for c, kind in items:
            if c.id in placed:
                cursor = placed[c.id][-1][1]
                continue
            regions = []
            block = own.get(c.id)
            if block is not None:
                regions.append(self._sq_span(block.start, block.end))
            regions += [(cursor, end), (body_start, end), (0, end)]
            found = self._locate(squeeze(c.text), regions)
            if found is None:
                continue
            placed[c.id] = found
            self._claim_pieces(found, kind, c.id, None)
            cursor = found[-1][1]
        return {cid: self.sq.to_text(spans[0][0]) for cid, spans in placed.items()}

    def _locate_whole(
        self, needle: str, regions: list[tuple[int, int]]
    ) -> list[tuple[int, int]] | None:
        for lo, hi in regions:
            at = self._find_free(needle, lo, hi) if needle else -1
            if at >= 0:
                return [(at, at + len(needle))]
        return None

    def _claim_pieces(
        self, pieces: list[tuple[int, int]], kind: Kind, target: str, block: _Block | None
    ) -> None:
        for a, b in pieces:
            self._claim(a, b, kind, target)
            start, end = self.sq.to_text(a), self.sq.end_in_text(b)
            for blk in [block] if block is not None else self._blocks_over(start, end):
                if blk.kind == "dropped" and self._in_body(blk.index):
                    blk.kind = "context"  # its list mark, say

    def _in_body(self, index: int) -> bool:
        lay = self.layout
        return lay.start is not None and lay.start <= index < lay.end

    def _blocks_over(self, start: int, end: int) -> list[_Block]:
        """The blocks with some of [start, end) in them."""
        k = max(bisect_right(self._starts, start) - 1, 0)
        found = []
        while k < len(self._by_start) and self._by_start[k].start < end:
            if self._by_start[k].end > start:
                found.append(self._by_start[k])
            k += 1
        return found

    def _inferred(self, headed: set[str], placed: dict[str, int]) -> None:
        """A mark for each area without a heading in the text, at its first commitment."""
        for area in self.meeting.areas:
            if area.id in headed:
                continue
            starts = [
                placed[c.id] for c in (*area.commitments, *excluded_of(area)) if c.id in placed
            ]
            if starts:
                at = min(starts)
                self.claims.append(Segment(at, at, "inferred-heading", area.id))

    def _base(self) -> list[Segment]:
        """What the text is where nothing was claimed: each block's kind; between them,
        blank lines and rules as context, other lines (captions, furniture) dropped."""
        out: list[Segment] = []
        pos = 0
        for block in self._by_start:
            if block.start < pos:
                continue
            out += self._between(pos, block.start)
            out.append(Segment(block.start, block.end, block.kind))
            pos = block.end
        out += self._between(pos, len(self.text))
        return out

    def _between(self, a: int, b: int) -> list[Segment]:
        out: list[Segment] = []
        pos = a
        while pos < b:
            end = min(self._line_end(pos) + 1, b)
            line = self.text[pos:end]
            plain = not line.strip() or RULE.match(line.rstrip("\n")) is not None
            out.append(Segment(pos, end, "context" if plain else "dropped"))
            pos = end
        return out

    def _fill(self) -> list[Segment]:
        claims = sorted(self.claims, key=lambda s: (s.start, s.end))
        base = self._base()
        out: list[Segment] = []
        pos = 0
        k = 0

        def fill_to(limit: int) -> None:
            nonlocal pos, k
            while pos < limit:
                while k < len(base) and base[k].end <= pos:
                    k += 1
                if k == len(base):
                    _append(out, Segment(pos, limit, "dropped"))
                    pos = limit
                    return
                seg = base[k]
                end = min(seg.end, limit)
                if seg.start > pos:
                    end = min(seg.start, limit)
                    _append(out, Segment(pos, end, "context"))
                else:
                    _append(out, Segment(pos, end, seg.kind))
                pos = end

        for claim in claims:
            fill_to(claim.start)
            out.append(claim)
            pos = max(pos, claim.end)
        fill_to(len(self.text))
        return out


def _append(out: list[Segment], seg: Segment) -> None:
    """Add ``seg`` unless it is empty (each of the parser's paragraphs, and each line
    between them, stays a segment of its own: the source view moves by them)."""
    if seg.start < seg.end:
        out.append(seg)

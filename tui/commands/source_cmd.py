"""``coop-tui source ID``: the passage of the stored release a commitment (an area, a
meeting) came from, with its lines marked and a few lines around it.

The text is the release as the parser read it (``parsers.release_text``: a saved page's
readable text), and the span the one ``parsers.source_map`` finds for the meeting as it
is now (corrections included). On a terminal the commitment is shown in reverse; piped,
its lines carry a ``>>`` gutter only.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from rich.text import Text

from parsers import Meeting, release_text
from parsers.source_map import source_map
from store import Store
from tui.commands import CommandError
from tui.commands.store_common import (
    add_id_argument,
    add_json_flag,
    console,
    open_store,
    print_json,
    resolve_target,
    store_command,
    store_parser,
)
from tui.render import literal

#: Lines shown before and after the passage unless ``--context`` says.
CONTEXT_LINES = 3
MARK = ">>"


def register(sub: argparse._SubParsersAction) -> None:
    p = store_parser(
        sub,
        "source",
        run_source,
        help="print the passage of the stored release a commitment, area or meeting came from",
        description="Print the passage of the stored source document (as the parser read "
        "it: a saved page's readable text) that a commitment, an area or a meeting came "
        "from, with line numbers, its lines marked with >> (and in reverse on a "
        "terminal) and a few lines before and after it.",
    )
    add_id_argument(p)
    p.add_argument(
        "-C",
        "--context",
        type=_count,
        default=CONTEXT_LINES,
        metavar="N",
        help=f"lines shown before and after the passage (default {CONTEXT_LINES})",
    )
    add_json_flag(p, 'print {"id", "meeting_id", "start", "end", "text", "before", "after"}')


def _count(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"not a whole number of lines: {value!r}")
    return n


@dataclass
class Passage:
    """Where a target is in its meeting's source text, and the lines around it."""

    target_id: str
    meeting: Meeting
    text: str
    start: int
    end: int
    first_line: int  # 0-based, the first line shown
    last_line: int  # the last line shown (included)
    line_starts: list[int]

    def line_span(self, line: int) -> tuple[int, int]:
        start = self.line_starts[line]
        nxt = self.line_starts[line + 1] - 1 if line + 1 < len(self.line_starts) else len(self.text)
        return start, nxt

    @property
    def before(self) -> str:
        return self.text[self.line_starts[self.first_line] : self.start]

    @property
    def after(self) -> str:
        return self.text[self.end : self.line_span(self.last_line)[1]]


def passage(store: Store, target_id: str, context: int) -> Passage:
    """The passage of ``target_id`` with ``context`` lines around it. StoreError if the
    source cannot be read, CommandError if the target's text is not in it."""
    meeting, _area, _commitment = store.locate(target_id)
    text = release_text(store.source_text(meeting.id), meeting.source)
    span = source_map(text, meeting).span(target_id)
    if span is None:
        raise CommandError(
            f"the text of {target_id} was not found in the stored source of meeting "
            f"{meeting.id} (re-import the release, or see coop-tui show {target_id})"
        )
    start, end = span
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    first = _line_of(line_starts, start)
    last = _line_of(line_starts, max(start, end - 1))
    return Passage(
        target_id,
        meeting,
        text,
        start,
        end,
        max(0, first - context),
        min(len(line_starts) - 1, last + context),
        line_starts,
    )


def _line_of(line_starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    return bisect_right(line_starts, offset) - 1


@store_command
def run_source(args: argparse.Namespace) -> int:
    store = open_store(args)
    found = passage(store, resolve_target(store, args.id), args.context)
    if args.json:
        print_json(
            {
                "id": found.target_id,
                "meeting_id": found.meeting.id,
                "start": found.start,
                "end": found.end,
                "text": found.text[found.start : found.end],
                "before": found.before,
                "after": found.after,
            }
        )
        return 0
    out = console()
    first, last = found.first_line, found.last_line
    head = literal(f"{found.meeting.source or found.meeting.id}", style="bold")
    head.append(literal(f"  lines {_line_of(found.line_starts, found.start) + 1}–"))
    head.append(literal(f"{_line_of(found.line_starts, max(found.start, found.end - 1)) + 1}"))
    out.print(head)
    width = len(str(last + 1))
    highlight = "reverse" if sys.stdout.isatty() else ""
    for line in range(first, last + 1):
        a, b = found.line_span(line)
        inside = (a < found.end and b > found.start) or (a == b == found.start)
        row = Text(f"{MARK if inside else '  '} {line + 1:>{width}} │ ")
        lo, hi = max(a, found.start), min(b, found.end)
        if inside and lo < hi:
            row.append_text(literal(found.text[a:lo]))
            row.append_text(literal(found.text[lo:hi], style=highlight))
            row.append_text(literal(found.text[hi:b]))
        else:
            row.append_text(literal(found.text[a:b]))
        out.print(row)
    return 0

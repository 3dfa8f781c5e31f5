"""Pieces of one line of a PDF that pdfminer laid out as lines of their own, joined
again (``parsers.pdf_layout``; docs/formats.md, "## PDF")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parsers.pdf_layout import PdfLine


def merge_pieces(
    lines: list[PdfLine], gutter: float | None, apart: Callable[[str], bool]
) -> list[PdfLine]:
    """Pieces of one line drawn apart joined again, left to right (a justified narrow
    column: reportlab and typesetting programs place each word or run of words at its
    place, with gaps wide enough for pdfminer to make each piece a line of its own, and
    a word left on its own would be lost among the lines around it). Pieces stand on
    the same baseline (within a fifth of their size), in the same size; on a page in two
    columns they lie in the same column (neither crosses the gutter: a column is one
    line wide, however wide the gaps of a sparse justified line), on a page in one
    column they are closer than three times their size (a header's left and right parts
    stay apart). A bullet or number set apart from its text (``apart``) stays a line of
    its own (``parsers.pdf_layout`` puts it back in front of its text)."""
    out: list[PdfLine] = []
    for line in sorted(lines, key=lambda line: line.x0):
        for i in range(len(out) - 1, -1, -1):
            last = out[i]
            if abs(last.baseline - line.baseline) > 0.2 * line.size:
                continue
            gap = line.x0 - last.x1
            if gutter is None:
                near = gap < 3 * line.size
            else:
                crosses = last.x0 < gutter < last.x1 or line.x0 < gutter < line.x1
                near = not crosses and (last.x1 <= gutter) == (line.x1 <= gutter)
            if (
                near
                and gap > -0.5
                and abs(last.size - line.size) < 0.6
                and not apart(last.text)
                and not apart(line.text)
            ):
                out[i] = replace(
                    last,
                    x1=max(last.x1, line.x1),
                    top=min(last.top, line.top),
                    bottom=max(last.bottom, line.bottom),
                    text=f"{last.text} {line.text}",
                    bold=last.bold and line.bold,
                    word2_x0=last.word2_x0 if last.word2_x0 > last.x0 + 0.1 else line.x0,
                )
                break
        else:
            out.append(line)
    return out

"""Marking the changed words of a group of linked commitments.

Sentences first, then words: the units (sentences and ``;`` clauses) of the old and
the new commitments of a group are paired best first while at least
:data:`SENTENCE_THRESHOLD` (40) alike — lower than the link threshold, since the
group is already known to be related and this only decides what to set side by
side. Inside each pair the words are aligned with rapidfuzz's Indel opcodes on
case-folded tokens; a word outside an ``equal`` block, or in a unit left without a
partner, is *changed*. Long paragraphs thus read sentence against sentence instead
of as one scattered edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel

from compare.model import Span
from compare.text import token_spans

SENTENCE_THRESHOLD = 40.0


@dataclass(frozen=True)
class Unit:
    """A sentence or clause: which text of the group it belongs to, and where."""

    owner: int
    start: int
    end: int


def mark(
    texts_a: Sequence[str],
    units_a: Sequence[Unit],
    texts_b: Sequence[str],
    units_b: Sequence[Unit],
    sim: np.ndarray,
) -> tuple[list[list[Span]], list[list[Span]]]:
    """Spans of every old text and every new text, changed words marked.

    ``sim[i, j]`` is the similarity of ``units_a[i]`` and ``units_b[j]``.
    """
    flags_a = [_token_flags(t) for t in texts_a]
    flags_b = [_token_flags(t) for t in texts_b]
    pairs: list[tuple[int, int]] = []
    if sim.size:
        used_a: set[int] = set()
        used_b: set[int] = set()
        order = np.argsort(-sim, axis=None, kind="stable")
        for flat in order:
            i, j = divmod(int(flat), sim.shape[1])
            if sim[i, j] < SENTENCE_THRESHOLD:
                break
            if i in used_a or j in used_b:
                continue
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    for i, j in pairs:
        ua, ub = units_a[i], units_b[j]
        ta = _unit_tokens(texts_a[ua.owner], flags_a[ua.owner][0], ua)
        tb = _unit_tokens(texts_b[ub.owner], flags_b[ub.owner][0], ub)
        words_a = _words(texts_a[ua.owner], flags_a[ua.owner][0], ta)
        words_b = _words(texts_b[ub.owner], flags_b[ub.owner][0], tb)
        for op in Indel.opcodes(words_a, words_b):
            if op.tag != "equal":
                continue
            for k in range(op.src_start, op.src_end):
                flags_a[ua.owner][1][ta[k]] = False
            for k in range(op.dest_start, op.dest_end):
                flags_b[ub.owner][1][tb[k]] = False
    return (
        [_spans(t, f) for t, f in zip(texts_a, flags_a, strict=True)],
        [_spans(t, f) for t, f in zip(texts_b, flags_b, strict=True)],
    )


def plain(text: str) -> list[Span]:
    """The whole text as one unchanged span."""
    return [Span(text, False)] if text else []


def _token_flags(text: str) -> tuple[list[tuple[int, int]], list[bool]]:
    spans = token_spans(text)
    return spans, [True] * len(spans)


def _words(text: str, spans: list[tuple[int, int]], picked: list[int]) -> list[str]:
    return [text[spans[k][0] : spans[k][1]].casefold() for k in picked]


def _unit_tokens(text: str, spans: list[tuple[int, int]], unit: Unit) -> list[int]:
    return [k for k, (s, e) in enumerate(spans) if s >= unit.start and e <= unit.end]


def _spans(text: str, flags: tuple[list[tuple[int, int]], list[bool]]) -> list[Span]:
    """The text cut into runs of unchanged and changed tokens; the gap between two
    changed tokens is changed, any other gap unchanged."""
    spans, changed = flags
    pieces: list[tuple[int, bool]] = []  # (end, changed) of each token and gap, in order
    pos, before = 0, False
    for (s, e), now in zip(spans, changed, strict=True):
        if s > pos:
            pieces.append((s, now and before))
        pieces.append((e, now))
        pos, before = e, now
    if pos < len(text):
        pieces.append((len(text), False))
    runs: list[Span] = []
    run_start = piece_start = 0
    run_changed: bool | None = None
    for end, piece_changed in pieces:
        if piece_changed != run_changed:
            if run_changed is not None:
                runs.append(Span(text[run_start:piece_start], run_changed))
            run_start, run_changed = piece_start, piece_changed
        piece_start = end
    if run_changed is not None:
        runs.append(Span(text[run_start:piece_start], run_changed))
    return runs

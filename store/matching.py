"""Finding an annotation's target again after a re-import changed its ID.

Scores are rapidfuzz's ``fuzz.ratio`` (normalised Indel similarity, 0–100) on
case-folded, NFKC-normalised text with whitespace collapsed. ``ratio`` rather
than a token-set or partial scorer, because those call a commitment "the same"
as another that merely contains or reorders its words.

An annotation moves automatically only when all of these hold:

* the best candidate scores at least ``AUTO_SCORE`` (95: for a 200-character
  commitment, about five characters changed — a typo fixed, a word re-spaced or a
  hyphen added, not a changed figure or a different place);
* no other commitment of the meeting scores within ``AUTO_MARGIN`` (5) of it —
  two near-identical commitments leave the choice to the user;
* the best candidate is new in this version of the meeting (an unchanged
  commitment that was already there is a different commitment, however similar);
* no other lost annotation target picks the same candidate.

Anything else becomes an orphan, listed with up to ``SUGGEST_LIMIT``
suggestions scoring at least ``SUGGEST_MIN``, for the user to re-attach.

Suggestions for many orphans are worked out with a :class:`Pool`: the candidates'
texts are normalised once, and each batch of orphans is scored against all of them in
one call (``rapidfuzz.process.cdist``, on every core), with the same scores and order
as :func:`suggestions`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

# rapidfuzz is imported where it is used: opening a store (the app's start-up) needs
# this module but no matching.

AUTO_SCORE = 95.0
AUTO_MARGIN = 5.0
SUGGEST_MIN = 30.0
SUGGEST_LIMIT = 5


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def score(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.ratio(normalise(a), normalise(b)))


def rank(text: str, candidates: Iterable[tuple[str, str]]) -> list[tuple[str, float]]:
    """Candidates ``(id, text)`` scored against ``text``, best first (ties by ID)."""
    from rapidfuzz import fuzz, process

    choices = {cid: normalise(ctext) for cid, ctext in candidates}
    if not choices:
        return []
    found = process.extract(normalise(text), choices, scorer=fuzz.ratio, limit=None)
    ranked = [(str(key), float(s)) for _choice, s, key in found]
    ranked.sort(key=lambda item: (-item[1], item[0]))
    return ranked


def suggestions(text: str, candidates: Iterable[tuple[str, str]]) -> list[tuple[str, float]]:
    return [(cid, s) for cid, s in rank(text, candidates) if s >= SUGGEST_MIN][:SUGGEST_LIMIT]


class Pool:
    """Candidates ``(id, text)`` normalised once, to rank many texts against."""

    def __init__(self, candidates: Iterable[tuple[str, str]]) -> None:
        items = sorted(dict(candidates).items())  # by ID: the order of ties
        self.ids = [cid for cid, _text in items]
        self.texts = [normalise(text) for _cid, text in items]

    def __len__(self) -> int:
        return len(self.ids)

    def best(
        self, texts: Sequence[str], minimum: float = SUGGEST_MIN, limit: int = SUGGEST_LIMIT
    ) -> list[list[tuple[str, float]]]:
        """For each of ``texts``, its ``limit`` best candidates scoring at least
        ``minimum``, best first (ties by ID): :func:`suggestions` for many texts."""
        if not texts or not self.ids:
            return [[] for _text in texts]
        rows = max(1, _CELLS // len(self.ids))  # texts scored at a time: bounded memory
        out: list[list[tuple[str, float]]] = []
        for start in range(0, len(texts), rows):
            out += self._best_of(texts[start : start + rows], minimum, limit)
        return out

    def _best_of(
        self, texts: Sequence[str], minimum: float, limit: int
    ) -> list[list[tuple[str, float]]]:
        import numpy as np
        from rapidfuzz import fuzz, process

        queries = [normalise(text) for text in texts]
        scores = process.cdist(queries, self.texts, scorer=fuzz.ratio, dtype=np.float64, workers=-1)
        # a stable sort of the scores, highest first: equal scores stay in ID order
        order = np.argsort(-scores, axis=1, kind="stable")[:, :limit]
        best = np.take_along_axis(scores, order, axis=1)
        ids = self.ids
        return [
            [(ids[c], s) for c, s in zip(columns, row, strict=True) if s >= minimum]
            for columns, row in zip(order.tolist(), best.tolist(), strict=True)
        ]


#: Scores computed at a time by :meth:`Pool.best` (8 bytes each).
_CELLS = 2_000_000


def clear_match(ranked: list[tuple[str, float]], new_ids: set[str]) -> str | None:
    """The one candidate an annotation may move to without asking, or None."""
    if not ranked:
        return None
    best_id, best = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if best < AUTO_SCORE or best - second < AUTO_MARGIN or best_id not in new_ids:
        return None
    return best_id


def assign(wanted: dict[str, str | None]) -> dict[str, str | None]:
    """Drop choices two lost targets share: neither is clearly the one."""
    counts: dict[str, int] = {}
    for choice in wanted.values():
        if choice is not None:
            counts[choice] = counts.get(choice, 0) + 1
    return {t: (c if c is not None and counts[c] == 1 else None) for t, c in wanted.items()}

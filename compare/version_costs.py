"""The cost model and the dynamic programme behind :mod:`compare.versions`: Gale and
Church's (1993) length-based alignment, with anchors, topics and counts.

Every bead shape's costs are worked out at once as a matrix (numpy), then the dynamic
programme reads them: an area of ten commitments on each side is a few hundred table
look-ups. The figures are explained in docs/chinese.md ("How the two versions are
aligned").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: Gale and Church's bead priors (their Table 5), for commitments.
PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089,
}  # fmt: skip
#: For areas: an area split in two in one version is as rare as an area left out.
AREA_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.0099, (1, 2): 0.0099,
}  # fmt: skip
#: Gale and Church's variance per character (6.8, English–German, ratio 1), taken as a
#: relative figure: the prior variance is 6.8·c² for a length ratio c (a paragraph of
#: 300 characters translated within about 15 %).
RELATIVE_VARIANCE = 6.8
#: How many area pairs' worth of weight the prior variance has against the variance
#: measured on the two versions' area pairs.
PRIOR_PAIRS = 5
#: Nats taken off a bead's cost per shared anchor (an anchor found once on each side
#: weighs 1; one found in k items of a side 1/k), at most MAX_ANCHORS of them.
ANCHOR_BONUS = 3.0
#: Nats added per anchor on one side of a bead only (of those found on both sides).
ANCHOR_CONFLICT = 1.5
MAX_ANCHORS = 3.0
#: A word of the glossary (``w:`` anchors) weighs this much of a number, date or place:
#: a translation may word a thing otherwise.
TERM_WEIGHT = 0.5
#: Nats added to a 2–1 or 1–2 bead for each of its two items that shares none of its
#: anchors with the single item (in proportion to the weight of those it does not
#: share): a merge is as likely as Gale and Church's prior only where both halves are
#: found in the merged text.
UNSUPPORTED = 3.0
#: Areas: nats off when both names give the same topic, added when they give two others.
TOPIC_BONUS = 3.0
TOPIC_CONFLICT = 2.0
#: Areas: nats added per commitment of difference between the two sides.
COUNT_COST = 1.0
#: Beyond this many items a side, the dynamic programme keeps to a band about the
#: diagonal this wide (plus the difference of the two lengths).
BAND = 8


@dataclass(frozen=True)
class Item:
    """An area or a commitment as the alignment sees it."""

    id: str
    length: int
    anchors: frozenset[str]
    name: str = ""
    topic: str | None = None
    count: int = 0


@dataclass(frozen=True)
class Scale:
    """The length model: ratio c (side b's characters per side a's), variance s2 per
    character."""

    c: float
    s2: float

    def delta(self, la: float, lb: float) -> float:
        mean = max((la + lb / self.c) / 2, 1.0)
        return (lb - self.c * la) / math.sqrt(mean * self.s2)

    def deltas(self, la: np.ndarray, lb: np.ndarray) -> np.ndarray:
        """Gale and Church's δ for every pair of a column of a's and a row of b's."""
        la, lb = la[:, None], lb[None, :]
        mean = np.maximum((la + lb / self.c) / 2, 1.0)
        return np.asarray((lb - self.c * la) / np.sqrt(mean * self.s2))


def tail_cost(delta: np.ndarray) -> np.ndarray:
    """−log P(|δ′| ≥ |δ|) for a standard normal δ′, that is −log erfc(|δ|/√2), by
    Abramowitz and Stegun's 7.1.26 (as Gale and Church computed it by a polynomial),
    in its log form so that a large δ costs much rather than overflowing."""
    x = np.abs(delta) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
                + t * (-1.453152027 + t * 1.061405429))))  # fmt: skip
    return np.asarray(x * x - np.log(poly))


def _windows(values: np.ndarray, size: int) -> np.ndarray:
    """Sums (or ORs, for booleans) of ``size`` consecutive rows."""
    if size == 1:
        return values
    if values.dtype == bool:
        return np.asarray(values[:-1] | values[1:])
    return np.asarray(values[:-1] + values[1:])


# A bead by the positions of its items: (positions on side a, positions on side b).
Pos = tuple[tuple[int, ...], tuple[int, ...]]


class Level:
    """One alignment problem: two sequences of items and every bead's cost."""

    def __init__(self, a: Sequence[Item], b: Sequence[Item], scale: Scale,
                 priors: dict[tuple[int, int], float], areas: bool) -> None:  # fmt: skip
        self.a, self.b, self.scale, self.areas = a, b, scale, areas
        self.prior_cost = {shape: -math.log(p) for shape, p in priors.items()}
        keys = sorted({x for item in (*a, *b) for x in item.anchors})
        index = {x: k for k, x in enumerate(keys)}
        xa = self._incidence(a, index)
        xb = self._incidence(b, index)
        df = np.maximum(np.maximum(xa.sum(0), xb.sum(0)), 1)
        factor = np.array([TERM_WEIGHT if x.startswith("w:") else 1.0 for x in keys])
        #: every anchor's weight: 1 (a glossary word's TERM_WEIGHT) over the number of
        #: items that have it on the side where it is more frequent …
        self.all_weights = factor / df if keys else np.zeros(0)
        #: … and only those found on both sides, the ones that can be shared
        self.weights = self.all_weights * (xa.any(0) & xb.any(0))
        self.tables: dict[tuple[int, int], list[list[float]]] = {}
        self.shared_tables: dict[tuple[int, int], list[list[float]]] = {}
        for shape in self.prior_cost:
            if 0 not in shape and shape[0] <= len(a) and shape[1] <= len(b):
                self._table(shape, xa, xb)

    @staticmethod
    def _incidence(items: Sequence[Item], index: dict[str, int]) -> np.ndarray:
        out = np.zeros((len(items), len(index)), dtype=bool)
        for i, item in enumerate(items):
            out[i, [index[x] for x in item.anchors]] = True
        return out

    def _table(self, shape: tuple[int, int], xa: np.ndarray, xb: np.ndarray) -> None:
        da, db = shape
        la = _windows(np.array([x.length for x in self.a], dtype=float), da)
        lb = _windows(np.array([x.length for x in self.b], dtype=float), db)
        wa, wb = _windows(xa, da), _windows(xb, db)
        w = self.weights
        shared = (wa * w) @ wb.T.astype(float)
        conflict = (wa @ w)[:, None] + (wb @ w)[None, :] - 2 * shared
        cost = self.prior_cost[shape] + tail_cost(self.scale.deltas(la, lb))
        cost += ANCHOR_CONFLICT * np.minimum(conflict, MAX_ANCHORS)
        cost -= ANCHOR_BONUS * np.minimum(shared, MAX_ANCHORS)
        if da == 2:
            cost += self._unsupported(xa, wb)
        elif db == 2:
            cost += self._unsupported(xb, wa).T
        if self.areas:
            cost += self._area_costs(da, db)
        self.tables[shape] = cost.tolist()
        self.shared_tables[shape] = shared.tolist()

    def _unsupported(self, pair: np.ndarray, single: np.ndarray) -> np.ndarray:
        """What a 2–1 bead costs more for each of its two items that names things but
        shares few of them with the single item. All its anchors count here, those not
        found on the other side at all too: the item left out of a translation takes
        its numbers, places and words with it."""
        w = self.all_weights
        total = np.zeros((len(pair) - 1, len(single)))
        for rows in (pair[:-1], pair[1:]):
            own = rows @ w
            support = (rows * w) @ single.T.astype(float)
            missing = 1.0 - np.divide(support, own[:, None], out=np.ones_like(support),
                                      where=own[:, None] > 0)  # fmt: skip
            total += UNSUPPORTED * missing
        return total

    def _area_costs(self, da: int, db: int) -> np.ndarray:
        topics = sorted({x.topic for x in (*self.a, *self.b) if x.topic})
        ta = np.array([[x.topic == t for t in topics] for x in self.a], dtype=bool)
        tb = np.array([[x.topic == t for t in topics] for x in self.b], dtype=bool)
        ta, tb = (
            _windows(ta.reshape(len(self.a), len(topics)), da),
            _windows(tb.reshape(len(self.b), len(topics)), db),
        )
        both = np.asarray(ta.any(1))[:, None] & np.asarray(tb.any(1))[None, :]
        same = (ta.astype(float) @ tb.T.astype(float)) > 0
        cost = np.where(both, np.where(same, -TOPIC_BONUS, TOPIC_CONFLICT), 0.0)
        ca = _windows(np.array([x.count for x in self.a], dtype=float), da)
        cb = _windows(np.array([x.count for x in self.b], dtype=float), db)
        return np.asarray(cost + COUNT_COST * np.abs(ca[:, None] - cb[None, :]))

    def cost(self, ia: Sequence[int], ib: Sequence[int]) -> float:
        """A bead's cost; an item left out costs its prior only (see docs/chinese.md)."""
        shape = (len(ia), len(ib))
        if not ia or not ib:
            return self.prior_cost[shape]
        return self.tables[shape][ia[0]][ib[0]]

    def shared(self, ia: Sequence[int], ib: Sequence[int]) -> float:
        """The weight of the anchors both sides of a bead have."""
        if not ia or not ib:
            return 0.0
        return self.shared_tables[(len(ia), len(ib))][ia[0]][ib[0]]

    def align(self) -> list[Pos]:
        """The cheapest sequence of beads (Gale and Church's dynamic programme; the
        shapes written out, as this loop is most of the time taken)."""
        n, m = len(self.a), len(self.b)
        inf = math.inf
        empty: list[list[float]] = []
        t11 = self.tables.get((1, 1), empty)
        t21 = self.tables.get((2, 1), empty)
        t12 = self.tables.get((1, 2), empty)
        p10, p01 = self.prior_cost[(1, 0)], self.prior_cost[(0, 1)]
        best = [[inf] * (m + 1) for _ in range(n + 1)]
        back = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
        width = max(n, m) + 1 if max(n, m) <= 2 * BAND else BAND + abs(n - m)
        for i in range(n + 1):
            row, back_row = best[i], back[i]
            above = best[i - 1] if i else row
            centre = int(i * m / n) if n else 0
            for j in range(max(0, centre - width), min(m, centre + width) + 1):
                if not i and not j:
                    row[j] = 0.0
                    continue
                value, step = inf, (0, 0)
                if i and j:
                    value, step = above[j - 1] + t11[i - 1][j - 1], (1, 1)
                    if i > 1 and (v := best[i - 2][j - 1] + t21[i - 2][j - 1]) < value:
                        value, step = v, (2, 1)
                    if j > 1 and (v := above[j - 2] + t12[i - 1][j - 2]) < value:
                        value, step = v, (1, 2)
                if i and (v := above[j] + p10) < value:
                    value, step = v, (1, 0)
                if j and (v := row[j - 1] + p01) < value:
                    value, step = v, (0, 1)
                row[j], back_row[j] = value, step
        beads: list[Pos] = []
        i, j = n, m
        while i or j:
            da, db = back[i][j]
            beads.append((tuple(range(i - da, i)), tuple(range(j - db, j))))
            i, j = i - da, j - db
        beads.reverse()
        return beads

    def related(self, i: int, j: int) -> bool:
        """Whether there is evidence, besides lengths, that item i of side a and item j
        of side b are one: the same topic (areas), or anchors shared weighing at least
        one (commitments: a number found once on each side, or two such words)."""
        if self.areas:
            return self.a[i].topic is not None and self.a[i].topic == self.b[j].topic
        return self.shared((i,), (j,)) >= 1.0

    def reorder(self, beads: list[Pos]) -> tuple[list[Pos], list[Pos]]:
        """The DP's beads with items the two versions give in another order put
        together (:meth:`pair_left_outs`, :meth:`uncross`); and the beads so made, with
        those they cross (the items standing in another order)."""
        made = self.uncross(self.pair_left_outs(beads))
        before = set(beads)
        changed = [bead for bead in made if bead not in before]
        return made, [bead for bead in made if bead in changed or _crosses(bead, changed)]

    def uncross(self, beads: list[Pos]) -> list[Pos]:
        """Two 1–1 pairs exchanged, the best first, while each item is related to the
        other pair's item and the two new pairs cost less than the two old: of two items
        given in each other's place, the DP, keeping the order, pairs each with the item
        standing in its place."""
        beads = list(beads)
        for _ in range(len(beads)):
            ones = [k for k, (ia, ib) in enumerate(beads) if len(ia) == 1 and len(ib) == 1]
            best: tuple[float, int, int] | None = None
            for x, p in enumerate(ones):
                i, j = beads[p][0][0], beads[p][1][0]
                for q in ones[x + 1 :]:
                    k, m = beads[q][0][0], beads[q][1][0]
                    if not (self.related(i, m) and self.related(k, j)):
                        continue
                    gain = (self.cost((i,), (j,)) + self.cost((k,), (m,))
                            - self.cost((i,), (m,)) - self.cost((k,), (j,)))  # fmt: skip
                    if gain > 0 and (best is None or gain > best[0]):
                        best = (gain, p, q)
            if best is None:
                break
            _gain, p, q = best
            (ia, ib), (ka, kb) = beads[p], beads[q]
            beads[p], beads[q] = (ia, kb), (ka, ib)
        return beads

    def pair_left_outs(self, beads: list[Pos]) -> list[Pos]:
        """Items the DP left out on both sides, paired where they are :meth:`related`
        and the pair costs less than leaving both out: of two items the versions give in
        another order, the DP may pair one and leave the other out on both sides. The
        pair stands where the item of side a stood."""
        left_a = [bead[0][0] for bead in beads if not bead[1]]
        left_b = [bead[1][0] for bead in beads if not bead[0]]
        if not left_a or not left_b:
            return beads
        single = self.prior_cost[(1, 0)] + self.prior_cost[(0, 1)]
        candidates = []
        for i in left_a:
            for j in left_b:
                cost = self.cost((i,), (j,))
                if self.related(i, j) and cost < single:
                    candidates.append((cost, i, j))
        pairs: dict[int, int] = {}
        taken: set[int] = set()
        for _cost, i, j in sorted(candidates):
            if i not in pairs and j not in taken:
                pairs[i] = j
                taken.add(j)
        out: list[Pos] = []
        for ia, ib in beads:
            if ia and not ib and ia[0] in pairs:
                out.append((ia, (pairs[ia[0]],)))
            elif not (ib and not ia and ib[0] in taken):
                out.append((ia, ib))
        return out


def _crosses(bead: Pos, others: list[Pos]) -> bool:
    """Whether a two-sided bead stands in the other order than one of ``others``."""
    if not bead[0] or not bead[1]:
        return False
    return any(
        other[0] and other[1] and (other[0][0] - bead[0][0]) * (other[1][0] - bead[1][0]) < 0
        for other in others
    )


def estimate_variance(level: Level, beads: list[Pos], prior: float) -> float:
    """The variance per character measured on the 1–1 pairs of areas (the worst fifth
    left out), weighed with the prior as PRIOR_PAIRS pairs."""
    c = level.scale.c
    measured = []
    for ia, ib in beads:
        if len(ia) == 1 and len(ib) == 1:
            la, lb = level.a[ia[0]].length, level.b[ib[0]].length
            mean = max((la + lb / c) / 2, 1.0)
            measured.append((lb - c * la) ** 2 / mean)
    if not measured:
        return prior
    measured.sort()
    kept = measured[: max(1, math.ceil(len(measured) * 0.8))] if len(measured) >= 5 else measured
    return (sum(kept) + PRIOR_PAIRS * prior) / (len(kept) + PRIOR_PAIRS)

"""Aligning two meetings: areas by name and content, commitments within and across areas.

The steps, and the thresholds (all similarities 0–100, see :mod:`compare.text`):

1. **Links between commitments.** Every commitment is cut into sentence/clause units.
   A candidate link joins an old and a new commitment when their whole texts, or one
   unit of each, are at least :data:`LINK_THRESHOLD` (40) alike: they share rare topic
   words carrying about 40 % of their combined weight, or less with near-identical
   wording. Candidates are taken best first, and a group of linked commitments must
   stay a *star* — one old commitment with several new ones (**split**), several old
   with one new (**merged**), or one with one. A second partner joins a group only if
   it explains at least :data:`MIN_GAIN` (10) points more of the hub's weighted words
   than the partners already there (so a near-duplicate does not make a false merge).
   After the areas are aligned (step 2), a second pass links commitments *of two
   aligned areas* down to :data:`WITHIN_AREA_THRESHOLD` (30): the area continuing is
   prior evidence, so weaker wording evidence suffices there (still well above the
   0–25 of unrelated commitments). A third pass takes **anchors**, as patience diff
   anchors on lines found once on each side: a phrase of two neighbouring topic words
   ("civil servants", "environmental protection") found in exactly one commitment of
   each meeting, those two commitments in aligned areas. A rephrased continuation
   often keeps only such a phrase, so its score falls into the range of unrelated
   commitments; the unique phrase plus the continuing area is the evidence, and the
   pair needs only :data:`ANCHOR_THRESHOLD` (10): the shared words are at least a tenth
   of the two texts' weighted words, not an aside in two long paragraphs. A phrase
   found twice on one side anchors nothing (which of the two would it be?). A
   commitment left without a link is **new** or **dropped**, never forced into a pair.
2. **Areas.** Two areas' *name* similarity and their *content* similarity (the share
   of the two areas' commitments linked to each other in step 1, 0–100) are combined
   as a noisy OR, ``100·(1 − (1 − name/100)(1 − content/100))``: either a kept name or
   kept content is evidence, and both together more so. The name similarity is the
   text similarity above with the IDF taken over the two meetings' area names (an
   identical name, ignoring case and punctuation, is 100). Pairs are taken best first,
   one to one, down to :data:`AREA_THRESHOLD` (50): e.g. a same-named area, a name
   keeping its main word, or an unrelated name with at least half of the two areas'
   commitments linked.
3. **Classes.** A one-to-one link is **unchanged** (same text, ignoring case,
   punctuation and spacing), **reworded**, or **moved** when the new commitment is in
   an area that is not the old one's successor. Groups are **split** or **merged**
   (``moved`` tells whether they crossed areas).
4. **Changed words** (:mod:`compare.words`): units are paired inside each group, then
   words inside each pair of units.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from compare import words
from compare.model import AreaMatch, Change, Item, Kind, MeetingDiff, Span
from compare.text import idf_vectors, ignored_words, phrases, similarity_matrix, unit_spans
from parsers import Area, Commitment, Meeting
from parsers.model import id_key

LINK_THRESHOLD = 40.0
WITHIN_AREA_THRESHOLD = 30.0
ANCHOR_THRESHOLD = 10.0
MIN_GAIN = 10.0
AREA_THRESHOLD = 50.0


@dataclass
class _Side:
    """One meeting's commitments, their areas and their units, flattened."""

    items: list[tuple[Commitment, Area]]
    area_of: list[int]  # commitment → index of its area
    units: list[words.Unit]  # every unit of every commitment, owner = commitment index
    unit_texts: list[str]
    units_of: list[list[int]]  # commitment → indexes into ``units``
    bags: np.ndarray | None = None  # commitment → its content words (see ``idf_vectors``)

    @cached_property
    def unit_owners(self) -> np.ndarray:
        """Unit index → the index of its commitment."""
        return np.array([u.owner for u in self.units], dtype=np.intp)

    def bag(self, index: int) -> np.ndarray:
        assert self.bags is not None
        return self.bags[index]

    @classmethod
    def of(cls, meeting: Meeting) -> _Side:
        items: list[tuple[Commitment, Area]] = []
        area_of: list[int] = []
        units: list[words.Unit] = []
        units_of: list[list[int]] = []
        for ai, area in enumerate(meeting.areas):
            for commitment in area.commitments:
                ci = len(items)
                items.append((commitment, area))
                area_of.append(ai)
                mine = []
                for start, end in unit_spans(commitment.text):
                    mine.append(len(units))
                    units.append(words.Unit(ci, start, end))
                units_of.append(mine)
        texts = [items[u.owner][0].text[u.start : u.end] for u in units]
        return cls(items, area_of, units, texts, units_of)

    @property
    def texts(self) -> list[str]:
        return [c.text for c, _ in self.items]


class _Links:
    """Accepted links between old (``i``) and new (``j``) commitments, kept as stars."""

    def __init__(self, weights: np.ndarray) -> None:
        self.of_a: dict[int, dict[int, float]] = {}
        self.of_b: dict[int, dict[int, float]] = {}
        self.weights = weights

    def gain(self, hub: np.ndarray, partners: list[np.ndarray], extra: np.ndarray) -> float:
        """How much more of ``hub``'s weighted words the partners explain with ``extra``."""
        before = np.max(partners, axis=0)
        return self._dice(hub, np.maximum(before, extra)) - self._dice(hub, before)

    def _dice(self, x: np.ndarray, y: np.ndarray) -> float:
        total = float((x + y) @ self.weights)
        return 200.0 * float(np.minimum(x, y) @ self.weights) / total if total else 0.0

    def linked(self, i: int, j: int) -> bool:
        return j in self.of_a.get(i, {})

    def allows(self, i: int, j: int) -> bool:
        partners_a, partners_b = self.of_a.get(i, {}), self.of_b.get(j, {})
        if not partners_a and not partners_b:
            return True
        if not partners_a:  # j would gain a second old commitment: j must be a hub
            return all(len(self.of_a[k]) == 1 for k in partners_b)
        if not partners_b:  # i would gain a second new commitment: i must be a hub
            return all(len(self.of_b[k]) == 1 for k in partners_a)
        return False

    def add(self, i: int, j: int, score: float) -> None:
        self.of_a.setdefault(i, {})[j] = score
        self.of_b.setdefault(j, {})[i] = score

    def groups(self) -> list[tuple[list[int], list[int]]]:
        seen: set[int] = set()
        out: list[tuple[list[int], list[int]]] = []
        for i in sorted(self.of_a):
            if i in seen:
                continue
            js = sorted(self.of_a[i])
            is_ = sorted({k for j in js for k in self.of_b[j]})
            seen.update(is_)
            out.append((is_, js))
        return out


@dataclass
class _FirstPass:
    """Steps 1 and 2: the first links and the area pairs, with what step 3 goes on from."""

    sa: _Side
    sb: _Side
    sims: tuple[np.ndarray, np.ndarray]
    links: _Links
    pairs: list[AreaMatch]
    keys: tuple[list[str], list[str]]
    ignore: frozenset[str]


def align_areas(a: Meeting, b: Meeting) -> list[AreaMatch]:
    """The area pairs of :func:`diff_meetings` (steps 1 and 2) without the rest of the
    diff: what the overview's rows across a series of meetings are made of."""
    return _first_pass(a, b).pairs


def _first_pass(a: Meeting, b: Meeting) -> _FirstPass:
    sa, sb = _Side.of(a), _Side.of(b)
    ignore = ignored_words(*a.parties, *b.parties)
    unit_sim = similarity_matrix(sa.unit_texts, sb.unit_texts, ignore)
    vectors = idf_vectors([*sa.texts, *sb.texts], ignore)
    whole_sim = similarity_matrix(sa.texts, sb.texts, ignore, vectors)
    keys_a = [id_key(t) for t in sa.texts]
    keys_b = [id_key(t) for t in sb.texts]
    for i, key in enumerate(keys_a):
        for j, other in enumerate(keys_b):
            if key == other:
                whole_sim[i, j] = 100.0
    sa.bags, sb.bags = vectors.bags[: len(sa.items)], vectors.bags[len(sa.items) :]
    links = _Links(vectors.weights)
    sims = (unit_sim, whole_sim)
    _link(sa, sb, sims, links, LINK_THRESHOLD)
    pairs = _align_areas(a, b, sa, sb, links)
    return _FirstPass(sa, sb, sims, links, pairs, (keys_a, keys_b), ignore)


def diff_meetings(a: Meeting, b: Meeting) -> MeetingDiff:
    """Align ``a`` (the older meeting) with ``b`` (see the module docstring)."""
    first = _first_pass(a, b)
    sa, sb, sims, links, pairs = first.sa, first.sb, first.sims, first.links, first.pairs
    (keys_a, keys_b), ignore = first.keys, first.ignore
    unit_sim = sims[0]
    successor = {id(p.a): p.b for p in pairs if p.a is not None}
    area_index_b = {id(area): k for k, area in enumerate(b.areas)}
    next_area = np.array(  # area of ``a`` → index of its successor in ``b``, or -1
        [area_index_b.get(id(successor.get(id(area))), -1) for area in a.areas], dtype=np.intp
    )
    within = (  # [i, j]: j's area is the successor of i's
        next_area[np.asarray(sa.area_of, dtype=np.intp)][:, None]
        == np.asarray(sb.area_of, dtype=np.intp)[None, :]
    ).reshape(len(sa.items), len(sb.items))
    _link(sa, sb, sims, links, WITHIN_AREA_THRESHOLD, within)
    _link(sa, sb, sims, links, ANCHOR_THRESHOLD, within & _anchored(sa, sb, ignore))
    changes = []
    for is_, js in links.groups():
        changes.append(_change(sa, sb, is_, js, links, keys_a, keys_b, successor, unit_sim))
    linked_a = {i for i in links.of_a}
    linked_b = {j for j in links.of_b}
    for i in range(len(sa.items)):
        if i not in linked_a:
            changes.append(Change(Kind.DROPPED, 0.0, [_item(sa, i)], []))
    for j in range(len(sb.items)):
        if j not in linked_b:
            changes.append(Change(Kind.NEW, 0.0, [], [_item(sb, j)]))
    return _ordered(a, b, pairs, changes)


def _link(
    sa: _Side,
    sb: _Side,
    sims: tuple[np.ndarray, np.ndarray],
    links: _Links,
    threshold: float,
    allowed: np.ndarray | None = None,
) -> None:
    """Add candidate links at least ``threshold`` alike, best first, keeping groups stars;
    a second partner joins only if it explains :data:`MIN_GAIN` more of the hub's words.
    ``allowed[i, j]`` limits the pairs considered."""
    unit_sim, whole_sim = sims
    # A pair's score: the best of its units' and its whole texts' similarities that reach
    # the threshold (worked out on arrays: the low thresholds admit thousands of pairs).
    best = np.where(whole_sim >= threshold, whole_sim, -1.0)
    u, v = np.nonzero(unit_sim >= threshold)
    if len(u):
        np.maximum.at(best, (sa.unit_owners[u], sb.unit_owners[v]), unit_sim[u, v])
    if allowed is not None:
        best[~allowed] = -1.0
    ii, jj = np.nonzero(best >= threshold)
    scores = best[ii, jj]
    # Best first; ties in document order (deterministic).
    for k in np.lexsort((jj, ii, -scores)):
        i, j, score = int(ii[k]), int(jj[k]), float(scores[k])
        if links.linked(i, j) or not links.allows(i, j):
            continue
        old = links.of_b.get(j, {})
        new = links.of_a.get(i, {})
        if old and links.gain(sb.bag(j), [sa.bag(k) for k in old], sa.bag(i)) < MIN_GAIN:
            continue
        if new and links.gain(sa.bag(i), [sb.bag(k) for k in new], sb.bag(j)) < MIN_GAIN:
            continue
        links.add(i, j, score)


def _anchored(sa: _Side, sb: _Side, ignore: frozenset[str]) -> np.ndarray:
    """``[i, j]`` is true when old ``i`` and new ``j`` share an *anchor*: a phrase (two
    neighbouring topic words, :func:`compare.text.phrases`) found in no other commitment
    of either meeting."""
    where_a: dict[tuple[str, str], list[int]] = {}
    where_b: dict[tuple[str, str], list[int]] = {}
    for where, texts in ((where_a, sa.texts), (where_b, sb.texts)):
        for index, text in enumerate(texts):
            for phrase in phrases(text, ignore):
                where.setdefault(phrase, []).append(index)
    anchored = np.zeros((len(sa.items), len(sb.items)), dtype=bool)
    for phrase, olds in where_a.items():
        news = where_b.get(phrase, [])
        if len(olds) == 1 and len(news) == 1:
            anchored[olds[0], news[0]] = True
    return anchored


def _align_areas(a: Meeting, b: Meeting, sa: _Side, sb: _Side, links: _Links) -> list[AreaMatch]:
    """Area pairs by the noisy OR of name and content similarity, best first, 1-1."""
    names = similarity_matrix([x.name for x in a.areas], [y.name for y in b.areas])
    for ai, area in enumerate(a.areas):
        for bi, other in enumerate(b.areas):
            if id_key(area.name) == id_key(other.name):
                names[ai, bi] = 100.0
    linked_a = np.zeros((len(a.areas), len(b.areas)))
    linked_b = np.zeros((len(a.areas), len(b.areas)))
    for i, partners in links.of_a.items():
        for bi in {sb.area_of[j] for j in partners}:
            linked_a[sa.area_of[i], bi] += 1
    for j, partners in links.of_b.items():
        for ai in {sa.area_of[i] for i in partners}:
            linked_b[ai, sb.area_of[j]] += 1
    sizes_a = np.array([len(x.commitments) for x in a.areas], dtype=np.float64)
    sizes_b = np.array([len(y.commitments) for y in b.areas], dtype=np.float64)
    total = sizes_a[:, None] + sizes_b[None, :]
    content = np.where(total > 0, 100.0 * (linked_a + linked_b) / np.maximum(total, 1), 0.0)
    score = 100.0 * (1 - (1 - names / 100.0) * (1 - content / 100.0))
    pairs: list[AreaMatch] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    if score.size:
        for flat in np.argsort(-score, axis=None, kind="stable"):
            ai, bi = divmod(int(flat), score.shape[1])
            if score[ai, bi] < AREA_THRESHOLD:
                break
            if ai in used_a or bi in used_b:
                continue
            used_a.add(ai)
            used_b.add(bi)
            pairs.append(
                AreaMatch(
                    a.areas[ai],
                    b.areas[bi],
                    float(score[ai, bi]),
                    float(names[ai, bi]),
                    float(content[ai, bi]),
                )
            )
    pairs += [AreaMatch(None, y, 0.0) for bi, y in enumerate(b.areas) if bi not in used_b]
    pairs += [AreaMatch(x, None, 0.0) for ai, x in enumerate(a.areas) if ai not in used_a]
    return pairs


def _change(
    sa: _Side,
    sb: _Side,
    is_: list[int],
    js: list[int],
    links: _Links,
    keys_a: list[str],
    keys_b: list[str],
    successor: dict[int, Area | None],
    unit_sim: np.ndarray,
) -> Change:
    scores = [links.of_a[i][j] for i in is_ for j in js if links.linked(i, j)]
    score = sum(scores) / len(scores)
    moved = any(
        successor.get(id(sa.items[i][1])) is not sb.items[j][1]
        for i in is_
        for j in js
        if links.linked(i, j)
    )
    if len(is_) == 1 and len(js) == 1:
        if keys_a[is_[0]] == keys_b[js[0]]:
            kind, score = (Kind.MOVED if moved else Kind.UNCHANGED), 100.0
        else:
            kind = Kind.MOVED if moved else Kind.REWORDED
    else:
        kind = Kind.SPLIT if len(is_) == 1 else Kind.MERGED
    ua = [u for i in is_ for u in sa.units_of[i]]
    ub = [v for j in js for v in sb.units_of[j]]
    local_a = {i: k for k, i in enumerate(is_)}
    local_b = {j: k for k, j in enumerate(js)}
    texts_a = [sa.items[i][0].text for i in is_]
    texts_b = [sb.items[j][0].text for j in js]
    if kind is Kind.UNCHANGED or (kind is Kind.MOVED and score == 100.0):
        spans_a = [words.plain(t) for t in texts_a]
        spans_b = [words.plain(t) for t in texts_b]
    else:
        spans_a, spans_b = words.mark(
            texts_a,
            [_relocal(sa.units[u], local_a) for u in ua],
            texts_b,
            [_relocal(sb.units[v], local_b) for v in ub],
            unit_sim[np.ix_(ua, ub)],
        )
    items_a = [_item(sa, i, sp) for i, sp in zip(is_, spans_a, strict=True)]
    items_b = [_item(sb, j, sp) for j, sp in zip(js, spans_b, strict=True)]
    return Change(kind, score, items_a, items_b, moved=moved)


def _relocal(unit: words.Unit, local: dict[int, int]) -> words.Unit:
    return words.Unit(local[unit.owner], unit.start, unit.end)


def _item(side: _Side, index: int, spans: list[Span] | None = None) -> Item:
    commitment, area = side.items[index]
    return Item(commitment, area, index, words.plain(commitment.text) if spans is None else spans)


def _ordered(a: Meeting, b: Meeting, pairs: list[AreaMatch], changes: list[Change]) -> MeetingDiff:
    """Area pairs in the new meeting's order, a dropped area after its old predecessor's
    pair; each change under the area of its first new commitment (a dropped one under
    its old area's pair), by position, a dropped commitment after its old predecessor."""
    by_b = {id(p.b): p for p in pairs if p.b is not None}
    by_a = {id(p.a): p for p in pairs if p.a is not None}
    ordered = [by_b[id(area)] for area in b.areas]
    for ai, area in enumerate(a.areas):
        pair = by_a[id(area)]
        if pair.b is None:
            before = next((by_a[id(a.areas[k])] for k in range(ai - 1, -1, -1)), None)
            at = ordered.index(before) + 1 if before in ordered else 0
            ordered.insert(at, pair)
    placed: list[Change] = []
    for change in sorted((c for c in changes if c.b), key=lambda c: c.b[0].index):
        change.area = by_b[id(change.b[0].area)]
        placed.append(change)
    for change in sorted((c for c in changes if not c.b), key=lambda c: c.a[0].index):
        item = change.a[0]
        change.area = by_a[id(item.area)]
        same = [k for k, o in enumerate(placed) if o.area is change.area]
        after = [k for k in same if any(x.index < item.index for x in placed[k].a)]
        at = after[-1] + 1 if after else (same[0] if same else len(placed))
        placed.insert(at, change)
    rank = {id(p): k for k, p in enumerate(ordered)}
    placed.sort(key=lambda c: rank[id(c.area)])  # stable: keeps the order within an area
    return MeetingDiff(a, b, ordered, placed)

"""Finding where a lost heading stood: topic changes between adjacent paragraphs.

Two signals, averaged: the paragraphs' own words (tf-idf over the release, so the
parties' names that every paragraph repeats weigh nothing — as in TextTiling) and
the lexicon's topics. A gap is a candidate only where both sides are about
different topics, and the paragraph after it is not about the section heading's
own topic.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable

from parsers.blocks import Block
from parsers.keyphrase import KeyPhrases, key_phrases, stem
from parsers.lexicon import Lexicon, best_topic, similarity

#: A split needs at least this much change (0–1) to be made at all.
MIN_SPLIT_SCORE = 0.6
#: … and a split by the words alone (``GapScorer.best_word_split``) this much.
MIN_WORD_SPLIT_SCORE = 0.75

_STOP = frozenset(
    "a an and are as at be between both by for from has have in into is it its of on or "
    "other our such that the their these this to two was were which will with within "
    "place places side sides party parties co-operation cooperation exchange exchanges "
    "promote support strengthen encourage explore continue enhance further jointly "
    "actively relevant various etc".split()
)
_WORD = re.compile(r"[a-z][a-z-]+")


def _terms(text: str) -> Counter[str]:
    words = []
    for w in _WORD.findall(text.lower()):
        for part in w.split("-"):
            if len(part) > 2 and part not in _STOP:
                words.append(stem(part))
    return Counter(words)


class GapScorer:
    """Scores the gaps between paragraphs of one release."""

    def __init__(self, paragraphs: list[str], lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        docs = [_terms(p) for p in paragraphs]
        df: Counter[str] = Counter()
        for d in docs:
            df.update(d.keys())
        n = max(1, len(docs))
        self._idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self._vectors: dict[str, dict[str, float]] = {}  # each text's, asked for again and again
        self._splits: dict[tuple[tuple[str, ...], str | None, float], tuple[float, int] | None]
        self._splits = {}
        self._word_gaps: dict[tuple[tuple[str, ...], str | None], list[tuple[int, float]]]
        self._word_gaps = {}

    def _vector(self, text: str) -> dict[str, float]:
        vector = self._vectors.get(text)
        if vector is None:
            vector = self._vectors[text] = {
                t: (1 + math.log(c)) * self._idf.get(t, 1.0) for t, c in _terms(text).items()
            }
        return vector

    def best_split(
        self, paragraphs: list[str], heading: str | None, threshold: float = MIN_SPLIT_SCORE
    ) -> tuple[float, int] | None:
        """The best place to split a run of paragraphs in two, as (score, index), if any.

        A split is scored by how different the two sides are as wholes (the heading
        counting on the left) and how sharp the change is at the gap itself. The sections
        a split leaves alone are asked again in each round of ``_infer_missing``: cached.
        """
        key = (tuple(paragraphs), heading, threshold)
        if key not in self._splits:
            self._splits[key] = self._best_split(paragraphs, heading, threshold)
        return self._splits[key]

    def _best_split(
        self, paragraphs: list[str], heading: str | None, threshold: float
    ) -> tuple[float, int] | None:
        if len(paragraphs) < 2:
            return None
        topics = [self.lexicon.scores(p) for p in paragraphs]
        vectors = [self._vector(p) for p in paragraphs]
        head_topics = self.lexicon.scores(heading) if heading else {}
        head_vector = self._vector(heading) if heading else {}
        heading_topic = self.lexicon.topic_of_heading(heading) if heading else None
        best: tuple[float, int] | None = None
        # The left sides grow by one paragraph a gap (summed in the same order as anew).
        left_t, left_w = _sum([head_topics]), _sum([head_vector])
        for gap in range(1, len(paragraphs)):
            _add(left_t, topics[gap - 1])
            _add(left_w, vectors[gap - 1])
            right_t = _sum(topics[gap:])
            right_w = _sum(vectors[gap:])
            right_topic, _ = best_topic(right_t)
            if right_topic is None or right_topic == best_topic(left_t)[0]:
                continue
            between = 1.0 - (similarity(left_w, right_w) + similarity(left_t, right_t)) / 2
            before, after = gap - 1, gap
            local = (
                1.0
                - (
                    similarity(vectors[before], vectors[after])
                    + similarity(topics[before], topics[after])
                )
                / 2
            )
            score = (between + local) / 2
            # paragraphs opening the right side on none of its topic give no sign that the
            # new topic began before them: they stay under the heading they are printed under
            strays = next(
                (k for k, t in enumerate(topics[gap:]) if t.get(right_topic)), len(topics) - gap
            )
            score *= 1.0 - 0.5 * strays / len(paragraphs)
            if heading_topic is not None and right_topic == heading_topic:
                score *= 0.5  # the heading's own topic goes on
            if score >= threshold and (best is None or score > best[0]):
                best = (score, gap)
        return best

    def best_word_split(
        self,
        paragraphs: list[str],
        heading: str | None,
        threshold: float = MIN_WORD_SPLIT_SCORE,
        allowed: Callable[[int], bool] = lambda gap: True,
    ) -> tuple[float, int] | None:
        """The best split of a run of paragraphs by their words alone, for a topic the
        lexicon does not know: scored as ``best_split`` scores it without the topics
        (the sides as wholes, the heading on the left, and the gap itself), among the
        gaps ``allowed`` (the caller's check that the right side holds together)."""
        if len(paragraphs) < 2:
            return None
        key = (tuple(paragraphs), heading)
        scores = self._word_gaps.get(key)
        if scores is None:
            scores = self._word_gaps[key] = self._word_gap_scores(paragraphs, heading)
        best: tuple[float, int] | None = None
        for gap, score in scores:
            if score >= threshold and (best is None or score > best[0]) and allowed(gap):
                best = (score, gap)
        return best

    def _word_gap_scores(
        self, paragraphs: list[str], heading: str | None
    ) -> list[tuple[int, float]]:
        """Each gap's score by words alone (a section a split leaves alone is asked again
        in each round: cached by ``best_word_split``)."""
        vectors = [self._vector(p) for p in paragraphs]
        out: list[tuple[int, float]] = []
        left = _sum([self._vector(heading) if heading else {}])
        for gap in range(1, len(paragraphs)):
            _add(left, vectors[gap - 1])
            right = _sum(vectors[gap:])
            between = 1.0 - similarity(left, right)
            local = 1.0 - similarity(vectors[gap - 1], vectors[gap])
            out.append((gap, (between + local) / 2))
        return out


def _sum(vectors: list[dict[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for v in vectors:
        _add(out, v)
    return out


def _add(out: dict[str, float], v: dict[str, float]) -> None:
    for k, x in v.items():
        out[k] = out.get(k, 0.0) + x


def in_passing(text: str, lexicon: Lexicon) -> bool:
    """Whether a paragraph's lexicon topic is a single word in passing (too little to make
    it an area of its own by the lexicon alone)."""
    scores = lexicon.scores(text)
    return bool(scores) and max(scores.values()) < 2.0


class WordSplits:
    """Splits by the paragraphs' words alone (``GapScorer.best_word_split``), for topics
    the lexicon does not know: the new group must open with a key phrase of its own
    (``KeyPhrases.opens_group``)."""

    def __init__(self, paras: list[Block], scorer: GapScorer, parties: list[str]) -> None:
        self._at = {id(p): i for i, p in enumerate(paras)}
        self._texts = [p.text for p in paras]
        self._parties = parties
        self._phrases: KeyPhrases | None = None  # built when first asked
        self._scorer = scorer

    def _opens_group(self, paras: list[Block]) -> bool:
        if self._phrases is None:
            self._phrases = key_phrases(self._texts, self._parties)
        return self._phrases.opens_group([self._at[id(p)] for p in paras])

    def best(
        self,
        pieces: list[tuple[list[Block], str | None]],
        threshold: float = MIN_WORD_SPLIT_SCORE,
        single: bool = False,
    ) -> tuple[float, int, int] | None:
        """The clearest change of words in any of ``pieces`` (paragraphs, heading), as
        (score, piece, gap). ``single``: the new group may be one paragraph (numbered
        headings say a heading was lost there, so the words only say where)."""
        best: tuple[float, int, int] | None = None
        for pi, (paras, heading) in enumerate(pieces):

            def allowed(gap: int, paras: list[Block] = paras) -> bool:
                return (single and gap == len(paras) - 1) or self._opens_group(paras[gap:])

            found = self._scorer.best_word_split(
                [p.text for p in paras], heading, threshold, allowed
            )
            if found and (best is None or found[0] > best[0]):
                best = (found[0], pi, found[1])
        return best

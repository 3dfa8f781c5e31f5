"""Text pieces the comparison works on: sentences, words, content-word stems, scores.

Everything here is plain Python plus rapidfuzz/numpy; no Textual.

*Units.* A commitment is cut into sentences and clauses at ``.`` and ``;`` (the
separators press releases use between the things a paragraph promises), so a short
new item can be found inside one clause of an old, long paragraph. Very short
pieces (fewer than :data:`MIN_UNIT_WORDS` content words, e.g. "etc.") are glued to
the piece before them.

*Similarity* of two texts (0–100) combines two views:

- content words: an IDF-weighted Dice overlap of content-word stems, the IDF
  ``log((N + 1) / df)`` taken over all the texts being compared. Stopwords and the
  parties' names do not count; the genre's own words (:data:`GENRE_WORDS`:
  "strengthen", "promote", "exchanges", "co-operation", "the two places" …) count a
  fifth. So rare topic words decide, boilerplate hardly matters.
- characters: the better of rapidfuzz ``ratio`` and ``token_sort_ratio`` on the
  content-word stems (genre words out), with what two unrelated English texts
  share anyway (:data:`CHAR_BASELINE`) taken off and the rest rescaled to 0–100.

The score is ``max(words, sqrt(words · chars))``: the word view alone can make a
link, the character view only strengthens one the words already support (a
geometric mean), so shared phrasing around a different topic never does.
*Phrases* (:func:`phrases`): pairs of topic words next to each other ("civil
servants", "environmental protection", "belt … road"), for the alignment's anchors
(see :mod:`compare.align`).

A one-word rewording scores about 90–98, a reordered sentence about the same, one
sentence carried over from a long paragraph 60–90 at unit level, a continuation
rephrased around the same topic words 30–70, unrelated commitments of the genre —
even "strengthen exchanges and co-operation between the two places in X" against
"… in Y" — 0–25. A paraphrase sharing no topic word (a "rail link" become a "fast
railway") is not recognised: the comparison is lexical.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from parsers.zh_script import fold

#: The character similarity two unrelated English sentences typically reach (Indel
#: ratio on letters): only what lies above it counts as evidence.
CHAR_BASELINE = 50.0

#: Pieces with fewer content words than this are glued to the previous piece.
MIN_UNIT_WORDS = 3

_SPLIT = re.compile(r"(?<=[.;])\s+|(?<=[.;])(?=[A-Z])|(?<=[。；！？])\s*(?=\S)")
_ABBREVIATIONS = ("etc.", "e.g.", "i.e.", "mr.", "mrs.", "ms.", "dr.", "no.", "vs.", "st.")
#: A Han character: Chinese has no spaces between words, so each character is a token
#: (what is marked changed) and pairs of characters are its "words" (``content_words``).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_TOKEN = re.compile(
    f"[{_HAN}]|(?:(?![{_HAN}])\\w)+(?:[-'’](?:(?![{_HAN}])\\w)+)*|[^\\w\\s]", re.UNICODE
)
_WORD = re.compile(r"\w+", re.UNICODE)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_INNER = re.compile(r"(?<=\w)[-‐‑'’](?=\w)")

STOPWORDS = frozenset(
    """a about above across after against all also among amongst an and any are as at be
    been before being below between both but by can could do does each either etc for
    from further had has have having here how however if in including into is it its
    itself may might more most must no nor not of off on once only or other others our
    ours out over own same shall should so some such than that the their theirs them
    themselves then there these they this those through to too two under until up upon
    very via was we were what when where which while who whom whose why will with within
    without would""".split()
)


#: The words of the genre: how a commitment is phrased, not what it is about. They count
#: :data:`GENRE_WEIGHT` times their IDF in the word view and not at all in the
#: character view, so "strengthen exchanges and co-operation between the two places in
#: X" and "… in Y" are as different as X and Y.
GENRE_WORDS = """strengthen promote support encourage deepen enhance facilitate explore expand
    continue jointly joint actively further establish carry conduct organise organize
    exchange exchanges cooperation collaboration cooperate collaborate communication
    place places side sides party parties area areas field fields relevant regular
    work together""".split()
GENRE_WEIGHT = 0.2
#: The genre's words in Chinese (Simplified, as ``parsers.zh_script.fold`` gives them;
#: two characters each, as ``content_words`` cuts Chinese).
GENRE_WORDS_ZH = """支持 推动 鼓励 加强 促进 共同 深化 探索 探讨 两地 双方 合作 交流 积极 开展
    推进 提升 进一 一步 继续 持续 相关 领域 方面 便利 建立 完善""".split()


def normalise(text: str) -> str:
    """Case-folded words separated by single spaces; punctuation and layout do not count."""
    return " ".join(_NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split())


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light English stemmer: one common suffix off, so that "exchanges"/"exchange",
    "cultural"/"culture" and "implements"/"implement" become one word. It never needs
    to be a real root, only the same for the forms of a word."""
    for suffix, keep in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + keep
    return word


_SUFFIXES = (
    ("ations", ""), ("ation", ""), ("ments", ""), ("ment", ""), ("ings", ""), ("ing", ""),
    ("ies", "y"), ("ied", "y"), ("ed", ""), ("es", ""), ("s", ""), ("al", ""), ("e", ""),
)  # fmt: skip


@functools.lru_cache(maxsize=1 << 14)
def content_words(text: str, ignore: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Stems of the words that carry meaning: no stopwords, no numbers alone, none of
    ``ignore`` (the parties' names, which every commitment of a meeting mentions).
    Hyphens and apostrophes inside a word are dropped ("co-operation" = "cooperation")."""
    folded = _INNER.sub("", unicodedata.normalize("NFKC", text).casefold())
    words = _WORD.findall(folded)
    if _HAN_RUN.search(folded):
        words = [piece for w in words for piece in _han_words(w)]
    stems = (stem(w) for w in words if w not in STOPWORDS and not w.isdigit())
    return tuple(s for s in stems if s not in ignore)


_HAN_OR_NOT = re.compile(f"[{_HAN}]+|[^{_HAN}]+")


def _han_words(word: str) -> list[str]:
    """A word with Chinese in it as the comparison counts it: each run of Han characters
    as its pairs of neighbouring characters (one character alone as itself), in
    Simplified (``parsers.zh_script.fold``), so that a changed character ("20次" → "30次",
    "聚焦人工智能" → "聚焦人工智能、集成电路") changes a pair or two, not the whole
    clause; the Latin letters and digits around it as words of their own."""
    out: list[str] = []
    for piece in _HAN_OR_NOT.findall(word):
        if not _HAN_RUN.match(piece):
            out.append(piece)
            continue
        run = fold(piece)
        out.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
    return out


def unit_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence and ``;`` clause of ``text`` (see the module doc)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SPLIT.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    spans = [_strip(text, s, e) for s, e in spans]
    spans = [(s, e) for s, e in spans if e > s]
    units: list[tuple[int, int]] = []
    for s, e in spans:
        if units and (
            text[units[-1][0] : units[-1][1]].casefold().endswith(_ABBREVIATIONS)
            or len(content_words(text[s:e])) < MIN_UNIT_WORDS
        ):
            units[-1] = (units[-1][0], e)
        else:
            units.append((s, e))
    if len(units) > 1 and len(content_words(text[units[0][0] : units[0][1]])) < MIN_UNIT_WORDS:
        units[1] = (units[0][0], units[1][1])
        del units[0]
    return units or [(0, len(text))]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def token_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each word and punctuation mark of ``text[start:end]``."""
    end = len(text) if end is None else end
    return [m.span() for m in _TOKEN.finditer(text, start, end)]


@dataclass
class Vectors:
    """Binary bags of content-word stems over one vocabulary, with the stems' IDF weights."""

    bags: np.ndarray  # texts × vocabulary, 1.0 where the stem occurs
    weights: np.ndarray  # the IDF weight of each stem

    @property
    def totals(self) -> np.ndarray:
        return self.bags @ self.weights

    def rows(self, start: int, stop: int) -> Vectors:
        return Vectors(self.bags[start:stop], self.weights)


def idf_vectors(texts: Sequence[str], ignore: frozenset[str] = frozenset()) -> Vectors:
    """Bags of stems of ``texts``, each stem weighted by ``log((N + 1) / df)`` over ``texts``."""
    bags = [set(content_words(t, ignore)) for t in texts]
    df: dict[str, int] = {}
    for bag in bags:
        for word in bag:
            df[word] = df.get(word, 0) + 1
    vocab = {w: i for i, w in enumerate(sorted(df))}
    n = max(len(bags), 1)
    weights = np.array(
        [math.log((n + 1) / df[w]) * (GENRE_WEIGHT if w in _GENRE else 1.0) for w in sorted(df)],
        dtype=np.float64,
    )
    matrix = np.zeros((len(texts), len(vocab)), dtype=np.float64)
    for row, bag in enumerate(bags):
        matrix[row, [vocab[w] for w in bag]] = 1.0
    return Vectors(matrix, weights)


def word_similarity(left: Vectors, right: Vectors) -> np.ndarray:
    """Weighted Dice (0–100) of every left bag with every right bag (same vocabulary)."""
    shared = (left.bags * left.weights) @ right.bags.T
    total = left.totals[:, None] + right.totals[None, :]
    safe = np.where(total > 0, total, 1.0)
    return np.where(total > 0, 200.0 * shared / safe, 0.0)


def similarity_matrix(
    left: Sequence[str],
    right: Sequence[str],
    ignore: frozenset[str] = frozenset(),
    vectors: Vectors | None = None,
) -> np.ndarray:
    """The similarity (0–100, see the module docstring) of every left text with every right
    one; ``vectors`` may give ``idf_vectors([*left, *right], ignore)`` made already."""
    if not left or not right:
        return np.zeros((len(left), len(right)))
    norm_left = [_topic(t, ignore) for t in left]
    norm_right = [_topic(t, ignore) for t in right]
    sorted_left = [" ".join(sorted(t.split())) for t in norm_left]  # token_sort_ratio, but
    sorted_right = [" ".join(sorted(t.split())) for t in norm_right]  # each text sorted once
    chars = np.maximum(
        process.cdist(norm_left, norm_right, scorer=fuzz.ratio, dtype=np.float32),
        process.cdist(sorted_left, sorted_right, scorer=fuzz.ratio, dtype=np.float32),
    ).astype(np.float64)
    chars = np.clip((chars - CHAR_BASELINE) * 100.0 / (100.0 - CHAR_BASELINE), 0.0, 100.0)
    if vectors is None:
        vectors = idf_vectors([*left, *right], ignore)
    split = len(left)
    words = word_similarity(vectors.rows(0, split), vectors.rows(split, len(vectors.bags)))
    return np.maximum(words, np.sqrt(words * chars))


def _topic(text: str, ignore: frozenset[str]) -> str:
    """The text as the character view sees it: its content-word stems, genre words out."""
    return " ".join(w for w in content_words(text, ignore) if w not in _GENRE)


_PHRASE_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
_JOINER = re.compile(r"[-'’]")

#: Two topic words make a phrase when at most this many tokens lie between them (one
#: stopword: "belt and road", "exchanges between civil servants").
PHRASE_GAP = 1


@functools.lru_cache(maxsize=1 << 14)
def phrases(text: str, ignore: frozenset[str] = frozenset()) -> frozenset[tuple[str, str]]:
    """Pairs of neighbouring topic-word stems of ``text``: no genre word, party name or
    number in a pair, at most :data:`PHRASE_GAP` stopword between its two words.

    A hyphenated compound of two long parts counts as two words ("protection-related"
    → "protection", "related"), so a phrase survives being made into a compound; a
    short part keeps the compound one word ("co-operation", "sci-tech")."""
    words: list[str] = []
    for token in _PHRASE_TOKEN.findall(unicodedata.normalize("NFKC", text).casefold()):
        parts = _JOINER.split(token)
        if len(parts) > 1 and all(len(part) >= 4 for part in parts):
            words.extend(parts)
        else:
            words.append("".join(parts))
    found: set[tuple[str, str]] = set()
    previous: str | None = None
    gap = 0
    for word in words:
        if word in STOPWORDS:
            gap += 1
            continue
        topic = None if word.isdigit() else stem(word)
        if topic in ignore or topic in _GENRE:
            topic = None
        if previous is not None and topic is not None and gap <= PHRASE_GAP:
            found.add((previous, topic))
        previous, gap = topic, 0
    return frozenset(found)


def ignored_words(*names: str) -> frozenset[str]:
    """The words of the given names (the parties), as :func:`content_words` sees them."""
    return frozenset(w for name in names for w in content_words(name))


_GENRE = frozenset(stem(w) for w in GENRE_WORDS) | frozenset(GENRE_WORDS_ZH)

"""Naming a group of commitments from its own words, when its heading was lost and the
lexicon (``parsers.lexicon``) knows nothing of its topic.

A name is the key phrase the group's paragraphs share. Candidates are runs of one to
three content words: each paragraph is cut at punctuation, numbers, function words, the
verbs commitments are made with ("support", "strengthen", "promote" …) and the words
every co-operation text uses ("co-operation", "exchanges", "the two sides" …), and every
run of up to three words left is a candidate. A candidate scores by

- how many of the group's paragraphs use it (a name must be *shared*: with two
  paragraphs or more, by at least two of them);
- how specific it is to the group, against the rest of the release (an inverse document
  frequency over the release's paragraphs, and never more common outside the group than
  in it), so the parties' names and the family's stock phrases weigh nothing;
- how often the group uses it, whether it is the object of the co-operation
  ("co-operation in *disaster prevention*", "exchanges on *water resources*"), and in
  how many phrases ("*tourism* products", "*tourism* routes": a topic, not one thing).

The best candidate grows into a longer phrase that contains it when the group always
uses it so ("heritage" → "cultural heritage"), and is written in the case the release's
other headings use (Title Case or Sentence case), as it is spelt in the text.
Words are compared by a light stem (plurals: "agencies" and "agency" are one word; a noun
and its adjective too: "statistics" and "statistical").
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parsers.lexicon import Lexicon

#: The longest candidate, in words.
MAX_WORDS = 3

_FUNCTION = (
    "a about above after again against all also am an and any are around as at be been "
    "before being below between both but by can could did do does doing down during each "
    "etc few for from further had has have having here how i if in into is it its itself "
    "just may might more most must no nor not now of off on once only or other others our "
    "out over own per same shall should so some such than that the their theirs them then "
    "there these they this those through thus to too under until up upon very via was we "
    "were what when where whether which while who whom why will with within without would "
    "yet well including include includes included among amongst towards toward along "
    "across beyond regarding concerning respectively namely e.g i.e together each other "
    "every year years"
)
#: Words every co-operation text uses whatever its topic: never a name, nor part of one.
_STOCK = (
    "co-operation cooperation co-operate cooperate collaboration collaborate exchange "
    "exchanges communication communications partnership partnerships side sides party "
    "parties place places two three both mutual mutually joint jointly relevant various "
    "respective different new more further closer close deep deeper key important major "
    "full fully better effective effectively practical pragmatic regular regularly active "
    "actively positive positively proactive proactively continuous continuously "
    "high-quality quality level levels aspect aspects area areas field fields sector "
    "sectors domain domains work works role roles opportunity opportunities advantage "
    "advantages strength strengths development developments mechanism mechanisms "
    "platform platforms measure measures activity activities project projects "
    "initiative initiatives matter matters issue issues way ways effort efforts "
    "aspect arrangement arrangements framework agreement agreements memorandum "
    "consensus purpose aim aims goal goals basis region regional local province "
    "provincial city cities government governments department departments authority "
    "authorities organisation organisations organization organizations institution "
    "institutions people year years annual annually future current existing ongoing "
    "enterprise enterprises company companies firm firms "
    "mainland sar hksar municipal municipality autonomous special administrative "
    # adjectives that say how, not what
    "free open easy easier available possible necessary convenient smooth smoother simple "
    "simpler fast faster quick quicker safe safer cheap cheaper wide wider broad broader "
    "large larger small smaller good"
)
#: The verbs commitments are made with (each also in its -s, -ed and -ing forms).
_VERBS = (
    "support strengthen promote encourage explore continue enhance deepen expand "
    "establish facilitate expedite accelerate increase leverage make take improve "
    "implement provide organise organize set launch build develop foster work carry "
    "share study consider step pursue conduct optimise optimize give help introduce "
    "attract intensify advance boost create ensure maintain hold seek strive reinforce "
    "agree discuss use utilise utilize play serve achieve realise realize host invite "
    "welcome participate engage assist enable allow deliver form render tap broaden "
    "extend upgrade coordinate co-ordinate connect link align complement benefit "
    "jointly-organise arrange plan explore undertake contribute drive lead open provide "
    "offer bring gather meet visit join sign reach focus cover enrich consolidate "
    "progress push innovate nurture cultivate attach better step-up follow keep "
    "uphold observe run let protect"
)
_IRREGULAR = "built held made taken took given gave done undertaken brought met led kept"


def _forms(verb: str) -> set[str]:
    forms = {verb, verb + "s", verb + "ed", verb + "ing", verb + "d"}
    if verb.endswith("e"):
        forms |= {verb[:-1] + "ing", verb + "s", verb + "d"}
    if verb.endswith("y"):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if verb.endswith(("s", "sh", "ch", "x")):
        forms.add(verb + "es")
    return forms


_BREAK = frozenset(
    _FUNCTION.split()
    + _STOCK.split()
    + _IRREGULAR.split()
    + [f for v in _VERBS.split() for f in _forms(v)]
)
#: Words after which the next run of words is what the co-operation is about.
_CUE_NOUNS = frozenset(
    "co-operation cooperation collaboration exchange exchanges communication field fields "
    "area areas sector sectors aspect aspects domain domains partnership".split()
)
_CUE_PREPOSITIONS = frozenset("in on of for".split())
#: Endings of adjectives (a name should end in a noun: "cultural heritage", not "cultural").
_ADJECTIVE = re.compile(r"(?:[^aeiou]al|ic|ive|ous|ful|ary|less|able|ible)$")
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d[\d,.:%/]*|\S")
_SMALL = frozenset("a an and as at by for in of on or the to with".split())


#: Endings that make an adjective (or a field) of a noun, and what is left of them
#: ("statistical", "statistics" → "statist"; "meteorology", "meteorological" →
#: "meteorolog"); the first that ends a word is taken off when it leaves ``_MIN_STEM``
#: letters or more.
_DERIVED = (
    ("ological", "olog"), ("ology", "olog"), ("onomic", "onom"), ("onomy", "onom"),
    ("ographic", "ograph"), ("ography", "ograph"),
    ("ical", ""), ("ial", ""), ("al", ""), ("ic", ""), ("e", ""),
)  # fmt: skip
_MIN_STEM = 5


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A word's light stem: lower case, plural ending off ("agencies" → "agency"), then
    the ending that makes an adjective or a field of it ("statistics", "statistical" →
    "statist"; "cultural", "culture" → "cultur"), so a noun and its adjective are one
    word."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s")):
        w = w[:-1]
    for ending, rest in _DERIVED:
        if w.endswith(ending):
            cut = w[: len(w) - len(ending)] + rest
            return cut if len(cut) >= _MIN_STEM and cut[-1].isalpha() else w
    return w


@dataclass
class _Run:
    """A run of content words in a paragraph: (surface, stem) pairs, and whether a
    co-operation cue ("co-operation in …") stands right before it."""

    words: list[tuple[str, str]]
    cued: bool
    sentence_start: bool  # the run's first word opens a sentence (its capital says nothing)


def runs(text: str) -> list[_Run]:
    """The paragraph's runs of content words (what candidates are taken from)."""
    out: list[_Run] = []
    current: list[tuple[str, str]] = []
    cued = starts = False
    prev: list[str] = []  # the last two words (lower case) before the run
    sentence = True
    for token in _TOKEN.findall(text):
        low = token.lower()
        possessive = low.endswith(("'s", "’s"))
        if possessive:
            token, low = token[:-2], low[:-2]
        word = token[0].isalpha() and low not in _BREAK and len(low) > 1
        if word:
            if not current:
                cued = len(prev) == 2 and prev[0] in _CUE_NOUNS and prev[1] in _CUE_PREPOSITIONS
                starts = sentence
            current.append((token, stem(low)))
        if (not word or possessive) and current:
            out.append(_Run(current, cued, starts))
            current = []
        if token[0].isalpha():
            prev = [*prev[-1:], low]
        elif token not in ("-", "–"):
            prev = []
        if token in (".", ";", ":", "!", "?"):
            sentence = True
        elif token[0].isalnum():
            sentence = False
    if current:
        out.append(_Run(current, cued, starts))
    return out


Key = tuple[str, ...]


@dataclass
class _Candidate:
    key: Key
    paragraphs: set[int] = field(default_factory=set)  # the group's paragraphs using it
    count: int = 0  # its uses in the group
    cued: bool = False
    first: int = 1 << 30  # where it is first used in the group (a word count)
    forms: Counter[tuple[str, ...]] = field(default_factory=Counter)
    #: the different words the group puts after or before it ("tourism" → "products",
    #: "routes"): a word many phrases are made of names a topic rather than one thing
    neighbours: set[tuple[int, str]] = field(default_factory=set)


def _grams(run: _Run) -> Iterable[tuple[int, Key, tuple[str, ...]]]:
    """(start, stems, surface) of every run of 1–``MAX_WORDS`` words in ``run``."""
    words = run.words
    for i in range(len(words)):
        for n in range(1, MAX_WORDS + 1):
            if i + n > len(words):
                break
            part = words[i : i + n]
            yield i, tuple(s for _, s in part), tuple(w for w, _ in part)


class KeyPhrases:
    """The key phrases of groups of a release's paragraphs (its areas' commitments)."""

    def __init__(self, paragraphs: list[str], avoid: Iterable[str] = ()) -> None:
        """``avoid``: names no phrase may contain (the parties: every area is about them)."""
        self._avoid = frozenset(stem(w) for name in avoid for w in _TOKEN.findall(name))
        self._runs = [runs(p) for p in paragraphs]
        #: each paragraph's candidates, as first written in it
        self._written: list[dict[Key, tuple[str, ...]]] = []
        for rs in self._runs:
            written: dict[Key, tuple[str, ...]] = {}
            for r in rs:
                for _, k, surface in _grams(r):
                    written.setdefault(k, surface)
            self._written.append(written)
        self._keys = [w.keys() for w in self._written]
        self._df: Counter[Key] = Counter()
        for keys in self._keys:
            self._df.update(keys)
        self.size = len(paragraphs)

    def phrase(self, group: list[int]) -> tuple[str, ...] | None:
        """The key phrase (its words as written) of the paragraphs ``group`` (indices into
        the paragraphs given), or None when they share none."""
        ranked = self.ranked(group)
        return ranked[0] if ranked else None

    def ranked(self, group: list[int]) -> list[tuple[str, ...]]:
        """Every acceptable key phrase of ``group``, the best first (the next ones are
        for when a name is taken already)."""
        if not group:
            return []
        cands = self._candidates(group)
        need = 1 if len(group) == 1 else 2
        rest = self.size - len(group)
        scored: list[tuple[float, int, int, Key]] = []
        for key, c in cands.items():
            shared = len(c.paragraphs)
            outside = self._df[key] - shared
            if shared < need or self._avoid.intersection(key):
                continue
            if outside and all(w[:1].isupper() for form in c.forms for w in form):
                continue  # a name used elsewhere in the release too (a party, a place)
            if rest and outside / rest >= shared / len(group):
                continue  # as common elsewhere in the release: not what sets the group apart
            scored.append((self._score(c, len(group)), shared, -c.first, key))
        scored.sort(key=lambda t: (-t[0], -t[1], -t[2], t[3]))
        out: list[tuple[str, ...]] = []
        seen: set[Key] = set()
        for _score, _shared, _first, key in scored:
            grown = self._grow(cands, key)
            if grown in seen:
                continue
            seen.add(grown)
            out.append(_written(cands[grown]))
        return out

    def used_by(self, words: tuple[str, ...], group: list[int]) -> int:
        """How many of the paragraphs ``group`` use the phrase ``words``."""
        key = tuple(stem(w) for w in words)
        return sum(1 for gi in group if key in self._keys[gi])

    def opens_group(self, group: list[int]) -> bool:
        """Whether the paragraphs ``group`` (two or more) open with a new topic of their
        own: a key phrase that their first two paragraphs both use, at least half of
        them use, the paragraph before them does not, and that is not more common in the
        rest of the release than in them."""
        if len(group) < 2:
            return False
        opening = self._keys[group[0]] & self._keys[group[1]]
        if group[0] > 0:
            opening -= self._keys[group[0] - 1]
        if not opening:
            return False
        written = self._written[group[0]]
        rest = self.size - len(group)
        for key in opening:
            shared = sum(1 for gi in group if key in self._keys[gi])
            if 2 * shared < len(group) or self._avoid.intersection(key):
                continue
            if rest and (self._df[key] - shared) / rest >= shared / len(group):
                continue
            if self._df[key] > shared and all(w[:1].isupper() for w in written[key]):
                continue  # a name used elsewhere in the release too (a party, a place)
            return True
        return False

    def _candidates(self, group: list[int]) -> dict[Key, _Candidate]:
        cands: dict[Key, _Candidate] = {}
        offset = 0
        for gi in group:
            for run in self._runs[gi]:
                for i, key, surface in _grams(run):
                    c = cands.get(key)
                    if c is None:
                        c = cands[key] = _Candidate(key)
                    c.paragraphs.add(gi)
                    c.count += 1
                    c.cued = c.cued or (run.cued and i == 0)
                    c.first = min(c.first, offset + i)
                    # a capital that opens a sentence says nothing of how it is spelt
                    if i == 0 and run.sentence_start and surface[0][1:].islower():
                        surface = (surface[0].lower(), *surface[1:])
                    c.forms[surface] += 1
                    words = run.words
                    if i > 0:
                        c.neighbours.add((-1, words[i - 1][1]))
                    if i + len(key) < len(words):
                        c.neighbours.add((1, words[i + len(key)][1]))
                offset += len(run.words) + 1
        return cands

    def _score(self, c: _Candidate, group_size: int) -> float:
        idf = math.log((self.size + 1) / (self._df[c.key] + 0.5))
        score = len(c.paragraphs) / group_size * idf * (1 + 0.5 * math.log(c.count))
        if c.cued:
            score *= 1.5
        score *= 1 + 0.1 * min(len(c.neighbours), 3)
        if all(_ADJECTIVE.search(form[-1].lower()) for form in c.forms):
            score *= 0.4 if len(c.key) == 1 else 0.6
        return score

    def _grow(self, cands: dict[Key, _Candidate], key: Key) -> Key:
        """``key``, or a longer phrase containing it that the group uses wherever it uses
        ``key`` and at least half as often (so "heritage" becomes "cultural heritage")."""
        c = cands[key]
        while len(key) < MAX_WORDS:
            best: _Candidate | None = None
            for other in cands.values():
                if (
                    len(other.key) == len(key) + 1
                    and other.paragraphs == c.paragraphs
                    and 2 * other.count >= c.count
                    and _contains(other.key, key)
                    and (best is None or (other.count, -other.first) > (best.count, -best.first))
                ):
                    best = other
            if best is None:
                break
            key, c = best.key, best
        return key


_LAST: list[tuple[tuple[tuple[str, ...], tuple[str, ...]], KeyPhrases]] = []


def key_phrases(paragraphs: list[str], avoid: list[str]) -> KeyPhrases:
    """``KeyPhrases(paragraphs, avoid)``, the last one made given again for the same
    paragraphs (a parse asks where to split and then how to name, of the same release)."""
    key = (tuple(paragraphs), tuple(avoid))
    last = next(iter(_LAST), None)  # one read: another thread may replace it meanwhile
    if last is not None and last[0] == key:
        return last[1]
    made = KeyPhrases(paragraphs, avoid)
    _LAST[:] = [(key, made)]
    return made


def _contains(longer: Key, shorter: Key) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _written(c: _Candidate) -> tuple[str, ...]:
    """The candidate as the group spells it most often, a noun before an adjective of it
    ("statistics", not "statistical"; on a tie, the plural: a name is of a kind of
    thing, "Parcels"; then the first seen)."""
    return max(
        c.forms.items(),
        key=lambda kv: (not _ADJECTIVE.search(kv[0][-1].lower()), kv[1], len("".join(kv[0]))),
    )[0]


def heading_case(headings: list[str]) -> str:
    """ "title" when the release's headings capitalise their words ("Trade and Investment"),
    "sentence" when only the first ("Trade and investment"); "title" without any."""
    upper = lower = 0
    for h in headings:
        for w in h.split()[1:]:
            if len(w) > 3 and w[0].isalpha() and w.lower() not in _SMALL:
                if w[0].isupper():
                    upper += 1
                else:
                    lower += 1
    return "sentence" if lower > upper else "title"


def as_heading(words: tuple[str, ...], case: str = "title") -> str:
    """A key phrase written as a heading in ``case`` ("title" or "sentence"): a word
    spelt with capitals in the text (a name, an acronym) keeps them."""
    out: list[str] = []
    for i, w in enumerate(words):
        kept = any(ch.isupper() for ch in w)
        if kept:
            out.append(w)
        elif i == 0 or (case == "title" and w.lower() not in _SMALL):
            out.append(w[:1].upper() + w[1:])
        else:
            out.append(w)
    return " ".join(out)


def lexicon_evident(topic: str, scores: list[dict[str, float]]) -> bool:
    """Whether the lexicon's ``topic`` is what a group of paragraphs is about, by their
    lexicon ``scores``: its vocabulary in most of them (in a lone paragraph,
    more than one word of it), not a word in passing."""
    using = [s[topic] for s in scores if s.get(topic)]
    if len(scores) == 1:
        return bool(using) and using[0] >= 2.0
    return 2 * len(using) > len(scores)


def closer(
    words: tuple[str, ...], topic: str, group: list[int], phrases: KeyPhrases, lexicon: Lexicon
) -> bool:
    """Whether the key phrase ``words`` names the paragraphs ``group`` more closely than
    the lexicon's ``topic``: a phrase of two words or more, in the topic's vocabulary and
    no other topic's, with no name in it (no capitals: "Hong Kong residents" is about
    people, not a field), that every paragraph of the group (two or more) uses ("legal
    aid" in each paragraph on legal aid: "Legal Aid", not "Legal and Dispute
    Resolution")."""
    return (
        len(words) >= 2
        and len(group) >= 2
        and not any(ch.isupper() for w in words for ch in w)
        and set(lexicon.scores(" ".join(words))) == {topic}
        and phrases.used_by(words, group) == len(group)
    )


def narrower(phrase: str, topic: str, texts: list[str], lexicon: Lexicon) -> bool:
    """Whether the key ``phrase`` names the paragraphs ``texts`` better than the lexicon's
    compound ``topic``: it is one part of it ("Tourism" of "Culture and Tourism") and all
    the topic's vocabulary the paragraphs use is the phrase's own words (no "museums",
    no "performances")."""
    parts = [p.strip() for p in re.split(r",| and ", topic.casefold()) if p.strip()]
    if len(parts) < 2 or phrase.casefold() not in parts:
        return False
    words = "|".join(re.escape(w) for w in phrase.casefold().split())
    own = re.compile(rf"\b(?:{words})\w*", re.IGNORECASE)
    return not any(lexicon.scores(own.sub(" ", t)).get(topic) for t in texts)


class ContentNames:
    """Names for a release's groups of paragraphs from their content (``KeyPhrases``),
    written in the case of the release's own ``headings``."""

    def __init__(self, paragraphs: list[str], headings: list[str], parties: list[str]) -> None:
        self._paragraphs = paragraphs
        self._case = heading_case(headings)
        self._parties = parties
        self._phrases: KeyPhrases | None = None  # built when first asked

    def name(self, group: list[int], used: Iterable[str] = ()) -> str | None:
        """The best key-phrase name of the paragraphs ``group`` not in ``used`` (compared
        without case), or None when they share none."""
        found = self._words(group, used)
        return as_heading(found, self._case) if found else None

    def closer(
        self, group: list[int], topic: str, lexicon: Lexicon, used: Iterable[str] = ()
    ) -> str | None:
        """The key-phrase name of ``group`` when it names it more closely than the
        lexicon's ``topic`` (``closer``), else None."""
        found = self._words(group, used)
        if found is None or not closer(found, topic, group, self._key_phrases(), lexicon):
            return None
        return as_heading(found, self._case)

    def _key_phrases(self) -> KeyPhrases:
        if self._phrases is None:
            self._phrases = key_phrases(self._paragraphs, self._parties)
        return self._phrases

    def _words(self, group: list[int], used: Iterable[str]) -> tuple[str, ...] | None:
        taken = {u.casefold() for u in used}
        for words in self._key_phrases().ranked(group):
            if as_heading(words, self._case).casefold() not in taken:
                return words
        return None

"""The parties of a meeting: the two governments a release names as meeting or agreeing.

A release names them in a sentence ("Zhejiang and Hong Kong reached consensus on …",
"Fujian and Hong Kong hold Third Co-operation Joint Conference") or joined by a slash or a
dash before the name of their co-operation ("the Third Fujian-Hong Kong Economic and Trade
Co-operation Joint Conference"). A party's name is one to four capitalised words on one
line and in one sentence: it never runs across a full stop, a line break or a heading.
Words that name a co-operation topic (``parsers.lexicon``), an ordinal ("Third") or the
press office ("Government Press Releases") are left off the front of a name; a candidate
that still holds a topic's word ("Trade and Logistics … will"), or that is a heading of
the release, is no pair of parties and the next candidate is tried. IDs are made from the
parties (``parsers.release``), so a wrong party would change every ID of a meeting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from parsers.blocks import COMMITMENT_STARTERS, Block
from parsers.lexicon import Lexicon, default_lexicon

#: One word of a name: capitalised; a full stop only inside it ("S.A.R") or ending an
#: abbreviation ("S.A.R."), so no name runs on past the end of a sentence.
_WORD = r"[A-Z][\w'’-]*(?:\.[A-Za-z][\w'’-]*)*(?:(?<=\.[A-Za-z])\.)?"
#: Spaces within a line: a name never spans a line break.
_SP = r"[^\S\n]+"
#: Between the parts of a sentence: spaces, and at most one line break (a wrapped line).
_GAP = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"
_NAME = _WORD + r"(?:" + _SP + _WORD + r"){0,3}"
#: A name starts a word (not "theCHP'swebsite"); the lookbehind rules out glued words.
_START = r"(?<![\w'’-])"
_PAIR = _START + r"(?P<a>" + _NAME + r")" + _GAP + r"(?:and|&)" + _GAP + r"(?P<b>" + _NAME + r")"
#: "A and B have reached / agreed / signed / … / will …"
_AGREED = re.compile(
    _PAIR + _GAP + r"(?:(?:have|has)" + _GAP + r")?"
    r"(?:reached|agreed|signed|concluded|identified|will|held|established|establish)"
)
#: A title's present tense, the meeting's noun in the same sentence: "A and B hold / convene
#: / open (the Third Co-operation Joint) Conference", "A and B sign co-operation agreements",
#: "A and B deepen co-operation".
_TITLED = re.compile(
    _PAIR
    + _GAP
    + r"(?:(?:holds?|convene[sd]?|open(?:s|ed)?)\b[^.;:!?\n]{0,80}?\b(?i:conference|meeting)s?\b"
    r"|signs?\b[^.;:!?\n]{0,80}?\b(?i:agreements?|memorand(?:um|a)|arrangements?|documents?)\b"
    r"|(?:deepens?|strengthens?|enhances?|expands?|steps?[^\S\n]+up)\b[^.;:!?\n]{0,40}?"
    r"\b(?i:co-?operation|ties|partnership)\b)"
)
#: The words after a pair, up to the name of their co-operation.
_RUN = r"(?P<run>(?:" + _WORD + r"|and|&)(?:" + _SP + r"(?:" + _WORD + r"|and|&)){0,11})"
#: "A/B", "A-B", "A–B" and the words after them.
_JOINED = re.compile(
    _START + r"(?P<a>" + _NAME + r")[^\S\n]*[/\-\u2010\u2011\u2013\u2014][^\S\n]*" + _RUN
)
#: "A and B" and the words after them ("Hubei and Macao Co-operation Joint Conference").
_AND_JOINED = re.compile(_START + r"(?P<a>" + _NAME + r")" + _SP + r"(?:and|&)" + _SP + _RUN)
_COOPERATION = re.compile(r"Co-?operation$")
#: What may follow "A-B (words) Co-operation": "Joint Conference", "Working Meeting".
_MEETING_QUALIFIERS = frozenset({"joint", "working", "liaison", "plenary", "high-level"})
_MEETING_NOUNS = frozenset({"conference", "meeting"})
#: Most words between a joined pair and "Co-operation" ("Economic and Trade").
_MOST_BETWEEN = 5

_ORDINALS = frozenset(
    (
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
    ).split()
)
_ORDINAL = re.compile(r"\d{1,3}(?:st|nd|rd|th)")
#: Words before a name that are not part of it: sentence openers and the press office's
#: running head ("HKSAR Government Press Releases Fujian-Hong Kong …").
_OPENERS = frozenset(
    "the both when while as and government press release releases news media".split()
)
#: Words describing a co-operation, never a place's: "Guangdong-Macao In-depth Co-operation
#: Zone", "Fujian-Hong Kong Economic and Trade Co-operation".
_DESCRIPTORS = frozenset(
    (
        "co-operation cooperation joint working conference meeting liaison plenary "
        "high-level in-depth economic strategic comprehensive regional development "
        "partnership exchange exchanges business commission committee forum summit "
        # officials, not places: "CE and Fujian Party Secretary hold meeting"
        "ce chief executive secretary governor mayor minister director chairman chairperson "
        "president premier vice deputy party delegation delegations officials leaders"
    ).split()
)
#: The first half of a hyphenated word, not a place: "Cross-Boundary", "Sino-Portuguese".
_PREFIXES = frozenset("sino pan cross mid inter trans non anti post pre multi year".split())
#: A hyphen between capitalised parts in one word: a third party ("Guangdong-Hong Kong-Macao").
_CHAINED = re.compile(r"[A-Za-z]-[A-Z]")


def find_parties(
    stated_sentence: str,
    header: list[Block],
    scope: str,
    *,
    body: Sequence[Block] = (),
    lexicon: Lexicon | None = None,
) -> list[str]:
    """The parties, in the order the release names them: from the sentence stating the
    number of areas, else the header's blocks (the title first), else the whole release
    (``scope``). A pair spanning a heading of the ``body`` (the blocks after the header),
    as "Trade and Logistics", is not taken; nor one holding a topic's word of the
    ``lexicon``. No plausible pair gives ``[]``."""
    topics = lexicon or default_lexicon()
    spans = [b.text.casefold().split() for b in body if b.kind == "heading"]
    spans = [h for h in spans if len(h) >= 2]
    for text in [stated_sentence, *(b.text for b in header), scope]:
        for a, b in _candidates(text, topics):
            pair = _plausible(a, b, topics, spans)
            if pair:
                return pair
    return []


def _candidates(text: str, topics: Lexicon) -> Iterator[tuple[str, str]]:
    """Every (first, second) name pair ``text`` offers, the patterns in order of trust."""
    for pattern in (_AGREED, _TITLED):
        for m in _matches(pattern, text):
            yield m.group("a"), m.group("b")
    for pattern in (_JOINED, _AND_JOINED):
        chain_end = 0
        for m in _matches(pattern, text):
            run = m.group("run").split()
            last = m.group("a").split()[-1]
            compound = f"{last}-{run[0]}".casefold()  # "High-Level", "Cross-Boundary"
            if m.start() < chain_end or compound in _DESCRIPTORS or last.casefold() in _PREFIXES:
                continue
            if _CHAINED.search(m.group("a")) or _CHAINED.search(run[0]):
                chain_end = m.end()  # three or more joined: "Guangdong-Hong Kong-Macao"
                continue
            second = _joined_second(run, topics, alone=pattern is _JOINED)
            if second:
                yield m.group("a"), second


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern``'s matches, each tried again from the next word when a candidate is not
    taken ("Trade and Logistics Fujian and Hong Kong will": from "Logistics")."""
    m = pattern.search(text)
    while m:
        yield m
        m = pattern.search(text, m.start() + 1)


def _joined_second(run: list[str], topics: Lexicon, *, alone: bool) -> str | None:
    """The second name of "A-B …" from the words after the dash (or "and"), when they go
    on to name the pair's co-operation: "B Co-operation" (``alone``: after a dash or a
    slash), or "B (a few words) Co-operation (Joint) Conference/Meeting", "B … Joint
    Meeting"; ``None`` when they do not."""
    end = next((i for i, w in enumerate(run) if _meeting_word(w)), None)
    if end is None:
        return None
    b: list[str] = []
    for word in run[:end]:
        if word in ("and", "&") or _not_a_place(word, topics):
            break
        b.append(word)
    between, tail = run[len(b) : end], [w.casefold() for w in run[end:]]
    if not b or len(b) > 4 or len(between) > _MOST_BETWEEN:
        return None
    if alone and not between and _COOPERATION.match(run[end]):
        return " ".join(b)  # "Hong Kong/Guangdong Co-operation"
    named = bool(_COOPERATION.match(run[end]))  # "… Co-operation (Joint) Conference"
    if named:
        tail = tail[1:]
    if tail and tail[0] in _MEETING_QUALIFIERS:
        named, tail = named or tail[0] == "joint", tail[1:]
    # not "High-Level Meeting": the pair's co-operation or a joint meeting is named
    return " ".join(b) if named and tail and tail[0] in _MEETING_NOUNS else None


def _meeting_word(word: str) -> bool:
    folded = word.casefold()
    return (
        _COOPERATION.match(word) is not None
        or folded in _MEETING_NOUNS
        or folded in _MEETING_QUALIFIERS
    )


def _plausible(a: str, b: str, topics: Lexicon, headings: list[list[str]]) -> list[str] | None:
    """``[a, b]`` as parties' names, words before the first name left off; ``None`` when
    either is no place's name or the pair is a heading of the release."""
    if any(_spans_pair(h, a, b) for h in headings):
        return None
    first = a.split()
    while first and (_leading_noise(first[0]) or _not_a_place(first[0], topics)):
        first = first[1:]
    second = b.split()
    for name in (first, second):
        if not name or any(_not_a_place(w, topics) for w in name):
            return None
    a, b = " ".join(first), " ".join(second)
    return [a, b] if a.casefold() != b.casefold() else None


def _leading_noise(word: str) -> bool:
    folded = word.casefold()
    return (
        folded in _OPENERS
        or folded in COMMITMENT_STARTERS  # "Support Zhejiang-Hong Kong Co-operation …"
        or folded in _ORDINALS
        or folded in _DESCRIPTORS
        or _ORDINAL.fullmatch(folded) is not None
    )


def _not_a_place(word: str, topics: Lexicon) -> bool:
    """A word of a co-operation's description or a topic's vocabulary ("Trade", "Cultural",
    "Logistics"): no place of this family of releases is named with one."""
    return word.casefold() in _DESCRIPTORS or bool(topics.scores(word))


def _spans_pair(heading: list[str], a: str, b: str) -> bool:
    """Whether the words of ``heading`` run across the "and" of "a and b" ("Trade and
    Logistics" in "Trade and Logistics Fujian")."""
    left, right = a.casefold().split(), b.casefold().split()
    words = [*left, "and", *right]
    at = len(left)  # the "and"
    n = len(heading)
    heading = ["and" if w == "&" else w for w in heading]
    return any(
        words[i : i + n] == heading for i in range(max(0, at - n + 1), min(at, len(words) - n) + 1)
    )

"""Joining a PDF's lines (``parsers.pdf_layout``): words hyphenated at a line's end
joined, the hyphen kept or dropped by the rule in docs/formats.md ("## PDF"); whether a
line breaks off a sentence the next goes on with."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

_WORD = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
_LINE_END_HYPHEN = re.compile(r"([^\W_]*)[-‐]$")
SOFT_HYPHEN = "\u00ad"
TERMINAL = (".", ";", ":", "!", "?", "。", "；", "：")
CLOSERS = "\"'”’)»"
#: Words a sentence or a heading does not end with: a line ending in one goes on.
_CONTINUING = frozenset(
    "the a an of and or to in on for with by from at between into as that its their "
    "our this these which".split()
)
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")

#: Prefixes that make hyphenated compounds: "co-\noperation" keeps its hyphen.
COMPOUND_HEADS = frozenset(
    "co non cross self e ex well all high low long short large small mid world first "
    "second third one two three half full anti multi".split()
)
#: Words of those prefixes written closed up: "multi-\nlateral" is "multilateral".
CLOSED_WORDS = frozenset(
    "multilateral multinational multinationals multimedia multiple multiply multiplied "
    "multiplier multitude multimodal".split()
)
#: Second parts of hyphenated compounds: "Portuguese-\nspeaking" keeps its hyphen.
COMPOUND_TAILS = frozenset(
    "speaking based led related owned funded level term scale friendly oriented wide "
    "making run style border boundary driven intensive free up ups depth".split()
)
#: Prefixes written closed up ("international", "transport"): "inter-\nnational" is one
#: word cut at a line's end even though "national" is a word of the document.
CLOSED_PREFIXES = frozenset("inter intra trans super under over counter".split())


def vocabulary(lines: Iterable[str]) -> set[str]:
    """The words the document writes (casefolded), hyphenated compounds as written and
    each pair of their neighbouring parts ("meeting-cum-plenary" gives "meeting-cum").
    The two parts of a word hyphenated at a line's end are not words of it ("develop-"
    and "ment" are not; "development" may be, elsewhere)."""
    words: set[str] = set()
    cut = False  # the line before ended with a hyphen
    for line in lines:
        found = _WORD.findall(line)
        ends_cut = bool(_LINE_END_HYPHEN.search(line))
        for n, word in enumerate(found):
            if (n == 0 and cut) or (n == len(found) - 1 and ends_cut):
                continue
            word = word.casefold().replace("‐", "-")
            words.add(word)
            parts = word.split("-")
            words.update(f"{a}-{b}" for a, b in itertools.pairwise(parts))
        cut = ends_cut
    return words


def join_lines(before: str, after: str, vocab: set[str]) -> str:
    """Two lines of one paragraph as one text (the rule in the module's docstring)."""
    if before.endswith(SOFT_HYPHEN):
        return before[:-1] + after
    if _CJK.match(before[-1:]) and _CJK.match(after[:1]):
        return before + after  # Chinese and Japanese lines wrap without a space
    if before.endswith(("–", "—")) and before[-2:-1].isalnum():
        return before + after  # "Zhejiang–\nHong Kong", "agreed—\nsubject to": a dash set close
    m = _LINE_END_HYPHEN.search(before)
    if not m or not m.group(1) or before.endswith(" -"):
        return f"{before} {after}"
    head = m.group(1)
    tail_m = _WORD.match(after)
    tail = tail_m.group(0).split("-")[0] if tail_m else ""
    if not after[:1].islower() or not head[-1:].isalpha():
        return before + after  # "Guangdong-Macao", "2024-25"
    hyphenated = f"{head}-{tail}".casefold()
    joined = f"{head}{tail}".casefold()
    if hyphenated in vocab:
        return before + after
    if joined in vocab or joined in CLOSED_WORDS:
        return before[:-1] + after
    if head.casefold() in COMPOUND_HEADS or tail.casefold() in COMPOUND_TAILS:
        return before + after
    if len(head) <= 3 or head.casefold() in CLOSED_PREFIXES:
        return before[:-1] + after  # a syllable or a prefix: "de-velop", "inter-national"
    if tail.casefold() in vocab:
        return before + after  # two words: "emission-reduction", "people-to-people"
    return before[:-1] + after  # "develop-ment": what follows is no word of its own


def mid_sentence(before: str, after: str) -> bool:
    """Whether a line ``before`` breaks off a sentence that ``after`` goes on with: it
    ends in no full stop (nor ; : ! ?) and ``after`` starts in lowercase, or it ends in
    a comma or a word no sentence or heading ends with ("the", "of", "and"…)."""
    if before.rstrip(CLOSERS).endswith(TERMINAL):
        return False
    words = before.split()
    last = words[-1].casefold() if words else ""
    return after[:1].islower() or last.endswith(",") or last in _CONTINUING

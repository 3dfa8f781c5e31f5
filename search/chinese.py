"""Chinese in the search index: words without spaces, in two scripts.

Chinese is written without spaces, so a ``\\w+`` run is a whole clause and a query of
two characters would never be a word's start. Runs of Han characters are therefore
indexed by *grams*: each character with the one after it (a bigram), and the run's last
character alone, so that every character of a text starts a gram. A query of one
character is then a prefix of the grams (the bisect range the index uses for English
prefixes); a longer query needs its rarest bigram, and every candidate is checked for
the whole query as a substring. Text without Han characters is indexed as English
always was: its words, and nothing else (full-width letters and digits, ＣＥＰＡ, read
as ASCII ones everywhere). Chinese is never guessed at by similar characters; only a
word of ``NEAR_MIN`` characters or more that no text has as typed is looked for with a
character otherwise (:func:`near_test`).

Traditional and Simplified are folded to Simplified (:func:`parsers.zh_script.fold`,
OpenCC's phrase-aware t2s). A phrase converts by its context, so a substring of a text
may convert otherwise than the text does (乾 alone is 干, in 乾隆 it stays); each text and
query is therefore also folded one character at a time (:func:`fold_chars`, which keeps
every position), and a query matches where either of its forms is in either form of the
text. Highlights are found in the character-folded form and so mark the original's
characters even where a phrase changes length.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import fuzz

from parsers.gazetteer import english_name
from parsers.zh_script import fold as script_fold
from parsers.zh_script import to_simplified
from store.model import tag_key

#: Han ideographs: 〇, the unified block with extensions A to G, the compatibility blocks.
HAN_CHARS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN = re.compile(f"[{HAN_CHARS}]")
_HAN_RUN = re.compile(f"[{HAN_CHARS}]+")
_OTHER_WORD = re.compile(f"[^\\W{HAN_CHARS}]+")
#: The words of a text or a query: a run of Han characters, or a run of other word
#: characters (``\\w`` without Han), so ``金融fintech`` is two words.
TOKEN = re.compile(f"[{HAN_CHARS}]+|[^\\W{HAN_CHARS}]+")

#: A Chinese word of this many characters or more that is nowhere as typed is looked
#: for with a character or two otherwise (:func:`near_test`); a shorter one only as
#: typed (with one of three characters otherwise, any two of them would do).
NEAR_MIN = 4
#: ... among this many documents at most (those holding its rarest characters).
NEAR_SCAN = 3_000

_char_map: dict[int, str] = {}  # code point -> its Simplified character (one), filled as met
_seen: set[str] = set()


def has_han(text: str) -> bool:
    return not text.isascii() and _HAN.search(text) is not None


def blank_han(text: str) -> str:
    """``text`` with its Han characters as spaces (the same length); ``text`` itself if
    it has none."""
    return _HAN.sub(" ", text) if has_han(text) else text


def is_han_word(word: str) -> bool:
    """Whether a word (from :data:`TOKEN`) is a run of Han characters."""
    return _HAN.match(word) is not None


#: Full-width letters and digits (as a Chinese text or input method writes them: ＣＥＰＡ,
#: ２０２４) and their ASCII forms, one character each, so positions keep. (Full-width
#: punctuation, ，and ：, is in every Chinese text and is no part of a word: left as is.)
_WIDE = re.compile("[０-９Ａ-Ｚａ-ｚ]")
_NARROW = {
    code: code - 0xFEE0
    for first, last in (("０", "９"), ("Ａ", "Ｚ"), ("ａ", "ｚ"))
    for code in range(ord(first), ord(last) + 1)
}


def narrow(text: str) -> str:
    """``text`` with full-width letters and digits in ASCII (the same length)."""
    if text.isascii() or _WIDE.search(text) is None:
        return text
    return text.translate(_NARROW)


def fold(text: str) -> str:
    """The form search compares text in: full-width letters and digits narrowed,
    Chinese in Simplified, case folded."""
    text = narrow(text)
    return (script_fold(text) if has_han(text) else text).casefold()


def fold_chars(text: str) -> str:
    """``text`` with each Han character in Simplified on its own (no phrases): the same
    length, character by character, so positions in it are positions in ``text``."""
    new = set(text) - _seen
    if new:
        for char in new:
            if _HAN.match(char):
                simple = to_simplified(char)
                if len(simple) == 1 and simple != char:
                    _char_map[ord(char)] = simple
        _seen.update(new)
    return text.translate(_char_map)


def forms(text: str) -> tuple[str, str | None]:
    """A text's folded form (:func:`fold`) and, where folding one character at a time
    gives another, that form too (else None)."""
    folded = fold(text)
    if not has_han(text):
        return folded, None
    by_char = fold_chars(narrow(text)).casefold()
    return folded, (by_char if by_char != folded else None)


def bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def misses(length: int) -> int:
    """How many characters a Chinese word of ``length`` may have otherwise in a near
    match: one, and one more for every four characters beyond ``NEAR_MIN``."""
    return 1 + (length - NEAR_MIN) // 4


def near_test(word: str) -> Callable[[Iterable[str]], bool]:
    """Whether a Chinese word (folded) is in one of the texts given with at most
    :func:`misses` characters changed, left out or put in (rapidfuzz's partial ratio:
    the best-matching part of the text); what the test needs worked out once."""
    cutoff = 100.0 * (len(word) - misses(len(word))) / len(word) - 0.01
    size = len(word)

    def test(texts: Iterable[str]) -> bool:
        for text in texts:
            score = fuzz.partial_ratio if len(text) >= size else fuzz.ratio
            if text and score(word, text, score_cutoff=cutoff):
                return True
        return False

    return test


def terms(folded: str, other: str | None) -> tuple[dict[str, None], set[str]]:
    """What a document holding Han text is indexed by: its other words (as ``\\w+``
    words are for English), and the grams of its Han runs in both folded forms: each
    character with the next one, and the run's last character alone."""
    found: set[str] = set()
    for text in (folded, other) if other is not None else (folded,):
        for run in _HAN_RUN.findall(text):
            found.update([run[i : i + 2] for i in range(len(run))])
    return dict.fromkeys(_OTHER_WORD.findall(folded)), found


def query_words(text: str) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    """A query's words (folded) and, for a Han word whose character-by-character
    folding differs, that other form."""
    words = TOKEN.findall(fold(text))
    other: dict[str, tuple[str, ...]] = {}
    if has_han(text):
        by_char = TOKEN.findall(fold_chars(narrow(text)).casefold())
        if len(by_char) == len(words):
            for word, alt in zip(words, by_char, strict=True):
                if alt != word and is_han_word(word) and is_han_word(alt):
                    other[word] = tuple(dict.fromkeys((*other.get(word, ()), alt)))
    return words, other


def tag_form(tag: str) -> str:
    """What a ``tag:`` filter compares: the tag's key (``store.model.tag_key``) with its
    Chinese in Simplified, so ``tag:經濟`` finds a tag written 经济."""
    key = tag_key(tag)
    return script_fold(key) if has_han(key) else key


def party_aliases(parties: Sequence[str]) -> tuple[str, ...]:
    """A meeting's parties for a ``meeting:`` filter: as written, and for a party named
    in Chinese also in Simplified and by its English name where the gazetteer knows it
    (``meeting:zhejiang`` finds 浙江省, ``meeting:香港特別行政區`` finds 香港特别行政区)."""
    names = list(parties)
    for party in parties:
        if has_han(party):
            names.append(fold(party))
            names.append(english_name(party) or "")
    return tuple(n for n in dict.fromkeys(names) if n)


def han_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Where the Han ``words`` (folded) are in the original ``text``: looked for in the
    text folded character by character (same positions), and in its phrase folding
    where that keeps the length."""
    found: list[tuple[int, int]] = []
    wanted = [w for w in dict.fromkeys(words) if w]
    if not wanted or not has_han(text):
        return found
    places = [fold_chars(text)]  # Han has no case: the words are found as they are
    phrased = script_fold(text)
    if len(phrased) == len(text) and phrased != places[0]:
        places.append(phrased)
    for place in places:
        for word in wanted:
            start = place.find(word)
            while start >= 0:
                found.append((start, start + len(word)))
                start = place.find(word, start + 1)
    return found

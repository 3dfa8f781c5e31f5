"""Cleaning scraped text: control characters, odd spaces, words glued together; text
made one line (``collapse_ws``) and cut short (``clip``) for a label or a message."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# Whole terminal escape sequences (CSI "ESC [ … m", OSC "ESC ] … BEL", two-byte ESC x),
# then any C0 control except tab and newline, DEL and C1 controls (NUL among them).
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|"
    r"\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[@-Z\\^_]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Spaces that are not ASCII spaces; zero-width characters and soft hyphens vanish.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# A vertical tab or form feed next to a line break (a page break between lines) goes;
# inside a line it is a space — it never splits a paragraph, nor a Chinese sentence
# (whose lines are joined without a space).
_TAB_FEED_AT_BREAK = re.compile(r"[\x0b\x0c]+(?=\n|$)|(?<=\n)[\x0b\x0c]+|^[\x0b\x0c]+")
_TAB_FEED = re.compile(r"[\x0b\x0c]+")
#: Every character one of the patterns above can change (tab aside): text without any
#: of them is already clean, which one search (or, for ASCII, one byte scan) tells.
_ODD = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00a0\u00ad\u1680\u2000-\u200d\u2028\u2029\u202f"
    r"\u205f\u2060\u3000\ufeff]"
)
_PRINTABLE_ASCII = bytes([9, 10, *range(0x20, 0x7F)])

#: Short words that scraping glues to the next or previous word ("andZhejiang").
GLUE_WORDS = frozenset(
    (
        "a an and as at by for from in into of on or the to with between via than under over per"
    ).split()
)
#: Glue words long enough to be split off the end of a capitalised word ("Zhejiangin").
_SUFFIX_GLUE = sorted((w for w in GLUE_WORDS if len(w) >= 2), key=len, reverse=True)
_SUFFIX_GLUE_ENDS = tuple(_SUFFIX_GLUE)
#: Words that merely end like a glue word.
_NOT_GLUED = frozenset(
    (
        "within therein herein wherein thereof hereof whereof thereon hereon whereon "
        "thereto hereto whereto begin origin margin again certain contain maintain "
        "obtain britain berlin latin cabin basin often"
    ).split()
)


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters, keeping tab and newline."""
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def clean_text(text: str) -> str:
    """Line endings to ``\\n``, odd spaces to spaces, controls and invisibles removed."""
    if _is_clean(text):
        return text.replace("\t", "    ")
    text = _LINE_BREAKS.sub("\n", text)
    text = _TAB_FEED.sub(" ", _TAB_FEED_AT_BREAK.sub("", text))
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    return strip_controls(text).replace("\t", "    ")


def _is_clean(text: str) -> bool:
    """Whether ``text`` has nothing ``clean_text`` changes but tabs."""
    if text.isascii():
        return not text.encode("ascii").translate(None, _PRINTABLE_ASCII)
    return _ODD.search(text) is None


#: A line of nothing but spaces and format characters (bidirectional controls, which are
#: kept in a release's text and shown as codes, but never make a paragraph alone).
_BLANK = re.compile(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]*")


def is_blank(line: str) -> bool:
    """Whether a line holds nothing but whitespace and bidirectional controls."""
    return not line or line.isspace() or _BLANK.fullmatch(line) is not None


def collapse_ws(text: str) -> str:
    """Runs of whitespace to one space, none at the ends (``str.split`` and ``\\s`` agree
    on what whitespace is)."""
    return " ".join(text.split())


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, ending in ``…`` when it was longer (the
    spaces before the ``…`` dropped). It is not made one line: ``collapse_ws`` first."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


_TOKEN = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
#: ``_TOKEN`` for ASCII text (where it finds the same tokens), which it scans faster.
_ASCII_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_'-]*")
_LOWER_UPPER = re.compile(r"(?<=[a-z])(?=[A-Z])")
_POSSESSIVE_GLUE = re.compile(r"(?<=\w['’]s)(?=[a-z]{3,})")


def _tokens(text: str) -> list[str]:
    return (_ASCII_TOKEN if text.isascii() else _TOKEN).findall(text)


#: Each whitespace-free word's tokens, and whether ``GlueFixer`` could change any of them
#: in some document; shared by every document (a token never holds whitespace, so a
#: text's tokens are its words' tokens); cleared when full.
_WORDS: dict[str, tuple[tuple[str, ...], bool]] = {}
_WORD_CACHE_SIZE = 50_000


def _word(word: str) -> tuple[tuple[str, ...], bool]:
    found = _WORDS.get(word)
    if found is None:
        tokens = (word,) if word.isalpha() else tuple(_tokens(word))
        found = (tokens, not all(_inert(t) for t in tokens))
        if len(_WORDS) >= _WORD_CACHE_SIZE:
            _WORDS.clear()
        _WORDS[word] = found
    return found


def _inert(token: str) -> bool:
    """Whether ``GlueFixer.fix_token`` keeps ``token`` whatever the document: it has no
    apostrophe, no capital after a small letter and does not start with a capital.
    (``islower()``: no capital at all, a cheaper test than the pattern.)"""
    return (
        "'" not in token
        and "’" not in token
        and not token[:1].isupper()
        and (token.islower() or _LOWER_UPPER.search(token) is None)
    )


class GlueFixer:
    """Separates words that scraping glued together, using the document's own vocabulary.

    ``andZhejiang`` → ``and Zhejiang`` (a glue word before a capital),
    ``Zhejiangin`` → ``Zhejiang in`` (a word the document uses on its own, then a glue word),
    ``CHP'swebsite`` → ``CHP's website``. Words the document uses as they are (``InvestHK``,
    ``within``) are never split.
    """

    def __init__(self, text: str) -> None:
        words = Counter(text.split())
        # Token counts: a word of letters only is one token, itself; the others are split.
        counts = dict(words)
        for word in [w for w in words if not w.isalpha()]:
            n = counts.pop(word)
            for token in _word(word)[0]:
                counts[token] = counts.get(token, 0) + n
        # The same by lower case: a token without capitals is its own key.
        lower = {t: n for t, n in counts.items() if t.islower()}
        for token, n in [(t, n) for t, n in counts.items() if not t.islower()]:
            key = token.lower()
            lower[key] = lower.get(key, 0) + n
        live = [w for w in words if (_WORDS.get(w) or _word(w))[1]]
        self._known = counts
        self._known_lower = lower
        self._fixed: dict[str, str] = {}  # token → fixed; the counts never change
        self._words: set[str] = set(words)  # the whitespace-free words looked at …
        self._changed: set[str] = set()  # … and those of them with a token that changes
        self._look_at(live)

    def _look_at(self, words: Iterable[str]) -> None:
        for word in words:
            self._words.add(word)
            tokens, changeable = _word(word)
            if not changeable:
                continue
            for token in tokens:
                fixed = self._fixed.get(token)
                if fixed is None:
                    fixed = self._fixed[token] = self.fix_token(token)
                if fixed != token:
                    self._changed.add(word)

    def _is_word(self, word: str) -> bool:
        return self._known.get(word, 0) > 0 or self._known_lower.get(word.lower(), 0) > 1

    def _split_suffix(self, token: str) -> str:
        """``Zhejiangin`` → ``Zhejiang in`` when ``Zhejiang`` stands alone elsewhere."""
        if not token[:1].isupper() or not token.endswith(_SUFFIX_GLUE_ENDS):
            return token  # the stem would not be capitalised, or no glue word ends it
        if token.lower() in _NOT_GLUED or self._known_lower.get(token.lower(), 0) > self._known.get(
            token, 0
        ):
            return token
        for glue in _SUFFIX_GLUE:
            if len(token) > len(glue) + 2 and token.endswith(glue):
                stem = token[: -len(glue)]
                if stem[0].isupper() and self._known.get(stem, 0) >= 2:
                    return f"{stem} {glue}"
        return token

    def fix_token(self, token: str) -> str:
        # A capital after a small letter is in ``token[1:]``: none there, no pattern search.
        camel = not token[1:].islower() and _LOWER_UPPER.search(token) is not None
        if not camel:
            if self._known.get(token, 0) > 1 or _inert(token):
                return token  # known as it is, or nothing below could split it
            if "'" not in token and "’" not in token:
                return self._split_suffix(token)  # the only change left possible
        token = _POSSESSIVE_GLUE.sub(" ", token)
        parts = _LOWER_UPPER.split(token)
        if len(parts) > 1:
            out = [parts[0]]
            for part in parts[1:]:
                left = out[-1]
                head = left.rsplit(" ", 1)[-1]
                if head.lower() in GLUE_WORDS and head.islower():
                    out.append(part)
                    continue
                split = self._split_glue_tail(head)
                if split is not None:
                    out[-1] = left[: len(left) - len(head)] + split
                    out.append(part)
                    continue
                out[-1] = left + part
            token = " ".join(out)
        words = token.split(" ")
        return " ".join(self._split_suffix(w) for w in words)

    def _split_glue_tail(self, head: str) -> str | None:
        """``websiteand`` → ``website and`` when ``website`` is a word of the document."""
        if head.lower() in _NOT_GLUED:
            return None
        for glue in _SUFFIX_GLUE:
            if len(head) > len(glue) + 2 and head.endswith(glue):
                stem = head[: -len(glue)]
                if self._is_word(stem):
                    return f"{stem} {glue}"
        return None

    def fix_own(self, text: str) -> str:
        """``fix`` for a text made of the document's own words (a block of it): when none of
        them changes, there is nothing to look at."""
        return self.fix(text) if self._changed else text

    def fix(self, text: str) -> str:
        """``text`` with every glued token separated (most texts have none: returned as is)."""
        words = text.split()
        if not self._words.issuperset(words):  # not the document's own text
            self._look_at(set(words) - self._words)
        if self._changed.isdisjoint(words):
            return text
        return _TOKEN.sub(self._fix_match, text)

    def _fix_match(self, match: re.Match[str]) -> str:
        token = match.group(0)
        fixed = self._fixed.get(token)
        if fixed is None:
            fixed = self._fixed[token] = self.fix_token(token)
        return fixed

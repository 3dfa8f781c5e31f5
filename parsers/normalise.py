"""Cleaning scraped text: control characters, odd spaces, words glued together."""

from __future__ import annotations

import re
from collections import Counter

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
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_WS = re.compile(r"\s+")

#: Short words that scraping glues to the next or previous word ("andZhejiang").
GLUE_WORDS = frozenset(
    (
        "a an and as at by for from in into of on or the to with between via than under over per"
    ).split()
)
#: Glue words long enough to be split off the end of a capitalised word ("Zhejiangin").
_SUFFIX_GLUE = sorted((w for w in GLUE_WORDS if len(w) >= 2), key=len, reverse=True)
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
    text = _LINE_BREAKS.sub("\n", text)
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    return strip_controls(text).replace("\t", "    ")


def collapse_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


_TOKEN = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_LOWER_UPPER = re.compile(r"(?<=[a-z])(?=[A-Z])")
_POSSESSIVE_GLUE = re.compile(r"(?<=\w['’]s)(?=[a-z]{3,})")


class GlueFixer:
    """Separates words that scraping glued together, using the document's own vocabulary.

    ``andZhejiang`` → ``and Zhejiang`` (a glue word before a capital),
    ``Zhejiangin`` → ``Zhejiang in`` (a word the document uses on its own, then a glue word),
    ``CHP'swebsite`` → ``CHP's website``. Words the document uses as they are (``InvestHK``,
    ``within``) are never split.
    """

    def __init__(self, text: str) -> None:
        counts = Counter(m.group(0) for m in _TOKEN.finditer(text))
        self._known = counts
        self._known_lower = Counter()
        for word, n in counts.items():
            self._known_lower[word.lower()] += n
        self._fixed: dict[str, str] = {}  # token → fixed; the counts never change

    def _is_word(self, word: str) -> bool:
        return self._known.get(word, 0) > 0 or self._known_lower.get(word.lower(), 0) > 1

    def _split_suffix(self, token: str) -> str:
        """``Zhejiangin`` → ``Zhejiang in`` when ``Zhejiang`` stands alone elsewhere."""
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
        if self._known.get(token, 0) > 1 and not _LOWER_UPPER.search(token):
            return token
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

    def fix(self, text: str) -> str:
        return _TOKEN.sub(self._fix_match, text)

    def _fix_match(self, match: re.Match[str]) -> str:
        token = match.group(0)
        fixed = self._fixed.get(token)
        if fixed is None:
            fixed = self._fixed[token] = self.fix_token(token)
        return fixed

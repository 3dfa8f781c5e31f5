"""The parser's shortcuts give what the plain patterns they stand for give.

Several steps skip work where it cannot change anything (a clean text, a document
without glued words, ASCII text scanned as bytes, patterns tried only where they can
start). Each is compared here with the pattern or loop it replaces, on random texts
made of the characters that matter and on every layout the variant tests render.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata

import pytest
from test_parser_variants import AGREEMENTS, KEYS, LAYOUTS, render

from parsers import lexicon as lexicon_module
from parsers import metadata, model, normalise
from parsers.blocks import to_blocks
from parsers.lexicon import TOPICS, Lexicon
from parsers.normalise import GlueFixer, clean_text, collapse_ws

ODD = "\r\n\t\x0b\x0c\x1b[31m\x85\x9b\u00a0\u00ad\u1680\u2002\u200b\u2028\u2029\u202f\u3000\ufeff"
WORDS = [
    "Hong", "Kong", "andZhejiang", "Zhejiangin", "inHong", "CHP'swebsite", "within", "the",
    "Education", "Governor", "InvestHK", "co-operation", "it’sgood", "Finance", "of", "ſource",
    "2023", "May", "Wednesday,", "Ends/", "end", "—", "12", "Source:", "é", "中国", "İstanbul",
]  # fmt: skip


def _random_texts(seed: int, count: int, pieces: list[str]) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(count)]


def _slow_clean(text: str) -> str:
    text = normalise._LINE_BREAKS.sub("\n", text)
    text = normalise._TAB_FEED.sub(" ", normalise._TAB_FEED_AT_BREAK.sub("", text))
    text = normalise._SPACES.sub(" ", text)
    text = normalise._INVISIBLE.sub("", text)
    return normalise.strip_controls(text).replace("\t", "    ")


def test_clean_text_and_collapse_ws_as_the_patterns() -> None:
    pieces = [*WORDS, " ", "  ", *ODD]
    for text in _random_texts(1, 3000, pieces):
        assert clean_text(text) == _slow_clean(text), repr(text)
        assert collapse_ws(text) == re.sub(r"\s+", " ", text).strip(), repr(text)


def test_id_key_as_the_pattern() -> None:
    for text in _random_texts(2, 3000, [*WORDS, " ", "_", "-", "ﬁ", "Ⅻ", "²", *ODD]):
        key = unicodedata.normalize("NFKC", text).casefold()
        assert model.id_key(text) == model._NON_ALNUM.sub("", key), repr(text)


def test_year_end_line_and_date_scans_as_the_patterns() -> None:
    pieces = [*WORDS, " ", "\n", "-", ", ", "  ", "3", "26", "Sept.", "sun", "2024-05-06"]
    for text in _random_texts(3, 3000, pieces):
        assert list(metadata._year_starts(text)) == [
            m.start() for m in metadata._YEAR.finditer(text)
        ]
        fast, slow = metadata._end_line(text), metadata._END_LINE.search(text)
        assert (fast and fast.span()) == (slow and slow.span()), repr(text)
        for index, pattern in enumerate(metadata._FULL_DATES):
            for lo, hi in [(0, len(text)), (len(text) // 3, len(text) - 2)]:
                assert [m.span() for m in metadata._date_matches(index, text, lo, hi)] == [
                    m.span() for m in pattern.finditer(text, lo, hi)
                ], (index, repr(text))


def _texts_of_every_layout() -> list[str]:
    return [render(AGREEMENTS[k], lay) for k in KEYS for lay in LAYOUTS.values()]


@pytest.mark.parametrize("text", _texts_of_every_layout() + _random_texts(4, 40, WORDS))
def test_glued_words_fixed_as_token_by_token(text: str) -> None:
    text = clean_text(text)
    glue = GlueFixer(text)
    every_token = GlueFixer(text)
    for block in to_blocks(text):
        slow = normalise._TOKEN.sub(lambda m: every_token.fix_token(m.group(0)), block.text)
        assert glue.fix(block.text) == slow
        assert glue.fix_own(block.text) == slow
    for other in ("Innovation and Technology", "Letter of Intent on Trade", "andThe Talents"):
        slow = normalise._TOKEN.sub(lambda m: every_token.fix_token(m.group(0)), other)
        assert glue.fix(other) == slow


def test_topic_scores_as_every_term_tried_on_every_word() -> None:
    lexicon = Lexicon.default()
    vocabulary = " ".join(TOPICS.values()).replace("_", " ").split()
    pieces = [*vocabulary, "financial", "bondsman", "Belt and Road", "R&D", "x", "the"]
    texts = _random_texts(5, 1500, [f"{p} " for p in pieces])
    texts += [b.text for k in KEYS for b in to_blocks(render(AGREEMENTS[k], LAYOUTS["plain"]))]
    for text in texts:
        words = lexicon_module._words(text)
        slow: dict[str, float] = {}
        for topic in lexicon.topics:
            hits = 0.0
            for term in topic.terms:
                n = lexicon_module._count(words, term)
                if n:
                    hits += (1.0 + math.log(n)) * (1.5 if len(term) > 1 else 1.0)
            if hits:
                slow[topic.name] = hits
        fast = lexicon.scores(text)
        assert list(fast.items()) == list(slow.items()), text

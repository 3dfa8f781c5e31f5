"""The English release's patterns: the number words, the sentence stating the number of
areas, and what ends the areas (a heading of another kind, narrative prose)."""

from __future__ import annotations

import re

NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        (
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        ).split()
    )
}
STATED_COUNT = re.compile(
    r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:areas|fields|sectors|aspects|domains|priorities)\b",
    re.IGNORECASE,
)
#: Words between a number and "areas" that say the number counts something else.
NOT_AREAS = re.compile(
    r"\b(?:items?|projects?|measures?|initiatives?|tasks?|proposals?|points?|\d+)\b",
    re.IGNORECASE,
)
STOP_HEADING = re.compile(
    r"\b(?:sign(?:ing|ed|ature)|ceremony|annex(?:es)?|appendix|attachments?|documents?|"
    r"background|about\b|contacts?|enquiries|notes? to editors?|photos?|videos?|"
    r"related|images?)\b",
    re.IGNORECASE,
)
NARRATIVE = re.compile(
    r"\btoday\s*\((?:[A-Z][a-z]+\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)\)|"
    r"\b(?:said|says|reminded|announced|attended|witnessed|accompanying|accompanied|"
    r"spokes(?:man|woman|person))\b|"
    r"\b(?:Mr|Ms|Mrs|Miss|Dr|Professor)\.?\s+[A-Z]|\b(?:was|were)\s+(?:signed|held)\b|"
    r"^(?:At|During) the (?:meeting|ceremony|event|forum|conference)\b|\bsigned the\b"
)

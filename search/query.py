"""A search query as typed: free words plus ``status:`` ``tag:`` ``meeting:`` ``kind:`` filters,
and the kinds of document a search finds (:mod:`search.index` runs it)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from search import chinese

KIND_COMMITMENT = "commitment"
KIND_AREA = "area"
KIND_TAG = "tag"
KIND_NOTE = "note"
#: the source and the evidence recorded with a commitment's status (any entry of its history)
KIND_SOURCE = "source"
KIND_EVIDENCE = "evidence"
KINDS = (KIND_COMMITMENT, KIND_AREA, KIND_TAG, KIND_NOTE, KIND_SOURCE, KIND_EVIDENCE)

NOT_RATED = "not-rated"

WORD = re.compile(r"\w+")
_FILTER = re.compile(r'(?<!\S)(status|tag|meeting|in|kind):(?:"([^"]*)"?|(\S*))', re.IGNORECASE)


@dataclass(frozen=True)
class SearchResult:
    """One ranked hit. ``spans`` are (start, end) offsets of matched words in ``text``."""

    target_id: str
    kind: str
    text: str
    spans: tuple[tuple[int, int], ...]
    score: float
    meeting_id: str
    context: str
    note_id: str | None = None
    #: the language of the text found where it is a translation of the target's own
    #: text (``SearchIndex.build``'s ``translations``), else None
    language: str | None = None


@dataclass
class Query:
    """A parsed query: free text words plus ``status:`` ``tag:`` ``meeting:`` ``kind:`` filters."""

    words: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    meetings: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    #: a Chinese word's other folded forms (see :mod:`search.chinese`), by the word
    forms: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def has_filters(self) -> bool:
        return bool(self.statuses or self.tags or self.meetings or self.kinds)

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.has_filters


def fold(text: str) -> str:
    """The form search compares in: case folded, Chinese in Simplified."""
    return chinese.fold(text)


def status_value(status: Any) -> str:
    if status is None:
        return NOT_RATED
    value = getattr(status, "value", status)
    return str(value)


def filter_error(query: Query, statuses: Iterable[str]) -> str | None:
    """Why a parsed query's ``status:`` or ``kind:`` filter cannot match, or None.

    ``parse_query`` keeps a value that is no status (or kind), nor a prefix of
    one, as it was given; such a filter matches nothing, so say so rather than
    report "no match". ``statuses`` are the ones given to ``parse_query``.
    """
    known = list(statuses)
    for value in query.statuses:
        if value not in known:
            return (
                f"status:{value} is not a status; use one of: {', '.join(known)} "
                "(or the start of one, as in status:stall)"
            )
    for value in query.kinds:
        if value not in KINDS:
            return f"kind:{value} is not a kind; use one of: {', '.join(KINDS)}"
    return None


def parse_query(text: str, statuses: Iterable[str] = ()) -> Query:
    """Split a query into words and filters.

    A word is a run of word characters; a run of Chinese (Han) characters is a word of
    its own, whatever is next to it (``金融fintech`` is two words), and is found as a
    substring of a text, in either script (see :mod:`search.chinese`).

    ``status:`` takes a status value or any prefix of it (``status:stall``);
    ``tag:`` a tag prefix; ``meeting:`` (or ``in:``) the meetings a name fits
    (:func:`parsers.naming.matching`: an id prefix, a date or year, words of the
    parties, as in ``meeting:"2024 guangdong"``); ``kind:`` one of commitment, area,
    tag, note, source, evidence. Quote values with spaces: ``tag:"two words"``.
    """
    query = Query()
    known = list(statuses)

    def take(match: re.Match[str]) -> str:
        key = match.group(1).casefold()
        value = fold(match.group(2) if match.group(2) is not None else match.group(3) or "")
        if not value:
            return " "
        if key == "status":
            hits = [s for s in known if s.startswith(value)] if known else [value]
            query.statuses.extend(hits or [value])
        elif key == "tag":
            query.tags.append(chinese.tag_form(value))
        elif key in ("meeting", "in"):
            query.meetings.append(value)
        else:
            query.kinds.extend(k for k in KINDS if k.startswith(value))
            if not any(k.startswith(value) for k in KINDS):
                query.kinds.append(value)
        return " "

    rest = _FILTER.sub(take, text)
    query.words, query.forms = chinese.query_words(rest)
    return query

"""Naming a meeting: the one way the command line and the app read a meeting the user names.

A meeting is named by

* its ID, or the start of it, in any case: ``4420f466fb7c``, ``4420F4``;
* its date, or the start of it: ``2023-06-26``, ``2023-06``, ``2023``;
* words of its parties, alone or after a date where the date alone is ambiguous:
  ``"2024 Guangdong"``, ``"2023-06 Hong Kong Zhejiang"``, ``Zhejiang``. A word matches
  the start of a word of a party's name (``guang`` finds Guangdong); only when no
  meeting's parties have the words are its place and title tried.

:func:`find_meeting` gives the one meeting a name stands for, or a :class:`NamingError`
whose one-line message lists the candidates with a name that picks each;
:func:`matching` gives every meeting a name fits (a search filter keeps them all).

Parties are one partnership whatever the order, case, spacing or punctuation the
release writes them in (:func:`party_key`). Pure functions, no Textual.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from parsers.gazetteer import english_name, place
from parsers.zh_script import to_traditional

_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_WORD = re.compile(r"\w+")
#: candidates listed in an ambiguity message, at most
SHOWN = 5

FORMS = (
    "an ID or its start, a date (2024-05-01, 2024-05), a year, or a year with words "
    'of the parties ("2024 Guangdong")'
)


class NamedMeeting(Protocol):
    """What naming needs of a meeting (``parsers.Meeting`` and the store's summaries)."""

    @property
    def id(self) -> str: ...
    @property
    def date(self) -> str | None: ...
    @property
    def place(self) -> str | None: ...
    @property
    def title(self) -> str: ...
    @property
    def parties(self) -> Sequence[str]: ...


M = TypeVar("M", bound=NamedMeeting)


class NamingError(ValueError):
    """No meeting has the name, or more than one has; the message says which and how
    to name one of them."""


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


@functools.lru_cache(maxsize=4096)
def party_name(name: str) -> str:
    """One party's name as compared: case-folded, words only (``Hong-Kong`` = ``hong kong``);
    a place the gazetteer knows by its English name, so that ``香港``, ``HKSAR`` and
    ``Hong Kong`` are one party (``parsers.gazetteer``)."""
    english = english_name(name)
    return " ".join(_words(english if english is not None else name))


def party_key(meeting: NamedMeeting) -> frozenset[str]:
    """The parties as a set of normalised names: ``Hong Kong & Guangdong`` is the same
    partnership as ``guangdong / Hong  Kong``."""
    return frozenset(party_name(p) for p in meeting.parties if party_name(p))


def same_parties(a: NamedMeeting, b: NamedMeeting) -> bool:
    return party_key(a) == party_key(b)


def parties_text(meeting: NamedMeeting) -> str:
    """``Hong Kong & Zhejiang`` (or ``parties unknown``)."""
    return " & ".join(meeting.parties) or "parties unknown"


def describe(meeting: NamedMeeting) -> str:
    """``4420f466fb7c (2023-06-26, Hong Kong & Zhejiang)``"""
    return f"{meeting.id} ({meeting.date or 'undated'}, {parties_text(meeting)})"


def _split(spec: str) -> tuple[list[str], list[str]]:
    """The date parts of a name and its other words."""
    dates: list[str] = []
    rest: list[str] = []
    for part in spec.split():
        (dates if _DATE.fullmatch(part) else rest).append(part)
    return dates, _words(" ".join(rest))


def _has_words(words: list[str], haystack: list[str]) -> bool:
    return all(any(h.startswith(w) for h in haystack) for w in words)


@functools.lru_cache(maxsize=4096)
def _party_words(party: str) -> tuple[str, ...]:
    """A party's words, and where the gazetteer knows it its English name's and its
    Chinese name's in both scripts (四川 is also named ``Sichuan``; Zhejiang 浙江 or 浙江;
    广东 廣東)."""
    known = place(party)
    if known is None:
        return tuple(_words(party))
    names = [party, known.english, known.chinese, to_traditional(known.chinese)]
    return tuple(_words(" ".join(names)))


def _parties_words(parties: Iterable[str]) -> list[str]:
    return [w for p in parties for w in _party_words(p)]


def matching(meetings: Iterable[M], spec: str) -> list[M]:
    """Every meeting ``spec`` fits (see the module docstring), in the given order."""
    pool = list(meetings)
    spec = " ".join(unicodedata.normalize("NFKC", spec).split())  # ２０２４ is 2024
    if not spec:
        return []
    key = spec.casefold()
    exact = [m for m in pool if m.id.casefold() == key]
    if exact:
        return exact
    dates, words = _split(spec)
    if dates and not words and len(dates) == 1:
        found = [m for m in pool if (m.date or "").startswith(dates[0])]
        if found:
            return found
    if " " not in spec:
        found = [m for m in pool if m.id.casefold().startswith(key)]
        if found:
            return found
    if not words:
        return []
    dated = [m for m in pool if all((m.date or "").startswith(d) for d in dates)]
    found = [m for m in dated if _has_words(words, _parties_words(m.parties))]
    if found:
        return found
    return [
        m
        for m in dated
        if _has_words(words, _parties_words(m.parties) + _words(" ".join([m.place or "", m.title])))
    ]


def find_meeting(meetings: Sequence[M], spec: str) -> M:
    """The one meeting ``spec`` names; a :class:`NamingError` if none or several."""
    shown = " ".join(spec.split())
    if not shown:
        raise NamingError(f"an empty meeting name; give {FORMS}")
    found = matching(meetings, shown)
    if not found:
        raise NamingError(f"no meeting matches {shown!r}; give {FORMS} (see coop-tui list)")
    if len(found) > 1:
        ordered = sorted(found, key=lambda m: (m.date is None, m.date or "", m.id))
        listed = "; ".join(
            f"{unique_name(meetings, m)} ({m.date or 'undated'}, {parties_text(m)}, ID {m.id})"
            for m in ordered[:SHOWN]
        )
        more = f"; and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
        raise NamingError(
            f"{shown!r} matches {len(found)} meetings: {listed}{more}; "
            "name one as shown, or by its ID"
        )
    return found[0]


def unique_name(meetings: Sequence[M], meeting: M) -> str:
    """The shortest usual name that picks ``meeting`` alone: a year with a party
    (``"2024 Guangdong"``), a date, a date with a party; else its ID."""
    tries: list[str] = []
    if meeting.date:
        year = meeting.date[:4]
        tries.append(year)
        tries += [f"{year} {p}" for p in meeting.parties]
        tries.append(meeting.date)
        tries += [f"{meeting.date} {p}" for p in meeting.parties]
    for name in tries:
        found = matching(meetings, name)
        if len(found) == 1 and found[0].id == meeting.id:
            return f'"{name}"' if " " in name else name
    return meeting.id

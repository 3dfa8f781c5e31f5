"""What the search index reads of a meeting and of an annotation (read-only protocols, so
that the store's dataclasses and the parser's meetings fit as they are)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class MeetingName:
    """What a ``meeting:`` filter reads of a meeting (see ``parsers.naming``)."""

    id: str
    date: str | None
    place: str | None
    title: str
    parties: tuple[str, ...]


class NoteLike(Protocol):
    """What the index reads of a note (read-only, so a dataclass's fields match)."""

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...


class AnnotationLike(Protocol):
    """What the index reads of an annotation (``store.model.Annotation``)."""

    @property
    def status(self) -> Any: ...
    @property
    def tags(self) -> Sequence[str]: ...
    @property
    def notes(self) -> Sequence[NoteLike]: ...

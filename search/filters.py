"""The ``status:`` ``tag:`` ``meeting:`` filters of a search: which documents they keep
(a part of :class:`search.index.SearchIndex`, whose state they read)."""

from __future__ import annotations

from parsers.naming import matching
from search.inputs import MeetingName
from search.query import KIND_COMMITMENT, NOT_RATED, Query


class Filters:
    """The filters' part of the index (a mix-in of ``SearchIndex``)."""

    # provided by SearchIndex
    _kind: list[str]
    _target_docs: dict[str, list[int]]
    _target_meeting: dict[str, int]
    _status: dict[str, str]
    _tags: dict[str, tuple[str, ...]]
    _meeting_ids: list[str]
    _meeting_names: list[MeetingName]
    _meetings_named: dict[str, frozenset[int]]

    def _meeting_filter(self, query: Query) -> set[int] | None:
        if not query.meetings:
            return None
        allowed: set[int] = set()
        for value in query.meetings:
            named = self._meetings_named.get(value)
            if named is None:  # typing the rest of the query does not look again
                found = {m.id for m in matching(self._meeting_names, value)}
                named = frozenset(k for k, mid in enumerate(self._meeting_ids) if mid in found)
                if len(self._meetings_named) > 64:
                    self._meetings_named.clear()
                self._meetings_named[value] = named
            allowed |= named
        return allowed

    def _target_ok(self, target: str, query: Query) -> bool:
        if query.statuses:
            if target not in self._target_meeting or self._kind_of_target(target) != "c":
                return False
            if self._status.get(target, NOT_RATED) not in query.statuses:
                return False
        if query.tags:
            tags = self._tags.get(target, ())
            if not all(any(t.startswith(want) for t in tags) for want in query.tags):
                return False
        return True

    def _kind_of_target(self, target: str) -> str:
        docs = self._target_docs.get(target)
        if docs and self._kind[docs[0]] == KIND_COMMITMENT:
            return "c"
        return "?"

    def _filter_docs(self, query: Query) -> list[int] | None:
        """A small driver set of documents when a status or tag filter is selective."""
        targets: set[str] | None = None
        if query.statuses and NOT_RATED not in query.statuses:
            targets = {t for t, s in self._status.items() if s in query.statuses}
        if query.tags:
            tagged = {
                t
                for t, tags in self._tags.items()
                if all(any(x.startswith(w) for x in tags) for w in query.tags)
            }
            targets = tagged if targets is None else targets & tagged
        if targets is None:
            return None
        docs: list[int] = []
        for target in targets:
            docs.extend(self._target_docs.get(target, ()))
        docs.sort()
        return docs

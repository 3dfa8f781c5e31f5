"""Search: the fuzzy index over commitments, areas, tags and notes that the app's ``/``
and ``coop-tui search`` share. Knows nothing of Textual."""

from search.index import SearchIndex
from search.query import Query, SearchResult, filter_error, parse_query
from search.snippet import snippet

__all__ = ["Query", "SearchIndex", "SearchResult", "filter_error", "parse_query", "snippet"]

"""``coop-tui search``: the app's search engine on the command line, results ranked best first."""

from __future__ import annotations

import argparse
from typing import Any

from rich.text import Text

from search import SearchIndex, SearchResult, filter_error, parse_query
from search.query import KIND_EVIDENCE, KIND_SOURCE
from store import Status
from tui.commands import CommandError
from tui.commands.store_common import (
    add_json_flag,
    console,
    open_store,
    positive_int,
    print_json,
    store_command,
    store_parser,
)
from tui.render import literal

STATUS_VALUES = [s.value for s in Status]
DEFAULT_LIMIT = 20


def register(sub: argparse._SubParsersAction) -> None:
    p = store_parser(
        sub,
        "search",
        run_search,
        help="search commitments, area names, tags, notes and statuses' source and evidence",
        description="Search the store as the app's / does: words match from their start "
        "(intern finds internship) and small typos are forgiven; a status's source and "
        "evidence are searched too. Narrow with filters: status:stalled, tag:finance "
        '(tag:"two words"), meeting:2025 (or in:; a meeting named as everywhere: an ID, a '
        'date, a year, parties, meeting:"2025 Zhejiang"), kind:note (commitment, area, tag, '
        "note, source, evidence). A filter alone lists everything it keeps.",
    )
    p.add_argument("query", metavar="QUERY", nargs="+", help="words and filters")
    p.add_argument(
        "--limit",
        type=positive_int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"at most N results (default {DEFAULT_LIMIT})",
    )
    add_json_flag(p, "print the results as JSON")


def result_json(result: SearchResult) -> dict[str, Any]:
    """One result for scripts; ``spans`` are [start, end) character offsets in ``text``."""
    return {
        "id": result.target_id,
        "kind": result.kind,
        "score": round(result.score, 2),
        "meeting_id": result.meeting_id,
        "context": result.context,
        "note_id": result.note_id,
        "text": result.text,
        "spans": [list(span) for span in result.spans],
        # the language of ``text`` when it is another language version's (None: its own)
        "language": result.language,
    }


@store_command
def run_search(args: argparse.Namespace) -> int:
    text = " ".join(args.query)
    query = parse_query(text, STATUS_VALUES)
    if query.is_empty:
        raise CommandError("give words to search for, or a filter (see coop-tui search --help)")
    problem = filter_error(query, STATUS_VALUES)
    if problem:
        raise CommandError(problem)
    store = open_store(args)
    index = SearchIndex.build(
        store.meetings(),
        store.annotations(),
        STATUS_VALUES,
        translations=store.versions().translations,  # found through its other language
    )
    results = index.search(text, limit=args.limit)
    if args.json:
        print_json([result_json(r) for r in results])
        return 0
    out = console()
    if not results:
        out.print(literal(f"No match for {text}"))
        return 0
    for rank, result in enumerate(results, 1):
        out.print(_result_text(rank, result))
    return 0


def _result_text(rank: int, result: SearchResult) -> Text:
    head = Text(f"{rank:>3}. ", style="bold")
    head.append(result.target_id, style="cyan")
    where = f"status {result.kind}" if result.kind in (KIND_SOURCE, KIND_EVIDENCE) else result.kind
    head.append(f"  {where}  {result.score:.1f}  ", style="dim")
    if result.language:  # found in its text in another language
        head.append(f"({result.language}) ", style="dim")
    head.append_text(literal(result.context, style="dim"))
    flat = result.text.replace("\r", " ").replace("\n", " ")  # same length: spans still fit
    body = Text("     ")
    position = 0
    for start, end in result.spans:
        body.append_text(literal(flat[position:start]))
        body.append_text(literal(flat[start:end], style="bold"))
        position = end
    body.append_text(literal(flat[position:]))
    return Text("\n").join([head, body])

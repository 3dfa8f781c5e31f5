"""``coop-tui parse FILE|URL... [--json]``: parse releases without storing them."""

from __future__ import annotations

import argparse
from typing import Any

from fetching import fetch, file_uri_path, is_url, parse_fetched
from parsers import InputError, Meeting, parse_file
from parsers.gazetteer import english_names
from tui.commands import warn
from tui.commands.store_common import print_json
from tui.render import literal


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "parse",
        help="parse release files and print their structure",
        description="Parse co-operation press releases (text, saved HTML, PDF or Word files, "
        "or an http(s) address, fetched) and print meetings → areas → commitments. Nothing "
        "is stored.",
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE|URL",
        help="release files (.txt, .html, .htm, .pdf, .docx) or addresses (https://…)",
    )
    p.add_argument("--json", action="store_true", help="print a JSON array, one object per file")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    meetings: list[Meeting] = []
    fetched: dict[int, tuple[str, str]] = {}  # a fetched meeting's place → (url, when)
    failed = 0
    for name in args.files:
        name = str(file_uri_path(name) or name)  # file:///… is the file it names
        try:
            if is_url(name):
                page = fetch(name)
                meetings.append(parse_fetched(page))
                fetched[len(meetings) - 1] = (page.url, page.fetched_at)
            else:
                meetings.append(parse_file(name))
        except InputError as exc:
            failed += 1
            warn(str(exc))
    if args.json:
        print_json([_json(m, fetched.get(i)) for i, m in enumerate(meetings)])
    else:
        print_outline(meetings, fetched)
    return 2 if failed else 0


def _json(meeting: Meeting, origin: tuple[str, str] | None) -> dict[str, Any]:
    """``Meeting.to_dict``, with ``url`` and ``fetched`` for a release fetched."""
    data = meeting.to_dict()
    data.update(english_names(meeting.parties, meeting.place))  # 香港 → Hong Kong
    if origin is not None:
        data["url"], data["fetched"] = origin
    return data


def print_outline(
    meetings: list[Meeting], fetched: dict[int, tuple[str, str]] | None = None
) -> None:
    from rich.console import Console  # only the outline prints with rich
    from rich.tree import Tree

    console = Console(highlight=False)
    for i, meeting in enumerate(meetings):
        head = literal(meeting.title or meeting.source, style="bold")
        head.append("\n")
        parties = " & ".join(meeting.parties) or "parties unknown"
        head.append(
            literal(
                f"{meeting.date or 'date unknown'} · {parties}"
                f" · {meeting.place or 'place unknown'} · {meeting.source} · id {meeting.id}",
                style="dim",
            )
        )
        if fetched and i in fetched:
            url, when = fetched[i]
            head.append("\n")
            head.append(literal(f"fetched from {url} at {when}", style="dim"))
        tree = Tree(head)
        found = len(meeting.areas)
        stated = meeting.stated_area_count
        areas = tree.add(
            literal(
                ("" if meeting.kind == "agreement" else f"{meeting.kind}: ")
                + f"{found} areas"
                + (f" (stated: {stated})" if stated is not None else "")
                + f", {len(meeting.commitments)} commitments",
                style="bold",
            )
        )
        for area in meeting.areas:
            label = literal(area.name, style="cyan")
            if area.heading_inferred:
                label.append(" (name inferred)", style="italic yellow")
            label.append(literal(f"  {area.id}", style="dim"))
            node = areas.add(label)
            for c in area.commitments:
                text = literal(c.text)
                text.append(literal(f"  {c.id}", style="dim"))
                node.add(text)
        if meeting.signed_documents:
            docs = tree.add(
                literal(f"{len(meeting.signed_documents)} signed documents", style="bold")
            )
            for d in meeting.signed_documents:
                docs.add(literal(d.title))
        for w in meeting.warnings:
            tree.add(literal(f"warning: {w}", style="yellow"))
        console.print(tree)

"""What the store commands share: opening the store, errors, text input, output."""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console

from parsers import naming
from store import Annotation, Store, StoreError, default_db_path, resolve_db_path
from store.safetext import visible
from tui.commands import CommandError, warn
from tui.commands.errors import store_error_text
from tui.commands.ids import resolve_id

Handler = Callable[[argparse.Namespace], int]
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_NOT_HEX = re.compile(r"[^0-9a-fA-F]")
#: The most read of a text given on standard input (``-``): far more than any note.
STDIN_MAX_BYTES = 64 << 20


def store_location(args: argparse.Namespace) -> tuple[Path, bool]:
    """The store's path, and whether a store may be created there if there is none: only
    in the default location (the first run) or when asked (``--create``), never because
    ``--db`` or ``$COOP_TUI_DB`` named a path that does not exist (mistyped?). An
    explicitly empty ``--db ""`` (a variable that was not set, in a script) is refused,
    never taken for the default store; an empty ``$COOP_TUI_DB`` counts as not set."""
    given = getattr(args, "db", None)
    if given is not None and not given.strip():
        raise CommandError("--db is empty: give the store's path")
    path = resolve_db_path(given)
    return path, bool(getattr(args, "create", False)) or path == default_db_path()


def open_store(args: argparse.Namespace, **kwargs: Any) -> Store:
    path, create = store_location(args)
    store = Store.open(path, create=create, **kwargs)
    for result in store.seed_results:
        if result.outcome == "failed":
            warn(f"warning: sample not imported: {result.reason}")
    return store


def looks_like_a_meeting_name(spec: str) -> bool:
    """Whether ``spec`` reads as a meeting's name rather than an ID's start: a date or a
    year, or words (an ID is one run of hex digits)."""
    spec = spec.strip()
    return len(spec.split()) > 1 or bool(_DATE.fullmatch(spec) or _NOT_HEX.search(spec))


def resolve_target(store: Store, spec: str) -> str:
    """The full ID of the commitment, area or meeting ``spec`` names: an ID or its start,
    or a meeting named as everywhere (``parsers.naming``: a date, a year, parties). A
    name that could be both is taken as the meeting's, as ``diff`` does."""
    if looks_like_a_meeting_name(spec):
        summaries = store.meeting_summaries()
        if naming.matching(summaries, spec):
            try:
                return naming.find_meeting(summaries, spec).id
            except naming.NamingError as exc:
                raise CommandError(str(exc)) from None
    return resolve_id(store, spec)


def meeting_ids(store: Store, specs: list[str], *, version: bool = False) -> list[str]:
    """The IDs of the meetings ``specs`` name (``parsers.naming``), each once, in order;
    a meeting's other language version named by its own ID is its meeting (with
    ``version``: that version, as ``list`` shows it)."""
    ids: list[str] = []
    for spec in specs:
        try:
            found = store.find_meeting(spec, version=version)
        except naming.NamingError as exc:
            raise CommandError(str(exc)) from None
        if found not in ids:
            ids.append(found)
    return ids


def store_command(handler: Handler) -> Handler:
    """Turn the store's errors into the command line's one-line errors."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except StoreError as exc:
            raise CommandError(store_error_text(exc), exc.status) from exc

    return run


def text_argument(value: str, what: str) -> str:
    """A text given on the command line, or ``-`` for all of standard input (UTF-8, a
    byte-order mark taken off)."""
    if value != "-":
        return value
    data = sys.stdin.buffer.read(STDIN_MAX_BYTES + 1)
    if len(data) > STDIN_MAX_BYTES:
        raise CommandError(
            f"the {what} on standard input is longer than {STDIN_MAX_BYTES >> 20} MB; "
            "nothing was written"
        )
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")  # a byte-order mark is no text
    except UnicodeDecodeError as exc:
        raise CommandError(f"the {what} on standard input is not UTF-8 text") from exc
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith("\n") else text


def console() -> Console:
    """Standard output; when it is not a terminal, lines are never cut or wrapped."""
    if sys.stdout.isatty():
        return Console(highlight=False)
    return Console(highlight=False, width=100_000, soft_wrap=True)


def json_text(data: Any) -> str:
    """``data`` as JSON for a terminal or a script: the C1 controls and bidi overrides
    that JSON leaves as they are written as ``\\u`` escapes too (``safetext.visible``),
    so the text reads back the same and shows nothing but itself."""
    return visible(json.dumps(data, ensure_ascii=False, indent=2))


def print_json(data: Any) -> None:
    sys.stdout.write(json_text(data) + "\n")


def annotation_json(ann: Annotation) -> dict[str, Any]:
    """The keys ``list --json`` adds to each commitment (and area and meeting)."""
    return {
        "status": ann.status.value,
        "tags": list(ann.tags),
        "notes": [
            {"id": n.id, "text": n.text, "created": n.created, "updated": n.updated, "by": n.by}
            for n in ann.notes
        ],
    }


def store_parser(
    sub: argparse._SubParsersAction,
    name: str,
    handler: Handler,
    *,
    help: str,
    description: str,
    author: bool = True,
) -> argparse.ArgumentParser:
    """A sub-command that works on the store: it runs ``handler`` and takes ``--db``
    (and ``--author``, unless ``author`` is False: a command whose ``--author`` means
    something else, as the rater ``stats`` counts)."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=description)
    add_db_option(parser, author=author)
    parser.set_defaults(handler=handler)
    return parser


def add_id_argument(
    parser: argparse.ArgumentParser,
    name: str = "id",
    metavar: str = "ID",
    help: str = "an ID or a unique prefix of one (a meeting also by its date, year or parties)",
) -> None:
    parser.add_argument(name, metavar=metavar, help=help)


def positive_int(value: str) -> int:
    """An argument that must be a whole number, 1 or more (``--limit N``)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def add_json_flag(
    parser: argparse.ArgumentParser | argparse._ArgumentGroup, help: str = "print JSON"
) -> None:
    parser.add_argument("--json", action="store_true", help=help)


AUTHOR_HELP = (
    "who is writing, recorded with each change and naming your files in a notes folder "
    "(default: $COOP_TUI_AUTHOR, else your user name)"
)


def add_db_option(parser: argparse.ArgumentParser, *, author: bool = True) -> None:
    """Accept ``--db`` and ``--author`` (unless ``author`` is False) after the
    sub-command too (the global options' values otherwise)."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the store file (default: $COOP_TUI_DB, else the per-user data directory)",
    )
    if author:
        parser.add_argument("--author", metavar="NAME", default=argparse.SUPPRESS, help=AUTHOR_HELP)
    parser.add_argument(
        "--create", action="store_true", default=argparse.SUPPRESS, help=CREATE_HELP
    )


CREATE_HELP = (
    "create the store if there is none at the path given (without it, only a store in the "
    "default location is created; see coop-tui init)"
)

"""What the store commands share: opening the store, errors, text input, output."""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console

from store import Annotation, Store, StoreError, default_db_path, resolve_db_path
from tui.commands import CommandError

Handler = Callable[[argparse.Namespace], int]


def store_location(args: argparse.Namespace) -> tuple[Path, bool]:
    """The store's path, and whether a store may be created there if there is none: only
    in the default location (the first run) or when asked (``--create``), never because
    ``--db`` or ``$COOP_TUI_DB`` named a path that does not exist (mistyped?)."""
    path = resolve_db_path(getattr(args, "db", None))
    return path, bool(getattr(args, "create", False)) or path == default_db_path()


def open_store(args: argparse.Namespace, **kwargs: Any) -> Store:
    path, create = store_location(args)
    store = Store.open(path, create=create, **kwargs)
    for result in store.seed_results:
        if result.outcome == "failed":
            print(f"coop-tui: warning: sample not imported: {result.reason}", file=sys.stderr)
    return store


def store_command(handler: Handler) -> Handler:
    """Turn the store's errors into the command line's one-line errors."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except StoreError as exc:
            raise CommandError(str(exc), exc.status) from exc

    return run


def text_argument(value: str, what: str) -> str:
    """A text given on the command line, or ``-`` for all of standard input (UTF-8)."""
    if value != "-":
        return value
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
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


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


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
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    handler: Handler,
    *,
    help: str,
    description: str,
) -> argparse.ArgumentParser:
    """A sub-command that works on the store: it runs ``handler`` and takes ``--db``."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=description)
    add_db_option(parser)
    parser.set_defaults(handler=handler)
    return parser


def add_id_argument(
    parser: argparse.ArgumentParser,
    name: str = "id",
    metavar: str = "ID",
    help: str = "an ID or a unique prefix of one",
) -> None:
    parser.add_argument(name, metavar=metavar, help=help)


def add_json_flag(parser: argparse.ArgumentParser, help: str = "print JSON") -> None:
    parser.add_argument("--json", action="store_true", help=help)


AUTHOR_HELP = (
    "who is writing, recorded with each change and naming your files in a notes folder "
    "(default: $COOP_TUI_AUTHOR, else your user name)"
)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """Accept ``--db`` and ``--author`` after the sub-command too (the global options'
    values otherwise)."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the store file (default: $COOP_TUI_DB, else the per-user data directory)",
    )
    parser.add_argument("--author", metavar="NAME", default=argparse.SUPPRESS, help=AUTHOR_HELP)
    parser.add_argument(
        "--create", action="store_true", default=argparse.SUPPRESS, help=CREATE_HELP
    )


CREATE_HELP = (
    "create the store if there is none at the path given (without it, only a store in the "
    "default location is created; see coop-tui init)"
)

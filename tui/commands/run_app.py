"""``coop-tui`` with no sub-command: open the app on the store."""

from __future__ import annotations

import argparse
import sys

from store import StoreError
from store.store import check_store_exists
from tui.app import make_app
from tui.commands import CommandError, warn
from tui.commands.errors import store_error_text
from tui.commands.store_common import store_location


def run_app(args: argparse.Namespace) -> int:
    try:
        path, create = store_location(args)
        if not create:
            check_store_exists(path)  # a mistyped --db: said before the app opens
    except StoreError as exc:
        raise CommandError(store_error_text(exc), exc.status) from exc
    if not (_is_terminal(sys.stdin) and _is_terminal(sys.stderr)):
        # the app reads keys from stdin and draws on stderr: without a terminal there it
        # would wait for keys that never come (and spin on an empty stdin)
        raise CommandError(
            "the app needs a terminal (its keys come from stdin, its screen goes to "
            "stderr); the commands work without one: see coop-tui --help"
        )
    app = make_app(path)
    app.run()
    if app.exit_notice:  # drafts kept when quitting with changes not written
        warn(app.exit_notice)
    if app.store_error:
        raise CommandError(app.store_error)
    return app.return_code or 0


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())

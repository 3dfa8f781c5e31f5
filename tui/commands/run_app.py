"""``coop-tui`` with no sub-command: open the app on the store."""

from __future__ import annotations

import argparse
import sys

from store import StoreError, resolve_db_path
from tui.commands import CommandError


def run_app(args: argparse.Namespace) -> int:
    from tui.app import make_app

    try:
        path = resolve_db_path(getattr(args, "db", None))
    except StoreError as exc:
        raise CommandError(str(exc), exc.status) from exc
    app = make_app(path)
    app.run()
    if app.exit_notice:  # drafts kept when quitting with changes not written
        print(f"coop-tui: {app.exit_notice}", file=sys.stderr)
    if app.store_error:
        raise CommandError(app.store_error)
    return app.return_code or 0
